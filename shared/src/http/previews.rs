//! `GET /api/rooms/{room_id}/preview/{kind}?locale=…&part=html|text`: the email a
//! room's invitees get, for the host to see before it goes out. The HTML part is served
//! with its own policy (mail HTML has inline styles, which our pages' policy forbids)
//! and no script; `part=text` is the text part.

use super::error::ApiError;
use super::extract::Params;
use super::AppState;
use crate::app::Host;
use crate::domain::Error;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::{header, HeaderValue};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/rooms/{room_id}/preview/{kind}", get(preview))
}

#[derive(Debug, Default, Deserialize)]
struct PreviewQuery {
    locale: Option<String>,
    part: Option<String>,
}

/// An email as the room's invitees would get it (nothing is sent).
#[utoipa::path(get, path = "/api/rooms/{room_id}/preview/{kind}", tag = "rooms",
    params(("room_id" = String, Path),
        ("kind" = String, Path, description = "`invitation`, `reminder`, `update`, `cancellation` or `code`."),
        ("locale" = Option<String>, Query, description = "A shipped locale (`en`, `de`, `fr`, `es`, `pt-BR`, `ja`, `ar`); absent: the room's."),
        ("part" = Option<String>, Query, description = "`html` (default) or `text`.")),
    responses(
        (status = 200, description = "The HTML part (`text/html`) or the text part (`text/plain`); the subject in `X-Email-Subject` (percent-encoded UTF-8).",
            content((String = "text/html; charset=utf-8"), (String = "text/plain; charset=utf-8")))),
    security(("bearer" = [])))]
async fn preview(
    State(s): State<AppState>,
    host: Host,
    Params((room_id, kind)): Params<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q: PreviewQuery = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
        .map_err(|e| Error::bad_request(format!("The query could not be read: {e}.")))?;
    let email = s
        .app
        .email_preview(&host, &room_id, &kind, q.locale.as_deref())
        .await?;
    let (content_type, body) = match q.part.as_deref().unwrap_or("html") {
        "html" => ("text/html; charset=utf-8", email.html),
        "text" => ("text/plain; charset=utf-8", email.text),
        other => {
            return Err(Error::ValidationFailed(format!(
                "part must be html or text, not {other:?}."
            ))
            .into())
        }
    };
    let subject: String = serde_urlencoded::to_string([("s", &email.subject)])
        .unwrap_or_default()
        .trim_start_matches("s=")
        .to_owned();
    let mut response = (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    if let Ok(v) = HeaderValue::from_str(&subject) {
        h.insert("x-email-subject", v);
    }
    Ok(response)
}
