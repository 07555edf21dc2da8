//! Invite link tokens: the invite id, the invite's room id and role, and 256 random bits
//! from the OS CSPRNG, URL-safe. Only the SHA-256 hash of a token is ever stored.
//!
//! Layout of the decoded bytes (65): invite id (16, ULID) | room id (16, ULID) |
//! role rank (1) | secret (32); the URL form is its base64url without padding (87 chars).
//! The room and role are hints a store may use to address its items without reading the
//! invite first; they are authenticated by the hash, which covers the whole token text:
//! a token with edited room or role bytes has another hash and fails the redemption's
//! token-hash condition.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::fmt;
use ulid::Ulid;

use super::Role;

const SECRET_LEN: usize = 32;
const ROOM_AT: usize = 16;
const ROLE_AT: usize = 32;
const SECRET_AT: usize = 33;
const RAW_LEN: usize = SECRET_AT + SECRET_LEN;
/// Length of the URL form: base64url of 65 bytes, no padding.
pub const TOKEN_LEN: usize = 87;

/// A token in clear. It exists only between generation and the email or response
/// that carries it, and between a request and the hash computed from it.
#[derive(Clone, PartialEq, Eq)]
pub struct InviteToken {
    invite_id: Ulid,
    room_id: Ulid,
    role: Role,
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
    /// A fresh token for the invite `invite_id` of `room_id` for `role`, with 256 bits
    /// from the OS CSPRNG.
    pub fn generate(invite_id: Ulid, room_id: Ulid, role: Role) -> Result<Self, TokenError> {
        let mut secret = [0u8; SECRET_LEN];
        getrandom::fill(&mut secret).map_err(|_| TokenError::Rng)?;
        Ok(InviteToken {
            invite_id,
            room_id,
            role,
            secret,
        })
    }

    /// A token derived by HMAC-SHA256 under a server key. Used only where a retried
    /// request (same `Idempotency-Key`) must be able to show the same link again
    /// without the link ever being stored; unpredictable to anyone without the key.
    pub fn derive(invite_id: Ulid, room_id: Ulid, role: Role, key: &[u8], context: &[u8]) -> Self {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
        mac.update(b"invite-token/v2\0");
        mac.update(&invite_id.to_bytes());
        mac.update(&room_id.to_bytes());
        mac.update(&[role.rank()]);
        mac.update(context);
        let secret: [u8; SECRET_LEN] = mac.finalize().into_bytes().into();
        InviteToken {
            invite_id,
            room_id,
            role,
            secret,
        }
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
        let ulid_at = |at: usize| {
            let mut id = [0u8; 16];
            id.copy_from_slice(&raw[at..at + 16]);
            Ulid::from_bytes(id)
        };
        let role = Role::from_rank(i64::from(raw[ROLE_AT])).ok_or(TokenError::Malformed)?;
        let mut secret = [0u8; SECRET_LEN];
        secret.copy_from_slice(&raw[SECRET_AT..]);
        Ok(InviteToken {
            invite_id: ulid_at(0),
            room_id: ulid_at(ROOM_AT),
            role,
            secret,
        })
    }

    pub fn invite_id(&self) -> Ulid {
        self.invite_id
    }

    /// The invite's room as the token claims it: trustworthy only once the token's hash
    /// matched the stored one (in the same atomic step as any use of it).
    pub fn room_id(&self) -> Ulid {
        self.room_id
    }

    /// The invite's role as the token claims it (same caveat as [`Self::room_id`]).
    pub fn role(&self) -> Role {
        self.role
    }

    /// The URL-safe text of the token, as it appears in `/join/{token}`.
    pub fn expose(&self) -> String {
        let mut raw = Vec::with_capacity(RAW_LEN);
        raw.extend_from_slice(&self.invite_id.to_bytes());
        raw.extend_from_slice(&self.room_id.to_bytes());
        raw.push(self.role.rank());
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

    fn fresh() -> InviteToken {
        InviteToken::generate(Ulid::new(), Ulid::new(), Role::Speaker).unwrap()
    }

    fn with_raw(token: &InviteToken, edit: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut raw = URL_SAFE_NO_PAD.decode(token.expose()).unwrap();
        edit(&mut raw);
        URL_SAFE_NO_PAD.encode(raw)
    }

    #[test]
    fn tokens_round_trip_are_url_safe_and_unique() {
        let (id, room) = (Ulid::new(), Ulid::new());
        for role in Role::ALL {
            let a = InviteToken::generate(id, room, role).unwrap();
            let b = InviteToken::generate(id, room, role).unwrap();
            assert_ne!(a.expose(), b.expose());
            assert_ne!(a.hash(), b.hash());
            let text = a.expose();
            assert_eq!(text.len(), TOKEN_LEN);
            assert!(text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
            let back = InviteToken::parse(&text).unwrap();
            assert_eq!(back.invite_id(), id);
            assert_eq!(back.room_id(), room);
            assert_eq!(back.role(), role);
            assert_eq!(back.hash(), a.hash());
            assert_eq!(back, a);
        }
    }

    #[test]
    fn malformed_tokens_are_rejected() {
        let token = fresh();
        let good = token.expose();
        assert!(InviteToken::parse("").is_err());
        assert!(InviteToken::parse(&good[1..]).is_err());
        assert!(InviteToken::parse(&format!("{good}x")).is_err());
        assert!(InviteToken::parse(&good.replace(&good[..1], "*")).is_err());
        // The old layout (invite id + secret, 64 chars) is not a token any more.
        let old = URL_SAFE_NO_PAD.encode([7u8; 48]);
        assert_eq!(InviteToken::parse(&old), Err(TokenError::Malformed));
        for bad_rank in [0u8, 4, 255] {
            let text = with_raw(&token, |raw| raw[ROLE_AT] = bad_rank);
            assert_eq!(text.len(), TOKEN_LEN);
            assert_eq!(InviteToken::parse(&text), Err(TokenError::Malformed));
        }
    }

    #[test]
    fn edited_room_or_role_bytes_change_the_hash() {
        let token = fresh();
        let other_room = with_raw(&token, |raw| raw[ROOM_AT + 15] ^= 1);
        let parsed = InviteToken::parse(&other_room).unwrap();
        assert_eq!(parsed.invite_id(), token.invite_id());
        assert_ne!(parsed.room_id(), token.room_id());
        assert_ne!(parsed.hash(), token.hash());
        let other_role = with_raw(&token, |raw| raw[ROLE_AT] = Role::Moderator.rank());
        let parsed = InviteToken::parse(&other_role).unwrap();
        assert_eq!(parsed.role(), Role::Moderator);
        assert_ne!(parsed.hash(), token.hash());
    }

    #[test]
    fn hash_is_sha256_hex_and_debug_hides_the_secret() {
        let t = fresh();
        assert_eq!(t.hash().0.len(), 64);
        let dbg = format!("{t:?}");
        assert!(!dbg.contains(&t.expose()[44..]));
    }

    #[test]
    fn derived_tokens_depend_on_key_context_room_and_role() {
        let (id, room) = (Ulid::new(), Ulid::new());
        let a = InviteToken::derive(id, room, Role::Viewer, b"k1", b"ctx");
        assert_eq!(
            a,
            InviteToken::derive(id, room, Role::Viewer, b"k1", b"ctx")
        );
        assert_ne!(
            a,
            InviteToken::derive(id, room, Role::Viewer, b"k2", b"ctx")
        );
        assert_ne!(
            a,
            InviteToken::derive(id, room, Role::Viewer, b"k1", b"other")
        );
        let b = InviteToken::derive(id, room, Role::Speaker, b"k1", b"ctx");
        assert_eq!(b.role(), Role::Speaker);
        assert_ne!(a.hash(), b.hash());
        assert_eq!(InviteToken::parse(&a.expose()).unwrap(), a);
    }
}
