//! Idempotency keys: claimed before a request runs, completed with its response or
//! released when it fails; an expired key can be claimed again.

use super::rows::{err, ts};
use super::SqliteStore;
use crate::ports::{IdempotencyClaim, StoreError};
use rusqlite::{params, TransactionBehavior};
use time::OffsetDateTime;

pub(super) async fn claim_idempotency_key(
    db: &SqliteStore,
    key: &str,
    fingerprint: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<IdempotencyClaim, StoreError> {
    let (key, fingerprint) = (key.to_owned(), fingerprint.to_owned());
    db.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let n = tx
            .execute(
                "INSERT INTO idempotency_keys (key, fingerprint, status, body, expires_at) VALUES (?1, ?2, NULL, NULL, ?3)
                 ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, status = NULL, body = NULL,
                   expires_at = excluded.expires_at
                 WHERE idempotency_keys.expires_at <= ?4",
                params![key, fingerprint, ts(expires_at), ts(now)],
            )
            .map_err(err)?;
        let claim = if n == 1 {
            IdempotencyClaim::Claimed
        } else {
            let (stored, status, body): (String, Option<i64>, Option<String>) = tx
                .query_row(
                    "SELECT fingerprint, status, body FROM idempotency_keys WHERE key = ?1",
                    [&key],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .map_err(err)?;
            match (stored == fingerprint, status, body) {
                (false, _, _) => IdempotencyClaim::Mismatch,
                (true, Some(status), Some(body)) => IdempotencyClaim::Completed { status: status as u16, body },
                (true, _, _) => IdempotencyClaim::InProgress,
            }
        };
        tx.commit().map_err(err)?;
        Ok(claim)
    })
    .await
}

pub(super) async fn complete_idempotency_key(
    db: &SqliteStore,
    key: &str,
    status: u16,
    body: &str,
) -> Result<(), StoreError> {
    let (key, body) = (key.to_owned(), body.to_owned());
    db.with(move |c| {
        c.execute(
            "UPDATE idempotency_keys SET status = ?1, body = ?2 WHERE key = ?3",
            params![status, body, key],
        )
        .map_err(err)?;
        Ok(())
    })
    .await
}

pub(super) async fn release_idempotency_key(db: &SqliteStore, key: &str) -> Result<(), StoreError> {
    let key = key.to_owned();
    db.with(move |c| {
        c.execute(
            "DELETE FROM idempotency_keys WHERE key = ?1 AND status IS NULL",
            [key],
        )
        .map_err(err)?;
        Ok(())
    })
    .await
}
