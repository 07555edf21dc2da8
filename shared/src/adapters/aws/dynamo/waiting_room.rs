//! The waiting room on DynamoDB: a decision is one conditional `UpdateItem` of the
//! participant (`admission = waiting`), a knock one conditional `UpdateItem` on the knock
//! rules whose `ALL_OLD` item says which rule refused. Decisions name participants by
//! identity: the pointer item `ROOM#…#PID#{identity}` (written with a waiting
//! participant) leads to the address.

use super::items::{get_s, key, n, names, participant_from, s, ts, values};
use super::{err, keys, tx, ConditionFailed, DynamoStore};
use crate::domain::waiting_room::{knock_refusal, Decision, MAX_KNOCKS};
use crate::domain::{EmailAddress, Participant};
use crate::ports::{KnockError, Store, StoreError, WriteError};
use aws_sdk_dynamodb::types::{ReturnValue, ReturnValuesOnConditionCheckFailure as OnFail};
use time::OffsetDateTime;

pub(super) async fn by_identity(
    store: &DynamoStore,
    room_id: &str,
    identity: &str,
) -> Result<Option<Participant>, StoreError> {
    let Some(pointer) = store
        .get(keys::participant_by_identity(room_id, identity))
        .await?
    else {
        return Ok(None);
    };
    let email = EmailAddress::from_normalized(get_s(&pointer, "email")?);
    store.get_participant(room_id, &email).await
}

pub(super) async fn decide(
    store: &DynamoStore,
    room_id: &str,
    email: &EmailAddress,
    decision: &Decision,
    now: OffsetDateTime,
) -> Result<Participant, WriteError> {
    let (set, mut vals) = match decision {
        Decision::Deny {
            reason: Some(reason),
        } => (
            "SET #admission = :to, #denial_reason = :reason, #decided_at = :now, #updated_at = :now",
            values(&[(":reason", s(reason))]),
        ),
        _ => (
            "SET #admission = :to, #decided_at = :now, #updated_at = :now REMOVE #denial_reason",
            values(&[]),
        ),
    };
    vals.extend(values(&[
        (":to", s(decision.state().as_str())),
        (":now", ts(now)),
        (":waiting", s("waiting")),
    ]));
    // Marked: the SDK's retry of a decision that committed is recognised as ours.
    let token = tx::fresh_token();
    vals.insert(":txn".into(), s(&token));
    let set = tx::marked_set(set);
    let cond = tx::marked_cond("#admission = :waiting");
    let out = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(key(keys::participant(room_id, email.as_str()))))
        .update_expression(&set)
        .condition_expression(&cond)
        .set_expression_attribute_names(Some(names(&[&set, &cond])))
        .set_expression_attribute_values(Some(vals))
        .return_values(ReturnValue::AllNew)
        .return_values_on_condition_check_failure(OnFail::AllOld)
        .send()
        .await;
    match out {
        Ok(o) => Ok(participant_from(&o.attributes.unwrap_or_default())?),
        Err(e) => match e.condition_failed() {
            Some(Some(old)) if tx::marked_by(Some(&old), &token) => Ok(participant_from(&old)?),
            Some(_) => Err(WriteError::NotFound),
            None => Err(WriteError::Store(err("decide admission", e))),
        },
    }
}

pub(super) async fn knock(
    store: &DynamoStore,
    room_id: &str,
    email: &EmailAddress,
    now: OffsetDateTime,
) -> Result<Participant, KnockError> {
    let set = "SET #admission = :waiting, #knocks = if_not_exists(#knocks, :zero) + :one, #updated_at = :now REMOVE #denial_reason";
    let cond = "#admission = :denied AND (attribute_not_exists(#knocks) OR #knocks < :max) \
                AND #decided_at <= :cutoff";
    let out = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(key(keys::participant(room_id, email.as_str()))))
        .update_expression(set)
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[set, cond])))
        .set_expression_attribute_values(Some(values(&[
            (":waiting", s("waiting")),
            (":denied", s("denied")),
            (":zero", n(0)),
            (":one", n(1)),
            (":max", n(MAX_KNOCKS)),
            (":now", ts(now)),
            (
                ":cutoff",
                ts(now - crate::domain::waiting_room::KNOCK_INTERVAL),
            ),
        ])))
        .return_values(ReturnValue::AllNew)
        .return_values_on_condition_check_failure(OnFail::AllOld)
        .send()
        .await;
    match out {
        Ok(o) => Ok(participant_from(&o.attributes.unwrap_or_default())?),
        Err(e) => match e.condition_failed() {
            Some(Some(old)) => {
                let old = participant_from(&old)?;
                Err(knock_refusal(&old, now).map_or_else(
                    || KnockError::Store(StoreError::new("knock refused without a reason")),
                    KnockError::Refused,
                ))
            }
            Some(None) => Err(KnockError::NotFound),
            None => Err(KnockError::Store(err("knock", e))),
        },
    }
}
