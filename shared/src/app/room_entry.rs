//! Entering the live room: the backend credential of an admitted participant, and
//! pushing a role change into the media room.

use super::App;
use crate::domain::{EmailAddress, Error, Result, Role};
use crate::ports::{EntryRequest, RoleSync, RoomEntry};
use std::time::Duration;

/// Attempts of a role push before it is given up (logged; the stored role stays).
pub const ROLE_SYNC_ATTEMPTS: u32 = 3;
/// The pause before the second attempt; it doubles for each further one.
const ROLE_SYNC_BACKOFF: Duration = Duration::from_millis(200);

impl App {
    /// `GET /rooms/{id}/entry`: the credential of the session's participant for the
    /// configured backend.
    pub async fn room_entry(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
    ) -> Result<RoomEntry> {
        if self.room_backend.name() == "none" {
            return Err(Error::NotFound);
        }
        // The media room's token is never issued to someone still waiting or denied.
        let page = self.admitted_page(room_id, session).await?;
        if !page.room.is_live() {
            return Err(Error::NotLive);
        }
        let p = &page.participant;
        let identity = self.config.participant_identity(room_id, &p.email);
        let entry = self
            .room_backend
            .entry(&EntryRequest {
                room_id,
                identity: &identity,
                email: &p.email,
                role: p.role,
                now: page.now,
            })
            .map_err(|e| {
                tracing::error!(room_id, error = %e, "room entry failed");
                Error::RoomBackendUnavailable
            })?
            .ok_or(Error::NotFound)?;
        tracing::info!(
            room_id,
            backend = entry.backend,
            role = p.role.as_str(),
            "room entry issued"
        );
        Ok(entry)
    }

    /// Gives a participant who may be in the media room the powers of `role` now.
    /// Failures are retried with back-off, then logged; they never undo the role
    /// change in the store, and never fail the request that changed it.
    pub(crate) async fn sync_role(&self, room_id: &str, email: &EmailAddress, role: Role) {
        let identity = self.config.participant_identity(room_id, email);
        let backend = self.room_backend.name();
        let mut pause = ROLE_SYNC_BACKOFF;
        for attempt in 1..=ROLE_SYNC_ATTEMPTS {
            match self
                .room_backend
                .update_participant(room_id, &identity, role)
                .await
            {
                Ok(RoleSync::NotSupported) => return,
                Ok(outcome) => {
                    tracing::info!(
                        room_id,
                        backend,
                        identity,
                        role = role.as_str(),
                        in_room = outcome == RoleSync::Applied,
                        attempt,
                        "role pushed to the live room"
                    );
                    return;
                }
                Err(e) if attempt < ROLE_SYNC_ATTEMPTS => {
                    tracing::warn!(room_id, backend, identity, attempt, error = %e, "role push failed; retrying");
                    tokio::time::sleep(pause).await;
                    pause *= 2;
                }
                Err(e) => {
                    tracing::error!(room_id, backend, identity, attempts = attempt, error = %e, "role push failed; the new role applies at the next entry");
                }
            }
        }
    }
}
