//! The SES v2 mailer: `SendEmail` with `Raw` content, the same RFC 5322 message the
//! local outbox writes (`eml_mailer::build_message`: text + HTML + attachments, headers
//! built by lettre, so no header injection), from `MAIL_FROM`, optional configuration set.

use crate::adapters::eml_mailer::build_message;
use crate::ports::{MailError, Mailer, OutgoingEmail};
use async_trait::async_trait;
use aws_sdk_sesv2::error::DisplayErrorContext;
use aws_sdk_sesv2::primitives::Blob;
use aws_sdk_sesv2::types::{Destination, EmailContent, RawMessage};
use lettre::message::Mailbox;

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
            .map_err(|e| MailError(format!("invalid sender address: {e}")))?;
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
            .map_err(|e| MailError(format!("cannot build the message: {e}")))?;
        let out = self
            .client
            .send_email()
            .from_email_address(self.from.to_string())
            .destination(
                Destination::builder()
                    .to_addresses(email.to.as_str())
                    .build(),
            )
            .content(EmailContent::builder().raw(raw).build())
            .set_configuration_set_name(self.configuration_set.clone())
            .send()
            .await
            .map_err(|e| MailError(format!("SES refused the email: {}", DisplayErrorContext(e))))?;
        tracing::info!(to = %email.to, message_id = out.message_id().unwrap_or(""), "email sent with SES");
        Ok(())
    }
}
