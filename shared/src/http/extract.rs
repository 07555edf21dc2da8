//! Request extractors whose rejections are the contract's errors, not axum's defaults.

use super::error::ApiError;
use crate::domain::Error;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use http::request::Parts;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

/// The raw body, within the 1 MiB limit (`payload_too_large` beyond it).
pub struct Body(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Bytes::from_request(req, state)
            .await
            .map(Body)
            .map_err(|r| {
                ApiError(if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Error::PayloadTooLarge
                } else {
                    Error::bad_request("The request body could not be read.")
                })
            })
    }
}

/// Path parameters; a malformed one is `bad_request`.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(t)| Params(t))
            .map_err(|_| ApiError(Error::bad_request("A path parameter is malformed.")))
    }
}

/// Parses a JSON object body; anything unparsable, not an object (serde would read a
/// struct from an array) or of the wrong shape is `bad_request`.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::bad_request("A JSON body is required."));
    }
    let invalid = |e: serde_json::Error| {
        let detail = e.to_string();
        let detail = detail
            .split(" at line")
            .next()
            .unwrap_or_default()
            .to_owned();
        Error::bad_request(format!("Invalid JSON body: {detail}."))
    };
    let value: serde_json::Value = serde_json::from_slice(body).map_err(invalid)?;
    if !value.is_object() {
        return Err(Error::bad_request("The JSON body must be an object."));
    }
    serde_json::from_value(value).map_err(invalid)
}

/// `true` when the client asked for JSON rather than a page.
pub fn wants_json(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    accept.contains("application/json") && !accept.contains("text/html")
}

/// `true` when the body is JSON (rather than a form).
pub fn sends_json(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"))
}
