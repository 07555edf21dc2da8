//! The use cases. Each takes its dependencies through the ports, so the same code runs
//! on the embedded adapters (local mode, tests) and on AWS.

mod admission;
mod branding;
mod calendar_file;
#[cfg(test)]
mod fixtures;
mod guest_invites;
mod invites;
mod listing;
mod live;
mod mail_events;
mod mail_retries;
mod mailings;
mod notifications;
mod participants;
mod previews;
mod public_rooms;
mod redeem;
mod room_entry;
mod rooms;
mod session_start;
mod sign_in;
mod unsubscribe;
mod waiting_room;

pub use admission::Redeemed;
pub use branding::BrandingUpdate;
pub use calendar_file::{calendar, CalendarMethod};
pub use guest_invites::GuestInviteRequest;
pub use invites::{BulkItem, IssueOptions};
pub use listing::{Export, ListPage, ListQuery};
pub use live::{current_state, is_moderator, live_messages};
pub use mail_events::MailEventOutcome;
pub use mail_retries::{link_version, MailRetry, RetriedEmail, RetryOutcome};
pub use mailings::{recipients, Job, Mailing, MailingKind, MailingOutcome, PAGE};
pub use notifications::{
    admission_code_email, cancel_email, guest_invitation_email, invitation_email, reminder_email,
    role_change_email, update_email,
};
pub use previews::PREVIEW_KINDS;
pub use public_rooms::{PublicRooms, PAST_START_TTL, PUBLIC_ROOM_TTL};
pub use redeem::{JoinView, LinkOpened, RoomPage};
pub use room_entry::ROLE_SYNC_ATTEMPTS;
pub use session_start::{SessionStart, StartOutcome};
pub use waiting_room::{ModeratorWaitingEntry, WaitingEntry};

use crate::domain::{DomainPolicy, Error};
use crate::ports::{
    Clock, EventPublisher, ExportFiles, LiveChannel, MailQueue, Mailer, RoomBackend,
    SessionScheduler, Store, StoreError, WriteError,
};
use std::sync::Arc;

/// Settings the use cases need.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Origin of emailed links, without a trailing slash.
    pub public_base_url: String,
    pub policy: DomainPolicy,
    /// Server key for links that a retried request must be able to show again.
    pub link_key: Vec<u8>,
    /// The sender's address (from `MAIL_FROM`): the calendar event's `ORGANIZER`.
    pub organizer: String,
    /// Key of the participant identities (the session secret; see
    /// [`crate::domain::participant_identity`]).
    pub identity_key: Vec<u8>,
    /// Server key of list cursors; stable across the instances that serve the lists.
    pub list_key: Vec<u8>,
    /// `PARTICIPANT_INVITE_LIMIT`: invites each participant may issue per room; 0 turns
    /// invitations from inside the room off.
    pub participant_invite_limit: u32,
    /// The admission settings' deployment side (codes, the invitees' sign-in).
    pub admission: AdmissionConfig,
    /// The backoff and window of queued emails (`MAIL_RETRY_HOURS`).
    pub mail_retry: crate::domain::mail_retry::MailRetryPolicy,
    /// Key of the one-click unsubscribe links of room mail (empty: no such links).
    pub unsubscribe_key: Vec<u8>,
}

/// What admission needs from the deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdmissionConfig {
    /// `ADMISSION_CODE_TTL_S`: how long a one-time code of a `verify: code` room lives.
    pub code_ttl: time::Duration,
    /// Whether the invitees' identity provider (`INVITEE_OIDC_ISSUER`) is configured.
    pub sso: bool,
}

impl Default for AdmissionConfig {
    fn default() -> Self {
        AdmissionConfig {
            code_ttl: crate::domain::admission::DEFAULT_CODE_TTL,
            sso: false,
        }
    }
}

impl AppConfig {
    /// What this deployment offers the rooms' admission settings.
    pub fn admission_offer(&self) -> crate::domain::admission::AdmissionOffer {
        crate::domain::admission::AdmissionOffer {
            sso: self.admission.sso,
            waiting_room: true,
        }
    }

    /// The address of a `MAIL_FROM` such as `Room invitations <invites@example.org>`.
    pub fn address_of(mail_from: &str) -> String {
        match (mail_from.rfind('<'), mail_from.rfind('>')) {
            (Some(a), Some(b)) if a < b => mail_from[a + 1..b].trim().to_owned(),
            _ => mail_from.trim().to_owned(),
        }
    }

    pub fn join_url(&self, token: &str) -> String {
        format!("{}/join/{}", self.public_base_url, token)
    }

    /// The participant's identity in the live-room backends and in `created_by`.
    pub fn participant_identity(
        &self,
        room_id: &str,
        email: &crate::domain::EmailAddress,
    ) -> String {
        crate::domain::participant_identity(&self.identity_key, room_id, email)
    }
}

/// The authenticated host of a host-API request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    pub sub: String,
    pub org: String,
    pub email: Option<String>,
    /// `false` for a token whose `scope` lacks `rooms:write`.
    pub can_write: bool,
}

impl Host {
    pub fn require_write(&self) -> Result<(), Error> {
        if self.can_write {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// Every port the use cases use.
#[derive(Clone)]
pub struct App {
    pub store: Arc<dyn Store>,
    pub mailer: Arc<dyn Mailer>,
    /// Where emails refused for a transient reason wait for their next attempt.
    pub mail_queue: Arc<dyn MailQueue>,
    pub scheduler: Arc<dyn SessionScheduler>,
    pub events: Arc<dyn EventPublisher>,
    /// Live updates to open pages (SSE locally, AppSync Events on AWS).
    pub live: Arc<dyn LiveChannel>,
    pub clock: Arc<dyn Clock>,
    /// Where admitted participants enter the live room.
    pub room_backend: Arc<dyn RoomBackend>,
    pub config: AppConfig,
    /// Where CSV exports are published (S3 on AWS); `None`: they are streamed.
    pub exports: Option<Arc<dyn ExportFiles>>,
    /// The per-instance cache of the public room reads (see [`PublicRooms`]).
    pub public_rooms: Arc<PublicRooms>,
}

/// A service the request needs (the scheduler, the mailer, the export bucket) failed
/// after its retries: `503 service_unavailable`, to be tried again after `retry_after`.
pub(crate) fn unavailable(what: &str, retry_after: u64, e: impl std::fmt::Display) -> Error {
    tracing::warn!(error = %e, what, "downstream unavailable");
    Error::ServiceUnavailable { retry_after }
}

/// Seconds a client waits before retrying a request that the store could not serve.
pub const STORE_RETRY_AFTER: u64 = 2;

/// The store failed after the client's own retries (throttled, unreachable, timed out):
/// honest back-pressure, `503 service_unavailable` with `Retry-After`, never a 500.
impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        if e.permanent {
            // The store refused the request itself: a bug or a deployment fault.
            return Error::internal(e);
        }
        tracing::warn!(error = %e, "store unavailable");
        Error::ServiceUnavailable {
            retry_after: STORE_RETRY_AFTER,
        }
    }
}

/// The errors of a conditional write on a host-API resource.
fn write_error(e: WriteError, not_found: Error) -> Error {
    match e {
        WriteError::NotFound => not_found,
        WriteError::RoomDeleted => Error::RoomDeleted,
        WriteError::Revoked => Error::Conflict("The invite was revoked; issue a new one.".into()),
        WriteError::Used => Error::Conflict("The invite has no use left; issue a new one.".into()),
        WriteError::Live => {
            Error::Conflict("The room is already live and cannot be rescheduled.".into())
        }
        WriteError::Stale => {
            Error::Conflict("The room changed while you edited it; try again.".into())
        }
        WriteError::LimitReached => Error::InviteLimitReached,
        WriteError::Store(e) => e.into(),
    }
}
