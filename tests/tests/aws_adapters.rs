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

#[path = "aws_adapters/calls.rs"]
mod calls;
#[path = "aws_adapters/races.rs"]
mod races;
use calls::{redeem_request, test_invite};

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
    app.issue_invite(&host(), &room.room_id, request, &IssueOptions::default())
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
