//! The console's layout and its shared pieces (navigation, forms' CSRF field, pager,
//! errors, sign-in pages, the room list). Every value goes through maud's escaping;
//! no inline script or style (the invitee pages' Content-Security-Policy applies).

use crate::app::Host;
use crate::domain::time_fmt;
use crate::domain::{Error, Room};
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

/// The page frame: header (the console's name, who is signed in, sign-out), the room's
/// tabs when `room` is given, and `main`.
pub fn layout(
    title: &str,
    session: Option<(&Host, &str)>,
    room: Option<(&Room, Tab)>,
    main: Markup,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · Host console" }
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/assets/app.css";
                link rel="stylesheet" href="/assets/console.css";
                script src="/assets/console.js" type="module" {}
            }
            body data-page="console" {
                a class="skip" href="#main" { "Skip to content" }
                header class="console-bar" {
                    a class="brand" href="/console" { "Host console" }
                    @if let Some((host, csrf)) = session {
                        span class="who" {
                            (host.email.as_deref().unwrap_or(&host.sub)) " · " (host.org)
                            @if !host.can_write { " · read-only" }
                        }
                        form method="post" action="/console/sign-out" class="inline" {
                            (csrf_field(csrf))
                            button type="submit" class="secondary" { "Sign out" }
                        }
                    }
                }
                @if let Some((room, tab)) = room {
                    nav class="tabs" aria-label="Room" {
                        (tab_link(&format!("/console/rooms/{}", room.room_id), "Room", tab == Tab::Room))
                        (tab_link(&format!("/console/rooms/{}/invites", room.room_id), "Invites", tab == Tab::Invites))
                        (tab_link(&format!("/console/rooms/{}/participants", room.room_id), "Participants", tab == Tab::Participants))
                        (tab_link(&format!("/console/rooms/{}/dashboard", room.room_id), "Dashboard", tab == Tab::Dashboard))
                    }
                }
                main id="main" class="console" { (main) }
            }
        }
    }
}

fn tab_link(href: &str, text: &str, current: bool) -> Markup {
    html! { a href=(href) aria-current=[current.then_some("page")] { (text) } }
}

/// The hidden CSRF field of a console form.
pub fn csrf_field(csrf: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(csrf); }
}

/// A time in UTC, machine-readable too.
pub fn utc(t: OffsetDateTime) -> Markup {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    html! { time datetime=(time_fmt::format(t)) { (t.format(&f).unwrap_or_else(|_| time_fmt::format(t))) } }
}

/// A `datetime-local` value (UTC) of `t`.
pub fn local_input(t: OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    t.format(&f).unwrap_or_default()
}

/// Previous / next links of a paged table: `first` when a cursor was followed, `next`
/// the next page's URL.
pub fn pager(first: Option<&str>, next: Option<String>) -> Markup {
    html! {
        nav class="pager" aria-label="Pages" {
            @if let Some(href) = first { a href=(href) { "← First page" } }
            @if let Some(href) = next { a href=(href) rel="next" { "Next page →" } }
        }
    }
}

/// An error of the console: what happened, the code, and the way back.
pub fn error_page(error: &Error) -> Markup {
    let title = match error {
        Error::Unauthorized => "Please sign in",
        Error::Forbidden => "Not allowed",
        Error::RoomNotFound | Error::NotFound => "Not found",
        Error::LinkUsed => "This sign-in link was used already",
        _ => "Something went wrong",
    };
    let text = match error {
        Error::Forbidden => "Your sign-in does not allow this, or the form came from another website. Changes need the write permission and a form of this console.".to_owned(),
        Error::LinkUsed => "A console sign-in link works once. Restart local mode for a new one, or sign in with your identity provider.".to_owned(),
        e => e.message(),
    };
    layout(
        title,
        None,
        None,
        html! {
            h1 data-error=(error.code()) { (title) }
            p { (text) }
            p class="hint" { "Error code: " code { (error.code()) } }
            p { a href="/console" { "Back to the console" } }
        },
    )
}

/// `/console/sign-in` without a ticket and without a provider.
pub fn sign_in_help() -> Markup {
    layout(
        "Sign in",
        None,
        None,
        html! {
            h1 { "Sign in to the host console" }
            p { "In local mode, open the one-time sign-in link that the service printed when it started." }
            p { "With your organization's identity provider: set " code { "HOST_JWT_ISSUER" } " and " code { "HOST_OIDC_CLIENT_ID" } " (and " code { "HOST_OIDC_CLIENT_SECRET" } " if your provider gives the console a secret)." }
        },
    )
}

/// After a sign-in: on to the console by a same-site navigation.
pub fn signed_in() -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="refresh" content="0;url=/console";
                title { "Signed in · Host console" }
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/assets/app.css";
            }
            body {
                main id="main" {
                    h1 { "Signed in" }
                    p { a href="/console" { "Continue to the console" } }
                }
            }
        }
    }
}

pub fn signed_out() -> Markup {
    layout(
        "Signed out",
        None,
        None,
        html! {
            h1 { "You are signed out" }
            p { a href="/console/sign-in" { "Sign in again" } }
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
    layout(
        "Rooms",
        Some((host, csrf)),
        None,
        html! {
            h1 { "Rooms" }
            @if rooms.is_empty() {
                p { "No rooms yet." }
            } @else {
                div class="table-wrap" {
                    table {
                        caption class="visually-hidden" { "Your organization's rooms" }
                        thead { tr { th scope="col" { "Title" } th scope="col" { "Starts" } th scope="col" { "Status" } } }
                        tbody {
                            @for r in rooms {
                                tr {
                                    td { a href=(format!("/console/rooms/{}", r.room_id)) { (r.title) } }
                                    td { (utc(r.starts_at)) }
                                    td { (r.status.as_str()) }
                                }
                            }
                        }
                    }
                }
                (pager(first, next))
            }
            @if host.can_write {
                section aria-labelledby="new-room-h" class="card" {
                    h2 id="new-room-h" class="form-title" { "New room" }
                    form method="post" action="/console" {
                        (csrf_field(csrf))
                        (super::rooms::room_fields(None, form_error))
                        button type="submit" { "Create room" }
                    }
                }
            }
        },
    )
}
