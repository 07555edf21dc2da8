//! Live updates (integrations.md §3): `GET /rooms/{id}/live` and the Server-Sent Events
//! of `GET /rooms/{id}/events` in local mode.

use acceptance::*;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration as StdDuration;
use time::Duration;

const ANN: &str = "ann@example.com";
/// The wait for an event. The contract's second is checked in Chromium and measured by
/// the wave benchmark; here (a loaded CI machine) only that it comes.
const PUSH: StdDuration = StdDuration::from_secs(5);

/// A room starting in an hour, Ann admitted as a viewer: (host token, room, her cookie).
async fn room_with_ann(s: &TestService) -> (String, String, String) {
    let t = host_token("o", "h");
    let room = s.create_room(&t, Duration::hours(1)).await;
    let link = s.invite_link(&t, &room, json!({ "email": ANN })).await;
    let cookie = s.cookie_for(&link, ANN).await;
    (t, room, cookie)
}

async fn events(s: &TestService, room: &str, cookie: &str) -> EventStream {
    s.open_stream(Call::get(&format!("/rooms/{room}/events")).cookie(cookie))
        .await
        .unwrap_or_else(|r| panic!("no stream: {} {}", r.status, r.text()))
}

async fn set_role(s: &TestService, t: &str, room: &str, role: &str) {
    let r = s
        .send(
            Call::new(
                Method::PUT,
                &format!("/api/rooms/{room}/participants/{ANN}/role"),
            )
            .bearer(t)
            .json(&json!({ "role": role })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

async fn starts_at(s: &TestService, t: &str, room: &str) -> String {
    s.send(Call::get(&format!("/api/rooms/{room}")).bearer(t))
        .await
        .json()["starts_at"]
        .as_str()
        .expect("starts_at")
        .to_owned()
}

fn role(name: &str, permissions: &[&str]) -> (String, Value) {
    (
        "role".into(),
        json!({ "role": name, "permissions": permissions }),
    )
}

#[tokio::test]
async fn the_stream_starts_with_the_current_state_then_carries_every_change() {
    let s = TestService::start().await;
    let (t, room, cookie) = room_with_ann(&s).await;
    let mut stream = events(&s, &room, &cookie).await;
    assert_eq!(stream.header("content-type"), Some("text/event-stream"));
    assert_eq!(stream.header("cache-control"), Some("no-store"));
    assert_eq!(stream.header("x-accel-buffering"), Some("no"));
    let start = starts_at(&s, &t, &room).await;
    assert_eq!(
        stream.next_event(PUSH).await,
        Some((
            "status".into(),
            json!({ "status": "scheduled", "starts_at": start })
        ))
    );
    assert_eq!(
        stream.next_event(PUSH).await,
        Some(role("viewer", &["live", "chat", "qa", "interactions"]))
    );

    // A role change by the host.
    set_role(&s, &t, &room, "speaker").await;
    assert_eq!(
        stream.next_event(PUSH).await,
        Some(role(
            "speaker",
            &["live", "chat", "qa", "interactions", "backchannel"]
        ))
    );

    // A reschedule, then the session start.
    let later = shared::domain::time_fmt::format(s.clock.now() + Duration::hours(2));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{room}"))
                .bearer(&t)
                .json(&json!({ "starts_at": later })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        stream.next_event(PUSH).await,
        Some((
            "status".into(),
            json!({ "status": "scheduled", "starts_at": later })
        ))
    );
    let started = s
        .local()
        .state
        .app
        .start_session(&shared::app::SessionStart {
            room_id: room.clone(),
            starts_at: shared::domain::time_fmt::parse(&later).expect("time"),
        })
        .await
        .expect("start");
    assert_eq!(started, shared::app::StartOutcome::Started);
    assert_eq!(
        stream.next_event(PUSH).await,
        Some((
            "status".into(),
            json!({ "status": "live", "starts_at": later })
        ))
    );

    // Deletion is the last event: the stream ends.
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{room}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        stream.next_event(PUSH).await,
        Some(("deleted".into(), json!({})))
    );
    assert_eq!(stream.next_block(PUSH).await, None, "the stream ends");
    drop(stream);
    assert_eq!(s.local().live.channels(), (0, 0), "nothing left behind");
}

#[tokio::test]
async fn the_scheduled_session_start_reaches_open_streams() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    // An hour ahead while the pages open (the set-up takes seconds on DynamoDB on moto),
    // then moved to 3 s ahead: the in-process scheduler fires the start.
    let room = s.create_room(&t, Duration::hours(1)).await;
    let mut pages = Vec::new();
    for name in ["ann", "bob", "cy"] {
        let email = format!("{name}@example.com");
        let link = s.invite_link(&t, &room, json!({ "email": email })).await;
        let cookie = s.cookie_for(&link, &email).await;
        let mut stream = events(&s, &room, &cookie).await;
        assert_eq!(
            stream.next_event(PUSH).await.expect("status").1["status"],
            "scheduled"
        );
        assert_eq!(stream.next_event(PUSH).await.expect("role").0, "role");
        pages.push(stream);
    }
    // One room channel, one channel per participant.
    assert_eq!(s.local().live.channels(), (1, 3));
    let soon = shared::domain::time_fmt::format(s.clock.now() + Duration::seconds(3));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{room}"))
                .bearer(&t)
                .json(&json!({ "starts_at": soon })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // A stream carries the latest state: a page that reads late sees `live` alone.
    for stream in &mut pages {
        loop {
            let (name, data) = stream
                .next_event(StdDuration::from_secs(15))
                .await
                .expect("the start");
            assert_eq!(name, "status");
            assert_eq!(data["starts_at"], json!(soon));
            if data["status"] == "live" {
                break;
            }
            assert_eq!(data["status"], "scheduled");
        }
    }
}

#[tokio::test]
async fn a_role_change_reaches_only_that_participants_streams_and_a_burst_ends_on_the_last_role() {
    let s = TestService::start().await;
    let (t, room, cookie) = room_with_ann(&s).await;
    let link = s
        .invite_link(&t, &room, json!({ "email": "bob@example.com" }))
        .await;
    let bob_cookie = s.cookie_for(&link, "bob@example.com").await;
    let mut tabs = [
        events(&s, &room, &cookie).await,
        events(&s, &room, &cookie).await,
    ];
    let mut bob = s
        .open_stream(Call::get(&format!("/rooms/{room}/events")).cookie(&bob_cookie))
        .await
        .map_err(|r| r.status)
        .expect("Bob's stream");
    for stream in tabs.iter_mut().chain([&mut bob]) {
        stream.next_event(PUSH).await.expect("status");
        stream.next_event(PUSH).await.expect("role");
    }
    // Changes faster than anyone reads them: each page ends on the current role.
    for r in ["speaker", "moderator", "viewer", "moderator"] {
        set_role(&s, &t, &room, r).await;
    }
    for stream in &mut tabs {
        let mut last = None;
        while last.as_deref() != Some("moderator") {
            let (name, data) = stream.next_event(PUSH).await.expect("a role");
            assert_eq!(name, "role");
            last = data["role"].as_str().map(str::to_owned);
        }
    }
    // Bob hears nothing of it: his next block is the room's deletion.
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{room}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        bob.next_event(PUSH).await,
        Some(("deleted".into(), json!({})))
    );
}

#[tokio::test]
async fn idle_streams_carry_comments() {
    let s = TestService::with_options(|o| o.live_keep_alive = StdDuration::from_millis(100)).await;
    let (_, room, cookie) = room_with_ann(&s).await;
    let mut stream = events(&s, &room, &cookie).await;
    stream.next_event(PUSH).await.expect("status");
    stream.next_event(PUSH).await.expect("role");
    for _ in 0..2 {
        assert_eq!(stream.next_block(PUSH).await, Some(Sse::Comment));
    }
}

#[tokio::test]
async fn the_stream_refuses_like_the_room_page_and_closing_it_leaves_nothing() {
    let s = TestService::start().await;
    let (t, room, cookie) = room_with_ann(&s).await;
    let other = s.create_room(&t, Duration::hours(1)).await;
    let refused = |r: Result<EventStream, Reply>| match r {
        Ok(_) => panic!("a stream"),
        Err(r) => (r.status, r.code()),
    };
    let path = format!("/rooms/{room}/events");
    assert_eq!(
        refused(s.open_stream(Call::get(&path)).await),
        (StatusCode::FORBIDDEN, "not_a_participant".into())
    );
    assert_eq!(
        refused(
            s.open_stream(Call::get(&format!("/rooms/{other}/events")).cookie(&cookie))
                .await
        ),
        (StatusCode::FORBIDDEN, "not_a_participant".into())
    );
    assert_eq!(
        refused(
            s.open_stream(Call::get("/rooms/01JDX5AMP1E0000R00M0000000/events").cookie(&cookie))
                .await
        ),
        (StatusCode::NOT_FOUND, "room_not_found".into())
    );
    // The refusals subscribed nothing that stays.
    assert_eq!(s.local().live.channels(), (0, 0));
    let open = events(&s, &room, &cookie).await;
    assert_eq!(s.local().live.channels(), (1, 1));
    drop(open);
    assert_eq!(
        s.local().live.channels(),
        (0, 0),
        "a closed page leaves nothing"
    );
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{room}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        refused(s.open_stream(Call::get(&path).cookie(&cookie)).await),
        (StatusCode::GONE, "room_deleted".into())
    );
}

#[tokio::test]
async fn live_tells_an_admitted_page_how_to_subscribe() {
    let s = TestService::start().await;
    let (t, room, cookie) = room_with_ann(&s).await;
    let r = s
        .send(Call::get(&format!("/rooms/{room}/live")).cookie(&cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let body = r.json();
    assert_eq!(body["transport"], "sse");
    assert_eq!(body["url"], format!("{BASE}/rooms/{room}/events"));
    assert_eq!(body["token"], Value::Null);
    let channels = body["channels"].as_array().expect("channels");
    assert_eq!(channels.len(), 2);
    assert_eq!(channels[0], format!("rooms/{room}"));
    let own = channels[1].as_str().expect("a name");
    assert!(
        own.starts_with(&format!("rooms/{room}/participants/p_")) && !own.contains("ann"),
        "the participant channel names the identity, never the address: {own}"
    );
    // The URL it names is the stream.
    let stream_path = body["url"].as_str().expect("url").trim_start_matches(BASE);
    let mut stream = s
        .open_stream(Call::get(stream_path).cookie(&cookie))
        .await
        .map_err(|r| r.status)
        .expect("the stream");
    assert_eq!(stream.next_event(PUSH).await.expect("status").0, "status");

    let r = s.send(Call::get(&format!("/rooms/{room}/live"))).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "not_a_participant".into())
    );
    let r = s
        .send(Call::get("/rooms/01JDX5AMP1E0000R00M0000000/live").cookie(&cookie))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, "room_not_found".into())
    );
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{room}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = s
        .send(Call::get(&format!("/rooms/{room}/live")).cookie(&cookie))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::GONE, "room_deleted".into())
    );
}
