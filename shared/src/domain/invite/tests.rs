//! Unit tests of invites: status, link errors, redemption rules and request validation.

use super::*;
use crate::domain::room::RoomStatus;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-11-27 10:00 UTC);

fn email(s: &str) -> EmailAddress {
    EmailAddress::parse(s).unwrap()
}

fn invite() -> Invite {
    Invite {
        invite_id: "i1".into(),
        room_id: "r1".into(),
        org: "o".into(),
        email: email("ann@example.com"),
        role: Role::Viewer,
        max_uses: Some(1),
        uses: 0,
        expires_at: NOW + Duration::days(1),
        token_hash: TokenHash("h".into()),
        failed_attempts: 0,
        revoked_at: None,
        delivery: Delivery::Sent,
        created_by: "host".into(),
        created_at: NOW,
        mail_nonce: None,
        locale: None,
        unsubscribed_at: None,
    }
}

fn room() -> Room {
    Room {
        room_id: "r1".into(),
        org: "o".into(),
        title: "t".into(),
        description: String::new(),
        starts_at: NOW,
        ends_at: None,
        speakers: vec![],
        attachments: vec![],
        status: RoomStatus::Live,
        reminders: vec![1440, 15],
        admission: Default::default(),
        locale: None,
        timezone: None,
        created_by: "host".into(),
        created_at: NOW,
        deleted_at: None,
        version: 0,
    }
}

fn check(i: &Invite, r: Option<&Room>, mode: RedeemMode) -> Option<RedeemRejection> {
    redemption_rejection(
        Some(i),
        r,
        &TokenHash("h".into()),
        &email("ann@example.com"),
        mode,
        NOW,
        None,
    )
}

#[test]
fn a_fresh_invite_is_active_and_redeemable() {
    let i = invite();
    assert_eq!(i.status(NOW), InviteStatus::Active);
    assert_eq!(check(&i, Some(&room()), RedeemMode::Consume), None);
}

#[test]
fn single_use_and_n_uses() {
    let mut i = invite();
    i.uses = 1;
    assert_eq!(i.status(NOW), InviteStatus::Used);
    assert_eq!(
        check(&i, Some(&room()), RedeemMode::Consume),
        Some(RedeemRejection::LinkUsed)
    );
    assert_eq!(check(&i, Some(&room()), RedeemMode::Readmit), None);
    i.max_uses = Some(3);
    i.uses = 2;
    assert_eq!(check(&i, Some(&room()), RedeemMode::Consume), None);
    i.uses = 3;
    assert_eq!(
        check(&i, Some(&room()), RedeemMode::Consume),
        Some(RedeemRejection::LinkUsed)
    );
    i.max_uses = None;
    i.uses = 10_000;
    assert_eq!(i.status(NOW), InviteStatus::Active);
    assert_eq!(check(&i, Some(&room()), RedeemMode::Consume), None);
}

#[test]
fn expiry_is_exclusive_at_expires_at() {
    let mut i = invite();
    i.expires_at = NOW;
    assert_eq!(i.status(NOW), InviteStatus::Expired);
    assert_eq!(
        check(&i, Some(&room()), RedeemMode::Consume),
        Some(RedeemRejection::LinkExpired)
    );
    i.expires_at = NOW + Duration::seconds(1);
    assert_eq!(check(&i, Some(&room()), RedeemMode::Consume), None);
}

#[test]
fn revoked_locked_and_deleted_room_win_over_everything_else() {
    let mut i = invite();
    i.uses = 1;
    i.failed_attempts = MAX_FAILED_ATTEMPTS;
    assert_eq!(i.status(NOW), InviteStatus::Locked);
    assert_eq!(
        check(&i, Some(&room()), RedeemMode::Consume),
        Some(RedeemRejection::TooManyAttempts)
    );
    i.failed_attempts = MAX_FAILED_ATTEMPTS - 1;
    assert_eq!(i.status(NOW), InviteStatus::Used);
    i.revoked_at = Some(NOW);
    assert_eq!(i.status(NOW), InviteStatus::Revoked);
    assert_eq!(
        check(&i, Some(&room()), RedeemMode::Consume),
        Some(RedeemRejection::InviteRevoked)
    );
    let mut deleted = room();
    deleted.deleted_at = Some(NOW);
    assert_eq!(
        check(&i, Some(&deleted), RedeemMode::Consume),
        Some(RedeemRejection::RoomDeleted)
    );
    assert_eq!(
        check(&i, None, RedeemMode::Consume),
        Some(RedeemRejection::RoomDeleted)
    );
}

#[test]
fn wrong_hash_is_an_invalid_link_and_wrong_email_a_mismatch() {
    let i = invite();
    assert_eq!(
        redemption_rejection(
            Some(&i),
            Some(&room()),
            &TokenHash("x".into()),
            &i.email,
            RedeemMode::Consume,
            NOW,
            None
        ),
        Some(RedeemRejection::InvalidLink)
    );
    assert_eq!(
        redemption_rejection(
            None,
            Some(&room()),
            &TokenHash("h".into()),
            &i.email,
            RedeemMode::Consume,
            NOW,
            None
        ),
        Some(RedeemRejection::InvalidLink)
    );
    assert_eq!(
        redemption_rejection(
            Some(&i),
            Some(&room()),
            &TokenHash("h".into()),
            &email("bob@example.com"),
            RedeemMode::Consume,
            NOW,
            None
        ),
        Some(RedeemRejection::EmailMismatch)
    );
}

#[test]
fn a_used_link_says_used_whatever_the_email_so_it_reveals_nothing() {
    let mut i = invite();
    i.uses = 1;
    assert_eq!(
        redemption_rejection(
            Some(&i),
            Some(&room()),
            &TokenHash("h".into()),
            &email("bob@example.com"),
            RedeemMode::Consume,
            NOW,
            None
        ),
        Some(RedeemRejection::LinkUsed)
    );
}

#[test]
fn readmit_needs_an_earlier_redemption() {
    let i = invite();
    assert_eq!(
        check(&i, Some(&room()), RedeemMode::Readmit),
        Some(RedeemRejection::NotYetRedeemed)
    );
}

#[test]
fn wrong_emails_count_until_locked() {
    let mut i = invite();
    let h = TokenHash("h".into());
    assert_eq!(wrong_email_rejection(Some(&i), &h), None);
    i.failed_attempts = MAX_FAILED_ATTEMPTS;
    assert_eq!(
        wrong_email_rejection(Some(&i), &h),
        Some(RedeemRejection::TooManyAttempts)
    );
    assert_eq!(
        wrong_email_rejection(None, &h),
        Some(RedeemRejection::InvalidLink)
    );
}

fn req(json: &str) -> InviteRequest {
    serde_json::from_str(json).unwrap()
}

#[test]
fn invite_requests_get_defaults() {
    let v = req(r#"{"email":"Ann@Example.com"}"#)
        .validate(&DomainPolicy::default(), NOW)
        .unwrap();
    assert_eq!(v.email.as_str(), "ann@example.com");
    assert_eq!(v.role, Role::Viewer);
    assert_eq!(v.max_uses, Some(1));
    assert_eq!(v.expires_at, NOW + Duration::days(7));
    assert!(v.send_email);
    let v =
        req(r#"{"email":"a@example.com","max_uses":null,"role":"moderator","send_email":false}"#)
            .validate(&DomainPolicy::default(), NOW)
            .unwrap();
    assert_eq!(v.max_uses, None);
    assert_eq!(v.role, Role::Moderator);
    assert!(!v.send_email);
}

#[test]
fn invite_request_errors_map_to_their_codes() {
    let p = DomainPolicy::from_lists("blocked.example", "");
    let code = |json: &str| req(json).validate(&p, NOW).unwrap_err().code();
    assert_eq!(code(r#"{"email":"nope"}"#), "invalid_email");
    assert_eq!(
        code(r#"{"email":"a@sub.blocked.example"}"#),
        "domain_blocked"
    );
    assert_eq!(
        code(r#"{"email":"a@example.com","role":"admin"}"#),
        "bad_request"
    );
    assert_eq!(
        code(r#"{"email":"a@example.com","max_uses":0}"#),
        "bad_request"
    );
    assert_eq!(
        code(r#"{"email":"a@example.com","expires_at":"2026-11-27T09:00:00Z"}"#),
        "invalid_expiry"
    );
    assert_eq!(
        code(r#"{"email":"a@example.com","expires_at":"2026-12-28T10:00:01Z"}"#),
        "invalid_expiry"
    );
    assert!(
        req(r#"{"email":"a@example.com","expires_at":"2026-12-27T10:00:00Z"}"#)
            .validate(&p, NOW)
            .is_ok()
    );
}
