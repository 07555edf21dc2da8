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

/// The invitees' identity provider: oidc-provider-mock (PyPI, Authlib's provider side)
/// with PKCE enforced and nonces required (`tests/oidc/provider.py`), as a child process.
pub struct Provider {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`: its issuer.
    pub issuer: String,
    http: reqwest::Client,
}

impl Drop for Provider {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Provider {
    pub fn start() -> Self {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oidc/provider.py");
        let mut child = Command::new(python())
            .arg(script)
            .env("AUTHLIB_INSECURE_TRANSPORT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the test provider starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the provider prints its issuer");
        let issuer = line
            .trim()
            .strip_prefix("ISSUER ")
            .unwrap_or_else(|| panic!("unexpected provider output {line:?}"))
            .to_owned();
        Provider {
            child: Some(child),
            issuer,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
        }
    }

    /// The provider goes down (its port then refuses connections).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Sets the claims the provider puts in `sub`'s ID tokens.
    pub async fn set_user(&self, sub: &str, claims: Value) {
        let r = self
            .http
            .put(format!("{}/users/{sub}", self.issuer))
            .json(&claims)
            .send()
            .await
            .expect("set user");
        assert_eq!(r.status(), 204, "set user {sub}");
    }

    /// The person `sub` signs in at `authorization_url` (the provider's form): the
    /// redirect back, `…/auth/callback?code=…&state=…`.
    pub async fn authorize(&self, authorization_url: &str, sub: &str) -> String {
        let r = self
            .http
            .post(authorization_url)
            .form(&[("sub", sub)])
            .send()
            .await
            .expect("authorize");
        assert_eq!(r.status(), 302, "the provider redirects back");
        r.headers()["location"]
            .to_str()
            .expect("location")
            .to_owned()
    }
}
