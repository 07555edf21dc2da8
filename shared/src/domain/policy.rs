//! Which email domains may be invited: a block list and an optional allow list.
//! A listed domain also covers all of its subdomains.

use super::email::{normalize_domain, EmailAddress};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainPolicy {
    blocked: Vec<String>,
    allowed: Vec<String>,
}

impl DomainPolicy {
    pub fn new<B, A>(blocked: B, allowed: A) -> Self
    where
        B: IntoIterator,
        B::Item: AsRef<str>,
        A: IntoIterator,
        A::Item: AsRef<str>,
    {
        let norm = |items: Vec<String>| -> Vec<String> {
            items
                .iter()
                .filter_map(|d| {
                    normalize_domain(d.trim_start_matches("*.").trim_start_matches('@'))
                })
                .collect()
        };
        DomainPolicy {
            blocked: norm(blocked.into_iter().map(|d| d.as_ref().to_owned()).collect()),
            allowed: norm(allowed.into_iter().map(|d| d.as_ref().to_owned()).collect()),
        }
    }

    /// Parses the comma-separated lists of `BLOCKED_EMAIL_DOMAINS` / `ALLOWED_EMAIL_DOMAINS`.
    pub fn from_lists(blocked: &str, allowed: &str) -> Self {
        let split = |s: &str| {
            s.split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        DomainPolicy::new(split(blocked), split(allowed))
    }

    /// `true` when the address may be invited (and may join).
    pub fn permits(&self, email: &EmailAddress) -> bool {
        let domain = email.domain();
        if self.blocked.iter().any(|b| covers(b, domain)) {
            return false;
        }
        self.allowed.is_empty() || self.allowed.iter().any(|a| covers(a, domain))
    }
}

fn covers(listed: &str, domain: &str) -> bool {
    domain == listed
        || (domain.len() > listed.len()
            && domain.ends_with(listed)
            && domain.as_bytes()[domain.len() - listed.len() - 1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(s: &str) -> EmailAddress {
        EmailAddress::parse(s).unwrap()
    }

    #[test]
    fn a_blocked_domain_blocks_its_subdomains_but_not_lookalikes() {
        let p = DomainPolicy::from_lists(" Blocked.example , other.test", "");
        assert!(!p.permits(&email("a@blocked.example")));
        assert!(!p.permits(&email("a@mail.blocked.example")));
        assert!(!p.permits(&email("a@OTHER.test")));
        assert!(p.permits(&email("a@notblocked.example")));
        assert!(p.permits(&email("a@example.com")));
    }

    #[test]
    fn allow_list_admits_only_its_domains_and_block_wins() {
        let p = DomainPolicy::from_lists("bad.corp.example", "corp.example");
        assert!(p.permits(&email("a@corp.example")));
        assert!(p.permits(&email("a@eu.corp.example")));
        assert!(!p.permits(&email("a@bad.corp.example")));
        assert!(!p.permits(&email("a@gmail.com")));
    }

    #[test]
    fn internationalized_entries_match_their_punycode() {
        let p = DomainPolicy::from_lists("bücher.example", "");
        assert!(!p.permits(&email("a@xn--bcher-kva.example")));
        assert!(DomainPolicy::default().permits(&email("a@bücher.example")));
    }
}
