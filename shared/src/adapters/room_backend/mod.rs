//! The live-room backends: LiveKit, Jitsi, any room application (`redirect`), and
//! `none` (today's room page).

pub mod jitsi;
pub mod livekit;
pub mod redirect;

pub use jitsi::JitsiBackend;
pub use livekit::LiveKitBackend;
pub use redirect::{EntryKeys, RedirectBackend};

use crate::config::{RoomBackendKind, RoomBackendSettings};
use crate::domain::{EmailAddress, Role};
use crate::ports::{EntryRequest, RoomBackend, RoomBackendError, RoomEntry};
use async_trait::async_trait;
use std::sync::Arc;

/// `ROOM_BACKEND=none`: no hand-off; the room page stays as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoRoomBackend;

#[async_trait]
impl RoomBackend for NoRoomBackend {
    fn name(&self) -> &'static str {
        "none"
    }
    fn entry(&self, _: &EntryRequest<'_>) -> Result<Option<RoomEntry>, RoomBackendError> {
        Ok(None)
    }
}

/// The secrets of the configured backend (from the environment in local mode, from
/// Secrets Manager in Lambda).
#[derive(Default, Clone)]
pub struct RoomBackendSecrets {
    pub livekit_api_secret: Option<String>,
    pub jitsi_app_secret: Option<String>,
    /// The redirect backend's key seeds (see [`EntryKeys::from_seeds`]).
    pub entry_key_seeds: Option<String>,
}

/// The backend `settings` name, built with its secrets.
pub fn build(
    settings: &RoomBackendSettings,
    public_base_url: &str,
    secrets: RoomBackendSecrets,
) -> Result<Arc<dyn RoomBackend>, String> {
    let missing = |name: &str| {
        format!(
            "setting {name}: is required for ROOM_BACKEND={}",
            settings.kind.as_str()
        )
    };
    Ok(match settings.kind {
        RoomBackendKind::None => Arc::new(NoRoomBackend),
        RoomBackendKind::LiveKit => Arc::new(LiveKitBackend::new(
            settings
                .livekit_url
                .as_deref()
                .ok_or_else(|| missing("LIVEKIT_URL"))?,
            settings
                .livekit_api_key
                .as_deref()
                .ok_or_else(|| missing("LIVEKIT_API_KEY"))?,
            secrets
                .livekit_api_secret
                .as_deref()
                .ok_or_else(|| missing("LIVEKIT_API_SECRET"))?,
            &settings.livekit_meet_url,
        )?),
        RoomBackendKind::Jitsi => Arc::new(JitsiBackend::new(
            settings
                .jitsi_url
                .as_deref()
                .ok_or_else(|| missing("JITSI_URL"))?,
            settings
                .jitsi_app_id
                .as_deref()
                .ok_or_else(|| missing("JITSI_APP_ID"))?,
            secrets
                .jitsi_app_secret
                .as_deref()
                .ok_or_else(|| missing("JITSI_APP_SECRET"))?,
        )?),
        RoomBackendKind::Redirect => Arc::new(RedirectBackend::new(
            public_base_url,
            settings
                .room_app_url
                .as_deref()
                .ok_or_else(|| missing("ROOM_APP_URL"))?,
            EntryKeys::from_seeds(
                secrets
                    .entry_key_seeds
                    .as_deref()
                    .ok_or_else(|| missing("ROOM_ENTRY_KEY"))?,
            )?,
        )?),
    })
}

/// `scheme://host[:port]` of an http(s) URL.
pub(crate) fn origin(url: &reqwest::Url) -> String {
    url.origin().ascii_serialization()
}

/// An http(s) URL from a setting, or a message naming it.
pub(crate) fn parse_url(name: &str, value: &str, schemes: &[&str]) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(value)
        .map_err(|e| format!("setting {name}: {value:?} is not a URL ({e})"))?;
    if !schemes.contains(&url.scheme()) || url.host_str().is_none() {
        return Err(format!(
            "setting {name}: {value:?} must be an absolute {} URL",
            schemes.join(" or ")
        ));
    }
    Ok(url)
}

/// The display name every backend shows: the email's local part.
pub(crate) fn display_name(email: &EmailAddress) -> &str {
    email.as_str().split('@').next().unwrap_or_default()
}

/// `{ "role", "permissions" }` of a role, as LiveKit metadata and entry-token claims.
pub(crate) fn permission_names(role: Role) -> Vec<&'static str> {
    role.permissions().iter().map(|p| p.as_str()).collect()
}
