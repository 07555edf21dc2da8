//! An invite issued by a participant: one `TransactWriteItems` of
//!   1. a ConditionCheck of one of the room's guard items (room not deleted),
//!   2. the issuer's counter item of this room, `issued = if_not_exists(issued, 0) + 1`
//!      under `attribute_not_exists(issued) OR issued < :limit`,
//!   3. the Put of the invite (`attribute_not_exists(pk)`),
//!
//! so that the quota is checked and counted in the same atomic write as the invite:
//! two submissions at `limit - 1` cannot both pass (one of them fails its condition,
//! or conflicts and is retried against the new count).

use super::items::{get_n, invite_item, key, n, s, values};
use super::{keys, tx, DynamoStore};
use crate::domain::guest_invite::within_quota;
use crate::domain::Invite;
use crate::ports::{InviteQuota, StoreError, WriteError};
use std::collections::HashMap;

pub async fn create(
    store: &DynamoStore,
    invite: &Invite,
    quota: &InviteQuota,
) -> Result<(), WriteError> {
    if !within_quota(0, quota.limit) {
        // A limit of 0 refuses every invite; no condition could say so without a read.
        return Err(WriteError::LimitReached);
    }
    let ops = vec![
        tx::check(
            &store.table,
            key(keys::guard_of_invite(&invite.room_id, &invite.invite_id)),
            "attribute_exists(#pk) AND attribute_not_exists(#deleted_at)",
            HashMap::new(),
        )?,
        tx::update(
            &store.table,
            key(keys::guest_invite_counter(&invite.room_id, &quota.issuer)),
            "SET #kind = :kind, #room_id = :room, #issuer = :issuer, \
             #issued = if_not_exists(#issued, :zero) + :one",
            "attribute_not_exists(#issued) OR #issued < :limit",
            values(&[
                (":kind", s("guest_invite_counter")),
                (":room", s(&invite.room_id)),
                (":issuer", s(&quota.issuer)),
                (":zero", n(0)),
                (":one", n(1)),
                (":limit", n(quota.limit)),
            ]),
        )?,
        tx::put(
            &store.table,
            invite_item(invite),
            "attribute_not_exists(#pk)",
            HashMap::new(),
        )?,
    ];
    let token =
        keys::request_token(&["create_guest_invite", &invite.invite_id, &tx::fresh_token()]);
    match tx::transact(&store.client, ops, &token).await? {
        Ok(()) => Ok(()),
        Err(reasons) => {
            let [guard, counter, _invite] = reasons.as_slice() else {
                return Err(StoreError::new("unexpected cancellation reasons").into());
            };
            if guard.failed {
                return Err(if guard.old.is_none() {
                    WriteError::NotFound
                } else {
                    WriteError::RoomDeleted
                });
            }
            if counter.failed {
                let issued: u32 = match &counter.old {
                    Some(old) => get_n(old, "issued")?,
                    None => 0,
                };
                if !within_quota(issued, quota.limit) {
                    return Err(WriteError::LimitReached);
                }
            }
            Err(WriteError::Stale)
        }
    }
}
