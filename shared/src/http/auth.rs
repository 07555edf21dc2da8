//! Host bearer tokens: HS256 with `HOST_JWT_SECRET`, and tokens of the organization's
//! OpenID Connect provider checked against its published keys (`HOST_JWT_ISSUER`).
//! `alg` picks the path and never crosses it: HS256 only with the secret, asymmetric
//! algorithms only with a JWKS key whose type fits; `alg: none` and everything else fail.

use super::error::ApiError;
use super::key_cache::KeyCache;
use super::AppState;
use crate::app::Host;
use crate::config::IdentitySettings;
use crate::domain::Error;
use axum::extract::FromRequestParts;
use http::request::Parts;
use jsonwebtoken::{
    decode, decode_header, Algorithm, DecodingKey, EncodingKey, Header, Validation,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::Arc;

/// Clock skew tolerated on `exp`, `nbf` and `iat`.
pub const LEEWAY_SECONDS: u64 = 60;

/// The algorithms accepted from the provider's keys.
pub const ASYMMETRIC: [Algorithm; 9] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// What a valid token must carry, whichever key signed it.
#[derive(Debug, Clone)]
pub struct ClaimRules {
    pub issuer: Option<String>,
    /// Empty: `aud` is not checked.
    pub audiences: Vec<String>,
    /// A literal claim name, or else a dotted path (`o.id`).
    pub org_claim: String,
    pub write_scope: String,
}

impl Default for ClaimRules {
    fn default() -> Self {
        ClaimRules {
            issuer: None,
            audiences: Vec::new(),
            org_claim: "org".into(),
            write_scope: WRITE_SCOPE.into(),
        }
    }
}

impl ClaimRules {
    pub fn from_settings(identity: &IdentitySettings) -> Self {
        ClaimRules {
            issuer: identity.issuer.clone(),
            audiences: identity.audiences.clone(),
            org_claim: identity.org_claim.clone(),
            write_scope: identity.write_scope.clone(),
        }
    }
}

/// How host tokens are verified.
#[derive(Clone)]
pub struct HostAuth {
    secret: Option<DecodingKey>,
    keys: Option<Arc<KeyCache>>,
    rules: ClaimRules,
}

/// The claims of a host token this service signs itself (local mode, tests).
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
    /// HS256 tokens only.
    pub fn hs256(secret: &[u8], issuer: Option<&str>, audience: Option<&str>) -> Self {
        HostAuth::new(
            Some(secret),
            None,
            ClaimRules {
                issuer: issuer.map(str::to_owned),
                audiences: audience.map(|a| vec![a.to_owned()]).unwrap_or_default(),
                ..ClaimRules::default()
            },
        )
    }

    /// HS256 with `secret` (if any) and the provider's keys in `keys` (if any).
    pub fn new(secret: Option<&[u8]>, keys: Option<Arc<KeyCache>>, rules: ClaimRules) -> Self {
        HostAuth {
            secret: secret.map(DecodingKey::from_secret),
            keys,
            rules,
        }
    }

    pub fn key_cache(&self) -> Option<&Arc<KeyCache>> {
        self.keys.as_ref()
    }

    pub async fn verify(&self, token: &str) -> Result<Host, Error> {
        let header = decode_header(token).map_err(|_| Error::Unauthorized)?;
        let alg = header.alg;
        let claims = if alg == Algorithm::HS256 {
            let secret = self.secret.as_ref().ok_or(Error::Unauthorized)?;
            self.decode(token, secret, alg)?
        } else if ASYMMETRIC.contains(&alg) {
            let keys = self.keys.as_ref().ok_or(Error::Unauthorized)?;
            let key = keys.key_for(header.kid.as_deref(), alg).await?;
            if !key.fits(alg) {
                return Err(Error::Unauthorized);
            }
            self.decode(token, &key.key, alg)?
        } else {
            return Err(Error::Unauthorized);
        };
        self.host(&claims)
    }

    fn decode(
        &self,
        token: &str,
        key: &DecodingKey,
        alg: Algorithm,
    ) -> Result<Map<String, Value>, Error> {
        let mut validation = Validation::new(alg);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = false;
        match &self.rules.issuer {
            Some(iss) => {
                validation.set_issuer(&[iss]);
                validation.set_required_spec_claims(&["exp", "iss"]);
            }
            None => validation.set_required_spec_claims(&["exp"]),
        }
        decode::<Map<String, Value>>(token, key, &validation)
            .map(|data| data.claims)
            .map_err(|_| Error::Unauthorized)
    }

    /// The host of verified claims: `iat` not in the future, `aud`, `sub`, the org claim
    /// and the write permission.
    fn host(&self, claims: &Map<String, Value>) -> Result<Host, Error> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if let Some(iat) = claims.get("iat") {
            let iat = iat.as_f64().ok_or(Error::Unauthorized)?;
            if iat > (now + LEEWAY_SECONDS as i64) as f64 {
                return Err(Error::Unauthorized);
            }
        }
        if !self.rules.audiences.is_empty() && !audience_fits(claims, &self.rules.audiences) {
            return Err(Error::Unauthorized);
        }
        self.identity(claims)
    }

    /// The host of claims already verified elsewhere (the console's ID tokens, whose
    /// audience is the console's client id): `sub`, the org claim and the write
    /// permission by the same rules as a bearer token's.
    pub fn identity(&self, claims: &Map<String, Value>) -> Result<Host, Error> {
        let sub = claims
            .get("sub")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(Error::Unauthorized)?;
        let org = claim_at(claims, &self.rules.org_claim)
            .and_then(|v| match v {
                Value::String(s) => Some(s.trim().to_owned()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .ok_or(Error::Unauthorized)?;
        Ok(Host {
            sub: sub.to_owned(),
            org,
            email: claims
                .get("email")
                .and_then(Value::as_str)
                .map(str::to_owned),
            can_write: may_write(claims, &self.rules.write_scope),
        })
    }
}

/// `aud` (string or array) holds one of `audiences`; a token without `aud` fits when its
/// `client_id` is one of them (Cognito access tokens).
fn audience_fits(claims: &Map<String, Value>, audiences: &[String]) -> bool {
    let listed = |v: &Value| v.as_str().is_some_and(|s| audiences.iter().any(|a| a == s));
    match claims.get("aud") {
        Some(Value::Array(items)) => items.iter().any(listed),
        Some(v) => listed(v),
        None => claims.get("client_id").is_some_and(listed),
    }
}

/// The claim named `path`: first as a literal name (`custom:org`, namespaced URLs with
/// dots), then as a dotted path into nested objects (`o.id`).
pub fn claim_at<'a>(claims: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    if let Some(v) = claims.get(path) {
        return Some(v);
    }
    let mut parts = path.split('.');
    let mut current = claims.get(parts.next()?)?;
    for part in parts {
        current = current.as_object()?.get(part)?;
    }
    Some(current)
}

/// The write permission in `scope` (space-separated), `scp` (string or array) or
/// `permissions` (array). A token with none of the three may write.
fn may_write(claims: &Map<String, Value>, write_scope: &str) -> bool {
    let mut carries_any = false;
    let mut grants = false;
    for name in ["scope", "scp", "permissions"] {
        let Some(value) = claims.get(name) else {
            continue;
        };
        carries_any = true;
        grants |= match value {
            Value::String(s) => s.split_whitespace().any(|x| x == write_scope),
            Value::Array(items) => items.iter().any(|x| x.as_str() == Some(write_scope)),
            _ => false,
        };
    }
    !carries_any || grants
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
        Ok(state.http.host_auth.verify(token).await?)
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

    #[tokio::test]
    async fn accepts_a_valid_token() {
        let auth = HostAuth::hs256(b"secret", None, None);
        let host = auth
            .verify(&sign_host_token(b"secret", &claims(future())).unwrap())
            .await
            .unwrap();
        assert_eq!(
            (host.sub.as_str(), host.org.as_str(), host.can_write),
            ("h1", "o1", true)
        );
    }

    #[tokio::test]
    async fn rejects_wrong_key_expired_none_and_missing_org() {
        let auth = HostAuth::hs256(b"secret", None, None);
        assert!(auth
            .verify(&sign_host_token(b"other", &claims(future())).unwrap())
            .await
            .is_err());
        assert!(auth
            .verify(&sign_host_token(b"secret", &claims(1_000)).unwrap())
            .await
            .is_err());
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let body = URL_SAFE_NO_PAD.encode(format!(r#"{{"sub":"h","org":"o","exp":{}}}"#, future()));
        assert_eq!(
            auth.verify(&format!("{header}.{body}.")).await,
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
        assert!(auth.verify(&forged).await.is_err());
        assert!(auth.verify("garbage").await.is_err());
    }

    #[tokio::test]
    async fn checks_issuer_and_audience_when_configured() {
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
        assert!(auth.verify(&sign("idp", "rooms")).await.is_ok());
        assert!(auth.verify(&sign("evil", "rooms")).await.is_err());
        assert!(auth.verify(&sign("idp", "other")).await.is_err());
    }

    #[tokio::test]
    async fn a_read_scope_cannot_write() {
        let auth = HostAuth::hs256(b"s", None, None);
        let mut c = claims(future());
        c.scope = Some("rooms:read".into());
        assert!(
            !auth
                .verify(&sign_host_token(b"s", &c).unwrap())
                .await
                .unwrap()
                .can_write
        );
        c.scope = Some("rooms:read rooms:write".into());
        assert!(
            auth.verify(&sign_host_token(b"s", &c).unwrap())
                .await
                .unwrap()
                .can_write
        );
    }
}
