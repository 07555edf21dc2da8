//! Paged listings on every backend: each match once, participants in join order, pages
//! stable while invites are added, and the room's summary counts.

use super::*;

/// Every page of a filtered invite list, checked page by page: at most `limit` items,
/// and a next position exactly when more follow.
pub async fn all_invites(
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

pub async fn all_participants(
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
