//! An organization's branding: display name, accent colour, logo, email sender name,
//! reply-to and support line. Every field is optional; an unset field keeps today's look.
//! The rules here refuse what would make a page unreadable or unsafe: an accent colour
//! whose contrast against the white text drawn on it is below WCAG AA (4.5:1), a logo
//! that is not PNG, JPEG or WebP (by its magic bytes; never SVG) or larger than 200 KB.

use super::{EmailAddress, Error};
use sha2::{Digest, Sha256};

pub const MAX_DISPLAY_NAME: usize = 80;
pub const MAX_SENDER_NAME: usize = 80;
pub const MAX_SUPPORT_LINE: usize = 200;
pub const MAX_LOGO_BYTES: usize = 200 * 1024;
/// WCAG 2.x AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;
/// The text colour of the pages' buttons and of the email header (`assets/app.css`).
pub const TEXT_ON_ACCENT: Rgb = Rgb(0xff, 0xff, 0xff);

/// A colour `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn parse(raw: &str) -> Option<Rgb> {
        let hex = raw.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// `#rrggbb` in lower case.
    pub fn css(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.x).
    pub fn luminance(&self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// The contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Jpeg,
    Webp,
}

impl LogoKind {
    /// The type of an image by its first bytes; `None` for anything else (SVG, GIF, …).
    pub fn sniff(bytes: &[u8]) -> Option<LogoKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(LogoKind::Png)
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(LogoKind::Jpeg)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(LogoKind::Webp)
        } else {
            None
        }
    }

    pub fn content_type(&self) -> &'static str {
        match self {
            LogoKind::Png => "image/png",
            LogoKind::Jpeg => "image/jpeg",
            LogoKind::Webp => "image/webp",
        }
    }

    pub fn ext(&self) -> &'static str {
        match self {
            LogoKind::Png => "png",
            LogoKind::Jpeg => "jpg",
            LogoKind::Webp => "webp",
        }
    }

    pub fn from_ext(ext: &str) -> Option<LogoKind> {
        match ext {
            "png" => Some(LogoKind::Png),
            "jpg" => Some(LogoKind::Jpeg),
            "webp" => Some(LogoKind::Webp),
            _ => None,
        }
    }
}

/// A checked logo: its type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    kind: LogoKind,
    bytes: Vec<u8>,
}

impl Logo {
    pub fn parse(bytes: Vec<u8>) -> Result<Logo, Error> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(Error::ValidationFailed(format!(
                "The logo is {} bytes; at most {MAX_LOGO_BYTES} bytes (200 KB) are allowed.",
                bytes.len()
            )));
        }
        let kind = LogoKind::sniff(&bytes).ok_or_else(|| {
            Error::ValidationFailed(
                "The logo must be a PNG, JPEG or WebP image (SVG and other types are refused)."
                    .into(),
            )
        })?;
        Ok(Logo { kind, bytes })
    }

    pub fn kind(&self) -> LogoKind {
        self.kind
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The first 16 hex digits of the SHA-256 of the bytes: a new logo is a new URL.
    pub fn content_hash(&self) -> String {
        short_hash(&self.bytes)
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The name of an organization in public URLs (not its id).
pub fn org_hash(org: &str) -> String {
    let mut input = b"room-invites/org/v1\0".to_vec();
    input.extend_from_slice(org.as_bytes());
    short_hash(&input)
}

/// An organization's branding. `Branding::unset(org)` is today's look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branding {
    pub org: String,
    pub display_name: Option<String>,
    pub accent_color: Option<Rgb>,
    pub logo: Option<Logo>,
    pub sender_name: Option<String>,
    pub reply_to: Option<EmailAddress>,
    pub support_line: Option<String>,
}

/// The fields as a host sends them, unchecked.
#[derive(Debug, Clone, Default)]
pub struct BrandingInput {
    pub display_name: Option<String>,
    pub accent_color: Option<String>,
    pub logo: Option<Vec<u8>>,
    pub sender_name: Option<String>,
    pub reply_to: Option<String>,
    pub support_line: Option<String>,
}

fn text(
    field: &str,
    raw: Option<String>,
    max: usize,
    one_line: bool,
) -> Result<Option<String>, Error> {
    let Some(raw) = raw else { return Ok(None) };
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max {
        return Err(Error::ValidationFailed(format!(
            "{field} is longer than {max} characters."
        )));
    }
    if value.chars().any(|c| {
        (one_line && (c == '\r' || c == '\n')) || (c.is_control() && c != '\n' && c != '\r')
    }) {
        return Err(Error::ValidationFailed(format!(
            "{field} must not contain line breaks or control characters."
        )));
    }
    Ok(Some(value.to_owned()))
}

impl Branding {
    pub fn unset(org: &str) -> Branding {
        Branding {
            org: org.to_owned(),
            display_name: None,
            accent_color: None,
            logo: None,
            sender_name: None,
            reply_to: None,
            support_line: None,
        }
    }

    /// Checks every field; the first refusal is `validation_failed` naming the field.
    pub fn new(org: &str, input: BrandingInput) -> Result<Branding, Error> {
        let accent_color = match input.accent_color.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => {
                let colour = Rgb::parse(raw).ok_or_else(|| {
                    Error::ValidationFailed("accent_color must be a colour #rrggbb.".into())
                })?;
                let ratio = contrast_ratio(colour, TEXT_ON_ACCENT);
                if ratio < MIN_CONTRAST {
                    return Err(Error::ValidationFailed(format!(
                        "accent_color {} has a contrast of {ratio:.2}:1 against the white text \
                         drawn on it; at least 4.5:1 (WCAG AA) is required. Choose a darker colour.",
                        colour.css()
                    )));
                }
                Some(colour)
            }
        };
        let reply_to = match input.reply_to.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(EmailAddress::parse(raw).map_err(|_| {
                Error::ValidationFailed("reply_to is not a valid email address.".into())
            })?),
        };
        Ok(Branding {
            org: org.to_owned(),
            display_name: text("display_name", input.display_name, MAX_DISPLAY_NAME, true)?,
            accent_color,
            logo: input.logo.map(Logo::parse).transpose()?,
            sender_name: text("sender_name", input.sender_name, MAX_SENDER_NAME, true)?,
            reply_to,
            support_line: text("support_line", input.support_line, MAX_SUPPORT_LINE, true)?,
        })
    }

    pub fn is_unset(&self) -> bool {
        *self == Branding::unset(&self.org)
    }

    /// The stylesheet of the accent colour on our origin (the pages' policy allows no
    /// inline style): `/branding/{org_hash}/theme/{rrggbb}.css`.
    pub fn theme_path(&self) -> Option<String> {
        self.accent_color.map(|c| {
            format!(
                "/branding/{}/theme/{}.css",
                org_hash(&self.org),
                c.css().trim_start_matches('#')
            )
        })
    }

    /// The logo's path on our origin: `/branding/{org_hash}/logo/{content_hash}.{ext}`.
    pub fn logo_path(&self) -> Option<String> {
        self.logo.as_ref().map(|logo| {
            format!(
                "/branding/{}/logo/{}.{}",
                org_hash(&self.org),
                logo.content_hash(),
                logo.kind().ext()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(a: &str, b: &str) -> f64 {
        contrast_ratio(Rgb::parse(a).unwrap(), Rgb::parse(b).unwrap())
    }

    #[test]
    fn contrast_ratios_of_known_pairs() {
        assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((ratio("#ffffff", "#ffffff") - 1.0).abs() < 1e-9);
        // Known values (WebAIM contrast checker).
        assert!((ratio("#767676", "#ffffff") - 4.54).abs() < 0.01);
        assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
        assert!((ratio("#0b5cad", "#ffffff") - 6.67).abs() < 0.1);
        assert!((ratio("#ffcc00", "#ffffff") - 1.51).abs() < 0.05);
    }

    fn colour(c: &str) -> Result<Branding, Error> {
        Branding::new(
            "o",
            BrandingInput {
                accent_color: Some(c.into()),
                ..Default::default()
            },
        )
    }

    #[test]
    fn accent_colours_below_aa_are_refused() {
        assert_eq!(
            colour("#0B5CAD").unwrap().accent_color.unwrap().css(),
            "#0b5cad"
        );
        assert!(colour("#767676").is_ok());
        for bad in [
            "#ffcc00", "#777777", "#ffffff", "red", "#fff", "#12345g", "0b5cad",
        ] {
            assert!(
                matches!(colour(bad), Err(Error::ValidationFailed(_))),
                "{bad} accepted"
            );
        }
    }

    #[test]
    fn logos_by_magic_bytes_and_size() {
        let png = b"\x89PNG\r\n\x1a\n rest".to_vec();
        assert_eq!(Logo::parse(png).unwrap().kind(), LogoKind::Png);
        assert_eq!(
            Logo::parse(vec![0xff, 0xd8, 0xff, 0xe0, 0]).unwrap().kind(),
            LogoKind::Jpeg
        );
        assert_eq!(
            Logo::parse(b"RIFF\0\0\0\0WEBPVP8 ".to_vec())
                .unwrap()
                .kind(),
            LogoKind::Webp
        );
        for bad in [
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
            b"GIF89a....".to_vec(),
            b"RIFF\0\0\0\0WAVE".to_vec(),
            Vec::new(),
        ] {
            assert!(Logo::parse(bad).is_err());
        }
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(MAX_LOGO_BYTES, 0);
        assert!(Logo::parse(big.clone()).is_ok());
        big.push(0);
        assert!(matches!(Logo::parse(big), Err(Error::ValidationFailed(_))));
    }

    #[test]
    fn text_fields_are_checked() {
        let input = |f: fn(&mut BrandingInput)| {
            let mut i = BrandingInput::default();
            f(&mut i);
            Branding::new("o", i)
        };
        assert!(input(|i| i.display_name = Some("a".repeat(80))).is_ok());
        assert!(input(|i| i.display_name = Some("a".repeat(81))).is_err());
        assert!(input(|i| i.sender_name = Some("Acme\r\nBcc: x@y.z".into())).is_err());
        assert!(input(|i| i.reply_to = Some("not an address".into())).is_err());
        assert!(input(|i| i.support_line = Some("s".repeat(201))).is_err());
        let b = input(|i| {
            i.reply_to = Some(" Help@Acme.example ".into());
            i.display_name = Some("  ".into());
        })
        .unwrap();
        assert_eq!(b.reply_to.unwrap().as_str(), "help@acme.example");
        assert_eq!(b.display_name, None);
        assert!(Branding::new("o", BrandingInput::default())
            .unwrap()
            .is_unset());
    }

    #[test]
    fn logo_urls_name_a_hash_of_the_org_and_of_the_bytes() {
        let mut b = Branding::unset("org-secret");
        assert_eq!(b.logo_path(), None);
        b.logo = Some(Logo::parse(b"\x89PNG\r\n\x1a\nA".to_vec()).unwrap());
        let first = b.logo_path().unwrap();
        assert!(!first.contains("org-secret"));
        assert!(first.starts_with(&format!("/branding/{}/logo/", org_hash("org-secret"))));
        assert!(first.ends_with(".png"));
        b.logo = Some(Logo::parse(b"\x89PNG\r\n\x1a\nB".to_vec()).unwrap());
        assert_ne!(b.logo_path().unwrap(), first);
    }
}
