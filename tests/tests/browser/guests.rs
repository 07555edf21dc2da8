//! Speakers and moderators invite guests from the room page, within their quota.

use super::*;

/// The `data-state` of the invite form once it is `want`.
async fn wait_invite_state(b: &Browser, want: &str) {
    until(
        &format!("invite form state {want}"),
        Duration::from_secs(10),
        || async {
            (b.attr("#invite-form", "data-state").await.as_deref() == Some(want)).then_some(())
        },
    )
    .await
}

async fn invite_roles(b: &Browser) -> serde_json::Value {
    b.js("var s = document.getElementById('invite-role'); return s ? Array.from(s.options).map(function (o) { return o.value; }) : null;")
        .await
}

/// Speakers and moderators invite guests from their room page: the form, an error in
/// place, a sent invitation; a viewer has no form until a host makes them a moderator.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn speakers_invite_guests_from_the_room_page() {
    let Some(tools) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    let s = TestService::listen().await;
    let driver = Driver::start(&tools).await;
    let host = host_token("o", "h");
    let room = s.create_room(&host, time::Duration::hours(1)).await;
    let ann_link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": ANN, "role": "speaker" }))
            .await,
    );
    let b = driver.browser().await;
    sign_in(&b, &ann_link, ANN).await;
    b.wait_body("page", "event", Duration::from_secs(10)).await;

    // A speaker, before the start: the form, offering viewers only.
    assert_eq!(b.text("#invite-h").await, "Invite someone");
    assert_eq!(invite_roles(&b).await, json!(["viewer"]));
    assert_eq!(
        b.attr("#invite-status", "aria-live").await.as_deref(),
        Some("polite")
    );
    b.check_page("guests-01-event-speaker-form", false).await;

    // An invalid address: the message in place, the field marked and focused.
    let post_url = full(&s, &format!("/rooms/{room}/invites"));
    type_into(&b, "invite-email", "bob@example").await;
    click(&b, "#invite-form button[type=submit]").await;
    wait_invite_state(&b, "invalid_email").await;
    assert!(b
        .text("#invite-status")
        .await
        .contains("not a valid email address"));
    assert_eq!(
        b.attr("#invite-email", "aria-invalid").await.as_deref(),
        Some("true")
    );
    assert_eq!(
        b.js("return document.activeElement.id").await,
        json!("invite-email")
    );
    b.js("document.getElementById('invite').scrollIntoView();")
        .await;
    b.check_page_expecting("guests-02-invalid-email", std::slice::from_ref(&post_url))
        .await;

    // A good address: sent, said in place, the field cleared; the page stays.
    b.js("window.__sameDocument = true;").await;
    type_into(&b, "invite-email", "bob@example.com").await;
    click(&b, "#invite-form button[type=submit]").await;
    wait_invite_state(&b, "sent").await;
    assert_eq!(
        b.text("#invite-status").await,
        "Invitation sent to bob@example.com as a viewer."
    );
    assert!(b.attr("#invite-email", "aria-invalid").await.is_none());
    assert_eq!(
        b.js("return document.getElementById('invite-email').value")
            .await,
        json!("")
    );
    assert_eq!(
        b.js("return window.__sameDocument === true").await,
        json!(true)
    );
    b.js("document.getElementById('invite').scrollIntoView();")
        .await;
    b.check_page("guests-03-invitation-sent", false).await;
    let mail = s
        .emails_to("bob@example.com")
        .pop()
        .expect("Bob's invitation");
    assert!(mail.contains("ann, a speaker in this room, invited you"));
    let invites = s
        .send(Call::get(&format!("/api/rooms/{room}/invites")).bearer(&host))
        .await
        .json();
    let bob = invites["invites"]
        .as_array()
        .and_then(|l| l.iter().find(|i| i["email"] == "bob@example.com").cloned())
        .expect("listed for the host");
    assert!(bob["created_by"]
        .as_str()
        .is_some_and(|c| c.starts_with("participant:p_")));

    // A viewer in the live room: no form; made a moderator, the form appears in place.
    let vic_link = full(
        &s,
        &s.invite_link(&host, &room, json!({ "email": "vic@example.com" }))
            .await,
    );
    patch_start(&s, &host, &room, time::Duration::seconds(2)).await;
    let vic = driver.browser().await;
    sign_in(&vic, &vic_link, "vic@example.com").await;
    vic.wait_body("page", "room", Duration::from_secs(30)).await;
    assert_eq!(vic.features().await, VIEWER);
    assert_eq!(
        vic.js("return document.getElementById('invite-form') === null")
            .await,
        json!(true)
    );
    vic.check_page("guests-04-viewer-no-form", false).await;
    let r = s
        .send(
            Call::new(
                Method::PUT,
                &format!("/api/rooms/{room}/participants/vic@example.com/role"),
            )
            .bearer(&host)
            .json(&json!({ "role": "moderator" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    wait_features(&vic, &MODERATOR, Duration::from_secs(10)).await;
    until("the invite form", Duration::from_secs(5), || async {
        (invite_roles(&vic).await == json!(["viewer", "speaker"])).then_some(())
    })
    .await;
    vic.js("document.getElementById('invite').scrollIntoView();")
        .await;
    vic.check_page("guests-05-moderator-form-appears", false)
        .await;
    vic.client.close().await.expect("close");
    b.client.close().await.expect("close");
}
