//! Domain events, published after the state change they describe. They carry ids,
//! emails, roles and times, never a token or a link.

use super::email::EmailAddress;
use super::role::Role;
use super::time_fmt::rfc3339;
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "detail")]
pub enum DomainEvent {
    InviteIssued {
        room_id: String,
        invite_id: String,
        email: EmailAddress,
        role: Role,
        #[serde(with = "rfc3339")]
        expires_at: OffsetDateTime,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    InviteRedeemed {
        room_id: String,
        invite_id: String,
        email: EmailAddress,
        role: Role,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    InviteRevoked {
        room_id: String,
        invite_id: String,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    ParticipantRoleChanged {
        room_id: String,
        email: EmailAddress,
        from: Role,
        to: Role,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    SessionStarted {
        room_id: String,
        #[serde(with = "rfc3339")]
        starts_at: OffsetDateTime,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    /// A scheduled room's start moved.
    RoomRescheduled {
        room_id: String,
        #[serde(with = "rfc3339")]
        starts_at: OffsetDateTime,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    RoomDeleted {
        room_id: String,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    /// A one-time code was mailed to an invite's address (never the code itself).
    AdmissionCodeSent {
        room_id: String,
        invite_id: String,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    /// A participant started waiting for approval (a redemption held back, or a knock).
    ParticipantKnocked {
        room_id: String,
        email: EmailAddress,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    /// A host or moderator let a waiting participant in, after `waited_seconds`.
    ParticipantAdmitted {
        room_id: String,
        email: EmailAddress,
        waited_seconds: u64,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    /// A host or moderator turned a waiting participant away.
    ParticipantDenied {
        room_id: String,
        email: EmailAddress,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    /// An invitee's sign-in at the organization's provider: `admitted`, `mismatch`
    /// (another address), `refused` (the link refused it), `failed`, `unavailable`.
    InviteeSignIn {
        room_id: String,
        invite_id: String,
        outcome: String,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
    /// A typed code was wrong (`attempts_left` 0: the code is now void) or void.
    AdmissionCodeRejected {
        room_id: String,
        invite_id: String,
        attempts_left: u32,
        #[serde(with = "rfc3339")]
        at: OffsetDateTime,
    },
}

impl DomainEvent {
    /// The event's name (EventBridge `detail-type`).
    pub fn name(&self) -> &'static str {
        match self {
            DomainEvent::InviteIssued { .. } => "InviteIssued",
            DomainEvent::InviteRedeemed { .. } => "InviteRedeemed",
            DomainEvent::InviteRevoked { .. } => "InviteRevoked",
            DomainEvent::ParticipantRoleChanged { .. } => "ParticipantRoleChanged",
            DomainEvent::SessionStarted { .. } => "SessionStarted",
            DomainEvent::RoomRescheduled { .. } => "RoomRescheduled",
            DomainEvent::RoomDeleted { .. } => "RoomDeleted",
            DomainEvent::AdmissionCodeSent { .. } => "AdmissionCodeSent",
            DomainEvent::InviteeSignIn { .. } => "InviteeSignIn",
            DomainEvent::ParticipantKnocked { .. } => "ParticipantKnocked",
            DomainEvent::ParticipantAdmitted { .. } => "ParticipantAdmitted",
            DomainEvent::ParticipantDenied { .. } => "ParticipantDenied",
            DomainEvent::AdmissionCodeRejected { .. } => "AdmissionCodeRejected",
        }
    }

    /// The event's `detail` as JSON.
    pub fn detail(&self) -> serde_json::Value {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("detail").cloned())
            .unwrap_or_default()
    }
}
