//! The host API (`/api/rooms…`): JSON in and out, bearer-token authenticated.

use super::error::ApiError;
use super::extract::{parse_json, Body, Params};
use super::idempotency::idempotent;
use super::{listing, AppState};
use crate::app::{BulkItem, Host};
use crate::domain::invite::{InviteRequest, InviteView};
use crate::domain::listing::RoomSummary;
use crate::domain::room::{Room, RoomDraft, RoomPatch};
use crate::domain::{Error, Participant, Role};
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// `GET /api/rooms/{room_id}/invites`.
#[derive(Serialize, ToSchema)]
pub struct InviteList {
    /// One page, oldest first.
    pub invites: Vec<InviteView>,
    /// The `cursor` of the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// `GET /api/rooms/{room_id}/participants`.
#[derive(Serialize, ToSchema)]
pub struct ParticipantList {
    /// One page, in join order.
    pub participants: Vec<Participant>,
    /// The `cursor` of the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// The filters of `GET /api/rooms/{room_id}/invites` and `invites.csv`.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct InviteFilterParams {
    /// Only invites in this status now.
    status: Option<crate::domain::InviteStatus>,
    /// Only invites with this role.
    role: Option<Role>,
    /// Only invites with this delivery state. Inlined, so the parameter's schema needs no
    /// registration in `components` (a `$ref` to an unregistered schema dangles).
    #[param(inline, value_type = Option<DeliveryFilter>)]
    delivery: Option<String>,
    /// Only invites for this address (exact, after normalization).
    email: Option<String>,
}

/// The paging parameters of the lists.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// Page size.
    #[param(minimum = 1, maximum = 1000, default = 100)]
    limit: Option<u32>,
    /// The `next_cursor` of the previous page (opaque; a malformed or foreign one is 400).
    cursor: Option<String>,
}

/// The delivery states a list can be filtered by.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum DeliveryFilter {
    Sent,
    NotSent,
    Failed,
    Delivered,
    Bounced,
    Complained,
}

/// The bulk form of `POST /api/rooms/{room_id}/invites`.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct BulkInvites {
    /// Up to 500 invites, each an `InviteRequest`. Each entry is checked on its own: a bad
    /// one gets an error result in `results` and does not fail the request.
    #[schema(max_items = 500, value_type = Vec<Value>)]
    pub invites: Vec<Value>,
}

/// Either body of `POST /api/rooms/{room_id}/invites`.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
#[serde(untagged)]
pub enum IssueBody {
    One(InviteRequest),
    Bulk(BulkInvites),
}

/// The answer to a bulk issue, in request order.
#[derive(Serialize, ToSchema)]
pub struct BulkResults {
    pub results: Vec<BulkItem>,
}

/// Body of `PUT /api/rooms/{room_id}/participants/{email}/role`.
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"role": "moderator"}))]
pub struct RoleBody {
    #[schema(value_type = Role)]
    role: String,
}

pub const IDEMPOTENCY_DESCRIPTION: &str = "A repeat with the same key and body within 24 hours returns the first response (header `Idempotent-Replayed: true`) and sends no second email.";

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, Error> {
    serde_json::to_value(v).map_err(Error::internal)
}

/// `/api/rooms`, `/api/rooms/{room_id}`, `/api/branding`, and the API's description
/// `/api/openapi.json`.
pub fn rooms_routes() -> Router<AppState> {
    Router::new()
        .route("/api/rooms", post(create_room))
        .route(
            "/api/rooms/{room_id}",
            get(get_room).patch(update_room).delete(delete_room),
        )
        .route("/api/openapi.json", get(super::openapi::openapi_json))
        .merge(super::previews::routes())
        .merge(super::branding::host_routes())
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
        .merge(super::waiting_room::host_routes())
}

/// Creates a room and arms its session-start trigger.
#[utoipa::path(post, path = "/api/rooms", tag = "rooms",
    params(("Idempotency-Key" = Option<String>, Header, description = IDEMPOTENCY_DESCRIPTION, max_length = 255, pattern = "^[ -~\\t]*[!-~][ -~\\t]*$")),
    request_body = RoomDraft,
    responses((status = 201, description = "The room.", body = Room)),
    security(("bearer" = [])))]
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

/// A room of the host's organization.
#[utoipa::path(get, path = "/api/rooms/{room_id}", tag = "rooms",
    params(("room_id" = String, Path)),
    responses((status = 200, description = "The room.", body = Room)),
    security(("bearer" = [])))]
async fn get_room(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
) -> Result<Response, ApiError> {
    let room = s.app.room_of_host(&host, &room_id).await?;
    Ok(Json(room).into_response())
}

/// Changes any of the create fields; a new `starts_at` moves the trigger.
#[utoipa::path(patch, path = "/api/rooms/{room_id}", tag = "rooms",
    params(("room_id" = String, Path)),
    request_body = RoomPatch,
    responses((status = 200, description = "The room.", body = Room)),
    security(("bearer" = [])))]
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

/// Deletes the room: its links then answer `room_deleted`.
#[utoipa::path(delete, path = "/api/rooms/{room_id}", tag = "rooms",
    params(("room_id" = String, Path)),
    responses((status = 204, description = "Deleted.")),
    security(("bearer" = [])))]
async fn delete_room(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
) -> Result<StatusCode, ApiError> {
    s.app.delete_room(&host, &room_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issues one invite (`201`), or up to 500 with `{ "invites": [...] }` (`200`, one result
/// per entry in request order; one bad entry does not fail the others).
#[utoipa::path(post, path = "/api/rooms/{room_id}/invites", tag = "invites",
    params(("room_id" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = IDEMPOTENCY_DESCRIPTION, max_length = 255, pattern = "^[ -~\\t]*[!-~][ -~\\t]*$")),
    request_body = IssueBody,
    responses(
        (status = 201, description = "The invite (with `link` only when `send_email` is false).", body = InviteView),
        (status = 200, description = "Bulk: one result per entry.", body = BulkResults)),
    security(("bearer" = [])))]
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
                Ok((StatusCode::OK, to_value(&BulkResults { results })?))
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

/// The room's invites, paged and filtered.
#[utoipa::path(get, path = "/api/rooms/{room_id}/invites", tag = "invites",
    params(("room_id" = String, Path), PageParams, InviteFilterParams),
    responses((status = 200, description = "One page of the invites, oldest first; follow `next_cursor` until it is `null`.", body = InviteList)),
    security(("bearer" = [])))]
async fn list_invites(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q = listing::invite_query(query.as_deref())?;
    let page = s.app.list_invites(&host, &room_id, q).await?;
    Ok(Json(InviteList {
        invites: page.items,
        next_cursor: page.next_cursor,
    })
    .into_response())
}

/// Counts of the room's invites by status and delivery, and of its participants by role.
#[utoipa::path(get, path = "/api/rooms/{room_id}/summary", tag = "invites",
    params(("room_id" = String, Path)),
    responses((status = 200, description = "The counts, exact as of a few seconds ago at most.", body = RoomSummary)),
    security(("bearer" = [])))]
async fn room_summary(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
) -> Result<Response, ApiError> {
    let summary = s.app.room_summary(&host, &room_id).await?;
    Ok(Json(summary).into_response())
}

/// Every matching invite as CSV (RFC 4180; cells that a spreadsheet would run as a
/// formula are prefixed with `'`). On AWS: `303` to a short-lived pre-signed URL.
#[utoipa::path(get, path = "/api/rooms/{room_id}/invites.csv", tag = "invites",
    params(("room_id" = String, Path), InviteFilterParams),
    responses(
        (status = 200, description = "The CSV file, with a header row.", content_type = "text/csv", body = String),
        (status = 303, description = "On AWS: the finished file at a pre-signed URL valid for 5 minutes (`Location`).")),
    security(("bearer" = [])))]
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

/// Revokes the invite: its link then answers `invite_revoked`.
#[utoipa::path(delete, path = "/api/rooms/{room_id}/invites/{invite_id}", tag = "invites",
    params(("room_id" = String, Path), ("invite_id" = String, Path)),
    responses((status = 204, description = "Revoked.")),
    security(("bearer" = [])))]
async fn revoke_invite(
    State(s): State<AppState>,
    host: Host,
    Params((room_id, invite_id)): Params<(String, String)>,
) -> Result<StatusCode, ApiError> {
    s.app.revoke_invite(&host, &room_id, &invite_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new token replaces the old one, a locked invite is unlocked, the email is sent again.
#[utoipa::path(post, path = "/api/rooms/{room_id}/invites/{invite_id}/resend", tag = "invites",
    params(("room_id" = String, Path), ("invite_id" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = IDEMPOTENCY_DESCRIPTION, max_length = 255, pattern = "^[ -~\\t]*[!-~][ -~\\t]*$")),
    responses((status = 200, description = "The invite.", body = InviteView)),
    security(("bearer" = [])))]
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

/// The room's admitted participants, paged, in join order.
#[utoipa::path(get, path = "/api/rooms/{room_id}/participants", tag = "participants",
    params(("room_id" = String, Path), PageParams,
        ("role" = Option<Role>, Query, description = "Only participants with this role.")),
    responses((status = 200, description = "One page of the participants; follow `next_cursor` until it is `null`.", body = ParticipantList)),
    security(("bearer" = [])))]
async fn list_participants(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q = listing::participant_query(query.as_deref())?;
    let page = s.app.list_participants(&host, &room_id, q).await?;
    Ok(Json(ParticipantList {
        participants: page.items,
        next_cursor: page.next_cursor,
    })
    .into_response())
}

/// Every matching participant as CSV (same rules as `invites.csv`).
#[utoipa::path(get, path = "/api/rooms/{room_id}/participants.csv", tag = "participants",
    params(("room_id" = String, Path),
        ("role" = Option<Role>, Query, description = "Only participants with this role.")),
    responses(
        (status = 200, description = "The CSV file, with a header row.", content_type = "text/csv", body = String),
        (status = 303, description = "On AWS: the finished file at a pre-signed URL valid for 5 minutes (`Location`).")),
    security(("bearer" = [])))]
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

/// Changes a participant's role; it applies at their next page load.
#[utoipa::path(put, path = "/api/rooms/{room_id}/participants/{email}/role", tag = "participants",
    params(("room_id" = String, Path), ("email" = String, Path)),
    request_body = RoleBody,
    responses((status = 200, description = "The participant.", body = Participant)),
    security(("bearer" = [])))]
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
