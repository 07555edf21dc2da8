//! Test harness: the whole service in process (local mode on a temporary directory),
//! requests through its router, the outbox read back, events recorded, time movable.

pub mod appsync;
pub mod appsync_protocol;
pub mod big_room;
mod call;
pub mod console;
pub mod counting_store;
pub mod cpu_quota;
pub mod fault_proxy;
pub mod flaky_mailer;
#[cfg(feature = "aws")]
pub mod moto;
pub mod oidc;
pub mod room_backend;
pub mod runtime_api;
#[cfg(feature = "aws")]
pub mod test_ca;

use async_trait::async_trait;
use axum::body::Body;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use local::{build, Local, LocalOptions};
use serde_json::Value;
use shared::adapters::room_backend::RoomBackendSecrets;
use shared::config::RoomBackendSettings;
use shared::domain::guest_invite::DEFAULT_PARTICIPANT_INVITE_LIMIT;
use shared::domain::{DomainEvent, DomainPolicy};
use shared::http::auth::{sign_host_token, HostClaims};
use shared::ports::{EventPublisher, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;
use tower::ServiceExt;

pub use call::{Call, Reply};
pub use shared::ports::Clock;

pub const JWT_SECRET: &[u8] = b"test-host-secret";
pub const BASE: &str = "http://rooms.test";

/// The system clock moved by a settable offset.
#[derive(Default)]
pub struct ShiftClock {
    offset_secs: AtomicI64,
}

impl ShiftClock {
    pub fn advance(&self, by: time::Duration) {
        self.offset_secs
            .fetch_add(by.whole_seconds(), Ordering::SeqCst);
    }
}

impl Clock for ShiftClock {
    fn now(&self) -> OffsetDateTime {
        let now = OffsetDateTime::now_utc()
            + time::Duration::seconds(self.offset_secs.load(Ordering::SeqCst));
        now.replace_nanosecond(0).unwrap_or(now)
    }
}

/// Keeps every published event.
#[derive(Default)]
pub struct Recorder {
    pub events: Mutex<Vec<DomainEvent>>,
}

impl Recorder {
    pub fn names(&self) -> Vec<&'static str> {
        self.events
            .lock()
            .map(|e| e.iter().map(DomainEvent::name).collect())
            .unwrap_or_default()
    }
}

#[async_trait]
impl EventPublisher for Recorder {
    async fn publish(&self, event: DomainEvent) {
        if let Ok(mut e) = self.events.lock() {
            e.push(event);
        }
    }
}

pub struct TestService {
    pub dir: tempfile::TempDir,
    pub local: Option<Local>,
    pub clock: Arc<ShiftClock>,
    pub events: Arc<Recorder>,
    pub policy: DomainPolicy,
    /// `PUBLIC_BASE_URL`: [`BASE`], or the listener's address for [`TestService::listen`].
    pub base: String,
    /// The store when it is not the embedded one (see [`contract_store`]).
    pub store: Option<Arc<dyn Store>>,
    /// `ROOM_BACKEND` and its settings and secrets (default: `none`).
    pub backend: (RoomBackendSettings, RoomBackendSecrets),
    /// `PARTICIPANT_INVITE_LIMIT` (the default unless [`TestService::with_invite_limit`]).
    pub invite_limit: u32,
    /// `METHOD /path` of every request the listener of [`TestService::listen`] served,
    /// in arrival order (the browser tests count polls).
    pub requests: Arc<Mutex<Vec<String>>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for TestService {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

pub fn host_token(org: &str, sub: &str) -> String {
    token_with(HostClaims {
        sub: sub.into(),
        org: org.into(),
        email: Some(format!("{sub}@hosts.example")),
        exp: OffsetDateTime::now_utc().unix_timestamp() + 3600,
        scope: None,
    })
}

pub fn token_with(claims: HostClaims) -> String {
    sign_host_token(JWT_SECRET, &claims).unwrap_or_default()
}

fn options_at(
    dir: &std::path::Path,
    clock: Arc<ShiftClock>,
    events: Arc<Recorder>,
    policy: DomainPolicy,
    base: &str,
    store: Option<Arc<dyn Store>>,
    backend: &(RoomBackendSettings, RoomBackendSecrets),
) -> LocalOptions {
    LocalOptions {
        data_dir: dir.join("data"),
        outbox_dir: dir.join("outbox"),
        public_base_url: base.into(),
        host_jwt_secret: Some(JWT_SECRET.to_vec()),
        identity: Default::default(),
        key_source: None,
        session_secret: None,
        policy,
        mail_from: "Rooms <invites@rooms.test>".into(),
        room_backend: backend.0.clone(),
        room_backend_secrets: backend.1.clone(),
        participant_invite_limit: DEFAULT_PARTICIPANT_INVITE_LIMIT,
        admission_code_ttl: shared::domain::admission::DEFAULT_CODE_TTL,
        invitee_oidc: None,
        host_oidc: None,
        events: Some(events),
        clock: Some(clock),
        store,
        live_keep_alive: shared::adapters::live_broadcast::KEEP_ALIVE,
        mail_retry: Default::default(),
        mailer_wrapper: None,
    }
}

/// The store the contract tests run on: the embedded one, or with
/// `ACCEPTANCE_STORE=dynamodb` a DynamoDB table of its own on moto (feature `aws`).
pub async fn contract_store() -> Option<Arc<dyn Store>> {
    match std::env::var("ACCEPTANCE_STORE").as_deref() {
        Ok("dynamodb") => Some(dynamodb_store().await),
        Ok("") | Ok("sqlite") | Err(_) => None,
        Ok(other) => panic!("ACCEPTANCE_STORE={other}: use sqlite or dynamodb"),
    }
}

#[cfg(feature = "aws")]
async fn dynamodb_store() -> Arc<dyn Store> {
    let moto = moto::moto().expect("ACCEPTANCE_STORE=dynamodb needs MOTO_PYTHON");
    let clients = shared::adapters::aws::AwsClients::new(&moto.sdk_config().await, None);
    let table = format!(
        "contract-{}",
        ulid::Ulid::new().to_string().to_ascii_lowercase()
    );
    shared::adapters::aws::dynamo::table::create_table(&clients.dynamodb, &table)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    Arc::new(shared::adapters::aws::DynamoStore::new(
        clients.dynamodb,
        table,
    ))
}

#[cfg(not(feature = "aws"))]
async fn dynamodb_store() -> Arc<dyn Store> {
    panic!("ACCEPTANCE_STORE=dynamodb needs the acceptance crate's feature aws")
}

impl TestService {
    pub async fn start() -> Self {
        Self::with_policy(DomainPolicy::default()).await
    }

    pub async fn with_policy(policy: DomainPolicy) -> Self {
        Self::build(policy, Default::default(), DEFAULT_PARTICIPANT_INVITE_LIMIT).await
    }

    /// With `PARTICIPANT_INVITE_LIMIT` set to `limit`.
    pub async fn with_invite_limit(limit: u32) -> Self {
        Self::build(DomainPolicy::default(), Default::default(), limit).await
    }

    /// The service with a live-room backend.
    pub async fn with_backend(backend: (RoomBackendSettings, RoomBackendSecrets)) -> Self {
        Self::build(
            DomainPolicy::default(),
            backend,
            DEFAULT_PARTICIPANT_INVITE_LIMIT,
        )
        .await
    }

    async fn build(
        policy: DomainPolicy,
        backend: (RoomBackendSettings, RoomBackendSecrets),
        invite_limit: u32,
    ) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(ShiftClock::default());
        let events = Arc::new(Recorder::default());
        let store = contract_store().await;
        let mut options = options_at(
            dir.path(),
            clock.clone(),
            events.clone(),
            policy.clone(),
            BASE,
            store.clone(),
            &backend,
        );
        options.participant_invite_limit = invite_limit;
        let local = build(options).await.expect("local mode builds");
        TestService {
            dir,
            local: Some(local),
            clock,
            events,
            policy,
            base: BASE.into(),
            store,
            backend,
            invite_limit,
            requests: Default::default(),
            server: None,
        }
    }

    /// Local mode with other options (host identity settings, key source …); it cannot
    /// be restarted with them.
    pub async fn with_options(change: impl FnOnce(&mut LocalOptions)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(ShiftClock::default());
        let events = Arc::new(Recorder::default());
        let policy = DomainPolicy::default();
        let backend: (RoomBackendSettings, RoomBackendSecrets) = Default::default();
        let mut options = options_at(
            dir.path(),
            clock.clone(),
            events.clone(),
            policy.clone(),
            BASE,
            None,
            &backend,
        );
        change(&mut options);
        let local = build(options).await.expect("local mode builds");
        TestService {
            dir,
            local: Some(local),
            clock,
            events,
            policy,
            base: BASE.into(),
            store: None,
            backend,
            invite_limit: DEFAULT_PARTICIPANT_INVITE_LIMIT,
            requests: Default::default(),
            server: None,
        }
    }

    /// Local mode on the embedded store wrapped in a [`counting_store::CountingStore`].
    pub async fn counting() -> (Self, Arc<counting_store::CountingStore>) {
        let mut counting = None;
        let s = Self::with_options(|o| {
            std::fs::create_dir_all(&o.data_dir).expect("data dir");
            let inner = shared::adapters::SqliteStore::open(&o.data_dir).expect("store");
            let c = Arc::new(counting_store::CountingStore::new(Arc::new(inner)));
            o.store = Some(c.clone());
            counting = Some(c);
        })
        .await;
        (s, counting.expect("the store was set"))
    }

    /// Local mode served over HTTP on a free 127.0.0.1 port (for a real browser), with
    /// `PUBLIC_BASE_URL` set to that address. Host calls still go through [`Self::send`].
    pub async fn listen() -> Self {
        Self::listen_with(Default::default()).await
    }

    /// [`Self::listen`] with a live-room backend.
    pub async fn listen_with(backend: (RoomBackendSettings, RoomBackendSecrets)) -> Self {
        Self::listen_configured(backend, |_| {}).await
    }

    /// [`Self::listen`] with other settings (`change` edits the options).
    pub async fn listen_with_options(change: impl FnOnce(&mut LocalOptions)) -> Self {
        Self::listen_configured(Default::default(), change).await
    }

    async fn listen_configured(
        backend: (RoomBackendSettings, RoomBackendSecrets),
        change: impl FnOnce(&mut LocalOptions),
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let port = listener.local_addr().expect("local address").port();
        let base = format!("http://127.0.0.1:{port}");
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(ShiftClock::default());
        let events = Arc::new(Recorder::default());
        let policy = DomainPolicy::default();
        let mut options = options_at(
            dir.path(),
            clock.clone(),
            events.clone(),
            policy.clone(),
            &base,
            None,
            &backend,
        );
        change(&mut options);
        let local = build(options).await.expect("local mode builds");
        let requests: Arc<Mutex<Vec<String>>> = Default::default();
        let log = requests.clone();
        let router = local.router.clone().layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                if let Ok(mut log) = log.lock() {
                    log.push(format!("{} {}", request.method(), request.uri().path()));
                }
                next.run(request)
            },
        ));
        let server = tokio::spawn(async move {
            // The server of `cargo run -p local` (graceful shutdown aside).
            local::serve(listener, router, std::future::pending()).await;
        });
        TestService {
            dir,
            local: Some(local),
            clock,
            events,
            policy,
            base,
            store: None,
            backend,
            invite_limit: DEFAULT_PARTICIPANT_INVITE_LIMIT,
            requests,
            server: Some(server),
        }
    }

    /// Stops the service and starts it again on the same files, optionally with
    /// another domain policy.
    pub async fn restart(&mut self, policy: Option<DomainPolicy>) {
        drop(self.local.take());
        if let Some(p) = policy {
            self.policy = p;
        }
        let mut opts = options_at(
            self.dir.path(),
            self.clock.clone(),
            self.events.clone(),
            self.policy.clone(),
            &self.base,
            self.store.clone(),
            &self.backend,
        );
        opts.participant_invite_limit = self.invite_limit;
        self.local = Some(build(opts).await.expect("local mode restarts"));
    }

    pub fn local(&self) -> &Local {
        self.local.as_ref().expect("service running")
    }

    /// `call` through the router, the response's body not read yet.
    async fn respond(&self, call: Call) -> axum::response::Response {
        let mut builder = Request::builder().method(call.method).uri(call.path);
        for (k, v) in &call.headers {
            builder = builder.header(k, v);
        }
        let request = builder.body(Body::from(call.body)).expect("request");
        self.local()
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible router")
    }

    pub async fn send(&self, call: Call) -> Reply {
        Reply::read(self.respond(call).await).await
    }

    /// Sends `call` and keeps the body open: an event stream (`200`), else the reply.
    pub async fn open_stream(&self, call: Call) -> Result<EventStream, Reply> {
        let response = self.respond(call).await;
        if response.status() != StatusCode::OK {
            return Err(Reply::read(response).await);
        }
        Ok(EventStream {
            headers: response.headers().clone(),
            body: response.into_body(),
            buffer: String::new(),
        })
    }

    /// The requests served so far whose path is `path` (see [`TestService::requests`]).
    pub fn requests_to(&self, path: &str) -> usize {
        self.requests
            .lock()
            .map(|r| {
                r.iter()
                    .filter(|l| l.split_once(' ').map(|x| x.1) == Some(path))
                    .count()
            })
            .unwrap_or_default()
    }

    pub fn outbox(&self) -> PathBuf {
        self.dir.path().join("outbox")
    }

    /// Every `.eml` in the outbox, oldest first.
    pub fn emails(&self) -> Vec<String> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.outbox())
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        names.sort();
        names
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    pub fn emails_to(&self, email: &str) -> Vec<String> {
        let needle = format!("\r\nTo: {email}\r\n");
        self.emails()
            .into_iter()
            .filter(|m| m.contains(&needle))
            .collect()
    }

    /// The path (`/join/…`) of the newest invitation sent to `email`.
    pub fn latest_link(&self, email: &str) -> String {
        let mail = self
            .emails_to(email)
            .pop()
            .unwrap_or_else(|| panic!("no email to {email}"));
        link_in_at(&mail, &self.base).unwrap_or_else(|| panic!("no link in the email to {email}"))
    }

    // ---- host API shortcuts ----

    pub async fn create_room(&self, token: &str, starts_in: time::Duration) -> String {
        let starts_at = shared::domain::time_fmt::format(self.clock.now() + starts_in);
        let r = self
            .send(
                Call::post("/api/rooms")
                    .bearer(token)
                    .json(&serde_json::json!({
                        "title": "Quarterly all-hands", "description": "Numbers & plans",
                        "starts_at": starts_at,
                        "speakers": [{"name": "Dana", "title": "CEO"}],
                        "attachments": [{"name": "Agenda", "url": "https://example.com/agenda.pdf"}]
                    })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()["room_id"].as_str().expect("room_id").to_owned()
    }

    pub async fn invite(&self, token: &str, room_id: &str, body: Value) -> Reply {
        self.send(
            Call::post(&format!("/api/rooms/{room_id}/invites"))
                .bearer(token)
                .json(&body),
        )
        .await
    }

    /// Issues an emailed invite and returns its link path.
    pub async fn invite_link(&self, token: &str, room_id: &str, body: Value) -> String {
        let r = self.invite(token, room_id, body.clone()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        self.latest_link(body["email"].as_str().expect("email"))
    }

    /// Redeems `link` with `email` through the lobby form; returns the reply.
    pub async fn login(&self, link: &str, email: &str) -> Reply {
        self.send(Call::post(link).form_email(email)).await
    }

    /// Redeems `link` with `email` and returns the session cookie it sets.
    pub async fn cookie_for(&self, link: &str, email: &str) -> String {
        self.login(link, email)
            .await
            .session_cookie()
            .unwrap_or_else(|| panic!("no session cookie for {email}"))
    }

    /// Waits (bounded) until `check` holds, polling.
    pub async fn eventually<F, Fut>(&self, what: &str, limit: Duration, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = tokio::time::Instant::now() + limit;
        while !check().await {
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for {what}"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

/// An open Server-Sent Events response, read block by block.
pub struct EventStream {
    pub headers: HeaderMap,
    body: Body,
    buffer: String,
}

/// One block of a stream: an event, or a comment line.
#[derive(Debug, Clone, PartialEq)]
pub enum Sse {
    Event { name: String, data: Value },
    Comment,
}

impl EventStream {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The next block within `limit`; `None` when the stream has ended.
    pub async fn next_block(&mut self, limit: Duration) -> Option<Sse> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                return Some(parse_block(&block));
            }
            let frame = tokio::time::timeout_at(deadline, self.body.frame())
                .await
                .unwrap_or_else(|_| panic!("no event within {limit:?} (have {:?})", self.buffer));
            match frame {
                None => {
                    assert!(self.buffer.is_empty(), "a partial block: {:?}", self.buffer);
                    return None;
                }
                Some(frame) => {
                    if let Ok(data) = frame.expect("stream body").into_data() {
                        self.buffer
                            .push_str(std::str::from_utf8(&data).expect("UTF-8"));
                    }
                }
            }
        }
    }

    /// The next event (comments skipped) within `limit`, as `(name, data)`.
    pub async fn next_event(&mut self, limit: Duration) -> Option<(String, Value)> {
        loop {
            match self.next_block(limit).await? {
                Sse::Event { name, data } => return Some((name, data)),
                Sse::Comment => continue,
            }
        }
    }
}

fn parse_block(block: &str) -> Sse {
    let mut name = None;
    let mut data = String::new();
    for line in block.lines() {
        if let Some(v) = line.strip_prefix("event:") {
            name = Some(v.trim().to_owned());
        } else if let Some(v) = line.strip_prefix("data:") {
            data.push_str(v.trim_start());
        } else if line.starts_with(':') || line.is_empty() {
        } else {
            panic!("unexpected line {line:?} in an event stream");
        }
    }
    match name {
        Some(name) => Sse::Event {
            name,
            data: serde_json::from_str(&data)
                .unwrap_or_else(|e| panic!("data not JSON ({e}): {data}")),
        },
        None => Sse::Comment,
    }
}

/// The `/join/{token}` path in an email's text part.
pub fn link_in(mail: &str) -> Option<String> {
    link_in_at(mail, BASE)
}

/// The `/join/{token}` path of a link to `base` in an email's text part.
pub fn link_in_at(mail: &str, base: &str) -> Option<String> {
    let start = mail.find(&format!("{base}/join/"))? + base.len();
    let token: String = mail[start + "/join/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Some(format!("/join/{token}"))
}
