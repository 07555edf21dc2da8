//! Rows: the column lists, the decoders of rows into domain values, the reads of one
//! room, invite or participant by key, and the conversions every module shares.

use crate::domain::invite::Delivery;
use crate::domain::room::RoomStatus;
use crate::domain::{AdmissionState, EmailAddress, Invite, Participant, Role, Room, TokenHash};
use crate::ports::StoreError;
use rusqlite::{Connection, OptionalExtension, Row};
use time::OffsetDateTime;

pub(super) const ROOM_COLUMNS: &str = "room_id, org, title, description, starts_at, ends_at, speakers, attachments, status, created_by, created_at, deleted_at, version, reminders, admission, locale, timezone";
pub(super) const INVITE_COLUMNS: &str = "invite_id, room_id, org, email, role, max_uses, uses, expires_at, token_hash, failed_attempts, revoked_at, delivery, created_by, created_at, mail_nonce, locale, unsubscribed_at";

pub(super) fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError::new(e.to_string())
}

pub(super) fn ts(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

pub(super) fn from_ts(secs: i64) -> rusqlite::Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(secs).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, Box::new(e))
    })
}

pub(super) fn bad_value(what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unreadable {what}").into(),
    )
}

fn json_col<T: serde::de::DeserializeOwned>(text: String) -> rusqlite::Result<T> {
    serde_json::from_str(&text).map_err(|_| bad_value("json column"))
}

pub(super) fn room_from_row(r: &Row<'_>) -> rusqlite::Result<Room> {
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
        admission: json_col(r.get(14)?)?,
        locale: r.get(15)?,
        timezone: r.get(16)?,
    })
}

pub(super) fn invite_from_row(r: &Row<'_>) -> rusqlite::Result<Invite> {
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
        mail_nonce: r.get(14)?,
        locale: r.get(15)?,
        unsubscribed_at: r.get::<_, Option<i64>>(16)?.map(from_ts).transpose()?,
    })
}

/// The columns [`participant_from_row`] reads, in its order.
pub(super) const PARTICIPANT_COLUMNS: &str =
    "room_id, email, role, joined_at, updated_at, admission, denial_reason, decided_at, knocks";

pub(super) fn participant_from_row(r: &Row<'_>) -> rusqlite::Result<Participant> {
    Ok(Participant {
        room_id: r.get(0)?,
        email: EmailAddress::from_normalized(r.get(1)?),
        role: Role::from_rank(r.get(2)?).ok_or_else(|| bad_value("role"))?,
        joined_at: from_ts(r.get(3)?)?,
        updated_at: from_ts(r.get(4)?)?,
        admission: AdmissionState::parse(&r.get::<_, String>(5)?)
            .ok_or_else(|| bad_value("admission"))?,
        denial_reason: r.get(6)?,
        decided_at: r.get::<_, Option<i64>>(7)?.map(from_ts).transpose()?,
        knocks: r.get(8)?,
    })
}

pub(super) fn read_room(c: &Connection, room_id: &str) -> rusqlite::Result<Option<Room>> {
    c.query_row(
        &format!("SELECT {ROOM_COLUMNS} FROM rooms WHERE room_id = ?1"),
        [room_id],
        room_from_row,
    )
    .optional()
}

pub(super) fn read_invite(c: &Connection, invite_id: &str) -> rusqlite::Result<Option<Invite>> {
    c.query_row(
        &format!("SELECT {INVITE_COLUMNS} FROM invites WHERE invite_id = ?1"),
        [invite_id],
        invite_from_row,
    )
    .optional()
}

pub(super) fn read_participant(
    c: &Connection,
    room_id: &str,
    email: &str,
) -> rusqlite::Result<Option<Participant>> {
    c.query_row(
        &format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE room_id = ?1 AND email = ?2"
        ),
        [room_id, email],
        participant_from_row,
    )
    .optional()
}
