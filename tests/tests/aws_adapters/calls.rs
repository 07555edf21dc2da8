//! AWS calls per operation, counted by moto's request log: what each use case costs on
//! DynamoDB, SES, the scheduler and EventBridge.

use super::*;

pub(super) fn test_invite(id: &str, room_id: &str, email: &str, max_uses: Option<u32>) -> Invite {
    let now = OffsetDateTime::now_utc();
    Invite {
        invite_id: id.into(),
        room_id: room_id.into(),
        org: "org-1".into(),
        email: EmailAddress::parse(email).expect("email"),
        role: Role::Viewer,
        max_uses,
        uses: 0,
        expires_at: time_fmt::trunc(now + Duration::days(1)),
        token_hash: TokenHash(format!("h-{id}")),
        failed_attempts: 0,
        revoked_at: None,
        delivery: Delivery::Sent,
        created_by: "host-1".into(),
        created_at: time_fmt::trunc(now),
        mail_nonce: None,
        locale: None,
        unsubscribed_at: None,
    }
}

/// A redemption of a viewer invite of `room_id` (`test_invite`'s role), as from its token.
pub(super) fn redeem_request(
    id: &str,
    room_id: &str,
    email: &str,
    mode: RedeemMode,
) -> RedeemRequest {
    RedeemRequest {
        invite_id: id.into(),
        room_id: room_id.into(),
        role: Role::Viewer,
        token_hash: TokenHash(format!("h-{id}")),
        email: EmailAddress::parse(email).expect("email"),
        mode,
        now: time_fmt::trunc(OffsetDateTime::now_utc()),
        receipt: None,
        new_admission: Default::default(),
        identity: String::new(),
    }
}

fn total(counts: &std::collections::BTreeMap<String, u64>) -> u64 {
    counts.values().sum()
}

#[tokio::test]
async fn aws_calls_per_operation() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let counter = CallCounter::default();
    let w = world(moto, Some(&counter)).await;
    let mut report = Vec::new();
    let mut measure = |name: &str, counts: std::collections::BTreeMap<String, u64>| {
        report.push(format!("{name}: {} ({counts:?})", total(&counts)));
        counts
    };
    counter.take();
    let room = w
        .app
        .create_room(&host(), draft(Duration::hours(2)))
        .await
        .expect("room");
    measure("App::create_room (schedule + store)", counter.take());
    issue(&w.app, &room, "guest@example.com").await;
    measure(
        "App::issue_invite (read room, store, SES, set delivery, event)",
        counter.take(),
    );
    let token =
        join_token(sent_mail(moto).await[0]["raw_data"].as_str().expect("raw")).expect("link");
    counter.take();

    // The store alone: redemption on success is one DynamoDB call, also on a cold store
    // (a fresh instance, as in a new Lambda, that never read or wrote the invite): the
    // room and role come with the request (from the link token), nothing is read first.
    let s = &w.store;
    s.create_invite(&test_invite(
        "inv-a",
        &room.room_id,
        "a@example.com",
        Some(1),
    ))
    .await
    .expect("invite");
    measure("Store::create_invite", counter.take());
    let cold = DynamoStore::new(w.store.client().clone(), support::TABLE);
    cold.redeem(&redeem_request(
        "inv-a",
        &room.room_id,
        "a@example.com",
        RedeemMode::Consume,
    ))
    .await
    .expect("redeem");
    let c = measure(
        "Store::redeem first admission on a cold store (invite never seen)",
        counter.take(),
    );
    assert_eq!(c.get("DynamoDB.TransactWriteItems"), Some(&1));
    assert_eq!(
        total(&c),
        1,
        "redemption on success is one DynamoDB call on a cold store: {c:?}"
    );
    let cold = DynamoStore::new(w.store.client().clone(), support::TABLE);
    cold.redeem(&redeem_request(
        "inv-a",
        &room.room_id,
        "a@example.com",
        RedeemMode::Readmit,
    ))
    .await
    .expect("readmit");
    let c = measure(
        "Store::redeem readmit on a cold store (transaction + parallel participant read)",
        counter.take(),
    );
    assert_eq!(c.get("DynamoDB.TransactWriteItems"), Some(&1));
    assert_eq!(c.get("DynamoDB.GetItem"), Some(&1), "{c:?}");
    assert_eq!(total(&c), 2, "one round trip of two parallel calls: {c:?}");
    s.create_invite(&test_invite(
        "inv-b",
        &room.room_id,
        "b@example.com",
        Some(1),
    ))
    .await
    .expect("invite");
    counter.take();
    let forged = RedeemRequest {
        room_id: "01JDX5AMP1E0000R00M0000000".into(),
        ..redeem_request("inv-b", &room.room_id, "b@example.com", RedeemMode::Consume)
    };
    assert_eq!(
        cold.redeem(&forged).await,
        Err(RedeemError::Rejected(RedeemRejection::InvalidLink))
    );
    let c = measure(
        "Store::redeem with a forged room (rejected: invalid_link)",
        counter.take(),
    );
    assert_eq!(total(&c), 1, "{c:?}");
    s.create_invite(&test_invite(
        "inv-c",
        &room.room_id,
        "a@example.com",
        Some(1),
    ))
    .await
    .expect("invite");
    counter.take();
    s.redeem(&redeem_request(
        "inv-c",
        &room.room_id,
        "a@example.com",
        RedeemMode::Consume,
    ))
    .await
    .expect("second invite");
    measure(
        "Store::redeem of a 2nd invite by an admitted participant",
        counter.take(),
    );
    let r = s
        .redeem(&redeem_request(
            "inv-a",
            &room.room_id,
            "a@example.com",
            RedeemMode::Consume,
        ))
        .await;
    assert_eq!(r, Err(RedeemError::Rejected(RedeemRejection::LinkUsed)));
    let c = measure("Store::redeem rejected (link_used)", counter.take());
    assert_eq!(
        total(&c),
        1,
        "the reason comes from ALL_OLD, not a read: {c:?}"
    );
    s.record_wrong_email("inv-b", &TokenHash("h-inv-b".into()))
        .await
        .expect("wrong email");
    measure("Store::record_wrong_email", counter.take());
    let first_page = PageRequest {
        limit: 100,
        after: None,
    };
    s.list_participants(&room.room_id, &ParticipantFilter::default(), &first_page)
        .await
        .expect("list");
    let c = measure(
        "Store::list_participants, a page of up to 100 (16 GSI shards)",
        counter.take(),
    );
    assert_eq!(
        c.get("DynamoDB.Query"),
        Some(&16),
        "one query per shard: {c:?}"
    );
    s.list_invites(
        &room.room_id,
        &InviteFilter::default(),
        OffsetDateTime::now_utc(),
        &first_page,
    )
    .await
    .expect("list");
    let c = measure(
        "Store::list_invites, a page of up to 100 (16 GSI shards)",
        counter.take(),
    );
    assert_eq!(
        c.get("DynamoDB.Query"),
        Some(&16),
        "one query per shard: {c:?}"
    );
    s.room_summary(&room.room_id, OffsetDateTime::now_utc())
        .await
        .expect("summary");
    let c = measure(
        "Store::room_summary (2 lists x 16 shards, projected)",
        counter.take(),
    );
    assert_eq!(c.get("DynamoDB.Query"), Some(&32), "{c:?}");

    // The app flows. The room (its admission settings) comes from the instance's
    // public-room cache, warm under load: warmed here, then the redemption itself.
    w.app.public_room(&room.room_id).await.expect("room");
    counter.take();
    w.app
        .redeem(&token, "guest@example.com", None, None, None)
        .await
        .expect("redeem");
    let c = measure("App::redeem via HTTP flow (store + event)", counter.take());
    assert_eq!(c.get("DynamoDB.TransactWriteItems"), Some(&1));
    let dynamo_calls: u64 = c
        .iter()
        .filter(|(k, _)| k.starts_with("DynamoDB."))
        .map(|(_, v)| v)
        .sum();
    assert_eq!(
        dynamo_calls, 1,
        "the app's redemption is one DynamoDB call: {c:?}"
    );
    let unused = issue(&w.app, &room, "other@example.com").await;
    counter.take();
    let resent = w
        .app
        .resend_invite(&host(), &room.room_id, &unused.invite_id)
        .await
        .expect("resend");
    assert_eq!(resent.delivery, Delivery::Sent);
    measure("App::resend_invite", counter.take());
    w.app
        .delete_room(&host(), &room.room_id)
        .await
        .expect("delete");
    measure("App::delete_room", counter.take());
    let start = SessionStart {
        room_id: room.room_id.clone(),
        starts_at: room.starts_at,
    };
    w.app.start_session(&start).await.expect("start");
    measure("App::start_session (ignored: deleted)", counter.take());
    println!("AWS calls per operation:\n  {}", report.join("\n  "));
}

/// What one code-verified entry costs on AWS, counted at the SDK: asking for the code,
/// then entering it (the room read from the warm per-instance cache).
#[tokio::test]
async fn aws_calls_per_code_verified_entry() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let counter = CallCounter::default();
    let w = world(moto, Some(&counter)).await;
    let mut code_room = draft(Duration::hours(2));
    code_room.admission =
        Some(serde_json::from_value(json!({"verify": "code"})).expect("admission"));
    let room = w.app.create_room(&host(), code_room).await.expect("room");
    issue(&w.app, &room, "guest@example.com").await;
    let mail = sent_mail(moto).await;
    let token = join_token(mail[0]["raw_data"].as_str().expect("raw")).expect("link");
    w.app.public_room(&room.room_id).await.expect("room");
    let dynamo = |c: &std::collections::BTreeMap<String, u64>| -> u64 {
        c.iter()
            .filter(|(k, _)| k.starts_with("DynamoDB."))
            .map(|(_, v)| v)
            .sum()
    };
    counter.take();
    let asked = w
        .app
        .redeem(&token, "guest@example.com", None, None, None)
        .await
        .expect("ask");
    assert!(matches!(asked, shared::app::Redeemed::CodeSent { .. }));
    let c = counter.take();
    println!("asking for a code: {c:?}");
    assert_eq!(c.get("SESv2.SendEmail"), Some(&1), "{c:?}");
    assert_eq!(
        dynamo(&c),
        4,
        "GetItem invite, GetItem code, PutItem code, GetItem branding (of the mail): {c:?}"
    );
    let raw = sent_mail(moto).await;
    let code_mail = raw
        .iter()
        .filter_map(|m| m["raw_data"].as_str())
        .find(|m| m.contains("Your code for"))
        .expect("the code email");
    let at = code_mail.find("is:").expect("code sentence");
    let code: String = code_mail[at..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let nonce = "0123456789abcdef0123456789abcdef";
    let entered = w
        .app
        .redeem(&token, "guest@example.com", Some(&code), None, Some(nonce))
        .await
        .expect("enter");
    assert!(matches!(entered, shared::app::Redeemed::Admitted(_)));
    let c = counter.take();
    println!("entering the code: {c:?}");
    assert_eq!(c.get("DynamoDB.TransactWriteItems"), Some(&1), "{c:?}");
    assert_eq!(
        dynamo(&c),
        3,
        "GetItem invite, UpdateItem code, one transaction: {c:?}"
    );
    assert_eq!(c.get("SESv2.SendEmail"), None);
}
