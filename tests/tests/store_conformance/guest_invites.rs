//! Guest invites on every backend: counted per issuer and room, the quota held under a race.

use super::*;

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
