//! The Lambda functions' OpenID Connect relying parties: the invitees' sign-in
//! (redemption function) and the host console's (console function), one implementation.

use super::{Error, Parts, INIT_KEY_FETCH};
use crate::adapters::oidc_sign_in::OidcSignIn;
use crate::adapters::OidcKeySource;
use crate::config::var;
use crate::http::key_cache::KeyCache;
use crate::http::sso::{InviteeSignIn, RelyingParty};
use std::sync::Arc;

/// An OpenID Connect client of this service: where, who, and the variable of its secret.
struct OidcClient<'a> {
    issuer: &'a str,
    client_id: &'a str,
    scopes: Option<&'a [String]>,
    jwks_url: Option<&'a str>,
    /// `…_CLIENT_SECRET`, or the secret named by `…_CLIENT_SECRET_ARN`.
    secret: &'static str,
    secret_arn: &'static str,
    who: &'static str,
}

impl Parts {
    /// The invitees' sign-in (`INVITEE_OIDC_ISSUER`, `INVITEE_OIDC_CLIENT_ID`, and the
    /// optional `INVITEE_OIDC_CLIENT_SECRET` or its secret `…_ARN`).
    pub(super) async fn invitee_sign_in(
        &self,
        needed: bool,
    ) -> Result<Option<InviteeSignIn>, Error> {
        let Some(oidc) = self.settings.invitee_oidc.as_ref().filter(|_| needed) else {
            return Ok(None);
        };
        let party = OidcClient {
            issuer: &oidc.issuer,
            client_id: &oidc.client_id,
            scopes: None,
            jwks_url: None,
            secret: "INVITEE_OIDC_CLIENT_SECRET",
            secret_arn: "INVITEE_OIDC_CLIENT_SECRET_ARN",
            who: "invitees'",
        };
        Ok(Some(self.relying_party(party).await?))
    }

    /// The console's sign-in at the hosts' provider (`HOST_JWT_ISSUER` with
    /// `HOST_OIDC_CLIENT_ID`, `HOST_OIDC_SCOPES`, and the optional
    /// `HOST_OIDC_CLIENT_SECRET` or its secret `…_ARN`).
    pub(super) async fn console_sign_in(
        &self,
        needed: bool,
    ) -> Result<Option<RelyingParty>, Error> {
        let s = &self.settings;
        let (Some(issuer), Some(oidc), true) = (&s.identity.issuer, &s.host_oidc, needed) else {
            return Ok(None);
        };
        let party = OidcClient {
            issuer,
            client_id: &oidc.client_id,
            scopes: Some(&oidc.scopes),
            jwks_url: s.identity.jwks_url.as_deref(),
            secret: "HOST_OIDC_CLIENT_SECRET",
            secret_arn: "HOST_OIDC_CLIENT_SECRET_ARN",
            who: "hosts'",
        };
        Ok(Some(self.relying_party(party).await?))
    }

    /// A relying party (one implementation for the invitees and the console): its
    /// secret read, the provider discovered and its keys fetched during init (at most
    /// [`INIT_KEY_FETCH`]; a provider that is down does not fail the init).
    async fn relying_party(&self, c: OidcClient<'_>) -> Result<RelyingParty, Error> {
        let secret = if var(c.secret).is_some() || var(c.secret_arn).is_some() {
            let bytes = self.secret(c.secret, c.secret_arn).await?;
            Some(String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8", c.secret))?)
        } else {
            None
        };
        let mut provider =
            OidcSignIn::new(c.issuer, c.client_id, secret).map_err(|e| e.to_string())?;
        if let Some(scopes) = c.scopes {
            provider = provider.with_scopes(scopes.iter().cloned());
        }
        let keys = OidcKeySource::new(c.issuer, c.jwks_url).map_err(|e| e.to_string())?;
        let keys = Arc::new(KeyCache::new(Arc::new(keys)));
        let primed = tokio::time::timeout(INIT_KEY_FETCH, async {
            tokio::join!(provider.prime(), keys.prime())
        })
        .await;
        if !matches!(primed, Ok((true, true))) {
            tracing::warn!(
                "the {} identity provider was not reached during init",
                c.who
            );
        }
        Ok(RelyingParty::new(Arc::new(provider), keys))
    }
}
