use acceptance::*;
use http::StatusCode;
use serde_json::json;
use std::time::Duration as StdDuration;
use time::Duration;

#[tokio::test]
async fn a_restart_keeps_rooms_invites_participants_sessions_and_pending_starts() {
    let mut s = TestService::start().await;
    let t = host_token("o", "h");
    let live = s.create_room(&t, -Duration::minutes(1)).await;
    let soon = s.create_room(&t, Duration::seconds(3)).await;
    let soon_room = s
        .send(Call::get(&format!("/api/rooms/{soon}")).bearer(&t))
        .await
        .json();
    let starts_soon =
        shared::domain::time_fmt::parse(soon_room["starts_at"].as_str().unwrap()).unwrap();
    let link = s
        .invite_link(
            &t,
            &live,
            json!({"email": "ann@example.com", "role": "speaker"}),
        )
        .await;
    let pending = s
        .invite_link(&t, &live, json!({"email": "bob@example.com"}))
        .await;
    let cookie = s.cookie_for(&link, "ann@example.com").await;
    let before_rooms = s
        .send(Call::get(&format!("/api/rooms/{live}")).bearer(&t))
        .await
        .json();
    let before_invites = s
        .send(Call::get(&format!("/api/rooms/{live}/invites")).bearer(&t))
        .await
        .json();

    s.restart(None).await;

    assert_eq!(
        s.send(Call::get(&format!("/api/rooms/{live}")).bearer(&t))
            .await
            .json(),
        before_rooms
    );
    assert_eq!(
        s.send(Call::get(&format!("/api/rooms/{live}/invites")).bearer(&t))
            .await
            .json(),
        before_invites
    );
    let me = s
        .send(Call::get(&format!("/rooms/{live}/me")).cookie(&cookie))
        .await;
    assert_eq!(
        me.status,
        StatusCode::OK,
        "the session cookie survives a restart"
    );
    assert_eq!(me.json()["role"], "speaker");
    let participants = s
        .send(Call::get(&format!("/api/rooms/{live}/participants")).bearer(&t))
        .await
        .json();
    assert_eq!(
        participants["participants"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        s.send(Call::get(&link)).await.page_error(),
        Some("link_used".into())
    );
    assert_eq!(
        s.login(&pending, "bob@example.com").await.status,
        StatusCode::SEE_OTHER
    );

    if s.store.is_none() {
        assert_eq!(
            s.local().scheduler.armed(),
            1,
            "the pending start was re-armed"
        );
    } else {
        // Local mode re-arms from the embedded store; on AWS the schedules live in
        // EventBridge Scheduler, outside the process: arm this one as it would be.
        let scheduler = &s.local().state.app.scheduler;
        scheduler
            .schedule_start(&soon, starts_soon)
            .await
            .expect("armed");
    }
    s.eventually(
        "the re-armed room to go live",
        StdDuration::from_secs(15),
        || async {
            s.send(Call::get(&format!("/rooms/{soon}/status")))
                .await
                .json()["status"]
                == "live"
        },
    )
    .await;
}
