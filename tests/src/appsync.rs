//! A loopback stand-in for an AppSync Event API's HTTP publish endpoint that records the
//! requests as received, and botocore's judgement of their SigV4 signatures
//! (tests/python/verify_sigv4.py).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

#[derive(Clone, Default)]
pub struct Recorder {
    pub requests: Arc<Mutex<Vec<Received>>>,
    /// The status to answer (default 200 with every event successful).
    pub status: Arc<Mutex<Option<StatusCode>>>,
}

async fn record(
    State(r): State<Recorder>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let host = headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    r.requests.lock().expect("lock").push(Received {
        method: method.to_string(),
        url: format!("http://{host}{uri}"),
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect(),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let status = r.status.lock().expect("lock").unwrap_or(StatusCode::OK);
    let events = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|b| b["events"].as_array().map(Vec::len))
        .unwrap_or(0);
    let successful: Vec<Value> = (0..events)
        .map(|i| json!({"identifier": format!("id-{i}"), "index": i}))
        .collect();
    (
        status,
        json!({ "failed": [], "successful": successful }).to_string(),
    )
}

/// A loopback stand-in for the Event API's HTTP endpoint that records every request.
pub async fn endpoint() -> (String, Recorder) {
    let recorder = Recorder::default();
    let app = axum::Router::new()
        .route("/event", axum::routing::post(record))
        .with_state(recorder.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/event"), recorder)
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body's `channel` and its events, each parsed from its JSON string.
    pub fn channel_and_events(&self) -> (String, Vec<Value>) {
        let body: Value = serde_json::from_str(&self.body).expect("a JSON body");
        let events = body["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| serde_json::from_str(e.as_str().expect("a JSON string")).expect("JSON"))
            .collect();
        (
            body["channel"].as_str().expect("channel").to_owned(),
            events,
        )
    }
}

/// The credentials a request was signed with.
pub struct Signer<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
    pub session_token: Option<&'a str>,
    pub region: &'a str,
}

/// Runs tests/python/verify_sigv4.py over the received requests, with botocore holding
/// `secret_key`; returns its count, or its complaint.
pub async fn botocore_verifies(
    requests: &[Received],
    signer: &Signer<'_>,
) -> Result<usize, String> {
    let input = json!({
        "access_key": signer.access_key,
        "secret_key": signer.secret_key,
        "session_token": signer.session_token,
        "region": signer.region,
        "service": "appsync",
        "requests": requests.iter().map(|r| json!({
            "method": r.method,
            "url": r.url,
            "headers": r.headers.iter().map(|(k, v)| (k.clone(), json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "body": r.body,
        })).collect::<Vec<_>>(),
    });
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), input.to_string()).expect("write");
    let path = file.path().to_path_buf();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(crate::room_backend::python())
            .arg(repo().join("tests/python/verify_sigv4.py"))
            .arg(path)
            .output()
            .expect("python runs")
    })
    .await
    .expect("joined");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(stdout
        .lines()
        .find_map(|l| l.strip_suffix(" checks passed"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count: {stdout}")))
}
