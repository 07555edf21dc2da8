//! Rooms of an organization in pages, and the languages and unsubscribes of rooms and
//! invites, on every backend.

use super::*;

/// Issue 20: a room's `locale` and `timezone` and an invite's `locale` round-trip and
/// change; an unsubscribe is recorded once (the first time is kept) and read back.
pub async fn languages_and_unsubscribe_round_trip(store: &dyn Store) {
    let mut r = room("r1");
    r.locale = Some("ja".into());
    r.timezone = Some("Asia/Tokyo".into());
    store.create_room(&r).await.expect("room");
    assert_eq!(store.get_room("r1").await.expect("get"), Some(r.clone()));
    r.locale = None;
    r.timezone = Some("Europe/Berlin".into());
    let updated = store.update_room(&r, 0).await.expect("update");
    assert_eq!(
        (updated.locale.as_deref(), updated.timezone.as_deref()),
        (None, Some("Europe/Berlin"))
    );
    let mut i = invite("i1", "r1", "a@example.com", Role::Viewer, Some(1));
    i.locale = Some("pt-BR".into());
    store.create_invite(&i).await.expect("invite");
    let read = store.get_invite("i1").await.expect("get").expect("invite");
    assert_eq!(
        (read.locale.as_deref(), read.unsubscribed_at),
        (Some("pt-BR"), None)
    );
    let first = store
        .unsubscribe("i1", t(100))
        .await
        .expect("unsubscribe")
        .expect("invite");
    assert_eq!(first.unsubscribed_at, Some(t(100)));
    let again = store
        .unsubscribe("i1", t(200))
        .await
        .expect("again")
        .expect("invite");
    assert_eq!(
        again.unsubscribed_at,
        Some(t(100)),
        "the first time is kept"
    );
    assert_eq!(
        store
            .get_invite("i1")
            .await
            .expect("get")
            .expect("invite")
            .unsubscribed_at,
        Some(t(100))
    );
    assert_eq!(store.unsubscribe("nope", t(300)).await.expect("none"), None);
    // Everything else of the invite is untouched.
    assert_eq!(
        Invite {
            unsubscribed_at: None,
            mail_nonce: None,
            ..again
        },
        read
    );
}

/// The host console's room list: an organization's rooms that are not deleted, in
/// creation order, page by page without a gap or a repeat; another org's rooms never.
pub async fn rooms_of_an_org_are_listed_in_pages(store: &dyn Store) {
    for i in 0..7 {
        let mut r = room(&format!("room-{i}"));
        r.created_at = t(i / 2);
        if i == 5 {
            r.org = "org-2".into();
        }
        store.create_room(&r).await.expect("room");
    }
    store
        .delete_room("org-1", "room-3", t(10))
        .await
        .expect("delete");
    let mut seen = Vec::new();
    let mut after: Option<Position> = None;
    loop {
        let page = store
            .list_rooms(
                "org-1",
                &PageRequest {
                    limit: 2,
                    after: after.clone(),
                },
            )
            .await
            .expect("page");
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|r| r.room_id.clone()));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, ["room-0", "room-1", "room-2", "room-4", "room-6"]);
    let other = store
        .list_rooms(
            "org-2",
            &PageRequest {
                limit: 10,
                after: None,
            },
        )
        .await
        .expect("page");
    assert_eq!(
        other
            .items
            .iter()
            .map(|r| r.room_id.as_str())
            .collect::<Vec<_>>(),
        ["room-5"]
    );
    assert_eq!(other.items[0].title, "Quarterly <b>review</b>");
}
