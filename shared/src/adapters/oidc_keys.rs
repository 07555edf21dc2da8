//! The identity provider's published keys over HTTP(S): OpenID Connect discovery
//! (`{issuer}/.well-known/openid-configuration` → `jwks_uri`), then the JWKS with its
//! `Cache-Control: max-age`. reqwest over rustls (ring, the system's root certificates).

use crate::ports::{KeySource, KeySourceError, PublishedKeys};
use async_trait::async_trait;
use std::time::Duration;
use tokio::sync::Mutex;

/// Documents larger than this are refused (a JWKS is a few KiB).
const MAX_DOCUMENT: usize = 1024 * 1024;

pub struct OidcKeySource {
    client: reqwest::Client,
    issuer: String,
    /// `HOST_JWKS_URL`, or the `jwks_uri` once discovery found it.
    jwks_url: Mutex<Option<String>>,
}

impl OidcKeySource {
    /// Keys of `issuer`, from `jwks_url` when given (no discovery).
    pub fn new(issuer: &str, jwks_url: Option<&str>) -> Result<Self, KeySourceError> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::limited(3))
            .user_agent(concat!("room-invitations/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| KeySourceError(format!("HTTP client: {e}")))?;
        Ok(OidcKeySource {
            client,
            issuer: issuer.to_owned(),
            jwks_url: Mutex::new(jwks_url.map(str::to_owned)),
        })
    }

    pub fn discovery_url(issuer: &str) -> String {
        format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        )
    }

    async fn get_json(
        &self,
        url: &str,
    ) -> Result<(serde_json::Value, Option<Duration>), KeySourceError> {
        let response = self
            .client
            .get(url)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| KeySourceError(format!("GET {url}: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            return Err(KeySourceError(format!("GET {url}: status {status}")));
        }
        let max_age = response
            .headers()
            .get(reqwest::header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .and_then(max_age);
        if response.content_length().unwrap_or(0) > MAX_DOCUMENT as u64 {
            return Err(KeySourceError(format!("GET {url}: document too large")));
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| KeySourceError(format!("GET {url}: {e}")))?;
        if body.len() > MAX_DOCUMENT {
            return Err(KeySourceError(format!("GET {url}: document too large")));
        }
        let json = serde_json::from_slice(&body)
            .map_err(|e| KeySourceError(format!("GET {url}: not JSON: {e}")))?;
        Ok((json, max_age))
    }

    async fn jwks_url(&self) -> Result<String, KeySourceError> {
        let mut known = self.jwks_url.lock().await;
        if let Some(url) = known.as_ref() {
            return Ok(url.clone());
        }
        let discovery = Self::discovery_url(&self.issuer);
        let (document, _) = self.get_json(&discovery).await?;
        if let Some(issuer) = document.get("issuer").and_then(|v| v.as_str()) {
            if issuer.trim_end_matches('/') != self.issuer.trim_end_matches('/') {
                tracing::warn!(
                    configured = %self.issuer,
                    published = %issuer,
                    "the discovery document names another issuer than HOST_JWT_ISSUER"
                );
            }
        }
        let url = document
            .get("jwks_uri")
            .and_then(|v| v.as_str())
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .ok_or_else(|| KeySourceError(format!("{discovery} has no jwks_uri")))?
            .to_owned();
        *known = Some(url.clone());
        Ok(url)
    }
}

/// `max-age` of a `Cache-Control` value (`no-cache`/`no-store` count as 0).
pub fn max_age(cache_control: &str) -> Option<Duration> {
    let mut age = None;
    for directive in cache_control.split(',').map(str::trim) {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-cache" || lower == "no-store" {
            return Some(Duration::ZERO);
        }
        if let Some(value) = lower.strip_prefix("max-age=") {
            age = value
                .trim_matches('"')
                .parse::<u64>()
                .ok()
                .map(Duration::from_secs);
        }
    }
    age
}

#[async_trait]
impl KeySource for OidcKeySource {
    async fn fetch_keys(&self) -> Result<PublishedKeys, KeySourceError> {
        let url = self.jwks_url().await?;
        let (jwks, max_age) = self.get_json(&url).await?;
        if !jwks.get("keys").is_some_and(|k| k.is_array()) {
            return Err(KeySourceError(format!(
                "{url} is not a JWKS (no keys array)"
            )));
        }
        Ok(PublishedKeys { jwks, max_age })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_max_age() {
        assert_eq!(
            max_age("public, max-age=600"),
            Some(Duration::from_secs(600))
        );
        assert_eq!(
            max_age("max-age=86400, must-revalidate"),
            Some(Duration::from_secs(86400))
        );
        assert_eq!(max_age("no-store"), Some(Duration::ZERO));
        assert_eq!(max_age("public"), None);
        assert_eq!(max_age("max-age=abc"), None);
    }

    #[test]
    fn discovery_url_has_one_slash() {
        assert_eq!(
            OidcKeySource::discovery_url("https://tenant.auth0.com/"),
            "https://tenant.auth0.com/.well-known/openid-configuration"
        );
        assert_eq!(
            OidcKeySource::discovery_url("https://idp.example/realms/acme"),
            "https://idp.example/realms/acme/.well-known/openid-configuration"
        );
    }
}
