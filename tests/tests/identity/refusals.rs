//! Every refusal of the contract: 401 `unauthorized`, never a crash, never a confusion.

use super::issuer::*;
use http::StatusCode;
use serde_json::{json, Value};
use shared::config::IdentitySettings;

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

async fn refused(issuer: &Issuer, svc: &acceptance::TestService, what: &str, request: Value) {
    let token = issuer.token(request).await;
    let r = read(svc, &token).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNAUTHORIZED, "unauthorized"),
        "{what}: {}",
        r.text()
    );
}

#[tokio::test]
async fn every_bad_token_is_401() {
    let issuer = Issuer::start();
    let svc = issuer.service(issuer.settings()).await;
    let t = now();
    let cases = [
        ("alg none", json!({"alg": "none"})),
        (
            "HS256 keyed with the published RSA key",
            json!({"alg": "HS256-with-public-key"}),
        ),
        (
            "HS256 keyed with the published oct key",
            json!({"alg": "HS256", "secret": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "kid": "oct-1"}),
        ),
        (
            "ES256 token naming an RSA key",
            json!({"alg": "ES256", "kid": "rsa-1"}),
        ),
        (
            "RS256 token naming an EC key",
            json!({"alg": "RS256", "kid": "ec-p256"}),
        ),
        (
            "ES384 token naming the P-256 key",
            json!({"alg": "ES384", "kid": "ec-p256"}),
        ),
        (
            "EdDSA token naming an EC key",
            json!({"alg": "EdDSA", "kid": "ec-p256"}),
        ),
        (
            "PS256 with a key published for RS256 only",
            json!({"alg": "PS256", "key": "rsa-rs256"}),
        ),
        (
            "signed with an encryption key's private half",
            json!({"alg": "RS256", "key": "rsa-rs256", "kid": "enc-1"}),
        ),
        (
            "a key never published",
            json!({"alg": "RS256", "key": "never-published"}),
        ),
        (
            "another key under a published kid",
            json!({"alg": "RS256", "key": "never-published", "kid": "rsa-1"}),
        ),
        (
            "wrong iss",
            json!({"claims": {"iss": "https://evil.example"}}),
        ),
        ("no iss", json!({"drop": ["iss"]})),
        (
            "expired beyond the leeway",
            json!({"claims": {"exp": t - 120}}),
        ),
        ("no exp", json!({"drop": ["exp"]})),
        ("nbf in the future", json!({"claims": {"nbf": t + 300}})),
        ("iat in the future", json!({"claims": {"iat": t + 300}})),
        ("no sub", json!({"drop": ["sub"]})),
        ("empty sub", json!({"claims": {"sub": " "}})),
        ("no org", json!({"drop": ["org"]})),
        ("org not a string", json!({"claims": {"org": {"id": "x"}}})),
    ];
    for (what, request) in cases {
        refused(&issuer, &svc, what, request).await;
    }
    // Within the 60 s leeway, exp and nbf still pass.
    for claims in [json!({"exp": t - 30}), json!({"nbf": t + 30})] {
        let token = issuer.token(json!({ "claims": claims })).await;
        assert_eq!(
            read(&svc, &token).await.status,
            StatusCode::NOT_FOUND,
            "{claims}"
        );
    }
    // Not a JWT at all.
    for garbage in ["", "abc", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30."] {
        assert_eq!(read(&svc, garbage).await.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn hs256_is_never_checked_against_a_published_key_even_with_a_secret() {
    let issuer = Issuer::start();
    let identity = issuer.settings();
    let svc = acceptance::TestService::with_options(|o| o.identity = identity).await;
    refused(
        &issuer,
        &svc,
        "HS256 with the RSA public key",
        json!({"alg": "HS256-with-public-key"}),
    )
    .await;
}

#[tokio::test]
async fn audience_must_be_listed_or_the_cognito_client_id() {
    let issuer = Issuer::start();
    let svc = issuer
        .service(IdentitySettings {
            audiences: vec!["rooms-api".into(), COGNITO_CLIENT_ID.into()],
            ..issuer.settings()
        })
        .await;
    let ok = |status: StatusCode| assert_eq!(status, StatusCode::NOT_FOUND);
    for claims in [
        json!({"aud": "rooms-api"}),
        json!({"aud": ["account", "rooms-api"]}),
        json!({"client_id": COGNITO_CLIENT_ID}),
    ] {
        let token = issuer.token(json!({ "claims": claims })).await;
        ok(read(&svc, &token).await.status);
    }
    for (what, claims) in [
        ("wrong aud", json!({"aud": "other-api"})),
        ("wrong aud array", json!({"aud": ["account", "other"]})),
        ("no aud", json!({})),
        ("client_id not listed", json!({"client_id": "someone-else"})),
        (
            "aud wins over client_id",
            json!({"aud": "other-api", "client_id": COGNITO_CLIENT_ID}),
        ),
    ] {
        refused(&issuer, &svc, what, json!({ "claims": claims })).await;
    }
}
