//! Participants: reads, role changes, and the waiting room's decisions and knocks
//! (admissions are written by the redemption, lists by `listing`).

use super::rows::{err, participant_from_row, read_participant, ts, PARTICIPANT_COLUMNS};
use super::SqliteStore;
use crate::domain::waiting_room::{knock_refusal, Decision};
use crate::domain::{Admission, EmailAddress, Participant, Role};
use crate::ports::{KnockError, StoreError, WriteError};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
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

pub(super) async fn by_identity(
    db: &SqliteStore,
    room_id: &str,
    identity: &str,
) -> Result<Option<Participant>, StoreError> {
    let (room_id, identity) = (room_id.to_owned(), identity.to_owned());
    db.with(move |c| {
        c.query_row(
            &format!(
                "SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE room_id = ?1 AND identity = ?2"
            ),
            params![room_id, identity],
            participant_from_row,
        )
        .optional()
        .map_err(err)
    })
    .await
}

pub(super) async fn decide(
    db: &SqliteStore,
    room_id: &str,
    email: &EmailAddress,
    decision: &Decision,
    now: OffsetDateTime,
) -> Result<Participant, WriteError> {
    let (room_id, email, decision) = (room_id.to_owned(), email.clone(), decision.clone());
    db.with(move |c| {
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let reason = match &decision {
            Decision::Deny { reason } => reason.clone(),
            Decision::Admit => None,
        };
        let n = tx
            .execute(
                "UPDATE participants SET admission = ?1, denial_reason = ?2, decided_at = ?3, updated_at = ?3
                 WHERE room_id = ?4 AND email = ?5 AND admission = 'waiting'",
                params![decision.state().as_str(), reason, ts(now), room_id, email.as_str()],
            )
            .map_err(err)?;
        if n == 0 {
            return Err(WriteError::NotFound);
        }
        let participant = read_participant(&tx, &room_id, email.as_str())
            .map_err(err)?
            .ok_or(WriteError::NotFound)?;
        tx.commit().map_err(err)?;
        Ok(participant)
    })
    .await
}

pub(super) async fn knock(
    db: &SqliteStore,
    room_id: &str,
    email: &EmailAddress,
    now: OffsetDateTime,
) -> Result<Participant, KnockError> {
    let (room_id, email) = (room_id.to_owned(), email.clone());
    db.with(move |c| {
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let current = read_participant(&tx, &room_id, email.as_str())
            .map_err(err)?
            .ok_or(KnockError::NotFound)?;
        if let Some(refusal) = knock_refusal(&current, now) {
            return Err(KnockError::Refused(refusal));
        }
        tx.execute(
            "UPDATE participants SET admission = 'waiting', denial_reason = NULL, knocks = knocks + 1, updated_at = ?1
             WHERE room_id = ?2 AND email = ?3",
            params![ts(now), room_id, email.as_str()],
        )
        .map_err(err)?;
        let participant = read_participant(&tx, &room_id, email.as_str())
            .map_err(err)?
            .ok_or(KnockError::NotFound)?;
        tx.commit().map_err(err)?;
        Ok(participant)
    })
    .await
}
