//! The moto harness (feature `aws`): one single-threaded moto server per test binary
//! (tests/moto/moto_single_thread.py), on a free loopback port, reset before each test
//! that holds the exclusive lease. It exits when the test process does (its stdin closes).
//!
//! `MOTO_PYTHON` names a python with `moto[server]` (`.ci/setup-moto.sh` prints one).
//! Without it the AWS tests are skipped with a note, unless `CI` is set: then they fail.

use aws_config::SdkConfig;
use shared::adapters::aws::sdk_config_loader;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub struct Moto {
    pub endpoint: String,
    /// Every endpoint of the server (the first is `endpoint`): see [`start_tls`].
    pub endpoints: Vec<String>,
    addr: String,
    _child: Mutex<Child>,
}

static MOTO: OnceLock<Option<Moto>> = OnceLock::new();
static LEASE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Starts the server with `args` after the script; the child and its port.
fn spawn(python: &std::ffi::OsStr, args: &[&std::ffi::OsStr]) -> Result<(Child, Vec<u16>), String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/moto/moto_single_thread.py");
    let mut child = Command::new(python)
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start moto with MOTO_PYTHON: {e}"))?;
    let stdout = child.stdout.take().ok_or("moto has no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("cannot read moto's port: {e}"))?;
    let ports: Vec<u16> = line
        .trim()
        .strip_prefix("PORT ")
        .map(|p| {
            p.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    if ports.is_empty() {
        return Err(format!("moto did not start (it printed {line:?})"));
    }
    Ok((child, ports))
}

/// A moto server of its own behind TLS with `cert` (the chain) and `key` (PEM files),
/// on 127.0.0.1, keeping connections open as AWS endpoints do, with `listeners` ports
/// over the same state (one per AWS service, so that each service gets a connection of
/// its own, as in AWS); for the Lambda benchmark. Its `endpoints` are
/// `https://127.0.0.1:PORT`; [`Moto::request`] does not speak TLS.
pub fn start_tls(
    cert: &std::path::Path,
    key: &std::path::Path,
    listeners: usize,
) -> Result<Moto, String> {
    let python = std::env::var_os("MOTO_PYTHON")
        .filter(|p| !p.is_empty())
        .ok_or("set MOTO_PYTHON (see .ci/setup-moto.sh)")?;
    let listeners = listeners.max(1).to_string();
    let (child, ports) = spawn(
        &python,
        &[
            "127.0.0.1".as_ref(),
            "--tls".as_ref(),
            cert.as_os_str(),
            key.as_os_str(),
            "--listeners".as_ref(),
            listeners.as_ref(),
        ],
    )?;
    let endpoints: Vec<String> = ports
        .iter()
        .map(|p| format!("https://127.0.0.1:{p}"))
        .collect();
    Ok(Moto {
        endpoint: endpoints[0].clone(),
        endpoints,
        addr: format!("127.0.0.1:{}", ports[0]),
        _child: Mutex::new(child),
    })
}

fn start() -> Option<Moto> {
    let Some(python) = std::env::var_os("MOTO_PYTHON").filter(|p| !p.is_empty()) else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "CI is set but MOTO_PYTHON is not: run `export MOTO_PYTHON=$(.ci/setup-moto.sh)`"
            );
        }
        eprintln!(
            "note: MOTO_PYTHON is not set; skipping the AWS adapter tests (see .ci/setup-moto.sh)"
        );
        return None;
    };
    let (child, ports) = spawn(&python, &["127.0.0.1".as_ref()]).unwrap_or_else(|e| panic!("{e}"));
    let addr = format!("127.0.0.1:{}", ports[0]);
    Some(Moto {
        endpoint: format!("http://{addr}"),
        endpoints: vec![format!("http://{addr}")],
        addr,
        _child: Mutex::new(child),
    })
}

/// The shared moto server, or `None` (after a printed note) when the tests must skip.
pub fn moto() -> Option<&'static Moto> {
    MOTO.get_or_init(start).as_ref()
}

/// Exclusive use of the moto server, reset to empty.
pub async fn lease() -> Option<(tokio::sync::MutexGuard<'static, ()>, &'static Moto)> {
    let moto = moto()?;
    let guard = LEASE.lock().await;
    let (status, body) = moto.request("POST", "/moto-api/reset").await;
    assert_eq!(status, 200, "moto reset failed: {body}");
    Some((guard, moto))
}

impl Moto {
    /// One plain HTTP/1.0 request to moto's own API; the status and body.
    pub async fn request(&self, method: &str, path: &str) -> (u16, String) {
        let mut stream = tokio::net::TcpStream::connect(&self.addr)
            .await
            .unwrap_or_else(|e| panic!("cannot reach moto: {e}"));
        let req = format!(
            "{method} {path} HTTP/1.0\r\nHost: {}\r\nContent-Length: 0\r\n\r\n",
            self.addr
        );
        stream
            .write_all(req.as_bytes())
            .await
            .unwrap_or_else(|e| panic!("moto write: {e}"));
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .await
            .unwrap_or_else(|e| panic!("moto read: {e}"));
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, body.to_owned())
    }

    /// Moto's recorded state (`GET /moto-api/data.json`).
    pub async fn data(&self) -> serde_json::Value {
        let (status, body) = self.request("GET", "/moto-api/data.json").await;
        assert_eq!(status, 200, "moto data.json failed");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("moto data.json is not JSON: {e}"))
    }

    /// An SDK config pointing at this server, with dummy credentials.
    pub async fn sdk_config(&self) -> SdkConfig {
        sdk_config_loader()
            .endpoint_url(&self.endpoint)
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
                "test", "test", None, None, "moto",
            ))
            .load()
            .await
    }
}
