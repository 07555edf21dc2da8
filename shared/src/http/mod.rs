//! The HTTP layer: one axum `Router` over `http` types, served by hyper (`local::serve`) in
//! local mode and by `lambda_http::run` in Lambda, so both share one code path.

pub mod auth;
pub mod branding;
pub mod console;
pub mod error;
pub mod extract;
pub mod guest_invites;
pub mod host_api;
pub mod id_token;
pub mod idempotency;
pub mod join;
pub mod key_cache;
pub mod listing;
pub mod live;
pub mod moderator_panel;
pub mod openapi;
#[cfg(test)]
mod page_locales;
pub mod page_text;
pub mod pages;
pub mod previews;
pub mod session;
pub mod sso;
pub mod unsubscribe;
pub mod validators;
pub mod waiting_room;

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
    /// The Content-Security-Policy of every response.
    pub csp: ContentSecurityPolicy,
    /// The invitees' sign-in at the organization's provider (`INVITEE_OIDC_ISSUER`).
    pub sign_in: Option<sso::InviteeSignIn>,
    /// The host console's sign-in (the hosts' provider, when configured).
    pub console: console::ConsoleConfig,
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
        .merge(console::live::stream_routes())
        .merge(console::routes())
}

/// The routes of the `invites` function, which owns invite issuance: the host API of
/// invites and the invitations participants send from inside the room.
pub fn invite_issuance_routes() -> Router<AppState> {
    host_api::invites_routes().merge(guest_invites::routes())
}

/// `routes` with the assets, the fallback and the common layers (body limit, security
/// headers, request ids and one log line per request).
pub fn serve(state: AppState, routes: Router<AppState>) -> Router {
    let csp = state.http.csp.clone();
    let secure_cookies = state.http.sessions.secure();
    routes
        .route("/assets/app.css", get(stylesheet))
        .route("/assets/app.js", get(script))
        .route("/assets/appsync-live.js", get(appsync_live_script))
        .route("/assets/icon.svg", get(icon))
        .route("/assets/console.js", get(console::console_script))
        .route("/assets/console-live.js", get(console::console_live_script))
        .route("/assets/console.css", get(console::console_style))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            secure_cookies,
            crate::i18n::lang_layer,
        ))
        .layer(middleware::from_fn(crate::brand::layer))
        .layer(middleware::from_fn_with_state(csp, security_headers))
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

/// The AppSync Events client of the event and room pages (live updates on AWS).
async fn appsync_live_script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../assets/appsync-live.js"),
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

/// The policy without live updates from another origin (local mode: SSE is same-origin).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The Content-Security-Policy of the pages: [`CONTENT_SECURITY_POLICY`], with the
/// live-update WebSocket's origin (AppSync Events' realtime endpoint,
/// `wss://<realtime-domain>`) added to `connect-src` when it is configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentSecurityPolicy {
    value: HeaderValue,
}

impl Default for ContentSecurityPolicy {
    fn default() -> Self {
        ContentSecurityPolicy {
            value: HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        }
    }
}

impl ContentSecurityPolicy {
    /// The policy whose `connect-src` also allows `live_origin` (a `wss://host` origin;
    /// anything else is ignored, so a setting can never widen the policy otherwise).
    pub fn new(live_origin: Option<&str>) -> Self {
        let origin = live_origin.filter(|o| {
            o.strip_prefix("wss://").is_some_and(|host| {
                !host.is_empty()
                    && host
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
            })
        });
        match origin {
            None => Self::default(),
            Some(origin) => {
                let text = CONTENT_SECURITY_POLICY.replace(
                    "connect-src 'self';",
                    &format!("connect-src 'self' {origin};"),
                );
                HeaderValue::from_str(&text)
                    .map(|value| ContentSecurityPolicy { value })
                    .unwrap_or_default()
            }
        }
    }

    pub fn as_str(&self) -> &str {
        self.value.to_str().unwrap_or(CONTENT_SECURITY_POLICY)
    }

    /// The policy of a page that frames a room backend's web client: this one plus
    /// `frame-src` of exactly that origin.
    pub fn with_frame_src(&self, origin: &str) -> Option<HeaderValue> {
        HeaderValue::from_str(&self.as_str().replace(
            "default-src 'none';",
            &format!("default-src 'none'; frame-src {origin};"),
        ))
        .ok()
    }
}

async fn security_headers(
    axum::extract::State(csp): axum::extract::State<ContentSecurityPolicy>,
    request: Request,
    next: Next,
) -> Response {
    let is_asset = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    // A page that frames a room backend's web client sets its own (stricter-than-
    // nothing) policy: the same one plus `frame-src` of that origin.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp.value.clone());
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

#[cfg(test)]
mod tests {
    use super::ContentSecurityPolicy;

    fn directive<'a>(policy: &'a str, name: &str) -> Vec<&'a str> {
        policy
            .split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name))
            .map(|v| v.split_whitespace().collect())
            .unwrap_or_default()
    }

    #[test]
    fn connect_src_allows_the_live_websocket_origin_only_when_configured() {
        let plain = ContentSecurityPolicy::default();
        assert_eq!(directive(plain.as_str(), "connect-src"), ["'self'"]);
        let live = ContentSecurityPolicy::new(Some(
            "wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com",
        ));
        assert_eq!(
            directive(live.as_str(), "connect-src"),
            [
                "'self'",
                "wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com"
            ]
        );
        // Everything else is the same policy.
        assert_eq!(
            live.as_str().replace(
                " wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com",
                ""
            ),
            plain.as_str()
        );
        // Nothing but a wss:// host can be added.
        for bad in [
            "https://x.example",
            "wss://x.example; script-src *",
            "wss://",
            "*",
        ] {
            assert_eq!(ContentSecurityPolicy::new(Some(bad)), plain, "{bad}");
        }
        let framed = live
            .with_frame_src("https://meet.example")
            .expect("a header value");
        let framed = framed.to_str().expect("text");
        assert_eq!(directive(framed, "frame-src"), ["https://meet.example"]);
        assert_eq!(directive(framed, "connect-src").len(), 2);
    }
}
