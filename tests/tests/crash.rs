//! Crash safety of local mode (issue 21, item 6): the `local` binary is killed with
//! SIGKILL at random moments while several clients create rooms, issue invites (single
//! and bulk with an `Idempotency-Key`), redeem the emailed links, change roles and
//! reschedule rooms; it is restarted each time on the same `DATA_DIR`, `OUTBOX_DIR` and
//! port. After the last restart:
//!
//! - every write answered `2xx` is still there (rooms with their last acknowledged start,
//!   or a later one whose answer was lost; invites; participants with their last
//!   acknowledged role, or a later one whose answer was lost);
//! - no invite is left unsent: every one reaches `delivery: sent` (the start-up re-queues
//!   what a crash left `pending`/`queued`) and has its invitation `.eml`;
//! - the scheduler re-arms: rooms whose start falls across restarts go live, including one
//!   created just before the last kill.
//!
//! `CRASH_KILLS` (default 20) sets the number of kills, `CRASH_SEED` the random seed
//! (printed, to replay a run). Needs the debug binary `local`
//! (`cargo build --workspace --all-targets`).

use acceptance::{host_token, link_in_at, JWT_SECRET};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use tokio::sync::watch;

#[path = "crash/server.rs"]
mod server;
use server::Server;
#[path = "crash/worker.rs"]
mod worker;
use worker::Worker;

const WORKERS: usize = 6;
const ORG: &str = "crash-org";
/// Seconds between creating the last room and its start: it is killed and restarted in
/// between, so only a re-armed timer can start it.
const LAST_ROOM_LEAD_S: i64 = 3;

/// The debug binary `local`, beside this test's executable (`target/debug/deps/..`).
fn local_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.parent()?.join("local");
    path.exists().then_some(path)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// splitmix64: a small seeded generator (the workspace has no `rand`).
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// In `lo..hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.range(0, items.len() as u64) as usize)
        }
    }
}

fn fmt(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).expect("formatted time")
}

fn parse(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// Now, to the whole second (as the service stores start times).
fn now_s() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

// ---- the outbox ----

/// One `.eml` of the outbox: its `To` address, subject and `/join/…` link.
struct Mail {
    to: String,
    subject: String,
    link: Option<String>,
}

/// The outbox read incrementally (each file once).
#[derive(Default)]
struct Outbox {
    seen: HashSet<std::ffi::OsString>,
    mails: Vec<Mail>,
    /// The newest invitation link per address.
    links: HashMap<String, String>,
}

fn header(mail: &str, name: &str) -> Option<String> {
    let head = mail.split("\r\n\r\n").next()?;
    head.split("\r\n")
        .find_map(|l| l.strip_prefix(name))
        .map(|v| v.trim().to_owned())
}

impl Outbox {
    fn refresh(&mut self, dir: &Path, base: &str) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut names: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|n| {
                let s = n.to_string_lossy();
                s.ends_with(".eml") && !s.starts_with('.')
            })
            .filter(|n| !self.seen.contains(n))
            .collect();
        names.sort();
        for name in names {
            let Ok(text) = std::fs::read_to_string(dir.join(&name)) else {
                continue;
            };
            self.seen.insert(name);
            let mail = Mail {
                to: header(&text, "To:").unwrap_or_default().to_lowercase(),
                subject: header(&text, "Subject:").unwrap_or_default(),
                link: link_in_at(&text, base),
            };
            if mail.subject.starts_with("Invitation:") {
                if let Some(link) = &mail.link {
                    self.links.insert(mail.to.clone(), link.clone());
                }
            }
            self.mails.push(mail);
        }
    }
}

// ---- what the clients were told ----

#[derive(Debug, Clone)]
struct RoomRec {
    /// The last acknowledged start.
    acked: OffsetDateTime,
    /// Starts sent after it whose answers were lost (any of them may have been applied).
    later: Vec<OffsetDateTime>,
    /// A room starting within seconds: it must be live at the end.
    arm: bool,
}

#[derive(Debug, Clone)]
struct RoleRec {
    acked: String,
    later: Vec<String>,
}

#[derive(Default)]
struct Ledger {
    rooms: BTreeMap<String, RoomRec>,
    /// invite id → (room id, email).
    invites: BTreeMap<String, (String, String)>,
    /// (room id, email) → role.
    participants: BTreeMap<(String, String), RoleRec>,
    acked: BTreeMap<&'static str, usize>,
    lost: BTreeMap<&'static str, usize>,
    /// Non-2xx answers, by `kind status code`.
    refused: BTreeMap<String, usize>,
    /// Bulk requests retried with their key after a lost answer: the retry's status.
    bulk_retries: BTreeMap<u16, usize>,
    /// Redemptions retried after a lost answer: the retry's status.
    redeem_retries: BTreeMap<u16, usize>,
    /// Answers `500` (bugs), with their bodies.
    errors_500: Vec<String>,
}

impl Ledger {
    fn ack(&mut self, kind: &'static str) {
        *self.acked.entry(kind).or_default() += 1;
    }
    fn lose(&mut self, kind: &'static str) {
        *self.lost.entry(kind).or_default() += 1;
    }
    fn refuse(&mut self, kind: &'static str, status: u16, body: &Value) {
        let code = body["error"].as_str().unwrap_or("-");
        *self
            .refused
            .entry(format!("{kind} {status} {code}"))
            .or_default() += 1;
        if status == 500 {
            self.errors_500.push(format!("{kind}: {body}"));
        }
    }
    fn merge(&mut self, other: Ledger) {
        self.rooms.extend(other.rooms);
        self.invites.extend(other.invites);
        self.participants.extend(other.participants);
        for (k, v) in other.acked {
            *self.acked.entry(k).or_default() += v;
        }
        for (k, v) in other.lost {
            *self.lost.entry(k).or_default() += v;
        }
        for (k, v) in other.refused {
            *self.refused.entry(k).or_default() += v;
        }
        for (k, v) in other.bulk_retries {
            *self.bulk_retries.entry(k).or_default() += v;
        }
        for (k, v) in other.redeem_retries {
            *self.redeem_retries.entry(k).or_default() += v;
        }
        self.errors_500.extend(other.errors_500);
    }
}

/// The server's life as the clients see it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Life {
    generation: u64,
    up: bool,
    stop: bool,
}

/// An answer, or none (connection refused, reset or closed: the process died).
enum Answer {
    Got {
        status: u16,
        body: Value,
        replayed: bool,
    },
    Lost,
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let Ok(response) = request.send().await else {
        return Answer::Lost;
    };
    let status = response.status().as_u16();
    let replayed = response.headers().contains_key("idempotent-replayed");
    let Ok(bytes) = response.bytes().await else {
        return Answer::Lost;
    };
    // JSON, or an HTML page whose `data-error` names the error.
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        let text = String::from_utf8_lossy(&bytes);
        let code = text
            .split_once("data-error=\"")
            .and_then(|(_, rest)| rest.split('"').next())
            .unwrap_or("-");
        json!({ "error": code })
    });
    Answer::Got {
        status,
        body,
        replayed,
    }
}

/// Every item of a paged list (`?limit=1000`, following `next_cursor`).
async fn list_all(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    path: &str,
    field: &str,
) -> Result<Vec<Value>, String> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut request = client
            .get(format!("{base}{path}"))
            .bearer_auth(token)
            .query(&[("limit", "1000")]);
        if let Some(c) = &cursor {
            request = request.query(&[("cursor", c)]);
        }
        let response = request.send().await.map_err(|e| format!("{path}: {e}"))?;
        let status = response.status();
        let body: Value = response.json().await.map_err(|e| format!("{path}: {e}"))?;
        if !status.is_success() {
            return Err(format!("{path}: {status} {body}"));
        }
        items.extend(body[field].as_array().cloned().unwrap_or_default());
        match body["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return Ok(items),
        }
    }
}

async fn get_json(client: &reqwest::Client, base: &str, token: &str, path: &str) -> (u16, Value) {
    let response = client
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_kill_9_and_the_scheduler_rearms() {
    let Some(bin) = local_binary() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the local binary is not built"
        );
        eprintln!("note: local is not built; run cargo build --workspace --all-targets");
        return;
    };
    let began = Instant::now();
    let kills: usize = std::env::var("CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(21)
        });
    println!("crash: {kills} kills, CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server {
        bin,
        dir: dir.path().to_owned(),
        port: free_port(),
        child: None,
        log: dir.path().join("local.log"),
    };
    let base = server.base();
    let outbox_dir = dir.path().join("outbox");
    // A new connection per request: none is reused across a kill.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(15))
        .build()
        .expect("client");
    let token = host_token(ORG, "crash-host");
    let outbox = Arc::new(Mutex::new(Outbox::default()));

    let (life_tx, life_rx) = watch::channel(Life {
        generation: 0,
        up: false,
        stop: false,
    });
    let workers: Vec<_> = (0..WORKERS)
        .map(|id| {
            let worker = Worker {
                id,
                rng: Rng(seed ^ ((id as u64 + 1) * 0x1000_0000_01B3)),
                client: client.clone(),
                base: base.clone(),
                outbox_dir: outbox_dir.clone(),
                outbox: outbox.clone(),
                token: token.clone(),
                ledger: Ledger::default(),
                seq: 0,
                unredeemed: vec![],
                pending_bulk: None,
                pending_redeem: None,
            };
            tokio::spawn(worker.run(life_rx.clone()))
        })
        .collect();

    let mut starts = Vec::new();
    let mut last_room: Option<(String, OffsetDateTime)> = None;
    for kill in 0..kills {
        starts.push(server.start(&client).await);
        life_tx.send_modify(|l| {
            l.generation += 1;
            l.up = true;
        });
        if kill + 1 == kills {
            // Created in the last life, starting after the last restart.
            let at = now_s() + time::Duration::seconds(LAST_ROOM_LEAD_S);
            let r = client
                .post(format!("{base}/api/rooms"))
                .bearer_auth(&token)
                .json(&json!({"title": "Starts after the last kill", "starts_at": fmt(at), "reminders": []}))
                .send()
                .await
                .expect("create the last room");
            assert_eq!(r.status().as_u16(), 201, "the last room");
            let body: Value = r.json().await.expect("room JSON");
            last_room = Some((body["room_id"].as_str().expect("room_id").to_owned(), at));
        }
        // The random moment of the kill.
        tokio::time::sleep(Duration::from_millis(rng.range(50, 400))).await;
        life_tx.send_modify(|l| l.up = false);
        server.kill9();
    }
    life_tx.send_modify(|l| l.stop = true);
    let mut ledger = Ledger::default();
    for w in workers {
        ledger.merge(w.await.expect("worker"));
    }
    let load_time = began.elapsed();

    // ---- the last restart ----
    starts.push(server.start(&client).await);
    let mut failures: Vec<String> = Vec::new();
    let (last_id, last_at) = last_room.expect("the last room was created");
    if OffsetDateTime::now_utc() < last_at - time::Duration::milliseconds(500) {
        let (status, room) =
            get_json(&client, &base, &token, &format!("/api/rooms/{last_id}")).await;
        if status != 200 || room["status"] != "scheduled" {
            failures.push(format!(
                "the last room before its start: {status} {room} (expected scheduled)"
            ));
        }
    }

    // Rooms: readable, with the last acknowledged start or a later one whose answer
    // was lost.
    for (id, rec) in &ledger.rooms {
        let (status, room) = get_json(&client, &base, &token, &format!("/api/rooms/{id}")).await;
        if status != 200 {
            failures.push(format!("room {id} (acknowledged): {status} {room}"));
            continue;
        }
        let stored = room["starts_at"].as_str().and_then(parse);
        if !stored.is_some_and(|s| s == rec.acked || rec.later.contains(&s)) {
            failures.push(format!(
                "room {id}: starts_at {:?}, acknowledged {} (later unanswered: {:?})",
                room["starts_at"],
                fmt(rec.acked),
                rec.later.iter().map(|t| fmt(*t)).collect::<Vec<_>>()
            ));
        }
    }

    // Invites: none left pending or queued (bounded wait: the start-up sends them).
    let mut room_ids: Vec<String> = ledger.rooms.keys().cloned().collect();
    room_ids.push(last_id.clone());
    let settle = Instant::now();
    let deadline = settle + Duration::from_secs(20);
    let invites: Vec<Value> = loop {
        let mut all = Vec::new();
        for room in &room_ids {
            match list_all(
                &client,
                &base,
                &token,
                &format!("/api/rooms/{room}/invites"),
                "invites",
            )
            .await
            {
                Ok(items) => all.extend(items),
                Err(e) => failures.push(e),
            }
        }
        let waiting: Vec<&Value> = all
            .iter()
            .filter(|i| matches!(i["delivery"].as_str(), Some("pending" | "queued")))
            .collect();
        if waiting.is_empty() {
            break all;
        }
        if Instant::now() > deadline {
            failures.push(format!(
                "{} invites still pending/queued 20 s after the last restart, e.g. {}",
                waiting.len(),
                waiting[0]
            ));
            break all;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let settle_time = settle.elapsed();
    let listed: HashMap<&str, &Value> = invites
        .iter()
        .filter_map(|i| i["invite_id"].as_str().map(|id| (id, i)))
        .collect();
    for (id, (room, email)) in &ledger.invites {
        match listed.get(id.as_str()) {
            None => failures.push(format!(
                "invite {id} ({email}, room {room}, acknowledged) is not listed"
            )),
            Some(i) if i["email"] != email.as_str() || i["room_id"] != room.as_str() => failures
                .push(format!(
                    "invite {id}: listed as {i}, acknowledged for {email} in {room}"
                )),
            Some(_) => {}
        }
    }
    // The whole outbox read again from the disk.
    let mut box_ = Outbox::default();
    box_.refresh(&outbox_dir, &base);
    let mut invitations: HashMap<&str, usize> = HashMap::new();
    for mail in box_
        .mails
        .iter()
        .filter(|m| m.subject.starts_with("Invitation:"))
    {
        *invitations.entry(mail.to.as_str()).or_default() += 1;
    }
    let mut duplicates = 0;
    for invite in &invites {
        let email = invite["email"].as_str().unwrap_or_default();
        let delivery = invite["delivery"].as_str().unwrap_or_default();
        if delivery != "sent" {
            failures.push(format!("invite not sent: {invite}"));
            continue;
        }
        match invitations.get(email) {
            None | Some(0) => failures.push(format!(
                "invite {} is `sent` but no invitation .eml is addressed to {email}",
                invite["invite_id"]
            )),
            Some(n) => duplicates += n - 1,
        }
    }
    let listed_emails: HashSet<&str> = invites.iter().filter_map(|i| i["email"].as_str()).collect();
    let orphans = invitations
        .keys()
        .filter(|e| !listed_emails.contains(*e))
        .count();

    // Participants: every acknowledged redemption, with an acknowledged (or later) role.
    let mut by_room: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (room, _) in ledger.participants.keys() {
        if !by_room.contains_key(room.as_str()) {
            let path = format!("/api/rooms/{room}/participants");
            match list_all(&client, &base, &token, &path, "participants").await {
                Ok(items) => {
                    by_room.insert(room, items);
                }
                Err(e) => failures.push(e),
            }
        }
    }
    for ((room, email), rec) in &ledger.participants {
        let found = by_room
            .get(room.as_str())
            .and_then(|ps| ps.iter().find(|p| p["email"] == email.as_str()));
        match found {
            None => failures.push(format!(
                "participant {email} of {room} (redemption acknowledged) is missing"
            )),
            Some(p) => {
                let role = p["role"].as_str().unwrap_or_default();
                if role != rec.acked && !rec.later.iter().any(|r| r == role) {
                    failures.push(format!(
                        "participant {email} of {room}: role {role}, acknowledged {} (later unanswered: {:?})",
                        rec.acked, rec.later
                    ));
                }
            }
        }
    }

    // The scheduler re-arms: every room due within seconds goes live, the last one too.
    let mut due: Vec<(String, OffsetDateTime)> = ledger
        .rooms
        .iter()
        .filter(|(_, r)| r.arm)
        .map(|(id, r)| (id.clone(), r.acked))
        .collect();
    due.push((last_id.clone(), last_at));
    let latest = due.iter().map(|(_, at)| *at).max().unwrap_or(last_at);
    let live_deadline = Instant::now()
        + Duration::from_secs(10)
        + Duration::try_from(latest - OffsetDateTime::now_utc()).unwrap_or_default();
    let mut not_live: Vec<String> = due.iter().map(|(id, _)| id.clone()).collect();
    while !not_live.is_empty() {
        let mut still = Vec::new();
        for id in &not_live {
            let (_, room) = get_json(&client, &base, &token, &format!("/api/rooms/{id}")).await;
            if room["status"] != "live" {
                still.push(id.clone());
            }
        }
        not_live = still;
        if not_live.is_empty() || Instant::now() > live_deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if !not_live.is_empty() {
        failures.push(format!(
            "{} of {} rooms past their start are not live (the last room {}): {:?}",
            not_live.len(),
            due.len(),
            if not_live.contains(&last_id) {
                "among them"
            } else {
                "is live"
            },
            not_live
        ));
    }
    // A redemption whose answer a kill cut, retried by the same browser (its lobby
    // nonce), is let in again, never told `link_used` (admission.md section 5).
    if let Some(n) = ledger.redeem_retries.get(&410) {
        failures.push(format!(
            "{n} redemption retries after a lost answer were answered 410"
        ));
    }
    for e in &ledger.errors_500 {
        failures.push(format!("answered 500: {e}"));
    }
    // A bulk whose answer a kill cut, sent again with its `Idempotency-Key` after the
    // restart, takes over the dead request's claim (local mode ends every lease when it
    // starts): never `409` for a day, and never an invite issued twice.
    if let Some(n) = ledger.bulk_retries.get(&409) {
        failures.push(format!(
            "{n} bulk retries after a lost answer were answered 409 (a key left in progress)"
        ));
    }
    let mut issued: HashMap<(&str, &str), usize> = HashMap::new();
    for invite in &invites {
        let room = invite["room_id"].as_str().unwrap_or_default();
        let email = invite["email"].as_str().unwrap_or_default();
        *issued.entry((room, email)).or_default() += 1;
    }
    for ((room, email), n) in issued.into_iter().filter(|(_, n)| *n > 1) {
        failures.push(format!("{email} was invited {n} times to {room}"));
    }

    let acked_total: usize = ledger.acked.values().sum();
    let avg_start = starts.iter().sum::<Duration>() / starts.len().max(1) as u32;
    println!(
        "crash summary: kills={kills} seed={seed} acknowledged={acked_total} {:?} \
         unanswered={:?} refused={:?} bulk_retries={:?} redeem_retries={:?} \
         invites_checked={} invitation_emails={} duplicate_invitation_emails={duplicates} \
         orphan_invitation_addresses={orphans} participants_checked={} rooms_checked={} \
         rooms_live_checked={} avg_start={avg_start:?} settle={settle_time:?} \
         load={load_time:?} total={:?}",
        ledger.acked,
        ledger.lost,
        ledger.refused,
        ledger.bulk_retries,
        ledger.redeem_retries,
        invites.len(),
        invitations.values().sum::<usize>(),
        ledger.participants.len(),
        ledger.rooms.len(),
        due.len(),
        began.elapsed()
    );
    if !failures.is_empty() {
        eprintln!("--- local's log (last lines) ---\n{}", server.log_tail());
        let dir = dir.keep();
        panic!(
            "{} crash-safety failures (data kept in {}):\n{}",
            failures.len(),
            dir.display(),
            failures.join("\n")
        );
    }
    assert!(
        ledger.acked.get("invite").copied().unwrap_or(0) > 0
            && ledger.acked.get("redemption").copied().unwrap_or(0) > 0,
        "the load did too little to test anything: {:?}",
        ledger.acked
    );
}
