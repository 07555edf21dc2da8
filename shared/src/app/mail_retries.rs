//! Mail is never lost: an email the mailer refused for a reason that may pass
//! (throttled, unreachable, an answer lost) is queued ([`MailQueue`]) and sent again
//! with backoff until it goes out or its retry window ends. The invite shows
//! `delivery: queued` meanwhile, `failed` only after the window or for a permanent
//! refusal.
//!
//! An invitation is retried with the same link: the link is derived under the server's
//! link key from a random nonce stored with the invite while its email is unsent
//! ([`crate::domain::Invite::mail_nonce`]), never stored itself. A retry is for one
//! invite and link version: a resend (a new link) or a revocation makes it stale, and an
//! invitation that a delivery event has since reported sent is not mailed again.

use super::mailings::{is_current, room_mail, Job, Mailing, MailingKind};
use super::{notifications, App};
use crate::domain::time_fmt::rfc3339;
use crate::domain::{Delivery, Error, Invite, InviteToken, Result};
use crate::ports::{MailError, MailFailure, QueueError};
use crate::telemetry::{self, EmailKind};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ulid::Ulid;

/// How many characters of the invite's token hash name its link version.
const VERSION_LEN: usize = 16;

/// Which email a retry sends again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "email", rename_all = "snake_case")]
pub enum RetriedEmail {
    /// The invite's invitation; `inviter` names who invited, as the first email did.
    Invitation { inviter: String },
    /// One invitee's email of a room mailing.
    RoomMail {
        kind: MailingKind,
        #[serde(with = "rfc3339")]
        starts_at: OffsetDateTime,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes_before: Option<u32>,
    },
}

/// A queued email: the job that sends it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailRetry {
    pub invite_id: String,
    /// The link version the email is of (the start of the invite's token hash).
    pub link_version: String,
    /// This retry's number: 1 for the first; 0 for an email found unsent at start-up.
    pub attempt: u32,
    #[serde(with = "rfc3339")]
    pub first_failed_at: OffsetDateTime,
    #[serde(flatten)]
    pub email: RetriedEmail,
}

impl MailRetry {
    /// The job's name: one per invite, email and attempt.
    pub fn name(&self) -> String {
        let what = match &self.email {
            RetriedEmail::Invitation { .. } => "invitation".to_owned(),
            RetriedEmail::RoomMail { kind, .. } => kind.as_str().to_owned(),
        };
        format!("mail-{}-{what}-{}", self.invite_id, self.attempt)
    }
}

/// The link version of an invite: a retry of another version is stale.
pub fn link_version(invite: &Invite) -> String {
    invite.token_hash.0.chars().take(VERSION_LEN).collect()
}

/// What one run of a retry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryOutcome {
    Sent,
    /// Sent already, revoked, resent with a new link, or the mailing no longer applies.
    Stale,
    Requeued,
    /// Refused for good, or the retry window ended.
    Failed,
}

impl App {
    /// The token of an emailed link and the nonce it is derived from.
    pub(super) fn mail_token(
        &self,
        id: Ulid,
        room_id: Ulid,
        role: crate::domain::Role,
    ) -> Result<(InviteToken, String)> {
        let random = crate::domain::token::random_secret().map_err(Error::internal)?;
        let nonce = crate::domain::token::hex(&random[..16]);
        Ok((self.token_of_nonce(id, room_id, role, &nonce), nonce))
    }

    fn token_of_nonce(
        &self,
        id: Ulid,
        room_id: Ulid,
        role: crate::domain::Role,
        nonce: &str,
    ) -> InviteToken {
        InviteToken::derive(
            id,
            room_id,
            role,
            &self.config.link_key,
            format!("mail:{nonce}").as_bytes(),
        )
    }

    /// After a failed invitation email: `queued` (and a retry armed) unless the failure
    /// is permanent or nothing can be queued, then `failed`.
    pub(super) async fn after_failed_invitation(
        &self,
        invite: &Invite,
        error: &MailError,
        inviter: &str,
    ) -> Delivery {
        if error.failure == MailFailure::Permanent {
            return Delivery::Failed;
        }
        let retry = MailRetry {
            invite_id: invite.invite_id.clone(),
            link_version: link_version(invite),
            attempt: 1,
            first_failed_at: self.clock.now(),
            email: RetriedEmail::Invitation {
                inviter: inviter.to_owned(),
            },
        };
        match self.queue_retry(&retry).await {
            Ok(()) => Delivery::Queued,
            Err(e) => {
                tracing::error!(invite_id = %invite.invite_id, error = %e, "could not queue the invitation");
                Delivery::Failed
            }
        }
    }

    /// After a failed room-mail email (not permanent): a retry for that invitee.
    pub(super) async fn queue_room_mail_retry(
        &self,
        invite: &Invite,
        job: &Mailing,
        now: OffsetDateTime,
    ) {
        let retry = MailRetry {
            invite_id: invite.invite_id.clone(),
            link_version: link_version(invite),
            attempt: 1,
            first_failed_at: now,
            email: RetriedEmail::RoomMail {
                kind: job.kind,
                starts_at: job.starts_at,
                minutes_before: job.minutes_before,
            },
        };
        if let Err(e) = self.queue_retry(&retry).await {
            tracing::error!(invite_id = %invite.invite_id, kind = job.kind.as_str(), error = %e, "could not queue room mail");
        }
    }

    async fn queue_retry(&self, retry: &MailRetry) -> std::result::Result<(), QueueError> {
        let delay = self.config.mail_retry.delay(retry.attempt);
        let delay = std::time::Duration::try_from(delay).unwrap_or_default();
        let job = serde_json::to_value(Job::MailRetry(retry.clone()))
            .map_err(|e| QueueError(e.to_string()))?;
        self.mail_queue.enqueue(&retry.name(), &job, delay).await?;
        telemetry::email_queued();
        tracing::info!(invite_id = %retry.invite_id, attempt = retry.attempt, delay_s = delay.as_secs(), "email queued for a retry");
        Ok(())
    }

    /// Queues the invitations of `invites` (found `pending` or `queued` at start-up: a
    /// crash or restart lost their send or their timer) to go out at once.
    pub async fn requeue_unsent(&self, invites: &[Invite]) -> Result<usize> {
        self.queue_invitations(invites, 0).await
    }

    /// Queues the invitation of `invite`, found `pending` by the rerun of a request that
    /// stopped: after the first backoff, since that request may have sent it just
    /// before it stopped, and SES's `Send` event, which comes within seconds, then makes
    /// the retry stale.
    pub(super) async fn queue_unsent_after_backoff(&self, invite: &Invite) -> Result<usize> {
        self.queue_invitations(std::slice::from_ref(invite), 1)
            .await
    }

    async fn queue_invitations(&self, invites: &[Invite], attempt: u32) -> Result<usize> {
        let now = self.clock.now();
        let mut queued = 0;
        for invite in invites {
            let retry = MailRetry {
                invite_id: invite.invite_id.clone(),
                link_version: link_version(invite),
                attempt,
                first_failed_at: now,
                // Who invited is not kept: "the organizer" names them.
                email: RetriedEmail::Invitation {
                    inviter: String::new(),
                },
            };
            self.queue_retry(&retry)
                .await
                .map_err(|e| super::unavailable("mail queue", 30, e))?;
            queued += 1;
        }
        Ok(queued)
    }

    /// Sends a queued email again; a failure that may pass queues the next attempt
    /// (or ends the window). `Err` only when the next attempt could not be queued: the
    /// queue then delivers this one again.
    pub async fn run_mail_retry(&self, retry: &MailRetry) -> Result<serde_json::Value> {
        let outcome = self.retry_once(retry).await?;
        tracing::info!(invite_id = %retry.invite_id, attempt = retry.attempt, ?outcome, "mail retry ran");
        Ok(serde_json::json!({
            "invite_id": retry.invite_id,
            "attempt": retry.attempt,
            "outcome": outcome,
        }))
    }

    async fn retry_once(&self, retry: &MailRetry) -> Result<RetryOutcome> {
        let now = self.clock.now();
        let Some(invite) = self.store.get_invite(&retry.invite_id).await? else {
            return Ok(RetryOutcome::Stale);
        };
        if invite.revoked_at.is_some() || link_version(&invite) != retry.link_version {
            return Ok(RetryOutcome::Stale);
        }
        let Some(room) = self.store.get_room(&invite.room_id).await? else {
            return Ok(RetryOutcome::Stale);
        };
        let (email, kind) = match &retry.email {
            RetriedEmail::Invitation { inviter } => {
                // Sent meanwhile (a delivery event came), or given up on.
                if !matches!(invite.delivery, Delivery::Queued | Delivery::Pending)
                    || room.is_deleted()
                {
                    return Ok(RetryOutcome::Stale);
                }
                if self.config.link_key.is_empty() {
                    // Never mail a link that cannot work: the function lacks the key.
                    return Err(Error::internal(
                        "no link key to send a queued invitation (SESSION_SECRET)",
                    ));
                }
                let Some(nonce) = invite.mail_nonce.as_deref() else {
                    tracing::error!(invite_id = %invite.invite_id, "a queued invitation without its link nonce");
                    self.record_delivery(&invite, Delivery::Failed).await;
                    return Ok(RetryOutcome::Failed);
                };
                let (id, room_ulid) = (
                    Ulid::from_string(&invite.invite_id).map_err(Error::internal)?,
                    super::invites::room_ulid(&invite.room_id)?,
                );
                let link = self.config.join_url(
                    &self
                        .token_of_nonce(id, room_ulid, invite.role, nonce)
                        .expose(),
                );
                let who = if inviter.is_empty() {
                    notifications::organizer_phrase(&room, &invite)
                } else {
                    inviter.clone()
                };
                let email = notifications::invitation_from(
                    &room,
                    &invite,
                    &link,
                    &who,
                    &self.config.organizer,
                    now,
                );
                (email, EmailKind::Invitation)
            }
            RetriedEmail::RoomMail {
                kind,
                starts_at,
                minutes_before,
            } => {
                if !is_current(&room, *kind, *starts_at, *minutes_before) {
                    return Ok(RetryOutcome::Stale);
                }
                let email = room_mail(&room, &invite, *kind, *minutes_before, &self.config, now);
                let kind = match kind {
                    MailingKind::Reminder => EmailKind::Reminder,
                    MailingKind::Update => EmailKind::Update,
                    MailingKind::Cancel => EmailKind::Cancellation,
                };
                (email, kind)
            }
        };
        let invitation = matches!(retry.email, RetriedEmail::Invitation { .. });
        let mut email = email;
        self.brand_email(&room.org, &mut email).await;
        let sent = self.mailer.send(&email).await;
        telemetry::email(kind, sent.is_ok());
        let error = match sent {
            Ok(()) => {
                if invitation {
                    self.record_delivery(&invite, Delivery::Sent).await;
                }
                return Ok(RetryOutcome::Sent);
            }
            Err(e) => e,
        };
        tracing::warn!(invite_id = %invite.invite_id, attempt = retry.attempt, error = %error, "queued email failed again");
        let give_up = error.failure == MailFailure::Permanent
            || !self
                .config
                .mail_retry
                .still_retrying(retry.first_failed_at, now);
        if give_up {
            if invitation {
                self.record_delivery(&invite, Delivery::Failed).await;
            }
            tracing::error!(invite_id = %invite.invite_id, attempt = retry.attempt, "email given up");
            return Ok(RetryOutcome::Failed);
        }
        let next = MailRetry {
            attempt: retry.attempt + 1,
            ..retry.clone()
        };
        self.queue_retry(&next)
            .await
            .map_err(|e| super::unavailable("mail queue", 30, e))?;
        Ok(RetryOutcome::Requeued)
    }

    async fn record_delivery(&self, invite: &Invite, delivery: Delivery) {
        if let Err(e) = self.store.set_delivery(&invite.invite_id, delivery).await {
            tracing::error!(invite_id = %invite.invite_id, error = %e, "could not record delivery");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_are_jobs_of_their_own_shape() {
        let retry = MailRetry {
            invite_id: "I".into(),
            link_version: "abc".into(),
            attempt: 2,
            first_failed_at: time::macros::datetime!(2030-01-01 10:00 UTC),
            email: RetriedEmail::RoomMail {
                kind: MailingKind::Reminder,
                starts_at: time::macros::datetime!(2030-01-02 10:00 UTC),
                minutes_before: Some(15),
            },
        };
        let json = serde_json::to_value(Job::MailRetry(retry.clone())).expect("json");
        assert_eq!(json["email"], "room_mail");
        assert_eq!(json["kind"], "reminder");
        let back: Job = serde_json::from_value(json).expect("a job");
        assert_eq!(back, Job::MailRetry(retry.clone()));
        assert_eq!(retry.name(), "mail-I-reminder-2");
        let invitation = MailRetry {
            email: RetriedEmail::Invitation {
                inviter: "ann@example.com".into(),
            },
            ..retry
        };
        let back: Job = serde_json::from_value(
            serde_json::to_value(Job::MailRetry(invitation.clone())).expect("json"),
        )
        .expect("a job");
        assert_eq!(back, Job::MailRetry(invitation));
    }
}
