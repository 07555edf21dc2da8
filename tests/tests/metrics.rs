//! `GET /metrics` in local mode: the counters in Prometheus text, moved by invites and
//! redemptions. Its own test binary with one test: the recorder is per process, so the
//! values are exact only where no other test runs beside it.

use acceptance::*;
use http::StatusCode;
use serde_json::json;
use std::collections::BTreeMap;
use time::Duration;

/// The samples of a scrape, `name{labels}` to value; `# HELP`/`# TYPE` lines apart.
async fn scrape(s: &TestService) -> (BTreeMap<String, f64>, String) {
    let r = s.send(Call::get("/metrics")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let text = r.text();
    let samples = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (key, value) = l.rsplit_once(' ').unwrap_or_else(|| panic!("sample: {l}"));
            let value = value.parse().unwrap_or_else(|e| panic!("{e}: {l}"));
            (key.to_owned(), value)
        })
        .collect();
    (samples, text)
}

fn value(samples: &BTreeMap<String, f64>, key: &str) -> f64 {
    samples.get(key).copied().unwrap_or(0.0)
}

#[tokio::test]
async fn counters_move_with_invites_and_redemptions() {
    let s = TestService::start().await;
    let (before, text) = scrape(&s).await;
    assert_eq!(before.get("invites_issued_total"), Some(&0.0), "{text}");
    assert!(
        text.contains("# TYPE invites_issued_total counter"),
        "{text}"
    );
    assert!(text.contains("# HELP invites_issued_total Invites issued."));
    assert!(!text.contains("redemptions_total{"), "nothing redeemed yet");

    let t = host_token("o", "h");
    let id = s.create_room(&t, -Duration::minutes(1)).await;
    let ann = s
        .invite_link(
            &t,
            &id,
            json!({"email": "ann@example.com", "role": "speaker"}),
        )
        .await;
    let shown = s
        .invite(
            &t,
            &id,
            json!({"email": "bob@example.com", "send_email": false, "max_uses": 1}),
        )
        .await;
    assert_eq!(shown.status, StatusCode::CREATED);
    let bob = shown.json()["link"]
        .as_str()
        .and_then(|l| l.strip_prefix(BASE))
        .expect("a shown link")
        .to_owned();

    assert_eq!(
        s.login(&ann, "eve@example.com").await.status,
        StatusCode::FORBIDDEN
    );
    let cookie = s.cookie_for(&ann, "ann@example.com").await;
    let again = s.send(Call::get(&ann).cookie(&cookie)).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "a session readmits");
    s.cookie_for(&bob, "bob@example.com").await;
    let used = s.send(Call::get(&bob)).await;
    assert_eq!(used.status, StatusCode::GONE);
    let unknown = s.send(Call::get("/join/not-a-token")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let (after, text) = scrape(&s).await;
    let expected = [
        ("invites_issued_total", 2.0),
        (r#"emails_sent_total{kind="invitation"}"#, 1.0),
        (r#"redemptions_total{outcome="admitted"}"#, 2.0),
        (r#"redemptions_total{outcome="readmitted"}"#, 1.0),
        (r#"redemptions_total{outcome="email_mismatch"}"#, 1.0),
        (r#"link_errors_total{code="link_used"}"#, 1.0),
        (r#"link_errors_total{code="invalid_link"}"#, 1.0),
        ("session_starts_total", 0.0),
        ("emails_bounced_total", 0.0),
    ];
    for (key, want) in expected {
        assert_eq!(value(&after, key), want, "{key} in\n{text}");
    }
    assert!(
        !text.contains("example.com") && !text.contains(&id),
        "no address or id in a label: {text}"
    );
}
