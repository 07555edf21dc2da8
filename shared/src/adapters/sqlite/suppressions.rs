//! Suppressions: the addresses of an organisation that mail is no longer sent to.

use super::rows::{bad_value, err, from_ts, ts};
use super::SqliteStore;
use crate::domain::invite::Delivery;
use crate::domain::{EmailAddress, Suppression};
use crate::ports::StoreError;
use rusqlite::{params, OptionalExtension};

pub(super) async fn get_suppression(
    db: &SqliteStore,
    org: &str,
    email: &EmailAddress,
) -> Result<Option<Suppression>, StoreError> {
    let (org, email) = (org.to_owned(), email.clone());
    db.with(move |c| {
        c.query_row(
            "SELECT reason, invite_id, at FROM suppressions WHERE org = ?1 AND email = ?2",
            params![org, email.as_str()],
            |r| {
                Ok(Suppression {
                    org: org.clone(),
                    email: email.clone(),
                    reason: Delivery::parse(&r.get::<_, String>(0)?)
                        .ok_or_else(|| bad_value("suppression reason"))?,
                    invite_id: r.get(1)?,
                    at: from_ts(r.get(2)?)?,
                })
            },
        )
        .optional()
        .map_err(err)
    })
    .await
}

pub(super) async fn put_suppression(
    db: &SqliteStore,
    suppression: &Suppression,
) -> Result<(), StoreError> {
    let s = suppression.clone();
    db.with(move |c| {
        c.execute(
            "INSERT INTO suppressions (org, email, reason, invite_id, at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (org, email) DO UPDATE SET reason = excluded.reason,
                 invite_id = excluded.invite_id, at = excluded.at",
            params![s.org, s.email.as_str(), s.reason.as_str(), s.invite_id, ts(s.at)],
        )
        .map_err(err)?;
        Ok(())
    })
    .await
}

pub(super) async fn delete_suppression(
    db: &SqliteStore,
    org: &str,
    email: &EmailAddress,
) -> Result<(), StoreError> {
    let (org, email) = (org.to_owned(), email.clone());
    db.with(move |c| {
        c.execute(
            "DELETE FROM suppressions WHERE org = ?1 AND email = ?2",
            params![org, email.as_str()],
        )
        .map_err(err)?;
        Ok(())
    })
    .await
}
