//! The invitees' sign-in routes (admission contract, section 3): `GET /join/{token}/sso`
//! sends the browser to the organization's provider with a fresh state, nonce and PKCE
//! verifier, bound to this browser and this link by a signed ten-minute cookie;
//! `GET /auth/callback` checks the state, exchanges the code, verifies the ID token
//! and admits the address it proves. Every callback ends the sign-in's cookie.

use super::error::PageError;
use super::id_token::{IdTokenRejection, IdTokenVerifier};
use super::{pages, AppState};
use crate::domain::admission::random_hex;
use crate::domain::Error;
use crate::ports::{SignInAttempt, SignInError, SignInProvider};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::header::{LOCATION, SET_COOKIE};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::Deserialize;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// An OpenID Connect relying party: the provider and the verifier of its ID tokens. The
/// invitees' sign-in (`INVITEE_OIDC_*`) and the host console's (`HOST_JWT_ISSUER`,
/// `HOST_OIDC_*`) are two of these, with one implementation.
pub struct RelyingParty {
    pub provider: Arc<dyn SignInProvider>,
    pub id_tokens: IdTokenVerifier,
}

/// The invitees' relying party.
pub type InviteeSignIn = RelyingParty;

impl RelyingParty {
    /// The sign-in at `provider`, its ID tokens checked with `keys` (the provider's
    /// JWKS, cached as the host tokens' keys are).
    pub fn new(provider: Arc<dyn SignInProvider>, keys: Arc<super::key_cache::KeyCache>) -> Self {
        let id_tokens = IdTokenVerifier::new(keys, provider.issuer(), provider.client_id());
        RelyingParty {
            provider,
            id_tokens,
        }
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/join/{token}/sso", get(start))
        .route("/auth/callback", get(callback))
}

fn redirect_uri(s: &AppState) -> String {
    format!("{}/auth/callback", s.app.config.public_base_url)
}

fn page(error: Error) -> PageError {
    PageError::new(error, false)
}

fn unavailable(e: &SignInError) -> Error {
    tracing::warn!(error = %e, "invitee sign-in: provider");
    match e {
        SignInError::Unavailable(_) => Error::IdentityProviderUnavailable,
        SignInError::Refused(_) => Error::SsoFailed,
    }
}

async fn start(
    State(s): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let sign_in = s
        .http
        .sign_in
        .as_ref()
        .ok_or_else(|| page(Error::NotFound))?;
    s.app.sign_in_target(&token).await.map_err(page)?;
    let attempt = SignInAttempt {
        state: random_hex(16).map_err(page)?,
        nonce: random_hex(16).map_err(page)?,
        pkce_verifier: random_hex(32).map_err(page)?,
    };
    let url = sign_in
        .provider
        .authorization_url(&attempt, &redirect_uri(&s))
        .await
        .map_err(|e| page(unavailable(&e)))?;
    let cookie = s
        .http
        .sessions
        .issue_sign_in(
            super::session::SignInFlow::Invitee,
            &token,
            &attempt,
            s.app.clock.now(),
        )
        .and_then(|c| HeaderValue::from_str(&c).ok())
        .ok_or_else(|| page(Error::internal("sign-in cookie")))?;
    let location = HeaderValue::from_str(&url).map_err(|_| page(Error::internal("sign-in URL")))?;
    let mut response = StatusCode::FOUND.into_response();
    response.headers_mut().insert(LOCATION, location);
    response.headers_mut().append(SET_COOKIE, cookie);
    Ok(response)
}

#[derive(Deserialize)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(s): State<AppState>,
    Query(params): Query<Callback>,
    headers: HeaderMap,
) -> Response {
    let mut response = match signed_in(&s, &params, &headers).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    };
    if let Ok(v) = HeaderValue::from_str(
        &s.http
            .sessions
            .clear_sign_in(super::session::SignInFlow::Invitee),
    ) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    response
}

async fn signed_in(
    s: &AppState,
    params: &Callback,
    headers: &HeaderMap,
) -> Result<Response, PageError> {
    let sign_in = s
        .http
        .sign_in
        .as_ref()
        .ok_or_else(|| page(Error::NotFound))?;
    // No cookie (another browser, expired, or already used): nothing binds this answer.
    let (token, attempt) = s
        .http
        .sessions
        .sign_in(super::session::SignInFlow::Invitee, headers)
        .ok_or_else(|| {
            tracing::info!("invitee sign-in: no sign-in in progress in this browser");
            page(Error::SsoFailed)
        })?;
    let failed = |outcome: &'static str, error: Error| {
        let (s, token) = (s.clone(), token.clone());
        async move {
            s.app.sign_in_failed(&token, outcome).await;
            page(error)
        }
    };
    if let Some(error) = &params.error {
        tracing::info!(error = %error.chars().take(64).collect::<String>(), "invitee sign-in: the provider answered an error");
        return Err(failed("failed", Error::SsoFailed).await);
    }
    let state_fits = params
        .state
        .as_deref()
        .is_some_and(|st| bool::from(st.as_bytes().ct_eq(attempt.state.as_bytes())));
    let (true, Some(code)) = (state_fits, params.code.as_deref()) else {
        tracing::info!("invitee sign-in: state or code missing or foreign");
        return Err(failed("failed", Error::SsoFailed).await);
    };
    let id_token = match sign_in
        .provider
        .exchange(code, &attempt.pkce_verifier, &redirect_uri(s))
        .await
    {
        Ok(t) => t,
        Err(e) => {
            let error = unavailable(&e);
            let outcome = if error == Error::SsoFailed {
                "failed"
            } else {
                "unavailable"
            };
            return Err(failed(outcome, error).await);
        }
    };
    let email = match sign_in.id_tokens.verify(&id_token, &attempt.nonce).await {
        Ok(email) => email,
        Err(IdTokenRejection::Unavailable) => {
            return Err(failed("unavailable", Error::IdentityProviderUnavailable).await)
        }
        Err(e) => {
            tracing::info!(reason = %e, "invitee sign-in: ID token refused");
            return Err(failed("failed", Error::SsoFailed).await);
        }
    };
    let admission = match s.app.admit_signed_in(&token, &email).await {
        Ok(a) => a,
        Err(Error::EmailMismatch) => {
            return Ok((
                StatusCode::FORBIDDEN,
                pages::signed_in_elsewhere(email.as_str()),
            )
                .into_response())
        }
        Err(e) => return Err(page(e)),
    };
    let p = &admission.participant;
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/rooms/{}", p.room_id)) {
        response.headers_mut().insert(LOCATION, v);
    }
    if let Some(cookie) = s
        .http
        .sessions
        .issue(&p.email, s.app.clock.now())
        .and_then(|c| HeaderValue::from_str(&c).ok())
    {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}
