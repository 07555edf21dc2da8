//! Issue 20: every invitee in their language, mail that reaches the inbox. The choice
//! of language (cookie > invite > Accept-Language > room > en), the room's `locale`
//! and `timezone` and the invite's `locale` (validated, stored on both stores), every
//! email kind in three locales read by Python's `email` package (tests/email), and the
//! one-click unsubscribe (RFC 8058): signed, idempotent, cookie-less, honoured by the
//! room mailings.

use acceptance::*;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;
use time::Duration;

const LIMIT: StdDuration = StdDuration::from_secs(20);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

async fn room(s: &TestService, t: &str, body: Value) -> Reply {
    let mut all = json!({
        "title": "Launch review",
        "starts_at": shared::domain::time_fmt::format(s.clock.now() + Duration::days(2)),
    });
    if let (Some(a), Some(b)) = (all.as_object_mut(), body.as_object()) {
        a.extend(b.clone());
    }
    s.send(Call::post("/api/rooms").bearer(t).json(&all)).await
}

fn html_lang(page: &str) -> Option<String> {
    let start = page.find("<html lang=\"")? + "<html lang=\"".len();
    Some(page[start..].chars().take_while(|c| *c != '"').collect())
}

/// The value of a header of a raw message (unfolded).
fn header_of(mail: &str, name: &str) -> Option<String> {
    let head = &mail[..mail.find("\r\n\r\n")?];
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded
        .split("\r\n")
        .find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_owned))
}

/// The path and query of the https unsubscribe URL of a room mail.
fn unsubscribe_path(mail: &str) -> String {
    let value = header_of(mail, "List-Unsubscribe").expect("List-Unsubscribe");
    let url = value
        .split(['<', '>'])
        .find(|p| p.starts_with(BASE))
        .expect("an https URL first");
    url[BASE.len()..].to_owned()
}

#[tokio::test]
async fn locale_and_timezone_are_validated_optional_and_kept() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let plain = room(&s, &t, json!({})).await;
    assert_eq!(plain.status, StatusCode::CREATED);
    assert!(plain.json().get("locale").is_none(), "absent stays absent");
    assert!(plain.json().get("timezone").is_none());
    for (bad, what) in [
        (json!({"locale": "xx"}), "locale"),
        (json!({"timezone": "Mars/Olympus_Mons"}), "timezone"),
        (json!({"timezone": "+02:00"}), "timezone"),
    ] {
        let r = room(&s, &t, bad.clone()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.json()["error"], "validation_failed", "{bad}");
        assert!(r.json()["message"].as_str().unwrap_or("").contains(what));
    }
    let r = room(
        &s,
        &t,
        json!({"locale": "PT-br", "timezone": "America/Sao_Paulo"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["room_id"].as_str().expect("id").to_owned();
    assert_eq!(r.json()["locale"], "pt-BR");
    let r = s
        .send(Call::new(Method::GET, &format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(
        (r.json()["locale"].clone(), r.json()["timezone"].clone()),
        (json!("pt-BR"), json!("America/Sao_Paulo"))
    );
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"locale": "", "timezone": "Asia/Tokyo"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.json().get("locale").is_none(), "\"\" removes it");
    assert_eq!(r.json()["timezone"], "Asia/Tokyo");
    // Invites: single and bulk.
    let bad = s
        .invite(&t, &id, json!({"email": "a@example.com", "locale": "tlh"}))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text());
    let ok = s
        .invite(&t, &id, json!({"email": "a@example.com", "locale": "ar"}))
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text());
    assert_eq!(ok.json()["locale"], "ar");
    let listed = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await;
    assert_eq!(listed.json()["invites"][0]["locale"], "ar");
    let bulk = s
        .invite(
            &t,
            &id,
            json!({"invites": [
                {"email": "b@example.com", "locale": "ja"},
                {"email": "c@example.com", "locale": "xx"},
                {"email": "d@example.com"}
            ]}),
        )
        .await;
    assert_eq!(bulk.status, StatusCode::OK, "{}", bulk.text());
    let results = bulk.json()["results"].clone();
    assert_eq!(results[0]["invite"]["locale"], "ja");
    assert_eq!(results[1]["error"], "validation_failed");
    assert!(results[2]["invite"].get("locale").is_none());
}

#[tokio::test]
async fn pages_choose_cookie_then_invite_then_header_then_room_then_english() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = room(&s, &t, json!({"locale": "es"})).await.json()["room_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let with_locale = s
        .invite_link(&t, &id, json!({"email": "fr@example.com", "locale": "fr"}))
        .await;
    let without = s
        .invite_link(&t, &id, json!({"email": "x@example.com"}))
        .await;
    let lobby = |link: &str, cookie: Option<&str>, accept: Option<&str>| {
        let mut call = Call::get(link);
        if let Some(c) = cookie {
            call = call.cookie(c);
        }
        if let Some(a) = accept {
            call = call.header("accept-language", a);
        }
        call
    };
    let lang = |r: Reply| html_lang(&r.text()).unwrap_or_default();
    let page = s
        .send(lobby(&with_locale, Some("rooms_lang=ja"), Some("de")))
        .await;
    assert_eq!(lang(page), "ja", "the choice on the page first");
    let page = s.send(lobby(&with_locale, None, Some("de"))).await;
    assert_eq!(lang(page), "fr", "then the invite's locale");
    let page = s.send(lobby(&without, None, Some("de-CH, en;q=0.5"))).await;
    assert_eq!(lang(page), "de", "then Accept-Language");
    let page = s.send(lobby(&without, None, Some("zh, tlh"))).await;
    let text = page.text();
    assert_eq!(html_lang(&text).as_deref(), Some("es"), "then the room's");
    assert!(text.contains("Entrar en la sala"), "{text}");
    // No room locale and nothing else: English.
    let plain = room(&s, &t, json!({})).await.json()["room_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let link = s
        .invite_link(&t, &plain, json!({"email": "y@example.com"}))
        .await;
    assert_eq!(lang(s.send(lobby(&link, None, None)).await), "en");
    // A picker link sets the cookie; Arabic pages are right to left.
    let r = s.send(Call::get(&format!("{link}?lang=ar"))).await;
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rooms_lang="))
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.starts_with("rooms_lang=ar;"), "{cookie}");
    assert!(r.text().contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(r
        .header("vary")
        .unwrap_or_default()
        .contains("Accept-Language"));
    // The invite's language follows its invitee from the lobby to the room's pages.
    let opened = s.send(lobby(&with_locale, None, Some("de"))).await;
    let carried = opened
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rooms_invite_lang="))
        .and_then(|v| v.split(';').next())
        .expect("the invite's language cookie")
        .to_owned();
    assert_eq!(carried, "rooms_invite_lang=fr");
    let session = s.cookie_for(&with_locale, "fr@example.com").await;
    let event = |cookies: String| {
        Call::get(&format!("/rooms/{id}"))
            .cookie(&cookies)
            .header("accept-language", "de")
    };
    let page = s.send(event(format!("{session}; {carried}"))).await;
    assert_eq!(lang(page), "fr", "the invite's language on the event page");
    let page = s
        .send(event(format!("{session}; {carried}; rooms_lang=ja")))
        .await;
    assert_eq!(lang(page), "ja", "a choice still wins");
    let page = s.send(event(session.clone())).await;
    assert_eq!(lang(page), "de", "without it: the header");
    // Error pages follow the header too.
    let r = s.send(lobby("/join/not-a-token", None, Some("de"))).await;
    assert!(
        r.text().contains("Dieser Link funktioniert nicht"),
        "{}",
        r.text()
    );
    assert!(!r.text().contains('⟦'));
}

/// Waits for the `n`th email to `to` and returns them all.
async fn mails(s: &TestService, to: &str, n: usize) -> Vec<String> {
    s.eventually(&format!("{n} emails to {to}"), LIMIT, || async {
        s.emails_to(to).len() >= n
    })
    .await;
    s.emails_to(to)
}

#[tokio::test]
async fn every_email_kind_in_three_locales_reads_right_in_python() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let mut spec = Vec::new();
    let dir = tempfile::tempdir().expect("tempdir");
    for (locale, zone) in [
        ("de", "Europe/Berlin"),
        ("ja", "Asia/Tokyo"),
        ("ar", "Africa/Cairo"),
    ] {
        let to = format!("ann.{locale}@example.com");
        let r = room(
            &s,
            &t,
            json!({"title": format!("Launch {locale}"), "description": "Plans & numbers",
                   "locale": locale, "timezone": zone, "reminders": [],
                   "admission": {"verify": "code"}}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let id = r.json()["room_id"].as_str().expect("id").to_owned();
        let link = s.invite_link(&t, &id, json!({"email": to})).await;
        let r = s
            .send(Call::post(&link).json(&json!({"email": to})).accept_json())
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
        mails(&s, &to, 2).await;
        // The reminder 1 minute before a start 63 s away: it fires 3 s after the update.
        let starts_at = shared::domain::time_fmt::format(s.clock.now() + Duration::seconds(63));
        let r = s
            .send(
                Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                    .bearer(&t)
                    .json(&json!({"starts_at": starts_at, "reminders": [1]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        mails(&s, &to, 4).await;
        let r = s
            .send(Call::new(Method::DELETE, &format!("/api/rooms/{id}")).bearer(&t))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let all = mails(&s, &to, 5).await;
        let kinds = [
            ("invitation", false, true),
            ("code", false, false),
            ("update", true, true),
            ("reminder", true, false),
            ("cancellation", true, true),
        ];
        for (i, (kind, unsubscribe, ics)) in kinds.into_iter().enumerate() {
            let path = dir.path().join(format!("{locale}-{kind}.eml"));
            std::fs::write(&path, &all[i]).expect("write eml");
            spec.push(json!({"eml": path, "kind": kind, "locale": locale,
                             "unsubscribe": unsubscribe, "ics": ics}));
        }
        // The start in the room's zone, with the offset (German: "GMT+01:00" in winter,
        // "GMT+02:00" in summer; Japan: always "GMT+09:00").
        if locale == "ja" {
            assert!(all[0].contains("Asia/Tokyo") || all[0].contains("=?utf-8?"));
        }
    }
    let spec_path = dir.path().join("spec.json");
    std::fs::write(
        &spec_path,
        json!({"messages": spec, "max_bytes": 100_000}).to_string(),
    )
    .expect("spec");
    let python = std::env::var("MOTO_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo().join(".venv/bin/python"));
    let out = std::process::Command::new(&python)
        .arg(repo().join("tests/email/check_emails.py"))
        .arg(&spec_path)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", python.display()));
    println!(
        "email sizes (bytes): {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.status.success(),
        "the emails failed Python's checks:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn one_click_unsubscribe_is_signed_idempotent_and_stops_room_mail_only() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = room(&s, &t, json!({"reminders": []})).await.json()["room_id"]
        .as_str()
        .expect("id")
        .to_owned();
    for who in ["ann@example.com", "bob@example.com"] {
        assert_eq!(
            s.invite(&t, &id, json!({"email": who})).await.status,
            StatusCode::CREATED
        );
    }
    // A reschedule: the updated invitation carries the one-click headers.
    let later = shared::domain::time_fmt::format(s.clock.now() + Duration::days(3));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"starts_at": later})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let ann = mails(&s, "ann@example.com", 2).await;
    let bob = mails(&s, "bob@example.com", 2).await;
    assert!(
        header_of(&ann[0], "List-Unsubscribe").is_none(),
        "not on invitations"
    );
    assert_eq!(
        header_of(&ann[1], "List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let ann_path = unsubscribe_path(&ann[1]);
    let bob_path = unsubscribe_path(&bob[1]);
    // Forged: Bob's tag on Ann's invite, an altered tag, no tag.
    let (ann_base, ann_tag) = ann_path.split_once("?s=").expect("tag");
    let (_, bob_tag) = bob_path.split_once("?s=").expect("tag");
    let mut altered = ann_tag.to_owned().into_bytes();
    altered[0] = if altered[0] == b'A' { b'B' } else { b'A' };
    for forged in [
        format!("{ann_base}?s={bob_tag}"),
        format!(
            "{ann_base}?s={}",
            String::from_utf8(altered).expect("ascii")
        ),
        ann_base.to_owned(),
    ] {
        let r = s
            .send(
                Call::post(&forged)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .raw_body(b"List-Unsubscribe=One-Click".to_vec()),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{forged}");
    }
    // The page asks and changes nothing; the POST (no cookie) unsubscribes, twice is fine.
    let page = s.send(Call::get(&ann_path)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<form method=\"post\""));
    for _ in 0..2 {
        let r = s
            .send(
                Call::post(&ann_path)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .raw_body(b"List-Unsubscribe=One-Click".to_vec()),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    let listed = s
        .send(Call::get(&format!("/api/rooms/{id}/invites?email=ann@example.com")).bearer(&t))
        .await;
    assert!(
        listed.json()["invites"][0]["unsubscribed_at"].is_string(),
        "{}",
        listed.text()
    );
    // The next reminder reaches Bob only; a new invitation still reaches Ann.
    let soon = shared::domain::time_fmt::format(s.clock.now() + Duration::seconds(63));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"starts_at": soon, "reminders": [1]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let bob = mails(&s, "bob@example.com", 4).await;
    assert!(bob[3].contains("\r\nSubject: Reminder:"), "{}", bob[3]);
    assert_eq!(
        s.emails_to("ann@example.com").len(),
        2,
        "no update, no reminder for Ann"
    );
    assert_eq!(
        s.invite(&t, &id, json!({"email": "ann@example.com"}))
            .await
            .status,
        StatusCode::CREATED
    );
    let ann = mails(&s, "ann@example.com", 3).await;
    assert!(
        ann[2].contains("\r\nSubject: Invitation:"),
        "invitations still arrive"
    );
}

#[tokio::test]
async fn a_host_previews_every_email_in_any_locale() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = room(&s, &t, json!({"locale": "fr", "timezone": "Europe/Paris"}))
        .await
        .json()["room_id"]
        .as_str()
        .expect("id")
        .to_owned();
    for kind in ["invitation", "reminder", "update", "cancellation", "code"] {
        // The room's language by default, any shipped one on request.
        for (locale, lang) in [(None, "fr"), (Some("ja"), "ja"), (Some("ar"), "ar")] {
            let q = locale.map(|l| format!("?locale={l}")).unwrap_or_default();
            let r = s
                .send(Call::get(&format!("/api/rooms/{id}/preview/{kind}{q}")).bearer(&t))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{kind} {lang}: {}", r.text());
            assert!(r
                .header("content-type")
                .unwrap_or_default()
                .starts_with("text/html"));
            assert_eq!(html_lang(&r.text()).as_deref(), Some(lang), "{kind}");
            assert!(!r.text().contains('⟦'));
            let csp = r.header("content-security-policy").unwrap_or_default();
            assert!(
                csp.contains("default-src 'none'") && !csp.contains("script"),
                "{csp}"
            );
            assert!(r.header("x-email-subject").is_some_and(|v| !v.is_empty()));
        }
        let text = s
            .send(
                Call::get(&format!(
                    "/api/rooms/{id}/preview/{kind}?part=text&locale=de"
                ))
                .bearer(&t),
            )
            .await;
        assert!(text
            .header("content-type")
            .unwrap_or_default()
            .starts_with("text/plain"));
        assert!(!text.text().contains('<'), "{}", text.text());
    }
    let reminder = s
        .send(
            Call::get(&format!(
                "/api/rooms/{id}/preview/reminder?part=text&locale=de"
            ))
            .bearer(&t),
        )
        .await;
    assert!(
        reminder.text().contains("Europe/Paris"),
        "{}",
        reminder.text()
    );
    assert!(
        reminder.text().contains("/unsubscribe/"),
        "{}",
        reminder.text()
    );
    for bad in [
        "/preview/newsletter",
        "/preview/reminder?locale=xx",
        "/preview/reminder?part=pdf",
    ] {
        let r = s
            .send(Call::get(&format!("/api/rooms/{id}{bad}")).bearer(&t))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.json()["error"], "validation_failed", "{bad}");
    }
    // Another organization's room does not exist for this host.
    let other = host_token("other-org", "h2");
    let r = s
        .send(Call::get(&format!("/api/rooms/{id}/preview/reminder")).bearer(&other))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(s.emails().len(), 0, "a preview sends nothing");
}
