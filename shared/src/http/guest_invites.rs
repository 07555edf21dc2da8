//! `POST /rooms/{room_id}/invites`: an admitted speaker or moderator invites a guest from
//! the room page (integrations contract, section 6). JSON in and out for the page's
//! script and other clients; the plain form (no script) is answered with a redirect
//! back to the room page (success) or the room page with the error in place.

use super::error::{guest_invite_json_error, status, PageError, Surface};
use super::extract::{parse_json, sends_json, wants_json};
use super::join::cross_site;
use super::pages::{self, GuestInviteForm, InviteNotice};
use super::AppState;
use crate::app::GuestInviteRequest;
use crate::domain::guest_invite::GuestInviteRefusal;
use crate::domain::Error;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use http::header::LOCATION;
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::json;

/// The query of the room page after a successful form submission.
pub const SENT_QUERY: &str = "invite=sent";

/// `/rooms/{room_id}/invites`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/rooms/{room_id}/invites", post(invite_guest))
}

async fn invite_guest(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let json = sends_json(&headers) || wants_json(&headers);
    // The same login-CSRF rule as the lobby form: refused before anything is read.
    if cross_site(&headers, &s.app.config.public_base_url) {
        tracing::warn!("cross-site invitation form refused");
        return refused(Error::from(GuestInviteRefusal::CrossSite), json);
    }
    let request = match read(&headers, body) {
        Ok(r) => r,
        Err(e) => return refused(e, json),
    };
    let session = s.http.sessions.email(&headers);
    match s
        .app
        .invite_guest(&room_id, session.as_ref(), &request)
        .await
    {
        Ok(invite) if json => (
            StatusCode::CREATED,
            Json(json!({
                "invite_id": invite.invite_id,
                "email": invite.email,
                "role": invite.role,
                "delivery": invite.delivery,
            })),
        )
            .into_response(),
        Ok(_) => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("/rooms/{room_id}?{SENT_QUERY}")) {
                response.headers_mut().insert(LOCATION, v);
            }
            response
        }
        Err(e) if json => guest_invite_json_error(&e),
        Err(e) => {
            // The room page again, with the error next to the form and the entry kept.
            match s.app.room_page(&room_id, session.as_ref()).await {
                Ok(page) => {
                    let form = GuestInviteForm {
                        roles: s.app.grantable_roles(page.participant.role),
                        limit: s.app.config.participant_invite_limit,
                        email: request.email.trim().to_owned(),
                        role: request.role().ok(),
                        notice: Some(InviteNotice::Failed(e.clone())),
                    };
                    let code = status(&e, Surface::GuestInvites);
                    {
                        let stage = pages::Stage {
                            backend: s.app.room_backend.name(),
                            client_page: s.app.room_backend.client_page(),
                        };
                        (code, pages::room(&page, &stage, &form, None)).into_response()
                    }
                }
                Err(page_error) => PageError::new(page_error, false).into_response(),
            }
        }
    }
}

/// The body as JSON or as the form's fields.
fn read(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<GuestInviteRequest, Error> {
    let body = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::PayloadTooLarge
        } else {
            Error::bad_request("The request body could not be read.")
        }
    })?;
    if sends_json(headers) {
        parse_json(&body)
    } else {
        serde_urlencoded::from_bytes(&body)
            .map_err(|_| Error::bad_request("The form fields email and role are expected."))
    }
}

/// An error before the use case ran: JSON, or the error page.
fn refused(error: Error, json: bool) -> Response {
    if json {
        guest_invite_json_error(&error)
    } else {
        PageError::new(error, false).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_decode_with_an_optional_role() {
        let r: GuestInviteRequest =
            serde_urlencoded::from_bytes(b"email=bob%40example.com&role=speaker").unwrap();
        assert_eq!(
            (r.email.as_str(), r.role.as_deref()),
            ("bob@example.com", Some("speaker"))
        );
        let r: GuestInviteRequest =
            serde_urlencoded::from_bytes(b"email=bob%40example.com").unwrap();
        assert_eq!(r.role, None);
    }
}
