//! `Idempotency-Key` claims: a conditional `PutItem` owns a key (with a TTL and a
//! lease), the response completes it, a failure on our side ends its lease (the retry
//! with the same body takes it over and reruns the work).

use super::items::{get_s, key, n, names, opt_n, s, ts, values, Item};
use super::{err, keys, ConditionFailed, DynamoStore};
use crate::ports::{IdempotencyClaim, StoreError};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::update_item::{UpdateItemError, UpdateItemOutput};
use aws_sdk_dynamodb::types::ReturnValuesOnConditionCheckFailure as OnFail;
use aws_smithy_runtime_api::http::Response as HttpResponse;
use time::OffsetDateTime;

pub(super) async fn claim_idempotency_key(
    store: &DynamoStore,
    key_text: &str,
    fingerprint: &str,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<IdempotencyClaim, StoreError> {
    let mut item = key(keys::idempotency(key_text));
    item.extend([
        ("kind".to_owned(), s("idempotency_key")),
        ("fingerprint".to_owned(), s(fingerprint)),
        ("expires_at".to_owned(), ts(expires_at)),
        ("lease_until".to_owned(), ts(lease_until)),
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
    let claimed = IdempotencyClaim::Claimed {
        expires_at,
        takeover: false,
    };
    match out {
        Ok(_) => Ok(claimed),
        Err(e) => match e.condition_failed() {
            Some(Some(old)) if super::tx::marked_by(Some(&old), &token) => Ok(claimed),
            Some(Some(old)) => {
                let stored = get_s(&old, "fingerprint")?;
                let status: Option<u16> = opt_n(&old, "status")?;
                let body = get_s(&old, "body").ok();
                let lease: Option<i64> = opt_n(&old, "lease_until")?;
                match (stored == fingerprint, status, body) {
                    (false, _, _) => Ok(IdempotencyClaim::Mismatch),
                    (true, Some(status), Some(body)) => {
                        Ok(IdempotencyClaim::Completed { status, body })
                    }
                    (true, _, _) if lease.unwrap_or(0) <= now.unix_timestamp() => {
                        let first_expiry: i64 = opt_n(&old, "expires_at")?.unwrap_or_default();
                        take_over(store, key_text, fingerprint, now, lease_until, first_expiry)
                            .await
                    }
                    (true, _, _) => Ok(IdempotencyClaim::InProgress),
                }
            }
            Some(None) => Err(StoreError::new("idempotency condition failed on no item")),
            None => Err(err("claim idempotency key", e)),
        },
    }
}

/// Takes over a claim whose lease ran out, keeping its expiry: one conditional update,
/// so that of two retries at once one wins and the other finds it in progress.
async fn take_over(
    store: &DynamoStore,
    key_text: &str,
    fingerprint: &str,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    first_expiry: i64,
) -> Result<IdempotencyClaim, StoreError> {
    let token = super::tx::fresh_token();
    let set = super::tx::marked_set("SET #lease_until = :lease");
    let cond = super::tx::marked_cond(
        "#fingerprint = :fp AND attribute_not_exists(#status) \
         AND (attribute_not_exists(#lease_until) OR #lease_until <= :now)",
    );
    let vals = values(&[
        (":lease", ts(lease_until)),
        (":fp", s(fingerprint)),
        (":now", ts(now)),
        (":txn", s(&token)),
    ]);
    let out = update_key(store, key_text, &set, &cond, vals).await;
    let taken = IdempotencyClaim::Claimed {
        expires_at: OffsetDateTime::from_unix_timestamp(first_expiry)
            .map_err(|e| StoreError::new(format!("idempotency key expiry: {e}")))?,
        takeover: true,
    };
    match out {
        Ok(_) => Ok(taken),
        Err(e) => match e.condition_failed() {
            // Ours, committed by an attempt whose answer was lost.
            Some(old) if super::tx::marked_by(old.as_ref(), &token) => Ok(taken),
            // Another retry took it over first, or its request completed meanwhile.
            Some(_) => Ok(IdempotencyClaim::InProgress),
            None => Err(err("take over idempotency key", e)),
        },
    }
}

pub(super) async fn complete_idempotency_key(
    store: &DynamoStore,
    key_text: &str,
    status: u16,
    body: &str,
) -> Result<(), StoreError> {
    let vals = values(&[(":status", n(status)), (":body", s(body))]);
    let out = update_key(
        store,
        key_text,
        "SET #status = :status, #body = :body",
        "attribute_exists(#pk)",
        vals,
    )
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
    let out = update_key(
        store,
        key_text,
        "SET #lease_until = :zero",
        "attribute_exists(#pk) AND attribute_not_exists(#status)",
        values(&[(":zero", n(0))]),
    )
    .await;
    match out {
        Ok(_) => Ok(()),
        // Completed meanwhile, or gone (expired): nothing to give up.
        Err(e) if e.condition_failed().is_some() => Ok(()),
        Err(e) => Err(err("release idempotency key", e)),
    }
}

/// One conditional `UpdateItem` of the key's item (the item as it was comes back when
/// the condition fails).
async fn update_key(
    store: &DynamoStore,
    key_text: &str,
    set: &str,
    cond: &str,
    vals: Item,
) -> Result<UpdateItemOutput, SdkError<UpdateItemError, HttpResponse>> {
    store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(key(keys::idempotency(key_text))))
        .update_expression(set)
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[set, cond])))
        .set_expression_attribute_values(Some(vals))
        .return_values_on_condition_check_failure(OnFail::AllOld)
        .send()
        .await
}
