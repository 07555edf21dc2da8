//! The waiting room (admission contract, section 4): whom a room's `approval` holds
//! back, the decisions on them, and knocking again after a denial. No I/O: the stores
//! encode these rules in their conditional writes and call these functions on the
//! items as they were to say which rule decided.

use super::admission::Approval;
use super::error::{Error, Result};
use super::participant::Participant;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use utoipa::ToSchema;

/// Where a participant stands: let in, waiting for a host or moderator, or turned away.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdmissionState {
    #[default]
    Admitted,
    Waiting,
    Denied,
}

impl AdmissionState {
    pub fn as_str(self) -> &'static str {
        match self {
            AdmissionState::Admitted => "admitted",
            AdmissionState::Waiting => "waiting",
            AdmissionState::Denied => "denied",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            AdmissionState::Admitted,
            AdmissionState::Waiting,
            AdmissionState::Denied,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// Knocks again after a denial, per participant and room.
pub const MAX_KNOCKS: u32 = 3;
/// A knock comes at least this long after the last denial.
pub const KNOCK_INTERVAL: Duration = Duration::seconds(60);
/// A denial's reason, in characters.
pub const REASON_MAX_CHARS: usize = 200;

impl Approval {
    /// Whether a redemption of an invite with `max_uses` waits for approval.
    pub fn holds_back(self, max_uses: Option<u32>) -> bool {
        match self {
            Approval::None => false,
            Approval::SharedLinks => max_uses != Some(1),
            Approval::Everyone => true,
        }
    }
}

/// A decision of a host or moderator on a waiting participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Admit,
    Deny { reason: Option<String> },
}

impl Decision {
    pub fn state(&self) -> AdmissionState {
        match self {
            Decision::Admit => AdmissionState::Admitted,
            Decision::Deny { .. } => AdmissionState::Denied,
        }
    }
}

/// A denial's reason as given: trimmed, at most 200 characters, no control characters
/// but newlines; empty counts as none.
pub fn denial_reason(reason: Option<&str>) -> Result<Option<String>> {
    let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    if reason.chars().count() > REASON_MAX_CHARS {
        return Err(Error::ValidationFailed(format!(
            "reason must be at most {REASON_MAX_CHARS} characters."
        )));
    }
    if reason.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::ValidationFailed(
            "reason must not contain control characters.".into(),
        ));
    }
    Ok(Some(reason.to_owned()))
}

/// Why a knock is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnockRefusal {
    /// Not denied: already waiting or admitted (nothing to knock for).
    NotDenied,
    /// Three knocks were used, or the last denial was under a minute ago: wait this long
    /// (`None`: no more knocks).
    TooSoon { retry_after: Option<u64> },
}

/// The one statement of the knock rules: `None` when `p` may knock at `now`.
pub fn knock_refusal(p: &Participant, now: OffsetDateTime) -> Option<KnockRefusal> {
    if p.admission != AdmissionState::Denied {
        return Some(KnockRefusal::NotDenied);
    }
    if p.knocks >= MAX_KNOCKS {
        return Some(KnockRefusal::TooSoon { retry_after: None });
    }
    let allowed_at = p.decided_at.unwrap_or(now) + KNOCK_INTERVAL;
    if now < allowed_at {
        let wait = (allowed_at - now).whole_seconds().max(1);
        return Some(KnockRefusal::TooSoon {
            retry_after: u64::try_from(wait).ok(),
        });
    }
    None
}

impl From<KnockRefusal> for Error {
    fn from(r: KnockRefusal) -> Self {
        match r {
            KnockRefusal::NotDenied => Error::NotFound,
            KnockRefusal::TooSoon { retry_after } => Error::TooManyRequests {
                // No knock left: come back never; say an hour (clients back off).
                retry_after: retry_after.unwrap_or(3_600),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EmailAddress, Role};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-03 10:00 UTC);

    fn denied(at: OffsetDateTime, knocks: u32) -> Participant {
        Participant {
            room_id: "r".into(),
            email: EmailAddress::parse("ann@example.com").unwrap(),
            role: Role::Viewer,
            joined_at: NOW,
            updated_at: NOW,
            admission: AdmissionState::Denied,
            denial_reason: None,
            decided_at: Some(at),
            knocks,
        }
    }

    #[test]
    fn approval_holds_back_whom_it_names() {
        assert!(!Approval::None.holds_back(None));
        assert!(Approval::SharedLinks.holds_back(None));
        assert!(Approval::SharedLinks.holds_back(Some(50)));
        assert!(!Approval::SharedLinks.holds_back(Some(1)));
        assert!(Approval::Everyone.holds_back(Some(1)));
    }

    #[test]
    fn knocks_wait_a_minute_and_stop_after_three() {
        assert_eq!(
            knock_refusal(&denied(NOW, 0), NOW + Duration::seconds(20)),
            Some(KnockRefusal::TooSoon {
                retry_after: Some(40)
            })
        );
        assert_eq!(knock_refusal(&denied(NOW, 2), NOW + KNOCK_INTERVAL), None);
        assert_eq!(
            knock_refusal(&denied(NOW, 3), NOW + Duration::hours(1)),
            Some(KnockRefusal::TooSoon { retry_after: None })
        );
        let mut waiting = denied(NOW, 0);
        waiting.admission = AdmissionState::Waiting;
        assert_eq!(
            knock_refusal(&waiting, NOW + Duration::hours(1)),
            Some(KnockRefusal::NotDenied)
        );
    }

    #[test]
    fn reasons_are_short_text() {
        assert_eq!(denial_reason(None).unwrap(), None);
        assert_eq!(denial_reason(Some("  ")).unwrap(), None);
        assert_eq!(
            denial_reason(Some(" Members only ")).unwrap().as_deref(),
            Some("Members only")
        );
        assert!(denial_reason(Some(&"x".repeat(201))).is_err());
        assert!(denial_reason(Some("a\u{7}b")).is_err());
    }
}
