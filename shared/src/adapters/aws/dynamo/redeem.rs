//! The redemption: one `TransactWriteItems`, with no read before it, of
//!   1. the invite (Update `uses + 1` for Consume, ConditionCheck for Readmit) whose
//!      condition carries every validity rule: the token hash, and the room and role
//!      the request took from the token, so that the keys of parts 2 and 3 (derived from
//!      that room) cannot be steered by a forged token: it fails as `invalid_link`,
//!   2. a ConditionCheck of one of the room's guard items (room not deleted),
//!   3. the participant: Put if absent, or keep/raise its role if it is as last seen.
//!
//! The participant part is written against what we believe its state is: absent for a
//! Consume (the hot path at session start: first admissions), "role at least the
//! invite's" for a Readmit (its item read in parallel, for the previous role the response
//! reports: that `GetItem` runs concurrently, so success is still one round trip). When only that
//! part fails, its `ALL_OLD` item tells the exact state and the transaction is sent
//! again against it: the rare case of a second call (an upgrade, a second invite).

use super::items::{invite_from, key, n, participant_from, s, ts, values, Item};
use super::{keys, tx, DynamoStore};
use crate::domain::admission::RECEIPT_TTL;
use crate::domain::invite::{redemption_rejection, MAX_FAILED_ATTEMPTS};
use crate::domain::room::RoomStatus;
use crate::domain::{
    Admission, AdmissionState, Participant, RedeemMode, RedeemRejection, Role, Room,
};
use crate::ports::{RedeemError, RedeemRequest, Store, StoreError};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Sends against a changed participant state are repeated at most this often.
const MAX_SENDS: usize = 4;

#[derive(Debug, Clone)]
enum Believed {
    Absent,
    AtLeast,
    Exactly(Participant),
}

fn store_err(msg: &str) -> RedeemError {
    RedeemError::Store(StoreError::new(msg))
}

/// A stand-in for the room in `redemption_rejection`, which only asks whether it exists
/// and is deleted; the guard item answers exactly that.
fn room_as_guarded(room_id: &str, guard: Option<&Item>) -> Result<Option<Room>, StoreError> {
    let Some(guard) = guard else { return Ok(None) };
    Ok(Some(Room {
        room_id: room_id.to_owned(),
        org: String::new(),
        title: String::new(),
        description: String::new(),
        starts_at: OffsetDateTime::UNIX_EPOCH,
        ends_at: None,
        speakers: Vec::new(),
        attachments: Vec::new(),
        status: RoomStatus::Scheduled,
        reminders: vec![1440, 15],
        admission: Default::default(),
        locale: None,
        timezone: None,
        created_by: String::new(),
        created_at: OffsetDateTime::UNIX_EPOCH,
        deleted_at: super::items::opt_ts(guard, "deleted_at")?,
        version: 0,
    }))
}

pub(super) async fn redeem(
    store: &DynamoStore,
    req: &RedeemRequest,
) -> Result<Admission, RedeemError> {
    // The room and role come from the token; the invite's condition checks them.
    let (room_id, role) = (req.room_id.clone(), req.role);
    let nonce = ulid::Ulid::new().to_string();
    let mut believed = match req.mode {
        RedeemMode::Consume => Believed::Absent,
        RedeemMode::Readmit | RedeemMode::Recover => Believed::AtLeast,
    };
    for send in 0..MAX_SENDS {
        let mut ops = vec![
            invite_op(store, req, &room_id, role)?,
            tx::check(
                &store.table,
                key(keys::guard_of_invite(&room_id, &req.invite_id)),
                "attribute_exists(#pk) AND attribute_not_exists(#deleted_at)",
                HashMap::new(),
            )?,
            participant_op(store, req, &room_id, role, &believed)?,
        ];
        if let Some(op) = receipt_op(store, req)? {
            ops.push(op);
        }
        if matches!(believed, Believed::Absent) && req.new_admission == AdmissionState::Waiting {
            ops.push(waiting_pointer_op(store, req, &room_id)?);
        }
        let token = keys::request_token(&["redeem", &req.invite_id, &nonce, &send.to_string()]);
        let transaction = tx::transact(&store.client, ops, &token);
        let outcome = if matches!(believed, Believed::AtLeast) {
            let (outcome, read) =
                tokio::join!(transaction, store.get_participant(&room_id, &req.email));
            outcome.map(|o| o.map(|()| read))
        } else {
            transaction.await.map(|o| o.map(|()| Ok(None)))
        }?;
        let reasons = match outcome {
            Ok(read) => return admitted(store, req, &room_id, role, believed, read).await,
            Err(reasons) => reasons,
        };
        let [inv, guard, part, rest @ ..] = reasons.as_slice() else {
            return Err(store_err("unexpected cancellation reasons"));
        };
        // The receipt's part comes right after the participant's, when there is one.
        let receipt = req.receipt.as_ref().and(rest.first());
        let receipt_failed = receipt.is_some_and(|r| r.failed);
        if inv.failed || guard.failed || receipt_failed {
            if !inv.failed {
                // The invite met every rule (its token included): only the room or the
                // receipt failed.
                return Err(RedeemError::Rejected(if guard.failed {
                    RedeemRejection::RoomDeleted
                } else if req.mode == RedeemMode::Consume {
                    RedeemRejection::RedeemedHere
                } else {
                    RedeemRejection::NotRedeemedHere
                }));
            }
            // The receipt as it was: its old item where its condition failed; fresh
            // where a Recover's check held.
            let receipt_at = match receipt {
                Some(r) if r.failed => r
                    .old
                    .as_ref()
                    .map(|i| super::items::opt_ts(i, "at"))
                    .transpose()?
                    .flatten(),
                Some(_) if req.mode == RedeemMode::Recover => Some(req.now),
                _ => None,
            };
            // An invite of another room or role than the token claims is no invite for it.
            let invite = inv
                .old
                .as_ref()
                .map(invite_from)
                .transpose()?
                .filter(|i| i.room_id == room_id && i.role == role);
            let room = if guard.failed {
                room_as_guarded(&room_id, guard.old.as_ref())?
            } else {
                room_as_guarded(&room_id, Some(&HashMap::new()))?
            };
            let reason = redemption_rejection(
                invite.as_ref(),
                room.as_ref(),
                &req.token_hash,
                &req.email,
                req.mode,
                req.now,
                receipt_at,
            )
            .ok_or_else(|| store_err("redemption condition failed without a reason"))?;
            return Err(RedeemError::Rejected(reason));
        }
        if !part.failed {
            return Err(store_err("redemption cancelled without a failed condition"));
        }
        believed = match &part.old {
            None => Believed::Absent,
            Some(item) => Believed::Exactly(participant_from(item)?),
        };
    }
    Err(store_err(
        "the participant kept changing during the redemption",
    ))
}

fn invite_op(
    store: &DynamoStore,
    req: &RedeemRequest,
    room_id: &str,
    role: Role,
) -> Result<tx::Op, StoreError> {
    let rules = "#room_id = :room AND #role_rank = :rank AND #token_hash = :hash AND #email = :email \
                 AND attribute_not_exists(#revoked_at) AND #failed_attempts < :max_failed AND #expires_at > :now";
    let mut vals = values(&[
        (":room", s(room_id)),
        (":rank", n(role.rank())),
        (":hash", s(&req.token_hash.0)),
        (":email", s(req.email.as_str())),
        (":max_failed", n(MAX_FAILED_ATTEMPTS)),
        (":now", ts(req.now)),
    ]);
    let pk = key(keys::invite(&req.invite_id));
    match req.mode {
        RedeemMode::Consume => {
            vals.insert(":one".into(), n(1));
            let cond =
                format!("{rules} AND (attribute_not_exists(#max_uses) OR #uses < #max_uses)");
            tx::update(&store.table, pk, "SET #uses = #uses + :one", &cond, vals)
        }
        RedeemMode::Readmit => {
            vals.insert(":zero".into(), n(0));
            tx::check(
                &store.table,
                pk,
                &format!("{rules} AND #uses > :zero"),
                vals,
            )
        }
        // The receipt's check (below) stands for the use its redemption consumed.
        RedeemMode::Recover => tx::check(&store.table, pk, rules, vals),
    }
}

/// The pointer from a waiting participant's identity to their address, by which hosts
/// and moderators decide (written with the participant, in the same transaction).
fn waiting_pointer_op(
    store: &DynamoStore,
    req: &RedeemRequest,
    room_id: &str,
) -> Result<tx::Op, StoreError> {
    let mut item = key(keys::participant_by_identity(room_id, &req.identity));
    item.extend([
        ("kind".to_owned(), s("participant_identity")),
        ("email".to_owned(), s(req.email.as_str())),
    ]);
    tx::put(
        &store.table,
        item,
        "attribute_not_exists(#pk) OR #email = :email",
        values(&[(":email", s(req.email.as_str()))]),
    )
}

/// The receipt part: a Consume writes the browser's receipt unless a fresh one exists
/// (then the request is a retry of that redemption); a Recover requires a fresh one.
fn receipt_op(store: &DynamoStore, req: &RedeemRequest) -> Result<Option<tx::Op>, StoreError> {
    let Some(receipt) = &req.receipt else {
        return Ok(None);
    };
    let pk = keys::redemption_receipt(&req.invite_id, receipt);
    let cutoff = values(&[(":cutoff", ts(req.now - RECEIPT_TTL))]);
    match req.mode {
        RedeemMode::Consume => {
            let mut item = key(pk);
            item.extend([
                ("kind".to_owned(), s("redemption_receipt")),
                ("at".to_owned(), ts(req.now)),
                ("ttl".to_owned(), ts(req.now + RECEIPT_TTL)),
            ]);
            tx::put(
                &store.table,
                item,
                "attribute_not_exists(#pk) OR #at <= :cutoff",
                cutoff,
            )
            .map(Some)
        }
        RedeemMode::Recover => tx::check(&store.table, key(pk), "#at > :cutoff", cutoff).map(Some),
        RedeemMode::Readmit => Ok(None),
    }
}

fn participant_op(
    store: &DynamoStore,
    req: &RedeemRequest,
    room_id: &str,
    role: Role,
    believed: &Believed,
) -> Result<tx::Op, StoreError> {
    let pk = keys::participant(room_id, req.email.as_str());
    match believed {
        Believed::Absent => {
            let mut item = key(pk);
            if req.new_admission != AdmissionState::Admitted {
                item.insert("admission".to_owned(), s(req.new_admission.as_str()));
                item.insert("identity".to_owned(), s(&req.identity));
            }
            item.extend([
                ("kind".to_owned(), s("participant")),
                (
                    "gsi1pk".to_owned(),
                    s(keys::participants_list_of(room_id, req.email.as_str())),
                ),
                (
                    "gsi1sk".to_owned(),
                    s(keys::list_sort(
                        req.now.unix_timestamp(),
                        req.email.as_str(),
                    )),
                ),
                ("room_id".to_owned(), s(room_id)),
                ("email".to_owned(), s(req.email.as_str())),
                ("role_rank".to_owned(), n(role.rank())),
                ("joined_at".to_owned(), ts(req.now)),
                ("updated_at".to_owned(), ts(req.now)),
            ]);
            tx::put(
                &store.table,
                item,
                "attribute_not_exists(#pk)",
                HashMap::new(),
            )
        }
        Believed::AtLeast => tx::check(
            &store.table,
            key(pk),
            "#role_rank >= :rank",
            values(&[(":rank", n(role.rank()))]),
        ),
        Believed::Exactly(p) if p.role >= role => tx::check(
            &store.table,
            key(pk),
            "#role_rank = :old",
            values(&[(":old", n(p.role.rank()))]),
        ),
        Believed::Exactly(p) => tx::update(
            &store.table,
            key(pk),
            "SET #role_rank = :rank, #updated_at = :now",
            "#role_rank = :old",
            values(&[
                (":rank", n(role.rank())),
                (":now", ts(req.now)),
                (":old", n(p.role.rank())),
            ]),
        ),
    }
}

/// The admission after a committed transaction, from what it was written against.
async fn admitted(
    store: &DynamoStore,
    req: &RedeemRequest,
    room_id: &str,
    role: Role,
    believed: Believed,
    read: Result<Option<Participant>, StoreError>,
) -> Result<Admission, RedeemError> {
    Ok(match believed {
        Believed::Absent => Admission {
            participant: Participant::new(room_id, &req.email, role, req.new_admission, req.now),
            previous_role: None,
        },
        Believed::AtLeast => {
            // Read in parallel; read again only if it raced the participant's creation.
            let p = match read? {
                Some(p) => p,
                None => store
                    .get_participant(room_id, &req.email)
                    .await?
                    .ok_or_else(|| store_err("participant vanished"))?,
            };
            Admission {
                previous_role: Some(p.role),
                participant: p,
            }
        }
        Believed::Exactly(p) if p.role >= role => Admission {
            previous_role: Some(p.role),
            participant: p,
        },
        Believed::Exactly(p) => Admission {
            previous_role: Some(p.role),
            participant: Participant {
                role,
                updated_at: req.now,
                ..p
            },
        },
    })
}
