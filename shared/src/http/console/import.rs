//! The import of a CSV file or pasted list (up to 100,000 rows). The browser reads and
//! checks the rows (`/assets/console.js`: header detection, per-row validation, a
//! preview, the confirmation with the email count), then sends them in chunks of up to
//! 500 to `POST /console/rooms/{id}/import`: the host API's bulk issue (the same use
//! case and the same `Idempotency-Key` store, under the API's route), one key per chunk
//! derived from the file's SHA-256 and the chunk's index, so a reload or a dropped
//! connection resends a chunk without a second invite or email.

use super::texts::{script_block, with_markup, Script};
use super::views::csrf_field;
use super::ConsoleHost;
use crate::domain::{Error, Room};
use crate::http::error::ConsoleError;
use crate::http::extract::{parse_json, Body};
use crate::http::host_api::BulkResults;
use crate::http::idempotency::idempotent;
use crate::http::AppState;
use crate::i18n::Lang;
use crate::{args, tr};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use maud::{html, Markup};
use serde_json::Value;

/// Rows per request (the bulk operation's maximum).
pub const CHUNK: usize = 500;
/// Rows per import.
pub const MAX_ROWS: usize = 100_000;

pub fn import_section(lang: Lang, room: &Room, csrf: &str) -> Markup {
    let code = |text: &str| html! { code { (text) } };
    let hint = with_markup(
        lang,
        "console-import-hint",
        args![max = MAX_ROWS],
        vec![
            ("email", code("email")),
            ("role", code("role")),
            ("viewer", code("viewer")),
            ("speaker", code("speaker")),
            ("moderator", code("moderator")),
            ("uses", code("uses")),
            ("expiry", code("expiry")),
            ("date", code("2030-01-31")),
            ("time", code("2030-01-31T18:00:00Z")),
            ("locale", code("locale")),
        ],
    );
    html! {
        section class="card import" aria-labelledby="import-h" data-import=(room.room_id)
            data-csrf=(csrf) data-chunk=(CHUNK) data-max-rows=(MAX_ROWS)
            data-locales=(crate::i18n::LOCALES.join(" ")) {
            h2 id="import-h" class="form-title" { (tr!(lang, "console-import-heading")) }
            p class="hint" id="import-hint" { (hint) }
            p class="noscript-note" { (tr!(lang, "console-import-noscript")) }
            label for="import-file" { (tr!(lang, "console-import-file")) }
            input id="import-file" type="file" accept=".csv,text/csv,text/plain" aria-describedby="import-hint";
            label for="import-paste" { (tr!(lang, "console-import-paste")) }
            textarea id="import-paste" rows="4" aria-describedby="import-hint" dir="auto" {}
            p {
                input id="import-send" type="checkbox" checked;
                " "
                label for="import-send" class="inline" { (tr!(lang, "console-import-send")) }
            }
            button type="button" id="import-check" { (tr!(lang, "console-import-check")) }
            div id="import-preview" hidden {}
            div id="import-confirm" hidden {
                p id="import-summary" {}
                button type="button" id="import-start" { (tr!(lang, "console-import-start")) }
            }
            div id="import-progress-box" hidden {
                label for="import-progress" { (tr!(lang, "console-import-progress")) }
                progress id="import-progress" max="1" value="0" {}
                p id="import-status" role="status" aria-live="polite" {}
                a id="import-rejected" hidden download="rejected-rows.csv" href="#" { (tr!(lang, "console-import-rejected")) }
            }
            // The CSRF token for the script's requests (also in data-csrf above).
            form hidden aria-hidden="true" { (csrf_field(csrf)) }
            (script_block(lang, Script::Import))
        }
    }
}

/// `POST /console/rooms/{room_id}/import`: `{ "invites": [...] }` (≤ 500) with an
/// `Idempotency-Key` and `X-CSRF-Token`; the answer is the bulk operation's.
pub async fn chunk(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    headers: HeaderMap,
    Body(body): Body,
) -> Response {
    if let Err(e) = c.write(&s, &headers, None) {
        return e.json().into_response();
    }
    if !headers.contains_key(crate::http::idempotency::HEADER) {
        return ConsoleError::page(Error::bad_request(
            "An import chunk needs an Idempotency-Key.",
        ))
        .json()
        .into_response();
    }
    // The work runs in a task of its own: a reload or a dropped connection ends this
    // request, not the chunk, which completes and records its answer under the key, so
    // the resent chunk gets that answer instead of `409` for a key left in progress.
    let host = c.host.clone();
    let work = tokio::spawn(async move {
        let route = format!("POST /api/rooms/{room_id}/invites");
        let (state, host, body_ref, room) = (&s, &host, &body[..], room_id.as_str());
        idempotent(&s, host, &headers, &route, &body, |options| async move {
            let value: Value = parse_json(body_ref)?;
            let entries = value
                .get("invites")
                .and_then(Value::as_array)
                .cloned()
                .ok_or_else(|| Error::bad_request("invites must be an array."))?;
            if entries.len() > CHUNK {
                return Err(Error::bad_request("At most 500 invites per chunk."));
            }
            let results = state.app.issue_bulk(host, room, entries, &options).await?;
            Ok((
                StatusCode::OK,
                serde_json::to_value(&BulkResults { results }).map_err(Error::internal)?,
            ))
        })
        .await
    });
    match work.await {
        Ok(response) => response,
        Err(e) => ConsoleError::page(Error::internal(format!("import chunk: {e}")))
            .json()
            .into_response(),
    }
}
