//! One-click unsubscribe of room mail (RFC 8058): a signed link per invite
//! ([`crate::domain::unsubscribe`]), recorded on the invite in the store, honoured by
//! every room mailing ([`super::mailings::recipients`]).

use super::App;
use crate::domain::{unsubscribe, Error, Invite, Result, Room};

impl App {
    /// One-click unsubscribe (RFC 8058): the invite of a signed link stops getting room
    /// mail (reminders, updates, cancellations); invitations are not room mail. The
    /// first time is recorded, repeats change nothing. A link whose tag does not match
    /// (forged, altered, or for another invite) is `invalid_link`.
    pub async fn unsubscribe(&self, invite_id: &str, tag: &str) -> Result<(Invite, Option<Room>)> {
        if !unsubscribe::verify(&self.config.unsubscribe_key, invite_id, tag) {
            return Err(Error::InvalidLink);
        }
        let invite = self
            .store
            .unsubscribe(invite_id, self.clock.now())
            .await?
            .ok_or(Error::InvalidLink)?;
        let room = self.store.get_room(&invite.room_id).await?;
        tracing::info!(invite_id, room_id = %invite.room_id, "unsubscribed from room mail");
        Ok((invite, room))
    }

    /// The invite and room a signed unsubscribe link names, changing nothing (the page
    /// that asks before a click).
    pub async fn unsubscribe_target(
        &self,
        invite_id: &str,
        tag: &str,
    ) -> Result<(Invite, Option<Room>)> {
        if !unsubscribe::verify(&self.config.unsubscribe_key, invite_id, tag) {
            return Err(Error::InvalidLink);
        }
        let invite = self
            .store
            .get_invite(invite_id)
            .await?
            .ok_or(Error::InvalidLink)?;
        let room = self.store.get_room(&invite.room_id).await?;
        Ok((invite, room))
    }
}
