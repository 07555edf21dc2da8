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
    /// `PARTICIPANT_INVITE_LIMIT`: invites per participant per room (0: feature off).
    pub participant_invite_limit: u32,
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
            participant_invite_limit,
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }
}
