//! The invitee's journey in headless Chromium (through chromedriver), against local mode
//! served on a free 127.0.0.1 port in this process: the link from the `.eml`, the lobby,
//! the countdown that opens the room by itself, a role upgrade from a second tab, the
//! error pages, and the login-CSRF refusal of a cross-site form. Every page is checked
//! for console errors, CSP violations and structural accessibility, and screenshotted
//! (desktop and phone) under `test-output/screenshots/`.
//!
//! Needs `chromium` and `chromedriver` (Debian: `chromium chromium-driver`, see
//! `.ci/setup-browser.sh`); skipped with a note when missing, failed when `CI` is set.

mod admission;
mod appsync_live;
mod console;
mod guests;
mod languages;
mod streams;
mod support;

use acceptance::*;
use http::{Method, StatusCode};
use serde_json::json;
use std::time::{Duration, Instant};
use support::{screenshot_dir, tools, until, Browser, Driver};

/// One browser test at a time: the machine has two cores.
pub(crate) static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const ANN: &str = "ann@example.com";

pub(crate) fn full(s: &TestService, path: &str) -> String {
    format!("{}{path}", s.base)
}

async fn patch_start(s: &TestService, token: &str, room_id: &str, starts_in: time::Duration) {
    let starts_at = shared::domain::time_fmt::format(s.clock.now() + starts_in);
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{room_id}"))
                .bearer(token)
                .json(&json!({ "starts_at": starts_at })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

async fn wait_features(b: &Browser, want: &[&str], limit: Duration) {
    until(&format!("features {want:?}"), limit, || async {
        (b.features().await == want).then_some(())
    })
    .await
}

const VIEWER: [&str; 4] = ["live", "chat", "qa", "interactions"];
const MODERATOR: [&str; 6] = [
    "live",
    "chat",
    "qa",
    "interactions",
    "backchannel",
    "qa_moderation",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_invitee_journey_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    // Far ahead, so that a slow machine still sees the lobby and the event page; moved
    // to a few seconds ahead just before the login.
    let room = s.create_room(&host, time::Duration::hours(1)).await;
    let first_link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN })).await,
    );

    let b = driver.browser().await;

    // The link from the .eml → the lobby.
    b.goto(&first_link).await;
    b.wait_body("page", "lobby", Duration::from_secs(10)).await;
    assert_eq!(b.text("h1").await, "Quarterly all-hands");
    assert_eq!(b.text("button[type=submit]").await, "Login");
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("en"));
    // The start time was rewritten to local time by the script; the UTC text stays as title.
    let utc = b
        .attr("time[data-local]", "title")
        .await
        .unwrap_or_default();
    assert!(
        utc.ends_with("UTC"),
        "UTC fallback kept as the title: {utc:?}"
    );
    assert!(b.attr("#email", "aria-invalid").await.is_none());
    b.check_page("journey-01-lobby", false).await;

    // A wrong email → the message inline, the form kept, focus on the field.
    let field = b
        .client
        .find(fantoccini::Locator::Id("email"))
        .await
        .expect("email field");
    field.send_keys("bob@example.com").await.expect("typing");
    b.client
        .find(fantoccini::Locator::Css("button[type=submit]"))
        .await
        .expect("Login button")
        .click()
        .await
        .expect("click");
    b.wait_body("error", "email_mismatch", Duration::from_secs(10))
        .await;
    let message = b.text("#email-error").await;
    assert!(message.contains("not the email address"), "{message}");
    assert_eq!(
        b.attr("#email-error", "role").await.as_deref(),
        Some("alert")
    );
    assert_eq!(
        b.attr("#email", "aria-invalid").await.as_deref(),
        Some("true")
    );
    assert_eq!(
        b.js("return document.activeElement.id").await,
        json!("email")
    );
    assert_eq!(b.text("button[type=submit]").await, "Login");
    b.check_page("journey-02-lobby-wrong-email", true).await;

    // The session now starts in a few seconds; the right email → the event page.
    patch_start(&s, &host, &room, time::Duration::seconds(12)).await;
    let field = b
        .client
        .find(fantoccini::Locator::Id("email"))
        .await
        .expect("email field");
    field.clear().await.expect("clearing");
    field.send_keys(" Ann@Example.com").await.expect("typing");
    b.client
        .find(fantoccini::Locator::Css("button[type=submit]"))
        .await
        .expect("Login button")
        .click()
        .await
        .expect("click");
    b.wait_body("page", "event", Duration::from_secs(10)).await;
    let room_url = full(&s, &format!("/rooms/{room}"));
    assert_eq!(
        b.client.current_url().await.expect("url").as_str(),
        room_url
    );
    assert!(b.text("main").await.contains("Dana"), "speakers shown");
    assert!(b.text("main").await.contains("Agenda"), "attachments shown");
    assert_eq!(b.features().await, Vec::<String>::new());
    let first = b.text("#countdown").await;
    assert!(first.starts_with("Starts in 00:00:"), "{first}");
    // The countdown runs.
    let later = until(
        "the countdown to change",
        Duration::from_secs(5),
        || async {
            let now = b.text("#countdown").await;
            (now != first).then_some(now)
        },
    )
    .await;
    assert!(
        later < first || later.starts_with("Starting"),
        "{first} → {later}"
    );
    b.check_page("journey-03-event", false).await;

    // The room opens by itself at the start: no click, no login.
    b.wait_body("page", "room", Duration::from_secs(40)).await;
    assert_eq!(
        b.client.current_url().await.expect("url").as_str(),
        room_url
    );
    assert_eq!(b.features().await, VIEWER);
    assert_eq!(b.text("#role").await, "a viewer");
    b.check_page("journey-04-room-viewer", false).await;
    let first_tab = b.client.window().await.expect("window");
    // A marker that survives only as long as this document: proves "without a reload".
    b.js("window.__sameDocument = true;").await;

    // A second invite with a higher role, opened in a new tab while in the room.
    let upgrade = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN, "role": "moderator" }))
            .await,
    );
    let tab = b.client.new_window(true).await.expect("new tab");
    b.client.switch_to_window(tab.handle).await.expect("switch");
    let redeemed_at = Instant::now();
    b.goto(&upgrade).await;
    b.wait_body("page", "room", Duration::from_secs(10)).await;
    assert_eq!(b.features().await, MODERATOR);
    assert_eq!(b.text("#role").await, "a moderator");
    b.check_page("journey-05-room-moderator-new-tab", false)
        .await;

    // The first tab shows the new features within 10 seconds, without a reload.
    b.client
        .switch_to_window(first_tab)
        .await
        .expect("switch back");
    wait_features(
        &b,
        &MODERATOR,
        Duration::from_secs(10).saturating_sub(redeemed_at.elapsed()),
    )
    .await;
    assert!(redeemed_at.elapsed() <= Duration::from_secs(10));
    assert_eq!(
        b.js("return window.__sameDocument === true").await,
        json!(true)
    );
    assert_eq!(b.text("#role").await, "a moderator");
    let note = b.text("#role-note").await;
    assert!(
        note.contains("moderator") && note.contains("Q&A moderation"),
        "{note}"
    );
    b.check_page("journey-06-room-upgraded-first-tab", false)
        .await;

    // A used link in a fresh browser profile → link_used.
    let fresh = driver.browser().await;
    fresh.goto(&first_link).await;
    fresh
        .wait_body("error", "link_used", Duration::from_secs(10))
        .await;
    assert!(fresh
        .text("main")
        .await
        .contains("Ask the organizer for a new link."));
    fresh.check_page("journey-07-link-used", true).await;

    // The room page without having joined → not_a_participant.
    fresh.goto(&room_url).await;
    fresh
        .wait_body("error", "not_a_participant", Duration::from_secs(10))
        .await;
    fresh.check_page("journey-08-not-a-participant", true).await;

    // A link that matches nothing → invalid_link.
    fresh.goto(&full(&s, "/join/not-a-real-token")).await;
    fresh
        .wait_body("error", "invalid_link", Duration::from_secs(10))
        .await;
    fresh.check_page("journey-09-invalid-link", true).await;

    // The room is deleted while the first tab is open on it: the tab shows the
    // room_deleted page by itself, and so does every link of the room.
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{room}")).bearer(&host))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    b.wait_body("error", "room_deleted", Duration::from_secs(20))
        .await;
    assert!(b.text("main").await.contains("Ask the host"));
    // The stream's `deleted` reloaded it; the room page itself is the expected failed load.
    b.check_page("journey-10-room-deleted", true).await;
    fresh.goto(&upgrade).await;
    fresh
        .wait_body("error", "room_deleted", Duration::from_secs(10))
        .await;
    fresh
        .check_page("journey-11-link-of-deleted-room", true)
        .await;

    fresh.client.close().await.expect("close");
    b.client.close().await.expect("close");
    for name in [
        "journey-01-lobby",
        "journey-03-event",
        "journey-04-room-viewer",
        "journey-10-room-deleted",
    ] {
        let shot = screenshot_dir().join(format!("{name}-phone.png"));
        assert!(shot.is_file(), "{} saved", shot.display());
    }
}

/// A form on another site that posts to the lobby (login CSRF) is refused with the
/// `forbidden` page, and the invite stays unused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_form_cannot_log_anyone_in() {
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

    // The attacker's page, on another site (localhost is not 127.0.0.1).
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let port = listener.local_addr().expect("address").port();
    let page = format!(
        "<!doctype html><html lang=en><title>Win a prize</title><link rel=icon href=\"data:,\"><form method=post action=\"{link}\">\
         <input name=email value=\"{ANN}\"><button id=go>Claim</button></form></html>"
    );
    let attacker = tokio::spawn(async move {
        let app = axum::Router::new().route(
            "/",
            axum::routing::get(move || {
                let page = page.clone();
                async move { axum::response::Html(page) }
            }),
        );
        let _ = axum::serve(listener, app).await;
    });

    let b = driver.browser().await;
    b.goto(&format!("http://localhost:{port}/")).await;
    b.client
        .find(fantoccini::Locator::Id("go"))
        .await
        .expect("the attacker's button")
        .click()
        .await
        .expect("click");
    b.wait_body("error", "forbidden", Duration::from_secs(10))
        .await;
    assert!(b.text("main").await.contains("another website"));
    b.check_page("csrf-01-cross-site-form-refused", true).await;
    attacker.abort();

    let invites = s
        .send(Call::get(&format!("/api/rooms/{room}/invites")).bearer(&host))
        .await
        .json();
    assert_eq!(invites["invites"][0]["uses"], 0, "nothing consumed");

    // The same link still works from its own lobby in the same browser.
    b.goto(&link).await;
    b.wait_body("page", "lobby", Duration::from_secs(10)).await;
    let field = b
        .client
        .find(fantoccini::Locator::Id("email"))
        .await
        .expect("email field");
    field.send_keys(ANN).await.expect("typing");
    b.client
        .find(fantoccini::Locator::Css("button[type=submit]"))
        .await
        .expect("Login button")
        .click()
        .await
        .expect("click");
    b.wait_body("page", "event", Duration::from_secs(10)).await;
    b.client.close().await.expect("close");
}

/// Signs in through the lobby of `link` with `email` in the browser.
async fn sign_in(b: &Browser, link: &str, email: &str) {
    b.goto(link).await;
    b.wait_body("page", "lobby", Duration::from_secs(10)).await;
    type_into(b, "email", email).await;
    click(b, "button[type=submit]").await;
}

/// LiveKit: the live room page frames LiveKit's web client with the entry's server URL
/// and token; a viewer promoted by the host while in the room gets speaker powers in
/// the media room (the Twirp UpdateParticipant call, at once) and on the page, without
/// a reload.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_promoted_viewer_can_publish_in_the_livekit_room_without_a_reload() {
    use acceptance::room_backend::{livekit, RecordingEndpoint};
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    // One loopback endpoint is both the LiveKit server (Twirp) and the web client page.
    let lk = RecordingEndpoint::start().await;
    let mut backend = livekit(&lk.ws_url());
    backend.0.livekit_meet_url = format!("http://{}", lk.base);
    let s = TestService::listen_with(backend).await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, -time::Duration::minutes(1)).await;
    let link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN, "role": "viewer" }))
            .await,
    );
    let b = driver.browser().await;
    sign_in(&b, &link, ANN).await;
    b.wait_body("page", "room", Duration::from_secs(10)).await;
    let src = until(
        "the LiveKit client frame",
        Duration::from_secs(10),
        || async {
            b.attr("#stage iframe", "src")
                .await
                .filter(|s| !s.is_empty())
        },
    )
    .await;
    let custom = format!("http://{}/custom?liveKitUrl=", lk.base);
    assert!(src.starts_with(&custom), "{src}");
    assert!(src.contains("&token=ey"), "{src}");
    wait_features(&b, &VIEWER, Duration::from_secs(5)).await;
    b.check_page("livekit-01-room", false).await;
    b.js("window.__sameDocument = 'yes';").await;

    let r = s
        .send(
            Call::new(
                Method::PUT,
                &format!("/api/rooms/{room}/participants/{ANN}/role"),
            )
            .bearer(&host)
            .json(&json!({ "role": "speaker" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // In the media room: the Twirp call was made before the host's request returned.
    let twirp: Vec<_> = lk
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/twirp/"))
        .collect();
    assert_eq!(twirp.len(), 1);
    assert_eq!(
        twirp[0].path,
        "/twirp/livekit.RoomService/UpdateParticipant"
    );
    let body: serde_json::Value = serde_json::from_str(&twirp[0].body).expect("JSON");
    assert_eq!(body["permission"]["canPublish"], true);
    assert_eq!(body["room"], room.as_str());
    // On the page: the speaker's features, same document.
    let speaker = ["live", "chat", "qa", "interactions", "backchannel"];
    wait_features(&b, &speaker, Duration::from_secs(15)).await;
    assert_eq!(b.js("return window.__sameDocument").await, json!("yes"));
    b.client.close().await.expect("close");
}

/// redirect: the live room page navigates to the room application with the entry token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_room_page_navigates_to_the_room_application() {
    use acceptance::room_backend::{redirect, RecordingEndpoint};
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let app = RecordingEndpoint::start().await;
    let app_url = format!("http://{}/enter", app.base);
    let s = TestService::listen_with(redirect(&app_url)).await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, -time::Duration::minutes(1)).await;
    let link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN })).await,
    );
    let b = driver.browser().await;
    sign_in(&b, &link, ANN).await;
    let arrived = until("the room application", Duration::from_secs(10), || async {
        let url = b.client.current_url().await.ok()?.to_string();
        url.starts_with(&app_url).then_some(url)
    })
    .await;
    assert!(
        arrived.starts_with(&format!("{app_url}?room_id={room}&token=ey")),
        "{arrived}"
    );
    let visits = app.requests();
    assert!(visits.iter().any(|r| r.path == "/enter"), "{visits:?}");
    b.client.close().await.expect("close");
}

/// Types `text` into the field `#id` (cleared first).
async fn type_into(b: &Browser, id: &str, text: &str) {
    let field = b
        .client
        .find(fantoccini::Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"));
    field.clear().await.expect("clearing");
    field.send_keys(text).await.expect("typing");
}

async fn click(b: &Browser, css: &str) {
    b.client
        .find(fantoccini::Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .expect("click");
}
