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
    admission   TEXT NOT NULL DEFAULT '{\"verify\":\"email\",\"approval\":\"none\"}',
    locale      TEXT,
    timezone    TEXT
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
    created_at      INTEGER NOT NULL,
    locale          TEXT,
    unsubscribed_at INTEGER
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
CREATE TABLE IF NOT EXISTS branding (
    org          TEXT PRIMARY KEY,
    org_hash     TEXT NOT NULL UNIQUE,
    display_name TEXT,
    accent_color TEXT,
    logo         BLOB,
    sender_name  TEXT,
    reply_to     TEXT,
    support_line TEXT
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
    expires_at  INTEGER NOT NULL,
    lease_until INTEGER
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
    // Stores created before queued mail: no invite awaits a retry.
    let has_mail_nonce = conn
        .prepare("SELECT mail_nonce FROM invites LIMIT 0")
        .is_ok();
    if !has_mail_nonce {
        conn.execute_batch("ALTER TABLE invites ADD COLUMN mail_nonce TEXT")
            .map_err(err)?;
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS invites_awaiting_mail ON invites (delivery) WHERE delivery IN ('pending', 'queued')",
    )
    .map_err(err)?;
    // Stores created before localization: no locale or time zone (English, UTC).
    if conn.prepare("SELECT locale FROM rooms LIMIT 0").is_err() {
        conn.execute_batch(
            "ALTER TABLE rooms ADD COLUMN locale TEXT;
             ALTER TABLE rooms ADD COLUMN timezone TEXT;",
        )
        .map_err(err)?;
    }
    if conn.prepare("SELECT locale FROM invites LIMIT 0").is_err() {
        conn.execute_batch("ALTER TABLE invites ADD COLUMN locale TEXT")
            .map_err(err)?;
    }
    // Stores created before one-click unsubscribe: nobody unsubscribed.
    if conn
        .prepare("SELECT unsubscribed_at FROM invites LIMIT 0")
        .is_err()
    {
        conn.execute_batch("ALTER TABLE invites ADD COLUMN unsubscribed_at INTEGER")
            .map_err(err)?;
    }
    // Stores created before claims had a lease: an unfinished claim may be taken over.
    if conn
        .prepare("SELECT lease_until FROM idempotency_keys LIMIT 0")
        .is_err()
    {
        conn.execute_batch("ALTER TABLE idempotency_keys ADD COLUMN lease_until INTEGER")
            .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::adapters::SqliteStore;
    use crate::ports::Store;

    /// A store written before issue 20 (no locale, time zone or unsubscribe columns)
    /// opens, gains the columns, and reads its rooms and invites with none of them.
    #[tokio::test]
    async fn a_store_from_before_localization_reads_fine() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let c = rusqlite::Connection::open(dir.path().join("store.sqlite3")).expect("db");
            c.execute_batch(
                "CREATE TABLE rooms (room_id TEXT PRIMARY KEY, org TEXT NOT NULL, title TEXT NOT NULL,
                    description TEXT NOT NULL, starts_at INTEGER NOT NULL, ends_at INTEGER,
                    speakers TEXT NOT NULL, attachments TEXT NOT NULL, status TEXT NOT NULL,
                    created_by TEXT NOT NULL, created_at INTEGER NOT NULL, deleted_at INTEGER,
                    version INTEGER NOT NULL, reminders TEXT NOT NULL DEFAULT '[1440,15]',
                    admission TEXT NOT NULL DEFAULT '{\"verify\":\"email\",\"approval\":\"none\"}');
                 CREATE TABLE invites (invite_id TEXT PRIMARY KEY, room_id TEXT NOT NULL,
                    org TEXT NOT NULL, email TEXT NOT NULL, role INTEGER NOT NULL, max_uses INTEGER,
                    uses INTEGER NOT NULL, expires_at INTEGER NOT NULL, token_hash TEXT NOT NULL,
                    failed_attempts INTEGER NOT NULL, revoked_at INTEGER, delivery TEXT NOT NULL,
                    created_by TEXT NOT NULL, created_at INTEGER NOT NULL);
                 INSERT INTO rooms VALUES ('r1', 'o', 'Old', '', 1900000000, NULL, '[]', '[]',
                    'scheduled', 'h', 1800000000, NULL, 3, '[15]', '{\"verify\":\"email\",\"approval\":\"none\"}');
                 INSERT INTO invites VALUES ('i1', 'r1', 'o', 'a@example.com', 1, 1, 0, 1900000000,
                    'h', 0, NULL, 'sent', 'h', 1800000000);",
            )
            .expect("old schema");
        }
        let store = SqliteStore::open(dir.path()).expect("open migrates");
        let room = store.get_room("r1").await.expect("read").expect("room");
        assert_eq!(
            (room.title.as_str(), room.locale, room.timezone),
            ("Old", None, None)
        );
        let invite = store.get_invite("i1").await.expect("read").expect("invite");
        assert_eq!((invite.locale, invite.unsubscribed_at), (None, None));
        let now = time::OffsetDateTime::now_utc();
        let marked = store
            .unsubscribe("i1", now)
            .await
            .expect("write")
            .expect("invite");
        assert!(marked.unsubscribed_at.is_some());
    }
}
