//! The HTTP layer: one axum `Router` over `http` types, served by `axum::serve` in
//! local mode and by `lambda_http::run` in Lambda, so both share one code path.

pub mod auth;
pub mod error;
pub mod extract;
pub mod guest_invites;
pub mod host_api;
pub mod idempotency;
pub mod join;
pub mod key_cache;
pub mod listing;
pub mod live;
pub mod openapi;
pub mod pages;
pub mod session;
pub mod validators;

use crate::app::App;
use auth::HostAuth;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::header::{self, HeaderName, HeaderValue};
use session::Sessions;
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument;

/// Request bodies above this are answered `413 payload_too_large`.
pub const BODY_LIMIT: usize = 1024 * 1024;

pub struct HttpConfig {
    pub host_auth: HostAuth,
    pub sessions: Sessions,
    /// The in-process broadcast behind `GET /rooms/{id}/events` (local mode); `None`
    /// where pages subscribe elsewhere (AppSync Events) or poll.
    pub live: Option<crate::adapters::LiveBroadcast>,
}

pub struct Service {
    pub app: App,
    pub http: HttpConfig,
}

pub type AppState = Arc<Service>;

/// Every route of the contract.
pub fn router(state: AppState) -> Router {
    serve(state, contract_routes())
}

/// The routes of every function, before [`serve`] adds the assets and layers (local mode
/// adds `/metrics` to them).
pub fn contract_routes() -> Router<AppState> {
    Router::new()
        .merge(host_api::rooms_routes())
        .merge(host_api::invites_routes())
        .merge(host_api::participants_routes())
        .merge(guest_invites::routes())
        .merge(join::routes())
        .merge(live::stream_routes())
}

/// The routes of the `invites` function, which owns invite issuance: the host API of
/// invites and the invitations participants send from inside the room.
pub fn invite_issuance_routes() -> Router<AppState> {
    host_api::invites_routes().merge(guest_invites::routes())
}

/// `routes` with the assets, the fallback and the common layers (body limit, security
/// headers, request ids and one log line per request).
pub fn serve(state: AppState, routes: Router<AppState>) -> Router {
    routes
        .route("/assets/app.css", get(stylesheet))
        .route("/assets/app.js", get(script))
        .route("/assets/icon.svg", get(icon))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(request_context))
        .with_state(state)
}

async fn stylesheet() -> Response {
    asset(
        "text/css; charset=utf-8",
        include_str!("../../assets/app.css"),
    )
}

async fn script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../assets/app.js"),
    )
}

/// The pages' icon (without it browsers ask for `/favicon.ico` and log a 404).
async fn icon() -> Response {
    asset("image/svg+xml", include_str!("../../assets/icon.svg"))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

/// Paths outside the contract.
async fn not_found() -> Response {
    let body = serde_json::json!({ "error": "not_found", "message": "There is no such endpoint." });
    (http::StatusCode::NOT_FOUND, axum::Json(body)).into_response()
}

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async fn security_headers(request: Request, next: Next) -> Response {
    let is_asset = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    // A page that frames a room backend's web client sets its own (stricter-than-
    // nothing) policy: the same one plus `frame-src` of that origin.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !is_asset && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A span with the request id, method and route template (never the URI: it may hold
/// a token), and one log line with status and latency.
async fn request_context(request: Request, next: Next) -> Response {
    let request_id = lambda_request_id(&request)
        .or_else(|| {
            request
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .filter(|v| {
                    v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })
                .map(str::to_owned)
        })
        .unwrap_or_else(|| ulid::Ulid::new().to_string());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = request.method().clone();
    let span =
        tracing::info_span!("request", request_id = %request_id, method = %method, route = %route);
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            latency_ms = started.elapsed().as_millis() as u64,
            "request"
        )
    });
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID.clone(), v);
    }
    response
}

/// The AWS request id of the invocation, which `lambda_http` puts in the extensions.
#[cfg(feature = "lambda")]
fn lambda_request_id(request: &Request) -> Option<String> {
    use lambda_http::RequestExt;
    request.lambda_context_ref().map(|c| c.request_id.clone())
}

#[cfg(not(feature = "lambda"))]
fn lambda_request_id(_request: &Request) -> Option<String> {
    None
}
