//! The AppSync Events browser client (`/assets/appsync-live.js`, tested against the
//! protocol in the browser suite) is served like the other assets and loaded, before
//! the page script, by the pages that receive live updates: the event page and the
//! room page (not the lobby, whose visitor has no session yet).

use acceptance::*;
use http::StatusCode;
use serde_json::json;
use time::Duration;

#[tokio::test]
async fn the_client_is_served_like_the_other_assets() {
    let s = TestService::start().await;
    let r = s.send(Call::get("/assets/appsync-live.js")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let app = s.send(Call::get("/assets/app.js")).await;
    assert_eq!(r.header("cache-control"), app.header("cache-control"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(
        r.text(),
        include_str!("../../../shared/assets/appsync-live.js")
    );
    assert!(r
        .text()
        .contains("window.AppSyncLive = { subscribe: subscribe }"));
}

/// The `<script src>` order of a page.
fn scripts(html: &str) -> Vec<&str> {
    html.split("<script src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[tokio::test]
async fn the_event_and_room_pages_load_it_before_the_page_script() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let both = ["/assets/appsync-live.js", "/assets/app.js"];
    for (starts_in, page) in [
        (Duration::hours(2), "event"),
        (-Duration::minutes(1), "room"),
    ] {
        let id = s.create_room(&t, starts_in).await;
        let link = s
            .invite_link(&t, &id, json!({"email": "ann@example.com"}))
            .await;
        let lobby = s.send(Call::get(&link)).await.text();
        assert_eq!(scripts(&lobby), ["/assets/app.js"], "the lobby");
        let cookie = s.cookie_for(&link, "ann@example.com").await;
        let html = s
            .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie))
            .await
            .text();
        assert!(html.contains(&format!(r#"data-page="{page}""#)), "{html}");
        assert_eq!(scripts(&html), both, "the {page} page");
    }
}
