//! Big rooms (integrations.md §5): paged, filtered lists with opaque cursors, the room
//! summary and the CSV exports.

use acceptance::*;
use http::StatusCode;
use serde_json::{json, Value};
use std::collections::HashSet;
use time::Duration;

/// Issues `n` invites in bulk requests of up to 500; every third is a speaker.
async fn issue(s: &TestService, t: &str, room: &str, n: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        let entries: Vec<Value> = chunk
            .iter()
            .map(|k| {
                json!({
                    "email": format!("guest{k}@example.com"),
                    "role": if k % 3 == 0 { "speaker" } else { "viewer" },
                    "send_email": false
                })
            })
            .collect();
        let r = s
            .send(
                Call::post(&format!("/api/rooms/{room}/invites"))
                    .bearer(t)
                    .json(&json!({ "invites": entries })),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        out.extend(
            r.json()["results"]
                .as_array()
                .expect("results")
                .iter()
                .map(|x| x["invite"].clone()),
        );
    }
    assert_eq!(out.len(), n);
    out
}

/// Follows `next_cursor` from `path` (which has a query) to the end.
async fn follow(s: &TestService, t: &str, path: &str, field: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut url = path.to_owned();
    loop {
        let r = s.send(Call::get(&url).bearer(t)).await;
        assert_eq!(r.status, StatusCode::OK, "{url}: {}", r.text());
        let body = r.json();
        all.extend(body[field].as_array().expect("items").iter().cloned());
        match body["next_cursor"].as_str() {
            Some(c) => url = format!("{path}&cursor={c}"),
            None => {
                assert_eq!(body["next_cursor"], Value::Null);
                return all;
            }
        }
    }
}

fn sort_key(i: &Value) -> (String, String) {
    (
        i["created_at"].as_str().unwrap_or_default().to_owned(),
        i["invite_id"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn invites_page_in_creation_order_with_filters() {
    let s = TestService::start().await;
    let t = host_token("org-a", "dana");
    let room = s.create_room(&t, Duration::days(1)).await;
    let issued = issue(&s, &t, &room, 25).await;
    let base = format!("/api/rooms/{room}/invites");

    // Default limit (100): one page, no cursor; the old shape plus next_cursor.
    let one = s.send(Call::get(&base).bearer(&t)).await;
    assert_eq!(one.status, StatusCode::OK);
    let body = one.json();
    assert_eq!(body["invites"].as_array().map(Vec::len), Some(25));
    assert_eq!(body["next_cursor"], Value::Null);
    assert!(
        body["invites"][0].get("link").is_none(),
        "lists never show links"
    );

    let paged = follow(&s, &t, &format!("{base}?limit=7"), "invites").await;
    assert_eq!(
        paged,
        body["invites"].as_array().cloned().unwrap_or_default()
    );
    let ids: HashSet<&str> = paged
        .iter()
        .filter_map(|i| i["invite_id"].as_str())
        .collect();
    assert_eq!(ids.len(), 25, "each invite once");
    let mut sorted = paged.clone();
    sorted.sort_by_key(sort_key);
    assert_eq!(paged, sorted, "creation order, oldest first");
    let issued_ids: HashSet<&str> = issued
        .iter()
        .filter_map(|i| i["invite_id"].as_str())
        .collect();
    assert_eq!(ids, issued_ids);

    // Filters run with the pages.
    let speakers = follow(&s, &t, &format!("{base}?limit=2&role=speaker"), "invites").await;
    assert_eq!(speakers.len(), 9);
    assert!(speakers.iter().all(|i| i["role"] == "speaker"));
    let revoked_id = issued[3]["invite_id"].as_str().expect("id");
    let del = s
        .send(Call::new(http::Method::DELETE, &format!("{base}/{revoked_id}")).bearer(&t))
        .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    let revoked = follow(&s, &t, &format!("{base}?limit=5&status=revoked"), "invites").await;
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0]["invite_id"], revoked_id);
    let active = follow(&s, &t, &format!("{base}?limit=5&status=active"), "invites").await;
    assert_eq!(active.len(), 24);
    let by_email = follow(
        &s,
        &t,
        &format!("{base}?limit=5&email=%20Guest7@EXAMPLE.com"),
        "invites",
    )
    .await;
    assert_eq!(by_email.len(), 1);
    assert_eq!(by_email[0]["email"], "guest7@example.com");
    let not_sent = follow(&s, &t, &format!("{base}?delivery=not_sent"), "invites").await;
    assert_eq!(not_sent.len(), 25);
    let bounced = follow(&s, &t, &format!("{base}?delivery=bounced"), "invites").await;
    assert!(bounced.is_empty());
}

#[tokio::test]
async fn malformed_or_foreign_cursors_and_bad_parameters_are_bad_requests() {
    let s = TestService::start().await;
    let t = host_token("org-a", "dana");
    let room = s.create_room(&t, Duration::days(1)).await;
    let other = s.create_room(&t, Duration::days(1)).await;
    issue(&s, &t, &room, 5).await;
    issue(&s, &t, &other, 5).await;
    let base = format!("/api/rooms/{room}/invites");
    let first = s
        .send(Call::get(&format!("{base}?limit=2")).bearer(&t))
        .await
        .json();
    let cursor = first["next_cursor"].as_str().expect("cursor").to_owned();
    let ok = s
        .send(Call::get(&format!("{base}?limit=2&cursor={cursor}")).bearer(&t))
        .await;
    assert_eq!(ok.status, StatusCode::OK);

    let mut edited = cursor.clone().into_bytes();
    let last = edited.len() - 3;
    edited[last] = if edited[last] == b'A' { b'B' } else { b'A' };
    let edited = String::from_utf8(edited).expect("ascii");
    for url in [
        format!("{base}?cursor=not-a-cursor"),
        format!("{base}?cursor={edited}"),
        format!("{base}?cursor="),
        // Another room's list, another filter, another list.
        format!("/api/rooms/{other}/invites?limit=2&cursor={cursor}"),
        format!("{base}?limit=2&role=viewer&cursor={cursor}"),
        format!("/api/rooms/{room}/participants?cursor={cursor}"),
        format!("{base}?limit=0"),
        format!("{base}?limit=1001"),
        format!("{base}?limit=ten"),
        format!("{base}?status=gone"),
        format!("{base}?role=host"),
        format!("{base}?delivery=pending"),
        format!("{base}?email=not-an-address"),
        format!("{base}?limit=2&limit=3"),
        format!("/api/rooms/{room}/participants?role=owner"),
        format!("/api/rooms/{room}/invites.csv?status=gone"),
    ] {
        let r = s.send(Call::get(&url).bearer(&t)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{url}: {}", r.text());
        assert_eq!(r.code(), "bad_request", "{url}");
    }
    let max = s
        .send(Call::get(&format!("{base}?limit=1000")).bearer(&t))
        .await;
    assert_eq!(max.status, StatusCode::OK);
}

#[tokio::test]
async fn another_orgs_room_is_not_found_everywhere() {
    let s = TestService::start().await;
    let t = host_token("org-a", "dana");
    let room = s.create_room(&t, Duration::days(1)).await;
    let stranger = host_token("org-b", "eve");
    for path in [
        "invites",
        "participants",
        "summary",
        "invites.csv",
        "participants.csv",
    ] {
        let r = s
            .send(Call::get(&format!("/api/rooms/{room}/{path}")).bearer(&stranger))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.code(), "room_not_found", "{path}");
        let r = s
            .send(Call::get(&format!("/api/rooms/{room}/{path}")))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn participants_page_in_join_order_and_summary_counts_everything() {
    let s = TestService::start().await;
    let t = host_token("org-a", "dana");
    let room = s.create_room(&t, Duration::days(1)).await;
    let mut joined = Vec::new();
    for (k, role) in ["viewer", "moderator", "viewer", "speaker"]
        .iter()
        .enumerate()
    {
        let email = format!("p{k}@example.com");
        let link = s
            .invite_link(&t, &room, json!({"email": email, "role": role}))
            .await;
        s.cookie_for(&link, &email).await;
        joined.push(email);
    }
    issue(&s, &t, &room, 6).await;
    let base = format!("/api/rooms/{room}/participants");
    let all = follow(&s, &t, &format!("{base}?limit=3"), "participants").await;
    let mut order: Vec<(String, String)> = all
        .iter()
        .map(|p| {
            (
                p["joined_at"].as_str().unwrap_or_default().to_owned(),
                p["email"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let emails: HashSet<String> = order.iter().map(|(_, e)| e.clone()).collect();
    assert_eq!(emails, joined.iter().cloned().collect());
    let listed = order.clone();
    order.sort();
    assert_eq!(listed, order, "join order");
    for p in &all {
        for key in ["email", "role", "joined_at", "updated_at"] {
            assert!(p.get(key).is_some(), "participant lacks {key}");
        }
    }
    let viewers = follow(&s, &t, &format!("{base}?role=viewer"), "participants").await;
    assert_eq!(viewers.len(), 2);

    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/summary")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json(),
        json!({
            "invites": { "total": 10, "active": 6, "used": 4, "expired": 0, "revoked": 0, "locked": 0 },
            "delivery": { "sent": 4, "queued": 0, "not_sent": 6, "failed": 0, "delivered": 0, "bounced": 0, "complained": 0 },
            "participants": { "total": 4, "viewer": 2, "speaker": 1, "moderator": 1,
                "admitted": 4, "waiting": 0, "denied": 0 }
        })
    );
}

/// RFC 4180 records of a CSV body, parsed by the `csv` crate (what spreadsheets and
/// scripts use), not by our own code.
fn records(body: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn csv_exports_stream_every_row_with_formulas_neutralised() {
    let s = TestService::start().await;
    // A host whose id a spreadsheet would run as a formula.
    let evil = "=HYPERLINK(\"http://evil.example\",\"x\")";
    let t = host_token("org-a", evil);
    let room = s.create_room(&t, Duration::days(1)).await;
    let issued = issue(&s, &t, &room, 1001).await;
    let link = s
        .invite_link(&t, &room, json!({"email": "-joe@example.com"}))
        .await;
    s.cookie_for(&link, "-joe@example.com").await;

    let r = s
        .send(Call::get(&format!("/api/rooms/{room}/invites.csv")).bearer(&t))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(r
        .header("content-disposition")
        .is_some_and(|d| d.contains("invites.csv")));
    let rows = records(&r.body);
    assert_eq!(
        rows[0],
        [
            "invite_id",
            "email",
            "role",
            "status",
            "delivery",
            "uses",
            "max_uses",
            "expires_at",
            "created_by",
            "created_at"
        ]
    );
    assert_eq!(
        rows.len(),
        1 + 1002,
        "a header and every invite, over two pages of 1,000"
    );
    let ids: HashSet<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), 1002);
    assert!(issued
        .iter()
        .all(|i| ids.contains(i["invite_id"].as_str().unwrap_or_default())));
    assert!(
        rows[1..].iter().all(|r| r[8] == format!("'{evil}")),
        "created_by neutralised"
    );
    let joe = rows
        .iter()
        .find(|r| r[1] == "'-joe@example.com")
        .expect("joe's row");
    assert_eq!((joe[3].as_str(), joe[5].as_str()), ("used", "1"));
    assert!(r.text().contains("\r\n"), "CRLF records");

    let speakers = s
        .send(Call::get(&format!("/api/rooms/{room}/invites.csv?role=speaker")).bearer(&t))
        .await;
    assert_eq!(records(&speakers.body).len(), 1 + 334);

    let p = s
        .send(Call::get(&format!("/api/rooms/{room}/participants.csv")).bearer(&t))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(p.header("content-type"), Some("text/csv; charset=utf-8"));
    let rows = records(&p.body);
    assert_eq!(
        rows[0],
        ["email", "role", "joined_at", "updated_at", "admission"]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1][..2],
        ["'-joe@example.com".to_owned(), "viewer".to_owned()]
    );
}

/// The big-room benchmark's code at a size CI can afford (`big-room-bench` runs it at
/// 100,000 invites; docs/benchmarks.md).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_big_room_is_listed_summarised_and_exported_whole() {
    let s = TestService::start().await;
    let dynamo = std::env::var("ACCEPTANCE_STORE").as_deref() == Ok("dynamodb");
    let (invites, participants) = if dynamo { (300, 40) } else { (3_000, 400) };
    let m = acceptance::big_room::run(&s, invites, participants, 8).await;
    m.check();
    assert!(m.participants > 0);
    println!(
        "{}",
        m.table(if dynamo { "dynamodb (moto)" } else { "sqlite" })
    );
}
