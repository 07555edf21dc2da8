//! Invitations from inside the room (integrations contract, section 6):
//! `POST /rooms/{room_id}/invites` with the session cookie of an admitted participant.

use crate::host_api::send_with;
use acceptance::*;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use shared::domain::{participant_identity, DomainPolicy, EmailAddress};
use time::Duration;

const ANN: &str = "ann@example.com";

/// A room, and the session cookie of `ANN` admitted to it as `role`.
async fn room_with(s: &TestService, role: &str) -> (String, String, String) {
    let host = host_token("o", "h");
    let room = s.create_room(&host, Duration::hours(1)).await;
    let link = s
        .invite_link(&host, &room, json!({"email": ANN, "role": role}))
        .await;
    let cookie = s.cookie_for(&link, ANN).await;
    (host, room, cookie)
}

fn invite_call(room: &str, cookie: &str, body: Value) -> Call {
    Call::post(&format!("/rooms/{room}/invites"))
        .cookie(cookie)
        .json(&body)
}

async fn invite_as(s: &TestService, room: &str, cookie: &str, body: Value) -> Reply {
    s.send(invite_call(room, cookie, body)).await
}

async fn host_invites(s: &TestService, host: &str, room: &str) -> Vec<Value> {
    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/invites")).bearer(host))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["invites"].as_array().cloned().unwrap_or_default()
}

/// The identity the service gives `email` in `room` (its key: the generated session secret).
fn identity_of(s: &TestService, room: &str, email: &str) -> String {
    let secret = std::fs::read_to_string(s.dir.path().join("data/session.secret"))
        .expect("the generated session secret");
    let email = EmailAddress::parse(email).expect("email");
    participant_identity(secret.trim().as_bytes(), room, &email)
}

#[tokio::test]
async fn a_speaker_invites_a_viewer_whom_the_host_sees_and_can_revoke() {
    let s = TestService::start().await;
    let (host, room, cookie) = room_with(&s, "speaker").await;

    let sent_at = s.clock.now();
    let r = invite_as(&s, &room, &cookie, json!({"email": "Bob@Example.com"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let body = r.json();
    let mut keys: Vec<&str> = body
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["delivery", "email", "invite_id", "role"]);
    assert_eq!(
        (&body["email"], &body["role"], &body["delivery"]),
        (&json!("bob@example.com"), &json!("viewer"), &json!("sent")),
        "the role defaults to viewer"
    );

    // The email: the normal invitation, naming the inviter by local part only.
    let mail = s
        .emails_to("bob@example.com")
        .pop()
        .expect("invitation sent");
    assert!(mail.contains("Subject: Invitation: Quarterly all-hands"));
    assert!(
        mail.contains(
            "ann, a speaker in this room, invited you to \"Quarterly all-hands\" as a viewer."
        ),
        "{mail}"
    );
    assert!(!mail.contains(ANN), "never the inviter's address");
    assert!(mail.contains("text/calendar") && mail.contains("invite.ics"));

    // The host's list: single use, default validity, created by the participant.
    let listed = host_invites(&s, &host, &room).await;
    let guest = listed
        .iter()
        .find(|i| i["invite_id"] == body["invite_id"])
        .expect("listed for the host");
    let identity = identity_of(&s, &room, ANN);
    assert!(identity.starts_with("p_") && identity.len() == 26);
    assert_eq!(guest["created_by"], format!("participant:{identity}"));
    assert_eq!((&guest["max_uses"], &guest["uses"]), (&json!(1), &json!(0)));
    assert_eq!(guest["status"], "active");
    let expires = shared::domain::time_fmt::parse(guest["expires_at"].as_str().unwrap()).unwrap();
    assert!(
        (sent_at..=s.clock.now()).contains(&(expires - Duration::days(7))),
        "the default validity: {expires}"
    );
    assert!(s.events.names().contains(&"InviteIssued"));

    // The link works like a host's: Bob joins as a viewer.
    let bob = s
        .login(&s.latest_link("bob@example.com"), "bob@example.com")
        .await;
    assert_eq!(bob.status, StatusCode::SEE_OTHER, "{}", bob.text());

    // The host revokes another guest invite; its link then says so.
    let r = invite_as(
        &s,
        &room,
        &cookie,
        json!({"email": "cy@example.com", "role": "viewer"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let id = r.json()["invite_id"].as_str().expect("id").to_owned();
    let revoked = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{room}/invites/{id}")).bearer(&host))
        .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let opened = s
        .send(Call::get(&s.latest_link("cy@example.com")).accept_json())
        .await;
    assert_eq!(
        (opened.status, opened.code()),
        (StatusCode::GONE, "invite_revoked".into())
    );
}

#[tokio::test]
async fn nobody_grants_their_own_role_or_above() {
    let s = TestService::start().await;
    let (_, room, viewer) = room_with(&s, "viewer").await;
    let r = invite_as(&s, &room, &viewer, json!({"email": "bob@example.com"})).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "forbidden".into())
    );
    assert!(r.json()["message"]
        .as_str()
        .unwrap_or("")
        .contains("Viewers cannot invite"));

    let (_, room, speaker) = room_with(&s, "speaker").await;
    for role in ["speaker", "moderator"] {
        let r = invite_as(
            &s,
            &room,
            &speaker,
            json!({"email": "bob@example.com", "role": role}),
        )
        .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::FORBIDDEN, "forbidden".into()),
            "{role}"
        );
    }
    let r = invite_as(
        &s,
        &room,
        &speaker,
        json!({"email": "bob@example.com", "role": "admin"}),
    )
    .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::BAD_REQUEST, "bad_request".into())
    );

    let (host, room, moderator) = room_with(&s, "moderator").await;
    let r = invite_as(
        &s,
        &room,
        &moderator,
        json!({"email": "bob@example.com", "role": "speaker"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["role"], "speaker");
    let r = invite_as(
        &s,
        &room,
        &moderator,
        json!({"email": "cy@example.com", "role": "moderator"}),
    )
    .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "forbidden".into())
    );
    // Only the one allowed invite exists besides the host's own.
    assert_eq!(host_invites(&s, &host, &room).await.len(), 2);
    assert!(s.emails_to("cy@example.com").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_21st_invite_is_refused_even_when_sent_with_the_20th() {
    let s = TestService::start().await;
    assert_eq!(s.invite_limit, 20, "the default limit");
    let (host, room, cookie) = room_with(&s, "moderator").await;
    for n in 0..19 {
        let r = invite_as(
            &s,
            &room,
            &cookie,
            json!({"email": format!("g{n}@example.com")}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "invite {n}: {}", r.text());
    }
    // The 20th and the 21st (and a few more) at the same time: one passes.
    let mut set = tokio::task::JoinSet::new();
    for n in 0..6 {
        let call = invite_call(
            &room,
            &cookie,
            json!({"email": format!("late{n}@example.com")}),
        );
        set.spawn(send_with(s.local().router.clone(), call));
    }
    let (mut created, mut refused) = (0, 0);
    while let Some(r) = set.join_next().await {
        let r = r.expect("task");
        match r.status {
            StatusCode::CREATED => created += 1,
            StatusCode::TOO_MANY_REQUESTS if r.code() == "invite_limit_reached" => refused += 1,
            other => panic!("unexpected {other}: {}", r.text()),
        }
    }
    assert_eq!((created, refused), (1, 5));
    let r = invite_as(&s, &room, &cookie, json!({"email": "after@example.com"})).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::TOO_MANY_REQUESTS, "invite_limit_reached".into())
    );
    let by_ann = format!("participant:{}", identity_of(&s, &room, ANN));
    let listed = host_invites(&s, &host, &room).await;
    assert_eq!(
        listed
            .iter()
            .filter(|i| i["created_by"] == by_ann.as_str())
            .count(),
        20
    );

    // The quota is per participant: another moderator of the room still may invite.
    let link = s
        .invite_link(
            &host,
            &room,
            json!({"email": "mo@example.com", "role": "moderator"}),
        )
        .await;
    let other = s.cookie_for(&link, "mo@example.com").await;
    let r = invite_as(&s, &room, &other, json!({"email": "x@example.com"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn a_limit_of_zero_turns_the_feature_off() {
    let s = TestService::with_invite_limit(0).await;
    let (host, room, cookie) = room_with(&s, "moderator").await;
    let r = invite_as(&s, &room, &cookie, json!({"email": "bob@example.com"})).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "forbidden".into())
    );
    assert!(r.json()["message"]
        .as_str()
        .unwrap_or("")
        .contains("turned off"));
    let page = s
        .send(Call::get(&format!("/rooms/{room}")).cookie(&cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("invite-form"), "no form at all");
    assert_eq!(host_invites(&s, &host, &room).await.len(), 1);
}

#[tokio::test]
async fn cross_site_submissions_are_refused() {
    let s = TestService::start().await;
    let (host, room, cookie) = room_with(&s, "speaker").await;
    let attacks: [&[(&str, &str)]; 4] = [
        &[("origin", "https://evil.example")],
        &[("sec-fetch-site", "cross-site")],
        &[("sec-fetch-site", "same-site"), ("origin", "null")],
        &[("origin", "null")],
    ];
    for headers in attacks {
        let mut call = invite_call(&room, &cookie, json!({"email": "bob@example.com"}));
        for (k, v) in headers {
            call = call.header(k, v);
        }
        let r = s.send(call).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::FORBIDDEN, "forbidden".into()),
            "{headers:?}"
        );
        // And the plain form gets the error page.
        let mut form = Call::post(&format!("/rooms/{room}/invites"))
            .cookie(&cookie)
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .raw_body(b"email=bob%40example.com".to_vec());
        for (k, v) in headers {
            form = form.header(k, v);
        }
        let r = s.send(form).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(r.page_error().as_deref(), Some("forbidden"));
        assert!(r.text().contains("another website"));
    }
    assert!(s.emails_to("bob@example.com").is_empty());
    assert_eq!(host_invites(&s, &host, &room).await.len(), 1);
    // The page's own script: same origin.
    let r = s
        .send(
            invite_call(&room, &cookie, json!({"email": "bob@example.com"}))
                .header("origin", BASE)
                .header("sec-fetch-site", "same-origin"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn the_domain_policy_and_address_checks_apply() {
    let s = TestService::with_policy(DomainPolicy::from_lists("blocked.example", "")).await;
    let (host, room, cookie) = room_with(&s, "speaker").await;
    let r = invite_as(&s, &room, &cookie, json!({"email": "not-an-address"})).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_email".into())
    );
    let r = invite_as(
        &s,
        &room,
        &cookie,
        json!({"email": "eve@mail.blocked.example"}),
    )
    .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "domain_blocked".into())
    );
    let r = s
        .send(
            Call::post(&format!("/rooms/{room}/invites"))
                .cookie(&cookie)
                .header("content-type", "application/json")
                .raw_body(b"{not json".to_vec()),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::BAD_REQUEST, "bad_request".into())
    );
    assert_eq!(
        host_invites(&s, &host, &room).await.len(),
        1,
        "nothing stored"
    );
}

#[tokio::test]
async fn only_participants_of_a_live_or_scheduled_room_invite() {
    let s = TestService::start().await;
    let (host, room, cookie) = room_with(&s, "moderator").await;
    // No session, and a session of another room's participant.
    let r = s
        .send(
            Call::post(&format!("/rooms/{room}/invites"))
                .json(&json!({"email": "bob@example.com"})),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "not_a_participant".into())
    );
    let other_room = s.create_room(&host, Duration::hours(1)).await;
    let r = invite_as(
        &s,
        &other_room,
        &cookie,
        json!({"email": "bob@example.com"}),
    )
    .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "not_a_participant".into())
    );
    let r = invite_as(
        &s,
        "01JDX5AMP1E0000R00M0000000",
        &cookie,
        json!({"email": "bob@example.com"}),
    )
    .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, "room_not_found".into())
    );
    // A deleted room.
    let deleted = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{room}")).bearer(&host))
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let r = invite_as(&s, &room, &cookie, json!({"email": "bob@example.com"})).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::GONE, "room_deleted".into())
    );
    assert!(s.emails_to("bob@example.com").is_empty());
}

#[tokio::test]
async fn the_room_page_form_works_without_script() {
    let s = TestService::start().await;
    let (host, room, cookie) = room_with(&s, "moderator").await;
    let page = s
        .send(Call::get(&format!("/rooms/{room}")).cookie(&cookie))
        .await;
    let html = page.text();
    assert!(html.contains("Invite someone"));
    assert!(html.contains(&format!("action=\"/rooms/{room}/invites\"")));
    assert!(
        html.contains("<option value=\"viewer\"") && html.contains("<option value=\"speaker\"")
    );
    assert!(!html.contains("<option value=\"moderator\""));

    let form = |body: &str| {
        Call::post(&format!("/rooms/{room}/invites"))
            .cookie(&cookie)
            .header("accept", "text/html")
            .header("origin", BASE)
            .header("content-type", "application/x-www-form-urlencoded")
            .raw_body(body.as_bytes().to_vec())
    };
    let r = s.send(form("email=bob%40example.com&role=speaker")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let back = r.header("location").expect("back to the room").to_owned();
    assert_eq!(back, format!("/rooms/{room}?invite=sent"));
    let after = s.send(Call::get(&back).cookie(&cookie)).await;
    assert!(after.text().contains("Your invitation was sent."));
    let listed = host_invites(&s, &host, &room).await;
    assert!(listed
        .iter()
        .any(|i| i["email"] == "bob@example.com" && i["role"] == "speaker"));

    // An error: the room page again, the message in place, the entry kept.
    let r = s.send(form("email=bob%40example&role=viewer")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.page_error().as_deref(), Some("invalid_email"));
    let html = r.text();
    assert!(html.contains("value=\"bob@example\""), "entry kept");
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("That is not a valid email address."));
    let r = s.send(form("email=cy%40example.com&role=moderator")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.page_error().as_deref(), Some("forbidden"));
    assert!(r
        .text()
        .contains("As a moderator you can invite viewers and speakers"));
}

#[tokio::test]
async fn viewers_see_no_form_and_speakers_offer_only_viewer() {
    let s = TestService::start().await;
    let (_, room, viewer) = room_with(&s, "viewer").await;
    let page = s
        .send(Call::get(&format!("/rooms/{room}")).cookie(&viewer))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("Invite someone"));
    let (_, room, speaker) = room_with(&s, "speaker").await;
    let html = s
        .send(Call::get(&format!("/rooms/{room}")).cookie(&speaker))
        .await
        .text();
    assert!(html.contains("Invite someone") && html.contains("up to 20 people"));
    assert!(html.contains("<option value=\"viewer\""));
    assert!(!html.contains("<option value=\"speaker\""));
}
