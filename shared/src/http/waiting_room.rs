//! The waiting room's routes (admission contract, section 4): the hosts' list and
//! decisions under `/api/rooms/{id}/waiting`, and a denied participant's knock.

use super::error::{ApiError, PageError};
use super::extract::{parse_json, sends_json, wants_json, Body, Params};
use super::host_api::PageParams;
use super::join::cross_site;
use super::{listing, AppState};
use crate::app::{Host, WaitingEntry};
use crate::domain::waiting_room::{denial_reason, Decision};
use crate::domain::{Error, Participant};
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use http::HeaderMap;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `GET /api/rooms/{room_id}/waiting`.
#[derive(Serialize, ToSchema)]
pub struct WaitingList {
    /// One page, oldest first.
    pub waiting: Vec<WaitingEntry>,
    /// The `cursor` of the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// The optional body of a denial.
#[derive(Deserialize, ToSchema, Default)]
#[schema(example = json!({"reason": "This session is for members only."}))]
pub struct DenyBody {
    /// Shown to the participant; at most 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// `POST /api/rooms/{room_id}/waiting/admit-all`.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"admitted": 42}))]
pub struct AdmittedAll {
    pub admitted: u64,
}

/// A cookie-authenticated POST of the room's pages: whether it wants JSON, and the
/// session's address; cross-site submissions are refused as for the lobby form. (Its
/// error is the handlers' own response type, large as it is.)
#[allow(clippy::result_large_err)]
fn room_post(
    s: &AppState,
    headers: &HeaderMap,
) -> Result<(bool, Option<crate::domain::EmailAddress>), PageError> {
    let json = wants_json(headers) || sends_json(headers);
    if cross_site(headers, &s.app.config.public_base_url) {
        return Err(PageError::new(Error::Forbidden, json));
    }
    Ok((json, s.http.sessions.email(headers)))
}

/// The answer to a room-page POST: `body` for the script, back to `page` for a form.
fn answered(json: bool, body: impl Serialize, page: &str) -> Response {
    if json {
        Json(body).into_response()
    } else {
        Redirect::to(page).into_response()
    }
}

/// The hosts' routes (the participants function).
pub fn host_routes() -> Router<AppState> {
    Router::new()
        .route("/api/rooms/{room_id}/waiting", get(list))
        .route("/api/rooms/{room_id}/waiting/admit-all", post(admit_all))
        .route("/api/rooms/{room_id}/waiting/{identity}/admit", post(admit))
        .route("/api/rooms/{room_id}/waiting/{identity}/deny", post(deny))
}

/// The participants' routes (the redemption function): a knock, and the moderators'
/// list and decisions (session cookie of an admitted moderator).
pub fn participant_routes() -> Router<AppState> {
    Router::new()
        .route("/rooms/{room_id}/knock", post(knock))
        .route("/rooms/{room_id}/waiting", get(moderator_list))
        .route(
            "/rooms/{room_id}/waiting/admit-all",
            post(moderator_admit_all),
        )
        .route(
            "/rooms/{room_id}/waiting/{identity}/{decision}",
            post(moderator_decide),
        )
}

/// `GET /rooms/{room_id}/waiting`: the moderators' view (name and domain only).
async fn moderator_list(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let q = listing::page_query(query.as_deref()).map_err(|e| PageError::new(e, true))?;
    let session = s.http.sessions.email(&headers);
    let page = s
        .app
        .moderator_waiting(&room_id, session.as_ref(), q)
        .await
        .map_err(|e| PageError::new(e, true))?;
    Ok(Json(serde_json::json!({
        "waiting": page.items,
        "next_cursor": page.next_cursor,
    }))
    .into_response())
}

/// A moderator's decision (`admit` or `deny`, with an optional `reason` field): JSON for
/// the panel's script, a form post (back to the room page) without it.
async fn moderator_decide(
    State(s): State<AppState>,
    Path((room_id, identity, decision)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let (json, session) = room_post(&s, &headers)?;
    let fail = |e: Error| PageError::new(e, json);
    let decision = match decision.as_str() {
        "admit" => Decision::Admit,
        "deny" => {
            let form: DenyBody = if body.is_empty() {
                DenyBody::default()
            } else if sends_json(&headers) {
                parse_json(&body).map_err(fail)?
            } else {
                serde_urlencoded::from_bytes(&body)
                    .map_err(|_| fail(Error::bad_request("The form could not be read.")))?
            };
            Decision::Deny {
                reason: denial_reason(form.reason.as_deref()).map_err(fail)?,
            }
        }
        _ => return Err(fail(Error::NotFound)),
    };
    let decided = s
        .app
        .moderator_decide(&room_id, session.as_ref(), &identity, decision)
        .await
        .map_err(fail)?;
    Ok(answered(
        json,
        serde_json::json!({ "admission": decided.admission }),
        &format!("/rooms/{room_id}#waiting-room"),
    ))
}

async fn moderator_admit_all(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (json, session) = room_post(&s, &headers)?;
    let admitted = s
        .app
        .moderator_admit_all(&room_id, session.as_ref())
        .await
        .map_err(|e| PageError::new(e, json))?;
    Ok(answered(
        json,
        AdmittedAll { admitted },
        &format!("/rooms/{room_id}#waiting-room"),
    ))
}

/// Who waits to be let in, oldest first.
#[utoipa::path(get, path = "/api/rooms/{room_id}/waiting", tag = "participants",
    params(("room_id" = String, Path), PageParams),
    responses((status = 200, description = "One page of the waiting room; follow `next_cursor` until it is `null`.", body = WaitingList)),
    security(("bearer" = [])))]
pub(super) async fn list(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q = listing::page_query(query.as_deref())?;
    let page = s.app.waiting(&host, &room_id, q).await?;
    Ok(Json(WaitingList {
        waiting: page.items,
        next_cursor: page.next_cursor,
    })
    .into_response())
}

/// Lets a waiting participant in.
#[utoipa::path(post, path = "/api/rooms/{room_id}/waiting/{identity}/admit", tag = "participants",
    params(("room_id" = String, Path), ("identity" = String, Path, description = "The participant's `identity` from the waiting list.")),
    responses((status = 200, description = "The participant, admitted.", body = Participant)),
    security(("bearer" = [])))]
pub(super) async fn admit(
    State(s): State<AppState>,
    host: Host,
    Params((room_id, identity)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    let p = s
        .app
        .decide(&host, &room_id, &identity, Decision::Admit)
        .await?;
    Ok(Json(p).into_response())
}

/// Turns a waiting participant away, optionally saying why.
#[utoipa::path(post, path = "/api/rooms/{room_id}/waiting/{identity}/deny", tag = "participants",
    params(("room_id" = String, Path), ("identity" = String, Path, description = "The participant's `identity` from the waiting list.")),
    request_body(content = Option<DenyBody>, description = "Optional: `{ \"reason\": … }`."),
    responses((status = 200, description = "The participant, denied.", body = Participant)),
    security(("bearer" = [])))]
pub(super) async fn deny(
    State(s): State<AppState>,
    host: Host,
    Params((room_id, identity)): Params<(String, String)>,
    Body(body): Body,
) -> Result<Response, ApiError> {
    let DenyBody { reason } = if body.is_empty() {
        DenyBody::default()
    } else {
        parse_json(&body)?
    };
    let reason = denial_reason(reason.as_deref())?;
    let p = s
        .app
        .decide(&host, &room_id, &identity, Decision::Deny { reason })
        .await?;
    Ok(Json(p).into_response())
}

/// Lets everyone waiting in.
#[utoipa::path(post, path = "/api/rooms/{room_id}/waiting/admit-all", tag = "participants",
    params(("room_id" = String, Path)),
    responses((status = 200, description = "How many were let in.", body = AdmittedAll)),
    security(("bearer" = [])))]
pub(super) async fn admit_all(
    State(s): State<AppState>,
    host: Host,
    Params(room_id): Params<String>,
) -> Result<Response, ApiError> {
    let admitted = s.app.admit_all(&host, &room_id).await?;
    Ok(Json(AdmittedAll { admitted }).into_response())
}

/// A denied participant asks again (session cookie): back to the waiting page.
async fn knock(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (json, session) = room_post(&s, &headers)?;
    let knocked = s
        .app
        .knock(&room_id, session.as_ref())
        .await
        .map_err(|e| PageError::new(e, json))?;
    Ok(answered(json, knocked.me(), &format!("/rooms/{room_id}")))
}
