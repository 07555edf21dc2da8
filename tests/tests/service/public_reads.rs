//! Cheap reads under the session-start wave (issue 10, item 3): `/rooms/{id}/status` with
//! a weak `ETag`, `304` and a short `Cache-Control`, and the per-instance cache of the
//! public room data, counted at the store.

use acceptance::*;
use http::{Method, StatusCode};
use serde_json::json;
use std::time::{Duration as StdDuration, Instant};
use time::Duration;

const LIMIT: StdDuration = StdDuration::from_secs(15);

async fn status(s: &TestService, id: &str) -> Reply {
    s.send(Call::get(&format!("/rooms/{id}/status"))).await
}

#[tokio::test]
async fn status_carries_a_weak_etag_and_answers_304_while_unchanged() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(2)).await;
    let first = status(&s, &id).await;
    assert_eq!(first.status, StatusCode::OK);
    let body = first.json();
    let mut keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["server_time", "starts_at", "status"]);
    let starts_at = time::OffsetDateTime::parse(
        body["starts_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let etag = first.header("etag").expect("an ETag").to_owned();
    assert_eq!(
        etag,
        format!("W/\"scheduled-{}\"", starts_at.unix_timestamp())
    );
    // Two hours ahead: fresh for 10 s, for everyone (no cookie is involved).
    assert_eq!(first.header("cache-control"), Some("public, max-age=10"));

    let again = s
        .send(Call::get(&format!("/rooms/{id}/status")).header("if-none-match", &etag))
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert_eq!(again.header("cache-control"), Some("public, max-age=10"));
    // Another tag, or none: the full answer.
    let other = s
        .send(Call::get(&format!("/rooms/{id}/status")).header("if-none-match", "W/\"live-1\""))
        .await;
    assert_eq!(other.status, StatusCode::OK);

    // Rescheduled: the old tag no longer matches.
    let new_start = shared::domain::time_fmt::format(s.clock.now() + Duration::seconds(15));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({ "starts_at": new_start })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let moved = s
        .send(Call::get(&format!("/rooms/{id}/status")).header("if-none-match", &etag))
        .await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(moved.json()["starts_at"], json!(new_start));
    assert_ne!(moved.header("etag"), Some(etag.as_str()));
    // 15 s before the start a cached "scheduled" may live 1 s; never past the start.
    let cc = moved.header("cache-control").unwrap();
    assert!(
        cc == "public, max-age=1" || cc == "public, no-cache",
        "{cc}"
    );

    // Errors are not cacheable.
    let unknown = status(&s, "01JDX5AMP1E0000R00M0000000").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.header("cache-control"), Some("no-store"));
    assert_eq!(unknown.header("etag"), None);
}

#[tokio::test]
async fn repeated_public_reads_of_a_room_hit_the_store_once_per_second() {
    let (s, store) = TestService::counting().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(1)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let cookie = s.cookie_for(&link, "ann@example.com").await;

    let before = store.room_reads();
    let started = Instant::now();
    for _ in 0..10 {
        assert_eq!(status(&s, &id).await.status, StatusCode::OK);
        let page = s
            .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let me = s
            .send(Call::get(&format!("/rooms/{id}/me")).cookie(&cookie))
            .await;
        assert_eq!(me.status, StatusCode::OK);
    }
    let reads = store.room_reads() - before;
    let elapsed = started.elapsed();
    // 30 public reads: one store read per started second of the cache's TTL (none at
    // all while the read of the redemption just before, for the room's admission
    // settings, is still fresh).
    let allowed = 1 + (elapsed.as_millis() / shared::app::PUBLIC_ROOM_TTL.as_millis()) as usize;
    assert!(
        (0..=allowed).contains(&reads),
        "{reads} room reads for 30 requests in {elapsed:?}"
    );

    // The host API always reads the store (a PATCH compares the stored version).
    let before = store.room_reads();
    let r = s
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(store.room_reads() - before, 1);
}

#[tokio::test]
async fn a_write_of_this_instance_is_seen_by_the_next_public_read() {
    let (s, store) = TestService::counting().await;
    let t = host_token("o", "h");

    // Reschedule: the cached room is forgotten at once.
    let id = s.create_room(&t, Duration::hours(1)).await;
    assert_eq!(status(&s, &id).await.status, StatusCode::OK);
    let new_start = shared::domain::time_fmt::format(s.clock.now() + Duration::hours(2));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({ "starts_at": new_start })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(status(&s, &id).await.json()["starts_at"], json!(new_start));

    // Delete: 410 at once, not a cached "scheduled".
    assert_eq!(status(&s, &id).await.status, StatusCode::OK);
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let gone = status(&s, &id).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.code(), "room_deleted");

    // Session start: the room is read (and cached) every 20 ms up to the start; the
    // moment the start is announced, which is after the cache forgot the room, the
    // next read says live.
    let id = s.create_room(&t, Duration::seconds(2)).await;
    let before = store.room_reads();
    let mut polls = 0;
    loop {
        let started = s.events.names().contains(&"SessionStarted");
        let r = status(&s, &id).await;
        polls += 1;
        if started {
            assert_eq!(r.json()["status"], "live");
            break;
        }
        assert!(polls < 1000, "the room did not start");
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
    // ~100 polls over 2 s were answered by about one store read per second (250 ms
    // past the start) and one after the start.
    let reads = store.room_reads() - before;
    assert!(reads < polls / 4, "{reads} store reads for {polls} polls");
    s.eventually("the room to be live", LIMIT, || async {
        status(&s, &id).await.json()["status"] == "live"
    })
    .await;
}
