//! Participants: reads and role changes (admissions are written by the redemption,
//! lists by `listing`).

use super::rows::{err, read_participant, ts};
use super::SqliteStore;
use crate::domain::{Admission, EmailAddress, Participant, Role};
use crate::ports::{StoreError, WriteError};
use rusqlite::{params, TransactionBehavior};
use time::OffsetDateTime;

pub(super) async fn get_participant(
    db: &SqliteStore,
    room_id: &str,
    email: &EmailAddress,
) -> Result<Option<Participant>, StoreError> {
    let (room_id, email) = (room_id.to_owned(), email.clone());
    db.with(move |c| read_participant(c, &room_id, email.as_str()).map_err(err))
        .await
}

pub(super) async fn set_participant_role(
    db: &SqliteStore,
    room_id: &str,
    email: &EmailAddress,
    role: Role,
    now: OffsetDateTime,
) -> Result<Admission, WriteError> {
    let (room_id, email) = (room_id.to_owned(), email.clone());
    db.with(move |c| {
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let previous = read_participant(&tx, &room_id, email.as_str())
            .map_err(err)?
            .ok_or(WriteError::NotFound)?;
        tx.execute(
            "UPDATE participants SET role = ?1, updated_at = ?2 WHERE room_id = ?3 AND email = ?4",
            params![role.rank(), ts(now), room_id, email.as_str()],
        )
        .map_err(err)?;
        let participant = read_participant(&tx, &room_id, email.as_str())
            .map_err(err)?
            .ok_or(WriteError::NotFound)?;
        tx.commit().map_err(err)?;
        Ok(Admission {
            participant,
            previous_role: Some(previous.role),
        })
    })
    .await
}
