//! Invites: who is invited to which room with which role, and the validity rules of
//! their links (uses, expiry, revocation, lock-out after wrong emails).

use super::email::EmailAddress;
use super::error::{Error, Result};
use super::policy::DomainPolicy;
use super::role::Role;
use super::room::Room;
use super::time_fmt::{rfc3339, trunc};
use super::token::TokenHash;
use serde::{Deserialize, Deserializer, Serialize};
use time::{Duration, OffsetDateTime};
use utoipa::ToSchema;

/// Wrong emails allowed before an invite locks; the 5th wrong one locks it.
pub const MAX_FAILED_ATTEMPTS: u32 = 5;
pub const DEFAULT_VALIDITY: Duration = Duration::days(7);
pub const MAX_VALIDITY: Duration = Duration::days(30);
pub const MAX_USES_LIMIT: u32 = 1_000_000;
pub const BULK_MAX: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum InviteStatus {
    Active,
    Used,
    Expired,
    Revoked,
    Locked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Sent,
    NotSent,
    Failed,
    /// Stored before the email is handed to the mailer; never seen in a response.
    Pending,
    /// SES reported the message accepted by the recipient's mail server.
    Delivered,
    /// SES reported a hard (permanent) bounce.
    Bounced,
    /// The recipient marked the message as spam.
    Complained,
    /// The mailer refused for a reason that may pass (throttled, unreachable, an answer
    /// lost): the same email is retried with backoff until it is sent or the retry
    /// window (`MAIL_RETRY_HOURS`) has passed.
    Queued,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Sent => "sent",
            Delivery::NotSent => "not_sent",
            Delivery::Failed => "failed",
            Delivery::Pending => "pending",
            Delivery::Delivered => "delivered",
            Delivery::Bounced => "bounced",
            Delivery::Complained => "complained",
            Delivery::Queued => "queued",
        }
    }

    /// The states a write of `self` may replace, so that writes arriving out of order
    /// never move the delivery backwards: the mailer's `sent`/`failed` only replace the
    /// `pending` it follows; a (possibly late) `delivered` never replaces `bounced` or
    /// `complained`; a bounce or complaint replaces anything but a complaint (the
    /// stronger signal). `pending` and `not_sent` are written with the invite itself.
    pub fn replaces(self) -> &'static [Delivery] {
        use Delivery::*;
        match self {
            Sent | Failed => &[Pending, Queued],
            Queued => &[Pending],
            Delivered => &[Pending, Queued, Sent, Delivered],
            Bounced => &[Pending, Queued, Sent, Delivered, Failed, Bounced],
            Complained => &[
                Pending, Queued, Sent, Delivered, Failed, Bounced, Complained,
            ],
            Pending | NotSent => &[Pending, Queued, Sent, NotSent, Failed, Delivered],
        }
    }

    /// A hard bounce or a complaint: the address is not emailed again until a host
    /// forces it.
    pub fn suppresses(self) -> bool {
        matches!(self, Delivery::Bounced | Delivery::Complained)
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            Delivery::Sent,
            Delivery::NotSent,
            Delivery::Failed,
            Delivery::Pending,
            Delivery::Delivered,
            Delivery::Bounced,
            Delivery::Complained,
            Delivery::Queued,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }
}

/// An invite as stored. `token_hash` is the only trace of its link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub invite_id: String,
    pub room_id: String,
    pub org: String,
    pub email: EmailAddress,
    pub role: Role,
    /// `None`: any number of uses until expiry.
    pub max_uses: Option<u32>,
    pub uses: u32,
    pub expires_at: OffsetDateTime,
    pub token_hash: TokenHash,
    pub failed_attempts: u32,
    pub revoked_at: Option<OffsetDateTime>,
    pub delivery: Delivery,
    pub created_by: String,
    pub created_at: OffsetDateTime,
    /// While its email is not yet sent (`pending`, `queued`): the random context its
    /// link was derived from under the server's link key, so that a retry mails the
    /// same link without the link being stored. Removed once the email is sent or
    /// given up on.
    pub mail_nonce: Option<String>,
    /// The invitee's language (emails and the lobby), when the host named one.
    pub locale: Option<String>,
    /// When the invitee used the one-click unsubscribe of a room mail: the address
    /// gets no more reminders, updates or cancellations of this room.
    pub unsubscribed_at: Option<OffsetDateTime>,
}

impl Invite {
    pub fn is_locked(&self) -> bool {
        self.failed_attempts >= MAX_FAILED_ATTEMPTS
    }
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        now >= self.expires_at
    }
    pub fn has_use_left(&self) -> bool {
        self.max_uses.is_none_or(|max| self.uses < max)
    }

    pub fn status(&self, now: OffsetDateTime) -> InviteStatus {
        super::listing::status_of(
            self.revoked_at.is_some(),
            self.failed_attempts,
            self.uses,
            self.max_uses,
            self.expires_at.unix_timestamp(),
            now,
        )
    }

    /// The state of the link itself, ignoring who uses it: what a GET of the link shows.
    pub fn link_error(&self, room: Option<&Room>, now: OffsetDateTime) -> Option<Error> {
        if room.is_none_or(Room::is_deleted) {
            Some(Error::RoomDeleted)
        } else if self.revoked_at.is_some() {
            Some(Error::InviteRevoked)
        } else if self.is_locked() {
            Some(Error::TooManyAttempts)
        } else if self.is_expired(now) {
            Some(Error::LinkExpired)
        } else {
            None
        }
    }

    pub fn view(&self, now: OffsetDateTime) -> InviteView {
        InviteView {
            invite_id: self.invite_id.clone(),
            room_id: self.room_id.clone(),
            email: self.email.clone(),
            role: self.role,
            max_uses: self.max_uses,
            uses: self.uses,
            expires_at: self.expires_at,
            status: self.status(now),
            delivery: self.delivery,
            created_by: self.created_by.clone(),
            created_at: self.created_at,
            locale: self.locale.clone(),
            unsubscribed_at: self.unsubscribed_at,
            link: None,
        }
    }
}

/// How a redemption treats uses: a new redemption consumes one; a re-click by the
/// invited person (proven by the session cookie, a one-time code or a sign-in) after
/// they redeemed consumes none; and a browser whose answer was lost is re-admitted by
/// the receipt its redemption left (admission contract, section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedeemMode {
    Consume,
    Readmit,
    /// Consumes nothing: allowed while the request's receipt is fresh.
    Recover,
}

/// Why a store refused a redemption, decided from the stored items as they were when
/// the atomic write's condition failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedeemRejection {
    InvalidLink,
    RoomDeleted,
    InviteRevoked,
    TooManyAttempts,
    LinkExpired,
    LinkUsed,
    EmailMismatch,
    /// Readmit only: this invite was never redeemed, so a use must be consumed.
    NotYetRedeemed,
    /// Consume only: this browser redeemed the link for this address minutes ago (its
    /// answer may have been lost); recover instead of consuming again.
    RedeemedHere,
    /// Recover only: no fresh receipt of this browser and address.
    NotRedeemedHere,
}

impl From<RedeemRejection> for Error {
    fn from(r: RedeemRejection) -> Self {
        match r {
            RedeemRejection::InvalidLink => Error::InvalidLink,
            RedeemRejection::RoomDeleted => Error::RoomDeleted,
            RedeemRejection::InviteRevoked => Error::InviteRevoked,
            RedeemRejection::TooManyAttempts => Error::TooManyAttempts,
            RedeemRejection::LinkExpired => Error::LinkExpired,
            RedeemRejection::LinkUsed
            | RedeemRejection::NotYetRedeemed
            | RedeemRejection::RedeemedHere
            | RedeemRejection::NotRedeemedHere => Error::LinkUsed,
            RedeemRejection::EmailMismatch => Error::EmailMismatch,
        }
    }
}

/// The one statement of the redemption rules. Stores encode the same rules in their
/// atomic conditions and, when a condition fails, call this on the items as they were
/// to say which rule failed. `None` means the redemption is allowed. `receipt_at` is
/// when the stored receipt that the request names was written (none: `None`).
pub fn redemption_rejection(
    invite: Option<&Invite>,
    room: Option<&Room>,
    token_hash: &TokenHash,
    email: &EmailAddress,
    mode: RedeemMode,
    now: OffsetDateTime,
    receipt_at: Option<OffsetDateTime>,
) -> Option<RedeemRejection> {
    let fresh_receipt = receipt_at.is_some_and(|at| receipt_is_fresh(at, now));
    let Some(invite) = invite.filter(|i| &i.token_hash == token_hash) else {
        return Some(RedeemRejection::InvalidLink);
    };
    if let Some(e) = invite.link_error(room, now) {
        return Some(match e {
            Error::RoomDeleted => RedeemRejection::RoomDeleted,
            Error::InviteRevoked => RedeemRejection::InviteRevoked,
            Error::TooManyAttempts => RedeemRejection::TooManyAttempts,
            _ => RedeemRejection::LinkExpired,
        });
    }
    match mode {
        RedeemMode::Consume if fresh_receipt => Some(RedeemRejection::RedeemedHere),
        RedeemMode::Consume if !invite.has_use_left() => Some(RedeemRejection::LinkUsed),
        _ if &invite.email != email => Some(RedeemRejection::EmailMismatch),
        RedeemMode::Readmit if invite.uses == 0 => Some(RedeemRejection::NotYetRedeemed),
        RedeemMode::Recover if !fresh_receipt => Some(RedeemRejection::NotRedeemedHere),
        _ => None,
    }
}

/// A receipt re-admits its browser for [`super::admission::RECEIPT_TTL`] after it was
/// written: stores test `at > now - RECEIPT_TTL`.
pub fn receipt_is_fresh(at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now < at + super::admission::RECEIPT_TTL
}

/// Why recording a wrong email was refused.
pub fn wrong_email_rejection(
    invite: Option<&Invite>,
    token_hash: &TokenHash,
) -> Option<RedeemRejection> {
    match invite.filter(|i| &i.token_hash == token_hash) {
        None => Some(RedeemRejection::InvalidLink),
        Some(i) if i.revoked_at.is_some() => Some(RedeemRejection::InviteRevoked),
        Some(i) if i.is_locked() => Some(RedeemRejection::TooManyAttempts),
        Some(_) => None,
    }
}

/// The API form of an invite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"invite_id": "01JDX5AMP1E000000NV1TE0001", "room_id": "01JDX5AMP1E0000R00M0000000",
    "email": "ann@example.com", "role": "viewer", "max_uses": 1, "uses": 0,
    "expires_at": "2030-12-02T00:00:00Z", "status": "active", "delivery": "sent",
    "created_by": "host-dana", "created_at": "2030-11-20T09:30:00Z"}))]
pub struct InviteView {
    pub invite_id: String,
    pub room_id: String,
    #[schema(value_type = String, format = Email)]
    pub email: EmailAddress,
    pub role: Role,
    pub max_uses: Option<u32>,
    pub uses: u32,
    #[serde(with = "rfc3339")]
    pub expires_at: OffsetDateTime,
    pub status: InviteStatus,
    pub delivery: Delivery,
    pub created_by: String,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
    /// The invitee's language, when the host named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// When the invitee unsubscribed from this room's reminders (one click in a mail).
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "rfc3339::option",
        default
    )]
    pub unsubscribed_at: Option<OffsetDateTime>,
    /// Only when the service did not email the link (`send_email: false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = String, format = "uri")]
    pub link: Option<String>,
}

/// One invite of `POST /api/rooms/{id}/invites`, as sent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"email": "ann@example.com", "role": "viewer", "max_uses": 1,
    "expires_at": "2030-12-02T00:00:00Z", "send_email": true}))]
pub struct InviteRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// `viewer` when absent.
    #[serde(default)]
    #[schema(value_type = Option<Role>)]
    pub role: Option<String>,
    #[serde(
        default = "default_max_uses",
        deserialize_with = "null_means_unlimited"
    )]
    /// 1 (single use) when absent; `null`: any number of uses until expiry.
    #[schema(minimum = 1, maximum = 1000000, default = 1)]
    pub max_uses: Option<i64>,
    /// At most 30 days ahead; 7 days after issue when absent.
    #[serde(default, with = "rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    /// `true` when absent; `false` returns the `link` instead of emailing it.
    #[serde(default)]
    pub send_email: Option<bool>,
    /// Email an address that hard-bounced or complained before (lifts its suppression).
    #[serde(default)]
    pub force_email: Option<bool>,
    /// The invitee's language for the emails and the lobby: one of `en`, `de`, `fr`,
    /// `es`, `pt-BR`, `ja`, `ar` (absent: the room's, else the browser's, else `en`).
    #[serde(default)]
    #[schema(example = "fr")]
    pub locale: Option<String>,
}

fn default_max_uses() -> Option<i64> {
    Some(1)
}

fn null_means_unlimited<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<i64>, D::Error> {
    Option::<i64>::deserialize(d)
}

/// A checked invite request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInvite {
    pub email: EmailAddress,
    pub role: Role,
    pub max_uses: Option<u32>,
    pub expires_at: OffsetDateTime,
    pub send_email: bool,
    pub force_email: bool,
    pub locale: Option<String>,
}

impl InviteRequest {
    pub fn validate(&self, policy: &DomainPolicy, now: OffsetDateTime) -> Result<ValidInvite> {
        let role = match self.role.as_deref() {
            None => Role::Viewer,
            Some(r) => r
                .parse()
                .map_err(|e: super::role::UnknownRole| Error::BadRequest(e.to_string()))?,
        };
        let max_uses = match self.max_uses {
            None => None,
            Some(n) if (1..=i64::from(MAX_USES_LIMIT)).contains(&n) => Some(n as u32),
            Some(_) => {
                return Err(Error::bad_request(format!(
                    "max_uses must be null or between 1 and {MAX_USES_LIMIT}."
                )))
            }
        };
        let email = EmailAddress::parse(&self.email).map_err(|_| Error::InvalidEmail)?;
        if !policy.permits(&email) {
            return Err(Error::DomainBlocked);
        }
        let expires_at = match self.expires_at {
            None => trunc(now) + DEFAULT_VALIDITY,
            Some(t) if t <= now || t > now + MAX_VALIDITY => return Err(Error::InvalidExpiry),
            Some(t) => trunc(t),
        };
        Ok(ValidInvite {
            email,
            role,
            max_uses,
            expires_at,
            send_email: self.send_email.unwrap_or(true),
            force_email: self.force_email.unwrap_or(false),
            locale: super::room::parse_locale(self.locale.as_deref())?,
        })
    }
}

#[cfg(test)]
mod tests;
