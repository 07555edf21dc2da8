//! Paged lists and the room summary on the sharded index `gsi1` (docs/data-model.md,
//! "Lists, filters and the summary").
//!
//! A room's list is spread over 16 partition keys; within each, items are sorted by
//! `gsi1sk` = `{time:012}#{id}`, which sorts exactly as the list's (time, id) order. A page
//! is a k-way merge of the 16 shards from one position: each shard is read from
//! `gsi1sk > position` in small batches, and a shard is read again only when its batch
//! is used up while the page still needs items, so a page reads about `limit` items plus
//! one batch per shard. The cursor needs only the last item's (time, id): every shard
//! continues after it, so no item is skipped or repeated, whatever is added meanwhile.

use super::items::{get_n, get_s, names, opt_n, s, values, Item};
use super::keys::GSI1;
use super::{err, DynamoStore};
use crate::domain::invite::MAX_FAILED_ATTEMPTS;
use crate::domain::listing::{status_of, Position, RoomSummary};
use crate::domain::{AdmissionState, InviteStatus, Role};
use crate::ports::StoreError;
use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::VecDeque;
use time::OffsetDateTime;

/// A `FilterExpression` with its values (names come from the `#name`s in the text).
#[derive(Debug, Default, Clone)]
pub struct Filter {
    clauses: Vec<String>,
    values: Vec<(String, AttributeValue)>,
}

impl Filter {
    pub fn and(&mut self, clause: impl Into<String>, vals: &[(&str, AttributeValue)]) {
        self.clauses.push(format!("({})", clause.into()));
        self.values
            .extend(vals.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    }
    fn expression(&self) -> Option<String> {
        (!self.clauses.is_empty()).then(|| self.clauses.join(" AND "))
    }
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// The invite `status` as a filter: the rule of [`status_of`] on the stored attributes.
pub fn status_clause(status: InviteStatus, now: OffsetDateTime, f: &mut Filter) {
    const _: () = assert!(MAX_FAILED_ATTEMPTS == 5, "the clauses below say 5");
    const LIVE: &str = "attribute_not_exists(#revoked_at) AND #failed_attempts < :five";
    const USE_LEFT: &str = "(attribute_not_exists(#max_uses) OR #uses < #max_uses)";
    let five = (":five", AttributeValue::N("5".into()));
    let now = (":now", AttributeValue::N(now.unix_timestamp().to_string()));
    match status {
        InviteStatus::Revoked => f.and("attribute_exists(#revoked_at)", &[]),
        InviteStatus::Locked => f.and(
            "attribute_not_exists(#revoked_at) AND #failed_attempts >= :five",
            &[five],
        ),
        InviteStatus::Used => f.and(
            format!("{LIVE} AND attribute_exists(#max_uses) AND #uses >= #max_uses"),
            &[five],
        ),
        InviteStatus::Expired => f.and(
            format!("{LIVE} AND {USE_LEFT} AND #expires_at <= :now"),
            &[five, now],
        ),
        InviteStatus::Active => f.and(
            format!("{LIVE} AND {USE_LEFT} AND #expires_at > :now"),
            &[five, now],
        ),
    }
}

struct Shard {
    pk: String,
    buffer: VecDeque<Item>,
    start: Option<Item>,
    done: bool,
}

/// Items read per shard and query: about the page's share of one shard, plus slack for
/// an uneven spread. With a filter, `Limit` counts the items evaluated before the filter,
/// so a filtered batch is larger.
fn batch_size(limit: usize, shards: usize, filtered: bool) -> i32 {
    let share = limit.div_ceil(shards) + 4;
    let batch = if filtered {
        (share * 8).max(100)
    } else {
        share
    };
    batch.min(1000) as i32
}

impl DynamoStore {
    /// One page of a sharded list: the first `limit` items (by `gsi1sk`) after `after`
    /// over all `list_keys`, and whether more followed at the time of the read.
    pub(super) async fn merged_page(
        &self,
        list_keys: Vec<String>,
        after: Option<&Position>,
        filter: &Filter,
        limit: usize,
    ) -> Result<(Vec<Item>, bool), StoreError> {
        let after = after.map(|p| super::keys::list_sort(p.at, &p.id));
        let batch = batch_size(limit, list_keys.len(), !filter.is_empty());
        let mut shards: Vec<Shard> = list_keys
            .into_iter()
            .map(|pk| Shard {
                pk,
                buffer: VecDeque::new(),
                start: None,
                done: false,
            })
            .collect();
        let mut out = Vec::with_capacity(limit);
        loop {
            // Every shard that may hold the next item must show its head first.
            let empty: Vec<usize> = (0..shards.len())
                .filter(|&i| shards[i].buffer.is_empty() && !shards[i].done)
                .collect();
            if !empty.is_empty() {
                let reads = empty.iter().map(|&i| {
                    self.query_batch(
                        &shards[i].pk,
                        after.as_deref(),
                        filter,
                        batch,
                        shards[i].start.clone(),
                    )
                });
                let results = futures_util::future::join_all(reads).await;
                for (i, result) in empty.into_iter().zip(results) {
                    let (items, next) = result?;
                    let shard = &mut shards[i];
                    shard.buffer.extend(items);
                    shard.done = next.is_none();
                    shard.start = next;
                }
                continue;
            }
            let head = shards
                .iter()
                .enumerate()
                .filter_map(|(i, sh)| sh.buffer.front().map(|item| (i, item)))
                .map(|(i, item)| get_s(item, "gsi1sk").map(|k| (k, i)))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .min();
            match head {
                None => return Ok((out, false)),
                Some(_) if out.len() == limit => return Ok((out, true)),
                Some((_, i)) => {
                    if let Some(item) = shards[i].buffer.pop_front() {
                        out.push(item);
                    }
                }
            }
        }
    }

    /// One `Query` of one shard: up to `batch` items after `after` (or after `start`,
    /// the previous batch's `LastEvaluatedKey`), and the key to continue from.
    async fn query_batch(
        &self,
        pk: &str,
        after: Option<&str>,
        filter: &Filter,
        batch: i32,
        start: Option<Item>,
    ) -> Result<(Vec<Item>, Option<Item>), StoreError> {
        let key_cond = if after.is_some() {
            "#gsi1pk = :pk AND #gsi1sk > :after"
        } else {
            "#gsi1pk = :pk"
        };
        let filter_expr = filter.expression();
        let mut vals = values(&[(":pk", s(pk))]);
        if let Some(a) = after {
            vals.insert(":after".into(), s(a));
        }
        vals.extend(filter.values.iter().cloned());
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI1)
            .key_condition_expression(key_cond)
            .set_filter_expression(filter_expr.clone())
            .set_expression_attribute_names(Some(names(&[
                key_cond,
                filter_expr.as_deref().unwrap_or(""),
            ])))
            .set_expression_attribute_values(Some(vals))
            .limit(batch)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| err("query list page", e))?;
        let next = out.last_evaluated_key.filter(|k| !k.is_empty());
        Ok((out.items.unwrap_or_default(), next))
    }

    /// Every item of the shards, only the `projection` attributes, all shards in parallel.
    async fn read_projected(
        &self,
        list_keys: Vec<String>,
        projection: &str,
    ) -> Result<Vec<Item>, StoreError> {
        let queries = list_keys.into_iter().map(|pk| async move {
            let mut found = Vec::new();
            let mut start = None;
            loop {
                let out = self
                    .client
                    .query()
                    .table_name(&self.table)
                    .index_name(GSI1)
                    .key_condition_expression("#gsi1pk = :pk")
                    .projection_expression(projection)
                    .set_expression_attribute_names(Some(names(&["#gsi1pk", projection])))
                    .expression_attribute_values(":pk", s(pk.clone()))
                    .set_exclusive_start_key(start)
                    .send()
                    .await
                    .map_err(|e| err("query summary", e))?;
                found.extend(out.items.unwrap_or_default());
                match out.last_evaluated_key {
                    Some(k) if !k.is_empty() => start = Some(k),
                    _ => return Ok::<_, StoreError>(found),
                }
            }
        });
        let mut all = Vec::new();
        for shard in futures_util::future::join_all(queries).await {
            all.extend(shard?);
        }
        Ok(all)
    }

    /// The summary from a projected read of both lists (32 queries in parallel).
    pub(super) async fn summarize(
        &self,
        invite_lists: Vec<String>,
        participant_lists: Vec<String>,
        now: OffsetDateTime,
    ) -> Result<RoomSummary, StoreError> {
        let (invites, participants) = futures_util::future::join(
            self.read_projected(
                invite_lists,
                "#revoked_at, #failed_attempts, #uses, #max_uses, #expires_at, #delivery",
            ),
            self.read_projected(participant_lists, "#role_rank, #admission"),
        )
        .await;
        let mut summary = RoomSummary::default();
        for i in invites? {
            let status = status_of(
                i.contains_key("revoked_at"),
                get_n(&i, "failed_attempts")?,
                get_n(&i, "uses")?,
                opt_n(&i, "max_uses")?,
                get_n(&i, "expires_at")?,
                now,
            );
            summary.count_invite(status, &get_s(&i, "delivery")?);
        }
        for p in participants? {
            let role = Role::from_rank(get_n(&p, "role_rank")?)
                .ok_or_else(|| StoreError::new("unreadable item attribute role_rank"))?;
            let admission = match p.get("admission") {
                None => AdmissionState::Admitted,
                Some(_) => AdmissionState::parse(&get_s(&p, "admission")?)
                    .ok_or_else(|| StoreError::new("unreadable item attribute admission"))?,
            };
            summary.add_participants(role, admission, 1);
        }
        Ok(summary)
    }
}

impl DynamoStore {
    /// The organization's rooms that are not deleted, in creation order, from the
    /// org's partition of `gsi1` (deleted ones filtered out in the query).
    pub(super) async fn rooms_of_org(
        &self,
        org: &str,
        page: &crate::domain::listing::PageRequest,
    ) -> Result<crate::domain::listing::Page<crate::domain::Room>, StoreError> {
        let pk = super::keys::org_rooms(org);
        let after = page
            .after
            .as_ref()
            .map(|p| super::keys::list_sort(p.at, &p.id));
        let key_cond = if after.is_some() {
            "#gsi1pk = :pk AND #gsi1sk > :after"
        } else {
            "#gsi1pk = :pk"
        };
        let filter = "attribute_not_exists(#deleted_at)";
        let mut found = Vec::new();
        let mut start = None;
        loop {
            let mut vals = values(&[(":pk", s(pk.clone()))]);
            if let Some(a) = &after {
                vals.insert(":after".into(), s(a.clone()));
            }
            let out = self
                .client
                .query()
                .table_name(&self.table)
                .index_name(GSI1)
                .key_condition_expression(key_cond)
                .filter_expression(filter)
                .set_expression_attribute_names(Some(names(&[key_cond, filter])))
                .set_expression_attribute_values(Some(vals))
                .limit((page.limit as i32 + 1).max(25))
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(|e| err("query org rooms", e))?;
            for item in out.items.unwrap_or_default() {
                found.push(super::items::room_from(&item)?);
            }
            match out.last_evaluated_key {
                Some(k) if !k.is_empty() && found.len() <= page.limit => start = Some(k),
                _ => break,
            }
        }
        let more = found.len() > page.limit;
        found.truncate(page.limit);
        let next = if more {
            found.last().map(|r| Position {
                at: r.created_at.unix_timestamp(),
                id: r.room_id.clone(),
            })
        } else {
            None
        };
        Ok(crate::domain::listing::Page { items: found, next })
    }
}
