//! Cold-start benchmark of the function binaries against a hello-world `lambda_runtime`
//! binary built with the same profile, side by side: for each binary and run, the time
//! from process start to its first `GET /runtime/invocation/next` (init), the time to
//! its first response, its peak RSS, and its size. The functions talk to DynamoDB on
//! moto (single-threaded, on loopback). See docs/benchmarks.md for the command.

use acceptance::runtime_api::RuntimeApi;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 25;

/// (binary, sample event): each function's first request reads DynamoDB once.
const SUBJECTS: &[(&str, Option<&str>)] = &[
    ("hello-lambda", None),
    ("rooms", Some("rooms/get-room.json")),
    ("invites", Some("invites/list-invites.json")),
    ("participants", Some("participants/list-participants.json")),
    ("redemption", Some("redemption/room-status.json")),
    ("session-start", Some("session-start/session-start.json")),
];

struct Sample {
    init: Duration,
    first_response: Duration,
    /// Median of the invocations after the first one (a warm function).
    warm: Duration,
    peak_rss_kib: u64,
}

/// Warm invocations after the first response, per run.
const WARM: usize = 10;

fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

async fn run_once(bin: &Path, event: Value, endpoint: &str, table: &str) -> Result<Sample, String> {
    let api = RuntimeApi::start().await.map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = Command::new(bin)
        .env_clear()
        .envs([
            ("AWS_LAMBDA_RUNTIME_API", api.addr.to_string()),
            ("AWS_LAMBDA_FUNCTION_NAME", "bench".into()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".into()),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
            ("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench".into()),
            ("AWS_LAMBDA_LOG_STREAM_NAME", "bench".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "test".into()),
            ("AWS_SECRET_ACCESS_KEY", "test".into()),
            ("AWS_ENDPOINT_URL", endpoint.into()),
            ("TABLE_NAME", table.into()),
            ("MAIL_FROM", "invites@rooms.example.com".into()),
            ("SCHEDULE_GROUP", "bench".into()),
            (
                "SESSION_START_FUNCTION_ARN",
                "arn:aws:lambda:us-east-1:123456789012:function:bench".into(),
            ),
            (
                "SCHEDULER_ROLE_ARN",
                "arn:aws:iam::123456789012:role/bench".into(),
            ),
            ("EVENT_BUS_NAME", "default".into()),
            ("PUBLIC_BASE_URL", "https://rooms.example.com".into()),
            ("HOST_JWT_SECRET", "sample-host-secret-change-me".into()),
            ("SESSION_SECRET", "sample-session-secret-change-me".into()),
            ("RUST_LOG", "warn".into()),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let answer = api.invoke(event.clone(), Duration::from_secs(20)).await;
    let first_response = started.elapsed();
    let mut warm = Vec::with_capacity(WARM);
    if answer.is_ok() {
        for _ in 0..WARM {
            let t = Instant::now();
            api.invoke(event.clone(), Duration::from_secs(20)).await?;
            warm.push(t.elapsed());
        }
    }
    let rss = peak_rss_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    answer?;
    warm.sort();
    let warm = warm.get(WARM / 2).copied().unwrap_or_default();
    let init = api.first_poll().ok_or("no poll")?.duration_since(started);
    Ok(Sample {
        init,
        first_response,
        warm,
        peak_rss_kib: rss,
    })
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    (quantile(&v, 0.5), quantile(&v, 0.9))
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let release = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir: PathBuf = release.parent().ok_or("no folder")?.to_path_buf();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let moto = acceptance::moto::moto().ok_or("set MOTO_PYTHON (see .ci/setup-moto.sh)")?;
    let clients = shared::adapters::aws::AwsClients::new(&moto.sdk_config().await, None);
    let table = "bench";
    shared::adapters::aws::dynamo::table::create_table(&clients.dynamodb, table).await?;

    println!("| binary | size (KiB) | init median (ms) | init p90 (ms) | first response median (ms) | first response p90 (ms) | warm median (ms) | peak RSS median (MiB) | peak RSS max (MiB) |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, event_file) in SUBJECTS {
        let bin = dir.join(name);
        let size = std::fs::metadata(&bin)
            .map_err(|e| format!("{}: {e} (build with --release)", bin.display()))?
            .len();
        let event: Value = match event_file {
            Some(f) => serde_json::from_str(
                &std::fs::read_to_string(repo.join("events").join(f)).map_err(|e| e.to_string())?,
            )
            .map_err(|e| e.to_string())?,
            None => serde_json::json!({ "hello": "bench" }),
        };
        let mut samples = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            samples.push(run_once(&bin, event.clone(), &moto.endpoint, table).await?);
        }
        let ms = |f: fn(&Sample) -> Duration| {
            stats(
                samples
                    .iter()
                    .map(|s| f(s).as_secs_f64() * 1000.0)
                    .collect(),
            )
        };
        let (init50, init90) = ms(|s| s.init);
        let (first50, first90) = ms(|s| s.first_response);
        let (warm50, _) = ms(|s| s.warm);
        let (rss50, _) = stats(
            samples
                .iter()
                .map(|s| s.peak_rss_kib as f64 / 1024.0)
                .collect(),
        );
        let rss_max = samples.iter().map(|s| s.peak_rss_kib).max().unwrap_or(0) as f64 / 1024.0;
        println!(
            "| {name} | {} | {init50:.1} | {init90:.1} | {first50:.1} | {first90:.1} | {warm50:.1} | {rss50:.1} | {rss_max:.1} |",
            size / 1024
        );
    }
    println!("\n{RUNS} runs per binary, each a fresh process; warm = median of {WARM} more invocations per run.");
    Ok(())
}
