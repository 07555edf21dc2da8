//! Signing in to the console and out of it.
//!
//! - `GET /console/sign-in?ticket=…`: local mode's one-time link. The ticket is a host
//!   token (verified by the API's [`super::super::auth::HostAuth`]) with `purpose:
//!   console` and a `jti`, spent once through the store's conditional write (the one
//!   behind `Idempotency-Key`), so a copied link signs in nobody else.
//! - `GET /console/sign-in` with the hosts' provider configured: OpenID Connect code flow
//!   with PKCE through the invitees' relying party (state, nonce and verifier in a signed
//!   ten-minute cookie of `/console/callback`); `GET /console/callback` verifies the ID
//!   token and derives the host from its claims by the API's rules (org claim, write
//!   permission). The provider's tokens stay on the server and are dropped there.
//! - `POST /console/sign-out` ends the session cookie.

use super::views;
use super::ConsoleHost;
use crate::app::Host;
use crate::domain::admission::random_hex;
use crate::domain::Error;
use crate::http::error::ConsoleError;
use crate::http::session::SignInFlow;
use crate::http::AppState;
use crate::ports::{IdempotencyClaim, SignInAttempt, SignInError};
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Response};
use http::header::{LOCATION, SET_COOKIE};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use subtle::ConstantTimeEq;

/// The `purpose` claim of a console sign-in ticket.
pub const TICKET_PURPOSE: &str = "console";
/// How long a printed ticket stays valid.
pub const TICKET_LIFETIME: time::Duration = time::Duration::hours(24);

/// The claims of a one-time console ticket (local mode's banner prints one).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TicketClaims {
    pub sub: String,
    pub org: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub exp: i64,
    pub jti: String,
    pub purpose: String,
}

/// A ticket for `claims` (its `purpose` and a fresh `jti` are set here), signed with the
/// host secret; `extra` adds claims (the configured `iss`/`aud`, or a nested org path).
pub fn mint_ticket(
    secret: &[u8],
    sub: &str,
    org_claims: Map<String, Value>,
    now: time::OffsetDateTime,
) -> Result<String, Error> {
    let mut claims = org_claims;
    claims.insert("sub".into(), sub.into());
    claims.insert(
        "exp".into(),
        (now + TICKET_LIFETIME).unix_timestamp().into(),
    );
    claims.insert("jti".into(), random_hex(16)?.into());
    claims.insert("purpose".into(), TICKET_PURPOSE.into());
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret),
    )
    .map_err(Error::internal)
}

#[derive(Deserialize)]
pub struct StartParams {
    ticket: Option<String>,
}

pub async fn start(
    State(s): State<AppState>,
    Query(params): Query<StartParams>,
) -> Result<Response, ConsoleError> {
    if let Some(ticket) = params.ticket.as_deref() {
        let host = spend_ticket(&s, ticket).await?;
        return signed_in(&s, &host);
    }
    let Some(party) = s.http.console.sign_in.as_ref() else {
        return Ok(views::sign_in_help().into_response());
    };
    let attempt = SignInAttempt {
        state: random_hex(16)?,
        nonce: random_hex(16)?,
        pkce_verifier: random_hex(32)?,
    };
    let url = party
        .provider
        .authorization_url(&attempt, &redirect_uri(&s))
        .await
        .map_err(|e| ConsoleError::page(provider_error(&e)))?;
    let cookie = s
        .http
        .sessions
        .issue_sign_in(SignInFlow::Console, "console", &attempt, s.app.clock.now())
        .and_then(|c| HeaderValue::from_str(&c).ok())
        .ok_or_else(|| Error::internal("sign-in cookie"))?;
    let location = HeaderValue::from_str(&url).map_err(|_| Error::internal("sign-in URL"))?;
    let mut response = StatusCode::FOUND.into_response();
    response.headers_mut().insert(LOCATION, location);
    response.headers_mut().append(SET_COOKIE, cookie);
    Ok(response)
}

fn redirect_uri(s: &AppState) -> String {
    format!("{}/console/callback", s.app.config.public_base_url)
}

fn provider_error(e: &SignInError) -> Error {
    tracing::warn!(error = %e, "console sign-in: provider");
    match e {
        SignInError::Unavailable(_) => Error::IdentityProviderUnavailable,
        SignInError::Refused(_) => Error::SsoFailed,
    }
}

/// The host of a valid, unspent ticket; spends it.
async fn spend_ticket(s: &AppState, ticket: &str) -> Result<Host, ConsoleError> {
    let host = s.http.host_auth.verify(ticket).await.map_err(|_| {
        tracing::info!("console ticket refused: not a valid host token");
        ConsoleError::page(Error::Unauthorized)
    })?;
    // The signature is verified: the claims can be read as they are.
    let claims = ticket
        .split('.')
        .nth(1)
        .and_then(|p| {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p)
                .ok()
        })
        .and_then(|raw| serde_json::from_slice::<Map<String, Value>>(&raw).ok())
        .ok_or(Error::Unauthorized)?;
    let purpose = claims.get("purpose").and_then(Value::as_str);
    let jti = claims.get("jti").and_then(Value::as_str).unwrap_or("");
    let exp = claims.get("exp").and_then(Value::as_i64).unwrap_or(0);
    let now = s.app.clock.now();
    if purpose != Some(TICKET_PURPOSE)
        || jti.is_empty()
        || exp > (now + TICKET_LIFETIME).unix_timestamp() + 60
    {
        tracing::info!("console ticket refused: not a console ticket");
        return Err(ConsoleError::page(Error::Unauthorized));
    }
    let key = format!("console-ticket\0{jti}");
    let until =
        time::OffsetDateTime::from_unix_timestamp(exp).unwrap_or(now) + time::Duration::hours(1);
    match s
        .app
        .store
        .claim_idempotency_key(&key, "spent", now, until, until)
        .await
    {
        Ok(IdempotencyClaim::Claimed { .. }) => {
            // Completed at once: a spent ticket is never an unfinished claim that a
            // restart or a lease could hand on.
            if let Err(e) = s
                .app
                .store
                .complete_idempotency_key(&key, 200, "spent")
                .await
            {
                tracing::warn!(error = %e, "could not complete the console ticket's claim");
            }
            Ok(host)
        }
        Ok(_) => {
            tracing::info!("console ticket refused: already used");
            Err(ConsoleError::page(Error::LinkUsed))
        }
        Err(e) => Err(ConsoleError::page(e.into())),
    }
}

/// The session cookie of `host`, and a page that moves on to `/console` (a same-site
/// navigation, so that the `SameSite=Strict` cookie goes with it even when the sign-in
/// came from the provider's site).
fn signed_in(s: &AppState, host: &Host) -> Result<Response, ConsoleError> {
    let cookie = s
        .http
        .sessions
        .issue_console(host, random_hex(16)?, s.app.clock.now())
        .and_then(|c| HeaderValue::from_str(&c).ok())
        .ok_or_else(|| Error::internal("console cookie"))?;
    tracing::info!(org = %host.org, write = host.can_write, "console sign-in");
    let mut response = views::signed_in().into_response();
    response.headers_mut().append(SET_COOKIE, cookie);
    Ok(response)
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(s): State<AppState>,
    Query(params): Query<Callback>,
    headers: HeaderMap,
) -> Response {
    let mut response = match provider_signed_in(&s, &params, &headers).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    };
    if let Ok(v) = HeaderValue::from_str(&s.http.sessions.clear_sign_in(SignInFlow::Console)) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    response
}

async fn provider_signed_in(
    s: &AppState,
    params: &Callback,
    headers: &HeaderMap,
) -> Result<Response, ConsoleError> {
    let party = s
        .http
        .console
        .sign_in
        .as_ref()
        .ok_or(ConsoleError::page(Error::NotFound))?;
    let (_, attempt) = s
        .http
        .sessions
        .sign_in(SignInFlow::Console, headers)
        .ok_or_else(|| {
            tracing::info!("console sign-in: no sign-in in progress in this browser");
            ConsoleError::page(Error::SsoFailed)
        })?;
    if let Some(error) = &params.error {
        tracing::info!(error = %error.chars().take(64).collect::<String>(), "console sign-in: the provider answered an error");
        return Err(ConsoleError::page(Error::SsoFailed));
    }
    let state_fits = params
        .state
        .as_deref()
        .is_some_and(|st| bool::from(st.as_bytes().ct_eq(attempt.state.as_bytes())));
    let (true, Some(code)) = (state_fits, params.code.as_deref()) else {
        tracing::info!("console sign-in: state or code missing or foreign");
        return Err(ConsoleError::page(Error::SsoFailed));
    };
    let id_token = party
        .provider
        .exchange(code, &attempt.pkce_verifier, &redirect_uri(s))
        .await
        .map_err(|e| ConsoleError::page(provider_error(&e)))?;
    let claims = party
        .id_tokens
        .claims(&id_token, &attempt.nonce)
        .await
        .map_err(|e| {
            tracing::info!(reason = %e, "console sign-in: ID token refused");
            ConsoleError::page(match e {
                crate::http::id_token::IdTokenRejection::Unavailable => {
                    Error::IdentityProviderUnavailable
                }
                _ => Error::SsoFailed,
            })
        })?;
    let host = s.http.host_auth.identity(&claims).map_err(|_| {
        tracing::info!("console sign-in: the ID token names no organization");
        ConsoleError::page(Error::Forbidden)
    })?;
    signed_in(s, &host)
}

#[derive(Deserialize)]
pub struct SignOutForm {
    csrf: Option<String>,
}

/// Ends the session (a read-only host may sign out too: CSRF and origin still apply).
pub async fn sign_out(
    State(s): State<AppState>,
    host: ConsoleHost,
    headers: HeaderMap,
    Form(form): Form<SignOutForm>,
) -> Result<Response, ConsoleError> {
    super::same_origin(&s.app.config.public_base_url, &headers)?;
    let token = form.csrf.unwrap_or_default();
    if !bool::from(token.as_bytes().ct_eq(host.csrf.as_bytes())) {
        return Err(ConsoleError::page(Error::Forbidden));
    }
    let mut response = views::signed_out().into_response();
    if let Ok(v) = HeaderValue::from_str(&s.http.sessions.clear_console()) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    Ok(response)
}
