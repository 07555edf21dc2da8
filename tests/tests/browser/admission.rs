//! Who gets in, in Chromium (admission contract, sections 2 and 3): a `verify: code`
//! room (a wrong code, a refused early resend, a new code, the right one), another device
//! proving the address again, and a `verify: sso` room whose invitee signs in at the
//! test provider (oidc-provider-mock) and comes back to the event page. Screenshots at
//! desktop and phone sizes under `test-output/screenshots/admission-*`.

use super::support::{tools, Driver};
use super::{click, full, type_into, ONE_AT_A_TIME};
use acceptance::oidc::Provider;
use acceptance::*;
use http::StatusCode;
use serde_json::json;
use std::time::Duration;

const ANN: &str = "ann@example.com";

/// Sets the room's `admission` (a partial object, as `PATCH` takes it).
async fn set_admission(s: &TestService, host: &str, room: &str, admission: serde_json::Value) {
    let r = s
        .send(
            Call::new(http::Method::PATCH, &format!("/api/rooms/{room}"))
                .bearer(host)
                .json(&json!({ "admission": admission })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

/// The newest code mailed to Ann.
fn latest_code(s: &TestService) -> String {
    let mail = s
        .emails_to(ANN)
        .into_iter()
        .rfind(|m| m.contains("Subject: Your code for"))
        .expect("a code email");
    let at = mail.find("is:").expect("the code sentence");
    mail[at..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect()
}

async fn uses(s: &TestService, host: &str, room: &str) -> serde_json::Value {
    s.send(Call::get(&format!("/api/rooms/{room}/invites")).bearer(host))
        .await
        .json()["invites"][0]["uses"]
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_room_and_another_device_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, time::Duration::hours(1)).await;
    set_admission(&s, &host, &room, json!({"verify": "code"})).await;
    let link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN })).await,
    );

    let b = driver.browser().await;
    b.goto(&link).await;
    b.wait_body("page", "lobby", Duration::from_secs(10)).await;
    assert!(b.text("#email-help").await.contains("6-digit code"));
    b.check_page("admission-01-code-lobby", false).await;

    // The address → the code step, the address kept, where the code went said.
    type_into(&b, "email", ANN).await;
    click(&b, "button[type=submit]").await;
    super::support::until("the code field", Duration::from_secs(10), || async {
        b.attr("#code", "name").await.map(|_| ())
    })
    .await;
    assert_eq!(b.attr("#email", "value").await.as_deref(), Some(ANN));
    assert!(b.text("#code-sent").await.contains(ANN));
    assert_eq!(
        b.js("return document.activeElement.id").await,
        json!("code")
    );
    b.check_page("admission-02-code-sent", false).await;

    // A wrong code: said at the code field, which keeps the focus.
    let code = latest_code(&s);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    type_into(&b, "code", wrong).await;
    click(&b, "form:not(.resend) button[type=submit]").await;
    b.wait_body("error", "code_invalid", Duration::from_secs(10))
        .await;
    assert!(b.text("#code-error").await.contains("not right"));
    assert_eq!(
        b.attr("#code", "aria-invalid").await.as_deref(),
        Some("true")
    );
    b.check_page("admission-03-wrong-code", true).await;

    // Asking again at once is refused with the wait; after 30 s a new code comes.
    click(&b, "form.resend button").await;
    b.wait_body("error", "too_many_requests", Duration::from_secs(10))
        .await;
    assert!(b.text("#code-error").await.contains("wait"));
    b.check_page("admission-04-resend-too-soon", true).await;
    s.clock.advance(time::Duration::seconds(31));
    click(&b, "form.resend button").await;
    super::support::until("a new code", Duration::from_secs(10), || async {
        (b.body_data("error").await.is_none() && latest_code(&s) != code).then_some(())
    })
    .await;
    let fresh = latest_code(&s);
    type_into(&b, "code", &fresh).await;
    click(&b, "form:not(.resend) button[type=submit]").await;
    b.wait_body("page", "event", Duration::from_secs(10)).await;
    b.check_page("admission-05-code-admitted", false).await;
    assert_eq!(uses(&s, &host, &room).await, 1);

    // Another device: a fresh browser, the same used single-use link, a fresh code.
    s.clock.advance(time::Duration::seconds(31));
    let phone = driver.browser().await;
    phone.goto(&link).await;
    phone
        .wait_body("page", "lobby", Duration::from_secs(10))
        .await;
    type_into(&phone, "email", ANN).await;
    click(&phone, "button[type=submit]").await;
    super::support::until("the code field", Duration::from_secs(10), || async {
        phone.attr("#code", "name").await.map(|_| ())
    })
    .await;
    type_into(&phone, "code", &latest_code(&s)).await;
    click(&phone, "form:not(.resend) button[type=submit]").await;
    phone
        .wait_body("page", "event", Duration::from_secs(10))
        .await;
    phone.check_page("admission-06-another-device", false).await;
    assert_eq!(
        uses(&s, &host, &room).await,
        1,
        "no use for the second device"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitee_signs_in_at_the_organizations_provider_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let provider = Provider::start();
    let issuer = provider.issuer.clone();
    let s = TestService::listen_with_options(move |o| {
        o.invitee_oidc = Some((
            shared::config::InviteeOidcSettings {
                issuer,
                client_id: "rooms-invitees".into(),
            },
            Some("invitee-client-secret".into()),
        ));
    })
    .await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, time::Duration::hours(1)).await;
    set_admission(&s, &host, &room, json!({"verify": "sso"})).await;
    let link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN, "role": "speaker" }))
            .await,
    );
    provider
        .set_user("ann", json!({"email": ANN, "email_verified": true}))
        .await;

    let b = driver.browser().await;
    b.goto(&link).await;
    b.wait_body("page", "lobby", Duration::from_secs(10)).await;
    assert_eq!(b.text("a.button").await, "Continue with sign-in");
    b.check_page("admission-07-sign-in-lobby", false).await;

    // To the provider's own form, and back.
    click(&b, "a.button").await;
    super::support::until("the provider's form", Duration::from_secs(10), || async {
        let url = b.client.current_url().await.ok()?;
        url.as_str().starts_with(&provider.issuer).then_some(())
    })
    .await;
    // The provider's page is not ours: its own console messages (a stylesheet from a
    // CDN this machine cannot reach, its favicon) are read off here, not judged.
    let _ = b.problems(&[]).await;
    // The mock's form: a subject field and an "Authorize" button (the first submit).
    b.client
        .find(fantoccini::Locator::Css("input[name=sub]"))
        .await
        .expect("the subject field")
        .send_keys("ann")
        .await
        .expect("typing");
    click(&b, "button[type=submit]").await;
    b.wait_body("page", "event", Duration::from_secs(15)).await;
    assert_eq!(
        b.client.current_url().await.expect("url").as_str(),
        full(&s, &format!("/rooms/{room}"))
    );
    b.check_page("admission-08-signed-in", false).await;
    assert_eq!(uses(&s, &host, &room).await, 1);
}

/// The waiting room in Chromium: the guest's page says they wait; the host's decision
/// arrives pushed and the page follows by itself (a denial with its reason and a knock
/// button, then, after a knock, the admission into the event page).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_guest_follows_the_hosts_decisions_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, time::Duration::hours(1)).await;
    set_admission(&s, &host, &room, json!({"approval": "everyone"})).await;
    let link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN })).await,
    );
    let b = driver.browser().await;
    super::sign_in(&b, &link, ANN).await;
    b.wait_body("page", "waiting", Duration::from_secs(10))
        .await;
    assert!(b.text("#waiting-note").await.contains("lets you in"));
    b.check_page("admission-09-waiting", false).await;

    let identity = |s: &TestService| {
        let email = shared::domain::EmailAddress::parse(ANN).expect("email");
        s.local()
            .state
            .app
            .config
            .participant_identity(&room, &email)
    };
    let decide = |what: &str, body: Option<serde_json::Value>| {
        let mut call = Call::post(&format!(
            "/api/rooms/{room}/waiting/{}/{what}",
            identity(&s)
        ))
        .bearer(&host);
        if let Some(body) = body {
            call = call.json(&body);
        }
        call
    };
    let denied = s
        .send(decide("deny", Some(json!({"reason": "Members only"}))))
        .await;
    assert_eq!(denied.status, StatusCode::OK, "{}", denied.text());
    b.wait_body("page", "denied", Duration::from_secs(10)).await;
    assert!(b.text("#denied").await.contains("Members only"));
    b.check_page("admission-10-denied", false).await;

    // A minute later the guest knocks, and the host lets them in.
    s.clock.advance(time::Duration::seconds(61));
    click(&b, "#denied button[type=submit]").await;
    b.wait_body("page", "waiting", Duration::from_secs(10))
        .await;
    let admitted = s.send(decide("admit", None)).await;
    assert_eq!(admitted.status, StatusCode::OK, "{}", admitted.text());
    b.wait_body("page", "event", Duration::from_secs(10)).await;
    b.check_page("admission-11-let-in", false).await;
}

/// Two browsers: a guest knocks (redeems a shared link), the moderator's panel shows
/// them with its badge, the moderator clicks "Admit", and the guest's page enters by
/// itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_lets_a_guest_in_from_the_panel_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, time::Duration::hours(1)).await;
    set_admission(&s, &host, &room, json!({"approval": "shared_links"})).await;
    let mod_link = full(
        &s,
        &s.invite_link(
            &host,
            &room,
            json!({ "email": "mod@example.com", "role": "moderator" }),
        )
        .await,
    );
    let guest_link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN, "max_uses": 20 }))
            .await,
    );
    let moderator = driver.browser().await;
    super::sign_in(&moderator, &mod_link, "mod@example.com").await;
    moderator
        .wait_body("page", "event", Duration::from_secs(10))
        .await;
    assert_eq!(moderator.text("#waiting-count").await, "0");
    moderator
        .check_page("admission-12-panel-empty", false)
        .await;

    let guest = driver.browser().await;
    super::sign_in(&guest, &guest_link, ANN).await;
    guest
        .wait_body("page", "waiting", Duration::from_secs(10))
        .await;
    let knocked = std::time::Instant::now();

    // Pushed on the moderators' channel: the badge moves without polling.
    super::support::until("the knock on the panel", Duration::from_secs(3), || async {
        (moderator.text("#waiting-count").await == "1").then_some(())
    })
    .await;
    println!(
        "the knock on the moderator's badge after {:?}",
        knocked.elapsed()
    );
    assert!(moderator.text("#waiting-list").await.contains("ann"));
    assert!(
        !moderator.text("#waiting-list").await.contains(ANN),
        "name and domain only"
    );
    assert!(moderator.text("#waiting-status").await.contains("waiting"));
    moderator
        .check_page("admission-13-panel-knock", false)
        .await;

    let clicked = std::time::Instant::now();
    click(&moderator, "#waiting-list li form:first-of-type button").await;
    guest
        .wait_body("page", "event", Duration::from_secs(10))
        .await;
    println!(
        "moderator's click to the guest's page entering: {:?}",
        clicked.elapsed()
    );
    super::support::until("the panel to empty", Duration::from_secs(10), || async {
        (moderator.text("#waiting-count").await == "0").then_some(())
    })
    .await;
    guest.check_page("admission-14-guest-let-in", false).await;
}
