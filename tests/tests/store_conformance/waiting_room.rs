//! The waiting room's store operations, the same on every backend: a redemption that
//! stores its participant `waiting`, decisions by identity (one conditional write, one
//! winner), knocks within their limits, and role changes that never touch admission.

use super::{email, invite, req, room, t};
use shared::domain::listing::{PageRequest, ParticipantFilter};
use shared::domain::waiting_room::{Decision, KnockRefusal};
use shared::domain::{AdmissionState, RedeemMode, Role};
use shared::ports::{KnockError, RedeemRequest, Store, WriteError};

/// Room `r1` with an N-use invite `w1` for w@example.com, redeemed into the waiting room.
async fn one_waiting(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("room");
    store
        .create_invite(&invite("w1", "r1", "w@example.com", Role::Viewer, Some(10)))
        .await
        .expect("invite");
    let admitted = store
        .redeem(&RedeemRequest {
            new_admission: AdmissionState::Waiting,
            identity: "p_w".into(),
            ..req("w1", "w@example.com", RedeemMode::Consume, t(20))
        })
        .await
        .expect("redeem");
    assert_eq!(admitted.participant.admission, AdmissionState::Waiting);
}

fn waiting() -> ParticipantFilter {
    ParticipantFilter {
        admission: Some(AdmissionState::Waiting),
        ..Default::default()
    }
}

pub async fn waiting_participants_are_listed_found_and_decided_once(store: &dyn Store) {
    one_waiting(store).await;
    let found = store
        .participant_by_identity("r1", "p_w")
        .await
        .expect("read")
        .expect("found by identity");
    assert_eq!(found.email, email("w@example.com"));
    assert!(store
        .participant_by_identity("r1", "p_nobody")
        .await
        .expect("read")
        .is_none());
    let page = store
        .list_participants(
            "r1",
            &waiting(),
            &PageRequest {
                limit: 10,
                after: None,
            },
        )
        .await
        .expect("list");
    assert_eq!(page.items.len(), 1);
    let summary = store.room_summary("r1", t(30)).await.expect("summary");
    assert_eq!(
        (summary.participants.waiting, summary.participants.admitted),
        (1, 0)
    );

    let admitted = store
        .decide_admission("r1", &email("w@example.com"), &Decision::Admit, t(40))
        .await
        .expect("admit");
    assert_eq!(admitted.admission, AdmissionState::Admitted);
    assert_eq!(admitted.decided_at, Some(t(40)));
    assert_eq!(
        store
            .decide_admission("r1", &email("w@example.com"), &Decision::Admit, t(41))
            .await,
        Err(WriteError::NotFound),
        "decided already"
    );
    assert_eq!(
        store
            .decide_admission("r1", &email("nobody@example.com"), &Decision::Admit, t(41))
            .await,
        Err(WriteError::NotFound)
    );
    let page = store
        .list_participants(
            "r1",
            &waiting(),
            &PageRequest {
                limit: 10,
                after: None,
            },
        )
        .await
        .expect("list");
    assert!(page.items.is_empty());
    // An admitted participant's further redemptions keep them admitted.
    let again = store
        .redeem(&RedeemRequest {
            new_admission: AdmissionState::Waiting,
            identity: "p_w".into(),
            ..req("w1", "w@example.com", RedeemMode::Consume, t(50))
        })
        .await
        .expect("redeem again");
    assert_eq!(again.participant.admission, AdmissionState::Admitted);
}

pub async fn denied_participants_knock_at_most_three_times_a_minute_apart(store: &dyn Store) {
    one_waiting(store).await;
    let w = email("w@example.com");
    let denied = store
        .decide_admission(
            "r1",
            &w,
            &Decision::Deny {
                reason: Some("Members only".into()),
            },
            t(100),
        )
        .await
        .expect("deny");
    assert_eq!(denied.admission, AdmissionState::Denied);
    assert_eq!(denied.denial_reason.as_deref(), Some("Members only"));
    let mut at = 100;
    for knock in 1..=3 {
        assert_eq!(
            store.knock("r1", &w, t(at + 30)).await,
            Err(KnockError::Refused(KnockRefusal::TooSoon {
                retry_after: Some(30)
            }))
        );
        let back = store.knock("r1", &w, t(at + 60)).await.expect("knock");
        assert_eq!(back.admission, AdmissionState::Waiting);
        assert_eq!(back.knocks, knock);
        assert_eq!(back.denial_reason, None);
        assert_eq!(
            store.knock("r1", &w, t(at + 200)).await,
            Err(KnockError::Refused(KnockRefusal::NotDenied)),
            "already waiting"
        );
        at += 100;
        store
            .decide_admission("r1", &w, &Decision::Deny { reason: None }, t(at))
            .await
            .expect("deny again");
    }
    assert_eq!(
        store.knock("r1", &w, t(at + 3600)).await,
        Err(KnockError::Refused(KnockRefusal::TooSoon {
            retry_after: None
        })),
        "three knocks were used"
    );
    assert_eq!(
        store.knock("r1", &email("nobody@example.com"), t(at)).await,
        Err(KnockError::NotFound)
    );
}

pub async fn role_changes_never_touch_admission(store: &dyn Store) {
    one_waiting(store).await;
    let promoted = store
        .set_participant_role("r1", &email("w@example.com"), Role::Moderator, t(60))
        .await
        .expect("promote");
    assert_eq!(promoted.participant.admission, AdmissionState::Waiting);
    assert_eq!(promoted.participant.role, Role::Moderator);
}

pub async fn two_decisions_at_once_have_one_winner(store: &dyn Store) {
    one_waiting(store).await;
    let w = email("w@example.com");
    let (a, b) = tokio::join!(
        store.decide_admission("r1", &w, &Decision::Admit, t(70)),
        store.decide_admission("r1", &w, &Decision::Deny { reason: None }, t(70)),
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} / {b:?}"
    );
}
