//! Use cases of participants: change a role (lists: `listing.rs`).

use super::{notifications, write_error, App, Host};
use crate::domain::{DomainEvent, EmailAddress, Error, Participant, Result, Role};
use crate::telemetry::{self, EmailKind};

impl App {
    /// Sets a participant's role (up or down: the host decides). It takes effect at the
    /// participant's next page load or `/me` poll, and in the media room at once (the
    /// room backend is told; its failures never undo the change).
    pub async fn set_participant_role(
        &self,
        host: &Host,
        room_id: &str,
        email: &str,
        role: Role,
    ) -> Result<Participant> {
        host.require_write()?;
        let room = self.room_of_host(host, room_id).await?;
        let email = EmailAddress::parse(email).map_err(|_| Error::ParticipantNotFound)?;
        let now = self.clock.now();
        let admission = self
            .store
            .set_participant_role(room_id, &email, role, now)
            .await
            .map_err(|e| write_error(e, Error::ParticipantNotFound))?;
        if let (true, Some(from)) = (admission.role_changed(), admission.previous_role) {
            self.announce(DomainEvent::ParticipantRoleChanged {
                room_id: room_id.to_owned(),
                email: email.clone(),
                from,
                to: role,
                at: now,
            })
            .await;
            self.sync_role(room_id, &email, role).await;
            let mut message =
                notifications::role_change_email(&room, &email, from, role, &self.config);
            self.brand_email(&room.org, &mut message).await;
            let sent = self.mailer.send(&message).await;
            telemetry::email(EmailKind::RoleChange, sent.is_ok());
            if let Err(e) = sent {
                tracing::warn!(room_id, error = %e, "role change email failed");
            }
            tracing::info!(
                room_id,
                from = from.as_str(),
                to = role.as_str(),
                "participant role changed"
            );
        }
        Ok(admission.participant)
    }
}
