//! Participants: an admitted email in a room, with its current role.

use super::email::EmailAddress;
use super::role::{Permission, Role};
use super::time_fmt::rfc3339;
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    #[serde(skip)]
    pub room_id: String,
    pub email: EmailAddress,
    pub role: Role,
    #[serde(with = "rfc3339")]
    pub joined_at: OffsetDateTime,
    #[serde(with = "rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// The body of `GET /rooms/{id}/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Me {
    pub email: EmailAddress,
    pub role: Role,
    pub permissions: Vec<Permission>,
}

impl Participant {
    pub fn me(&self) -> Me {
        Me {
            email: self.email.clone(),
            role: self.role,
            permissions: self.role.permissions().to_vec(),
        }
    }
}

/// The result of a successful redemption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admission {
    pub participant: Participant,
    /// The role before this redemption; `None` for a first admission.
    pub previous_role: Option<Role>,
}

impl Admission {
    pub fn role_changed(&self) -> bool {
        self.previous_role
            .is_some_and(|r| r != self.participant.role)
    }
}
