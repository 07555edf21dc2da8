//! The embedded store of local mode: SQLite (bundled) in one file under `DATA_DIR`.
//! Every port operation is one `BEGIN IMMEDIATE` transaction whose `UPDATE … WHERE`
//! carries the same conditions as the DynamoDB condition expressions; when nothing
//! matched, the rows as they were are read inside the same transaction and the domain
//! says which rule failed (as DynamoDB's `ALL_OLD` return on a failed condition does).
//!
//! One module per aggregate, as `aws::dynamo` is; the `Store` methods delegate to them.

mod branding;
mod codes;
mod idempotency;
mod invites;
mod listing;
mod participants;
mod redeem;
mod rooms;
mod rows;
mod schema;
mod suppressions;

use crate::domain::admission::{AdmissionCode, CodeCheck};
use crate::domain::invite::Delivery;
use crate::domain::listing::{InviteFilter, Page, PageRequest, ParticipantFilter, RoomSummary};
use crate::domain::waiting_room::Decision;
use crate::domain::{
    Admission, Branding, EmailAddress, Invite, Participant, Role, Room, Suppression, TokenHash,
};
use crate::ports::{
    IdempotencyClaim, InviteQuota, KnockError, RedeemError, RedeemRequest, Store, StoreError,
    WriteError,
};
use async_trait::async_trait;
use rows::{err, from_ts, room_from_row, ROOM_COLUMNS};
use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

/// A store in one SQLite file; cheap to clone.
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
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
        schema::migrate(&conn)?;
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

    /// Invites whose invitation is not sent yet (`pending`, `queued`): what local mode
    /// queues again at start-up.
    pub async fn invites_awaiting_mail(&self) -> Result<Vec<Invite>, StoreError> {
        invites::awaiting_mail(self).await
    }

    /// Ends the lease of every `Idempotency-Key` claim not completed: what local mode
    /// does at start-up, when no request of the process before can still be running, so
    /// that a client's retry takes its key over at once.
    pub async fn end_unfinished_claims(&self) -> Result<usize, StoreError> {
        idempotency::end_unfinished_claims(self).await
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
        rooms::create_room(self, room).await
    }

    async fn list_rooms(&self, org: &str, page: &PageRequest) -> Result<Page<Room>, StoreError> {
        listing::list_rooms(self, org, page).await
    }

    async fn get_room(&self, room_id: &str) -> Result<Option<Room>, StoreError> {
        rooms::get_room(self, room_id).await
    }

    async fn update_room(&self, room: &Room, expected_version: u64) -> Result<Room, WriteError> {
        rooms::update_room(self, room, expected_version).await
    }

    async fn delete_room(
        &self,
        org: &str,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), WriteError> {
        rooms::delete_room(self, org, room_id, now).await
    }

    async fn mark_room_live(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        rooms::mark_room_live(self, room_id, starts_at).await
    }

    async fn create_invite(&self, invite: &Invite) -> Result<(), WriteError> {
        invites::create_invite(self, invite).await
    }

    async fn create_guest_invite(
        &self,
        invite: &Invite,
        quota: &InviteQuota,
    ) -> Result<(), WriteError> {
        invites::create_guest_invite(self, invite, quota).await
    }

    async fn get_invite(&self, invite_id: &str) -> Result<Option<Invite>, StoreError> {
        invites::get_invite(self, invite_id).await
    }

    async fn list_invites(
        &self,
        room_id: &str,
        filter: &InviteFilter,
        now: OffsetDateTime,
        page: &PageRequest,
    ) -> Result<Page<Invite>, StoreError> {
        listing::list_invites(self, room_id, filter, now, page).await
    }

    async fn room_summary(
        &self,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<RoomSummary, StoreError> {
        listing::room_summary(self, room_id, now).await
    }

    async fn revoke_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        now: OffsetDateTime,
    ) -> Result<Invite, WriteError> {
        invites::revoke_invite(self, room_id, invite_id, now).await
    }

    async fn reissue_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        token_hash: &TokenHash,
        expires_at: OffsetDateTime,
        delivery: Delivery,
        mail_nonce: Option<&str>,
    ) -> Result<Invite, WriteError> {
        invites::reissue_invite(
            self, room_id, invite_id, token_hash, expires_at, delivery, mail_nonce,
        )
        .await
    }

    async fn unsubscribe(
        &self,
        invite_id: &str,
        at: OffsetDateTime,
    ) -> Result<Option<Invite>, StoreError> {
        invites::unsubscribe(self, invite_id, at).await
    }

    async fn set_delivery(
        &self,
        invite_id: &str,
        delivery: Delivery,
    ) -> Result<Option<Invite>, StoreError> {
        invites::set_delivery(self, invite_id, delivery).await
    }

    async fn get_suppression(
        &self,
        org: &str,
        email: &EmailAddress,
    ) -> Result<Option<Suppression>, StoreError> {
        suppressions::get_suppression(self, org, email).await
    }

    async fn put_suppression(&self, suppression: &Suppression) -> Result<(), StoreError> {
        suppressions::put_suppression(self, suppression).await
    }

    async fn delete_suppression(&self, org: &str, email: &EmailAddress) -> Result<(), StoreError> {
        suppressions::delete_suppression(self, org, email).await
    }

    async fn get_branding(&self, org: &str) -> Result<Branding, StoreError> {
        branding::get_branding(self, org).await
    }

    async fn branding_by_org_hash(&self, org_hash: &str) -> Result<Option<Branding>, StoreError> {
        branding::branding_by_org_hash(self, org_hash).await
    }

    async fn put_branding(&self, branding: &Branding) -> Result<(), StoreError> {
        branding::put_branding(self, branding).await
    }

    async fn redeem(&self, request: &RedeemRequest) -> Result<Admission, RedeemError> {
        redeem::redeem(self, request).await
    }

    async fn record_wrong_email(
        &self,
        invite_id: &str,
        token_hash: &TokenHash,
    ) -> Result<u32, RedeemError> {
        redeem::record_wrong_email(self, invite_id, token_hash).await
    }

    async fn get_participant(
        &self,
        room_id: &str,
        email: &EmailAddress,
    ) -> Result<Option<Participant>, StoreError> {
        participants::get_participant(self, room_id, email).await
    }

    async fn list_participants(
        &self,
        room_id: &str,
        filter: &ParticipantFilter,
        page: &PageRequest,
    ) -> Result<Page<Participant>, StoreError> {
        listing::list_participants(self, room_id, filter, page).await
    }

    async fn set_participant_role(
        &self,
        room_id: &str,
        email: &EmailAddress,
        role: Role,
        now: OffsetDateTime,
    ) -> Result<Admission, WriteError> {
        participants::set_participant_role(self, room_id, email, role, now).await
    }

    async fn participant_by_identity(
        &self,
        room_id: &str,
        identity: &str,
    ) -> Result<Option<Participant>, StoreError> {
        participants::by_identity(self, room_id, identity).await
    }

    async fn decide_admission(
        &self,
        room_id: &str,
        email: &EmailAddress,
        decision: &Decision,
        now: OffsetDateTime,
    ) -> Result<Participant, WriteError> {
        participants::decide(self, room_id, email, decision, now).await
    }

    async fn knock(
        &self,
        room_id: &str,
        email: &EmailAddress,
        now: OffsetDateTime,
    ) -> Result<Participant, KnockError> {
        participants::knock(self, room_id, email, now).await
    }

    async fn get_admission_code(
        &self,
        invite_id: &str,
    ) -> Result<Option<AdmissionCode>, StoreError> {
        codes::get(self, invite_id).await
    }

    async fn put_admission_code(
        &self,
        code: &AdmissionCode,
        previous_sent_at: Option<OffsetDateTime>,
    ) -> Result<bool, StoreError> {
        codes::put(self, code, previous_sent_at).await
    }

    async fn use_admission_code(
        &self,
        invite_id: &str,
        code_hash: &str,
        now: OffsetDateTime,
    ) -> Result<CodeCheck, StoreError> {
        codes::use_code(self, invite_id, code_hash, now).await
    }

    async fn claim_idempotency_key(
        &self,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<IdempotencyClaim, StoreError> {
        idempotency::claim_idempotency_key(self, key, fingerprint, now, lease_until, expires_at)
            .await
    }

    async fn complete_idempotency_key(
        &self,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        idempotency::complete_idempotency_key(self, key, status, body).await
    }

    async fn release_idempotency_key(&self, key: &str) -> Result<(), StoreError> {
        idempotency::release_idempotency_key(self, key).await
    }
}
