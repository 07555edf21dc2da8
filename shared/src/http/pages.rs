//! Server-rendered pages (maud: compile-time checked, every value escaped). One
//! stylesheet and one script, both served by us; no inline script or style, so the
//! Content-Security-Policy needs no `unsafe-inline`.

use crate::app::{JoinView, RoomPage};
use crate::domain::room::{Attachment, Speaker};
use crate::domain::time_fmt;
use crate::domain::{AdmissionState, Error, Permission, Role, Room, Verify};
use maud::{html, Markup, DOCTYPE};
use time::OffsetDateTime;

fn layout(title: &str, page: &str, error: Option<&Error>, main: Markup) -> Markup {
    layout_refreshing(title, page, error, main, None)
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
    title: &str,
    page: &str,
    error: Option<&Error>,
    main: Markup,
    refresh: Option<Refresh>,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
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
                @if page == "event" || page == "room" {
                    script src="/assets/appsync-live.js" defer {}
                }
                script src="/assets/app.js" defer {}
            }
            body data-page=(page) data-error=[error.map(Error::code)] {
                main id="main" { (main) }
            }
        }
    }
}

fn human_time(t: OffsetDateTime) -> String {
    let f = time::macros::format_description!(
        "[weekday], [day padding:none] [month repr:long] [year], [hour]:[minute] UTC"
    );
    t.format(&f).unwrap_or_else(|_| time_fmt::format(t))
}

/// A time shown in the viewer's local time by the script, in UTC without it.
fn local_time(t: OffsetDateTime) -> Markup {
    html! { time datetime=(time_fmt::format(t)) data-local { (human_time(t)) } }
}

fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Viewer => "a viewer",
        Role::Speaker => "a speaker",
        Role::Moderator => "a moderator",
    }
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
    if room.admission.verify == Verify::Sso {
        return sign_in_lobby(view, error, form.sign_in.as_deref());
    }
    layout(
        &format!("Join {}", room.title),
        "lobby",
        error,
        html! {
            h1 { (room.title) }
            p class="when" { "Starts " (local_time(room.starts_at)) }
            p { "You are invited as " strong { (role_phrase(view.role)) } "." }
            form method="post" class="card" novalidate aria-labelledby="login-h" {
                h2 id="login-h" class="form-title" { "Sign in to the room" }
                label for="email" { "Your email address" }
                p id="email-help" class="hint" {
                    "Enter the address this invitation was sent to."
                    @if code_room && !code_step { " We will email you a 6-digit code to confirm it is you." }
                }
                @if let Some(e) = email_error {
                    p id="email-error" class="error" role="alert" { (e.message()) " " (e.advice()) }
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
                        "We sent a 6-digit code to " strong { (form.email.as_deref().unwrap_or("your address")) } "."
                        @if let Some(s) = form.expires_in { " It works for " (s.div_ceil(60)) " minutes." }
                        " Check your spam folder if it does not arrive."
                    }
                    label for="code" { "Code from the email" }
                    @if let (true, Some(e)) = (code_error, error) {
                        p id="code-error" class="error" role="alert" { (e.message()) " " (e.advice()) }
                    }
                    input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        pattern="[0-9 ]*" maxlength="12" required autofocus
                        aria-describedby=(if code_error { "code-sent code-error" } else { "code-sent" })
                        aria-invalid=[code_error.then_some("true")];
                    button type="submit" { "Continue" }
                } @else {
                    button type="submit" { "Login" }
                }
            }
            @if code_step {
                form method="post" class="resend" {
                    input type="hidden" name="email" value=[form.email.as_deref()];
                    p class="hint" { "No code? You can ask for a new one 30 seconds after the last." }
                    button type="submit" class="secondary" { "Send a new code" }
                }
            }
        },
    )
}

/// The lobby of a `verify: sso` room: no email to type, a link to the organization's
/// sign-in.
fn sign_in_lobby(view: &JoinView, error: Option<&Error>, sign_in: Option<&str>) -> Markup {
    let room = &view.room;
    layout(
        &format!("Join {}", room.title),
        "lobby",
        error,
        html! {
            h1 { (room.title) }
            p class="when" { "Starts " (local_time(room.starts_at)) }
            p { "You are invited as " strong { (role_phrase(view.role)) } "." }
            div class="card" {
                h2 class="form-title" { "Sign in to the room" }
                @if let Some(e) = error {
                    p class="error" role="alert" { (e.message()) " " (e.advice()) }
                }
                p class="hint" { "This event is for your organization: sign in with your organization's account, using the address the invitation was sent to." }
                @if let Some(url) = sign_in {
                    a class="button" href=(url) { "Continue with sign-in" }
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
    let body = html! {
        h1 { (room.title) }
        p class="when" { "Starts " (local_time(room.starts_at)) }
        @if denied {
            div class="card" id="denied" role="alert" {
                h2 class="form-title" { "The host did not let you in" }
                @if let Some(reason) = &p.denial_reason {
                    p { "Their reason: " strong { (reason) } }
                }
                @if may_knock {
                    form method="post" action={ "/rooms/" (room.room_id) "/knock" } {
                        p class="hint" { "If you think this is a mistake, you can ask again." }
                        button type="submit" { "Knock again" }
                    }
                } @else {
                    p class="hint" { "Contact the organizer if you think this is a mistake." }
                }
            }
        } @else {
            div class="card" {
                h2 class="form-title" { "You are in the waiting room" }
                p id="waiting-note" aria-live="polite"
                    data-live-url={ "/rooms/" (room.room_id) "/live" }
                    data-me-url={ "/rooms/" (room.room_id) "/me" } {
                    "The host has been told you are here. Keep this page open: it lets you in by itself as soon as they do."
                }
                @if !room.is_live() {
                    p class="countdown" id="countdown-static" { (countdown_text(room.starts_at - page.now)) }
                }
            }
        }
        (details(room))
    };
    let name = if denied { "denied" } else { "waiting" };
    layout_refreshing(
        &room.title,
        name,
        None,
        body,
        (!denied).then_some(Refresh::WithoutScript(10)),
    )
}

fn details(room: &Room) -> Markup {
    html! {
        @if !room.description.is_empty() {
            p class="description" { (room.description) }
        }
        (people_and_files(room))
    }
}

fn people_and_files(room: &Room) -> Markup {
    html! {
        @if !room.speakers.is_empty() {
            section aria-labelledby="speakers-h" {
                h2 id="speakers-h" { "Speakers" }
                ul class="speakers" { @for s in &room.speakers { (speaker(s)) } }
            }
        }
        @if !room.attachments.is_empty() {
            section aria-labelledby="attachments-h" {
                h2 id="attachments-h" { "Attachments" }
                ul { @for a in &room.attachments { (attachment(a)) } }
            }
        }
    }
}

fn speaker(s: &Speaker) -> Markup {
    html! { li { strong { (s.name) } @if let Some(t) = &s.title { @if !t.is_empty() { ", " (t) } } } }
}

fn attachment(a: &Attachment) -> Markup {
    html! {
        li {
            a href=(a.url) rel="noopener noreferrer" target="_blank" {
                (a.name) span class="visually-hidden" { " (opens in a new tab)" }
            }
        }
    }
}

/// A feature section. Templates (for role changes without a reload) carry
/// `data-feature-template` instead, so that a page holds `data-feature` exactly for the
/// features of the role.
fn feature(p: Permission, template: bool) -> Markup {
    let body = match p {
        Permission::Live => "The live stream plays here.",
        Permission::Chat => "Chat with everyone in the room.",
        Permission::Qa => "Ask the speakers a question.",
        Permission::Interactions => "Polls and reactions appear here.",
        Permission::Backchannel => "A private channel for speakers and moderators.",
        Permission::QaModeration => "Approve, answer and dismiss questions.",
    };
    html! {
        section class="feature" data-feature=[(!template).then_some(p.as_str())]
            data-feature-template=[template.then_some(p.as_str())] aria-labelledby={ "f-" (p.as_str()) } {
            h2 id={ "f-" (p.as_str()) } { (p.label()) }
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
fn stage(room_id: &str, stage: &Stage<'_>) -> Markup {
    html! {
        @if stage.backend != "none" {
            section id="stage" class="stage" aria-labelledby="stage-h"
                data-backend=(stage.backend)
                data-entry-url={ "/rooms/" (room_id) "/entry" }
                data-client-page=[stage.client_page] {
                h2 id="stage-h" { "Live room" }
                p id="stage-note" class="hint" aria-live="polite" { "Connecting you to the live room…" }
                @if stage.backend == "redirect" {
                    p { a id="stage-link" href="#" hidden { "Open the live room" } }
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

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Viewer => "Viewer",
        Role::Speaker => "Speaker",
        Role::Moderator => "Moderator",
    }
}

/// The "Invite someone" section: posts as a plain form, or as JSON from the script
/// (which shows the outcome in the `invite-status` live region).
fn invite_section(room_id: &str, form: &GuestInviteForm) -> Markup {
    let error = match &form.notice {
        Some(InviteNotice::Failed(e)) => Some(e),
        _ => None,
    };
    let field_error =
        error.is_some_and(|e| matches!(e, Error::InvalidEmail | Error::DomainBlocked));
    html! {
        section id="invite" class="card" aria-labelledby="invite-h" {
            h2 id="invite-h" class="form-title" { "Invite someone" }
            p id="invite-help" class="hint" {
                "They get an invitation email from you, with a link that works once. You can invite up to "
                (form.limit) " people to this room."
            }
            form id="invite-form" method="post" action={ "/rooms/" (room_id) "/invites" } novalidate
                data-state=[error.map(Error::code)] {
                label for="invite-email" { "Their email address" }
                input id="invite-email" name="email" type="email" autocomplete="off" required
                    inputmode="email" autocapitalize="none" spellcheck="false" value=(form.email)
                    autofocus[field_error]
                    aria-describedby=(if field_error { "invite-help invite-status" } else { "invite-help" })
                    aria-invalid=[field_error.then_some("true")];
                label for="invite-role" { "Role" }
                select id="invite-role" name="role" {
                    @for r in form.roles {
                        option value=(r.as_str()) selected[form.role == Some(*r)] { (role_label(*r)) }
                    }
                }
                button type="submit" { "Send invitation" }
                p id="invite-status" role="status" aria-live="polite"
                    class=(match &form.notice { Some(InviteNotice::Failed(_)) => "error", Some(InviteNotice::Sent) => "success", None => "hint" }) {
                    @match &form.notice {
                        Some(InviteNotice::Sent) => "Your invitation was sent.",
                        Some(InviteNotice::Failed(e)) => { (e.message()) " " (e.advice()) },
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
    let failed = match &invite.notice {
        Some(InviteNotice::Failed(e)) => Some(e),
        _ => None,
    };
    if !room.is_live() {
        return layout(
            &room.title,
            "event",
            failed,
            html! {
                h1 { (room.title) }
                p class="when" { "Starts " (local_time(room.starts_at)) }
                p class="countdown" role="timer" aria-live="off"
                    id="countdown"
                    data-starts-at=(time_fmt::format(room.starts_at))
                    data-server-time=(time_fmt::format(page.now))
                    data-status-url={ "/rooms/" (id) "/status" }
                    data-live-url={ "/rooms/" (id) "/live" } {
                    (countdown_text(room.starts_at - page.now))
                }
                p id="live-note" class="hint" aria-live="polite" { "This page opens the room by itself when the session starts." }
                @if let Some(panel) = &panel { (panel) }
                (details(room))
                @if !invite.roles.is_empty() { (invite_section(id, invite)) }
            },
        );
    }
    let role = page.participant.role;
    layout(
        &room.title,
        "room",
        failed,
        html! {
            h1 { (room.title) }
            p { "You are " strong id="role" data-role=(role.as_str()) { (role_phrase(role)) } "." }
            p id="role-note" class="hint" aria-live="polite" {}
            @if !room.description.is_empty() {
                p class="description" { (room.description) }
            }
            (stage(id, media))
            @if let Some(panel) = &panel { (panel) }
            // The room's features first: on a phone the stream is above the fold.
            div id="features" data-me-url={ "/rooms/" (id) "/me" }
                data-live-url={ "/rooms/" (id) "/live" } {
                @for p in role.permissions() { (feature(*p, false)) }
            }
            (people_and_files(room))
            @if !invite.roles.is_empty() { (invite_section(id, invite)) }
            template id="feature-templates" {
                @for p in Role::Moderator.permissions() { (feature(*p, true)) }
            }
            // For a role change without a reload: the form with every role a participant
            // can give; the script keeps the options below the new role.
            @if invite.limit > 0 {
                template id="invite-template" {
                    (invite_section(id, &GuestInviteForm {
                        roles: crate::domain::guest_invite::grantable_roles(Role::Moderator),
                        limit: invite.limit,
                        ..GuestInviteForm::default()
                    }))
                }
            }
        },
    )
}

fn countdown_text(left: time::Duration) -> String {
    let secs = left.whole_seconds().max(0);
    let (d, h, m, s) = (secs / 86_400, secs / 3_600 % 24, secs / 60 % 60, secs % 60);
    match d {
        0 => format!("Starts in {h:02}:{m:02}:{s:02}"),
        1 => format!("Starts in 1 day {h:02}:{m:02}:{s:02}"),
        _ => format!("Starts in {d} days {h:02}:{m:02}:{s:02}"),
    }
}

fn error_title(error: &Error) -> &'static str {
    match error {
        Error::GuestInviteRefused(_) => "This invitation was refused",
        Error::InviteLimitReached => "You have reached your invitation limit",
        Error::InvalidLink => "This link does not work",
        Error::InviteRevoked => "This invitation was removed",
        Error::RoomDeleted => "This room was removed",
        Error::LinkExpired => "This link has expired",
        Error::LinkUsed => "This link was already used",
        Error::EmailMismatch => "Wrong email address",
        Error::TooManyAttempts => "This invitation is locked",
        Error::NotAParticipant => "You have not joined this room",
        Error::DomainBlocked => "Your email domain is blocked",
        Error::RoomNotFound => "No such room",
        Error::Forbidden => "This request was refused",
        Error::CodeInvalid { .. } => "That code is not right",
        Error::CodeExpired => "Ask for a new code",
        Error::TooManyRequests { .. } => "Please wait a moment",
        Error::SsoFailed => "The sign-in did not complete",
        Error::VerificationRequired { .. } => "Sign in to continue",
        Error::IdentityProviderUnavailable => "Sign-in is unavailable right now",
        _ => "Something went wrong",
    }
}

/// The explanation on an error page. `forbidden` reaches a page only from the login-CSRF
/// check of the lobby form, so it says that rather than the host API's sentence.
fn page_message(error: &Error) -> String {
    match error {
        Error::Forbidden => {
            "The sign-in form was sent from another website, so you were not signed in.".into()
        }
        e => e.message(),
    }
}

/// The answer to a sign-in that proved another address than the invited one: names the
/// signed-in address, never the invited one.
pub fn signed_in_elsewhere(signed_in: &str) -> Markup {
    let error = Error::EmailMismatch;
    layout(
        error_title(&error),
        "error",
        Some(&error),
        html! {
            h1 { (error_title(&error)) }
            p { "You signed in as " strong { (signed_in) } ", but this invitation was sent to another address." }
            h2 { "What you can do" }
            p class="advice" { "Sign out of your organization's account and sign in with the address the invitation was sent to, or ask the organizer to invite " (signed_in) "." }
            p class="hint" { "Error code: " code { (error.code()) } }
        },
    )
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
    layout_refreshing(
        error_title(error),
        "error",
        Some(error),
        html! {
            h1 { (error_title(error)) }
            p { (page_message(error)) }
            h2 { "What you can do" }
            p class="advice" { (error.advice()) }
            p class="hint" { "Error code: " code { (error.code()) } }
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
            countdown_text(time::Duration::seconds(65)),
            "Starts in 00:01:05"
        );
        assert_eq!(
            countdown_text(time::Duration::seconds(86_400 + 3_600)),
            "Starts in 1 day 01:00:00"
        );
        assert_eq!(
            countdown_text(time::Duration::seconds(-5)),
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
