//! Host bearer tokens: HS256 JWTs with `sub`, `org`, `exp` (and `iss`/`aud` when
//! configured). `alg: none`, other algorithms, expired and wrongly signed tokens fail.

use super::error::ApiError;
use super::AppState;
use crate::app::Host;
use crate::domain::Error;
use axum::extract::FromRequestParts;
use http::request::Parts;
use jsonwebtoken::{decode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// How host tokens are verified.
#[derive(Clone)]
pub struct HostAuth {
    key: DecodingKey,
    validation: Validation,
}

/// The claims of a host token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HostClaims {
    pub sub: String,
    pub org: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub exp: i64,
    /// Space-separated scopes; when present, writes need `rooms:write`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

pub const WRITE_SCOPE: &str = "rooms:write";

impl HostAuth {
    pub fn hs256(secret: &[u8], issuer: Option<&str>, audience: Option<&str>) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_required_spec_claims(&["exp", "sub"]);
        validation.leeway = 30;
        if let Some(iss) = issuer {
            validation.set_issuer(&[iss]);
            validation.set_required_spec_claims(&["exp", "sub", "iss"]);
        }
        match audience {
            Some(aud) => validation.set_audience(&[aud]),
            None => validation.validate_aud = false,
        }
        HostAuth {
            key: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn verify(&self, token: &str) -> Result<Host, Error> {
        let data = decode::<HostClaims>(token, &self.key, &self.validation)
            .map_err(|_| Error::Unauthorized)?;
        let c = data.claims;
        if c.sub.trim().is_empty() || c.org.trim().is_empty() {
            return Err(Error::Unauthorized);
        }
        let can_write = c
            .scope
            .as_deref()
            .is_none_or(|s| s.split_whitespace().any(|x| x == WRITE_SCOPE));
        Ok(Host {
            sub: c.sub,
            org: c.org,
            email: c.email,
            can_write,
        })
    }
}

/// Signs a host token (local mode prints one; tests use it).
pub fn sign_host_token(secret: &[u8], claims: &HostClaims) -> Result<String, Error> {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .map_err(Error::internal)
}

impl FromRequestParts<AppState> for Host {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
            })
            .ok_or(ApiError(Error::Unauthorized))?;
        Ok(state.http.host_auth.verify(token)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn claims(exp: i64) -> HostClaims {
        HostClaims {
            sub: "h1".into(),
            org: "o1".into(),
            email: None,
            exp,
            scope: None,
        }
    }

    fn future() -> i64 {
        time::OffsetDateTime::now_utc().unix_timestamp() + 600
    }

    #[test]
    fn accepts_a_valid_token() {
        let auth = HostAuth::hs256(b"secret", None, None);
        let host = auth
            .verify(&sign_host_token(b"secret", &claims(future())).unwrap())
            .unwrap();
        assert_eq!(
            (host.sub.as_str(), host.org.as_str(), host.can_write),
            ("h1", "o1", true)
        );
    }

    #[test]
    fn rejects_wrong_key_expired_none_and_missing_org() {
        let auth = HostAuth::hs256(b"secret", None, None);
        assert!(auth
            .verify(&sign_host_token(b"other", &claims(future())).unwrap())
            .is_err());
        assert!(auth
            .verify(&sign_host_token(b"secret", &claims(1_000)).unwrap())
            .is_err());
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let body = URL_SAFE_NO_PAD.encode(format!(r#"{{"sub":"h","org":"o","exp":{}}}"#, future()));
        assert_eq!(
            auth.verify(&format!("{header}.{body}.")),
            Err(Error::Unauthorized)
        );
        let no_org = URL_SAFE_NO_PAD.encode(format!(r#"{{"sub":"h","exp":{}}}"#, future()));
        let good = sign_host_token(b"secret", &claims(future())).unwrap();
        let forged = format!(
            "{}.{}.{}",
            good.split('.').next().unwrap(),
            no_org,
            good.split('.').nth(2).unwrap()
        );
        assert!(auth.verify(&forged).is_err());
        assert!(auth.verify("garbage").is_err());
    }

    #[test]
    fn checks_issuer_and_audience_when_configured() {
        #[derive(Serialize)]
        struct WithIss<'a> {
            sub: &'a str,
            org: &'a str,
            exp: i64,
            iss: &'a str,
            aud: &'a str,
        }
        let auth = HostAuth::hs256(b"s", Some("idp"), Some("rooms"));
        let sign = |iss, aud| {
            jsonwebtoken::encode(
                &Header::new(Algorithm::HS256),
                &WithIss {
                    sub: "h",
                    org: "o",
                    exp: future(),
                    iss,
                    aud,
                },
                &EncodingKey::from_secret(b"s"),
            )
            .unwrap()
        };
        assert!(auth.verify(&sign("idp", "rooms")).is_ok());
        assert!(auth.verify(&sign("evil", "rooms")).is_err());
        assert!(auth.verify(&sign("idp", "other")).is_err());
    }

    #[test]
    fn a_read_scope_cannot_write() {
        let auth = HostAuth::hs256(b"s", None, None);
        let mut c = claims(future());
        c.scope = Some("rooms:read".into());
        assert!(
            !auth
                .verify(&sign_host_token(b"s", &c).unwrap())
                .unwrap()
                .can_write
        );
        c.scope = Some("rooms:read rooms:write".into());
        assert!(
            auth.verify(&sign_host_token(b"s", &c).unwrap())
                .unwrap()
                .can_write
        );
    }
}
