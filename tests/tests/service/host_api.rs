use acceptance::*;
use http::{Method, StatusCode};
use serde_json::json;
use shared::domain::DomainPolicy;
use shared::http::auth::HostClaims;
use time::{Duration, OffsetDateTime};

fn day() -> Duration {
    Duration::days(1)
}

#[tokio::test]
async fn rooms_are_created_read_updated_and_deleted() {
    let s = TestService::start().await;
    let t = host_token("org-a", "dana");
    let r = s
        .send(
            Call::post("/api/rooms")
                .bearer(&t)
                .json(&json!({"title": "All hands", "starts_at": "2030-12-01T16:00:00+01:00"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let room = r.json();
    for key in [
        "room_id",
        "org",
        "title",
        "description",
        "starts_at",
        "ends_at",
        "speakers",
        "attachments",
        "status",
        "created_by",
        "created_at",
    ] {
        assert!(room.get(key).is_some(), "missing {key}");
    }
    assert_eq!(room["starts_at"], "2030-12-01T15:00:00Z");
    assert_eq!(
        (
            room["status"].as_str(),
            room["org"].as_str(),
            room["created_by"].as_str()
        ),
        (Some("scheduled"), Some("org-a"), Some("dana"))
    );
    assert_eq!(room["ends_at"], serde_json::Value::Null);
    let id = room["room_id"].as_str().unwrap().to_owned();
    assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));

    let got = s
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.json(), room);

    let patched = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"title": "All hands Q4", "starts_at": "2030-12-02T15:00:00Z"})),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK);
    assert_eq!(patched.json()["title"], "All hands Q4");
    assert_eq!(patched.json()["starts_at"], "2030-12-02T15:00:00Z");

    let del = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    let gone = s
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(
        (gone.status, gone.code()),
        (StatusCode::GONE, "room_deleted".into())
    );
    assert!(s.events.names().contains(&"RoomDeleted"));
}

#[tokio::test]
async fn a_room_whose_start_has_passed_is_live_at_once_and_cannot_be_rescheduled() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, -Duration::minutes(1)).await;
    let r = s
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&t))
        .await;
    assert_eq!(r.json()["status"], "live");
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"starts_at": "2030-01-01T00:00:00Z"})),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, "conflict".into())
    );
    let r = s
        .send(
            Call::new(Method::PATCH, &format!("/api/rooms/{id}"))
                .bearer(&t)
                .json(&json!({"description": "Slides fixed"})),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "editing text of a live room is fine"
    );
}

#[tokio::test]
async fn bearer_tokens_are_checked() {
    let s = TestService::start().await;
    let call = || Call::get("/api/rooms/x");
    let cases = [
        call(),
        call().header("authorization", "Bearer"),
        call().header("authorization", "Basic dXNlcjpwdw=="),
        call().bearer("not.a.jwt"),
        call().bearer(&token_with(HostClaims { sub: "h".into(), org: "o".into(), email: None, exp: 1_000, scope: None })),
        call().bearer(&shared::http::auth::sign_host_token(b"wrong-secret", &HostClaims { sub: "h".into(), org: "o".into(), email: None, exp: OffsetDateTime::now_utc().unix_timestamp() + 60, scope: None }).unwrap()),
        call().bearer("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJoIiwib3JnIjoibyIsImV4cCI6NDEwMjQ0NDgwMH0."),
    ];
    for c in cases {
        let r = s.send(c).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, "unauthorized".into())
        );
        assert!(r.json()["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn a_read_only_token_is_forbidden_to_write() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, day()).await;
    let ro = token_with(HostClaims {
        sub: "h".into(),
        org: "o".into(),
        email: None,
        exp: OffsetDateTime::now_utc().unix_timestamp() + 60,
        scope: Some("rooms:read".into()),
    });
    let r = s
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&ro))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = s.invite(&ro, &id, json!({"email": "a@example.com"})).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, "forbidden".into())
    );
    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{id}")).bearer(&ro))
        .await;
    assert_eq!(r.code(), "forbidden");
}

#[tokio::test]
async fn organizations_are_isolated() {
    let s = TestService::start().await;
    let a = host_token("org-a", "h");
    let b = host_token("org-b", "h");
    let id = s.create_room(&a, day()).await;
    for call in [
        Call::get(&format!("/api/rooms/{id}")),
        Call::new(Method::PATCH, &format!("/api/rooms/{id}")).json(&json!({"title": "x"})),
        Call::new(Method::DELETE, &format!("/api/rooms/{id}")),
        Call::get(&format!("/api/rooms/{id}/invites")),
        Call::post(&format!("/api/rooms/{id}/invites")).json(&json!({"email": "a@example.com"})),
        Call::get(&format!("/api/rooms/{id}/participants")),
    ] {
        let r = s.send(call.bearer(&b)).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::NOT_FOUND, "room_not_found".into())
        );
    }
    assert_eq!(
        s.send(Call::get(&format!("/api/rooms/{id}")).bearer(&a))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn bad_input_gets_clear_4xx_codes() {
    let s = TestService::with_policy(DomainPolicy::from_lists("blocked.example", "")).await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, day()).await;
    let room_cases = [
        json!({"starts_at": "2030-01-01T00:00:00Z"}),
        json!({"title": "", "starts_at": "2030-01-01T00:00:00Z"}),
        json!({"title": "x".repeat(201), "starts_at": "2030-01-01T00:00:00Z"}),
        json!({"title": "x"}),
        json!({"title": "x", "starts_at": "tomorrow"}),
        json!({"title": 5, "starts_at": "2030-01-01T00:00:00Z"}),
    ];
    for body in room_cases {
        let r = s
            .send(Call::post("/api/rooms").bearer(&t).json(&body))
            .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::BAD_REQUEST, "bad_request".into()),
            "{body}"
        );
    }
    let r = s
        .send(
            Call::post("/api/rooms")
                .bearer(&t)
                .raw_body(b"{not json".to_vec()),
        )
        .await;
    assert_eq!(r.code(), "bad_request");

    let now = s.clock.now();
    let fmt = shared::domain::time_fmt::format;
    let invite_cases = [
        (json!({"email": "not-an-address"}), 422, "invalid_email"),
        (
            json!({"email": "a@sub.blocked.example"}),
            422,
            "domain_blocked",
        ),
        (
            json!({"email": "a@example.com", "expires_at": fmt(now - Duration::minutes(1))}),
            422,
            "invalid_expiry",
        ),
        (
            json!({"email": "a@example.com", "expires_at": fmt(now + Duration::days(31))}),
            422,
            "invalid_expiry",
        ),
        (
            json!({"email": "a@example.com", "role": "admin"}),
            400,
            "bad_request",
        ),
        (
            json!({"email": "a@example.com", "max_uses": 0}),
            400,
            "bad_request",
        ),
        (json!({"email": 42}), 400, "bad_request"),
        (json!({"role": "viewer"}), 400, "bad_request"),
    ];
    for (body, status, code) in invite_cases {
        let r = s.invite(&t, &id, body.clone()).await;
        assert_eq!(
            (r.status.as_u16(), r.code()),
            (status, code.to_owned()),
            "{body}"
        );
    }
    let r = s
        .invite(&t, "no-such-room", json!({"email": "a@example.com"}))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, "room_not_found".into())
    );
    assert!(s.emails().is_empty(), "no email for a refused invite");
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_refused() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, day()).await;
    let entry = json!({"email": "someone.with.a.long.name@example.com", "role": "viewer", "send_email": false});
    let invites: Vec<_> = (0..15_000).map(|_| entry.clone()).collect();
    let body = json!({"invites": invites});
    assert!(body.to_string().len() > 1024 * 1024);
    let r = s.invite(&t, &id, body).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large".into())
    );
    let r = s
        .send(
            Call::post("/join/x")
                .raw_body(vec![b'a'; 1024 * 1024 + 1])
                .header("content-type", "application/x-www-form-urlencoded")
                .accept_json(),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn invites_have_the_contract_shape_and_links_only_when_not_emailed() {
    let s = TestService::start().await;
    let t = host_token("o", "dana");
    let id = s.create_room(&t, day()).await;
    let r = s
        .invite(&t, &id, json!({"email": " Ann@Example.COM "}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let inv = r.json();
    assert_eq!(inv["email"], "ann@example.com");
    assert_eq!(
        (
            inv["role"].as_str(),
            inv["max_uses"].as_u64(),
            inv["uses"].as_u64()
        ),
        (Some("viewer"), Some(1), Some(0))
    );
    assert_eq!(
        (inv["status"].as_str(), inv["delivery"].as_str()),
        (Some("active"), Some("sent"))
    );
    assert_eq!(inv["created_by"], "dana");
    assert!(
        inv.get("link").is_none(),
        "an emailed link is never returned"
    );
    let expires = shared::domain::time_fmt::parse(inv["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!(expires, s.clock.now() + Duration::days(7));
    let mail = s.emails_to("ann@example.com").pop().expect("email sent");
    assert!(mail.contains("Subject: Invitation: Quarterly all-hands"));
    assert!(
        mail.contains("Content-Type: multipart/alternative")
            && mail.contains("text/html")
            && mail.contains("text/calendar")
    );

    let r = s.invite(&t, &id, json!({"email": "bob@example.com", "send_email": false, "max_uses": null, "role": "speaker"})).await;
    let inv = r.json();
    assert_eq!(
        (inv["delivery"].as_str(), inv["max_uses"].is_null()),
        (Some("not_sent"), true)
    );
    let link = inv["link"].as_str().expect("link when not emailed");
    assert!(link.starts_with(&format!("{BASE}/join/")));
    assert!(s.emails_to("bob@example.com").is_empty());

    let list = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await;
    let invites = list.json()["invites"].as_array().cloned().unwrap();
    assert_eq!(invites.len(), 2);
    assert!(invites.iter().all(|i| i.get("link").is_none()));
    assert!(
        !list.text().contains(&link[link.len() - 40..]),
        "tokens never come back"
    );
    let names = s.events.names();
    assert_eq!(names.iter().filter(|n| **n == "InviteIssued").count(), 2);
    let events = format!("{:?}", s.events.events.lock().unwrap());
    assert!(
        !events.contains(&link[link.len() - 40..]),
        "events carry no token"
    );
}

#[tokio::test]
async fn bulk_issues_in_order_and_one_bad_entry_fails_alone() {
    let s = TestService::with_policy(DomainPolicy::from_lists("blocked.example", "")).await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, day()).await;
    let r = s
        .invite(
            &t,
            &id,
            json!({"invites": [
                {"email": "a@example.com", "role": "speaker"},
                {"email": "broken"},
                {"email": "c@blocked.example"},
                {"email": "d@example.com", "role": "nope"},
                {"email": "e@example.com", "send_email": false}
            ]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let results = r.json()["results"].as_array().cloned().unwrap();
    assert_eq!(results.len(), 5);
    assert_eq!(results[0]["invite"]["email"], "a@example.com");
    assert_eq!(
        (results[1]["error"].as_str(), results[1]["email"].as_str()),
        (Some("invalid_email"), Some("broken"))
    );
    assert_eq!(results[2]["error"], "domain_blocked");
    assert_eq!(results[3]["error"], "bad_request");
    assert!(results[1]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert!(results[4]["invite"]["link"].as_str().is_some());
    assert_eq!(s.emails().len(), 1);

    let too_many: Vec<_> = (0..501)
        .map(|i| json!({"email": format!("u{i}@example.com")}))
        .collect();
    let r = s.invite(&t, &id, json!({"invites": too_many})).await;
    assert_eq!(r.code(), "bad_request");
    let r = s.invite(&t, &id, json!({"invites": "nope"})).await;
    assert_eq!(r.code(), "bad_request");
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_response_and_sends_one_email() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, day()).await;
    let call = |body: serde_json::Value, key: &str| {
        Call::post(&format!("/api/rooms/{id}/invites"))
            .bearer(&t)
            .json(&body)
            .header("idempotency-key", key)
    };
    let body = json!({"email": "ann@example.com", "role": "speaker"});
    let first = s.send(call(body.clone(), "k-1")).await;
    let second = s.send(call(body.clone(), "k-1")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(first.json(), second.json());
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(s.emails_to("ann@example.com").len(), 1);
    let list = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await;
    assert_eq!(list.json()["invites"].as_array().map(Vec::len), Some(1));

    let other = s
        .send(call(json!({"email": "bob@example.com"}), "k-1"))
        .await;
    assert_eq!(
        (other.status, other.code()),
        (StatusCode::CONFLICT, "conflict".into())
    );

    // A link shown (not emailed) is shown again on a replay, and it works.
    let shown = json!({"email": "cy@example.com", "send_email": false});
    let a = s.send(call(shown.clone(), "k-2")).await;
    let b = s.send(call(shown, "k-2")).await;
    assert_eq!(a.json(), b.json());
    let link = a.json()["link"]
        .as_str()
        .unwrap()
        .trim_start_matches(BASE)
        .to_owned();
    assert_eq!(
        s.login(&link, "cy@example.com").await.status,
        StatusCode::SEE_OTHER
    );

    // Bulk and room creation are idempotent too; keys are per host.
    let bulk = json!({"invites": [{"email": "d@example.com"}, {"email": "e@example.com"}]});
    let a = s.send(call(bulk.clone(), "k-3")).await;
    let b = s.send(call(bulk, "k-3")).await;
    assert_eq!(a.json(), b.json());
    assert_eq!(s.emails().len(), 3);
    let room = |tok: &str| {
        Call::post("/api/rooms")
            .bearer(tok)
            .header("idempotency-key", "r")
            .json(&json!({"title": "x", "starts_at": "2030-01-01T00:00:00Z"}))
    };
    let r1 = s.send(room(&t)).await.json();
    let r2 = s.send(room(&t)).await.json();
    let r3 = s.send(room(&host_token("o", "someone-else"))).await.json();
    assert_eq!(r1["room_id"], r2["room_id"]);
    assert_ne!(r1["room_id"], r3["room_id"]);
}

#[tokio::test]
async fn concurrent_retries_with_one_key_send_one_email() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, day()).await;
    let call = || {
        Call::post(&format!("/api/rooms/{id}/invites"))
            .bearer(&t)
            .json(&json!({"email": "ann@example.com"}))
            .header("idempotency-key", "same")
    };
    let replies = futures_join(&s, (0..10).map(|_| call()).collect()).await;
    let created = replies
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    let busy = replies
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT)
        .count();
    assert_eq!(created + busy, 10);
    assert!(created >= 1);
    assert_eq!(s.emails_to("ann@example.com").len(), 1);
}

async fn futures_join(s: &TestService, calls: Vec<Call>) -> Vec<Reply> {
    let mut set = tokio::task::JoinSet::new();
    for c in calls {
        let router = s.local().router.clone();
        set.spawn(async move { send_with(router, c).await });
    }
    let mut out = vec![];
    while let Some(r) = set.join_next().await {
        out.push(r.expect("task"));
    }
    out
}

pub async fn send_with(router: axum::Router, call: Call) -> Reply {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let mut b = http::Request::builder().method(call.method).uri(call.path);
    for (k, v) in &call.headers {
        b = b.header(k, v);
    }
    let resp = router
        .oneshot(b.body(axum::body::Body::from(call.body)).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

#[tokio::test]
async fn revoke_and_resend() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, day()).await;
    let inv = s
        .invite(&t, &id, json!({"email": "ann@example.com"}))
        .await
        .json();
    let iid = inv["invite_id"].as_str().unwrap();
    let old_link = s.latest_link("ann@example.com");

    let r = s
        .send(Call::post(&format!("/api/rooms/{id}/invites/{iid}/resend")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        (r.json()["delivery"].as_str(), r.json()["status"].as_str()),
        (Some("sent"), Some("active"))
    );
    assert!(r.json().get("link").is_none());
    let new_link = s.latest_link("ann@example.com");
    assert_ne!(old_link, new_link);
    assert_eq!(s.emails_to("ann@example.com").len(), 2);
    let old = s.send(Call::get(&old_link)).await;
    assert_eq!(
        (old.status, old.page_error()),
        (StatusCode::NOT_FOUND, Some("invalid_link".into()))
    );
    assert_eq!(s.send(Call::get(&new_link)).await.status, StatusCode::OK);

    let r = s
        .send(Call::new(Method::DELETE, &format!("/api/rooms/{id}/invites/{iid}")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let list = s
        .send(Call::get(&format!("/api/rooms/{id}/invites")).bearer(&t))
        .await
        .json();
    assert_eq!(list["invites"][0]["status"], "revoked");
    let r = s.send(Call::get(&new_link).accept_json()).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::GONE, "invite_revoked".into())
    );
    let r = s
        .send(Call::post(&format!("/api/rooms/{id}/invites/{iid}/resend")).bearer(&t))
        .await;
    assert_eq!(r.code(), "conflict");

    for call in [
        Call::new(
            Method::DELETE,
            &format!("/api/rooms/{id}/invites/01ARZ3NDEKTSV4RRFFQ69G5FAV"),
        ),
        Call::post(&format!("/api/rooms/{id}/invites/nope/resend")),
    ] {
        let r = s.send(call.bearer(&t)).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::NOT_FOUND, "invite_not_found".into())
        );
    }
    assert!(s.events.names().contains(&"InviteRevoked"));
}

#[tokio::test]
async fn hosts_change_roles_of_participants() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, -Duration::minutes(1)).await;
    let link = s
        .invite_link(&t, &id, json!({"email": "ann@example.com"}))
        .await;
    let cookie = s.cookie_for(&link, "ann@example.com").await;

    let list = s
        .send(Call::get(&format!("/api/rooms/{id}/participants")).bearer(&t))
        .await
        .json();
    let p = &list["participants"][0];
    assert_eq!(
        (p["email"].as_str(), p["role"].as_str()),
        (Some("ann@example.com"), Some("viewer"))
    );
    assert!(p["joined_at"].is_string() && p["updated_at"].is_string());

    let put = |email: &str, body: serde_json::Value| {
        Call::new(
            Method::PUT,
            &format!("/api/rooms/{id}/participants/{email}/role"),
        )
        .bearer(&t)
        .json(&body)
    };
    let r = s
        .send(put("Ann%40example.com", json!({"role": "moderator"})))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["role"], "moderator");
    let me = s
        .send(Call::get(&format!("/rooms/{id}/me")).cookie(&cookie))
        .await
        .json();
    assert_eq!(me["role"], "moderator");
    assert_eq!(me["permissions"].as_array().map(Vec::len), Some(6));
    let mails = s.emails_to("ann@example.com");
    assert!(mails
        .last()
        .is_some_and(|m| m.contains("Subject: Your role in Quarterly all-hands is now moderator")));
    assert!(s.events.names().contains(&"ParticipantRoleChanged"));

    let r = s
        .send(put("ann@example.com", json!({"role": "viewer"})))
        .await;
    assert_eq!(r.json()["role"], "viewer", "a host may lower a role");
    let r = s
        .send(put("ann@example.com", json!({"role": "owner"})))
        .await;
    assert_eq!(r.code(), "bad_request");
    let r = s
        .send(put("nobody@example.com", json!({"role": "speaker"})))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, "participant_not_found".into())
    );
}

#[tokio::test]
async fn unknown_paths_are_json_404s_and_pages_have_security_headers() {
    let s = TestService::start().await;
    let r = s.send(Call::get("/nope")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json()["error"].is_string());
    let r = s.send(Call::get("/join/garbage")).await;
    assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(r
        .header("content-security-policy")
        .is_some_and(|c| !c.contains("unsafe-inline") && c.contains("frame-ancestors 'none'")));
    assert!(r.header("x-request-id").is_some());
}
