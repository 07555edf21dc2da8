//! The console dashboard follows its room pushed, not by a timer: `GET
//! /console/rooms/{id}/live` names the room's and its hosts' channel, and in local mode
//! `GET /console/rooms/{id}/events` streams `activity` when the room's numbers change
//! (an invite, a redemption, a role change), to hosts of the room's organization only.

use acceptance::*;
use http::StatusCode;
use serde_json::{json, Value};
use std::time::Duration as StdDuration;

const PUSH: StdDuration = StdDuration::from_secs(5);

#[tokio::test]
async fn the_dashboard_stream_says_when_the_rooms_numbers_change() {
    let s = TestService::start().await;
    let api = host_token("org-a", "alice");
    let room = s.create_room(&api, time::Duration::days(1)).await;
    let console = s.console("org-a", "alice", None).await;

    let r = s
        .send(console.get(&format!("/console/rooms/{room}/live")))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let sub: Value = r.json();
    assert_eq!(sub["transport"], "sse");
    assert_eq!(
        sub["url"],
        format!("{BASE}/console/rooms/{room}/events"),
        "{sub}"
    );
    assert_eq!(
        sub["channels"],
        json!([format!("rooms/{room}"), format!("rooms/{room}/hosts")])
    );

    let mut stream = s
        .open_stream(console.get(&format!("/console/rooms/{room}/events")))
        .await
        .unwrap_or_else(|r| panic!("no stream: {} {}", r.status, r.text()));
    assert_eq!(stream.header("content-type"), Some("text/event-stream"));

    // An invitation, then its redemption: each is an `activity`.
    let link = s
        .invite_link(&api, &room, json!({ "email": "ann@example.com" }))
        .await;
    let (name, data) = stream.next_event(PUSH).await.expect("an event");
    assert_eq!((name.as_str(), data), ("activity", json!({})));
    assert_eq!(
        s.login(&link, "ann@example.com").await.status,
        StatusCode::SEE_OTHER
    );
    let (name, _) = stream.next_event(PUSH).await.expect("an event");
    assert_eq!(name, "activity");
}

#[tokio::test]
async fn another_organizations_host_cannot_follow_the_room() {
    let s = TestService::start().await;
    let room = s
        .create_room(&host_token("org-a", "alice"), time::Duration::days(1))
        .await;
    let other = s.console("org-b", "bob", None).await;
    for path in [
        format!("/console/rooms/{room}/live"),
        format!("/console/rooms/{room}/events"),
    ] {
        let r = s.send(other.get(&path)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.text());
    }
    // Without a console session: sent to sign in, no stream.
    let r = s
        .send(Call::get(&format!("/console/rooms/{room}/events")))
        .await;
    assert_ne!(r.status, StatusCode::OK);
    assert_ne!(r.header("content-type"), Some("text/event-stream"));
}
