//! Races and failures on DynamoDB and SES: one winner of a single-use link, one owner of
//! an `Idempotency-Key`, and a failed email that keeps its invite for a resend.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn single_use_race_has_one_winner() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let clients = AwsClients::new(&moto.sdk_config().await, None);
    let room = Room {
        room_id: "race-room".into(),
        org: "org-1".into(),
        title: "Race".into(),
        description: String::new(),
        starts_at: time_fmt::trunc(OffsetDateTime::now_utc() + Duration::hours(1)),
        ends_at: None,
        speakers: Vec::new(),
        attachments: Vec::new(),
        status: RoomStatus::Scheduled,
        reminders: vec![1440, 15],
        admission: Default::default(),
        locale: None,
        timezone: None,
        created_by: "host-1".into(),
        created_at: time_fmt::trunc(OffsetDateTime::now_utc()),
        deleted_at: None,
        version: 0,
    };
    const ROUNDS: usize = 200;
    const RACERS: usize = 20;
    let mut winners_per_round = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        // A table per round: moto copies every touched table in each transaction, so a
        // growing table would make later rounds slower and slower.
        let table = format!("race-{round}");
        create_table(&clients.dynamodb, &table)
            .await
            .expect("table");
        let store = DynamoStore::new(clients.dynamodb.clone(), &table);
        store.create_room(&room).await.expect("room");
        let id = format!("race-{round}");
        let email = format!("p{round}@example.com");
        store
            .create_invite(&test_invite(&id, &room.room_id, &email, Some(1)))
            .await
            .expect("invite");
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..RACERS {
            let (store, request) = (
                store.clone(),
                redeem_request(&id, &room.room_id, &email, RedeemMode::Consume),
            );
            tasks.spawn(async move { store.redeem(&request).await });
        }
        let mut winners = 0;
        while let Some(result) = tasks.join_next().await {
            match result.expect("task") {
                Ok(_) => winners += 1,
                Err(RedeemError::Rejected(RedeemRejection::LinkUsed)) => {}
                Err(other) => panic!("round {round}: unexpected {other:?}"),
            }
        }
        let invite = store.get_invite(&id).await.expect("get").expect("invite");
        assert_eq!(invite.uses, 1, "round {round}");
        winners_per_round.push(winners);
        assert_eq!(
            store
                .list_participants(
                    &room.room_id,
                    &ParticipantFilter::default(),
                    &PageRequest {
                        limit: 100,
                        after: None
                    }
                )
                .await
                .expect("list")
                .items
                .len(),
            1,
            "round {round}"
        );
        clients
            .dynamodb
            .delete_table()
            .table_name(&table)
            .send()
            .await
            .expect("delete table");
    }
    let bad: Vec<_> = winners_per_round
        .iter()
        .enumerate()
        .filter(|(_, w)| **w != 1)
        .collect();
    println!("race: {ROUNDS} rounds x {RACERS} concurrent redemptions; rounds without exactly one winner: {bad:?}");
    assert!(bad.is_empty(), "rounds without exactly one winner: {bad:?}");
}

#[tokio::test]
async fn failed_mail_keeps_the_invite_and_resend_retries() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let w = world(moto, None).await;
    let room = w
        .app
        .create_room(&host(), draft(Duration::hours(2)))
        .await
        .expect("room");
    // SES refuses a sender that is not verified.
    w.clients
        .sesv2
        .delete_email_identity()
        .email_identity(FROM)
        .send()
        .await
        .expect("unverify");
    let view = issue(&w.app, &room, "guest@example.com").await;
    assert_eq!(view.delivery, Delivery::Failed);
    assert!(sent_mail(moto).await.is_empty());
    let stored = w
        .store
        .get_invite(&view.invite_id)
        .await
        .expect("get")
        .expect("invite kept");
    assert_eq!(stored.delivery, Delivery::Failed);
    w.clients
        .sesv2
        .create_email_identity()
        .email_identity(FROM)
        .send()
        .await
        .expect("verify");
    let resent = w
        .app
        .resend_invite(&host(), &room.room_id, &view.invite_id)
        .await
        .expect("resend");
    assert_eq!(resent.delivery, Delivery::Sent);
    let mail = sent_mail(moto).await;
    assert_eq!(mail.len(), 1);
    let token = join_token(mail[0]["raw_data"].as_str().expect("raw")).expect("link");
    w.app
        .redeem(&token, "guest@example.com", None, None, None)
        .await
        .expect("the resent link works");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_idempotency_claims_have_one_owner() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let store = support::dynamo_store(moto, None).await;
    let now = time_fmt::trunc(OffsetDateTime::now_utc());
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let store = store.clone();
        tasks.spawn(async move {
            store
                .claim_idempotency_key(
                    "key-1",
                    "fingerprint",
                    now,
                    now + Duration::seconds(60),
                    now + Duration::hours(24),
                )
                .await
        });
    }
    let mut claimed = 0;
    while let Some(r) = tasks.join_next().await {
        match r.expect("task").expect("claim") {
            shared::ports::IdempotencyClaim::Claimed { .. } => claimed += 1,
            shared::ports::IdempotencyClaim::InProgress => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(claimed, 1, "one request owns the key, so one email is sent");
}
