//! Cold starts measured the way Lambda runs them (method, results and command in
//! docs/benchmarks.md). Each cold start is a fresh function process under our Lambda
//! Runtime API, in a cgroup whose CPU quota is one vCPU until the process first asks for
//! an invocation (`GET …/invocation/next`: the end of init), then memory/1769 of one.
//! DynamoDB, Secrets Manager and EventBridge are moto behind TLS (a test CA given to the
//! function as `SSL_CERT_FILE`), one port per service, so each service gets its own
//! connection as in AWS; the secrets are read from Secrets Manager as deployed.
//!
//! "before" runs the function with `WARM_INIT=0` (SDK clients, secrets and the first
//! connection on the first request); "after" with today's init (all of that during
//! init). Both run in one process, interleaved, so machine noise hits them alike.
//!
//! ```text
//! lambda-bench [--runs 7] [--warm 40] [--memory 128,256,512,1024] [--period-us 20000]
//!              [--functions redemption,rooms]
//! ```

use acceptance::cpu_quota::{quota_us, CpuGroup, FULL_VCPU_MB};
use acceptance::runtime_api::RuntimeApi;
use acceptance::test_ca::TestCa;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use serde_json::Value;
use shared::domain::invite::Delivery;
use shared::domain::room::RoomStatus;
use shared::domain::{EmailAddress, Invite, InviteToken, Room};
use shared::ports::Store;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Lambda's price per GB-second of arm64 (the template's architecture), us-east-1, first
/// 6 billion GB-s a month; x86_64 is $0.0000166667.
const PRICE_ARM64_GB_S: f64 = 0.000_013_333_4;
const TABLE: &str = "bench";
const BUS: &str = "bench";
const ROOM: &str = "01JDX5AMP1E0000R00M0000000";

/// A function and the requests of its hot path: the first is the cold request; warm
/// requests cycle through all of them.
struct Subject {
    name: &'static str,
    visit: &'static [&'static str],
}

const SUBJECTS: &[Subject] = &[
    // A guest opens the link (GET /join/…), then signs in (POST /join/…).
    Subject {
        name: "redemption",
        visit: &["redemption/open-link.json", "redemption/redeem-form.json"],
    },
    // A host reads a room.
    Subject {
        name: "rooms",
        visit: &["rooms/get-room.json"],
    },
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// `WARM_INIT=0`: clients, secrets and the first connection on the first request.
    Before,
    /// Everything that can be done once, during init.
    After,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Before => "before (lazy)",
            Mode::After => "after (warm init)",
        }
    }
}

struct Options {
    runs: usize,
    warm: usize,
    memories: Vec<u64>,
    period_us: u64,
    functions: Vec<String>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        runs: 7,
        warm: 40,
        memories: vec![128, 256, 512, 1024],
        period_us: 20_000,
        functions: SUBJECTS.iter().map(|s| s.name.to_owned()).collect(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let num = |v: &str| v.parse::<u64>().map_err(|e| format!("{flag} {v}: {e}"));
        match flag.as_str() {
            "--runs" => o.runs = num(&value)?.max(1) as usize,
            "--warm" => o.warm = num(&value)?.max(2) as usize,
            "--period-us" => o.period_us = num(&value)?,
            "--memory" => {
                o.memories = value.split(',').map(num).collect::<Result<_, _>>()?;
            }
            "--functions" => o.functions = value.split(',').map(str::to_owned).collect(),
            _ => return Err(format!("unknown option {flag} (see the file's doc)")),
        }
    }
    Ok(o)
}

/// One cold start and the warm requests after it.
struct Sample {
    init: Duration,
    /// The first request (the invocation's duration, as Lambda bills it).
    first: Duration,
    /// The whole first visit (every request of the subject's hot path once).
    first_visit: Duration,
    warm: Vec<Duration>,
    /// Periods in which the quota throttled the process, during init and in all.
    throttled_init: u64,
    throttled: u64,
    peak_rss_kib: u64,
    /// CPU time of the process (all threads): during init, the first request, and the
    /// mean of a warm request.
    cpu_init: Duration,
    cpu_first: Duration,
    cpu_warm: Duration,
}

/// The CPU time the process has used, all threads (`/proc/PID/task/*/schedstat`).
fn cpu_time(pid: u32) -> Duration {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Duration::ZERO;
    };
    let ns: u64 = tasks
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
        })
        .sum();
    Duration::from_nanos(ns)
}

/// The function's environment as the template deploys it, pointed at moto.
fn environment(moto: &[String], ca: &TestCa, secrets: &Secrets) -> Vec<(String, String)> {
    let pairs: Vec<(&str, String)> = vec![
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench".into()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "bench".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_SESSION_TOKEN", "test".into()),
        // One endpoint (port) per service the hot paths call, as AWS has one host name
        // per service; the others share the last one.
        ("AWS_ENDPOINT_URL_DYNAMODB", moto[0].clone()),
        ("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto[1].clone()),
        ("AWS_ENDPOINT_URL_EVENTBRIDGE", moto[2].clone()),
        ("AWS_ENDPOINT_URL", moto[3].clone()),
        ("SSL_CERT_FILE", ca.bundle.display().to_string()),
        ("TABLE_NAME", TABLE.into()),
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
        ("EVENT_BUS_NAME", BUS.into()),
        ("PUBLIC_BASE_URL", "https://rooms.example.com".into()),
        ("HOST_JWT_SECRET_ARN", secrets.host.clone()),
        ("SESSION_SECRET_ARN", secrets.session.clone()),
        ("ROOM_BACKEND", "redirect".into()),
        ("ROOM_APP_URL", "https://app.example.com/enter".into()),
        ("ROOM_ENTRY_KEY_ARN", secrets.entry_key.clone()),
        ("METRICS_SERVICE", "bench".into()),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

struct Secrets {
    host: String,
    session: String,
    entry_key: String,
}

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

/// Kills the function when the sample ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn log_tail(log: &Path) -> String {
    let mut text = String::new();
    let _ = std::fs::File::open(log).and_then(|mut f| f.read_to_string(&mut text));
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

#[allow(clippy::too_many_arguments)]
async fn cold_start(
    bin: &Path,
    events: &[Value],
    env: &[(String, String)],
    memory: u64,
    period_us: u64,
    warm: usize,
    mode: Mode,
    seq: usize,
    log: &Path,
) -> Result<Sample, String> {
    let name = bin.file_name().map(|n| n.to_string_lossy().into_owned());
    let name = name.unwrap_or_default();
    let group = CpuGroup::create(
        &format!("lambda-bench-{}-{seq}", std::process::id()),
        period_us,
    )?;
    let api = RuntimeApi::start().await.map_err(|e| e.to_string())?;
    let out = std::fs::File::create(log).map_err(|e| e.to_string())?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let mut command = Command::new(bin);
    command
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .env("AWS_LAMBDA_RUNTIME_API", api.addr.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", format!("bench-{name}"))
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memory.to_string())
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    if mode == Mode::Before {
        command.env("WARM_INIT", "0");
    }
    group.run_inside(&mut command);
    let started = Instant::now();
    let child = command
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let running = Running(child);
    let polled = api
        .wait_first_poll(Duration::from_secs(30))
        .await
        .ok_or_else(|| format!("{name} did not finish its init:\n{}", log_tail(log)))?;
    // From here on the function waits for its first event: its share of a vCPU.
    group.set_quota(quota_us(memory, period_us))?;
    let throttled_init = group.throttled_periods().unwrap_or(0);
    let init = polled.duration_since(started);
    let pid = running.0.id();
    let cpu_init = cpu_time(pid);

    let invoke = |event: &Value| {
        let (api, event) = (api.clone(), event.clone());
        async move {
            let t = Instant::now();
            let answer = api.invoke(event, Duration::from_secs(30)).await?;
            let took = t.elapsed();
            let status = answer["statusCode"].as_u64().unwrap_or(0);
            if !(200..400).contains(&status) {
                return Err(format!("status {status}: {answer}"));
            }
            Ok::<_, String>(took)
        }
    };
    let mut first = Duration::ZERO;
    let mut first_visit = Duration::ZERO;
    let mut cpu_first = Duration::ZERO;
    for (i, event) in events.iter().enumerate() {
        let took = invoke(event)
            .await
            .map_err(|e| format!("{name}: {e}\n{}", log_tail(log)))?;
        if i == 0 {
            first = took;
            cpu_first = cpu_time(pid).saturating_sub(cpu_init);
        }
        first_visit += took;
    }
    let cpu_before_warm = cpu_time(pid);
    let mut warm_times = Vec::with_capacity(warm);
    for i in 0..warm {
        warm_times.push(invoke(&events[i % events.len()]).await?);
    }
    let cpu_warm = cpu_time(pid).saturating_sub(cpu_before_warm) / warm as u32;
    let throttled = group.throttled_periods().unwrap_or(0);
    let peak_rss_kib = peak_rss_kib(running.0.id());
    drop(running);
    drop(group);
    Ok(Sample {
        init,
        first,
        first_visit,
        warm: warm_times,
        throttled_init,
        throttled,
        peak_rss_kib,
        cpu_init,
        cpu_first,
        cpu_warm,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    quantile(&v, 0.5)
}

/// What a table row shows of the samples of one function, memory and mode.
struct Summary {
    init: f64,
    first: f64,
    first_visit: f64,
    cold: f64,
    warm_p50: f64,
    warm_p99: f64,
    /// Mean billed duration of a warm request: each rounded up to 1 ms.
    billed_ms: f64,
    /// Billed duration of a cold start (init and first request; Lambda bills the init
    /// of custom runtimes), median.
    cold_billed_ms: f64,
    throttled_init: f64,
    throttled: f64,
    rss_mib: f64,
    cpu_init: f64,
    cpu_first: f64,
    cpu_warm: f64,
}

fn summarize(samples: &[Sample]) -> Summary {
    let per = |f: &dyn Fn(&Sample) -> f64| median(samples.iter().map(f).collect());
    let mut warm: Vec<f64> = samples
        .iter()
        .flat_map(|s| s.warm.iter().map(|d| ms(*d)))
        .collect();
    warm.sort_by(|a, b| a.total_cmp(b));
    let billed_ms = warm.iter().map(|m| m.ceil()).sum::<f64>() / warm.len().max(1) as f64;
    Summary {
        init: per(&|s| ms(s.init)),
        first: per(&|s| ms(s.first)),
        first_visit: per(&|s| ms(s.first_visit)),
        cold: per(&|s| ms(s.init + s.first)),
        warm_p50: quantile(&warm, 0.5),
        warm_p99: quantile(&warm, 0.99),
        billed_ms,
        cold_billed_ms: per(&|s| (ms(s.init) + ms(s.first)).ceil()),
        throttled_init: per(&|s| s.throttled_init as f64),
        throttled: per(&|s| s.throttled as f64),
        rss_mib: per(&|s| s.peak_rss_kib as f64 / 1024.0),
        cpu_init: per(&|s| ms(s.cpu_init)),
        cpu_first: per(&|s| ms(s.cpu_first)),
        cpu_warm: per(&|s| ms(s.cpu_warm)),
    }
}

/// GB-seconds of a million requests of `billed_ms` each at `memory_mb`.
fn gb_s_per_million(billed_ms: f64, memory_mb: u64) -> f64 {
    billed_ms / 1000.0 * memory_mb as f64 / 1024.0 * 1e6
}

fn event(repo: &Path, file: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(repo.join("events").join(file))
        .map_err(|e| format!("{file}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))
}

/// The room and the invite the sample events refer to, and the secrets.
async fn seed(sdk: &aws_config::SdkConfig, repo: &Path) -> Result<Secrets, String> {
    let clients = shared::adapters::aws::AwsClients::new(sdk, None);
    shared::adapters::aws::dynamo::table::create_table(&clients.dynamodb, TABLE).await?;
    clients
        .eventbridge
        .create_event_bus()
        .name(BUS)
        .send()
        .await
        .map_err(|e| format!("event bus: {e:?}"))?;
    let store = shared::adapters::aws::DynamoStore::new(clients.dynamodb.clone(), TABLE);
    let t = |s: &str| shared::domain::time_fmt::parse(s).ok_or(format!("time {s}"));
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .map_err(|e| e.to_string())?;
    store
        .create_room(&Room {
            room_id: ROOM.into(),
            org: "org-demo".into(),
            title: "Quarterly all-hands".into(),
            description: "Numbers and plans".into(),
            starts_at: t("2030-12-01T15:00:00Z")?,
            ends_at: None,
            speakers: vec![],
            attachments: vec![],
            status: RoomStatus::Scheduled,
            reminders: vec![1440, 15],
            admission: Default::default(),
            locale: None,
            timezone: None,
            created_by: "host-dana".into(),
            created_at: now,
            deleted_at: None,
            version: 0,
        })
        .await
        .map_err(|e| format!("seed room: {e:?}"))?;
    let link = event(repo, "redemption/open-link.json")?;
    let token = link["pathParameters"]["token"].as_str().unwrap_or_default();
    let token = InviteToken::parse(token).map_err(|e| format!("sample token: {e:?}"))?;
    store
        .create_invite(&Invite {
            invite_id: token.invite_id().to_string(),
            room_id: ROOM.into(),
            org: "org-demo".into(),
            email: EmailAddress::parse("ann@example.com").map_err(|e| format!("{e:?}"))?,
            role: token.role(),
            // Unlimited: every warm sign-in is admitted, as the first one.
            max_uses: None,
            uses: 0,
            expires_at: now + time::Duration::days(7),
            token_hash: token.hash(),
            failed_attempts: 0,
            revoked_at: None,
            delivery: Delivery::Sent,
            created_by: "host-dana".into(),
            created_at: now,
            mail_nonce: None,
            locale: None,
            unsubscribed_at: None,
        })
        .await
        .map_err(|e| format!("seed invite: {e:?}"))?;
    let secrets = aws_sdk_secretsmanager::Client::new(sdk);
    let mut arns = Vec::new();
    for (name, value) in [
        ("host-jwt", "sample-host-secret-change-me"),
        ("session", "sample-session-secret-change-me"),
        (
            "room-entry-key",
            "sample-room-entry-key-seed-0123456789abcdef",
        ),
    ] {
        let out = secrets
            .create_secret()
            .name(name)
            .secret_string(value)
            .send()
            .await
            .map_err(|e| format!("secret {name}: {e:?}"))?;
        arns.push(out.arn().unwrap_or_default().to_owned());
    }
    Ok(Secrets {
        host: arns[0].clone(),
        session: arns[1].clone(),
        entry_key: arns[2].clone(),
    })
}

/// The median time moto takes to answer a `GetItem` over an open connection, from
/// this (unthrottled) process: the part of every DynamoDB call that is moto's.
async fn moto_round_trip(sdk: &aws_config::SdkConfig) -> Result<f64, String> {
    let store = shared::adapters::aws::DynamoStore::new(aws_sdk_dynamodb::Client::new(sdk), TABLE);
    store.warm_up().await.map_err(|e| e.message)?;
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        store.warm_up().await.map_err(|e| e.message)?;
        times.push(ms(t.elapsed()));
    }
    Ok(median(times))
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let o = options()?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir: PathBuf = exe.parent().ok_or("no folder")?.to_path_buf();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    // Fail before anything else if no CPU quota can be applied.
    drop(
        CpuGroup::create(
            &format!("lambda-bench-{}-check", std::process::id()),
            o.period_us,
        )
        .map_err(|e| format!("cannot apply Lambda's CPU quota, so no numbers: {e}"))?,
    );

    let ca = acceptance::test_ca::create()?;
    let moto = acceptance::moto::start_tls(&ca.chain, &ca.key, 4)?;
    // The bench itself trusts the test root only.
    let trust = TrustStore::empty().with_pem_certificate(ca.root_pem.as_bytes());
    let tls_context = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .map_err(|e| e.to_string())?;
    let https = aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .tls_context(tls_context)
        .build_https();
    let sdk = shared::adapters::aws::sdk_config_loader()
        .http_client(https)
        .endpoint_url(&moto.endpoint)
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
            "test", "test", None, None, "moto",
        ))
        .load()
        .await;
    let secrets = seed(&sdk, &repo).await?;
    let moto_rtt = moto_round_trip(&sdk).await?;
    let env = environment(&moto.endpoints, &ca, &secrets);
    let log = ca.dir.path().join("function.log");

    let subjects: Vec<&Subject> = SUBJECTS
        .iter()
        .filter(|s| o.functions.iter().any(|f| f == s.name))
        .collect();
    let mut visits = Vec::new();
    for s in &subjects {
        let bin = dir.join(s.name);
        if !bin.exists() {
            return Err(format!(
                "{} is not built (build with --release)",
                bin.display()
            ));
        }
        let events = s
            .visit
            .iter()
            .map(|f| event(&repo, f))
            .collect::<Result<Vec<_>, _>>()?;
        visits.push((bin, events));
    }
    let modes = [Mode::Before, Mode::After];
    // samples[subject][memory][mode]
    let mut samples: Vec<Vec<[Vec<Sample>; 2]>> = subjects
        .iter()
        .map(|_| {
            o.memories
                .iter()
                .map(|_| [Vec::new(), Vec::new()])
                .collect()
        })
        .collect();
    let mut seq = 0;
    // Interleaved, so that noise from the machine falls on every cell alike.
    for run in 0..o.runs {
        eprintln!("run {}/{}", run + 1, o.runs);
        for (m, &memory) in o.memories.iter().enumerate() {
            for (s, (bin, events)) in visits.iter().enumerate() {
                for (k, &mode) in modes.iter().enumerate() {
                    seq += 1;
                    let sample = cold_start(
                        bin,
                        events,
                        &env,
                        memory,
                        o.period_us,
                        o.warm,
                        mode,
                        seq,
                        &log,
                    )
                    .await?;
                    samples[s][m][k].push(sample);
                }
            }
        }
    }

    println!(
        "CFS period {} µs; {} cold starts per cell (medians), {} warm requests after each \
         (p50/p99 over all of them); {} system roots + the test root in SSL_CERT_FILE; \
         moto's GetItem round trip (unthrottled client, open connection): {moto_rtt:.1} ms.\n",
        o.period_us, o.runs, o.warm, ca.system_roots
    );
    println!("### Before/after\n");
    println!("| function | memory (MB) | init | init (ms) | first request (ms) | first visit (ms) | init + first request (ms) | warm p50 (ms) | warm p99 (ms) | CPU ms: init / first / warm | throttled periods: init / all | peak RSS (MiB) |");
    println!("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (s, subject) in subjects.iter().enumerate() {
        for (m, &memory) in o.memories.iter().enumerate() {
            for (k, mode) in modes.iter().enumerate() {
                let x = summarize(&samples[s][m][k]);
                println!(
                    "| {} | {memory} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} / {:.1} / {:.2} | {:.0} / {:.0} | {:.1} |",
                    subject.name,
                    mode.label(),
                    x.init,
                    x.first,
                    x.first_visit,
                    x.cold,
                    x.warm_p50,
                    x.warm_p99,
                    x.cpu_init,
                    x.cpu_first,
                    x.cpu_warm,
                    x.throttled_init,
                    x.throttled,
                    x.rss_mib
                );
            }
        }
    }
    println!("\n### Memory (after), arm64 price ${PRICE_ARM64_GB_S}/GB-s\n");
    println!("| function | memory (MB) | vCPU | init + first request (ms) | warm p50 (ms) | warm p99 (ms) | CPU per warm request (ms) | mean billed warm request (ms) | GB-s per 1M warm requests | $ per 1M warm requests | $ per 1M cold starts |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (s, subject) in subjects.iter().enumerate() {
        for (m, &memory) in o.memories.iter().enumerate() {
            let x = summarize(&samples[s][m][1]);
            let gb_s = gb_s_per_million(x.billed_ms, memory);
            let cold_gb_s = gb_s_per_million(x.cold_billed_ms, memory);
            println!(
                "| {} | {memory} | {:.3} | {:.1} | {:.1} | {:.1} | {:.2} | {:.1} | {:.0} | {:.2} | {:.2} |",
                subject.name,
                memory as f64 / FULL_VCPU_MB as f64,
                x.cold,
                x.warm_p50,
                x.warm_p99,
                x.cpu_warm,
                x.billed_ms,
                gb_s,
                gb_s * PRICE_ARM64_GB_S,
                cold_gb_s * PRICE_ARM64_GB_S,
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_million_10_ms_requests_at_128_mb_are_1250_gb_s() {
        assert_eq!(gb_s_per_million(10.0, 128), 1250.0);
        assert_eq!(gb_s_per_million(10.0, 1024), 10_000.0);
    }
}
