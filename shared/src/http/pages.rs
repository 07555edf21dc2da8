//! Server-rendered pages (maud: compile-time checked, every value escaped). One
//! stylesheet and one script, both served by us; no inline script or style, so the
//! Content-Security-Policy needs no `unsafe-inline`.

use crate::app::{JoinView, RoomPage};
use crate::domain::room::{Attachment, Speaker};
use crate::domain::time_fmt;
use crate::domain::{AdmissionState, Branding, Error, Permission, Role, Room, Verify};
use crate::http::page_text::{
    error_advice, error_message, error_title, permission_label, role_name, role_phrase,
    script_messages,
};
use crate::i18n::{self, Lang, LOCALES};
use crate::tr;
use maud::{html, Markup, DOCTYPE};
use time::OffsetDateTime;

fn layout(lang: Lang, title: &str, page: &str, error: Option<&Error>, main: Markup) -> Markup {
    layout_refreshing(lang, title, page, error, main, None)
}

/// A page of its own (unsubscribe): the common layout around `main`.
pub fn plain_page(lang: Lang, title: &str, page: &str, main: Markup) -> Markup {
    layout(lang, title, page, None, main)
}

/// The language of a page about `room` (and an invite's `locale`).
fn page_lang(invite: Option<&str>, room: &Room) -> Lang {
    i18n::for_page(invite, room.locale.as_deref())
}

/// The language picker: links to the same page with `?lang=`, which the cookie
/// remembers.
fn language_picker(lang: Lang) -> Markup {
    html! {
        nav class="languages" aria-label=(tr!(lang, "language-picker")) {
            ul {
                @for tag in LOCALES {
                    li {
                        @if tag == lang.tag() {
                            span aria-current="true" lang=(tag) { (native_name(tag)) }
                        } @else {
                            a href={ "?lang=" (tag) } lang=(tag) hreflang=(tag) { (native_name(tag)) }
                        }
                    }
                }
            }
        }
    }
}

/// Each language by its own name (the same in every locale, so not a message).
pub(crate) fn native_name(tag: &str) -> &'static str {
    match tag {
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "pt-BR" => "Português (Brasil)",
        "ja" => "日本語",
        "ar" => "العربية",
        _ => "English",
    }
}

/// How a page reloads itself.
#[derive(Clone, Copy)]
enum Refresh {
    /// Every so many seconds, without the script only (the script follows pushes).
    WithoutScript(u32),
    /// In so many seconds, always (an outage's page tries again).
    Always(u32),
}

/// [`layout`], reloading itself when `refresh` says so.
fn layout_refreshing(
    lang: Lang,
    title: &str,
    page: &str,
    error: Option<&Error>,
    main: Markup,
    refresh: Option<Refresh>,
) -> Markup {
    let brand = crate::brand::current();
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                @match refresh {
                    // Without the script, the page follows by reloading itself.
                    Some(Refresh::WithoutScript(seconds)) => {
                        noscript { meta http-equiv="refresh" content=(seconds); }
                    }
                    Some(Refresh::Always(seconds)) => { meta http-equiv="refresh" content=(seconds); }
                    None => {}
                }
                title { (title) }
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/assets/app.css";
                @if let Some(theme) = brand.as_ref().and_then(Branding::theme_path) {
                    link rel="stylesheet" href=(theme);
                }
                @if page == "event" || page == "room" {
                    script src="/assets/appsync-live.js" defer {}
                }
                script src="/assets/app.js" defer {}
            }
            body data-page=(page) data-error=[error.map(Error::code)] data-i18n=(script_messages(lang)) {
                @if let Some(b) = brand.as_ref().filter(|b| b.display_name.is_some() || b.logo.is_some()) {
                    header class="brand" {
                        @if let Some(logo) = b.logo_path() {
                            img class="brand-logo" src=(logo) alt=(b.display_name.as_deref().unwrap_or("")) height="40";
                        }
                        @if let Some(name) = &b.display_name {
                            span class="brand-name" aria-hidden=[b.logo.is_some().then_some("true")] { (name) }
                        }
                    }
                }
                main id="main" { (main) }
                footer { (language_picker(lang)) }
            }
        }
    }
}

/// A time shown in the viewer's local time by the script, in UTC without it.
fn local_time(lang: Lang, t: OffsetDateTime) -> Markup {
    html! { time datetime=(time_fmt::format(t)) data-local { (i18n::dates::utc(lang, t)) } }
}

/// "Starts …" with the time where the language puts it.
fn starts(lang: Lang, t: OffsetDateTime) -> Markup {
    let (before, after) = lang.split("page-starts", None, "time");
    html! { p class="when" { (before) (local_time(lang, t)) (after) } }
}

/// A message with one argument shown in `<strong>`.
fn with_strong(lang: Lang, id: &str, hole: &str, value: &str, strong_id: Option<&str>) -> Markup {
    let (before, after) = lang.split(id, None, hole);
    html! { (before) strong id=[strong_id] { (value) } (after) }
}

/// What the lobby form shows besides the room: the address already entered, and in a
/// `verify: code` room whether the code step is on (a code was sent, or one was typed).
#[derive(Debug, Clone, Default)]
pub struct LobbyForm {
    pub email: Option<String>,
    pub code_step: bool,
    /// Seconds the code that was just sent stays valid.
    pub expires_in: Option<u64>,
    /// `verify: sso` rooms: where the sign-in starts (`/join/{token}/sso`).
    pub sign_in: Option<String>,
}

/// The lobby: room title, start, role, and the email form (with an inline error); in a
/// `verify: code` room, after the email, the code field.
pub fn lobby(view: &JoinView, error: Option<&Error>, form: &LobbyForm) -> Markup {
    let room = &view.room;
    let code_room = room.admission.verify == Verify::Code;
    let code_step = code_room && form.code_step;
    // The error belongs to the field it is about.
    let code_error = code_step
        && matches!(
            error,
            Some(Error::CodeInvalid { .. } | Error::CodeExpired | Error::TooManyRequests { .. })
        );
    let email_error = error.filter(|_| !code_error);
    let lang = page_lang(view.locale.as_deref(), room);
    if room.admission.verify == Verify::Sso {
        return sign_in_lobby(lang, view, error, form.sign_in.as_deref());
    }
    layout(
        lang,
        &tr!(lang, "page-join-title", title = room.title.as_str()),
        "lobby",
        error,
        html! {
            h1 { (room.title) }
            (starts(lang, room.starts_at))
            p { (with_strong(lang, "page-invited-as", "role", &role_phrase(lang, view.role), None)) }
            form method="post" class="card" novalidate aria-labelledby="login-h" {
                h2 id="login-h" class="form-title" { (tr!(lang, "lobby-form-title")) }
                label for="email" { (tr!(lang, "lobby-email-label")) }
                p id="email-help" class="hint" {
                    (tr!(lang, "lobby-email-help"))
                    @if code_room && !code_step { " " (tr!(lang, "lobby-code-promise")) }
                }
                @if let Some(e) = email_error {
                    p id="email-error" class="error" role="alert" { (error_message(lang, e)) " " (error_advice(lang, e)) }
                }
                // Focus moves to the field only to correct it, so that a screen reader
                // starts a fresh lobby at its heading.
                input id="email" name="email" type="email" autocomplete="email" required
                    inputmode="email" autocapitalize="none" spellcheck="false"
                    value=[form.email.as_deref()]
                    readonly[code_step]
                    autofocus[email_error.is_some()]
                    aria-describedby=(if email_error.is_some() { "email-help email-error" } else { "email-help" })
                    aria-invalid=[email_error.map(|_| "true")];
                @if code_step {
                    p id="code-sent" class="hint" role="status" {
                        (with_strong(lang, "lobby-code-sent", "email",
                            &form.email.clone().unwrap_or_else(|| tr!(lang, "lobby-code-your-address")), None))
                        @if let Some(s) = form.expires_in { " " (tr!(lang, "lobby-code-valid", minutes = s.div_ceil(60))) }
                        " " (tr!(lang, "lobby-code-spam"))
                    }
                    label for="code" { (tr!(lang, "lobby-code-label")) }
                    @if let (true, Some(e)) = (code_error, error) {
                        p id="code-error" class="error" role="alert" { (error_message(lang, e)) " " (error_advice(lang, e)) }
                    }
                    input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        pattern="[0-9 ]*" maxlength="12" required autofocus
                        aria-describedby=(if code_error { "code-sent code-error" } else { "code-sent" })
                        aria-invalid=[code_error.then_some("true")];
                    button type="submit" { (tr!(lang, "lobby-continue")) }
                } @else {
                    button type="submit" { (tr!(lang, "lobby-login")) }
                }
            }
            @if code_step {
                form method="post" class="resend" {
                    input type="hidden" name="email" value=[form.email.as_deref()];
                    p class="hint" { (tr!(lang, "lobby-resend-hint")) }
                    button type="submit" class="secondary" { (tr!(lang, "lobby-resend")) }
                }
            }
        },
    )
}

/// The lobby of a `verify: sso` room: no email to type, a link to the organization's
/// sign-in.
fn sign_in_lobby(
    lang: Lang,
    view: &JoinView,
    error: Option<&Error>,
    sign_in: Option<&str>,
) -> Markup {
    let room = &view.room;
    layout(
        lang,
        &tr!(lang, "page-join-title", title = room.title.as_str()),
        "lobby",
        error,
        html! {
            h1 { (room.title) }
            (starts(lang, room.starts_at))
            p { (with_strong(lang, "page-invited-as", "role", &role_phrase(lang, view.role), None)) }
            div class="card" {
                h2 class="form-title" { (tr!(lang, "lobby-form-title")) }
                @if let Some(e) = error {
                    p class="error" role="alert" { (error_message(lang, e)) " " (error_advice(lang, e)) }
                }
                p class="hint" { (tr!(lang, "lobby-sso-hint")) }
                @if let Some(url) = sign_in {
                    a class="button" href=(url) { (tr!(lang, "lobby-sso-continue")) }
                }
            }
        },
    )
}

/// The page of a participant who is not let in (yet): waiting for the host, or turned
/// away (with the reason, and a knock when one is left). It follows the decision by
/// reloading itself.
pub fn waiting(page: &RoomPage, may_knock: bool) -> Markup {
    let room = &page.room;
    let p = &page.participant;
    let denied = p.admission == AdmissionState::Denied;
    let lang = page_lang(None, room);
    let body = html! {
        h1 { (room.title) }
        (starts(lang, room.starts_at))
        @if denied {
            div class="card" id="denied" role="alert" {
                h2 class="form-title" { (tr!(lang, "waiting-denied-title")) }
                @if let Some(reason) = &p.denial_reason {
                    p { (with_strong(lang, "waiting-denied-reason", "reason", reason, None)) }
                }
                @if may_knock {
                    form method="post" action={ "/rooms/" (room.room_id) "/knock" } {
                        p class="hint" { (tr!(lang, "waiting-knock-hint")) }
                        button type="submit" { (tr!(lang, "waiting-knock")) }
                    }
                } @else {
                    p class="hint" { (tr!(lang, "waiting-contact")) }
                }
            }
        } @else {
            div class="card" {
                h2 class="form-title" { (tr!(lang, "waiting-title")) }
                p id="waiting-note" aria-live="polite"
                    data-live-url={ "/rooms/" (room.room_id) "/live" }
                    data-me-url={ "/rooms/" (room.room_id) "/me" } {
                    (tr!(lang, "waiting-note"))
                }
                @if !room.is_live() {
                    p class="countdown" id="countdown-static" { (countdown_text(lang, room.starts_at - page.now)) }
                }
            }
        }
        (details(lang, room))
    };
    let name = if denied { "denied" } else { "waiting" };
    layout_refreshing(
        lang,
        &room.title,
        name,
        None,
        body,
        (!denied).then_some(Refresh::WithoutScript(10)),
    )
}

fn details(lang: Lang, room: &Room) -> Markup {
    html! {
        @if !room.description.is_empty() {
            p class="description" { (room.description) }
        }
        (people_and_files(lang, room))
    }
}

fn people_and_files(lang: Lang, room: &Room) -> Markup {
    html! {
        @if !room.speakers.is_empty() {
            section aria-labelledby="speakers-h" {
                h2 id="speakers-h" { (tr!(lang, "section-speakers")) }
                ul class="speakers" { @for s in &room.speakers { (speaker(s)) } }
            }
        }
        @if !room.attachments.is_empty() {
            section aria-labelledby="attachments-h" {
                h2 id="attachments-h" { (tr!(lang, "section-attachments")) }
                ul { @for a in &room.attachments { (attachment(lang, a)) } }
            }
        }
    }
}

fn speaker(s: &Speaker) -> Markup {
    html! { li { strong { (s.name) } @if let Some(t) = &s.title { @if !t.is_empty() { ", " (t) } } } }
}

fn attachment(lang: Lang, a: &Attachment) -> Markup {
    html! {
        li {
            a href=(a.url) rel="noopener noreferrer" target="_blank" {
                (a.name) span class="visually-hidden" { " " (tr!(lang, "opens-in-new-tab")) }
            }
        }
    }
}

/// A feature section. Templates (for role changes without a reload) carry
/// `data-feature-template` instead, so that a page holds `data-feature` exactly for the
/// features of the role.
fn feature(lang: Lang, p: Permission, template: bool) -> Markup {
    let body = lang.t(&format!("feature-{}", p.as_str().replace('_', "-")), None);
    html! {
        section class="feature" data-feature=[(!template).then_some(p.as_str())]
            data-feature-template=[template.then_some(p.as_str())] aria-labelledby={ "f-" (p.as_str()) } {
            h2 id={ "f-" (p.as_str()) } { (permission_label(lang, p)) }
            p { (body) }
        }
    }
}

/// Where the live room page enters the media room.
pub struct Stage<'a> {
    /// `none`, `livekit`, `jitsi` or `redirect`.
    pub backend: &'a str,
    /// The web client page that takes the entry's `url` and `token` (LiveKit Meet).
    pub client_page: Option<&'a str>,
}

/// The media room of a live room page: the script fetches `/entry` and frames the
/// backend's web client, or navigates to the room application.
fn stage(lang: Lang, room_id: &str, stage: &Stage<'_>) -> Markup {
    html! {
        @if stage.backend != "none" {
            section id="stage" class="stage" aria-labelledby="stage-h"
                data-backend=(stage.backend)
                data-entry-url={ "/rooms/" (room_id) "/entry" }
                data-client-page=[stage.client_page] {
                h2 id="stage-h" { (tr!(lang, "stage-title")) }
                p id="stage-note" class="hint" aria-live="polite" { (tr!(lang, "stage-connecting")) }
                @if stage.backend == "redirect" {
                    p { a id="stage-link" href="#" hidden { (tr!(lang, "stage-open")) } }
                }
            }
        }
    }
}

/// The "Invite someone" form of a speaker's or moderator's room page, and what the last
/// submission without script gave.
#[derive(Debug, Clone, Default)]
pub struct GuestInviteForm {
    /// The roles this participant may give; empty: no form.
    pub roles: &'static [Role],
    /// `PARTICIPANT_INVITE_LIMIT`.
    pub limit: u32,
    /// The address entered (kept after an error).
    pub email: String,
    pub role: Option<Role>,
    pub notice: Option<InviteNotice>,
}

#[derive(Debug, Clone)]
pub enum InviteNotice {
    Sent,
    Failed(Error),
}

/// The "Invite someone" section: posts as a plain form, or as JSON from the script
/// (which shows the outcome in the `invite-status` live region).
fn invite_section(lang: Lang, room_id: &str, form: &GuestInviteForm) -> Markup {
    let error = match &form.notice {
        Some(InviteNotice::Failed(e)) => Some(e),
        _ => None,
    };
    let field_error =
        error.is_some_and(|e| matches!(e, Error::InvalidEmail | Error::DomainBlocked));
    html! {
        section id="invite" class="card" aria-labelledby="invite-h" {
            h2 id="invite-h" class="form-title" { (tr!(lang, "invite-title")) }
            p id="invite-help" class="hint" { (tr!(lang, "invite-help", limit = form.limit)) }
            form id="invite-form" method="post" action={ "/rooms/" (room_id) "/invites" } novalidate
                data-state=[error.map(Error::code)] {
                label for="invite-email" { (tr!(lang, "invite-email-label")) }
                input id="invite-email" name="email" type="email" autocomplete="off" required
                    inputmode="email" autocapitalize="none" spellcheck="false" value=(form.email)
                    autofocus[field_error]
                    aria-describedby=(if field_error { "invite-help invite-status" } else { "invite-help" })
                    aria-invalid=[field_error.then_some("true")];
                label for="invite-role" { (tr!(lang, "invite-role-label")) }
                select id="invite-role" name="role" {
                    @for r in form.roles {
                        option value=(r.as_str()) selected[form.role == Some(*r)] { (role_name(lang, *r)) }
                    }
                }
                button type="submit" { (tr!(lang, "invite-send")) }
                p id="invite-status" role="status" aria-live="polite"
                    class=(match &form.notice { Some(InviteNotice::Failed(_)) => "error", Some(InviteNotice::Sent) => "success", None => "hint" }) {
                    @match &form.notice {
                        Some(InviteNotice::Sent) => (tr!(lang, "invite-sent")),
                        Some(InviteNotice::Failed(e)) => { (error_message(lang, e)) " " (error_advice(lang, e)) },
                        None => {},
                    }
                }
            }
        }
    }
}

/// `/rooms/{id}`: the event page with a countdown before the start, the room after.
/// Speakers and moderators also get the "Invite someone" form, before and after the
/// start (a co-presenter is usually invited ahead of the session).
pub fn room(
    page: &RoomPage,
    media: &Stage<'_>,
    invite: &GuestInviteForm,
    panel: Option<Markup>,
) -> Markup {
    let room = &page.room;
    let id = &room.room_id;
    let lang = page_lang(None, room);
    let failed = match &invite.notice {
        Some(InviteNotice::Failed(e)) => Some(e),
        _ => None,
    };
    if !room.is_live() {
        return layout(
            lang,
            &room.title,
            "event",
            failed,
            html! {
                h1 { (room.title) }
                (starts(lang, room.starts_at))
                p class="countdown" role="timer" aria-live="off"
                    id="countdown"
                    data-starts-at=(time_fmt::format(room.starts_at))
                    data-server-time=(time_fmt::format(page.now))
                    data-status-url={ "/rooms/" (id) "/status" }
                    data-live-url={ "/rooms/" (id) "/live" } {
                    (countdown_text(lang, room.starts_at - page.now))
                }
                p id="live-note" class="hint" aria-live="polite" { (tr!(lang, "event-opens-itself")) }
                @if let Some(panel) = &panel { (panel) }
                (details(lang, room))
                @if !invite.roles.is_empty() { (invite_section(lang, id, invite)) }
            },
        );
    }
    let role = page.participant.role;
    let (before_role, after_role) = lang.split("room-you-are", None, "role");
    layout(
        lang,
        &room.title,
        "room",
        failed,
        html! {
            h1 { (room.title) }
            p { (before_role) strong id="role" data-role=(role.as_str()) { (role_phrase(lang, role)) } (after_role) }
            p id="role-note" class="hint" aria-live="polite" {}
            @if !room.description.is_empty() {
                p class="description" { (room.description) }
            }
            (stage(lang, id, media))
            @if let Some(panel) = &panel { (panel) }
            // The room's features first: on a phone the stream is above the fold.
            div id="features" data-me-url={ "/rooms/" (id) "/me" }
                data-live-url={ "/rooms/" (id) "/live" } {
                @for p in role.permissions() { (feature(lang, *p, false)) }
            }
            (people_and_files(lang, room))
            @if !invite.roles.is_empty() { (invite_section(lang, id, invite)) }
            template id="feature-templates" {
                @for p in Role::Moderator.permissions() { (feature(lang, *p, true)) }
            }
            // For a role change without a reload: the form with every role a participant
            // can give; the script keeps the options below the new role.
            @if invite.limit > 0 {
                template id="invite-template" {
                    (invite_section(lang, id, &GuestInviteForm {
                        roles: crate::domain::guest_invite::grantable_roles(Role::Moderator),
                        limit: invite.limit,
                        ..GuestInviteForm::default()
                    }))
                }
            }
        },
    )
}

fn countdown_text(lang: Lang, left: time::Duration) -> String {
    let secs = left.whole_seconds().max(0);
    let (d, h, m, s) = (secs / 86_400, secs / 3_600 % 24, secs / 60 % 60, secs % 60);
    let hms = format!("{h:02}:{m:02}:{s:02}");
    match d {
        0 => tr!(lang, "countdown-hms", hms = hms),
        d => tr!(lang, "countdown-days-hms", days = d, hms = hms),
    }
}

/// The answer to a sign-in that proved another address than the invited one: names the
/// signed-in address, never the invited one.
pub fn signed_in_elsewhere(signed_in: &str) -> Markup {
    let error = Error::EmailMismatch;
    let lang = i18n::current();
    let title = error_title(lang, &error);
    layout(
        lang,
        &title,
        "error",
        Some(&error),
        html! {
            h1 { (title) }
            p { (with_strong(lang, "error-signed-in-as", "email", signed_in, None)) }
            h2 { (tr!(lang, "error-what-to-do")) }
            p class="advice" { (tr!(lang, "error-signed-in-advice", email = signed_in)) }
            (error_code(lang, &error))
        },
    )
}

/// "Error code: `code`".
fn error_code(lang: Lang, error: &Error) -> Markup {
    let (before, after) = lang.split("error-code", None, "code");
    html! { p class="hint" { (before) code { (error.code()) } (after) } }
}

/// The explanation on an error page. `forbidden` reaches a page only from the login-CSRF
/// check of the lobby form, so it says that rather than the host API's sentence.
fn page_message(lang: Lang, error: &Error) -> String {
    match error {
        Error::Forbidden => tr!(lang, "error-forbidden-page"),
        e => error_message(lang, e),
    }
}

/// The page of an error code: what happened and what to do next. A page of a passing
/// outage (`service_unavailable`) tries again by itself.
pub fn error_page(error: &Error) -> Markup {
    let retry = match error {
        Error::ServiceUnavailable { retry_after } => {
            Some(Refresh::Always((*retry_after).clamp(2, 30) as u32 + 3))
        }
        _ => None,
    };
    let lang = i18n::current();
    let title = error_title(lang, error);
    layout_refreshing(
        lang,
        &title,
        "error",
        Some(error),
        html! {
            h1 { (title) }
            p { (page_message(lang, error)) }
            h2 { (tr!(lang, "error-what-to-do")) }
            p class="advice" { (error_advice(lang, error)) }
            p class="hint support" {
                @match crate::brand::current().and_then(|b| b.support_line) {
                    Some(line) => (line),
                    None => (tr!(lang, "error-contact")),
                }
            }
            (error_code(lang, error))
        },
        retry,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_reads_naturally() {
        assert_eq!(
            countdown_text(Lang::EN, time::Duration::seconds(65)),
            "Starts in 00:01:05"
        );
        assert_eq!(
            countdown_text(Lang::EN, time::Duration::seconds(86_400 + 3_600)),
            "Starts in 1 day 01:00:00"
        );
        assert_eq!(
            countdown_text(Lang::EN, time::Duration::seconds(-5)),
            "Starts in 00:00:00"
        );
    }

    #[test]
    fn error_pages_carry_their_code() {
        let page = error_page(&Error::LinkUsed).into_string();
        assert!(page.contains(r#"data-error="link_used""#));
        assert!(page.contains("Ask the organizer for a new link."));
    }

    #[test]
    fn the_refused_form_page_explains_itself() {
        let page = error_page(&Error::Forbidden).into_string();
        assert!(page.contains(r#"data-error="forbidden""#));
        assert!(page.contains("another website"));
        assert!(!page.contains("token"), "not the host API's sentence");
        assert!(page.contains("<code>forbidden</code>"));
    }
}
