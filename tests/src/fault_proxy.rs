//! A fault-injecting HTTP proxy between the code under test and moto: per service
//! (DynamoDB by `X-Amz-Target`, SES v2 and SQS by their requests), at a configured rate,
//! one of: a throttling answer in the service's own error shape, a 500 or 503, latency
//! beyond the clients' attempt timeout (forwarded only if the caller still waits; once it
//! has given up, hyper drops the request), a reset before forwarding, and a reset after forwarding (the backend
//! committed, the caller never hears). Counts every call and fault, and the SES sends
//! moto accepted per recipient (for the exactly-once check).
//!
//! No maintained tool fit: toxiproxy (Debian `toxiproxy`) works on TCP and cannot tell
//! a DynamoDB `PutItem` from a `Query` or answer in AWS's error shapes; mitmproxy (PyPI)
//! could, at the cost of a Python process per test and TLS interception we do not need
//! on loopback. This is ~250 lines on hyper.

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};

/// The faults, in the order a random draw picks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    Throttle,
    ServerError,
    Unavailable,
    Latency,
    ResetBefore,
    ResetAfter,
}

pub const FAULTS: [Fault; 6] = [
    Fault::Throttle,
    Fault::ServerError,
    Fault::Unavailable,
    Fault::Latency,
    Fault::ResetBefore,
    Fault::ResetAfter,
];

/// Which service a request is for, and its operation.
pub fn classify(req: &Request<Incoming>) -> (&'static str, String) {
    let target = req
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Some(op) = target.strip_prefix("DynamoDB_20120810.") {
        return ("dynamodb", op.to_owned());
    }
    if let Some(op) = target.strip_prefix("AmazonSQS.") {
        return ("sqs", op.to_owned());
    }
    let path = req.uri().path();
    if path.starts_with("/v2/email/outbound-emails") {
        return ("ses", "SendEmail".to_owned());
    }
    if path.starts_with("/v2/email") {
        return ("ses", "other".to_owned());
    }
    ("other", path.to_owned())
}

#[derive(Debug, Default)]
pub struct Stats {
    /// (service, operation) → calls seen.
    pub calls: BTreeMap<(String, String), u64>,
    /// (service, fault) → injected.
    pub faults: BTreeMap<(String, Fault), u64>,
    /// Recipient → SES sends moto accepted (answered 200 upstream).
    pub ses_accepted: BTreeMap<String, u64>,
}

pub struct Plan {
    /// Service → fault rate (0.0–1.0).
    pub rates: BTreeMap<&'static str, f64>,
    /// How long a `Latency` fault holds a request before forwarding it.
    pub latency: Duration,
}

struct Shared {
    upstream: SocketAddr,
    plan: Plan,
    on: AtomicBool,
    draws: AtomicU64,
    seed: u64,
    stats: Mutex<Stats>,
}

pub struct FaultProxy {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl FaultProxy {
    /// A proxy to `upstream` (moto), faults on.
    pub async fn start(upstream: SocketAddr, plan: Plan, seed: u64) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            upstream,
            plan,
            on: AtomicBool::new(true),
            draws: AtomicU64::new(0),
            seed,
            stats: Mutex::new(Stats::default()),
        });
        let s = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        let s = s.clone();
                        async move { handle(s, req).await }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(FaultProxy { addr, shared })
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Faults stop (the outage is over); calls are still forwarded and counted.
    pub fn heal(&self) {
        self.shared.on.store(false, Ordering::SeqCst);
    }

    pub fn stats(&self) -> Stats {
        let s = self.shared.stats.lock().expect("stats");
        Stats {
            calls: s.calls.clone(),
            faults: s.faults.clone(),
            ses_accepted: s.ses_accepted.clone(),
        }
    }
}

/// A deterministic draw in [0, 1) (splitmix64 of the seed and a counter).
fn draw(s: &Shared) -> f64 {
    let n = s.draws.fetch_add(1, Ordering::SeqCst);
    let mut z = s.seed.wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

type Answer = Result<Response<Full<Bytes>>, std::io::Error>;

async fn handle(s: Arc<Shared>, req: Request<Incoming>) -> Answer {
    let (service, op) = classify(&req);
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?
        .to_bytes();
    {
        let mut st = s.stats.lock().expect("stats");
        *st.calls
            .entry((service.to_owned(), op.clone()))
            .or_default() += 1;
    }
    let rate = s.plan.rates.get(service).copied().unwrap_or(0.0);
    let fault = if s.on.load(Ordering::SeqCst) && draw(&s) < rate {
        let pick = (draw(&s) * FAULTS.len() as f64) as usize;
        Some(FAULTS[pick.min(FAULTS.len() - 1)])
    } else {
        None
    };
    if let Some(f) = fault {
        let mut st = s.stats.lock().expect("stats");
        *st.faults.entry((service.to_owned(), f)).or_default() += 1;
    }
    match fault {
        Some(Fault::Throttle) => return Ok(throttle(service)),
        Some(Fault::ServerError) => return Ok(server_error(service, 500)),
        Some(Fault::Unavailable) => return Ok(server_error(service, 503)),
        Some(Fault::ResetBefore) => return Err(std::io::Error::other("reset before forwarding")),
        Some(Fault::Latency) => tokio::time::sleep(s.plan.latency).await,
        Some(Fault::ResetAfter) | None => {}
    }
    let response = forward(s.upstream, parts, body.clone()).await?;
    if service == "ses" && op == "SendEmail" && response.status() == StatusCode::OK {
        let mut st = s.stats.lock().expect("stats");
        for to in recipients(&body) {
            *st.ses_accepted.entry(to).or_default() += 1;
        }
    }
    if fault == Some(Fault::ResetAfter) {
        return Err(std::io::Error::other("reset after forwarding"));
    }
    Ok(response)
}

/// The `ToAddresses` of a SES v2 `SendEmail` body.
fn recipients(body: &[u8]) -> Vec<String> {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v["Destination"]["ToAddresses"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|a| a.as_str().map(str::to_owned))
        .collect()
}

async fn forward(
    upstream: SocketAddr,
    parts: http::request::Parts,
    body: Bytes,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let io = |e: &dyn std::fmt::Display| std::io::Error::other(e.to_string());
    let stream = TcpStream::connect(upstream).await?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| io(&e))?;
    tokio::spawn(conn);
    let req = Request::from_parts(parts, Full::new(body));
    let res = sender.send_request(req).await.map_err(|e| io(&e))?;
    let (parts, body) = res.into_parts();
    let body = body.collect().await.map_err(|e| io(&e))?.to_bytes();
    Ok(Response::from_parts(parts, Full::new(body)))
}

fn json_error(
    status: u16,
    content_type: &str,
    header: Option<&str>,
    body: String,
) -> Response<Full<Bytes>> {
    let mut r = Response::builder()
        .status(status)
        .header("content-type", content_type);
    if let Some(kind) = header {
        r = r.header("x-amzn-errortype", kind);
    }
    r.body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

/// Throttling as each service answers it (DynamoDB and SQS: awsJson `__type`; SES v2:
/// REST-JSON `x-amzn-ErrorType`, 429).
fn throttle(service: &str) -> Response<Full<Bytes>> {
    match service {
        "dynamodb" => json_error(
            400,
            "application/x-amz-json-1.0",
            None,
            r#"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}"#.into(),
        ),
        "sqs" => json_error(
            400,
            "application/x-amz-json-1.0",
            None,
            r#"{"__type":"com.amazonaws.sqs#RequestThrottled","message":"Rate exceeded"}"#.into(),
        ),
        _ => json_error(
            429,
            "application/json",
            Some("TooManyRequestsException"),
            r#"{"message":"Maximum sending rate exceeded."}"#.into(),
        ),
    }
}

fn server_error(service: &str, status: u16) -> Response<Full<Bytes>> {
    let (kind, message) = if status == 503 {
        ("ServiceUnavailable", "Service unavailable")
    } else {
        ("InternalServerError", "Internal server error")
    };
    match service {
        "dynamodb" | "sqs" => json_error(
            status,
            "application/x-amz-json-1.0",
            None,
            format!(
                r#"{{"__type":"com.amazonaws.dynamodb.v20120810#{kind}","message":"{message}"}}"#
            ),
        ),
        _ => json_error(
            status,
            "application/json",
            Some(if status == 503 {
                "ServiceUnavailable"
            } else {
                "InternalFailure"
            }),
            format!(r#"{{"message":"{message}"}}"#),
        ),
    }
}
