//! Room writes: creation (the room and its guard shards in one transaction), edits and
//! reschedules (one conditional update on the version), deletion (the room and its
//! guards) and the session start; each recognises its own write whose answer was lost.

use super::items::{self, key, n, names, room_from, s, ts, values};
use super::{err, keys, tx, ConditionFailed, DynamoStore};
use crate::domain::room::RoomStatus;
use crate::domain::Room;
use crate::ports::{StoreError, WriteError};
use aws_sdk_dynamodb::types::{
    AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure as OnFail,
};
use keys::GUARD_SHARDS;
use std::collections::HashMap;
use time::OffsetDateTime;

pub(super) async fn create_room(store: &DynamoStore, room: &Room) -> Result<(), WriteError> {
    let mut room_item = items::room_item(room)?;
    room_item.insert("version".into(), n(0));
    room_item.remove("deleted_at");
    let mut ops = vec![tx::put(
        &store.table,
        room_item,
        "attribute_not_exists(#pk)",
        HashMap::new(),
    )?];
    for shard in 0..GUARD_SHARDS {
        ops.push(tx::put(
            &store.table,
            items::guard_item(&room.room_id, shard),
            "attribute_not_exists(#pk)",
            HashMap::new(),
        )?);
    }
    let token = keys::request_token(&["create_room", &room.room_id, &tx::fresh_token()]);
    match tx::transact(&store.client, ops, &token).await? {
        Ok(()) => Ok(()),
        Err(_) => Err(WriteError::Stale),
    }
}

pub(super) async fn update_room(
    store: &DynamoStore,
    room: &Room,
    expected_version: u64,
) -> Result<Room, WriteError> {
    let set_ends = if room.ends_at.is_some() {
        ", #ends_at = :ends_at"
    } else {
        ""
    };
    let remove = if room.ends_at.is_none() {
        " REMOVE #ends_at"
    } else {
        ""
    };
    let set = format!(
        "SET #title = :title, #description = :description, #starts_at = :starts_at, #speakers = :speakers, \
         #attachments = :attachments, #room_status = :room_status, #reminders = :reminders, #admission = :admission, #presentation = :presentation, #version = #version + :one{set_ends}{remove}"
    );
    let set = tx::marked_set(&set);
    let cond = tx::marked_cond(
        "#org = :org AND attribute_not_exists(#deleted_at) AND #version = :expected",
    );
    let cond = cond.as_str();
    let token = tx::fresh_token();
    let item = items::room_item(room)?;
    let field = |name: &str| {
        item.get(name)
            .cloned()
            .unwrap_or(AttributeValue::Null(true))
    };
    let mut vals = values(&[
        (":title", field("title")),
        (":description", field("description")),
        (":starts_at", field("starts_at")),
        (":speakers", field("speakers")),
        (":attachments", field("attachments")),
        (":reminders", field("reminders")),
        (":admission", field("admission")),
        (":presentation", field("presentation")),
        (":room_status", field("room_status")),
        (":one", n(1)),
        (":org", s(&room.org)),
        (":expected", n(expected_version)),
        (":txn", s(&token)),
    ]);
    if let Some(e) = room.ends_at {
        vals.insert(":ends_at".into(), ts(e));
    }
    let out = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(key(keys::room(&room.room_id))))
        .update_expression(&set)
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[&set, cond])))
        .set_expression_attribute_values(Some(vals))
        .return_values(ReturnValue::AllNew)
        .return_values_on_condition_check_failure(OnFail::AllOld)
        .send()
        .await;
    match out {
        Ok(o) => Ok(room_from(&o.attributes.unwrap_or_default())?),
        Err(e) => match e.condition_failed() {
            // Our own update, committed by an attempt whose answer was lost.
            Some(Some(old)) if tx::marked_by(Some(&old), &token) => Ok(room_from(&old)?),
            Some(old) => Err(match old.map(|i| room_from(&i)).transpose()? {
                Some(r) if r.org == room.org && r.is_deleted() => WriteError::RoomDeleted,
                Some(r) if r.org == room.org => WriteError::Stale,
                _ => WriteError::NotFound,
            }),
            None => Err(err("update room", e).into()),
        },
    }
}

pub(super) async fn delete_room(
    store: &DynamoStore,
    org: &str,
    room_id: &str,
    now: OffsetDateTime,
) -> Result<(), WriteError> {
    let mut ops = vec![tx::update(
        &store.table,
        key(keys::room(room_id)),
        "SET #deleted_at = :now, #version = #version + :one",
        "#org = :org AND attribute_not_exists(#deleted_at)",
        values(&[(":now", ts(now)), (":one", n(1)), (":org", s(org))]),
    )?];
    for shard in 0..GUARD_SHARDS {
        ops.push(tx::update(
            &store.table,
            key(keys::guard(room_id, shard)),
            "SET #deleted_at = :now",
            "attribute_exists(#pk)",
            values(&[(":now", ts(now))]),
        )?);
    }
    let token = keys::request_token(&[
        "delete_room",
        room_id,
        org,
        &tx::fresh_token(),
        &now.unix_timestamp().to_string(),
    ]);
    match tx::transact(&store.client, ops, &token).await? {
        Ok(()) => Ok(()),
        Err(reasons) => {
            let room = reasons
                .first()
                .and_then(|r| r.old.as_ref())
                .map(room_from)
                .transpose()?;
            Err(match room {
                Some(r) if r.org == org && r.is_deleted() => WriteError::RoomDeleted,
                Some(r) if r.org == org => WriteError::Store(StoreError::new("room guard missing")),
                _ => WriteError::NotFound,
            })
        }
    }
}

pub(super) async fn mark_room_live(
    store: &DynamoStore,
    room_id: &str,
    starts_at: OffsetDateTime,
) -> Result<bool, StoreError> {
    let set = tx::marked_set("SET #room_status = :live, #version = #version + :one");
    let cond = tx::marked_cond(
        "#room_status = :scheduled AND attribute_not_exists(#deleted_at) AND #starts_at = :starts_at",
    );
    let (set, cond) = (set.as_str(), cond.as_str());
    let token = tx::fresh_token();
    let out = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(key(keys::room(room_id))))
        .update_expression(set)
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[set, cond])))
        .set_expression_attribute_values(Some(values(&[
            (":live", s(RoomStatus::Live.as_str())),
            (":scheduled", s(RoomStatus::Scheduled.as_str())),
            (":one", n(1)),
            (":starts_at", ts(starts_at)),
            (":txn", s(&token)),
        ])))
        .return_values_on_condition_check_failure(OnFail::AllOld)
        .send()
        .await;
    match out {
        Ok(_) => Ok(true),
        Err(e) => match e.condition_failed() {
            // Set live by this very call, whose first answer was lost.
            Some(old) => Ok(tx::marked_by(old.as_ref(), &token)),
            None => Err(err("mark room live", e)),
        },
    }
}
