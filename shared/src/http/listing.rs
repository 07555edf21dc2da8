//! Query strings of the paged lists and the responses of the CSV exports.

use crate::app::{Export, ListQuery};
use crate::domain::listing::{
    parse_delivery, parse_email, parse_limit, parse_role, parse_status, InviteFilter,
    ParticipantFilter,
};
use crate::domain::Error;
use axum::body::{Body, Bytes};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use http::{header, StatusCode};
use std::collections::HashMap;

/// The query's parameters; a repeated one is a `bad_request` (which would win is unclear).
fn params(query: Option<&str>) -> Result<HashMap<String, String>, Error> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
        .map_err(|_| Error::bad_request("The query string could not be read."))?;
    let mut out = HashMap::new();
    for (k, v) in pairs {
        if out.insert(k.clone(), v).is_some() {
            return Err(Error::BadRequest(format!("{k} is given more than once.")));
        }
    }
    Ok(out)
}

fn common<F>(p: &HashMap<String, String>, filter: F) -> Result<ListQuery<F>, Error> {
    Ok(ListQuery {
        filter,
        limit: parse_limit(p.get("limit").map(String::as_str))?,
        cursor: p.get("cursor").cloned(),
    })
}

/// `?limit=&cursor=&status=&role=&delivery=&email=`.
pub fn invite_query(query: Option<&str>) -> Result<ListQuery<InviteFilter>, Error> {
    let p = params(query)?;
    let filter = InviteFilter {
        status: p.get("status").map(|v| parse_status(v)).transpose()?,
        role: p.get("role").map(|v| parse_role(v)).transpose()?,
        delivery: p.get("delivery").map(|v| parse_delivery(v)).transpose()?,
        email: p.get("email").map(|v| parse_email(v)).transpose()?,
    };
    common(&p, filter)
}

/// `?limit=&cursor=&role=&admission=`.
pub fn participant_query(query: Option<&str>) -> Result<ListQuery<ParticipantFilter>, Error> {
    let p = params(query)?;
    let filter = ParticipantFilter {
        role: p.get("role").map(|v| parse_role(v)).transpose()?,
        admission: p
            .get("admission")
            .map(|v| {
                crate::domain::AdmissionState::parse(v).ok_or_else(|| {
                    Error::bad_request("admission must be admitted, waiting or denied.")
                })
            })
            .transpose()?,
    };
    common(&p, filter)
}

/// `?limit=&cursor=` of a list without filters (the waiting room).
pub fn page_query(query: Option<&str>) -> Result<ListQuery<()>, Error> {
    common(&params(query)?, ())
}

/// `200 text/csv` streamed, or `303` to the published file.
pub fn export_response(export: Export, filename: &str) -> Response {
    match export {
        Export::Url(url) => (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, url),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
        )
            .into_response(),
        Export::Stream(rows) => {
            let body = Body::from_stream(rows.map(|chunk| {
                chunk.map(Bytes::from).inspect_err(|e| {
                    tracing::error!(error = %e, "export stream failed");
                })
            }));
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{filename}\""),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                body,
            )
                .into_response()
        }
    }
}
