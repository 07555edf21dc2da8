//! The test-only OpenID Connect issuer (`tests/oidc/issuer.py`, PyJWT + cryptography) as
//! a child process on loopback: discovery, JWKS, and tokens shaped like Auth0's,
//! Cognito's, Clerk's and Keycloak's.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

fn python() -> PathBuf {
    if let Ok(p) = std::env::var("MOTO_PYTHON") {
        return p.into();
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python");
    assert!(
        venv.exists(),
        "the identity tests need the Python test tools (.venv with PyJWT[crypto]; see .ci/setup-moto.sh)"
    );
    venv
}

pub struct Issuer {
    child: Child,
    /// `http://127.0.0.1:PORT` (the discovery document's issuer).
    pub base: String,
    http: reqwest::Client,
}

impl Drop for Issuer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Issuer {
    pub fn start() -> Self {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oidc/issuer.py");
        let mut child = Command::new(python())
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the test issuer starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the issuer prints its port");
        let port: u16 = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected issuer output {line:?}"));
        Issuer {
            child,
            base: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::new(),
        }
    }

    /// A token signed by the issuer: `{shape, alg, kid, key, claims, drop, no_kid}`.
    pub async fn token(&self, request: Value) -> String {
        let reply: Value = self
            .http
            .post(format!("{}/token", self.base))
            .json(&request)
            .send()
            .await
            .expect("issuer answers")
            .json()
            .await
            .expect("issuer JSON");
        reply["token"]
            .as_str()
            .unwrap_or_else(|| panic!("no token for {request}: {reply}"))
            .to_owned()
    }

    pub async fn control(&self, request: Value) -> Value {
        self.http
            .post(format!("{}/control", self.base))
            .json(&request)
            .send()
            .await
            .expect("issuer answers")
            .json()
            .await
            .expect("issuer JSON")
    }

    /// How often the JWKS was fetched.
    pub async fn jwks_hits(&self) -> u64 {
        let state: Value = self
            .http
            .get(format!("{}/control", self.base))
            .send()
            .await
            .expect("issuer answers")
            .json()
            .await
            .expect("issuer JSON");
        state["jwks_hits"].as_u64().expect("jwks_hits")
    }
}
