//! Use cases of invites: issue (single and bulk), list, revoke, resend.

use super::{notifications, write_error, App, Host};
use crate::domain::invite::{InviteRequest, ValidInvite, BULK_MAX, DEFAULT_VALIDITY};
use crate::domain::{
    Delivery, DomainEvent, Error, Invite, InviteToken, InviteView, Result, Role, Room,
};
use crate::telemetry::{self, EmailKind};
use serde::Serialize;
use serde_json::Value;
use ulid::Ulid;

/// How an issuance runs.
#[derive(Debug, Clone, Default)]
pub struct IssueOptions {
    /// Set for a request with an `Idempotency-Key`: links that are shown rather than
    /// emailed are then derived from this context, so that a replay can show them again.
    pub replay_context: Option<String>,
    /// When the key was first claimed: with the context, the invite ids are derived from
    /// it and the entry's position ([`replayable_id`]), the same in every run.
    pub first_claimed_at: Option<time::OffsetDateTime>,
    /// The run takes over a key whose first request stopped: entries it already
    /// created are found by their id and answered as they are.
    pub rerun: bool,
}

/// The id of entry `index` of a request under an `Idempotency-Key` (`context`, first
/// claimed at `since`): its time part from the claim (ids still sort by creation), its
/// 80 random bits from SHA-256 of the context and the position.
pub fn replayable_id(context: &str, since: time::OffsetDateTime, index: usize) -> Ulid {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("invite-id\0{context}\0{index}"));
    let mut random = [0u8; 16];
    random[6..].copy_from_slice(&digest[..10]);
    let ms = u64::try_from(since.unix_timestamp_nanos() / 1_000_000).unwrap_or_default();
    Ulid::from_parts(ms, u128::from_be_bytes(random))
}

/// One entry of a bulk answer, in request order.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum BulkItem {
    Issued {
        invite: InviteView,
    },
    Failed {
        /// The error code of this entry.
        #[schema(value_type = String)]
        error: &'static str,
        message: String,
        email: String,
    },
}

impl App {
    pub async fn issue_invite(
        &self,
        host: &Host,
        room_id: &str,
        request: InviteRequest,
        options: &IssueOptions,
    ) -> Result<InviteView> {
        host.require_write()?;
        let room = self.room_of_host(host, room_id).await?;
        let valid = request.validate(&self.config.policy, self.clock.now())?;
        self.issue_valid(host, &room, valid, options, 0).await
    }

    /// Up to 500 invites; one bad entry does not fail the others.
    pub async fn issue_bulk(
        &self,
        host: &Host,
        room_id: &str,
        entries: Vec<Value>,
        options: &IssueOptions,
    ) -> Result<Vec<BulkItem>> {
        host.require_write()?;
        if entries.len() > BULK_MAX {
            return Err(Error::bad_request(format!(
                "at most {BULK_MAX} invites per request."
            )));
        }
        let room = self.room_of_host(host, room_id).await?;
        let mut results = Vec::with_capacity(entries.len());
        for (index, entry) in entries.into_iter().enumerate() {
            let email = entry
                .get("email")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let parsed = if entry.is_object() {
                serde_json::from_value::<InviteRequest>(entry).map_err(|e| e.to_string())
            } else {
                Err("an invite must be a JSON object".to_owned())
            };
            let outcome = match parsed {
                Err(e) => Err(Error::bad_request(format!("invalid invite: {e}"))),
                Ok(request) => match request.validate(&self.config.policy, self.clock.now()) {
                    Err(e) => Err(e),
                    Ok(valid) => self.issue_valid(host, &room, valid, options, index).await,
                },
            };
            // Under an `Idempotency-Key` an entry refused by an outage fails the whole
            // request (`503`, the key's lease ended): its retry reruns the bulk and finds
            // the entries made so far by their ids, so nobody is invited twice and the
            // host need not pick the failed rows out. Without a key the entry says so.
            if let (Err(e @ Error::ServiceUnavailable { .. }), Some(_)) =
                (&outcome, options.first_claimed_at)
            {
                return Err(e.clone());
            }
            results.push(match outcome {
                Ok(invite) => BulkItem::Issued { invite },
                Err(e) => BulkItem::Failed {
                    error: e.code(),
                    message: e.message(),
                    email,
                },
            });
        }
        Ok(results)
    }

    async fn issue_valid(
        &self,
        host: &Host,
        room: &Room,
        valid: ValidInvite,
        options: &IssueOptions,
        index: usize,
    ) -> Result<InviteView> {
        let now = self.clock.now();
        let id = match (&options.replay_context, options.first_claimed_at) {
            (Some(context), Some(since)) => replayable_id(context, since, index),
            _ => Ulid::new(),
        };
        let room_ulid = room_ulid(&room.room_id)?;
        if options.rerun {
            if let Some(done) = self.store.get_invite(&id.to_string()).await? {
                return self.created_before(room, done, options, now).await;
            }
        }
        if valid.send_email {
            self.check_suppression(&room.org, &valid.email, valid.force_email)
                .await?;
        }
        let (token, mail_nonce) = match (&options.replay_context, valid.send_email) {
            (_, true) => {
                let (token, nonce) = self.mail_token(id, room_ulid, valid.role)?;
                (token, Some(nonce))
            }
            (Some(context), false) => (self.replay_token(id, room_ulid, valid.role, context), None),
            (None, false) => (
                InviteToken::generate(id, room_ulid, valid.role).map_err(Error::internal)?,
                None,
            ),
        };
        let mut invite = Invite {
            invite_id: id.to_string(),
            room_id: room.room_id.clone(),
            org: room.org.clone(),
            email: valid.email,
            role: valid.role,
            max_uses: valid.max_uses,
            uses: 0,
            expires_at: valid.expires_at,
            token_hash: token.hash(),
            failed_attempts: 0,
            revoked_at: None,
            delivery: if valid.send_email {
                Delivery::Pending
            } else {
                Delivery::NotSent
            },
            created_by: host.sub.clone(),
            created_at: now,
            mail_nonce,
            locale: valid.locale,
            unsubscribed_at: None,
        };
        self.store
            .create_invite(&invite)
            .await
            .map_err(|e| write_error(e, Error::RoomNotFound))?;
        let link = self.config.join_url(&token.expose());
        if valid.send_email {
            invite.delivery = self.deliver_invitation(room, &invite, &link, host).await;
        }
        self.announce(DomainEvent::InviteIssued {
            room_id: invite.room_id.clone(),
            invite_id: invite.invite_id.clone(),
            email: invite.email.clone(),
            role: invite.role,
            expires_at: invite.expires_at,
            at: now,
        })
        .await;
        telemetry::invite_issued();
        tracing::info!(room_id = %invite.room_id, invite_id = %invite.invite_id, delivery = invite.delivery.as_str(), "invite issued");
        let mut view = invite.view(now);
        if !valid.send_email {
            view.link = Some(link);
        }
        Ok(view)
    }

    /// An entry that the stopped first run of a key created: answered as it is, its
    /// shown link derived again; an invitation that run did not record as sent
    /// (`pending`) is queued after the first backoff, to go out with its own link unless
    /// SES reports meanwhile that the first run sent it (at least once where SES cannot
    /// tell).
    async fn created_before(
        &self,
        room: &Room,
        invite: Invite,
        options: &IssueOptions,
        now: time::OffsetDateTime,
    ) -> Result<InviteView> {
        if invite.room_id != room.room_id {
            return Err(Error::internal("a replayable invite id of another room"));
        }
        if invite.delivery == Delivery::Pending {
            self.queue_unsent_after_backoff(&invite).await?;
        }
        let mut view = invite.view(now);
        if let (Delivery::NotSent, Some(context)) = (invite.delivery, &options.replay_context) {
            let id = Ulid::from_string(&invite.invite_id).map_err(Error::internal)?;
            let token = self.replay_token(id, room_ulid(&room.room_id)?, invite.role, context);
            view.link = Some(self.config.join_url(&token.expose()));
        }
        Ok(view)
    }

    /// `422 email_suppressed` for an address that hard-bounced or complained in this
    /// organization; with `force`, the host confirmed the address: the suppression is
    /// lifted and the email goes out.
    async fn check_suppression(
        &self,
        org: &str,
        email: &crate::domain::EmailAddress,
        force: bool,
    ) -> Result<()> {
        let Some(suppression) = self.store.get_suppression(org, email).await? else {
            return Ok(());
        };
        if !force {
            return Err(suppression.error());
        }
        self.store.delete_suppression(org, email).await?;
        tracing::info!(org, invite_id = %suppression.invite_id, "suppression lifted by force_email");
        Ok(())
    }

    /// Sends the invitation and records the outcome; a failure leaves the invite valid
    /// with `delivery: failed`, for `resend` to retry.
    async fn deliver_invitation(
        &self,
        room: &Room,
        invite: &Invite,
        link: &str,
        host: &Host,
    ) -> Delivery {
        let email = notifications::invitation_email(
            room,
            invite,
            link,
            host,
            &self.config.organizer,
            self.clock.now(),
        );
        self.send_invitation(invite, &email, &notifications::inviter(room, invite, host))
            .await
    }

    /// Sends an invitation email and records the outcome on the invite: `sent`,
    /// `queued` (retried later with the same link) or `failed`.
    pub(super) async fn send_invitation(
        &self,
        invite: &Invite,
        email: &crate::ports::OutgoingEmail,
        inviter: &str,
    ) -> Delivery {
        let mut email = email.clone();
        self.brand_email(&invite.org, &mut email).await;
        let sent = self.mailer.send(&email).await;
        telemetry::email(EmailKind::Invitation, sent.is_ok());
        let delivery = match sent {
            Ok(()) => Delivery::Sent,
            Err(e) => {
                tracing::warn!(invite_id = %invite.invite_id, error = %e, "invitation email failed");
                self.after_failed_invitation(invite, &e, inviter).await
            }
        };
        match self.store.set_delivery(&invite.invite_id, delivery).await {
            // A delivery event that overtook this write keeps its state.
            Ok(Some(stored)) => stored.delivery,
            Ok(None) => delivery,
            Err(e) => {
                tracing::error!(invite_id = %invite.invite_id, error = %e, "could not record delivery");
                delivery
            }
        }
    }

    fn replay_token(&self, id: Ulid, room_id: Ulid, role: Role, context: &str) -> InviteToken {
        InviteToken::derive(id, room_id, role, &self.config.link_key, context.as_bytes())
    }

    /// Removes every `link` from a response before it is stored for replays.
    pub fn strip_links(body: &mut Value) {
        visit_invites(body, &mut |invite| {
            invite.remove("link");
        });
    }

    /// Puts back the links of a replayed response (see [`IssueOptions`]).
    pub fn restore_links(&self, body: &mut Value, context: &str) {
        visit_invites(body, &mut |invite| {
            let not_sent = invite.get("delivery").and_then(Value::as_str) == Some("not_sent");
            let ulid = |field: &str| {
                invite
                    .get(field)
                    .and_then(Value::as_str)
                    .and_then(|s| Ulid::from_string(s).ok())
            };
            let (id, room_id) = (ulid("invite_id"), ulid("room_id"));
            let role = invite
                .get("role")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<Role>().ok());
            if let (true, Some(id), Some(room_id), Some(role)) = (not_sent, id, room_id, role) {
                let token = self.replay_token(id, room_id, role, context);
                invite.insert(
                    "link".into(),
                    Value::String(self.config.join_url(&token.expose())),
                );
            }
        });
    }

    pub async fn revoke_invite(&self, host: &Host, room_id: &str, invite_id: &str) -> Result<()> {
        host.require_write()?;
        self.room_of_host(host, room_id).await?;
        let now = self.clock.now();
        self.store
            .revoke_invite(room_id, invite_id, now)
            .await
            .map_err(|e| write_error(e, Error::InviteNotFound))?;
        self.announce(DomainEvent::InviteRevoked {
            room_id: room_id.to_owned(),
            invite_id: invite_id.to_owned(),
            at: now,
        })
        .await;
        tracing::info!(room_id, invite_id, "invite revoked");
        Ok(())
    }

    /// A new token replaces the old one, a lock is lifted, an expired invite gets a new
    /// default validity, and the email goes out again.
    pub async fn resend_invite(
        &self,
        host: &Host,
        room_id: &str,
        invite_id: &str,
    ) -> Result<InviteView> {
        host.require_write()?;
        let room = self.room_of_host(host, room_id).await?;
        let now = self.clock.now();
        let current = self
            .store
            .get_invite(invite_id)
            .await?
            .filter(|i| i.room_id == room.room_id)
            .ok_or(Error::InviteNotFound)?;
        self.check_suppression(&room.org, &current.email, false)
            .await?;
        let expires_at = if current.is_expired(now) {
            now + DEFAULT_VALIDITY
        } else {
            current.expires_at
        };
        let id = Ulid::from_string(invite_id).map_err(|_| Error::InviteNotFound)?;
        let (token, nonce) = self.mail_token(id, room_ulid(&current.room_id)?, current.role)?;
        let mut invite = self
            .store
            .reissue_invite(
                room_id,
                invite_id,
                &token.hash(),
                expires_at,
                Delivery::Pending,
                Some(&nonce),
            )
            .await
            .map_err(|e| write_error(e, Error::InviteNotFound))?;
        let link = self.config.join_url(&token.expose());
        invite.delivery = self.deliver_invitation(&room, &invite, &link, host).await;
        tracing::info!(
            room_id,
            invite_id,
            delivery = invite.delivery.as_str(),
            "invite resent"
        );
        Ok(invite.view(now))
    }
}

/// The room id as a token carries it. Rooms are created with `Ulid::new().to_string()`,
/// so anything else (not a ULID, or not in its canonical text, which the redemption could
/// not match) is a corrupt store: an internal error, never a link that cannot work.
pub(super) fn room_ulid(room_id: &str) -> Result<Ulid> {
    match Ulid::from_string(room_id) {
        Ok(id) if id.to_string() == room_id => Ok(id),
        _ => Err(Error::internal(format!(
            "room id {room_id:?} is not a canonical ULID"
        ))),
    }
}

/// Calls `f` on each invite object of an issuance response (single or bulk).
fn visit_invites(body: &mut Value, f: &mut dyn FnMut(&mut serde_json::Map<String, Value>)) {
    if let Some(results) = body.get_mut("results").and_then(Value::as_array_mut) {
        for item in results {
            if let Some(invite) = item.get_mut("invite").and_then(Value::as_object_mut) {
                f(invite);
            }
        }
    } else if let Some(invite) = body.as_object_mut().filter(|o| o.contains_key("invite_id")) {
        f(invite);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_ulid_room_ids_go_into_tokens() {
        let id = Ulid::new();
        assert_eq!(room_ulid(&id.to_string()), Ok(id));
        assert!(matches!(room_ulid("r1"), Err(Error::Internal(_))));
        let lower = id.to_string().to_lowercase();
        assert!(matches!(room_ulid(&lower), Err(Error::Internal(_))));
    }
}
