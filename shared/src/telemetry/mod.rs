//! The service's counters, recorded through the `metrics` facade: local mode renders them
//! at `GET /metrics` (Prometheus text, see the `local` crate), a Lambda function writes the
//! counts of each invocation as one CloudWatch Embedded Metric Format line ([`emf`]).
//! Without an installed recorder (unit tests) every call is a no-op.
//!
//! Labels take values from closed sets only (outcomes, error codes, email kinds): never an
//! address, a room id or anything a user typed, so the series stay few and nothing
//! personal reaches the metrics.

pub mod emf;

use crate::domain::Error;

/// Invites created (single or bulk entry; emailed or shown).
pub const INVITES_ISSUED: &str = "invites_issued_total";
/// Redemption attempts by `outcome`: `admitted`, `readmitted` or the error code.
pub const REDEMPTIONS: &str = "redemptions_total";
/// Links that could not be opened (`GET /join/{token}`), by error `code`.
pub const LINK_ERRORS: &str = "link_errors_total";
/// Emails the mail service accepted, by `kind` (invitation, role_change, reminder, …).
pub const EMAILS_SENT: &str = "emails_sent_total";
/// Emails the mail service refused, by `kind`.
pub const EMAILS_FAILED: &str = "emails_failed_total";
/// Bounces reported by the mail service's delivery events.
pub const EMAILS_BOUNCED: &str = "emails_bounced_total";
/// Emails queued for a retry after a transient refusal.
pub const EMAILS_QUEUED: &str = "emails_queued_total";
/// Complaints reported by the mail service's delivery events.
pub const EMAILS_COMPLAINED: &str = "emails_complained_total";
/// Rooms set live by the session-start trigger.
pub const SESSION_STARTS: &str = "session_starts_total";
/// Reminder emails sent before a session.
pub const REMINDERS_SENT: &str = "reminders_sent_total";
/// Live updates that could not be published (AppSync Events refused or unreachable).
pub const LIVE_PUBLISH_FAILURES: &str = "live_publish_failures_total";

/// One-time codes by `outcome`: `sent`, `throttled`, `accepted`, `invalid`, `expired`.
pub const ADMISSION_CODES: &str = "admission_codes_total";

/// Invitees' sign-ins at the organization's provider by `outcome`: `admitted`,
/// `mismatch`, `refused`, `failed`, `unavailable`.
pub const INVITEE_SIGN_INS: &str = "invitee_sign_ins_total";

/// Waiting-room decisions by `decision` (`admitted`, `denied`).
pub const WAITING_DECISIONS: &str = "waiting_room_decisions_total";
/// Seconds from a knock to its decision (a histogram).
pub const WAITING_SECONDS: &str = "waiting_room_wait_seconds";

/// The counters without labels: registered at zero by [`describe`], so a scrape shows
/// them before they first move.
const PLAIN: [(&str, &str); 7] = [
    (INVITES_ISSUED, "Invites issued."),
    (
        EMAILS_QUEUED,
        "Emails queued for a retry after a transient refusal.",
    ),
    (
        EMAILS_BOUNCED,
        "Emails reported bounced by the mail service.",
    ),
    (
        EMAILS_COMPLAINED,
        "Emails reported as spam by their recipients.",
    ),
    (SESSION_STARTS, "Rooms set live at their start."),
    (REMINDERS_SENT, "Reminder emails sent."),
    (
        LIVE_PUBLISH_FAILURES,
        "Live updates that could not be published (pages fall back to polling).",
    ),
];

const LABELLED: [(&str, &str); 7] = [
    (
        WAITING_DECISIONS,
        "Waiting-room decisions by decision (admitted, denied).",
    ),
    (
        INVITEE_SIGN_INS,
        "Invitee sign-ins by outcome (admitted, mismatch, refused, failed, unavailable).",
    ),
    (
        ADMISSION_CODES,
        "One-time codes by outcome (sent, throttled, accepted, invalid, expired).",
    ),
    (
        REDEMPTIONS,
        "Redemption attempts by outcome (admitted, readmitted or the error code).",
    ),
    (
        LINK_ERRORS,
        "Join links that could not be opened, by error code.",
    ),
    (EMAILS_SENT, "Emails accepted by the mail service, by kind."),
    (EMAILS_FAILED, "Emails the mail service refused, by kind."),
];

/// Every counter's name.
pub fn names() -> impl Iterator<Item = &'static str> {
    PLAIN.iter().chain(LABELLED.iter()).map(|(name, _)| *name)
}

/// Describes every counter to the installed recorder and registers the unlabelled ones.
pub fn describe() {
    for (name, help) in PLAIN.iter().chain(LABELLED.iter()) {
        metrics::describe_counter!(*name, metrics::Unit::Count, *help);
    }
    for (name, _) in PLAIN {
        metrics::counter!(name).increment(0);
    }
}

pub fn invite_issued() {
    metrics::counter!(INVITES_ISSUED).increment(1);
}

/// A redemption that admitted: `readmit` when a session proved the email and no use
/// was consumed.
pub fn redemption_admitted(readmit: bool) {
    let outcome = if readmit { "readmitted" } else { "admitted" };
    metrics::counter!(REDEMPTIONS, "outcome" => outcome).increment(1);
}

/// A redemption refused with `error` (its contract code is the outcome).
pub fn redemption_rejected(error: &Error) {
    metrics::counter!(REDEMPTIONS, "outcome" => error.code()).increment(1);
}

/// A one-time code event: `sent`, `throttled`, `accepted`, `invalid` or `expired`.
pub fn admission_code(outcome: &'static str) {
    metrics::counter!(ADMISSION_CODES, "outcome" => outcome).increment(1);
}

/// A decision on a waiting participant, and how long they waited for it.
pub fn waiting_decided(decision: crate::domain::AdmissionState, waited_seconds: f64) {
    metrics::counter!(WAITING_DECISIONS, "decision" => decision.as_str()).increment(1);
    metrics::histogram!(WAITING_SECONDS).record(waited_seconds);
}

/// An invitee sign-in's outcome (see [`INVITEE_SIGN_INS`]).
pub fn invitee_sign_in(outcome: &'static str) {
    metrics::counter!(INVITEE_SIGN_INS, "outcome" => outcome).increment(1);
}

/// A link that could not be opened.
pub fn link_error(error: &Error) {
    metrics::counter!(LINK_ERRORS, "code" => error.code()).increment(1);
}

/// The kinds of email, the `kind` label of [`EMAILS_SENT`] and [`EMAILS_FAILED`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailKind {
    Invitation,
    RoleChange,
    Reminder,
    /// A rescheduled room's updated invitation.
    Update,
    /// A deleted room's cancellation.
    Cancellation,
    /// A one-time code of a `verify: code` room.
    AdmissionCode,
}

impl EmailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EmailKind::Invitation => "invitation",
            EmailKind::RoleChange => "role_change",
            EmailKind::Reminder => "reminder",
            EmailKind::Update => "update",
            EmailKind::Cancellation => "cancellation",
            EmailKind::AdmissionCode => "admission_code",
        }
    }
}

/// The outcome of handing one email to the mailer.
pub fn email(kind: EmailKind, accepted: bool) {
    let name = if accepted { EMAILS_SENT } else { EMAILS_FAILED };
    metrics::counter!(name, "kind" => kind.as_str()).increment(1);
}

/// An email queued for a retry.
pub fn email_queued() {
    metrics::counter!(EMAILS_QUEUED).increment(1);
}

/// A bounce from the mail service's delivery events.
pub fn email_bounced() {
    metrics::counter!(EMAILS_BOUNCED).increment(1);
}

/// A complaint from the mail service's delivery events.
pub fn email_complained() {
    metrics::counter!(EMAILS_COMPLAINED).increment(1);
}

pub fn session_started() {
    metrics::counter!(SESSION_STARTS).increment(1);
}

/// A reminder email that went out (also counted in [`EMAILS_SENT`] by [`email`]).
pub fn reminder_sent() {
    metrics::counter!(REMINDERS_SENT).increment(1);
}

pub fn live_publish_failed() {
    metrics::counter!(LIVE_PUBLISH_FAILURES).increment(1);
}
