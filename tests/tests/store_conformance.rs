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

pub async fn redeem_consumes_and_admits(store: &dyn Store) {
    setup(store).await;
    let a = store
        .redeem(&req("i1", "a@example.com", RedeemMode::Consume, t(20)))
        .await
        .expect("redeem");
    assert_eq!(
        (a.previous_role, a.participant.role, a.participant.joined_at),
        (None, Role::Viewer, t(20))
    );
    assert_eq!(
        store.get_invite("i1").await.expect("get").map(|i| i.uses),
        Some(1)
    );
    assert_eq!(
        store
            .get_participant("r1", &email("a@example.com"))
            .await
            .expect("get"),
        Some(a.participant.clone())
    );
    assert_eq!(
        all_participants(store, "r1", &ParticipantFilter::default(), 10).await,
        vec![a.participant.clone()]
    );
    assert_eq!(
        rejected(
            store,
            req("i1", "a@example.com", RedeemMode::Consume, t(21))
        )
        .await,
        RedeemRejection::LinkUsed
    );
    // A re-click proven by the session consumes nothing.
    let again = store
        .redeem(&req("i1", "a@example.com", RedeemMode::Readmit, t(22)))
        .await
        .expect("readmit");
    assert_eq!(
        (again.previous_role, again.participant),
        (Some(Role::Viewer), a.participant)
    );
    assert_eq!(
        store.get_invite("i1").await.expect("get").map(|i| i.uses),
        Some(1)
    );
}

pub async fn redeem_failure_reasons(store: &dyn Store) {
    setup(store).await;
    let mut wrong = req("i1", "a@example.com", RedeemMode::Consume, t(20));
    wrong.token_hash = TokenHash("forged".into());
    assert_eq!(rejected(store, wrong).await, RedeemRejection::InvalidLink);
    assert_eq!(
        rejected(
            store,
            req("nope", "a@example.com", RedeemMode::Consume, t(20))
        )
        .await,
        RedeemRejection::InvalidLink
    );
    assert_eq!(
        rejected(
            store,
            req("i1", "b@example.com", RedeemMode::Consume, t(20))
        )
        .await,
        RedeemRejection::EmailMismatch
    );
    assert_eq!(
        rejected(
            store,
            req("i1", "a@example.com", RedeemMode::Consume, t(86_400))
        )
        .await,
        RedeemRejection::LinkExpired
    );
    assert_eq!(
        rejected(
            store,
            req("i1", "a@example.com", RedeemMode::Readmit, t(20))
        )
        .await,
        RedeemRejection::NotYetRedeemed
    );
    for n in 1..=MAX_FAILED_ATTEMPTS {
        assert_eq!(store.record_wrong_email("i1", &hash("i1")).await, Ok(n));
    }
    assert_eq!(
        rejected(
            store,
            req("i1", "a@example.com", RedeemMode::Consume, t(20))
        )
        .await,
        RedeemRejection::TooManyAttempts
    );
    assert_eq!(
        store.get_invite("i1").await.expect("get").map(|i| i.uses),
        Some(0),
        "no failed redemption consumed"
    );
    assert_eq!(
        all_participants(store, "r1", &ParticipantFilter::default(), 10).await,
        vec![]
    );
}

/// The room and role of a request are hints from the token: with the right token hash
/// but another room or role they must fail as `invalid_link`, consume nothing and admit
/// no one, in either mode.
pub async fn redeem_refuses_hints_not_of_the_invite(store: &dyn Store) {
    setup(store).await;
    store.create_room(&room("r2")).await.expect("room 2");
    let consume = req("i1", "a@example.com", RedeemMode::Consume, t(20));
    let forged = [
        RedeemRequest {
            room_id: "r2".into(),
            ..consume.clone()
        },
        RedeemRequest {
            room_id: "no-such-room".into(),
            ..consume.clone()
        },
        as_role(Role::Moderator, consume.clone()),
        RedeemRequest {
            room_id: "r2".into(),
            ..as_role(Role::Moderator, consume.clone())
        },
    ];
    for forged in forged {
        assert_eq!(
            rejected(store, forged.clone()).await,
            RedeemRejection::InvalidLink,
            "{forged:?}"
        );
    }
    for room_id in ["r1", "r2"] {
        assert_eq!(
            store
                .get_participant(room_id, &email("a@example.com"))
                .await
                .expect("get"),
            None
        );
    }
    assert_eq!(
        store.get_invite("i1").await.expect("get").map(|i| i.uses),
        Some(0)
    );
    store.redeem(&consume).await.expect("the true hints redeem");
    let readmit = req("i1", "a@example.com", RedeemMode::Readmit, t(30));
    for forged in [
        RedeemRequest {
            room_id: "r2".into(),
            ..readmit.clone()
        },
        as_role(Role::Moderator, readmit.clone()),
    ] {
        assert_eq!(rejected(store, forged).await, RedeemRejection::InvalidLink);
    }
    assert_eq!(
        store
            .get_participant("r1", &email("a@example.com"))
            .await
            .expect("get")
            .map(|p| p.role),
        Some(Role::Viewer)
    );
    assert_eq!(
        store
            .get_participant("r2", &email("a@example.com"))
            .await
            .expect("get"),
        None
    );
}

pub async fn record_wrong_email_rules(store: &dyn Store) {
    setup(store).await;
    assert_eq!(store.record_wrong_email("i1", &hash("i1")).await, Ok(1));
    assert_eq!(
        store
            .record_wrong_email("i1", &TokenHash("forged".into()))
            .await,
        Err(RedeemError::Rejected(RedeemRejection::InvalidLink))
    );
    assert_eq!(
        store.record_wrong_email("nope", &hash("nope")).await,
        Err(RedeemError::Rejected(RedeemRejection::InvalidLink))
    );
    for n in 2..=MAX_FAILED_ATTEMPTS {
        assert_eq!(store.record_wrong_email("i1", &hash("i1")).await, Ok(n));
    }
    assert_eq!(
        store.record_wrong_email("i1", &hash("i1")).await,
        Err(RedeemError::Rejected(RedeemRejection::TooManyAttempts))
    );
    store
        .create_invite(&invite("i2", "r1", "b@example.com", Role::Viewer, None))
        .await
        .expect("invite");
    store
        .revoke_invite("r1", "i2", t(20))
        .await
        .expect("revoke");
    assert_eq!(
        store.record_wrong_email("i2", &hash("i2")).await,
        Err(RedeemError::Rejected(RedeemRejection::InviteRevoked))
    );
}

pub async fn upgrade_never_downgrades(store: &dyn Store) {
    setup(store).await;
    store
        .create_invite(&invite("i2", "r1", "a@example.com", Role::Moderator, None))
        .await
        .expect("invite");
    store
        .create_invite(&invite("i3", "r1", "a@example.com", Role::Speaker, None))
        .await
        .expect("invite");
    let first = store
        .redeem(&req("i1", "a@example.com", RedeemMode::Consume, t(20)))
        .await
        .expect("viewer");
    let up = store
        .redeem(&as_role(
            Role::Moderator,
            req("i2", "a@example.com", RedeemMode::Consume, t(30)),
        ))
        .await
        .expect("moderator");
    assert_eq!(
        (up.previous_role, up.participant.role),
        (Some(Role::Viewer), Role::Moderator)
    );
    assert_eq!(
        (up.participant.joined_at, up.participant.updated_at),
        (first.participant.joined_at, t(30))
    );
    assert!(up.role_changed());
    let same = store
        .redeem(&as_role(
            Role::Speaker,
            req("i3", "a@example.com", RedeemMode::Consume, t(40)),
        ))
        .await
        .expect("speaker");
    assert_eq!(
        (
            same.previous_role,
            same.participant.role,
            same.participant.updated_at
        ),
        (Some(Role::Moderator), Role::Moderator, t(30))
    );
    assert!(!same.role_changed());
    assert_eq!(
        store.get_invite("i3").await.expect("get").map(|i| i.uses),
        Some(1),
        "the use is consumed"
    );
    assert_eq!(
        store
            .get_participant("r1", &email("a@example.com"))
            .await
            .expect("get"),
        Some(same.participant)
    );
}

pub async fn readmit_restores_a_lowered_role(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("room");
    store
        .create_invite(&invite("i1", "r1", "a@example.com", Role::Speaker, None))
        .await
        .expect("invite");
    store
        .redeem(&as_role(
            Role::Speaker,
            req("i1", "a@example.com", RedeemMode::Consume, t(20)),
        ))
        .await
        .expect("redeem");
    store
        .set_participant_role("r1", &email("a@example.com"), Role::Viewer, t(25))
        .await
        .expect("lower");
    let back = store
        .redeem(&as_role(
            Role::Speaker,
            req("i1", "a@example.com", RedeemMode::Readmit, t(30)),
        ))
        .await
        .expect("readmit");
    assert_eq!(
        (
            back.previous_role,
            back.participant.role,
            back.participant.updated_at
        ),
        (Some(Role::Viewer), Role::Speaker, t(30))
    );
    assert_eq!(
        store.get_invite("i1").await.expect("get").map(|i| i.uses),
        Some(1)
    );
}

pub async fn set_participant_role_rules(store: &dyn Store) {
    setup(store).await;
    assert_eq!(
        store
            .set_participant_role("r1", &email("a@example.com"), Role::Speaker, t(25))
            .await,
        Err(WriteError::NotFound)
    );
    store
        .redeem(&req("i1", "a@example.com", RedeemMode::Consume, t(20)))
        .await
        .expect("redeem");
    let up = store
        .set_participant_role("r1", &email("a@example.com"), Role::Moderator, t(25))
        .await
        .expect("up");
    assert_eq!(
        (
            up.previous_role,
            up.participant.role,
            up.participant.updated_at,
            up.participant.joined_at
        ),
        (Some(Role::Viewer), Role::Moderator, t(25), t(20))
    );
    let down = store
        .set_participant_role("r1", &email("a@example.com"), Role::Viewer, t(26))
        .await
        .expect("down");
    assert_eq!(
        (down.previous_role, down.participant.role),
        (Some(Role::Moderator), Role::Viewer)
    );
    assert_eq!(
        store
            .get_participant("r1", &email("a@example.com"))
            .await
            .expect("get"),
        Some(down.participant)
    );
}

pub async fn idempotency_claims(store: &dyn Store) {
    let exp = t(0) + Duration::hours(24);
    assert_eq!(
        store.claim_idempotency_key("k1", "fp", t(0), exp).await,
        Ok(IdempotencyClaim::Claimed)
    );
    assert_eq!(
        store.claim_idempotency_key("k1", "fp", t(1), exp).await,
        Ok(IdempotencyClaim::InProgress)
    );
    assert_eq!(
        store.claim_idempotency_key("k1", "other", t(1), exp).await,
        Ok(IdempotencyClaim::Mismatch)
    );
    store
        .complete_idempotency_key("k1", 201, "{\"ok\":true}")
        .await
        .expect("complete");
    let done = IdempotencyClaim::Completed {
        status: 201,
        body: "{\"ok\":true}".into(),
    };
    assert_eq!(
        store.claim_idempotency_key("k1", "fp", t(2), exp).await,
        Ok(done.clone())
    );
    store
        .release_idempotency_key("k1")
        .await
        .expect("release of a completed key keeps it");
    assert_eq!(
        store.claim_idempotency_key("k1", "fp", t(3), exp).await,
        Ok(done)
    );
    assert_eq!(
        store.claim_idempotency_key("k2", "fp", t(0), exp).await,
        Ok(IdempotencyClaim::Claimed)
    );
    store.release_idempotency_key("k2").await.expect("release");
    assert_eq!(
        store.claim_idempotency_key("k2", "fp2", t(1), exp).await,
        Ok(IdempotencyClaim::Claimed)
    );
    // An expired key is claimed anew, even with another body.
    assert_eq!(
        store
            .claim_idempotency_key("k1", "new", exp, exp + Duration::hours(24))
            .await,
        Ok(IdempotencyClaim::Claimed)
    );
}

/// Every page of a filtered invite list, checked page by page: at most `limit` items,
/// and a next position exactly when more follow.
async fn all_invites(
    store: &dyn Store,
    room_id: &str,
    filter: &InviteFilter,
    now: OffsetDateTime,
    limit: usize,
) -> Vec<Invite> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_invites(room_id, filter, now, &PageRequest { limit, after })
            .await
            .expect("page");
        assert!(page.items.len() <= limit, "page over the limit");
        all.extend(page.items.iter().cloned());
        match page.next {
            Some(next) => {
                assert_eq!(page.items.len(), limit, "a page before the end is full");
                assert_eq!(
                    Some(&next),
                    page.items.last().map(Position::of_invite).as_ref()
                );
                after = Some(next);
            }
            None => return all,
        }
    }
}

async fn all_participants(
    store: &dyn Store,
    room_id: &str,
    filter: &ParticipantFilter,
    limit: usize,
) -> Vec<Participant> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_participants(room_id, filter, &PageRequest { limit, after })
            .await
            .expect("page");
        assert!(page.items.len() <= limit, "page over the limit");
        all.extend(page.items.iter().cloned());
        match page.next {
            Some(next) => {
                assert_eq!(page.items.len(), limit, "a page before the end is full");
                after = Some(next);
            }
            None => return all,
        }
    }
}

const BIG: usize = 45;

/// Room `r1` with 45 invites of every status, role and delivery, three per second of
/// `created_at` with ids out of creation order within a second, and room `r2` with one.
/// Returns the invites as stored, in list order.
async fn big_room(store: &dyn Store) -> Vec<Invite> {
    store.create_room(&room("r1")).await.expect("room");
    store.create_room(&room("r2")).await.expect("room");
    let roles = [Role::Viewer, Role::Speaker, Role::Moderator];
    let deliveries = [
        Delivery::Sent,
        Delivery::NotSent,
        Delivery::Failed,
        Delivery::Pending,
    ];
    let mut ids = Vec::new();
    for k in 0..BIG {
        let id = format!("i{:02}", (k * 7) % BIG);
        let to = if k >= 40 {
            "dup@example.com".to_owned()
        } else {
            format!("p{k}@example.com")
        };
        let mut i = invite(&id, "r1", &to, roles[k % 3], Some(1));
        i.created_at = t(10 + (k / 3) as i64);
        i.delivery = deliveries[k % 4];
        match k % 6 {
            1 => i.uses = 1,
            2 => i.expires_at = t(50),
            3 => i.failed_attempts = MAX_FAILED_ATTEMPTS,
            5 => (i.max_uses, i.uses) = (None, 3),
            _ => {}
        }
        store.create_invite(&i).await.expect("invite");
        if k % 6 == 4 {
            store.revoke_invite("r1", &id, t(60)).await.expect("revoke");
        }
        ids.push(id);
    }
    store
        .create_invite(&invite(
            "other",
            "r2",
            "p1@example.com",
            Role::Viewer,
            Some(1),
        ))
        .await
        .expect("invite of r2");
    let mut stored = Vec::new();
    for id in ids {
        stored.push(store.get_invite(&id).await.expect("get").expect("stored"));
    }
    stored.sort_by_key(Position::of_invite);
    stored
}

pub async fn invite_pages_cover_each_match_once(store: &dyn Store) {
    let stored = big_room(store).await;
    let now = t(100);
    let statuses = [
        InviteStatus::Active,
        InviteStatus::Used,
        InviteStatus::Expired,
        InviteStatus::Revoked,
        InviteStatus::Locked,
    ];
    let mut filters = vec![InviteFilter::default()];
    filters.extend(statuses.map(|s| InviteFilter {
        status: Some(s),
        ..Default::default()
    }));
    filters.extend(
        ["sent", "not_sent", "failed", "bounced"].map(|d| InviteFilter {
            delivery: Some(d),
            ..Default::default()
        }),
    );
    filters.push(InviteFilter {
        role: Some(Role::Speaker),
        ..Default::default()
    });
    filters.push(InviteFilter {
        email: Some(email("DUP@example.com")),
        ..Default::default()
    });
    filters.push(InviteFilter {
        status: Some(InviteStatus::Active),
        role: Some(Role::Viewer),
        delivery: Some("sent"),
        email: None,
    });
    for s in statuses {
        assert!(
            stored.iter().any(|i| i.status(now) == s),
            "fixture has {s:?}"
        );
    }
    for filter in &filters {
        let expected: Vec<Invite> = stored
            .iter()
            .filter(|i| filter.matches(i, now))
            .cloned()
            .collect();
        for limit in [1, 4, expected.len().max(1), 100] {
            assert_eq!(
                all_invites(store, "r1", filter, now, limit).await,
                expected,
                "filter {filter:?}, limit {limit}"
            );
        }
    }
    // The whole list in one page, and a page that ends exactly at the last item.
    let one = store
        .list_invites(
            "r1",
            &InviteFilter::default(),
            now,
            &PageRequest {
                limit: BIG,
                after: None,
            },
        )
        .await
        .expect("page");
    assert_eq!((one.items.len(), one.next), (BIG, None));
    let after_last = store
        .list_invites(
            "r1",
            &InviteFilter::default(),
            now,
            &PageRequest {
                limit: 5,
                after: stored.last().map(Position::of_invite),
            },
        )
        .await
        .expect("page");
    assert_eq!((after_last.items, after_last.next), (vec![], None));
}

pub async fn participant_pages_in_join_order(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("room");
    let roles = [Role::Viewer, Role::Speaker, Role::Moderator];
    let mut joined = Vec::new();
    for k in 0..23 {
        let id = format!("j{k:02}");
        let to = format!(
            "{}@example.com",
            ["zed", "amy", "bo", "kim"][k % 4].to_owned() + &k.to_string()
        );
        let role = roles[k % 3];
        store
            .create_invite(&invite(&id, "r1", &to, role, Some(1)))
            .await
            .expect("invite");
        let now = t(20 + (k / 4) as i64);
        let admitted = store
            .redeem(&as_role(role, req(&id, &to, RedeemMode::Consume, now)))
            .await
            .expect("redeem");
        joined.push(admitted.participant);
    }
    joined.sort_by_key(Position::of_participant);
    for filter in [
        ParticipantFilter::default(),
        ParticipantFilter {
            role: Some(Role::Moderator),
            ..Default::default()
        },
    ] {
        let expected: Vec<Participant> = joined
            .iter()
            .filter(|p| filter.matches(p))
            .cloned()
            .collect();
        for limit in [1, 5, 100] {
            assert_eq!(
                all_participants(store, "r1", &filter, limit).await,
                expected,
                "filter {filter:?}, limit {limit}"
            );
        }
    }
    assert_eq!(
        all_participants(store, "r2", &ParticipantFilter::default(), 10).await,
        vec![]
    );
}

/// Pages read while another task adds invites: every invite that existed when the
/// listing began appears exactly once, and none twice.
pub async fn paging_while_invites_are_added(store: &dyn Store) {
    let before = big_room(store).await;
    let adder = async {
        for k in 0..40 {
            let mut i = invite(
                &format!("n{k:02}"),
                "r1",
                "new@example.com",
                Role::Viewer,
                None,
            );
            i.created_at = t(30 + k);
            store.create_invite(&i).await.expect("new invite");
            tokio::task::yield_now().await;
        }
    };
    let reader = async {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .list_invites(
                    "r1",
                    &InviteFilter::default(),
                    t(100),
                    &PageRequest { limit: 3, after },
                )
                .await
                .expect("page");
            seen.extend(page.items.iter().map(Position::of_invite));
            tokio::task::yield_now().await;
            match page.next {
                Some(n) => after = Some(n),
                None => return seen,
            }
        }
    };
    let ((), seen) = tokio::join!(adder, reader);
    for w in seen.windows(2) {
        assert!(
            w[0] < w[1],
            "strictly in list order, so nothing twice: {w:?}"
        );
    }
    for i in &before {
        let n = seen.iter().filter(|p| p.id == i.invite_id).count();
        assert_eq!(n, 1, "{} seen {n} times", i.invite_id);
    }
}

pub async fn summary_counts_by_status_delivery_and_role(store: &dyn Store) {
    assert_eq!(
        store.room_summary("r1", t(100)).await.expect("summary"),
        RoomSummary::default(),
        "an unknown room counts nothing"
    );
    let stored = big_room(store).await;
    let now = t(100);
    let mut expected = RoomSummary::default();
    for i in &stored {
        expected.count_invite(i.status(now), i.delivery.as_str());
    }
    // Participants: three of the active invites redeemed.
    let active: Vec<&Invite> = stored
        .iter()
        .filter(|i| i.status(now) == InviteStatus::Active && i.max_uses.is_some())
        .take(3)
        .collect();
    assert_eq!(active.len(), 3);
    for i in active {
        let r = as_role(
            i.role,
            req(&i.invite_id, i.email.as_str(), RedeemMode::Consume, t(90)),
        );
        let admitted = store.redeem(&r).await.expect("redeem");
        expected.add_participants(admitted.participant.role, admitted.participant.admission, 1);
        // The redeemed single-use invite is now used.
        let used = store
            .get_invite(&i.invite_id)
            .await
            .expect("get")
            .expect("invite");
        expected.count_invite(InviteStatus::Used, used.delivery.as_str());
        expected.invites.total -= 1;
        expected.invites.active -= 1;
        match used.delivery.as_str() {
            "sent" | "pending" => expected.delivery.sent -= 1,
            "not_sent" => expected.delivery.not_sent -= 1,
            _ => expected.delivery.failed -= 1,
        }
    }
    let summary = store.room_summary("r1", now).await.expect("summary");
    assert_eq!(summary, expected);
    assert_eq!(summary.invites.total, BIG as u64);
    assert_eq!(summary.participants.total, 3);
    // Time alone moves invites from active to expired.
    let later = store.room_summary("r1", t(86_400)).await.expect("summary");
    assert_eq!(later.invites.active, 0);
    assert_eq!(
        later.invites.expired,
        summary.invites.expired + summary.invites.active
    );
}

fn guest(id: &str, room_id: &str, issuer: &str) -> Invite {
    Invite {
        created_by: format!("participant:{issuer}"),
        ..invite(
            id,
            room_id,
            &format!("{id}@guests.example"),
            Role::Viewer,
            Some(1),
        )
    }
}

fn quota(issuer: &str, limit: u32) -> InviteQuota {
    InviteQuota {
        issuer: issuer.into(),
        limit,
    }
}

pub async fn guest_invites_count_per_issuer_and_room(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("room");
    store.create_room(&room("r2")).await.expect("room");
    for n in 0..3 {
        store
            .create_guest_invite(&guest(&format!("a{n}"), "r1", "p_a"), &quota("p_a", 3))
            .await
            .expect("within the quota");
    }
    assert_eq!(
        store
            .create_guest_invite(&guest("a3", "r1", "p_a"), &quota("p_a", 3))
            .await,
        Err(WriteError::LimitReached)
    );
    assert_eq!(
        store.get_invite("a3").await.expect("get"),
        None,
        "not stored"
    );
    // A raised limit lets the same issuer go on; other issuers and rooms count apart.
    store
        .create_guest_invite(&guest("a3", "r1", "p_a"), &quota("p_a", 4))
        .await
        .expect("under the raised limit");
    store
        .create_guest_invite(&guest("b0", "r1", "p_b"), &quota("p_b", 1))
        .await
        .expect("another issuer");
    store
        .create_guest_invite(&guest("a4", "r2", "p_a"), &quota("p_a", 1))
        .await
        .expect("another room");
    assert_eq!(
        store
            .create_guest_invite(&guest("z0", "r1", "p_z"), &quota("p_z", 0))
            .await,
        Err(WriteError::LimitReached),
        "a limit of 0 refuses the first"
    );
    // A duplicate id is refused and does not use up the quota.
    assert_eq!(
        store
            .create_guest_invite(&guest("b0", "r1", "p_c"), &quota("p_c", 1))
            .await,
        Err(WriteError::Stale)
    );
    store
        .create_guest_invite(&guest("c0", "r1", "p_c"), &quota("p_c", 1))
        .await
        .expect("the failed attempt was not counted");
    let stored = store.get_invite("a0").await.expect("get").expect("stored");
    assert_eq!(stored, guest("a0", "r1", "p_a"));
    assert_eq!(stored.created_by, "participant:p_a");
    let listed = all_invites(store, "r1", &InviteFilter::default(), t(0), 100).await;
    assert_eq!(listed.len(), 6, "{listed:?}");
    assert_eq!(
        store
            .create_guest_invite(&guest("n0", "nope", "p_a"), &quota("p_a", 20))
            .await,
        Err(WriteError::NotFound)
    );
    store
        .delete_room("org-1", "r2", t(5))
        .await
        .expect("delete");
    assert_eq!(
        store
            .create_guest_invite(&guest("d0", "r2", "p_a"), &quota("p_a", 1))
            .await,
        Err(WriteError::RoomDeleted),
        "a deleted room wins over the quota"
    );
    // Guest invites redeem like any other.
    let admitted = store
        .redeem(&req("a1", "a1@guests.example", RedeemMode::Consume, t(20)))
        .await
        .expect("redeem");
    assert_eq!(admitted.participant.role, Role::Viewer);
}

/// Ten submissions at once when the issuer has one invite left: exactly one passes.
pub async fn guest_invite_quota_holds_under_a_race(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("room");
    let limit = 5;
    for n in 0..limit - 1 {
        store
            .create_guest_invite(&guest(&format!("g{n}"), "r1", "p_a"), &quota("p_a", limit))
            .await
            .expect("below the limit");
    }
    let contenders: Vec<Invite> = (0..10)
        .map(|n| guest(&format!("race{n}"), "r1", "p_a"))
        .collect();
    let q = quota("p_a", limit);
    let results =
        futures_util::future::join_all(contenders.iter().map(|i| store.create_guest_invite(i, &q)))
            .await;
    let passed = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .iter()
        .filter(|r| **r == Err(WriteError::LimitReached))
        .count();
    assert_eq!((passed, refused), (1, 9), "{results:?}");
    let stored = all_invites(store, "r1", &InviteFilter::default(), t(0), 100).await;
    assert_eq!(stored.len(), limit as usize, "exactly the limit is stored");
}

/// Issue 20: a room's `locale` and `timezone` and an invite's `locale` round-trip and
/// change; an unsubscribe is recorded once (the first time is kept) and read back.
pub async fn languages_and_unsubscribe_round_trip(store: &dyn Store) {
    let mut r = room("r1");
    r.locale = Some("ja".into());
    r.timezone = Some("Asia/Tokyo".into());
    store.create_room(&r).await.expect("room");
    assert_eq!(store.get_room("r1").await.expect("get"), Some(r.clone()));
    r.locale = None;
    r.timezone = Some("Europe/Berlin".into());
    let updated = store.update_room(&r, 0).await.expect("update");
    assert_eq!(
        (updated.locale.as_deref(), updated.timezone.as_deref()),
        (None, Some("Europe/Berlin"))
    );
    let mut i = invite("i1", "r1", "a@example.com", Role::Viewer, Some(1));
    i.locale = Some("pt-BR".into());
    store.create_invite(&i).await.expect("invite");
    let read = store.get_invite("i1").await.expect("get").expect("invite");
    assert_eq!(
        (read.locale.as_deref(), read.unsubscribed_at),
        (Some("pt-BR"), None)
    );
    let first = store
        .unsubscribe("i1", t(100))
        .await
        .expect("unsubscribe")
        .expect("invite");
    assert_eq!(first.unsubscribed_at, Some(t(100)));
    let again = store
        .unsubscribe("i1", t(200))
        .await
        .expect("again")
        .expect("invite");
    assert_eq!(
        again.unsubscribed_at,
        Some(t(100)),
        "the first time is kept"
    );
    assert_eq!(
        store
            .get_invite("i1")
            .await
            .expect("get")
            .expect("invite")
            .unsubscribed_at,
        Some(t(100))
    );
    assert_eq!(store.unsubscribe("nope", t(300)).await.expect("none"), None);
    // Everything else of the invite is untouched.
    assert_eq!(
        Invite {
            unsubscribed_at: None,
            mail_nonce: None,
            ..again
        },
        read
    );
}

/// The host console's room list: an organization's rooms that are not deleted, in
/// creation order, page by page without a gap or a repeat; another org's rooms never.
async fn rooms_of_an_org_are_listed_in_pages(store: &dyn Store) {
    for i in 0..7 {
        let mut r = room(&format!("room-{i}"));
        r.created_at = t(i / 2);
        if i == 5 {
            r.org = "org-2".into();
        }
        store.create_room(&r).await.expect("room");
    }
    store
        .delete_room("org-1", "room-3", t(10))
        .await
        .expect("delete");
    let mut seen = Vec::new();
    let mut after: Option<Position> = None;
    loop {
        let page = store
            .list_rooms(
                "org-1",
                &PageRequest {
                    limit: 2,
                    after: after.clone(),
                },
            )
            .await
            .expect("page");
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|r| r.room_id.clone()));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, ["room-0", "room-1", "room-2", "room-4", "room-6"]);
    let other = store
        .list_rooms(
            "org-2",
            &PageRequest {
                limit: 10,
                after: None,
            },
        )
        .await
        .expect("page");
    assert_eq!(
        other
            .items
            .iter()
            .map(|r| r.room_id.as_str())
            .collect::<Vec<_>>(),
        ["room-5"]
    );
    assert_eq!(other.items[0].title, "Quarterly <b>review</b>");
}

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
