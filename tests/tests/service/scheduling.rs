use acceptance::*;
use http::{Method, StatusCode};
use serde_json::json;
use std::time::Duration as StdDuration;
use time::Duration;

const LIMIT: StdDuration = StdDuration::from_secs(15);

async fn status(s: &TestService, id: &str) -> String {
    let r = s.send(Call::get(&format!("/rooms/{id}/status"))).await;
    r.json()["status"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_scheduled_room_goes_live_by_itself_at_its_start() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::seconds(2)).await;
    assert_eq!(status(&s, &id).await, "scheduled");
    s.eventually("the room to go live", LIMIT, || async {
        status(&s, &id).await == "live"
    })
    .await;
    // The event is published just after the room is marked live: await it.
    s.eventually("SessionStarted to be published", LIMIT, || async {
        s.events.names().contains(&"SessionStarted")
    })
    .await;
    // Once live it stays live, and the event page became the room.
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let cookie = s.cookie_for(&link, "ann@example.com").await;
    let page = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie))
        .await
        .text();
    assert!(page.contains(r#"data-page="room""#));
}

#[tokio::test]
async fn a_rescheduled_rooms_old_start_does_not_fire_and_a_deleted_rooms_neither() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    // Starts far enough out that the PATCH and DELETE below land before them even on a
    // loaded machine (a live room can no longer be rescheduled).
    let moved = s.create_room(&t, Duration::seconds(6)).await;
    let deleted = s.create_room(&t, Duration::seconds(6)).await;
    // A control room starting just after the old start: once it is live, the old start
    // has certainly passed through the scheduler.
    let control = s.create_room(&t, Duration::seconds(7)).await;
    let later = shared::domain::time_fmt::format(s.clock.now() + Duration::hours(1));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{moved}"))
                .bearer(&t)
                .json(&json!({"starts_at": later})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        s.send(Call::new(Method::DELETE, &format!("/api/rooms/{deleted}")).bearer(&t))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    s.eventually("the control room to go live", LIMIT, || async {
        status(&s, &control).await == "live"
    })
    .await;
    // Its event is published just after it is marked live.
    s.eventually("the control room's SessionStarted", LIMIT, || async {
        s.events.names().contains(&"SessionStarted")
    })
    .await;
    assert_eq!(status(&s, &moved).await, "scheduled");
    let r = s.send(Call::get(&format!("/rooms/{deleted}/status"))).await;
    assert_eq!(r.code(), "room_deleted");
    assert_eq!(
        s.events
            .names()
            .iter()
            .filter(|n| **n == "SessionStarted")
            .count(),
        1
    );
}

#[tokio::test]
async fn the_session_start_use_case_is_idempotent_and_ignores_stale_payloads() {
    use shared::app::{SessionStart, StartOutcome};
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(1)).await;
    let room = s
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&t))
        .await
        .json();
    let starts_at = shared::domain::time_fmt::parse(room["starts_at"].as_str().unwrap()).unwrap();
    let app = &s.local().state.app;
    let stale = SessionStart {
        room_id: id.clone(),
        starts_at: starts_at - Duration::minutes(5),
    };
    assert_eq!(
        app.start_session(&stale).await.unwrap(),
        StartOutcome::Ignored
    );
    assert_eq!(status(&s, &id).await, "scheduled");
    let current = SessionStart {
        room_id: id.clone(),
        starts_at,
    };
    assert_eq!(
        app.start_session(&current).await.unwrap(),
        StartOutcome::Started
    );
    assert_eq!(
        app.start_session(&current).await.unwrap(),
        StartOutcome::Ignored
    );
    assert_eq!(status(&s, &id).await, "live");
    let unknown = SessionStart {
        room_id: "nope".into(),
        starts_at,
    };
    assert_eq!(
        app.start_session(&unknown).await.unwrap(),
        StartOutcome::Ignored
    );
}
