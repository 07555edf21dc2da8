//! Invite link tokens: 256 random bits from the OS CSPRNG plus the invite id, URL-safe.
//! Only the SHA-256 hash of a token is ever stored.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::fmt;
use ulid::Ulid;

const SECRET_LEN: usize = 32;
const RAW_LEN: usize = 16 + SECRET_LEN;
/// Length of the URL form: base64url of 48 bytes, no padding.
pub const TOKEN_LEN: usize = 64;

/// A token in clear. It exists only between generation and the email or response
/// that carries it, and between a request and the hash computed from it.
#[derive(Clone, PartialEq, Eq)]
pub struct InviteToken {
    invite_id: Ulid,
    secret: [u8; SECRET_LEN],
}

/// The stored form: hex of SHA-256 over the whole token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenHash(pub String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the link's token is malformed")]
    Malformed,
    #[error("the operating system's random number generator failed")]
    Rng,
}

impl InviteToken {
    /// A fresh token for `invite_id` with 256 bits from the OS CSPRNG.
    pub fn generate(invite_id: Ulid) -> Result<Self, TokenError> {
        let mut secret = [0u8; SECRET_LEN];
        getrandom::fill(&mut secret).map_err(|_| TokenError::Rng)?;
        Ok(InviteToken { invite_id, secret })
    }

    /// A token derived by HMAC-SHA256 under a server key. Used only where a retried
    /// request (same `Idempotency-Key`) must be able to show the same link again
    /// without the link ever being stored; unpredictable to anyone without the key.
    pub fn derive(invite_id: Ulid, key: &[u8], context: &[u8]) -> Self {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
        mac.update(b"invite-token/v1\0");
        mac.update(&invite_id.to_bytes());
        mac.update(context);
        let secret: [u8; SECRET_LEN] = mac.finalize().into_bytes().into();
        InviteToken { invite_id, secret }
    }

    pub fn parse(s: &str) -> Result<Self, TokenError> {
        if s.len() != TOKEN_LEN {
            return Err(TokenError::Malformed);
        }
        let raw = URL_SAFE_NO_PAD
            .decode(s.as_bytes())
            .map_err(|_| TokenError::Malformed)?;
        if raw.len() != RAW_LEN {
            return Err(TokenError::Malformed);
        }
        let mut id = [0u8; 16];
        id.copy_from_slice(&raw[..16]);
        let mut secret = [0u8; SECRET_LEN];
        secret.copy_from_slice(&raw[16..]);
        Ok(InviteToken {
            invite_id: Ulid::from_bytes(id),
            secret,
        })
    }

    pub fn invite_id(&self) -> Ulid {
        self.invite_id
    }

    /// The URL-safe text of the token, as it appears in `/join/{token}`.
    pub fn expose(&self) -> String {
        let mut raw = Vec::with_capacity(RAW_LEN);
        raw.extend_from_slice(&self.invite_id.to_bytes());
        raw.extend_from_slice(&self.secret);
        URL_SAFE_NO_PAD.encode(raw)
    }

    pub fn hash(&self) -> TokenHash {
        let digest = Sha256::digest(self.expose().as_bytes());
        TokenHash(hex(&digest))
    }
}

/// Never prints the secret, so a token cannot reach a log by `{:?}`.
impl fmt::Debug for InviteToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InviteToken({}, <redacted>)", self.invite_id)
    }
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

/// A sub-key of `secret` for one purpose (HMAC-SHA256 of the label).
pub fn derive_key(secret: &[u8], label: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(label.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// 32 random bytes from the OS, e.g. for generated secrets.
pub fn random_secret() -> Result<[u8; 32], TokenError> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|_| TokenError::Rng)?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_are_url_safe_and_unique() {
        let id = Ulid::new();
        let a = InviteToken::generate(id).unwrap();
        let b = InviteToken::generate(id).unwrap();
        assert_ne!(a.expose(), b.expose());
        assert_ne!(a.hash(), b.hash());
        let text = a.expose();
        assert_eq!(text.len(), TOKEN_LEN);
        assert!(text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let back = InviteToken::parse(&text).unwrap();
        assert_eq!(back.invite_id(), id);
        assert_eq!(back.hash(), a.hash());
    }

    #[test]
    fn malformed_tokens_are_rejected() {
        let good = InviteToken::generate(Ulid::new()).unwrap().expose();
        assert!(InviteToken::parse("").is_err());
        assert!(InviteToken::parse(&good[1..]).is_err());
        assert!(InviteToken::parse(&format!("{good}x")).is_err());
        assert!(InviteToken::parse(&good.replace(&good[..1], "*")).is_err());
    }

    #[test]
    fn hash_is_sha256_hex_and_debug_hides_the_secret() {
        let t = InviteToken::generate(Ulid::new()).unwrap();
        assert_eq!(t.hash().0.len(), 64);
        let dbg = format!("{t:?}");
        assert!(!dbg.contains(&t.expose()[16..]));
    }

    #[test]
    fn derived_tokens_depend_on_key_and_context() {
        let id = Ulid::new();
        let a = InviteToken::derive(id, b"k1", b"ctx");
        assert_eq!(a, InviteToken::derive(id, b"k1", b"ctx"));
        assert_ne!(a, InviteToken::derive(id, b"k2", b"ctx"));
        assert_ne!(a, InviteToken::derive(id, b"k1", b"other"));
    }
}
