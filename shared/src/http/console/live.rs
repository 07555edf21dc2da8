//! The dashboard's live numbers: how it subscribes (`GET /console/rooms/{id}/live`, every
//! deployment: the room's and its hosts' channel, with a short-lived token on AWS
//! AppSync Events) and, in local mode, the stream itself (`GET
//! /console/rooms/{id}/events`, Server-Sent Events). An `activity` event says the room's
//! numbers changed; the dashboard then reads its `#live` part again.

use super::ConsoleHost;
use crate::domain::Error;
use crate::http::error::ConsoleError;
use crate::http::live::{event_stream, no_store, LiveBody};
use crate::http::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::collections::VecDeque;

/// `GET /console/rooms/{room_id}/events` (local mode only, as the invitees' stream).
pub fn stream_routes() -> Router<AppState> {
    Router::new().route("/console/rooms/{room_id}/events", get(events))
}

/// How this host's dashboard follows the room; `404` where there are no live updates
/// (the dashboard then reads its numbers every few seconds).
pub async fn subscription(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
) -> Result<Response, ConsoleError> {
    let subscription = s.app.host_live_subscription(&c.host, &room_id).await?;
    Ok(no_store(Json(LiveBody::from(subscription)).into_response()))
}

/// The room's status and its hosts' channel as Server-Sent Events, for a host of the
/// room's organization; `deleted` ends the stream.
pub async fn events(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
) -> Result<Response, ConsoleError> {
    let broadcast = s.http.live.clone().ok_or(Error::NotFound)?;
    let room = s.app.room_of_host(&c.host, &room_id).await?;
    let subscriber = broadcast.subscribe_hosts(&room.room_id);
    tracing::info!(room_id, "console live stream opened");
    Ok(event_stream(
        VecDeque::new(),
        subscriber,
        broadcast.keep_alive(),
    ))
}
