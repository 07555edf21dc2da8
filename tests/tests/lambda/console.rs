//! The console function under the Lambda Runtime API against DynamoDB on moto: a host
//! signs in with a one-time ticket (spent once, through the table), the room list comes
//! from the organization's partition of `gsi1`, another organization does not see the
//! room, and a form post without the session's CSRF token is refused.

use super::{body, event, seed, start_with, support, Function, INVITE, ROOM};
use serde_json::{json, Map, Value};

const HOST_SECRET: &[u8] = b"sample-host-secret-change-me";

fn ticket(org: &str) -> String {
    let mut claims = Map::new();
    claims.insert("org".into(), org.into());
    shared::http::console::sign_in::mint_ticket(
        HOST_SECRET,
        "host-dana",
        claims,
        time::OffsetDateTime::now_utc(),
    )
    .expect("ticket")
}

/// An API Gateway (payload 2.0) event of `method path?query` with `cookies`.
fn request(method: &str, route: &str, path: &str, query: &str, cookies: &[String]) -> Value {
    let mut e = event("rooms/get-room.json");
    e["routeKey"] = format!("{method} {route}").into();
    e["rawPath"] = path.into();
    e["rawQueryString"] = query.into();
    e["requestContext"]["http"]["method"] = method.into();
    e["requestContext"]["http"]["path"] = path.into();
    e["requestContext"]["routeKey"] = format!("{method} {route}").into();
    e["headers"]["accept"] = "text/html".into();
    if let Some(h) = e["headers"].as_object_mut() {
        h.remove("authorization");
        h.remove("content-type");
    }
    e["pathParameters"] = json!({ "room_id": ROOM });
    if !cookies.is_empty() {
        e["cookies"] = json!(cookies);
    }
    e
}

async fn call(f: &Function, e: Value) -> Value {
    f.api
        .invoke(e, std::time::Duration::from_secs(20))
        .await
        .expect("invocation")
}

fn console_cookie(response: &Value) -> Option<String> {
    let from_cookies = response["cookies"].as_array().and_then(|c| {
        c.iter()
            .filter_map(Value::as_str)
            .find(|c| c.starts_with("rooms_console="))
            .map(str::to_owned)
    });
    from_cookies
        .or_else(|| {
            response["multiValueHeaders"]["set-cookie"][0]
                .as_str()
                .map(str::to_owned)
        })
        .and_then(|c| c.split(';').next().map(str::to_owned))
}

async fn signed_in(f: &Function, org: &str) -> String {
    let r = call(
        f,
        request(
            "GET",
            "/console/sign-in",
            "/console/sign-in",
            &format!("ticket={}", ticket(org)),
            &[],
        ),
    )
    .await;
    assert_eq!(r["statusCode"], 200, "{r}");
    console_cookie(&r).unwrap_or_else(|| panic!("a console cookie in {r}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_function_signs_in_and_lists_the_organizations_rooms_on_moto() {
    let Some((_lease, moto)) = support::moto::lease().await else {
        return;
    };
    let store = support::dynamo_store(moto, None).await;
    seed(&store).await;
    let sdk = moto.sdk_config().await;
    super::seed::aws_resources(&sdk).await;
    // The Event API's domains, as the template gives the function (its dashboard's
    // subscription; publishing goes to a loopback stand-in).
    let (publish_url, _appsync) = acceptance::appsync::endpoint().await;
    let live_env = [
        ("APPSYNC_HTTP_DOMAIN", super::LIVE_HTTP.to_owned()),
        ("APPSYNC_REALTIME_DOMAIN", super::LIVE_REALTIME.to_owned()),
        ("APPSYNC_PUBLISH_URL", publish_url),
    ];
    let Some(console) = start_with("console", &moto.endpoint, &live_env).await else {
        return;
    };
    // Without a session: to the sign-in.
    let r = call(&console, request("GET", "/console", "/console", "", &[])).await;
    assert_eq!(r["statusCode"], 303, "{r}");

    // A ticket signs in once.
    let t = ticket("org-demo");
    let first = call(
        &console,
        request(
            "GET",
            "/console/sign-in",
            "/console/sign-in",
            &format!("ticket={t}"),
            &[],
        ),
    )
    .await;
    assert_eq!(first["statusCode"], 200, "{first}");
    let cookie = console_cookie(&first).expect("a console cookie");
    let again = call(
        &console,
        request(
            "GET",
            "/console/sign-in",
            "/console/sign-in",
            &format!("ticket={t}"),
            &[],
        ),
    )
    .await;
    assert_eq!(again["statusCode"], 410, "{again}");

    // The room list, from the org's partition of gsi1.
    let list = call(
        &console,
        request(
            "GET",
            "/console",
            "/console",
            "",
            std::slice::from_ref(&cookie),
        ),
    )
    .await;
    assert_eq!(list["statusCode"], 200, "{list}");
    let html = list["body"].as_str().unwrap_or_default();
    assert!(
        html.contains("Quarterly all-hands") && html.contains(ROOM),
        "{html}"
    );
    let room = call(
        &console,
        request(
            "GET",
            "/console/rooms/{room_id}",
            &format!("/console/rooms/{ROOM}"),
            "",
            std::slice::from_ref(&cookie),
        ),
    )
    .await;
    assert_eq!(room["statusCode"], 200, "{room}");

    // Another organization sees neither the room in its list nor its page.
    let other = signed_in(&console, "org-other").await;
    let list = call(
        &console,
        request(
            "GET",
            "/console",
            "/console",
            "",
            std::slice::from_ref(&other),
        ),
    )
    .await;
    assert!(!list["body"].as_str().unwrap_or_default().contains(ROOM));
    let room = call(
        &console,
        request(
            "GET",
            "/console/rooms/{room_id}",
            &format!("/console/rooms/{ROOM}"),
            "",
            &[other],
        ),
    )
    .await;
    assert_eq!(room["statusCode"], 404, "{room}");

    // A form post without the session's token changes nothing.
    let mut post = request(
        "POST",
        "/console/rooms/{room_id}",
        &format!("/console/rooms/{ROOM}"),
        "",
        &[cookie],
    );
    post["headers"]["content-type"] = "application/x-www-form-urlencoded".into();
    post["body"] = "title=Changed".into();
    let refused = call(&console, post).await;
    assert_eq!(refused["statusCode"], 403, "{refused}");
    let stored = shared::ports::Store::get_room(&store, ROOM)
        .await
        .expect("read")
        .expect("room");
    assert_eq!(stored.title, "Quarterly all-hands");
    let _ = body(&refused);

    // The sample events (events/console/*.json): the session of host-dana.
    for (sample, needle) in [
        ("console/rooms.json", "Quarterly all-hands"),
        ("console/room.json", "Import invitees"),
        ("console/invites.json", "ann@example.com"),
        ("console/dashboard.json", "Redemptions over time"),
        ("console/branding.json", "multipart/form-data"),
    ] {
        let r = console.http(sample, 200).await;
        let html = r["body"].as_str().unwrap_or_default();
        assert!(html.contains(needle), "{sample}: {needle}");
    }
    // The dashboard's subscription: the room's and its hosts' AppSync channel, with a
    // token the live authorizer lets subscribe to exactly those.
    let live = console.http("console/live.json", 200).await;
    let sub: serde_json::Value =
        serde_json::from_str(live["body"].as_str().unwrap_or("{}")).expect("a JSON subscription");
    assert_eq!(sub["transport"], "appsync", "{sub}");
    assert_eq!(
        sub["channels"],
        serde_json::json!([
            format!("/live/rooms/{ROOM}"),
            format!("/live/rooms/{ROOM}/hosts")
        ])
    );
    assert!(sub["token"].as_str().is_some_and(|t| t.len() > 20), "{sub}");
    // The branding form, posted as a browser posts it (multipart, a PNG logo, base64 in
    // API Gateway's event): saved for the session's organization.
    let saved = console.http("console/branding-save.json", 200).await;
    assert!(
        saved["body"]
            .as_str()
            .unwrap_or_default()
            .contains("role=\"status\""),
        "{saved}"
    );
    let branding = shared::ports::Store::get_branding(&store, "org-demo")
        .await
        .expect("branding");
    assert_eq!(branding.display_name.as_deref(), Some("Demo Org"));
    assert!(branding.logo.is_some());
    let invited = console.http("console/invite-one.json", 200).await;
    let html = invited["body"].as_str().unwrap_or_default();
    assert!(
        html.contains("Invited bob@example.com as viewer."),
        "{html}"
    );
    let bob = shared::ports::Store::list_invites(
        &store,
        ROOM,
        &Default::default(),
        time::OffsetDateTime::now_utc(),
        &shared::domain::listing::PageRequest {
            limit: 10,
            after: None,
        },
    )
    .await
    .expect("list")
    .items
    .into_iter()
    .filter(|i| i.invite_id != INVITE)
    .map(|i| i.email.as_str().to_owned())
    .collect::<Vec<_>>();
    assert_eq!(bob, ["bob@example.com"]);
}
