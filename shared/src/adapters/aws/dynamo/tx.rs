//! Building blocks of conditional writes: transaction items that return the item as
//! it was when their condition failed (`ALL_OLD`), and the outcome of a transaction.

use super::items::{names, Item};
use crate::ports::StoreError;
use aws_sdk_dynamodb::error::DisplayErrorContext;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    ConditionCheck, Put, ReturnValuesOnConditionCheckFailure as OnFail, TransactWriteItem, Update,
};
use aws_sdk_dynamodb::Client;
use std::collections::HashMap;

type Values = HashMap<String, aws_sdk_dynamodb::types::AttributeValue>;

fn built<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<T, StoreError> {
    r.map_err(|e| StoreError(format!("cannot build the request: {e}")))
}

fn opt_values(v: Values) -> Option<Values> {
    (!v.is_empty()).then_some(v)
}

pub fn update(
    table: &str,
    key: Item,
    set: &str,
    cond: &str,
    values: Values,
) -> Result<TransactWriteItem, StoreError> {
    let u = built(
        Update::builder()
            .table_name(table)
            .set_key(Some(key))
            .update_expression(set)
            .condition_expression(cond)
            .set_expression_attribute_names(Some(names(&[set, cond])))
            .set_expression_attribute_values(opt_values(values))
            .return_values_on_condition_check_failure(OnFail::AllOld)
            .build(),
    )?;
    Ok(TransactWriteItem::builder().update(u).build())
}

pub fn check(
    table: &str,
    key: Item,
    cond: &str,
    values: Values,
) -> Result<TransactWriteItem, StoreError> {
    let c = built(
        ConditionCheck::builder()
            .table_name(table)
            .set_key(Some(key))
            .condition_expression(cond)
            .set_expression_attribute_names(Some(names(&[cond])))
            .set_expression_attribute_values(opt_values(values))
            .return_values_on_condition_check_failure(OnFail::AllOld)
            .build(),
    )?;
    Ok(TransactWriteItem::builder().condition_check(c).build())
}

pub fn put(
    table: &str,
    item: Item,
    cond: &str,
    values: Values,
) -> Result<TransactWriteItem, StoreError> {
    let p = built(
        Put::builder()
            .table_name(table)
            .set_item(Some(item))
            .condition_expression(cond)
            .set_expression_attribute_names(Some(names(&[cond])))
            .set_expression_attribute_values(opt_values(values))
            .return_values_on_condition_check_failure(OnFail::AllOld)
            .build(),
    )?;
    Ok(TransactWriteItem::builder().put(p).build())
}

/// One item's part in a cancelled transaction.
#[derive(Debug, Clone, Default)]
pub struct Reason {
    /// Its condition failed.
    pub failed: bool,
    /// The item as it was, when its condition failed and it existed.
    pub old: Option<Item>,
}

/// Conflicts with concurrent transactions are retried this many times.
const CONFLICT_RETRIES: u32 = 5;

/// Runs one transaction. `Ok(Err(reasons))`: cancelled by a failed condition, one
/// reason per item in order.
pub async fn transact(
    client: &Client,
    items: Vec<TransactWriteItem>,
    token: &str,
) -> Result<Result<(), Vec<Reason>>, StoreError> {
    let mut attempt = 0;
    loop {
        let token = if attempt == 0 {
            token.to_owned()
        } else {
            super::keys::request_token(&[token, &attempt.to_string()])
        };
        let result = client
            .transact_write_items()
            .set_transact_items(Some(items.clone()))
            .client_request_token(token)
            .send()
            .await;
        let err = match result {
            Ok(_) => return Ok(Ok(())),
            Err(e) => e,
        };
        let Some(TransactWriteItemsError::TransactionCanceledException(cancel)) =
            err.as_service_error()
        else {
            return Err(StoreError(format!(
                "transaction failed: {}",
                DisplayErrorContext(&err)
            )));
        };
        let reasons: Vec<Reason> = cancel
            .cancellation_reasons()
            .iter()
            .map(|r| Reason {
                failed: r.code() == Some("ConditionalCheckFailed"),
                old: r.item().cloned().filter(|i| !i.is_empty()),
            })
            .collect();
        if reasons.iter().any(|r| r.failed) {
            return Ok(Err(reasons));
        }
        let conflict = cancel
            .cancellation_reasons()
            .iter()
            .any(|r| r.code() == Some("TransactionConflict"));
        if !conflict || attempt >= CONFLICT_RETRIES {
            return Err(StoreError(format!(
                "transaction cancelled: {}",
                DisplayErrorContext(&err)
            )));
        }
        attempt += 1;
        // Backoff (not synchronization): let the conflicting transaction finish.
        tokio::time::sleep(std::time::Duration::from_millis(u64::from(attempt) * 10)).await;
    }
}
