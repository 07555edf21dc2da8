//! One-click unsubscribe of room mail (RFC 8058): `POST /unsubscribe/{invite_id}?s=tag`
//! is what mail clients send (`List-Unsubscribe=One-Click`, no cookie, no page), and
//! what the page's button sends; `GET` shows that page and changes nothing (link
//! scanners fetch every link of a mail).

use super::error::PageError;
use super::pages;
use super::AppState;
use crate::domain::Room;
use crate::i18n;
use crate::tr;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::html;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/unsubscribe/{invite_id}",
        get(confirm_page).post(unsubscribe),
    )
}

#[derive(Debug, Deserialize)]
pub struct Tag {
    /// The link's signature.
    #[serde(default)]
    pub s: String,
}

fn title_of(room: Option<&Room>) -> String {
    room.map(|r| r.title.clone()).unwrap_or_default()
}

fn lang_of(invite_locale: Option<&str>, room: Option<&Room>) -> i18n::Lang {
    i18n::for_page(invite_locale, room.and_then(|r| r.locale.as_deref()))
}

/// The page that asks: one button, which posts the same signed link.
#[utoipa::path(get, path = "/unsubscribe/{invite_id}", tag = "join",
    params(("invite_id" = String, Path), ("s" = String, Query, description = "The link's signature.")),
    responses(
        (status = 200, description = "The page with the unsubscribe button; nothing changes.", content_type = "text/html")))]
async fn confirm_page(
    State(s): State<AppState>,
    Path(invite_id): Path<String>,
    Query(tag): Query<Tag>,
) -> Result<Response, PageError> {
    let (invite, room) = s
        .app
        .unsubscribe_target(&invite_id, &tag.s)
        .await
        .map_err(|e| PageError::new(e, false))?;
    let lang = lang_of(invite.locale.as_deref(), room.as_ref());
    let title = title_of(room.as_ref());
    let heading = tr!(lang, "unsubscribe-title", title = title.as_str());
    let main = html! {
        h1 { (heading) }
        p { (tr!(lang, "unsubscribe-explain", email = invite.email.as_str())) }
        form method="post" action={ "/unsubscribe/" (invite_id) "?s=" (tag.s) } {
            input type="hidden" name="List-Unsubscribe" value="One-Click";
            button type="submit" { (tr!(lang, "unsubscribe-confirm")) }
        }
    };
    Ok(pages::plain_page(lang, &heading, "unsubscribe", main).into_response())
}

/// Unsubscribes the link's address from the room's mail; idempotent, no cookie.
#[utoipa::path(post, path = "/unsubscribe/{invite_id}", tag = "join",
    params(("invite_id" = String, Path), ("s" = String, Query, description = "The link's signature.")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "`List-Unsubscribe=One-Click` (RFC 8058); the body is not needed."),
    responses(
        (status = 200, description = "Unsubscribed (also when already): a short page.", content_type = "text/html")))]
async fn unsubscribe(
    State(s): State<AppState>,
    Path(invite_id): Path<String>,
    Query(tag): Query<Tag>,
) -> Result<Response, PageError> {
    let (invite, room) = s
        .app
        .unsubscribe(&invite_id, &tag.s)
        .await
        .map_err(|e| PageError::new(e, false))?;
    let lang = lang_of(invite.locale.as_deref(), room.as_ref());
    let title = title_of(room.as_ref());
    let heading = tr!(lang, "unsubscribe-done-title");
    let main = html! {
        h1 { (heading) }
        p role="status" { (tr!(lang, "unsubscribe-done", email = invite.email.as_str(), title = title.as_str())) }
    };
    Ok(pages::plain_page(lang, &heading, "unsubscribed", main).into_response())
}
