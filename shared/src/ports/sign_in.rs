//! The organization's OpenID Connect provider, as the invitees' sign-in uses it
//! (admission contract, section 3): where to send the browser, and the code exchange.
//! The ID token the exchange returns is verified by the caller against the provider's
//! published keys (the same key cache as the host tokens').

use async_trait::async_trait;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    /// The provider could not be reached, or answered something unreadable.
    #[error("identity provider unavailable: {0}")]
    Unavailable(String),
    /// The provider refused: e.g. `invalid_grant` for a replayed or foreign code, or a
    /// PKCE verifier that does not fit.
    #[error("sign-in refused by the provider: {0}")]
    Refused(String),
}

/// One sign-in's secrets, kept by the browser (a signed cookie) between the redirect
/// and the callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInAttempt {
    pub state: String,
    pub nonce: String,
    /// The PKCE `code_verifier`; the provider gets its S256 challenge.
    pub pkce_verifier: String,
}

#[async_trait]
pub trait SignInProvider: Send + Sync + 'static {
    /// The issuer every ID token must carry (`iss`).
    fn issuer(&self) -> &str;
    /// This service's client id (an ID token's `aud` must contain it).
    fn client_id(&self) -> &str;
    /// The provider's authorization URL for `attempt` (authorization code flow,
    /// `scope=openid email`, `state`, `nonce`, `code_challenge` with S256), returning to
    /// `redirect_uri`.
    async fn authorization_url(
        &self,
        attempt: &SignInAttempt,
        redirect_uri: &str,
    ) -> Result<String, SignInError>;
    /// Exchanges `code` at the token endpoint (PKCE verifier; `client_secret_basic`
    /// when the service has a secret): the raw ID token, not yet verified.
    async fn exchange(
        &self,
        code: &str,
        pkce_verifier: &str,
        redirect_uri: &str,
    ) -> Result<String, SignInError>;
}
