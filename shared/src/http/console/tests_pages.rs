//! Every console page renders from the console's message file: in English without a
//! missing message (`⟦id⟧`), with the page's `lang` and `dir`, and in Arabic right to
//! left (its messages are translated later: there the test checks the frame only).

use super::texts::{script_texts, Script};
use super::{branding, dashboard, people, rooms, views, ConsoleHost};
use crate::app::Host;
use crate::domain::invite::{Delivery, InviteStatus, InviteView};
use crate::domain::listing::{InviteFilter, RoomSummary};
use crate::domain::room::RoomStatus;
use crate::domain::{AdmissionState, EmailAddress, Error, Participant, Role, Room};
use crate::i18n::{self, Lang, MISSING};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2026-11-27 10:00 UTC);

fn room() -> Room {
    Room {
        room_id: "R1".into(),
        org: "o".into(),
        title: "Q4 <all-hands>".into(),
        description: "Numbers".into(),
        starts_at: datetime!(2026-12-01 15:00 UTC),
        ends_at: Some(datetime!(2026-12-01 16:00 UTC)),
        speakers: vec![crate::domain::room::Speaker {
            name: "Dana".into(),
            title: Some("CEO".into()),
        }],
        attachments: vec![crate::domain::room::Attachment {
            name: "Agenda".into(),
            url: "https://example.com/a.pdf".into(),
        }],
        status: RoomStatus::Scheduled,
        reminders: vec![1440, 15],
        admission: Default::default(),
        locale: None,
        timezone: None,
        created_by: "h".into(),
        created_at: NOW,
        deleted_at: None,
        version: 2,
    }
}

fn console(can_write: bool) -> ConsoleHost {
    ConsoleHost {
        host: Host {
            sub: "h".into(),
            org: "acme".into(),
            email: Some("dana@acme.example".into()),
            can_write,
        },
        csrf: "csrf-token".into(),
    }
}

fn email() -> EmailAddress {
    EmailAddress::parse("ann@example.com").expect("address")
}

fn invite(max_uses: Option<u32>, status: InviteStatus, delivery: Delivery) -> InviteView {
    InviteView {
        invite_id: "I1".into(),
        room_id: "R1".into(),
        email: email(),
        role: Role::Speaker,
        max_uses,
        uses: 1,
        expires_at: NOW + Duration::days(7),
        status,
        delivery,
        created_by: "h".into(),
        created_at: NOW,
        locale: None,
        unsubscribed_at: None,
        link: None,
    }
}

/// Every console page (each handler's HTML), rendered as a visitor who chose `lang`.
fn pages_in(lang: Lang) -> Vec<(String, String)> {
    i18n::render_in(lang, || {
        let mut out = Vec::new();
        let mut add =
            |name: &str, page: maud::Markup| out.push((name.to_owned(), page.into_string()));
        let r = room();
        let live = Room {
            status: RoomStatus::Live,
            reminders: vec![],
            ends_at: None,
            ..room()
        };
        for write in [true, false] {
            let c = console(write);
            add("sign-in help", views::sign_in_help());
            add("signed in", views::signed_in());
            add("signed out", views::signed_out());
            add(
                "rooms",
                views::rooms(
                    &c.host,
                    &c.csrf,
                    &[r.clone(), live.clone()],
                    Some("/console"),
                    Some("/console?cursor=x".into()),
                    Some(&Error::bad_request("title is required.")),
                ),
            );
            add(
                "no rooms",
                views::rooms(&c.host, &c.csrf, &[], None, None, None),
            );
            add("room", rooms::room_page(&c, &r, None, None));
            add(
                "room with an error",
                rooms::room_page(&c, &live, Some(&Error::InvalidExpiry), None),
            );
            add("delete one", rooms::delete_page(&c, &r, 1));
            add("delete many", rooms::delete_page(&c, &r, 1200));
            let invites = [
                invite(Some(3), InviteStatus::Active, Delivery::NotSent),
                invite(None, InviteStatus::Revoked, Delivery::Pending),
            ];
            add(
                "invites",
                people::invites_page(
                    &c,
                    &r,
                    &InviteFilter::default(),
                    "",
                    &invites,
                    Some("/x"),
                    Some("/y".into()),
                ),
            );
            add(
                "no invites",
                people::invites_page(
                    &c,
                    &r,
                    &InviteFilter::default(),
                    "role=viewer",
                    &[],
                    None,
                    None,
                ),
            );
            add(
                "bulk page",
                people::bulk_page(
                    &c,
                    &r,
                    "revoke",
                    (99, 1),
                    Some("next".into()),
                    &[("role", "viewer")],
                ),
            );
            add(
                "bulk done",
                people::bulk_page(&c, &r, "resend", (1, 0), None, &[]),
            );
            let parts = [
                Participant::new("R1", &email(), Role::Viewer, AdmissionState::Admitted, NOW),
                Participant::new(
                    "R1",
                    &email(),
                    Role::Moderator,
                    AdmissionState::Waiting,
                    NOW,
                ),
            ];
            add(
                "participants",
                people::participants_page(&c, &r, Some(Role::Viewer), "", &parts, None, None),
            );
            add(
                "no participants",
                people::participants_page(&c, &r, None, "", &[], Some("/x"), None),
            );
            let mut brand = crate::domain::Branding::unset("org-a");
            add(
                "branding unset",
                branding::page(&c, &brand, &branding::Values::of(&brand), None, false),
            );
            brand.display_name = Some("Acme".into());
            brand.logo = Some(
                crate::domain::branding::Logo::parse(b"\x89PNG\r\n\x1a\nA".to_vec()).expect("png"),
            );
            add(
                "branding saved",
                branding::page(&c, &brand, &branding::Values::of(&brand), None, true),
            );
            add(
                "branding refused",
                branding::page(
                    &c,
                    &brand,
                    &branding::Values::of(&brand),
                    Some(&Error::ValidationFailed("accent_color: contrast".into())),
                    false,
                ),
            );
            let summary = RoomSummary::default();
            let joins = [NOW, NOW + Duration::minutes(5), NOW + Duration::hours(2)];
            for (name, joins) in [("dashboard", &joins[..]), ("empty dashboard", &[])] {
                let part = dashboard::live_part(lang, &summary, joins);
                add(name, dashboard::page(lang, &c, &r, part.clone()));
                add("dashboard live part", part);
            }
        }
        for error in [
            Error::Unauthorized,
            Error::Forbidden,
            Error::NotFound,
            Error::RoomNotFound,
            Error::LinkUsed,
            Error::SsoFailed,
            Error::IdentityProviderUnavailable,
            Error::ServiceUnavailable { retry_after: 3 },
            Error::Internal("x".into()),
            Error::bad_request("x"),
            Error::InviteLimitReached,
            Error::InvalidLink,
        ] {
            add(
                &format!("error {}", error.code()),
                views::error_page(&error),
            );
        }
        out
    })
}

/// Every console page and the script's messages in every shipped locale: no
/// missing-message marker, the page's own `lang` and `dir`.
#[test]
fn every_console_page_renders_in_every_locale_without_a_missing_message() {
    for lang in Lang::all() {
        for (name, page) in pages_in(lang) {
            assert!(
                !page.contains(MISSING),
                "{} {name} misses a message",
                lang.tag()
            );
            if name != "dashboard live part" {
                let html = format!(r#"<html lang="{}" dir="{}">"#, lang.tag(), lang.dir());
                assert!(page.contains(&html), "{} {name}", lang.tag());
            }
        }
        for script in [Script::Import, Script::Bulk] {
            let texts = script_texts(lang, script);
            assert!(!texts.contains(MISSING), "{} {texts}", lang.tag());
        }
    }
}

#[test]
fn every_console_page_renders_in_english_without_a_missing_message() {
    for (name, page) in pages_in(Lang::EN) {
        assert!(!page.contains(MISSING), "{name} misses a message: {page}");
        if name != "dashboard live part" {
            assert!(
                page.contains(r#"<html lang="en" dir="ltr">"#),
                "{name}: {page}"
            );
        }
    }
    let texts: serde_json::Value = serde_json::from_str(script_texts(Lang::EN, Script::Import))
        .expect("the script's messages are JSON");
    assert!(!texts.to_string().contains(MISSING), "{texts}");
    let bulk: serde_json::Value = serde_json::from_str(script_texts(Lang::EN, Script::Bulk))
        .expect("the script's messages are JSON");
    assert!(!bulk.to_string().contains(MISSING), "{bulk}");
    assert_eq!(bulk["bulkFinished"]["select"], "done");
    assert_eq!(
        texts["counts"]["one"],
        "{rows} row: {ready} ready, {bad} with problems (not sent)."
    );
    assert_eq!(texts["emailsGoOut"]["other"], "{count} emails will go out.");
    assert_eq!(texts["emailsGoOut"]["select"], "count");
    assert_eq!(
        texts["errors"]["forbidden"],
        Lang::EN.t("console-error-forbidden", None)
    );
}

#[test]
fn console_pages_say_what_they_show_in_english() {
    // The first page of each name (a host who may write).
    let mut pages = std::collections::BTreeMap::new();
    for (name, page) in pages_in(Lang::EN) {
        pages.entry(name).or_insert(page);
    }
    let has = |name: &str, text: &str| {
        assert!(
            pages[name].contains(text),
            "{name} lacks {text:?}: {}",
            pages[name]
        );
    };
    has("rooms", "<h1>Rooms</h1>");
    has("rooms", "Dec 1, 2026, 3:00");
    has("room", "Tuesday, December 1, 2026");
    has("rooms", r#"datetime="2026-12-01T15:00:00Z""#);
    has("delete one", "1 person will get a cancellation email.");
    has("delete many", "1,200 people will get a cancellation email.");
    has("delete many", "Delete the room and notify 1,200 people");
    has("invites", "Invites of Q4 &lt;all-hands&gt;");
    has("invites", r#"aria-label="Revoke ann@example.com""#);
    has("invites", r#"aria-label="Resend to ann@example.com""#);
    has("participants", "Participants of Q4");
    has("dashboard", "Dashboard of Q4");
    has("dashboard", "3 redemptions shown, from <time");
    has(
        "dashboard",
        r#"Joined participants: <strong id="joined">0</strong>"#,
    );
    has("room", "Starts <time");
    has("sign-in help", "<code>HOST_OIDC_CLIENT_SECRET</code>");
    has("room", "<code>email</code>");
    has("room", "up to 100,000 rows");
    // The script's messages, in a data block (`'` of "organization's" stays JSON-safe).
    has(
        "room",
        r#"<script type="application/json" id="console-text">{"#,
    );
    has(
        "invites",
        r#"<script type="application/json" id="console-text">{"#,
    );
    has("error forbidden", "Error code: <code>forbidden</code>");
    has("bulk page", "99 invites done, 1 not possible on this page.");
    // The language picker: every language, the current one marked.
    has(
        "rooms",
        r#"<span aria-current="true" lang="en">English</span>"#,
    );
    has("rooms", r#"href="/console?lang=ar""#);
    has("invites", r#"href="/console/rooms/R1/invites?lang=de""#);
}

#[test]
fn console_pages_in_arabic_are_right_to_left() {
    for (name, page) in pages_in(Lang::from_tag("ar").expect("ar")) {
        if name != "dashboard live part" {
            assert!(
                page.contains(r#"<html lang="ar" dir="rtl">"#),
                "{name}: {page}"
            );
        }
    }
}
