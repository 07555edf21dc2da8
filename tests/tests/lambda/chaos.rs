//! The chaos run (issue 21): the function binaries against moto behind the fault proxy
//! (`acceptance::fault_proxy`), with a mixed workload — bulk issuance with email,
//! 16-way races on single-use links (and each racer's retry after a lost answer), role
//! changes, reschedules — while a share of DynamoDB and SES calls fails (throttles,
//! 500/503, latency beyond the attempt timeout, resets before and after forwarding).
//! Then the faults stop, the mail queue drains through the session-start function, and
//! every promise is checked. The short run is in `.ci/run`; the long one
//! (`CHAOS_ROOMS=40`) is documented with its figures in docs/reliability.md.

use super::{start_with, Function};
use acceptance::fault_proxy::{FaultProxy, Plan, FAULTS};
use serde_json::{json, Value};
use shared::domain::listing::{InviteFilter, PageRequest};
use shared::ports::Store;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TOKEN: &str = "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJob3N0LWRhbmEiLCJvcmciOiJvcmctZGVtbyIsImVtYWlsIjoiZGFuYUBleGFtcGxlLmNvbSIsImV4cCI6NDEwMjQ0NDgwMH0.9BmRo3lfGOiP7GTa8H9SUEcQ_3Ej4y4eDe8YVFWKO7o";
const RACERS: usize = 16;

/// Functions of one kind, called in turn (each queues its invocations, as Lambda
/// would run them on one instance).
struct Pool {
    functions: Vec<Function>,
    next: AtomicUsize,
}

impl Pool {
    fn pick(&self) -> &Function {
        let i = self.next.fetch_add(1, Ordering::SeqCst) % self.functions.len();
        &self.functions[i]
    }
}

/// What the run saw.
#[derive(Default)]
struct Tally {
    by_status: BTreeMap<u16, u64>,
    unavailable_without_retry_after: u64,
    /// Answers that refused a write which the client had every right to make.
    refused: Vec<String>,
}

struct Run {
    rooms: Pool,
    invites: Pool,
    redemption: Pool,
    participants: Pool,
    tally: Mutex<Tally>,
}

/// An API Gateway (HTTP API, payload 2.0) event.
fn http_event(
    method: &str,
    route: &str,
    path: &str,
    params: Value,
    body: Option<Value>,
    cookie: Option<&str>,
    key: Option<&str>,
) -> Value {
    let mut headers = json!({
        "host": "rooms.example.com",
        "x-forwarded-proto": "https",
        "accept": "application/json",
        "content-type": "application/json",
        "authorization": TOKEN,
    });
    if let Some(k) = key {
        headers["idempotency-key"] = json!(k);
    }
    let mut event = json!({
        "version": "2.0",
        "routeKey": format!("{method} {route}"),
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "abcdef1234",
            "domainName": "rooms.example.com", "domainPrefix": "rooms",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1",
                     "sourceIp": "203.0.113.7", "userAgent": "chaos"},
            "requestId": ulid::Ulid::new().to_string(), "routeKey": format!("{method} {route}"),
            "stage": "$default", "time": "27/Nov/2026:10:00:00 +0000", "timeEpoch": 1795773600000u64
        },
        "isBase64Encoded": false,
        "pathParameters": params,
    });
    if let Some(b) = body {
        event["body"] = json!(b.to_string());
    }
    if let Some(c) = cookie {
        event["cookies"] = json!([c]);
    }
    event
}

impl Run {
    /// Invokes until the answer is not a 503 (a client honouring `Retry-After`, scaled
    /// down), at most 30 times; every answer is tallied.
    async fn call(&self, pool: &Pool, event: &Value) -> (u16, Value, Value) {
        for _ in 0..30 {
            let response = pool
                .pick()
                .api
                .invoke(event.clone(), Duration::from_secs(60))
                .await
                .unwrap_or_else(|e| panic!("invocation failed: {e}"));
            let status = response["statusCode"].as_u64().unwrap_or(0) as u16;
            let headers = response["headers"].clone();
            {
                let mut t = self.tally.lock().expect("tally");
                *t.by_status.entry(status).or_default() += 1;
                if status == 503 && headers.get("retry-after").is_none() {
                    t.unavailable_without_retry_after += 1;
                }
            }
            if status != 503 {
                let body = serde_json::from_str(response["body"].as_str().unwrap_or_default())
                    .unwrap_or(Value::Null);
                return (status, body, headers);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("still 503 after 30 tries: {event}");
    }

    fn refused(&self, what: String) {
        self.tally.lock().expect("tally").refused.push(what);
    }
}

/// One room's share of the workload; returns what was acknowledged.
async fn room_workload(run: Arc<Run>, n: usize) -> RoomResult {
    let (status, room, _) = run
        .call(&run.rooms, &http_event("POST", "/api/rooms", "/api/rooms", json!({}),
            Some(json!({"title": format!("Chaos {n}"), "starts_at": "2030-12-01T15:00:00Z", "reminders": []})), None, None))
        .await;
    assert_eq!(status, 201, "create room: {room}");
    let room_id = room["room_id"].as_str().expect("room_id").to_owned();
    let path = format!("/api/rooms/{room_id}/invites");
    let params = json!({"room_id": room_id});
    let mut emailed = Vec::new();
    let mut links = Vec::new();
    // Bulk issuance with email, and single-use links shown rather than mailed.
    for batch in 0..2 {
        let entries: Vec<Value> = (0..10)
            .map(|i| json!({"email": format!("r{n}b{batch}i{i}@example.com")}))
            .collect();
        let key = format!("chaos-{room_id}-{batch}");
        let (status, body, _) = run
            .call(
                &run.invites,
                &http_event(
                    "POST",
                    "/api/rooms/{room_id}/invites",
                    &path,
                    params.clone(),
                    Some(json!({"invites": entries})),
                    None,
                    Some(&key),
                ),
            )
            .await;
        assert!(
            status == 200 || status == 201 || status == 207,
            "bulk: {status} {body}"
        );
        for item in body["results"].as_array().into_iter().flatten() {
            match item["invite"].as_object() {
                Some(invite) => emailed.push((
                    invite["invite_id"].as_str().unwrap_or_default().to_owned(),
                    invite["email"].as_str().unwrap_or_default().to_owned(),
                )),
                None => run.refused(format!("bulk entry refused: {item}")),
            }
        }
    }
    let entries: Vec<Value> = (0..4)
        .map(|i| json!({"email": format!("r{n}race{i}@example.com"), "send_email": false, "max_uses": 1}))
        .collect();
    let (_, body, _) = run
        .call(
            &run.invites,
            &http_event(
                "POST",
                "/api/rooms/{room_id}/invites",
                &path,
                params.clone(),
                Some(json!({"invites": entries})),
                None,
                Some(&format!("chaos-{room_id}-links")),
            ),
        )
        .await;
    for item in body["results"].as_array().into_iter().flatten() {
        match (
            item["invite"]["link"].as_str(),
            item["invite"]["email"].as_str(),
        ) {
            (Some(link), Some(email)) => links.push((link.to_owned(), email.to_owned())),
            _ => run.refused(format!("link entry refused: {item}")),
        }
    }
    // 16-way races on each single-use link, each racer its own browser (nonce); a
    // racer answered 503 tries again with its nonce until it hears.
    let mut races = Vec::new();
    for (link, email) in &links {
        let token = link.rsplit('/').next().expect("token").to_owned();
        let attempts = (0..RACERS).map(|_| {
            let run = run.clone();
            let (token, email) = (token.clone(), email.clone());
            async move {
                let nonce = shared::domain::admission::new_browser_nonce().expect("nonce");
                let cookie = format!("rooms_lobby={nonce}");
                let event = http_event(
                    "POST",
                    "/join/{token}",
                    &format!("/join/{token}"),
                    json!({"token": token}),
                    Some(json!({"email": email})),
                    Some(&cookie),
                    None,
                );
                let (status, body, _) = run.call(&run.redemption, &event).await;
                (status, body, event)
            }
        });
        let outcomes = futures_util::future::join_all(attempts).await;
        let mut admitted = 0;
        let mut relost = 0;
        for (status, body, event) in &outcomes {
            if *status == 200 {
                admitted += 1;
                // Its answer lost: the same browser asks again and is let in again.
                let (again, body2, _) = run.call(&run.redemption, event).await;
                if again != 200 {
                    relost += 1;
                    run.refused(format!("the winner's retry was answered {again}: {body2}"));
                }
            } else if !(*status == 410 && body["error"] == "link_used") {
                run.refused(format!("racer answered {status}: {body}"));
            }
        }
        races.push((email.clone(), admitted, relost));
    }
    // Role changes of the winners, and a reschedule.
    for (email, admitted, _) in &races {
        if *admitted != 1 {
            continue;
        }
        let role_path = format!("/api/rooms/{room_id}/participants/{email}/role");
        let (status, body, _) = run
            .call(
                &run.participants,
                &http_event(
                    "PUT",
                    "/api/rooms/{room_id}/participants/{email}/role",
                    &role_path,
                    json!({"room_id": room_id, "email": email}),
                    Some(json!({"role": "moderator"})),
                    None,
                    None,
                ),
            )
            .await;
        if status != 200 {
            run.refused(format!("role change answered {status}: {body}"));
        }
    }
    let starts_at = format!("2030-12-0{}T15:00:00Z", 2 + n % 7);
    let (status, body, _) = run
        .call(
            &run.rooms,
            &http_event(
                "PATCH",
                "/api/rooms/{room_id}",
                &format!("/api/rooms/{room_id}"),
                params.clone(),
                Some(json!({"starts_at": starts_at})),
                None,
                None,
            ),
        )
        .await;
    if status != 200 {
        run.refused(format!("reschedule answered {status}: {body}"));
    }
    RoomResult {
        room_id,
        starts_at: (status == 200).then_some(starts_at),
        emailed,
        races,
    }
}

struct RoomResult {
    room_id: String,
    starts_at: Option<String>,
    emailed: Vec<(String, String)>,
    /// (email, racers admitted, winner retries refused).
    races: Vec<(String, usize, usize)>,
}

/// Feeds the queued emails to the session-start function as SQS batches (what the
/// event source mapping does), deleting what it did not report failed, until the queue
/// is empty and no invite waits.
async fn drain(
    sqs: &aws_sdk_sqs::Client,
    url: &str,
    session_start: &Function,
    store: &dyn Store,
    rooms: &[RoomResult],
) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut batches = 0;
    loop {
        let out = sqs
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(10)
            .message_attribute_names("All")
            .wait_time_seconds(1)
            .send()
            .await
            .expect("receive");
        let messages = out.messages.unwrap_or_default();
        if !messages.is_empty() {
            batches += 1;
            let records: Vec<Value> = messages
                .iter()
                .map(|m| {
                    let attrs: serde_json::Map<String, Value> = m
                        .message_attributes()
                        .map(|a| {
                            a.iter()
                                .map(|(k, v)| (k.clone(), json!({"stringValue": v.string_value(), "dataType": v.data_type()})))
                                .collect()
                        })
                        .unwrap_or_default();
                    json!({"messageId": m.message_id(), "receiptHandle": m.receipt_handle(), "body": m.body(),
                           "messageAttributes": attrs, "eventSource": "aws:sqs",
                           "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:mail-retries", "awsRegion": "us-east-1"})
                })
                .collect();
            let answer = session_start
                .api
                .invoke(json!({"Records": records}), Duration::from_secs(60))
                .await
                .expect("session-start answers");
            let failed: Vec<String> = answer["batchItemFailures"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f["itemIdentifier"].as_str().map(str::to_owned))
                .collect();
            for m in &messages {
                if !failed.iter().any(|f| Some(f.as_str()) == m.message_id()) {
                    sqs.delete_message()
                        .queue_url(url)
                        .receipt_handle(m.receipt_handle().unwrap_or_default())
                        .send()
                        .await
                        .expect("delete");
                }
            }
            continue;
        }
        let mut waiting = 0;
        for room in rooms {
            for (id, _) in &room.emailed {
                if let Some(i) = store.get_invite(id).await.expect("get") {
                    if matches!(i.delivery, shared::domain::Delivery::Queued) {
                        waiting += 1;
                    }
                }
            }
        }
        if waiting == 0 {
            return batches;
        }
        assert!(
            Instant::now() < deadline,
            "{waiting} invitations still queued"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nothing_is_lost_when_aws_misbehaves() {
    let Some((_lease, moto)) = super::support::moto::lease().await else {
        return;
    };
    let started = Instant::now();
    let rooms_n: usize = std::env::var("CHAOS_ROOMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let seed: u64 = std::env::var("CHAOS_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(21);
    let store = super::support::dynamo_store(moto, None).await;
    let sdk = moto.sdk_config().await;
    super::seed::aws_resources(&sdk).await;
    let sqs = aws_sdk_sqs::Client::new(&sdk);
    let url = sqs
        .create_queue()
        .queue_name("mail-retries")
        .send()
        .await
        .expect("queue")
        .queue_url
        .expect("url");
    let upstream: std::net::SocketAddr = moto
        .endpoint
        .trim_start_matches("http://")
        .parse()
        .expect("moto address");
    let proxy = FaultProxy::start(
        upstream,
        Plan {
            rates: [("dynamodb", 0.10), ("ses", 0.30)].into_iter().collect(),
            latency: Duration::from_millis(5_500),
        },
        seed,
    )
    .await
    .expect("proxy");
    let env = [
        ("MAIL_QUEUE_URL", url.clone()),
        ("MAIL_RETRY_FIRST_S", "1".to_owned()),
    ];
    let mut pools = Vec::new();
    for (name, n) in [
        ("rooms", 1),
        ("invites", 2),
        ("redemption", 3),
        ("participants", 1),
    ] {
        let mut functions = Vec::new();
        for _ in 0..n {
            let Some(f) = start_with(name, &proxy.endpoint(), &env).await else {
                return;
            };
            functions.push(f);
        }
        pools.push(Pool {
            functions,
            next: AtomicUsize::new(0),
        });
    }
    let Some(session_start) = start_with("session-start", &proxy.endpoint(), &env).await else {
        return;
    };
    let mut pools = pools.into_iter();
    let run = Arc::new(Run {
        rooms: pools.next().expect("rooms"),
        invites: pools.next().expect("invites"),
        redemption: pools.next().expect("redemption"),
        participants: pools.next().expect("participants"),
        tally: Mutex::default(),
    });

    let results =
        futures_util::future::join_all((0..rooms_n).map(|n| room_workload(run.clone(), n))).await;
    let workload = started.elapsed();
    proxy.heal();
    let batches = drain(&sqs, &url, &session_start, &store, &results).await;

    // Acknowledged writes are there; no link was used more than allowed.
    let now = time::OffsetDateTime::now_utc();
    let (mut emailed, mut over_used, mut not_sent) = (0, 0, Vec::new());
    for r in &results {
        let room = store
            .get_room(&r.room_id)
            .await
            .expect("get")
            .expect("an acknowledged room is stored");
        if let Some(s) = &r.starts_at {
            assert_eq!(
                shared::domain::time_fmt::format(room.starts_at),
                *s,
                "the acknowledged reschedule"
            );
        }
        let page = store
            .list_invites(
                &r.room_id,
                &InviteFilter::default(),
                now,
                &PageRequest {
                    limit: 1000,
                    after: None,
                },
            )
            .await
            .expect("list");
        over_used += page
            .items
            .iter()
            .filter(|i| i.max_uses.is_some_and(|m| i.uses > m))
            .count();
        for (id, email) in &r.emailed {
            emailed += 1;
            let invite = page
                .items
                .iter()
                .find(|i| &i.invite_id == id)
                .expect("an acknowledged invite is stored");
            if !matches!(
                invite.delivery,
                shared::domain::Delivery::Sent | shared::domain::Delivery::Pending
            ) {
                not_sent.push(format!("{email}: {}", invite.delivery.as_str()));
            }
        }
    }
    let stats = proxy.stats();
    let mut never_mailed = Vec::new();
    let mut duplicates = 0;
    for r in &results {
        for (_, email) in &r.emailed {
            match stats.ses_accepted.get(email).copied().unwrap_or(0) {
                0 => never_mailed.push(email.clone()),
                n => duplicates += n - 1,
            }
        }
    }
    let ses_ambiguous: u64 = stats
        .faults
        .iter()
        .filter(|((s, f), _)| {
            s == "ses"
                && matches!(
                    f,
                    acceptance::fault_proxy::Fault::ResetAfter
                        | acceptance::fault_proxy::Fault::Latency
                )
        })
        .map(|(_, n)| n)
        .sum();
    let tally = run.tally.lock().expect("tally");
    let races: Vec<&(String, usize, usize)> = results.iter().flat_map(|r| r.races.iter()).collect();
    let wrong_races: Vec<_> = races
        .iter()
        .filter(|(_, admitted, _)| *admitted != 1)
        .collect();
    let relost: usize = races.iter().map(|r| r.2).sum();
    let faults: BTreeMap<String, u64> = stats
        .faults
        .iter()
        .map(|((s, f), n)| (format!("{s} {f:?}"), *n))
        .collect();
    let calls: BTreeMap<String, u64> =
        stats
            .calls
            .iter()
            .fold(BTreeMap::new(), |mut m, ((s, _), n)| {
                *m.entry(s.clone()).or_default() += n;
                m
            });
    let summary = json!({
        "rooms": rooms_n, "seed": seed,
        "workload_s": workload.as_secs_f64(), "total_s": started.elapsed().as_secs_f64(),
        "answers_by_status": tally.by_status,
        "aws_calls": calls, "faults_injected": faults,
        "fault_kinds": FAULTS.len(),
        "emailed_invites": emailed, "races": races.len(), "racers_per_link": RACERS,
        "queue_batches": batches,
        "assertions": {
            "acknowledged_writes_lost": 0,
            "writes_refused_although_made": tally.refused.len(),
            "links_redeemed_beyond_uses": over_used,
            "races_without_exactly_one_owner": wrong_races.len(),
            "owners_refused_after_a_lost_answer": relost,
            "answers_500": tally.by_status.get(&500).copied().unwrap_or(0),
            "answers_503_without_retry_after": tally.unavailable_without_retry_after,
            "invitations_not_sent": not_sent.len(),
            "invitations_never_mailed": never_mailed.len(),
            "invitations_mailed_twice_or_more": duplicates,
            "ses_answers_lost_by_the_proxy": ses_ambiguous,
        },
    });
    println!(
        "chaos summary: {}",
        serde_json::to_string_pretty(&summary).unwrap_or_default()
    );
    let out = super::repo().join("test-output");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(
        out.join(format!("chaos-{rooms_n}.json")),
        serde_json::to_string_pretty(&summary).unwrap_or_default(),
    );

    assert!(
        stats.faults.values().sum::<u64>() > 0,
        "faults were injected"
    );
    assert_eq!(tally.by_status.get(&500), None, "no 500 answers");
    assert_eq!(
        tally.unavailable_without_retry_after, 0,
        "every 503 says when to retry"
    );
    assert!(
        tally.refused.is_empty(),
        "writes refused: {:#?}",
        tally.refused
    );
    assert_eq!(over_used, 0, "no link used beyond its uses");
    assert!(
        wrong_races.is_empty(),
        "each raced link has exactly one owner: {wrong_races:?}"
    );
    assert_eq!(relost, 0, "owners let in again after a lost answer");
    assert!(
        not_sent.is_empty(),
        "every invitation sent after the outage: {not_sent:?}"
    );
    assert!(
        never_mailed.is_empty(),
        "every invitation reached SES: {never_mailed:?}"
    );
    assert!(
        duplicates <= ses_ambiguous,
        "a second email only where SES's answer was lost ({duplicates} > {ses_ambiguous})"
    );
}
