//! Live-room backend test helpers: backend settings, a recording endpoint that stands in
//! for LiveKit's RoomService on loopback, the Python checks in which LiveKit's and
//! PyJWT's own code judges our tokens, and a log capture.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use serde_json::{json, Value};
use shared::adapters::room_backend::RoomBackendSecrets;
use shared::config::{RoomBackendKind, RoomBackendSettings, DEFAULT_LIVEKIT_MEET_URL};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub const LIVEKIT_API_KEY: &str = "APItestkey";
pub const LIVEKIT_API_SECRET: &str = "livekit-test-secret-of-at-least-32-chars";
pub const JITSI_URL: &str = "https://meet.jitsi.test";
pub const JITSI_APP_ID: &str = "rooms-app";
pub const JITSI_APP_SECRET: &str = "jitsi-test-secret-of-at-least-32-chars";
pub const ROOM_APP_URL: &str = "https://app.rooms.test/enter";

pub type Backend = (RoomBackendSettings, RoomBackendSecrets);

pub fn livekit(url: &str) -> Backend {
    (
        RoomBackendSettings {
            kind: RoomBackendKind::LiveKit,
            livekit_url: Some(url.into()),
            livekit_api_key: Some(LIVEKIT_API_KEY.into()),
            livekit_meet_url: DEFAULT_LIVEKIT_MEET_URL.into(),
            ..Default::default()
        },
        RoomBackendSecrets {
            livekit_api_secret: Some(LIVEKIT_API_SECRET.into()),
            ..Default::default()
        },
    )
}

pub fn jitsi() -> Backend {
    (
        RoomBackendSettings {
            kind: RoomBackendKind::Jitsi,
            jitsi_url: Some(JITSI_URL.into()),
            jitsi_app_id: Some(JITSI_APP_ID.into()),
            livekit_meet_url: DEFAULT_LIVEKIT_MEET_URL.into(),
            ..Default::default()
        },
        RoomBackendSecrets {
            jitsi_app_secret: Some(JITSI_APP_SECRET.into()),
            ..Default::default()
        },
    )
}

/// The redirect backend with its key generated in `DATA_DIR` (as local mode does).
pub fn redirect(app_url: &str) -> Backend {
    (
        RoomBackendSettings {
            kind: RoomBackendKind::Redirect,
            room_app_url: Some(app_url.into()),
            livekit_meet_url: DEFAULT_LIVEKIT_MEET_URL.into(),
            ..Default::default()
        },
        RoomBackendSecrets::default(),
    )
}

/// One request the recording endpoint received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    pub content_type: Option<String>,
    pub authorization: Option<String>,
    pub body: String,
}

impl Recorded {
    pub fn bearer(&self) -> &str {
        self.authorization
            .as_deref()
            .and_then(|a| a.strip_prefix("Bearer "))
            .unwrap_or_default()
    }
}

#[derive(Default)]
struct Recording {
    requests: Mutex<Vec<Recorded>>,
    /// What to answer: status and body.
    answer: Mutex<(u16, String)>,
}

/// An HTTP endpoint on 127.0.0.1 that records every request and answers as told.
pub struct RecordingEndpoint {
    pub base: String,
    recording: Arc<Recording>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for RecordingEndpoint {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn record(
    State(r): State<Arc<Recording>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let header = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    r.requests.lock().expect("lock").push(Recorded {
        path: uri.path().to_owned(),
        content_type: header("content-type"),
        authorization: header("authorization"),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let (status, body) = r.answer.lock().expect("lock").clone();
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [("content-type", "application/json")],
        body,
    )
        .into_response()
}

impl RecordingEndpoint {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let base = format!("127.0.0.1:{}", listener.local_addr().expect("addr").port());
        let recording = Arc::new(Recording::default());
        *recording.answer.lock().expect("lock") = (200, "{}".into());
        let router = axum::Router::new()
            .fallback(record)
            .with_state(recording.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.expect("serves");
        });
        RecordingEndpoint {
            base,
            recording,
            server,
        }
    }

    /// `ws://127.0.0.1:port`: LiveKit's URL form for clients.
    pub fn ws_url(&self) -> String {
        format!("ws://{}", self.base)
    }

    pub fn answer(&self, status: u16, body: Value) {
        *self.recording.answer.lock().expect("lock") = (status, body.to_string());
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.recording.requests.lock().expect("lock").clone()
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The Python of the test tools (tests/requirements.txt): `MOTO_PYTHON`, or the
/// project's `.venv`. Missing is a failure, never a skip.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("MOTO_PYTHON") {
        return p.into();
    }
    let venv = repo().join(".venv/bin/python");
    assert!(
        venv.exists(),
        "no Python test tools: run .ci/setup-moto.sh (or set MOTO_PYTHON)"
    );
    venv
}

/// Runs `tests/python/verify_room_tokens.py` on `cases` (off the runtime's thread, so
/// that a server of this test can answer it) and returns how many checks passed.
pub async fn verify_with_python(cases: Vec<Value>) -> usize {
    let expected = cases.len();
    let input = json!({
        "livekit": { "api_key": LIVEKIT_API_KEY, "api_secret": LIVEKIT_API_SECRET },
        "jitsi": { "url": JITSI_URL, "app_id": JITSI_APP_ID, "app_secret": JITSI_APP_SECRET },
        "cases": cases,
    });
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), input.to_string()).expect("write cases");
    let path = file.path().to_path_buf();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(python())
            .arg(repo().join("tests/python/verify_room_tokens.py"))
            .arg(path)
            .output()
            .expect("python runs")
    })
    .await
    .expect("joined");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "the verifier refused our tokens:\n{stdout}\n{stderr}"
    );
    let passed = stdout
        .lines()
        .find_map(|l| l.strip_suffix(" checks passed"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no count in the verifier's output: {stdout}"));
    assert_eq!(passed, expected, "{stdout}");
    passed
}

/// Every log line written while the guard lives (on this thread: use a current-thread
/// runtime, as `#[tokio::test]` does).
#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    pub fn capture() -> (Logs, tracing::subscriber::DefaultGuard) {
        let logs = Logs::default();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_max_level(tracing::Level::DEBUG)
            .with_current_span(true)
            .with_writer(logs.clone())
            .finish();
        (logs.clone(), tracing::subscriber::set_default(subscriber))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Logs;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
