//! The calendar file of room mail: an RFC 5545 event as an iTIP message (RFC 5546),
//! escaped and folded, its summary, description and organizer name in the room's
//! language.

use crate::domain::{EmailAddress, Room};
use crate::i18n;
use crate::ports::EmailAttachment;
use crate::tr;
use time::{Duration, OffsetDateTime};

/// What a calendar file does in the recipient's calendar (RFC 5546 iTIP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarMethod {
    /// The event, new or updated (a higher `SEQUENCE` replaces the one with the same UID).
    Request,
    /// The event is cancelled (`STATUS:CANCELLED`).
    Cancel,
}

impl CalendarMethod {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            CalendarMethod::Request => "REQUEST",
            CalendarMethod::Cancel => "CANCEL",
        }
    }
}

pub(super) fn calendar_attachment(
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
    let lang = i18n::for_email(None, room.locale.as_deref());
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
                "{}\n\n{}",
                room.description,
                tr!(lang, "calendar-description")
            ))
        ),
        format!(
            "ORGANIZER;CN={}:mailto:{}",
            ics_param(&tr!(lang, "calendar-organizer")),
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

/// `ics` with the organizer's name (`ORGANIZER;CN=`) replaced by `name`.
pub fn with_organizer_name(ics: &str, name: &str) -> String {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| match l.strip_prefix("ORGANIZER;CN=") {
            Some(rest) => {
                let address = rest.rsplit_once(":mailto:").map(|(_, a)| a).unwrap_or("");
                fold(&format!(
                    "ORGANIZER;CN={}:mailto:{address}",
                    ics_param(name)
                ))
            }
            None => fold(l),
        })
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

/// A parameter value (`CN=`): quoted, without what would end the quotes or the line.
fn ics_param(v: &str) -> String {
    let clean: String = v.chars().filter(|c| !c.is_control() && *c != '"').collect();
    format!("\"{clean}\"")
}

/// An address inside a `mailto:` value: nothing that could end the content line or
/// start a parameter.
pub(super) fn ics_address(a: &str) -> String {
    a.chars()
        .filter(|c| !c.is_control() && !matches!(c, ';' | ',' | ':' | '"' | ' '))
        .collect()
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
    use crate::app::fixtures::room;
    use time::macros::datetime;

    #[test]
    fn calendar_is_escaped_folded_and_complete() {
        let r = room(&format!("Plan; A, B\\C\r\nX-INJECT:1 {}", "é".repeat(60)));
        let ics = calendar(
            &r,
            &EmailAddress::parse("ann@example.com").expect("address"),
            "invites@example.org",
            CalendarMethod::Request,
            datetime!(2026-11-27 10:00 UTC),
        );
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains("ORGANIZER;CN=\"Room invitations\":mailto:invites@example.org\r\n"));
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
    fn the_organizer_name_is_replaced_quoted_and_folded() {
        let ics = "BEGIN:VEVENT\r\nORGANIZER;CN=\"Room invitations\":mailto:invites@example.org\r\nEND:VEVENT\r\n";
        let long = "Acme \"Events\" GmbH, the international conference and summit team";
        let out = with_organizer_name(ics, long);
        assert!(out.starts_with("BEGIN:VEVENT\r\nORGANIZER;CN=\"Acme Events GmbH"));
        assert!(out.ends_with("END:VEVENT\r\n"));
        assert!(out.split("\r\n").all(|l| l.len() <= 75), "{out}");
        assert!(out
            .replace("\r\n ", "")
            .contains("summit team\":mailto:invites@example.org\r\n"));
    }
}
