//! Invitations from inside the room (integrations contract, section 6): an admitted
//! speaker or moderator invites a guest with a role below their own, within the
//! organization's per-participant quota, which the store enforces atomically.

use super::invites::room_ulid;
use super::{notifications, write_error, App};
use crate::domain::guest_invite::{self, created_by, may_invite};
use crate::domain::invite::DEFAULT_VALIDITY;
use crate::domain::time_fmt::trunc;
use crate::domain::{Delivery, DomainEvent, EmailAddress, Error, Invite, InviteView, Result, Role};
use crate::ports::InviteQuota;
use serde::Deserialize;
use ulid::Ulid;

/// The body of `POST /rooms/{room_id}/invites` (JSON, or the room page's form).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GuestInviteRequest {
    #[serde(default)]
    pub email: String,
    /// `viewer` when absent or empty.
    #[serde(default)]
    pub role: Option<String>,
}

impl GuestInviteRequest {
    /// The requested role; unknown names are `bad_request`.
    pub fn role(&self) -> Result<Role> {
        match self.role.as_deref().map(str::trim) {
            None | Some("") => Ok(Role::Viewer),
            Some(r) => r
                .parse()
                .map_err(|e: crate::domain::role::UnknownRole| Error::bad_request(e.to_string())),
        }
    }
}

impl App {
    /// Issues a single-use invite with the default validity on behalf of the admitted
    /// participant `session`, and emails it naming them.
    pub async fn invite_guest(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
        request: &GuestInviteRequest,
    ) -> Result<InviteView> {
        let page = self.admitted_page(room_id, session).await?;
        let (room, inviter) = (&page.room, &page.participant);
        let limit = self.config.participant_invite_limit;
        let role = request.role()?;
        may_invite(inviter.role, role, limit)?;
        let email = EmailAddress::parse(&request.email).map_err(|_| Error::InvalidEmail)?;
        if !self.config.policy.permits(&email) {
            return Err(Error::DomainBlocked);
        }
        let now = self.clock.now();
        let identity = self.config.participant_identity(room_id, &inviter.email);
        let id = Ulid::new();
        let (token, mail_nonce) = self.mail_token(id, room_ulid(&room.room_id)?, role)?;
        let mut invite = Invite {
            invite_id: id.to_string(),
            room_id: room.room_id.clone(),
            org: room.org.clone(),
            email,
            role,
            max_uses: Some(1),
            uses: 0,
            expires_at: trunc(now) + DEFAULT_VALIDITY,
            token_hash: token.hash(),
            failed_attempts: 0,
            revoked_at: None,
            delivery: Delivery::Pending,
            created_by: created_by(&identity),
            created_at: now,
            mail_nonce: Some(mail_nonce),
            // The room's language (or the guest's browser) applies.
            locale: None,
            unsubscribed_at: None,
        };
        let quota = InviteQuota {
            issuer: identity.clone(),
            limit,
        };
        self.store
            .create_guest_invite(&invite, &quota)
            .await
            .map_err(|e| write_error(e, Error::RoomNotFound))?;
        let link = self.config.join_url(&token.expose());
        let message = notifications::guest_invitation_email(
            room,
            &invite,
            &link,
            inviter,
            &self.config.organizer,
            now,
        );
        let who = notifications::guest_inviter(room, &invite, inviter);
        invite.delivery = self.send_invitation(&invite, &message, &who).await;
        self.announce(DomainEvent::InviteIssued {
            room_id: invite.room_id.clone(),
            invite_id: invite.invite_id.clone(),
            email: invite.email.clone(),
            role: invite.role,
            expires_at: invite.expires_at,
            at: now,
        })
        .await;
        tracing::info!(
            room_id = %invite.room_id,
            invite_id = %invite.invite_id,
            issuer = %identity,
            role = invite.role.as_str(),
            delivery = invite.delivery.as_str(),
            "guest invite issued"
        );
        Ok(invite.view(now))
    }

    /// The roles the participant `role` may give from the room page (none when the
    /// feature is off).
    pub fn grantable_roles(&self, role: Role) -> &'static [Role] {
        if self.config.participant_invite_limit == 0 {
            &[]
        } else {
            guest_invite::grantable_roles(role)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_role_defaults_to_viewer_and_unknown_roles_are_bad_requests() {
        let req = |role: Option<&str>| GuestInviteRequest {
            email: "a@example.com".into(),
            role: role.map(str::to_owned),
        };
        assert_eq!(req(None).role(), Ok(Role::Viewer));
        assert_eq!(req(Some("")).role(), Ok(Role::Viewer));
        assert_eq!(req(Some("speaker")).role(), Ok(Role::Speaker));
        assert_eq!(req(Some("admin")).role().unwrap_err().code(), "bad_request");
    }
}
