//! Issue 20, organization branding: `GET/PUT /api/branding` per organization (write
//! permission to change it), the refusals (contrast below 4.5:1, a logo that is not
//! PNG/JPEG/WebP or is larger than 200 KB), the content-hashed public logo URL with its
//! year-long cache, and one organization never reading or changing another's.

use acceptance::*;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use shared::http::auth::HostClaims;

fn png(fill: u8, len: usize) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.resize(len, fill);
    b
}

async fn put(s: &TestService, token: &str, body: Value) -> Reply {
    s.send(
        Call::new(Method::PUT, "/api/branding")
            .bearer(token)
            .json(&body),
    )
    .await
}

async fn get(s: &TestService, token: &str) -> Value {
    let r = s.send(Call::get("/api/branding").bearer(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

fn path_of(url: &Value) -> String {
    let url = url.as_str().expect("logo_url");
    let at = url.find("/branding/").expect("our origin");
    url[at..].to_owned()
}

#[tokio::test]
async fn a_host_sets_reads_and_clears_the_branding() {
    let s = TestService::start().await;
    let t = host_token("org-a", "alice");
    let unset = get(&s, &t).await;
    for field in [
        "display_name",
        "accent_color",
        "logo_url",
        "sender_name",
        "reply_to",
        "support_line",
    ] {
        assert_eq!(unset[field], Value::Null, "{field}");
    }
    let r = put(
        &s,
        &t,
        json!({"display_name": "Acme Events", "accent_color": "#0B5CAD",
            "logo": STANDARD.encode(png(1, 1000)), "sender_name": "Acme",
            "reply_to": "Help@Acme.example", "support_line": "Write to help@acme.example"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let b = get(&s, &t).await;
    assert_eq!(b, r.json());
    assert_eq!(b["display_name"], "Acme Events");
    assert_eq!(b["accent_color"], "#0b5cad");
    assert_eq!(b["reply_to"], "help@acme.example");
    let logo = path_of(&b["logo_url"]);
    assert!(!logo.contains("org-a"), "{logo}");
    assert!(logo.ends_with(".png"));

    // Without `logo` the logo stays; other fields are replaced.
    let r = put(&s, &t, json!({"display_name": "Acme"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(path_of(&r.json()["logo_url"]), logo);
    assert_eq!(r.json()["accent_color"], Value::Null);
    // A new logo is a new URL; `null` removes it.
    let r = put(&s, &t, json!({"logo": STANDARD.encode(png(2, 1000))})).await;
    assert_ne!(path_of(&r.json()["logo_url"]), logo);
    let r = put(&s, &t, json!({"logo": null})).await;
    assert_eq!(r.json()["logo_url"], Value::Null);
    assert_eq!(s.send(Call::get(&logo)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn refusals_name_the_field() {
    let s = TestService::start().await;
    let t = host_token("org-a", "alice");
    let cases = [
        (json!({"accent_color": "#ffcc00"}), "4.5:1"),
        (json!({"accent_color": "#777777"}), "4.5:1"),
        (json!({"accent_color": "blue"}), "#rrggbb"),
        (
            json!({"logo": STANDARD.encode(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>")}),
            "SVG",
        ),
        (
            json!({"logo": STANDARD.encode(b"GIF89a\x01\x00\x01\x00")}),
            "PNG, JPEG or WebP",
        ),
        (
            json!({"logo": STANDARD.encode(png(0, 200 * 1024 + 1))}),
            "200 KB",
        ),
        (json!({"logo": "not base64!"}), "base64"),
        (json!({"display_name": "x".repeat(81)}), "display_name"),
        (
            json!({"sender_name": "Acme\r\nBcc: all@example.com"}),
            "sender_name",
        ),
        (json!({"reply_to": "nobody"}), "reply_to"),
        (json!({"support_line": "s".repeat(201)}), "support_line"),
    ];
    for (body, says) in cases {
        let r = put(&s, &t, body.clone()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text());
        assert_eq!(r.code(), "validation_failed", "{body}");
        let message = r.json()["message"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains(says), "{body}: {message}");
    }
    let r = put(&s, &t, json!({"colour": "#0b5cad"})).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "unknown field: {}",
        r.text()
    );
    // Exactly 200 KB is fine; nothing refused was stored.
    let r = put(&s, &t, json!({"logo": STANDARD.encode(png(0, 200 * 1024))})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(get(&s, &t).await["accent_color"], Value::Null);
}

#[tokio::test]
async fn a_read_only_host_cannot_change_the_branding() {
    let s = TestService::start().await;
    let reader = token_with(HostClaims {
        sub: "rita".into(),
        org: "org-a".into(),
        email: None,
        exp: time::OffsetDateTime::now_utc().unix_timestamp() + 3600,
        scope: Some("rooms:read".into()),
    });
    let r = put(&s, &reader, json!({"display_name": "Mine"})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    assert_eq!(get(&s, &reader).await["display_name"], Value::Null);
    let r = s.send(Call::get("/api/branding")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn organizations_never_see_or_change_each_other() {
    let s = TestService::start().await;
    let (a, b) = (host_token("org-a", "alice"), host_token("org-b", "bob"));
    let r = put(
        &s,
        &b,
        json!({"display_name": "Beta Corp", "logo": STANDARD.encode(png(9, 500))}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let b_logo = path_of(&r.json()["logo_url"]);
    assert_eq!(get(&s, &a).await["display_name"], Value::Null);
    let r = put(&s, &a, json!({"display_name": "Acme"})).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(get(&s, &b).await["display_name"], "Beta Corp");
    assert_eq!(path_of(&get(&s, &b).await["logo_url"]), b_logo);
    assert_eq!(get(&s, &a).await["logo_url"], Value::Null);
}

#[tokio::test]
async fn the_logo_url_serves_the_bytes_with_a_long_cache() {
    let s = TestService::start().await;
    let t = host_token("org-a", "alice");
    let bytes = png(3, 4096);
    let r = put(&s, &t, json!({"logo": STANDARD.encode(&bytes)})).await;
    let logo = path_of(&r.json()["logo_url"]);
    let r = s.send(Call::get(&logo)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, bytes);
    assert_eq!(r.header("content-type"), Some("image/png"));
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    // Another hash, another type, another org: not found.
    let (dir, file) = logo.rsplit_once('/').expect("path");
    for wrong in [
        format!("{dir}/0000000000000000.png"),
        format!("{dir}/{}", file.replace(".png", ".jpg")),
        format!("/branding/0000000000000000/logo/{file}"),
        format!("{dir}/{}", file.replace(".png", "")),
    ] {
        assert_eq!(
            s.send(Call::get(&wrong)).await.status,
            StatusCode::NOT_FOUND,
            "{wrong}"
        );
    }
}

/// The lobby of a link to a room of `org` (an HTML page).
async fn lobby_of(s: &TestService, token: &str, who: &str) -> (String, String) {
    let room = s.create_room(token, time::Duration::days(1)).await;
    let link = s.invite_link(token, &room, json!({"email": who})).await;
    let page = s.send(Call::get(&link).header("accept", "text/html")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    (room, page.text())
}

#[tokio::test]
async fn pages_show_their_own_organizations_branding_only() {
    let s = TestService::start().await;
    let (a, b) = (host_token("org-a", "alice"), host_token("org-b", "bob"));
    let (_, before) = lobby_of(&s, &a, "ann@example.com").await;
    assert!(!before.contains("class=\"brand"), "unset: today's look");
    let r = put(
        &s,
        &b,
        json!({"display_name": "Beta <Corp>", "accent_color": "#0b5cad",
            "logo": STANDARD.encode(png(5, 300)), "support_line": "Beta support: +1 555 0199"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let logo = path_of(&r.json()["logo_url"]);

    // Org A's pages (branding unset) are as before; org B's show B's.
    let (_, a_page) = lobby_of(&s, &a, "ann2@example.com").await;
    assert!(!a_page.contains("Beta"), "{a_page}");
    assert!(!a_page.contains("/branding/"));
    let (b_room, b_page) = lobby_of(&s, &b, "bea@example.com").await;
    assert!(b_page.contains("Beta &lt;Corp&gt;"), "escaped: {b_page}");
    assert!(b_page.contains(&format!("src=\"{logo}\"")), "{b_page}");
    assert!(b_page.contains("alt=\"Beta &lt;Corp&gt;\""));
    let theme = b_page
        .split("href=\"")
        .find(|h| h.starts_with("/branding/"))
        .and_then(|h| h.split('"').next())
        .expect("the theme stylesheet")
        .to_owned();
    assert!(!b_page.contains("style="), "no inline style");
    let css = s.send(Call::get(&theme)).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.text().contains("--accent: #0b5cad"), "{}", css.text());
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));

    // An error page about B's link or room says B's support line; A's the default.
    let issued = s
        .invite(
            &b,
            &b_room,
            json!({"email": "cid@example.com", "send_email": false}),
        )
        .await
        .json();
    let (invite_id, link) = (
        issued["invite_id"].as_str().expect("id").to_owned(),
        issued["link"].as_str().expect("link").to_owned(),
    );
    let revoked = s
        .send(
            Call::new(
                Method::DELETE,
                &format!("/api/rooms/{b_room}/invites/{invite_id}"),
            )
            .bearer(&b),
        )
        .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.text());
    let at = link.find("/join/").expect("path");
    let page = s
        .send(Call::get(&link[at..]).header("accept", "text/html"))
        .await;
    assert_eq!(page.page_error().as_deref(), Some("invite_revoked"));
    assert!(
        page.text().contains("Beta support: +1 555 0199"),
        "{}",
        page.text()
    );
    assert!(page.text().contains("Beta &lt;Corp&gt;"));
    let t_del = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{b_room}")).bearer(&b))
        .await;
    assert_eq!(t_del.status, StatusCode::NO_CONTENT);
    let gone = s
        .send(Call::get(&format!("/rooms/{b_room}")).header("accept", "text/html"))
        .await;
    assert_eq!(gone.page_error().as_deref(), Some("room_deleted"));
    assert!(
        gone.text().contains("Beta support: +1 555 0199"),
        "{}",
        gone.text()
    );
    assert!(!gone.text().contains("Contact the event organizer"));
    let a_room = s.create_room(&a, time::Duration::days(1)).await;
    s.send(Call::new(Method::DELETE, &format!("/api/rooms/{a_room}")).bearer(&a))
        .await;
    let gone = s
        .send(Call::get(&format!("/rooms/{a_room}")).header("accept", "text/html"))
        .await;
    assert!(!gone.text().contains("Beta"));
    assert!(
        gone.text().contains("Contact the event organizer"),
        "{}",
        gone.text()
    );
}

fn header(mail: &str, name: &str) -> Option<String> {
    mail.split("\r\n\r\n")
        .next()?
        .split("\r\n")
        .find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_owned))
}

/// The calendar file of a mail (its part is text/calendar; base64 or quoted-printable).
fn calendar_of(mail: &str) -> String {
    part_of(mail, "text/calendar")
}

/// The decoded part of a mail with this content type (base64 or quoted-printable).
fn part_of(mail: &str, content_type: &str) -> String {
    let Some(at) = mail.find(&format!("Content-Type: {content_type}")) else {
        return String::new();
    };
    let part = &mail[at..];
    let encoded = part
        .split("\r\n")
        .take_while(|l| !l.is_empty())
        .any(|l| l.eq_ignore_ascii_case("Content-Transfer-Encoding: base64"));
    let body = part.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    let body = body.split("\r\n--").next().unwrap_or("");
    if encoded {
        let raw: String = body.split_whitespace().collect();
        String::from_utf8(STANDARD.decode(raw).unwrap_or_default()).unwrap_or_default()
    } else {
        // Quoted-printable, as far as these lines need.
        body.replace("=\r\n", "").replace("=3D", "=")
    }
}

#[tokio::test]
async fn emails_carry_their_own_organizations_sender_and_name_only() {
    let s = TestService::start().await;
    let (a, b) = (host_token("org-a", "alice"), host_token("org-b", "bob"));
    let room_a = s.create_room(&a, time::Duration::days(1)).await;
    s.invite_link(&a, &room_a, json!({"email": "ann@example.com"}))
        .await;
    let before = s.emails_to("ann@example.com").pop().expect("mail");
    let r = put(
        &s,
        &b,
        json!({"display_name": "Beta Corp", "sender_name": "Beta Events",
            "reply_to": "events@beta.example", "accent_color": "#1a5e20",
            "logo": STANDARD.encode(png(7, 400))}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let logo_url = r.json()["logo_url"].as_str().expect("logo_url").to_owned();

    let room_b = s.create_room(&b, time::Duration::days(1)).await;
    s.invite_link(&b, &room_b, json!({"email": "bea@example.com"}))
        .await;
    let mail = s.emails_to("bea@example.com").pop().expect("mail");
    let from = header(&mail, "From").expect("From");
    assert!(
        from.starts_with("\"Beta Events\" <") || from.starts_with("Beta Events <"),
        "{from}"
    );
    assert_eq!(
        header(&mail, "Reply-To").as_deref(),
        Some("events@beta.example")
    );
    let html = part_of(&mail, "text/html");
    assert!(html.contains("Beta Corp"), "display name in the body");
    assert!(
        html.contains("background:#1a5e20"),
        "the accent on the button"
    );
    // The logo by reference (its absolute URL on our origin, with alt text), never
    // attached; the text part names the organization instead.
    assert!(
        html.contains(&format!("<img src=\"{logo_url}\" alt=\"Beta Corp\"")),
        "{html}"
    );
    assert!(logo_url.starts_with("http"), "{logo_url}");
    assert!(!mail.contains("Content-Type: image/"), "no image attached");
    let text = part_of(&mail, "text/plain");
    assert!(
        text.contains("Beta Corp") && !text.contains("<img"),
        "{text}"
    );
    let served = s.send(Call::get(&path_of(&json!(logo_url)))).await;
    assert_eq!(served.status, StatusCode::OK);
    assert!(
        calendar_of(&mail).contains("ORGANIZER;CN=\"Beta Corp\":mailto:"),
        "{}",
        calendar_of(&mail)
    );

    // Org A's mail (unset) is as before: no Reply-To, the service's From, no B.
    s.invite_link(&a, &room_a, json!({"email": "ann2@example.com"}))
        .await;
    let after = s.emails_to("ann2@example.com").pop().expect("mail");
    assert!(!after.contains("Beta"));
    assert!(!after.contains("#1a5e20"));
    assert!(
        !part_of(&after, "text/html").contains("<img"),
        "no logo when unset"
    );
    assert_eq!(header(&after, "Reply-To"), None);
    assert_eq!(header(&after, "From"), header(&before, "From"));
    assert!(calendar_of(&after).contains("ORGANIZER;CN=\"Room invitations\""));
}
