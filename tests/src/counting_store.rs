//! A store that counts its room reads and passes every call to the store it wraps: what
//! the tests of the public-read cache (`shared::app::PublicRooms`) count. It can also
//! refuse room creations and invite creations with a transient store error (an outage).

use async_trait::async_trait;
use shared::domain::invite::Delivery;
use shared::domain::listing::{InviteFilter, Page, PageRequest, ParticipantFilter, RoomSummary};
use shared::domain::{
    Admission, Branding, EmailAddress, Invite, Participant, Role, Room, Suppression, TokenHash,
};
use shared::ports::{
    IdempotencyClaim, InviteQuota, RedeemError, RedeemRequest, Store, StoreError, WriteError,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use time::OffsetDateTime;

pub struct CountingStore {
    pub inner: Arc<dyn Store>,
    /// `get_room` calls so far.
    pub room_reads: AtomicUsize,
    /// Room creations left to refuse.
    failing_creations: AtomicUsize,
    /// Invite creations to let through, then to refuse (once each).
    invite_faults: std::sync::Mutex<(usize, usize)>,
}

impl CountingStore {
    pub fn new(inner: Arc<dyn Store>) -> Self {
        CountingStore {
            inner,
            room_reads: AtomicUsize::new(0),
            failing_creations: AtomicUsize::new(0),
            invite_faults: std::sync::Mutex::new((0, 0)),
        }
    }

    /// After `skip` more invite creations, the next `n` fail as a store outage does.
    pub fn fail_invite_creations(&self, skip: usize, n: usize) {
        *self.invite_faults.lock().expect("lock") = (skip, n);
    }

    /// The next `n` room creations fail as a store outage does.
    pub fn fail_room_creations(&self, n: usize) {
        self.failing_creations.store(n, Ordering::SeqCst);
    }

    pub fn room_reads(&self) -> usize {
        self.room_reads.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl Store for CountingStore {
    async fn create_room(&self, room: &Room) -> Result<(), WriteError> {
        let refuse = self
            .failing_creations
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if refuse {
            return Err(WriteError::Store(StoreError::new("store outage (test)")));
        }
        self.inner.create_room(room).await
    }

    async fn list_rooms(&self, org: &str, page: &PageRequest) -> Result<Page<Room>, StoreError> {
        self.inner.list_rooms(org, page).await
    }

    async fn get_room(&self, room_id: &str) -> Result<Option<Room>, StoreError> {
        self.room_reads.fetch_add(1, Ordering::SeqCst);
        self.inner.get_room(room_id).await
    }

    async fn update_room(&self, room: &Room, expected_version: u64) -> Result<Room, WriteError> {
        self.inner.update_room(room, expected_version).await
    }

    async fn delete_room(
        &self,
        org: &str,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), WriteError> {
        self.inner.delete_room(org, room_id, now).await
    }

    async fn mark_room_live(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        self.inner.mark_room_live(room_id, starts_at).await
    }

    async fn create_invite(&self, invite: &Invite) -> Result<(), WriteError> {
        let refuse = {
            let mut faults = self.invite_faults.lock().expect("lock");
            match *faults {
                (0, 0) => false,
                (0, n) => {
                    faults.1 = n - 1;
                    true
                }
                (skip, n) => {
                    *faults = (skip - 1, n);
                    false
                }
            }
        };
        if refuse {
            return Err(WriteError::Store(StoreError::new("store outage (test)")));
        }
        self.inner.create_invite(invite).await
    }

    async fn create_guest_invite(
        &self,
        invite: &Invite,
        quota: &InviteQuota,
    ) -> Result<(), WriteError> {
        self.inner.create_guest_invite(invite, quota).await
    }

    async fn get_invite(&self, invite_id: &str) -> Result<Option<Invite>, StoreError> {
        self.inner.get_invite(invite_id).await
    }

    async fn list_invites(
        &self,
        room_id: &str,
        filter: &InviteFilter,
        now: OffsetDateTime,
        page: &PageRequest,
    ) -> Result<Page<Invite>, StoreError> {
        self.inner.list_invites(room_id, filter, now, page).await
    }

    async fn room_summary(
        &self,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<RoomSummary, StoreError> {
        self.inner.room_summary(room_id, now).await
    }

    async fn revoke_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        now: OffsetDateTime,
    ) -> Result<Invite, WriteError> {
        self.inner.revoke_invite(room_id, invite_id, now).await
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
        self.inner
            .reissue_invite(
                room_id, invite_id, token_hash, expires_at, delivery, mail_nonce,
            )
            .await
    }

    async fn set_delivery(
        &self,
        invite_id: &str,
        delivery: Delivery,
    ) -> Result<Option<Invite>, StoreError> {
        self.inner.set_delivery(invite_id, delivery).await
    }

    async fn unsubscribe(
        &self,
        invite_id: &str,
        at: OffsetDateTime,
    ) -> Result<Option<Invite>, StoreError> {
        self.inner.unsubscribe(invite_id, at).await
    }

    async fn get_suppression(
        &self,
        org: &str,
        email: &EmailAddress,
    ) -> Result<Option<Suppression>, StoreError> {
        self.inner.get_suppression(org, email).await
    }

    async fn put_suppression(&self, suppression: &Suppression) -> Result<(), StoreError> {
        self.inner.put_suppression(suppression).await
    }

    async fn delete_suppression(&self, org: &str, email: &EmailAddress) -> Result<(), StoreError> {
        self.inner.delete_suppression(org, email).await
    }

    async fn get_branding(&self, org: &str) -> Result<Branding, StoreError> {
        self.inner.get_branding(org).await
    }

    async fn branding_by_org_hash(&self, org_hash: &str) -> Result<Option<Branding>, StoreError> {
        self.inner.branding_by_org_hash(org_hash).await
    }

    async fn put_branding(&self, branding: &Branding) -> Result<(), StoreError> {
        self.inner.put_branding(branding).await
    }

    async fn redeem(&self, request: &RedeemRequest) -> Result<Admission, RedeemError> {
        self.inner.redeem(request).await
    }

    async fn record_wrong_email(
        &self,
        invite_id: &str,
        token_hash: &TokenHash,
    ) -> Result<u32, RedeemError> {
        self.inner.record_wrong_email(invite_id, token_hash).await
    }

    async fn get_participant(
        &self,
        room_id: &str,
        email: &EmailAddress,
    ) -> Result<Option<Participant>, StoreError> {
        self.inner.get_participant(room_id, email).await
    }

    async fn list_participants(
        &self,
        room_id: &str,
        filter: &ParticipantFilter,
        page: &PageRequest,
    ) -> Result<Page<Participant>, StoreError> {
        self.inner.list_participants(room_id, filter, page).await
    }

    async fn set_participant_role(
        &self,
        room_id: &str,
        email: &EmailAddress,
        role: Role,
        now: OffsetDateTime,
    ) -> Result<Admission, WriteError> {
        self.inner
            .set_participant_role(room_id, email, role, now)
            .await
    }

    async fn participant_by_identity(
        &self,
        room_id: &str,
        identity: &str,
    ) -> Result<Option<Participant>, StoreError> {
        self.inner.participant_by_identity(room_id, identity).await
    }

    async fn decide_admission(
        &self,
        room_id: &str,
        email: &EmailAddress,
        decision: &shared::domain::waiting_room::Decision,
        now: OffsetDateTime,
    ) -> Result<Participant, WriteError> {
        self.inner
            .decide_admission(room_id, email, decision, now)
            .await
    }

    async fn knock(
        &self,
        room_id: &str,
        email: &EmailAddress,
        now: OffsetDateTime,
    ) -> Result<Participant, shared::ports::KnockError> {
        self.inner.knock(room_id, email, now).await
    }

    async fn get_admission_code(
        &self,
        invite_id: &str,
    ) -> Result<Option<shared::domain::admission::AdmissionCode>, StoreError> {
        self.inner.get_admission_code(invite_id).await
    }

    async fn put_admission_code(
        &self,
        code: &shared::domain::admission::AdmissionCode,
        previous_sent_at: Option<OffsetDateTime>,
    ) -> Result<bool, StoreError> {
        self.inner.put_admission_code(code, previous_sent_at).await
    }

    async fn use_admission_code(
        &self,
        invite_id: &str,
        code_hash: &str,
        now: OffsetDateTime,
    ) -> Result<shared::domain::admission::CodeCheck, StoreError> {
        self.inner
            .use_admission_code(invite_id, code_hash, now)
            .await
    }

    async fn claim_idempotency_key(
        &self,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<IdempotencyClaim, StoreError> {
        self.inner
            .claim_idempotency_key(key, fingerprint, now, lease_until, expires_at)
            .await
    }

    async fn complete_idempotency_key(
        &self,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        self.inner.complete_idempotency_key(key, status, body).await
    }

    async fn release_idempotency_key(&self, key: &str) -> Result<(), StoreError> {
        self.inner.release_idempotency_key(key).await
    }
}
