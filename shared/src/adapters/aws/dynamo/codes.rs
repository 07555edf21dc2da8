//! One-time codes of `verify: code` rooms: one item per invite (`INVITE#…#CODE`),
//! replaced by each new code, with `ttl` at the later of its expiry and the end of its
//! sending window. Sending is a conditional `PutItem` on the `sent_at` it replaces;
//! checking is a conditional `UpdateItem` that marks a right code used, and on a
//! failed condition the `ALL_OLD` item says why (one more conditional update counts a
//! wrong code).

use super::items::{get_n, get_s, get_ts, key, n, names, s, ts, values, Item};
use super::{err, keys, ConditionFailed, DynamoStore};
use crate::domain::admission::{check_code, AdmissionCode, CodeCheck};
use crate::ports::StoreError;
use aws_sdk_dynamodb::types::ReturnValuesOnConditionCheckFailure as OnFail;
use time::OffsetDateTime;

fn code_from(item: &Item) -> Result<AdmissionCode, StoreError> {
    Ok(AdmissionCode {
        invite_id: get_s(item, "invite_id")?,
        code_hash: get_s(item, "code_hash")?,
        expires_at: get_ts(item, "expires_at")?,
        attempts: get_n(item, "attempts")?,
        used: get_n::<u8>(item, "used")? != 0,
        sent_at: get_ts(item, "sent_at")?,
        window_start: get_ts(item, "window_start")?,
        sent_in_window: get_n(item, "sent_in_window")?,
    })
}

pub(super) async fn get(
    store: &DynamoStore,
    invite_id: &str,
) -> Result<Option<AdmissionCode>, StoreError> {
    store
        .get(keys::admission_code(invite_id))
        .await?
        .map(|i| code_from(&i))
        .transpose()
}

pub(super) async fn put(
    store: &DynamoStore,
    code: &AdmissionCode,
    previous_sent_at: Option<OffsetDateTime>,
) -> Result<bool, StoreError> {
    let mut item = key(keys::admission_code(&code.invite_id));
    item.extend([
        ("kind".to_owned(), s("admission_code")),
        ("invite_id".to_owned(), s(&code.invite_id)),
        ("code_hash".to_owned(), s(&code.code_hash)),
        ("expires_at".to_owned(), ts(code.expires_at)),
        ("attempts".to_owned(), n(code.attempts)),
        ("used".to_owned(), n(u8::from(code.used))),
        ("sent_at".to_owned(), ts(code.sent_at)),
        ("window_start".to_owned(), ts(code.window_start)),
        ("sent_in_window".to_owned(), n(code.sent_in_window)),
        ("ttl".to_owned(), ts(code.keep_until())),
    ]);
    let (cond, vals) = match previous_sent_at {
        None => ("attribute_not_exists(#pk)", None),
        Some(at) => (
            "#sent_at = :previous",
            Some(values(&[(":previous", ts(at))])),
        ),
    };
    let out = store
        .client
        .put_item()
        .table_name(&store.table)
        .set_item(Some(item))
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[cond])))
        .set_expression_attribute_values(vals)
        .send()
        .await;
    match out {
        Ok(_) => Ok(true),
        Err(e) if e.condition_failed().is_some() => Ok(false),
        Err(e) => Err(err("put admission code", e)),
    }
}

pub(super) async fn use_code(
    store: &DynamoStore,
    invite_id: &str,
    code_hash: &str,
    now: OffsetDateTime,
) -> Result<CodeCheck, StoreError> {
    let pk = keys::admission_code(invite_id);
    let set = "SET #used = :one";
    let cond = "#code_hash = :hash AND #used = :zero AND #attempts < :max AND #expires_at > :now";
    let out = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(key(pk.clone())))
        .update_expression(set)
        .condition_expression(cond)
        .set_expression_attribute_names(Some(names(&[set, cond])))
        .set_expression_attribute_values(Some(values(&[
            (":one", n(1)),
            (":zero", n(0)),
            (":hash", s(code_hash)),
            (":max", n(crate::domain::admission::MAX_CODE_ATTEMPTS)),
            (":now", ts(now)),
        ])))
        .return_values_on_condition_check_failure(OnFail::AllOld)
        .send()
        .await;
    let old = match out {
        Ok(_) => return Ok(CodeCheck::Valid),
        Err(e) => match e.condition_failed() {
            Some(old) => old.map(|i| code_from(&i)).transpose()?,
            None => return Err(err("use admission code", e)),
        },
    };
    let verdict = check_code(old.as_ref(), code_hash, now);
    let Some(old) = old else { return Ok(verdict) };
    match verdict {
        CodeCheck::Invalid { .. } => {
            // Counted against exactly the code that was checked: a new code sent in
            // between (another hash) or a concurrent count (another number) wins.
            let set = "SET #attempts = #attempts + :one";
            let cond = "#code_hash = :hash AND #attempts = :seen";
            let counted = store
                .client
                .update_item()
                .table_name(&store.table)
                .set_key(Some(key(pk)))
                .update_expression(set)
                .condition_expression(cond)
                .set_expression_attribute_names(Some(names(&[set, cond])))
                .set_expression_attribute_values(Some(values(&[
                    (":one", n(1)),
                    (":hash", s(&old.code_hash)),
                    (":seen", n(old.attempts)),
                ])))
                .send()
                .await;
            match counted {
                Ok(_) => Ok(verdict),
                // Someone else changed the record first: the count is theirs; the code
                // typed here was still wrong.
                Err(e) if e.condition_failed().is_some() => Ok(verdict),
                Err(e) => Err(err("count a wrong admission code", e)),
            }
        }
        // A right code whose condition failed was used in the meantime (a racing
        // submission won), or voided/expired: either way, a new code is needed.
        CodeCheck::Valid => Ok(CodeCheck::Expired),
        CodeCheck::Expired => Ok(CodeCheck::Expired),
    }
}
