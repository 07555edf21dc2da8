//! Redemption on every backend: a use consumed once, the reasons of a refusal, wrong
//! addresses counted, roles upgraded never downgraded, and `Idempotency-Key` claims.

use super::*;

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
    let lease = |at: i64| t(at) + Duration::seconds(60);
    let new = IdempotencyClaim::Claimed {
        expires_at: exp,
        takeover: false,
    };
    assert_eq!(
        store
            .claim_idempotency_key("k1", "fp", t(0), lease(0), exp)
            .await,
        Ok(new.clone())
    );
    assert_eq!(
        store
            .claim_idempotency_key("k1", "fp", t(1), lease(1), exp)
            .await,
        Ok(IdempotencyClaim::InProgress)
    );
    assert_eq!(
        store
            .claim_idempotency_key("k1", "other", t(1), lease(1), exp)
            .await,
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
        store
            .claim_idempotency_key("k1", "fp", t(2), lease(2), exp)
            .await,
        Ok(done.clone())
    );
    store
        .release_idempotency_key("k1")
        .await
        .expect("release of a completed key keeps it");
    // A completed key is never taken over, its lease long gone.
    assert_eq!(
        store
            .claim_idempotency_key("k1", "fp", t(300), lease(300), exp)
            .await,
        Ok(done)
    );
    assert_eq!(
        store
            .claim_idempotency_key("k2", "fp", t(0), lease(0), exp)
            .await,
        Ok(new.clone())
    );
    // A released claim (the request failed on our side) keeps its body and first
    // expiry: the retry with the same body takes it over at once; another body is not
    // let in under the key.
    store.release_idempotency_key("k2").await.expect("release");
    assert_eq!(
        store
            .claim_idempotency_key("k2", "fp2", t(1), lease(1), t(1) + Duration::hours(24))
            .await,
        Ok(IdempotencyClaim::Mismatch)
    );
    assert_eq!(
        store
            .claim_idempotency_key("k2", "fp", t(1), lease(1), t(1) + Duration::hours(24))
            .await,
        Ok(IdempotencyClaim::Claimed {
            expires_at: exp,
            takeover: true,
        })
    );
    // An expired key is claimed anew, even with another body.
    assert_eq!(
        store
            .claim_idempotency_key(
                "k1",
                "new",
                exp,
                exp + Duration::seconds(60),
                exp + Duration::hours(24)
            )
            .await,
        Ok(IdempotencyClaim::Claimed {
            expires_at: exp + Duration::hours(24),
            takeover: false,
        })
    );
}

/// A claim whose request stopped (neither completed nor released): in progress while its
/// lease runs, then taken over once by a retry with the same body, keeping the key's
/// first expiry; another body is still refused; the new owner's lease holds off others.
pub async fn an_unfinished_claim_is_taken_over_after_its_lease(store: &dyn Store) {
    let exp = t(0) + Duration::hours(24);
    let lease = |at: i64| t(at) + Duration::seconds(60);
    assert!(matches!(
        store
            .claim_idempotency_key("k", "fp", t(0), lease(0), exp)
            .await,
        Ok(IdempotencyClaim::Claimed {
            takeover: false,
            ..
        })
    ));
    assert_eq!(
        store
            .claim_idempotency_key("k", "fp", t(59), lease(59), exp)
            .await,
        Ok(IdempotencyClaim::InProgress)
    );
    assert_eq!(
        store
            .claim_idempotency_key("k", "other", t(61), lease(61), exp)
            .await,
        Ok(IdempotencyClaim::Mismatch)
    );
    assert_eq!(
        store
            .claim_idempotency_key("k", "fp", t(61), lease(61), t(61) + Duration::hours(24))
            .await,
        Ok(IdempotencyClaim::Claimed {
            expires_at: exp,
            takeover: true,
        })
    );
    assert_eq!(
        store
            .claim_idempotency_key("k", "fp", t(62), lease(62), exp)
            .await,
        Ok(IdempotencyClaim::InProgress),
        "the new owner holds the key for its own lease"
    );
    store
        .complete_idempotency_key("k", 200, "{}")
        .await
        .expect("complete");
    assert_eq!(
        store
            .claim_idempotency_key("k", "fp", t(500), lease(500), exp)
            .await,
        Ok(IdempotencyClaim::Completed {
            status: 200,
            body: "{}".into(),
        })
    );
}
