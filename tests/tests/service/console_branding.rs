//! The organization's branding in the console (`/console/branding`): one form
//! (`multipart/form-data`, the logo as a file) on the rules of `PUT /api/branding`:
//! saved and applied, refusals shown with the typed values kept, the logo kept, replaced
//! or removed; read-only hosts see no controls and cannot post; cross-site posts are
//! refused; one organization never sees another's.

use acceptance::console::Console;
use acceptance::*;
use http::StatusCode;
use serde_json::Value;

const BOUNDARY: &str = "----console-branding-test";

fn png(fill: u8, len: usize) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.resize(len, fill);
    b
}

/// The form as a browser posts it: text fields, then the file (empty: none chosen).
fn form(console: &Console, fields: &[(&str, &str)], logo: Option<(&str, &[u8])>) -> Call {
    let mut body = Vec::new();
    let mut part = |headers: String, content: &[u8]| {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n{headers}\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"csrf\"".into(),
        console.csrf.as_bytes(),
    );
    for (name, value) in fields {
        part(
            format!("Content-Disposition: form-data; name=\"{name}\""),
            value.as_bytes(),
        );
    }
    let (file, bytes) = logo.unwrap_or(("", b""));
    part(
        format!(
            "Content-Disposition: form-data; name=\"logo\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream"
        ),
        bytes,
    );
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    Call::post("/console/branding")
        .cookie(&console.cookie)
        .header(
            "content-type",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .raw_body(body)
}

async fn api_branding(s: &TestService, org: &str) -> Value {
    let r = s
        .send(Call::get("/api/branding").bearer(&host_token(org, "alice")))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

const FIELDS: &[(&str, &str)] = &[
    ("display_name", "Acme <Events>"),
    ("accent_color", "#1a5e20"),
    ("sender_name", "Acme Events"),
    ("reply_to", "events@acme.example"),
    ("support_line", "Acme support: +1 555 0100"),
];

#[tokio::test]
async fn a_host_brands_the_organization_from_the_console() {
    let s = TestService::start().await;
    let a = s.console("org-a", "alice", None).await;
    let page = s.send(a.get("/console/branding")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert!(page.text().contains("enctype=\"multipart/form-data\""));

    let r = s
        .send(form(&a, FIELDS, Some(("logo.png", &png(3, 800)))))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.text().contains("role=\"status\""), "saved");
    assert!(r.text().contains("Acme &lt;Events&gt;"), "escaped");
    let b = api_branding(&s, "org-a").await;
    assert_eq!(b["display_name"], "Acme <Events>");
    assert_eq!(b["accent_color"], "#1a5e20");
    assert_eq!(b["reply_to"], "events@acme.example");
    let logo = b["logo_url"].as_str().expect("a logo").to_owned();
    let path = &logo[logo.find("/branding/").expect("path")..];
    assert!(
        r.text().contains(&format!("src=\"{path}\"")),
        "the logo shows"
    );

    // No file: the logo stays. "Remove the logo": it goes.
    let r = s.send(form(&a, FIELDS, None)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(api_branding(&s, "org-a").await["logo_url"], logo.as_str());
    let mut remove = FIELDS.to_vec();
    remove.push(("remove_logo", "1"));
    let r = s.send(form(&a, &remove, None)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(api_branding(&s, "org-a").await["logo_url"], Value::Null);

    // Another organization's host sees none of it.
    let b = s.console("org-b", "bob", None).await;
    let other = s.send(b.get("/console/branding")).await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(!other.text().contains("Acme"), "{}", other.text());
}

#[tokio::test]
async fn refusals_keep_what_was_typed_and_change_nothing() {
    let s = TestService::start().await;
    let a = s.console("org-a", "alice", None).await;
    // Yellow under white text: 1.6:1.
    let mut low = FIELDS.to_vec();
    low[1] = ("accent_color", "#ffcc00");
    let r = s.send(form(&a, &low, None)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("validation_failed"), "{}", r.text());
    assert!(r.text().contains("value=\"#ffcc00\""), "typed value kept");
    assert_eq!(api_branding(&s, "org-a").await["accent_color"], Value::Null);
    // A GIF is not a logo we take.
    let r = s
        .send(form(
            &a,
            FIELDS,
            Some(("logo.gif", b"GIF89a\x01\x00\x01\x00")),
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(api_branding(&s, "org-a").await["display_name"], Value::Null);
}

#[tokio::test]
async fn read_only_hosts_and_other_sites_cannot_change_it() {
    let s = TestService::start().await;
    let reader = s.console("org-a", "rita", Some("rooms:read")).await;
    let page = s.send(reader.get("/console/branding")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("type=\"submit\">"), "no save button");
    assert!(!page.text().contains("type=\"file\""), "no upload");
    let r = s.send(form(&reader, FIELDS, None)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());

    let writer = s.console("org-a", "alice", None).await;
    let mut cross = form(&writer, FIELDS, None);
    cross.headers.retain(|(k, _)| k != "sec-fetch-site");
    let cross = cross.header("sec-fetch-site", "cross-site");
    assert_eq!(s.send(cross).await.status, StatusCode::FORBIDDEN);
    let mut no_token = form(&writer, FIELDS, None);
    no_token.body = String::from_utf8_lossy(&no_token.body)
        .replace(&writer.csrf, "forged")
        .into_bytes();
    assert_eq!(s.send(no_token).await.status, StatusCode::FORBIDDEN);
    assert_eq!(api_branding(&s, "org-a").await["display_name"], Value::Null);
}
