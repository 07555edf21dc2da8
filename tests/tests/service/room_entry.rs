//! Entering the live room (integrations contract, section 2): `/rooms/{id}/entry` for
//! every role on every backend, judged by the backends' own libraries; the JWKS; the
//! refusals; role changes pushed to LiveKit's RoomService, also when it is down.

use acceptance::room_backend::{
    jitsi, livekit, redirect, verify_with_python, Logs, RecordingEndpoint, ROOM_APP_URL,
};
use acceptance::*;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use shared::domain::EmailAddress;
use time::Duration;

const ROLES: [&str; 3] = ["viewer", "speaker", "moderator"];

fn identity(s: &TestService, room_id: &str, email: &str) -> String {
    let email = EmailAddress::parse(email).expect("email");
    s.local()
        .state
        .app
        .config
        .participant_identity(room_id, &email)
}

/// A live room with one admitted participant per role: (host token, room id, cookies).
async fn live_room_with_everyone(s: &TestService) -> (String, String, Vec<(String, String)>) {
    let t = host_token("o", "h");
    let id = s.create_room(&t, -Duration::minutes(1)).await;
    let mut cookies = Vec::new();
    for role in ROLES {
        let email = format!("{role}@example.com");
        let link = s
            .invite_link(&t, &id, json!({"email": email, "role": role}))
            .await;
        cookies.push((email.clone(), s.cookie_for(&link, &email).await));
    }
    (t, id, cookies)
}

async fn entry(s: &TestService, id: &str, cookie: &str) -> Reply {
    s.send(Call::get(&format!("/rooms/{id}/entry")).cookie(cookie))
        .await
}

/// Checks what every backend's entry has in common; returns the body.
fn entry_body(s: &TestService, r: &Reply, backend: &str) -> Value {
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let body = r.json();
    assert_eq!(body["backend"], backend);
    let expires_at = shared::domain::time_fmt::parse(body["expires_at"].as_str().unwrap())
        .expect("RFC 3339 expires_at");
    let left = expires_at - s.clock.now();
    let ttl = if backend == "redirect" { 60 } else { 600 };
    assert!(left <= Duration::seconds(ttl + 2) && left > Duration::seconds(ttl - 30));
    body
}

#[tokio::test]
async fn without_a_backend_there_is_no_entry_and_no_jwks() {
    let s = TestService::start().await;
    let (_, id, cookies) = live_room_with_everyone(&s).await;
    let r = entry(&s, &id, &cookies[0].1).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    let jwks = s.send(Call::get("/.well-known/jwks.json")).await;
    assert_eq!(
        (jwks.status, jwks.code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    // Today's room page, unchanged.
    let page = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookies[0].1))
        .await
        .text();
    assert!(!page.contains(r#"id="stage""#) && page.contains(r#"data-feature="live""#));
}

#[tokio::test]
async fn every_role_enters_livekit_with_the_grants_of_its_role() {
    let s = TestService::with_backend(livekit("wss://livekit.rooms.test")).await;
    let (_, id, cookies) = live_room_with_everyone(&s).await;
    let (logs, guard) = Logs::capture();
    let mut cases = Vec::new();
    for (role, (email, cookie)) in ROLES.iter().zip(&cookies) {
        let body = entry_body(&s, &entry(&s, &id, cookie).await, "livekit");
        cases.push(json!({
            "kind": "livekit", "role": role, "email": email, "room_id": id,
            "identity": identity(&s, &id, email), "token": body["token"], "url": body["url"],
            "livekit_url": "wss://livekit.rooms.test",
        }));
    }
    drop(guard);
    for c in &cases {
        let token = c["token"].as_str().unwrap();
        assert!(
            !logs.text().contains(token),
            "the credential never appears in a log"
        );
    }
    assert!(logs.text().contains("room entry issued"));
    assert_eq!(verify_with_python(cases).await, 3);

    // The live room page frames LiveKit Meet, and its CSP allows exactly that origin.
    let page = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookies[0].1))
        .await;
    let html = page.text();
    assert!(html.contains(r#"data-backend="livekit""#));
    assert!(html.contains(&format!(r#"data-entry-url="/rooms/{id}/entry""#)));
    assert!(html.contains(r#"data-client-page="https://meet.livekit.io/custom""#));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("frame-src https://meet.livekit.io;"), "{csp}");
    assert!(csp.contains("script-src 'self';") && !csp.contains("unsafe-inline"));
}

#[tokio::test]
async fn every_role_enters_jitsi_with_the_moderator_flag_of_its_role() {
    let s = TestService::with_backend(jitsi()).await;
    let (_, id, cookies) = live_room_with_everyone(&s).await;
    let mut cases = Vec::new();
    for (role, (email, cookie)) in ROLES.iter().zip(&cookies) {
        let body = entry_body(&s, &entry(&s, &id, cookie).await, "jitsi");
        cases.push(json!({
            "kind": "jitsi", "role": role, "email": email, "room_id": id,
            "identity": identity(&s, &id, email), "token": body["token"], "url": body["url"],
        }));
    }
    assert_eq!(verify_with_python(cases).await, 3);
    let page = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookies[2].1))
        .await;
    assert!(page.text().contains(r#"data-backend="jitsi""#));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("frame-src https://meet.jitsi.test;"), "{csp}");
}

#[tokio::test]
async fn every_role_enters_a_room_app_with_a_token_verified_through_the_jwks() {
    let mut s = TestService::listen_with(redirect(ROOM_APP_URL)).await;
    let (_, id, cookies) = live_room_with_everyone(&s).await;
    let jwks = s.send(Call::get("/.well-known/jwks.json")).await;
    assert_eq!(jwks.status, StatusCode::OK);
    assert_eq!(jwks.header("cache-control"), Some("public, max-age=300"));
    let keys = jwks.json()["keys"].as_array().cloned().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(
        (keys[0]["kty"].as_str(), keys[0]["crv"].as_str()),
        (Some("EC"), Some("P-256"))
    );
    assert!(keys[0].get("d").is_none(), "never the private key");
    let key_file = s.dir.path().join("data/room-entry.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let mut cases = Vec::new();
    for (role, (email, cookie)) in ROLES.iter().zip(&cookies) {
        let body = entry_body(&s, &entry(&s, &id, cookie).await, "redirect");
        cases.push(json!({
            "kind": "redirect", "role": role, "email": email, "room_id": id,
            "identity": identity(&s, &id, email), "token": body["token"], "url": body["url"],
            "jwks_url": format!("{}/.well-known/jwks.json", s.base),
            "issuer": s.base, "app_url": ROOM_APP_URL,
        }));
    }
    assert_eq!(verify_with_python(cases).await, 3);
    // The key is generated once: a restart publishes the same key.
    s.restart(None).await;
    let again = s.send(Call::get("/.well-known/jwks.json")).await.json();
    assert_eq!(again["keys"][0]["kid"], keys[0]["kid"]);
}

#[tokio::test]
async fn entry_is_refused_before_the_start_without_admission_and_after_deletion() {
    let s = TestService::with_backend(livekit("wss://livekit.rooms.test")).await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(1)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let ann = s.cookie_for(&link, "ann@example.com").await;

    let early = entry(&s, &id, &ann).await;
    assert_eq!(
        (early.status, early.code().as_str()),
        (StatusCode::CONFLICT, "not_live")
    );
    let anonymous = s.send(Call::get(&format!("/rooms/{id}/entry"))).await;
    assert_eq!(
        (anonymous.status, anonymous.code().as_str()),
        (StatusCode::FORBIDDEN, "not_a_participant")
    );
    // Admitted to another room only.
    let (_, other, cookies) = live_room_with_everyone(&s).await;
    let stranger = entry(&s, &id, &cookies[0].1).await;
    assert_eq!(stranger.code(), "not_a_participant");
    assert_eq!(entry(&s, &other, &ann).await.code(), "not_a_participant");
    let unknown = entry(&s, "no-such-room", &ann).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    s.clock.advance(Duration::hours(2));
    s.local()
        .state
        .app
        .start_session(&shared::app::SessionStart {
            room_id: id.clone(),
            starts_at: s
                .local()
                .store
                .get_room(&id)
                .await
                .unwrap()
                .unwrap()
                .starts_at,
        })
        .await
        .expect("session starts");
    entry_body(&s, &entry(&s, &id, &ann).await, "livekit");

    let deleted = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = entry(&s, &id, &ann).await;
    assert_eq!(
        (gone.status, gone.code().as_str()),
        (StatusCode::GONE, "room_deleted")
    );
}

async fn set_role(s: &TestService, t: &str, id: &str, email: &str, role: &str) -> Reply {
    s.send(
        Call::new(
            Method::PUT,
            &format!("/api/rooms/{id}/participants/{email}/role"),
        )
        .bearer(t)
        .json(&json!({ "role": role })),
    )
    .await
}

fn update_case(
    s: &TestService,
    r: &acceptance::room_backend::Recorded,
    id: &str,
    email: &str,
    role: &str,
) -> Value {
    json!({
        "kind": "livekit_update", "role": role, "room_id": id,
        "identity": identity(s, id, email), "path": r.path, "content_type": r.content_type,
        "body": r.body, "bearer": r.bearer(),
    })
}

#[tokio::test]
async fn role_changes_reach_livekit_at_once_through_update_participant() {
    let lk = RecordingEndpoint::start().await;
    let s = TestService::with_backend(livekit(&lk.ws_url())).await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, -Duration::minutes(1)).await;
    let link = s
        .invite_link(
            &t,
            &id,
            json!({"email": "vic@example.com", "role": "viewer"}),
        )
        .await;
    let vic = s.cookie_for(&link, "vic@example.com").await;
    assert!(
        lk.requests().is_empty(),
        "a first admission changes no role"
    );
    let (logs, guard) = Logs::capture();

    // The host promotes the viewer while they are in the room.
    lk.answer(
        200,
        json!({ "identity": identity(&s, &id, "vic@example.com") }),
    );
    assert_eq!(
        set_role(&s, &t, &id, "vic@example.com", "speaker")
            .await
            .status,
        StatusCode::OK
    );
    // And demotes them again.
    assert_eq!(
        set_role(&s, &t, &id, "vic@example.com", "viewer")
            .await
            .status,
        StatusCode::OK
    );
    // A newer invite upgrades them to moderator on redemption.
    let upgrade = s
        .invite_link(
            &t,
            &id,
            json!({"email": "vic@example.com", "role": "moderator"}),
        )
        .await;
    assert_eq!(
        s.login(&upgrade, "vic@example.com").await.status,
        StatusCode::SEE_OTHER
    );
    // Setting the same role again pushes nothing.
    set_role(&s, &t, &id, "vic@example.com", "moderator").await;
    drop(guard);

    let calls = lk.requests();
    assert_eq!(calls.len(), 3, "{calls:?}");
    let cases: Vec<Value> = calls
        .iter()
        .zip(["speaker", "viewer", "moderator"])
        .map(|(r, role)| update_case(&s, r, &id, "vic@example.com", role))
        .collect();
    for c in &calls {
        assert!(
            !logs.text().contains(c.bearer()),
            "the admin token is never logged"
        );
    }
    assert_eq!(verify_with_python(cases).await, 3);
    // The entry token of the upgraded participant carries the new role.
    let body = entry_body(&s, &entry(&s, &id, &vic).await, "livekit");
    assert_eq!(
        verify_with_python(vec![json!({
            "kind": "livekit", "role": "moderator", "email": "vic@example.com", "room_id": id,
            "identity": identity(&s, &id, "vic@example.com"), "token": body["token"],
            "url": body["url"], "livekit_url": lk.ws_url(),
        })])
        .await,
        1
    );
}

#[tokio::test]
async fn a_participant_not_in_the_media_room_is_fine() {
    let lk = RecordingEndpoint::start().await;
    lk.answer(
        404,
        json!({ "code": "not_found", "msg": "participant not found" }),
    );
    let s = TestService::with_backend(livekit(&lk.ws_url())).await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, -Duration::minutes(1)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "vic@example.com"}))
        .await;
    s.cookie_for(&link, "vic@example.com").await;
    let (logs, guard) = Logs::capture();
    let r = set_role(&s, &t, &id, "vic@example.com", "speaker").await;
    drop(guard);
    assert_eq!(
        (r.status, r.json()["role"].as_str()),
        (StatusCode::OK, Some("speaker"))
    );
    assert_eq!(lk.requests().len(), 1, "not found is not retried");
    assert!(!logs.text().contains("role push failed"));
}

#[tokio::test]
async fn a_livekit_that_is_down_never_undoes_the_role_change() {
    let lk = RecordingEndpoint::start().await;
    lk.answer(503, json!({ "code": "unavailable", "msg": "try later" }));
    let s = TestService::with_backend(livekit(&lk.ws_url())).await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, -Duration::minutes(1)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "vic@example.com"}))
        .await;
    let vic = s.cookie_for(&link, "vic@example.com").await;

    let (logs, guard) = Logs::capture();
    let r = set_role(&s, &t, &id, "vic@example.com", "speaker").await;
    drop(guard);
    assert_eq!(
        (r.status, r.json()["role"].as_str()),
        (StatusCode::OK, Some("speaker"))
    );
    let attempts = lk.requests().len();
    assert_eq!(attempts as u32, shared::app::ROLE_SYNC_ATTEMPTS, "retried");
    let text = logs.text();
    assert_eq!(
        text.matches("role push failed; retrying").count(),
        attempts - 1
    );
    assert!(text.contains("role push failed; the new role applies at the next entry"));
    assert!(text.contains("answered 503"));
    for c in lk.requests() {
        assert!(
            !text.contains(c.bearer()),
            "the admin token is never logged"
        );
    }
    let me = s
        .send(Call::get(&format!("/rooms/{id}/me")).cookie(&vic))
        .await
        .json();
    assert_eq!(me["role"], "speaker", "the store keeps the new role");

    // Nothing listening at all: the same.
    drop(lk);
    let closed = TestService::with_backend(livekit("ws://127.0.0.1:9")).await;
    let id = closed.create_room(&t, -Duration::minutes(1)).await;
    let link = closed
        .invite_link(&t, &id, json!({"email": "vic@example.com"}))
        .await;
    closed.cookie_for(&link, "vic@example.com").await;
    let r = set_role(&closed, &t, &id, "vic@example.com", "moderator").await;
    assert_eq!(
        (r.status, r.json()["role"].as_str()),
        (StatusCode::OK, Some("moderator"))
    );
}
