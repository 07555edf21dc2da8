//! The pages follow the server's event stream: no polling, and a broken stream catches
//! up by itself.

use super::*;

/// Live updates: the event and room pages subscribe to `/rooms/{id}/events` and follow
/// the stream without polling `/status` or `/me` (requests counted at the server): the
/// session start opens the room within 2 s, a role change shows within 1 s without a
/// reload, and the deletion shows the `room_deleted` page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_follow_the_stream_without_polling() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, time::Duration::hours(1)).await;
    let link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN })).await,
    );
    let (events, status, me) = (
        format!("/rooms/{room}/events"),
        format!("/rooms/{room}/status"),
        format!("/rooms/{room}/me"),
    );
    let b = driver.browser().await;
    sign_in(&b, &link, ANN).await;
    b.wait_body("page", "event", Duration::from_secs(10)).await;
    until(
        "the event page to subscribe",
        Duration::from_secs(10),
        || async {
            (s.requests_to(&events) == 1 && s.local().live.channels() == (1, 1)).then_some(())
        },
    )
    .await;

    // The session starts (the trigger, now): the page enters the room within 2 s.
    let api = s
        .send(Call::get(&format!("/api/rooms/{room}")).bearer(&host))
        .await
        .json();
    let starts_at = shared::domain::time_fmt::parse(api["starts_at"].as_str().expect("starts_at"))
        .expect("a time");
    let started = Instant::now();
    s.local()
        .state
        .app
        .start_session(&shared::app::SessionStart {
            room_id: room.clone(),
            starts_at,
        })
        .await
        .expect("the start");
    b.wait_body("page", "room", Duration::from_secs(2)).await;
    let entered = started.elapsed();
    assert!(
        entered <= Duration::from_secs(2),
        "entered after {entered:?}"
    );
    assert_eq!(b.features().await, VIEWER);
    until(
        "the room page to subscribe",
        Duration::from_secs(10),
        || async { (s.requests_to(&events) == 2).then_some(()) },
    )
    .await;
    b.js("window.__sameDocument = true;").await;

    // The host makes Ann a moderator: the page shows it within 1 s, without a reload.
    let r = s
        .send(
            Call::new(
                Method::PUT,
                &format!("/api/rooms/{room}/participants/{ANN}/role"),
            )
            .bearer(&host)
            .json(&json!({ "role": "moderator" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let changed = Instant::now();
    wait_features(&b, &MODERATOR, Duration::from_secs(1)).await;
    assert!(changed.elapsed() <= Duration::from_secs(1));
    assert_eq!(b.text("#role").await, "a moderator");
    assert_eq!(
        b.js("return window.__sameDocument === true").await,
        json!(true)
    );
    b.check_page("live-01-room-upgraded-by-push", false).await;

    // Nothing polled: neither the event page nor the room page asked /status or /me.
    assert_eq!((s.requests_to(&status), s.requests_to(&me)), (0, 0));

    // The room is deleted: the page shows it by itself, and leaves no channel behind.
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{room}")).bearer(&host))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    b.wait_body("error", "room_deleted", Duration::from_secs(5))
        .await;
    b.check_page("live-02-room-deleted-by-push", true).await;
    assert_eq!((s.requests_to(&status), s.requests_to(&me)), (0, 0));
    until("the stream to close", Duration::from_secs(5), || async {
        (s.local().live.channels() == (0, 0)).then_some(())
    })
    .await;
    b.client.close().await.expect("close");
}

/// A stream that breaks does not leave the page stale: the page subscribes again
/// (jittered, through `/live`), polling `/me` meanwhile, and picks up a role change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_stream_breaks_catches_up_by_itself() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, time::Duration::seconds(1)).await;
    s.eventually("the room to go live", Duration::from_secs(15), || async {
        s.send(Call::get(&format!("/rooms/{room}/status")))
            .await
            .json()["status"]
            == "live"
    })
    .await;
    let link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN })).await,
    );
    let b = driver.browser().await;
    sign_in(&b, &link, ANN).await;
    b.wait_body("page", "room", Duration::from_secs(10)).await;
    let live = format!("/rooms/{room}/live");
    until("the page to subscribe", Duration::from_secs(10), || async {
        (s.local().live.channels() == (1, 1)).then_some(())
    })
    .await;
    b.js("window.__sameDocument = true;").await;
    let subscribed = s.requests_to(&live);

    // Every stream ends (as at a shutdown), then the role changes.
    s.local().live.close();
    let r = s
        .send(
            Call::new(
                Method::PUT,
                &format!("/api/rooms/{room}/participants/{ANN}/role"),
            )
            .bearer(&host)
            .json(&json!({ "role": "moderator" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    wait_features(&b, &MODERATOR, Duration::from_secs(15)).await;
    assert!(
        s.requests_to(&live) > subscribed,
        "the page asked /live again"
    );
    assert_eq!(
        b.js("return window.__sameDocument === true").await,
        json!(true)
    );
    b.check_page("live-03-room-after-a-broken-stream", false)
        .await;
    b.client.close().await.expect("close");
}
