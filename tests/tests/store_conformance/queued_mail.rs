//! Queued mail on every backend: an invite keeps the nonce of its emailed link while the
//! email may still go out (`pending`, `queued`) and loses it once sent or given up on;
//! a resend stores the nonce of the new link; `queued` never replaces a final state.

use super::{invite, room};
use shared::domain::{Delivery, Role, TokenHash};
use shared::ports::Store;

async fn nonce_of(store: &dyn Store, id: &str) -> Option<String> {
    store
        .get_invite(id)
        .await
        .expect("get")
        .expect("invite")
        .mail_nonce
}

pub async fn queued_mail_keeps_its_link_nonce_until_sent(store: &dyn Store) {
    store.create_room(&room("r1")).await.expect("room");
    let mut first = invite("q1", "r1", "q@example.com", Role::Viewer, Some(1));
    first.delivery = Delivery::Pending;
    first.mail_nonce = Some("nonce-1".into());
    store.create_invite(&first).await.expect("invite");
    assert_eq!(nonce_of(store, "q1").await.as_deref(), Some("nonce-1"));

    let queued = store
        .set_delivery("q1", Delivery::Queued)
        .await
        .expect("queued")
        .expect("invite");
    assert_eq!(queued.delivery, Delivery::Queued);
    assert_eq!(
        queued.mail_nonce.as_deref(),
        Some("nonce-1"),
        "kept while queued"
    );

    let sent = store
        .set_delivery("q1", Delivery::Sent)
        .await
        .expect("sent")
        .expect("invite");
    assert_eq!((sent.delivery, sent.mail_nonce), (Delivery::Sent, None));
    // A late retry's `queued` never moves a sent invite back.
    let late = store
        .set_delivery("q1", Delivery::Queued)
        .await
        .expect("late")
        .expect("invite");
    assert_eq!(late.delivery, Delivery::Sent);

    // A resend: a new link, its own nonce; given up on, the nonce goes.
    let re = store
        .reissue_invite(
            "r1",
            "q1",
            &TokenHash("q1-2".into()),
            first.expires_at,
            Delivery::Pending,
            Some("nonce-2"),
        )
        .await
        .expect("reissue");
    assert_eq!(re.mail_nonce.as_deref(), Some("nonce-2"));
    store
        .set_delivery("q1", Delivery::Queued)
        .await
        .expect("queued again");
    let failed = store
        .set_delivery("q1", Delivery::Failed)
        .await
        .expect("failed")
        .expect("invite");
    assert_eq!(
        (failed.delivery, failed.mail_nonce),
        (Delivery::Failed, None)
    );

    // An invite shown rather than emailed has no nonce at all.
    store
        .create_invite(&invite("q2", "r1", "r@example.com", Role::Viewer, None))
        .await
        .expect("invite");
    assert_eq!(nonce_of(store, "q2").await, None);
}
