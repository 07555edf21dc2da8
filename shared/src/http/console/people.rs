//! The room's people: invite one, the invites and participants tables on the paged
//! lists (filters, previous/next), revoke, resend, role change, bulk actions on a
//! filtered set run page by page (the console's script loops with a progress bar;
//! without it each page is one form post), and the CSV exports.

use super::rooms::{see_other, urlencode};
use super::texts::{script_block, value, Script};
use super::views::{self, csrf_field, error_note, layout, pager, Tab};
use super::ConsoleHost;
use crate::app::{IssueOptions, ListQuery};
use crate::domain::invite::{InviteRequest, InviteView};
use crate::domain::listing::InviteFilter;
use crate::domain::{Error, Participant, Role, Room};
use crate::http::error::ConsoleError;
use crate::http::extract::wants_json;
use crate::http::{listing, AppState};
use crate::i18n::{self, Lang};
use crate::tr;
use axum::extract::{Form, Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::HeaderMap;
use maud::{html, Markup};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The name of an enum value as the API writes it.
fn name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The query without empty values (a filter form sends `status=` for "any") and
/// without a language picker's `lang`.
fn non_empty(query: Option<&str>) -> String {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or("")).unwrap_or_default();
    let kept: Vec<_> = pairs
        .into_iter()
        .filter(|(k, v)| !v.trim().is_empty() && k != "lang")
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

/// The query without `cursor` (the filters, for links and exports).
fn without_cursor(query: &str) -> String {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    let kept: Vec<_> = pairs.into_iter().filter(|(k, _)| k != "cursor").collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

pub fn invite_one_form(lang: Lang, room: &Room, csrf: &str) -> Markup {
    html! {
        section class="card" aria-labelledby="invite-h" {
            h2 id="invite-h" class="form-title" { (tr!(lang, "console-invite-one")) }
            form method="post" action=(format!("/console/rooms/{}/invite", room.room_id)) {
                (csrf_field(csrf))
                label for="one-email" { (tr!(lang, "console-field-email")) }
                input id="one-email" name="email" type="email" required autocomplete="off" dir="ltr";
                div class="two" {
                    div {
                        label for="one-role" { (tr!(lang, "console-field-role")) }
                        (role_select(lang, "one-role", "role", Role::Viewer))
                    }
                    div {
                        label for="one-uses" { (tr!(lang, "console-field-uses")) }
                        input id="one-uses" name="max_uses" type="number" min="1" value="1";
                    }
                }
                label for="one-expires" { (tr!(lang, "console-field-link-expires")) }
                input id="one-expires" name="expires_at" type="datetime-local";
                p {
                    input id="one-send" name="send_email" type="checkbox" value="true" checked;
                    " "
                    label for="one-send" class="inline" { (tr!(lang, "console-field-send-email")) }
                }
                button type="submit" { (tr!(lang, "console-invite")) }
            }
        }
    }
}

fn role_select(lang: Lang, id: &str, field: &str, selected: Role) -> Markup {
    html! {
        select id=(id) name=(field) {
            @for r in Role::ALL { option value=(r.as_str()) selected[r == selected] { (value(lang, "role", r.as_str())) } }
        }
    }
}

#[derive(Deserialize)]
pub struct InviteOneForm {
    csrf: Option<String>,
    email: String,
    role: Option<String>,
    max_uses: Option<String>,
    expires_at: Option<String>,
    send_email: Option<String>,
}

pub async fn invite_one(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<InviteOneForm>,
) -> Result<Response, ConsoleError> {
    c.write(&s, &headers, form.csrf.as_deref())?;
    let room = s.app.room_of_host(&c.host, &room_id).await?;
    let mut body = json!({
        "email": form.email.trim(),
        "role": form.role.as_deref().unwrap_or("viewer"),
        "send_email": form.send_email.is_some(),
    });
    match form.max_uses.as_deref().map(str::trim) {
        Some("") | None => body["max_uses"] = serde_json::Value::Null,
        Some(n) => {
            body["max_uses"] = n
                .parse::<i64>()
                .map_err(|_| Error::bad_request(tr!(i18n::current(), "console-error-uses")))?
                .into()
        }
    }
    if let Some(e) = form
        .expires_at
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        body["expires_at"] = if e.len() == 16 {
            format!("{e}:00Z")
        } else {
            e.to_owned()
        }
        .into();
    }
    let request: InviteRequest = serde_json::from_value(body).map_err(|e| {
        let detail = e.to_string();
        Error::bad_request(tr!(
            i18n::current(),
            "console-error-invalid-invite",
            detail = detail
        ))
    })?;
    let note = match s
        .app
        .issue_invite(&c.host, &room_id, request, &IssueOptions::default())
        .await
    {
        Ok(invite) => issued_note(i18n::current(), &invite),
        Err(e) => error_note(i18n::current(), &e),
    };
    Ok(super::rooms::room_page(&c, &room, None, Some(note)).into_response())
}

fn issued_note(lang: Lang, invite: &InviteView) -> Markup {
    html! {
        div class="card" role="status" {
            p class="success" {
                (tr!(lang, "console-invited", email = invite.email.as_str(), role = invite.role.as_str()))
            }
            @if let Some(link) = &invite.link {
                label for="new-link" { (tr!(lang, "console-new-link")) }
                input id="new-link" type="text" readonly value=(link);
                button type="button" class="secondary" data-copy="new-link" { (tr!(lang, "console-copy-link")) }
            }
        }
    }
}

/// `GET /console/rooms/{id}/invites?status=&role=&delivery=&email=&cursor=`.
pub async fn invites(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ConsoleError> {
    let room = s.app.room_of_host(&c.host, &room_id).await?;
    let query = non_empty(query.as_deref());
    let mut q = listing::invite_query(Some(&query))?;
    q.limit = 50;
    let filter = q.filter.clone();
    let followed = q.cursor.is_some();
    let page = s.app.list_invites(&c.host, &room_id, q).await?;
    let filters = without_cursor(&query);
    let base = format!("/console/rooms/{room_id}/invites");
    let first = followed.then(|| format!("{base}?{filters}"));
    let next = page.next_cursor.map(|n| {
        format!(
            "{base}?{}{}cursor={}",
            filters,
            if filters.is_empty() { "" } else { "&" },
            urlencode(&n)
        )
    });
    Ok(invites_page(
        &c,
        &room,
        &filter,
        &filters,
        &page.items,
        first.as_deref(),
        next,
    )
    .into_response())
}

pub(super) fn invites_page(
    c: &ConsoleHost,
    room: &Room,
    f: &InviteFilter,
    filters: &str,
    items: &[InviteView],
    first: Option<&str>,
    next: Option<String>,
) -> Markup {
    let lang = i18n::current();
    let write = c.host.can_write;
    let status = f.status.map(|v| name(&v)).unwrap_or_default();
    let role = f.role.map(|v| v.as_str()).unwrap_or("");
    let delivery = f.delivery.unwrap_or("");
    let email = f.email.as_ref().map(|e| e.as_str()).unwrap_or("");
    let base = format!("/console/rooms/{}", room.room_id);
    layout(
        &tr!(lang, "console-invites-title"),
        Some((&c.host, &c.csrf)),
        Some((room, Tab::Invites)),
        html! {
            h1 { (tr!(lang, "console-invites-heading", title = room.title.as_str())) }
            form method="get" class="filters" aria-label=(tr!(lang, "console-invites-filter-label")) {
                (choice(lang, "f-status", "status", "invite-status", &["active", "used", "expired", "revoked", "locked"], &status))
                (choice(lang, "f-role", "role", "role", &["viewer", "speaker", "moderator"], role))
                (choice(lang, "f-delivery", "delivery", "delivery", &crate::domain::listing::DELIVERY_VALUES, delivery))
                div {
                    label for="f-email" { (tr!(lang, "console-filter-email")) }
                    input id="f-email" name="email" type="search" value=(email) dir="ltr";
                }
                button type="submit" { (tr!(lang, "console-filter")) }
            }
            p { a href=(format!("{base}/invites.csv?{filters}")) download { (tr!(lang, "console-invites-download")) } }
            @if write {
                form method="post" action=(format!("{base}/bulk")) class="card bulk" data-bulk {
                    (csrf_field(&c.csrf))
                    @for (k, v) in [("status", status.as_str()), ("role", role), ("delivery", delivery), ("email", email)] {
                        @if !v.is_empty() { input type="hidden" name=(k) value=(v); }
                    }
                    label for="bulk-action" { (tr!(lang, "console-bulk-label")) }
                    select id="bulk-action" name="action" {
                        option value="resend" { (tr!(lang, "console-bulk-resend")) }
                        option value="revoke" { (tr!(lang, "console-bulk-revoke")) }
                    }
                    button type="submit" { (tr!(lang, "console-bulk-run")) }
                    progress class="bulk-progress" hidden max="1" value="0" aria-label=(tr!(lang, "console-bulk-progress")) {}
                    p class="bulk-status" role="status" {}
                }
                (script_block(lang, Script::Bulk))
            }
            div class="table-wrap" {
                table {
                    caption class="visually-hidden" { (tr!(lang, "console-invites-caption")) }
                    thead { tr {
                        th scope="col" { (tr!(lang, "console-col-email")) }
                        th scope="col" { (tr!(lang, "console-col-role")) }
                        th scope="col" { (tr!(lang, "console-col-status")) }
                        th scope="col" { (tr!(lang, "console-col-delivery")) }
                        th scope="col" { (tr!(lang, "console-col-uses")) }
                        th scope="col" { (tr!(lang, "console-col-created")) }
                        @if write { th scope="col" { (tr!(lang, "console-col-actions")) } }
                    } }
                    tbody {
                        @for i in items {
                            @let email = i.email.as_str();
                            tr {
                                td class="email" { (email) }
                                td { (value(lang, "role", i.role.as_str())) }
                                td data-status=(name(&i.status)) { (value(lang, "invite-status", &name(&i.status))) }
                                td { (value(lang, "delivery", i.delivery.as_str())) }
                                td {
                                    @if let Some(m) = i.max_uses { (tr!(lang, "console-uses-of", uses = i.uses, max = m)) }
                                    @else { (i.uses) }
                                }
                                td { (views::utc_short(lang, i.created_at)) }
                                @if write {
                                    td class="actions" {
                                        @let at = format!("{base}/invites/{}/", i.invite_id);
                                        form method="post" action=(format!("{at}resend")) class="inline" {
                                            (csrf_field(&c.csrf))
                                            @if !filters.is_empty() { input type="hidden" name="back" value=(filters); }
                                            button type="submit" class="secondary" aria-label=(tr!(lang, "console-resend-to", email = email)) { (tr!(lang, "console-resend")) }
                                            button type="submit" class="secondary" formaction=(format!("{at}revoke")) aria-label=(tr!(lang, "console-revoke-who", email = email)) { (tr!(lang, "console-revoke")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if items.is_empty() { p { (tr!(lang, "console-invites-empty")) } }
            (pager(lang, first, next))
        },
    )
}

/// A filter's `select`: "any", then the values of `kind` by their names.
fn choice(lang: Lang, id: &str, field: &str, kind: &str, values: &[&str], current: &str) -> Markup {
    let label = lang.t(&format!("console-filter-{field}"), None);
    html! {
        div {
            label for=(id) { (label) }
            select id=(id) name=(field) {
                option value="" { (tr!(lang, "console-filter-any")) }
                @for v in values { option value=(v) selected[*v == current] { (value(lang, kind, v)) } }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct RowForm {
    csrf: Option<String>,
    /// The list's filters to return to (checked like a list query).
    back: Option<String>,
}

/// The invites list with the filters of `back` when they are a valid list query.
fn invites_list(room_id: &str, back: Option<&str>) -> Response {
    let base = format!("/console/rooms/{room_id}/invites");
    match back.map(|b| without_cursor(&non_empty(Some(b)))) {
        Some(q) if !q.is_empty() && listing::invite_query(Some(&q)).is_ok() => {
            see_other(&format!("{base}?{q}"))
        }
        _ => see_other(&base),
    }
}

pub async fn revoke(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path((room_id, invite_id)): Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<RowForm>,
) -> Result<Response, ConsoleError> {
    c.write(&s, &headers, form.csrf.as_deref())?;
    s.app.revoke_invite(&c.host, &room_id, &invite_id).await?;
    Ok(invites_list(&room_id, form.back.as_deref()))
}

pub async fn resend(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path((room_id, invite_id)): Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<RowForm>,
) -> Result<Response, ConsoleError> {
    c.write(&s, &headers, form.csrf.as_deref())?;
    s.app.resend_invite(&c.host, &room_id, &invite_id).await?;
    Ok(invites_list(&room_id, form.back.as_deref()))
}

#[derive(Deserialize)]
pub struct BulkForm {
    csrf: Option<String>,
    action: String,
    status: Option<String>,
    role: Option<String>,
    delivery: Option<String>,
    email: Option<String>,
    cursor: Option<String>,
}

/// One page (100) of a bulk action on the invites matching the filters: `{processed,
/// failed, next_cursor}` for the script, or a page with a "continue" button.
pub async fn bulk(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<BulkForm>,
) -> Result<Response, ConsoleError> {
    let json_wanted = wants_json(&headers);
    let as_json = |e: ConsoleError| if json_wanted { e.json() } else { e };
    c.write(&s, &headers, form.csrf.as_deref())
        .map_err(as_json)?;
    let room = s
        .app
        .room_of_host(&c.host, &room_id)
        .await
        .map_err(|e| as_json(e.into()))?;
    let filters: Vec<(&str, &str)> = [
        ("status", form.status.as_deref()),
        ("role", form.role.as_deref()),
        ("delivery", form.delivery.as_deref()),
        ("email", form.email.as_deref()),
        ("cursor", form.cursor.as_deref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
    .collect();
    let query = serde_urlencoded::to_string(&filters).unwrap_or_default();
    let mut q = listing::invite_query(Some(&query)).map_err(|e| as_json(e.into()))?;
    q.limit = 100;
    let page = s
        .app
        .list_invites(&c.host, &room_id, q)
        .await
        .map_err(|e| as_json(e.into()))?;
    let (mut processed, mut failed) = (0u32, 0u32);
    for invite in &page.items {
        let done = match form.action.as_str() {
            "resend" => s
                .app
                .resend_invite(&c.host, &room_id, &invite.invite_id)
                .await
                .map(|_| ()),
            "revoke" => {
                s.app
                    .revoke_invite(&c.host, &room_id, &invite.invite_id)
                    .await
            }
            _ => {
                return Err(as_json(
                    Error::bad_request("action must be resend or revoke.").into(),
                ))
            }
        };
        match done {
            Ok(()) => processed += 1,
            Err(Error::ServiceUnavailable { retry_after }) => {
                return Err(as_json(Error::ServiceUnavailable { retry_after }.into()))
            }
            Err(_) => failed += 1,
        }
    }
    tracing::info!(room_id = %room_id, action = %form.action, processed, failed, "console bulk page");
    if json_wanted {
        return Ok(Json(json!({
            "processed": processed,
            "failed": failed,
            "next_cursor": page.next_cursor,
        }))
        .into_response());
    }
    let kept: Vec<(&str, &str)> = filters
        .into_iter()
        .filter(|(k, _)| *k != "cursor")
        .collect();
    Ok(bulk_page(
        &c,
        &room,
        &form.action,
        (processed, failed),
        page.next_cursor,
        &kept,
    )
    .into_response())
}

/// A page of a bulk action without the script: what it did, and the next page's form.
pub(super) fn bulk_page(
    c: &ConsoleHost,
    room: &Room,
    action: &str,
    (processed, failed): (u32, u32),
    next: Option<String>,
    filters: &[(&str, &str)],
) -> Markup {
    let lang = i18n::current();
    let room_id = &room.room_id;
    layout(
        &tr!(lang, "console-bulk-title"),
        Some((&c.host, &c.csrf)),
        Some((room, Tab::Invites)),
        html! {
            h1 { (tr!(lang, "console-bulk-heading", action = action)) }
            p role="status" { (tr!(lang, "console-bulk-page-result", done = processed, failed = failed)) }
            @if let Some(next) = next {
                form method="post" action=(format!("/console/rooms/{room_id}/bulk")) {
                    (csrf_field(&c.csrf))
                    input type="hidden" name="action" value=(action);
                    @for (k, v) in filters { input type="hidden" name=(k) value=(v); }
                    input type="hidden" name="cursor" value=(next);
                    button type="submit" { (tr!(lang, "console-bulk-continue")) }
                }
            } @else {
                p {
                    (tr!(lang, "console-bulk-finished")) " "
                    a href=(format!("/console/rooms/{room_id}/invites")) { (tr!(lang, "console-back-to-invites")) }
                }
            }
        },
    )
}

pub async fn invites_csv(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ConsoleError> {
    let query = non_empty(query.as_deref());
    let filter = listing::invite_query(Some(&query))?.filter;
    let export = s.app.export_invites(&c.host, &room_id, filter).await?;
    Ok(listing::export_response(export, "invites.csv"))
}

pub async fn participants_csv(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ConsoleError> {
    let query = non_empty(query.as_deref());
    let filter = listing::participant_query(Some(&query))?.filter;
    let export = s.app.export_participants(&c.host, &room_id, filter).await?;
    Ok(listing::export_response(export, "participants.csv"))
}

/// `GET /console/rooms/{id}/participants?role=&admission=&cursor=`.
pub async fn participants(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ConsoleError> {
    let room = s.app.room_of_host(&c.host, &room_id).await?;
    let query = non_empty(query.as_deref());
    let mut q: ListQuery<_> = listing::participant_query(Some(&query))?;
    q.limit = 50;
    let role = q.filter.role;
    let followed = q.cursor.is_some();
    let page = s.app.list_participants(&c.host, &room_id, q).await?;
    let filters = without_cursor(&query);
    let base = format!("/console/rooms/{room_id}/participants");
    let first = followed.then(|| format!("{base}?{filters}"));
    let next = page.next_cursor.map(|n| {
        format!(
            "{base}?{}{}cursor={}",
            filters,
            if filters.is_empty() { "" } else { "&" },
            urlencode(&n)
        )
    });
    Ok(participants_page(
        &c,
        &room,
        role,
        &filters,
        &page.items,
        first.as_deref(),
        next,
    )
    .into_response())
}

pub(super) fn participants_page(
    c: &ConsoleHost,
    room: &Room,
    role: Option<Role>,
    filters: &str,
    items: &[Participant],
    first: Option<&str>,
    next: Option<String>,
) -> Markup {
    let lang = i18n::current();
    let write = c.host.can_write;
    let base = format!("/console/rooms/{}", room.room_id);
    layout(
        &tr!(lang, "console-participants-title"),
        Some((&c.host, &c.csrf)),
        Some((room, Tab::Participants)),
        html! {
            h1 { (tr!(lang, "console-participants-heading", title = room.title.as_str())) }
            form method="get" class="filters" aria-label=(tr!(lang, "console-participants-filter-label")) {
                (choice(lang, "p-role", "role", "role", &["viewer", "speaker", "moderator"], role.map(|r| r.as_str()).unwrap_or("")))
                button type="submit" { (tr!(lang, "console-filter")) }
            }
            p { a href=(format!("{base}/participants.csv?{filters}")) download { (tr!(lang, "console-participants-download")) } }
            div class="table-wrap" {
                table {
                    caption class="visually-hidden" { (tr!(lang, "console-participants-caption")) }
                    thead { tr {
                        th scope="col" { (tr!(lang, "console-col-email")) }
                        th scope="col" { (tr!(lang, "console-col-role")) }
                        th scope="col" { (tr!(lang, "console-col-admission")) }
                        th scope="col" { (tr!(lang, "console-col-joined")) }
                    } }
                    tbody {
                        @for (n, p) in items.iter().enumerate() {
                            tr {
                                td class="email" { (p.email.as_str()) }
                                td {
                                    @if write {
                                        form method="post" action=(format!("{base}/role")) class="inline" {
                                            (csrf_field(&c.csrf))
                                            input type="hidden" name="email" value=(p.email.as_str());
                                            label for=(format!("role-{n}")) class="visually-hidden" { (tr!(lang, "console-role-of", email = p.email.as_str())) }
                                            (role_select(lang, &format!("role-{n}"), "role", p.role))
                                            button type="submit" class="secondary" { (tr!(lang, "console-change-role")) }
                                        }
                                    } @else { (value(lang, "role", p.role.as_str())) }
                                }
                                td { (value(lang, "admission", p.admission.as_str())) }
                                td { (views::utc_short(lang, p.joined_at)) }
                            }
                        }
                    }
                }
            }
            @if items.is_empty() { p { (tr!(lang, "console-participants-empty")) } }
            (pager(lang, first, next))
        },
    )
}

#[derive(Deserialize)]
pub struct RoleForm {
    csrf: Option<String>,
    email: String,
    role: String,
}

pub async fn set_role(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<RoleForm>,
) -> Result<Response, ConsoleError> {
    c.write(&s, &headers, form.csrf.as_deref())?;
    let role: Role = form
        .role
        .parse()
        .map_err(|e: crate::domain::role::UnknownRole| Error::BadRequest(e.to_string()))?;
    s.app
        .set_participant_role(&c.host, &room_id, &form.email, role)
        .await?;
    Ok(see_other(&format!("/console/rooms/{room_id}/participants")))
}
