//! The AppSync Events browser client (`/assets/appsync-live.js`) in Chromium, against
//! the protocol server of `acceptance::appsync_protocol` (AWS's published messages; moto
//! cannot host AppSync Events). The script is loaded from the real service router into
//! a harness page whose CSP is as strict as the service's (no inline script, no eval;
//! connect-src only the test's WebSocket servers), and driven through WebDriver.

use crate::support::{tools, until, Browser, Driver};
use acceptance::appsync_protocol::{AppSyncEventsServer, Config, Seen, SUBPROTOCOL};
use acceptance::TestService;
use serde_json::{json, Value};
use std::time::Duration;

const ROOM: &str = "/live/rooms/01JROOM";
const MINE: &str = "/live/rooms/01JROOM/p-ann";
const HOST: &str = "abc.appsync-api.us-east-1.amazonaws.com";
const TOKEN: &str = "subscribe-token-1";

fn config(allowed: &[&str], connection_timeout_ms: u64, keep_alive: Option<Duration>) -> Config {
    Config {
        host: HOST.into(),
        token: TOKEN.into(),
        allowed_channels: allowed.iter().map(|c| c.to_string()).collect(),
        connection_timeout_ms,
        keep_alive,
    }
}

fn live(server: &AppSyncEventsServer) -> Value {
    json!({
        "transport": "appsync",
        "url": server.url(),
        "channels": [ROOM, MINE],
        "token": TOKEN,
        "host": HOST,
    })
}

/// A harness page on its own loopback server: the real script from the service, and
/// the service's CSP with connect-src opened to the test's WebSocket servers only.
async fn harness(service_base: &str) -> (String, tokio::task::JoinHandle<()>) {
    let page = format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>AppSync live client</title><script src="{service_base}/assets/appsync-live.js"></script></head><body><main><h1>AppSync live client</h1></main></body></html>"#
    );
    let csp = format!(
        "default-src 'none'; script-src {service_base}; connect-src ws://127.0.0.1:* ws://*.localhost:*; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    let app = axum::Router::new().route(
        "/",
        axum::routing::get(move || {
            let page = page.clone();
            let csp = csp.clone();
            async move {
                (
                    [
                        (
                            http::header::CONTENT_TYPE,
                            "text/html; charset=utf-8".to_owned(),
                        ),
                        (http::header::CONTENT_SECURITY_POLICY, csp),
                    ],
                    page,
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let url = format!("http://{}/", listener.local_addr().expect("bound"));
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, task)
}

/// `AppSyncLive.subscribe(live, …)` in the page; returns the index of its record
/// (`window.__subs[i]`: events, failures with the page's time, the time of the call).
async fn subscribe(b: &Browser, live: Value) -> usize {
    let script = r#"
var live = arguments[0];
window.__subs = window.__subs || [];
var rec = { events: [], failures: [], started: Date.now() };
rec.sub = window.AppSyncLive.subscribe(live,
  function (name, data) { rec.events.push([name, data]); },
  function (reason) { rec.failures.push([reason, Date.now()]); });
window.__subs.push(rec);
return window.__subs.length - 1;
"#;
    let v = b
        .client
        .execute(script, vec![live])
        .await
        .expect("subscribe runs");
    v.as_u64().expect("an index") as usize
}

async fn record(b: &Browser, i: usize) -> Value {
    b.js(&format!(
        "var r = window.__subs[{i}]; return {{ events: r.events, failures: r.failures, started: r.started }};"
    ))
    .await
}

async fn wait_failure(b: &Browser, i: usize) -> (String, f64) {
    let failure = until("onFailure", Duration::from_secs(10), || async {
        let r = record(b, i).await;
        r["failures"].as_array().filter(|f| !f.is_empty()).cloned()
    })
    .await;
    let reason = failure[0][0].as_str().unwrap_or_default().to_owned();
    let at = failure[0][1].as_f64().unwrap_or_default();
    (reason, at)
}

/// The two subscriptions of one connection, once both are confirmed: (conn, ids).
async fn wait_subscribed(server: &AppSyncEventsServer) -> (u64, Vec<(String, String, Value)>) {
    server
        .wait_for(
            "subscriptions to both channels",
            Duration::from_secs(10),
            |seen| {
                let subs: Vec<_> = seen
                    .iter()
                    .filter_map(|s| match s {
                        Seen::Subscribed {
                            conn,
                            id,
                            channel,
                            authorization,
                        } => Some((*conn, id.clone(), channel.clone(), authorization.clone())),
                        _ => None,
                    })
                    .collect();
                (subs.len() == 2).then(|| {
                    (
                        subs[0].0,
                        subs.into_iter().map(|(_, i, c, a)| (i, c, a)).collect(),
                    )
                })
            },
        )
        .await
}

fn publish(server: &AppSyncEventsServer, channel: &str, name: &str, data: Value) -> usize {
    server.publish(channel, &json!({ "event": name, "data": data }).to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_appsync_events_client_follows_the_protocol_in_chromium() {
    let Some(tools) = tools() else { return };
    let _one = crate::ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let (page, page_server) = harness(&s.base).await;
    let driver = Driver::start(&tools).await;
    let b = driver.browser().await;
    b.goto(&page).await;
    until("the client script", Duration::from_secs(10), || async {
        (b.js("return typeof window.AppSyncLive").await == json!("object")).then_some(())
    })
    .await;

    // 1. The handshake, both subscriptions, events on both channels, close().
    let a = AppSyncEventsServer::start(config(&[ROOM, MINE], 300_000, None)).await;
    let i = subscribe(&b, live(&a)).await;
    let (conn, subs) = wait_subscribed(&a).await;
    let seen = a.seen();
    let auth = json!({ "host": HOST, "Authorization": TOKEN });
    match &seen[0] {
        Seen::Handshake {
            subprotocols,
            auth: header,
            ..
        } => {
            assert_eq!(subprotocols.len(), 2, "{subprotocols:?}");
            assert_eq!(subprotocols[0], SUBPROTOCOL);
            assert!(subprotocols[1].starts_with("header-"), "{subprotocols:?}");
            assert_eq!(
                header, &auth,
                "the header subprotocol: base64url of the auth JSON"
            );
        }
        other => panic!("the handshake comes first: {other:?}"),
    }
    assert_eq!(
        seen[1],
        Seen::ConnectionInit { conn },
        "connection_init first"
    );
    let mut channels: Vec<&str> = subs.iter().map(|(_, c, _)| c.as_str()).collect();
    channels.sort();
    assert_eq!(channels, [ROOM, MINE]);
    assert_ne!(subs[0].0, subs[1].0, "unique subscription ids");
    for (_, _, authorization) in &subs {
        assert_eq!(
            authorization, &auth,
            "each subscribe carries the authorization"
        );
    }
    let role = json!({"role": "speaker", "permissions": ["live", "chat", "qa", "interactions", "backchannel"]});
    let status = json!({"status": "live", "starts_at": "2026-12-01T10:00:00Z"});
    assert_eq!(publish(&a, MINE, "role", role.clone()), 1);
    assert_eq!(publish(&a, ROOM, "status", status.clone()), 1);
    // Not ours: another room's channel is not subscribed, so nothing is sent to the page.
    assert_eq!(publish(&a, "/live/rooms/OTHER", "deleted", json!({})), 0);
    let want = json!([["role", role], ["status", status]]);
    until(
        "both events in the page",
        Duration::from_secs(10),
        || async { (record(&b, i).await["events"] == want).then_some(()) },
    )
    .await;
    b.js(&format!("window.__subs[{i}].sub.close();")).await;
    a.wait_for(
        "unsubscribes and the close",
        Duration::from_secs(10),
        |seen| {
            let unsubscribed = seen
                .iter()
                .filter(|s| matches!(s, Seen::Unsubscribed { .. }))
                .count();
            let closed = seen.contains(&Seen::ClientClosed { conn });
            (unsubscribed == 2 && closed).then_some(())
        },
    )
    .await;
    assert_eq!(
        publish(&a, ROOM, "deleted", json!({})),
        0,
        "no subscription left"
    );
    let r = record(&b, i).await;
    assert_eq!(r["events"], want, "nothing after close()");
    assert_eq!(r["failures"], json!([]), "close() is not a failure");

    // 2. The HTTP domain derived from the realtime URL when `host` is absent; then the
    //    connection dropped by the server → onFailure, once.
    let derived = AppSyncEventsServer::start(Config {
        host: "abc.appsync-api.localhost".into(),
        ..config(&[ROOM, MINE], 300_000, None)
    })
    .await;
    let url = format!(
        "ws://abc.appsync-realtime-api.localhost:{}/event/realtime",
        derived.port
    );
    let i = subscribe(
        &b,
        json!({"transport": "appsync", "url": url, "channels": [ROOM, MINE], "token": TOKEN}),
    )
    .await;
    let (conn, subs) = wait_subscribed(&derived).await;
    assert_eq!(
        subs[0].2,
        json!({"host": "abc.appsync-api.localhost", "Authorization": TOKEN})
    );
    derived.drop_connections();
    derived
        .wait_for("the drop", Duration::from_secs(5), |seen| {
            seen.contains(&Seen::Dropped { conn }).then_some(())
        })
        .await;
    let (reason, _) = wait_failure(&b, i).await;
    assert!(
        reason.starts_with("closed") || reason == "socket_error",
        "{reason}"
    );
    // A later round trip to the page: still exactly one call.
    assert_eq!(
        record(&b, i).await["failures"].as_array().map(Vec::len),
        Some(1)
    );

    // 3. subscribe_error (a channel the authorizer does not allow) → onFailure.
    let refusing = AppSyncEventsServer::start(config(&[ROOM], 300_000, None)).await;
    let i = subscribe(&b, live(&refusing)).await;
    let (reason, _) = wait_failure(&b, i).await;
    assert_eq!(reason, "subscribe_error: UnauthorizedException");
    refusing
        .wait_for(
            "the refusal, then the client's close",
            Duration::from_secs(10),
            |seen| {
                let refused = seen.iter().any(|s| {
                matches!(s, Seen::SubscribeRefused { channel, .. } if channel.as_str() == MINE)
            });
                let closed = seen.iter().any(|s| matches!(s, Seen::ClientClosed { .. }));
                (refused && closed).then_some(())
            },
        )
        .await;

    // 4. A wrong token: connection_error at connection_init → onFailure.
    let other_token = AppSyncEventsServer::start(Config {
        token: "another-token".into(),
        ..config(&[ROOM, MINE], 300_000, None)
    })
    .await;
    let i = subscribe(&b, live(&other_token)).await;
    let (reason, _) = wait_failure(&b, i).await;
    assert_eq!(reason, "connection_error: UnauthorizedException");
    assert!(!other_token
        .seen()
        .iter()
        .any(|s| matches!(s, Seen::Subscribed { .. })));

    // 5. Keep-alives within connectionTimeoutMs keep the connection: past the timeout
    //    (12 × 150 ms against 1500 ms) it still delivers.
    let alive = AppSyncEventsServer::start(config(
        &[ROOM, MINE],
        1500,
        Some(Duration::from_millis(150)),
    ))
    .await;
    let i = subscribe(&b, live(&alive)).await;
    wait_subscribed(&alive).await;
    alive
        .wait_for("12 keep-alives", Duration::from_secs(10), |seen| {
            let kas = seen
                .iter()
                .filter(|s| matches!(s, Seen::KeepAliveSent { .. }))
                .count();
            (kas >= 12).then_some(())
        })
        .await;
    assert_eq!(publish(&alive, ROOM, "deleted", json!({})), 1);
    until("the deleted event", Duration::from_secs(5), || async {
        (record(&b, i).await["events"] == json!([["deleted", {}]])).then_some(())
    })
    .await;
    assert_eq!(record(&b, i).await["failures"], json!([]));
    b.js(&format!("window.__subs[{i}].sub.close();")).await;

    // 6. No keep-alive within connectionTimeoutMs → onFailure, not before the timeout.
    let silent = AppSyncEventsServer::start(config(&[ROOM, MINE], 1000, None)).await;
    let i = subscribe(&b, live(&silent)).await;
    wait_subscribed(&silent).await;
    let (reason, at) = wait_failure(&b, i).await;
    assert_eq!(reason, "keepalive_timeout");
    let started = record(&b, i).await["started"].as_f64().unwrap_or_default();
    let after = at - started;
    assert!(
        (1000.0..6000.0).contains(&after),
        "failed {after} ms after subscribe"
    );
    silent
        .wait_for("the client's close", Duration::from_secs(5), |seen| {
            seen.iter()
                .any(|s| matches!(s, Seen::ClientClosed { .. }))
                .then_some(())
        })
        .await;

    for (name, server) in [
        ("a", &a),
        ("derived", &derived),
        ("refusing", &refusing),
        ("other_token", &other_token),
        ("alive", &alive),
        ("silent", &silent),
    ] {
        assert_eq!(server.violations(), Vec::<String>::new(), "server {name}");
    }
    let problems = b.problems(&[]).await;
    assert!(problems.is_empty(), "{problems:#?}");
    b.client.close().await.expect("close");
    page_server.abort();
}
