//! One conformance suite for every `Store`: the same test bodies run against the
//! embedded SQLite store and (feature `aws`) the DynamoDB store on moto.

#[cfg(feature = "aws")]
mod support;

use shared::domain::invite::{Delivery, RedeemMode, RedeemRejection, MAX_FAILED_ATTEMPTS};
use shared::domain::listing::{
    InviteFilter, PageRequest, ParticipantFilter, Position, RoomSummary,
};
use shared::domain::room::RoomStatus;
use shared::domain::{
    EmailAddress, Invite, InviteStatus, Participant, Role, Room, Suppression, TokenHash,
};
use shared::ports::{IdempotencyClaim, InviteQuota, RedeemError, RedeemRequest, Store, WriteError};
use time::{Duration, OffsetDateTime};

fn t(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_900_000_000 + secs).expect("valid time")
}

fn email(s: &str) -> EmailAddress {
    EmailAddress::parse(s).expect("valid email")
}

fn room(id: &str) -> Room {
    Room {
        room_id: id.into(),
        org: "org-1".into(),
        title: "Quarterly <b>review</b>".into(),
        description: "All hands".into(),
        starts_at: t(3_600),
        ends_at: Some(t(7_200)),
        speakers: Vec::new(),
        attachments: Vec::new(),
        status: RoomStatus::Scheduled,
        reminders: vec![1440, 15],
        admission: Default::default(),
        locale: None,
        timezone: None,
        created_by: "host-1".into(),
        created_at: t(0),
        deleted_at: None,
        version: 0,
    }
}

fn invite(id: &str, room_id: &str, to: &str, role: Role, max_uses: Option<u32>) -> Invite {
    Invite {
        invite_id: id.into(),
        room_id: room_id.into(),
        org: "org-1".into(),
        email: email(to),
        role,
        max_uses,
        uses: 0,
        expires_at: t(86_400),
        token_hash: hash(id),
        failed_attempts: 0,
        revoked_at: None,
        delivery: Delivery::Pending,
        created_by: "host-1".into(),
        created_at: t(10),
        mail_nonce: None,
        locale: None,
        unsubscribed_at: None,
    }
}

fn hash(id: &str) -> TokenHash {
    TokenHash(format!("hash-of-{id}"))
}

/// A redemption of an invite of room `r1` for a viewer (the hints a token would carry);
/// see [`as_role`] for the other roles.
fn req(invite_id: &str, to: &str, mode: RedeemMode, now: OffsetDateTime) -> RedeemRequest {
    RedeemRequest {
        invite_id: invite_id.into(),
        room_id: "r1".into(),
        role: Role::Viewer,
        token_hash: hash(invite_id),
        email: email(to),
        mode,
        now,
        receipt: None,
        new_admission: Default::default(),
        identity: String::new(),
    }
}

fn as_role(role: Role, request: RedeemRequest) -> RedeemRequest {
    RedeemRequest { role, ..request }
}

async fn rejected(store: &dyn Store, r: RedeemRequest) -> RedeemRejection {
    match store.redeem(&r).await {
        Err(RedeemError::Rejected(reason)) => reason,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

/// Creates room `r1` with invite `i1` (single use, viewer, for a@example.com).
async fn setup(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("room");
    store
        .create_invite(&invite("i1", "r1", "a@example.com", Role::Viewer, Some(1)))
        .await
        .expect("invite");
}

pub async fn rooms_create_get_duplicate(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("create");
    assert_eq!(store.get_room("r1").await.expect("get"), Some(room("r1")));
    assert_eq!(store.create_room(&room("r1")).await, Err(WriteError::Stale));
    assert_eq!(store.get_room("nope").await.expect("get"), None);
}

pub async fn update_room_version_conflicts(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("create");
    let mut edited = room("r1");
    edited.title = "New title".into();
    edited.ends_at = None;
    let updated = store
        .update_room(&edited, 0)
        .await
        .expect("update at version 0");
    assert_eq!(
        (updated.title.as_str(), updated.ends_at, updated.version),
        ("New title", None, 1)
    );
    assert_eq!(store.get_room("r1").await.expect("get"), Some(updated));
    assert_eq!(store.update_room(&edited, 0).await, Err(WriteError::Stale));
    let mut other_org = edited.clone();
    other_org.org = "org-2".into();
    assert_eq!(
        store.update_room(&other_org, 1).await,
        Err(WriteError::NotFound)
    );
    assert_eq!(
        store.update_room(&room("nope"), 0).await,
        Err(WriteError::NotFound)
    );
    store
        .delete_room("org-1", "r1", t(5))
        .await
        .expect("delete");
    assert_eq!(
        store.update_room(&edited, 2).await,
        Err(WriteError::RoomDeleted)
    );
}

pub async fn delete_room_tombstone(store: &dyn Store) {
    setup(store).await;
    assert_eq!(
        store.delete_room("org-2", "r1", t(5)).await,
        Err(WriteError::NotFound)
    );
    assert_eq!(
        store.delete_room("org-1", "nope", t(5)).await,
        Err(WriteError::NotFound)
    );
    store
        .delete_room("org-1", "r1", t(5))
        .await
        .expect("delete");
    let deleted = store.get_room("r1").await.expect("get").expect("tombstone");
    assert_eq!(deleted.deleted_at, Some(t(5)));
    assert_eq!(
        store.delete_room("org-1", "r1", t(6)).await,
        Err(WriteError::RoomDeleted)
    );
    assert_eq!(
        store
            .create_invite(&invite("i2", "r1", "b@example.com", Role::Viewer, None))
            .await,
        Err(WriteError::RoomDeleted)
    );
    assert_eq!(
        rejected(
            store,
            req("i1", "a@example.com", RedeemMode::Consume, t(20))
        )
        .await,
        RedeemRejection::RoomDeleted
    );
}

pub async fn mark_room_live_conditions(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("create");
    assert!(!store.mark_room_live("r1", t(1)).await.expect("other start"));
    assert!(store.mark_room_live("r1", t(3_600)).await.expect("live"));
    let live = store.get_room("r1").await.expect("get").expect("room");
    assert_eq!((live.status, live.version), (RoomStatus::Live, 1));
    assert!(!store.mark_room_live("r1", t(3_600)).await.expect("again"));
    assert!(!store
        .mark_room_live("nope", t(3_600))
        .await
        .expect("unknown"));
    store.create_room(&room("r2")).await.expect("create");
    store
        .delete_room("org-1", "r2", t(5))
        .await
        .expect("delete");
    assert!(!store.mark_room_live("r2", t(3_600)).await.expect("deleted"));
}

pub async fn invites_create_get_list(store: &dyn Store) {
    assert_eq!(
        store
            .create_invite(&invite("i0", "nope", "a@example.com", Role::Viewer, None))
            .await,
        Err(WriteError::NotFound)
    );
    setup(store).await;
    let mut later = invite("i0", "r1", "b@example.com", Role::Speaker, None);
    later.created_at = t(11);
    store.create_invite(&later).await.expect("second invite");
    assert_eq!(store.create_invite(&later).await, Err(WriteError::Stale));
    let expected = invite("i1", "r1", "a@example.com", Role::Viewer, Some(1));
    assert_eq!(
        store.get_invite("i1").await.expect("get"),
        Some(expected.clone())
    );
    assert_eq!(store.get_invite("nope").await.expect("get"), None);
    assert_eq!(
        all_invites(store, "r1", &InviteFilter::default(), t(20), 10).await,
        vec![expected, later]
    );
    assert_eq!(
        all_invites(store, "r2", &InviteFilter::default(), t(20), 10).await,
        vec![]
    );
}

pub async fn revoke_invite_once(store: &dyn Store) {
    setup(store).await;
    assert_eq!(
        store.revoke_invite("r2", "i1", t(20)).await,
        Err(WriteError::NotFound)
    );
    assert_eq!(
        store.revoke_invite("r1", "nope", t(20)).await,
        Err(WriteError::NotFound)
    );
    let revoked = store
        .revoke_invite("r1", "i1", t(20))
        .await
        .expect("revoke");
    assert_eq!(revoked.revoked_at, Some(t(20)));
    let again = store.revoke_invite("r1", "i1", t(30)).await.expect("again");
    assert_eq!(again.revoked_at, Some(t(20)));
    assert_eq!(
        rejected(
            store,
            req("i1", "a@example.com", RedeemMode::Consume, t(40))
        )
        .await,
        RedeemRejection::InviteRevoked
    );
}

pub async fn reissue_conditions(store: &dyn Store) {
    setup(store).await;
    for _ in 0..2 {
        store
            .record_wrong_email("i1", &hash("i1"))
            .await
            .expect("wrong email");
    }
    let new_hash = TokenHash("new-hash".into());
    let re = store
        .reissue_invite("r1", "i1", &new_hash, t(99_000), Delivery::Sent, None)
        .await
        .expect("reissue");
    assert_eq!(
        (
            &re.token_hash,
            re.failed_attempts,
            re.expires_at,
            re.delivery
        ),
        (&new_hash, 0, t(99_000), Delivery::Sent)
    );
    assert_eq!(
        rejected(
            store,
            req("i1", "a@example.com", RedeemMode::Consume, t(20))
        )
        .await,
        RedeemRejection::InvalidLink
    );
    assert_eq!(
        store
            .reissue_invite("r2", "i1", &new_hash, t(99_000), Delivery::Sent, None)
            .await,
        Err(WriteError::NotFound)
    );
    assert_eq!(
        store
            .reissue_invite("r1", "nope", &new_hash, t(99_000), Delivery::Sent, None)
            .await,
        Err(WriteError::NotFound)
    );
    // Used up.
    store
        .create_invite(&invite("i2", "r1", "b@example.com", Role::Viewer, Some(1)))
        .await
        .expect("invite");
    store
        .redeem(&req("i2", "b@example.com", RedeemMode::Consume, t(20)))
        .await
        .expect("redeem");
    assert_eq!(
        store
            .reissue_invite("r1", "i2", &new_hash, t(99_000), Delivery::Sent, None)
            .await,
        Err(WriteError::Used)
    );
    // Revoked.
    store
        .create_invite(&invite("i3", "r1", "c@example.com", Role::Viewer, None))
        .await
        .expect("invite");
    store
        .revoke_invite("r1", "i3", t(20))
        .await
        .expect("revoke");
    assert_eq!(
        store
            .reissue_invite("r1", "i3", &new_hash, t(99_000), Delivery::Sent, None)
            .await,
        Err(WriteError::Revoked)
    );
    // Room deleted.
    store
        .delete_room("org-1", "r1", t(30))
        .await
        .expect("delete");
    assert_eq!(
        store
            .reissue_invite("r1", "i1", &new_hash, t(99_000), Delivery::Sent, None)
            .await,
        Err(WriteError::RoomDeleted)
    );
}

pub async fn set_delivery_updates(store: &dyn Store) {
    setup(store).await;
    let stored = store
        .set_delivery("i1", Delivery::Failed)
        .await
        .expect("set")
        .expect("the invite");
    assert_eq!(stored.delivery, Delivery::Failed);
    assert_eq!(
        store
            .get_invite("i1")
            .await
            .expect("get")
            .map(|i| i.delivery),
        Some(Delivery::Failed)
    );
    assert_eq!(
        store
            .set_delivery("nope", Delivery::Sent)
            .await
            .expect("unknown is fine"),
        None
    );
    assert_eq!(store.get_invite("nope").await.expect("get"), None);
}

async fn delivery_of(store: &dyn Store, id: &str) -> Option<Delivery> {
    store.get_invite(id).await.expect("get").map(|i| i.delivery)
}

/// Delivery events arrive out of order and more than once: a late `delivered` never
/// replaces `bounced` or `complained`, the mailer's `sent` never replaces a `delivered`
/// that overtook it, and a repeat is harmless.
pub async fn delivery_events_never_go_backwards(store: &dyn Store) {
    setup(store).await;
    let set = |d| store.set_delivery("i1", d);
    assert_eq!(
        set(Delivery::Sent).await.expect("sent").map(|i| i.delivery),
        Some(Delivery::Sent)
    );
    assert_eq!(
        set(Delivery::Delivered)
            .await
            .expect("delivered")
            .map(|i| i.delivery),
        Some(Delivery::Delivered)
    );
    assert_eq!(
        set(Delivery::Delivered)
            .await
            .expect("again")
            .map(|i| i.delivery),
        Some(Delivery::Delivered)
    );
    assert_eq!(
        set(Delivery::Bounced)
            .await
            .expect("bounced")
            .map(|i| i.delivery),
        Some(Delivery::Bounced)
    );
    let late = set(Delivery::Delivered)
        .await
        .expect("late delivered")
        .expect("invite");
    assert_eq!(
        late.delivery,
        Delivery::Bounced,
        "the late delivered is refused and the stored state returned"
    );
    assert_eq!(late.email, email("a@example.com"));
    assert_eq!(
        set(Delivery::Complained)
            .await
            .expect("complained")
            .map(|i| i.delivery),
        Some(Delivery::Complained)
    );
    assert_eq!(
        set(Delivery::Bounced)
            .await
            .expect("bounced after")
            .map(|i| i.delivery),
        Some(Delivery::Complained)
    );
    assert_eq!(delivery_of(store, "i1").await, Some(Delivery::Complained));

    // A delivery event that overtakes the mailer's own `sent`.
    store
        .create_invite(&invite(
            "i9",
            "r1",
            "bob@example.com",
            Role::Viewer,
            Some(1),
        ))
        .await
        .expect("create");
    set_and_check(store, "i9", Delivery::Delivered, Delivery::Delivered).await;
    set_and_check(store, "i9", Delivery::Sent, Delivery::Delivered).await;
    // A resend stores the invite `pending` again (reissue), then the mailer's `sent`.
    store
        .reissue_invite(
            "r1",
            "i9",
            &hash("i9-2"),
            t(90_000),
            Delivery::Pending,
            None,
        )
        .await
        .expect("reissue");
    set_and_check(store, "i9", Delivery::Sent, Delivery::Sent).await;
}

async fn set_and_check(store: &dyn Store, id: &str, write: Delivery, want: Delivery) {
    let got = store
        .set_delivery(id, write)
        .await
        .expect("set")
        .map(|i| i.delivery);
    assert_eq!(got, Some(want), "{write:?}");
    assert_eq!(delivery_of(store, id).await, Some(want), "{write:?}");
}

pub async fn suppressions_per_org_and_address(store: &dyn Store) {
    let ann = email("ann@example.com");
    assert_eq!(
        store.get_suppression("org-1", &ann).await.expect("get"),
        None
    );
    let s = Suppression {
        org: "org-1".into(),
        email: ann.clone(),
        reason: Delivery::Bounced,
        invite_id: "i1".into(),
        at: t(100),
    };
    store.put_suppression(&s).await.expect("put");
    assert_eq!(
        store.get_suppression("org-1", &ann).await.expect("get"),
        Some(s.clone())
    );
    assert_eq!(
        store
            .get_suppression("org-2", &ann)
            .await
            .expect("other org"),
        None
    );
    assert_eq!(
        store
            .get_suppression("org-1", &email("bob@example.com"))
            .await
            .expect("other address"),
        None
    );
    let complained = Suppression {
        reason: Delivery::Complained,
        invite_id: "i2".into(),
        at: t(200),
        ..s
    };
    store.put_suppression(&complained).await.expect("replace");
    assert_eq!(
        store.get_suppression("org-1", &ann).await.expect("get"),
        Some(complained)
    );
    store.delete_suppression("org-1", &ann).await.expect("lift");
    assert_eq!(
        store.get_suppression("org-1", &ann).await.expect("get"),
        None
    );
    store
        .delete_suppression("org-1", &ann)
        .await
        .expect("lifting none is fine");
}

#[path = "store_conformance/rooms_and_languages.rs"]
mod rooms_and_languages;
pub use rooms_and_languages::*;
#[path = "store_conformance/redemption.rs"]
mod redemption;
pub use redemption::*;
#[path = "store_conformance/listing.rs"]
mod listing;
pub use listing::*;
#[path = "store_conformance/guest_invites.rs"]
mod guest_invites;
pub use guest_invites::*;
#[path = "store_conformance/branding.rs"]
mod branding;
pub use branding::*;
#[path = "store_conformance/waiting_room.rs"]
mod waiting_room;
pub use waiting_room::*;
#[path = "store_conformance/queued_mail.rs"]
mod queued_mail;
pub use queued_mail::*;

macro_rules! conformance {
    ($backend:ident: $($case:ident),* $(,)?) => {
        mod $backend {
            $(
                #[tokio::test]
                async fn $case() {
                    let Some(store) = super::backends::$backend().await else { return };
                    super::$case(store.store()).await;
                }
            )*
        }
    };
}

macro_rules! all_cases {
    ($backend:ident) => {
        conformance!($backend:
            rooms_create_get_duplicate, update_room_version_conflicts, delete_room_tombstone,
            mark_room_live_conditions, invites_create_get_list, revoke_invite_once, reissue_conditions,
            set_delivery_updates, delivery_events_never_go_backwards, suppressions_per_org_and_address,
            redeem_consumes_and_admits, redeem_failure_reasons,
            redeem_refuses_hints_not_of_the_invite,
            record_wrong_email_rules, upgrade_never_downgrades, readmit_restores_a_lowered_role,
            set_participant_role_rules, idempotency_claims,
            an_unfinished_claim_is_taken_over_after_its_lease,
            invite_pages_cover_each_match_once, participant_pages_in_join_order,
            paging_while_invites_are_added, summary_counts_by_status_delivery_and_role,
            guest_invites_count_per_issuer_and_room, guest_invite_quota_holds_under_a_race,
            waiting_participants_are_listed_found_and_decided_once,
            denied_participants_knock_at_most_three_times_a_minute_apart,
            role_changes_never_touch_admission, two_decisions_at_once_have_one_winner,
            queued_mail_keeps_its_link_nonce_until_sent,
            languages_and_unsubscribe_round_trip,
            rooms_of_an_org_are_listed_in_pages,
            branding_per_org_round_trip,
        );
    };
}

mod backends {
    use shared::adapters::SqliteStore;
    use shared::ports::Store;

    pub struct Backend {
        store: Box<dyn Store>,
        _keep: Box<dyn std::any::Any + Send>,
    }

    impl Backend {
        pub fn store(&self) -> &dyn Store {
            self.store.as_ref()
        }
    }

    pub async fn sqlite() -> Option<Backend> {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open(dir.path()).expect("open");
        Some(Backend {
            store: Box::new(store),
            _keep: Box::new(dir),
        })
    }

    #[cfg(feature = "aws")]
    pub async fn dynamodb() -> Option<Backend> {
        let (lease, moto) = super::support::moto::lease().await?;
        let store = super::support::dynamo_store(moto, None).await;
        Some(Backend {
            store: Box::new(store),
            _keep: Box::new(lease),
        })
    }
}

all_cases!(sqlite);
#[cfg(feature = "aws")]
all_cases!(dynamodb);
