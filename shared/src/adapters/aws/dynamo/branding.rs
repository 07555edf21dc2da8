//! Branding: one item per organization under `BRANDING#{org_hash}` (the hash the public
//! logo URL names), with the org id as an attribute and the logo bytes as a binary
//! attribute (at most 200 KB, under DynamoDB's 400 KB item limit).

use super::items::{get_s, key, s, Item};
use super::{err, keys, DynamoStore};
use crate::domain::branding::{org_hash, Logo, Rgb};
use crate::domain::{Branding, EmailAddress};
use crate::ports::StoreError;
use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;

fn opt_s(item: &Item, name: &str) -> Option<String> {
    match item.get(name) {
        Some(AttributeValue::S(v)) => Some(v.clone()),
        _ => None,
    }
}

fn bad(name: &str) -> StoreError {
    StoreError::new(format!("unreadable item attribute {name}"))
}

fn from_item(item: &Item) -> Result<Branding, StoreError> {
    Ok(Branding {
        org: get_s(item, "org")?,
        display_name: opt_s(item, "display_name"),
        accent_color: opt_s(item, "accent_color")
            .map(|c| Rgb::parse(&c).ok_or_else(|| bad("accent_color")))
            .transpose()?,
        logo: match item.get("logo") {
            Some(AttributeValue::B(b)) => {
                Some(Logo::parse(b.clone().into_inner()).map_err(|_| bad("logo"))?)
            }
            _ => None,
        },
        sender_name: opt_s(item, "sender_name"),
        reply_to: opt_s(item, "reply_to").map(EmailAddress::from_normalized),
        support_line: opt_s(item, "support_line"),
    })
}

pub(super) async fn branding_by_org_hash(
    store: &DynamoStore,
    hash: &str,
) -> Result<Option<Branding>, StoreError> {
    store
        .get(keys::branding(hash))
        .await?
        .map(|item| from_item(&item))
        .transpose()
}

pub(super) async fn get_branding(store: &DynamoStore, org: &str) -> Result<Branding, StoreError> {
    Ok(branding_by_org_hash(store, &org_hash(org))
        .await?
        .filter(|b| b.org == org)
        .unwrap_or_else(|| Branding::unset(org)))
}

pub(super) async fn put_branding(store: &DynamoStore, b: &Branding) -> Result<(), StoreError> {
    let mut item = key(keys::branding(&org_hash(&b.org)));
    item.insert("org".into(), s(b.org.clone()));
    let mut text = |name: &str, v: Option<String>| {
        if let Some(v) = v {
            item.insert(name.into(), s(v));
        }
    };
    text("display_name", b.display_name.clone());
    text("accent_color", b.accent_color.map(|c| c.css()));
    text("sender_name", b.sender_name.clone());
    text(
        "reply_to",
        b.reply_to.as_ref().map(|a| a.as_str().to_owned()),
    );
    text("support_line", b.support_line.clone());
    if let Some(logo) = &b.logo {
        item.insert("logo".into(), AttributeValue::B(Blob::new(logo.bytes())));
    }
    store
        .client
        .put_item()
        .table_name(&store.table)
        .set_item(Some(item))
        .send()
        .await
        .map_err(|e| err("put branding", e))?;
    Ok(())
}
