//! LiveKit: access tokens with video grants by role (HS256 with the API secret), and
//! RoomService `UpdateParticipant` over Twirp (JSON) when a role changes.
//! Protocol: <https://docs.livekit.io/home/get-started/authentication/> and
//! <https://docs.livekit.io/reference/server/server-apis/>.

use super::{display_name, origin, parse_url, permission_names};
use crate::domain::Role;
use crate::ports::{EntryRequest, RoleSync, RoomBackend, RoomBackendError, RoomEntry};
use async_trait::async_trait;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde::Serialize;
use std::time::Duration;
use time::OffsetDateTime;

/// Participant tokens live this long (the contract: at most 10 minutes). LiveKit
/// refreshes the token of a connected participant itself.
pub const TOKEN_TTL: time::Duration = time::Duration::minutes(10);
/// The RoomService call's own admin token.
const ADMIN_TOKEN_TTL: time::Duration = time::Duration::minutes(1);

pub struct LiveKitBackend {
    /// `LIVEKIT_URL` as given (`wss://…`): what clients connect to.
    url: String,
    /// `{LIVEKIT_URL as https}/twirp/livekit.RoomService/UpdateParticipant`.
    update_url: reqwest::Url,
    api_key: String,
    secret: EncodingKey,
    meet_origin: String,
    /// `{LIVEKIT_MEET_URL}/custom`: LiveKit Meet's page for a given server and token.
    meet_page: String,
    http: reqwest::Client,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VideoGrant<'a> {
    room: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    room_join: Option<bool>,
    room_admin: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    can_publish: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    can_subscribe: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    can_publish_data: Option<bool>,
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    nbf: i64,
    exp: i64,
    video: VideoGrant<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<String>,
}

/// The `ParticipantPermission` of a role (the same grants as the access token).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Permission {
    can_subscribe: bool,
    can_publish: bool,
    can_publish_data: bool,
}

#[derive(Serialize)]
struct UpdateParticipant<'a> {
    room: &'a str,
    identity: &'a str,
    metadata: String,
    permission: Permission,
}

fn can_publish(role: Role) -> bool {
    matches!(role, Role::Speaker | Role::Moderator)
}

/// `{ "role", "permissions" }` as the participant's metadata string.
fn metadata(role: Role) -> String {
    serde_json::json!({ "role": role.as_str(), "permissions": permission_names(role) }).to_string()
}

impl LiveKitBackend {
    pub fn new(url: &str, api_key: &str, api_secret: &str, meet_url: &str) -> Result<Self, String> {
        let parsed = parse_url("LIVEKIT_URL", url, &["wss", "ws", "https", "http"])?;
        let mut api = parsed.clone();
        let scheme = match parsed.scheme() {
            "wss" | "https" => "https",
            _ => "http",
        };
        api.set_scheme(scheme)
            .map_err(|_| "setting LIVEKIT_URL: cannot be turned into an http(s) URL".to_owned())?;
        let base = api.as_str().trim_end_matches('/').to_owned();
        let update_url = reqwest::Url::parse(&format!(
            "{base}/twirp/livekit.RoomService/UpdateParticipant"
        ))
        .map_err(|e| format!("setting LIVEKIT_URL: {e}"))?;
        let meet = parse_url("LIVEKIT_MEET_URL", meet_url, &["https", "http"])?;
        // Bounded so that three attempts and their back-off (≤ 6.6 s) fit in the
        // functions' 10 s timeout along with the request's own work.
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(1))
            .timeout(Duration::from_secs(2))
            .build()
            .map_err(|e| format!("LiveKit HTTP client: {e}"))?;
        if api_key.is_empty() || api_secret.is_empty() {
            return Err("setting LIVEKIT_API_KEY / LIVEKIT_API_SECRET: must not be empty".into());
        }
        Ok(LiveKitBackend {
            url: url.trim_end_matches('/').to_owned(),
            update_url,
            api_key: api_key.to_owned(),
            secret: EncodingKey::from_secret(api_secret.as_bytes()),
            meet_origin: origin(&meet),
            meet_page: format!("{}/custom", meet.as_str().trim_end_matches('/')),
            http,
        })
    }

    fn sign(&self, claims: &Claims<'_>) -> Result<String, RoomBackendError> {
        encode(&Header::new(Algorithm::HS256), claims, &self.secret)
            .map_err(|e| RoomBackendError(format!("signing a LiveKit token: {e}")))
    }

    /// The token that authorizes RoomService calls for one room.
    fn admin_token(&self, room_id: &str, now: OffsetDateTime) -> Result<String, RoomBackendError> {
        self.sign(&Claims {
            iss: &self.api_key,
            sub: &self.api_key,
            name: None,
            nbf: now.unix_timestamp(),
            exp: (now + ADMIN_TOKEN_TTL).unix_timestamp(),
            video: VideoGrant {
                room: room_id,
                room_join: None,
                room_admin: true,
                can_publish: None,
                can_subscribe: None,
                can_publish_data: None,
            },
            metadata: None,
        })
    }
}

#[async_trait]
impl RoomBackend for LiveKitBackend {
    fn name(&self) -> &'static str {
        "livekit"
    }

    fn entry(&self, r: &EntryRequest<'_>) -> Result<Option<RoomEntry>, RoomBackendError> {
        let expires_at = r.now + TOKEN_TTL;
        let token = self.sign(&Claims {
            iss: &self.api_key,
            sub: r.identity,
            name: Some(display_name(r.email)),
            nbf: r.now.unix_timestamp(),
            exp: expires_at.unix_timestamp(),
            video: VideoGrant {
                room: r.room_id,
                room_join: Some(true),
                room_admin: r.role == Role::Moderator,
                can_publish: Some(can_publish(r.role)),
                can_subscribe: Some(true),
                can_publish_data: Some(true),
            },
            metadata: Some(metadata(r.role)),
        })?;
        Ok(Some(RoomEntry {
            backend: "livekit",
            url: self.url.clone(),
            token,
            expires_at,
        }))
    }

    async fn update_participant(
        &self,
        room_id: &str,
        identity: &str,
        role: Role,
    ) -> Result<RoleSync, RoomBackendError> {
        let token = self.admin_token(room_id, OffsetDateTime::now_utc())?;
        let body = UpdateParticipant {
            room: room_id,
            identity,
            metadata: metadata(role),
            permission: Permission {
                can_subscribe: true,
                can_publish: can_publish(role),
                can_publish_data: true,
            },
        };
        let response = self
            .http
            .post(self.update_url.clone())
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .map_err(|e| {
                RoomBackendError(format!("LiveKit UpdateParticipant: {}", e.without_url()))
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(RoleSync::Applied);
        }
        // A Twirp error: `{ "code": "not_found", "msg": "participant not found" }`.
        let text = response.text().await.unwrap_or_default();
        let code = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["code"].as_str().map(str::to_owned))
            .unwrap_or_default();
        if status == reqwest::StatusCode::NOT_FOUND || code == "not_found" {
            return Ok(RoleSync::NotInRoom);
        }
        let code = if code.is_empty() { "-".into() } else { code };
        Err(RoomBackendError(format!(
            "LiveKit UpdateParticipant answered {} (twirp code {code})",
            status.as_u16()
        )))
    }

    fn frame_origin(&self) -> Option<&str> {
        Some(&self.meet_origin)
    }

    fn client_page(&self) -> Option<&str> {
        Some(&self.meet_page)
    }
}
