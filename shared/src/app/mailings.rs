//! Mail to every invitee of a room, in the background: reminders before the start, the
//! updated invitation after a reschedule (`.ics` `METHOD:REQUEST`, higher `SEQUENCE`)
//! and the cancellation after a deletion (`METHOD:CANCEL`). Each is a [`Mailing`] job
//! run by the scheduler (EventBridge Scheduler → the session-start function in AWS, the
//! local scheduler in local mode), never inside the HTTP request that caused it. A
//! mailing goes through the invites in pages and stops at its time budget, returning
//! the job that continues where it stopped.

use super::session_start::SessionStart;
use super::{notifications, App};
use crate::domain::invite::InviteStatus;
use crate::domain::listing::{InviteFilter, PageRequest};
use crate::domain::time_fmt::rfc3339;
use crate::domain::{Delivery, Invite, Result, Room};
use crate::ports::MailFailure;
use crate::telemetry::{self, EmailKind};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use time::{Duration, OffsetDateTime};

/// Invitees emailed per page; a budget check between pages.
pub const PAGE: usize = 100;
/// Emails sent at once within a page.
const CONCURRENCY: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailingKind {
    Reminder,
    Update,
    Cancel,
}

impl MailingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailingKind::Reminder => "reminder",
            MailingKind::Update => "update",
            MailingKind::Cancel => "cancel",
        }
    }
}

/// One mailing to a room's invitees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailing {
    pub room_id: String,
    pub kind: MailingKind,
    /// The start this mailing is about: a reminder or update whose room has moved
    /// since is stale and sends nothing.
    #[serde(with = "rfc3339")]
    pub starts_at: OffsetDateTime,
    /// The reminder's minutes before the start (reminders only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_before: Option<u32>,
    /// Recipients already done (a continuation).
    #[serde(default)]
    pub offset: usize,
}

impl Mailing {
    /// The scheduler's name for this job (unique per room, kind and position).
    pub fn job_name(&self) -> String {
        match self.kind {
            MailingKind::Reminder => {
                reminder_job_name(&self.room_id, self.minutes_before.unwrap_or(0))
            }
            kind => format!(
                "{}-{}-{}-{}",
                kind.as_str(),
                self.room_id,
                self.starts_at.unix_timestamp(),
                self.offset
            ),
        }
    }
}

pub fn reminder_job_name(room_id: &str, minutes: u32) -> String {
    format!("reminder-{room_id}-{minutes}")
}

/// Every payload the scheduler delivers. Untagged: the session start keeps the
/// contract's `{room_id, starts_at}`; a mailing has `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Job {
    /// Tried first: it is the one payload with `invite_id`.
    MailRetry(super::mail_retries::MailRetry),
    Mailing(Mailing),
    SessionStart(SessionStart),
}

impl Job {
    /// The job as its trigger delivers it (the scheduler's and the queue's payload).
    pub fn payload(&self) -> Result<serde_json::Value> {
        serde_json::to_value(self).map_err(crate::domain::Error::internal)
    }
}

/// What one run of a mailing did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailingOutcome {
    pub kind: MailingKind,
    pub sent: usize,
    pub failed: usize,
    /// Set when the room no longer matches (rescheduled, deleted, reminder removed).
    pub stale: bool,
    /// The job that continues this mailing, when the budget ran out.
    #[serde(skip)]
    pub next: Option<Mailing>,
}

/// Whether a mailing of `kind` about the start `starts_at` still matches the room: a
/// reminder or update of a room moved since, or a reminder removed, sends nothing.
pub fn is_current(
    room: &Room,
    kind: MailingKind,
    starts_at: OffsetDateTime,
    minutes_before: Option<u32>,
) -> bool {
    match kind {
        MailingKind::Cancel => room.is_deleted(),
        MailingKind::Update => !room.is_deleted() && room.starts_at == starts_at,
        MailingKind::Reminder => {
            !room.is_deleted()
                && room.starts_at == starts_at
                && minutes_before.is_some_and(|m| room.reminders.contains(&m))
        }
    }
}

/// The email of a room mailing to one invitee.
pub fn room_mail(
    room: &Room,
    invite: &Invite,
    kind: MailingKind,
    minutes_before: Option<u32>,
    config: &super::AppConfig,
    now: OffsetDateTime,
) -> crate::ports::OutgoingEmail {
    match kind {
        MailingKind::Reminder => {
            notifications::reminder_email(room, invite, minutes_before.unwrap_or(0), config)
        }
        MailingKind::Update => notifications::update_email(room, invite, config, now),
        MailingKind::Cancel => notifications::cancel_email(room, invite, config, now),
    }
}

/// Who gets room mail: each address once, of an invite that can still be used or was
/// used (the participants came in through these), that the host let us email, and
/// that did not bounce or complain. Revoked, expired and locked invites get nothing,
/// and an address that unsubscribed (through any of its invites) gets nothing more.
pub fn recipients(invites: &[Invite], now: OffsetDateTime) -> Vec<Invite> {
    let unsubscribed: HashSet<_> = invites
        .iter()
        .filter(|i| i.unsubscribed_at.is_some())
        .map(|i| i.email.clone())
        .collect();
    let mut sorted: Vec<&Invite> = invites
        .iter()
        .filter(|i| !unsubscribed.contains(&i.email))
        .collect();
    sorted.sort_by(|a, b| (a.created_at, &a.invite_id).cmp(&(b.created_at, &b.invite_id)));
    let mut seen = HashSet::new();
    sorted
        .into_iter()
        .filter(|i| matches!(i.status(now), InviteStatus::Active | InviteStatus::Used))
        .filter(|i| {
            !matches!(
                i.delivery,
                Delivery::NotSent | Delivery::Bounced | Delivery::Complained
            )
        })
        .filter(|i| seen.insert(i.email.clone()))
        .cloned()
        .collect()
}

impl App {
    /// Arms the room's reminders that are still ahead (a past one is not scheduled).
    pub(super) async fn arm_reminders(&self, room: &Room) -> Result<()> {
        for (minutes, at) in room.due_reminders(self.clock.now()) {
            let job = Mailing {
                room_id: room.room_id.clone(),
                kind: MailingKind::Reminder,
                starts_at: room.starts_at,
                minutes_before: Some(minutes),
                offset: 0,
            };
            self.scheduler
                .schedule_job(&job.job_name(), at, &Job::Mailing(job).payload()?)
                .await
                .map_err(crate::domain::Error::internal)?;
        }
        Ok(())
    }

    /// Re-arms a scheduled room's start and its reminders still ahead (local mode's
    /// start-up: its scheduler keeps them in memory).
    pub async fn rearm_room(&self, room: &Room) -> Result<()> {
        if room.is_deleted() || room.is_live() {
            return Ok(());
        }
        self.scheduler
            .schedule_start(&room.room_id, room.starts_at)
            .await
            .map_err(crate::domain::Error::internal)?;
        self.arm_reminders(room).await
    }

    /// Removes the reminders of `reminders` (a room's old list); failures are logged:
    /// a reminder that fires anyway finds its room moved or deleted and sends nothing.
    pub(super) async fn disarm_reminders(&self, room_id: &str, reminders: &[u32]) {
        for minutes in reminders {
            if let Err(e) = self
                .scheduler
                .cancel_job(&reminder_job_name(room_id, *minutes))
                .await
            {
                tracing::warn!(room_id, minutes, error = %e, "could not remove a reminder");
            }
        }
    }

    /// Queues a mailing to run now, in the background.
    pub(super) async fn queue_mailing(&self, job: Mailing) -> Result<()> {
        let at = self.clock.now();
        self.scheduler
            .schedule_job(&job.job_name(), at, &Job::Mailing(job).payload()?)
            .await
            .map_err(crate::domain::Error::internal)
    }

    /// Runs (part of) a mailing until `budget` is spent; the outcome's `next` continues
    /// it. Idempotent per page at best: a page retried after a failure may email some
    /// invitees twice, never skip one.
    pub async fn run_mailing(&self, job: &Mailing, budget: Duration) -> Result<MailingOutcome> {
        let started = std::time::Instant::now();
        let mut outcome = MailingOutcome {
            kind: job.kind,
            sent: 0,
            failed: 0,
            stale: false,
            next: None,
        };
        let Some(room) = self.store.get_room(&job.room_id).await? else {
            outcome.stale = true;
            return Ok(outcome);
        };
        if !is_current(&room, job.kind, job.starts_at, job.minutes_before) {
            tracing::info!(room_id = %job.room_id, kind = job.kind.as_str(), "stale mailing ignored");
            outcome.stale = true;
            return Ok(outcome);
        }
        let branding = self.branding_of_org(&room.org).await;
        let now = self.clock.now();
        let all = recipients(&self.room_invites(&job.room_id, now).await?, now);
        let mut position = job.offset;
        while position < all.len() {
            // At least one page per run, so that every run makes progress.
            if position > job.offset && started.elapsed() >= budget {
                outcome.next = Some(Mailing {
                    offset: position,
                    ..job.clone()
                });
                break;
            }
            let page = &all[position..(position + PAGE).min(all.len())];
            for chunk in page.chunks(CONCURRENCY) {
                let sends = chunk.iter().map(|invite| {
                    let mut email = room_mail(
                        &room,
                        invite,
                        job.kind,
                        job.minutes_before,
                        &self.config,
                        now,
                    );
                    super::branding::apply(&branding, &mut email, &self.config.public_base_url);
                    async move { (invite, self.mailer.send(&email).await) }
                });
                let kind = match job.kind {
                    MailingKind::Reminder => EmailKind::Reminder,
                    MailingKind::Update => EmailKind::Update,
                    MailingKind::Cancel => EmailKind::Cancellation,
                };
                for (invite, result) in futures_util::future::join_all(sends).await {
                    telemetry::email(kind, result.is_ok());
                    if result.is_ok() && job.kind == MailingKind::Reminder {
                        telemetry::reminder_sent();
                    }
                    match result {
                        Ok(()) => outcome.sent += 1,
                        Err(e) => {
                            outcome.failed += 1;
                            tracing::warn!(invite_id = %invite.invite_id, kind = job.kind.as_str(), error = %e, "room mail failed");
                            if e.failure != MailFailure::Permanent {
                                self.queue_room_mail_retry(invite, job, now).await;
                            }
                        }
                    }
                }
            }
            position += page.len();
        }
        tracing::info!(room_id = %job.room_id, kind = job.kind.as_str(), sent = outcome.sent, failed = outcome.failed, more = outcome.next.is_some(), "mailing ran");
        Ok(outcome)
    }

    /// Every invite of the room, in creation order, read page by page.
    async fn room_invites(&self, room_id: &str, now: OffsetDateTime) -> Result<Vec<Invite>> {
        let mut all = Vec::new();
        let mut after = None;
        loop {
            let page = self
                .store
                .list_invites(
                    room_id,
                    &InviteFilter::default(),
                    now,
                    &PageRequest { limit: 1000, after },
                )
                .await?;
            all.extend(page.items);
            match page.next {
                Some(next) => after = Some(next),
                None => return Ok(all),
            }
        }
    }

    /// A scheduled job: the session start, or a mailing (continued through the
    /// scheduler when it runs out of `budget`).
    pub async fn run_job(&self, job: &Job, budget: Duration) -> Result<serde_json::Value> {
        match job {
            Job::SessionStart(start) => {
                let outcome = self.start_session(start).await?;
                Ok(serde_json::json!({ "room_id": start.room_id, "outcome": outcome }))
            }
            Job::MailRetry(retry) => self.run_mail_retry(retry).await,
            Job::Mailing(mailing) => {
                let outcome = self.run_mailing(mailing, budget).await?;
                if let Some(next) = &outcome.next {
                    self.queue_mailing(next.clone()).await?;
                }
                Ok(serde_json::json!({
                    "room_id": mailing.room_id,
                    "mailing": outcome,
                    "continued": outcome.next.is_some(),
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_keep_the_session_start_shape() {
        let start: Job =
            serde_json::from_str(r#"{"room_id":"R","starts_at":"2030-12-01T15:00:00Z"}"#).unwrap();
        assert!(matches!(start, Job::SessionStart(_)));
        let reminder: Job = serde_json::from_str(
            r#"{"room_id":"R","kind":"reminder","starts_at":"2030-12-01T15:00:00Z","minutes_before":15}"#,
        )
        .unwrap();
        match reminder {
            Job::Mailing(m) => {
                assert_eq!(m.kind, MailingKind::Reminder);
                assert_eq!(m.job_name(), "reminder-R-15");
            }
            other => panic!("{other:?}"),
        }
        let json = serde_json::to_value(Job::SessionStart(SessionStart {
            room_id: "R".into(),
            starts_at: time::macros::datetime!(2030-12-01 15:00 UTC),
        }))
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"room_id":"R","starts_at":"2030-12-01T15:00:00Z"})
        );
    }
}
