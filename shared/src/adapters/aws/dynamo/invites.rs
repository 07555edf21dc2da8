//! Invite writes after issuance: a resend's new link (one transaction with the room's
//! guard) and the delivery state (one conditional update that never moves it backwards).

use super::items::{invite_from, key, n, s, ts, values};
use super::{keys, tx, DynamoStore};
use crate::domain::{Delivery, Invite, TokenHash};
use crate::ports::{Store, StoreError, WriteError};
use std::collections::HashMap;
use time::OffsetDateTime;

pub(super) async fn reissue_invite(
    store: &DynamoStore,
    room_id: &str,
    invite_id: &str,
    token_hash: &TokenHash,
    expires_at: OffsetDateTime,
    delivery: Delivery,
    mail_nonce: Option<&str>,
) -> Result<Invite, WriteError> {
    let mut vals = values(&[
        (":hash", s(&token_hash.0)),
        (":zero", n(0)),
        (":exp", ts(expires_at)),
        (":delivery", s(delivery.as_str())),
        (":room", s(room_id)),
    ]);
    let set = match mail_nonce {
        Some(nonce) => {
            vals.insert(":nonce".into(), s(nonce));
            "SET #token_hash = :hash, #failed_attempts = :zero, #expires_at = :exp, #delivery = :delivery, #mail_nonce = :nonce"
        }
        None => "SET #token_hash = :hash, #failed_attempts = :zero, #expires_at = :exp, #delivery = :delivery REMOVE #mail_nonce",
    };
    let ops = vec![
        tx::update(
            &store.table,
            key(keys::invite(invite_id)),
            set,
            "#room_id = :room AND attribute_not_exists(#revoked_at) \
             AND (attribute_not_exists(#max_uses) OR #uses < #max_uses)",
            vals,
        )?,
        tx::check(
            &store.table,
            key(keys::guard_of_invite(room_id, invite_id)),
            "attribute_exists(#pk) AND attribute_not_exists(#deleted_at)",
            HashMap::new(),
        )?,
    ];
    let token = keys::request_token(&[
        "reissue",
        invite_id,
        &token_hash.0,
        &expires_at.unix_timestamp().to_string(),
    ]);
    match tx::transact(&store.client, ops, &token).await? {
        Ok(()) => store
            .get_invite(invite_id)
            .await?
            .filter(|i| i.room_id == room_id)
            .ok_or(WriteError::NotFound),
        Err(reasons) => {
            let (inv, guard) = match reasons.as_slice() {
                [inv, guard] => (inv, guard),
                _ => return Err(StoreError::new("unexpected cancellation reasons").into()),
            };
            // When only the guard failed, the invite is this room's (its condition held).
            let invite = inv.old.as_ref().map(invite_from).transpose()?;
            let in_room = if inv.failed {
                invite.as_ref().is_some_and(|i| i.room_id == room_id)
            } else {
                true
            };
            Err(match invite {
                _ if !in_room => WriteError::NotFound,
                _ if guard.failed => WriteError::RoomDeleted,
                Some(i) if i.revoked_at.is_some() => WriteError::Revoked,
                _ => WriteError::Used,
            })
        }
    }
}

pub(super) async fn set_delivery(
    store: &DynamoStore,
    invite_id: &str,
    delivery: Delivery,
) -> Result<Option<Invite>, StoreError> {
    let from = delivery.replaces();
    let placeholders: Vec<String> = (0..from.len()).map(|i| format!(":from{i}")).collect();
    // The link's nonce is kept only while the email may still be sent.
    let set = if matches!(delivery, Delivery::Pending | Delivery::Queued) {
        "SET #delivery = :delivery"
    } else {
        "SET #delivery = :delivery REMOVE #mail_nonce"
    };
    let cond = format!(
        "attribute_exists(#pk) AND #delivery IN ({})",
        placeholders.join(", ")
    );
    let mut vals = values(&[(":delivery", s(delivery.as_str()))]);
    for (p, d) in placeholders.iter().zip(from) {
        vals.insert(p.clone(), s(d.as_str()));
    }
    match store
        .update_invite_returning(invite_id, set, &cond, vals)
        .await?
    {
        Ok(invite) => Ok(Some(invite)),
        Err(kept) => Ok(kept),
    }
}

pub(super) async fn unsubscribe(
    store: &DynamoStore,
    invite_id: &str,
    at: OffsetDateTime,
) -> Result<Option<Invite>, StoreError> {
    // One conditional write; the first time is kept.
    let set = "SET #unsubscribed_at = if_not_exists(#unsubscribed_at, :at)";
    let vals = values(&[(":at", ts(at))]);
    match store
        .update_invite_returning(invite_id, set, "attribute_exists(#pk)", vals)
        .await?
    {
        Ok(invite) => Ok(Some(invite)),
        Err(kept) => Ok(kept),
    }
}
