//! Local mode's mailer: each email becomes one RFC 5322 `.eml` file in `OUTBOX_DIR`,
//! built by lettre's MIME builder (multipart/alternative text + HTML, attachments).

use crate::ports::{EmailAttachment, MailError, Mailer, OutgoingEmail};
use async_trait::async_trait;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use std::path::PathBuf;

pub struct EmlMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl EmlMailer {
    pub fn new(dir: PathBuf, from: &str) -> Result<Self, MailError> {
        std::fs::create_dir_all(&dir)
            .map_err(|e| MailError::permanent(format!("cannot create the outbox: {e}")))?;
        let from = from
            .parse()
            .map_err(|e| MailError::permanent(format!("invalid sender address: {e}")))?;
        Ok(EmlMailer { dir, from })
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }
}

/// The RFC 5322 message for `email`, shared by every transport that sends raw MIME.
pub fn build_message(from: &Mailbox, email: &OutgoingEmail) -> Result<Message, MailError> {
    let to: Mailbox = email
        .to
        .as_str()
        .parse()
        .map_err(|e| MailError::permanent(format!("invalid recipient: {e}")))?;
    let body = MultiPart::alternative()
        .singlepart(readable_text(&email.text))
        .singlepart(SinglePart::html(email.html.clone()));
    let body = email
        .attachments
        .iter()
        .try_fold(MultiPart::mixed().multipart(body), |m, a| {
            attachment(a).map(|p| m.singlepart(p))
        })?;
    // The organization's sender name with our address (lettre encodes it, RFC 2047).
    let from = match email
        .from_name
        .as_deref()
        .filter(|n| !n.contains(['\r', '\n']))
    {
        Some(name) => Mailbox::new(Some(name.to_owned()), from.email.clone()),
        None => from.clone(),
    };
    let mut message = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone());
    if let Some(reply_to) = &email.reply_to {
        let reply_to: Mailbox = reply_to
            .as_str()
            .parse()
            .map_err(|e| MailError::permanent(format!("invalid reply-to: {e}")))?;
        message = message.reply_to(reply_to);
    }
    if let Some(l) = &email.list_unsubscribe {
        // RFC 2369 and RFC 8058: the https URL first (one-click POST), then mailto.
        // Both are built by us from ids and base64url tags: no CR, LF or `>` in them.
        let clean = |v: &str| !v.contains(['\r', '\n', '<', '>', ',']) && v.is_ascii();
        if clean(&l.url) && clean(&l.mailto) {
            message = message
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{}>, <{}>", l.url, l.mailto),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
    }
    message
        .multipart(body)
        .map_err(|e| MailError::permanent(format!("cannot build the message: {e}")))
}

/// The text part in 8bit where RFC 2045 allows it (CRLF lines of at most 998 octets, no
/// NUL), so that the link stays one copyable line in the raw message; lettre's own
/// choice would fold any line over 76 characters with quoted-printable.
fn readable_text(text: &str) -> SinglePart {
    let crlf = text
        .replace("\r\n", "\n")
        .replace('\r', "")
        .replace('\n', "\r\n");
    let fits_8bit = !crlf.contains('\0') && crlf.split("\r\n").all(|line| line.len() <= 998);
    let body = if fits_8bit {
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::EightBit)
    } else {
        Body::new(text.to_owned())
    };
    SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(body)
}

fn attachment(a: &EmailAttachment) -> Result<SinglePart, MailError> {
    let content_type = ContentType::parse(&a.content_type)
        .map_err(|e| MailError::permanent(format!("invalid attachment type: {e}")))?;
    Ok(Attachment::new(a.filename.clone()).body(a.content.clone(), content_type))
}

#[async_trait]
impl Mailer for EmlMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        let bytes = build_message(&self.from, email)?.formatted();
        let now = time::OffsetDateTime::now_utc();
        let name = format!(
            "{}-{}.eml",
            now.unix_timestamp_nanos() / 1_000_000,
            ulid::Ulid::new()
        );
        let tmp = self.dir.join(format!(".{name}.tmp"));
        let path = self.dir.join(&name);
        tokio::fs::write(&tmp, &bytes)
            .await
            .map_err(|e| MailError::transient(format!("cannot write the outbox: {e}")))?;
        tokio::fs::rename(&tmp, &path)
            .await
            .map_err(|e| MailError::transient(format!("cannot write the outbox: {e}")))?;
        tracing::info!(to = %email.to, file = %name, "email written to the outbox");
        Ok(())
    }
}
