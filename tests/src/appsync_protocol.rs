//! A WebSocket server on 127.0.0.1 that speaks AWS AppSync Events' realtime protocol as
//! AWS publishes it, to judge the browser client (`shared/assets/appsync-live.js`):
//! moto cannot host AppSync Events, so this server holds the client to the documented
//! messages and checks every field it is sent.
//!
//! The protocol: <https://docs.aws.amazon.com/appsync/latest/eventapi/event-api-websocket-protocol.html>,
//! the Lambda authorization header: <https://docs.aws.amazon.com/appsync/latest/eventapi/configure-event-api-auth.html>.
//! - the handshake offers the subprotocols `aws-appsync-event-ws` and
//!   `header-<base64url(JSON)>`; the JSON is the authorization header, here a Lambda
//!   authorizer's `{"host": <http domain>, "Authorization": <token>}`; the server
//!   selects `aws-appsync-event-ws` (a handshake without it is refused with 400);
//! - `{"type":"connection_init"}` must come first; answered by
//!   `{"type":"connection_ack","connectionTimeoutMs":N}`, then `{"type":"ka"}` every
//!   keep-alive interval (or never, to test the client's watchdog); a wrong
//!   authorization header is answered with `connection_error` instead;
//! - `{"type":"subscribe","id","channel","authorization"}`: a unique `id`, a channel
//!   path of 1 to 5 segments (`/seg/seg…`, letters, digits and dashes, up to 50 each)
//!   and the same authorization header; answered `subscribe_success` or
//!   `subscribe_error` with `errors: [{errorType, message}]` (an unknown channel gets
//!   `UnauthorizedException`, as a Lambda authorizer's refusal does);
//! - `{"type":"unsubscribe","id"}` → `unsubscribe_success` (or `unsubscribe_error`);
//! - the test publishes with [`AppSyncEventsServer::publish`]: every subscription of the
//!   channel gets `{"type":"data","id":<its id>,"event":<the JSON string>}`; and
//!   [`AppSyncEventsServer::drop_connections`] ends every connection without a close
//!   frame (a lost network).
//!
//! Everything the server sees is recorded ([`Seen`]); anything off-protocol is recorded
//! as a [`Seen::Violation`] (tests assert there is none).

use base64::Engine;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, Notify};
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode};
use tokio_tungstenite::tungstenite::Message;

pub const SUBPROTOCOL: &str = "aws-appsync-event-ws";
pub const PATH: &str = "/event/realtime";

/// What the server expects and how it behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `host` the authorization header must name (the Event API's HTTP domain).
    pub host: String,
    /// The `Authorization` the header must carry (the subscribe token).
    pub token: String,
    /// The channels a subscriber may subscribe to; others get `subscribe_error`.
    pub allowed_channels: Vec<String>,
    /// Sent in `connection_ack`.
    pub connection_timeout_ms: u64,
    /// How often `ka` is sent after the ack; `None`: never.
    pub keep_alive: Option<Duration>,
}

/// One thing the server saw or did.
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    /// A WebSocket handshake: the offered subprotocols and the decoded authorization
    /// header (`Value::Null` when it was missing or not base64url JSON).
    Handshake {
        conn: u64,
        subprotocols: Vec<String>,
        auth: Value,
    },
    ConnectionInit {
        conn: u64,
    },
    Subscribed {
        conn: u64,
        id: String,
        channel: String,
        authorization: Value,
    },
    SubscribeRefused {
        conn: u64,
        id: String,
        channel: String,
        error_type: String,
    },
    Unsubscribed {
        conn: u64,
        id: String,
    },
    KeepAliveSent {
        conn: u64,
    },
    DataSent {
        conn: u64,
        id: String,
        channel: String,
    },
    /// The client closed the connection (close frame or end of stream).
    ClientClosed {
        conn: u64,
    },
    /// The server ended the connection ([`AppSyncEventsServer::drop_connections`]).
    Dropped {
        conn: u64,
    },
    /// Anything off-protocol, with what was wrong.
    Violation {
        conn: u64,
        what: String,
    },
}

enum Command {
    Send(String),
    Drop,
}

struct Connection {
    tx: mpsc::UnboundedSender<Command>,
    /// Subscription id → channel.
    subscriptions: HashMap<String, String>,
}

#[derive(Default)]
struct State {
    seen: Vec<Seen>,
    connections: HashMap<u64, Connection>,
    next_conn: u64,
}

struct Shared {
    config: Config,
    state: Mutex<State>,
    changed: Notify,
}

impl Shared {
    fn record(&self, seen: Seen) {
        self.state.lock().expect("state").seen.push(seen);
        self.changed.notify_waiters();
    }
}

/// The server; stopped when dropped.
pub struct AppSyncEventsServer {
    pub port: u16,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for AppSyncEventsServer {
    fn drop(&mut self) {
        self.task.abort();
        let state = self.shared.state.lock();
        if let Ok(mut state) = state {
            for (_, c) in state.connections.drain() {
                let _ = c.tx.send(Command::Drop);
            }
        }
    }
}

impl AppSyncEventsServer {
    pub async fn start(config: Config) -> AppSyncEventsServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let port = listener.local_addr().expect("bound").port();
        let shared = Arc::new(Shared {
            config,
            state: Mutex::new(State::default()),
            changed: Notify::new(),
        });
        let accept = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(accept.clone(), stream));
            }
        });
        AppSyncEventsServer { port, shared, task }
    }

    /// `ws://127.0.0.1:<port>/event/realtime`.
    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}{PATH}", self.port)
    }

    /// Everything seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.shared.state.lock().expect("state").seen.clone()
    }

    /// The protocol violations seen so far.
    pub fn violations(&self) -> Vec<String> {
        self.seen()
            .into_iter()
            .filter_map(|s| match s {
                Seen::Violation { conn, what } => Some(format!("connection {conn}: {what}")),
                _ => None,
            })
            .collect()
    }

    /// Waits (at most `limit`) until `check` finds what it wants in the record; fails at
    /// once on a protocol violation.
    pub async fn wait_for<T>(
        &self,
        what: &str,
        limit: Duration,
        mut check: impl FnMut(&[Seen]) -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + limit;
        loop {
            let notified = self.shared.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let seen = self.seen();
            let violations: Vec<&Seen> = seen
                .iter()
                .filter(|s| matches!(s, Seen::Violation { .. }))
                .collect();
            assert!(
                violations.is_empty(),
                "off-protocol while waiting for {what}: {violations:#?}"
            );
            if let Some(v) = check(&seen) {
                return v;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out after {limit:?} waiting for {what}; seen: {:#?}",
                self.seen()
            );
            let _ = tokio::time::timeout(left, notified).await;
        }
    }

    /// Sends `event` (the published JSON string) to every subscription of `channel`, as
    /// a `data` message; returns how many subscriptions got it.
    pub fn publish(&self, channel: &str, event: &str) -> usize {
        let mut sent = Vec::new();
        {
            let state = self.shared.state.lock().expect("state");
            for (conn, c) in &state.connections {
                for (id, ch) in &c.subscriptions {
                    if ch == channel {
                        let msg = json!({"type": "data", "id": id, "event": event}).to_string();
                        if c.tx.send(Command::Send(msg)).is_ok() {
                            sent.push(Seen::DataSent {
                                conn: *conn,
                                id: id.clone(),
                                channel: ch.clone(),
                            });
                        }
                    }
                }
            }
        }
        let n = sent.len();
        for s in sent {
            self.shared.record(s);
        }
        n
    }

    /// Ends every open connection without a close frame (as a lost network would).
    pub fn drop_connections(&self) {
        let state = self.shared.state.lock().expect("state");
        for c in state.connections.values() {
            let _ = c.tx.send(Command::Drop);
        }
    }
}

fn decode_auth(protocol: &str) -> Value {
    protocol
        .strip_prefix("header-")
        .and_then(|b64| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(b64)
                .ok()
        })
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(Value::Null)
}

/// What is wrong with an authorization header (the handshake's or a subscribe's).
#[derive(Debug, PartialEq)]
enum AuthProblem {
    /// Not the documented shape, or another API's host: a client bug (a violation).
    Malformed(String),
    /// The right shape with another token: the authorizer refuses it.
    Unauthorized,
}

fn auth_problem(config: &Config, auth: &Value) -> Option<AuthProblem> {
    let Some(obj) = auth.as_object() else {
        return Some(AuthProblem::Malformed(format!(
            "authorization is not a JSON object: {auth}"
        )));
    };
    if obj.get("host").and_then(Value::as_str) != Some(config.host.as_str()) {
        return Some(AuthProblem::Malformed(format!(
            "authorization host {:?}, expected {:?}",
            obj.get("host"),
            config.host
        )));
    }
    match obj.get("Authorization").and_then(Value::as_str) {
        None => Some(AuthProblem::Malformed(
            "authorization without an Authorization string".into(),
        )),
        Some(token) if token != config.token => Some(AuthProblem::Unauthorized),
        Some(_) => None,
    }
}

/// A channel path as AppSync Events takes it: `/` and 1 to 5 segments of letters,
/// digits and dashes, up to 50 characters each.
fn valid_channel(channel: &str) -> bool {
    let Some(rest) = channel.strip_prefix('/') else {
        return false;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    (1..=5).contains(&segments.len())
        && segments.iter().all(|s| {
            !s.is_empty()
                && s.len() <= 50
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

async fn serve(shared: Arc<Shared>, stream: TcpStream) {
    let conn = {
        let mut state = shared.state.lock().expect("state");
        state.next_conn += 1;
        state.next_conn
    };
    let mut handshake: Option<(Vec<String>, Value)> = None;
    // tungstenite's callback signature returns its (large) `ErrorResponse` by value.
    #[allow(clippy::result_large_err)]
    let callback = |request: &Request, mut response: Response| {
        let offered: Vec<String> = request
            .headers()
            .get_all("sec-websocket-protocol")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        let auth = offered
            .iter()
            .find(|p| p.starts_with("header-"))
            .map(|p| decode_auth(p))
            .unwrap_or(Value::Null);
        handshake = Some((offered.clone(), auth));
        if request.uri().path() != PATH || !offered.iter().any(|p| p == SUBPROTOCOL) {
            let mut refusal = ErrorResponse::new(Some("not an AppSync Events handshake".into()));
            *refusal.status_mut() = StatusCode::BAD_REQUEST;
            return Err(refusal);
        }
        response.headers_mut().insert(
            "sec-websocket-protocol",
            HeaderValue::from_static(SUBPROTOCOL),
        );
        Ok(response)
    };
    let accepted = tokio_tungstenite::accept_hdr_async(stream, callback).await;
    let (subprotocols, auth) = handshake.unwrap_or_default();
    shared.record(Seen::Handshake {
        conn,
        subprotocols: subprotocols.clone(),
        auth: auth.clone(),
    });
    let Ok(ws) = accepted else {
        shared.record(Seen::Violation {
            conn,
            what: format!("handshake refused: offered {subprotocols:?}"),
        });
        return;
    };
    if let Some(AuthProblem::Malformed(problem)) = auth_problem(&shared.config, &auth) {
        shared.record(Seen::Violation {
            conn,
            what: format!("handshake header: {problem}"),
        });
    }
    let (tx, mut rx) = mpsc::unbounded_channel();
    shared.state.lock().expect("state").connections.insert(
        conn,
        Connection {
            tx: tx.clone(),
            subscriptions: HashMap::new(),
        },
    );
    let (mut sink, mut source) = ws.split();
    let mut acked = false;
    let mut ka: Option<tokio::time::Interval> = None;
    loop {
        let tick = async {
            match ka.as_mut() {
                Some(i) => {
                    i.tick().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            command = rx.recv() => match command {
                Some(Command::Send(text)) => {
                    if sink.send(Message::text(text)).await.is_err() { break; }
                }
                Some(Command::Drop) | None => {
                    shared.record(Seen::Dropped { conn });
                    break;
                }
            },
            _ = tick => {
                if sink.send(Message::text(json!({"type": "ka"}).to_string())).await.is_err() { break; }
                shared.record(Seen::KeepAliveSent { conn });
            },
            incoming = source.next() => {
                let text = match incoming {
                    Some(Ok(Message::Text(t))) => t.to_string(),
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => {
                        shared.record(Seen::ClientClosed { conn });
                        break;
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                    Some(Ok(Message::Binary(_))) => {
                        shared.record(Seen::Violation { conn, what: "a binary message".into() });
                        continue;
                    }
                };
                let replies = handle(&shared, conn, &auth, &mut acked, &text);
                let mut start_ka = false;
                for reply in replies {
                    start_ka |= reply["type"] == "connection_ack";
                    if sink.send(Message::text(reply.to_string())).await.is_err() { break; }
                }
                if start_ka {
                    if let Some(every) = shared.config.keep_alive {
                        // The first tick is immediate: a `ka` right after the ack.
                        ka = Some(tokio::time::interval(every));
                    }
                }
            },
        }
    }
    shared
        .state
        .lock()
        .expect("state")
        .connections
        .remove(&conn);
}

fn error(type_: &str, id: Option<&str>, error_type: &str, message: &str) -> Value {
    let mut v = json!({"type": type_, "errors": [{"errorType": error_type, "message": message}]});
    if let Some(id) = id {
        v["id"] = json!(id);
    }
    v
}

/// One client message → the server's replies.
fn handle(
    shared: &Shared,
    conn: u64,
    handshake_auth: &Value,
    acked: &mut bool,
    text: &str,
) -> Vec<Value> {
    let violation = |what: String| {
        shared.record(Seen::Violation { conn, what });
    };
    let Ok(msg) = serde_json::from_str::<Value>(text) else {
        violation(format!("not JSON: {text}"));
        return vec![error("error", None, "BadRequestException", "Invalid JSON")];
    };
    let type_ = msg["type"].as_str().unwrap_or_default();
    if !*acked && type_ != "connection_init" {
        violation(format!("{type_:?} before connection_init"));
        return vec![error(
            "connection_error",
            None,
            "BadRequestException",
            "connection_init must be the first message",
        )];
    }
    match type_ {
        "connection_init" => {
            if *acked {
                violation("a second connection_init".into());
                return vec![];
            }
            shared.record(Seen::ConnectionInit { conn });
            if auth_problem(&shared.config, handshake_auth).is_some() {
                return vec![error(
                    "connection_error",
                    None,
                    "UnauthorizedException",
                    "You are not authorized to make this call.",
                )];
            }
            *acked = true;
            vec![
                json!({"type": "connection_ack", "connectionTimeoutMs": shared.config.connection_timeout_ms}),
            ]
        }
        "subscribe" => {
            let id = msg["id"].as_str().unwrap_or_default().to_owned();
            let channel = msg["channel"].as_str().unwrap_or_default().to_owned();
            let authorization = msg["authorization"].clone();
            let duplicate = {
                let state = shared.state.lock().expect("state");
                state
                    .connections
                    .get(&conn)
                    .is_some_and(|c| c.subscriptions.contains_key(&id))
            };
            let bad = if id.is_empty() || id.len() > 128 {
                Some(format!("subscribe id {id:?}: missing or too long"))
            } else if duplicate {
                Some(format!("subscribe id {id:?} is already in use"))
            } else if !valid_channel(&channel) {
                Some(format!(
                    "subscribe channel {channel:?} is not a channel path"
                ))
            } else {
                match auth_problem(&shared.config, &authorization) {
                    Some(AuthProblem::Malformed(p)) => Some(format!("subscribe {p}")),
                    _ => None,
                }
            };
            if let Some(what) = bad {
                violation(what.clone());
                return vec![error(
                    "subscribe_error",
                    Some(&id),
                    "BadRequestException",
                    &what,
                )];
            }
            let authorized = auth_problem(&shared.config, &authorization).is_none();
            if !authorized || !shared.config.allowed_channels.contains(&channel) {
                shared.record(Seen::SubscribeRefused {
                    conn,
                    id: id.clone(),
                    channel,
                    error_type: "UnauthorizedException".into(),
                });
                return vec![error(
                    "subscribe_error",
                    Some(&id),
                    "UnauthorizedException",
                    "You are not authorized to make this call.",
                )];
            }
            if let Some(c) = shared
                .state
                .lock()
                .expect("state")
                .connections
                .get_mut(&conn)
            {
                c.subscriptions.insert(id.clone(), channel.clone());
            }
            shared.record(Seen::Subscribed {
                conn,
                id: id.clone(),
                channel,
                authorization,
            });
            vec![json!({"type": "subscribe_success", "id": id})]
        }
        "unsubscribe" => {
            let id = msg["id"].as_str().unwrap_or_default().to_owned();
            let known = shared
                .state
                .lock()
                .expect("state")
                .connections
                .get_mut(&conn)
                .and_then(|c| c.subscriptions.remove(&id))
                .is_some();
            if !known {
                violation(format!("unsubscribe of unknown id {id:?}"));
                return vec![error(
                    "unsubscribe_error",
                    Some(&id),
                    "UnknownOperationError",
                    "Unknown subscription id",
                )];
            }
            shared.record(Seen::Unsubscribed {
                conn,
                id: id.clone(),
            });
            vec![json!({"type": "unsubscribe_success", "id": id})]
        }
        other => {
            violation(format!("unknown message type {other:?}"));
            vec![error(
                "error",
                None,
                "UnsupportedOperation",
                "Unknown message type",
            )]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_paths() {
        assert!(valid_channel("/live/rooms/01J"));
        assert!(valid_channel("/live/rooms/r-1/p-2"));
        assert!(!valid_channel("live/rooms"));
        assert!(!valid_channel("/live//rooms"));
        assert!(!valid_channel("/a/b/c/d/e/f"));
        assert!(!valid_channel("/live/rooms/a_b"));
    }

    #[test]
    fn the_authorization_header_is_base64url_json() {
        let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"host":"h","Authorization":"t"}"#);
        assert_eq!(
            decode_auth(&format!("header-{header}")),
            json!({"host": "h", "Authorization": "t"})
        );
        assert_eq!(decode_auth("header-%%%"), Value::Null);
    }
}
