//! The rows the sample events name: seeded into moto's table before the functions run.

use super::*;

/// The items the sample events refer to.
pub(super) async fn seed(store: &impl Store) {
    let t = |s: &str| shared::domain::time_fmt::parse(s).expect("time");
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("time");
    store
        .create_room(&Room {
            room_id: ROOM.into(),
            org: "org-demo".into(),
            title: "Quarterly all-hands".into(),
            description: "Numbers and plans".into(),
            starts_at: t("2030-12-01T15:00:00Z"),
            ends_at: None,
            speakers: vec![],
            attachments: vec![],
            status: RoomStatus::Scheduled,
            reminders: vec![1440, 15],
            admission: Default::default(),
            locale: None,
            timezone: None,
            created_by: "host-dana".into(),
            created_at: now,
            deleted_at: None,
            version: 0,
        })
        .await
        .expect("seed room");
    let token = event("redemption/open-link.json")["pathParameters"]["token"]
        .as_str()
        .map(str::to_owned)
        .expect("token");
    let token = InviteToken::parse(&token).expect("sample token parses");
    assert_eq!(token.invite_id().to_string(), INVITE);
    assert_eq!(
        token.room_id().to_string(),
        ROOM,
        "the token carries the room"
    );
    assert_eq!(token.role(), Role::Speaker, "the token carries the role");
    store
        .create_invite(&Invite {
            invite_id: INVITE.into(),
            room_id: ROOM.into(),
            org: "org-demo".into(),
            email: EmailAddress::parse("ann@example.com").expect("email"),
            role: Role::Speaker,
            max_uses: None,
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
        .expect("seed invite");
}

/// What the functions expect to exist in moto: the schedule group, the event bus and the
/// sender's SES identity (as the template creates them).
pub(super) async fn aws_resources(sdk: &aws_config::SdkConfig) {
    aws_sdk_scheduler::Client::new(sdk)
        .create_schedule_group()
        .name(GROUP)
        .send()
        .await
        .expect("schedule group");
    aws_sdk_eventbridge::Client::new(sdk)
        .create_event_bus()
        .name(BUS)
        .send()
        .await
        .expect("bus");
    aws_sdk_sesv2::Client::new(sdk)
        .create_email_identity()
        .email_identity(SENDER)
        .send()
        .await
        .expect("ses identity");
}
