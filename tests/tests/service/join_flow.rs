use acceptance::*;
use http::{Method, StatusCode};
use serde_json::json;
use shared::domain::DomainPolicy;
use time::Duration;

async fn live_room(s: &TestService) -> (String, String) {
    let t = host_token("o", "h");
    let id = s.create_room(&t, -Duration::minutes(1)).await;
    (t, id)
}

#[tokio::test]
async fn the_whole_join_flow() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(2)).await;
    let link = s
        .invite_link(
            &t,
            &id,
            json!({"email": "ann@example.com", "role": "speaker"}),
        )
        .await;

    // Mail scanners and previews: GETs never consume the link.
    for _ in 0..3 {
        let lobby = s.send(Call::get(&link)).await;
        assert_eq!(lobby.status, StatusCode::OK);
        let html = lobby.text();
        assert!(html.contains("Quarterly all-hands") && html.contains(">Login</button>"));
        assert!(html.contains(r#"method="post""#) && html.contains(r#"name="email""#));
        assert!(
            !html.contains("ann@example.com"),
            "the lobby never shows the invited address"
        );
    }
    let lobby_json = s.send(Call::get(&link).accept_json()).await.json();
    assert_eq!(
        (lobby_json["role"].as_str(), lobby_json["status"].as_str()),
        (Some("speaker"), Some("scheduled"))
    );

    let wrong = s.login(&link, "bob@example.com").await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(wrong.text().contains(r#"data-error="email_mismatch""#));
    assert!(wrong.text().contains(">Login</button>"), "the form stays");
    assert!(wrong.session_cookie().is_none());

    let ok = s.login(&link, "  ANN@example.com ").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.header("location"), Some(format!("/rooms/{id}").as_str()));
    let set = ok
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap()
        .to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"));
    assert!(!set.contains("Secure"), "http base URL: no Secure flag");
    let cookie = ok.session_cookie().unwrap();

    // Before the start: the event page with a countdown from the server's clock.
    let event = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie))
        .await;
    assert_eq!(event.status, StatusCode::OK);
    let html = event.text();
    assert!(html.contains(r#"data-page="event""#) && html.contains(r#"id="countdown""#));
    assert!(html.contains("data-server-time=") && html.contains("Starts in 0"));
    assert!(
        html.contains("Dana") && html.contains("Agenda") && html.contains("Numbers &amp; plans")
    );
    assert!(!html.contains("data-feature="));

    let status = s
        .send(Call::get(&format!("/rooms/{id}/status")))
        .await
        .json();
    assert_eq!(status["status"], "scheduled");
    assert!(status["server_time"].is_string() && status["starts_at"].is_string());
    let me = s
        .send(Call::get(&format!("/rooms/{id}/me")).cookie(&cookie))
        .await
        .json();
    assert_eq!(
        me,
        json!({"email": "ann@example.com", "role": "speaker", "permissions": ["live", "chat", "qa", "interactions", "backchannel"], "admission": "admitted"})
    );

    // The link is used now: a re-click with the session is admitted again…
    let again = s.send(Call::get(&link).cookie(&cookie)).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    // …without one (another device) it is used up, even with the right email.
    let other_device = s.send(Call::get(&link)).await;
    assert_eq!(
        (other_device.status, other_device.page_error()),
        (StatusCode::GONE, Some("link_used".into()))
    );
    let r = s.login(&link, "ann@example.com").await;
    assert_eq!(r.page_error(), Some("link_used".into()));
    let r = s
        .send(
            Call::post(&link)
                .form_email("ann@example.com")
                .cookie(&cookie),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "POST with the invitee's session re-admits"
    );

    let names = s.events.names();
    assert_eq!(
        names.iter().filter(|n| **n == "InviteRedeemed").count(),
        1,
        "re-admission consumes nothing"
    );
    let list = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await
        .json();
    assert_eq!(
        (
            list["invites"][0]["uses"].as_u64(),
            list["invites"][0]["status"].as_str()
        ),
        (Some(1), Some("used"))
    );
}

#[tokio::test]
async fn the_live_room_shows_the_features_of_the_role() {
    let s = TestService::start().await;
    let (t, id) = live_room(&s).await;
    for (email, role, features) in [
        (
            "v@example.com",
            "viewer",
            vec!["live", "chat", "qa", "interactions"],
        ),
        (
            "s@example.com",
            "speaker",
            vec!["live", "chat", "qa", "interactions", "backchannel"],
        ),
        (
            "m@example.com",
            "moderator",
            vec![
                "live",
                "chat",
                "qa",
                "interactions",
                "backchannel",
                "qa_moderation",
            ],
        ),
    ] {
        let link = s
            .invite_link(&t, &id, json!({"email": email, "role": role}))
            .await;
        let cookie = s.cookie_for(&link, email).await;
        let page = s
            .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains(r#"data-page="room""#));
        let shown: Vec<&str> = html
            .split(r#"data-feature=""#)
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(shown, features, "{role}");
        let json = s
            .send(
                Call::get(&format!("/rooms/{id}"))
                    .cookie(&cookie)
                    .accept_json(),
            )
            .await
            .json();
        assert_eq!(json["role"], role);
    }
}

#[tokio::test]
async fn json_clients_get_json_and_the_cookie() {
    let s = TestService::start().await;
    let (t, id) = live_room(&s).await;
    let link = s
        .invite_link(
            &t,
            &id,
            json!({"email": "ann@example.com", "role": "moderator"}),
        )
        .await;
    let r = s
        .send(
            Call::post(&link)
                .json(&json!({"email": "ann@example.com"}))
                .accept_json(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"room_id": id, "role": "moderator"}));
    assert!(r.session_cookie().is_some());
    let r = s
        .send(Call::post(&link).json(&json!({"mail": "x"})).accept_json())
        .await;
    assert_eq!(r.code(), "bad_request");
}

#[tokio::test]
async fn a_newer_invite_upgrades_and_never_downgrades() {
    let s = TestService::start().await;
    let (t, id) = live_room(&s).await;
    let first = s
        .invite_link(
            &t,
            &id,
            json!({"email": "ann@example.com", "role": "speaker"}),
        )
        .await;
    let cookie = s.cookie_for(&first, "ann@example.com").await;
    let me = || Call::get(&format!("/rooms/{id}/me")).cookie(&cookie);
    assert_eq!(s.send(me()).await.json()["role"], "speaker");

    let lower = s
        .invite_link(
            &t,
            &id,
            json!({"email": "ann@example.com", "role": "viewer"}),
        )
        .await;
    assert_eq!(
        s.send(Call::get(&lower).cookie(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        s.send(me()).await.json()["role"],
        "speaker",
        "never lowered"
    );

    let higher = s
        .invite_link(
            &t,
            &id,
            json!({"email": "ann@example.com", "role": "moderator"}),
        )
        .await;
    let r = s.send(Call::get(&higher).cookie(&cookie)).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "a logged-in click goes straight on"
    );
    assert_eq!(s.send(me()).await.json()["role"], "moderator");
    assert!(s.events.names().contains(&"ParticipantRoleChanged"));
}

#[tokio::test]
async fn a_session_for_another_email_gets_the_lobby_with_a_mismatch() {
    let s = TestService::start().await;
    let (t, id) = live_room(&s).await;
    let ann = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let bob = s
        .invite_link(&t, &id, json!({"email": "bob@example.com"}))
        .await;
    let bob_cookie = s.cookie_for(&bob, "bob@example.com").await;
    let r = s.send(Call::get(&ann).cookie(&bob_cookie)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.text().contains(r#"data-error="email_mismatch""#) && r.text().contains(">Login</button>")
    );
    let r = s
        .send(Call::get(&ann).cookie(&bob_cookie).accept_json())
        .await;
    assert_eq!(r.code(), "email_mismatch");
    assert_eq!(
        s.login(&ann, "ann@example.com").await.status,
        StatusCode::SEE_OTHER,
        "nothing was consumed"
    );
}

#[tokio::test]
async fn five_wrong_emails_lock_the_invite_until_it_is_resent() {
    let s = TestService::start().await;
    let (t, id) = live_room(&s).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com", "max_uses": 3}))
        .await;
    for i in 1..=5 {
        let r = s.login(&link, &format!("guess{i}@example.com")).await;
        assert_eq!(
            (r.status, r.page_error()),
            (StatusCode::FORBIDDEN, Some("email_mismatch".into())),
            "attempt {i}"
        );
    }
    let r = s.login(&link, "ann@example.com").await;
    assert_eq!(
        (r.status, r.page_error()),
        (
            StatusCode::TOO_MANY_REQUESTS,
            Some("too_many_attempts".into())
        )
    );
    let r = s.login(&link, "wrong@example.com").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = s.send(Call::get(&link).accept_json()).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts".into())
    );
    let list = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await
        .json();
    assert_eq!(list["invites"][0]["status"], "locked");
    let iid = list["invites"][0]["invite_id"].as_str().unwrap().to_owned();

    let r = s
        .send(Call::post(&format!("/api/rooms/{id}/invites/{iid}/resend")).bearer(&t))
        .await;
    assert_eq!(r.json()["status"], "active");
    let fresh = s.latest_link("ann@example.com");
    assert_eq!(
        s.login(&fresh, "ann@example.com").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        s.send(Call::get(&link)).await.page_error(),
        Some("invalid_link".into())
    );
}

#[tokio::test]
async fn every_broken_link_has_its_page() {
    let s = TestService::start().await;
    let (t, id) = live_room(&s).await;

    let r = s.send(Call::get("/join/short")).await;
    assert_eq!(
        (r.status, r.page_error()),
        (StatusCode::NOT_FOUND, Some("invalid_link".into()))
    );
    let forged = format!("/join/{}", "A".repeat(64));
    let r = s.send(Call::get(&forged).accept_json()).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, "invalid_link".into())
    );
    let r = s.login(&forged, "a@example.com").await;
    assert_eq!(r.page_error(), Some("invalid_link".into()));

    let expiring = s.invite_link(&t, &id, json!({"email": "e@example.com", "expires_at": shared::domain::time_fmt::format(s.clock.now() + Duration::hours(1))})).await;
    s.clock.advance(Duration::hours(2));
    let r = s.send(Call::get(&expiring)).await;
    assert_eq!(
        (r.status, r.page_error()),
        (StatusCode::GONE, Some("link_expired".into()))
    );
    assert!(r.text().contains("Ask the organizer for a new link."));
    let r = s.login(&expiring, "e@example.com").await;
    assert_eq!(r.page_error(), Some("link_expired".into()));
    let list = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await
        .json();
    assert_eq!(list["invites"][0]["status"], "expired");

    let doomed = s
        .invite_link(&t, &id, json!({"email": "d@example.com"}))
        .await;
    let cookie = s.cookie_for(&doomed, "d@example.com").await;
    let pending = s
        .invite_link(&t, &id, json!({"email": "p@example.com"}))
        .await;
    assert_eq!(
        s.send(Call::new(Method::DELETE, &format!("/api/rooms/{id}")).bearer(&t))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let r = s.send(Call::get(&pending)).await;
    assert_eq!(
        (r.status, r.page_error()),
        (StatusCode::GONE, Some("room_deleted".into()))
    );
    let r = s.login(&pending, "p@example.com").await;
    assert_eq!(r.page_error(), Some("room_deleted".into()));
    let r = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie))
        .await;
    assert_eq!(
        (r.status, r.page_error()),
        (StatusCode::GONE, Some("room_deleted".into()))
    );
    let r = s
        .send(Call::get(&format!("/rooms/{id}/me")).cookie(&cookie))
        .await;
    assert_eq!(r.code(), "room_deleted");
}

#[tokio::test]
async fn room_pages_need_an_admitted_identity() {
    let s = TestService::start().await;
    let (t, id) = live_room(&s).await;
    let r = s.send(Call::get(&format!("/rooms/{id}"))).await;
    assert_eq!(
        (r.status, r.page_error()),
        (StatusCode::FORBIDDEN, Some("not_a_participant".into()))
    );
    let r = s.send(Call::get(&format!("/rooms/{id}/me"))).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "not_a_participant".into())
    );
    let r = s
        .send(Call::get(&format!("/rooms/{id}/me")).cookie("rooms_session=forged"))
        .await;
    assert_eq!(r.code(), "not_a_participant");

    // Admitted to one room is not admitted to another.
    let other = s.create_room(&t, -Duration::minutes(1)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let cookie = s.cookie_for(&link, "ann@example.com").await;
    let r = s
        .send(Call::get(&format!("/rooms/{other}/me")).cookie(&cookie))
        .await;
    assert_eq!(r.code(), "not_a_participant");
    let r = s.send(Call::get("/rooms/nope/status")).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, "room_not_found".into())
    );
}

#[tokio::test]
async fn a_domain_blocked_after_the_invite_cannot_join() {
    let mut s = TestService::start().await;
    let (t, id) = live_room(&s).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@corp.example"}))
        .await;
    s.restart(Some(DomainPolicy::from_lists("corp.example", "")))
        .await;
    let r = s.send(Call::get(&link)).await;
    assert_eq!(
        (r.status, r.page_error()),
        (StatusCode::FORBIDDEN, Some("domain_blocked".into()))
    );
    let r = s
        .send(
            Call::post(&link)
                .json(&json!({"email": "ann@corp.example"}))
                .accept_json(),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "domain_blocked".into())
    );
    let r = s
        .invite(&t, &id, json!({"email": "x@eu.corp.example"}))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "domain_blocked".into())
    );
}

#[tokio::test]
async fn user_text_is_escaped_in_pages() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let r = s
        .send(Call::post("/api/rooms").bearer(&t).json(&json!({
            "title": "<script>alert(1)</script>", "starts_at": "2020-01-01T00:00:00Z",
            "description": "<img src=x onerror=alert(2)>",
            "speakers": [{"name": "<b>Eve</b>"}]
        })))
        .await;
    let id = r.json()["room_id"].as_str().unwrap().to_owned();
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let lobby = s.send(Call::get(&link)).await.text();
    assert!(!lobby.contains("<script>alert") && lobby.contains("&lt;script&gt;"));
    let cookie = s.cookie_for(&link, "ann@example.com").await;
    let room = s
        .send(Call::get(&format!("/rooms/{id}")).cookie(&cookie))
        .await
        .text();
    assert!(!room.contains("<img src=x") && !room.contains("<b>Eve"));
    let mail = s
        .emails_to("ann@example.com")
        .pop()
        .unwrap()
        .replace("=\r\n", "");
    let html_part = mail
        .split("Content-Type: text/html")
        .nth(1)
        .and_then(|p| p.split("\r\n--").next())
        .unwrap();
    assert!(!html_part.contains("<script>alert") && html_part.contains("&lt;script&gt;alert(1)"));
}
