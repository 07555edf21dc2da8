//! Organization branding: hosts read and replace their organization's; pages and
//! emails apply it; the public logo URL serves the logo by hashes only.

use super::{App, Host};
use crate::domain::branding::{BrandingInput, Logo, LogoKind};
use crate::domain::{Branding, Error};
use crate::ports::OutgoingEmail;
use maud::html;

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

    /// Applies the organization's branding to an email about one of its rooms: the
    /// `From` display name, `Reply-To`, the display name at the top of both parts and
    /// the calendar file's organizer name. Unset fields change nothing.
    pub async fn brand_email(&self, org: &str, email: &mut OutgoingEmail) {
        let b = self.branding_of_org(org).await;
        apply(&b, email, &self.config.public_base_url);
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

/// [`App::brand_email`] with the branding at hand. The logo goes in by reference (an
/// `<img>` of its URL on our origin, `base_url`), never attached: the email stays small,
/// and a client that blocks images shows its alt text, the organization's name.
pub fn apply(b: &Branding, email: &mut OutgoingEmail, base_url: &str) {
    email.from_name = b.sender_name.clone();
    email.reply_to = b.reply_to.clone();
    if let Some(accent) = b.accent_color {
        // The button's colour (white text on it: the contrast was checked).
        email.html = email.html.replace(
            "border-radius:6px;background:#0b5cad",
            &format!("border-radius:6px;background:{}", accent.css()),
        );
    }
    let logo = b.logo_path().map(|path| format!("{base_url}{path}"));
    let name = b.display_name.as_deref();
    if let Some(name) = name {
        email.text = format!("{name}\n\n{}", email.text);
    }
    // The first cell of the layout holds the body: the logo and the name go first in it.
    const CELL: &str = "font-family:Arial,Helvetica,sans-serif;font-size:16px";
    if let (Some(at), true) = (
        email
            .html
            .find(CELL)
            .and_then(|i| email.html[i..].find('>').map(|j| i + j + 1)),
        logo.is_some() || name.is_some(),
    ) {
        let header = html! {
            @if let Some(src) = &logo {
                // Named by the organization's name; without one the sender name, else
                // decorative (no text of ours in English inside a localized email).
                img src=(src) alt=(name.or(b.sender_name.as_deref()).unwrap_or("")) height="48"
                    style="display:block;height:48px;max-width:240px;width:auto;border:0;margin:0 0 12px";
            }
            @if let Some(name) = name {
                p style="margin:0 0 16px;font-size:18px;font-weight:bold" { (name) }
            }
        };
        email.html.insert_str(at, &header.into_string());
    }
    let Some(name) = name else { return };
    for a in &mut email.attachments {
        if a.content_type.starts_with("text/calendar") {
            if let Ok(ics) = std::str::from_utf8(&a.content) {
                a.content = super::calendar_file::with_organizer_name(ics, name).into_bytes();
            }
        }
    }
}
