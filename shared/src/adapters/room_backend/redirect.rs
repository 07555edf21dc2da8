//! `redirect`: any room application. The service signs a short-lived ES256 entry token
//! and publishes its public keys as a JWKS at `/.well-known/jwks.json`; the application
//! verifies the token with any JOSE library that fetches JWKS.
//!
//! The P-256 keys are derived from seeds (the `ROOM_ENTRY_KEY` secret: local mode keeps
//! it in `DATA_DIR`, AWS in Secrets Manager), so every process that reads the same
//! secret signs with the same key and publishes the same JWKS, without a race to create
//! one. Several seeds (separated by whitespace or commas) rotate the key: the first
//! signs, all are published.

use super::{origin, parse_url, permission_names};
use crate::domain::token::hex;
use crate::ports::{EntryRequest, RoomBackend, RoomBackendError, RoomEntry};
use async_trait::async_trait;
use hmac::{Hmac, Mac};
use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm, PublicKeyUse, ThumbprintHash};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use p256::pkcs8::EncodePrivateKey;
use serde::Serialize;
use sha2::Sha256;

/// Entry tokens live this long (the contract: at most 60 seconds).
pub const TOKEN_TTL: time::Duration = time::Duration::seconds(60);
/// Seeds shorter than this are refused (they would be guessable).
const MIN_SEED_LEN: usize = 32;

/// One signing key: its PKCS#8 form for jsonwebtoken and its public JWK with `kid`.
struct EntryKey {
    signing: EncodingKey,
    jwk: Jwk,
    kid: String,
}

/// The entry-token keys: the first signs; all are published.
pub struct EntryKeys {
    keys: Vec<EntryKey>,
}

impl EntryKeys {
    /// Keys from the secret's seeds (whitespace- or comma-separated, newest first).
    pub fn from_seeds(seeds: &str) -> Result<Self, String> {
        let keys = seeds
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .map(EntryKey::from_seed)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err("setting ROOM_ENTRY_KEY: holds no key seed".into());
        }
        Ok(EntryKeys { keys })
    }

    /// The `kid` of the signing key.
    pub fn kid(&self) -> &str {
        &self.keys[0].kid
    }

    pub fn jwks(&self) -> JwkSet {
        JwkSet {
            keys: self.keys.iter().map(|k| k.jwk.clone()).collect(),
        }
    }
}

impl EntryKey {
    /// The P-256 private scalar HMAC-SHA256(seed, "room-entry-key/p256/" + counter), for
    /// the first counter that gives a valid scalar (0 < d < n; the first one does with
    /// probability 1 − 2⁻³²).
    fn from_seed(seed: &str) -> Result<Self, String> {
        if seed.len() < MIN_SEED_LEN {
            return Err(format!(
                "setting ROOM_ENTRY_KEY: a key seed must be at least {MIN_SEED_LEN} characters"
            ));
        }
        let secret = (0u8..=255)
            .find_map(|counter| {
                let mut mac =
                    Hmac::<Sha256>::new_from_slice(seed.as_bytes()).expect("any key length");
                mac.update(b"room-entry-key/p256/");
                mac.update(&[counter]);
                p256::SecretKey::from_bytes(&mac.finalize().into_bytes()).ok()
            })
            .ok_or("setting ROOM_ENTRY_KEY: no valid P-256 key from this seed")?;
        let der = secret
            .to_pkcs8_der()
            .map_err(|e| format!("encoding the entry key: {e}"))?;
        let signing = EncodingKey::from_ec_der(der.as_bytes());
        let mut jwk = Jwk::from_encoding_key(&signing, Algorithm::ES256)
            .map_err(|e| format!("the entry key's JWK: {e}"))?;
        let kid = jwk
            .thumbprint(ThumbprintHash::SHA256)
            .map_err(|e| format!("the entry key's thumbprint: {e}"))?;
        jwk.common.key_id = Some(kid.clone());
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        jwk.common.key_algorithm = Some(KeyAlgorithm::ES256);
        Ok(EntryKey { signing, jwk, kid })
    }
}

pub struct RedirectBackend {
    /// `PUBLIC_BASE_URL`: the tokens' `iss`.
    issuer: String,
    /// The origin of `ROOM_APP_URL`: the tokens' `aud`.
    audience: String,
    app_url: String,
    keys: EntryKeys,
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    aud: &'a str,
    sub: &'a str,
    email: &'a str,
    room_id: &'a str,
    role: &'a str,
    permissions: Vec<&'static str>,
    iat: i64,
    exp: i64,
    jti: String,
}

impl RedirectBackend {
    pub fn new(public_base_url: &str, app_url: &str, keys: EntryKeys) -> Result<Self, String> {
        let parsed = parse_url("ROOM_APP_URL", app_url, &["https", "http"])?;
        if parsed.fragment().is_some() {
            return Err("setting ROOM_APP_URL: must not have a #fragment".into());
        }
        Ok(RedirectBackend {
            issuer: public_base_url.trim_end_matches('/').to_owned(),
            audience: origin(&parsed),
            app_url: app_url.to_owned(),
            keys,
        })
    }
}

#[async_trait]
impl RoomBackend for RedirectBackend {
    fn name(&self) -> &'static str {
        "redirect"
    }

    fn entry(&self, r: &EntryRequest<'_>) -> Result<Option<RoomEntry>, RoomBackendError> {
        let expires_at = r.now + TOKEN_TTL;
        let jti = crate::domain::token::random_secret()
            .map_err(|e| RoomBackendError(format!("no randomness for jti: {e}")))?;
        let claims = Claims {
            iss: &self.issuer,
            aud: &self.audience,
            sub: r.identity,
            email: r.email.as_str(),
            room_id: r.room_id,
            role: r.role.as_str(),
            permissions: permission_names(r.role),
            iat: r.now.unix_timestamp(),
            exp: expires_at.unix_timestamp(),
            jti: hex(&jti[..16]),
        };
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.keys.kid().to_owned());
        let token = encode(&header, &claims, &self.keys.keys[0].signing)
            .map_err(|e| RoomBackendError(format!("signing an entry token: {e}")))?;
        let separator = if self.app_url.contains('?') { '&' } else { '?' };
        Ok(Some(RoomEntry {
            backend: "redirect",
            url: format!(
                "{}{separator}room_id={}&token={}",
                self.app_url, r.room_id, token
            ),
            token,
            expires_at,
        }))
    }

    fn jwks(&self) -> Option<serde_json::Value> {
        serde_json::to_value(self.keys.jwks()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use jsonwebtoken::{decode, decode_header, DecodingKey, Validation};

    const SEED: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn keys_are_deterministic_and_rotate() {
        let a = EntryKeys::from_seeds(SEED).unwrap();
        let b = EntryKeys::from_seeds(SEED).unwrap();
        assert_eq!(a.kid(), b.kid());
        let other = "fedcba9876543210fedcba9876543210";
        let both = EntryKeys::from_seeds(&format!("{other}\n{SEED}")).unwrap();
        assert_ne!(both.kid(), a.kid());
        let kids: Vec<_> = both
            .jwks()
            .keys
            .iter()
            .filter_map(|k| k.common.key_id.clone())
            .collect();
        assert_eq!(kids, vec![both.kid().to_owned(), a.kid().to_owned()]);
        assert!(EntryKeys::from_seeds("short").is_err());
        assert!(EntryKeys::from_seeds(" , ").is_err());
    }

    #[test]
    fn tokens_verify_with_the_published_key_only_as_es256() {
        let keys = EntryKeys::from_seeds(SEED).unwrap();
        let jwks = keys.jwks();
        let backend =
            RedirectBackend::new("https://rooms.example", "https://app.example/room", keys)
                .unwrap();
        let email = crate::domain::EmailAddress::parse("ann@example.com").unwrap();
        let now = time::OffsetDateTime::now_utc();
        let entry = backend
            .entry(&EntryRequest {
                room_id: "r1",
                identity: "p_1",
                email: &email,
                role: Role::Speaker,
                now,
            })
            .unwrap()
            .unwrap();
        assert!(entry
            .url
            .starts_with("https://app.example/room?room_id=r1&token="));
        let header = decode_header(&entry.token).unwrap();
        assert_eq!(header.alg, Algorithm::ES256);
        let jwk = jwks.find(header.kid.as_deref().unwrap()).unwrap();
        let mut v = Validation::new(Algorithm::ES256);
        v.set_audience(&["https://app.example"]);
        v.set_issuer(&["https://rooms.example"]);
        let claims =
            decode::<serde_json::Value>(&entry.token, &DecodingKey::from_jwk(jwk).unwrap(), &v)
                .unwrap()
                .claims;
        assert_eq!(claims["role"], "speaker");
        assert_eq!(
            claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
            60
        );
        // No algorithm confusion: the same token is no HS256 token of the public key.
        let hs = Validation::new(Algorithm::HS256);
        assert!(
            decode::<serde_json::Value>(&entry.token, &DecodingKey::from_secret(b"x"), &hs)
                .is_err()
        );
    }
}
