//! Every page and every email renders in every shipped locale without a missing
//! message (`⟦id⟧`), in the page's language and direction (issue 20's "a test that
//! cannot be fooled", with the message-level checks in `i18n::tests`).

use super::pages::{self, GuestInviteForm, InviteNotice, LobbyForm, Stage};
use crate::app::{
    self as notifications, AppConfig, Host, JoinView, ModeratorWaitingEntry, RoomPage,
};
use crate::domain::guest_invite::GuestInviteRefusal;
use crate::domain::room::RoomStatus;
use crate::domain::{
    AdmissionState, EmailAddress, Error, Invite, Participant, Role, Room, TokenHash, Verify,
};
use crate::i18n::{self, Lang, MISSING};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2026-11-27 10:00 UTC);

fn room(lang: Lang, verify: Verify, status: RoomStatus) -> Room {
    let admission = crate::domain::AdmissionSettings {
        verify,
        ..Default::default()
    };
    Room {
        room_id: "R1".into(),
        org: "o".into(),
        title: "Q4 <all-hands>".into(),
        description: "Numbers".into(),
        starts_at: datetime!(2026-12-01 15:00 UTC),
        ends_at: None,
        speakers: vec![crate::domain::room::Speaker {
            name: "Dana".into(),
            title: Some("CEO".into()),
        }],
        attachments: vec![crate::domain::room::Attachment {
            name: "Agenda".into(),
            url: "https://example.com/a.pdf".into(),
        }],
        status,
        reminders: vec![1440, 15],
        admission,
        locale: Some(lang.tag().into()),
        timezone: Some("Europe/Paris".into()),
        created_by: "h".into(),
        created_at: NOW,
        deleted_at: None,
        version: 2,
    }
}

fn email() -> EmailAddress {
    EmailAddress::parse("ann@example.com").expect("address")
}

fn participant(admission: AdmissionState, role: Role) -> Participant {
    let mut p = Participant::new("R1", &email(), role, admission, NOW);
    p.denial_reason = Some("Members only".into());
    p
}

/// Every page a person can see, rendered as a visitor who chose `lang`.
fn pages_in(lang: Lang) -> Vec<(String, String)> {
    i18n::render_in(lang, || {
        let mut out = Vec::new();
        let mut add =
            |name: &str, page: maud::Markup| out.push((name.to_owned(), page.into_string()));
        for verify in [Verify::Email, Verify::Code, Verify::Sso] {
            let view = JoinView {
                room: room(lang, verify, RoomStatus::Scheduled),
                role: Role::Speaker,
                locale: None,
            };
            let form = LobbyForm {
                email: Some("ann@example.com".into()),
                code_step: true,
                expires_in: Some(600),
                sign_in: Some("/join/T/sso".into()),
            };
            add(
                "lobby",
                pages::lobby(&view, Some(&Error::EmailMismatch), &LobbyForm::default()),
            );
            add(
                "lobby-code",
                pages::lobby(&view, Some(&Error::CodeInvalid { attempts_left: 2 }), &form),
            );
        }
        for (admission, knock) in [
            (AdmissionState::Waiting, false),
            (AdmissionState::Denied, true),
            (AdmissionState::Denied, false),
        ] {
            let page = RoomPage {
                room: room(lang, Verify::Email, RoomStatus::Scheduled),
                participant: participant(admission, Role::Viewer),
                now: NOW,
            };
            add("waiting", pages::waiting(&page, knock));
        }
        let invite = GuestInviteForm {
            roles: crate::domain::guest_invite::grantable_roles(Role::Moderator),
            limit: 20,
            email: "bo@example.com".into(),
            role: Some(Role::Viewer),
            notice: Some(InviteNotice::Failed(Error::GuestInviteRefused(
                GuestInviteRefusal::AboveOwnRole {
                    inviter: Role::Speaker,
                    requested: Role::Moderator,
                },
            ))),
        };
        let panel = super::moderator_panel::waiting_panel(
            lang,
            "R1",
            &[ModeratorWaitingEntry {
                identity: "p_1".into(),
                name: "bo".into(),
                domain: "example.com".into(),
                role: Role::Viewer,
                knocked_at: NOW,
            }],
        );
        for status in [RoomStatus::Scheduled, RoomStatus::Live] {
            let page = RoomPage {
                room: room(lang, Verify::Email, status),
                participant: participant(AdmissionState::Admitted, Role::Moderator),
                now: NOW,
            };
            let stage = Stage {
                backend: "redirect",
                client_page: None,
            };
            add(
                "room",
                pages::room(&page, &stage, &invite, Some(panel.clone())),
            );
        }
        for code in [
            Error::InvalidLink,
            Error::InviteRevoked,
            Error::RoomDeleted,
            Error::LinkExpired,
            Error::LinkUsed,
            Error::EmailMismatch,
            Error::TooManyAttempts,
            Error::NotAParticipant,
            Error::DomainBlocked,
            Error::InvalidEmail,
            Error::RoomNotFound,
            Error::NotFound,
            Error::Forbidden,
            Error::InviteLimitReached,
            Error::CodeInvalid { attempts_left: 1 },
            Error::CodeExpired,
            Error::TooManyRequests { retry_after: 30 },
            Error::SsoFailed,
            Error::VerificationRequired { url: "/x".into() },
            Error::IdentityProviderUnavailable,
            Error::ServiceUnavailable { retry_after: 3 },
            Error::AwaitingApproval,
            Error::AdmissionDenied { reason: None },
            Error::NotLive,
            Error::RoomBackendUnavailable,
            Error::Internal("x".into()),
            Error::bad_request("x"),
            Error::GuestInviteRefused(GuestInviteRefusal::Disabled),
            Error::GuestInviteRefused(GuestInviteRefusal::ViewerRole),
        ] {
            add(&format!("error {}", code.code()), pages::error_page(&code));
        }
        add(
            "signed in elsewhere",
            pages::signed_in_elsewhere("bo@example.com"),
        );
        out
    })
}

#[test]
fn every_page_renders_in_every_locale_without_a_missing_message() {
    for lang in Lang::all() {
        for (name, page) in pages_in(lang) {
            let head = format!(r#"<html lang="{}" dir="{}">"#, lang.tag(), lang.dir());
            assert!(page.contains(&head), "{} {name}: {head}", lang.tag());
            assert!(
                !page.contains(MISSING),
                "{} {name} misses a message",
                lang.tag()
            );
            if lang != Lang::EN {
                for english in [
                    "What you can do",
                    "Error code",
                    "Starts ",
                    "Sign in to the room",
                    "Waiting room",
                ] {
                    assert!(
                        !page.contains(english),
                        "{} {name} has {english:?}",
                        lang.tag()
                    );
                }
            }
        }
    }
}

fn config() -> AppConfig {
    AppConfig {
        mail_retry: Default::default(),
        public_base_url: "https://rooms.example.com".into(),
        policy: Default::default(),
        link_key: vec![1; 32],
        identity_key: vec![2; 32],
        list_key: vec![3; 32],
        participant_invite_limit: 20,
        admission: Default::default(),
        organizer: "invites@example.org".into(),
        unsubscribe_key: vec![4; 32],
    }
}

fn invite(locale: Option<&str>) -> Invite {
    Invite {
        invite_id: "I1".into(),
        room_id: "R1".into(),
        org: "o".into(),
        email: email(),
        role: Role::Viewer,
        max_uses: Some(3),
        uses: 0,
        expires_at: NOW + Duration::days(7),
        token_hash: TokenHash("h".into()),
        failed_attempts: 0,
        revoked_at: None,
        delivery: crate::domain::Delivery::Pending,
        created_by: "h".into(),
        created_at: NOW,
        locale: locale.map(str::to_owned),
        unsubscribed_at: None,
        mail_nonce: None,
    }
}

#[test]
fn every_email_renders_in_every_locale_and_follows_the_invite_then_the_room() {
    let cfg = config();
    let host = Host {
        sub: "h".into(),
        org: "o".into(),
        email: None,
        can_write: true,
    };
    for lang in Lang::all() {
        // The room says `lang`; the invite says nothing, so `lang` applies.
        let r = room(lang, Verify::Email, RoomStatus::Scheduled);
        let i = invite(None);
        let mails = [
            notifications::invitation_email(
                &r,
                &i,
                "https://x/join/T",
                &host,
                "invites@example.org",
                NOW,
            ),
            notifications::admission_code_email(
                &r,
                None,
                &email(),
                "123456",
                Duration::minutes(10),
            ),
            notifications::role_change_email(&r, &email(), Role::Viewer, Role::Moderator, &cfg),
            notifications::reminder_email(&r, &i, 15, &cfg),
            notifications::update_email(&r, &i, &cfg, NOW),
            notifications::cancel_email(&r, &i, &cfg, NOW),
        ];
        for m in &mails {
            for part in [&m.subject, &m.text, &m.html] {
                assert!(!part.contains(MISSING), "{}: {part}", lang.tag());
            }
            assert!(m
                .html
                .contains(&format!(r#"lang="{}" dir="{}""#, lang.tag(), lang.dir())));
            for a in &m.attachments {
                let ics = String::from_utf8_lossy(&a.content);
                assert!(!ics.contains(MISSING), "{}: {ics}", lang.tag());
            }
        }
        // Room mail carries the one-click unsubscribe; invitations and codes do not.
        assert!(mails[0].list_unsubscribe.is_none() && mails[1].list_unsubscribe.is_none());
        for m in &mails[3..] {
            let u = m.list_unsubscribe.as_ref().expect("unsubscribe");
            assert!(u
                .url
                .starts_with("https://rooms.example.com/unsubscribe/I1?s="));
            assert!(u
                .mailto
                .starts_with("mailto:invites@example.org?subject=unsubscribe%20I1%20"));
            assert!(m.text.contains(&u.url) && m.html.contains(&u.url));
        }
    }
    // The invite's locale wins over the room's.
    let r = room(Lang::EN, Verify::Email, RoomStatus::Scheduled);
    let m = notifications::reminder_email(&r, &invite(Some("ja")), 15, &cfg);
    assert!(m.html.contains(r#"lang="ja""#), "{}", m.html);
    assert!(m.subject.starts_with("リマインダー"), "{}", m.subject);
}
