//! Jitsi Meet with token authentication: the JWT that prosody's token module
//! (`mod_auth_token`) verifies with the app secret (HS256).
//! Claims: <https://github.com/jitsi/lib-jitsi-meet/blob/master/doc/tokens.md>.

use super::{display_name, origin, parse_url};
use crate::domain::Role;
use crate::ports::{EntryRequest, RoomBackend, RoomBackendError, RoomEntry};
use async_trait::async_trait;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde::Serialize;

/// Entry tokens live this long (the contract: at most 10 minutes).
pub const TOKEN_TTL: time::Duration = time::Duration::minutes(10);

pub struct JitsiBackend {
    /// `JITSI_URL` without a trailing slash.
    url: String,
    /// The host of `JITSI_URL`: the token's `sub`.
    host: String,
    origin: String,
    app_id: String,
    secret: EncodingKey,
}

#[derive(Serialize)]
struct User<'a> {
    id: &'a str,
    name: &'a str,
    email: &'a str,
    moderator: bool,
}

#[derive(Serialize)]
struct Context<'a> {
    user: User<'a>,
}

#[derive(Serialize)]
struct Claims<'a> {
    aud: &'a str,
    iss: &'a str,
    sub: &'a str,
    room: &'a str,
    iat: i64,
    nbf: i64,
    exp: i64,
    context: Context<'a>,
}

impl JitsiBackend {
    pub fn new(url: &str, app_id: &str, app_secret: &str) -> Result<Self, String> {
        let parsed = parse_url("JITSI_URL", url, &["https", "http"])?;
        if app_id.is_empty() || app_secret.is_empty() {
            return Err("setting JITSI_APP_ID / JITSI_APP_SECRET: must not be empty".into());
        }
        Ok(JitsiBackend {
            url: url.trim_end_matches('/').to_owned(),
            host: parsed.host_str().unwrap_or_default().to_owned(),
            origin: origin(&parsed),
            app_id: app_id.to_owned(),
            secret: EncodingKey::from_secret(app_secret.as_bytes()),
        })
    }
}

#[async_trait]
impl RoomBackend for JitsiBackend {
    fn name(&self) -> &'static str {
        "jitsi"
    }

    fn entry(&self, r: &EntryRequest<'_>) -> Result<Option<RoomEntry>, RoomBackendError> {
        let expires_at = r.now + TOKEN_TTL;
        let claims = Claims {
            aud: "jitsi",
            iss: &self.app_id,
            sub: &self.host,
            room: r.room_id,
            iat: r.now.unix_timestamp(),
            nbf: r.now.unix_timestamp(),
            exp: expires_at.unix_timestamp(),
            context: Context {
                user: User {
                    id: r.identity,
                    name: display_name(r.email),
                    email: r.email.as_str(),
                    moderator: r.role == Role::Moderator,
                },
            },
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.secret)
            .map_err(|e| RoomBackendError(format!("signing a Jitsi token: {e}")))?;
        Ok(Some(RoomEntry {
            backend: "jitsi",
            url: format!("{}/{}?jwt={}", self.url, r.room_id, token),
            token,
            expires_at,
        }))
    }

    fn frame_origin(&self) -> Option<&str> {
        Some(&self.origin)
    }
}
