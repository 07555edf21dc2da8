//! Who gets in, through the redemption function's binary on moto: a `verify: code` room
//! (the code mailed through SES, read back from moto) and a `verify: sso` room (the
//! invitees' provider, oidc-provider-mock, its client secret read from Secrets Manager
//! during init, as the template deploys it).

use super::{body, event, seed, start_with, support};
use acceptance::oidc::Provider;
use serde_json::{json, Value};
use shared::domain::admission::{AdmissionSettings, Verify};
use shared::domain::invite::Delivery;
use shared::domain::room::RoomStatus;
use shared::domain::{EmailAddress, Invite, InviteToken, Role, Room};
use shared::ports::Store;

/// A room with `verify`, and a single-use invite of Ann in it: its link token.
async fn room_with(store: &impl Store, verify: Verify) -> (String, String) {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("time");
    let (room, invite) = (ulid::Ulid::new(), ulid::Ulid::new());
    store
        .create_room(&Room {
            room_id: room.to_string(),
            org: "org-demo".into(),
            title: "Board meeting".into(),
            description: String::new(),
            starts_at: now + time::Duration::hours(2),
            ends_at: None,
            speakers: vec![],
            attachments: vec![],
            status: RoomStatus::Scheduled,
            reminders: vec![],
            admission: AdmissionSettings {
                verify,
                ..Default::default()
            },
            locale: None,
            timezone: None,
            created_by: "host-dana".into(),
            created_at: now,
            deleted_at: None,
            version: 0,
        })
        .await
        .expect("room");
    let token = InviteToken::generate(invite, room, Role::Speaker).expect("token");
    store
        .create_invite(&Invite {
            invite_id: invite.to_string(),
            room_id: room.to_string(),
            org: "org-demo".into(),
            email: EmailAddress::parse("ann@example.com").expect("email"),
            role: Role::Speaker,
            max_uses: Some(1),
            uses: 0,
            expires_at: now + time::Duration::days(7),
            token_hash: token.hash(),
            failed_attempts: 0,
            revoked_at: None,
            delivery: Delivery::Sent,
            created_by: "host-dana".into(),
            created_at: now,
            mail_nonce: None,
            locale: None,
            unsubscribed_at: None,
        })
        .await
        .expect("invite");
    (room.to_string(), token.expose())
}

/// A sample event of the redemption function, for another link token.
fn for_token(name: &str, token: &str) -> Value {
    let sample = event(name);
    let text = serde_json::to_string(&sample).expect("event");
    let sample_token = sample["pathParameters"]["token"].as_str().expect("token");
    serde_json::from_str(&text.replace(sample_token, token)).expect("event")
}

/// The `name=value` pairs of a response's cookies (payload 2.0 `cookies`).
fn cookie(response: &Value, name: &str) -> Option<String> {
    response["cookies"]
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

fn code_in(raw: &str) -> Option<String> {
    let at = raw.find("is:")?;
    let code: String = raw[at..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    (code.len() == 6).then_some(code)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_redemption_function_mails_codes_and_signs_invitees_in() {
    let Some((_lease, moto)) = support::moto::lease().await else {
        return;
    };
    let store = support::dynamo_store(moto, None).await;
    let sdk = moto.sdk_config().await;
    super::seed::aws_resources(&sdk).await;
    seed(&store).await;
    let (code_room, code_link) = room_with(&store, Verify::Code).await;
    let (sso_room, sso_link) = room_with(&store, Verify::Sso).await;

    let provider = Provider::start();
    let secret = aws_sdk_secretsmanager::Client::new(&sdk)
        .create_secret()
        .name("invitee-oidc-client-secret")
        .secret_string("invitee-client-secret")
        .send()
        .await
        .expect("secret");
    let env = [
        ("INVITEE_OIDC_ISSUER", provider.issuer.clone()),
        ("INVITEE_OIDC_CLIENT_ID", "rooms-invitees".to_owned()),
        (
            "INVITEE_OIDC_CLIENT_SECRET_ARN",
            secret.arn().unwrap_or_default().to_owned(),
        ),
    ];
    let Some(redemption) = start_with("redemption", &moto.endpoint, &env).await else {
        return;
    };

    // The code room: the address asks, SES carries the code, the code admits.
    let mut ask = for_token("redemption/redeem-json.json", &code_link);
    ask["body"] = Value::String(json!({"email": "ann@example.com"}).to_string());
    let asked = redemption
        .api
        .invoke(ask.clone(), super::INVOKE)
        .await
        .expect("ask");
    assert_eq!(asked["statusCode"], 202, "{asked}");
    assert_eq!(body(&asked)["status"], "code_sent");
    let mail = moto.data().await["ses"]["RawMessage"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let code = mail
        .iter()
        .filter_map(|m| m["raw_data"].as_str())
        .filter(|raw| raw.contains("Your code for"))
        .find_map(code_in)
        .expect("a code email through SES");
    let soon = redemption
        .api
        .invoke(ask, super::INVOKE)
        .await
        .expect("again");
    assert_eq!(soon["statusCode"], 429, "{soon}");
    assert!(soon["headers"]["retry-after"].as_str().is_some());
    let mut enter = for_token("redemption/redeem-json.json", &code_link);
    enter["body"] = Value::String(json!({"email": "ann@example.com", "code": code}).to_string());
    let entered = redemption
        .api
        .invoke(enter, super::INVOKE)
        .await
        .expect("enter");
    assert_eq!(entered["statusCode"], 200, "{entered}");
    assert_eq!(body(&entered)["room_id"], code_room.as_str());
    assert!(cookie(&entered, "rooms_session").is_some());

    // The sign-in room: to the provider and back, through the function.
    provider
        .set_user(
            "ann-sub",
            json!({"email": "ann@example.com", "email_verified": true}),
        )
        .await;
    let started = redemption
        .api
        .invoke(
            for_token("redemption/sign-in-start.json", &sso_link),
            super::INVOKE,
        )
        .await
        .expect("start");
    assert_eq!(started["statusCode"], 302, "{started}");
    let location = started["headers"]["location"].as_str().expect("location");
    assert!(location.starts_with(&provider.issuer));
    assert!(location.contains("code_challenge_method=S256"));
    let sign_in = cookie(&started, "rooms_sign_in").expect("the sign-in cookie");
    let back = provider.authorize(location, "ann-sub").await;
    let query = back.split_once('?').map(|(_, q)| q).expect("query");
    let mut callback = event("redemption/auth-callback.json");
    callback["rawQueryString"] = Value::String(query.to_owned());
    let params: serde_json::Map<String, Value> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), Value::String(v.to_owned())))
        .collect();
    callback["queryStringParameters"] = Value::Object(params);
    let without = redemption
        .api
        .invoke(callback.clone(), super::INVOKE)
        .await
        .expect("callback");
    assert_eq!(without["statusCode"], 400, "no sign-in cookie: {without}");
    callback["cookies"] = json!([sign_in]);
    let admitted = redemption
        .api
        .invoke(callback, super::INVOKE)
        .await
        .expect("callback");
    assert_eq!(admitted["statusCode"], 303, "{admitted}");
    assert_eq!(
        admitted["headers"]["location"],
        format!("/rooms/{sso_room}").as_str()
    );
    assert!(cookie(&admitted, "rooms_session").is_some());
    let participant = store
        .get_participant(
            &sso_room,
            &EmailAddress::parse("ann@example.com").expect("email"),
        )
        .await
        .expect("read");
    assert_eq!(participant.map(|p| p.role), Some(Role::Speaker));
}
