//! Email addresses: syntax check and the one normal form used for every comparison.

use serde::{Serialize, Serializer};
use std::fmt;

/// A syntactically valid address in normal form: trimmed, lower-cased, with the
/// domain in its ASCII (IDNA) form. Two addresses are "the same" exactly when their
/// normal forms are equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid email address")]
pub struct InvalidEmail;

const LOCAL_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, InvalidEmail> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.len() > 254 {
            return Err(InvalidEmail);
        }
        let (local, domain) = trimmed.rsplit_once('@').ok_or(InvalidEmail)?;
        if local.is_empty()
            || local.len() > 64
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
            || !local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c))
        {
            return Err(InvalidEmail);
        }
        let domain = normalize_domain(domain).ok_or(InvalidEmail)?;
        if !domain.contains('.') {
            return Err(InvalidEmail);
        }
        Ok(EmailAddress(format!(
            "{}@{}",
            local.to_ascii_lowercase(),
            domain
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }

    /// Rebuilds an address that a store holds in normal form.
    pub fn from_normalized(stored: String) -> Self {
        EmailAddress(stored)
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for EmailAddress {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A domain name in lower-case ASCII (punycode for internationalized names), or
/// `None` when it is not a valid host name.
pub fn normalize_domain(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_end_matches('.');
    if raw.is_empty() {
        return None;
    }
    let ascii = idna::domain_to_ascii(raw).ok()?;
    if ascii.is_empty() || ascii.len() > 253 {
        return None;
    }
    let labels_ok = ascii.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    labels_ok.then_some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_form_is_trimmed_and_lower_case() {
        let e = EmailAddress::parse("  Ann.Lee@Example.COM ").unwrap();
        assert_eq!(e.as_str(), "ann.lee@example.com");
        assert_eq!(e.domain(), "example.com");
        assert_eq!(e, EmailAddress::parse("ann.lee@example.com").unwrap());
    }

    #[test]
    fn internationalized_domains_become_punycode() {
        let e = EmailAddress::parse("bob@Bücher.example").unwrap();
        assert_eq!(e.domain(), "xn--bcher-kva.example");
    }

    #[test]
    fn rejects_what_is_not_an_address() {
        for bad in [
            "",
            "   ",
            "ann",
            "@example.com",
            "ann@",
            "ann@localhost",
            "ann@@example.com",
            ".ann@example.com",
            "ann.@example.com",
            "an..n@example.com",
            "ann lee@example.com",
            "ann@exa mple.com",
            "ann@-example.com",
            "ann@example..com",
            "ann\r\nBcc: x@example.com",
            "ann@example.com\r\nBcc: x@example.com",
            "<ann@example.com>",
            "ännå@example.com",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(InvalidEmail), "{bad:?}");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(EmailAddress::parse(&long_local).is_err());
    }
}
