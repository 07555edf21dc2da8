//! The `local` binary under test: started on a fixed port and data directory, killed
//! with SIGKILL, started again.

use super::*;

pub(super) struct Server {
    pub(super) bin: PathBuf,
    pub(super) dir: PathBuf,
    pub(super) port: u16,
    pub(super) child: Option<Child>,
    pub(super) log: PathBuf,
}

impl Server {
    pub(super) fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts the binary and waits (bounded) until it answers HTTP.
    pub(super) async fn start(&mut self, client: &reqwest::Client) -> Duration {
        let began = Instant::now();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("log file");
        let child = Command::new(&self.bin)
            .env("PORT", self.port.to_string())
            .env("PUBLIC_BASE_URL", self.base())
            .env(
                "HOST_JWT_SECRET",
                std::str::from_utf8(JWT_SECRET).expect("utf-8 secret"),
            )
            .env("DATA_DIR", self.dir.join("data"))
            .env("OUTBOX_DIR", self.dir.join("outbox"))
            .env("RUST_LOG", "warn")
            .env_remove("HOST_JWT_ISSUER")
            .env_remove("SESSION_SECRET")
            .env_remove("ROOM_BACKEND")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("local starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = client.get(format!("{}/metrics", self.base())).send().await {
                if r.status().is_success() {
                    return began.elapsed();
                }
            }
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("local exited at start ({status}):\n{}", self.log_tail());
            }
            assert!(
                Instant::now() < deadline,
                "local did not answer within 30 s:\n{}",
                self.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// SIGKILL, and the exit collected.
    pub(super) fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL");
            let status = child.wait().expect("wait");
            assert!(!status.success(), "killed, not exited: {status}");
        }
    }

    pub(super) fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.log) {
            let _ = f.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(60)..].join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
