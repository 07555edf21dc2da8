//! The emails the service sends. All user text is escaped (maud for HTML, RFC 5545
//! escaping for the calendar file); headers are built by the mailer's MIME library.

use super::{AppConfig, Host};
use crate::domain::guest_invite;
use crate::domain::mail_event::INVITE_TAG;
use crate::domain::time_fmt;
use crate::domain::{EmailAddress, Invite, Participant, Role, Room};
use crate::ports::{EmailAttachment, OutgoingEmail};
use maud::{html, Markup, DOCTYPE};
use time::{Duration, OffsetDateTime};

fn uses_sentence(max_uses: Option<u32>) -> String {
    match max_uses {
        Some(1) => "The link works once: open it on the device you will watch on.".into(),
        Some(n) => format!("The link works {n} times."),
        None => "The link works any number of times until it expires.".into(),
    }
}

fn human_time(t: OffsetDateTime) -> String {
    let f = time::macros::format_description!(
        "[weekday], [day padding:none] [month repr:long] [year], [hour]:[minute] UTC"
    );
    t.format(&f).unwrap_or_else(|_| time_fmt::format(t))
}

/// Who invited, where the host's address is unknown.
pub const ORGANIZER: &str = "The organizer";

/// Who invited, as an invitation names them.
pub fn inviter(host: &Host) -> String {
    host.email.clone().unwrap_or_else(|| ORGANIZER.to_owned())
}

fn layout(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { (title) } }
            body style="font-family:Arial,Helvetica,sans-serif;color:#1b1f24;line-height:1.5;max-width:560px;margin:0 auto;padding:16px" {
                (body)
            }
        }
    }
    .into_string()
}

/// The invitation: who invited, the role, the start, the link, its validity.
pub fn invitation_email(
    room: &Room,
    invite: &Invite,
    link: &str,
    host: &Host,
    organizer: &str,
    now: OffsetDateTime,
) -> OutgoingEmail {
    invitation_from(room, invite, link, &inviter(host), organizer, now)
}

/// The invitation a participant sent from inside the room: the normal invitation, naming
/// the inviter by the name they are known by in the room (their email's local part,
/// never the whole address) and their role.
pub fn guest_invitation_email(
    room: &Room,
    invite: &Invite,
    link: &str,
    inviter: &Participant,
    organizer: &str,
    now: OffsetDateTime,
) -> OutgoingEmail {
    invitation_from(room, invite, link, &guest_inviter(inviter), organizer, now)
}

/// Who invited, for an invitation sent from inside the room.
pub fn guest_inviter(inviter: &Participant) -> String {
    format!(
        "{}, a {} in this room,",
        guest_invite::display_name(&inviter.email),
        inviter.role
    )
}

/// The invitation, naming who invited as `who` (a retry sends it again this way).
pub fn invitation_from(
    room: &Room,
    invite: &Invite,
    link: &str,
    who: &str,
    organizer: &str,
    now: OffsetDateTime,
) -> OutgoingEmail {
    let starts = human_time(room.starts_at);
    let until = human_time(invite.expires_at);
    let uses = uses_sentence(invite.max_uses);
    let role = invite.role.as_str();
    let subject = format!("Invitation: {}", room.title);
    let text = format!(
        "{who} invited you to \"{title}\" as a {role}.\n\n\
         Starts: {starts}\n\n\
         Join: {link}\n\n\
         The link is valid until {until}. {uses}\n\
         When asked, enter this email address ({email}).\n\n\
         If you did not expect this invitation, you can ignore this email.\n",
        title = room.title,
        email = invite.email,
    );
    let html = layout(
        &subject,
        html! {
            h1 style="font-size:20px" { "You are invited to " (room.title) }
            p { (who) " invited you as a " strong { (role) } "." }
            p { "Starts: " strong { (starts) } }
            @if !room.description.is_empty() { p { (room.description) } }
            p {
                a href=(link) style="display:inline-block;background:#0b5cad;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none" { "Join the room" }
            }
            p style="font-size:13px;color:#444" {
                "The link is valid until " (until) ". " (uses)
                " When asked, enter this email address (" (invite.email) ")."
            }
            p style="font-size:13px;color:#444" { "If the button does not work, copy this address into your browser: " br; (link) }
        },
    );
    calendar_email(
        room,
        invite,
        organizer,
        CalendarMethod::Request,
        now,
        (subject, text, html),
    )
}

/// The one-time code of a `verify: code` room: short, no link (a code in a link would
/// let a forwarded email admit its reader), in the invitation's style. Not tagged with
/// the invite: its delivery events must not change the invitation's `delivery`.
pub fn admission_code_email(
    room: &Room,
    to: &EmailAddress,
    code: &str,
    valid_for: Duration,
) -> OutgoingEmail {
    let minutes = (valid_for.whole_seconds() + 59) / 60;
    let subject = format!("Your code for {}", room.title);
    let text = format!(
        "Your code to join \"{title}\" is:\n\n    {code}\n\n\
         Type it on the page where you asked for it. It works once, for {minutes} minutes.\n\n\
         If you did not ask for a code, you can ignore this email: without it, nobody can \
         use your invitation.\n",
        title = room.title,
    );
    let html = layout(
        &subject,
        html! {
            h1 style="font-size:20px" { "Your code for " (room.title) }
            p { "Type this code on the page where you asked for it:" }
            p style="font-size:28px;font-weight:bold;letter-spacing:6px;font-family:Menlo,Consolas,monospace" { (code) }
            p style="font-size:13px;color:#444" { "It works once, for " (minutes) " minutes." }
            p style="font-size:13px;color:#444" {
                "If you did not ask for a code, you can ignore this email: without it, nobody can use your invitation."
            }
        },
    );
    OutgoingEmail {
        to: to.clone(),
        subject,
        text,
        html,
        attachments: Vec::new(),
        tags: vec![("kind".into(), "admission_code".into())],
    }
}

/// The email a participant gets when a host changes their role.
pub fn role_change_email(
    room: &Room,
    email: &EmailAddress,
    from: Role,
    to: Role,
    config: &AppConfig,
) -> OutgoingEmail {
    let gained: Vec<&str> = to
        .permissions()
        .iter()
        .filter(|p| !from.permissions().contains(p))
        .map(|p| p.label())
        .collect();
    let lost: Vec<&str> = from
        .permissions()
        .iter()
        .filter(|p| !to.permissions().contains(p))
        .map(|p| p.label())
        .collect();
    let subject = format!("Your role in {} is now {}", room.title, to);
    let room_url = format!("{}/rooms/{}", config.public_base_url, room.room_id);
    let mut text = format!(
        "Your role in \"{}\" changed from {} to {}.\n",
        room.title, from, to
    );
    if !gained.is_empty() {
        text.push_str(&format!("You can now use: {}.\n", gained.join(", ")));
    }
    if !lost.is_empty() {
        text.push_str(&format!("You no longer have: {}.\n", lost.join(", ")));
    }
    text.push_str(&format!(
        "Nothing to do: it applies in the room ({room_url}) within seconds.\n"
    ));
    let html = layout(
        &subject,
        html! {
            h1 style="font-size:20px" { "Your role in " (room.title) " is now " (to.as_str()) }
            p { "It was " (from.as_str()) "." }
            @if !gained.is_empty() { p { "You can now use: " (gained.join(", ")) "." } }
            @if !lost.is_empty() { p { "You no longer have: " (lost.join(", ")) "." } }
            p { "Nothing to do: it applies in the " a href=(room_url) { "room" } " within seconds." }
        },
    );
    OutgoingEmail {
        to: email.clone(),
        subject,
        text,
        html,
        attachments: vec![],
        tags: vec![],
    }
}

/// What a calendar file does in the recipient's calendar (RFC 5546 iTIP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarMethod {
    /// The event, new or updated (a higher `SEQUENCE` replaces the one with the same UID).
    Request,
    /// The event is cancelled (`STATUS:CANCELLED`).
    Cancel,
}

impl CalendarMethod {
    fn as_str(self) -> &'static str {
        match self {
            CalendarMethod::Request => "REQUEST",
            CalendarMethod::Cancel => "CANCEL",
        }
    }
}

/// An email to an invitee about the room's calendar event: `(subject, text, html)` with
/// the `.ics` of `method` attached and the invite's tag (for delivery events).
fn calendar_email(
    room: &Room,
    invite: &Invite,
    organizer: &str,
    method: CalendarMethod,
    now: OffsetDateTime,
    (subject, text, html): (String, String, String),
) -> OutgoingEmail {
    OutgoingEmail {
        to: invite.email.clone(),
        subject,
        text,
        html,
        attachments: vec![calendar_attachment(
            room,
            &invite.email,
            organizer,
            method,
            now,
        )],
        tags: vec![(INVITE_TAG.to_owned(), invite.invite_id.clone())],
    }
}

fn calendar_attachment(
    room: &Room,
    attendee: &EmailAddress,
    organizer: &str,
    method: CalendarMethod,
    now: OffsetDateTime,
) -> EmailAttachment {
    EmailAttachment {
        filename: "invite.ics".into(),
        content_type: format!("text/calendar; charset=utf-8; method={}", method.as_str()),
        content: calendar(room, attendee, organizer, method, now).into_bytes(),
    }
}

/// An RFC 5545 calendar with the session, as an iTIP message: one UID per room for
/// its whole life, `SEQUENCE` = the room's version (raised by every reschedule and by
/// the deletion), `ORGANIZER` the sender and `ATTENDEE` the recipient, which calendar
/// clients need to apply an update or a cancellation to the event they already have.
pub fn calendar(
    room: &Room,
    attendee: &EmailAddress,
    organizer: &str,
    method: CalendarMethod,
    now: OffsetDateTime,
) -> String {
    let stamp = |t: OffsetDateTime| {
        let f = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
        t.format(&f).unwrap_or_default()
    };
    let end = room.ends_at.unwrap_or(room.starts_at + Duration::hours(1));
    let status = match method {
        CalendarMethod::Request => "CONFIRMED",
        CalendarMethod::Cancel => "CANCELLED",
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//room-invites//EN".to_owned(),
        format!("METHOD:{}", method.as_str()),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@room-invites", room.room_id),
        format!("SEQUENCE:{}", room.calendar_sequence()),
        format!("DTSTAMP:{}", stamp(now)),
        format!("DTSTART:{}", stamp(room.starts_at)),
        format!("DTEND:{}", stamp(end)),
        format!("SUMMARY:{}", ics_escape(&room.title)),
        format!(
            "DESCRIPTION:{}",
            ics_escape(&format!(
                "{}\n\nJoin with the link in your invitation email.",
                room.description
            ))
        ),
        format!(
            "ORGANIZER;CN=Room invitations:mailto:{}",
            ics_address(organizer)
        ),
        format!(
            "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{}",
            ics_address(attendee.as_str())
        ),
        format!("STATUS:{status}"),
        "TRANSP:OPAQUE".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines
        .iter()
        .map(|l| fold(l))
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

/// An address inside a `mailto:` value: nothing that could end the content line or
/// start a parameter.
fn ics_address(a: &str) -> String {
    a.chars()
        .filter(|c| !c.is_control() && !matches!(c, ';' | ',' | ':' | '"' | ' '))
        .collect()
}

fn when_phrase(minutes: u32) -> String {
    match minutes {
        m if m % 1440 == 0 && m / 1440 == 1 => "tomorrow".to_owned(),
        m if m % 1440 == 0 => format!("in {} days", m / 1440),
        m if m % 60 == 0 && m / 60 == 1 => "in 1 hour".to_owned(),
        m if m % 60 == 0 => format!("in {} hours", m / 60),
        1 => "in 1 minute".to_owned(),
        m => format!("in {m} minutes"),
    }
}

fn room_url(room: &Room, config: &AppConfig) -> String {
    format!("{}/rooms/{}", config.public_base_url, room.room_id)
}

/// The reminder before the start. No link in it (links are never stored in clear):
/// the room page for those who joined, the invitation email for the others.
pub fn reminder_email(
    room: &Room,
    invite: &Invite,
    minutes_before: u32,
    config: &AppConfig,
) -> OutgoingEmail {
    let when = when_phrase(minutes_before);
    let starts = human_time(room.starts_at);
    let url = room_url(room, config);
    let subject = format!("Reminder: {} starts {when}", room.title);
    let text = format!(
        "\"{title}\" starts {when}: {starts}.\n\n\
         If you already joined, the room is here: {url}\n\
         Otherwise, open the link in your invitation email and enter this address ({email}).\n",
        title = room.title,
        email = invite.email,
    );
    let html = layout(
        &subject,
        html! {
            h1 style="font-size:20px" { (room.title) " starts " (when) }
            p { "Starts: " strong { (starts) } }
            p { "If you already joined, the room is here: " a href=(url) { (url) } }
            p { "Otherwise, open the link in your invitation email and enter this address (" (invite.email) ")." }
        },
    );
    OutgoingEmail {
        to: invite.email.clone(),
        subject,
        text,
        html,
        attachments: vec![],
        tags: vec![(INVITE_TAG.to_owned(), invite.invite_id.clone())],
    }
}

/// The updated invitation after a reschedule: the new time and the calendar update.
pub fn update_email(
    room: &Room,
    invite: &Invite,
    config: &AppConfig,
    now: OffsetDateTime,
) -> OutgoingEmail {
    let starts = human_time(room.starts_at);
    let subject = format!("Updated: {} now starts {starts}", room.title);
    let text = format!(
        "\"{title}\" was rescheduled. It now starts {starts}.\n\n\
         Your invitation link stays the same. The attached calendar file updates the event in your calendar.\n",
        title = room.title,
    );
    let html = layout(
        &subject,
        html! {
            h1 style="font-size:20px" { (room.title) " was rescheduled" }
            p { "It now starts " strong { (starts) } "." }
            p { "Your invitation link stays the same. The attached calendar file updates the event in your calendar." }
        },
    );
    calendar_email(
        room,
        invite,
        &config.organizer,
        CalendarMethod::Request,
        now,
        (subject, text, html),
    )
}

/// The cancellation after the room was deleted.
pub fn cancel_email(
    room: &Room,
    invite: &Invite,
    config: &AppConfig,
    now: OffsetDateTime,
) -> OutgoingEmail {
    let starts = human_time(room.starts_at);
    let subject = format!("Cancelled: {}", room.title);
    let text = format!(
        "\"{title}\" ({starts}) was cancelled by the organizer. Your invitation link no longer works.\n\
         The attached calendar file removes the event from your calendar.\n",
        title = room.title,
    );
    let html = layout(
        &subject,
        html! {
            h1 style="font-size:20px" { (room.title) " was cancelled" }
            p { "The session of " (starts) " was cancelled by the organizer. Your invitation link no longer works." }
            p { "The attached calendar file removes the event from your calendar." }
        },
    );
    calendar_email(
        room,
        invite,
        &config.organizer,
        CalendarMethod::Cancel,
        now,
        (subject, text, html),
    )
}

fn ics_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::invite::Delivery;
    use crate::domain::room::RoomStatus;
    use crate::domain::TokenHash;
    use time::macros::datetime;

    fn room(title: &str) -> Room {
        Room {
            room_id: "R1".into(),
            org: "o".into(),
            title: title.into(),
            description: "<b>agenda</b>".into(),
            starts_at: datetime!(2026-12-01 15:00 UTC),
            ends_at: None,
            speakers: vec![],
            attachments: vec![],
            status: RoomStatus::Scheduled,
            reminders: vec![1440, 15],
            admission: Default::default(),
            created_by: "h".into(),
            created_at: datetime!(2026-11-27 10:00 UTC),
            deleted_at: None,
            version: 0,
        }
    }

    fn invite() -> Invite {
        Invite {
            invite_id: "I1".into(),
            room_id: "R1".into(),
            org: "o".into(),
            email: EmailAddress::parse("ann@example.com").unwrap(),
            role: Role::Speaker,
            max_uses: Some(1),
            uses: 0,
            expires_at: datetime!(2026-12-04 10:00 UTC),
            token_hash: TokenHash("h".into()),
            failed_attempts: 0,
            revoked_at: None,
            delivery: Delivery::Pending,
            created_by: "h".into(),
            created_at: datetime!(2026-11-27 10:00 UTC),
            mail_nonce: None,
        }
    }

    fn host() -> Host {
        Host {
            sub: "h".into(),
            org: "o".into(),
            email: Some("dana@corp.example".into()),
            can_write: true,
        }
    }

    #[test]
    fn invitation_has_every_fact_in_both_parts_and_escapes_html() {
        let r = room("<script>alert(1)</script> & Q4");
        let m = invitation_email(
            &r,
            &invite(),
            "http://x/join/TOKEN",
            &host(),
            "invites@example.org",
            datetime!(2026-11-27 10:00 UTC),
        );
        assert_eq!(m.subject, "Invitation: <script>alert(1)</script> & Q4");
        for part in [&m.text, &m.html] {
            assert!(part.contains("http://x/join/TOKEN"));
            assert!(part.contains("dana@corp.example"));
            assert!(part.contains("speaker"));
            assert!(part.contains("Tuesday, 1 December 2026, 15:00 UTC"));
            assert!(part.contains("The link works once"));
            assert!(part.contains("Friday, 4 December 2026, 10:00 UTC"));
        }
        assert!(!m.html.contains("<script>alert"));
        assert!(m
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Q4"));
        assert!(!m.html.contains("<b>agenda"));
    }

    #[test]
    fn a_guest_invitation_names_the_inviter_by_local_part_only() {
        let inviter = Participant::new(
            "R1",
            &EmailAddress::parse("o'brien&co@corp.example").unwrap(),
            Role::Moderator,
            crate::domain::AdmissionState::Admitted,
            datetime!(2026-11-27 10:00 UTC),
        );
        let m = guest_invitation_email(
            &room("T"),
            &invite(),
            "http://x/join/TOKEN",
            &inviter,
            "invites@example.org",
            datetime!(2026-11-27 10:00 UTC),
        );
        assert!(m.text.starts_with(
            "o'brien&co, a moderator in this room, invited you to \"T\" as a speaker."
        ));
        assert!(
            m.html
                .contains("o&#39;brien&amp;co, a moderator in this room,")
                || m.html.contains("o'brien&amp;co, a moderator in this room,")
        );
        for part in [&m.text, &m.html] {
            assert!(
                !part.contains("corp.example"),
                "never the inviter's address"
            );
            assert!(part.contains("http://x/join/TOKEN"));
        }
        assert_eq!(m.attachments[0].filename, "invite.ics");
    }

    #[test]
    fn calendar_is_escaped_folded_and_complete() {
        let r = room(&format!("Plan; A, B\\C\r\nX-INJECT:1 {}", "é".repeat(60)));
        let ics = calendar(
            &r,
            &invite().email,
            "invites@example.org",
            CalendarMethod::Request,
            datetime!(2026-11-27 10:00 UTC),
        );
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains("ORGANIZER;CN=Room invitations:mailto:invites@example.org\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(":mailto:ann@example.com\r\n"),
            "{unfolded}"
        );
        assert!(ics.contains("DTSTART:20261201T150000Z"));
        assert!(ics.contains("DTEND:20261201T160000Z"));
        assert!(ics.contains("SUMMARY:Plan\\; A\\, B\\\\C\\nX-INJECT:1"));
        assert!(!ics.contains("\r\nX-INJECT"));
        assert!(ics.lines().all(|l| l.len() <= 76));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn role_change_email_says_what_changes() {
        let cfg = AppConfig {
            mail_retry: Default::default(),
            public_base_url: "http://x".into(),
            policy: Default::default(),
            link_key: vec![],
            identity_key: vec![],
            list_key: vec![],
            participant_invite_limit: 20,
            admission: Default::default(),
            organizer: "invites@example.org".into(),
        };
        let email = EmailAddress::parse("ann@example.com").unwrap();
        let up = role_change_email(&room("T"), &email, Role::Viewer, Role::Moderator, &cfg);
        assert!(up.text.contains("from viewer to moderator"));
        assert!(up.text.contains("Speaker backchannel, Q&A moderation"));
        let down = role_change_email(&room("T"), &email, Role::Moderator, Role::Viewer, &cfg);
        assert!(down
            .text
            .contains("You no longer have: Speaker backchannel, Q&A moderation"));
    }
}
