//! The console's layout and its shared pieces (navigation, forms' CSRF field, pager,
//! errors, sign-in pages, the room list). Every value goes through maud's escaping;
//! no inline script or style (the invitee pages' Content-Security-Policy applies).

use super::texts::{error_text, error_title, value, with_markup};
use crate::app::Host;
use crate::domain::time_fmt;
use crate::domain::{Error, Room};
use crate::i18n::{self, Lang, LOCALES};
use crate::{args, tr};
use maud::{html, Markup, DOCTYPE};
use time::OffsetDateTime;

/// Which room tab a page is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Room,
    Invites,
    Participants,
    Dashboard,
}

impl Tab {
    /// The tab's page (a `GET`).
    fn href(self, room: &Room) -> String {
        let base = format!("/console/rooms/{}", room.room_id);
        match self {
            Tab::Room => base,
            Tab::Invites => format!("{base}/invites"),
            Tab::Participants => format!("{base}/participants"),
            Tab::Dashboard => format!("{base}/dashboard"),
        }
    }
}

/// The page frame: header (the console's name, who is signed in, sign-out), the room's
/// tabs when `room` is given, `main`, and the language picker (its links open the
/// room's tab, or the room list: pages that answer a form post have no `GET`).
pub fn layout(
    title: &str,
    session: Option<(&Host, &str)>,
    room: Option<(&Room, Tab)>,
    main: Markup,
) -> Markup {
    let here = room.map_or_else(|| "/console".to_owned(), |(r, tab)| tab.href(r));
    frame(title, session, room, Some(&here), main)
}

/// A page of its own address `here` (not a room's tab), e.g. the branding.
pub fn layout_at(title: &str, session: Option<(&Host, &str)>, here: &str, main: Markup) -> Markup {
    frame(title, session, None, Some(here), main)
}

/// A page without a session: its language picker opens `picker` (none when `None`).
pub fn layout_signed_out(title: &str, picker: Option<&str>, main: Markup) -> Markup {
    frame(title, None, None, picker, main)
}

fn frame(
    title: &str,
    session: Option<(&Host, &str)>,
    room: Option<(&Room, Tab)>,
    picker: Option<&str>,
    main: Markup,
) -> Markup {
    let lang = i18n::current();
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (tr!(lang, "console-page-title", page = title)) }
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/assets/app.css";
                link rel="stylesheet" href="/assets/console.css";
                script src="/assets/console.js" type="module" {}
            }
            body data-page="console" {
                a class="skip" href="#main" { (tr!(lang, "console-skip")) }
                header class="console-bar" {
                    a class="brand" href="/console" { (tr!(lang, "console-name")) }
                    @if let Some((host, csrf)) = session {
                        a href="/console/branding" { (tr!(lang, "console-branding-link")) }
                        @let who = host.email.as_deref().unwrap_or(&host.sub);
                        span class="who" {
                            @if host.can_write {
                                (tr!(lang, "console-who", who = who, org = host.org.as_str()))
                            } @else {
                                (tr!(lang, "console-who-read-only", who = who, org = host.org.as_str()))
                            }
                        }
                        form method="post" action="/console/sign-out" class="inline" {
                            (csrf_field(csrf))
                            button type="submit" class="secondary" { (tr!(lang, "console-sign-out")) }
                        }
                    }
                }
                @if let Some((room, tab)) = room {
                    nav class="tabs" aria-label=(tr!(lang, "console-tabs-label")) {
                        @for (t, id) in [
                            (Tab::Room, "console-tab-room"),
                            (Tab::Invites, "console-tab-invites"),
                            (Tab::Participants, "console-tab-participants"),
                            (Tab::Dashboard, "console-tab-dashboard"),
                        ] {
                            a href=(t.href(room)) aria-current=[(t == tab).then_some("page")] { (lang.t(id, None)) }
                        }
                    }
                }
                main id="main" class="console" { (main) }
                @if let Some(here) = picker {
                    footer class="console-footer" { (language_picker(lang, here)) }
                }
            }
        }
    }
}

/// Links to `here` with `?lang=` (the `rooms_lang` cookie remembers the choice), each
/// language by its own name.
fn language_picker(lang: Lang, here: &str) -> Markup {
    html! {
        nav class="languages" aria-label=(tr!(lang, "console-language-picker")) {
            ul {
                @for tag in LOCALES {
                    li {
                        @if tag == lang.tag() {
                            span aria-current="true" lang=(tag) { (crate::http::pages::native_name(tag)) }
                        } @else {
                            a href={ (here) "?lang=" (tag) } lang=(tag) hreflang=(tag) { (crate::http::pages::native_name(tag)) }
                        }
                    }
                }
            }
        }
    }
}

/// The hidden CSRF field of a console form.
pub fn csrf_field(csrf: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(csrf); }
}

/// A time in UTC in the page's language, machine-readable too.
pub fn utc(lang: Lang, t: OffsetDateTime) -> Markup {
    html! { time datetime=(time_fmt::format(t)) { (i18n::dates::utc(lang, t)) } }
}

/// A time in a table: UTC in the page's language, the shorter form.
pub fn utc_short(lang: Lang, t: OffsetDateTime) -> Markup {
    html! { time datetime=(time_fmt::format(t)) { (i18n::dates::utc_short(lang, t)) } }
}

/// A `datetime-local` value (UTC) of `t`.
pub fn local_input(t: OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    t.format(&f).unwrap_or_default()
}

/// Previous / next links of a paged table: `first` when a cursor was followed, `next`
/// the next page's URL.
pub fn pager(lang: Lang, first: Option<&str>, next: Option<String>) -> Markup {
    html! {
        nav class="pager" aria-label=(tr!(lang, "console-pager-label")) {
            @if let Some(href) = first { a href=(href) { (tr!(lang, "console-pager-first")) } }
            @if let Some(href) = next { a href=(href) rel="next" { (tr!(lang, "console-pager-next")) } }
        }
    }
}

/// An error as a form's note: the sentence and the code.
pub fn error_note(lang: Lang, error: &Error) -> Markup {
    html! {
        p class="error" role="alert" {
            (with_markup(lang, "console-error-with-code", args![message = error_text(lang, error)],
                vec![("code", html! { code { (error.code()) } })]))
        }
    }
}

/// An error of the console: what happened, the code, and the way back.
pub fn error_page(error: &Error) -> Markup {
    let lang = i18n::current();
    let title = error_title(lang, error);
    layout_signed_out(
        &title,
        Some("/console"),
        html! {
            h1 data-error=(error.code()) { (title) }
            p { (error_text(lang, error)) }
            p class="hint" {
                (with_markup(lang, "console-error-code", args![], vec![("code", html! { code { (error.code()) } })]))
            }
            p { a href="/console" { (tr!(lang, "console-error-back")) } }
        },
    )
}

/// `/console/sign-in` without a ticket and without a provider.
pub fn sign_in_help() -> Markup {
    let lang = i18n::current();
    layout_signed_out(
        &tr!(lang, "console-sign-in-title"),
        Some("/console/sign-in"),
        html! {
            h1 { (tr!(lang, "console-sign-in-heading")) }
            p { (tr!(lang, "console-sign-in-local")) }
            p { (tr!(lang, "console-sign-in-provider")) }
            ul {
                li { code { "HOST_JWT_ISSUER" } }
                li { code { "HOST_OIDC_CLIENT_ID" } }
            }
            p {
                (with_markup(lang, "console-sign-in-secret", args![],
                    vec![("setting", html! { code { "HOST_OIDC_CLIENT_SECRET" } })]))
            }
        },
    )
}

/// After a sign-in: on to the console by a same-site navigation.
pub fn signed_in() -> Markup {
    let lang = i18n::current();
    let title = tr!(lang, "console-signed-in-title");
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta http-equiv="refresh" content="0;url=/console";
                title { (tr!(lang, "console-page-title", page = title.as_str())) }
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/assets/app.css";
            }
            body {
                main id="main" {
                    h1 { (title) }
                    p { a href="/console" { (tr!(lang, "console-signed-in-continue")) } }
                }
            }
        }
    }
}

/// After the sign-out (the answer to its form post: no language picker, which would
/// open the page again by `GET`).
pub fn signed_out() -> Markup {
    let lang = i18n::current();
    layout_signed_out(
        &tr!(lang, "console-signed-out-title"),
        None,
        html! {
            h1 { (tr!(lang, "console-signed-out-heading")) }
            p { a href="/console/sign-in" { (tr!(lang, "console-sign-in-again")) } }
        },
    )
}

/// The room list and the new-room form.
pub fn rooms(
    host: &Host,
    csrf: &str,
    rooms: &[Room],
    first: Option<&str>,
    next: Option<String>,
    form_error: Option<&Error>,
) -> Markup {
    let lang = i18n::current();
    layout(
        &tr!(lang, "console-rooms-title"),
        Some((host, csrf)),
        None,
        html! {
            h1 { (tr!(lang, "console-rooms-title")) }
            @if rooms.is_empty() {
                p { (tr!(lang, "console-rooms-empty")) }
            } @else {
                div class="table-wrap" {
                    table {
                        caption class="visually-hidden" { (tr!(lang, "console-rooms-caption")) }
                        thead { tr {
                            th scope="col" { (tr!(lang, "console-col-title")) }
                            th scope="col" { (tr!(lang, "console-col-starts")) }
                            th scope="col" { (tr!(lang, "console-col-status")) }
                        } }
                        tbody {
                            @for r in rooms {
                                tr {
                                    td { a href=(format!("/console/rooms/{}", r.room_id)) { (r.title) } }
                                    td { (utc_short(lang, r.starts_at)) }
                                    td data-status=(r.status.as_str()) { (value(lang, "room-status", r.status.as_str())) }
                                }
                            }
                        }
                    }
                }
                (pager(lang, first, next))
            }
            @if host.can_write {
                section aria-labelledby="new-room-h" class="card" {
                    h2 id="new-room-h" class="form-title" { (tr!(lang, "console-new-room")) }
                    form method="post" action="/console" {
                        (csrf_field(csrf))
                        (super::rooms::room_fields(lang, None, form_error))
                        button type="submit" { (tr!(lang, "console-create-room")) }
                    }
                }
            }
        },
    )
}
