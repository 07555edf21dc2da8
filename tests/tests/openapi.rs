//! The API against its own description: the `local` binary serves `/api/openapi.json`
//! (identical to docs/openapi.json), and schemathesis (PyPI) fuzzes every operation with
//! a valid host token, with all its checks: no server error, no undocumented status code
//! or content type, no response that breaks its schema, invalid input refused.
//! And the binary's graceful shutdown: SIGTERM ends the open live streams and the process.

use shared::http::auth::{sign_host_token, HostClaims};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const SECRET: &str = "openapi-fuzz-host-secret-0123456789";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The debug binary `local`, beside this test's executable.
fn local_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.parent()?.join("local");
    path.exists().then_some(path)
}

fn venv_tool(name: &str) -> Option<PathBuf> {
    let path = repo().join(".venv/bin").join(name);
    path.exists().then_some(path)
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start(dir: &std::path::Path) -> Option<(Server, String)> {
    let Some(bin) = local_binary() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the local binary is not built"
        );
        eprintln!(
            "note: local is not built; run cargo build --workspace --all-features --all-targets"
        );
        return None;
    };
    let port = free_port();
    let child = Command::new(bin)
        .env("PORT", port.to_string())
        .env("HOST_JWT_SECRET", SECRET)
        .env("DATA_DIR", dir.join("data"))
        .env("OUTBOX_DIR", dir.join("outbox"))
        .env("RUST_LOG", "warn")
        .env_remove("HOST_JWT_ISSUER")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("local starts");
    let server = Server(child);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(r) = client.get(format!("{base}/api/openapi.json")).send().await {
            if r.status().is_success() {
                break;
            }
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "local did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Some((server, base))
}

#[tokio::test]
async fn the_served_description_is_the_copy_in_docs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some((_server, base)) = start(dir.path()).await else {
        return;
    };
    let r = reqwest::get(format!("{base}/api/openapi.json"))
        .await
        .expect("openapi.json");
    assert_eq!(
        r.headers()["content-type"].to_str().ok(),
        Some("application/json")
    );
    let served = r.text().await.expect("body");
    let copy =
        std::fs::read_to_string(repo().join("docs/openapi.json")).expect("docs/openapi.json");
    assert!(
        served == copy,
        "docs/openapi.json is stale: UPDATE_OPENAPI=1 cargo test -p shared --all-features openapi"
    );
    let doc: serde_json::Value = serde_json::from_str(&served).expect("JSON");
    assert_eq!(doc["openapi"], "3.1.0");
}

/// The served document through the tools of others: openapi-spec-validator (every
/// `$ref` must resolve, the document must follow OpenAPI 3.1), then a client generated
/// from it by openapi-python-client makes one call of each kind against local mode.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_description_validates_and_generates_a_working_client() {
    let (Some(validator), Some(generator), Some(python)) = (
        venv_tool("openapi-spec-validator"),
        venv_tool("openapi-python-client"),
        venv_tool("python"),
    ) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "openapi-spec-validator or openapi-python-client is not installed in .venv"
        );
        eprintln!("note: the OpenAPI tools are not installed (.venv); skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let Some((_server, base)) = start(dir.path()).await else {
        return;
    };
    let served = reqwest::get(format!("{base}/api/openapi.json"))
        .await
        .expect("openapi.json")
        .text()
        .await
        .expect("body");
    let doc = dir.path().join("openapi.json");
    std::fs::write(&doc, served).expect("write the document");
    let token = sign_host_token(
        SECRET.as_bytes(),
        &HostClaims {
            sub: "client-host".into(),
            org: "client-org".into(),
            email: None,
            exp: time::OffsetDateTime::now_utc().unix_timestamp() + 3600,
            scope: None,
        },
    )
    .expect("token");
    let work = dir.path().to_owned();
    let (validated, generated, used) = tokio::task::spawn_blocking(move || {
        let validated = Command::new(validator)
            .arg(&doc)
            .output()
            .expect("validator runs");
        // The generator formats its output with ruff, which the .venv has.
        let path = format!(
            "{}:{}",
            repo().join(".venv/bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let generated = Command::new(generator)
            .env("PATH", path)
            .args(["generate", "--meta", "none", "--overwrite", "--path"])
            .arg(&doc)
            .arg("--output-path")
            .arg(work.join("client/room_invitations_client"))
            .output()
            .expect("generator runs");
        let used = Command::new(python)
            .arg(repo().join("tests/python/generated_client.py"))
            .arg(work.join("client"))
            .arg(&base)
            .arg(&token)
            .output()
            .expect("the generated client runs");
        (validated, generated, used)
    })
    .await
    .expect("join");
    let text = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
    };
    assert!(
        validated.status.success(),
        "openapi-spec-validator:\n{}",
        text(&validated)
    );
    assert!(text(&validated).contains("OK"), "{}", text(&validated));
    assert!(
        generated.status.success(),
        "openapi-python-client:\n{}",
        text(&generated)
    );
    assert!(
        used.status.success(),
        "the generated client:\n{}",
        text(&used)
    );
    assert!(text(&used).contains(" passed, 0 failed"), "{}", text(&used));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_nothing() {
    let Some(st) = venv_tool("schemathesis") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "schemathesis is not installed in .venv"
        );
        eprintln!("note: schemathesis not installed (.venv); skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let Some((_server, base)) = start(dir.path()).await else {
        return;
    };
    let token = sign_host_token(
        SECRET.as_bytes(),
        &HostClaims {
            sub: "fuzz-host".into(),
            org: "fuzz-org".into(),
            email: Some("fuzz@example.com".into()),
            exp: time::OffsetDateTime::now_utc().unix_timestamp() + 3600,
            scope: None,
        },
    )
    .expect("token");
    let examples = std::env::var("SCHEMATHESIS_MAX_EXAMPLES").unwrap_or_else(|_| "50".into());
    let seed = std::env::var("SCHEMATHESIS_SEED").unwrap_or_else(|_| "20261201".into());
    let output = tokio::task::spawn_blocking({
        let dir = dir.path().to_owned();
        move || {
            Command::new(st)
                .current_dir(&dir)
                .arg("--config-file")
                .arg(repo().join("tests/schemathesis.toml"))
                .args(["run", &format!("{base}/api/openapi.json")])
                .args(["--header", &format!("Authorization: Bearer {token}")])
                .args([
                    "--checks",
                    "all",
                    "--max-examples",
                    &examples,
                    "--seed",
                    &seed,
                ])
                .args([
                    "--workers",
                    "2",
                    "--no-color",
                    "--generation-database",
                    "none",
                ])
                .args(["--max-failures", "20", "--request-timeout", "10"])
                .output()
                .expect("schemathesis runs")
        }
    })
    .await
    .expect("join");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "schemathesis found problems:\n{text}"
    );
    assert!(!text.contains("Tested: 0"), "operations tested:\n{text}");
    assert!(text.contains(" passed"), "{text}");
}

/// A host token of the test's secret.
fn host_token() -> String {
    sign_host_token(
        SECRET.as_bytes(),
        &HostClaims {
            sub: "shutdown-host".into(),
            org: "shutdown-org".into(),
            email: None,
            exp: time::OffsetDateTime::now_utc().unix_timestamp() + 3600,
            scope: None,
        },
    )
    .expect("token")
}

/// The invitation link in the only `.eml` of `outbox`.
fn invitation_link(outbox: &std::path::Path) -> String {
    let mail = std::fs::read_dir(outbox)
        .expect("outbox")
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).expect("mail"))
        .expect("an invitation");
    let start = mail.find("/join/").expect("a join link");
    let token: String = mail[start + 6..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    format!("/join/{token}")
}

#[tokio::test]
async fn sigterm_ends_the_open_live_streams_and_the_process() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some((mut server, base)) = start(dir.path()).await else {
        return;
    };
    let client = reqwest::Client::new();
    let token = host_token();
    let room: serde_json::Value = client
        .post(format!("{base}/api/rooms"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"title": "Shutdown", "starts_at": "2030-01-01T15:00:00Z"}))
        .send()
        .await
        .expect("room")
        .json()
        .await
        .expect("room JSON");
    let room_id = room["room_id"].as_str().expect("room_id");
    let invited = client
        .post(format!("{base}/api/rooms/{room_id}/invites"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"email": "ann@example.com"}))
        .send()
        .await
        .expect("invite");
    assert!(invited.status().is_success(), "{}", invited.status());
    let joined = client
        .post(format!(
            "{base}{}",
            invitation_link(&dir.path().join("outbox"))
        ))
        .header("accept", "application/json")
        .json(&serde_json::json!({"email": "ann@example.com"}))
        .send()
        .await
        .expect("join");
    let cookie = joined.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("cookie pair")
        .to_owned();
    let mut stream = client
        .get(format!("{base}/rooms/{room_id}/events"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    let first = stream.chunk().await.expect("first event").expect("a chunk");
    assert!(String::from_utf8_lossy(&first).contains("event: "));

    let killed = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    // The stream ends (no error: the body is complete) and the process exits cleanly,
    // long before the 15 s comment interval.
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        while stream
            .chunk()
            .await
            .expect("the stream ends cleanly")
            .is_some()
        {}
    })
    .await;
    assert!(ended.is_ok(), "the stream did not end on SIGTERM");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.0.try_wait().expect("wait") {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "local did not stop on SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status}");
}
