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
    pub identity: IdentitySettings,
    pub session_secret: Option<String>,
    pub data_dir: PathBuf,
    pub outbox_dir: PathBuf,
    pub policy: DomainPolicy,
    pub mail_from: String,
    pub room_backend: RoomBackendSettings,
    /// `PARTICIPANT_INVITE_LIMIT`: invites per participant per room (0: feature off).
    pub participant_invite_limit: u32,
    /// `ADMISSION_CODE_TTL_S`: the life of a one-time code (`verify: code` rooms).
    pub admission_code_ttl: time::Duration,
    /// `MAIL_RETRY_HOURS` (default 24, 1 to 72): how long an email refused for a
    /// transient reason is retried before its invite shows `delivery: failed`;
    /// `MAIL_RETRY_FIRST_S` (default 60): the wait before its first retry, doubled for
    /// each one after it up to an hour.
    pub mail_retry: crate::domain::mail_retry::MailRetryPolicy,
    /// `INVITEE_OIDC_ISSUER` and `INVITEE_OIDC_CLIENT_ID`: the invitees' sign-in
    /// (`verify: sso`). Its secret (`INVITEE_OIDC_CLIENT_SECRET`, optional) is read by
    /// each runtime in its own way.
    pub invitee_oidc: Option<InviteeOidcSettings>,
    /// `HOST_OIDC_CLIENT_ID` and `HOST_OIDC_SCOPES`: the host console's sign-in at the
    /// hosts' provider (`HOST_JWT_ISSUER`). Its secret (`HOST_OIDC_CLIENT_SECRET`,
    /// optional) is read by each runtime in its own way.
    pub host_oidc: Option<HostOidcSettings>,
}

/// The host console's OpenID Connect client at the hosts' provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostOidcSettings {
    pub client_id: String,
    /// Scopes asked for besides `openid` (`HOST_OIDC_SCOPES`, space-separated; default
    /// `email`).
    pub scopes: Vec<String>,
}

impl HostOidcSettings {
    /// Set when `HOST_OIDC_CLIENT_ID` is; it needs `HOST_JWT_ISSUER`.
    pub fn from_env(identity: &IdentitySettings) -> Result<Option<Self>, ConfigError> {
        let Some(client_id) = var("HOST_OIDC_CLIENT_ID") else {
            return Ok(None);
        };
        if identity.issuer.is_none() {
            return Err(ConfigError {
                name: "HOST_OIDC_CLIENT_ID",
                problem: "needs HOST_JWT_ISSUER (the hosts' provider)".into(),
            });
        }
        let scopes = var("HOST_OIDC_SCOPES")
            .unwrap_or_else(|| "email".into())
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        Ok(Some(HostOidcSettings { client_id, scopes }))
    }
}

/// The organization's OpenID Connect provider for invitees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteeOidcSettings {
    pub issuer: String,
    pub client_id: String,
}

impl InviteeOidcSettings {
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        let issuer = http_url("INVITEE_OIDC_ISSUER", var("INVITEE_OIDC_ISSUER"))?;
        match (issuer, var("INVITEE_OIDC_CLIENT_ID")) {
            (None, None) => Ok(None),
            (Some(issuer), Some(client_id)) => Ok(Some(InviteeOidcSettings { issuer, client_id })),
            (Some(_), None) => Err(ConfigError {
                name: "INVITEE_OIDC_CLIENT_ID",
                problem: "is required with INVITEE_OIDC_ISSUER".into(),
            }),
            (None, Some(_)) => Err(ConfigError {
                name: "INVITEE_OIDC_ISSUER",
                problem: "is required with INVITEE_OIDC_CLIENT_ID".into(),
            }),
        }
    }
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
        let participant_invite_limit = match var("PARTICIPANT_INVITE_LIMIT") {
            None => crate::domain::guest_invite::DEFAULT_PARTICIPANT_INVITE_LIMIT,
            Some(v) => v.parse().map_err(|_| ConfigError {
                name: "PARTICIPANT_INVITE_LIMIT",
                problem: format!("{v:?} is not a whole number of 0 or more"),
            })?,
        };
        let admission_code_ttl = match var("ADMISSION_CODE_TTL_S") {
            None => crate::domain::admission::DEFAULT_CODE_TTL,
            Some(v) => match v.parse::<i64>() {
                Ok(s) if (10..=86_400).contains(&s) => time::Duration::seconds(s),
                _ => {
                    return Err(ConfigError {
                        name: "ADMISSION_CODE_TTL_S",
                        problem: format!("{v:?} is not a number of seconds from 10 to 86400"),
                    })
                }
            },
        };
        let mut mail_retry = crate::domain::mail_retry::MailRetryPolicy::default();
        if let Some(v) = var("MAIL_RETRY_HOURS") {
            match v.parse::<i64>() {
                Ok(h) if (1..=72).contains(&h) => mail_retry.window = time::Duration::hours(h),
                _ => {
                    return Err(ConfigError {
                        name: "MAIL_RETRY_HOURS",
                        problem: format!("{v:?} is not a number of hours from 1 to 72"),
                    })
                }
            }
        }
        if let Some(v) = var("MAIL_RETRY_FIRST_S") {
            match v.parse::<i64>() {
                Ok(s) if (1..=3600).contains(&s) => {
                    mail_retry.first_delay = time::Duration::seconds(s)
                }
                _ => {
                    return Err(ConfigError {
                        name: "MAIL_RETRY_FIRST_S",
                        problem: format!("{v:?} is not a number of seconds from 1 to 3600"),
                    })
                }
            }
        }
        let identity = IdentitySettings::from_env()?;
        Ok(Settings {
            port,
            public_base_url,
            host_jwt_secret: var("HOST_JWT_SECRET"),
            host_oidc: HostOidcSettings::from_env(&identity)?,
            identity,
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
            participant_invite_limit,
            admission_code_ttl,
            mail_retry,
            invitee_oidc: InviteeOidcSettings::from_env()?,
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }
}

/// Host identity (integrations.md §1): the organization's OpenID Connect provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentitySettings {
    /// `HOST_JWT_ISSUER`: every host token must carry exactly this `iss`; with it, tokens
    /// signed by the provider's published keys are accepted.
    pub issuer: Option<String>,
    /// `HOST_JWKS_URL`: the JWKS itself (no discovery).
    pub jwks_url: Option<String>,
    /// `HOST_JWT_AUDIENCE`, comma-separated; empty: not checked.
    pub audiences: Vec<String>,
    /// `HOST_ORG_CLAIM`.
    pub org_claim: String,
    /// `HOST_WRITE_SCOPE`.
    pub write_scope: String,
}

impl Default for IdentitySettings {
    fn default() -> Self {
        IdentitySettings {
            issuer: None,
            jwks_url: None,
            audiences: Vec::new(),
            org_claim: "org".into(),
            write_scope: "rooms:write".into(),
        }
    }
}

fn http_url(name: &'static str, value: Option<String>) -> Result<Option<String>, ConfigError> {
    match value {
        Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => Err(ConfigError {
            name,
            problem: format!("{u:?} must start with https:// (or http:// for a local provider)"),
        }),
        other => Ok(other),
    }
}

impl IdentitySettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        let issuer = var("HOST_JWT_ISSUER");
        let jwks_url = http_url("HOST_JWKS_URL", var("HOST_JWKS_URL"))?;
        if jwks_url.is_some() && issuer.is_none() {
            return Err(ConfigError {
                name: "HOST_JWKS_URL",
                problem: "needs HOST_JWT_ISSUER (the iss its tokens carry)".into(),
            });
        }
        // With discovery the issuer is fetched from, so it must be a URL.
        let issuer = if jwks_url.is_none() {
            http_url("HOST_JWT_ISSUER", issuer)?
        } else {
            issuer
        };
        Ok(IdentitySettings {
            issuer,
            jwks_url,
            audiences: var("HOST_JWT_AUDIENCE")
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect(),
            org_claim: var("HOST_ORG_CLAIM").unwrap_or_else(|| "org".into()),
            write_scope: var("HOST_WRITE_SCOPE").unwrap_or_else(|| "rooms:write".into()),
        })
    }

    /// Whether tokens of an identity provider are accepted (`HOST_JWT_ISSUER` set).
    pub fn uses_provider(&self) -> bool {
        self.issuer.is_some()
    }
}
