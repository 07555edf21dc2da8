//! Email previews: what a room's invitees would get, rendered for a host without
//! sending anything, in any shipped locale (`GET /api/rooms/{id}/preview/{kind}`).

use super::{notifications, App, Host};
use crate::domain::invite::Delivery;
use crate::domain::{EmailAddress, Error, Invite, Result, Role, TokenHash};
use crate::ports::OutgoingEmail;
use time::Duration;

/// The kinds of email a preview shows.
pub const PREVIEW_KINDS: [&str; 5] = ["invitation", "reminder", "update", "cancellation", "code"];

impl App {
    /// The email of `kind` for the room, to a sample invitee (the host's address when
    /// the token has one) in `locale` (else the room's). Its links are samples: they
    /// open nothing.
    pub async fn email_preview(
        &self,
        host: &Host,
        room_id: &str,
        kind: &str,
        locale: Option<&str>,
    ) -> Result<OutgoingEmail> {
        let room = self.room_of_host(host, room_id).await?;
        let locale = crate::domain::room::parse_locale(locale)?;
        let now = self.clock.now();
        let to = host
            .email
            .as_deref()
            .and_then(|e| EmailAddress::parse(e).ok())
            .or_else(|| EmailAddress::parse("invitee@example.com").ok())
            .ok_or_else(|| Error::internal("sample address"))?;
        let invite = Invite {
            invite_id: "preview".into(),
            room_id: room.room_id.clone(),
            org: room.org.clone(),
            email: to.clone(),
            role: Role::Viewer,
            max_uses: Some(1),
            uses: 0,
            expires_at: now + crate::domain::invite::DEFAULT_VALIDITY,
            token_hash: TokenHash(String::new()),
            failed_attempts: 0,
            revoked_at: None,
            delivery: Delivery::NotSent,
            created_by: host.sub.clone(),
            created_at: now,
            locale: locale.clone(),
            unsubscribed_at: None,
            mail_nonce: None,
        };
        let link = format!("{}/join/preview", self.config.public_base_url);
        let first_reminder = room.reminders.first().copied().unwrap_or(15);
        let mut email = match kind {
            "invitation" => notifications::invitation_email(
                &room,
                &invite,
                &link,
                host,
                &self.config.organizer,
                now,
            ),
            "reminder" => {
                notifications::reminder_email(&room, &invite, first_reminder, &self.config)
            }
            "update" => notifications::update_email(&room, &invite, &self.config, now),
            "cancellation" => notifications::cancel_email(&room, &invite, &self.config, now),
            "code" => notifications::admission_code_email(
                &room,
                locale.as_deref(),
                &to,
                "123456",
                self.config.admission.code_ttl.max(Duration::minutes(1)),
            ),
            other => {
                return Err(Error::ValidationFailed(format!(
                    "No email kind {other:?}: use one of {}.",
                    PREVIEW_KINDS.join(", ")
                )))
            }
        };
        self.brand_email(&room.org, &mut email).await;
        Ok(email)
    }
}
