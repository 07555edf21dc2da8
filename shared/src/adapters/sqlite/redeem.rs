//! The redemption and the count of wrong-email attempts: each one `BEGIN IMMEDIATE`
//! transaction, explained by the domain from the rows read in it when nothing matched.

use super::rows::{err, from_ts, read_invite, read_participant, read_room, ts};
use super::SqliteStore;
use crate::domain::admission::RECEIPT_TTL;
use crate::domain::invite::{
    receipt_is_fresh, redemption_rejection, wrong_email_rejection, RedeemMode, MAX_FAILED_ATTEMPTS,
};
use crate::domain::{Admission, TokenHash};
use crate::ports::{RedeemError, RedeemRequest};
use rusqlite::{params, OptionalExtension, TransactionBehavior};

pub(super) async fn redeem(
    db: &SqliteStore,
    request: &RedeemRequest,
) -> Result<Admission, RedeemError> {
    let req = request.clone();
    db.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        // The receipt this request names, as stored: read in the same transaction, so
        // the decision below and the write of a new receipt are one atomic step.
        let receipt_at = match &req.receipt {
            Some(receipt) => tx
                .query_row(
                    "SELECT at FROM redemption_receipts WHERE invite_id = ?1 AND receipt = ?2",
                    params![req.invite_id, receipt],
                    |r| r.get::<_, i64>(0),
                )
                .optional()
                .map_err(err)?
                .map(from_ts)
                .transpose()
                .map_err(err)?,
            None => None,
        };
        let fresh_receipt = receipt_at.is_some_and(|at| receipt_is_fresh(at, req.now));
        let (increment, use_rule) = match req.mode {
            RedeemMode::Consume if fresh_receipt => (1, "0"),
            RedeemMode::Consume => (1, "(max_uses IS NULL OR uses < max_uses)"),
            RedeemMode::Readmit => (0, "uses > 0"),
            RedeemMode::Recover if fresh_receipt => (0, "1"),
            RedeemMode::Recover => (0, "0"),
        };
        let n = tx
            .execute(
                &format!(
                    "UPDATE invites SET uses = uses + ?1
                     WHERE invite_id = ?2 AND token_hash = ?3 AND email = ?4 AND revoked_at IS NULL
                       AND failed_attempts < ?5 AND expires_at > ?6 AND {use_rule}
                       AND room_id = ?7 AND role = ?8
                       AND EXISTS (SELECT 1 FROM rooms r WHERE r.room_id = invites.room_id AND r.deleted_at IS NULL)"
                ),
                params![increment, req.invite_id, req.token_hash.0, req.email.as_str(), MAX_FAILED_ATTEMPTS, ts(req.now), req.room_id, req.role.rank()],
            )
            .map_err(err)?;
        // This store reads the invite in the same transaction and needs no hints, but
        // it refuses hints that are not the invite's, as the DynamoDB store does: an
        // invite whose room or role differs from the request's counts as no invite.
        let invite = read_invite(&tx, &req.invite_id)
            .map_err(err)?
            .filter(|i| i.room_id == req.room_id && i.role == req.role);
        if n == 0 {
            let room = match &invite {
                Some(i) => read_room(&tx, &i.room_id).map_err(err)?,
                None => None,
            };
            let reason = redemption_rejection(invite.as_ref(), room.as_ref(), &req.token_hash, &req.email, req.mode, req.now, receipt_at)
                .ok_or_else(|| err("redemption condition failed without a reason"))?;
            return Err(RedeemError::Rejected(reason));
        }
        let invite = invite.ok_or_else(|| err("invite vanished"))?;
        if let (RedeemMode::Consume, Some(receipt)) = (req.mode, &req.receipt) {
            tx.execute(
                "INSERT INTO redemption_receipts (invite_id, receipt, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (invite_id, receipt) DO UPDATE SET at = excluded.at",
                params![req.invite_id, receipt, ts(req.now)],
            )
            .map_err(err)?;
            // The invite's stale receipts go with it (DynamoDB's TTL does this on AWS).
            tx.execute(
                "DELETE FROM redemption_receipts WHERE invite_id = ?1 AND at <= ?2",
                params![req.invite_id, ts(req.now - RECEIPT_TTL)],
            )
            .map_err(err)?;
        }
        let previous = read_participant(&tx, &invite.room_id, req.email.as_str()).map_err(err)?;
        tx.execute(
            "INSERT INTO participants (room_id, email, role, joined_at, updated_at, admission, identity)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)
             ON CONFLICT (room_id, email) DO UPDATE SET
               updated_at = CASE WHEN excluded.role > role THEN excluded.updated_at ELSE updated_at END,
               role = MAX(role, excluded.role)",
            params![invite.room_id, req.email.as_str(), invite.role.rank(), ts(req.now), req.new_admission.as_str(), req.identity],
        )
        .map_err(err)?;
        let participant = read_participant(&tx, &invite.room_id, req.email.as_str())
            .map_err(err)?
            .ok_or_else(|| err("participant vanished"))?;
        tx.commit().map_err(err)?;
        Ok(Admission {
            participant,
            previous_role: previous.map(|p| p.role),
        })
    })
    .await
}

pub(super) async fn record_wrong_email(
    db: &SqliteStore,
    invite_id: &str,
    token_hash: &TokenHash,
) -> Result<u32, RedeemError> {
    let (invite_id, hash) = (invite_id.to_owned(), token_hash.clone());
    db.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let after: Option<i64> = tx
            .query_row(
                "UPDATE invites SET failed_attempts = failed_attempts + 1
                 WHERE invite_id = ?1 AND token_hash = ?2 AND revoked_at IS NULL AND failed_attempts < ?3
                 RETURNING failed_attempts",
                params![invite_id, hash.0, MAX_FAILED_ATTEMPTS],
                |r| r.get(0),
            )
            .optional()
            .map_err(err)?;
        match after {
            Some(n) => {
                tx.commit().map_err(err)?;
                Ok(n as u32)
            }
            None => {
                let invite = read_invite(&tx, &invite_id).map_err(err)?;
                let reason = wrong_email_rejection(invite.as_ref(), &hash)
                    .ok_or_else(|| err("wrong-email condition failed without a reason"))?;
                Err(RedeemError::Rejected(reason))
            }
        }
    })
    .await
}
