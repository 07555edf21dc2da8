//! The tables and indexes, created when missing, and the migrations that bring stores
//! made by earlier versions up to date.

use super::rows::err;
use crate::ports::StoreError;
use rusqlite::Connection;

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
    reminders   TEXT NOT NULL DEFAULT '[1440,15]',
    admission   TEXT NOT NULL DEFAULT '{\"verify\":\"email\",\"approval\":\"none\"}'
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
CREATE INDEX IF NOT EXISTS rooms_by_org ON rooms (org, created_at, room_id);
CREATE INDEX IF NOT EXISTS invites_by_room ON invites (room_id, created_at);
CREATE INDEX IF NOT EXISTS invites_by_room_order ON invites (room_id, created_at, invite_id);
CREATE TABLE IF NOT EXISTS participants (
    room_id    TEXT NOT NULL,
    email      TEXT NOT NULL,
    role       INTEGER NOT NULL,
    joined_at  INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    admission     TEXT NOT NULL DEFAULT 'admitted',
    denial_reason TEXT,
    decided_at    INTEGER,
    knocks        INTEGER NOT NULL DEFAULT 0,
    identity      TEXT,
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
CREATE TABLE IF NOT EXISTS redemption_receipts (
    invite_id TEXT NOT NULL,
    receipt   TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (invite_id, receipt)
);
CREATE TABLE IF NOT EXISTS admission_codes (
    invite_id      TEXT PRIMARY KEY,
    code_hash      TEXT NOT NULL,
    expires_at     INTEGER NOT NULL,
    attempts       INTEGER NOT NULL,
    used           INTEGER NOT NULL,
    sent_at        INTEGER NOT NULL,
    window_start   INTEGER NOT NULL,
    sent_in_window INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    status      INTEGER,
    body        TEXT,
    expires_at  INTEGER NOT NULL
);
";

/// Creates the tables and indexes that are missing and migrates older stores.
pub(super) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(SCHEMA).map_err(err)?;
    // Stores created before reminders existed get the column with the default.
    let has_reminders = conn.prepare("SELECT reminders FROM rooms LIMIT 0").is_ok();
    if !has_reminders {
        conn.execute_batch(
            "ALTER TABLE rooms ADD COLUMN reminders TEXT NOT NULL DEFAULT '[1440,15]'",
        )
        .map_err(err)?;
    }
    // Stores created before the waiting room: every participant was admitted.
    let has_waiting_room = conn
        .prepare("SELECT admission FROM participants LIMIT 0")
        .is_ok();
    if !has_waiting_room {
        conn.execute_batch(
            "ALTER TABLE participants ADD COLUMN admission TEXT NOT NULL DEFAULT 'admitted';
             ALTER TABLE participants ADD COLUMN denial_reason TEXT;
             ALTER TABLE participants ADD COLUMN decided_at INTEGER;
             ALTER TABLE participants ADD COLUMN knocks INTEGER NOT NULL DEFAULT 0;
             ALTER TABLE participants ADD COLUMN identity TEXT;",
        )
        .map_err(err)?;
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS participants_by_identity ON participants (room_id, identity)",
    )
    .map_err(err)?;
    // Stores created before admission settings existed: every room admits by email.
    let has_admission = conn.prepare("SELECT admission FROM rooms LIMIT 0").is_ok();
    if !has_admission {
        conn.execute_batch(
            r#"ALTER TABLE rooms ADD COLUMN admission TEXT NOT NULL DEFAULT '{"verify":"email","approval":"none"}'"#,
        )
        .map_err(err)?;
    }
    Ok(())
}
