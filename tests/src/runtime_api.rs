//! A small AWS Lambda Runtime API server (the interface a function binary polls in
//! Lambda: `GET /2018-06-01/runtime/invocation/next`, then `…/{id}/response` or
//! `…/{id}/error`), so tests and benchmarks run the real function binaries.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

#[derive(Default)]
struct Inner {
    queue: Mutex<VecDeque<(String, Value)>>,
    queued: Notify,
    results: Mutex<HashMap<String, Result<Value, String>>>,
    answered: Notify,
    first_poll: Mutex<Option<Instant>>,
    polled: Notify,
    init_error: Mutex<Option<String>>,
}

/// A running Runtime API on 127.0.0.1.
#[derive(Clone)]
pub struct RuntimeApi {
    pub addr: std::net::SocketAddr,
    inner: Arc<Inner>,
}

const PREFIX: &str = "/2018-06-01/runtime";

impl RuntimeApi {
    pub async fn start() -> std::io::Result<Self> {
        let inner = Arc::new(Inner::default());
        let app = Router::new()
            .route(&format!("{PREFIX}/invocation/next"), get(next))
            .route(
                &format!("{PREFIX}/invocation/{{id}}/response"),
                post(response),
            )
            .route(&format!("{PREFIX}/invocation/{{id}}/error"), post(error))
            .route(&format!("{PREFIX}/init/error"), post(init_error))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(RuntimeApi { addr, inner })
    }

    /// When the function first asked for an invocation (the end of its init).
    pub fn first_poll(&self) -> Option<Instant> {
        self.inner.first_poll.lock().ok().and_then(|t| *t)
    }

    /// Waits until the function first asks for an invocation (the end of its init);
    /// that moment, or `None` after `limit` or an init error.
    pub async fn wait_first_poll(&self, limit: Duration) -> Option<Instant> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let polled = self.inner.polled.notified();
            if let Some(t) = self.first_poll() {
                return Some(t);
            }
            if self.inner.init_error.lock().ok()?.is_some() {
                return None;
            }
            tokio::time::timeout_at(deadline, polled).await.ok()?;
        }
    }

    /// Sends `event` and waits for the function's answer.
    pub async fn invoke(&self, event: Value, limit: Duration) -> Result<Value, String> {
        let id = ulid::Ulid::new().to_string();
        self.inner
            .queue
            .lock()
            .map_err(|_| "poisoned")?
            .push_back((id.clone(), event));
        self.inner.queued.notify_one();
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let answered = self.inner.answered.notified();
            if let Some(result) = self
                .inner
                .results
                .lock()
                .map_err(|_| "poisoned")?
                .remove(&id)
            {
                return result;
            }
            if let Some(e) = self
                .inner
                .init_error
                .lock()
                .map_err(|_| "poisoned")?
                .clone()
            {
                return Err(format!("init error: {e}"));
            }
            if tokio::time::timeout_at(deadline, answered).await.is_err() {
                return Err("no answer in time".into());
            }
        }
    }
}

async fn next(State(inner): State<Arc<Inner>>) -> Response {
    if let Ok(mut first) = inner.first_poll.lock() {
        first.get_or_insert_with(Instant::now);
    }
    inner.polled.notify_waiters();
    loop {
        let queued = inner.queued.notified();
        let item = inner.queue.lock().ok().and_then(|mut q| q.pop_front());
        if let Some((id, event)) = item {
            let mut headers = HeaderMap::new();
            let deadline = (std::time::SystemTime::now() + Duration::from_secs(30))
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or_default();
            let pairs = [
                ("lambda-runtime-aws-request-id", id),
                ("lambda-runtime-deadline-ms", deadline.to_string()),
                (
                    "lambda-runtime-invoked-function-arn",
                    "arn:aws:lambda:us-east-1:123456789012:function:test".to_owned(),
                ),
                (
                    "lambda-runtime-trace-id",
                    "Root=1-00000000-000000000000000000000000;Sampled=0".to_owned(),
                ),
            ];
            for (k, v) in pairs {
                if let Ok(v) = HeaderValue::from_str(&v) {
                    headers.insert(k, v);
                }
            }
            return (StatusCode::OK, headers, event.to_string()).into_response();
        }
        queued.await;
    }
}

fn record(inner: &Inner, id: String, result: Result<Value, String>) -> StatusCode {
    if let Ok(mut r) = inner.results.lock() {
        r.insert(id, result);
    }
    inner.answered.notify_waiters();
    StatusCode::ACCEPTED
}

async fn response(
    State(inner): State<Arc<Inner>>,
    Path(id): Path<String>,
    body: Bytes,
) -> StatusCode {
    let value = serde_json::from_slice(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    record(&inner, id, Ok(value))
}

async fn error(State(inner): State<Arc<Inner>>, Path(id): Path<String>, body: Bytes) -> StatusCode {
    record(&inner, id, Err(String::from_utf8_lossy(&body).into_owned()))
}

async fn init_error(State(inner): State<Arc<Inner>>, body: Bytes) -> StatusCode {
    if let Ok(mut e) = inner.init_error.lock() {
        *e = Some(String::from_utf8_lossy(&body).into_owned());
    }
    inner.answered.notify_waiters();
    inner.polled.notify_waiters();
    StatusCode::ACCEPTED
}
