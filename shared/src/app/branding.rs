//! Organization branding: hosts read and replace their organization's; pages and
//! emails apply it; the public logo URL serves the logo by hashes only.

use super::{App, Host};
use crate::domain::branding::{BrandingInput, Logo, LogoKind};
use crate::domain::{Branding, Error};

/// What a host sends to replace the branding. `logo`: `None` keeps the current logo,
/// `Some(None)` removes it, `Some(Some(bytes))` replaces it.
#[derive(Debug, Clone, Default)]
pub struct BrandingUpdate {
    pub fields: BrandingInput,
    pub logo: Option<Option<Vec<u8>>>,
}

impl App {
    /// The branding of the host's organization (unset fields: today's look).
    pub async fn branding_of_host(&self, host: &Host) -> Result<Branding, Error> {
        Ok(self.store.get_branding(&host.org).await?)
    }

    /// Replaces the branding of the host's organization (write permission).
    pub async fn put_branding(
        &self,
        host: &Host,
        update: BrandingUpdate,
    ) -> Result<Branding, Error> {
        host.require_write()?;
        let mut fields = update.fields;
        let keep_logo = match update.logo {
            None => true,
            Some(logo) => {
                fields.logo = logo;
                false
            }
        };
        let mut branding = Branding::new(&host.org, fields)?;
        if keep_logo {
            branding.logo = self.store.get_branding(&host.org).await?.logo;
        }
        self.store.put_branding(&branding).await?;
        Ok(branding)
    }

    /// The branding applied to an organization's pages and emails. A store failure
    /// falls back to today's look rather than failing the page or the email.
    pub async fn branding_of_org(&self, org: &str) -> Branding {
        match self.store.get_branding(org).await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "branding unavailable; default look");
                Branding::unset(org)
            }
        }
    }

    /// The logo named by a public URL, if it is still the organization's logo.
    pub async fn logo(
        &self,
        org_hash: &str,
        content_hash: &str,
        ext: &str,
    ) -> Result<Option<Logo>, Error> {
        let Some(kind) = LogoKind::from_ext(ext) else {
            return Ok(None);
        };
        let Some(branding) = self.store.branding_by_org_hash(org_hash).await? else {
            return Ok(None);
        };
        Ok(branding
            .logo
            .filter(|l| l.kind() == kind && l.content_hash() == content_hash))
    }
}
