//! The invitees' sign-in at the organization's OpenID Connect provider, with the
//! `openidconnect` crate: discovery (`{issuer}/.well-known/openid-configuration`, once,
//! then kept), the authorization URL (code flow, PKCE S256, state, nonce), and the code
//! exchange (`client_secret_basic` when a secret is set; PKCE always). HTTP goes
//! through the workspace's reqwest (rustls on ring), redirects not followed.

use crate::ports::{SignInAttempt, SignInError, SignInProvider};
use async_trait::async_trait;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
};
use std::time::Duration;
use tokio::sync::OnceCell;

pub struct OidcSignIn {
    http: reqwest::Client,
    issuer: String,
    client_id: String,
    client_secret: Option<String>,
    /// Scopes asked for besides `openid` (`email` by default).
    scopes: Vec<String>,
    metadata: OnceCell<CoreProviderMetadata>,
}

impl OidcSignIn {
    pub fn new(
        issuer: &str,
        client_id: &str,
        client_secret: Option<String>,
    ) -> Result<Self, SignInError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(5))
            // The OAuth 2.0 endpoints must not be followed elsewhere (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("room-invitations/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SignInError::Unavailable(format!("HTTP client: {e}")))?;
        Ok(OidcSignIn {
            http,
            issuer: issuer.trim_end_matches('/').to_owned(),
            client_id: client_id.to_owned(),
            client_secret,
            scopes: vec!["email".into()],
            metadata: OnceCell::new(),
        })
    }

    /// The same relying party asking for `scopes` besides `openid` (the host console
    /// asks for the organization's and the write permission's scopes too).
    pub fn with_scopes(mut self, scopes: impl IntoIterator<Item = String>) -> Self {
        self.scopes = scopes.into_iter().filter(|s| s != "openid").collect();
        self
    }

    /// Discovers the provider once (Lambda init, local start); a failure is retried by
    /// the next sign-in.
    pub async fn prime(&self) -> bool {
        self.metadata().await.is_ok()
    }

    async fn metadata(&self) -> Result<&CoreProviderMetadata, SignInError> {
        self.metadata
            .get_or_try_init(|| async {
                let issuer = IssuerUrl::new(self.issuer.clone())
                    .map_err(|e| SignInError::Unavailable(format!("issuer URL: {e}")))?;
                CoreProviderMetadata::discover_async(issuer, &self.http)
                    .await
                    .map_err(|e| SignInError::Unavailable(format!("discovery: {e}")))
            })
            .await
    }

    async fn client(
        &self,
        redirect_uri: &str,
    ) -> Result<
        openidconnect::core::CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        SignInError,
    > {
        let metadata = self.metadata().await?.clone();
        let redirect = RedirectUrl::new(redirect_uri.to_owned())
            .map_err(|e| SignInError::Unavailable(format!("redirect URL: {e}")))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.client_id.clone()),
            self.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect))
    }
}

#[async_trait]
impl SignInProvider for OidcSignIn {
    fn issuer(&self) -> &str {
        &self.issuer
    }

    fn client_id(&self) -> &str {
        &self.client_id
    }

    async fn authorization_url(
        &self,
        attempt: &SignInAttempt,
        redirect_uri: &str,
    ) -> Result<String, SignInError> {
        let client = self.client(redirect_uri).await?;
        let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(
            attempt.pkce_verifier.clone(),
        ));
        let (state, nonce) = (attempt.state.clone(), attempt.nonce.clone());
        let (url, _, _) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                move || CsrfToken::new(state),
                move || Nonce::new(nonce),
            )
            .add_scopes(self.scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge)
            .url();
        Ok(url.to_string())
    }

    async fn exchange(
        &self,
        code: &str,
        pkce_verifier: &str,
        redirect_uri: &str,
    ) -> Result<String, SignInError> {
        let client = self.client(redirect_uri).await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| SignInError::Unavailable(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                RequestTokenError::ServerResponse(r) => {
                    SignInError::Refused(r.error().as_ref().to_owned())
                }
                other => SignInError::Unavailable(other.to_string()),
            })?;
        let id_token = openidconnect::TokenResponse::id_token(&response)
            .ok_or_else(|| SignInError::Refused("the token response has no id_token".into()))?;
        Ok(id_token.to_string())
    }
}
