//! Use cases of rooms: create, read, update (reschedule), delete.

use super::mailings::{Mailing, MailingKind};
use super::{write_error, App, Host};
use crate::domain::room::{RoomDraft, RoomPatch};
use crate::domain::{DomainEvent, Error, Result, Room, RoomStatus};
use ulid::Ulid;

impl App {
    pub async fn create_room(&self, host: &Host, draft: RoomDraft) -> Result<Room> {
        host.require_write()?;
        let now = self.clock.now();
        let room = draft.into_room(
            Ulid::new().to_string(),
            host.org.clone(),
            host.sub.clone(),
            now,
            self.config.admission_offer(),
        )?;
        // The trigger first: a trigger whose room was never stored is ignored when it
        // fires, while a stored room without a trigger would never go live.
        if room.status == RoomStatus::Scheduled {
            self.scheduler
                .schedule_start(&room.room_id, room.starts_at)
                .await
                .map_err(|e| super::unavailable("scheduler", super::STORE_RETRY_AFTER, e))?;
        }
        self.store
            .create_room(&room)
            .await
            .map_err(|e| write_error(e, Error::RoomNotFound))?;
        self.arm_reminders(&room).await?;
        tracing::info!(room_id = %room.room_id, status = room.status.as_str(), "room created");
        Ok(room)
    }

    /// One page of the organization's rooms (not deleted), oldest first.
    pub async fn list_rooms(
        &self,
        host: &Host,
        q: super::ListQuery<()>,
    ) -> Result<super::ListPage<Room>> {
        let key = self.cursor_key();
        let after = q
            .cursor
            .as_deref()
            .map(|c| key.open_rooms(&host.org, c))
            .transpose()?;
        let page = self
            .store
            .list_rooms(
                &host.org,
                &crate::domain::listing::PageRequest {
                    limit: q.limit,
                    after,
                },
            )
            .await?;
        Ok(super::ListPage {
            items: page.items,
            next_cursor: page.next.map(|p| key.seal_rooms(&host.org, &p)),
        })
    }

    /// The room if it belongs to the host's organization; a deleted one is `room_deleted`.
    pub async fn room_of_host(&self, host: &Host, room_id: &str) -> Result<Room> {
        match self.store.get_room(room_id).await? {
            Some(room) if room.org == host.org => {
                if room.is_deleted() {
                    Err(Error::RoomDeleted)
                } else {
                    Ok(room)
                }
            }
            _ => Err(Error::RoomNotFound),
        }
    }

    pub async fn update_room(&self, host: &Host, room_id: &str, patch: RoomPatch) -> Result<Room> {
        host.require_write()?;
        let current = self.room_of_host(host, room_id).await?;
        let version = current.version;
        let old_start = current.starts_at;
        let old_reminders = current.reminders.clone();
        let reschedule = patch.is_reschedule();
        let reminders_changed = patch.changes_reminders();
        let updated = patch.apply(current, self.clock.now(), self.config.admission_offer())?;
        let stored = self.store.update_room(&updated, version).await;
        self.public_rooms.forget(room_id);
        let stored = stored.map_err(|e| write_error(e, Error::RoomNotFound))?;
        if reschedule && stored.starts_at != old_start {
            let result = match stored.status {
                RoomStatus::Scheduled => {
                    self.scheduler
                        .schedule_start(&stored.room_id, stored.starts_at)
                        .await
                }
                RoomStatus::Live => self.scheduler.cancel_start(&stored.room_id).await,
            };
            // The room is stored with its new start; a repeat of this PATCH re-arms it.
            result.map_err(|e| super::unavailable("scheduler", super::STORE_RETRY_AFTER, e))?;
            // Every invitee gets the updated invitation (same UID, higher SEQUENCE),
            // in the background.
            self.queue_mailing(Mailing {
                room_id: stored.room_id.clone(),
                kind: MailingKind::Update,
                starts_at: stored.starts_at,
                minutes_before: None,
                offset: 0,
            })
            .await?;
            if stored.status == RoomStatus::Scheduled {
                self.announce(DomainEvent::RoomRescheduled {
                    room_id: stored.room_id.clone(),
                    starts_at: stored.starts_at,
                    at: self.clock.now(),
                })
                .await;
            }
            tracing::info!(room_id = %stored.room_id, "room rescheduled");
        }
        if (reschedule && stored.starts_at != old_start)
            || (reminders_changed && stored.reminders != old_reminders)
        {
            self.disarm_reminders(&stored.room_id, &old_reminders).await;
            if stored.status == RoomStatus::Scheduled {
                self.arm_reminders(&stored).await?;
            }
        }
        Ok(stored)
    }

    /// How many people deleting the room would send a cancellation to (0 unless it is
    /// scheduled): the recipients of room mail, each address once, read page by page.
    pub async fn cancellation_count(&self, host: &Host, room_id: &str) -> Result<u64> {
        let room = self.room_of_host(host, room_id).await?;
        if room.status != RoomStatus::Scheduled {
            return Ok(0);
        }
        let now = self.clock.now();
        let mut emails = std::collections::HashSet::new();
        let mut after = None;
        loop {
            let page = self
                .store
                .list_invites(
                    room_id,
                    &Default::default(),
                    now,
                    &crate::domain::listing::PageRequest {
                        limit: crate::domain::listing::MAX_LIMIT,
                        after,
                    },
                )
                .await?;
            for invite in super::recipients(&page.items, now) {
                emails.insert(invite.email);
            }
            match page.next {
                Some(next) => after = Some(next),
                None => return Ok(emails.len() as u64),
            }
        }
    }

    pub async fn delete_room(&self, host: &Host, room_id: &str) -> Result<()> {
        host.require_write()?;
        let now = self.clock.now();
        let room = self.room_of_host(host, room_id).await?;
        let deleted = self.store.delete_room(&host.org, room_id, now).await;
        self.public_rooms.forget(room_id);
        deleted.map_err(|e| write_error(e, Error::RoomNotFound))?;
        self.disarm_reminders(room_id, &room.reminders).await;
        // Every invitee gets the cancellation (same UID, higher SEQUENCE), in the
        // background; a failure to queue it does not undo the deletion.
        if room.status == RoomStatus::Scheduled {
            let cancel = Mailing {
                room_id: room_id.to_owned(),
                kind: MailingKind::Cancel,
                starts_at: room.starts_at,
                minutes_before: None,
                offset: 0,
            };
            if let Err(e) = self.queue_mailing(cancel).await {
                tracing::warn!(room_id, error = %e, "could not queue the cancellation emails");
            }
        }
        // A trigger left behind is harmless (the start of a deleted room is ignored).
        if let Err(e) = self.scheduler.cancel_start(room_id).await {
            tracing::warn!(room_id, error = %e, "could not remove the session-start trigger");
        }
        self.announce(DomainEvent::RoomDeleted {
            room_id: room_id.to_owned(),
            at: now,
        })
        .await;
        tracing::info!(room_id, "room deleted");
        Ok(())
    }
}
