//! The SES v2 mailer: `SendEmail` with `Raw` content, the same RFC 5322 message the
//! local outbox writes (`eml_mailer::build_message`: text + HTML + attachments, headers
//! built by lettre, so no header injection), from `MAIL_FROM`, optional configuration set,
//! and the email's tags as SES message tags (delivery events carry them back).

use crate::adapters::eml_mailer::build_message;
use crate::ports::{MailError, Mailer, OutgoingEmail};
use async_trait::async_trait;
use aws_sdk_sesv2::error::DisplayErrorContext;
use aws_sdk_sesv2::primitives::Blob;
use aws_sdk_sesv2::types::{Destination, EmailContent, MessageTag, RawMessage};
use lettre::message::Mailbox;

use super::failures::{classify, Failure};

/// Sends of one email while SES answers "not now" (throttled, 5xx), within the request.
const SEND_ATTEMPTS: u32 = 3;
/// The first wait between them; doubled each time.
const BACKOFF: std::time::Duration = std::time::Duration::from_millis(100);

pub struct SesMailer {
    client: aws_sdk_sesv2::Client,
    from: Mailbox,
    configuration_set: Option<String>,
}

impl SesMailer {
    pub fn new(
        client: aws_sdk_sesv2::Client,
        from: &str,
        configuration_set: Option<String>,
    ) -> Result<Self, MailError> {
        let from = from
            .parse()
            .map_err(|e| MailError::permanent(format!("invalid sender address: {e}")))?;
        Ok(SesMailer {
            client,
            from,
            configuration_set,
        })
    }
}

#[async_trait]
impl Mailer for SesMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        let raw = build_message(&self.from, email)?.formatted();
        let raw = RawMessage::builder()
            .data(Blob::new(raw))
            .build()
            .map_err(|e| MailError::permanent(format!("cannot build the message: {e}")))?;
        let tags = email
            .tags
            .iter()
            .map(|(name, value)| MessageTag::builder().name(name).value(value).build())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| MailError::permanent(format!("cannot build a message tag: {e}")))?;
        // Only what surely was not sent is tried again here (throttling, 5xx); an
        // answer lost after the request went out is the caller's to queue.
        let mut attempt = 0;
        let out = loop {
            attempt += 1;
            let result = self
                .client
                .send_email()
                .set_email_tags((!tags.is_empty()).then_some(tags.clone()))
                .from_email_address(self.from.to_string())
                .destination(
                    Destination::builder()
                        .to_addresses(email.to.as_str())
                        .build(),
                )
                .content(EmailContent::builder().raw(raw.clone()).build())
                .set_configuration_set_name(self.configuration_set.clone())
                .send()
                .await;
            let e = match result {
                Ok(out) => break out,
                Err(e) => e,
            };
            let failure = classify(&e);
            let message = format!("SES refused the email: {}", DisplayErrorContext(&e));
            match failure {
                Failure::Transient if attempt < SEND_ATTEMPTS => {
                    tokio::time::sleep(BACKOFF * 2u32.pow(attempt - 1)).await;
                }
                Failure::Transient => return Err(MailError::transient(message)),
                Failure::Ambiguous => return Err(MailError::ambiguous(message)),
                Failure::Permanent => return Err(MailError::permanent(message)),
            }
        };
        tracing::info!(to = %email.to, message_id = out.message_id().unwrap_or(""), "email sent with SES");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    //! The raw message SES receives: moto keeps it whole, but the text part is asserted
    //! here, next to the builder, with hostile input.
    use crate::adapters::eml_mailer::build_message;
    use crate::app::{invitation_email, Host};
    use crate::domain::invite::Delivery;
    use crate::domain::room::RoomStatus;
    use crate::domain::{EmailAddress, Invite, Role, Room, TokenHash};
    use time::macros::datetime;

    fn raw_invitation(title: &str, host_email: &str) -> String {
        let at = datetime!(2030-01-01 10:00 UTC);
        let room = Room {
            room_id: "r1".into(),
            org: "o".into(),
            title: title.into(),
            description: String::new(),
            starts_at: at,
            ends_at: None,
            speakers: Vec::new(),
            attachments: Vec::new(),
            status: RoomStatus::Scheduled,
            reminders: vec![1440, 15],
            admission: Default::default(),
            locale: None,
            timezone: None,
            created_by: "h".into(),
            created_at: at,
            deleted_at: None,
            version: 0,
        };
        let invite = Invite {
            invite_id: "i1".into(),
            room_id: "r1".into(),
            org: "o".into(),
            email: EmailAddress::parse("guest@example.com").expect("email"),
            role: Role::Speaker,
            max_uses: Some(1),
            uses: 0,
            expires_at: at,
            token_hash: TokenHash("h".into()),
            failed_attempts: 0,
            revoked_at: None,
            delivery: Delivery::Pending,
            created_by: "h".into(),
            created_at: at,
            mail_nonce: None,
            locale: None,
            unsubscribed_at: None,
        };
        let host = Host {
            sub: "h".into(),
            org: "o".into(),
            email: Some(host_email.into()),
            can_write: true,
        };
        let link = format!("https://invites.example.org/join/{}", "A".repeat(64));
        let email = invitation_email(&room, &invite, &link, &host, "invites@example.org", at);
        let from = "Room invitations <invites@example.org>"
            .parse()
            .expect("from");
        String::from_utf8(build_message(&from, &email).expect("message").formatted())
            .expect("utf-8")
    }

    #[test]
    fn text_part_has_the_link_on_one_line_and_html_is_escaped() {
        let raw = raw_invitation("Launch <b>review</b>", "host@example.org");
        let link = format!("https://invites.example.org/join/{}", "A".repeat(64));
        let text = &raw[raw.find("Content-Type: text/plain").expect("text part")..];
        let text = &text[..text.find("\r\n--").unwrap_or(text.len())];
        assert!(
            text.lines().any(|l| l.trim() == link || l.contains(&link)),
            "{text}"
        );
        // Undo quoted-printable soft line breaks (`=` at a line end); `<`, `>`, `&` stay literal.
        let html = &raw[raw.find("Content-Type: text/html").expect("html part")..];
        let html = html[..html.find("\r\n--").unwrap_or(html.len())].replace("=\r\n", "");
        assert!(
            !html.contains("<b>review</b>") && html.contains("&lt;b&gt;"),
            "{html}"
        );
    }

    #[test]
    fn no_header_injection_from_title_or_host() {
        let raw = raw_invitation(
            "Hi\r\nBcc: victim@evil.example",
            "x@example.org\r\nBcc: b@evil.example",
        );
        let headers = &raw[..raw.find("\r\n\r\n").expect("headers end")];
        assert!(
            !headers
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "{headers}"
        );
    }
}
