//! Login-CSRF protection of the lobby form: `POST /join/{token}` is refused when the
//! browser says it comes from another site, and accepted from our own origin and from
//! clients that send neither `Origin` nor `Sec-Fetch-Site`.

use acceptance::*;
use http::StatusCode;
use serde_json::json;
use time::Duration;

async fn room_and_link(s: &TestService) -> (String, String) {
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(1)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com", "max_uses": 5}))
        .await;
    (id, link)
}

#[tokio::test]
async fn cross_site_form_posts_are_refused_and_consume_nothing() {
    let s = TestService::start().await;
    let (_, link) = room_and_link(&s).await;
    let attacks: [&[(&str, &str)]; 6] = [
        &[("origin", "https://evil.example")],
        &[("origin", "http://rooms.test.evil.example")],
        &[("origin", "https://rooms.test")],
        &[("sec-fetch-site", "cross-site")],
        &[("sec-fetch-site", "same-site"), ("origin", "null")],
        &[("origin", "null")],
    ];
    for headers in attacks {
        let mut call = Call::post(&link)
            .form_email("ann@example.com")
            .header("accept", "text/html");
        for (k, v) in headers {
            call = call.header(k, v);
        }
        let r = s.send(call).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(r.page_error().as_deref(), Some("forbidden"), "{headers:?}");
        assert!(r.session_cookie().is_none(), "{headers:?}: no session");
        assert!(r.text().contains("another website"), "{headers:?}");
        assert_eq!(r.header("cache-control"), Some("no-store"));
    }
    // JSON clients get the JSON error.
    let r = s
        .send(
            Call::post(&link)
                .json(&json!({"email": "ann@example.com"}))
                .header("origin", "https://evil.example"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.code(), "forbidden");

    // Nothing was consumed, no participant admitted: the invite still has all its uses.
    let t = host_token("o", "h");
    let room_id = link_room(&s, &link).await;
    let invites = s
        .send(Call::get(&format!("/api/rooms/{room_id}/invites")).bearer(&t))
        .await
        .json();
    assert_eq!(invites["invites"][0]["uses"], 0);
    let people = s
        .send(Call::get(&format!("/api/rooms/{room_id}/participants")).bearer(&t))
        .await
        .json();
    assert_eq!(people["participants"].as_array().map(Vec::len), Some(0));
}

async fn link_room(s: &TestService, link: &str) -> String {
    let lobby = s.send(Call::get(link).accept_json()).await.json();
    lobby["room_id"].as_str().expect("room_id").to_owned()
}

#[tokio::test]
async fn same_origin_forms_and_header_less_clients_are_accepted() {
    let s = TestService::start().await;
    let (id, link) = room_and_link(&s).await;
    let accepted: [&[(&str, &str)]; 5] = [
        &[],
        &[("origin", BASE)],
        &[("origin", BASE), ("sec-fetch-site", "same-origin")],
        // A page with `Referrer-Policy: no-referrer` sends `Origin: null` for its own forms.
        &[("origin", "null"), ("sec-fetch-site", "same-origin")],
        &[("sec-fetch-site", "none")],
    ];
    for headers in accepted {
        let mut call = Call::post(&link).form_email("ann@example.com");
        for (k, v) in headers {
            call = call.header(k, v);
        }
        let r = s.send(call).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{headers:?}: {}", r.text());
        assert_eq!(r.header("location"), Some(format!("/rooms/{id}").as_str()));
        assert!(r.session_cookie().is_some(), "{headers:?}");
    }
}

#[tokio::test]
async fn the_refusal_comes_before_the_email_check() {
    // A cross-site post cannot be used to probe addresses or to lock the invite.
    let s = TestService::start().await;
    let (_, link) = room_and_link(&s).await;
    for _ in 0..6 {
        let r = s
            .send(
                Call::post(&link)
                    .form_email("mallory@example.com")
                    .header("sec-fetch-site", "cross-site"),
            )
            .await;
        assert_eq!(r.page_error().as_deref(), Some("forbidden"));
    }
    let ok = s.login(&link, "ann@example.com").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
}
