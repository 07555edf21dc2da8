//! The embedded store of local mode: SQLite (bundled) in one file under `DATA_DIR`.
//! Every port operation is one `BEGIN IMMEDIATE` transaction whose `UPDATE … WHERE`
//! carries the same conditions as the DynamoDB condition expressions; when nothing
//! matched, the rows as they were are read inside the same transaction and the domain
//! says which rule failed (as DynamoDB's `ALL_OLD` return on a failed condition does).

use crate::domain::guest_invite::within_quota;
use crate::domain::invite::{
    redemption_rejection, wrong_email_rejection, Delivery, RedeemMode, MAX_FAILED_ATTEMPTS,
};
use crate::domain::listing::{
    parse_status, InviteFilter, Page, PageRequest, ParticipantFilter, Position, RoomSummary,
};
use crate::domain::room::RoomStatus;
use crate::domain::InviteStatus;
use crate::domain::{
    Admission, EmailAddress, Invite, Participant, Role, Room, Suppression, TokenHash,
};
use crate::ports::{
    IdempotencyClaim, InviteQuota, RedeemError, RedeemRequest, Store, StoreError, WriteError,
};
use async_trait::async_trait;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, TransactionBehavior};
use std::path::Path;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS rooms (
    room_id     TEXT PRIMARY KEY,
    org         TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER,
    speakers    TEXT NOT NULL,
    attachments TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    deleted_at  INTEGER,
    version     INTEGER NOT NULL,
    reminders   TEXT NOT NULL DEFAULT '[1440,15]'
);
CREATE TABLE IF NOT EXISTS invites (
    invite_id       TEXT PRIMARY KEY,
    room_id         TEXT NOT NULL,
    org             TEXT NOT NULL,
    email           TEXT NOT NULL,
    role            INTEGER NOT NULL,
    max_uses        INTEGER,
    uses            INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    token_hash      TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL,
    revoked_at      INTEGER,
    delivery        TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS invites_by_room ON invites (room_id, created_at);
CREATE INDEX IF NOT EXISTS invites_by_room_order ON invites (room_id, created_at, invite_id);
CREATE TABLE IF NOT EXISTS participants (
    room_id    TEXT NOT NULL,
    email      TEXT NOT NULL,
    role       INTEGER NOT NULL,
    joined_at  INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, email)
);
CREATE INDEX IF NOT EXISTS participants_by_join ON participants (room_id, joined_at, email);
CREATE TABLE IF NOT EXISTS guest_invite_counts (
    room_id TEXT NOT NULL,
    issuer  TEXT NOT NULL,
    issued  INTEGER NOT NULL,
    PRIMARY KEY (room_id, issuer)
);
CREATE TABLE IF NOT EXISTS suppressions (
    org       TEXT NOT NULL,
    email     TEXT NOT NULL,
    reason    TEXT NOT NULL,
    invite_id TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (org, email)
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    status      INTEGER,
    body        TEXT,
    expires_at  INTEGER NOT NULL
);
";

const ROOM_COLUMNS: &str = "room_id, org, title, description, starts_at, ends_at, speakers, attachments, status, created_by, created_at, deleted_at, version, reminders";
const INVITE_COLUMNS: &str = "invite_id, room_id, org, email, role, max_uses, uses, expires_at, token_hash, failed_attempts, revoked_at, delivery, created_by, created_at";

/// A store in one SQLite file; cheap to clone.
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

fn ts(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

fn from_ts(secs: i64) -> rusqlite::Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(secs).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, Box::new(e))
    })
}

fn bad_value(what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unreadable {what}").into(),
    )
}

fn json_col<T: serde::de::DeserializeOwned>(text: String) -> rusqlite::Result<T> {
    serde_json::from_str(&text).map_err(|_| bad_value("json column"))
}

fn room_from_row(r: &Row<'_>) -> rusqlite::Result<Room> {
    Ok(Room {
        room_id: r.get(0)?,
        org: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        starts_at: from_ts(r.get(4)?)?,
        ends_at: r.get::<_, Option<i64>>(5)?.map(from_ts).transpose()?,
        speakers: json_col(r.get(6)?)?,
        attachments: json_col(r.get(7)?)?,
        status: RoomStatus::parse(&r.get::<_, String>(8)?).ok_or_else(|| bad_value("status"))?,
        created_by: r.get(9)?,
        created_at: from_ts(r.get(10)?)?,
        deleted_at: r.get::<_, Option<i64>>(11)?.map(from_ts).transpose()?,
        version: r.get::<_, i64>(12)? as u64,
        reminders: json_col(r.get(13)?)?,
    })
}

fn invite_from_row(r: &Row<'_>) -> rusqlite::Result<Invite> {
    Ok(Invite {
        invite_id: r.get(0)?,
        room_id: r.get(1)?,
        org: r.get(2)?,
        email: EmailAddress::from_normalized(r.get(3)?),
        role: Role::from_rank(r.get(4)?).ok_or_else(|| bad_value("role"))?,
        max_uses: r.get::<_, Option<i64>>(5)?.map(|n| n as u32),
        uses: r.get::<_, i64>(6)? as u32,
        expires_at: from_ts(r.get(7)?)?,
        token_hash: TokenHash(r.get(8)?),
        failed_attempts: r.get::<_, i64>(9)? as u32,
        revoked_at: r.get::<_, Option<i64>>(10)?.map(from_ts).transpose()?,
        delivery: Delivery::parse(&r.get::<_, String>(11)?).ok_or_else(|| bad_value("delivery"))?,
        created_by: r.get(12)?,
        created_at: from_ts(r.get(13)?)?,
    })
}

fn participant_from_row(r: &Row<'_>) -> rusqlite::Result<Participant> {
    Ok(Participant {
        room_id: r.get(0)?,
        email: EmailAddress::from_normalized(r.get(1)?),
        role: Role::from_rank(r.get(2)?).ok_or_else(|| bad_value("role"))?,
        joined_at: from_ts(r.get(3)?)?,
        updated_at: from_ts(r.get(4)?)?,
    })
}

fn read_room(c: &Connection, room_id: &str) -> rusqlite::Result<Option<Room>> {
    c.query_row(
        &format!("SELECT {ROOM_COLUMNS} FROM rooms WHERE room_id = ?1"),
        [room_id],
        room_from_row,
    )
    .optional()
}

fn read_invite(c: &Connection, invite_id: &str) -> rusqlite::Result<Option<Invite>> {
    c.query_row(
        &format!("SELECT {INVITE_COLUMNS} FROM invites WHERE invite_id = ?1"),
        [invite_id],
        invite_from_row,
    )
    .optional()
}

fn read_participant(
    c: &Connection,
    room_id: &str,
    email: &str,
) -> rusqlite::Result<Option<Participant>> {
    c.query_row(
        "SELECT room_id, email, role, joined_at, updated_at FROM participants WHERE room_id = ?1 AND email = ?2",
        [room_id, email],
        participant_from_row,
    )
    .optional()
}

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

/// Inserts `i` if its room exists and is not deleted and its id is new; rows inserted.
fn insert_invite(c: &Connection, i: &Invite) -> rusqlite::Result<usize> {
    c.execute(
        &format!(
            "INSERT INTO invites ({INVITE_COLUMNS})
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, ?11, ?12, ?13
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
            ts(i.created_at)
        ],
    )
}

impl SqliteStore {
    /// Opens (or creates) the store in `dir/store.sqlite3`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(err)?;
        let conn = Connection::open(dir.join("store.sqlite3")).map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        conn.execute_batch(SCHEMA).map_err(err)?;
        // Stores created before reminders existed get the column with the default.
        let has_reminders = conn.prepare("SELECT reminders FROM rooms LIMIT 0").is_ok();
        if !has_reminders {
            conn.execute_batch(
                "ALTER TABLE rooms ADD COLUMN reminders TEXT NOT NULL DEFAULT '[1440,15]'",
            )
            .map_err(err)?;
        }
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` on the connection off the async threads.
    async fn with<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| E::from(err("store lock poisoned")))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| E::from(err(e)))?
    }

    /// Scheduled, undeleted rooms: what local mode re-arms at start-up (starts, reminders).
    pub async fn scheduled_rooms(&self) -> Result<Vec<Room>, StoreError> {
        self.with(|c| {
            let mut stmt = c
                .prepare(&format!("SELECT {ROOM_COLUMNS} FROM rooms WHERE status = 'scheduled' AND deleted_at IS NULL"))
                .map_err(err)?;
            let rows = stmt.query_map([], room_from_row).map_err(err)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err)
        })
        .await
    }

    /// Scheduled, undeleted rooms and their starts: what local mode re-arms at start-up.
    pub async fn scheduled_starts(&self) -> Result<Vec<(String, OffsetDateTime)>, StoreError> {
        self.with(|c| {
            let mut stmt = c
                .prepare("SELECT room_id, starts_at FROM rooms WHERE status = 'scheduled' AND deleted_at IS NULL")
                .map_err(err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, from_ts(r.get(1)?)?)))
                .map_err(err)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err)
        })
        .await
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn create_room(&self, room: &Room) -> Result<(), WriteError> {
        let room = room.clone();
        self.with(move |c| {
            let speakers = serde_json::to_string(&room.speakers).map_err(err)?;
            let attachments = serde_json::to_string(&room.attachments).map_err(err)?;
            let reminders = serde_json::to_string(&room.reminders).map_err(err)?;
            let n = c
                .execute(
                    &format!("INSERT INTO rooms ({ROOM_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, 0, ?12) ON CONFLICT DO NOTHING"),
                    params![
                        room.room_id, room.org, room.title, room.description, ts(room.starts_at),
                        room.ends_at.map(ts), speakers, attachments, room.status.as_str(),
                        room.created_by, ts(room.created_at), reminders
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

    async fn get_room(&self, room_id: &str) -> Result<Option<Room>, StoreError> {
        let room_id = room_id.to_owned();
        self.with(move |c| read_room(c, &room_id).map_err(err))
            .await
    }

    async fn update_room(&self, room: &Room, expected_version: u64) -> Result<Room, WriteError> {
        let room = room.clone();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
            let speakers = serde_json::to_string(&room.speakers).map_err(err)?;
            let attachments = serde_json::to_string(&room.attachments).map_err(err)?;
            let reminders = serde_json::to_string(&room.reminders).map_err(err)?;
            let n = tx
                .execute(
                    "UPDATE rooms SET title = ?1, description = ?2, starts_at = ?3, ends_at = ?4, speakers = ?5,
                         attachments = ?6, status = ?7, reminders = ?11, version = version + 1
                     WHERE room_id = ?8 AND org = ?9 AND deleted_at IS NULL AND version = ?10",
                    params![
                        room.title, room.description, ts(room.starts_at), room.ends_at.map(ts), speakers,
                        attachments, room.status.as_str(), room.room_id, room.org, expected_version as i64,
                        reminders
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

    async fn delete_room(
        &self,
        org: &str,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), WriteError> {
        let (org, room_id) = (org.to_owned(), room_id.to_owned());
        self.with(move |c| {
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

    async fn mark_room_live(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let room_id = room_id.to_owned();
        self.with(move |c| {
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

    async fn create_invite(&self, invite: &Invite) -> Result<(), WriteError> {
        let i = invite.clone();
        self.with(move |c| {
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

    async fn create_guest_invite(
        &self,
        invite: &Invite,
        quota: &InviteQuota,
    ) -> Result<(), WriteError> {
        let (i, q) = (invite.clone(), quota.clone());
        self.with(move |c| {
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

    async fn get_invite(&self, invite_id: &str) -> Result<Option<Invite>, StoreError> {
        let invite_id = invite_id.to_owned();
        self.with(move |c| read_invite(c, &invite_id).map_err(err))
            .await
    }

    async fn list_invites(
        &self,
        room_id: &str,
        filter: &InviteFilter,
        now: OffsetDateTime,
        page: &PageRequest,
    ) -> Result<Page<Invite>, StoreError> {
        let mut sql = format!("SELECT {INVITE_COLUMNS} FROM invites WHERE room_id = ?");
        let mut args = vec![SqlValue::from(room_id.to_owned())];
        invite_filter_sql(filter, now, &mut sql, &mut args);
        let page = page.clone();
        self.with(move |c| {
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

    async fn room_summary(
        &self,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<RoomSummary, StoreError> {
        let room_id = room_id.to_owned();
        self.with(move |c| {
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
                    .prepare(
                        "SELECT role, COUNT(*) FROM participants WHERE room_id = ?1 GROUP BY role",
                    )
                    .map_err(err)?;
                let rows = stmt
                    .query_map([&room_id], |r| {
                        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                    })
                    .map_err(err)?;
                for row in rows {
                    let (rank, n) = row.map_err(err)?;
                    let role = Role::from_rank(rank).ok_or_else(|| err("unreadable role"))?;
                    summary.add_participants(role, n as u64);
                }
            }
            tx.commit().map_err(err)?;
            Ok(summary)
        })
        .await
    }

    async fn revoke_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        now: OffsetDateTime,
    ) -> Result<Invite, WriteError> {
        let (room_id, invite_id) = (room_id.to_owned(), invite_id.to_owned());
        self.with(move |c| {
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

    async fn reissue_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        token_hash: &TokenHash,
        expires_at: OffsetDateTime,
        delivery: Delivery,
    ) -> Result<Invite, WriteError> {
        let (room_id, invite_id, hash) = (
            room_id.to_owned(),
            invite_id.to_owned(),
            token_hash.0.clone(),
        );
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
            let n = tx
                .execute(
                    "UPDATE invites SET token_hash = ?1, failed_attempts = 0, expires_at = ?2, delivery = ?3
                     WHERE invite_id = ?4 AND room_id = ?5 AND revoked_at IS NULL
                       AND (max_uses IS NULL OR uses < max_uses)
                       AND EXISTS (SELECT 1 FROM rooms WHERE room_id = ?5 AND deleted_at IS NULL)",
                    params![hash, ts(expires_at), delivery.as_str(), invite_id, room_id],
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

    async fn set_delivery(
        &self,
        invite_id: &str,
        delivery: Delivery,
    ) -> Result<Option<Invite>, StoreError> {
        let invite_id = invite_id.to_owned();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
            let from = delivery
                .replaces()
                .iter()
                .map(|d| format!("'{}'", d.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            tx.execute(
                &format!("UPDATE invites SET delivery = ?1 WHERE invite_id = ?2 AND delivery IN ({from})"),
                params![delivery.as_str(), invite_id],
            )
            .map_err(err)?;
            let invite = read_invite(&tx, &invite_id).map_err(err)?;
            tx.commit().map_err(err)?;
            Ok(invite)
        })
        .await
    }

    async fn get_suppression(
        &self,
        org: &str,
        email: &EmailAddress,
    ) -> Result<Option<Suppression>, StoreError> {
        let (org, email) = (org.to_owned(), email.clone());
        self.with(move |c| {
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

    async fn put_suppression(&self, suppression: &Suppression) -> Result<(), StoreError> {
        let s = suppression.clone();
        self.with(move |c| {
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

    async fn delete_suppression(&self, org: &str, email: &EmailAddress) -> Result<(), StoreError> {
        let (org, email) = (org.to_owned(), email.clone());
        self.with(move |c| {
            c.execute(
                "DELETE FROM suppressions WHERE org = ?1 AND email = ?2",
                params![org, email.as_str()],
            )
            .map_err(err)?;
            Ok(())
        })
        .await
    }

    async fn redeem(&self, request: &RedeemRequest) -> Result<Admission, RedeemError> {
        let req = request.clone();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
            let (increment, use_rule) = match req.mode {
                RedeemMode::Consume => (1, "(max_uses IS NULL OR uses < max_uses)"),
                RedeemMode::Readmit => (0, "uses > 0"),
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
                let reason = redemption_rejection(invite.as_ref(), room.as_ref(), &req.token_hash, &req.email, req.mode, req.now)
                    .ok_or_else(|| err("redemption condition failed without a reason"))?;
                return Err(RedeemError::Rejected(reason));
            }
            let invite = invite.ok_or_else(|| err("invite vanished"))?;
            let previous = read_participant(&tx, &invite.room_id, req.email.as_str()).map_err(err)?;
            tx.execute(
                "INSERT INTO participants (room_id, email, role, joined_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT (room_id, email) DO UPDATE SET
                   updated_at = CASE WHEN excluded.role > role THEN excluded.updated_at ELSE updated_at END,
                   role = MAX(role, excluded.role)",
                params![invite.room_id, req.email.as_str(), invite.role.rank(), ts(req.now)],
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

    async fn record_wrong_email(
        &self,
        invite_id: &str,
        token_hash: &TokenHash,
    ) -> Result<u32, RedeemError> {
        let (invite_id, hash) = (invite_id.to_owned(), token_hash.clone());
        self.with(move |c| {
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

    async fn get_participant(
        &self,
        room_id: &str,
        email: &EmailAddress,
    ) -> Result<Option<Participant>, StoreError> {
        let (room_id, email) = (room_id.to_owned(), email.clone());
        self.with(move |c| read_participant(c, &room_id, email.as_str()).map_err(err))
            .await
    }

    async fn list_participants(
        &self,
        room_id: &str,
        filter: &ParticipantFilter,
        page: &PageRequest,
    ) -> Result<Page<Participant>, StoreError> {
        let mut sql = "SELECT room_id, email, role, joined_at, updated_at FROM participants WHERE room_id = ?".to_owned();
        let mut args = vec![SqlValue::from(room_id.to_owned())];
        if let Some(role) = filter.role {
            sql.push_str(" AND role = ?");
            args.push(SqlValue::from(role.rank()));
        }
        let page = page.clone();
        self.with(move |c| {
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

    async fn set_participant_role(
        &self,
        room_id: &str,
        email: &EmailAddress,
        role: Role,
        now: OffsetDateTime,
    ) -> Result<Admission, WriteError> {
        let (room_id, email) = (room_id.to_owned(), email.clone());
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
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

    async fn claim_idempotency_key(
        &self,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<IdempotencyClaim, StoreError> {
        let (key, fingerprint) = (key.to_owned(), fingerprint.to_owned());
        self.with(move |c| {
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

    async fn complete_idempotency_key(
        &self,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        let (key, body) = (key.to_owned(), body.to_owned());
        self.with(move |c| {
            c.execute(
                "UPDATE idempotency_keys SET status = ?1, body = ?2 WHERE key = ?3",
                params![status, body, key],
            )
            .map_err(err)?;
            Ok(())
        })
        .await
    }

    async fn release_idempotency_key(&self, key: &str) -> Result<(), StoreError> {
        let key = key.to_owned();
        self.with(move |c| {
            c.execute(
                "DELETE FROM idempotency_keys WHERE key = ?1 AND status IS NULL",
                [key],
            )
            .map_err(err)?;
            Ok(())
        })
        .await
    }
}
