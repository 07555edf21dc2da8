//! The host API (`/api/rooms…`): JSON in and out, bearer-token authenticated.

use super::error::ApiError;
use super::extract::{parse_json, Body, Params};
use super::idempotency::idempotent;
use super::{listing, AppState};
use crate::app::Host;
use crate::domain::invite::InviteRequest;
use crate::domain::room::{RoomDraft, RoomPatch};
use crate::domain::{Error, Role};
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, Error> {
    serde_json::to_value(v).map_err(Error::internal)
}

/// `/api/rooms`, `/api/rooms/{room_id}`.
pub fn rooms_routes() -> Router<AppState> {
    Router::new().route("/api/rooms", post(create_room)).route(
        "/api/rooms/{room_id}",
        get(get_room).patch(update_room).delete(delete_room),
    )
}

/// `/api/rooms/{room_id}/invites…`.
pub fn invites_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/rooms/{room_id}/invites",
            post(issue_invites).get(list_invites),
        )
        .route(
            "/api/rooms/{room_id}/invites/{invite_id}",
            delete(revoke_invite),
        )
        .route("/api/rooms/{room_id}/invites.csv", get(export_invites))
        .route("/api/rooms/{room_id}/summary", get(room_summary))
        .route(
            "/api/rooms/{room_id}/invites/{invite_id}/resend",
            post(resend_invite),
        )
}

/// `/api/rooms/{room_id}/participants…`.
pub fn participants_routes() -> Router<AppState> {
    Router::new()
        .route("/api/rooms/{room_id}/participants", get(list_participants))
        .route(
            "/api/rooms/{room_id}/participants.csv",
            get(export_participants),
        )
        .route(
            "/api/rooms/{room_id}/participants/{email}/role",
            put(set_role),
        )
}

async fn create_room(
    State(s): State<AppState>,
    host: Host,
    headers: HeaderMap,
    Body(body): Body,
) -> Response {
    idempotent(&s, &host, &headers, "POST /api/rooms", &body, |_| async {
        let draft: RoomDraft = parse_json(&body)?;
        let room = s.app.create_room(&host, draft).await?;
        Ok((StatusCode::CREATED, to_value(&room)?))
    })
    .await
}

async fn get_room(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
) -> Result<Response, ApiError> {
    let room = s.app.room_of_host(&host, &room_id).await?;
    Ok(Json(room).into_response())
}

async fn update_room(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    Body(body): Body,
) -> Result<Response, ApiError> {
    let patch: RoomPatch = parse_json(&body)?;
    let room = s.app.update_room(&host, &room_id, patch).await?;
    Ok(Json(room).into_response())
}

async fn delete_room(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
) -> Result<StatusCode, ApiError> {
    s.app.delete_room(&host, &room_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn issue_invites(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    headers: HeaderMap,
    Body(body): Body,
) -> Response {
    let route = format!("POST /api/rooms/{room_id}/invites");
    let (state, host_ref, body_ref, room_id) = (&s, &host, &body[..], room_id.as_str());
    idempotent(&s, &host, &headers, &route, &body, |options| async move {
        let (s, host) = (state, host_ref);
        let value: Value = parse_json(body_ref)?;
        match value.get("invites") {
            Some(list) => {
                let entries = list
                    .as_array()
                    .cloned()
                    .ok_or_else(|| Error::bad_request("invites must be an array."))?;
                let results = s.app.issue_bulk(host, room_id, entries, &options).await?;
                Ok((StatusCode::OK, json!({ "results": results })))
            }
            None => {
                let request: InviteRequest = serde_json::from_value(value)
                    .map_err(|e| Error::bad_request(format!("Invalid invite: {e}.")))?;
                let invite = s.app.issue_invite(host, room_id, request, &options).await?;
                Ok((StatusCode::CREATED, to_value(&invite)?))
            }
        }
    })
    .await
}

async fn list_invites(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q = listing::invite_query(query.as_deref())?;
    let page = s.app.list_invites(&host, &room_id, q).await?;
    Ok(Json(json!({ "invites": page.items, "next_cursor": page.next_cursor })).into_response())
}

async fn room_summary(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
) -> Result<Response, ApiError> {
    let summary = s.app.room_summary(&host, &room_id).await?;
    Ok(Json(summary).into_response())
}

async fn export_invites(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let filter = listing::invite_query(query.as_deref())?.filter;
    let export = s.app.export_invites(&host, &room_id, filter).await?;
    Ok(listing::export_response(export, "invites.csv"))
}

async fn revoke_invite(
    State(s): State<AppState>,
    host: Host,
    Params((room_id, invite_id)): Params<(String, String)>,
) -> Result<StatusCode, ApiError> {
    s.app.revoke_invite(&host, &room_id, &invite_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn resend_invite(
    State(s): State<AppState>,
    host: Host,
    Params((room_id, invite_id)): Params<(String, String)>,
    headers: HeaderMap,
    Body(body): Body,
) -> Response {
    let route = format!("POST /api/rooms/{room_id}/invites/{invite_id}/resend");
    idempotent(&s, &host, &headers, &route, &body, |_| {
        resend(&s, &host, &room_id, &invite_id)
    })
    .await
}

async fn resend(
    s: &AppState,
    host: &Host,
    room_id: &str,
    invite_id: &str,
) -> super::idempotency::Outcome {
    let invite = s.app.resend_invite(host, room_id, invite_id).await?;
    Ok((StatusCode::OK, to_value(&invite)?))
}

async fn list_participants(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q = listing::participant_query(query.as_deref())?;
    let page = s.app.list_participants(&host, &room_id, q).await?;
    Ok(
        Json(json!({ "participants": page.items, "next_cursor": page.next_cursor }))
            .into_response(),
    )
}

async fn export_participants(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let filter = listing::participant_query(query.as_deref())?.filter;
    let export = s.app.export_participants(&host, &room_id, filter).await?;
    Ok(listing::export_response(export, "participants.csv"))
}

#[derive(Deserialize)]
struct RoleBody {
    role: String,
}

async fn set_role(
    State(s): State<AppState>,
    host: Host,
    Params((room_id, email)): Params<(String, String)>,
    Body(body): Body,
) -> Result<Response, ApiError> {
    let RoleBody { role } = parse_json(&body)?;
    let role: Role = role
        .parse()
        .map_err(|e: crate::domain::role::UnknownRole| Error::BadRequest(e.to_string()))?;
    let participant = s
        .app
        .set_participant_role(&host, &room_id, &email, role)
        .await?;
    Ok(Json(participant).into_response())
}
