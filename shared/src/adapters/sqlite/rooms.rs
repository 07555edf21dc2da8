//! Rooms: creation, reads, versioned updates, soft deletion and the scheduled start.

use super::rows::{err, read_room, ts, ROOM_COLUMNS};
use super::SqliteStore;
use crate::domain::Room;
use crate::ports::{StoreError, WriteError};
use rusqlite::{params, TransactionBehavior};
use time::OffsetDateTime;

pub(super) async fn create_room(db: &SqliteStore, room: &Room) -> Result<(), WriteError> {
    let room = room.clone();
    db.with(move |c| {
        let speakers = serde_json::to_string(&room.speakers).map_err(err)?;
        let attachments = serde_json::to_string(&room.attachments).map_err(err)?;
        let reminders = serde_json::to_string(&room.reminders).map_err(err)?;
        let admission = serde_json::to_string(&room.admission).map_err(err)?;
        let n = c
            .execute(
                &format!("INSERT INTO rooms ({ROOM_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, 0, ?12, ?13, ?14, ?15) ON CONFLICT DO NOTHING"),
                params![
                    room.room_id, room.org, room.title, room.description, ts(room.starts_at),
                    room.ends_at.map(ts), speakers, attachments, room.status.as_str(),
                    room.created_by, ts(room.created_at), reminders, admission, room.locale, room.timezone
                ],
            )
            .map_err(err)?;
        if n == 0 {
            return Err(WriteError::Stale);
        }
        Ok(())
    })
    .await
}

pub(super) async fn get_room(db: &SqliteStore, room_id: &str) -> Result<Option<Room>, StoreError> {
    let room_id = room_id.to_owned();
    db.with(move |c| read_room(c, &room_id).map_err(err)).await
}

pub(super) async fn update_room(
    db: &SqliteStore,
    room: &Room,
    expected_version: u64,
) -> Result<Room, WriteError> {
    let room = room.clone();
    db.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let speakers = serde_json::to_string(&room.speakers).map_err(err)?;
        let attachments = serde_json::to_string(&room.attachments).map_err(err)?;
        let reminders = serde_json::to_string(&room.reminders).map_err(err)?;
        let admission = serde_json::to_string(&room.admission).map_err(err)?;
        let n = tx
            .execute(
                "UPDATE rooms SET title = ?1, description = ?2, starts_at = ?3, ends_at = ?4, speakers = ?5,
                     attachments = ?6, status = ?7, reminders = ?11, admission = ?12, locale = ?13, timezone = ?14, version = version + 1
                 WHERE room_id = ?8 AND org = ?9 AND deleted_at IS NULL AND version = ?10",
                params![
                    room.title, room.description, ts(room.starts_at), room.ends_at.map(ts), speakers,
                    attachments, room.status.as_str(), room.room_id, room.org, expected_version as i64,
                    reminders, admission, room.locale, room.timezone
                ],
            )
            .map_err(err)?;
        let current = read_room(&tx, &room.room_id).map_err(err)?;
        if n == 0 {
            return Err(match current {
                Some(r) if r.org == room.org && r.is_deleted() => WriteError::RoomDeleted,
                Some(r) if r.org == room.org => WriteError::Stale,
                _ => WriteError::NotFound,
            });
        }
        tx.commit().map_err(err)?;
        current.ok_or(WriteError::NotFound)
    })
    .await
}

pub(super) async fn delete_room(
    db: &SqliteStore,
    org: &str,
    room_id: &str,
    now: OffsetDateTime,
) -> Result<(), WriteError> {
    let (org, room_id) = (org.to_owned(), room_id.to_owned());
    db.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let n = tx
            .execute(
                "UPDATE rooms SET deleted_at = ?1, version = version + 1 WHERE room_id = ?2 AND org = ?3 AND deleted_at IS NULL",
                params![ts(now), room_id, org],
            )
            .map_err(err)?;
        if n == 0 {
            return Err(match read_room(&tx, &room_id).map_err(err)? {
                Some(r) if r.org == org => WriteError::RoomDeleted,
                _ => WriteError::NotFound,
            });
        }
        tx.commit().map_err(err)?;
        Ok(())
    })
    .await
}

pub(super) async fn mark_room_live(
    db: &SqliteStore,
    room_id: &str,
    starts_at: OffsetDateTime,
) -> Result<bool, StoreError> {
    let room_id = room_id.to_owned();
    db.with(move |c| {
        let n = c
            .execute(
                "UPDATE rooms SET status = 'live', version = version + 1
                 WHERE room_id = ?1 AND status = 'scheduled' AND deleted_at IS NULL AND starts_at = ?2",
                params![room_id, ts(starts_at)],
            )
            .map_err(err)?;
        Ok(n == 1)
    })
    .await
}
