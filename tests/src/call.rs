//! The requests the service tests send ([`Call`]) and the replies they read ([`Reply`]).

use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;

/// A response, fully read.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// Reads the whole of `response`.
    pub(crate) async fn read(response: axum::response::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// The `name=value` pair of the session cookie this reply sets.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("rooms_session="))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }
    /// The `error` code of a JSON error body.
    pub fn code(&self) -> String {
        self.json()["error"].as_str().unwrap_or_default().to_owned()
    }
    /// The `data-error` of an HTML error page.
    pub fn page_error(&self) -> Option<String> {
        let text = self.text();
        let start = text.find("data-error=\"")? + "data-error=\"".len();
        let end = text[start..].find('"')? + start;
        Some(text[start..end].to_owned())
    }
}

/// A request builder with the few shapes the tests use.
pub struct Call {
    pub method: Method,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Call {
    pub fn new(method: Method, path: &str) -> Self {
        Call {
            method,
            path: path.into(),
            headers: vec![],
            body: vec![],
        }
    }
    pub fn get(path: &str) -> Self {
        Self::new(Method::GET, path)
    }
    pub fn post(path: &str) -> Self {
        Self::new(Method::POST, path)
    }
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub fn bearer(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }
    pub fn json(mut self, v: &Value) -> Self {
        self.body = v.to_string().into_bytes();
        self.header("content-type", "application/json")
    }
    pub fn form_email(mut self, email: &str) -> Self {
        self.body = format!("email={}", email.replace('+', "%2B").replace('@', "%40")).into_bytes();
        self.header("content-type", "application/x-www-form-urlencoded")
    }
    pub fn cookie(self, cookie: &str) -> Self {
        self.header("cookie", cookie)
    }
    pub fn accept_json(self) -> Self {
        self.header("accept", "application/json")
    }
    pub fn raw_body(mut self, body: Vec<u8>) -> Self {
        self.body = body;
        self
    }
}
