//! Live updates of the event and room pages (integrations.md §3): how to subscribe
//! (`GET /rooms/{room_id}/live`, every deployment) and, in local mode, the stream itself
//! (`GET /rooms/{room_id}/events`, Server-Sent Events; API Gateway cannot hold streams,
//! so the Lambda functions do not serve it).

use super::error::PageError;
use super::AppState;
use crate::adapters::live_broadcast::LiveSubscriber;
use crate::app::current_state;
use crate::domain::Error;
use crate::ports::{LiveEvent, LiveSubscription};
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use http::header::{HeaderName, CACHE_CONTROL};
use http::{HeaderMap, HeaderValue};
use serde::Serialize;
use std::collections::VecDeque;
use std::convert::Infallible;
use utoipa::ToSchema;

/// `GET /rooms/{room_id}/live` (with the participant pages, in every deployment).
pub fn routes() -> Router<AppState> {
    Router::new().route("/rooms/{room_id}/live", get(live))
}

/// `GET /rooms/{room_id}/events` (local mode only).
pub fn stream_routes() -> Router<AppState> {
    Router::new().route("/rooms/{room_id}/events", get(events))
}

/// The body of `GET /rooms/{room_id}/live`.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"transport": "sse", "url": "https://rooms.example.com/rooms/01JDX5AMP1E0000R00M0000000/events",
    "channels": ["rooms/01JDX5AMP1E0000R00M0000000", "rooms/01JDX5AMP1E0000R00M0000000/participants/p_5f0c9a1e2b3d4c5e6f708192"],
    "token": null}))]
pub struct LiveBody {
    /// `sse` (local mode: an `EventSource` on `url` with the session cookie) or
    /// `appsync` (AWS AppSync Events' WebSocket protocol, with `token`).
    #[schema(pattern = "^(sse|appsync)$")]
    pub transport: &'static str,
    /// Where to subscribe: the `/events` stream, or the AppSync Events realtime endpoint.
    pub url: String,
    /// The channels to listen to: the room's and this participant's own.
    pub channels: Vec<String>,
    /// The short-lived subscribe token (`null` for `sse`: the session cookie is enough).
    #[schema(nullable)]
    pub token: Option<String>,
    /// `appsync` only: the Event API's HTTP domain, the `host` of the WebSocket
    /// authorization header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

impl From<LiveSubscription> for LiveBody {
    fn from(s: LiveSubscription) -> Self {
        LiveBody {
            transport: s.transport,
            url: s.url,
            channels: s.channels,
            token: s.token,
            host: s.host,
        }
    }
}

/// How this participant's page subscribes to live updates (status, deletion, role)
/// instead of polling `/status` and `/me`.
#[utoipa::path(get, path = "/rooms/{room_id}/live", tag = "join",
    params(("room_id" = String, Path)),
    responses((status = 200, description = "How to subscribe (never cached).", body = LiveBody)),
    security(("session" = [])))]
pub(super) async fn live(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let session = s.http.sessions.email(&headers);
    let subscription = s
        .app
        .live_subscription(&room_id, session.as_ref())
        .await
        .map_err(|e| PageError::new(e, true))?;
    Ok(no_store(Json(LiveBody::from(subscription)).into_response()))
}

/// The room's status and this participant's role as Server-Sent Events: first the
/// current ones, then every change; `deleted` ends the stream. Local mode only.
#[utoipa::path(get, path = "/rooms/{room_id}/events", tag = "join",
    params(("room_id" = String, Path)),
    responses((status = 200, description = "Server-Sent Events: `event: status` with `data: {\"status\",\"starts_at\"}`, \
`event: role` with `data: {\"role\",\"permissions\"}`, `event: deleted` with `data: {}` (then the stream ends), and a comment \
line at least every 25 seconds. The first two events are the current status and role. Local mode only.",
        content_type = "text/event-stream", body = String)),
    security(("session" = [])))]
pub(super) async fn events(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let broadcast = s
        .http
        .live
        .clone()
        .ok_or_else(|| PageError::new(Error::NotFound, true))?;
    let session = s.http.sessions.email(&headers);
    // Subscribed before the state is read: what changes meanwhile comes after it.
    let subscriber = session.as_ref().map(|email| {
        broadcast.subscribe(
            &room_id,
            &s.app.config.participant_identity(&room_id, email),
        )
    });
    let page = s
        .app
        .room_page(&room_id, session.as_ref())
        .await
        .map_err(|e| PageError::new(e, true))?;
    let subscriber = subscriber.ok_or_else(|| PageError::new(Error::NotAParticipant, true))?;
    // A moderator's stream also carries the waiting room's changes (their panel reads
    // the list when it opens, so nothing before this point is missed).
    let subscriber = if crate::app::is_moderator(&page) {
        subscriber.with_waiting()
    } else {
        subscriber
    };
    tracing::info!(room_id, "live stream opened");
    Ok(event_stream(
        VecDeque::from(current_state(&page)),
        subscriber,
        broadcast.keep_alive(),
    ))
}

/// The Server-Sent Events answer of a stream: `pending` first, then the subscriber's
/// events, a comment every `keep_alive`; `deleted` ends it.
pub(super) fn event_stream(
    pending: VecDeque<LiveEvent>,
    subscriber: LiveSubscriber,
    keep_alive: std::time::Duration,
) -> Response {
    let stream = Stream {
        pending,
        subscriber,
        ended: false,
    };
    let sse = Sse::new(futures_util::stream::unfold(stream, Stream::next))
        .keep_alive(KeepAlive::new().interval(keep_alive));
    let mut response = no_store(sse.into_response());
    // Nginx and similar proxies would otherwise hold the events back.
    response.headers_mut().insert(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    response
}

pub(super) fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// One open stream: the events still to send, then the channels.
struct Stream {
    pending: VecDeque<LiveEvent>,
    subscriber: LiveSubscriber,
    ended: bool,
}

impl Stream {
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Self)> {
        if self.ended {
            return None;
        }
        let event = match self.pending.pop_front() {
            Some(event) => event,
            None => self.subscriber.next().await?,
        };
        self.ended = event == LiveEvent::Deleted;
        let sse = Event::default()
            .event(event.name())
            .data(event.data().to_string());
        Some((Ok(sse), self))
    }
}
