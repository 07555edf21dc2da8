//! Mail you can trust (integrations.md section 4): the SES delivery events of
//! `tests/fixtures/ses-events` (AWS's documented shapes) fed to the use case, then the
//! contract: `delivery` in the invite JSON, `422 email_suppressed` on resend and on a new
//! invite, and `"force_email": true`.

use acceptance::*;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use shared::domain::MailEvent;
use time::Duration;

/// A fixture with its `invite_id` tag pointed at `invite_id`.
fn ses_event(name: &str, invite_id: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ses-events")
        .join(format!("{name}.json"));
    let mut event: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("json");
    event["detail"]["mail"]["tags"]["invite_id"] = json!([invite_id]);
    event
}

async fn feed(s: &TestService, name: &str, invite_id: &str) {
    let event = MailEvent::from_eventbridge(&ses_event(name, invite_id)).expect("readable");
    s.local()
        .state
        .app
        .record_mail_event(&event)
        .await
        .expect("recorded");
}

async fn delivery(s: &TestService, t: &str, room: &str, invite_id: &str) -> String {
    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/invites")).bearer(t))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["invites"]
        .as_array()
        .expect("invites")
        .iter()
        .find(|i| i["invite_id"] == invite_id)
        .and_then(|i| i["delivery"].as_str())
        .unwrap_or_default()
        .to_owned()
}

async fn resend(s: &TestService, t: &str, room: &str, invite_id: &str) -> Reply {
    s.send(
        Call::new(
            Method::POST,
            &format!("/api/rooms/{room}/invites/{invite_id}/resend"),
        )
        .bearer(t),
    )
    .await
}

async fn issue(s: &TestService, t: &str, room: &str, body: Value) -> (Reply, String) {
    let r = s.invite(t, room, body).await;
    let id = r.json()["invite_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (r, id)
}

#[tokio::test]
async fn delivered_then_a_late_delivered_never_hides_a_hard_bounce() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let room = s.create_room(&t, Duration::days(1)).await;
    let (r, id) = issue(&s, &t, &room, json!({"email": "ann@example.com"})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(delivery(&s, &t, &room, &id).await, "sent");
    feed(&s, "delivery", &id).await;
    assert_eq!(delivery(&s, &t, &room, &id).await, "delivered");
    feed(&s, "bounce-transient", &id).await;
    assert_eq!(
        delivery(&s, &t, &room, &id).await,
        "delivered",
        "a soft bounce changes nothing"
    );
    feed(&s, "bounce-permanent", &id).await;
    assert_eq!(delivery(&s, &t, &room, &id).await, "bounced");
    feed(&s, "delivery", &id).await;
    assert_eq!(
        delivery(&s, &t, &room, &id).await,
        "bounced",
        "a late delivered is ignored"
    );
}

#[tokio::test]
async fn a_soft_bounce_does_not_suppress() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let room = s.create_room(&t, Duration::days(1)).await;
    let (_, id) = issue(&s, &t, &room, json!({"email": "ann@example.com"})).await;
    feed(&s, "bounce-transient", &id).await;
    assert_eq!(delivery(&s, &t, &room, &id).await, "sent");
    let r = resend(&s, &t, &room, &id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn a_hard_bounce_suppresses_the_address_in_the_org_until_force_email() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let room = s.create_room(&t, Duration::days(1)).await;
    let other_room = s.create_room(&t, Duration::days(2)).await;
    let (_, id) = issue(&s, &t, &room, json!({"email": "ann@example.com"})).await;
    feed(&s, "bounce-permanent", &id).await;
    let mails_before = s.emails_to("ann@example.com").len();

    let r = resend(&s, &t, &room, &id).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.code(), "email_suppressed");
    let message = r.json()["message"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains("bounced permanently"), "{message}");
    assert!(message.contains("force_email"), "{message}");

    // Any invite of the address in the organization, also in another room and in bulk.
    let (r, _) = issue(&s, &t, &other_room, json!({"email": "Ann@Example.com"})).await;
    assert_eq!(r.code(), "email_suppressed", "{}", r.text());
    let bulk = s
        .send(
            Call::post(&format!("/api/rooms/{other_room}/invites"))
                .bearer(&t)
                .json(&json!({"invites": [{"email": "ann@example.com"}, {"email": "bob@example.com"}]})),
        )
        .await;
    assert_eq!(bulk.status, StatusCode::OK);
    assert_eq!(bulk.json()["results"][0]["error"], "email_suppressed");
    assert_eq!(bulk.json()["results"][1]["invite"]["delivery"], "sent");
    assert_eq!(
        s.emails_to("ann@example.com").len(),
        mails_before,
        "nothing was emailed"
    );

    // A link the host shares himself involves no email: allowed.
    let (r, _) = issue(
        &s,
        &t,
        &other_room,
        json!({"email": "ann@example.com", "send_email": false}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // Another organization is not affected.
    let t2 = host_token("o2", "h2");
    let room2 = s.create_room(&t2, Duration::days(1)).await;
    let (r, _) = issue(&s, &t2, &room2, json!({"email": "ann@example.com"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());

    // force_email: the host confirmed the address; the email goes out and the
    // suppression is lifted (the old invite can be resent again).
    let (r, forced) = issue(
        &s,
        &t,
        &room,
        json!({"email": "ann@example.com", "force_email": true}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["delivery"], "sent");
    assert!(s.emails_to("ann@example.com").len() > mails_before);
    assert_eq!(delivery(&s, &t, &room, &forced).await, "sent");
    let r = resend(&s, &t, &room, &id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["delivery"], "sent");
}

#[tokio::test]
async fn a_complaint_suppresses_with_its_own_reason() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let room = s.create_room(&t, Duration::days(1)).await;
    let (_, id) = issue(&s, &t, &room, json!({"email": "ann@example.com"})).await;
    feed(&s, "delivery", &id).await;
    feed(&s, "complaint", &id).await;
    assert_eq!(delivery(&s, &t, &room, &id).await, "complained");
    let r = resend(&s, &t, &room, &id).await;
    assert_eq!(r.code(), "email_suppressed");
    assert!(r.json()["message"]
        .as_str()
        .unwrap_or_default()
        .contains("spam"));
}

#[tokio::test]
async fn force_email_must_be_a_boolean() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let room = s.create_room(&t, Duration::days(1)).await;
    let (r, _) = issue(
        &s,
        &t,
        &room,
        json!({"email": "ann@example.com", "force_email": "yes"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    // On an address that is not suppressed it changes nothing.
    let (r, _) = issue(
        &s,
        &t,
        &room,
        json!({"email": "ann@example.com", "force_email": true}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["delivery"], "sent");
}
