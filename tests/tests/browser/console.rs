//! The host console in Chromium: sign-in by the banner's one-time link and at the
//! organization's provider (OpenID Connect, the test provider), a room created, a
//! 10,000-row CSV with bad rows imported (progress shown, a reload in the middle resumed
//! without a duplicate, the rejected rows downloaded), revoke, resend, a bulk action on a
//! filtered set, a role change, the dashboard following redemptions live, the delete
//! confirmation, and sign-out. Every page is screenshotted and checked with axe-core.

use super::support::{tools, until, Browser, Driver};
use super::{click, ONE_AT_A_TIME};
use acceptance::console::ticket;
use acceptance::oidc::Provider;
use acceptance::*;
use http::StatusCode;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const ROWS: usize = 10_000;

/// A 1×1 PNG (the branding's logo).
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
    0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A CSV of `ROWS` rows with a header: every 250th row has a bad address, every 500th
/// (offset) an unknown role, every 1000th (offset) a language we do not ship, and one row
/// repeats an earlier address; every 10th is a speaker, every 3rd in German (`DE` or
/// `de`). Returns the file and how many rows are good.
fn csv_file(dir: &std::path::Path) -> (std::path::PathBuf, usize) {
    let mut text = String::from("email,role,uses,locale\r\n");
    let mut good = 0;
    for i in 0..ROWS {
        let line = if i % 250 == 7 {
            format!("person{i}-at-example.com,viewer,1,")
        } else if i % 500 == 13 {
            format!("person{i}@example.com,owner,1,")
        } else if i % 1000 == 21 {
            format!("person{i}@example.com,viewer,1,tlh")
        } else if i == 9_999 {
            "person0@example.com,viewer,1,".to_owned()
        } else {
            good += 1;
            let role = if i % 10 == 0 { "speaker" } else { "viewer" };
            let locale = match i % 6 {
                0 => "de",
                3 => "DE",
                _ => "",
            };
            format!("person{i}@example.com,{role},1,{locale}")
        };
        text.push_str(&line);
        text.push_str("\r\n");
    }
    let path = dir.join("invitees.csv");
    std::fs::write(&path, text).expect("csv written");
    (path, good)
}

/// `n` as the console's script writes it in English (`Intl.NumberFormat`: `10,000`).
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

async fn h1(b: &Browser) -> String {
    b.js("var h = document.querySelector('h1'); return h ? h.textContent : '';")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn wait_h1(b: &Browser, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let complete = b.js("return document.readyState").await == json!("complete");
        if complete && h1(b).await.contains(want) {
            return;
        }
        if Instant::now() > deadline {
            let text = b
                .js("return document.body ? document.body.innerText : ''")
                .await;
            panic!("timed out waiting for h1 {want:?}; the page says {text}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks `css` (a form's button) and waits for the next page, whose `h1` has `want`.
async fn submit(b: &Browser, css: &str, want: &str) {
    b.js("document.body.dataset.before = 'yes';").await;
    click(b, css).await;
    until("the next page", Duration::from_secs(15), || async {
        let old = b
            .js("return document.body ? document.body.dataset.before || null : 'yes';")
            .await;
        old.is_null().then_some(())
    })
    .await;
    wait_h1(b, want).await;
}

async fn set_value(b: &Browser, id: &str, value: &str) {
    b.js(&format!(
        "document.getElementById({}).value = {};",
        json!(id),
        json!(value)
    ))
    .await;
}

async fn summary(s: &TestService, host: &str, room: &str) -> Value {
    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/summary")).bearer(host))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

/// The import's saved progress (rows done), if any.
async fn import_done(b: &Browser) -> Option<u64> {
    let v = b
        .js("for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); \
             if (k.indexOf('console-import:') === 0) return JSON.parse(localStorage.getItem(k)).done; } return null;")
        .await;
    v.as_u64()
}

async fn choose_file_and_check(b: &Browser, path: &std::path::Path) {
    b.client
        .find(fantoccini::Locator::Id("import-file"))
        .await
        .expect("file field")
        .send_keys(&path.display().to_string())
        .await
        .expect("file chosen");
    click(b, "#import-check").await;
    until("the preview", Duration::from_secs(20), || async {
        let hidden = b
            .js("return document.getElementById('import-confirm').hidden")
            .await;
        (hidden == json!(false)).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_runs_an_event_from_the_console_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let started = Instant::now();
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let b = driver.browser().await;
    let api = host_token("acme", "dana");

    // The banner's one-time link → the room list.
    b.goto(&format!(
        "{}/console/sign-in?ticket={}",
        s.base,
        ticket("acme", "dana", None)
    ))
    .await;
    wait_h1(&b, "Rooms").await;
    assert_eq!(
        b.client.current_url().await.expect("url").path(),
        "/console"
    );
    b.check_page("console-01-rooms", false).await;

    // Create a room.
    set_value(&b, "new-title", "Annual members' meeting").await;
    set_value(&b, "new-description", "Votes & <plans>").await;
    set_value(&b, "new-starts", "2031-03-01T15:00").await;
    set_value(&b, "new-speakers", "Dana | Chair\nLee").await;
    submit(
        &b,
        "form[action='/console'] button[type=submit]",
        "Annual members' meeting",
    )
    .await;
    let room = b
        .client
        .current_url()
        .await
        .expect("url")
        .path()
        .trim_start_matches("/console/rooms/")
        .to_owned();
    let stored = s
        .send(Call::get(&format!("/api/rooms/{room}")).bearer(&api))
        .await
        .json();
    assert_eq!(stored["description"], "Votes & <plans>");
    assert_eq!(stored["starts_at"], "2031-03-01T15:00:00Z");
    assert_eq!(
        stored["speakers"][0],
        json!({"name": "Dana", "title": "Chair"})
    );
    b.check_page("console-02-room", false).await;

    // Import 10,000 rows: check, preview, confirmation with the email count.
    let dir = tempfile::tempdir().expect("dir");
    let (file, good) = csv_file(dir.path());
    let bad = ROWS - good;
    choose_file_and_check(&b, &file).await;
    let counts = b.text("#import-counts").await;
    assert!(
        counts.contains(&format!(
            "{} rows (first row read as column names): {} ready, {bad} with problems",
            grouped(ROWS),
            grouped(good)
        )),
        "{counts}"
    );
    let confirm = b.text("#import-summary").await;
    assert!(
        confirm.contains(&format!("{} emails will go out", grouped(good))),
        "{confirm}"
    );
    b.check_page("console-03-import-preview", false).await;

    // Send; reload in the middle; resume with the same file.
    let import_started = Instant::now();
    click(&b, "#import-start").await;
    let at = until("the import under way", Duration::from_secs(60), || async {
        import_done(&b).await.filter(|d| *d >= 1_000)
    })
    .await;
    eprintln!("{at} rows after {:?}", import_started.elapsed());
    assert!(
        (at as usize) < good,
        "the reload comes mid-import ({at} of {good})"
    );
    let status = b.text("#import-status").await;
    assert!(status.contains("rows done"), "{status}");
    assert_eq!(b.attr("#import-progress-box", "hidden").await, None);
    b.client.refresh().await.expect("reload");
    wait_h1(&b, "Annual members' meeting").await;
    let resume = b.text("#import-resume").await;
    assert!(resume.contains("An import stopped after"), "{resume}");
    b.check_page("console-04-import-interrupted", false).await;
    choose_file_and_check(&b, &file).await;
    let confirm = b.text("#import-summary").await;
    assert!(confirm.starts_with("Resume:"), "{confirm}");
    click(&b, "#import-start").await;
    let deadline = Instant::now() + Duration::from_secs(180);
    while b.attr("[data-import]", "data-finished").await.as_deref() != Some("true") {
        assert!(
            Instant::now() < deadline,
            "the import did not finish: {}",
            b.text("#import-status").await
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let import_took = import_started.elapsed();
    let status = b.text("#import-status").await;
    assert_eq!(
        status,
        format!("Finished: {} invited, {bad} rejected.", grouped(good))
    );
    // No duplicates: exactly the good rows (plus none from the reload).
    let counts = summary(&s, &api, &room).await;
    assert_eq!(counts["invites"]["total"], json!(good), "{counts}");
    // The rejected rows, as the download link holds them.
    click(&b, "#import-rejected").await;
    let file = b.downloads.join("rejected-rows.csv");
    let rejected = until(
        "the rejected rows' download",
        Duration::from_secs(10),
        || async {
            std::fs::read_to_string(&file)
                .ok()
                .filter(|t| t.ends_with("\r\n"))
        },
    )
    .await;
    assert_eq!(rejected.lines().count(), bad + 1, "{rejected}");
    assert!(rejected.starts_with("row,email,role,error,message"));
    assert!(
        rejected.contains("9,person7-at-example.com,viewer,invalid_email"),
        "{rejected}"
    );
    assert!(rejected.contains("duplicate_in_file"));
    assert!(
        rejected.contains("23,person21@example.com,viewer,bad_request"),
        "a language we do not ship: {rejected}"
    );
    // The `locale` column became each invite's language, written as the API writes it.
    for (who, want) in [
        ("person3", json!("de")),
        ("person6", json!("de")),
        ("person1", Value::Null),
    ] {
        let r = s
            .send(
                Call::get(&format!(
                    "/api/rooms/{room}/invites?email={who}%40example.com"
                ))
                .bearer(&api),
            )
            .await;
        assert_eq!(
            r.json()["invites"][0]["locale"],
            want,
            "{who}: {}",
            r.text()
        );
    }
    // The chunk in flight at the reload may still be running when it is sent again:
    // `409` (key in progress) is the designed answer, and the script retries it.
    b.check_page_expecting(
        "console-05-import-finished",
        &[format!("{}/console/rooms/{room}/import", s.base)],
    )
    .await;
    eprintln!("console import of {ROWS} rows (with a reload) took {import_took:?}");

    // Three people are invited; two come in.
    let mut links = Vec::new();
    for who in ["ann", "ben", "cy"] {
        let email = format!("{who}@example.com");
        let link = s.invite_link(&api, &room, json!({ "email": email })).await;
        links.push((link, email));
    }
    for (link, email) in &links[..2] {
        let r = s.login(link, email).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    }

    // The invites table: a filter, revoke, resend.
    b.goto(&format!(
        "{}/console/rooms/{room}/invites?email=person1%40example.com",
        s.base
    ))
    .await;
    wait_h1(&b, "Invites of").await;
    submit(
        &b,
        "button[aria-label='Revoke person1@example.com']",
        "Invites of",
    )
    .await;
    // Back to the same filtered list.
    let url = b.client.current_url().await.expect("url");
    assert_eq!(url.query(), Some("email=person1%40example.com"));
    assert_eq!(b.text("td[data-status]").await, "revoked");
    let person1 = s
        .send(
            Call::get(&format!(
                "/api/rooms/{room}/invites?email=person1%40example.com"
            ))
            .bearer(&api),
        )
        .await
        .json();
    assert_eq!(person1["invites"][0]["status"], "revoked");
    b.goto(&format!(
        "{}/console/rooms/{room}/invites?email=person2%40example.com",
        s.base
    ))
    .await;
    wait_h1(&b, "Invites of").await;
    let emails_before = s.emails_to("person2@example.com").len();
    submit(
        &b,
        "button[aria-label='Resend to person2@example.com']",
        "Invites of",
    )
    .await;
    until("the resent email", Duration::from_secs(10), || async {
        (s.emails_to("person2@example.com").len() > emails_before).then_some(())
    })
    .await;

    // A bulk action on a filtered set: revoke every active speaker, page by page.
    b.goto(&format!(
        "{}/console/rooms/{room}/invites?status=active&role=speaker",
        s.base
    ))
    .await;
    wait_h1(&b, "Invites of").await;
    b.check_page("console-06-invites-filtered", false).await;
    b.js("document.getElementById('bulk-action').value = 'revoke';")
        .await;
    click(&b, "form[data-bulk] button[type=submit]").await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while b.attr("form[data-bulk]", "data-finished").await.as_deref() != Some("true") {
        assert!(
            Instant::now() < deadline,
            "the bulk action did not finish: {}",
            b.text(".bulk-status").await
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let line = b.text(".bulk-status").await;
    assert!(line.starts_with("Finished: "), "{line}");
    let left = s
        .send(
            Call::get(&format!(
                "/api/rooms/{room}/invites?status=active&role=speaker"
            ))
            .bearer(&api),
        )
        .await
        .json();
    assert_eq!(left["invites"], json!([]), "no active speaker left");
    b.check_page("console-07-bulk-done", false).await;

    // Participants: a role change.
    b.goto(&format!("{}/console/rooms/{room}/participants", s.base))
        .await;
    wait_h1(&b, "Participants of").await;
    b.check_page("console-08-participants", false).await;
    b.js("document.getElementById('role-0').value = 'moderator';")
        .await;
    submit(
        &b,
        "tbody tr:first-child button[type=submit]",
        "Participants of",
    )
    .await;
    let parts = s
        .send(Call::get(&format!("/api/rooms/{room}/participants")).bearer(&api))
        .await
        .json();
    assert_eq!(parts["participants"][0]["role"], "moderator", "{parts}");

    // The dashboard follows a redemption by itself, pushed: it subscribes to the room's
    // hosts' channel (Server-Sent Events here), and reads its numbers again on the
    // `activity` the redemption sends, long before its one-minute safety read.
    b.goto(&format!("{}/console/rooms/{room}/dashboard", s.base))
        .await;
    wait_h1(&b, "Dashboard of").await;
    assert_eq!(b.text("#joined").await, "2");
    until(
        "the dashboard to subscribe",
        Duration::from_secs(10),
        || async {
            (b.attr("#live", "data-subscribed").await.as_deref() == Some("sse")).then_some(())
        },
    )
    .await;
    b.check_page("console-09-dashboard", false).await;
    let (link, email) = &links[2];
    let redeemed = std::time::Instant::now();
    assert_eq!(s.login(link, email).await.status, StatusCode::SEE_OTHER);
    until(
        "the dashboard to show 3 joined",
        Duration::from_secs(10),
        || async { (b.text("#joined").await == "3").then_some(()) },
    )
    .await;
    assert!(
        b.attr("#live", "data-pushed").await.is_some(),
        "the change came pushed"
    );
    eprintln!(
        "dashboard updated {:?} after the redemption",
        redeemed.elapsed()
    );
    b.check_page("console-10-dashboard-live", false).await;

    // The organization's branding, set from the console: a name, a colour, a logo file.
    b.goto(&format!("{}/console/branding", s.base)).await;
    wait_h1(&b, "Your organization").await;
    b.check_page("console-15-branding", false).await;
    set_value(&b, "display_name", "Acme Events").await;
    set_value(&b, "accent_color", "#1a5e20").await;
    let logo = dir.path().join("logo.png");
    std::fs::write(&logo, PNG_1X1).expect("logo written");
    b.client
        .find(fantoccini::Locator::Id("logo"))
        .await
        .expect("file field")
        .send_keys(&logo.display().to_string())
        .await
        .expect("file chosen");
    submit(&b, "form.card button[type=submit]", "Your organization").await;
    assert!(b.text("[role=status]").await.contains("Saved"));
    let branding = s.send(Call::get("/api/branding").bearer(&api)).await.json();
    assert_eq!(branding["display_name"], "Acme Events", "{branding}");
    assert!(branding["logo_url"].is_string(), "{branding}");
    b.check_page("console-16-branding-saved", false).await;

    // The delete confirmation counts the cancellations.
    b.goto(&format!("{}/console/rooms/{room}/delete", s.base))
        .await;
    wait_h1(&b, "Delete").await;
    let count = b
        .attr("#delete-count", "data-count")
        .await
        .unwrap_or_default();
    assert!(
        count.parse::<usize>().expect("a number") > good / 2,
        "{count}"
    );
    b.check_page("console-11-delete-confirm", false).await;

    // Sign out: the console asks for a sign-in again.
    submit(
        &b,
        "form[action='/console/sign-out'] button",
        "You are signed out",
    )
    .await;
    b.check_page("console-12-signed-out", false).await;
    b.goto(&format!("{}/console", s.base)).await;
    wait_h1(&b, "Sign in to the host console").await;
    // The axe-core check can fail: a button without a name is a critical violation.
    b.js("document.querySelector('main').append(document.createElement('button'));")
        .await;
    if let Some(found) = b.axe_violations("a broken page").await {
        assert!(found.to_string().contains("button-name"), "{found}");
    }
    eprintln!("console journey took {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_signs_in_to_the_console_at_the_organizations_provider_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let provider = Provider::start();
    let issuer = provider.issuer.clone();
    let s = TestService::listen_with_options(move |o| {
        o.identity.issuer = Some(issuer);
        o.host_oidc = Some((
            shared::config::HostOidcSettings {
                client_id: "rooms-console".into(),
                scopes: vec!["email".into()],
            },
            Some("console-client-secret".into()),
        ));
    })
    .await;
    provider
        .set_user(
            "dana",
            json!({"email": "dana@acme.example", "email_verified": true, "org": "acme"}),
        )
        .await;
    // Rita's ID token grants reading only (the API's rule: a scope without rooms:write).
    provider
        .set_user(
            "rita",
            json!({"email": "rita@acme.example", "email_verified": true, "org": "acme", "scope": "rooms:read"}),
        )
        .await;
    let driver = Driver::start(&tools).await;
    let b = driver.browser().await;
    b.goto(&format!("{}/console", s.base)).await;
    until("the provider's form", Duration::from_secs(10), || async {
        let url = b.client.current_url().await.ok()?;
        url.as_str().starts_with(&provider.issuer).then_some(())
    })
    .await;
    let _ = b.problems(&[]).await;
    b.client
        .find(fantoccini::Locator::Css("input[name=sub]"))
        .await
        .expect("the subject field")
        .send_keys("dana")
        .await
        .expect("typing");
    click(&b, "button[type=submit]").await;
    wait_h1(&b, "Rooms").await;
    let who = b.text(".console-bar .who").await;
    assert_eq!(who, "dana@acme.example · acme");
    b.check_page("console-13-signed-in-with-provider", false)
        .await;
}

/// The console in Arabic (chosen with the picker's `?lang=ar`, then kept by the cookie):
/// the room list and the room page with the import and its preview, right to left,
/// checked with axe-core and screenshotted at phone size too. The Arabic console
/// messages are still to be translated: the frame is what is checked here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_in_arabic_is_right_to_left_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let api = host_token("acme", "dana");
    let room = s.create_room(&api, time::Duration::hours(30)).await;
    let driver = Driver::start(&tools).await;
    let b = driver.browser().await;
    b.goto(&format!(
        "{}/console/sign-in?ticket={}",
        s.base,
        ticket("acme", "dana", None)
    ))
    .await;
    wait_h1(&b, "Rooms").await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("en"));
    // The picker's link to Arabic.
    click(&b, "nav.languages a[hreflang=ar]").await;
    until("the Arabic room list", Duration::from_secs(15), || async {
        (b.attr("html", "lang").await.as_deref() == Some("ar")).then_some(())
    })
    .await;
    assert_right_to_left(&b).await;
    b.check_page("console-ar-rooms", false).await;

    // The cookie keeps Arabic on the room page; the import's preview is in it too.
    b.goto(&format!("{}/console/rooms/{room}", s.base)).await;
    until("the room page", Duration::from_secs(15), || async {
        let ready = b.js("return document.readyState").await == json!("complete");
        (ready && b.attr("[data-import]", "data-import").await.is_some()).then_some(())
    })
    .await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("ar"));
    assert_right_to_left(&b).await;
    set_value(
        &b,
        "import-paste",
        "email,role\nann@example.com,viewer\nnot-an-address,viewer\n",
    )
    .await;
    click(&b, "#import-check").await;
    until("the preview", Duration::from_secs(20), || async {
        let hidden = b
            .js("return document.getElementById('import-confirm').hidden")
            .await;
        (hidden == json!(false)).then_some(())
    })
    .await;
    b.check_page("console-ar-import", false).await;
}

/// The page is right to left: the document's direction, and the console's name at the
/// right end of its bar.
async fn assert_right_to_left(b: &Browser) {
    let found = b
        .js(r#"
            var brand = document.querySelector('.console-bar .brand').getBoundingClientRect();
            var bar = document.querySelector('.console-bar').getBoundingClientRect();
            return {
              dir: document.documentElement.getAttribute('dir'),
              direction: getComputedStyle(document.documentElement).direction,
              gapRight: Math.round(bar.right - brand.right),
              gapLeft: Math.round(brand.left - bar.left)
            };"#)
        .await;
    assert_eq!(found["dir"], "rtl", "{found}");
    assert_eq!(found["direction"], "rtl", "{found}");
    let (right, left) = (
        found["gapRight"].as_i64().unwrap_or(999),
        found["gapLeft"].as_i64().unwrap_or(0),
    );
    assert!(
        right < left && right < 40,
        "the bar starts at the right: {found}"
    );
}
