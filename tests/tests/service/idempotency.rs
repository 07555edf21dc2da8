//! An `Idempotency-Key` whose request stopped half-way (the function timed out, the
//! process died) does not lock the key for a day: a retry is told to wait while the
//! claim's lease runs, then takes the key over and finishes the work, finding what the
//! stopped request created (invite ids derived from the key and the entry's position)
//! rather than issuing it twice; the invitation the stopped request never mailed goes
//! out once.

use acceptance::flaky_mailer::{FlakyMailer, MailFaults};
use acceptance::*;
use http::StatusCode;
use serde_json::{json, Value};
use shared::domain::mail_retry::MailRetryPolicy;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration as StdDuration;

fn ids_of(results: &Value) -> Vec<String> {
    results["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["invite"]["invite_id"]
                .as_str()
                .unwrap_or_else(|| panic!("an entry failed: {r}"))
                .to_owned()
        })
        .collect()
}

async fn listed_ids(s: &TestService, t: &str, room: &str) -> BTreeSet<String> {
    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/invites?limit=100")).bearer(t))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["invites"]
        .as_array()
        .expect("invites")
        .iter()
        .filter_map(|i| i["invite_id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_bulk_that_stopped_half_way_is_finished_by_its_retry_without_duplicates() {
    let faults = Arc::new(MailFaults::default());
    let wrap = faults.clone();
    let s = TestService::with_options(move |o| {
        o.mailer_wrapper = Some(FlakyMailer::wrap(wrap));
        // The unrecorded invitation is queued after the first backoff: 1 s here.
        o.mail_retry = MailRetryPolicy {
            first_delay: time::Duration::seconds(1),
            max_delay: time::Duration::seconds(2),
            window: time::Duration::hours(24),
        };
    })
    .await;
    let t = host_token("o", "h");
    let room = s.create_room(&t, time::Duration::days(1)).await;
    let emails: Vec<String> = (0..6).map(|i| format!("u{i}@example.com")).collect();
    let body = json!({"invites": emails.iter().map(|e| json!({"email": e})).collect::<Vec<_>>()});
    let call = || {
        Call::post(&format!("/api/rooms/{room}/invites"))
            .bearer(&t)
            .json(&body)
            .header("idempotency-key", "import-chunk-1")
    };

    // The first request hangs on its fourth email and is abandoned, as a function
    // timeout abandons it: three invites mailed, a fourth created but not mailed.
    faults.stall_after(3);
    let stopped = tokio::time::timeout(StdDuration::from_secs(3), s.send(call())).await;
    assert!(stopped.is_err(), "the first request should hang");
    faults.heal();
    let created = listed_ids(&s, &t, &room).await;
    assert_eq!(created.len(), 4, "{created:?}");

    // While the claim's lease runs, a retry is told to wait.
    let early = s.send(call()).await;
    assert_eq!(
        (early.status, early.code()),
        (StatusCode::CONFLICT, "conflict".into())
    );

    // After the lease, the retry takes the key over and finishes the work.
    s.clock.advance(time::Duration::seconds(61));
    let rerun = s.send(call()).await;
    assert_eq!(rerun.status, StatusCode::OK, "{}", rerun.text());
    assert_eq!(rerun.header("idempotent-replayed"), None);
    let ids = ids_of(&rerun.json());
    assert_eq!(ids.len(), 6);
    assert!(
        created.iter().all(|id| ids.contains(id)),
        "the rerun answers the invites the stopped request created: {created:?} {ids:?}"
    );
    assert_eq!(
        listed_ids(&s, &t, &room).await,
        ids.iter().cloned().collect::<BTreeSet<_>>(),
        "no invite issued twice"
    );

    // Every address gets its invitation exactly once, the one never mailed included.
    s.eventually(
        "every invitation mailed",
        StdDuration::from_secs(20),
        || async { emails.iter().all(|e| !s.emails_to(e).is_empty()) },
    )
    .await;
    for e in &emails {
        assert_eq!(s.emails_to(e).len(), 1, "{e}");
    }

    // From now on the key replays the finished answer.
    let replay = s.send(call()).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert_eq!(ids_of(&replay.json()), ids);
}

#[tokio::test]
async fn a_request_refused_by_an_outage_releases_its_key_for_the_retry() {
    let (s, store) = TestService::counting().await;
    let t = host_token("o", "h");
    let create = || {
        Call::post("/api/rooms")
            .bearer(&t)
            .header("idempotency-key", "room-1")
            .json(&json!({"title": "Outage", "starts_at": "2030-01-01T10:00:00Z"}))
    };
    store.fail_room_creations(1);
    let refused = s.send(create()).await;
    assert_eq!(
        (refused.status, refused.code()),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable".into()
        ),
        "{}",
        refused.text()
    );
    // The 503 was not the request's answer: the retry runs it, it is not replayed.
    let retried = s.send(create()).await;
    assert_eq!(retried.status, StatusCode::CREATED, "{}", retried.text());
    assert_eq!(retried.header("idempotent-replayed"), None);
    let again = s.send(create()).await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json(), retried.json());
}

/// Under an `Idempotency-Key`, an entry an outage refuses fails the whole bulk (`503`
/// with `Retry-After`), and the retry finishes it: the entries made before are found by
/// their ids, nobody is invited or mailed twice. Without a key the entry says so and the
/// others stand.
#[tokio::test]
async fn an_outage_in_the_middle_of_a_keyed_bulk_is_retried_whole_without_duplicates() {
    let (s, store) = TestService::counting().await;
    let t = host_token("o", "h");
    let room = s.create_room(&t, time::Duration::days(1)).await;
    let body = serde_json::json!({"invites": (0..5)
        .map(|i| serde_json::json!({"email": format!("k{i}@example.com")}))
        .collect::<Vec<_>>()});
    let call = || {
        Call::post(&format!("/api/rooms/{room}/invites"))
            .bearer(&t)
            .json(&body)
            .header("idempotency-key", "bulk-outage")
    };
    store.fail_invite_creations(2, 1);
    let refused = s.send(call()).await;
    assert_eq!(
        (refused.status, refused.code()),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable".into()
        ),
        "{}",
        refused.text()
    );
    assert!(refused.header("retry-after").is_some());
    assert_eq!(
        listed_ids(&s, &t, &room).await.len(),
        2,
        "two made before the outage"
    );

    let retried = s.send(call()).await;
    assert_eq!(retried.status, StatusCode::OK, "{}", retried.text());
    let ids = ids_of(&retried.json());
    assert_eq!(ids.len(), 5);
    assert_eq!(
        listed_ids(&s, &t, &room).await,
        ids.iter().cloned().collect::<BTreeSet<_>>()
    );
    for i in 0..5 {
        assert_eq!(s.emails_to(&format!("k{i}@example.com")).len(), 1, "k{i}");
    }

    // Without a key: the refused entry says so, the others are made.
    store.fail_invite_creations(1, 1);
    let r = s
        .send(
            Call::post(&format!("/api/rooms/{room}/invites"))
                .bearer(&t)
                .json(&serde_json::json!({"invites": [
                    {"email": "n0@example.com"}, {"email": "n1@example.com"}, {"email": "n2@example.com"}]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let results = r.json()["results"].clone();
    assert_eq!(results[1]["error"], "service_unavailable", "{results}");
    assert!(results[0]["invite"].is_object() && results[2]["invite"].is_object());
}
