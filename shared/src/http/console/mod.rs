//! The host console (`/console…`): server-rendered pages (maud) on the same use cases as
//! the host API, for hosts who have a browser and no `curl`. A host signs in with the
//! organization's provider (OpenID Connect, the invitees' relying party) or, in local
//! mode, with the one-time link of the start-up banner; the session is a signed cookie
//! (`HttpOnly`, `SameSite=Strict`, `Secure` on https) that carries the host identity the
//! API's rules derived at sign-in and the CSRF token every write must return.
//!
//! Writes are `POST`s that pass [`ConsoleHost::write`]: the same origin (`Origin`,
//! `Sec-Fetch-Site`), the session's CSRF token, and the write permission. Every use case
//! checks the organization itself, as for the API.

pub mod branding;
pub mod dashboard;
pub mod import;
pub mod live;
pub mod people;
pub mod rooms;
pub mod sign_in;
pub mod texts;
pub mod views;

#[cfg(test)]
mod tests_pages;

use super::error::ConsoleError;
use super::sso::RelyingParty;
use super::AppState;
use crate::app::Host;
use crate::domain::Error;
use axum::extract::FromRequestParts;
use axum::routing::{get, post};
use axum::Router;
use http::request::Parts;
use http::{HeaderMap, Method};
use subtle::ConstantTimeEq;

/// The console's sign-in settings.
#[derive(Default)]
pub struct ConsoleConfig {
    /// The hosts' provider (`HOST_JWT_ISSUER` with `HOST_OIDC_CLIENT_ID`).
    pub sign_in: Option<RelyingParty>,
}

/// Every console route (HTML pages, their form posts, and the JSON the import and bulk
/// scripts call).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/console", get(rooms::list).post(rooms::create))
        .route("/console/sign-in", get(sign_in::start))
        .route("/console/callback", get(sign_in::callback))
        .route("/console/sign-out", post(sign_in::sign_out))
        .route(
            "/console/branding",
            get(branding::show).post(branding::save),
        )
        .route(
            "/console/rooms/{room_id}",
            get(rooms::show).post(rooms::edit),
        )
        .route(
            "/console/rooms/{room_id}/delete",
            get(rooms::confirm_delete).post(rooms::delete),
        )
        .route("/console/rooms/{room_id}/invite", post(people::invite_one))
        .route("/console/rooms/{room_id}/import", post(import::chunk))
        .route("/console/rooms/{room_id}/invites", get(people::invites))
        .route(
            "/console/rooms/{room_id}/invites/{invite_id}/revoke",
            post(people::revoke),
        )
        .route(
            "/console/rooms/{room_id}/invites/{invite_id}/resend",
            post(people::resend),
        )
        .route("/console/rooms/{room_id}/bulk", post(people::bulk))
        .route(
            "/console/rooms/{room_id}/invites.csv",
            get(people::invites_csv),
        )
        .route(
            "/console/rooms/{room_id}/participants",
            get(people::participants),
        )
        .route(
            "/console/rooms/{room_id}/participants.csv",
            get(people::participants_csv),
        )
        .route("/console/rooms/{room_id}/role", post(people::set_role))
        .route("/console/rooms/{room_id}/dashboard", get(dashboard::show))
        .route("/console/rooms/{room_id}/live", get(live::subscription))
}

/// `/assets/console.js` (served with every function's assets, see [`super::serve`]).
pub async fn console_script() -> axum::response::Response {
    super::asset(
        "text/javascript; charset=utf-8",
        include_str!("../../../assets/console.js"),
    )
}

/// `/assets/console-live.js`: the dashboard's live numbers.
pub async fn console_live_script() -> axum::response::Response {
    super::asset(
        "text/javascript; charset=utf-8",
        include_str!("../../../assets/console-live.js"),
    )
}

/// `/assets/console.css`.
pub async fn console_style() -> axum::response::Response {
    super::asset(
        "text/css; charset=utf-8",
        include_str!("../../../assets/console.css"),
    )
}

/// A signed-in host of the console, and the CSRF token of the session.
#[derive(Debug, Clone)]
pub struct ConsoleHost {
    pub host: Host,
    pub csrf: String,
}

impl FromRequestParts<AppState> for ConsoleHost {
    type Rejection = ConsoleError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = state
            .http
            .sessions
            .console(&parts.headers)
            .ok_or_else(|| ConsoleError::sign_in(parts.method == Method::GET))?;
        Ok(ConsoleHost {
            host: Host {
                sub: session.sub,
                org: session.org,
                email: session.email,
                can_write: session.write,
            },
            csrf: session.csrf,
        })
    }
}

impl ConsoleHost {
    /// A write of this session: from our own origin, with the session's CSRF token
    /// (`token`: the form's `csrf` field or the `X-CSRF-Token` header), by a host who
    /// may write. Cross-site posts and read-only hosts are `forbidden`.
    pub fn write(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        token: Option<&str>,
    ) -> Result<(), ConsoleError> {
        same_origin(&state.app.config.public_base_url, headers)?;
        let token = token
            .or_else(|| headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))
            .unwrap_or("");
        if token.is_empty() || !bool::from(token.as_bytes().ct_eq(self.csrf.as_bytes())) {
            tracing::info!("console write refused: CSRF token missing or wrong");
            return Err(ConsoleError::page(Error::Forbidden));
        }
        self.host.require_write().map_err(ConsoleError::page)
    }
}

/// Refuses a request another site's page started: the lobby form's login-CSRF rule
/// (`Origin` and `Sec-Fetch-Site`, one implementation in [`crate::http::join`]).
pub fn same_origin(base: &str, headers: &HeaderMap) -> Result<(), ConsoleError> {
    if super::join::cross_site(headers, base) {
        tracing::info!("console write refused: cross-site");
        return Err(ConsoleError::page(Error::Forbidden));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_our_origin_may_post() {
        let base = "http://127.0.0.1:3000";
        assert!(same_origin(base, &headers(&[])).is_ok());
        assert!(same_origin(base, &headers(&[("origin", "http://127.0.0.1:3000")])).is_ok());
        assert!(same_origin(base, &headers(&[("sec-fetch-site", "same-origin")])).is_ok());
        assert!(same_origin(base, &headers(&[("origin", "https://evil.example")])).is_err());
        assert!(same_origin(base, &headers(&[("origin", "null")])).is_err());
        assert!(same_origin(base, &headers(&[("sec-fetch-site", "cross-site")])).is_err());
        // A same-origin form of a `no-referrer` page.
        let own_form = headers(&[("origin", "null"), ("sec-fetch-site", "same-origin")]);
        assert!(same_origin(base, &own_form).is_ok());
    }
}
