//! One-time codes of `verify: code` rooms: one row per invite, replaced by each new code.

use super::rows::{err, from_ts, ts};
use super::SqliteStore;
use crate::domain::admission::{check_code, AdmissionCode, CodeCheck};
use crate::ports::StoreError;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use time::OffsetDateTime;

const COLUMNS: &str =
    "invite_id, code_hash, expires_at, attempts, used, sent_at, window_start, sent_in_window";

fn code_from_row(r: &Row<'_>) -> rusqlite::Result<AdmissionCode> {
    Ok(AdmissionCode {
        invite_id: r.get(0)?,
        code_hash: r.get(1)?,
        expires_at: from_ts(r.get(2)?)?,
        attempts: r.get(3)?,
        used: r.get::<_, i64>(4)? != 0,
        sent_at: from_ts(r.get(5)?)?,
        window_start: from_ts(r.get(6)?)?,
        sent_in_window: r.get(7)?,
    })
}

fn read(c: &Connection, invite_id: &str) -> rusqlite::Result<Option<AdmissionCode>> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM admission_codes WHERE invite_id = ?1"),
        params![invite_id],
        code_from_row,
    )
    .optional()
}

pub(super) async fn get(
    db: &SqliteStore,
    invite_id: &str,
) -> Result<Option<AdmissionCode>, StoreError> {
    let invite_id = invite_id.to_owned();
    db.with(move |c| read(c, &invite_id).map_err(err)).await
}

pub(super) async fn put(
    db: &SqliteStore,
    code: &AdmissionCode,
    previous_sent_at: Option<OffsetDateTime>,
) -> Result<bool, StoreError> {
    let code = code.clone();
    db.with(move |c| {
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let current = read(&tx, &code.invite_id).map_err(err)?;
        if current.map(|r| r.sent_at) != previous_sent_at {
            return Ok(false);
        }
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO admission_codes ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            ),
            params![
                code.invite_id,
                code.code_hash,
                ts(code.expires_at),
                code.attempts,
                i64::from(code.used),
                ts(code.sent_at),
                ts(code.window_start),
                code.sent_in_window
            ],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(true)
    })
    .await
}

pub(super) async fn use_code(
    db: &SqliteStore,
    invite_id: &str,
    code_hash: &str,
    now: OffsetDateTime,
) -> Result<CodeCheck, StoreError> {
    let (invite_id, code_hash) = (invite_id.to_owned(), code_hash.to_owned());
    db.with(move |c| {
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let record = read(&tx, &invite_id).map_err(err)?;
        let verdict = check_code(record.as_ref(), &code_hash, now);
        let change = match verdict {
            CodeCheck::Valid => "UPDATE admission_codes SET used = 1 WHERE invite_id = ?1",
            CodeCheck::Invalid { .. } => {
                "UPDATE admission_codes SET attempts = attempts + 1 WHERE invite_id = ?1"
            }
            CodeCheck::Expired => return Ok(verdict),
        };
        tx.execute(change, params![invite_id]).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(verdict)
    })
    .await
}
