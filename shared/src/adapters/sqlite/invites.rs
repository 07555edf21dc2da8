//! Invites: creation (guest invites against the issuer's quota), reads, revocation,
//! reissue and the delivery state.

use super::rows::{err, read_invite, read_room, ts, INVITE_COLUMNS};
use super::SqliteStore;
use crate::domain::guest_invite::within_quota;
use crate::domain::invite::Delivery;
use crate::domain::{Invite, TokenHash};
use crate::ports::{InviteQuota, StoreError, WriteError};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use time::OffsetDateTime;

/// Inserts `i` if its room exists and is not deleted and its id is new; rows inserted.
fn insert_invite(c: &Connection, i: &Invite) -> rusqlite::Result<usize> {
    c.execute(
        &format!(
            "INSERT INTO invites ({INVITE_COLUMNS})
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, ?11, ?12, ?13, ?14, ?15, NULL
             WHERE EXISTS (SELECT 1 FROM rooms WHERE room_id = ?2 AND deleted_at IS NULL)
             ON CONFLICT DO NOTHING"
        ),
        params![
            i.invite_id,
            i.room_id,
            i.org,
            i.email.as_str(),
            i.role.rank(),
            i.max_uses.map(i64::from),
            i.uses,
            ts(i.expires_at),
            i.token_hash.0,
            i.failed_attempts,
            i.delivery.as_str(),
            i.created_by,
            ts(i.created_at),
            i.mail_nonce,
            i.locale
        ],
    )
}

pub(super) async fn create_invite(db: &SqliteStore, invite: &Invite) -> Result<(), WriteError> {
    let i = invite.clone();
    db.with(move |c| {
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let n = insert_invite(&tx, &i).map_err(err)?;
        if n == 0 {
            return Err(match read_room(&tx, &i.room_id).map_err(err)? {
                Some(r) if r.is_deleted() => WriteError::RoomDeleted,
                Some(_) => WriteError::Stale,
                None => WriteError::NotFound,
            });
        }
        tx.commit().map_err(err)?;
        Ok(())
    })
    .await
}

pub(super) async fn create_guest_invite(
    db: &SqliteStore,
    invite: &Invite,
    quota: &InviteQuota,
) -> Result<(), WriteError> {
    let (i, q) = (invite.clone(), quota.clone());
    db.with(move |c| {
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        // The counter goes up only while it is below the limit and the room is not
        // deleted: the same conditions as the DynamoDB transaction's.
        let counted = tx
            .execute(
                "INSERT INTO guest_invite_counts (room_id, issuer, issued)
                 SELECT ?1, ?2, 1
                 WHERE ?3 > 0 AND EXISTS (SELECT 1 FROM rooms WHERE room_id = ?1 AND deleted_at IS NULL)
                 ON CONFLICT (room_id, issuer) DO UPDATE SET issued = issued + 1 WHERE issued < ?3",
                params![i.room_id, q.issuer, q.limit],
            )
            .map_err(err)?;
        if counted == 0 {
            let issued: Option<i64> = tx
                .query_row(
                    "SELECT issued FROM guest_invite_counts WHERE room_id = ?1 AND issuer = ?2",
                    params![i.room_id, q.issuer],
                    |r| r.get(0),
                )
                .optional()
                .map_err(err)?;
            let issued = u32::try_from(issued.unwrap_or(0)).unwrap_or(u32::MAX);
            return Err(match read_room(&tx, &i.room_id).map_err(err)? {
                None => WriteError::NotFound,
                Some(r) if r.is_deleted() => WriteError::RoomDeleted,
                Some(_) if !within_quota(issued, q.limit) => WriteError::LimitReached,
                Some(_) => WriteError::Stale,
            });
        }
        if insert_invite(&tx, &i).map_err(err)? == 0 {
            // Dropping the transaction rolls the count back.
            return Err(WriteError::Stale);
        }
        tx.commit().map_err(err)?;
        Ok(())
    })
    .await
}

pub(super) async fn get_invite(
    db: &SqliteStore,
    invite_id: &str,
) -> Result<Option<Invite>, StoreError> {
    let invite_id = invite_id.to_owned();
    db.with(move |c| read_invite(c, &invite_id).map_err(err))
        .await
}

pub(super) async fn revoke_invite(
    db: &SqliteStore,
    room_id: &str,
    invite_id: &str,
    now: OffsetDateTime,
) -> Result<Invite, WriteError> {
    let (room_id, invite_id) = (room_id.to_owned(), invite_id.to_owned());
    db.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        tx.execute(
            "UPDATE invites SET revoked_at = COALESCE(revoked_at, ?1) WHERE invite_id = ?2 AND room_id = ?3",
            params![ts(now), invite_id, room_id],
        )
        .map_err(err)?;
        let invite = read_invite(&tx, &invite_id)
            .map_err(err)?
            .filter(|i| i.room_id == room_id)
            .ok_or(WriteError::NotFound)?;
        tx.commit().map_err(err)?;
        Ok(invite)
    })
    .await
}

pub(super) async fn reissue_invite(
    db: &SqliteStore,
    room_id: &str,
    invite_id: &str,
    token_hash: &TokenHash,
    expires_at: OffsetDateTime,
    delivery: Delivery,
    mail_nonce: Option<&str>,
) -> Result<Invite, WriteError> {
    let (room_id, invite_id, hash) = (
        room_id.to_owned(),
        invite_id.to_owned(),
        token_hash.0.clone(),
    );
    let mail_nonce = mail_nonce.map(str::to_owned);
    db.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let n = tx
            .execute(
                "UPDATE invites SET token_hash = ?1, failed_attempts = 0, expires_at = ?2, delivery = ?3, mail_nonce = ?6
                 WHERE invite_id = ?4 AND room_id = ?5 AND revoked_at IS NULL
                   AND (max_uses IS NULL OR uses < max_uses)
                   AND EXISTS (SELECT 1 FROM rooms WHERE room_id = ?5 AND deleted_at IS NULL)",
                params![hash, ts(expires_at), delivery.as_str(), invite_id, room_id, mail_nonce],
            )
            .map_err(err)?;
        let invite = read_invite(&tx, &invite_id).map_err(err)?.filter(|i| i.room_id == room_id);
        if n == 0 {
            let room = read_room(&tx, &room_id).map_err(err)?;
            return Err(match invite {
                None => WriteError::NotFound,
                Some(_) if room.is_none_or(|r| r.is_deleted()) => WriteError::RoomDeleted,
                Some(i) if i.revoked_at.is_some() => WriteError::Revoked,
                Some(_) => WriteError::Used,
            });
        }
        tx.commit().map_err(err)?;
        invite.ok_or(WriteError::NotFound)
    })
    .await
}

/// Records the invitee's unsubscribe (the first time counts); the invite as stored
/// afterwards, `None` for no such invite.
pub(super) async fn unsubscribe(
    db: &SqliteStore,
    invite_id: &str,
    at: OffsetDateTime,
) -> Result<Option<Invite>, StoreError> {
    let invite_id = invite_id.to_owned();
    db.with(move |c| {
        c.execute(
            "UPDATE invites SET unsubscribed_at = COALESCE(unsubscribed_at, ?1) WHERE invite_id = ?2",
            params![ts(at), invite_id],
        )
        .map_err(err)?;
        read_invite(c, &invite_id).map_err(err)
    })
    .await
}

pub(super) async fn set_delivery(
    db: &SqliteStore,
    invite_id: &str,
    delivery: Delivery,
) -> Result<Option<Invite>, StoreError> {
    let invite_id = invite_id.to_owned();
    db.with(move |c| {
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let from = delivery
            .replaces()
            .iter()
            .map(|d| format!("'{}'", d.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        tx.execute(
            &format!(
                "UPDATE invites SET delivery = ?1,
                   mail_nonce = CASE WHEN ?1 IN ('pending', 'queued') THEN mail_nonce END
                 WHERE invite_id = ?2 AND delivery IN ({from})"
            ),
            params![delivery.as_str(), invite_id],
        )
        .map_err(err)?;
        let invite = read_invite(&tx, &invite_id).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(invite)
    })
    .await
}

/// Invites whose invitation is not sent yet (`pending`, `queued`): after a restart,
/// their sends and timers are gone and they are queued again.
pub(super) async fn awaiting_mail(db: &SqliteStore) -> Result<Vec<Invite>, StoreError> {
    db.with(move |c| {
        let mut stmt = c
            .prepare(&format!(
                "SELECT {INVITE_COLUMNS} FROM invites
                 WHERE delivery IN ('pending', 'queued') AND revoked_at IS NULL
                 ORDER BY created_at, invite_id"
            ))
            .map_err(err)?;
        let rows = stmt
            .query_map([], super::rows::invite_from_row)
            .map_err(err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err)
    })
    .await
}
