//! The invitees' sign-in (`verify: sso`, admission contract section 3): which links may
//! start one, and the admission of the address the provider proved. The protocol
//! itself (redirect, state cookie, code exchange, ID token) is the HTTP layer's and the
//! [`crate::ports::SignInProvider`]'s.

use super::redeem::Proof;
use super::App;
use crate::domain::admission::Verify;
use crate::domain::{Admission, DomainEvent, EmailAddress, Error, InviteToken, Result};
use crate::telemetry;

impl App {
    /// `GET /join/{token}/sso`: the link is valid (as a GET of it would say) and its room
    /// signs invitees in. Consumes nothing.
    pub async fn sign_in_target(&self, token: &str) -> Result<()> {
        let token = InviteToken::parse(token).map_err(|_| Error::InvalidLink)?;
        let (invite, room) = self.resolve_link(&token).await?;
        if let Some(e) = invite.link_error(room.as_ref(), self.clock.now()) {
            return Err(e);
        }
        match room {
            Some(room) if room.admission.verify == Verify::Sso => Ok(()),
            _ => Err(Error::NotFound),
        }
    }

    /// The callback's verified address: compared with the invited one like a typed
    /// address (a mismatch is not counted toward the lock: a provider's word is no
    /// guess), then admitted with the sign-in as the proof (another device re-admits
    /// without a use).
    pub async fn admit_signed_in(&self, token: &str, email: &EmailAddress) -> Result<Admission> {
        let token = InviteToken::parse(token).map_err(|_| Error::InvalidLink)?;
        let (invite, _) = self.resolve_link(&token).await?;
        if !self.config.policy.permits(email) {
            return Err(Error::DomainBlocked);
        }
        if &invite.email != email {
            self.sign_in_outcome(&token, "mismatch").await;
            return Err(Error::EmailMismatch);
        }
        let admitted = self
            .admit(&token, email, invite.uses > 0, Proof::none())
            .await;
        let outcome = if admitted.is_ok() {
            "admitted"
        } else {
            "refused"
        };
        self.sign_in_outcome(&token, outcome).await;
        admitted
    }

    /// A sign-in that failed before an address was proven (`failed`: the provider's
    /// error, a bad state or token; `unavailable`: the provider was down).
    pub async fn sign_in_failed(&self, token: &str, outcome: &'static str) {
        if let Ok(token) = InviteToken::parse(token) {
            self.sign_in_outcome(&token, outcome).await;
        }
    }

    async fn sign_in_outcome(&self, token: &InviteToken, outcome: &'static str) {
        telemetry::invitee_sign_in(outcome);
        self.announce(DomainEvent::InviteeSignIn {
            room_id: token.room_id().to_string(),
            invite_id: token.invite_id().to_string(),
            outcome: outcome.to_owned(),
            at: self.clock.now(),
        })
        .await;
    }
}
