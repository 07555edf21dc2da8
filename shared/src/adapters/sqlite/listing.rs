//! Paged lists and the room summary in SQL: the same filters, order and cursor as
//! the DynamoDB store's (docs/data-model.md, "Lists, filters and the summary").

use super::rows::{
    err, invite_from_row, participant_from_row, room_from_row, ts, INVITE_COLUMNS,
    PARTICIPANT_COLUMNS, ROOM_COLUMNS,
};
use super::SqliteStore;
use crate::domain::invite::MAX_FAILED_ATTEMPTS;
use crate::domain::listing::{
    parse_status, InviteFilter, Page, PageRequest, ParticipantFilter, Position, RoomSummary,
};
use crate::domain::{AdmissionState, Invite, InviteStatus, Participant, Role, Room};
use crate::ports::StoreError;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, Row};
use time::OffsetDateTime;

/// Adds the invite filter to a `WHERE` clause; `status` is the same rule as
/// [`crate::domain::listing::status_of`], with the time as a parameter.
fn invite_filter_sql(
    f: &InviteFilter,
    now: OffsetDateTime,
    sql: &mut String,
    args: &mut Vec<SqlValue>,
) {
    const _: () = assert!(MAX_FAILED_ATTEMPTS == 5, "the clauses below say 5");
    const LIVE: &str = "revoked_at IS NULL AND failed_attempts < 5";
    const USE_LEFT: &str = "(max_uses IS NULL OR uses < max_uses)";
    if let Some(status) = f.status {
        let clause = match status {
            InviteStatus::Revoked => "revoked_at IS NOT NULL".to_owned(),
            InviteStatus::Locked => "revoked_at IS NULL AND failed_attempts >= 5".to_owned(),
            InviteStatus::Used => format!("{LIVE} AND max_uses IS NOT NULL AND uses >= max_uses"),
            InviteStatus::Expired => format!("{LIVE} AND {USE_LEFT} AND expires_at <= ?"),
            InviteStatus::Active => format!("{LIVE} AND {USE_LEFT} AND expires_at > ?"),
        };
        if matches!(status, InviteStatus::Expired | InviteStatus::Active) {
            args.push(SqlValue::from(ts(now)));
        }
        sql.push_str(&format!(" AND ({clause})"));
    }
    if let Some(role) = f.role {
        sql.push_str(" AND role = ?");
        args.push(SqlValue::from(role.rank()));
    }
    if let Some(delivery) = f.delivery {
        // `pending` (being handed to the mailer) is shown and counted as `sent`.
        if delivery == "sent" {
            sql.push_str(" AND delivery IN ('sent', 'pending')");
        } else {
            sql.push_str(" AND delivery = ?");
            args.push(SqlValue::from(delivery.to_owned()));
        }
    }
    if let Some(email) = &f.email {
        sql.push_str(" AND email = ?");
        args.push(SqlValue::from(email.as_str().to_owned()));
    }
}

/// Runs `sql` (a `SELECT … WHERE …`) from after `page.after` in `order`, reading one
/// row more than the page to know whether another page follows.
fn keyset_page<T>(
    c: &Connection,
    mut sql: String,
    mut args: Vec<SqlValue>,
    order: &str,
    page: &PageRequest,
    from_row: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    if let Some(after) = &page.after {
        sql.push_str(&format!(" AND ({order}) > (?, ?)"));
        args.push(SqlValue::from(after.at));
        args.push(SqlValue::from(after.id.clone()));
    }
    sql.push_str(&format!(" ORDER BY {order} LIMIT ?"));
    args.push(SqlValue::from(page.limit as i64 + 1));
    let mut stmt = c.prepare(&sql).map_err(err)?;
    let rows = stmt
        .query_map(params_from_iter(args), from_row)
        .map_err(err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err)
}

/// The page of `limit` items from up to `limit + 1` read.
fn paged<T>(mut items: Vec<T>, limit: usize, position: fn(&T) -> Position) -> Page<T> {
    let more = items.len() > limit;
    items.truncate(limit);
    let next = if more {
        items.last().map(position)
    } else {
        None
    };
    Page { items, next }
}

pub(super) async fn list_rooms(
    db: &SqliteStore,
    org: &str,
    page: &PageRequest,
) -> Result<Page<Room>, StoreError> {
    let sql = format!("SELECT {ROOM_COLUMNS} FROM rooms WHERE org = ? AND deleted_at IS NULL");
    let args = vec![SqlValue::from(org.to_owned())];
    let page = page.clone();
    db.with(move |c| {
        let items = keyset_page(c, sql, args, "created_at, room_id", &page, room_from_row)?;
        Ok(paged(items, page.limit, |r: &Room| Position {
            at: r.created_at.unix_timestamp(),
            id: r.room_id.clone(),
        }))
    })
    .await
}

pub(super) async fn list_invites(
    db: &SqliteStore,
    room_id: &str,
    filter: &InviteFilter,
    now: OffsetDateTime,
    page: &PageRequest,
) -> Result<Page<Invite>, StoreError> {
    let mut sql = format!("SELECT {INVITE_COLUMNS} FROM invites WHERE room_id = ?");
    let mut args = vec![SqlValue::from(room_id.to_owned())];
    invite_filter_sql(filter, now, &mut sql, &mut args);
    let page = page.clone();
    db.with(move |c| {
        let items = keyset_page(
            c,
            sql,
            args,
            "created_at, invite_id",
            &page,
            invite_from_row,
        )?;
        Ok(paged(items, page.limit, Position::of_invite))
    })
    .await
}

pub(super) async fn room_summary(
    db: &SqliteStore,
    room_id: &str,
    now: OffsetDateTime,
) -> Result<RoomSummary, StoreError> {
    let room_id = room_id.to_owned();
    db.with(move |c| {
        let tx = c.transaction().map_err(err)?;
        let mut summary = RoomSummary::default();
        {
            let mut stmt = tx
                .prepare(&format!(
                    "SELECT CASE
                       WHEN revoked_at IS NOT NULL THEN 'revoked'
                       WHEN failed_attempts >= {MAX_FAILED_ATTEMPTS} THEN 'locked'
                       WHEN max_uses IS NOT NULL AND uses >= max_uses THEN 'used'
                       WHEN expires_at <= ?2 THEN 'expired'
                       ELSE 'active' END AS status, delivery, COUNT(*)
                     FROM invites WHERE room_id = ?1 GROUP BY status, delivery"
                ))
                .map_err(err)?;
            let rows = stmt
                .query_map(params![room_id, ts(now)], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                })
                .map_err(err)?;
            for row in rows {
                let (status, delivery, n) = row.map_err(err)?;
                let status: InviteStatus = parse_status(&status).map_err(err)?;
                summary.add_invites(status, &delivery, n as u64);
            }
            let mut stmt = tx
                .prepare("SELECT role, admission, COUNT(*) FROM participants WHERE room_id = ?1 GROUP BY role, admission")
                .map_err(err)?;
            let rows = stmt
                .query_map([&room_id], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
                })
                .map_err(err)?;
            for row in rows {
                let (rank, admission, n) = row.map_err(err)?;
                let role = Role::from_rank(rank).ok_or_else(|| err("unreadable role"))?;
                let admission = AdmissionState::parse(&admission)
                    .ok_or_else(|| err("unreadable admission"))?;
                summary.add_participants(role, admission, n as u64);
            }
        }
        tx.commit().map_err(err)?;
        Ok(summary)
    })
    .await
}

pub(super) async fn list_participants(
    db: &SqliteStore,
    room_id: &str,
    filter: &ParticipantFilter,
    page: &PageRequest,
) -> Result<Page<Participant>, StoreError> {
    let mut sql = format!("SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE room_id = ?");
    let mut args = vec![SqlValue::from(room_id.to_owned())];
    if let Some(role) = filter.role {
        sql.push_str(" AND role = ?");
        args.push(SqlValue::from(role.rank()));
    }
    if let Some(admission) = filter.admission {
        sql.push_str(" AND admission = ?");
        args.push(SqlValue::from(admission.as_str().to_owned()));
    }
    let page = page.clone();
    db.with(move |c| {
        let items = keyset_page(
            c,
            sql,
            args,
            "joined_at, email",
            &page,
            participant_from_row,
        )?;
        Ok(paged(items, page.limit, Position::of_participant))
    })
    .await
}
