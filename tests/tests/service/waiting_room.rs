//! The waiting room through the HTTP contract (admission contract, section 4): each
//! `approval` with single-use and shared links, the hosts' list and decisions, knocks,
//! and the live room refused while waiting or denied. On the embedded store and, in CI,
//! on DynamoDB on moto.

use acceptance::room_backend::{redirect, ROOM_APP_URL};
use acceptance::*;
use http::StatusCode;
use serde_json::{json, Value};
use shared::domain::{AdmissionState, EmailAddress, Invite, InviteToken, RedeemMode, Role};
use shared::ports::RedeemRequest;
use time::Duration;

async fn room_with_approval(
    s: &TestService,
    approval: &str,
    starts_in: Duration,
) -> (String, String) {
    let t = host_token("o", "h");
    let id = s.create_room(&t, starts_in).await;
    let r = s
        .send(
            Call::new(http::Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"admission": {"approval": approval}})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["admission"]["approval"], approval);
    (t, id)
}

async fn me(s: &TestService, id: &str, cookie: &str) -> Value {
    s.send(Call::get(&format!("/rooms/{id}/me")).cookie(cookie))
        .await
        .json()
}

async fn waiting_list(s: &TestService, t: &str, id: &str) -> Vec<Value> {
    let r = s
        .send(Call::get(&format!("/api/rooms/{id}/waiting")).bearer(t))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["waiting"].as_array().cloned().unwrap_or_default()
}

async fn decide(
    s: &TestService,
    t: &str,
    id: &str,
    identity: &str,
    what: &str,
    body: Option<Value>,
) -> Reply {
    let mut call = Call::post(&format!("/api/rooms/{id}/waiting/{identity}/{what}")).bearer(t);
    if let Some(body) = body {
        call = call.json(&body);
    }
    s.send(call).await
}

#[tokio::test]
async fn approval_holds_back_whom_it_names() {
    let s = TestService::start().await;
    for (approval, max_uses, waits) in [
        ("none", json!(1), false),
        ("none", json!(5), false),
        ("shared_links", json!(1), false),
        ("shared_links", json!(5), true),
        ("shared_links", Value::Null, true),
        ("everyone", json!(1), true),
        ("everyone", json!(5), true),
    ] {
        let (t, id) = room_with_approval(&s, approval, Duration::hours(1)).await;
        let email = format!("{approval}-{}@example.com", max_uses.as_u64().unwrap_or(0));
        let link = s
            .invite_link(&t, &id, json!({"email": email, "max_uses": max_uses}))
            .await;
        let cookie = s.cookie_for(&link, &email).await;
        let expected = if waits { "waiting" } else { "admitted" };
        assert_eq!(
            me(&s, &id, &cookie).await["admission"],
            expected,
            "{approval} {max_uses}"
        );
        let invites = s
            .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
            .await
            .json();
        assert_eq!(
            invites["invites"][0]["uses"], 1,
            "the use is consumed at redemption"
        );
    }
}

#[tokio::test]
async fn hosts_admit_and_deny_and_the_denied_knock_again() {
    let s = TestService::with_backend(redirect(ROOM_APP_URL)).await;
    let (t, id) = room_with_approval(&s, "everyone", -Duration::minutes(1)).await;
    let ann = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let ann = s.cookie_for(&ann, "ann@example.com").await;
    let bob = s
        .invite_link(
            &t,
            &id,
            json!({"email": "bob@example.com", "role": "speaker"}),
        )
        .await;
    let bob = s.cookie_for(&bob, "bob@example.com").await;

    // Waiting: no media-room token, the room page says so.
    let entry = s
        .send(Call::get(&format!("/rooms/{id}/entry")).cookie(&ann))
        .await;
    assert_eq!(
        (entry.status, entry.code()),
        (StatusCode::FORBIDDEN, "awaiting_approval".into())
    );
    let page = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&ann))
        .await;
    assert!(
        page.text().contains(r#"data-page="waiting""#),
        "{}",
        page.text()
    );
    assert!(page.text().contains("waiting room"));

    let list = waiting_list(&s, &t, &id).await;
    let emails: Vec<&str> = list.iter().filter_map(|w| w["email"].as_str()).collect();
    assert_eq!(
        emails,
        ["ann@example.com", "bob@example.com"],
        "oldest first"
    );
    let ann_id = list[0]["identity"].as_str().expect("identity").to_owned();
    let bob_id = list[1]["identity"].as_str().expect("identity").to_owned();
    assert!(ann_id.starts_with("p_"));
    assert_eq!(list[1]["role"], "speaker");

    let admitted = decide(&s, &t, &id, &ann_id, "admit", None).await;
    assert_eq!(admitted.status, StatusCode::OK, "{}", admitted.text());
    assert_eq!(admitted.json()["admission"], "admitted");
    let again = decide(&s, &t, &id, &ann_id, "admit", None).await;
    assert_eq!(
        (again.status, again.code()),
        (StatusCode::NOT_FOUND, "not_found".into())
    );
    let unknown = decide(&s, &t, &id, "p_000000000000000000000000", "admit", None).await;
    assert_eq!(unknown.code(), "not_found");
    assert_eq!(me(&s, &id, &ann).await["admission"], "admitted");
    let entry = s
        .send(Call::get(&format!("/rooms/{id}/entry")).cookie(&ann))
        .await;
    assert_eq!(entry.status, StatusCode::OK, "{}", entry.text());

    let long = decide(
        &s,
        &t,
        &id,
        &bob_id,
        "deny",
        Some(json!({"reason": "x".repeat(201)})),
    )
    .await;
    assert_eq!(long.code(), "validation_failed");
    let denied = decide(
        &s,
        &t,
        &id,
        &bob_id,
        "deny",
        Some(json!({"reason": "Members only <3"})),
    )
    .await;
    assert_eq!(denied.json()["admission"], "denied");
    let entry = s
        .send(Call::get(&format!("/rooms/{id}/entry")).cookie(&bob))
        .await;
    assert_eq!(entry.code(), "admission_denied");
    assert_eq!(entry.json()["reason"], "Members only <3");
    let page = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&bob))
        .await;
    assert!(
        page.text().contains("Members only &lt;3"),
        "the reason, escaped"
    );
    assert!(page.text().contains("Knock again"));

    // Knocking: not before a minute, then back in the list.
    let knock = |cookie: String| {
        Call::post(&format!("/rooms/{id}/knock"))
            .cookie(&cookie)
            .accept_json()
    };
    let soon = s.send(knock(bob.clone())).await;
    assert_eq!(soon.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(soon.header("retry-after").is_some());
    s.clock.advance(Duration::seconds(61));
    let knocked = s.send(knock(bob.clone())).await;
    assert_eq!(knocked.status, StatusCode::OK, "{}", knocked.text());
    assert_eq!(knocked.json()["admission"], "waiting");
    let list = waiting_list(&s, &t, &id).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["email"], "bob@example.com");
    // The admitted cannot knock; nobody without a session can.
    let admitted_knock = s.send(knock(ann.clone())).await;
    assert_eq!(admitted_knock.code(), "not_found");
    let anonymous = s
        .send(Call::post(&format!("/rooms/{id}/knock")).accept_json())
        .await;
    assert_eq!(anonymous.code(), "not_a_participant");

    // Role changes never touch admission.
    let promoted = s
        .send(
            Call::new(
                http::Method::PUT,
                &format!("/api/rooms/{id}/participants/bob@example.com/role"),
            )
            .bearer(&t)
            .json(&json!({"role": "moderator"})),
        )
        .await;
    assert_eq!(promoted.json()["admission"], "waiting");

    // Other organizations see nothing; read-only hosts decide nothing.
    let other = host_token("other-org", "h");
    let foreign = decide(&s, &other, &id, &bob_id, "admit", None).await;
    assert_eq!(foreign.code(), "room_not_found");
    let reader = token_with(shared::http::auth::HostClaims {
        sub: "reader".into(),
        org: "o".into(),
        email: None,
        exp: time::OffsetDateTime::now_utc().unix_timestamp() + 3600,
        scope: Some("rooms:read".into()),
    });
    let read_only = decide(&s, &reader, &id, &bob_id, "admit", None).await;
    assert_eq!(read_only.code(), "forbidden");
    let names = s.events.names();
    for name in [
        "ParticipantAdmitted",
        "ParticipantDenied",
        "ParticipantKnocked",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let summary = s
        .send(Call::get(&format!("/api/rooms/{id}/summary")).bearer(&t))
        .await
        .json();
    assert_eq!(
        (
            summary["participants"]["admitted"].as_u64(),
            summary["participants"]["waiting"].as_u64()
        ),
        (Some(1), Some(1))
    );
}

/// Admit-all over a thousand waiting participants (stored straight through the store,
/// as a thousand redemptions would). A hundred on DynamoDB on moto, whose single thread
/// answers one call at a time (a thousand took five minutes there).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn admit_all_lets_a_thousand_in() {
    let s = TestService::start().await;
    let (t, id) = room_with_approval(&s, "everyone", Duration::hours(1)).await;
    let store = s.local().store.clone();
    let app = &s.local().state.app;
    let now = s.clock.now();
    let room = ulid::Ulid::from_string(&id).expect("room ulid");
    let people: u64 = if s.store.is_none() { 1_000 } else { 100 };
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..people {
        let store = store.clone();
        let email = EmailAddress::parse(&format!("guest{n}@example.com")).expect("email");
        let identity = app.config.participant_identity(&id, &email);
        let id = id.clone();
        tasks.spawn(async move {
            let invite_id = ulid::Ulid::new();
            let token = InviteToken::generate(invite_id, room, Role::Viewer).expect("token");
            store
                .create_invite(&Invite {
                    invite_id: invite_id.to_string(),
                    room_id: id.clone(),
                    org: "o".into(),
                    email: email.clone(),
                    role: Role::Viewer,
                    max_uses: Some(1),
                    uses: 0,
                    expires_at: now + Duration::days(1),
                    token_hash: token.hash(),
                    failed_attempts: 0,
                    revoked_at: None,
                    delivery: shared::domain::Delivery::NotSent,
                    created_by: "h".into(),
                    created_at: now,
                    mail_nonce: None,
                    locale: None,
                    unsubscribed_at: None,
                })
                .await
                .expect("invite");
            store
                .redeem(&RedeemRequest {
                    invite_id: invite_id.to_string(),
                    room_id: id,
                    role: Role::Viewer,
                    token_hash: token.hash(),
                    email,
                    mode: RedeemMode::Consume,
                    now,
                    receipt: None,
                    new_admission: AdmissionState::Waiting,
                    identity,
                })
                .await
                .expect("redeem");
        });
        if tasks.len() >= 16 {
            tasks.join_next().await.expect("task").expect("stored");
        }
    }
    while let Some(r) = tasks.join_next().await {
        r.expect("stored");
    }
    let summary = s
        .send(Call::get(&format!("/api/rooms/{id}/summary")).bearer(&t))
        .await
        .json();
    assert_eq!(summary["participants"]["waiting"], people);
    let all = s
        .send(Call::post(&format!("/api/rooms/{id}/waiting/admit-all")).bearer(&t))
        .await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text());
    assert_eq!(all.json()["admitted"], people);
    assert!(waiting_list(&s, &t, &id).await.is_empty());
    let again = s
        .send(Call::post(&format!("/api/rooms/{id}/waiting/admit-all")).bearer(&t))
        .await;
    assert_eq!(again.json()["admitted"], 0);
}

/// A moderator's admission (the panel's request) reaches the waiting page's stream (the
/// `admission` event on the participant's own channel) well within the contract's
/// second: measured over 100 admissions in local mode (20 on DynamoDB on moto), one
/// after another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admissions_reach_the_waiting_pages_within_a_second() {
    let s = TestService::start().await;
    let (t, id) = room_with_approval(&s, "shared_links", Duration::hours(1)).await;
    let moderator = s
        .invite_link(
            &t,
            &id,
            json!({"email": "mod@example.com", "role": "moderator"}),
        )
        .await;
    let moderator = s.cookie_for(&moderator, "mod@example.com").await;
    let people = if s.store.is_none() { 100 } else { 20 };
    let mut waiting = Vec::new();
    for n in 0..people {
        let email = format!("guest{n}@example.com");
        let link = s
            .invite_link(&t, &id, json!({"email": email, "max_uses": 3}))
            .await;
        let cookie = s.cookie_for(&link, &email).await;
        let mut stream = s
            .open_stream(Call::get(&format!("/rooms/{id}/events")).cookie(&cookie))
            .await
            .unwrap_or_else(|r| panic!("no stream: {} {}", r.status, r.text()));
        // The current state first (status, role).
        for _ in 0..2 {
            stream
                .next_event(std::time::Duration::from_secs(5))
                .await
                .expect("the current state");
        }
        waiting.push((email, stream));
    }
    let list = waiting_list(&s, &t, &id).await;
    assert_eq!(list.len(), people);
    let mut delays = Vec::new();
    for (email, stream) in waiting.iter_mut() {
        let identity = list
            .iter()
            .find(|w| w["email"] == email.as_str())
            .and_then(|w| w["identity"].as_str())
            .expect("in the list");
        let started = std::time::Instant::now();
        let r = s
            .send(
                Call::post(&format!("/rooms/{id}/waiting/{identity}/admit"))
                    .cookie(&moderator)
                    .accept_json(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let (name, data) = stream
            .next_event(std::time::Duration::from_secs(2))
            .await
            .expect("the decision arrives");
        assert_eq!(
            (name.as_str(), data["admission"].as_str()),
            ("admission", Some("admitted"))
        );
        delays.push(started.elapsed());
    }
    delays.sort();
    let p50 = delays[delays.len() / 2];
    let p99 = delays[(delays.len() * 99 / 100).min(delays.len() - 1)];
    println!("moderator's admission to the waiting page's stream: p50 {p50:?}, p99 {p99:?} over {people}");
    assert!(p99 < std::time::Duration::from_secs(1), "p99 {p99:?}");
}

/// Moderators decide from the room (session cookie): they see names and domains, never
/// whole addresses; nobody else may; two moderators deciding at once make one decision.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_decide_from_the_room() {
    let s = TestService::start().await;
    let (t, id) = room_with_approval(&s, "shared_links", Duration::hours(1)).await;
    let mut cookie_of = std::collections::HashMap::new();
    for (email, role, uses) in [
        ("mod1@example.com", "moderator", json!(1)),
        ("mod2@example.com", "moderator", json!(1)),
        ("viewer@example.com", "viewer", json!(1)),
        ("guest@other.example", "viewer", json!(10)),
    ] {
        let link = s
            .invite_link(
                &t,
                &id,
                json!({"email": email, "role": role, "max_uses": uses}),
            )
            .await;
        cookie_of.insert(email, s.cookie_for(&link, email).await);
    }
    let list = |cookie: &str| {
        Call::get(&format!("/rooms/{id}/waiting"))
            .cookie(cookie)
            .accept_json()
    };
    let seen = s.send(list(&cookie_of["mod1@example.com"])).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text());
    let waiting = seen.json()["waiting"].clone();
    assert_eq!(waiting.as_array().map(Vec::len), Some(1));
    assert_eq!(waiting[0]["name"], "guest");
    assert_eq!(waiting[0]["domain"], "other.example");
    assert!(
        !seen.text().contains("guest@other.example"),
        "never the whole address"
    );
    let identity = waiting[0]["identity"]
        .as_str()
        .expect("identity")
        .to_owned();

    let viewer = s.send(list(&cookie_of["viewer@example.com"])).await;
    assert_eq!(viewer.code(), "forbidden");
    let waiting_self = s.send(list(&cookie_of["guest@other.example"])).await;
    assert_eq!(waiting_self.code(), "forbidden");
    let nobody = s
        .send(Call::get(&format!("/rooms/{id}/waiting")).accept_json())
        .await;
    assert_eq!(nobody.code(), "not_a_participant");
    let cross = s
        .send(
            Call::post(&format!("/rooms/{id}/waiting/{identity}/admit"))
                .cookie(&cookie_of["mod1@example.com"])
                .header("origin", "https://evil.example")
                .accept_json(),
        )
        .await;
    assert_eq!(cross.code(), "forbidden");

    // Both moderators click "Admit" at once: one admission.
    let admit = |who: &str| {
        let router = s.local().router.clone();
        let call = Call::post(&format!("/rooms/{id}/waiting/{identity}/admit"))
            .cookie(&cookie_of[who])
            .accept_json();
        tokio::spawn(crate::host_api::send_with(router, call))
    };
    let (a, b) = (admit("mod1@example.com"), admit("mod2@example.com"));
    let (a, b) = (a.await.expect("task"), b.await.expect("task"));
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 404], "{} / {}", a.text(), b.text());
    let admitted = s
        .events
        .names()
        .iter()
        .filter(|n| **n == "ParticipantAdmitted")
        .count();
    assert_eq!(admitted, 1);

    // The page of a moderator shows the panel; a form post without the script works.
    let page = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie_of["mod1@example.com"]))
        .await;
    assert!(page.text().contains(r#"id="waiting-room""#));
    assert!(page.text().contains("Nobody is waiting."));
    let viewer_page = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie_of["viewer@example.com"]))
        .await;
    assert!(!viewer_page.text().contains(r#"id="waiting-room""#));
}

/// Local mode's streams: a moderator's page is told when someone knocks and when a
/// decision empties the list; a viewer's page never hears of the waiting room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_pages_hear_every_knock_and_decision() {
    let s = TestService::start().await;
    let (t, id) = room_with_approval(&s, "shared_links", Duration::hours(1)).await;
    let stream_of = |cookie: String| {
        let s = &s;
        let id = id.clone();
        async move {
            let mut stream = s
                .open_stream(Call::get(&format!("/rooms/{id}/events")).cookie(&cookie))
                .await
                .unwrap_or_else(|r| panic!("no stream: {} {}", r.status, r.text()));
            for _ in 0..2 {
                stream
                    .next_event(std::time::Duration::from_secs(5))
                    .await
                    .expect("the current state");
            }
            stream
        }
    };
    let moderator = s
        .invite_link(
            &t,
            &id,
            json!({"email": "mod@example.com", "role": "moderator"}),
        )
        .await;
    let moderator = s.cookie_for(&moderator, "mod@example.com").await;
    let viewer = s
        .invite_link(&t, &id, json!({"email": "viewer@example.com"}))
        .await;
    let viewer = s.cookie_for(&viewer, "viewer@example.com").await;
    let live = s
        .send(Call::get(&format!("/rooms/{id}/live")).cookie(&moderator))
        .await
        .json();
    assert!(live["channels"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c == &json!(format!("rooms/{id}/waiting")))));
    let mut mod_stream = stream_of(moderator).await;
    let mut viewer_stream = stream_of(viewer).await;

    let guest = s
        .invite_link(
            &t,
            &id,
            json!({"email": "guest@example.com", "max_uses": 5}),
        )
        .await;
    s.cookie_for(&guest, "guest@example.com").await;
    let (name, _) = mod_stream
        .next_event(std::time::Duration::from_secs(2))
        .await
        .expect("the knock arrives");
    assert_eq!(name, "waiting");
    let identity = waiting_list(&s, &t, &id).await[0]["identity"]
        .as_str()
        .expect("identity")
        .to_owned();
    decide(&s, &t, &id, &identity, "admit", None).await;
    let (name, _) = mod_stream
        .next_event(std::time::Duration::from_secs(2))
        .await
        .expect("the decision arrives");
    assert_eq!(name, "waiting");
    let heard = tokio::time::timeout(
        std::time::Duration::from_millis(300),
        viewer_stream.next_event(std::time::Duration::from_secs(5)),
    )
    .await;
    assert!(
        heard.is_err(),
        "a viewer hears nothing of the waiting room: {heard:?}"
    );
}
