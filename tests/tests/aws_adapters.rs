//! The AWS adapters against moto (single-threaded, see tests/moto): SES mail, the
//! session-start schedule, domain events through EventBridge into SQS, AWS calls per
//! operation, and the single-use race on DynamoDB.
#![cfg(feature = "aws")]

mod support;

use serde_json::{json, Value};
use shared::adapters::aws::dynamo::table::create_table;
use shared::adapters::aws::{
    AwsClients, CallCounter, DynamoStore, EventBridgePublisher, EventBridgeScheduler, S3Exports,
    SesMailer,
};
use shared::app::{App, AppConfig, Export, IssueOptions, SessionStart, StartOutcome};
use shared::domain::invite::{Delivery, RedeemMode, RedeemRejection};
use shared::domain::listing::{InviteFilter, PageRequest, ParticipantFilter};
use shared::domain::room::{RoomDraft, RoomStatus};
use shared::domain::{time_fmt, DomainPolicy, EmailAddress, Invite, Role, Room, TokenHash};
use shared::ports::{RedeemError, RedeemRequest, Store, SystemClock};
use std::sync::Arc;
use support::moto::{lease, Moto};
use time::{Duration, OffsetDateTime};

const FROM: &str = "invites@example.org";
const GROUP: &str = "room-starts";
const BUS: &str = "room-invites-bus";
const FUNCTION_ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:session-start";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/scheduler";

struct World {
    app: App,
    clients: AwsClients,
    store: DynamoStore,
    queue_url: String,
    sqs: aws_sdk_sqs::Client,
}

fn host() -> shared::app::Host {
    shared::app::Host {
        sub: "host-1".into(),
        org: "org-1".into(),
        email: None,
        can_write: true,
    }
}

/// Every adapter on moto, plus an SQS queue that receives every event of the bus.
async fn world(moto: &Moto, counter: Option<&CallCounter>) -> World {
    let sdk = moto.sdk_config().await;
    let store = support::dynamo_store(moto, counter).await;
    let clients = AwsClients::new(&sdk, counter);
    clients
        .sesv2
        .create_email_identity()
        .email_identity(FROM)
        .send()
        .await
        .expect("identity");
    clients
        .scheduler
        .create_schedule_group()
        .name(GROUP)
        .send()
        .await
        .expect("group");
    clients
        .eventbridge
        .create_event_bus()
        .name(BUS)
        .send()
        .await
        .expect("bus");
    let sqs = aws_sdk_sqs::Client::new(&sdk);
    let queue_url = sqs
        .create_queue()
        .queue_name("events")
        .send()
        .await
        .expect("queue")
        .queue_url
        .expect("queue url");
    clients
        .eventbridge
        .put_rule()
        .name("all-room-invites")
        .event_bus_name(BUS)
        .event_pattern(json!({"source": ["room-invites"]}).to_string())
        .send()
        .await
        .expect("rule");
    let target = aws_sdk_eventbridge::types::Target::builder()
        .id("queue")
        .arn("arn:aws:sqs:us-east-1:123456789012:events")
        .build()
        .expect("target");
    clients
        .eventbridge
        .put_targets()
        .rule("all-room-invites")
        .event_bus_name(BUS)
        .targets(target)
        .send()
        .await
        .expect("targets");
    let app = App {
        mail_queue: Arc::new(shared::ports::NoMailQueue),
        store: Arc::new(store.clone()),
        mailer: Arc::new(
            SesMailer::new(
                clients.sesv2.clone(),
                &format!("Room invitations <{FROM}>"),
                None,
            )
            .expect("mailer"),
        ),
        scheduler: Arc::new(EventBridgeScheduler::new(
            clients.scheduler.clone(),
            GROUP.into(),
            FUNCTION_ARN.into(),
            ROLE_ARN.into(),
        )),
        events: Arc::new(EventBridgePublisher::new(
            clients.eventbridge.clone(),
            BUS.into(),
        )),
        live: Arc::new(shared::ports::NoLiveChannel),
        clock: Arc::new(SystemClock),
        room_backend: Arc::new(shared::adapters::room_backend::NoRoomBackend),
        config: AppConfig {
            mail_retry: Default::default(),
            public_base_url: "https://invites.example.org".into(),
            policy: DomainPolicy::from_lists("", ""),
            link_key: vec![7; 32],
            identity_key: vec![8; 32],
            list_key: vec![9; 32],
            participant_invite_limit: 20,
            admission: Default::default(),
            organizer: "invites@example.org".into(),
            unsubscribe_key: b"unsubscribe-test-key-of-32-bytes".to_vec(),
        },
        exports: None,
        public_rooms: Arc::new(shared::app::PublicRooms::default()),
    };
    World {
        app,
        clients,
        store,
        queue_url,
        sqs,
    }
}

fn draft(starts_in: Duration) -> RoomDraft {
    let starts_at = time_fmt::format(OffsetDateTime::now_utc() + starts_in);
    serde_json::from_value(json!({"title": "Launch <review> & Q&A", "starts_at": starts_at}))
        .expect("draft")
}

async fn issue(app: &App, room: &Room, email: &str) -> shared::domain::InviteView {
    let request =
        serde_json::from_value(json!({"email": email, "role": "speaker"})).expect("request");
    app.issue_invite(
        &host(),
        &room.room_id,
        request,
        &IssueOptions {
            replay_context: None,
        },
    )
    .await
    .expect("issue")
}

/// The sent raw messages moto recorded.
async fn sent_mail(moto: &Moto) -> Vec<Value> {
    moto.data().await["ses"]["RawMessage"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn join_token(raw: &str) -> Option<String> {
    let start =
        raw.find("https://invites.example.org/join/")? + "https://invites.example.org/join/".len();
    Some(
        raw[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect(),
    )
}

#[tokio::test]
async fn ses_mail_carries_a_working_link() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let w = world(moto, None).await;
    let room = w
        .app
        .create_room(&host(), draft(Duration::hours(2)))
        .await
        .expect("room");
    let view = issue(&w.app, &room, "Guest@Example.com").await;
    assert_eq!(view.delivery, Delivery::Sent);
    let mail = sent_mail(moto).await;
    assert_eq!(mail.len(), 1, "one email: {mail:?}");
    let m = &mail[0];
    assert!(m["destinations"]
        .as_array()
        .expect("destinations")
        .iter()
        .any(|d| d == "guest@example.com"));
    let raw = m["raw_data"].as_str().expect("raw");
    assert!(raw.contains("Subject: "), "has a subject");
    assert!(raw.contains("Launch"), "subject or body names the room");
    assert!(
        raw.contains("multipart/alternative")
            && raw.contains("text/plain")
            && raw.contains("text/html")
    );
    let html = &raw[raw.find("Content-Type: text/html").expect("an HTML part")..];
    let html = &html[..html.find("\r\n--").unwrap_or(html.len())];
    // Quoted-printable (the localized time has a narrow no-break space): its soft line
    // breaks may cut any word.
    let html = html.replace("=\r\n", "");
    assert!(
        html.contains("&lt;review&gt;") && !html.contains("<review>"),
        "the room title is escaped in HTML: {html}"
    );
    let token = join_token(raw).expect("a join link in the mail");
    let admission = w
        .app
        .redeem(&token, "guest@example.com", None, None, None)
        .await
        .expect("the mailed link admits its invitee");
    let shared::app::Redeemed::Admitted(admission) = admission else {
        panic!("an email room admits at once");
    };
    assert_eq!(admission.participant.role, Role::Speaker);
}

#[tokio::test]
async fn scheduler_create_update_delete_and_start() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let w = world(moto, None).await;
    let room = w
        .app
        .create_room(&host(), draft(Duration::hours(2)))
        .await
        .expect("room");
    let name = shared::adapters::aws::scheduler::schedule_name(&room.room_id);
    let get = || {
        w.clients
            .scheduler
            .get_schedule()
            .name(&name)
            .group_name(GROUP)
            .send()
    };
    let s = get().await.expect("schedule created");
    let expected = shared::adapters::aws::scheduler::at_expression(room.starts_at).expect("at");
    assert_eq!(s.schedule_expression(), Some(expected.as_str()));
    assert_eq!(s.schedule_expression_timezone(), Some("UTC"));
    assert_eq!(
        s.action_after_completion().map(|a| a.as_str()),
        Some("DELETE")
    );
    let target = s.target().expect("target");
    assert_eq!((target.arn(), target.role_arn()), (FUNCTION_ARN, ROLE_ARN));
    assert!(target
        .retry_policy()
        .and_then(|r| r.maximum_retry_attempts())
        .is_some_and(|n| n > 0));
    let input: SessionStart =
        serde_json::from_str(target.input().expect("input")).expect("payload");
    assert_eq!(
        input,
        SessionStart {
            room_id: room.room_id.clone(),
            starts_at: room.starts_at
        }
    );

    // Reschedule: the same schedule now fires at the new start; the old payload is stale.
    let later = room.starts_at + Duration::hours(1);
    w.app
        .update_room(
            &host(),
            &room.room_id,
            serde_json::from_value(json!({"starts_at": time_fmt::format(later)})).expect("patch"),
        )
        .await
        .expect("reschedule");
    let s = get().await.expect("schedule updated");
    let expected = shared::adapters::aws::scheduler::at_expression(later).expect("at");
    assert_eq!(s.schedule_expression(), Some(expected.as_str()));
    let new_input: SessionStart =
        serde_json::from_str(s.target().and_then(|t| t.input()).expect("input")).expect("payload");
    assert_eq!(
        w.app.start_session(&input).await.expect("stale start"),
        StartOutcome::Ignored
    );
    assert_eq!(
        w.app.start_session(&new_input).await.expect("start"),
        StartOutcome::Started
    );
    let live = w
        .store
        .get_room(&room.room_id)
        .await
        .expect("get")
        .expect("room");
    assert_eq!(live.status, RoomStatus::Live);

    // Deletion removes the schedule; deleting again is fine.
    let other = w
        .app
        .create_room(&host(), draft(Duration::hours(3)))
        .await
        .expect("room");
    let other_name = shared::adapters::aws::scheduler::schedule_name(&other.room_id);
    w.app
        .delete_room(&host(), &other.room_id)
        .await
        .expect("delete");
    let gone = w
        .clients
        .scheduler
        .get_schedule()
        .name(&other_name)
        .group_name(GROUP)
        .send()
        .await;
    assert!(gone.is_err_and(|e| e
        .as_service_error()
        .is_some_and(|e| e.is_resource_not_found_exception())));
    use shared::ports::SessionScheduler;
    let scheduler = EventBridgeScheduler::new(
        w.clients.scheduler.clone(),
        GROUP.into(),
        FUNCTION_ARN.into(),
        ROLE_ARN.into(),
    );
    scheduler
        .cancel_start(&other.room_id)
        .await
        .expect("already gone is fine");
}

#[tokio::test]
async fn domain_events_arrive_in_sqs() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let w = world(moto, None).await;
    let room = w
        .app
        .create_room(&host(), draft(Duration::hours(2)))
        .await
        .expect("room");
    let view = issue(&w.app, &room, "guest@example.com").await;
    let token =
        join_token(sent_mail(moto).await[0]["raw_data"].as_str().expect("raw")).expect("link");
    w.app
        .redeem(&token, "guest@example.com", None, None, None)
        .await
        .expect("redeem");
    w.app
        .revoke_invite(&host(), &room.room_id, &view.invite_id)
        .await
        .expect("revoke");
    w.app
        .delete_room(&host(), &room.room_id)
        .await
        .expect("delete");

    let mut events = Vec::new();
    while events.len() < 4 {
        let out = w
            .sqs
            .receive_message()
            .queue_url(&w.queue_url)
            .max_number_of_messages(10)
            .send()
            .await
            .expect("receive");
        let batch = out.messages.unwrap_or_default();
        if batch.is_empty() {
            break;
        }
        for m in batch {
            events.push(serde_json::from_str::<Value>(m.body().unwrap_or("")).expect("event JSON"));
        }
    }
    let types: Vec<&str> = events
        .iter()
        .filter_map(|e| e["detail-type"].as_str())
        .collect();
    assert_eq!(
        types,
        [
            "InviteIssued",
            "InviteRedeemed",
            "InviteRevoked",
            "RoomDeleted"
        ]
    );
    for e in &events {
        assert_eq!(e["source"], "room-invites");
        assert_eq!(e["detail"]["room_id"], room.room_id.as_str());
        let text = e.to_string();
        assert!(
            !text.contains(&token) && !text.contains("/join/"),
            "no token or link in an event"
        );
    }
    assert_eq!(events[1]["detail"]["email"], "guest@example.com");
    assert_eq!(events[1]["detail"]["role"], "speaker");
    assert_eq!(events[0]["detail"]["invite_id"], view.invite_id.as_str());
}

fn test_invite(id: &str, room_id: &str, email: &str, max_uses: Option<u32>) -> Invite {
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
fn redeem_request(id: &str, room_id: &str, email: &str, mode: RedeemMode) -> RedeemRequest {
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
                .claim_idempotency_key("key-1", "fingerprint", now, now + Duration::hours(24))
                .await
        });
    }
    let mut claimed = 0;
    while let Some(r) = tasks.join_next().await {
        match r.expect("task").expect("claim") {
            shared::ports::IdempotencyClaim::Claimed => claimed += 1,
            shared::ports::IdempotencyClaim::InProgress => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(claimed, 1, "one request owns the key, so one email is sent");
}

/// CSV exports on S3: the finished file is stored (type, disposition) and the URL the
/// host is sent to is a pre-signed `GetObject` that moto serves, for a short time only.
#[tokio::test]
async fn csv_export_is_written_to_s3_and_downloaded_by_a_presigned_url() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    const BUCKET: &str = "room-exports";
    let w = world(moto, None).await;
    w.clients
        .s3
        .create_bucket()
        .bucket(BUCKET)
        .send()
        .await
        .expect("bucket");
    let app = App {
        exports: Some(Arc::new(S3Exports::new(w.clients.s3.clone(), BUCKET))),
        ..w.app.clone()
    };
    let room = app
        .create_room(&host(), draft(Duration::hours(2)))
        .await
        .expect("room");
    for email in ["ann@example.com", "-bob@example.com", "cy@example.com"] {
        issue(&app, &room, email).await;
    }
    let export = app
        .export_invites(&host(), &room.room_id, InviteFilter::default())
        .await
        .expect("export");
    let Export::Url(url) = export else {
        panic!("with S3 the export is a URL, not a stream");
    };
    let prefix = format!("{}/{BUCKET}/exports/{}/", moto.endpoint, room.room_id);
    assert!(url.starts_with(&prefix), "{url}");
    assert!(url.contains("/invites.csv?"), "{url}");
    assert!(url.contains("X-Amz-Expires=300"), "five minutes: {url}");
    assert!(url.contains("X-Amz-Signature="), "{url}");
    assert!(url.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256"), "{url}");

    let path = &url[moto.endpoint.len()..];
    let (status, body) = moto.request("GET", path).await;
    assert_eq!(status, 200, "{body}");
    let lines: Vec<&str> = body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4, "header and three invites: {body}");
    assert!(lines[0].starts_with("invite_id,email,role,status"));
    assert!(
        lines.iter().any(|l| l.contains(",'-bob@example.com,")),
        "{body}"
    );

    let key = url[format!("{}/{BUCKET}/", moto.endpoint).len()..]
        .split('?')
        .next()
        .expect("key")
        .to_owned();
    let head = w
        .clients
        .s3
        .head_object()
        .bucket(BUCKET)
        .key(&key)
        .send()
        .await
        .expect("stored object");
    assert_eq!(head.content_type(), Some("text/csv; charset=utf-8"));
    assert_eq!(
        head.content_disposition(),
        Some("attachment; filename=\"invites.csv\"")
    );

    let participants = app
        .export_participants(&host(), &room.room_id, ParticipantFilter::default())
        .await
        .expect("export");
    let Export::Url(url) = participants else {
        panic!("a URL");
    };
    let (status, body) = moto.request("GET", &url[moto.endpoint.len()..]).await;
    assert_eq!(
        (status, body.as_str()),
        (200, "email,role,joined_at,updated_at,admission\r\n")
    );
}

/// Reminders are one-time schedules of their own on the session-start target; a
/// deletion removes them and schedules the cancellation mailing.
#[tokio::test]
async fn reminder_and_mailing_schedules() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let w = world(moto, None).await;
    let room = w
        .app
        .create_room(&host(), draft(Duration::hours(2)))
        .await
        .expect("room");
    let get = |name: String| {
        w.clients
            .scheduler
            .get_schedule()
            .name(name)
            .group_name(GROUP)
            .send()
    };
    let reminder_name = format!("reminder-{}-15", room.room_id);
    let s = get(reminder_name.clone())
        .await
        .expect("15-minute reminder");
    let expected =
        shared::adapters::aws::scheduler::at_expression(room.starts_at - Duration::minutes(15))
            .expect("at");
    assert_eq!(s.schedule_expression(), Some(expected.as_str()));
    let target = s.target().expect("target");
    assert_eq!(target.arn(), FUNCTION_ARN);
    let job: shared::app::Job =
        serde_json::from_str(target.input().expect("input")).expect("payload");
    match job {
        shared::app::Job::Mailing(m) => {
            assert_eq!(m.kind, shared::app::MailingKind::Reminder);
            assert_eq!(m.minutes_before, Some(15));
            assert_eq!(m.starts_at, room.starts_at);
        }
        other => panic!("{other:?}"),
    }
    // The 24-hour reminder was already past: not scheduled.
    assert!(get(format!("reminder-{}-1440", room.room_id))
        .await
        .is_err());

    w.app
        .delete_room(&host(), &room.room_id)
        .await
        .expect("delete");
    assert!(get(reminder_name).await.is_err(), "reminder removed");
    let cancel = get(format!(
        "cancel-{}-{}-0",
        room.room_id,
        room.starts_at.unix_timestamp()
    ))
    .await
    .expect("cancellation mailing scheduled");
    let job: shared::app::Job =
        serde_json::from_str(cancel.target().and_then(|t| t.input()).expect("input"))
            .expect("payload");
    assert!(
        matches!(job, shared::app::Job::Mailing(ref m) if m.kind == shared::app::MailingKind::Cancel),
        "{job:?}"
    );
}

/// The init's warm-up: one `GetItem` of a key no item has, which answers on an existing
/// table (and finds nothing) and fails on a missing one (the function logs it).
#[tokio::test]
async fn the_warm_up_reads_one_absent_item() {
    let Some((_lease, moto)) = lease().await else {
        return;
    };
    let counter = CallCounter::default();
    let store = support::dynamo_store(moto, Some(&counter)).await;
    counter.take();
    store.warm_up().await.expect("warm-up on the table");
    let calls = counter.take();
    assert_eq!(calls.values().sum::<u64>(), 1, "one call: {calls:?}");
    assert!(calls.keys().all(|k| k.ends_with("GetItem")), "{calls:?}");
    let missing = DynamoStore::new(store.client().clone(), "no-such-table");
    let e = missing.warm_up().await.expect_err("no table");
    assert!(e.message.contains("warm-up get item"), "{e:?}");
}
