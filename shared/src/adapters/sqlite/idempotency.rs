//! Idempotency keys: claimed before a request runs, completed with its response or
//! released when it fails; an expired key can be claimed again.

use super::rows::{err, from_ts, ts};
use super::SqliteStore;
use crate::ports::{IdempotencyClaim, StoreError};
use rusqlite::{params, TransactionBehavior};
use time::OffsetDateTime;

pub(super) async fn claim_idempotency_key(
    db: &SqliteStore,
    key: &str,
    fingerprint: &str,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<IdempotencyClaim, StoreError> {
    let (key, fingerprint) = (key.to_owned(), fingerprint.to_owned());
    db.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let n = tx
            .execute(
                "INSERT INTO idempotency_keys (key, fingerprint, status, body, expires_at, lease_until)
                 VALUES (?1, ?2, NULL, NULL, ?3, ?5)
                 ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, status = NULL, body = NULL,
                   expires_at = excluded.expires_at, lease_until = excluded.lease_until
                 WHERE idempotency_keys.expires_at <= ?4",
                params![key, fingerprint, ts(expires_at), ts(now), ts(lease_until)],
            )
            .map_err(err)?;
        let claim = if n == 1 {
            IdempotencyClaim::Claimed {
                expires_at,
                takeover: false,
            }
        } else {
            let (stored, status, body, stored_expiry, lease): (
                String,
                Option<i64>,
                Option<String>,
                i64,
                Option<i64>,
            ) = tx
                .query_row(
                    "SELECT fingerprint, status, body, expires_at, lease_until FROM idempotency_keys WHERE key = ?1",
                    [&key],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .map_err(err)?;
            match (stored == fingerprint, status, body) {
                (false, _, _) => IdempotencyClaim::Mismatch,
                (true, Some(status), Some(body)) => IdempotencyClaim::Completed {
                    status: status as u16,
                    body,
                },
                // A claim whose request stopped before it completed: taken over, the
                // key's lifetime still counted from its first claim.
                (true, _, _) if lease.unwrap_or(0) <= ts(now) => {
                    tx.execute(
                        "UPDATE idempotency_keys SET lease_until = ?1 WHERE key = ?2",
                        params![ts(lease_until), key],
                    )
                    .map_err(err)?;
                    IdempotencyClaim::Claimed {
                        expires_at: from_ts(stored_expiry).map_err(err)?,
                        takeover: true,
                    }
                }
                (true, _, _) => IdempotencyClaim::InProgress,
            }
        };
        tx.commit().map_err(err)?;
        Ok(claim)
    })
    .await
}

/// Ends the lease of every claim not completed: run when local mode starts, since no
/// request of an earlier process can still be running.
pub(super) async fn end_unfinished_claims(db: &SqliteStore) -> Result<usize, StoreError> {
    db.with(|c| {
        c.execute(
            "UPDATE idempotency_keys SET lease_until = 0 WHERE status IS NULL",
            [],
        )
        .map_err(err)
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
            "UPDATE idempotency_keys SET lease_until = 0 WHERE key = ?1 AND status IS NULL",
            [key],
        )
        .map_err(err)?;
        Ok(())
    })
    .await
}
