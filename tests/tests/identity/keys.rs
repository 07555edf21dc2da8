//! The key cache against the live issuer: rotation, unknown kids, provider outages.

use super::issuer::*;
use acceptance::TestService;
use http::StatusCode;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_the_retired_one_refused() {
    let issuer = Issuer::start();
    let svc = issuer.service(issuer.settings()).await;
    let before = issuer.jwks_hits().await;
    assert_eq!(before, 1, "keys fetched at start");
    let old = issuer.token(json!({"alg": "RS256"})).await;
    assert_eq!(read(&svc, &old).await.status, StatusCode::NOT_FOUND);
    issuer.control(json!({"rotate": true})).await;
    let new = issuer.token(json!({"alg": "RS256"})).await;
    assert_eq!(
        read(&svc, &new).await.status,
        StatusCode::NOT_FOUND,
        "new kid accepted"
    );
    assert_eq!(issuer.jwks_hits().await, 2, "one refetch for the new kid");
    // The old token's kid is known no more since the refetch.
    assert_eq!(read(&svc, &old).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(read(&svc, &new).await.status, StatusCode::NOT_FOUND);
    assert_eq!(issuer.jwks_hits().await, 2);
}

#[tokio::test]
async fn unknown_kids_cause_at_most_one_refetch_per_30_seconds() {
    let issuer = Issuer::start();
    let svc = issuer.service(issuer.settings()).await;
    for i in 0..10 {
        let token = issuer
            .token(json!({"alg": "RS256", "key": "never-published", "kid": format!("k{i}")}))
            .await;
        assert_eq!(read(&svc, &token).await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(issuer.jwks_hits().await, 2, "start + one refetch");
}

#[tokio::test]
async fn provider_down_with_cached_keys_still_serves() {
    let issuer = Issuer::start();
    let svc = issuer.service(issuer.settings()).await;
    issuer.control(json!({"down": true})).await;
    let token = issuer
        .token(json!({"shape": "plain", "alg": "ES256"}))
        .await;
    assert_eq!(create_room(&svc, &token).await.status, StatusCode::CREATED);
    // An unknown kid while the provider is down: 401 (keys exist), not 503.
    let unknown = issuer
        .token(json!({"alg": "RS256", "key": "never-published"}))
        .await;
    assert_eq!(read(&svc, &unknown).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(create_room(&svc, &token).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn provider_down_and_no_keys_is_503_until_it_is_back() {
    let issuer = Issuer::start();
    issuer.control(json!({"down": true})).await;
    let svc: TestService = issuer.service(issuer.settings()).await;
    let token = issuer.token(json!({"alg": "RS256"})).await;
    let r = create_room(&svc, &token).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "identity_provider_unavailable"
        ),
        "{}",
        r.text()
    );
    assert!(!r.json()["message"].as_str().unwrap_or_default().is_empty());
    issuer.control(json!({"down": false})).await;
    svc.eventually(
        "the keys once the provider is back",
        Duration::from_secs(15),
        || async { create_room(&svc, &token).await.status == StatusCode::CREATED },
    )
    .await;
}

#[tokio::test]
async fn discovery_is_skipped_with_a_jwks_url() {
    let issuer = Issuer::start();
    let svc = issuer
        .service(shared::config::IdentitySettings {
            jwks_url: Some(format!("{}/jwks.json", issuer.base)),
            ..issuer.settings()
        })
        .await;
    let token = issuer.token(json!({"alg": "EdDSA"})).await;
    assert_eq!(create_room(&svc, &token).await.status, StatusCode::CREATED);
    let state: serde_json::Value = reqwest::get(format!("{}/control", issuer.base))
        .await
        .expect("issuer")
        .json()
        .await
        .expect("json");
    assert_eq!(state["discovery_hits"], 0);
}
