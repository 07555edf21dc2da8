//! Delivery events of sent mail (SES through EventBridge): the invite's `delivery`
//! becomes `delivered`, `bounced` or `complained`; a hard bounce or a complaint also
//! suppresses the address in the invite's organization (see `invites::check_suppression`).

use super::App;
use crate::domain::{MailEvent, Result, Suppression};
use serde::Serialize;

/// What handling one event did (the function's answer and log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailEventOutcome {
    pub invite_id: Option<String>,
    /// The invite's delivery after the event; `None` when the event was ignored.
    pub delivery: Option<&'static str>,
    /// Why nothing was recorded, for an ignored event.
    pub ignored: Option<&'static str>,
}

impl App {
    /// Idempotent (EventBridge delivers at least once): a repeat writes the same state.
    /// A store failure is an error, so that EventBridge retries the event.
    pub async fn record_mail_event(&self, event: &MailEvent) -> Result<MailEventOutcome> {
        let (invite_id, outcome) = match event {
            MailEvent::Ignored(why) => {
                tracing::info!(reason = *why, "mail event ignored");
                return Ok(MailEventOutcome {
                    invite_id: None,
                    delivery: None,
                    ignored: Some(why),
                });
            }
            MailEvent::Outcome { invite_id, outcome } => (invite_id, *outcome),
        };
        let Some(invite) = self.store.set_delivery(invite_id, outcome).await? else {
            tracing::info!(invite_id = %invite_id, "mail event for an unknown invite");
            return Ok(MailEventOutcome {
                invite_id: Some(invite_id.clone()),
                delivery: None,
                ignored: Some("no such invite"),
            });
        };
        if outcome.suppresses() && invite.delivery == outcome {
            self.store
                .put_suppression(&Suppression {
                    org: invite.org.clone(),
                    email: invite.email.clone(),
                    reason: outcome,
                    invite_id: invite.invite_id.clone(),
                    at: self.clock.now(),
                })
                .await?;
        }
        if invite.delivery == outcome {
            match outcome {
                crate::domain::Delivery::Bounced => crate::telemetry::email_bounced(),
                crate::domain::Delivery::Complained => crate::telemetry::email_complained(),
                _ => {}
            }
        }
        if invite.delivery != outcome {
            tracing::info!(invite_id = %invite_id, event = outcome.as_str(), kept = invite.delivery.as_str(), "late mail event did not replace the delivery");
        } else {
            tracing::info!(invite_id = %invite_id, delivery = outcome.as_str(), "delivery recorded");
        }
        Ok(MailEventOutcome {
            invite_id: Some(invite_id.clone()),
            delivery: Some(invite.delivery.as_str()),
            ignored: None,
        })
    }
}
