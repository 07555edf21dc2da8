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
    r.map_err(|e| StoreError::new(format!("cannot build the request: {e}")))
}

fn opt_values(v: Values) -> Option<Values> {
    (!v.is_empty()).then_some(v)
}

/// The attribute every item written by a transaction carries: the transaction's
/// `ClientRequestToken`. A retry of a transaction that committed (its answer lost, the
/// SDK sent it again) finds it on every item it writes and is recognised as applied,
/// even where the store does not deduplicate tokens itself (DynamoDB does for 10
/// minutes; moto does not), instead of failing on its own earlier success.
pub const MARK: &str = "txn";

/// The condition every written item gets: not already written by this transaction.
pub const NOT_MARKED: &str = "(attribute_not_exists(#txn) OR #txn <> :txn)";

/// A fresh token for one logical write (see [`MARK`]): every call is its own write,
/// every SDK retry within the call the same one.
pub fn fresh_token() -> String {
    ulid::Ulid::new().to_string()
}

/// Whether `old` (an item as it was when a condition failed) was written by `token`:
/// the write committed before and this is its retry.
pub fn marked_by(old: Option<&Item>, token: &str) -> bool {
    old.and_then(|i| i.get(MARK))
        .and_then(|v| v.as_s().ok())
        .is_some_and(|t| t == token)
}

/// One item of a transaction, marked with the transaction's token when it runs.
#[derive(Debug, Clone)]
pub enum Op {
    Update {
        table: String,
        key: Item,
        set: String,
        cond: String,
        values: Values,
    },
    Put {
        table: String,
        item: Item,
        cond: String,
        values: Values,
    },
    Check {
        table: String,
        key: Item,
        cond: String,
        values: Values,
    },
}

pub fn update(
    table: &str,
    key: Item,
    set: &str,
    cond: &str,
    values: Values,
) -> Result<Op, StoreError> {
    Ok(Op::Update {
        table: table.to_owned(),
        key,
        set: set.to_owned(),
        cond: cond.to_owned(),
        values,
    })
}

pub fn check(table: &str, key: Item, cond: &str, values: Values) -> Result<Op, StoreError> {
    Ok(Op::Check {
        table: table.to_owned(),
        key,
        cond: cond.to_owned(),
        values,
    })
}

pub fn put(table: &str, item: Item, cond: &str, values: Values) -> Result<Op, StoreError> {
    Ok(Op::Put {
        table: table.to_owned(),
        item,
        cond: cond.to_owned(),
        values,
    })
}

/// `cond` and the not-yet-written-by-`token` condition.
pub fn marked_cond(cond: &str) -> String {
    if cond.trim().is_empty() {
        NOT_MARKED.to_owned()
    } else {
        format!("({cond}) AND {NOT_MARKED}")
    }
}

/// `set` with `#txn = :txn` added to its `SET` clause (or a `SET` clause of its own).
pub fn marked_set(set: &str) -> String {
    match set.find("SET ") {
        Some(i) => format!("{}SET #txn = :txn, {}", &set[..i], &set[i + 4..]),
        None => format!("SET #txn = :txn {set}"),
    }
}

impl Op {
    fn into_item(self, token: &str) -> Result<TransactWriteItem, StoreError> {
        let mark = aws_sdk_dynamodb::types::AttributeValue::S(token.to_owned());
        Ok(match self {
            Op::Update {
                table,
                key,
                set,
                cond,
                mut values,
            } => {
                let (set, cond) = (marked_set(&set), marked_cond(&cond));
                values.insert(":txn".into(), mark);
                let u = built(
                    Update::builder()
                        .table_name(table)
                        .set_key(Some(key))
                        .update_expression(&set)
                        .condition_expression(&cond)
                        .set_expression_attribute_names(Some(names(&[&set, &cond])))
                        .set_expression_attribute_values(opt_values(values))
                        .return_values_on_condition_check_failure(OnFail::AllOld)
                        .build(),
                )?;
                TransactWriteItem::builder().update(u).build()
            }
            Op::Put {
                table,
                mut item,
                cond,
                mut values,
            } => {
                let cond = marked_cond(&cond);
                item.insert(MARK.into(), mark.clone());
                values.insert(":txn".into(), mark);
                let p = built(
                    Put::builder()
                        .table_name(table)
                        .set_item(Some(item))
                        .condition_expression(&cond)
                        .set_expression_attribute_names(Some(names(&[&cond])))
                        .set_expression_attribute_values(opt_values(values))
                        .return_values_on_condition_check_failure(OnFail::AllOld)
                        .build(),
                )?;
                TransactWriteItem::builder().put(p).build()
            }
            Op::Check {
                table,
                key,
                cond,
                values,
            } => {
                let c = built(
                    ConditionCheck::builder()
                        .table_name(table)
                        .set_key(Some(key))
                        .condition_expression(&cond)
                        .set_expression_attribute_names(Some(names(&[&cond])))
                        .set_expression_attribute_values(opt_values(values))
                        .return_values_on_condition_check_failure(OnFail::AllOld)
                        .build(),
                )?;
                TransactWriteItem::builder().condition_check(c).build()
            }
        })
    }

    fn writes(&self) -> bool {
        !matches!(self, Op::Check { .. })
    }
}

/// Whether a cancellation says that this very transaction (`token`) committed before:
/// every written item failed its condition only because it already carries the mark.
fn already_applied(ops: &[Op], reasons: &[Reason], token: &str) -> bool {
    let marked = |r: &Reason| marked_by(r.old.as_ref(), token);
    ops.len() == reasons.len()
        && ops.iter().any(Op::writes)
        && ops.iter().zip(reasons).all(|(op, r)| {
            if op.writes() {
                r.failed && marked(r)
            } else {
                !r.failed
            }
        })
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
    ops: Vec<Op>,
    token: &str,
) -> Result<Result<(), Vec<Reason>>, StoreError> {
    // Every attempt writes the same mark: a conflict retry after a lost answer is
    // recognised as well.
    let items = ops
        .iter()
        .cloned()
        .map(|op| op.into_item(token))
        .collect::<Result<Vec<_>, _>>()?;
    let mut attempt = 0;
    loop {
        let request_token = if attempt == 0 {
            token.to_owned()
        } else {
            super::keys::request_token(&[token, &attempt.to_string()])
        };
        let result = client
            .transact_write_items()
            .set_transact_items(Some(items.clone()))
            .client_request_token(request_token)
            .send()
            .await;
        let err = match result {
            Ok(_) => return Ok(Ok(())),
            Err(e) => e,
        };
        let Some(TransactWriteItemsError::TransactionCanceledException(cancel)) =
            err.as_service_error()
        else {
            return Err(StoreError::new(format!(
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
        if already_applied(&ops, &reasons, token) {
            tracing::info!(token, "transaction already applied by an earlier attempt");
            return Ok(Ok(()));
        }
        if reasons.iter().any(|r| r.failed) {
            return Ok(Err(reasons));
        }
        let conflict = cancel
            .cancellation_reasons()
            .iter()
            .any(|r| r.code() == Some("TransactionConflict"));
        if !conflict || attempt >= CONFLICT_RETRIES {
            return Err(StoreError::new(format!(
                "transaction cancelled: {}",
                DisplayErrorContext(&err)
            )));
        }
        attempt += 1;
        // Backoff (not synchronization): let the conflicting transaction finish.
        tokio::time::sleep(std::time::Duration::from_millis(u64::from(attempt) * 10)).await;
    }
}
