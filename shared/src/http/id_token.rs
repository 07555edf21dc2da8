//! The invitees' ID tokens (admission contract, section 3), verified like host tokens:
//! the provider's published keys through the same [`KeyCache`] (rotation, refetch limits,
//! outage rules), asymmetric algorithms only and each only with a key of its type, the
//! exact `iss`, `aud` containing our client id, `exp` (60 s leeway), and the `nonce` of
//! this browser's sign-in. What it proves: an email address, unless the provider says
//! it is not verified.

use super::auth::{ASYMMETRIC, LEEWAY_SECONDS};
use super::key_cache::KeyCache;
use crate::domain::{EmailAddress, Error};
use jsonwebtoken::{decode, decode_header, Validation};
use serde_json::{Map, Value};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// Why an ID token proves nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdTokenRejection {
    #[error("the ID token is not valid: {0}")]
    Invalid(&'static str),
    #[error("the provider says the address is not verified")]
    EmailNotVerified,
    #[error("the provider's keys cannot be fetched")]
    Unavailable,
}

pub struct IdTokenVerifier {
    keys: Arc<KeyCache>,
    issuer: String,
    client_id: String,
}

impl IdTokenVerifier {
    pub fn new(keys: Arc<KeyCache>, issuer: &str, client_id: &str) -> Self {
        IdTokenVerifier {
            keys,
            issuer: issuer.trim_end_matches('/').to_owned(),
            client_id: client_id.to_owned(),
        }
    }

    pub fn keys(&self) -> &Arc<KeyCache> {
        &self.keys
    }

    /// The email address `token` proves for the sign-in that sent `nonce`.
    pub async fn verify(&self, token: &str, nonce: &str) -> Result<EmailAddress, IdTokenRejection> {
        let claims = self.claims(token, nonce).await?;
        let email = claims
            .get("email")
            .and_then(Value::as_str)
            .ok_or(IdTokenRejection::Invalid("no email claim"))?;
        // Providers send a boolean; some send the string "false".
        let unverified = matches!(claims.get("email_verified"), Some(Value::Bool(false)))
            || matches!(claims.get("email_verified"), Some(Value::String(s)) if s == "false");
        if unverified {
            return Err(IdTokenRejection::EmailNotVerified);
        }
        EmailAddress::parse(email).map_err(|_| IdTokenRejection::Invalid("email claim"))
    }

    /// The claims of `token`, verified (keys, `iss`, `aud`, `exp`, the `nonce` of the
    /// sign-in that sent `nonce`): the host console derives a host from them.
    pub async fn claims(
        &self,
        token: &str,
        nonce: &str,
    ) -> Result<Map<String, Value>, IdTokenRejection> {
        let header = decode_header(token).map_err(|_| IdTokenRejection::Invalid("header"))?;
        let alg = header.alg;
        if !ASYMMETRIC.contains(&alg) {
            return Err(IdTokenRejection::Invalid("algorithm"));
        }
        let key = self
            .keys
            .key_for(header.kid.as_deref(), alg)
            .await
            .map_err(|e| match e {
                Error::IdentityProviderUnavailable => IdTokenRejection::Unavailable,
                _ => IdTokenRejection::Invalid("unknown key"),
            })?;
        if !key.fits(alg) {
            return Err(IdTokenRejection::Invalid("key type"));
        }
        let mut validation = Validation::new(alg);
        validation.leeway = LEEWAY_SECONDS;
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.client_id]);
        let claims = decode::<Map<String, Value>>(token, &key.key, &validation)
            .map_err(|_| IdTokenRejection::Invalid("signature or claims"))?
            .claims;
        let sent = claims.get("nonce").and_then(Value::as_str).unwrap_or("");
        if !bool::from(sent.as_bytes().ct_eq(nonce.as_bytes())) || nonce.is_empty() {
            return Err(IdTokenRejection::Invalid("nonce"));
        }
        Ok(claims)
    }
}
