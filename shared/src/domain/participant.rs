//! Participants: an admitted email in a room, with its current role.

use super::email::EmailAddress;
use super::role::{Permission, Role};
use super::time_fmt::rfc3339;
use super::waiting_room::AdmissionState;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use time::OffsetDateTime;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"email": "ann@example.com", "role": "speaker",
    "joined_at": "2030-12-01T14:55:00Z", "updated_at": "2030-12-01T14:55:00Z",
    "admission": "admitted"}))]
pub struct Participant {
    #[serde(skip)]
    pub room_id: String,
    #[schema(value_type = String, format = Email)]
    pub email: EmailAddress,
    pub role: Role,
    #[serde(with = "rfc3339")]
    pub joined_at: OffsetDateTime,
    #[serde(with = "rfc3339")]
    pub updated_at: OffsetDateTime,
    /// `admitted`, `waiting` (for a host or moderator) or `denied`.
    pub admission: AdmissionState,
    /// Why a denied participant was turned away, when the decision said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denial_reason: Option<String>,
    /// The last decision (admit or deny) on this participant.
    #[serde(skip)]
    pub decided_at: Option<OffsetDateTime>,
    /// Knocks again after a denial.
    #[serde(skip)]
    pub knocks: u32,
}

/// The body of `GET /rooms/{id}/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"email": "ann@example.com", "role": "speaker",
    "permissions": ["live", "chat", "qa", "interactions", "backchannel"], "admission": "admitted"}))]
pub struct Me {
    #[schema(value_type = String, format = Email)]
    pub email: EmailAddress,
    pub role: Role,
    pub permissions: Vec<Permission>,
    /// `waiting` and `denied` participants do not enter the room yet.
    pub admission: AdmissionState,
}

impl Participant {
    /// A participant as a redemption first stores them.
    pub fn new(
        room_id: &str,
        email: &EmailAddress,
        role: Role,
        admission: AdmissionState,
        now: OffsetDateTime,
    ) -> Self {
        Participant {
            room_id: room_id.to_owned(),
            email: email.clone(),
            role,
            joined_at: now,
            updated_at: now,
            admission,
            denial_reason: None,
            decided_at: None,
            knocks: 0,
        }
    }

    pub fn me(&self) -> Me {
        Me {
            email: self.email.clone(),
            role: self.role,
            permissions: self.role.permissions().to_vec(),
            admission: self.admission,
        }
    }

    pub fn is_admitted(&self) -> bool {
        self.admission == AdmissionState::Admitted
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

/// The participant's identity in every live-room backend and in `created_by` of the
/// invites they issue: `p_` + the first 24 hex characters of
/// HMAC-SHA256(session secret, room id + email). Stable for one person in one room, the
/// same in every process that shares the secret, and not the email.
pub fn participant_identity(key: &[u8], room_id: &str, email: &EmailAddress) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(room_id.as_bytes());
    mac.update(email.as_str().as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut id = String::with_capacity(26);
    id.push_str("p_");
    for byte in &digest[..12] {
        id.push_str(&format!("{byte:02x}"));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_is_stable_per_room_and_hides_the_email() {
        let ann = EmailAddress::parse("Ann@Example.com").unwrap();
        let a = participant_identity(b"secret", "room1", &ann);
        assert_eq!(a.len(), 26);
        assert!(a.starts_with("p_"));
        assert!(a[2..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(a, participant_identity(b"secret", "room1", &ann));
        assert_ne!(a, participant_identity(b"secret", "room2", &ann));
        assert_ne!(a, participant_identity(b"other", "room1", &ann));
        assert!(!a.contains("ann"));
        // HMAC-SHA256("secret", "room1" + "ann@example.com"), computed independently
        // with Python's hmac module.
        assert_eq!(a, format!("p_{}", &EXPECTED_HEX[..24]));
    }

    const EXPECTED_HEX: &str = "0c897254eacefd9157d92e2839195bbd57cc11f2a47cf7057d99450dc4f07765";
}
