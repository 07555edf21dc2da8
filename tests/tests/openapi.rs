//! The API against its own description: the `local` binary serves `/api/openapi.json`
//! (identical to docs/openapi.json), and schemathesis (PyPI) fuzzes every operation with
//! a valid host token, with all its checks: no server error, no undocumented status code
//! or content type, no response that breaks its schema, invalid input refused.

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
