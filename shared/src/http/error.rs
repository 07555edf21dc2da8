//! The one place where errors become HTTP responses: status codes, the JSON body
//! `{ "error", "message" }`, and the error page with `data-error`.

use super::pages;
use crate::app::JoinView;
use crate::domain::Error;
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::StatusCode;

/// Where an error is answered: the contract gives `domain_blocked` another status on join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    HostApi,
    Join,
    /// `POST /rooms/{id}/invites`: a participant invites; the domain policy answers as
    /// on the host API (`422 domain_blocked`).
    GuestInvites,
}

pub fn status(error: &Error, surface: Surface) -> StatusCode {
    match error {
        Error::Unauthorized => StatusCode::UNAUTHORIZED,
        Error::Forbidden
        | Error::AwaitingApproval
        | Error::AdmissionDenied { .. }
        | Error::EmailMismatch
        | Error::NotAParticipant
        | Error::GuestInviteRefused(_) => StatusCode::FORBIDDEN,
        Error::BadRequest(_)
        | Error::ValidationFailed(_)
        | Error::CodeInvalid { .. }
        | Error::CodeExpired
        | Error::SsoFailed => StatusCode::BAD_REQUEST,
        Error::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
        Error::VerificationRequired { .. } => StatusCode::CONFLICT,
        Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Error::InvalidEmail | Error::InvalidExpiry | Error::EmailSuppressed(_) => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Error::DomainBlocked => match surface {
            Surface::HostApi | Surface::GuestInvites => StatusCode::UNPROCESSABLE_ENTITY,
            Surface::Join => StatusCode::FORBIDDEN,
        },
        Error::RoomNotFound
        | Error::InviteNotFound
        | Error::ParticipantNotFound
        | Error::InvalidLink
        | Error::NotFound => StatusCode::NOT_FOUND,
        Error::Conflict(_) | Error::NotLive => StatusCode::CONFLICT,
        Error::RoomBackendUnavailable => StatusCode::BAD_GATEWAY,
        Error::InviteRevoked | Error::RoomDeleted | Error::LinkExpired | Error::LinkUsed => {
            StatusCode::GONE
        }
        Error::TooManyAttempts | Error::InviteLimitReached => StatusCode::TOO_MANY_REQUESTS,
        Error::IdentityProviderUnavailable | Error::ServiceUnavailable { .. } => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn log(error: &Error) {
    if let Error::Internal(detail) = error {
        tracing::error!(error = %detail, "internal error");
    }
}

/// The body of every JSON error response.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[schema(example = json!({"error": "room_not_found", "message": "There is no such room."}))]
pub struct ErrorBody {
    /// The error code (each operation lists its codes).
    pub error: String,
    /// One human sentence.
    pub message: String,
    /// `code_invalid`: wrong codes still allowed before the code is void.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
    /// `verification_required`: how the invitee proves the address (`sso`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify: Option<String>,
    /// `verification_required`: where the sign-in starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `too_many_requests`: the `Retry-After` seconds, also in the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// `admission_denied`: why, when the decision said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

pub fn json_body(error: &Error) -> ErrorBody {
    let mut body = ErrorBody {
        error: error.code().to_owned(),
        message: error.message(),
        attempts_left: None,
        verify: None,
        url: None,
        retry_after: None,
        reason: None,
    };
    match error {
        Error::CodeInvalid { attempts_left } => body.attempts_left = Some(*attempts_left),
        Error::VerificationRequired { url } => {
            body.verify = Some("sso".into());
            body.url = Some(url.clone());
        }
        Error::TooManyRequests { retry_after } | Error::ServiceUnavailable { retry_after } => {
            body.retry_after = Some(*retry_after)
        }
        Error::AdmissionDenied { reason } => body.reason = reason.clone(),
        _ => {}
    }
    body
}

/// The headers an error answer carries besides its body: `Retry-After` for 429s that
/// say when to come back.
pub fn with_error_headers(error: &Error, mut response: Response) -> Response {
    if let Error::TooManyRequests { retry_after } | Error::ServiceUnavailable { retry_after } =
        error
    {
        if let Ok(v) = http::HeaderValue::from_str(&retry_after.to_string()) {
            response.headers_mut().insert(http::header::RETRY_AFTER, v);
        }
    }
    response
}

/// A host-API error: always JSON.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        log(&self.0);
        let response =
            (status(&self.0, Surface::HostApi), Json(json_body(&self.0))).into_response();
        with_error_headers(&self.0, response)
    }
}

/// A JSON error of `POST /rooms/{id}/invites`.
pub fn guest_invite_json_error(error: &Error) -> Response {
    log(error);
    (status(error, Surface::GuestInvites), Json(json_body(error))).into_response()
}

/// An error of a public (browser) route: an HTML page, or JSON for JSON clients.
/// With a lobby, the page is the lobby form with the message inline.
#[derive(Debug)]
pub struct PageError {
    pub error: Error,
    pub json: bool,
    pub lobby: Option<JoinView>,
    /// The lobby form's state when `lobby` is shown.
    pub form: pages::LobbyForm,
}

impl PageError {
    pub fn new(error: Error, json: bool) -> Self {
        PageError {
            error,
            json,
            lobby: None,
            form: Default::default(),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        log(&self.error);
        let status = status(&self.error, Surface::Join);
        if self.json {
            let response = (status, Json(json_body(&self.error))).into_response();
            return with_error_headers(&self.error, response);
        }
        let page = match &self.lobby {
            Some(view) => pages::lobby(view, Some(&self.error), &self.form),
            None => pages::error_page(&self.error),
        };
        with_error_headers(&self.error, (status, page).into_response())
    }
}

/// An error of the host console: a page with the contract's status and code, or the
/// JSON body for the console's scripts; no session is a way to the sign-in.
#[derive(Debug)]
pub struct ConsoleError {
    pub error: Error,
    pub json: bool,
    /// No console session: a page load goes to the sign-in.
    pub to_sign_in: bool,
}

impl ConsoleError {
    pub fn page(error: Error) -> Self {
        ConsoleError {
            error,
            json: false,
            to_sign_in: false,
        }
    }

    /// No session; `redirect` for page loads (`GET`), `401` otherwise.
    pub fn sign_in(redirect: bool) -> Self {
        ConsoleError {
            error: Error::Unauthorized,
            json: false,
            to_sign_in: redirect,
        }
    }

    /// The same error as the JSON body of the API.
    pub fn json(mut self) -> Self {
        self.json = true;
        self.to_sign_in = false;
        self
    }
}

impl From<Error> for ConsoleError {
    fn from(error: Error) -> Self {
        ConsoleError::page(error)
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        if self.to_sign_in {
            return (
                StatusCode::SEE_OTHER,
                [(http::header::LOCATION, "/console/sign-in")],
            )
                .into_response();
        }
        log(&self.error);
        let status = status(&self.error, Surface::HostApi);
        let response = if self.json {
            (status, Json(json_body(&self.error))).into_response()
        } else {
            (status, super::console::views::error_page(&self.error)).into_response()
        };
        with_error_headers(&self.error, response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_the_contract_status() {
        let table = [
            (Error::Unauthorized, 401),
            (Error::Forbidden, 403),
            (Error::BadRequest(String::new()), 400),
            (Error::PayloadTooLarge, 413),
            (Error::InvalidEmail, 422),
            (Error::EmailSuppressed(String::new()), 422),
            (Error::InvalidExpiry, 422),
            (Error::RoomNotFound, 404),
            (Error::InviteNotFound, 404),
            (Error::ParticipantNotFound, 404),
            (Error::Conflict(String::new()), 409),
            (Error::InvalidLink, 404),
            (Error::ValidationFailed(String::new()), 400),
            (Error::CodeInvalid { attempts_left: 2 }, 400),
            (Error::CodeExpired, 400),
            (Error::TooManyRequests { retry_after: 30 }, 429),
            (Error::VerificationRequired { url: String::new() }, 409),
            (Error::SsoFailed, 400),
            (Error::AwaitingApproval, 403),
            (Error::ServiceUnavailable { retry_after: 2 }, 503),
            (Error::AdmissionDenied { reason: None }, 403),
            (Error::InviteRevoked, 410),
            (Error::RoomDeleted, 410),
            (Error::LinkExpired, 410),
            (Error::LinkUsed, 410),
            (Error::EmailMismatch, 403),
            (Error::TooManyAttempts, 429),
            (Error::NotAParticipant, 403),
            (Error::NotLive, 409),
            (Error::NotFound, 404),
            (Error::RoomBackendUnavailable, 502),
            (Error::IdentityProviderUnavailable, 503),
            (
                Error::GuestInviteRefused(
                    crate::domain::guest_invite::GuestInviteRefusal::ViewerRole,
                ),
                403,
            ),
            (Error::InviteLimitReached, 429),
            (Error::Internal(String::new()), 500),
        ];
        for (e, code) in table {
            assert_eq!(status(&e, Surface::HostApi).as_u16(), code, "{}", e.code());
        }
        assert_eq!(
            status(&Error::DomainBlocked, Surface::HostApi).as_u16(),
            422
        );
        assert_eq!(status(&Error::DomainBlocked, Surface::Join).as_u16(), 403);
        assert_eq!(
            status(&Error::DomainBlocked, Surface::GuestInvites).as_u16(),
            422
        );
        assert_eq!(
            status(&Error::InviteLimitReached, Surface::GuestInvites).as_u16(),
            429
        );
    }

    #[test]
    fn internal_details_never_reach_the_body() {
        let body = json_body(&Error::Internal("disk /secret/path failed".into()));
        assert_eq!(body.error, "internal");
        assert!(!body.message.contains("secret"));
    }
}
