//! The emails the service sends. All user text is escaped (maud for HTML, RFC 5545
//! escaping for the calendar file); headers are built by the mailer's MIME library.

use super::calendar_file::{calendar_attachment, ics_address, CalendarMethod};
use super::{AppConfig, Host};
use crate::domain::guest_invite;
use crate::domain::mail_event::INVITE_TAG;
use crate::domain::unsubscribe;
use crate::domain::{EmailAddress, Invite, Participant, Role, Room};
use crate::i18n::{self, dates, Lang};
use crate::ports::{ListUnsubscribe, OutgoingEmail};
use crate::tr;
use maud::{html, Markup, DOCTYPE};
use time::{Duration, OffsetDateTime};

/// The language of an email to an invitee: the invite's, else the room's, else `en`.
fn lang_of(invite: Option<&Invite>, room: &Room) -> Lang {
    i18n::for_email(
        invite.and_then(|i| i.locale.as_deref()),
        room.locale.as_deref(),
    )
}

/// A time in the room's time zone (with its UTC offset), in the email's language.
fn when(lang: Lang, room: &Room, t: OffsetDateTime) -> String {
    dates::in_room_zone(lang, t, room.timezone.as_deref())
}

fn uses_sentence(lang: Lang, max_uses: Option<u32>) -> String {
    match max_uses {
        Some(1) => tr!(lang, "email-link-once"),
        Some(n) => tr!(lang, "email-link-n-times", uses = n),
        None => tr!(lang, "email-link-unlimited"),
    }
}

fn role_phrase(lang: Lang, role: Role) -> String {
    lang.t(&format!("role-phrase-{}", role.as_str()), None)
}

/// Who invited, as an invitation names them: the host's address, or "the organizer"
/// in the invite's language.
pub fn inviter(room: &Room, invite: &Invite, host: &Host) -> String {
    match &host.email {
        Some(email) => email.clone(),
        None => organizer_phrase(room, invite),
    }
}

/// "The organizer", in the invite's language: who invited, where the host's address is
/// unknown (an invitation sent again after a restart).
pub fn organizer_phrase(room: &Room, invite: &Invite) -> String {
    tr!(lang_of(Some(invite), room), "email-the-organizer")
}

/// The HTML part: one centred table of at most 560 px with inline styles (what the
/// common mail clients render), light colours that dark modes may invert, no images but
/// the organization's logo, by reference ([`super::branding::apply`]).
fn layout(lang: Lang, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="supported-color-schemes" content="light dark";
                title { (title) }
            }
            body style="margin:0;padding:0" {
                table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" {
                    tr { td align="center" style="padding:16px" {
                        table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
                            style="max-width:560px" dir=(lang.dir()) {
                            tr { td style={ "font-family:Arial,Helvetica,sans-serif;font-size:16px;color:#1b1f24;line-height:1.5;text-align:" (if lang.dir() == "rtl" { "right" } else { "left" }) } {
                                (body)
                            } }
                        }
                    } }
                }
            }
        }
    }
    .into_string()
}

/// The one-click unsubscribe of room mail to `invite`: none without a key.
fn unsubscribe_for(invite: &Invite, config: &AppConfig) -> Option<ListUnsubscribe> {
    let key = &config.unsubscribe_key;
    let url = unsubscribe::url(&config.public_base_url, key, &invite.invite_id)?;
    let tag = unsubscribe::sign(key, &invite.invite_id)?;
    Some(ListUnsubscribe {
        url,
        mailto: format!(
            "mailto:{}?subject=unsubscribe%20{}%20{tag}",
            ics_address(&config.organizer),
            invite.invite_id
        ),
    })
}

/// The foot of a room mail: the unsubscribe link, in the text part and the HTML part.
fn unsubscribe_foot(lang: Lang, unsubscribe: Option<&ListUnsubscribe>) -> (String, Markup) {
    match unsubscribe {
        Some(u) => (
            format!(
                "\n--\n{}\n",
                tr!(lang, "email-unsubscribe-text", url = u.url.as_str())
            ),
            html! {
                p style="font-size:12px;color:#555555;border-top:1px solid #dddddd;padding-top:12px;margin-top:24px" {
                    a href=(u.url) style="color:#555555" { (tr!(lang, "email-unsubscribe")) }
                }
            },
        ),
        None => (String::new(), html! {}),
    }
}

/// The button of an email: a bulletproof table cell link.
fn button(href: &str, label: &str) -> Markup {
    html! {
        table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:16px 0" {
            tr { td style="border-radius:6px;background:#0b5cad" {
                a href=(href) style="display:inline-block;padding:10px 18px;color:#ffffff;text-decoration:none;font-weight:bold;font-family:Arial,Helvetica,sans-serif" { (label) }
            } }
        }
    }
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
    invitation_from(
        room,
        invite,
        link,
        &inviter(room, invite, host),
        organizer,
        now,
    )
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
    let who = guest_inviter(room, invite, inviter);
    invitation_from(room, invite, link, &who, organizer, now)
}

/// Who invited, for an invitation sent from inside the room (in the invite's language).
pub fn guest_inviter(room: &Room, invite: &Invite, inviter: &Participant) -> String {
    let lang = lang_of(Some(invite), room);
    tr!(
        lang,
        "email-guest-inviter",
        name = guest_invite::display_name(&inviter.email),
        role = role_phrase(lang, inviter.role)
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
    let lang = lang_of(Some(invite), room);
    let title = room.title.as_str();
    let email = invite.email.as_str();
    let starts = tr!(
        lang,
        "email-starts",
        time = when(lang, room, room.starts_at)
    );
    let valid = tr!(
        lang,
        "email-valid-until",
        time = when(lang, room, invite.expires_at),
        uses = uses_sentence(lang, invite.max_uses)
    );
    let invited = tr!(
        lang,
        "email-invitation-who",
        who = who,
        title = title,
        role = role_phrase(lang, invite.role)
    );
    let enter = tr!(lang, "email-enter-address", email = email);
    let subject = tr!(lang, "email-invitation-subject", title = title);
    let text = format!(
        "{invited}\n\n{starts}\n\n{join}\n\n{valid}\n{enter}\n\n{ignore}\n",
        join = tr!(lang, "email-join-text", link = link),
        ignore = tr!(lang, "email-ignore"),
    );
    let html = layout(
        lang,
        &subject,
        html! {
            h1 style="font-size:20px" { (tr!(lang, "email-invitation-heading", title = title)) }
            p { (invited) }
            p { strong { (starts) } }
            @if !room.description.is_empty() { p { (room.description) } }
            (button(link, &tr!(lang, "email-join")))
            p style="font-size:13px;color:#444444" { (valid) " " (enter) }
            p style="font-size:13px;color:#444444" { (tr!(lang, "email-copy-link")) br; (link) }
            p style="font-size:13px;color:#444444" { (tr!(lang, "email-ignore")) }
        },
    );
    calendar_email(
        room,
        invite,
        organizer,
        CalendarMethod::Request,
        now,
        (subject, text, html),
        None,
    )
}

/// The one-time code of a `verify: code` room: short, no link (a code in a link would
/// let a forwarded email admit its reader), in the invitation's style. Not tagged with
/// the invite: its delivery events must not change the invitation's `delivery`.
pub fn admission_code_email(
    room: &Room,
    locale: Option<&str>,
    to: &EmailAddress,
    code: &str,
    valid_for: Duration,
) -> OutgoingEmail {
    let minutes = (valid_for.whole_seconds() + 59) / 60;
    let title = room.title.as_str();
    let lang = i18n::for_email(locale, room.locale.as_deref());
    let subject = tr!(lang, "email-code-subject", title = title);
    let valid = tr!(lang, "email-code-valid", minutes = minutes);
    let text = format!(
        "{intro}\n\n    {code}\n\n{type_it} {valid}\n\n{ignore}\n",
        intro = tr!(lang, "email-code-intro", title = title),
        type_it = tr!(lang, "email-code-type-it"),
        ignore = tr!(lang, "email-code-ignore"),
    );
    let html = layout(
        lang,
        &subject,
        html! {
            h1 style="font-size:20px" { (tr!(lang, "email-code-heading", title = title)) }
            p { (tr!(lang, "email-code-type-it")) }
            p style="font-size:28px;font-weight:bold;letter-spacing:6px;font-family:Menlo,Consolas,monospace" dir="ltr" { (code) }
            p style="font-size:13px;color:#444444" { (valid) }
            p style="font-size:13px;color:#444444" { (tr!(lang, "email-code-ignore")) }
        },
    );
    OutgoingEmail {
        to: to.clone(),
        subject,
        text,
        html,
        attachments: Vec::new(),
        tags: vec![("kind".into(), "admission_code".into())],
        list_unsubscribe: None,
        from_name: None,
        reply_to: None,
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
    let lang = lang_of(None, room);
    let label = |p: &crate::domain::Permission| {
        lang.t(
            &format!("permission-{}", p.as_str().replace('_', "-")),
            None,
        )
    };
    let gained: Vec<String> = to
        .permissions()
        .iter()
        .filter(|p| !from.permissions().contains(p))
        .map(label)
        .collect();
    let lost: Vec<String> = from
        .permissions()
        .iter()
        .filter(|p| !to.permissions().contains(p))
        .map(label)
        .collect();
    let name = |r: Role| lang.t(&format!("role-word-{}", r.as_str()), None);
    let title = room.title.as_str();
    let subject = tr!(lang, "email-role-subject", title = title, role = name(to));
    let room_url = format!("{}/rooms/{}", config.public_base_url, room.room_id);
    let mut lines = vec![tr!(
        lang,
        "email-role-changed",
        title = title,
        from = name(from),
        to = name(to)
    )];
    if !gained.is_empty() {
        lines.push(tr!(lang, "email-role-gained", list = gained.join(", ")));
    }
    if !lost.is_empty() {
        lines.push(tr!(lang, "email-role-lost", list = lost.join(", ")));
    }
    lines.push(tr!(
        lang,
        "email-role-nothing-to-do",
        url = room_url.as_str()
    ));
    let text = lines.join("\n") + "\n";
    let html = layout(
        lang,
        &subject,
        html! {
            h1 style="font-size:20px" { (subject) }
            @for line in &lines[..lines.len() - 1] { p { (line) } }
            (button(&room_url, title))
            p style="font-size:13px;color:#444444" { (lines[lines.len() - 1]) }
        },
    );
    OutgoingEmail {
        to: email.clone(),
        subject,
        text,
        html,
        attachments: vec![],
        tags: vec![],
        list_unsubscribe: None,
        from_name: None,
        reply_to: None,
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
    list_unsubscribe: Option<ListUnsubscribe>,
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
        list_unsubscribe,
        from_name: None,
        reply_to: None,
    }
}

fn when_phrase(lang: Lang, minutes: u32) -> String {
    match minutes {
        1440 => tr!(lang, "email-when-tomorrow"),
        m if m % 1440 == 0 => tr!(lang, "email-when-days", n = m / 1440),
        m if m % 60 == 0 => tr!(lang, "email-when-hours", n = m / 60),
        m => tr!(lang, "email-when-minutes", n = m),
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
    let lang = lang_of(Some(invite), room);
    let soon = when_phrase(lang, minutes_before);
    let title = room.title.as_str();
    let starts = tr!(
        lang,
        "email-starts",
        time = when(lang, room, room.starts_at)
    );
    let url = room_url(room, config);
    let subject = tr!(
        lang,
        "email-reminder-subject",
        title = title,
        when = soon.as_str()
    );
    let joined = tr!(lang, "email-reminder-joined", url = url.as_str());
    let otherwise = tr!(
        lang,
        "email-reminder-otherwise",
        email = invite.email.as_str()
    );
    let unsubscribe = unsubscribe_for(invite, config);
    let (foot_text, foot_html) = unsubscribe_foot(lang, unsubscribe.as_ref());
    let text = format!(
        "{heading}\n{starts}\n\n{joined}\n{otherwise}\n{foot_text}",
        heading = tr!(
            lang,
            "email-reminder-heading",
            title = title,
            when = soon.as_str()
        ),
    );
    let html = layout(
        lang,
        &subject,
        html! {
            h1 style="font-size:20px" { (tr!(lang, "email-reminder-heading", title = title, when = soon.as_str())) }
            p { strong { (starts) } }
            p { (joined) }
            (button(&url, title))
            p { (otherwise) }
            (foot_html)
        },
    );
    OutgoingEmail {
        to: invite.email.clone(),
        subject,
        text,
        html,
        attachments: vec![],
        tags: vec![(INVITE_TAG.to_owned(), invite.invite_id.clone())],
        list_unsubscribe: unsubscribe,
        from_name: None,
        reply_to: None,
    }
}

/// The updated invitation after a reschedule: the new time and the calendar update.
pub fn update_email(
    room: &Room,
    invite: &Invite,
    config: &AppConfig,
    now: OffsetDateTime,
) -> OutgoingEmail {
    let lang = lang_of(Some(invite), room);
    let title = room.title.as_str();
    let starts = when(lang, room, room.starts_at);
    let subject = tr!(
        lang,
        "email-update-subject",
        title = title,
        time = starts.as_str()
    );
    let heading = tr!(lang, "email-update-heading", title = title);
    let now_starts = tr!(lang, "email-update-now-starts", time = starts.as_str());
    let same = tr!(lang, "email-update-same-link");
    let unsubscribe = unsubscribe_for(invite, config);
    let (foot_text, foot_html) = unsubscribe_foot(lang, unsubscribe.as_ref());
    let text = format!("{heading}\n{now_starts}\n\n{same}\n{foot_text}");
    let html = layout(
        lang,
        &subject,
        html! {
            h1 style="font-size:20px" { (heading) }
            p { strong { (now_starts) } }
            p { (same) }
            (foot_html)
        },
    );
    calendar_email(
        room,
        invite,
        &config.organizer,
        CalendarMethod::Request,
        now,
        (subject, text, html),
        unsubscribe,
    )
}

/// The cancellation after the room was deleted.
pub fn cancel_email(
    room: &Room,
    invite: &Invite,
    config: &AppConfig,
    now: OffsetDateTime,
) -> OutgoingEmail {
    let lang = lang_of(Some(invite), room);
    let title = room.title.as_str();
    let starts = when(lang, room, room.starts_at);
    let subject = tr!(lang, "email-cancel-subject", title = title);
    let heading = tr!(lang, "email-cancel-heading", title = title);
    let body = tr!(lang, "email-cancel-body", time = starts.as_str());
    let calendar = tr!(lang, "email-cancel-calendar");
    let unsubscribe = unsubscribe_for(invite, config);
    let (foot_text, foot_html) = unsubscribe_foot(lang, unsubscribe.as_ref());
    let text = format!("{heading}\n{body}\n{calendar}\n{foot_text}");
    let html = layout(
        lang,
        &subject,
        html! {
            h1 style="font-size:20px" { (heading) }
            p { (body) }
            p { (calendar) }
            (foot_html)
        },
    );
    calendar_email(
        room,
        invite,
        &config.organizer,
        CalendarMethod::Cancel,
        now,
        (subject, text, html),
        unsubscribe,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::room;
    use crate::domain::invite::Delivery;
    use crate::domain::TokenHash;
    use time::macros::datetime;

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
            locale: None,
            unsubscribed_at: None,
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
            assert!(
                part.contains("Tuesday, December 1, 2026 at 3:00\u{202f}PM UTC"),
                "{part}"
            );
            assert!(part.contains("The link works once"));
            assert!(part.contains("Friday, December 4, 2026 at 10:00\u{202f}AM UTC"));
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
            unsubscribe_key: b"unsubscribe-test-key-of-32-bytes".to_vec(),
        };
        let email = EmailAddress::parse("ann@example.com").unwrap();
        let up = role_change_email(&room("T"), &email, Role::Viewer, Role::Moderator, &cfg);
        assert!(up.text.contains("from viewer to moderator"), "{}", up.text);
        assert!(up.text.contains("Speaker backchannel, Q&A moderation"));
        let down = role_change_email(&room("T"), &email, Role::Moderator, Role::Viewer, &cfg);
        assert!(down
            .text
            .contains("You no longer have: Speaker backchannel, Q&A moderation"));
    }
}
