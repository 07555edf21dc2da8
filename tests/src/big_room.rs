//! The big-room measurement (integrations.md §5): fills a room with invites and
//! participants straight through the store, then pages through both lists, reads the
//! summary and downloads both CSV exports through the router, measuring time and bytes.
//! `big-room-bench` runs it at 100,000 invites; the contract suite runs it small.

use crate::{host_token, Call, TestService};
use http::StatusCode;
use serde_json::Value;
use shared::domain::invite::Delivery;
use shared::domain::{EmailAddress, Invite, RedeemMode, Role, TokenHash};
use shared::ports::{RedeemRequest, Store};
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// What one run measured.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub invites: usize,
    pub participants: usize,
    pub fill: Duration,
    pub invite_pages: Lists,
    pub participant_pages: Lists,
    /// Best and median of 5 summaries.
    pub summary_best: Duration,
    pub summary_median: Duration,
    pub summary: Value,
    pub invites_csv: Download,
    pub participants_csv: Download,
}

#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub pages: usize,
    pub items: usize,
    pub bytes: usize,
    pub largest_page: usize,
    pub time: Duration,
}

#[derive(Debug, Clone, Default)]
pub struct Download {
    pub rows: usize,
    pub bytes: usize,
    pub time: Duration,
}

const ROLES: [Role; 3] = [Role::Viewer, Role::Speaker, Role::Moderator];
const DELIVERIES: [Delivery; 3] = [Delivery::Sent, Delivery::NotSent, Delivery::Failed];

/// Writes `n` invites into `room_id` (every 10th revoked, every 7th locked), and redeems
/// the first `participants` of them, `concurrency` writes at a time.
async fn fill(
    store: Arc<dyn Store>,
    room_id: &str,
    n: usize,
    participants: usize,
    concurrency: usize,
) {
    let now = shared::domain::time_fmt::trunc(OffsetDateTime::now_utc());
    let mut tasks = tokio::task::JoinSet::new();
    for k in 0..n {
        if tasks.len() >= concurrency {
            if let Some(r) = tasks.join_next().await {
                r.expect("fill task");
            }
        }
        let (store, room) = (store.clone(), room_id.to_owned());
        tasks.spawn(async move {
            let id = ulid::Ulid::new().to_string();
            let email = EmailAddress::parse(&format!("guest{k}@example.com")).expect("email");
            let invite = Invite {
                invite_id: id.clone(),
                room_id: room.clone(),
                org: "org-bench".into(),
                email: email.clone(),
                role: ROLES[k % 3],
                max_uses: Some(1),
                uses: 0,
                expires_at: now + time::Duration::days(7),
                token_hash: TokenHash(format!("bench-{id}")),
                failed_attempts: if k % 7 == 6 { 5 } else { 0 },
                revoked_at: None,
                delivery: DELIVERIES[k % 3],
                created_by: "host-bench".into(),
                created_at: now + time::Duration::seconds((k / 100) as i64),
                mail_nonce: None,
                locale: None,
                unsubscribed_at: None,
            };
            store.create_invite(&invite).await.expect("create invite");
            if k % 10 == 9 {
                store.revoke_invite(&room, &id, now).await.expect("revoke");
            } else if k < participants && k % 7 != 6 {
                store
                    .redeem(&RedeemRequest {
                        invite_id: id.clone(),
                        room_id: room.clone(),
                        role: ROLES[k % 3],
                        token_hash: TokenHash(format!("bench-{id}")),
                        email,
                        mode: RedeemMode::Consume,
                        now,
                        receipt: None,
                        new_admission: Default::default(),
                        identity: String::new(),
                    })
                    .await
                    .expect("redeem");
            }
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.expect("fill task");
    }
}

async fn pages(s: &TestService, token: &str, path: &str, field: &str) -> Lists {
    let started = Instant::now();
    let mut out = Lists::default();
    let mut url = path.to_owned();
    loop {
        let r = s.send(Call::get(&url).bearer(token)).await;
        assert_eq!(r.status, StatusCode::OK, "{url}: {}", r.text());
        out.pages += 1;
        out.bytes += r.body.len();
        out.largest_page = out.largest_page.max(r.body.len());
        let body = r.json();
        out.items += body[field].as_array().map(Vec::len).unwrap_or_default();
        match body["next_cursor"].as_str() {
            Some(c) => url = format!("{path}&cursor={c}"),
            None => break,
        }
    }
    out.time = started.elapsed();
    out
}

async fn download(s: &TestService, token: &str, path: &str) -> Download {
    let started = Instant::now();
    let r = s.send(Call::get(path).bearer(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{path}");
    let time = started.elapsed();
    let rows = r.body.windows(2).filter(|w| w == b"\r\n").count();
    Download {
        rows,
        bytes: r.body.len(),
        time,
    }
}

/// Fills a new room of `s` and measures it.
pub async fn run(
    s: &TestService,
    invites: usize,
    participants: usize,
    concurrency: usize,
) -> Measured {
    let token = host_token("org-bench", "host-bench");
    let room = s.create_room(&token, time::Duration::days(1)).await;
    let store = s.local().store.clone();
    let started = Instant::now();
    fill(store, &room, invites, participants, concurrency).await;
    let fill_time = started.elapsed();

    let invite_pages = pages(
        s,
        &token,
        &format!("/api/rooms/{room}/invites?limit=1000"),
        "invites",
    )
    .await;
    let participant_pages = pages(
        s,
        &token,
        &format!("/api/rooms/{room}/participants?limit=1000"),
        "participants",
    )
    .await;
    let mut times = Vec::new();
    let mut summary = Value::Null;
    for _ in 0..5 {
        let t = Instant::now();
        let r = s
            .send(Call::get(&format!("/api/rooms/{room}/summary")).bearer(&token))
            .await;
        times.push(t.elapsed());
        assert_eq!(r.status, StatusCode::OK);
        summary = r.json();
    }
    times.sort();
    let invites_csv = download(s, &token, &format!("/api/rooms/{room}/invites.csv")).await;
    let participants_csv =
        download(s, &token, &format!("/api/rooms/{room}/participants.csv")).await;
    Measured {
        invites,
        participants: summary["participants"]["total"]
            .as_u64()
            .unwrap_or_default() as usize,
        fill: fill_time,
        invite_pages,
        participant_pages,
        summary_best: times[0],
        summary_median: times[2],
        summary,
        invites_csv,
        participants_csv,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

impl Measured {
    /// The rows of docs/benchmarks.md.
    pub fn table(&self, store: &str) -> String {
        let l = |name: &str, x: &Lists| {
            format!(
                "| {store} | {name} | {} | {} items, {} pages | {} | {:.0} KB |\n",
                ms(x.time),
                x.items,
                x.pages,
                x.bytes,
                x.largest_page as f64 / 1024.0
            )
        };
        let d = |name: &str, x: &Download| {
            format!(
                "| {store} | {name} | {} | {} rows | {} | – |\n",
                ms(x.time),
                x.rows,
                x.bytes
            )
        };
        let mut out = String::new();
        out += &format!(
            "| {store} | fill ({} invites, {} participants) | {} | – | – | – |\n",
            self.invites,
            self.participants,
            ms(self.fill)
        );
        out += &l("GET invites, limit=1000, every page", &self.invite_pages);
        out += &l(
            "GET participants, limit=1000, every page",
            &self.participant_pages,
        );
        out += &format!(
            "| {store} | GET summary (best / median of 5) | {} / {} | – | {} | – |\n",
            ms(self.summary_best),
            ms(self.summary_median),
            self.summary.to_string().len()
        );
        out += &d("GET invites.csv", &self.invites_csv);
        out += &d("GET participants.csv", &self.participants_csv);
        out
    }

    /// The checks every run makes: everything listed and exported once, no page over 1 MB.
    pub fn check(&self) {
        assert_eq!(self.invite_pages.items, self.invites, "every invite listed");
        assert_eq!(self.participant_pages.items, self.participants);
        assert!(
            self.invite_pages.largest_page < 1024 * 1024,
            "a page over 1 MB"
        );
        assert!(self.participant_pages.largest_page < 1024 * 1024);
        assert_eq!(
            self.invites_csv.rows,
            self.invites + 1,
            "header and every invite"
        );
        assert_eq!(self.participants_csv.rows, self.participants + 1);
        assert_eq!(
            self.summary["invites"]["total"].as_u64(),
            Some(self.invites as u64)
        );
        let revoked = self.invites / 10;
        assert_eq!(
            self.summary["invites"]["revoked"].as_u64(),
            Some(revoked as u64)
        );
    }
}
