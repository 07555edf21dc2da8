//! Live-update subscribe tokens (integrations.md §3, AWS): what `GET /rooms/{id}/live`
//! hands an admitted participant's page so that it may subscribe to its room's channel
//! and its own participant channel on AppSync Events, checked by the live authorizer.
//!
//! An HS256 JWT under a key derived from the session secret
//! (`derive_key(session_secret, "live-token")`, 256 bits, never logged), with
//! `aud` = `live`, `room` = the room id, `sub` = the participant identity, `iat` and
//! `exp` = `iat` + [`LIVE_TOKEN_LIFETIME`]. Verification pins the algorithm to HS256 (a
//! token with any other `alg`, `none` included, is refused: no algorithm confusion),
//! requires every claim, and checks the expiry against the caller's clock with
//! [`LEEWAY`].

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// How long a subscribe token is accepted: long enough for a page to connect and
/// subscribe (and to retry a few times), short enough that a leaked token is soon
/// useless. A page that reconnects later asks `/live` for a fresh one.
pub const LIVE_TOKEN_LIFETIME: Duration = Duration::minutes(10);

/// Clock skew tolerated on `exp` between the issuing function and the authorizer.
pub const LEEWAY: Duration = Duration::seconds(30);

/// The label the key is derived under from the session secret.
pub const KEY_LABEL: &str = "live-token";

const AUDIENCE: &str = "live";

/// What a valid token grants: one room's channel and one participant's channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveGrant {
    pub room_id: String,
    pub identity: String,
    /// A moderator's token: the room's waiting channel too.
    pub moderator: bool,
    /// A host's console token: the room's hosts' channel too.
    pub host: bool,
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LiveTokenError {
    #[error("the live token is malformed or its signature is wrong")]
    Invalid,
    #[error("the live token has expired")]
    Expired,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    aud: String,
    room: String,
    sub: String,
    /// Set (true) only on a moderator's token.
    #[serde(default, rename = "mod", skip_serializing_if = "std::ops::Not::not")]
    moderator: bool,
    /// Set (true) only on a host's console token.
    #[serde(default, rename = "hst", skip_serializing_if = "std::ops::Not::not")]
    host: bool,
    iat: i64,
    exp: i64,
}

/// Issues and verifies live tokens under one key.
#[derive(Clone)]
pub struct LiveTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for LiveTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LiveTokens { key: <redacted> }")
    }
}

impl LiveTokens {
    /// Tokens under `key` (the derived key: at least 128 bits).
    pub fn new(key: &[u8]) -> Self {
        debug_assert!(key.len() >= 16, "a live-token key has at least 128 bits");
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_required_spec_claims(&["exp", "sub", "aud"]);
        validation.set_audience(&[AUDIENCE]);
        // The expiry is checked against the caller's clock below.
        validation.validate_exp = false;
        validation.leeway = 0;
        LiveTokens {
            encoding: EncodingKey::from_secret(key),
            decoding: DecodingKey::from_secret(key),
            validation,
        }
    }

    /// Tokens under the key derived from the session secret.
    pub fn from_session_secret(session_secret: &[u8]) -> Self {
        Self::new(&super::token::derive_key(session_secret, KEY_LABEL))
    }

    /// A token for `identity` in `room_id`, valid [`LIVE_TOKEN_LIFETIME`] from `now`.
    pub fn issue(&self, room_id: &str, identity: &str, now: OffsetDateTime) -> Option<String> {
        self.issue_for(room_id, identity, false, now)
    }

    /// [`Self::issue`], for a moderator when `moderator` (the waiting channel too).
    pub fn issue_for(
        &self,
        room_id: &str,
        identity: &str,
        moderator: bool,
        now: OffsetDateTime,
    ) -> Option<String> {
        self.sign(Claims {
            aud: AUDIENCE.into(),
            room: room_id.to_owned(),
            sub: identity.to_owned(),
            moderator,
            host: false,
            iat: now.unix_timestamp(),
            exp: (now + LIVE_TOKEN_LIFETIME).unix_timestamp(),
        })
    }

    /// A token for a host's console dashboard of `room_id` (identity `console`): the
    /// room's channel and its hosts' channel. Issued only after the host's session and
    /// organization were checked.
    pub fn issue_host(&self, room_id: &str, now: OffsetDateTime) -> Option<String> {
        self.sign(Claims {
            aud: AUDIENCE.into(),
            room: room_id.to_owned(),
            sub: "console".into(),
            moderator: false,
            host: true,
            iat: now.unix_timestamp(),
            exp: (now + LIVE_TOKEN_LIFETIME).unix_timestamp(),
        })
    }

    fn sign(&self, claims: Claims) -> Option<String> {
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).ok()
    }

    /// What `token` grants at `now`.
    pub fn verify(&self, token: &str, now: OffsetDateTime) -> Result<LiveGrant, LiveTokenError> {
        let claims = decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| LiveTokenError::Invalid)?
            .claims;
        if claims.room.is_empty() || claims.sub.is_empty() {
            return Err(LiveTokenError::Invalid);
        }
        let expires_at =
            OffsetDateTime::from_unix_timestamp(claims.exp).map_err(|_| LiveTokenError::Invalid)?;
        if now > expires_at + LEEWAY {
            return Err(LiveTokenError::Expired);
        }
        Ok(LiveGrant {
            room_id: claims.room,
            identity: claims.sub,
            moderator: claims.moderator,
            host: claims.host,
            expires_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-01 10:00 UTC);

    fn tokens() -> LiveTokens {
        LiveTokens::from_session_secret(b"a session secret of the test, long enough")
    }

    #[test]
    fn a_token_grants_its_room_and_identity_until_it_expires() {
        let t = tokens();
        let token = t
            .issue("01ROOM", "p_0123456789abcdef01234567", NOW)
            .expect("token");
        let grant = t.verify(&token, NOW + Duration::minutes(9)).expect("valid");
        assert_eq!(
            (grant.room_id.as_str(), grant.identity.as_str()),
            ("01ROOM", "p_0123456789abcdef01234567")
        );
        assert_eq!(grant.expires_at, NOW + LIVE_TOKEN_LIFETIME);
        // Within the leeway, then not.
        assert!(t.verify(&token, NOW + LIVE_TOKEN_LIFETIME + LEEWAY).is_ok());
        assert_eq!(
            t.verify(
                &token,
                NOW + LIVE_TOKEN_LIFETIME + LEEWAY + Duration::seconds(1)
            ),
            Err(LiveTokenError::Expired)
        );
    }

    #[test]
    fn another_key_a_tampered_token_and_other_algorithms_are_refused() {
        let t = tokens();
        let token = t.issue("r1", "p_1", NOW).expect("token");
        let other = LiveTokens::from_session_secret(b"another session secret entirely");
        assert_eq!(other.verify(&token, NOW), Err(LiveTokenError::Invalid));
        // Claims swapped for another room, signature kept.
        let parts: Vec<&str> = token.split('.').collect();
        let forged_claims = URL_SAFE_NO_PAD.encode(
            serde_json::json!({"aud": "live", "room": "r2", "sub": "p_1", "iat": 0, "exp": i64::MAX / 2})
                .to_string(),
        );
        let forged = format!("{}.{}.{}", parts[0], forged_claims, parts[2]);
        assert_eq!(t.verify(&forged, NOW), Err(LiveTokenError::Invalid));
        // alg none, and HS512 under the same key.
        let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let unsigned = format!("{none_header}.{}.", parts[1]);
        assert_eq!(t.verify(&unsigned, NOW), Err(LiveTokenError::Invalid));
        let key = super::super::token::derive_key(
            b"a session secret of the test, long enough",
            KEY_LABEL,
        );
        let hs512 = encode(
            &Header::new(Algorithm::HS512),
            &serde_json::json!({"aud": "live", "room": "r1", "sub": "p_1", "iat": 0, "exp": NOW.unix_timestamp() + 60}),
            &EncodingKey::from_secret(&key),
        )
        .expect("hs512");
        assert_eq!(t.verify(&hs512, NOW), Err(LiveTokenError::Invalid));
        // The session cookie's kind of token (no audience) is not a live token.
        let no_aud = encode(
            &Header::new(Algorithm::HS256),
            &serde_json::json!({"room": "r1", "sub": "p_1", "iat": 0, "exp": NOW.unix_timestamp() + 60}),
            &EncodingKey::from_secret(&key),
        )
        .expect("no aud");
        assert_eq!(t.verify(&no_aud, NOW), Err(LiveTokenError::Invalid));
        assert_eq!(t.verify("", NOW), Err(LiveTokenError::Invalid));
        assert_eq!(t.verify("a.b.c", NOW), Err(LiveTokenError::Invalid));
    }

    #[test]
    fn a_hosts_token_says_so_and_others_do_not() {
        let tokens = LiveTokens::new(&[7; 32]);
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("time");
        let host = tokens.issue_host("r1", now).expect("token");
        let grant = tokens.verify(&host, now).expect("valid");
        assert!(grant.host && !grant.moderator);
        assert_eq!(
            (grant.room_id.as_str(), grant.identity.as_str()),
            ("r1", "console")
        );
        let moderator = tokens.issue_for("r1", "p_ab", true, now).expect("token");
        let grant = tokens.verify(&moderator, now).expect("valid");
        assert!(grant.moderator && !grant.host);
    }

    #[test]
    fn the_key_is_never_printed() {
        assert!(!format!("{:?}", tokens()).contains("secret"));
    }
}
