//! Mail is never lost (issue 21): an invitation the mailer refuses for a reason that may
//! pass is `queued` and sent again, with the same link, until it goes out; a permanent
//! refusal or the end of the retry window is `failed`; a retry after a lost answer
//! mails nothing when SES has said (a `Send` event) that the first one went out.

use acceptance::flaky_mailer::{FlakyMailer, MailFaults};
use acceptance::*;
use http::StatusCode;
use serde_json::{json, Value};
use shared::domain::mail_retry::MailRetryPolicy;
use shared::domain::MailEvent;
use shared::ports::MailFailure;
use std::sync::Arc;
use std::time::Duration as StdDuration;
use time::Duration;

/// Local mode whose mailer fails on demand, retrying after `first` (then doubling up to
/// 2 s) for `window`.
async fn service(faults: &Arc<MailFaults>, first: Duration, window: Duration) -> TestService {
    let faults = faults.clone();
    TestService::with_options(move |o| {
        o.mailer_wrapper = Some(FlakyMailer::wrap(faults));
        o.mail_retry = MailRetryPolicy {
            first_delay: first,
            max_delay: Duration::seconds(2),
            window,
        };
    })
    .await
}

/// [`service`] with a host token and a room starting in a day: (faults, service, token,
/// room).
async fn with_room(
    first: Duration,
    window: Duration,
) -> (Arc<MailFaults>, TestService, String, String) {
    let faults = Arc::new(MailFaults::default());
    let s = service(&faults, first, window).await;
    let t = host_token("o", "h");
    let room = s.create_room(&t, Duration::days(1)).await;
    (faults, s, t, room)
}

/// The invite as the list shows it.
async fn invite_json(s: &TestService, t: &str, room: &str, id: &str) -> Value {
    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/invites")).bearer(t))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["invites"]
        .as_array()
        .expect("invites")
        .iter()
        .find(|i| i["invite_id"] == id)
        .cloned()
        .expect("the invite is listed")
}

async fn wait_for_delivery(s: &TestService, t: &str, room: &str, id: &str, want: &str) {
    s.eventually(
        &format!("delivery {want}"),
        StdDuration::from_secs(20),
        || async { invite_json(s, t, room, id).await["delivery"] == want },
    )
    .await;
}

#[tokio::test]
async fn a_throttled_invitation_is_queued_then_sent_with_a_working_link() {
    let (faults, s, t, room) = with_room(Duration::seconds(1), Duration::hours(24)).await;
    faults.fail(MailFailure::Transient);
    let r = s
        .invite(&t, &room, json!({"email": "ann@example.com"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["delivery"], "queued");
    let id = r.json()["invite_id"].as_str().expect("id").to_owned();
    // Listed, filtered and counted as queued.
    let listed = s
        .send(Call::get(&format!("/api/rooms/{room}/invites?delivery=queued")).bearer(&t))
        .await;
    assert_eq!(listed.json()["invites"].as_array().map(Vec::len), Some(1));
    let summary = s
        .send(Call::get(&format!("/api/rooms/{room}/summary")).bearer(&t))
        .await;
    assert_eq!(
        summary.json()["delivery"]["queued"],
        1,
        "{}",
        summary.text()
    );
    assert!(s.emails_to("ann@example.com").is_empty());

    // The mail service recovers: the retry sends it, once.
    faults.heal();
    wait_for_delivery(&s, &t, &room, &id, "sent").await;
    assert_eq!(s.emails_to("ann@example.com").len(), 1);
    let link = s.latest_link("ann@example.com");
    let joined = s.login(&link, "ann@example.com").await;
    assert!(
        joined.session_cookie().is_some(),
        "the retried link works: {}",
        joined.text()
    );
}

#[tokio::test]
async fn a_lost_answer_is_retried_with_the_same_link_unless_ses_said_sent() {
    let (faults, s, t, room) = with_room(Duration::seconds(1), Duration::hours(24)).await;

    // No word from SES: the retry mails again, with the same link (at-least-once).
    faults.fail_next(MailFailure::Ambiguous, 1);
    let r = s
        .invite(&t, &room, json!({"email": "bob@example.com"}))
        .await;
    assert_eq!(r.json()["delivery"], "queued");
    let id = r.json()["invite_id"].as_str().expect("id").to_owned();
    wait_for_delivery(&s, &t, &room, &id, "sent").await;
    let mails = s.emails_to("bob@example.com");
    assert_eq!(mails.len(), 2, "sent, answer lost, sent again");
    assert_eq!(
        link_in(&mails[0]),
        link_in(&mails[1]),
        "the same link both times"
    );

    // SES's `Send` event arrives before the retry: nothing is mailed twice.
    let slow = service(&faults, Duration::seconds(2), Duration::hours(24)).await;
    let room = slow.create_room(&t, Duration::days(1)).await;
    faults.fail_next(MailFailure::Ambiguous, 1);
    let r = slow
        .invite(&t, &room, json!({"email": "cy@example.com"}))
        .await;
    assert_eq!(r.json()["delivery"], "queued");
    let id = r.json()["invite_id"].as_str().expect("id").to_owned();
    let mut event: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ses-events/send.json"),
        )
        .expect("fixture"),
    )
    .expect("json");
    event["detail"]["mail"]["tags"]["invite_id"] = json!([id]);
    let event = MailEvent::from_eventbridge(&event).expect("readable");
    slow.local()
        .state
        .app
        .record_mail_event(&event)
        .await
        .expect("recorded");
    assert_eq!(invite_json(&slow, &t, &room, &id).await["delivery"], "sent");
    slow.eventually("the retry to run", StdDuration::from_secs(10), || async {
        !slow
            .local()
            .scheduler
            .armed_jobs()
            .iter()
            .any(|j| j.starts_with("mail-"))
    })
    .await;
    assert_eq!(slow.emails_to("cy@example.com").len(), 1, "mailed once");
}

#[tokio::test]
async fn a_permanent_refusal_or_the_end_of_the_window_is_failed() {
    let (faults, s, t, room) = with_room(Duration::seconds(1), Duration::seconds(3)).await;
    faults.fail(MailFailure::Permanent);
    let r = s
        .invite(&t, &room, json!({"email": "dee@example.com"}))
        .await;
    assert_eq!(r.json()["delivery"], "failed", "{}", r.text());

    faults.fail(MailFailure::Transient);
    let r = s
        .invite(&t, &room, json!({"email": "eve@example.com"}))
        .await;
    assert_eq!(r.json()["delivery"], "queued");
    let id = r.json()["invite_id"].as_str().expect("id").to_owned();
    wait_for_delivery(&s, &t, &room, &id, "failed").await;
    assert!(
        faults.attempts.load(std::sync::atomic::Ordering::SeqCst) >= 3,
        "retried before giving up"
    );
    // A resend (a new link) is the host's way out, and works once mail does.
    faults.heal();
    let r = s
        .send(Call::post(&format!("/api/rooms/{room}/invites/{id}/resend")).bearer(&t))
        .await;
    assert_eq!(r.json()["delivery"], "sent", "{}", r.text());
}

#[tokio::test]
async fn a_revoked_or_resent_invite_is_not_mailed_by_an_old_retry() {
    let (faults, s, t, room) = with_room(Duration::seconds(1), Duration::hours(24)).await;
    faults.fail(MailFailure::Transient);
    let r = s
        .invite(&t, &room, json!({"email": "fay@example.com"}))
        .await;
    let id = r.json()["invite_id"].as_str().expect("id").to_owned();
    let revoked = s
        .send(
            Call::new(
                http::Method::DELETE,
                &format!("/api/rooms/{room}/invites/{id}"),
            )
            .bearer(&t),
        )
        .await;
    assert!(revoked.status.is_success(), "{}", revoked.text());
    faults.heal();
    s.eventually("the retry to run", StdDuration::from_secs(10), || async {
        !s.local()
            .scheduler
            .armed_jobs()
            .iter()
            .any(|j| j.starts_with("mail-"))
    })
    .await;
    assert!(
        s.emails_to("fay@example.com").is_empty(),
        "a revoked invite gets no mail"
    );
}
