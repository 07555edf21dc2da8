//! `Idempotency-Key` on host-API POSTs: a repeat with the same key and body within
//! 24 hours gets the first response and causes nothing (no second email). The key is
//! claimed with a conditional write before the work, so concurrent retries run it once.
//!
//! A claim is leased for [`LEASE`], twice the longest a request can run (API Gateway
//! ends one at 29 s), so that a request that died before completing its key (a function
//! timeout, a killed process) does not lock the key for a day: a retry after the lease
//! takes the key over and runs the work again. A rerun finds what the dead request
//! already created, because invite ids under a key are derived from the key and the
//! entry's position ([`IssueOptions`]). Local mode ends every unfinished lease when it
//! starts.

use super::error::ApiError;
use super::AppState;
use crate::app::{App, Host, IssueOptions};
use crate::domain::token::hex;
use crate::domain::Error;
use crate::ports::IdempotencyClaim;
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::future::Future;
use time::Duration;

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotent-replayed";
pub const KEY_LIFETIME: Duration = Duration::hours(24);
/// How long a claim belongs to its request before a retry may take it over.
pub const LEASE: Duration = Duration::seconds(60);
const KEY_MAX_LEN: usize = 255;

pub type Outcome = Result<(StatusCode, Value), Error>;

/// Runs `work` once per (host, route, key); without a key it simply runs.
pub async fn idempotent<F, Fut>(
    state: &AppState,
    host: &Host,
    headers: &HeaderMap,
    route: &str,
    body: &[u8],
    work: F,
) -> Response
where
    F: FnOnce(IssueOptions) -> Fut,
    Fut: Future<Output = Outcome>,
{
    let Some(key) = headers.get(HEADER) else {
        return respond(work(IssueOptions::default()).await);
    };
    let key = match key.to_str() {
        Ok(k) if !k.trim().is_empty() && k.len() <= KEY_MAX_LEN => k.trim(),
        _ => {
            return ApiError(Error::bad_request(
                "Idempotency-Key must be 1 to 255 visible characters.",
            ))
            .into_response()
        }
    };
    let scope = hex(&Sha256::digest(format!(
        "{}\0{}\0{}\0{}",
        host.org, host.sub, route, key
    )));
    let fingerprint = hex(&Sha256::digest(body));
    let app = &state.app;
    let now = app.clock.now();
    match app
        .store
        .claim_idempotency_key(&scope, &fingerprint, now, now + LEASE, now + KEY_LIFETIME)
        .await
    {
        Err(e) => ApiError(e.into()).into_response(),
        Ok(IdempotencyClaim::InProgress) => ApiError(Error::Conflict(
            "A request with this Idempotency-Key is still being processed; retry shortly.".into(),
        ))
        .into_response(),
        Ok(IdempotencyClaim::Mismatch) => ApiError(Error::Conflict(
            "This Idempotency-Key was already used with a different request body.".into(),
        ))
        .into_response(),
        Ok(IdempotencyClaim::Completed { status, body }) => replay(app, status, &body, &scope),
        Ok(IdempotencyClaim::Claimed {
            expires_at,
            takeover,
        }) => {
            if takeover {
                tracing::info!(
                    route,
                    "idempotency key taken over from a request that stopped"
                );
            }
            let options = IssueOptions {
                replay_context: Some(scope.clone()),
                first_claimed_at: Some(expires_at - KEY_LIFETIME),
                rerun: takeover,
            };
            let outcome = work(options).await;
            record(app, &scope, &outcome).await;
            respond(outcome)
        }
    }
}

async fn record(app: &App, scope: &str, outcome: &Outcome) {
    let stored = match outcome {
        Ok((status, body)) => {
            let mut body = body.clone();
            App::strip_links(&mut body);
            Some((status.as_u16(), body))
        }
        Err(e) => {
            let status = super::error::status(e, super::error::Surface::HostApi);
            // A failure on our side or of a service behind us (500, 502, 503) is not
            // the request's answer: the key is released for the retry.
            (!status.is_server_error()).then(|| {
                (
                    status.as_u16(),
                    serde_json::to_value(super::error::json_body(e)).unwrap_or_default(),
                )
            })
        }
    };
    let result = match stored {
        Some((status, body)) => {
            app.store
                .complete_idempotency_key(scope, status, &body.to_string())
                .await
        }
        None => app.store.release_idempotency_key(scope).await,
    };
    if let Err(e) = result {
        tracing::error!(error = %e, "could not record the idempotent response");
    }
}

fn replay(app: &App, status: u16, body: &str, scope: &str) -> Response {
    let Ok(mut body) = serde_json::from_str::<Value>(body) else {
        return ApiError(Error::internal("stored idempotent response is unreadable"))
            .into_response();
    };
    app.restore_links(&mut body, scope);
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(REPLAYED, HeaderValue::from_static("true"));
    response
}

pub fn respond(outcome: Outcome) -> Response {
    match outcome {
        Ok((status, body)) => (status, Json(body)).into_response(),
        Err(e) => ApiError(e).into_response(),
    }
}
