//! What the functions do at init: the provider's keys fetched once, the secrets read and
//! DynamoDB warmed up; and the live authorizer on AppSync's documented event.

use super::*;

/// With `HOST_JWT_ISSUER` and no `HOST_JWT_SECRET`: the rooms function fetches the
/// provider's keys during init, keeps them across invocations, and a host with the
/// provider's token creates a room. A provider that is down does not fail the init:
/// requests answer 503 until the keys come.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rooms_function_verifies_provider_tokens_with_keys_fetched_at_init() {
    let Some((_lease, moto)) = support::moto::lease().await else {
        return;
    };
    let _store = support::dynamo_store(moto, None).await;
    aws_sdk_scheduler::Client::new(&moto.sdk_config().await)
        .create_schedule_group()
        .name(GROUP)
        .send()
        .await
        .expect("schedule group");
    let endpoint = moto.endpoint.clone();
    let issuer = acceptance::oidc::Issuer::start();
    let env = [
        ("HOST_JWT_SECRET", String::new()),
        ("HOST_JWT_ISSUER", issuer.base.clone()),
        ("HOST_ORG_CLAIM", "o.id".to_owned()),
    ];
    let Some(rooms) = start_with("rooms", &endpoint, &env).await else {
        return;
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while issuer.jwks_hits().await == 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no key fetch at init"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let token = issuer.token(serde_json::json!({"shape": "clerk"})).await;
    let mut create = event("rooms/create-room.json");
    create["headers"]["authorization"] = Value::String(format!("Bearer {token}"));
    for _ in 0..2 {
        let r = rooms
            .api
            .invoke(create.clone(), Duration::from_secs(20))
            .await
            .expect("invoke");
        assert_eq!(r["statusCode"], 201, "{r}");
        assert_eq!(body(&r)["org"], "org_2mPAj1ExampleOrgId");
    }
    assert_eq!(issuer.jwks_hits().await, 1, "keys kept across invocations");
    check_logs(&rooms);
    let log = std::fs::read_to_string(&rooms.log).expect("log");
    assert!(!log.contains(&token), "the bearer token in the log");

    // The provider down at init: the function starts, and answers 503.
    issuer.control(serde_json::json!({"down": true})).await;
    let Some(cold) = start_with("rooms", &endpoint, &env).await else {
        return;
    };
    let r = cold
        .api
        .invoke(create.clone(), Duration::from_secs(20))
        .await
        .expect("invoke");
    assert_eq!(r["statusCode"], 503, "{r}");
    assert_eq!(body(&r)["error"], "identity_provider_unavailable");
}

/// The live authorizer's binary under the Runtime API, with AppSync's documented
/// authorizer event (tests/fixtures/appsync): a live token from the same session secret
/// connects and subscribes to its room's channel, is denied another participant's
/// channel, a wildcard and any publish; an unreadable event is denied, not an error;
/// the log lines never hold the token. Needs no AWS service (`SESSION_SECRET` is set).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_authorizer_answers_appsyncs_documented_event() {
    use shared::domain::live_token::LiveTokens;
    let Some(f) = start("live-authorizer", "http://127.0.0.1:9").await else {
        return;
    };
    let identity = "p_0123456789abcdef01234567";
    let token = LiveTokens::from_session_secret(b"sample-session-secret-change-me")
        .issue(ROOM, identity, time::OffsetDateTime::now_utc())
        .expect("token");
    let documented: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/appsync/authorizer-request.json"))
            .expect("fixture"),
    )
    .expect("json");
    let case = |operation: &str, channel: Option<&str>| {
        let mut e = documented.clone();
        e["authorizationToken"] = Value::from(token.clone());
        e["requestContext"]["operation"] = Value::from(operation);
        let context = e["requestContext"].as_object_mut().expect("context");
        match channel {
            Some(c) => {
                context.insert("channelNamespaceName".into(), Value::from("live"));
                context.insert("channel".into(), Value::from(c));
            }
            None => {
                context.remove("channelNamespaceName");
                context.remove("channel");
            }
        }
        e
    };
    let room = format!("/live/rooms/{ROOM}");
    let own = format!("/live/rooms/{ROOM}/p-0123456789abcdef01234567");
    let other = format!("/live/rooms/{ROOM}/p-fedcba9876543210fedcba98");
    let wildcard = format!("/live/rooms/{ROOM}/*");
    for (event, allowed) in [
        (case("EVENT_CONNECT", None), true),
        (case("EVENT_SUBSCRIBE", Some(&room)), true),
        (case("EVENT_SUBSCRIBE", Some(&own)), true),
        (case("EVENT_SUBSCRIBE", Some(&other)), false),
        (case("EVENT_SUBSCRIBE", Some(&wildcard)), false),
        (case("EVENT_PUBLISH", Some(&room)), false),
        (documented.clone(), false),
        (serde_json::json!({"unexpected": true}), false),
    ] {
        let answer = f
            .api
            .invoke(event.clone(), Duration::from_secs(20))
            .await
            .unwrap_or_else(|e| panic!("{event}: {e}"));
        assert_eq!(
            answer,
            serde_json::json!({"isAuthorized": allowed, "ttlOverride": 0}),
            "{event}"
        );
    }
    // The sample events (events/live-authorizer, Ann's identity computed by generate.py).
    let ann = shared::domain::participant_identity(
        b"sample-session-secret-change-me",
        ROOM,
        &EmailAddress::parse("ann@example.com").expect("email"),
    );
    assert!(
        event("live-authorizer/subscribe-own.json")["requestContext"]["channel"]
            .as_str()
            .is_some_and(|c| c.ends_with(&ann.replace('_', "-")))
    );
    for (sample, allowed) in [
        ("connect", true),
        ("subscribe-room", true),
        ("subscribe-own", true),
        ("subscribe-wildcard", false),
    ] {
        let answer = f.invoke(&format!("live-authorizer/{sample}.json")).await;
        assert_eq!(answer["isAuthorized"], allowed, "{sample}: {answer}");
    }
    let log = std::fs::read_to_string(&f.log).expect("log");
    assert!(log.contains("live authorization"), "{log}");
    assert!(!log.contains(&token), "the token in the log: {log}");
    for line in log.lines().filter(|l| !l.trim().is_empty()) {
        serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    }
}

impl Function {
    /// The process's exit status, if it exits within `limit`.
    async fn exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// The init reads the secrets from Secrets Manager and opens the DynamoDB connection
/// (Lambda runs it with a full vCPU): a secret deleted after the init is not missed; a
/// missing secret fails the init with its name; a DynamoDB that does not answer the
/// warm-up is logged and does not fail it. `WARM_INIT=0` leaves all of that to the first
/// request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_init_reads_the_secrets_and_warms_up_dynamodb() {
    let Some((_lease, moto)) = support::moto::lease().await else {
        return;
    };
    let store = support::dynamo_store(moto, None).await;
    seed(&store).await;
    let sdk = moto.sdk_config().await;
    let secrets = aws_sdk_secretsmanager::Client::new(&sdk);
    let session = secrets
        .create_secret()
        .name("session-secret")
        .secret_string("sample-session-secret-change-me")
        .send()
        .await
        .expect("secret");
    let arn = session.arn().unwrap_or_default().to_owned();
    let endpoint = moto.endpoint.clone();
    let from_secrets_manager = vec![
        ("SESSION_SECRET", String::new()),
        ("SESSION_SECRET_ARN", arn.clone()),
    ];

    // Read during init: the function answers after the secret is gone.
    let Some(warm) = start_with("redemption", &endpoint, &from_secrets_manager).await else {
        return;
    };
    assert!(
        warm.api
            .wait_first_poll(Duration::from_secs(20))
            .await
            .is_some(),
        "init finished: {}",
        warm.log_text()
    );
    let mut lazy_env = from_secrets_manager.clone();
    lazy_env.push(("WARM_INIT", "0".to_owned()));
    let Some(lazy) = start_with("redemption", &endpoint, &lazy_env).await else {
        return;
    };
    assert!(lazy
        .api
        .wait_first_poll(Duration::from_secs(20))
        .await
        .is_some());
    secrets
        .delete_secret()
        .secret_id(&arn)
        .force_delete_without_recovery(true)
        .send()
        .await
        .expect("delete secret");
    warm.http("redemption/open-link.json", 200).await;
    // The lazy init reads it on the first request: too late.
    let answer = lazy
        .api
        .invoke(event("redemption/open-link.json"), Duration::from_secs(20))
        .await;
    assert!(
        answer
            .as_ref()
            .is_err_and(|e| e.contains("SESSION_SECRET_ARN")),
        "{answer:?}"
    );

    // A missing secret fails the init, naming it.
    let Some(mut missing) = start_with("redemption", &endpoint, &from_secrets_manager).await else {
        return;
    };
    let status = missing.exit(Duration::from_secs(20)).await;
    assert!(status.is_some_and(|s| !s.success()), "{status:?}");
    assert!(
        missing.api.first_poll().is_none(),
        "no invocation asked for"
    );
    let log = missing.log_text();
    assert!(
        log.lines()
            .any(|l| l.contains("init failed") && l.contains("SESSION_SECRET_ARN")),
        "{log}"
    );

    // DynamoDB's warm-up failing (no such table) is logged; the init goes on.
    let Some(no_table) = start_with(
        "rooms",
        &endpoint,
        &[("TABLE_NAME", "no-such-table".to_owned())],
    )
    .await
    else {
        return;
    };
    assert!(no_table
        .api
        .wait_first_poll(Duration::from_secs(20))
        .await
        .is_some());
    let log = no_table.log_text();
    assert!(log.contains("DynamoDB warm-up failed during init"), "{log}");
}
