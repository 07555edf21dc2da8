//! The host console in tests: one-time sign-in tickets (as local mode's banner prints
//! them) and a console session (its cookie and CSRF token) to call console routes with.

use crate::{Call, Reply, TestService, JWT_SECRET};
use serde_json::{json, Map, Value};

/// A console sign-in ticket for `sub` of `org`, with `scope` when given (e.g.
/// `rooms:read` for a read-only host).
pub fn ticket(org: &str, sub: &str, scope: Option<&str>) -> String {
    let mut claims = Map::new();
    claims.insert("org".into(), org.into());
    claims.insert("email".into(), format!("{sub}@hosts.example").into());
    if let Some(scope) = scope {
        claims.insert("scope".into(), scope.into());
    }
    shared::http::console::sign_in::mint_ticket(
        JWT_SECRET,
        sub,
        claims,
        time::OffsetDateTime::now_utc(),
    )
    .expect("a ticket")
}

/// A signed-in console: the cookie pair and the session's CSRF token.
#[derive(Debug, Clone)]
pub struct Console {
    pub cookie: String,
    pub csrf: String,
}

/// The `rooms_console=…` pair a reply sets, if any.
pub fn console_cookie(r: &Reply) -> Option<String> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rooms_console=") && !v.starts_with("rooms_console=;"))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// The CSRF token inside a console cookie (its claims are readable; only the server
/// can sign them).
pub fn csrf_of(cookie: &str) -> String {
    use base64::Engine;
    let jwt = cookie.split_once('=').map(|(_, v)| v).unwrap_or_default();
    let payload = jwt.split('.').nth(1).unwrap_or_default();
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64 claims");
    let claims: Value = serde_json::from_slice(&raw).expect("JSON claims");
    claims["csrf"].as_str().expect("a csrf claim").to_owned()
}

impl TestService {
    /// Signs in to the console with a fresh ticket.
    pub async fn console(&self, org: &str, sub: &str, scope: Option<&str>) -> Console {
        let r = self
            .send(Call::get(&format!(
                "/console/sign-in?ticket={}",
                ticket(org, sub, scope)
            )))
            .await;
        assert_eq!(r.status, http::StatusCode::OK, "{}", r.text());
        let cookie = console_cookie(&r).expect("a console cookie");
        Console {
            csrf: csrf_of(&cookie),
            cookie,
        }
    }
}

impl Console {
    pub fn get(&self, path: &str) -> Call {
        Call::get(path).cookie(&self.cookie)
    }

    /// A same-origin form post with the session's CSRF token added to `fields`.
    pub fn post(&self, path: &str, fields: &[(&str, &str)]) -> Call {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &self.csrf));
        let body = serde_urlencoded::to_string(&all).expect("form");
        Call::post(path)
            .cookie(&self.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .raw_body(body.into_bytes())
    }

    /// An import chunk as the console's script sends it.
    pub fn import(&self, room_id: &str, key: &str, invites: Value) -> Call {
        Call::post(&format!("/console/rooms/{room_id}/import"))
            .cookie(&self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("idempotency-key", key)
            .header("accept", "application/json")
            .json(&json!({ "invites": invites }))
    }
}
