//! Honest back-pressure: a store that fails after the clients' retries answers
//! `503 service_unavailable` with `Retry-After`, never `500`: JSON for the API, and for
//! browsers a page that tries again by itself. The retry and timeout policy bounds how
//! long that takes.

use acceptance::*;
use http::StatusCode;
use serde_json::json;
use shared::adapters::aws::{sdk_config_loader, DynamoStore};
use std::sync::Arc;

/// A DynamoDB store whose endpoint refuses every connection.
async fn unreachable_store() -> Arc<dyn shared::ports::Store> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let sdk = sdk_config_loader()
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
            "test", "test", None, None, "test",
        ))
        .load()
        .await;
    Arc::new(DynamoStore::new(
        aws_sdk_dynamodb::Client::new(&sdk),
        "no-such-table",
    ))
}

#[tokio::test]
async fn a_store_that_is_down_answers_503_with_retry_after() {
    let store = unreachable_store().await;
    let s = TestService::with_options(move |o| o.store = Some(store)).await;
    let t = host_token("o", "h");
    let started = std::time::Instant::now();
    let r = s
        .send(
            Call::post("/api/rooms")
                .bearer(&t)
                .json(&json!({"title": "Down", "starts_at": "2030-01-01T10:00:00Z"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
    assert_eq!(r.code(), "service_unavailable");
    assert_eq!(r.header("retry-after"), Some("2"));
    assert_eq!(r.json()["retry_after"], 2);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "bounded by the retry policy: {:?}",
        started.elapsed()
    );

    // A browser's page of the same outage tries again by itself.
    let page = s
        .send(Call::get("/rooms/01JDX5AMP1E0000R00M0000000").header("accept", "text/html"))
        .await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.page_error().as_deref(), Some("service_unavailable"));
    assert!(
        page.text().contains(r#"http-equiv="refresh""#),
        "{}",
        page.text()
    );
    assert_eq!(page.header("retry-after"), Some("2"));
    let status = s
        .send(Call::get("/rooms/01JDX5AMP1E0000R00M0000000/status"))
        .await;
    assert_eq!(status.code(), "service_unavailable");
}
