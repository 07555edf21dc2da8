//! Branding on every backend: unset until saved, replaced whole (a removed logo is gone),
//! found by the org and by the org's public hash, one organization never sees another's.

use shared::domain::branding::{org_hash, BrandingInput};
use shared::domain::Branding;
use shared::ports::Store;

pub async fn branding_per_org_round_trip(store: &dyn Store) {
    assert_eq!(
        store.get_branding("org-a").await.expect("get"),
        Branding::unset("org-a")
    );
    assert_eq!(
        store
            .branding_by_org_hash(&org_hash("org-a"))
            .await
            .expect("by hash"),
        None
    );
    let mut logo = b"\x89PNG\r\n\x1a\n".to_vec();
    logo.resize(200 * 1024, 7);
    let full = Branding::new(
        "org-a",
        BrandingInput {
            display_name: Some("Acme <Events>".into()),
            accent_color: Some("#0b5cad".into()),
            logo: Some(logo),
            sender_name: Some("Acme Events".into()),
            reply_to: Some("help@acme.example".into()),
            support_line: Some("Call +1 555 0100".into()),
        },
    )
    .expect("valid");
    store.put_branding(&full).await.expect("put");
    assert_eq!(store.get_branding("org-a").await.expect("get"), full);
    assert_eq!(
        store
            .branding_by_org_hash(&org_hash("org-a"))
            .await
            .expect("by hash"),
        Some(full.clone())
    );
    assert_eq!(
        store.get_branding("org-b").await.expect("other org"),
        Branding::unset("org-b")
    );
    assert_eq!(
        store
            .branding_by_org_hash(&org_hash("org-b"))
            .await
            .expect("by hash"),
        None
    );

    let other = Branding::new(
        "org-b",
        BrandingInput {
            display_name: Some("Beta".into()),
            ..Default::default()
        },
    )
    .expect("valid");
    store.put_branding(&other).await.expect("put b");
    let fewer = Branding::new(
        "org-a",
        BrandingInput {
            display_name: Some("Acme".into()),
            ..Default::default()
        },
    )
    .expect("valid");
    store.put_branding(&fewer).await.expect("replace");
    assert_eq!(store.get_branding("org-a").await.expect("get"), fewer);
    assert_eq!(store.get_branding("org-b").await.expect("get b"), other);
    store
        .put_branding(&Branding::unset("org-a"))
        .await
        .expect("clear");
    assert!(store.get_branding("org-a").await.expect("get").is_unset());
}
