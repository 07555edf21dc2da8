//! Who gets in (admission contract, sections 1, 2 and 5): the room's `admission`
//! settings, one-time codes of `verify: code` rooms, another device, and the lost
//! answer. Runs on the embedded store and, in CI, on DynamoDB on moto.

use acceptance::*;
use http::StatusCode;
use serde_json::json;
use time::Duration;

/// A room whose invitees prove their address with a code; its id and the host token.
async fn code_room(s: &TestService) -> (String, String) {
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(2)).await;
    let r = s
        .send(
            Call::new(http::Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"admission": {"verify": "code"}})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json()["admission"],
        json!({"verify": "code", "approval": "none"})
    );
    (t, id)
}

/// The six-digit code of the newest code email to `to`.
fn latest_code(s: &TestService, to: &str) -> String {
    let mail = s
        .emails_to(to)
        .into_iter()
        .rfind(|m| m.contains("Subject: Your code for"))
        .unwrap_or_else(|| panic!("no code email to {to}"));
    let at = mail.find("is:").expect("the code sentence");
    let code: String = mail[at..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(code.len(), 6, "{mail}");
    assert!(
        !mail.contains(&format!("/join/{code}")) && !mail.contains("/join/"),
        "the code email has no link"
    );
    code
}

fn code_emails(s: &TestService, to: &str) -> usize {
    s.emails_to(to)
        .iter()
        .filter(|m| m.contains("Subject: Your code for"))
        .count()
}

async fn post(s: &TestService, link: &str, body: serde_json::Value, cookie: Option<&str>) -> Reply {
    let mut call = Call::post(link).json(&body).accept_json();
    if let Some(c) = cookie {
        call = call.cookie(c);
    }
    s.send(call).await
}

async fn invite_state(s: &TestService, t: &str, room: &str, email: &str) -> serde_json::Value {
    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/invites?email={email}")).bearer(t))
        .await;
    r.json()["invites"][0].clone()
}

async fn participants(s: &TestService, t: &str, room: &str) -> usize {
    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/participants")).bearer(t))
        .await;
    r.json()["participants"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn admission_settings_are_validated_stored_and_in_every_room_json() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(2)).await;
    let room = s
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(
        room.json()["admission"],
        json!({"verify": "email", "approval": "none"})
    );
    let patch = |body: serde_json::Value| {
        Call::new(http::Method::PATCH, &format!("/api/rooms/{id}"))
            .bearer(&t)
            .json(&body)
    };
    for bad in [
        json!({"admission": {"verify": "magic"}}),
        json!({"admission": {"approval": "sometimes"}}),
        // No invitee identity provider is configured here.
        json!({"admission": {"verify": "sso"}}),
    ] {
        let r = s.send(patch(bad.clone())).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.code(), "validation_failed", "{bad}");
    }
    let r = s
        .send(patch(json!({"admission": {"verify": "code"}})))
        .await;
    assert_eq!(r.json()["admission"]["verify"], "code");
    let created = s
        .send(Call::post("/api/rooms").bearer(&t).json(&json!({
            "title": "Board", "starts_at": "2030-01-01T10:00:00Z",
            "admission": {"verify": "code"}
        })))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert_eq!(created.json()["admission"]["verify"], "code");
    let again = s
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(again.json()["admission"]["verify"], "code", "stored");
}

#[tokio::test]
async fn the_right_code_admits_and_a_forwarded_link_without_it_does_not() {
    let s = TestService::start().await;
    let (t, id) = code_room(&s).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;

    // Whoever holds the link and guesses the address only makes a code go to Ann.
    let forwarded = post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    assert_eq!(
        forwarded.status,
        StatusCode::ACCEPTED,
        "{}",
        forwarded.text()
    );
    assert_eq!(forwarded.json()["status"], "code_sent");
    assert_eq!(forwarded.json()["expires_in"], 600);
    assert!(forwarded.session_cookie().is_none());
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        0
    );
    assert_eq!(participants(&s, &t, &id).await, 0);
    // A wrong address counts toward the lock as before, and sends nothing.
    let wrong = post(&s, &link, json!({"email": "bob@example.com"}), None).await;
    assert_eq!(wrong.code(), "email_mismatch");
    assert_eq!(code_emails(&s, "bob@example.com"), 0);

    let code = latest_code(&s, "ann@example.com");
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let r = post(
        &s,
        &link,
        json!({"email": "ann@example.com", "code": wrong_code}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        (r.code(), r.json()["attempts_left"].as_u64()),
        ("code_invalid".into(), Some(4))
    );
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        0
    );

    let ok = post(
        &s,
        &link,
        json!({"email": "Ann@Example.com", "code": code}),
        None,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    assert_eq!(ok.json()["room_id"], id.as_str());
    let cookie = ok.session_cookie().expect("a session");
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        1
    );
    let me = s
        .send(Call::get(&format!("/rooms/{id}/me")).cookie(&cookie))
        .await;
    assert_eq!(me.json()["email"], "ann@example.com");
    // The code was used: typing it again elsewhere is refused.
    let again = post(
        &s,
        &link,
        json!({"email": "ann@example.com", "code": code}),
        None,
    )
    .await;
    assert_eq!(again.code(), "code_expired");
    // The session proves the address: later visits of the link skip the lobby.
    let back = s.send(Call::get(&link).cookie(&cookie)).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        1
    );
    let names = s.events.names();
    assert!(names.contains(&"AdmissionCodeSent") && names.contains(&"AdmissionCodeRejected"));
}

#[tokio::test]
async fn five_wrong_codes_void_the_code_and_a_new_one_works() {
    let s = TestService::start().await;
    let (t, id) = code_room(&s).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    let code = latest_code(&s, "ann@example.com");
    let wrong = if code == "999999" { "888888" } else { "999999" };
    for left in (0..5).rev() {
        let r = post(
            &s,
            &link,
            json!({"email": "ann@example.com", "code": wrong}),
            None,
        )
        .await;
        assert_eq!(r.code(), "code_invalid");
        assert_eq!(r.json()["attempts_left"].as_u64(), Some(left));
    }
    let right = post(
        &s,
        &link,
        json!({"email": "ann@example.com", "code": code}),
        None,
    )
    .await;
    assert_eq!(
        right.code(),
        "code_expired",
        "the right code after 5 wrong ones"
    );
    s.clock.advance(Duration::seconds(31));
    let sent = post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    assert_eq!(sent.status, StatusCode::ACCEPTED);
    let fresh = latest_code(&s, "ann@example.com");
    let ok = post(
        &s,
        &link,
        json!({"email": "ann@example.com", "code": fresh}),
        None,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
}

#[tokio::test]
async fn codes_expire_after_their_ttl() {
    let s = TestService::start().await;
    let (t, id) = code_room(&s).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    let code = latest_code(&s, "ann@example.com");
    s.clock.advance(Duration::seconds(601));
    let late = post(
        &s,
        &link,
        json!({"email": "ann@example.com", "code": code}),
        None,
    )
    .await;
    assert_eq!(
        (late.status, late.code()),
        (StatusCode::BAD_REQUEST, "code_expired".into())
    );
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        0
    );
}

#[tokio::test]
async fn asking_again_is_limited_to_one_code_in_30_seconds_and_5_an_hour() {
    let s = TestService::start().await;
    let (t, id) = code_room(&s).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let first = post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    assert_eq!(first.status, StatusCode::ACCEPTED);
    let soon = post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    assert_eq!(
        (soon.status, soon.code()),
        (StatusCode::TOO_MANY_REQUESTS, "too_many_requests".into())
    );
    let wait: u64 = soon
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!((1..=30).contains(&wait), "{wait}");
    for _ in 0..4 {
        s.clock.advance(Duration::seconds(31));
        let r = post(&s, &link, json!({"email": "ann@example.com"}), None).await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    }
    assert_eq!(code_emails(&s, "ann@example.com"), 5);
    s.clock.advance(Duration::seconds(31));
    let sixth = post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = sixth
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!(wait > 30 && wait <= 3600, "until the hour is over: {wait}");
    assert_eq!(code_emails(&s, "ann@example.com"), 5);
    // Each new code voided the previous one: only the newest admits.
    let mails: Vec<String> = s.emails_to("ann@example.com");
    assert!(mails.len() >= 5);
    s.clock.advance(Duration::hours(1));
    let later = post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    assert_eq!(later.status, StatusCode::ACCEPTED, "a new hour");
}

#[tokio::test]
async fn a_new_device_proves_the_address_again_without_a_use() {
    let s = TestService::start().await;
    let (t, id) = code_room(&s).await;
    let link = s
        .invite_link(
            &t,
            &id,
            json!({"email": "ann@example.com", "role": "speaker"}),
        )
        .await;
    post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    let code = latest_code(&s, "ann@example.com");
    let first = post(
        &s,
        &link,
        json!({"email": "ann@example.com", "code": code}),
        None,
    )
    .await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["status"],
        "used"
    );

    // Another device, no cookie: the used single-use link still sends a code to Ann…
    s.clock.advance(Duration::seconds(31));
    let asked = post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.text());
    let code = latest_code(&s, "ann@example.com");
    // …and the code re-admits without consuming (there is none left anyway).
    let second = post(
        &s,
        &link,
        json!({"email": "ann@example.com", "code": code}),
        None,
    )
    .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text());
    assert_eq!(second.json()["role"], "speaker");
    assert!(second.session_cookie().is_some());
    let invite = invite_state(&s, &t, &id, "ann@example.com").await;
    assert_eq!(invite["uses"], 1);
    assert_eq!(participants(&s, &t, &id).await, 1);
    // Typing the address alone on a used link still opens nothing: it asks for a code.
    s.clock.advance(Duration::seconds(31));
    let plain = s.login(&link, "ann@example.com").await;
    assert_eq!(plain.status, StatusCode::ACCEPTED, "{}", plain.text());
    assert!(plain.session_cookie().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_simultaneous_right_codes_admit_one_participant_with_one_use() {
    let s = TestService::start().await;
    let (t, id) = code_room(&s).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    post(&s, &link, json!({"email": "ann@example.com"}), None).await;
    let code = latest_code(&s, "ann@example.com");
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let router = s.local().router.clone();
        let call = Call::post(&link)
            .json(&json!({"email": "ann@example.com", "code": code}))
            .accept_json();
        set.spawn(crate::host_api::send_with(router, call));
    }
    let (mut admitted, mut refused) = (0, 0);
    while let Some(r) = set.join_next().await {
        let r = r.expect("task");
        match (r.status, r.code().as_str()) {
            (StatusCode::OK, _) => admitted += 1,
            (StatusCode::BAD_REQUEST, "code_expired") => refused += 1,
            other => panic!("unexpected {other:?}: {}", r.text()),
        }
    }
    assert_eq!((admitted, refused), (1, 15));
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        1
    );
    assert_eq!(participants(&s, &t, &id).await, 1);
}

/// The lobby nonce a GET of the lobby sets: `rooms_lobby=…`.
async fn lobby_cookie(s: &TestService, link: &str) -> String {
    let lobby = s.send(Call::get(link)).await;
    assert_eq!(
        lobby.status,
        StatusCode::OK,
        "{}",
        lobby.page_error().unwrap_or_default()
    );
    let set = lobby
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rooms_lobby="))
        .expect("the lobby sets its nonce")
        .to_owned();
    assert!(
        set.contains("HttpOnly") && set.contains("Path=/join"),
        "{set}"
    );
    set.split(';').next().expect("pair").to_owned()
}

#[tokio::test]
async fn a_lost_answer_readmits_the_same_browser_only() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(2)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let mine = lobby_cookie(&s, &link).await;
    let other = lobby_cookie(&s, &link).await;
    assert_ne!(mine, other);

    // The redemption commits; its answer (and its session cookie) never arrives.
    let lost = s
        .send(
            Call::post(&link)
                .form_email("ann@example.com")
                .cookie(&mine),
        )
        .await;
    assert_eq!(lost.status, StatusCode::SEE_OTHER);
    drop(lost);
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        1
    );

    // The same browser submits again: admitted, nothing consumed.
    let retry = s
        .send(
            Call::post(&link)
                .form_email("ann@example.com")
                .cookie(&mine),
        )
        .await;
    assert_eq!(retry.status, StatusCode::SEE_OTHER, "{}", retry.text());
    assert!(retry.session_cookie().is_some());
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        1
    );
    // Another browser, even with the right address: the link is used.
    let elsewhere = s
        .send(
            Call::post(&link)
                .form_email("ann@example.com")
                .cookie(&other)
                .accept_json(),
        )
        .await;
    assert_eq!(
        (elsewhere.status, elsewhere.code()),
        (StatusCode::GONE, "link_used".into())
    );
    // The same browser with another address learns nothing either.
    let bob = s
        .send(
            Call::post(&link)
                .form_email("bob@example.com")
                .cookie(&mine)
                .accept_json(),
        )
        .await;
    assert_eq!(bob.code(), "link_used");
    // Ten minutes later the receipt no longer admits.
    s.clock.advance(Duration::minutes(10));
    let stale = s
        .send(
            Call::post(&link)
                .form_email("ann@example.com")
                .cookie(&mine)
                .accept_json(),
        )
        .await;
    assert_eq!(stale.code(), "link_used");
}

#[tokio::test]
async fn a_lost_answer_of_an_n_use_link_consumes_one_use_only() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(2)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com", "max_uses": 3}))
        .await;
    let mine = lobby_cookie(&s, &link).await;
    for _ in 0..3 {
        let r = s
            .send(
                Call::post(&link)
                    .form_email("ann@example.com")
                    .cookie(&mine),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        1
    );
}

#[tokio::test]
async fn the_code_lobby_works_without_javascript() {
    let s = TestService::start().await;
    let (t, id) = code_room(&s).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let lobby = s.send(Call::get(&link)).await;
    assert!(lobby.text().contains("6-digit code"));
    let asked = s.login(&link, "ann@example.com").await;
    assert_eq!(asked.status, StatusCode::ACCEPTED);
    let page = asked.text();
    assert!(page.contains(r#"name="code""#) && page.contains(r#"autocomplete="one-time-code""#));
    assert!(
        page.contains(r#"value="ann@example.com""#),
        "the email stays filled in"
    );
    assert!(page.contains("We sent a 6-digit code to"));
    assert!(page.contains("Send a new code"));
    let code = latest_code(&s, "ann@example.com");
    let body = format!(
        "email=ann%40example.com&code={}",
        if code == "123456" { "654321" } else { "123456" }
    );
    let wrong = s
        .send(
            Call::post(&link)
                .raw_body(body.into_bytes())
                .header("content-type", "application/x-www-form-urlencoded"),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.page_error().as_deref(), Some("code_invalid"));
    assert!(
        wrong.text().contains(r#"name="code""#),
        "still on the code step"
    );
    let body = format!("email=ann%40example.com&code={}", &code);
    let ok = s
        .send(
            Call::post(&link)
                .raw_body(body.into_bytes())
                .header("content-type", "application/x-www-form-urlencoded"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.header("location"), Some(format!("/rooms/{id}").as_str()));
}

/// The lost answer over a real connection: the browser's POST reaches local mode over
/// TCP, the redemption commits, and the connection goes away with the answer unread.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redemption_whose_connection_dropped_readmits_the_same_browser() {
    use tokio::io::AsyncWriteExt;
    let s = TestService::listen().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(2)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let mine = lobby_cookie(&s, &link).await;
    let other = lobby_cookie(&s, &link).await;
    let addr = s.base.trim_start_matches("http://").to_owned();
    let body = "email=ann%40example.com";
    let request = format!(
        "POST {link} HTTP/1.1\r\nHost: {addr}\r\nCookie: {mine}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut socket = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    socket.write_all(request.as_bytes()).await.expect("send");
    s.eventually(
        "the redemption to commit",
        std::time::Duration::from_secs(10),
        || async { invite_state(&s, &t, &id, "ann@example.com").await["uses"] == 1 },
    )
    .await;
    drop(socket);

    let retry = s
        .send(
            Call::post(&link)
                .form_email("ann@example.com")
                .cookie(&mine),
        )
        .await;
    assert_eq!(retry.status, StatusCode::SEE_OTHER, "{}", retry.text());
    assert!(retry.session_cookie().is_some());
    assert_eq!(
        invite_state(&s, &t, &id, "ann@example.com").await["uses"],
        1
    );
    let elsewhere = s
        .send(
            Call::post(&link)
                .form_email("ann@example.com")
                .cookie(&other)
                .accept_json(),
        )
        .await;
    assert_eq!(elsewhere.code(), "link_used");
}
