//! Every function binary under a Lambda Runtime API (ours, `acceptance::runtime_api`),
//! against DynamoDB, SES, Scheduler and EventBridge on moto, with the sample events of
//! `events/`. The binaries are the workspace's debug builds (`cargo build --workspace
//! --all-features --all-targets` puts them beside the test executables).
#![cfg(feature = "aws")]

mod admission;
mod chaos;
mod console;
mod init;
mod observe;
mod seed;
use observe::{check_logs, download, emf_lines};
use seed::seed;
#[path = "../support/mod.rs"]
mod support;

use acceptance::runtime_api::RuntimeApi;
use serde_json::{json, Value};
use shared::domain::invite::Delivery;
use shared::domain::room::RoomStatus;
use shared::domain::{EmailAddress, Invite, InviteToken, Role, Room};
use shared::ports::Store;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const ROOM: &str = "01JDX5AMP1E0000R00M0000000";
const INVITE: &str = "01JDX5AMP1E000000NV1TE0001";
const GROUP: &str = "session-starts";
const BUS: &str = "room-invites-events";
const SENDER: &str = "invites@rooms.example.com";
const EXPORTS: &str = "room-invites-exports";
const LIVE_HTTP: &str = "abc.appsync-api.us-east-1.amazonaws.com";
const LIVE_REALTIME: &str = "abc.appsync-realtime-api.us-east-1.amazonaws.com";
/// How long a test waits for one invocation.
const INVOKE: Duration = Duration::from_secs(20);

/// The unsubscribe links' secret of these functions (the stack's `UnsubscribeSecret`).
const UNSUBSCRIBE_SECRET: &str = "sample-unsubscribe-secret-change-me";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn event(path: &str) -> Value {
    let text = std::fs::read_to_string(repo().join("events").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An SES event of `tests/fixtures/ses-events`.
fn fixture(name: &str) -> Value {
    let path = repo().join("tests/fixtures/ses-events").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The debug binary of a function, beside this test's executable.
fn binary(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.parent()?.join(name);
    path.exists().then_some(path)
}

struct Function {
    child: Child,
    api: RuntimeApi,
    /// The function's stdout: its log lines (CloudWatch in Lambda).
    log: PathBuf,
}

impl Drop for Function {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start(name: &str, endpoint: &str) -> Option<Function> {
    start_with(name, endpoint, &[]).await
}

/// Starts a function with `changes` to its environment (an empty value removes one).
async fn start_with(name: &str, endpoint: &str, changes: &[(&str, String)]) -> Option<Function> {
    let Some(bin) = binary(name) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the binary of {name} is not built"
        );
        eprintln!(
            "note: {name} is not built; run cargo build --workspace --all-features --all-targets"
        );
        return None;
    };
    let api = RuntimeApi::start().await.expect("runtime api");
    let log = std::env::temp_dir().join(format!(
        "lambda-test-{name}-{}-{}.log",
        std::process::id(),
        ulid::Ulid::new()
    ));
    let mut env: Vec<(&str, String)> = vec![
        ("AWS_LAMBDA_RUNTIME_API", api.addr.to_string()),
        ("AWS_LAMBDA_FUNCTION_NAME", format!("room-invites-{name}")),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".into()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{name}")),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "test".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_ENDPOINT_URL", endpoint.into()),
        ("TABLE_NAME", support::TABLE.into()),
        ("MAIL_FROM", SENDER.into()),
        ("SCHEDULE_GROUP", GROUP.into()),
        (
            "SESSION_START_FUNCTION_ARN",
            "arn:aws:lambda:us-east-1:123456789012:function:room-invites-session-start".into(),
        ),
        (
            "SCHEDULER_ROLE_ARN",
            "arn:aws:iam::123456789012:role/scheduler".into(),
        ),
        ("EVENT_BUS_NAME", BUS.into()),
        ("PUBLIC_BASE_URL", "https://rooms.example.com".into()),
        ("HOST_JWT_SECRET", "sample-host-secret-change-me".into()),
        ("SESSION_SECRET", "sample-session-secret-change-me".into()),
        ("UNSUBSCRIBE_SECRET", UNSUBSCRIBE_SECRET.into()),
        ("RUST_LOG", "info".into()),
        ("METRICS_SERVICE", "room-invites-test".into()),
    ];
    // As in the template: only the exporting functions have the bucket.
    if matches!(name, "invites" | "participants" | "console") {
        env.push(("EXPORT_BUCKET", EXPORTS.to_owned()));
    }
    for (k, v) in changes {
        env.retain(|(name, _)| name != k);
        if !v.is_empty() {
            env.push((k, v.clone()));
        }
    }
    let child = Command::new(bin)
        .env_clear()
        .envs(env)
        .stdin(Stdio::null())
        .stdout(Stdio::from(std::fs::File::create(&log).expect("log file")))
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
    Some(Function { child, api, log })
}

impl Function {
    async fn invoke(&self, path: &str) -> Value {
        self.api
            .invoke(event(path), Duration::from_secs(20))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Invokes an HTTP event and checks its status code; returns the response.
    async fn http(&self, path: &str, status: u16) -> Value {
        let response = self.invoke(path).await;
        assert_eq!(
            response["statusCode"].as_u64(),
            Some(u64::from(status)),
            "{path}: {response}"
        );
        response
    }
}

fn body(response: &Value) -> Value {
    serde_json::from_str(response["body"].as_str().unwrap_or_default()).unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_function_answers_its_sample_events_against_moto() {
    let Some((_lease, moto)) = support::moto::lease().await else {
        return;
    };
    let store = support::dynamo_store(moto, None).await;
    let sdk = moto.sdk_config().await;
    seed::aws_resources(&sdk).await;
    shared::adapters::aws::AwsClients::new(&sdk, None)
        .s3
        .create_bucket()
        .bucket(EXPORTS)
        .send()
        .await
        .expect("export bucket");
    seed(&store).await;
    let endpoint = moto.endpoint.clone();
    // Live updates: the publishing functions have the Event API's domains (as in the
    // template) and publish to a loopback stand-in.
    let (publish_url, appsync) = acceptance::appsync::endpoint().await;
    let live_env = [
        ("APPSYNC_HTTP_DOMAIN", LIVE_HTTP.to_owned()),
        ("APPSYNC_REALTIME_DOMAIN", LIVE_REALTIME.to_owned()),
        ("APPSYNC_PUBLISH_URL", publish_url),
        ("LIVE_NAMESPACE", "live".to_owned()),
    ];

    let Some(rooms) = start_with("rooms", &endpoint, &live_env).await else {
        return;
    };
    let created = rooms.http("rooms/create-room.json", 201).await;
    assert_eq!(body(&created)["status"], "scheduled");
    let replay = rooms.http("rooms/create-room.json", 201).await;
    assert_eq!(
        body(&replay)["room_id"],
        body(&created)["room_id"],
        "Idempotency-Key replays"
    );
    let doc = rooms.http("rooms/openapi.json", 200).await;
    assert_eq!(body(&doc)["openapi"], "3.1.0");
    let got = rooms.http("rooms/get-room.json", 200).await;
    // The organization's branding through the rooms function (its logo is served by
    // the redemption function below).
    let branding = rooms.http("rooms/put-branding.json", 200).await;
    assert_eq!(body(&branding)["display_name"], "Acme Events");
    let branding = rooms.http("rooms/get-branding.json", 200).await;
    assert!(
        body(&branding)["logo_url"]
            .as_str()
            .is_some_and(|u| u.contains("/branding/294596c43882dc36/logo/497790947d466676.png")),
        "{branding}"
    );
    // The host's email preview (German text part of a reminder) through the function.
    let preview = rooms.http("rooms/preview.json", 200).await;
    assert!(
        preview["body"]
            .as_str()
            .is_some_and(|b| b.contains("beginnt")),
        "{preview}"
    );
    assert_eq!(body(&got)["room_id"], ROOM);

    // The redirect backend, its key seed read from Secrets Manager (as deployed).
    let seed = aws_sdk_secretsmanager::Client::new(&sdk)
        .create_secret()
        .name("room-entry-key")
        .secret_string("sample-room-entry-key-seed-0123456789abcdef")
        .send()
        .await
        .expect("secret");
    let mut redirect = live_env.to_vec();
    redirect.extend([
        ("ROOM_BACKEND", "redirect".to_owned()),
        ("ROOM_APP_URL", "https://app.example.com/enter".to_owned()),
        (
            "ROOM_ENTRY_KEY_ARN",
            seed.arn().unwrap_or_default().to_owned(),
        ),
    ]);
    let Some(redemption) = start_with("redemption", &endpoint, &redirect).await else {
        return;
    };
    let jwks = redemption.http("redemption/jwks.json", 200).await;
    let logo = redemption.http("redemption/branding-logo.json", 200).await;
    assert_eq!(logo["isBase64Encoded"], true, "{logo}");
    assert_eq!(logo["headers"]["content-type"], "image/png");
    assert_eq!(
        logo["headers"]["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(body(&jwks)["keys"][0]["alg"], "ES256");
    let lobby = redemption.http("redemption/open-link.json", 200).await;
    assert!(lobby["body"].as_str().is_some_and(|b| b.contains("Login")));
    let redeemed = redemption.http("redemption/redeem-form.json", 303).await;
    assert_eq!(redeemed["headers"]["location"], format!("/rooms/{ROOM}"));
    let set_cookie = redeemed["cookies"].to_string() + &redeemed["headers"].to_string();
    assert!(set_cookie.contains("rooms_session="), "{redeemed}");
    let json = redemption.http("redemption/redeem-json.json", 200).await;
    assert_eq!(body(&json)["role"], "speaker");
    let status = redemption.http("redemption/room-status.json", 200).await;
    assert_eq!(body(&status)["status"], "scheduled");
    let page = redemption.http("redemption/room-page.json", 200).await;
    let csp = page["headers"]["content-security-policy"]
        .as_str()
        .unwrap_or_default();
    assert!(
        csp.contains(&format!("connect-src 'self' wss://{LIVE_REALTIME};")),
        "the pages may open the live-update WebSocket: {csp}"
    );
    assert!(page["body"]
        .as_str()
        .is_some_and(|b| b.contains("data-page=\"event\"")));
    let me = redemption.http("redemption/me.json", 200).await;
    assert_eq!(body(&me)["role"], "speaker");
    // With AppSync Events configured the page subscribes there, with a short-lived
    // token for exactly its room's channel and its own.
    let live = redemption.http("redemption/live.json", 200).await;
    let live = body(&live);
    assert_eq!(live["transport"], "appsync");
    assert_eq!(live["url"], format!("wss://{LIVE_REALTIME}/event/realtime"));
    assert_eq!(live["host"], LIVE_HTTP);
    assert_eq!(live["channels"][0], format!("/live/rooms/{ROOM}"));
    assert_eq!(live["channels"].as_array().map(Vec::len), Some(2));
    assert!(live["token"]
        .as_str()
        .is_some_and(|t| t.split('.').count() == 3));
    let early = redemption.http("redemption/room-entry.json", 409).await;
    assert_eq!(body(&early)["error"], "not_live");
    redemption.http("redemption/asset-script.json", 200).await;
    // Ann was let in: nothing to knock for.
    let knock = redemption.http("redemption/knock.json", 404).await;
    assert_eq!(body(&knock)["error"], "not_found");
    // One-click unsubscribe through the function: the sample's tag is not signed with
    // the secret (refused); the tag of the secret records it on the invite in moto.
    redemption
        .http("redemption/unsubscribe-page.json", 404)
        .await;
    redemption.http("redemption/unsubscribe.json", 404).await;
    let tag = shared::domain::unsubscribe::sign(
        &shared::domain::token::derive_key(UNSUBSCRIBE_SECRET.as_bytes(), "unsubscribe"),
        INVITE,
    )
    .expect("tag");
    let mut signed = event("redemption/unsubscribe.json");
    signed["pathParameters"]["invite_id"] = Value::String(INVITE.into());
    signed["rawPath"] = Value::String(format!("/unsubscribe/{INVITE}"));
    signed["requestContext"]["http"]["path"] = signed["rawPath"].clone();
    signed["rawQueryString"] = Value::String(format!("s={tag}"));
    signed["queryStringParameters"]["s"] = Value::String(tag);
    let done = redemption
        .api
        .invoke(signed, Duration::from_secs(20))
        .await
        .expect("unsubscribe");
    assert_eq!(done["statusCode"], 200, "{done}");
    let unsubscribed = store
        .get_invite(INVITE)
        .await
        .expect("read")
        .expect("invite");
    assert!(
        unsubscribed.unsubscribed_at.is_some(),
        "recorded in DynamoDB"
    );
    // Ann is a speaker: the moderators' waiting room is not hers.
    for sample in [
        "redemption/moderator-waiting.json",
        "redemption/moderator-admit.json",
        "redemption/moderator-admit-all.json",
    ] {
        let refused = redemption.http(sample, 403).await;
        assert_eq!(body(&refused)["error"], "forbidden", "{sample}");
    }

    let Some(participants) = start_with("participants", &endpoint, &live_env).await else {
        return;
    };
    let list = participants
        .http("participants/list-participants.json", 200)
        .await;
    assert_eq!(body(&list)["participants"][0]["email"], "ann@example.com");
    let speakers = participants
        .http("participants/list-participants-page.json", 200)
        .await;
    assert_eq!(
        body(&speakers)["participants"][0]["email"],
        "ann@example.com"
    );
    assert_eq!(body(&speakers)["next_cursor"], Value::Null);
    let csv = download(
        moto,
        &participants,
        "participants/export-participants-csv.json",
    )
    .await;
    assert!(
        csv.starts_with("email,role,joined_at,updated_at,admission\r\nann@example.com,speaker,"),
        "{csv}"
    );
    let changed = participants.http("participants/set-role.json", 200).await;
    assert_eq!(body(&changed)["role"], "moderator");
    // The waiting room: nobody waits in this room (Ann was let in directly).
    let waiting = participants
        .http("participants/waiting-list.json", 200)
        .await;
    assert_eq!(body(&waiting)["waiting"], json!([]));
    let not_waiting = participants.http("participants/admit.json", 404).await;
    assert_eq!(body(&not_waiting)["error"], "not_found");
    participants.http("participants/deny.json", 404).await;
    let all = participants.http("participants/admit-all.json", 200).await;
    assert_eq!(body(&all)["admitted"], 0);

    let Some(invites) = start("invites", &endpoint).await else {
        return;
    };
    let issued = invites.http("invites/issue-invite.json", 201).await;
    assert_eq!(body(&issued)["delivery"], "sent");
    let bulk = invites.http("invites/issue-bulk.json", 200).await;
    assert_eq!(body(&bulk)["results"][1]["error"], "invalid_email");
    // Ann, a moderator since set-role.json, invites a speaker from inside the room.
    let guest = invites.http("invites/invite-from-room.json", 201).await;
    assert_eq!(
        (&body(&guest)["role"], &body(&guest)["delivery"]),
        (&Value::from("speaker"), &Value::from("sent"))
    );
    let listed = invites.http("invites/list-invites.json", 200).await;
    let all = body(&listed)["invites"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(all.len(), 5);
    let by_ann = all
        .iter()
        .find(|i| i["invite_id"] == body(&guest)["invite_id"])
        .expect("the guest invite is listed");
    assert!(by_ann["created_by"]
        .as_str()
        .is_some_and(|c| c.starts_with("participant:p_") && c.len() == "participant:".len() + 26));
    let page = invites.http("invites/list-invites-page.json", 200).await;
    assert_eq!(body(&page)["invites"].as_array().map(Vec::len), Some(2));
    assert!(body(&page)["next_cursor"].is_string(), "{page}");
    let summary = invites.http("invites/room-summary.json", 200).await;
    assert_eq!(body(&summary)["invites"]["total"], 5);
    assert_eq!(body(&summary)["participants"]["moderator"], 1);
    let csv = download(moto, &invites, "invites/export-invites-csv.json").await;
    assert_eq!(csv.lines().count(), 6, "a header and 5 invites: {csv}");
    let resent = invites.http("invites/resend-invite.json", 200).await;
    assert_eq!(body(&resent)["delivery"], "sent");

    // SES delivery events (AWS's documented shapes) for the sample invite.
    let Some(mail_events) = start("mail-events", &endpoint).await else {
        return;
    };
    let delivered = mail_events.invoke("mail-events/delivery.json").await;
    assert_eq!(delivered["delivery"], "delivered", "{delivered}");
    let soft = mail_events
        .api
        .invoke(fixture("bounce-transient.json"), Duration::from_secs(20))
        .await
        .expect("transient bounce");
    assert_eq!(soft["ignored"], "not a hard bounce", "{soft}");
    let bounced = mail_events
        .invoke("mail-events/bounce-permanent.json")
        .await;
    assert_eq!(bounced["delivery"], "bounced", "{bounced}");
    let late = mail_events.invoke("mail-events/delivery.json").await;
    assert_eq!(
        late["delivery"], "bounced",
        "a late delivered keeps bounced: {late}"
    );
    let stored = store
        .get_invite(INVITE)
        .await
        .expect("get")
        .expect("invite");
    assert_eq!(stored.delivery, Delivery::Bounced);
    let refused = invites.http("invites/resend-invite.json", 422).await;
    assert_eq!(body(&refused)["error"], "email_suppressed");
    let complained = mail_events.invoke("mail-events/complaint.json").await;
    assert_eq!(complained["delivery"], "complained", "{complained}");
    invites.http("invites/revoke-invite.json", 204).await;

    let Some(session_start) = start_with("session-start", &endpoint, &live_env).await else {
        return;
    };
    // A reminder job: every invitee still reachable gets it (the sample invite bounced
    // and complained above, so not that one).
    let reminder = session_start.invoke("session-start/reminder.json").await;
    assert_eq!(reminder["mailing"]["stale"], false, "{reminder}");
    assert!(
        reminder["mailing"]["sent"].as_u64().is_some_and(|n| n >= 1),
        "{reminder}"
    );
    rooms.http("rooms/update-room.json", 200).await;
    let moved = session_start.invoke("session-start/reminder.json").await;
    assert_eq!(moved["mailing"]["stale"], true, "the room moved: {moved}");
    let stale = session_start
        .invoke("session-start/session-start.json")
        .await;
    assert_eq!(
        stale["outcome"], "ignored",
        "the room was rescheduled: {stale}"
    );
    let mut current = event("session-start/session-start.json");
    current["starts_at"] = Value::String("2030-12-02T15:00:00Z".into());
    let started = session_start
        .api
        .invoke(current, Duration::from_secs(20))
        .await
        .expect("session start");
    assert_eq!(started["outcome"], "started");
    // Another function started the room: the redemption function's public-room cache
    // (which its redemptions read too, for the room's admission settings) shows it
    // within its TTL (`PUBLIC_ROOM_TTL`).
    let deadline =
        std::time::Instant::now() + shared::app::PUBLIC_ROOM_TTL + Duration::from_secs(1);
    let entry = loop {
        let response = redemption.invoke("redemption/room-entry.json").await;
        if response["statusCode"] == 200 || std::time::Instant::now() > deadline {
            break response;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(entry["statusCode"], 200, "{entry}");
    assert!(body(&entry)["url"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://app.example.com/enter?room_id=")));
    rooms.http("rooms/delete-room.json", 204).await;
    // Another function (another instance) deleted the room: the redemption function's
    // public-room cache shows it within its TTL (`PUBLIC_ROOM_TTL`, 1 s).
    let deadline =
        std::time::Instant::now() + shared::app::PUBLIC_ROOM_TTL + Duration::from_secs(1);
    let gone = loop {
        let response = redemption.invoke("redemption/room-status.json").await;
        if response["statusCode"] == 410 || std::time::Instant::now() > deadline {
            break response;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(gone["statusCode"], 410, "{gone}");
    assert_eq!(body(&gone)["error"], "room_deleted");

    for f in [
        &rooms,
        &redemption,
        &participants,
        &invites,
        &session_start,
        &mail_events,
    ] {
        check_logs(f);
    }

    // The live updates the use cases announced, as published by each function: the
    // reschedule and the deletion (rooms), the start (session-start) on the room's
    // channel, Ann's new role (participants) on hers; signed as botocore signs.
    let published = appsync.requests.lock().expect("lock").clone();
    let room_channel = format!("/live/rooms/{ROOM}");
    let ann = shared::domain::participant_identity(
        b"sample-session-secret-change-me",
        ROOM,
        &EmailAddress::parse("ann@example.com").expect("email"),
    );
    let anns_channel = format!("{room_channel}/{}", ann.replace('_', "-"));
    let hosts_channel = format!("{room_channel}/hosts");
    let mut on_room = Vec::new();
    let mut on_ann = Vec::new();
    let mut on_hosts = Vec::new();
    for r in &published {
        let (channel, events) = r.channel_and_events();
        for e in events {
            if channel == room_channel {
                on_room.push((e["event"].clone(), e["data"]["status"].clone()));
            } else if channel == anns_channel {
                on_ann.push(e["data"]["role"].clone());
            } else if channel == hosts_channel {
                on_hosts.push(e["event"].clone());
            } else {
                panic!("a publish to {channel}");
            }
        }
    }
    assert_eq!(
        on_room,
        [
            (Value::from("status"), Value::from("scheduled")),
            (Value::from("status"), Value::from("live")),
            (Value::from("deleted"), Value::Null),
        ],
        "{published:?}"
    );
    assert_eq!(on_ann, [Value::from("moderator")], "{published:?}");
    // The console dashboard's channel: told of the invitations, redemptions and the role
    // change (each function at most once per room every 2 s).
    assert!(!on_hosts.is_empty(), "{published:?}");
    assert!(on_hosts.iter().all(|e| e == "activity"), "{on_hosts:?}");
    let signer = acceptance::appsync::Signer {
        access_key: "test",
        secret_key: "test",
        session_token: None,
        region: "us-east-1",
    };
    assert_eq!(
        acceptance::appsync::botocore_verifies(&published, &signer).await,
        Ok(published.len())
    );

    // The counters: one EMF line per invocation that counted something.
    let lines = emf_lines(&redemption, "room-invites-redemption");
    assert_eq!(lines.len(), 2, "the two redemptions: {lines:?}");
    for line in &lines {
        assert_eq!(line["redemptions_admitted"], 1, "{line}");
        assert_eq!(line["redemptions"], 1, "{line}");
    }
    assert_ne!(lines[0]["RequestId"], lines[1]["RequestId"]);
    let lines = emf_lines(&invites, "room-invites-invites");
    assert_eq!(
        lines[0]["invites_issued"], 1,
        "the single issue: {}",
        lines[0]
    );
    assert_eq!(lines[0]["emails_sent_invitation"], 1, "{}", lines[0]);
    let issued: u64 = lines
        .iter()
        .filter_map(|l| l["invites_issued"].as_u64())
        .sum();
    assert_eq!(
        issued, 3,
        "one single and two valid bulk entries: {lines:?}"
    );
    // One line per invocation that counted something: the reminder mailing (3 emails),
    // the session start; the ignored (stale) start and reminder count nothing.
    let lines = emf_lines(&session_start, "room-invites-session-start");
    let starts: Vec<_> = lines
        .iter()
        .filter(|l| !l["session_starts"].is_null())
        .collect();
    assert_eq!(starts.len(), 1, "{lines:?}");
    assert_eq!(starts[0]["session_starts"], 1);
    let reminders: Vec<_> = lines
        .iter()
        .filter(|l| !l["reminders_sent"].is_null())
        .collect();
    assert_eq!(reminders.len(), 1, "{lines:?}");
    assert_eq!(
        reminders[0]["reminders_sent"],
        reminders[0]["emails_sent_reminder"]
    );
    assert_eq!(
        lines.len(),
        2,
        "the ignored start counts nothing: {lines:?}"
    );
    assert!(emf_lines(&rooms, "room-invites-rooms").is_empty());
}
