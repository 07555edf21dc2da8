use crate::host_api::send_with;
use acceptance::*;
use http::StatusCode;
use serde_json::json;
use time::Duration;

/// Every round on the embedded store; a tenth on DynamoDB on moto, whose single thread
/// serializes every call (the AWS adapter tests run their own 200-round race there).
fn rounds(s: &TestService, embedded: usize) -> usize {
    if s.store.is_none() {
        embedded
    } else {
        embedded / 10
    }
}

/// Issues an invite whose link is returned rather than emailed; its path.
async fn shown_link(
    s: &TestService,
    token: &str,
    room_id: &str,
    invite: serde_json::Value,
) -> String {
    let inv = s.invite(token, room_id, invite).await.json();
    let link = inv["link"].as_str().expect("a shown link");
    link.trim_start_matches(BASE).to_owned()
}

async fn race(s: &TestService, link: &str, contenders: usize) -> (usize, usize) {
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..contenders {
        let router = s.local().router.clone();
        let call = Call::post(link).form_email("ann@example.com").accept_json();
        set.spawn(send_with(router, call));
    }
    let (mut won, mut used) = (0, 0);
    while let Some(r) = set.join_next().await {
        let r = r.expect("task");
        match r.status {
            StatusCode::OK => won += 1,
            StatusCode::GONE if r.code() == "link_used" => used += 1,
            other => panic!("unexpected {other}: {}", r.text()),
        }
    }
    (won, used)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_redemptions_of_a_single_use_link_have_one_winner_over_100_rounds() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(1)).await;
    for round in 0..rounds(&s, 100) {
        let link = shown_link(
            &s,
            &t,
            &id,
            json!({"email": "ann@example.com", "send_email": false}),
        )
        .await;
        let (won, used) = race(&s, &link, 50).await;
        assert_eq!((won, used), (1, 49), "round {round}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_three_use_link_has_exactly_three_winners() {
    let s = TestService::start().await;
    let t = host_token("o", "h");
    let id = s.create_room(&t, Duration::hours(1)).await;
    for round in 0..rounds(&s, 20) {
        let invite = json!({"email": "ann@example.com", "send_email": false, "max_uses": 3});
        let link = shown_link(&s, &t, &id, invite).await;
        let (won, used) = race(&s, &link, 50).await;
        assert_eq!((won, used), (3, 47), "round {round}");
    }
}
