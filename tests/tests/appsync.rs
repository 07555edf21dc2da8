//! Live updates on AWS AppSync Events at their edges (moto cannot host AppSync Events):
//! - the publish requests, as a loopback server receives them, are re-signed by
//!   botocore's SigV4 signer (tests/python/verify_sigv4.py) and must match exactly; their
//!   bodies have the documented shape (tests/fixtures/appsync/publish-request.json);
//! - the live authorizer answers AppSync's documented authorizer event
//!   (tests/fixtures/appsync/authorizer-request.json) for tokens handed out by
//!   `LiveChannel::subscription`.
#![cfg(feature = "aws")]

use acceptance::appsync::{botocore_verifies, endpoint, Signer};
use acceptance::room_backend::Logs;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use axum::http::StatusCode;
use serde_json::{json, Value};
use shared::adapters::aws::live_authorizer::{ChannelNames, Decision, LiveAuthorizer};
use shared::adapters::aws::{AppSyncEvents, LiveSettings};
use shared::domain::live_token::{LiveTokens, LIVE_TOKEN_LIFETIME};
use shared::domain::{Role, RoomStatus};
use shared::ports::{Channel, LiveChannel, LiveEvent, LiveMessage};
use std::path::PathBuf;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SESSION_TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN";
const REGION: &str = "eu-west-1";
const ROOM: &str = "01JDX5AMP1E0000R00M0000000";
const OTHER_ROOM: &str = "01JDX5AMP1E0000R00M0000001";
const ANN: &str = "p_0123456789abcdef01234567";
const BOB: &str = "p_fedcba9876543210fedcba98";
const SESSION_SECRET: &[u8] = b"sample-session-secret-change-me";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> Value {
    let path = repo().join("tests/fixtures/appsync").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn settings() -> LiveSettings {
    LiveSettings {
        http_domain: "abc.appsync-api.eu-west-1.amazonaws.com".into(),
        realtime_domain: "abc.appsync-realtime-api.eu-west-1.amazonaws.com".into(),
        namespace: "live".into(),
        publish_url: None,
    }
}

fn signer(secret_key: &str) -> Signer<'_> {
    Signer {
        access_key: ACCESS_KEY,
        secret_key,
        session_token: Some(SESSION_TOKEN),
        region: REGION,
    }
}

fn publisher(url: &str) -> AppSyncEvents {
    let credentials = Credentials::new(
        ACCESS_KEY,
        SECRET_KEY,
        Some(SESSION_TOKEN.into()),
        None,
        "test",
    );
    AppSyncEvents::with_credentials(
        &settings(),
        Some(SharedCredentialsProvider::new(credentials)),
        Some(REGION.into()),
        None,
    )
    .with_publish_url(url)
}

fn status_at(minute: i64) -> LiveEvent {
    LiveEvent::Status {
        status: RoomStatus::Scheduled,
        starts_at: datetime!(2030-12-01 15:00 UTC) + Duration::minutes(minute),
    }
}

#[tokio::test]
async fn publish_requests_are_signed_as_botocore_signs_them_batched_by_five_in_order() {
    let (url, recorder) = endpoint().await;
    let live = publisher(&url);
    let room = Channel::Room {
        room_id: ROOM.into(),
    };
    let mut messages: Vec<LiveMessage> = (0..7)
        .map(|minute| LiveMessage {
            channel: room.clone(),
            event: status_at(minute),
        })
        .collect();
    messages.insert(
        3,
        LiveMessage {
            channel: Channel::Participant {
                room_id: ROOM.into(),
                identity: ANN.into(),
            },
            event: LiveEvent::Role {
                role: Role::Moderator,
            },
        },
    );
    messages.push(LiveMessage {
        channel: Channel::Room {
            room_id: OTHER_ROOM.into(),
        },
        event: LiveEvent::Deleted,
    });
    let (logs, _guard) = Logs::capture();
    live.publish(&messages).await;

    let requests = recorder.requests.lock().expect("lock").clone();
    assert_eq!(requests.len(), 4, "5 + 2 on the room, 1 role, 1 deletion");
    let documented = fixture("publish-request.json");
    let mut room_events = Vec::new();
    let mut by_channel: Vec<(String, usize)> = Vec::new();
    for r in &requests {
        assert_eq!(r.method, "POST");
        assert!(r.url.ends_with("/event"), "{}", r.url);
        let header = |name: &str| {
            r.headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(
            header("content-type"),
            documented["headers"]["content-type"].as_str()
        );
        let body: Value = serde_json::from_str(&r.body).expect("a JSON body");
        // The documented body: exactly `channel` and `events`.
        let mut keys: Vec<&String> = body.as_object().expect("object").keys().collect();
        keys.sort();
        let mut documented_keys: Vec<&String> = documented["body"]
            .as_object()
            .expect("object")
            .keys()
            .collect();
        documented_keys.sort();
        assert_eq!(keys, documented_keys);
        let channel = body["channel"].as_str().expect("channel").to_owned();
        let events = body["events"].as_array().expect("events");
        assert!((1..=5).contains(&events.len()), "{} events", events.len());
        for e in events {
            let text = e.as_str().expect("each event is a JSON string");
            let event: Value = serde_json::from_str(text).expect("stringified JSON");
            if channel == format!("/live/rooms/{ROOM}") {
                assert_eq!(event["event"], "status");
                room_events.push(event["data"]["starts_at"].as_str().expect("").to_owned());
            }
        }
        by_channel.push((channel, events.len()));
    }
    by_channel.sort();
    assert_eq!(
        by_channel,
        [
            (format!("/live/rooms/{ROOM}"), 2),
            (format!("/live/rooms/{ROOM}"), 5),
            (format!("/live/rooms/{ROOM}/p-0123456789abcdef01234567"), 1),
            (format!("/live/rooms/{OTHER_ROOM}"), 1),
        ]
    );
    let expected: Vec<String> = (0..7)
        .map(|m| {
            shared::domain::time_fmt::format(datetime!(2030-12-01 15:00 UTC) + Duration::minutes(m))
        })
        .collect();
    assert_eq!(room_events, expected, "a channel's events keep their order");

    assert_eq!(
        botocore_verifies(&requests, &signer(SECRET_KEY)).await,
        Ok(4),
        "botocore signs as we do"
    );
    // The check can fail: under another secret key botocore's signature differs.
    let refused = botocore_verifies(&requests, &signer("another-secret-key"))
        .await
        .expect_err("another key signs differently");
    assert!(refused.contains("botocore signs"), "{refused}");
    let text = logs.text();
    for secret in [SECRET_KEY, SESSION_TOKEN] {
        assert!(!text.contains(secret), "a credential in the logs: {text}");
    }
}

#[tokio::test]
async fn a_refused_publish_is_logged_without_credentials_and_never_fails_the_caller() {
    let (url, recorder) = endpoint().await;
    *recorder.status.lock().expect("lock") = Some(StatusCode::UNAUTHORIZED);
    let (logs, _guard) = Logs::capture();
    publisher(&url)
        .publish(&[LiveMessage {
            channel: Channel::Room {
                room_id: ROOM.into(),
            },
            event: LiveEvent::Deleted,
        }])
        .await;
    assert_eq!(recorder.requests.lock().expect("lock").len(), 1);
    let text = logs.text();
    assert!(text.contains("live update not published"), "{text}");
    assert!(text.contains("401"), "{text}");
    let signature = recorder.requests.lock().expect("lock")[0]
        .headers
        .iter()
        .find(|(k, _)| k == "authorization")
        .map(|(_, v)| v.clone())
        .expect("signed");
    for secret in [SECRET_KEY, SESSION_TOKEN, signature.as_str()] {
        assert!(!text.contains(secret), "{text}");
    }

    // Nobody listening: the publish gives up within its timeout.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr")
    };
    let started = std::time::Instant::now();
    publisher(&format!("http://{closed}/event"))
        .publish(&[LiveMessage {
            channel: Channel::Room {
                room_id: ROOM.into(),
            },
            event: LiveEvent::Deleted,
        }])
        .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
}

// ------------------------------------------------------------------- the authorizer

const NOW: OffsetDateTime = datetime!(2026-12-01 10:00 UTC);

fn authorizer() -> LiveAuthorizer {
    LiveAuthorizer::new(
        LiveTokens::from_session_secret(SESSION_SECRET),
        ChannelNames::new("live").expect("namespace"),
    )
}

/// The token and channels `/rooms/{id}/live` hands Ann's page.
fn anns_subscription() -> (String, Vec<String>) {
    let live = AppSyncEvents::with_credentials(
        &settings(),
        None,
        Some(REGION.into()),
        Some(LiveTokens::from_session_secret(SESSION_SECRET)),
    );
    let s = live.subscription(ROOM, ANN, NOW).expect("a subscription");
    (s.token.expect("token"), s.channels)
}

/// The documented event with this case's token, operation and channel.
fn event(token: Option<&str>, operation: &str, channel: Option<&str>) -> Value {
    let mut e = fixture("authorizer-request.json");
    match token {
        Some(t) => e["authorizationToken"] = json!(t),
        None => {
            e.as_object_mut()
                .expect("object")
                .remove("authorizationToken");
        }
    }
    e["requestContext"]["operation"] = json!(operation);
    let context = e["requestContext"].as_object_mut().expect("context");
    match channel {
        Some(c) => {
            context.insert("channelNamespaceName".into(), json!("live"));
            context.insert("channel".into(), json!(c));
        }
        None => {
            context.remove("channelNamespaceName");
            context.remove("channel");
        }
    }
    e
}

fn decide(event: Value, at: OffsetDateTime) -> Decision {
    authorizer().decide_event(event, at).0
}

#[test]
fn the_documented_event_itself_is_read_and_its_publish_denied() {
    let (decision, seen) = authorizer().decide_event(fixture("authorizer-request.json"), NOW);
    assert!(matches!(decision, Decision::Denied(_)), "{decision:?}");
    assert_eq!(seen.operation.as_deref(), Some("EVENT_PUBLISH"));
    assert_eq!(seen.channel.as_deref(), Some("/news/latest"));
    let response = serde_json::to_value(decision.response()).expect("json");
    assert_eq!(response, json!({"isAuthorized": false, "ttlOverride": 0}));
}

#[test]
fn a_valid_token_connects_and_subscribes_to_exactly_its_two_channels() {
    let (token, channels) = anns_subscription();
    assert_eq!(
        channels,
        [
            format!("/live/rooms/{ROOM}"),
            format!("/live/rooms/{ROOM}/p-0123456789abcdef01234567"),
        ]
    );
    let connect = decide(event(Some(&token), "EVENT_CONNECT", None), NOW);
    assert_eq!(connect, Decision::Connect);
    assert_eq!(
        serde_json::to_value(connect.response()).expect("json"),
        json!({"isAuthorized": true, "ttlOverride": 0})
    );
    for c in &channels {
        assert_eq!(
            decide(event(Some(&token), "EVENT_SUBSCRIBE", Some(c)), NOW),
            Decision::Subscribe,
            "{c}"
        );
    }
    // A bearer prefix is accepted too.
    assert_eq!(
        decide(
            event(
                Some(&format!("Bearer {token}")),
                "EVENT_SUBSCRIBE",
                Some(&channels[0])
            ),
            NOW
        ),
        Decision::Subscribe
    );
    // Publishing is IAM only, whatever the token.
    assert!(matches!(
        decide(
            event(Some(&token), "EVENT_PUBLISH", Some(&channels[0])),
            NOW
        ),
        Decision::Denied(_)
    ));
}

#[test]
fn expired_tampered_and_missing_tokens_are_denied() {
    let (token, channels) = anns_subscription();
    let late = NOW + LIVE_TOKEN_LIFETIME + Duration::minutes(1);
    assert_eq!(
        decide(event(Some(&token), "EVENT_CONNECT", None), late),
        Decision::Denied("token expired")
    );
    assert_eq!(
        decide(
            event(Some(&token), "EVENT_SUBSCRIBE", Some(&channels[0])),
            late
        ),
        Decision::Denied("token expired")
    );
    // One character of the signature changed.
    let mut tampered = token.clone();
    let last = tampered.pop().expect("char");
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    // One character of the claims changed.
    let (head, rest) = token.split_once('.').expect("jwt");
    let (claims, signature) = rest.split_once('.').expect("jwt");
    let mut claims = claims.to_owned().into_bytes();
    claims[10] = if claims[10] == b'x' { b'y' } else { b'x' };
    let forged = format!(
        "{head}.{}.{signature}",
        String::from_utf8(claims).expect("ascii")
    );
    // Signed with another key (another deployment's session secret).
    let foreign = LiveTokens::from_session_secret(b"another deployment")
        .issue(ROOM, ANN, NOW)
        .expect("token");
    for bad in [
        tampered.as_str(),
        forged.as_str(),
        foreign.as_str(),
        "",
        "ExampleAUTHtoken123123123",
    ] {
        assert_eq!(
            decide(event(Some(bad), "EVENT_CONNECT", None), NOW),
            Decision::Denied("token invalid"),
            "{bad}"
        );
    }
    assert_eq!(
        decide(event(None, "EVENT_CONNECT", None), NOW),
        Decision::Denied("no token")
    );
    assert_eq!(
        decide(json!({"authorizationToken": token}), NOW),
        Decision::Denied("unreadable request")
    );
}

#[test]
fn other_rooms_other_participants_wildcards_and_other_namespaces_are_denied() {
    let (token, _) = anns_subscription();
    let denied = |channel: &str| {
        assert!(
            matches!(
                decide(event(Some(&token), "EVENT_SUBSCRIBE", Some(channel)), NOW),
                Decision::Denied(_)
            ),
            "{channel} must be denied"
        );
    };
    denied(&format!("/live/rooms/{OTHER_ROOM}"));
    denied(&format!(
        "/live/rooms/{OTHER_ROOM}/p-0123456789abcdef01234567"
    ));
    denied(&format!("/live/rooms/{ROOM}/p-fedcba9876543210fedcba98"));
    denied(&format!("/live/rooms/{ROOM}/{BOB}"));
    denied(&format!("/live/rooms/{ROOM}/{ANN}"));
    denied(&format!("/live/rooms/{ROOM}/*"));
    denied("/live/rooms/*");
    denied("/live/*");
    denied("/*");
    denied("/live/rooms");
    denied(&format!("/live/rooms/{ROOM}/p-0123456789abcdef01234567/x"));
    denied(&format!("/LIVE/rooms/{ROOM}"));
    denied("");
    // The right channel path in another namespace.
    let mut other_namespace = event(
        Some(&token),
        "EVENT_SUBSCRIBE",
        Some(&format!("/live/rooms/{ROOM}")),
    );
    other_namespace["requestContext"]["channelNamespaceName"] = json!("news");
    assert_eq!(
        decide(other_namespace, NOW),
        Decision::Denied("other namespace")
    );
    // Bob's token opens Bob's channel, not Ann's.
    let live = AppSyncEvents::with_credentials(
        &settings(),
        None,
        Some(REGION.into()),
        Some(LiveTokens::from_session_secret(SESSION_SECRET)),
    );
    let bob = live.subscription(ROOM, BOB, NOW).expect("bob");
    let bobs_token = bob.token.expect("token");
    assert_eq!(
        decide(
            event(Some(&bobs_token), "EVENT_SUBSCRIBE", Some(&bob.channels[1])),
            NOW
        ),
        Decision::Subscribe
    );
    assert!(matches!(
        decide(
            event(
                Some(&bobs_token),
                "EVENT_SUBSCRIBE",
                Some(&format!("/live/rooms/{ROOM}/p-0123456789abcdef01234567"))
            ),
            NOW
        ),
        Decision::Denied(_)
    ));
}

/// The waiting room's channels at the protocol edge: a moderator's subscription (the
/// token `/rooms/{id}/live` hands a moderator) adds the room's waiting channel, which
/// the authorizer lets only such a token subscribe to; the publisher sends the
/// `waiting` and `admission` messages to the right channels.
#[test]
fn only_moderators_may_subscribe_to_the_waiting_channel() {
    let live = AppSyncEvents::with_credentials(
        &settings(),
        None,
        Some(REGION.into()),
        Some(LiveTokens::from_session_secret(SESSION_SECRET)),
    );
    let moderator = live
        .moderator_subscription(ROOM, ANN, NOW)
        .expect("a moderator's subscription");
    let waiting = format!("/live/rooms/{ROOM}/waiting");
    assert_eq!(moderator.channels.last(), Some(&waiting));
    let mod_token = moderator.token.expect("token");
    assert_eq!(
        decide(
            event(Some(&mod_token), "EVENT_SUBSCRIBE", Some(&waiting)),
            NOW
        ),
        Decision::Subscribe
    );
    // Another room's waiting channel is not granted by it.
    assert!(matches!(
        decide(
            event(
                Some(&mod_token),
                "EVENT_SUBSCRIBE",
                Some(&format!("/live/rooms/{OTHER_ROOM}/waiting"))
            ),
            NOW
        ),
        Decision::Denied(_)
    ));
    // A participant's token (no moderator) may not listen to who knocks.
    let (token, channels) = anns_subscription();
    assert!(!channels.contains(&waiting));
    assert!(matches!(
        decide(event(Some(&token), "EVENT_SUBSCRIBE", Some(&waiting)), NOW),
        Decision::Denied(_)
    ));
    assert_eq!(
        live.channel_path(&Channel::Waiting {
            room_id: ROOM.into()
        })
        .as_deref(),
        Some(waiting.as_str())
    );
}

#[test]
fn waiting_room_decisions_go_to_the_participant_and_the_moderators() {
    let config = shared::app::AppConfig {
        mail_retry: Default::default(),
        public_base_url: "https://rooms.example.com".into(),
        policy: Default::default(),
        link_key: vec![1; 32],
        organizer: "invites@example.com".into(),
        unsubscribe_key: b"unsubscribe-test-key-of-32-bytes".to_vec(),
        identity_key: SESSION_SECRET.to_vec(),
        list_key: vec![3; 32],
        participant_invite_limit: 0,
        admission: Default::default(),
    };
    let ann = shared::domain::EmailAddress::parse("ann@example.com").expect("email");
    let admitted = shared::app::live_messages(
        &shared::domain::DomainEvent::ParticipantAdmitted {
            room_id: ROOM.into(),
            email: ann.clone(),
            waited_seconds: 12,
            at: NOW,
        },
        &config,
    );
    assert_eq!(
        admitted.len(),
        3,
        "the participant, the moderators, the hosts"
    );
    assert_eq!(
        admitted[0].channel,
        Channel::Participant {
            room_id: ROOM.into(),
            identity: config.participant_identity(ROOM, &ann)
        }
    );
    assert_eq!(admitted[0].event.name(), "admission");
    assert_eq!(admitted[0].event.data(), json!({"admission": "admitted"}));
    assert_eq!(
        admitted[1].channel,
        Channel::Waiting {
            room_id: ROOM.into()
        }
    );
    assert_eq!(admitted[1].event.name(), "waiting");
    let knocked = shared::app::live_messages(
        &shared::domain::DomainEvent::ParticipantKnocked {
            room_id: ROOM.into(),
            email: ann,
            at: NOW,
        },
        &config,
    );
    assert_eq!(knocked.len(), 2);
    assert_eq!(knocked[0].event, LiveEvent::Waiting);
    assert_eq!(
        knocked[1],
        LiveMessage {
            channel: Channel::Hosts {
                room_id: ROOM.into()
            },
            event: LiveEvent::Activity
        }
    );
}

/// The console dashboard's channel at the protocol edge: a host's subscription names
/// the room's channel and its hosts' channel with a token that the authorizer lets
/// subscribe to exactly those (a participant's or a moderator's token may not listen
/// to the hosts' channel, nor a host's to another room's).
#[test]
fn only_a_hosts_console_token_may_subscribe_to_the_hosts_channel() {
    let live = AppSyncEvents::with_credentials(
        &settings(),
        None,
        Some(REGION.into()),
        Some(LiveTokens::from_session_secret(SESSION_SECRET)),
    );
    let hosts = format!("/live/rooms/{ROOM}/hosts");
    let sub = live
        .host_subscription(ROOM, NOW)
        .expect("a host's subscription");
    assert_eq!(sub.transport, "appsync");
    assert_eq!(
        sub.channels,
        vec![format!("/live/rooms/{ROOM}"), hosts.clone()]
    );
    let token = sub.token.expect("token");
    for channel in &sub.channels {
        assert_eq!(
            decide(event(Some(&token), "EVENT_SUBSCRIBE", Some(channel)), NOW),
            Decision::Subscribe,
            "{channel}"
        );
    }
    for other in [
        format!("/live/rooms/{OTHER_ROOM}/hosts"),
        format!("/live/rooms/{ROOM}/waiting"),
        format!("/live/rooms/{ROOM}/p-0123456789abcdef01234567"),
    ] {
        assert!(
            matches!(
                decide(event(Some(&token), "EVENT_SUBSCRIBE", Some(&other)), NOW),
                Decision::Denied(_)
            ),
            "{other}"
        );
    }
    let (participant, _) = anns_subscription();
    let moderator = live
        .moderator_subscription(ROOM, ANN, NOW)
        .and_then(|s| s.token)
        .expect("a moderator's token");
    for token in [participant, moderator] {
        assert!(matches!(
            decide(event(Some(&token), "EVENT_SUBSCRIBE", Some(&hosts)), NOW),
            Decision::Denied(_)
        ));
    }
    assert_eq!(
        live.channel_path(&Channel::Hosts {
            room_id: ROOM.into()
        })
        .as_deref(),
        Some(hosts.as_str())
    );
}

/// A bulk of invites or the rush at a start means one `activity` per invite or
/// redemption: the publisher sends one per room every 2 s, and every other message as
/// before.
#[tokio::test]
async fn activity_on_the_hosts_channel_is_published_once_per_room_per_interval() {
    let (url, recorder) = endpoint().await;
    let live = publisher(&url);
    let activity = |room: &str| LiveMessage {
        channel: Channel::Hosts {
            room_id: room.into(),
        },
        event: LiveEvent::Activity,
    };
    for _ in 0..50 {
        live.publish(&[activity(ROOM)]).await;
    }
    live.publish(&[
        activity(OTHER_ROOM),
        LiveMessage {
            channel: Channel::Room {
                room_id: ROOM.into(),
            },
            event: LiveEvent::Deleted,
        },
    ])
    .await;
    let channels: Vec<String> = recorder
        .requests
        .lock()
        .expect("lock")
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).expect("JSON")["channel"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let hosts = |room: &str| format!("/live/rooms/{room}/hosts");
    assert_eq!(
        channels.iter().filter(|c| **c == hosts(ROOM)).count(),
        1,
        "{channels:?}"
    );
    assert!(channels.contains(&hosts(OTHER_ROOM)), "{channels:?}");
    assert!(
        channels.contains(&format!("/live/rooms/{ROOM}")),
        "{channels:?}"
    );
}
