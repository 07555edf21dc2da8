//! The traits the use cases depend on. Each store operation is one atomic step, shaped
//! so that DynamoDB can do it as one conditional write or one transaction: conditions
//! are evaluated by the store at write time, never read first and checked by the caller.

use crate::domain::admission::{AdmissionCode, CodeCheck};
use crate::domain::invite::{Delivery, RedeemMode, RedeemRejection};
use crate::domain::listing::{InviteFilter, Page, PageRequest, ParticipantFilter, RoomSummary};
use crate::domain::waiting_room::{Decision, KnockRefusal};
use crate::domain::Branding;
use crate::domain::{
    Admission, AdmissionState, DomainEvent, EmailAddress, Invite, Participant, Role, Room,
    Suppression, TokenHash,
};
use async_trait::async_trait;
use time::OffsetDateTime;

/// The store could not be reached or answered something unreadable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("store unavailable: {message}")]
pub struct StoreError {
    pub message: String,
    /// The store refused the request itself (a malformed request, a missing table, no
    /// permission): retrying cannot help, it is a bug or a deployment fault. Otherwise
    /// (throttled, unreachable, timed out, 5xx) it may work again shortly.
    pub permanent: bool,
}

impl StoreError {
    /// A failure that may go away (the default).
    pub fn new(message: impl Into<String>) -> Self {
        StoreError {
            message: message.into(),
            permanent: false,
        }
    }

    /// A failure that retrying cannot fix.
    pub fn permanent(message: impl Into<String>) -> Self {
        StoreError {
            message: message.into(),
            permanent: true,
        }
    }
}

/// Why a conditional write on a room or invite did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("no such item")]
    NotFound,
    #[error("the room was deleted")]
    RoomDeleted,
    #[error("the invite was revoked")]
    Revoked,
    #[error("the invite has no use left")]
    Used,
    #[error("the room is live")]
    Live,
    #[error("the item changed since it was read")]
    Stale,
    #[error("the issuer has used up their invite quota in this room")]
    LimitReached,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a knock did not put a participant back in the waiting room.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KnockError {
    #[error("no such participant")]
    NotFound,
    #[error("knock refused: {0:?}")]
    Refused(KnockRefusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedeemError {
    #[error("redemption refused: {0:?}")]
    Rejected(RedeemRejection),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One redemption attempt: consume (or, for `Readmit`, only check) a use of the invite
/// `invite_id` if every validity rule holds at write time, and admit or upgrade the
/// participant in the same atomic step.
///
/// `room_id` and `role` are the invite's room and role as the link token carries them,
/// so that a store can address the participant and the room without reading the invite
/// first. They are hints, authenticated only by `token_hash`: a store that uses them
/// must check, in the same atomic step, that the stored invite has this token hash AND
/// this room and role, so that a forged hint can only make the redemption fail
/// (`InvalidLink`), never admit anyone to another room or with another role.
#[derive(Debug, Clone)]
pub struct RedeemRequest {
    pub invite_id: String,
    /// The invite's room, from the token (see above).
    pub room_id: String,
    /// The invite's role, from the token (see above).
    pub role: Role,
    pub token_hash: TokenHash,
    pub email: EmailAddress,
    pub mode: RedeemMode,
    pub now: OffsetDateTime,
    /// The receipt of this browser and address
    /// ([`crate::domain::admission::receipt_of`]), when the browser has a lobby nonce.
    /// `Consume` writes it in the same atomic step (refusing with `RedeemedHere` while
    /// a fresh one exists); `Recover` requires a fresh one.
    pub receipt: Option<String>,
    /// Where a participant this redemption creates stands: `Waiting` where the room's
    /// `approval` holds the invite back. An existing participant keeps theirs.
    pub new_admission: AdmissionState,
    /// The participant's identity (`p_…`): stored with a waiting participant, whom hosts
    /// and moderators decide on by it.
    pub identity: String,
}

/// The quota of invites one participant may issue in one room (integrations contract,
/// section 6): the store counts the invites of `issuer` in the invite's room and refuses
/// the one that would exceed `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteQuota {
    /// The participant identity (`p_…`) of the inviting participant.
    pub issuer: String,
    pub limit: u32,
}

/// What an `Idempotency-Key` claim found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyClaim {
    /// The key now belongs to this request: a new key, or (`takeover`) one whose
    /// request stopped before completing it (its lease ran out: the process died or the
    /// function timed out). `expires_at`: the key's end, counted from its first claim.
    Claimed {
        expires_at: OffsetDateTime,
        takeover: bool,
    },
    /// A request with the same key and body completed: its response.
    Completed { status: u16, body: String },
    /// A request with the same key is still running.
    InProgress,
    /// The key was used with another body.
    Mismatch,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Creates the room; fails if the id exists.
    async fn create_room(&self, room: &Room) -> Result<(), WriteError>;
    /// The room, including a deleted one (its `deleted_at` is set).
    async fn get_room(&self, room_id: &str) -> Result<Option<Room>, StoreError>;
    /// Writes the editable fields and status of `room` if the stored room is in `room.org`,
    /// not deleted and still at `expected_version`; bumps the version.
    async fn update_room(&self, room: &Room, expected_version: u64) -> Result<Room, WriteError>;
    /// The organization's rooms that are not deleted, in creation order (`created_at`,
    /// `room_id`), after `page.after`, at most `page.limit` (the host console's list).
    async fn list_rooms(&self, org: &str, page: &PageRequest) -> Result<Page<Room>, StoreError>;
    /// Marks the room deleted (a tombstone) if it exists in `org` and is not deleted.
    async fn delete_room(
        &self,
        org: &str,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), WriteError>;
    /// Sets the room live if it is scheduled, not deleted and still starts at `starts_at`.
    /// `Ok(false)` when nothing changed.
    async fn mark_room_live(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<bool, StoreError>;

    /// Stores a new invite if its room exists and is not deleted.
    async fn create_invite(&self, invite: &Invite) -> Result<(), WriteError>;
    /// Stores a new invite issued by a participant, in ONE atomic step with counting it:
    /// only if its room exists and is not deleted (`NotFound` / `RoomDeleted`) and the
    /// issuer has issued fewer than `quota.limit` invites in this room (`LimitReached`;
    /// a limit of 0 refuses every invite). Two concurrent calls at `limit - 1` cannot
    /// both succeed.
    async fn create_guest_invite(
        &self,
        invite: &Invite,
        quota: &InviteQuota,
    ) -> Result<(), WriteError>;
    async fn get_invite(&self, invite_id: &str) -> Result<Option<Invite>, StoreError>;
    /// The room's invites that match `filter` (status as of `now`), in creation order
    /// (`created_at`, `invite_id`), after `page.after`, at most `page.limit`. The filter
    /// runs in the store's query, not on a full read.
    async fn list_invites(
        &self,
        room_id: &str,
        filter: &InviteFilter,
        now: OffsetDateTime,
        page: &PageRequest,
    ) -> Result<Page<Invite>, StoreError>;
    /// Counts of the room's invites by status (as of `now`) and delivery, and of its
    /// participants by role.
    async fn room_summary(
        &self,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<RoomSummary, StoreError>;
    /// Revokes the invite if it exists in `room_id` (again is fine).
    async fn revoke_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        now: OffsetDateTime,
    ) -> Result<Invite, WriteError>;
    /// Gives the invite a new token hash, unlocks it and sets its expiry, if it exists in
    /// `room_id`, is not revoked and has a use left.
    async fn reissue_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        token_hash: &TokenHash,
        expires_at: OffsetDateTime,
        delivery: Delivery,
        mail_nonce: Option<&str>,
    ) -> Result<Invite, WriteError>;
    /// Sets the invite's delivery if its current one is among `delivery.replaces()`
    /// (one conditional write: out-of-order events never move it backwards); any state
    /// but `pending` and `queued` removes the invite's `mail_nonce`. Returns
    /// the invite as stored afterwards, changed or not; `None` for no such invite.
    async fn set_delivery(
        &self,
        invite_id: &str,
        delivery: Delivery,
    ) -> Result<Option<Invite>, StoreError>;

    /// Records that the invitee unsubscribed from the room's mail at `at` (the first
    /// time is kept: idempotent). Returns the invite as stored afterwards; `None` for
    /// no such invite.
    async fn unsubscribe(
        &self,
        invite_id: &str,
        at: OffsetDateTime,
    ) -> Result<Option<Invite>, StoreError>;

    /// The suppression of `email` in `org`, if any.
    async fn get_suppression(
        &self,
        org: &str,
        email: &EmailAddress,
    ) -> Result<Option<Suppression>, StoreError>;
    /// Records (or replaces) a suppression.
    async fn put_suppression(&self, suppression: &Suppression) -> Result<(), StoreError>;
    /// Lifts a suppression; lifting none is fine.
    async fn delete_suppression(&self, org: &str, email: &EmailAddress) -> Result<(), StoreError>;

    /// The organization's branding; `Branding::unset(org)` when none was saved.
    async fn get_branding(&self, org: &str) -> Result<Branding, StoreError>;

    /// The branding of the organization whose `branding::org_hash` is `org_hash` (the
    /// public logo URL), `None` when it has none.
    async fn branding_by_org_hash(&self, org_hash: &str) -> Result<Option<Branding>, StoreError>;

    /// Replaces the organization's branding (one record per organization).
    async fn put_branding(&self, branding: &Branding) -> Result<(), StoreError>;

    /// The redemption: one atomic step (see [`RedeemRequest`]).
    async fn redeem(&self, request: &RedeemRequest) -> Result<Admission, RedeemError>;
    /// Counts one wrong email if the token matches and the invite is neither revoked
    /// nor locked; returns the count after it.
    async fn record_wrong_email(
        &self,
        invite_id: &str,
        token_hash: &TokenHash,
    ) -> Result<u32, RedeemError>;

    async fn get_participant(
        &self,
        room_id: &str,
        email: &EmailAddress,
    ) -> Result<Option<Participant>, StoreError>;
    /// The room's participants that match `filter`, in join order (`joined_at`, email),
    /// after `page.after`, at most `page.limit`.
    async fn list_participants(
        &self,
        room_id: &str,
        filter: &ParticipantFilter,
        page: &PageRequest,
    ) -> Result<Page<Participant>, StoreError>;
    /// Sets the role of an existing participant; the admission tells the role before.
    async fn set_participant_role(
        &self,
        room_id: &str,
        email: &EmailAddress,
        role: Role,
        now: OffsetDateTime,
    ) -> Result<Admission, WriteError>;

    /// The participant of `room_id` whose identity (`p_…`) is `identity`: the waiting
    /// room's decisions name participants by it. Only participants who ever waited
    /// are found.
    async fn participant_by_identity(
        &self,
        room_id: &str,
        identity: &str,
    ) -> Result<Option<Participant>, StoreError>;
    /// Admits or denies a waiting participant in ONE conditional write: only while they
    /// are `waiting` (`NotFound` otherwise: unknown, or decided by someone else first).
    async fn decide_admission(
        &self,
        room_id: &str,
        email: &EmailAddress,
        decision: &Decision,
        now: OffsetDateTime,
    ) -> Result<Participant, WriteError>;
    /// A denied participant knocks again: back to `waiting` in ONE conditional write on
    /// the knock rules ([`crate::domain::waiting_room::knock_refusal`]).
    async fn knock(
        &self,
        room_id: &str,
        email: &EmailAddress,
        now: OffsetDateTime,
    ) -> Result<Participant, KnockError>;

    /// The one-time code record of an invite (`verify: code` rooms).
    async fn get_admission_code(
        &self,
        invite_id: &str,
    ) -> Result<Option<AdmissionCode>, StoreError>;
    /// Stores `code` in place of the invite's previous record if that record is still
    /// the one sent at `previous_sent_at` (`None`: there was none). `Ok(false)`: another
    /// request stored a code in between (the caller re-reads and decides again).
    async fn put_admission_code(
        &self,
        code: &AdmissionCode,
        previous_sent_at: Option<OffsetDateTime>,
    ) -> Result<bool, StoreError>;
    /// Checks a typed code (its hash) in ONE conditional write: a right code is marked
    /// used, a wrong one counted, as [`crate::domain::admission::check_code`] decides.
    /// Of concurrent right submissions exactly one is `Valid`.
    async fn use_admission_code(
        &self,
        invite_id: &str,
        code_hash: &str,
        now: OffsetDateTime,
    ) -> Result<CodeCheck, StoreError>;

    /// Claims `key` for a request with body `fingerprint` until `expires_at`, leased to
    /// this request until `lease_until`: a claim that was neither completed nor released
    /// when its lease ran out may be taken over by a request with the same body.
    async fn claim_idempotency_key(
        &self,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<IdempotencyClaim, StoreError>;
    /// Stores the response of a claimed key.
    async fn complete_idempotency_key(
        &self,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError>;
    /// Gives up a claim (the request failed on our side and may be retried): its lease
    /// ends now, its body and first expiry are kept, so that the retry with the same
    /// body takes it over at once (and finds what the failed run created). A completed
    /// key is left as it is.
    async fn release_idempotency_key(&self, key: &str) -> Result<(), StoreError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("export not stored: {0}")]
pub struct ExportError(pub String);

/// Where finished export files go when a response cannot carry them (on AWS a Lambda
/// response is at most 6 MB): S3, answered with a short-lived download URL.
#[async_trait]
pub trait ExportFiles: Send + Sync + 'static {
    /// Stores `body` under a new name ending in `filename` and returns a URL that
    /// downloads it for a short time.
    async fn publish(
        &self,
        room_id: &str,
        filename: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<String, ExportError>;
}

/// One email, ready for any transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: EmailAddress,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<EmailAttachment>,
    /// Name/value tags that delivery events carry back (SES message tags), e.g.
    /// `invite_id`. Values: letters, digits, `_ - . @` only.
    pub tags: Vec<(String, String)>,
    /// One-click unsubscribe (RFC 8058) of room mail: becomes the `List-Unsubscribe`
    /// and `List-Unsubscribe-Post` headers.
    pub list_unsubscribe: Option<ListUnsubscribe>,
    /// The `From` display name (the organization's sender name); `None`: the service's.
    pub from_name: Option<String>,
    /// `Reply-To` (the organization's), if any.
    pub reply_to: Option<EmailAddress>,
}

/// Where a recipient unsubscribes: the https one-click URL (POST, RFC 8058) and a
/// `mailto:` for clients that only know that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListUnsubscribe {
    pub url: String,
    pub mailto: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAttachment {
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// What a failed send means for a retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailFailure {
    /// Not sent, and may work later (throttled, 5xx, the mail server unreachable
    /// before the request went out, a full disk): retried with backoff.
    Transient,
    /// Perhaps sent: the request went out and its answer was lost (a reset, a
    /// timeout). Retried after a delay, unless a delivery event says it was sent.
    Ambiguous,
    /// Refused for good (a rejected message, an unverified sender, a malformed
    /// address): retrying cannot help.
    Permanent,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("email not sent: {message}")]
pub struct MailError {
    pub message: String,
    pub failure: MailFailure,
}

impl MailError {
    pub fn transient(message: impl Into<String>) -> Self {
        MailError {
            message: message.into(),
            failure: MailFailure::Transient,
        }
    }
    pub fn ambiguous(message: impl Into<String>) -> Self {
        MailError {
            message: message.into(),
            failure: MailFailure::Ambiguous,
        }
    }
    pub fn permanent(message: impl Into<String>) -> Self {
        MailError {
            message: message.into(),
            failure: MailFailure::Permanent,
        }
    }
}

#[async_trait]
pub trait Mailer: Send + Sync + 'static {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("mail retry not queued: {0}")]
pub struct QueueError(pub String);

/// Where emails that the mailer refused for a transient reason wait for their next
/// attempt: on AWS an SQS queue (with a dead-letter queue) read by the session-start
/// function; in local mode the embedded scheduler, re-armed from the store at start-up.
#[async_trait]
pub trait MailQueue: Send + Sync + 'static {
    /// Delivers `job` (a serialized job of the runner, opaque here) to the job runner
    /// after `delay`.
    async fn enqueue(
        &self,
        name: &str,
        job: &serde_json::Value,
        delay: std::time::Duration,
    ) -> Result<(), QueueError>;
}

/// No queue configured: nothing can wait for a retry (a failed email is `failed`).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoMailQueue;

#[async_trait]
impl MailQueue for NoMailQueue {
    async fn enqueue(
        &self,
        _name: &str,
        _job: &serde_json::Value,
        _delay: std::time::Duration,
    ) -> Result<(), QueueError> {
        Err(QueueError(
            "no mail queue is configured (MAIL_QUEUE_URL)".into(),
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("session-start scheduler failed: {0}")]
pub struct SchedulerError(pub String);

/// Arms the one session-start trigger of a room (`{room_id, starts_at}` at `starts_at`)
/// and the one-time jobs of room mail (reminders, updates, cancellations).
#[async_trait]
pub trait SessionScheduler: Send + Sync + 'static {
    /// Creates or replaces the room's trigger.
    async fn schedule_start(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<(), SchedulerError>;
    /// Removes the room's trigger; one that is already gone is fine.
    async fn cancel_start(&self, room_id: &str) -> Result<(), SchedulerError>;
    /// Creates or replaces the one-time job `name` (reminders, room mailings), run at
    /// `at` (at once when `at` is not in the future). `job` is the job's payload as the
    /// trigger delivers it (JSON, serialized by the use cases).
    async fn schedule_job(
        &self,
        name: &str,
        at: OffsetDateTime,
        job: &serde_json::Value,
    ) -> Result<(), SchedulerError>;
    /// Removes the job `name`; one that is already gone is fine.
    async fn cancel_job(&self, name: &str) -> Result<(), SchedulerError>;
}

/// Publishes domain events. Failures are the publisher's to log: they never fail a request.
#[async_trait]
pub trait EventPublisher: Send + Sync + 'static {
    async fn publish(&self, event: DomainEvent);
}

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> OffsetDateTime;
}

/// The system clock, truncated to whole seconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        crate::domain::time_fmt::trunc(OffsetDateTime::now_utc())
    }
}

mod live_channel;
mod room_backend;
mod sign_in;
pub use live_channel::{
    Channel, LiveChannel, LiveEvent, LiveMessage, LiveSubscription, NoLiveChannel,
};
pub use room_backend::{EntryRequest, RoleSync, RoomBackend, RoomBackendError, RoomEntry};
pub use sign_in::{SignInAttempt, SignInError, SignInProvider};

/// The signing keys an identity provider publishes: its JWKS document and how long the
/// provider lets it be cached (`Cache-Control: max-age`).
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedKeys {
    /// The JWKS document (`{ "keys": [ … ] }`), not yet interpreted.
    pub jwks: serde_json::Value,
    pub max_age: Option<std::time::Duration>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("identity provider keys not fetched: {0}")]
pub struct KeySourceError(pub String);

/// Where the host tokens' verification keys come from (OIDC discovery → `jwks_uri`).
#[async_trait]
pub trait KeySource: Send + Sync + 'static {
    async fn fetch_keys(&self) -> Result<PublishedKeys, KeySourceError>;
}
