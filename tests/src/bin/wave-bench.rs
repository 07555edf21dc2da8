//! `wave-bench [N] [ENTRY_CONCURRENCY]`: the session-start wave on this machine
//! (issue 10, item 4; results and commands in docs/benchmarks.md).
//!
//! Runs the release `local` binary (beside this one, or `WAVE_SERVER`) as its own
//! process, so that its memory is measured alone (`/proc/<pid>/status`), and then:
//! 1. creates a room an hour ahead, issues N invites in bulk (500 per request, no email)
//!    and redeems every link through `POST /join/{token}` (one session cookie each);
//! 2. opens N concurrent `GET /rooms/{id}/events` streams (one TCP connection each, hyper
//!    over loopback) and waits until every one has its first `status` and `role`;
//! 3. reads the server's RSS, moves the start to a few seconds ahead (`PATCH starts_at`:
//!    every stream gets the new `status`), and lets the local scheduler fire it;
//! 4. records, per stream, the delay from `starts_at` to its `event: status` with
//!    `"live"`;
//! 5. lets every participant enter (room page + `/rooms/{id}/entry`) with bounded
//!    concurrency, and prints latency percentiles and errors.
//!
//! The process raises its open-file limit to the hard limit (the server inherits it);
//! the hard limit is what caps N on a machine where it cannot be raised.

use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use shared::http::auth::{sign_host_token, HostClaims};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, Semaphore};

const SECRET: &str = "wave-bench-host-secret-0123456789abcdef";
/// Streams per source address: the ephemeral port range holds about 28,000 ports per
/// address, fewer while earlier runs' connections are in TIME_WAIT.
const PER_SOURCE: usize = 10_000;
/// Handshakes in flight while the streams open.
const CONNECTING: usize = 256;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn raise_nofile() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain libc calls on a local struct.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
            libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
        }
    }
    limit.rlim_cur
}

fn server_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("WAVE_SERVER") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("current exe");
    exe.with_file_name("local")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start_server(dir: &Path) -> Server {
    let port = free_port();
    let log = std::fs::File::create(dir.join("server.log")).expect("log file");
    let child = Command::new(server_binary())
        .env("PORT", port.to_string())
        .env("DATA_DIR", dir.join("data"))
        .env("OUTBOX_DIR", dir.join("outbox"))
        .env("HOST_JWT_SECRET", SECRET)
        .env(
            "SESSION_SECRET",
            "wave-bench-session-secret-0123456789abcdef",
        )
        .env("ROOM_BACKEND", "livekit")
        .env("LIVEKIT_URL", "wss://livekit.wave.invalid")
        .env("LIVEKIT_API_KEY", "wavekey")
        .env(
            "LIVEKIT_API_SECRET",
            "wave-bench-livekit-secret-0123456789abcdef",
        )
        .env(
            "RUST_LOG",
            std::env::var("WAVE_SERVER_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .stdout(Stdio::from(log.try_clone().expect("log")))
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start {} ({e}): build it with `cargo build --release -p local`",
                server_binary().display()
            )
        });
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server
}

/// `VmRSS` and `VmHWM` of a process, in KiB.
fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(shared::domain::time_fmt::format)
        .expect("a valid time")
}

/// p50 / p99 / max of `values` (milliseconds), or zeros.
fn percentiles(values: &mut [f64]) -> (f64, f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let at = |p: usize| values[(values.len() * p / 100).min(values.len() - 1)];
    (at(50), at(99), values[values.len() - 1])
}

/// Runs `work(i)` for every i in 0..n on `workers` tasks.
async fn for_each<F, Fut>(n: usize, workers: usize, work: F)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let work = Arc::new(work);
    let tasks: Vec<_> = (0..workers.min(n.max(1)))
        .map(|_| {
            let (next, work) = (next.clone(), work.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= n {
                        break;
                    }
                    work(i).await;
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("worker");
    }
}

/// What a stream saw, sent to the collector.
enum Seen {
    Subscribed,
    Rescheduled,
    Live(f64),
    Failed(String),
}

/// One SSE stream: connect from `source`, subscribe with `cookie`, report events.
async fn stream(
    source: Ipv4Addr,
    port: u16,
    room: String,
    cookie: String,
    seen: mpsc::UnboundedSender<Seen>,
    connecting: Arc<Semaphore>,
) {
    let fail = |e: String| {
        let _ = seen.send(Seen::Failed(e));
    };
    let permit = connecting.acquire_owned().await.expect("semaphore");
    let socket = match tokio::net::TcpSocket::new_v4() {
        Ok(s) => s,
        Err(e) => return fail(format!("socket: {e}")),
    };
    if let Err(e) = socket.bind(SocketAddr::from((source, 0))) {
        return fail(format!("bind: {e}"));
    }
    let tcp = match socket
        .connect(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
    {
        Ok(t) => t,
        Err(e) => return fail(format!("connect: {e}")),
    };
    let (mut send, conn) = match hyper::client::conn::http1::handshake(TokioIo::new(tcp)).await {
        Ok(x) => x,
        Err(e) => return fail(format!("handshake: {e}")),
    };
    tokio::spawn(conn);
    let request = Request::builder()
        .method(Method::GET)
        .uri(format!("/rooms/{room}/events"))
        .header("host", format!("127.0.0.1:{port}"))
        .header("accept", "text/event-stream")
        .header("cookie", cookie)
        .body(Empty::<Bytes>::new())
        .expect("request");
    let response = match send.send_request(request).await {
        Ok(r) => r,
        Err(e) => return fail(format!("request: {e}")),
    };
    drop(permit);
    if response.status() != StatusCode::OK {
        return fail(format!("GET /events answered {}", response.status()));
    }
    let mut body = response.into_body();
    let mut buffer: Vec<u8> = Vec::new();
    let (mut status_seen, mut role_seen, mut subscribed, mut rescheduled, mut live) =
        (false, false, false, false, false);
    while let Some(frame) = body.frame().await {
        let frame = match frame {
            Ok(f) => f,
            Err(e) => return fail(format!("stream: {e}")),
        };
        let Some(data) = frame.data_ref() else {
            continue;
        };
        let received = unix_now();
        buffer.extend_from_slice(data);
        // Events end with a blank line (LF or CRLF).
        loop {
            let text = String::from_utf8_lossy(&buffer).replace("\r\n", "\n");
            let Some(end) = text.find("\n\n") else { break };
            let block = text[..end].to_owned();
            buffer = text.as_bytes()[end + 2..].to_vec();
            let mut name = "message";
            let mut payload = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    name = if v.trim() == "status" {
                        "status"
                    } else if v.trim() == "role" {
                        "role"
                    } else {
                        "other"
                    };
                } else if let Some(v) = line.strip_prefix("data:") {
                    payload.push_str(v.trim_start());
                }
            }
            match name {
                "status" => {
                    let v: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
                    status_seen = true;
                    if v["status"] == "live" {
                        // The page enters in place and keeps its stream open.
                        if !live {
                            live = true;
                            let _ = seen.send(Seen::Live(received));
                        }
                        continue;
                    }
                    // After the first: the reschedule's new start.
                    if !rescheduled && subscribed && v["status"] == "scheduled" {
                        rescheduled = true;
                        let _ = seen.send(Seen::Rescheduled);
                    }
                }
                "role" => role_seen = true,
                _ => {}
            }
            if status_seen && role_seen && !subscribed {
                subscribed = true;
                let _ = seen.send(Seen::Subscribed);
            }
        }
    }
    if !live {
        fail("the stream ended before the start".into());
    }
}

struct Participants {
    cookies: Vec<String>,
}

async fn setup(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    n: usize,
) -> (String, Participants) {
    let room: Value = http
        .post(format!("{base}/api/rooms"))
        .bearer_auth(token)
        .json(&json!({"title": "The wave", "starts_at": rfc3339(unix_now() as i64 + 3600)}))
        .send()
        .await
        .expect("create room")
        .json()
        .await
        .expect("room JSON");
    let room_id = room["room_id"].as_str().expect("room_id").to_owned();
    let links = Arc::new(Mutex::new(vec![String::new(); n]));
    let batches = n.div_ceil(500);
    {
        let (http, base, token, room_id, links) = (
            http.clone(),
            base.to_owned(),
            token.to_owned(),
            room_id.clone(),
            links.clone(),
        );
        for_each(batches, 4, move |b| {
            let (http, base, token, room_id, links) = (
                http.clone(),
                base.clone(),
                token.clone(),
                room_id.clone(),
                links.clone(),
            );
            async move {
                let range = b * 500..((b + 1) * 500).min(n);
                let invites: Vec<Value> = range
                    .clone()
                    .map(|i| json!({"email": format!("p{i}@wave.example"), "send_email": false}))
                    .collect();
                let r: Value = http
                    .post(format!("{base}/api/rooms/{room_id}/invites"))
                    .bearer_auth(&token)
                    .json(&json!({ "invites": invites }))
                    .send()
                    .await
                    .expect("bulk invites")
                    .json()
                    .await
                    .expect("bulk JSON");
                let results = r["results"].as_array().expect("results");
                let mut links = links.lock().expect("links");
                for (i, result) in range.zip(results) {
                    links[i] = result["invite"]["link"]
                        .as_str()
                        .expect("a link (send_email false)")
                        .to_owned();
                }
            }
        })
        .await;
    }
    let links = Arc::new(links.lock().expect("links").clone());
    let cookies = Arc::new(Mutex::new(vec![String::new(); n]));
    {
        let (http, links, cookies) = (http.clone(), links.clone(), cookies.clone());
        for_each(n, 16, move |i| {
            let (http, links, cookies) = (http.clone(), links.clone(), cookies.clone());
            async move {
                let r = http
                    .post(&links[i])
                    .header("accept", "application/json")
                    .json(&json!({"email": format!("p{i}@wave.example")}))
                    .send()
                    .await
                    .expect("redeem");
                assert_eq!(r.status(), StatusCode::OK, "redemption {i}");
                let cookie = r
                    .headers()
                    .get_all("set-cookie")
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .find(|v| v.starts_with("rooms_session="))
                    .and_then(|v| v.split(';').next())
                    .expect("session cookie")
                    .to_owned();
                cookies.lock().expect("cookies")[i] = cookie;
            }
        })
        .await;
    }
    let cookies = cookies.lock().expect("cookies").clone();
    (room_id, Participants { cookies })
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let entry_concurrency: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let nofile = raise_nofile();
    println!("open-file limit (soft = hard): {nofile}");
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start_server(dir.path()).await;
    let pid = server.child.id();
    let port = server.port;
    let base = format!("http://127.0.0.1:{port}");
    let token = sign_host_token(
        SECRET.as_bytes(),
        &HostClaims {
            sub: "wave-host".into(),
            org: "wave-org".into(),
            email: None,
            exp: unix_now() as i64 + 7200,
            scope: None,
        },
    )
    .expect("host token");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(entry_concurrency)
        .build()
        .expect("client");

    let t = Instant::now();
    let (room_id, people) = setup(&http, &base, &token, n).await;
    println!(
        "setup: room, {n} invites in {} bulk requests, {n} redemptions: {:.1} s",
        n.div_ceil(500),
        t.elapsed().as_secs_f64()
    );
    let (rss_idle, _) = memory_kib(pid);

    // The streams.
    let (tx, mut rx) = mpsc::unbounded_channel();
    let connecting = Arc::new(Semaphore::new(CONNECTING));
    let t = Instant::now();
    let start_delay = 5;
    let mut streams = Vec::with_capacity(n);
    for (i, cookie) in people.cookies.iter().enumerate() {
        let source = Ipv4Addr::new(127, 0, 0, 1 + (i / PER_SOURCE) as u8);
        streams.push(tokio::spawn(stream(
            source,
            port,
            room_id.clone(),
            cookie.clone(),
            tx.clone(),
            connecting.clone(),
        )));
    }
    drop(tx);
    let mut subscribed = 0usize;
    let mut failures: Vec<String> = Vec::new();
    while subscribed + failures.len() < n {
        match tokio::time::timeout(Duration::from_secs(60), rx.recv()).await {
            Ok(Some(Seen::Subscribed)) => subscribed += 1,
            Ok(Some(Seen::Failed(e))) => failures.push(e),
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
    let connect_secs = t.elapsed().as_secs_f64();
    let (rss_streams, hwm_streams) = memory_kib(pid);
    let fds = open_fds(pid);
    println!(
        "streams: {subscribed} of {n} subscribed (first status and role) in {connect_secs:.1} s; \
         {} failed{}",
        failures.len(),
        failures
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default()
    );
    println!(
        "server: VmRSS {:.1} MiB idle after setup, {:.1} MiB with the streams (VmHWM {:.1} MiB), \
         {fds} open fds; {:.1} KiB per stream",
        rss_idle as f64 / 1024.0,
        rss_streams as f64 / 1024.0,
        hwm_streams as f64 / 1024.0,
        (rss_streams.saturating_sub(rss_idle)) as f64 / subscribed.max(1) as f64
    );
    if subscribed == 0 {
        println!("no stream subscribed: the start is awaited by polling /status instead");
    }

    // The start, a few seconds ahead.
    let starts_at = unix_now().ceil() as i64 + start_delay;
    let patched = unix_now();
    let r = http
        .patch(format!("{base}/api/rooms/{room_id}"))
        .bearer_auth(&token)
        .json(&json!({ "starts_at": rfc3339(starts_at) }))
        .send()
        .await
        .expect("reschedule");
    assert_eq!(r.status(), StatusCode::OK, "reschedule");
    let mut rescheduled = Vec::new();
    let mut live: Vec<f64> = Vec::new();
    let deadline = Duration::from_secs((starts_at as f64 - unix_now()).max(0.0) as u64 + 30);
    let waited = Instant::now();
    while live.len() + failures.len() < n && waited.elapsed() < deadline {
        match tokio::time::timeout(Duration::from_secs(1), rx.recv()).await {
            Ok(Some(Seen::Live(at))) => live.push((at - starts_at as f64) * 1000.0),
            Ok(Some(Seen::Rescheduled)) => rescheduled.push((unix_now() - patched) * 1000.0),
            Ok(Some(Seen::Failed(e))) => failures.push(e),
            Ok(Some(Seen::Subscribed)) => subscribed += 1,
            Ok(None) => break,
            Err(_) => {}
        }
    }
    if subscribed == 0 {
        loop {
            let r: Value = http
                .get(format!("{base}/rooms/{room_id}/status"))
                .send()
                .await
                .expect("status")
                .json()
                .await
                .expect("status JSON");
            if r["status"] == "live" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let (rss_live, hwm_live) = memory_kib(pid);
    let (p50, p99, max) = percentiles(&mut live);
    println!(
        "session start: {} of {subscribed} streams got `status: live`; delay after starts_at: \
         p50 {p50:.0} ms, p99 {p99:.0} ms, max {max:.0} ms",
        live.len()
    );
    let (r50, r99, rmax) = percentiles(&mut rescheduled);
    println!(
        "reschedule: {} streams got the new start; delay after the PATCH was sent: p50 {r50:.0} ms, \
         p99 {r99:.0} ms, max {rmax:.0} ms",
        rescheduled.len()
    );

    // Entry: room page + /entry for everyone, bounded concurrency.
    let page_ms = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let entry_ms = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let cookies = Arc::new(people.cookies);
    let t = Instant::now();
    {
        let (http, base, room_id) = (http.clone(), base.clone(), room_id.clone());
        let (page_ms, entry_ms, errors, cookies) = (
            page_ms.clone(),
            entry_ms.clone(),
            errors.clone(),
            cookies.clone(),
        );
        for_each(n, entry_concurrency, move |i| {
            let (http, base, room_id) = (http.clone(), base.clone(), room_id.clone());
            let (page_ms, entry_ms, errors, cookies) = (
                page_ms.clone(),
                entry_ms.clone(),
                errors.clone(),
                cookies.clone(),
            );
            async move {
                let started = Instant::now();
                let page = http
                    .get(format!("{base}/rooms/{room_id}"))
                    .header("cookie", &cookies[i])
                    .send()
                    .await;
                let ok = match page {
                    Ok(r) if r.status() == StatusCode::OK => r
                        .text()
                        .await
                        .map(|t| t.contains("data-page=\"room\""))
                        .unwrap_or(false),
                    Ok(r) => {
                        errors
                            .lock()
                            .expect("errors")
                            .push(format!("page {}", r.status()));
                        return;
                    }
                    Err(e) => {
                        errors.lock().expect("errors").push(format!("page {e}"));
                        return;
                    }
                };
                if !ok {
                    errors
                        .lock()
                        .expect("errors")
                        .push("page: not the room".into());
                    return;
                }
                page_ms
                    .lock()
                    .expect("ms")
                    .push(started.elapsed().as_secs_f64() * 1000.0);
                let started = Instant::now();
                match http
                    .get(format!("{base}/rooms/{room_id}/entry"))
                    .header("cookie", &cookies[i])
                    .send()
                    .await
                {
                    Ok(r) if r.status() == StatusCode::OK => {
                        let _ = r.bytes().await;
                        entry_ms
                            .lock()
                            .expect("ms")
                            .push(started.elapsed().as_secs_f64() * 1000.0);
                    }
                    Ok(r) => errors
                        .lock()
                        .expect("errors")
                        .push(format!("entry {}", r.status())),
                    Err(e) => errors.lock().expect("errors").push(format!("entry {e}")),
                }
            }
        })
        .await;
    }
    let entry_secs = t.elapsed().as_secs_f64();
    let (rss_end, hwm_end) = memory_kib(pid);
    let (pp50, pp99, pmax) = percentiles(&mut page_ms.lock().expect("ms"));
    let (ep50, ep99, emax) = percentiles(&mut entry_ms.lock().expect("ms"));
    let errors = errors.lock().expect("errors").clone();
    println!(
        "entry: {n} participants (room page + /entry), {entry_concurrency} at a time, in \
         {entry_secs:.1} s ({:.0} entries/s); errors: {}{}",
        n as f64 / entry_secs,
        errors.len(),
        errors
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default()
    );

    println!();
    println!("| N | subscribed | failed | connect (s) | RSS idle (MiB) | RSS streams (MiB) | KiB/stream | live p50 / p99 / max (ms) | room page p50 / p99 / max (ms) | /entry p50 / p99 / max (ms) | entries/s | errors | VmHWM (MiB) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|");
    println!(
        "| {n} | {subscribed} | {} | {connect_secs:.1} | {:.1} | {:.1} | {:.1} | {p50:.0} / {p99:.0} / {max:.0} | {pp50:.1} / {pp99:.1} / {pmax:.1} | {ep50:.1} / {ep99:.1} / {emax:.1} | {:.0} | {} | {:.1} |",
        failures.len(),
        rss_idle as f64 / 1024.0,
        rss_streams as f64 / 1024.0,
        (rss_streams.saturating_sub(rss_idle)) as f64 / subscribed.max(1) as f64,
        n as f64 / entry_secs,
        errors.len(),
        hwm_end.max(hwm_live).max(hwm_streams) as f64 / 1024.0,
    );
    println!(
        "(RSS after the start {:.1} MiB, after the entry {:.1} MiB)",
        rss_live as f64 / 1024.0,
        rss_end as f64 / 1024.0
    );
    let mut server = server;
    if let Ok(Some(exit)) = server.child.try_wait() {
        println!("the server exited: {exit}");
    }
    if !errors.is_empty() || !failures.is_empty() {
        let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(5).collect();
        println!("server log, last lines:");
        for line in tail.iter().rev() {
            println!("  {line}");
        }
    }
    for s in streams {
        s.abort();
    }
    drop(server);
}
