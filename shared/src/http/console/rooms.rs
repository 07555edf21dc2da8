//! The console's rooms: the paged list, create, the room page (edit every field,
//! reschedule), and delete behind a confirmation that counts the cancellations.

use super::texts::{value, with_markup};
use super::views::{self, csrf_field, layout, local_input, Tab};
use super::ConsoleHost;
use crate::app::ListQuery;
use crate::domain::listing::parse_limit;
use crate::domain::room::{RoomDraft, RoomPatch};
use crate::domain::{Error, Room};
use crate::http::error::ConsoleError;
use crate::http::AppState;
use crate::i18n::{self, Lang};
use crate::{args, tr};
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub struct Paging {
    cursor: Option<String>,
}

pub async fn list(
    State(s): State<AppState>,
    c: ConsoleHost,
    Query(p): Query<Paging>,
) -> Result<Response, ConsoleError> {
    page(&s, &c, p.cursor, None).await
}

async fn page(
    s: &AppState,
    c: &ConsoleHost,
    cursor: Option<String>,
    form_error: Option<&Error>,
) -> Result<Response, ConsoleError> {
    let first = cursor.is_some().then_some("/console");
    let rooms = s
        .app
        .list_rooms(
            &c.host,
            ListQuery {
                filter: (),
                limit: parse_limit(Some("50"))?,
                cursor,
            },
        )
        .await?;
    let next = rooms
        .next_cursor
        .map(|n| format!("/console?cursor={}", urlencode(&n)));
    let status = if form_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        views::rooms(&c.host, &c.csrf, &rooms.items, first, next, form_error),
    )
        .into_response())
}

pub fn urlencode(v: &str) -> String {
    serde_urlencoded::to_string([("", v)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

/// The fields of the room form (create and edit).
#[derive(Deserialize, Default)]
pub struct RoomForm {
    csrf: Option<String>,
    title: Option<String>,
    description: Option<String>,
    starts_at: Option<String>,
    ends_at: Option<String>,
    speakers: Option<String>,
    attachments: Option<String>,
    reminders: Option<String>,
    verify: Option<String>,
    approval: Option<String>,
}

/// `2030-01-01T15:00` (the `datetime-local` field, read as UTC) or RFC 3339.
fn time_value(raw: &str) -> Value {
    let raw = raw.trim();
    if raw.is_empty() {
        return Value::Null;
    }
    if raw.len() == 16 {
        return format!("{raw}:00Z").into();
    }
    raw.into()
}

/// `Name | Title` (or `Name | URL`) per line.
fn pairs(raw: &str, second: &str) -> Value {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (a, b) = l.split_once('|').unwrap_or((l, ""));
            let mut o = json!({ "name": a.trim() });
            if !b.trim().is_empty() {
                o[second] = b.trim().into();
            }
            o
        })
        .collect::<Vec<_>>()
        .into()
}

impl RoomForm {
    /// The API's JSON of this form; the API's types check it.
    fn to_json(&self, creating: bool) -> Result<Value, Error> {
        let mut body = serde_json::Map::new();
        let text = |v: &Option<String>| v.as_deref().map(str::trim).map(str::to_owned);
        if let Some(t) = text(&self.title) {
            body.insert("title".into(), t.into());
        }
        if let Some(d) = &self.description {
            body.insert("description".into(), d.replace("\r\n", "\n").into());
        }
        if let Some(v) = self.starts_at.as_deref().map(time_value) {
            if !v.is_null() || creating {
                body.insert("starts_at".into(), v);
            }
        }
        if let Some(v) = self.ends_at.as_deref() {
            body.insert("ends_at".into(), time_value(v));
        }
        if let Some(v) = &self.speakers {
            body.insert("speakers".into(), pairs(v, "title"));
        }
        if let Some(v) = &self.attachments {
            body.insert("attachments".into(), pairs(v, "url"));
        }
        if let Some(v) = &self.reminders {
            let minutes = v
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(|m| {
                    m.parse::<u32>().map_err(|_| {
                        Error::bad_request(tr!(i18n::current(), "console-error-reminders"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            body.insert("reminders".into(), minutes.into());
        }
        if self.verify.is_some() || self.approval.is_some() {
            body.insert(
                "admission".into(),
                json!({ "verify": self.verify, "approval": self.approval }),
            );
        }
        Ok(Value::Object(body))
    }
}

fn parse<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, Error> {
    serde_json::from_value(v).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.split(" at line").next().unwrap_or_default();
        Error::bad_request(tr!(
            i18n::current(),
            "console-error-check-form",
            detail = detail
        ))
    })
}

pub async fn create(
    State(s): State<AppState>,
    c: ConsoleHost,
    headers: HeaderMap,
    Form(form): Form<RoomForm>,
) -> Result<Response, ConsoleError> {
    c.write(&s, &headers, form.csrf.as_deref())?;
    let created = match form.to_json(true).and_then(parse::<RoomDraft>) {
        Ok(draft) => s.app.create_room(&c.host, draft).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(room) => Ok(see_other(&format!("/console/rooms/{}", room.room_id))),
        Err(e @ (Error::BadRequest(_) | Error::ValidationFailed(_))) => {
            page(&s, &c, None, Some(&e)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(http::header::LOCATION, location.to_owned())],
    )
        .into_response()
}

pub async fn show(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
) -> Result<Response, ConsoleError> {
    let room = s.app.room_of_host(&c.host, &room_id).await?;
    Ok(room_page(&c, &room, None, None).into_response())
}

/// The room page: the room's fields (editable with the write permission), invite one,
/// and the import.
pub fn room_page(
    c: &ConsoleHost,
    room: &Room,
    error: Option<&Error>,
    note: Option<Markup>,
) -> Markup {
    let lang = i18n::current();
    let write = c.host.can_write;
    let status = value(lang, "room-status", room.status.as_str());
    layout(
        &room.title,
        Some((&c.host, &c.csrf)),
        Some((room, Tab::Room)),
        html! {
            h1 { (room.title) }
            p class="hint" {
                (with_markup(lang, "console-room-starts", args![status = status],
                    vec![("time", views::utc(lang, room.starts_at))]))
            }
            @if let Some(note) = note { (note) }
            @if write {
                (super::people::invite_one_form(lang, room, &c.csrf))
                (super::import::import_section(lang, room, &c.csrf))
                section class="card" aria-labelledby="edit-h" {
                    h2 id="edit-h" class="form-title" { (tr!(lang, "console-edit-room")) }
                    form method="post" action=(format!("/console/rooms/{}", room.room_id)) {
                        (csrf_field(&c.csrf))
                        (room_fields(lang, Some(room), error))
                        button type="submit" { (tr!(lang, "console-save")) }
                    }
                }
                p { a class="danger" href=(format!("/console/rooms/{}/delete", room.room_id)) { (tr!(lang, "console-delete-link")) } }
            } @else {
                (read_only(lang, room))
            }
        },
    )
}

fn read_only(lang: Lang, room: &Room) -> Markup {
    html! {
        dl class="facts" {
            dt { (tr!(lang, "console-field-description")) } dd class="description" { (room.description) }
            dt { (tr!(lang, "console-fact-ends")) }
            dd { @if let Some(e) = room.ends_at { (views::utc(lang, e)) } @else { (tr!(lang, "console-none")) } }
            dt { (tr!(lang, "console-field-speakers")) }
            dd {
                @for sp in &room.speakers {
                    @if let Some(t) = &sp.title {
                        (tr!(lang, "console-speaker-with-title", name = sp.name.as_str(), title = t.as_str()))
                    } @else { (sp.name) }
                    br;
                }
            }
            dt { (tr!(lang, "console-fact-reminders")) }
            dd {
                @if room.reminders.is_empty() { (tr!(lang, "console-fact-no-reminders")) }
                @else { (tr!(lang, "console-fact-reminders-minutes", minutes = reminders_text(&room.reminders))) }
            }
            dt { (tr!(lang, "console-field-verify")) } dd { (value(lang, "verify", room.admission.verify.as_str())) }
            dt { (tr!(lang, "console-field-approval")) } dd { (value(lang, "approval", room.admission.approval.as_str())) }
        }
    }
}

fn reminders_text(r: &[u32]) -> String {
    r.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// The room form's fields, filled from `room` when editing.
pub fn room_fields(lang: Lang, room: Option<&Room>, error: Option<&Error>) -> Markup {
    let speakers = room
        .map(|r| {
            r.speakers
                .iter()
                .map(|s| match &s.title {
                    Some(t) => format!("{} | {t}", s.name),
                    None => s.name.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let attachments = room
        .map(|r| {
            r.attachments
                .iter()
                .map(|a| format!("{} | {}", a.name, a.url))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let id = if room.is_some() { "edit" } else { "new" };
    let verify = room.map(|r| r.admission.verify.as_str()).unwrap_or("email");
    let approval = room
        .map(|r| r.admission.approval.as_str())
        .unwrap_or("none");
    html! {
        @if let Some(e) = error {
            p class="error" role="alert" id=(format!("{id}-error")) { (super::texts::error_text(lang, e)) }
        }
        label for=(format!("{id}-title")) { (tr!(lang, "console-field-title")) }
        input id=(format!("{id}-title")) name="title" type="text" required maxlength="200"
            value=[room.map(|r| r.title.as_str())];
        label for=(format!("{id}-description")) { (tr!(lang, "console-field-description")) }
        textarea id=(format!("{id}-description")) name="description" rows="3" maxlength="10000" {
            @if let Some(r) = room { (r.description) }
        }
        div class="two" {
            div {
                label for=(format!("{id}-starts")) { (tr!(lang, "console-field-starts")) }
                input id=(format!("{id}-starts")) name="starts_at" type="datetime-local" required
                    value=[room.map(|r| local_input(r.starts_at))];
            }
            div {
                label for=(format!("{id}-ends")) { (tr!(lang, "console-field-ends")) }
                input id=(format!("{id}-ends")) name="ends_at" type="datetime-local"
                    value=[room.and_then(|r| r.ends_at).map(local_input)];
            }
        }
        label for=(format!("{id}-speakers")) { (tr!(lang, "console-field-speakers")) }
        p class="hint" id=(format!("{id}-speakers-hint")) { (tr!(lang, "console-field-speakers-hint")) }
        textarea id=(format!("{id}-speakers")) name="speakers" rows="2" aria-describedby=(format!("{id}-speakers-hint")) { (speakers) }
        label for=(format!("{id}-attachments")) { (tr!(lang, "console-field-attachments")) }
        p class="hint" id=(format!("{id}-attachments-hint")) { (tr!(lang, "console-field-attachments-hint")) }
        textarea id=(format!("{id}-attachments")) name="attachments" rows="2" aria-describedby=(format!("{id}-attachments-hint")) { (attachments) }
        label for=(format!("{id}-reminders")) { (tr!(lang, "console-field-reminders")) }
        input id=(format!("{id}-reminders")) name="reminders" type="text" inputmode="numeric"
            value=(room.map(|r| reminders_text(&r.reminders)).unwrap_or_else(|| "1440, 15".into()));
        div class="two" {
            div {
                label for=(format!("{id}-verify")) { (tr!(lang, "console-field-verify")) }
                select id=(format!("{id}-verify")) name="verify" {
                    @for v in ["email", "code", "sso"] {
                        option value=(v) selected[v == verify] { (value(lang, "verify", v)) }
                    }
                }
            }
            div {
                label for=(format!("{id}-approval")) { (tr!(lang, "console-field-approval")) }
                select id=(format!("{id}-approval")) name="approval" {
                    @for v in ["none", "shared_links", "everyone"] {
                        option value=(v) selected[v == approval] { (value(lang, "approval", v)) }
                    }
                }
            }
        }
    }
}

pub async fn edit(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<RoomForm>,
) -> Result<Response, ConsoleError> {
    c.write(&s, &headers, form.csrf.as_deref())?;
    let updated = match form.to_json(false).and_then(parse::<RoomPatch>) {
        Ok(patch) => s.app.update_room(&c.host, &room_id, patch).await,
        Err(e) => Err(e),
    };
    match updated {
        Ok(room) => Ok(room_page(
            &c,
            &room,
            None,
            Some(html! { p class="success" role="status" { (tr!(i18n::current(), "console-saved")) } }),
        )
        .into_response()),
        Err(e @ (Error::BadRequest(_) | Error::ValidationFailed(_))) => {
            let room = s.app.room_of_host(&c.host, &room_id).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                room_page(&c, &room, Some(&e), None),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn confirm_delete(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
) -> Result<Response, ConsoleError> {
    let room = s.app.room_of_host(&c.host, &room_id).await?;
    c.host.require_write()?;
    let count = s.app.cancellation_count(&c.host, &room_id).await?;
    Ok(delete_page(&c, &room, count).into_response())
}

/// The delete confirmation: how many people get a cancellation email.
pub(super) fn delete_page(c: &ConsoleHost, room: &Room, count: u64) -> Markup {
    let lang = i18n::current();
    layout(
        &tr!(lang, "console-delete-title"),
        Some((&c.host, &c.csrf)),
        Some((room, Tab::Room)),
        html! {
            h1 { (tr!(lang, "console-delete-heading", title = room.title.as_str())) }
            p id="delete-count" data-count=(count) { (tr!(lang, "console-delete-count", count = count)) }
            p { (tr!(lang, "console-delete-warning")) }
            form method="post" action=(format!("/console/rooms/{}/delete", room.room_id)) {
                (csrf_field(&c.csrf))
                button type="submit" class="danger" { (tr!(lang, "console-delete-confirm", count = count)) }
                " "
                a href=(format!("/console/rooms/{}", room.room_id)) { (tr!(lang, "console-keep")) }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    csrf: Option<String>,
}

pub async fn delete(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, ConsoleError> {
    c.write(&s, &headers, form.csrf.as_deref())?;
    s.app.delete_room(&c.host, &room_id).await?;
    Ok(see_other("/console"))
}
