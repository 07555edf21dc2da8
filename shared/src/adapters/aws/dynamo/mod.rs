//! The DynamoDB store: one table, every state change one conditional write or one
//! `TransactWriteItems`; a failed condition is explained from the `ALL_OLD` items it
//! returns, never by a second read. Design and capacity: docs/data-model.md.

mod branding;
mod codes;
mod guest_invite;
mod idempotency;
mod invites;
mod items;
pub mod keys;
mod listing;
mod redeem;
mod rooms;
mod suppressions;
pub mod table;
mod tx;
mod waiting_room;

use crate::domain::admission::{AdmissionCode, CodeCheck};
use crate::domain::invite::{wrong_email_rejection, Delivery, MAX_FAILED_ATTEMPTS};
use crate::domain::listing::{
    InviteFilter, Page, PageRequest, ParticipantFilter, Position, RoomSummary,
};
use crate::domain::waiting_room::Decision;
use crate::domain::{
    Admission, AdmissionState, Branding, EmailAddress, Invite, Participant, Role, Room,
    Suppression, TokenHash,
};
use crate::ports::{
    IdempotencyClaim, InviteQuota, KnockError, RedeemError, RedeemRequest, Store, StoreError,
    WriteError,
};
use async_trait::async_trait;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{
    AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure as OnFail,
};
use aws_sdk_dynamodb::Client;
use items::{get_n, invite_from, key, n, names, participant_from, room_from, s, ts, values, Item};
use keys::LIST_SHARDS;
use std::collections::HashMap;
use time::OffsetDateTime;

#[derive(Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

/// A failed call, classified (`failures`): a request DynamoDB refuses for good is a
/// permanent store error (a bug: `500`), anything else may pass (`503`).
fn err<E>(what: &str, e: SdkError<E, aws_smithy_runtime_api::http::Response>) -> StoreError
where
    E: std::error::Error + aws_smithy_types::error::metadata::ProvideErrorMetadata + 'static,
{
    let failure = crate::adapters::aws::failures::classify(&e);
    let message = format!("{what}: {}", DisplayErrorContext(e));
    match failure {
        crate::adapters::aws::failures::Failure::Permanent => StoreError::permanent(message),
        _ => StoreError::new(message),
    }
}

/// The item of a conditional `UpdateItem`/`PutItem` that failed its condition:
/// `Ok(Some(old))`, `Ok(None)` when the item did not exist.
trait ConditionFailed {
    fn condition_failed(&self) -> Option<Option<Item>>;
}

impl<R> ConditionFailed for SdkError<UpdateItemError, R> {
    fn condition_failed(&self) -> Option<Option<Item>> {
        match self.as_service_error() {
            Some(UpdateItemError::ConditionalCheckFailedException(e)) => Some(e.item().cloned()),
            _ => None,
        }
    }
}

impl<R> ConditionFailed for SdkError<PutItemError, R> {
    fn condition_failed(&self) -> Option<Option<Item>> {
        match self.as_service_error() {
            Some(PutItemError::ConditionalCheckFailedException(e)) => Some(e.item().cloned()),
            _ => None,
        }
    }
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Opens the client's HTTPS connection to DynamoDB, kept in its pool for the
    /// requests that follow: an eventually consistent `GetItem` of a key no item has
    /// (the functions may call `GetItem`; mail-events may not, and does not warm up).
    pub async fn warm_up(&self) -> Result<(), StoreError> {
        self.client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key(keys::WARM_UP.to_owned())))
            .send()
            .await
            .map_err(|e| err("warm-up get item", e))?;
        Ok(())
    }

    async fn get(&self, pk: String) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key(pk)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| err("get item", e))?;
        Ok(out.item)
    }

    pub(super) async fn update_invite_returning(
        &self,
        invite_id: &str,
        set: &str,
        cond: &str,
        vals: HashMap<String, AttributeValue>,
    ) -> Result<Result<Invite, Option<Invite>>, StoreError> {
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(keys::invite(invite_id))))
            .update_expression(set)
            .condition_expression(cond)
            .set_expression_attribute_names(Some(names(&[set, cond])))
            .set_expression_attribute_values(Some(vals))
            .return_values(ReturnValue::AllNew)
            .return_values_on_condition_check_failure(OnFail::AllOld)
            .send()
            .await;
        match out {
            Ok(o) => Ok(Ok(invite_from(&o.attributes.unwrap_or_default())?)),
            Err(e) => match e.condition_failed() {
                Some(old) => Ok(Err(old.map(|i| invite_from(&i)).transpose()?)),
                None => Err(err("update invite", e)),
            },
        }
    }
}

#[async_trait]
impl Store for DynamoStore {
    async fn list_rooms(&self, org: &str, page: &PageRequest) -> Result<Page<Room>, StoreError> {
        self.rooms_of_org(org, page).await
    }

    async fn create_room(&self, room: &Room) -> Result<(), WriteError> {
        rooms::create_room(self, room).await
    }

    async fn get_room(&self, room_id: &str) -> Result<Option<Room>, StoreError> {
        self.get(keys::room(room_id))
            .await?
            .map(|i| room_from(&i))
            .transpose()
    }

    async fn update_room(&self, room: &Room, expected_version: u64) -> Result<Room, WriteError> {
        rooms::update_room(self, room, expected_version).await
    }

    async fn delete_room(
        &self,
        org: &str,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), WriteError> {
        rooms::delete_room(self, org, room_id, now).await
    }

    async fn mark_room_live(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        rooms::mark_room_live(self, room_id, starts_at).await
    }

    async fn create_invite(&self, invite: &Invite) -> Result<(), WriteError> {
        let ops = vec![
            tx::check(
                &self.table,
                key(keys::guard_of_invite(&invite.room_id, &invite.invite_id)),
                "attribute_exists(#pk) AND attribute_not_exists(#deleted_at)",
                HashMap::new(),
            )?,
            tx::put(
                &self.table,
                items::invite_item(invite),
                "attribute_not_exists(#pk)",
                HashMap::new(),
            )?,
        ];
        let token = keys::request_token(&["create_invite", &invite.invite_id, &tx::fresh_token()]);
        match tx::transact(&self.client, ops, &token).await? {
            Ok(()) => Ok(()),
            Err(reasons) => Err(match reasons.as_slice() {
                [guard, ..] if guard.failed && guard.old.is_none() => WriteError::NotFound,
                [guard, ..] if guard.failed => WriteError::RoomDeleted,
                _ => WriteError::Stale,
            }),
        }
    }

    async fn create_guest_invite(
        &self,
        invite: &Invite,
        quota: &InviteQuota,
    ) -> Result<(), WriteError> {
        guest_invite::create(self, invite, quota).await
    }

    async fn get_invite(&self, invite_id: &str) -> Result<Option<Invite>, StoreError> {
        self.get(keys::invite(invite_id))
            .await?
            .map(|i| invite_from(&i))
            .transpose()
    }

    async fn list_invites(
        &self,
        room_id: &str,
        filter: &InviteFilter,
        now: OffsetDateTime,
        page: &PageRequest,
    ) -> Result<Page<Invite>, StoreError> {
        let mut f = listing::Filter::default();
        if let Some(status) = filter.status {
            listing::status_clause(status, now, &mut f);
        }
        if let Some(role) = filter.role {
            f.and("#role_rank = :rank", &[(":rank", n(role.rank()))]);
        }
        match filter.delivery {
            // `pending` (being handed to the mailer) is listed and counted as `sent`.
            Some("sent") => f.and(
                "#delivery IN (:sent, :pending)",
                &[(":sent", s("sent")), (":pending", s("pending"))],
            ),
            Some(d) => f.and("#delivery = :delivery", &[(":delivery", s(d))]),
            None => {}
        }
        if let Some(email) = &filter.email {
            f.and("#email = :email", &[(":email", s(email.as_str()))]);
        }
        let lists = (0..LIST_SHARDS)
            .map(|sh| keys::invites_list(room_id, sh))
            .collect();
        let (items, more) = self
            .merged_page(lists, page.after.as_ref(), &f, page.limit)
            .await?;
        let items = items
            .iter()
            .map(invite_from)
            .collect::<Result<Vec<_>, _>>()?;
        let next = more
            .then(|| items.last().map(Position::of_invite))
            .flatten();
        Ok(Page { items, next })
    }

    async fn room_summary(
        &self,
        room_id: &str,
        now: OffsetDateTime,
    ) -> Result<RoomSummary, StoreError> {
        let invites = (0..LIST_SHARDS)
            .map(|sh| keys::invites_list(room_id, sh))
            .collect();
        let participants = (0..LIST_SHARDS)
            .map(|sh| keys::participants_list(room_id, sh))
            .collect();
        self.summarize(invites, participants, now).await
    }

    async fn revoke_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        now: OffsetDateTime,
    ) -> Result<Invite, WriteError> {
        let result = self
            .update_invite_returning(
                invite_id,
                "SET #revoked_at = if_not_exists(#revoked_at, :now)",
                "#room_id = :room",
                values(&[(":now", ts(now)), (":room", s(room_id))]),
            )
            .await?;
        result.map_err(|_| WriteError::NotFound)
    }

    async fn reissue_invite(
        &self,
        room_id: &str,
        invite_id: &str,
        token_hash: &TokenHash,
        expires_at: OffsetDateTime,
        delivery: Delivery,
        mail_nonce: Option<&str>,
    ) -> Result<Invite, WriteError> {
        invites::reissue_invite(
            self, room_id, invite_id, token_hash, expires_at, delivery, mail_nonce,
        )
        .await
    }

    async fn set_delivery(
        &self,
        invite_id: &str,
        delivery: Delivery,
    ) -> Result<Option<Invite>, StoreError> {
        invites::set_delivery(self, invite_id, delivery).await
    }

    async fn unsubscribe(
        &self,
        invite_id: &str,
        at: OffsetDateTime,
    ) -> Result<Option<Invite>, StoreError> {
        invites::unsubscribe(self, invite_id, at).await
    }

    async fn get_suppression(
        &self,
        org: &str,
        email: &EmailAddress,
    ) -> Result<Option<Suppression>, StoreError> {
        suppressions::get_suppression(self, org, email).await
    }

    async fn put_suppression(&self, suppression: &Suppression) -> Result<(), StoreError> {
        suppressions::put_suppression(self, suppression).await
    }

    async fn delete_suppression(&self, org: &str, email: &EmailAddress) -> Result<(), StoreError> {
        suppressions::delete_suppression(self, org, email).await
    }

    async fn get_branding(&self, org: &str) -> Result<Branding, StoreError> {
        branding::get_branding(self, org).await
    }

    async fn branding_by_org_hash(&self, org_hash: &str) -> Result<Option<Branding>, StoreError> {
        branding::branding_by_org_hash(self, org_hash).await
    }

    async fn put_branding(&self, branding: &Branding) -> Result<(), StoreError> {
        branding::put_branding(self, branding).await
    }

    async fn redeem(&self, request: &RedeemRequest) -> Result<Admission, RedeemError> {
        redeem::redeem(self, request).await
    }

    async fn record_wrong_email(
        &self,
        invite_id: &str,
        token_hash: &TokenHash,
    ) -> Result<u32, RedeemError> {
        let set = "SET #failed_attempts = #failed_attempts + :one";
        let cond =
            "#token_hash = :hash AND attribute_not_exists(#revoked_at) AND #failed_attempts < :max";
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(keys::invite(invite_id))))
            .update_expression(set)
            .condition_expression(cond)
            .set_expression_attribute_names(Some(names(&[set, cond])))
            .set_expression_attribute_values(Some(values(&[
                (":one", n(1)),
                (":hash", s(&token_hash.0)),
                (":max", n(MAX_FAILED_ATTEMPTS)),
            ])))
            .return_values(ReturnValue::UpdatedNew)
            .return_values_on_condition_check_failure(OnFail::AllOld)
            .send()
            .await;
        match out {
            Ok(o) => Ok(get_n(&o.attributes.unwrap_or_default(), "failed_attempts")?),
            Err(e) => match e.condition_failed() {
                Some(old) => {
                    let invite = old.map(|i| invite_from(&i)).transpose()?;
                    let reason =
                        wrong_email_rejection(invite.as_ref(), token_hash).ok_or_else(|| {
                            StoreError::new("wrong-email condition failed without a reason")
                        })?;
                    Err(RedeemError::Rejected(reason))
                }
                None => Err(err("record wrong email", e).into()),
            },
        }
    }

    async fn get_participant(
        &self,
        room_id: &str,
        email: &EmailAddress,
    ) -> Result<Option<Participant>, StoreError> {
        self.get(keys::participant(room_id, email.as_str()))
            .await?
            .map(|i| participant_from(&i))
            .transpose()
    }

    async fn list_participants(
        &self,
        room_id: &str,
        filter: &ParticipantFilter,
        page: &PageRequest,
    ) -> Result<Page<Participant>, StoreError> {
        let mut f = listing::Filter::default();
        if let Some(role) = filter.role {
            f.and("#role_rank = :rank", &[(":rank", n(role.rank()))]);
        }
        match filter.admission {
            // Participants stored before the waiting room carry no `admission`.
            Some(AdmissionState::Admitted) => f.and(
                "(attribute_not_exists(#admission) OR #admission = :admission)",
                &[(":admission", s("admitted"))],
            ),
            Some(a) => f.and("#admission = :admission", &[(":admission", s(a.as_str()))]),
            None => {}
        }
        let lists = (0..LIST_SHARDS)
            .map(|sh| keys::participants_list(room_id, sh))
            .collect();
        let (items, more) = self
            .merged_page(lists, page.after.as_ref(), &f, page.limit)
            .await?;
        let items = items
            .iter()
            .map(participant_from)
            .collect::<Result<Vec<_>, _>>()?;
        let next = more
            .then(|| items.last().map(Position::of_participant))
            .flatten();
        Ok(Page { items, next })
    }

    async fn set_participant_role(
        &self,
        room_id: &str,
        email: &EmailAddress,
        role: Role,
        now: OffsetDateTime,
    ) -> Result<Admission, WriteError> {
        let set = "SET #role_rank = :rank, #updated_at = :now";
        let cond = "attribute_exists(#pk)";
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(keys::participant(room_id, email.as_str()))))
            .update_expression(set)
            .condition_expression(cond)
            .set_expression_attribute_names(Some(names(&[set, cond])))
            .set_expression_attribute_values(Some(values(&[
                (":rank", n(role.rank())),
                (":now", ts(now)),
            ])))
            .return_values(ReturnValue::AllOld)
            .send()
            .await;
        match out {
            Ok(o) => {
                let before = participant_from(&o.attributes.unwrap_or_default())?;
                let previous_role = Some(before.role);
                Ok(Admission {
                    participant: Participant {
                        role,
                        updated_at: now,
                        ..before
                    },
                    previous_role,
                })
            }
            Err(e) if e.condition_failed().is_some() => Err(WriteError::NotFound),
            Err(e) => Err(err("set participant role", e).into()),
        }
    }

    async fn participant_by_identity(
        &self,
        room_id: &str,
        identity: &str,
    ) -> Result<Option<Participant>, StoreError> {
        waiting_room::by_identity(self, room_id, identity).await
    }

    async fn decide_admission(
        &self,
        room_id: &str,
        email: &EmailAddress,
        decision: &Decision,
        now: OffsetDateTime,
    ) -> Result<Participant, WriteError> {
        waiting_room::decide(self, room_id, email, decision, now).await
    }

    async fn knock(
        &self,
        room_id: &str,
        email: &EmailAddress,
        now: OffsetDateTime,
    ) -> Result<Participant, KnockError> {
        waiting_room::knock(self, room_id, email, now).await
    }

    async fn get_admission_code(
        &self,
        invite_id: &str,
    ) -> Result<Option<AdmissionCode>, StoreError> {
        codes::get(self, invite_id).await
    }

    async fn put_admission_code(
        &self,
        code: &AdmissionCode,
        previous_sent_at: Option<OffsetDateTime>,
    ) -> Result<bool, StoreError> {
        codes::put(self, code, previous_sent_at).await
    }

    async fn use_admission_code(
        &self,
        invite_id: &str,
        code_hash: &str,
        now: OffsetDateTime,
    ) -> Result<CodeCheck, StoreError> {
        codes::use_code(self, invite_id, code_hash, now).await
    }

    async fn claim_idempotency_key(
        &self,
        key_text: &str,
        fingerprint: &str,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<IdempotencyClaim, StoreError> {
        idempotency::claim_idempotency_key(
            self,
            key_text,
            fingerprint,
            now,
            lease_until,
            expires_at,
        )
        .await
    }

    async fn complete_idempotency_key(
        &self,
        key_text: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        idempotency::complete_idempotency_key(self, key_text, status, body).await
    }

    async fn release_idempotency_key(&self, key_text: &str) -> Result<(), StoreError> {
        idempotency::release_idempotency_key(self, key_text).await
    }
}
