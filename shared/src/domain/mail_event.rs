//! SES delivery events as EventBridge delivers them (`source: aws.ses`, the SES event
//! record in `detail`), reduced to what the service keeps: which invite, which outcome.
//! Shapes: <https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html>
//! (the same record is the `detail` of the EventBridge event).

use super::error::Error;
use super::invite::Delivery;
use super::time_fmt;
use super::EmailAddress;
use serde::Deserialize;
use std::collections::HashMap;
use time::OffsetDateTime;

/// The SES message tag that carries the invite id (set by the mailer on invitations).
pub const INVITE_TAG: &str = "invite_id";

/// What a delivery event means for an invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailEvent {
    /// The invite's delivery becomes `outcome` (`delivered`, `bounced` or `complained`).
    Outcome {
        invite_id: String,
        outcome: Delivery,
    },
    /// Nothing to record, with the reason (for the log).
    Ignored(&'static str),
}

#[derive(Debug, Deserialize)]
struct Envelope {
    #[serde(default)]
    source: String,
    #[serde(default)]
    detail: Option<Detail>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Detail {
    #[serde(default)]
    event_type: String,
    #[serde(default)]
    mail: Option<Mail>,
    #[serde(default)]
    bounce: Option<Bounce>,
}

#[derive(Debug, Deserialize)]
struct Mail {
    #[serde(default)]
    tags: HashMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Bounce {
    #[serde(default)]
    bounce_type: String,
}

impl MailEvent {
    /// Reads an EventBridge event. Unreadable JSON is an error (the function fails and
    /// EventBridge retries); a readable event that is not ours is `Ignored`.
    pub fn from_eventbridge(event: &serde_json::Value) -> Result<MailEvent, Error> {
        let envelope: Envelope = serde_json::from_value(event.clone())
            .map_err(|e| Error::bad_request(format!("not an EventBridge SES event: {e}")))?;
        if envelope.source != "aws.ses" {
            return Ok(MailEvent::Ignored("not an SES event"));
        }
        let Some(detail) = envelope.detail else {
            return Ok(MailEvent::Ignored("no detail"));
        };
        let outcome = match detail.event_type.as_str() {
            // SES accepted the message: what a retry of an email whose answer was lost
            // checks before it mails again (`sent` replaces only `pending` and `queued`).
            "Send" => Delivery::Sent,
            "Delivery" => Delivery::Delivered,
            "Complaint" => Delivery::Complained,
            "Bounce" => match detail.bounce.as_ref().map(|b| b.bounce_type.as_str()) {
                Some("Permanent") => Delivery::Bounced,
                // Transient (soft) and Undetermined bounces: SES retried or cannot say;
                // the address stays usable.
                _ => return Ok(MailEvent::Ignored("not a hard bounce")),
            },
            _ => {
                return Ok(MailEvent::Ignored(
                    "not a send, delivery, bounce or complaint",
                ))
            }
        };
        let invite_id = detail
            .mail
            .as_ref()
            .and_then(|m| m.tags.get(INVITE_TAG))
            .and_then(|v| v.first())
            .filter(|id| !id.is_empty());
        match invite_id {
            Some(id) => Ok(MailEvent::Outcome {
                invite_id: id.clone(),
                outcome,
            }),
            None => Ok(MailEvent::Ignored("the message is not an invitation")),
        }
    }
}

/// An address of an organization that is not emailed again (hard bounce or complaint)
/// until a host issues an invite for it with `"force_email": true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub org: String,
    pub email: EmailAddress,
    /// `Bounced` or `Complained`.
    pub reason: Delivery,
    /// The invite whose email bounced or was reported.
    pub invite_id: String,
    pub at: OffsetDateTime,
}

impl Suppression {
    /// The `422 email_suppressed` answer, saying why and what to do.
    pub fn error(&self) -> Error {
        let why = match self.reason {
            Delivery::Complained => "its recipient marked an earlier invitation as spam",
            _ => "an earlier invitation to it bounced permanently (the recipient's mail server rejected it)",
        };
        Error::EmailSuppressed(format!(
            "{} is not emailed again: {why} on {}. Check the address, then issue a new invite with \"force_email\": true to email it anyway.",
            self.email,
            time_fmt::format(self.at)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(detail_type: &str, detail: serde_json::Value) -> serde_json::Value {
        json!({ "version": "0", "id": "e1", "detail-type": detail_type, "source": "aws.ses",
                "account": "123456789012", "time": "2026-12-01T10:00:00Z", "region": "us-east-1",
                "resources": [], "detail": detail })
    }

    fn tags() -> serde_json::Value {
        json!({ "ses:configuration-set": ["room-invites"], "invite_id": ["I1"] })
    }

    #[test]
    fn outcomes_by_event_type() {
        let cases = [
            (
                "Email Delivered",
                json!({"eventType":"Delivery","mail":{"tags":tags()}}),
                Some(Delivery::Delivered),
            ),
            (
                "Email Bounced",
                json!({"eventType":"Bounce","bounce":{"bounceType":"Permanent"},"mail":{"tags":tags()}}),
                Some(Delivery::Bounced),
            ),
            (
                "Email Bounced",
                json!({"eventType":"Bounce","bounce":{"bounceType":"Transient"},"mail":{"tags":tags()}}),
                None,
            ),
            (
                "Email Bounced",
                json!({"eventType":"Bounce","bounce":{"bounceType":"Undetermined"},"mail":{"tags":tags()}}),
                None,
            ),
            (
                "Email Complaint Received",
                json!({"eventType":"Complaint","mail":{"tags":tags()}}),
                Some(Delivery::Complained),
            ),
            (
                "Email Opened",
                json!({"eventType":"Open","mail":{"tags":tags()}}),
                None,
            ),
            (
                "Email Delivered",
                json!({"eventType":"Delivery","mail":{"tags":{}}}),
                None,
            ),
        ];
        for (dt, detail, want) in cases {
            let got = MailEvent::from_eventbridge(&event(dt, detail.clone())).unwrap();
            match want {
                Some(outcome) => assert_eq!(
                    got,
                    MailEvent::Outcome {
                        invite_id: "I1".into(),
                        outcome
                    },
                    "{detail}"
                ),
                None => assert!(matches!(got, MailEvent::Ignored(_)), "{detail}"),
            }
        }
    }

    #[test]
    fn other_sources_are_ignored_and_garbage_is_an_error() {
        let mut e = event(
            "Email Delivered",
            json!({"eventType":"Delivery","mail":{"tags":tags()}}),
        );
        e["source"] = json!("aws.s3");
        assert!(matches!(
            MailEvent::from_eventbridge(&e),
            Ok(MailEvent::Ignored(_))
        ));
        assert!(MailEvent::from_eventbridge(&json!({"source": 3})).is_err());
    }

    #[test]
    fn out_of_order_writes_never_go_backwards() {
        assert!(!Delivery::Delivered.replaces().contains(&Delivery::Bounced));
        assert!(!Delivery::Delivered
            .replaces()
            .contains(&Delivery::Complained));
        assert!(Delivery::Bounced.replaces().contains(&Delivery::Delivered));
        assert!(!Delivery::Sent.replaces().contains(&Delivery::Delivered));
        assert!(!Delivery::Bounced.replaces().contains(&Delivery::Complained));
    }
}
