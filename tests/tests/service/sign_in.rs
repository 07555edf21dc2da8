//! The invitees' sign-in with the organization's provider (admission contract, section
//! 3) against a provider the project does not write: oidc-provider-mock (Authlib), with
//! PKCE enforced and nonces required (`tests/oidc/provider.py`). The browser's side is
//! played by hand: our redirect, the provider's form, the redirect back.

use acceptance::oidc::Provider;
use acceptance::*;
use http::StatusCode;
use serde_json::json;
use shared::adapters::oidc_sign_in::OidcSignIn;
use shared::adapters::OidcKeySource;
use shared::http::id_token::{IdTokenRejection, IdTokenVerifier};
use shared::http::key_cache::KeyCache;
use shared::ports::{SignInAttempt, SignInError, SignInProvider};
use std::sync::Arc;
use time::Duration;

const CLIENT_ID: &str = "rooms-invitees";
const CLIENT_SECRET: &str = "invitee-client-secret";

async fn service(provider: &Provider) -> TestService {
    let issuer = provider.issuer.clone();
    TestService::with_options(move |o| {
        o.invitee_oidc = Some((
            shared::config::InviteeOidcSettings {
                issuer,
                client_id: CLIENT_ID.into(),
            },
            Some(CLIENT_SECRET.into()),
        ));
    })
    .await
}

/// A room whose invitees sign in, and the link of Ann's invite.
async fn sso_room(s: &TestService) -> (String, String, String) {
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(2)).await;
    let r = s
        .send(
            Call::new(http::Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"admission": {"verify": "sso"}})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["admission"]["verify"], "sso");
    let link = s
        .invite_link(
            &t,
            &id,
            json!({"email": "ann@example.com", "role": "speaker"}),
        )
        .await;
    (t, id, link)
}

fn cookie_pair(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

/// The start of a sign-in: the provider's authorization URL and this browser's cookie.
async fn start(s: &TestService, link: &str) -> (String, String) {
    let r = s.send(Call::get(&format!("{link}/sso"))).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    let url = r.header("location").expect("to the provider").to_owned();
    let cookie = cookie_pair(&r, "rooms_sign_in").expect("the sign-in cookie");
    let set = r
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rooms_sign_in="))
        .unwrap_or_default()
        .to_owned();
    assert!(
        set.contains("HttpOnly")
            && set.contains("Path=/auth/callback")
            && set.contains("SameSite=Lax")
    );
    (url, cookie)
}

/// The path and query of our callback in the provider's redirect back.
fn callback_path(redirect: &str) -> String {
    let at = redirect.find("/auth/callback").expect("our callback");
    redirect[at..].to_owned()
}

/// A whole sign-in of `sub` at the provider from a fresh browser: the callback's reply.
async fn sign_in(s: &TestService, provider: &Provider, link: &str, sub: &str) -> Reply {
    let (url, cookie) = start(s, link).await;
    let back = provider.authorize(&url, sub).await;
    s.send(Call::get(&callback_path(&back)).cookie(&cookie))
        .await
}

fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_invited_address_signs_in_and_another_device_needs_no_new_link() {
    let provider = Provider::start();
    let s = service(&provider).await;
    let (t, id, link) = sso_room(&s).await;

    // The lobby has no email field: a link to the sign-in.
    let lobby = s.send(Call::get(&link)).await;
    assert!(lobby.text().contains("Continue with sign-in"));
    assert!(!lobby.text().contains(r#"name="email""#));
    let lobby_json = s.send(Call::get(&link).accept_json()).await.json();
    assert_eq!(lobby_json["verify"], "sso");

    // The authorization request as the provider sees it.
    let (url, _) = start(&s, &link).await;
    assert!(url.starts_with(&format!("{}/oauth2/authorize?", provider.issuer)));
    for (name, value) in [
        ("response_type", Some("code")),
        ("client_id", Some(CLIENT_ID)),
        ("code_challenge_method", Some("S256")),
    ] {
        assert_eq!(query_param(&url, name).as_deref(), value, "{name}");
    }
    for name in ["state", "nonce", "code_challenge", "redirect_uri", "scope"] {
        assert!(query_param(&url, name).is_some(), "{name} in {url}");
    }
    assert!(query_param(&url, "scope")
        .unwrap_or_default()
        .contains("email"));

    provider
        .set_user(
            "ann-sub",
            json!({"email": "Ann@Example.com", "email_verified": true}),
        )
        .await;
    let ok = sign_in(&s, &provider, &link, "ann-sub").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    assert_eq!(ok.header("location"), Some(format!("/rooms/{id}").as_str()));
    let session = ok.session_cookie().expect("a session");
    let cleared = ok
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with("rooms_sign_in=") && v.contains("Max-Age=0"));
    assert!(cleared, "the sign-in's cookie ends with it");
    let me = s
        .send(Call::get(&format!("/rooms/{id}/me")).cookie(&session))
        .await;
    assert_eq!(
        (me.json()["email"].as_str(), me.json()["role"].as_str()),
        (Some("ann@example.com"), Some("speaker"))
    );
    let invites = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await
        .json();
    assert_eq!(invites["invites"][0]["uses"], 1);

    // Another device: the used single-use link, a sign-in again, no use consumed.
    let again = sign_in(&s, &provider, &link, "ann-sub").await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text());
    let invites = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await
        .json();
    assert_eq!(invites["invites"][0]["uses"], 1);
    let names = s.events.names();
    assert!(names.contains(&"InviteeSignIn"));

    // JSON clients cannot type their way in: they are told where the sign-in starts.
    let json_post = s
        .send(
            Call::post(&link)
                .json(&json!({"email": "ann@example.com"}))
                .accept_json(),
        )
        .await;
    assert_eq!(json_post.status, StatusCode::CONFLICT);
    assert_eq!(json_post.code(), "verification_required");
    assert_eq!(json_post.json()["verify"], "sso");
    assert!(json_post.json()["url"]
        .as_str()
        .is_some_and(|u| u.ends_with("/sso")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_address_or_an_unverified_one_is_refused() {
    let provider = Provider::start();
    let s = service(&provider).await;
    let (_, _, link) = sso_room(&s).await;
    provider
        .set_user(
            "bob-sub",
            json!({"email": "bob@example.com", "email_verified": true}),
        )
        .await;
    let bob = sign_in(&s, &provider, &link, "bob-sub").await;
    assert_eq!(bob.status, StatusCode::FORBIDDEN);
    assert_eq!(bob.page_error().as_deref(), Some("email_mismatch"));
    assert!(
        bob.text().contains("bob@example.com"),
        "names the signed-in address"
    );
    assert!(
        !bob.text().contains("ann@example.com"),
        "never the invited one"
    );
    assert!(bob.session_cookie().is_none());

    provider
        .set_user(
            "ann-unverified",
            json!({"email": "ann@example.com", "email_verified": false}),
        )
        .await;
    let unverified = sign_in(&s, &provider, &link, "ann-unverified").await;
    assert_eq!(unverified.status, StatusCode::BAD_REQUEST);
    assert_eq!(unverified.page_error().as_deref(), Some("sso_failed"));
    assert!(unverified.session_cookie().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_state_another_browser_a_replayed_code_and_a_provider_error_fail() {
    let provider = Provider::start();
    let s = service(&provider).await;
    let (_, _, link) = sso_room(&s).await;
    provider
        .set_user("ann-sub", json!({"email": "ann@example.com"}))
        .await;

    // A forged state.
    let (url, cookie) = start(&s, &link).await;
    let back = callback_path(&provider.authorize(&url, "ann-sub").await);
    let state = query_param(&back, "state").expect("state");
    let forged = back.replace(&format!("state={state}"), "state=0000");
    let r = s.send(Call::get(&forged).cookie(&cookie)).await;
    assert_eq!(r.page_error().as_deref(), Some("sso_failed"));
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // The right answer, in another browser (no sign-in cookie).
    let (url, cookie) = start(&s, &link).await;
    let back = callback_path(&provider.authorize(&url, "ann-sub").await);
    let elsewhere = s.send(Call::get(&back)).await;
    assert_eq!(elsewhere.page_error().as_deref(), Some("sso_failed"));
    // In this browser it works once…
    let ok = s.send(Call::get(&back).cookie(&cookie)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    // …and a replay of the code (even with the old cookie) is refused by the provider.
    let replay = s.send(Call::get(&back).cookie(&cookie)).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert_eq!(replay.page_error().as_deref(), Some("sso_failed"));
    assert!(replay.session_cookie().is_none());

    // The provider answers an error (the person denied it).
    let (_, cookie) = start(&s, &link).await;
    let denied = s
        .send(Call::get("/auth/callback?error=access_denied&state=x").cookie(&cookie))
        .await;
    assert_eq!(denied.page_error().as_deref(), Some("sso_failed"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_is_down_answers_503() {
    let mut provider = Provider::start();
    let s = service(&provider).await;
    let (_, _, link) = sso_room(&s).await;
    provider
        .set_user("ann-sub", json!({"email": "ann@example.com"}))
        .await;
    let (url, cookie) = start(&s, &link).await;
    let back = callback_path(&provider.authorize(&url, "ann-sub").await);
    provider.stop();
    let r = s.send(Call::get(&back).cookie(&cookie)).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
    assert_eq!(
        r.page_error().as_deref(),
        Some("identity_provider_unavailable")
    );

    // A service that never reached the provider cannot start a sign-in either.
    let down = Provider::start();
    let issuer = down.issuer.clone();
    drop(down);
    let s2 = TestService::with_options(move |o| {
        o.invitee_oidc = Some((
            shared::config::InviteeOidcSettings {
                issuer,
                client_id: CLIENT_ID.into(),
            },
            None,
        ));
    })
    .await;
    let (_, _, link) = sso_room(&s2).await;
    let r = s2.send(Call::get(&format!("{link}/sso"))).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        r.page_error().as_deref(),
        Some("identity_provider_unavailable")
    );
}

/// The adapter and the ID token check on their own, against the same provider: PKCE is
/// enforced by the provider, and a token for another nonce or another audience proves
/// nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pkce_nonce_and_audience_are_checked() {
    let provider = Provider::start();
    provider
        .set_user("ann-sub", json!({"email": "ann@example.com"}))
        .await;
    let rp = OidcSignIn::new(&provider.issuer, CLIENT_ID, Some(CLIENT_SECRET.into()))
        .expect("relying party");
    let redirect = "http://rooms.test/auth/callback";
    let attempt = |n: &str| SignInAttempt {
        state: format!("state-{n}"),
        nonce: format!("nonce-{n}"),
        pkce_verifier: format!("{n}-verifier-0123456789abcdef0123456789abcdef0123456789"),
    };
    let code_for = |a: SignInAttempt| {
        let rp = &rp;
        let provider = &provider;
        async move {
            let url = rp.authorization_url(&a, redirect).await.expect("url");
            let back = provider.authorize(&url, "ann-sub").await;
            query_param(&back, "code").expect("code")
        }
    };

    // A code whose PKCE verifier does not fit is refused by the provider.
    let code = code_for(attempt("one")).await;
    let wrong = rp
        .exchange(&code, &attempt("other").pkce_verifier, redirect)
        .await;
    assert!(matches!(wrong, Err(SignInError::Refused(_))), "{wrong:?}");

    let code = code_for(attempt("two")).await;
    let id_token = rp
        .exchange(&code, &attempt("two").pkce_verifier, redirect)
        .await
        .expect("the right verifier");
    let keys = Arc::new(KeyCache::new(Arc::new(
        OidcKeySource::new(&provider.issuer, None).expect("keys"),
    )));
    let ours = IdTokenVerifier::new(keys.clone(), &provider.issuer, CLIENT_ID);
    assert_eq!(
        ours.verify(&id_token, "nonce-two")
            .await
            .map(|e| e.as_str().to_owned()),
        Ok("ann@example.com".to_owned())
    );
    assert_eq!(
        ours.verify(&id_token, "nonce-one").await,
        Err(IdTokenRejection::Invalid("nonce"))
    );
    let other_client = IdTokenVerifier::new(keys.clone(), &provider.issuer, "another-client");
    assert!(matches!(
        other_client.verify(&id_token, "nonce-two").await,
        Err(IdTokenRejection::Invalid(_))
    ));
    let other_issuer = IdTokenVerifier::new(keys, "http://127.0.0.1:1", CLIENT_ID);
    assert!(other_issuer.verify(&id_token, "nonce-two").await.is_err());
    // An altered signature.
    let mut parts: Vec<String> = id_token.split('.').map(str::to_owned).collect();
    parts[2] = parts[2].chars().rev().collect();
    assert!(ours.verify(&parts.join("."), "nonce-two").await.is_err());
}
