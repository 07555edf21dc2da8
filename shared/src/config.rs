//! Settings from the environment (the contract's table), with one clear error naming
//! the variable that is wrong.

use crate::domain::DomainPolicy;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("setting {name}: {problem}")]
pub struct ConfigError {
    pub name: &'static str,
    pub problem: String,
}

/// Reads a variable; empty counts as unset.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

pub fn required(name: &'static str) -> Result<String, ConfigError> {
    var(name).ok_or(ConfigError {
        name,
        problem: "is required but not set".into(),
    })
}

/// The settings of local mode; the functions read the same names where they apply.
#[derive(Debug, Clone)]
pub struct Settings {
    pub port: u16,
    pub public_base_url: String,
    pub host_jwt_secret: Option<String>,
    pub host_jwt_issuer: Option<String>,
    pub host_jwt_audience: Option<String>,
    pub session_secret: Option<String>,
    pub data_dir: PathBuf,
    pub outbox_dir: PathBuf,
    pub policy: DomainPolicy,
    pub mail_from: String,
    pub room_backend: RoomBackendSettings,
}

/// `ROOM_BACKEND`: where admitted participants enter the live room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoomBackendKind {
    #[default]
    None,
    LiveKit,
    Jitsi,
    Redirect,
}

impl RoomBackendKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoomBackendKind::None => "none",
            RoomBackendKind::LiveKit => "livekit",
            RoomBackendKind::Jitsi => "jitsi",
            RoomBackendKind::Redirect => "redirect",
        }
    }
}

/// The live-room backend's settings without its secrets (`LIVEKIT_API_SECRET`,
/// `JITSI_APP_SECRET`, `ROOM_ENTRY_KEY`), which local mode and the functions read
/// each in their own way.
#[derive(Debug, Clone, Default)]
pub struct RoomBackendSettings {
    pub kind: RoomBackendKind,
    pub livekit_url: Option<String>,
    pub livekit_api_key: Option<String>,
    /// LiveKit's web client for a given server and token (`{…}/custom?liveKitUrl=&token=`).
    pub livekit_meet_url: String,
    pub jitsi_url: Option<String>,
    pub jitsi_app_id: Option<String>,
    pub room_app_url: Option<String>,
}

pub const DEFAULT_LIVEKIT_MEET_URL: &str = "https://meet.livekit.io";

impl RoomBackendSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        let kind = match var("ROOM_BACKEND").as_deref() {
            None | Some("none") => RoomBackendKind::None,
            Some("livekit") => RoomBackendKind::LiveKit,
            Some("jitsi") => RoomBackendKind::Jitsi,
            Some("redirect") => RoomBackendKind::Redirect,
            Some(other) => {
                return Err(ConfigError {
                    name: "ROOM_BACKEND",
                    problem: format!("{other:?} is not one of none, livekit, jitsi, redirect"),
                })
            }
        };
        let needed = |name: &'static str, for_kind: RoomBackendKind| {
            let value = var(name);
            if kind == for_kind && value.is_none() {
                return Err(ConfigError {
                    name,
                    problem: format!("is required for ROOM_BACKEND={}", kind.as_str()),
                });
            }
            Ok(value)
        };
        Ok(RoomBackendSettings {
            kind,
            livekit_url: needed("LIVEKIT_URL", RoomBackendKind::LiveKit)?,
            livekit_api_key: needed("LIVEKIT_API_KEY", RoomBackendKind::LiveKit)?,
            livekit_meet_url: var("LIVEKIT_MEET_URL")
                .unwrap_or_else(|| DEFAULT_LIVEKIT_MEET_URL.into()),
            jitsi_url: needed("JITSI_URL", RoomBackendKind::Jitsi)?,
            jitsi_app_id: needed("JITSI_APP_ID", RoomBackendKind::Jitsi)?,
            room_app_url: needed("ROOM_APP_URL", RoomBackendKind::Redirect)?,
        })
    }
}

impl Settings {
    pub fn from_env() -> Result<Self, ConfigError> {
        let port = match var("PORT") {
            None => 3000,
            Some(p) => p.parse().map_err(|_| ConfigError {
                name: "PORT",
                problem: format!("{p:?} is not a port number"),
            })?,
        };
        let public_base_url = match var("PUBLIC_BASE_URL") {
            None => format!("http://127.0.0.1:{port}"),
            Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
                u.trim_end_matches('/').to_owned()
            }
            Some(u) => {
                return Err(ConfigError {
                    name: "PUBLIC_BASE_URL",
                    problem: format!("{u:?} must start with http:// or https://"),
                })
            }
        };
        Ok(Settings {
            port,
            public_base_url,
            host_jwt_secret: var("HOST_JWT_SECRET"),
            host_jwt_issuer: var("HOST_JWT_ISSUER"),
            host_jwt_audience: var("HOST_JWT_AUDIENCE"),
            session_secret: var("SESSION_SECRET"),
            data_dir: var("DATA_DIR").unwrap_or_else(|| "./.data".into()).into(),
            outbox_dir: var("OUTBOX_DIR")
                .unwrap_or_else(|| "./outbox".into())
                .into(),
            policy: DomainPolicy::from_lists(
                &var("BLOCKED_EMAIL_DOMAINS").unwrap_or_default(),
                &var("ALLOWED_EMAIL_DOMAINS").unwrap_or_default(),
            ),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "Room invitations <invites@localhost.localdomain>".into()),
            room_backend: RoomBackendSettings::from_env()?,
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }
}
