//! Reminders before the start and calendar updates (issue 11, item 3): the room
//! setting `reminders`, the local scheduler's reminder emails (also after a restart),
//! and the invitation, update and cancellation `.ics` files, each checked field by
//! field by the independent parser `icalendar` (tests/ics/check_ics.py).

use acceptance::*;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;
use time::Duration;

const LIMIT: StdDuration = StdDuration::from_secs(20);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

async fn room_with(s: &TestService, t: &str, starts_in: Duration, extra: Value) -> Value {
    let mut body = json!({
        "title": "Launch review", "description": "Plans; numbers, and Q&A",
        "starts_at": shared::domain::time_fmt::format(s.clock.now() + starts_in),
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let r = s.send(Call::post("/api/rooms").bearer(t).json(&body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()
}

fn with_subject(s: &TestService, to: &str, prefix: &str) -> Vec<String> {
    s.emails_to(to)
        .into_iter()
        .filter(|m| m.contains(&format!("\r\nSubject: {prefix}")))
        .collect()
}

#[tokio::test]
async fn reminders_default_to_24h_and_15min_and_are_validated() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let room = room_with(&s, &t, Duration::days(3), json!({})).await;
    assert_eq!(room["reminders"], json!([1440, 15]));
    let id = room["room_id"].as_str().expect("id");
    let armed = s.local().scheduler.armed_jobs();
    assert_eq!(
        armed,
        vec![format!("reminder-{id}-1440"), format!("reminder-{id}-15")]
    );
    let none = room_with(&s, &t, Duration::days(3), json!({"reminders": []})).await;
    assert_eq!(none["reminders"], json!([]));
    for bad in [
        json!([0]),
        json!(["PT15M"]),
        json!([1, 2, 3, 4, 5, 6]),
        json!([50000]),
    ] {
        let r = s
            .send(Call::post("/api/rooms").bearer(&t).json(&json!({
                "title": "x", "starts_at": "2030-01-01T10:00:00Z", "reminders": bad
            })))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text());
    }
    // PATCH replaces the list and re-arms; [] disarms.
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"reminders": [60]})),
        )
        .await;
    assert_eq!(r.json()["reminders"], json!([60]), "{}", r.text());
    assert_eq!(
        s.local()
            .scheduler
            .armed_jobs()
            .iter()
            .filter(|n| n.contains(id))
            .count(),
        1
    );
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"reminders": []})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!s
        .local()
        .scheduler
        .armed_jobs()
        .iter()
        .any(|n| n.contains(id)));
}

#[tokio::test]
async fn a_reminder_already_past_at_creation_is_not_scheduled() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    // Starts in 30 minutes: the 24 h reminder is past, the 15 min one is ahead.
    let room = room_with(&s, &t, Duration::minutes(30), json!({})).await;
    let id = room["room_id"].as_str().expect("id");
    assert_eq!(
        s.local().scheduler.armed_jobs(),
        vec![format!("reminder-{id}-15")]
    );
}

#[tokio::test]
async fn every_invitee_gets_the_reminder_once_and_revoked_ones_do_not() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    // Invites first (no reminders yet), then the room moves to start in 1 minute and
    // 3 seconds with a 1-minute reminder: it fires 3 s later, whatever the store's speed.
    let room = room_with(&s, &t, Duration::days(1), json!({"reminders": []})).await;
    let id = room["room_id"].as_str().expect("id").to_owned();
    for who in [
        "ann@example.com",
        "ann@example.com",
        "bob@example.com",
        "eve@example.com",
    ] {
        let r = s.invite(&t, &id, json!({"email": who})).await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let shared_link = s
        .invite(
            &t,
            &id,
            json!({"email": "sam@example.com", "send_email": false}),
        )
        .await;
    assert_eq!(shared_link.status, StatusCode::CREATED);
    let eve = s
        .invite(&t, &id, json!({"email": "eve2@example.com"}))
        .await;
    let eve_id = eve.json()["invite_id"].as_str().expect("id").to_owned();
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{id}/invites/{eve_id}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let starts_at = shared::domain::time_fmt::format(s.clock.now() + Duration::seconds(63));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"starts_at": starts_at, "reminders": [1]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    s.eventually("the reminders", LIMIT, || async {
        with_subject(&s, "bob@example.com", "Reminder:").len() == 1
            && with_subject(&s, "ann@example.com", "Reminder:").len() == 1
    })
    .await;
    let reminder = &with_subject(&s, "ann@example.com", "Reminder:")[0];
    assert!(reminder.contains("starts in 1 minute"), "{reminder}");
    assert!(reminder.contains(&format!("/rooms/{id}")), "{reminder}");
    assert!(link_in(reminder).is_none(), "no join link in a reminder");
    assert!(
        with_subject(&s, "eve2@example.com", "Reminder:").is_empty(),
        "revoked"
    );
    assert!(
        with_subject(&s, "sam@example.com", "Reminder:").is_empty(),
        "send_email false"
    );
}

#[tokio::test]
async fn reminders_survive_a_restart() {
    let mut s = TestService::start().await;
    // Local mode re-arms from its embedded store (the DynamoDB run has no restart).
    if s.store.is_some() {
        return;
    }
    let t = host_token("o", "h");
    let room = room_with(&s, &t, Duration::days(2), json!({"reminders": [60]})).await;
    let id = room["room_id"].as_str().expect("id").to_owned();
    s.restart(None).await;
    assert_eq!(
        s.local().scheduler.armed_jobs(),
        vec![format!("reminder-{id}-60")]
    );
}

/// The .eml files handed to the independent checker, with what each must say.
fn check_calendars(messages: Vec<(String, Value)>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = Vec::new();
    for (i, (eml, mut want)) in messages.into_iter().enumerate() {
        let path = dir.path().join(format!("{i}.eml"));
        std::fs::write(&path, eml).expect("write eml");
        want["eml"] = json!(path.to_string_lossy());
        spec.push(want);
    }
    let spec_path = dir.path().join("spec.json");
    std::fs::write(
        &spec_path,
        json!({"messages": spec, "same_uid": true, "increasing_sequence": true}).to_string(),
    )
    .expect("write spec");
    let python = repo().join(".venv/bin/python");
    let out = std::process::Command::new(&python)
        .arg(repo().join("tests/ics/check_ics.py"))
        .arg(&spec_path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run .ci/setup-moto.sh for the venv)",
                python.display()
            )
        });
    assert!(
        out.status.success(),
        "icalendar check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn invitation_update_and_cancellation_are_one_calendar_event() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let room = room_with(&s, &t, Duration::days(2), json!({})).await;
    let id = room["room_id"].as_str().expect("id").to_owned();
    let first_start = room["starts_at"].as_str().expect("start").to_owned();
    let r = s.invite(&t, &id, json!({"email": "ann@example.com"})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = s.invite(&t, &id, json!({"email": "bob@example.com"})).await;
    assert_eq!(r.status, StatusCode::CREATED);

    let new_start =
        shared::domain::time_fmt::format(s.clock.now() + Duration::days(3) + Duration::hours(2));
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"starts_at": new_start})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    s.eventually("the updated invitations", LIMIT, || async {
        with_subject(&s, "ann@example.com", "Updated:").len() == 1
            && with_subject(&s, "bob@example.com", "Updated:").len() == 1
    })
    .await;
    // The reminders moved with the start.
    let armed = s.local().scheduler.armed_jobs();
    assert!(armed.contains(&format!("reminder-{id}-1440")), "{armed:?}");

    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    s.eventually("the cancellations", LIMIT, || async {
        with_subject(&s, "ann@example.com", "Cancelled:").len() == 1
            && with_subject(&s, "bob@example.com", "Cancelled:").len() == 1
    })
    .await;
    assert!(
        !s.local()
            .scheduler
            .armed_jobs()
            .iter()
            .any(|n| n.contains(&id)),
        "reminders removed"
    );

    let organizer = "mailto:invites@rooms.test";
    for who in ["ann@example.com", "bob@example.com"] {
        let attendee = format!("mailto:{who}");
        let invitation = with_subject(&s, who, "Invitation:")
            .pop()
            .expect("invitation");
        let update = with_subject(&s, who, "Updated:").pop().expect("update");
        let cancel = with_subject(&s, who, "Cancelled:").pop().expect("cancel");
        check_calendars(vec![
            (
                invitation,
                json!({"method": "REQUEST", "status": "CONFIRMED", "dtstart": first_start,
                                "organizer": organizer, "attendee": attendee, "summary": "Launch review"}),
            ),
            (
                update,
                json!({"method": "REQUEST", "status": "CONFIRMED", "dtstart": new_start,
                            "organizer": organizer, "attendee": attendee}),
            ),
            (
                cancel,
                json!({"method": "CANCEL", "status": "CANCELLED", "dtstart": new_start,
                            "organizer": organizer, "attendee": attendee}),
            ),
        ]);
    }
}

#[test]
fn the_checker_fails_on_a_mismatch() {
    // The checker itself must be able to fail: a wrong METHOD is reported.
    let eml = "From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n\
               Content-Type: text/calendar; charset=utf-8; method=PUBLISH\r\n\r\n\
               BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n\
               UID:u1\r\nDTSTAMP:20301201T100000Z\r\nDTSTART:20301201T150000Z\r\nDTEND:20301201T160000Z\r\n\
               END:VEVENT\r\nEND:VCALENDAR\r\n";
    let result = std::panic::catch_unwind(|| {
        check_calendars(vec![(
            eml.to_owned(),
            json!({"method": "REQUEST", "status": "CONFIRMED", "dtstart": "2030-12-01T15:00:00Z",
                   "organizer": "mailto:a@example.com", "attendee": "mailto:b@example.com"}),
        )])
    });
    assert!(
        result.is_err(),
        "a PUBLISH calendar without ORGANIZER must fail the check"
    );
}

#[tokio::test]
async fn a_mailing_pages_through_the_invitees_and_continues_where_it_stopped() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let room = room_with(&s, &t, Duration::days(2), json!({"reminders": []})).await;
    let id = room["room_id"].as_str().expect("id").to_owned();
    let invites: Vec<Value> = (0..150)
        .map(|i| json!({"email": format!("guest{i:03}@example.com")}))
        .collect();
    let r = s
        .send(
            Call::post(&format!("/api/rooms/{id}/invites"))
                .bearer(&t)
                .json(&json!({ "invites": invites })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let starts_at =
        shared::domain::time_fmt::parse(room["starts_at"].as_str().expect("start")).expect("time");
    let job = shared::app::Mailing {
        room_id: id.clone(),
        kind: shared::app::MailingKind::Update,
        starts_at,
        minutes_before: None,
        offset: 0,
    };
    let app = &s.local().state.app;
    // No time budget: one page per run, then the continuation.
    let first = app.run_mailing(&job, Duration::ZERO).await.expect("run");
    assert_eq!((first.sent, first.failed), (shared::app::PAGE, 0));
    let next = first.next.expect("a continuation");
    assert_eq!(next.offset, shared::app::PAGE);
    let second = app.run_mailing(&next, Duration::ZERO).await.expect("run");
    assert_eq!(second.sent, 150 - shared::app::PAGE);
    assert!(second.next.is_none());
    // Everyone got exactly one update.
    for i in [0, 99, 100, 149] {
        let who = format!("guest{i:03}@example.com");
        assert_eq!(with_subject(&s, &who, "Updated:").len(), 1, "{who}");
    }
    // A mailing about a start the room no longer has sends nothing.
    let stale = shared::app::Mailing {
        starts_at: starts_at + Duration::hours(1),
        ..job
    };
    let outcome = app.run_mailing(&stale, Duration::MAX).await.expect("run");
    assert!(outcome.stale && outcome.sent == 0);
}
