//! Suppressed addresses (hard bounces, complaints): one item per organization and
//! address, replaced by a newer one, lifted by `force_email`.

use super::items::{get_s, key, s, ts};
use super::{err, items, keys, DynamoStore};
use crate::domain::{Delivery, EmailAddress, Suppression};
use crate::ports::StoreError;

pub(super) async fn get_suppression(
    store: &DynamoStore,
    org: &str,
    email: &EmailAddress,
) -> Result<Option<Suppression>, StoreError> {
    let Some(item) = store.get(keys::suppression(org, email.as_str())).await? else {
        return Ok(None);
    };
    Ok(Some(Suppression {
        org: org.to_owned(),
        email: email.clone(),
        reason: Delivery::parse(&get_s(&item, "reason")?)
            .ok_or_else(|| StoreError::new("unreadable item attribute reason"))?,
        invite_id: get_s(&item, "invite_id")?,
        at: items::get_ts(&item, "at")?,
    }))
}

pub(super) async fn put_suppression(
    store: &DynamoStore,
    suppression: &Suppression,
) -> Result<(), StoreError> {
    let mut item = key(keys::suppression(
        &suppression.org,
        suppression.email.as_str(),
    ));
    item.insert("reason".into(), s(suppression.reason.as_str()));
    item.insert("invite_id".into(), s(suppression.invite_id.clone()));
    item.insert("at".into(), ts(suppression.at));
    store
        .client
        .put_item()
        .table_name(&store.table)
        .set_item(Some(item))
        .send()
        .await
        .map_err(|e| err("put suppression", e))?;
    Ok(())
}

pub(super) async fn delete_suppression(
    store: &DynamoStore,
    org: &str,
    email: &EmailAddress,
) -> Result<(), StoreError> {
    store
        .client
        .delete_item()
        .table_name(&store.table)
        .set_key(Some(key(keys::suppression(org, email.as_str()))))
        .send()
        .await
        .map_err(|e| err("delete suppression", e))?;
    Ok(())
}
