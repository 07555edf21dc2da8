//! Issue 20 in Chromium: the lobby, the event page and an error page in Arabic,
//! Japanese and German, chosen with the page's language picker (`?lang=`, then the
//! cookie), at phone size: no sideways scrolling, no console or CSP errors, the
//! structural accessibility checks, and Arabic laid out right to left. Screenshots:
//! `test-output/screenshots/i18n-{ar,ja,de}-{lobby,event,error}{,-phone}.png`.

use super::support::{tools, Driver};
use super::{full, ONE_AT_A_TIME};
use acceptance::*;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lobby_event_and_error_pages_in_arabic_japanese_and_german() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    // What each page must say in its language (the lobby's button, the countdown).
    for (lang, login, countdown) in [
        ("ar", "دخول", "يبدأ بعد"),
        ("ja", "ログイン", "開始まで"),
        ("de", "Anmelden", "Beginnt in"),
    ] {
        let room = s.create_room(&host, time::Duration::hours(30)).await;
        let who = format!("ann.{lang}@example.com");
        let link = full(
            &s,
            &s.invite_link(&host, &room, json!({ "email": who })).await,
        );
        let b = driver.browser().await;
        b.goto(&format!("{link}?lang={lang}")).await;
        b.wait_body("page", "lobby", WAIT).await;
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert_eq!(b.attr("html", "lang").await.as_deref(), Some(lang));
        assert_eq!(b.attr("html", "dir").await.as_deref(), Some(dir));
        assert_eq!(b.text("button[type=submit]").await, login);
        if lang == "ar" {
            assert_mirrored(&b).await;
        }
        b.check_page(&format!("i18n-{lang}-lobby"), false).await;

        let field = b
            .client
            .find(fantoccini::Locator::Id("email"))
            .await
            .expect("email field");
        field.send_keys(&who).await.expect("typing");
        b.client
            .find(fantoccini::Locator::Css("button[type=submit]"))
            .await
            .expect("submit")
            .click()
            .await
            .expect("click");
        b.wait_body("page", "event", WAIT).await;
        // The cookie keeps the choice on the next page; the script counts down in it.
        assert_eq!(b.attr("html", "lang").await.as_deref(), Some(lang));
        let text = b.text("#countdown").await;
        assert!(text.contains(countdown), "{lang}: {text}");
        if lang == "ar" {
            assert_mirrored(&b).await;
        }
        b.check_page(&format!("i18n-{lang}-event"), false).await;

        b.goto(&full(&s, "/join/not-a-valid-token")).await;
        b.wait_body("error", "invalid_link", WAIT).await;
        assert_eq!(b.attr("html", "lang").await.as_deref(), Some(lang));
        if lang == "ar" {
            assert_mirrored(&b).await;
        }
        b.check_page(&format!("i18n-{lang}-error"), true).await;
    }
}

/// Right to left: the document's direction is `rtl` and the first heading's text sits
/// at the right edge of the page, at phone size.
async fn assert_mirrored(b: &super::support::Browser) {
    b.client
        .set_window_size(390, 844)
        .await
        .expect("window size");
    let found = b
        .js(r#"
            var h = document.querySelector('h1');
            var range = document.createRange();
            range.selectNodeContents(h);
            var text = range.getBoundingClientRect();
            var main = document.querySelector('main').getBoundingClientRect();
            return {
              direction: getComputedStyle(document.documentElement).direction,
              gapRight: Math.round(main.right - text.right),
              gapLeft: Math.round(text.left - main.left)
            };"#)
        .await;
    b.client
        .set_window_size(1280, 900)
        .await
        .expect("window size");
    assert_eq!(found["direction"], "rtl", "{found}");
    let (right, left) = (
        found["gapRight"].as_i64().unwrap_or(999),
        found["gapLeft"].as_i64().unwrap_or(0),
    );
    assert!(
        right <= left && right < 40,
        "text starts at the right: {found}"
    );
    let _: Value = found;
}
