//! Who gets in: the room's admission settings (how an invitee proves the invited
//! address; whether they then wait for approval), the rules of the one-time codes of
//! `verify: code`, and the receipts that re-admit a browser whose answer was lost
//! (admission contract, sections 1, 2 and 5). No I/O: stores keep the records, these
//! functions decide.

use super::error::{Error, Result};
use super::EmailAddress;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use utoipa::ToSchema;

/// How an invitee proves the invited address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verify {
    /// Type the invited address (the lobby as it always was).
    #[default]
    Email,
    /// Type it, then a one-time code mailed to it.
    Code,
    /// Sign in with the organization's OpenID Connect provider.
    Sso,
}

/// Who waits for a host's or moderator's approval after proving the address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    #[default]
    None,
    /// Invites whose `max_uses` is not 1.
    SharedLinks,
    Everyone,
}

impl Verify {
    pub fn as_str(self) -> &'static str {
        match self {
            Verify::Email => "email",
            Verify::Code => "code",
            Verify::Sso => "sso",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Verify::Email, Verify::Code, Verify::Sso]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
    /// Rooms whose invitees prove the address beyond typing it: there a proof on a new
    /// device re-admits without a use (contract section 2, "another device").
    pub fn proves_address(self) -> bool {
        matches!(self, Verify::Code | Verify::Sso)
    }
}

impl Approval {
    pub fn as_str(self) -> &'static str {
        match self {
            Approval::None => "none",
            Approval::SharedLinks => "shared_links",
            Approval::Everyone => "everyone",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Approval::None, Approval::SharedLinks, Approval::Everyone]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// The room's `admission`: in every room JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"verify": "code", "approval": "none"}))]
pub struct AdmissionSettings {
    pub verify: Verify,
    pub approval: Approval,
}

/// `admission` as a create or `PATCH` body sends it: either field may be left out (it
/// keeps its value, or the default). The values are read as text, so that anything
/// unknown is `400 validation_failed` as the contract says, not a JSON error.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"verify": "code"}))]
pub struct AdmissionInput {
    /// `email` (default), `code` or `sso` (needs `INVITEE_OIDC_ISSUER`).
    #[serde(default)]
    #[schema(value_type = Option<Verify>)]
    pub verify: Option<String>,
    /// `none` (default), `shared_links` or `everyone`.
    #[serde(default)]
    #[schema(value_type = Option<Approval>)]
    pub approval: Option<String>,
}

/// Reads `admission` as a JSON object only (serde would also take an array for a
/// struct): for `#[serde(deserialize_with)]` on the bodies that carry it.
pub fn object_only<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<AdmissionInput>, D::Error> {
    use serde::de::Error as _;
    let map: Option<serde_json::Map<String, serde_json::Value>> = Option::deserialize(d)?;
    map.map(|m| serde_json::from_value(serde_json::Value::Object(m)).map_err(D::Error::custom))
        .transpose()
}

/// What the deployment offers, which settings depend on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AdmissionOffer {
    /// `INVITEE_OIDC_ISSUER` is configured.
    pub sso: bool,
    /// The waiting room is available (approvals other than `none`).
    pub waiting_room: bool,
}

impl AdmissionInput {
    /// `current` with this input applied, or `validation_failed`.
    pub fn apply(
        &self,
        current: AdmissionSettings,
        offer: AdmissionOffer,
    ) -> Result<AdmissionSettings> {
        let mut next = current;
        if let Some(v) = &self.verify {
            next.verify = Verify::parse(v).ok_or_else(|| {
                Error::ValidationFailed("admission.verify must be email, code or sso.".into())
            })?;
        }
        if let Some(a) = &self.approval {
            next.approval = Approval::parse(a).ok_or_else(|| {
                Error::ValidationFailed(
                    "admission.approval must be none, shared_links or everyone.".into(),
                )
            })?;
        }
        if next.verify == Verify::Sso && !offer.sso && current.verify != Verify::Sso {
            return Err(Error::ValidationFailed(
                "admission.verify sso needs the invitees' identity provider (INVITEE_OIDC_ISSUER) to be configured.".into(),
            ));
        }
        if next.approval != Approval::None
            && !offer.waiting_room
            && current.approval != next.approval
        {
            return Err(Error::ValidationFailed(
                "admission.approval other than none needs the waiting room, which this deployment does not offer yet.".into(),
            ));
        }
        Ok(next)
    }
}

// One-time codes (`verify: code`).

/// Digits of a code.
pub const CODE_DIGITS: usize = 6;
/// Wrong entries that void a code.
pub const MAX_CODE_ATTEMPTS: u32 = 5;
/// A new code may be asked for this long after the last one.
pub const CODE_RESEND_INTERVAL: Duration = Duration::seconds(30);
/// Codes per invite in one window of [`CODE_WINDOW`].
pub const CODES_PER_WINDOW: u32 = 5;
pub const CODE_WINDOW: Duration = Duration::hours(1);
/// `ADMISSION_CODE_TTL_S` when unset.
pub const DEFAULT_CODE_TTL: Duration = Duration::seconds(600);

/// A fresh code: six decimal digits, uniform (rejection sampling over 32 random bits).
pub fn new_code() -> Result<String> {
    const SPAN: u32 = 1_000_000;
    // The largest multiple of SPAN that fits in u32: values above it would bias.
    const LIMIT: u32 = u32::MAX - (u32::MAX % SPAN);
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|_| Error::internal("no randomness"))?;
        let n = u32::from_le_bytes(bytes);
        if n < LIMIT {
            return Ok(format!("{:06}", n % SPAN));
        }
    }
}

/// A code as typed: digits with spaces or dashes ignored; `None` unless six digits.
pub fn normalize_code(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == CODE_DIGITS && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// What is stored of a code: a keyed hash bound to its invite (six digits are too few
/// for a plain hash: the key keeps a copy of the store from giving the codes away).
pub fn code_hash(key: &[u8], invite_id: &str, code: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(b"admission-code\0");
    mac.update(invite_id.as_bytes());
    mac.update(b"\0");
    mac.update(code.as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The one code record of an invite, with the sending history its limits need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdmissionCode {
    pub invite_id: String,
    pub code_hash: String,
    pub expires_at: OffsetDateTime,
    pub attempts: u32,
    pub used: bool,
    /// When this code was sent.
    pub sent_at: OffsetDateTime,
    /// The start of the current one-hour sending window and the codes sent in it.
    pub window_start: OffsetDateTime,
    pub sent_in_window: u32,
}

impl AdmissionCode {
    /// Until when the store must keep the record (DynamoDB TTL): the code's expiry or the
    /// end of its sending window, whichever is later.
    pub fn keep_until(&self) -> OffsetDateTime {
        self.expires_at.max(self.window_start + CODE_WINDOW)
    }
}

/// A new code may not be sent yet: ask again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

fn seconds_until(later: OffsetDateTime, now: OffsetDateTime) -> u64 {
    let s = (later - now).whole_seconds();
    u64::try_from(s).unwrap_or(0).max(1)
}

/// The record of a new code replacing `previous` (each new code voids the one before),
/// or how long to wait: 30 s after the last code, and at most 5 codes an hour.
pub fn next_code(
    previous: Option<&AdmissionCode>,
    invite_id: &str,
    code_hash: String,
    now: OffsetDateTime,
    ttl: Duration,
) -> std::result::Result<AdmissionCode, RetryAfter> {
    let (window_start, sent_in_window) = match previous {
        Some(p) if now < p.sent_at + CODE_RESEND_INTERVAL => {
            return Err(RetryAfter(seconds_until(
                p.sent_at + CODE_RESEND_INTERVAL,
                now,
            )))
        }
        Some(p) if now < p.window_start + CODE_WINDOW => {
            if p.sent_in_window >= CODES_PER_WINDOW {
                return Err(RetryAfter(seconds_until(p.window_start + CODE_WINDOW, now)));
            }
            (p.window_start, p.sent_in_window + 1)
        }
        _ => (now, 1),
    };
    Ok(AdmissionCode {
        invite_id: invite_id.to_owned(),
        code_hash,
        expires_at: now + ttl,
        attempts: 0,
        used: false,
        sent_at: now,
        window_start,
        sent_in_window,
    })
}

/// The verdict on a typed code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right: the store marks the code used in the same write.
    Valid,
    /// Wrong: the store counts the attempt in the same write; `attempts_left` after it.
    Invalid { attempts_left: u32 },
    /// None asked for, used, expired or voided by wrong tries: ask for a new one.
    Expired,
}

/// The one statement of the code rules; stores encode them in their conditional writes
/// and call this on the record as it was to say which rule decided.
pub fn check_code(
    record: Option<&AdmissionCode>,
    code_hash: &str,
    now: OffsetDateTime,
) -> CodeCheck {
    match record {
        None => CodeCheck::Expired,
        Some(r) if r.used || r.attempts >= MAX_CODE_ATTEMPTS || now >= r.expires_at => {
            CodeCheck::Expired
        }
        Some(r)
            if bool::from(subtle::ConstantTimeEq::ct_eq(
                r.code_hash.as_bytes(),
                code_hash.as_bytes(),
            )) =>
        {
            CodeCheck::Valid
        }
        Some(r) => CodeCheck::Invalid {
            attempts_left: MAX_CODE_ATTEMPTS.saturating_sub(r.attempts + 1),
        },
    }
}

// Receipts of redemptions (section 5: a lost answer).

/// How long a receipt re-admits the browser that redeemed.
pub const RECEIPT_TTL: Duration = Duration::minutes(10);

/// The stored form of a browser's lobby nonce for one address: a hash, so the store
/// holds nothing a request could replay.
pub fn receipt_of(browser_nonce: &str, email: &EmailAddress) -> String {
    let mut h = Sha256::new();
    h.update(b"redemption-receipt\0");
    h.update(browser_nonce.as_bytes());
    h.update(b"\0");
    h.update(email.as_str().as_bytes());
    hex(&h.finalize())[..32].to_owned()
}

/// A lobby nonce as the cookie carries it: 32 hex characters (128 bits).
pub fn valid_browser_nonce(value: &str) -> bool {
    value.len() == 32 && value.chars().all(|c| c.is_ascii_hexdigit())
}

/// A fresh lobby nonce.
pub fn new_browser_nonce() -> Result<String> {
    random_hex(16)
}

/// `n` random bytes from the OS as hex: the state, nonce and PKCE verifier of a
/// sign-in (the verifier's 64 hex characters are within PKCE's 43–128 unreserved ones).
pub fn random_hex(n: usize) -> Result<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|_| Error::internal("no randomness"))?;
    Ok(hex(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-03 10:00 UTC);

    #[test]
    fn settings_parse_default_and_refuse_unknown_values() {
        let offer = AdmissionOffer {
            sso: false,
            waiting_room: false,
        };
        let input: AdmissionInput = serde_json::from_str(r#"{"verify":"code"}"#).unwrap();
        let s = input.apply(AdmissionSettings::default(), offer).unwrap();
        assert_eq!(
            s,
            AdmissionSettings {
                verify: Verify::Code,
                approval: Approval::None
            }
        );
        let bad: AdmissionInput = serde_json::from_str(r#"{"verify":"magic"}"#).unwrap();
        assert_eq!(bad.apply(s, offer).unwrap_err().code(), "validation_failed");
        let sso: AdmissionInput = serde_json::from_str(r#"{"verify":"sso"}"#).unwrap();
        assert_eq!(sso.apply(s, offer).unwrap_err().code(), "validation_failed");
        let offered = AdmissionOffer {
            sso: true,
            waiting_room: false,
        };
        assert_eq!(sso.apply(s, offered).unwrap().verify, Verify::Sso);
        let wait: AdmissionInput = serde_json::from_str(r#"{"approval":"everyone"}"#).unwrap();
        assert_eq!(
            wait.apply(s, offer).unwrap_err().code(),
            "validation_failed"
        );
        let array: std::result::Result<crate::domain::room::RoomPatch, _> =
            serde_json::from_str(r#"{"admission":[null,null]}"#);
        assert!(array.is_err(), "an array is not an admission object");
        assert_eq!(
            serde_json::to_value(AdmissionSettings::default()).unwrap(),
            serde_json::json!({"verify": "email", "approval": "none"})
        );
    }

    #[test]
    fn codes_are_six_digits_and_typed_codes_are_normalized() {
        for _ in 0..50 {
            let c = new_code().unwrap();
            assert_eq!(normalize_code(&c).as_deref(), Some(c.as_str()));
        }
        assert_eq!(normalize_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(normalize_code("123-456").as_deref(), Some("123456"));
        assert_eq!(normalize_code("12345"), None);
        assert_eq!(normalize_code("12345a"), None);
        assert_eq!(normalize_code("١٢٣٤٥٦"), None);
        assert_ne!(
            code_hash(b"k", "i1", "123456"),
            code_hash(b"k", "i2", "123456")
        );
        assert_ne!(
            code_hash(b"k", "i1", "123456"),
            code_hash(b"l", "i1", "123456")
        );
    }

    fn sent(at: OffsetDateTime) -> AdmissionCode {
        next_code(None, "i1", "h".into(), at, DEFAULT_CODE_TTL).unwrap()
    }

    #[test]
    fn a_new_code_waits_30_seconds_and_at_most_5_go_out_an_hour() {
        let first = sent(NOW);
        assert_eq!(first.sent_in_window, 1);
        assert_eq!(
            next_code(
                Some(&first),
                "i1",
                "h2".into(),
                NOW + Duration::seconds(10),
                DEFAULT_CODE_TTL
            ),
            Err(RetryAfter(20))
        );
        let mut last = first;
        for n in 2..=5 {
            let at = last.sent_at + CODE_RESEND_INTERVAL;
            last = next_code(Some(&last), "i1", format!("h{n}"), at, DEFAULT_CODE_TTL).unwrap();
            assert_eq!(last.sent_in_window, n);
            assert_eq!(last.window_start, NOW);
        }
        let at = last.sent_at + CODE_RESEND_INTERVAL;
        let wait = next_code(Some(&last), "i1", "h6".into(), at, DEFAULT_CODE_TTL).unwrap_err();
        assert_eq!(wait, RetryAfter(3600 - 120 - 30));
        let later = next_code(
            Some(&last),
            "i1",
            "h6".into(),
            NOW + CODE_WINDOW,
            DEFAULT_CODE_TTL,
        )
        .unwrap();
        assert_eq!(
            (later.sent_in_window, later.window_start),
            (1, NOW + CODE_WINDOW)
        );
        assert_eq!(later.keep_until(), NOW + CODE_WINDOW + CODE_WINDOW);
    }

    #[test]
    fn codes_check_right_wrong_voided_and_expired() {
        let mut c = sent(NOW);
        assert_eq!(check_code(Some(&c), "h", NOW), CodeCheck::Valid);
        assert_eq!(
            check_code(Some(&c), "x", NOW),
            CodeCheck::Invalid { attempts_left: 4 }
        );
        c.attempts = 4;
        assert_eq!(
            check_code(Some(&c), "x", NOW),
            CodeCheck::Invalid { attempts_left: 0 }
        );
        c.attempts = 5;
        assert_eq!(check_code(Some(&c), "h", NOW), CodeCheck::Expired);
        c.attempts = 0;
        assert_eq!(check_code(Some(&c), "h", c.expires_at), CodeCheck::Expired);
        c.used = true;
        assert_eq!(check_code(Some(&c), "h", NOW), CodeCheck::Expired);
        assert_eq!(check_code(None, "h", NOW), CodeCheck::Expired);
    }

    #[test]
    fn receipts_bind_the_browser_and_the_address() {
        let ann = EmailAddress::parse("ann@example.com").unwrap();
        let bob = EmailAddress::parse("bob@example.com").unwrap();
        let nonce = new_browser_nonce().unwrap();
        assert!(valid_browser_nonce(&nonce));
        assert!(!valid_browser_nonce("zz"));
        assert_ne!(receipt_of(&nonce, &ann), receipt_of(&nonce, &bob));
        assert_eq!(receipt_of(&nonce, &ann), receipt_of(&nonce, &ann));
        assert_eq!(receipt_of(&nonce, &ann).len(), 32);
    }
}
