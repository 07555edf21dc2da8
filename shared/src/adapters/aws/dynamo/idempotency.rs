//! `Idempotency-Key` claims: a conditional `PutItem` owns a key (with a TTL), the
//! response completes it, a failure on our side releases it.

use super::items::{get_s, key, n, names, opt_n, s, ts, values};
use super::{err, keys, ConditionFailed, DynamoStore};
use crate::ports::{IdempotencyClaim, StoreError};
use aws_sdk_dynamodb::types::ReturnValuesOnConditionCheckFailure as OnFail;
use time::OffsetDateTime;

pub(super) async fn claim_idempotency_key(
    store: &DynamoStore,
    key_text: &str,
    fingerprint: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<IdempotencyClaim, StoreError> {
    let mut item = key(keys::idempotency(key_text));
    item.extend([
        ("kind".to_owned(), s("idempotency_key")),
        ("fingerprint".to_owned(), s(fingerprint)),
        ("expires_at".to_owned(), ts(expires_at)),
        ("ttl".to_owned(), ts(expires_at)),
    ]);
    // Marked, so that the SDK's retry of a claim that committed is still ours.
    let token = super::tx::fresh_token();
    item.insert(super::tx::MARK.to_owned(), s(&token));
    let cond = "attribute_not_exists(#pk) OR #expires_at <= :now";
    let out = store
        .client
        .put_item()
        .table_name(&store.table)
        .set_item(Some(item))
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[cond])))
        .expression_attribute_values(":now", ts(now))
        .return_values_on_condition_check_failure(OnFail::AllOld)
        .send()
        .await;
    match out {
        Ok(_) => Ok(IdempotencyClaim::Claimed),
        Err(e) => match e.condition_failed() {
            Some(Some(old)) if super::tx::marked_by(Some(&old), &token) => {
                Ok(IdempotencyClaim::Claimed)
            }
            Some(Some(old)) => {
                let stored = get_s(&old, "fingerprint")?;
                let status: Option<u16> = opt_n(&old, "status")?;
                let body = get_s(&old, "body").ok();
                Ok(match (stored == fingerprint, status, body) {
                    (false, _, _) => IdempotencyClaim::Mismatch,
                    (true, Some(status), Some(body)) => {
                        IdempotencyClaim::Completed { status, body }
                    }
                    (true, _, _) => IdempotencyClaim::InProgress,
                })
            }
            Some(None) => Err(StoreError::new("idempotency condition failed on no item")),
            None => Err(err("claim idempotency key", e)),
        },
    }
}

pub(super) async fn complete_idempotency_key(
    store: &DynamoStore,
    key_text: &str,
    status: u16,
    body: &str,
) -> Result<(), StoreError> {
    let set = "SET #status = :status, #body = :body";
    let cond = "attribute_exists(#pk)";
    let out = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(key(keys::idempotency(key_text))))
        .update_expression(set)
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[set, cond])))
        .set_expression_attribute_values(Some(values(&[
            (":status", n(status)),
            (":body", s(body)),
        ])))
        .send()
        .await;
    match out {
        Ok(_) => Ok(()),
        Err(e) if e.condition_failed().is_some() => Ok(()),
        Err(e) => Err(err("complete idempotency key", e)),
    }
}

pub(super) async fn release_idempotency_key(
    store: &DynamoStore,
    key_text: &str,
) -> Result<(), StoreError> {
    let cond = "attribute_not_exists(#status)";
    let out = store
        .client
        .delete_item()
        .table_name(&store.table)
        .set_key(Some(key(keys::idempotency(key_text))))
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[cond])))
        .send()
        .await;
    match out {
        Ok(_) => Ok(()),
        Err(e) if matches!(
            e.as_service_error(),
            Some(aws_sdk_dynamodb::operation::delete_item::DeleteItemError::ConditionalCheckFailedException(_))
        ) => Ok(()),
        Err(e) => Err(err("release idempotency key", e)),
    }
}
