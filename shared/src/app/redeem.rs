//! The join flow: opening a link, redeeming it with an email, and the pages of an
//! admitted participant.

use super::App;
use crate::domain::admission::{self, Approval};
use crate::domain::invite::RedeemRejection;
use crate::domain::AdmissionState;
use crate::domain::{
    Admission, DomainEvent, EmailAddress, Error, Invite, InviteToken, Me, Participant, RedeemMode,
    Result, Role, Room,
};
use crate::ports::{RedeemError, RedeemRequest};
use crate::telemetry;
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

/// What a redemption may carry besides the address: the receipt of the browser's
/// lobby nonce, which re-admits it after a lost answer.
#[derive(Debug, Clone, Default)]
pub struct Proof {
    pub receipt: Option<String>,
}

impl Proof {
    pub fn new(browser_nonce: Option<&str>, email: &EmailAddress) -> Self {
        Proof {
            receipt: browser_nonce
                .filter(|n| admission::valid_browser_nonce(n))
                .map(|n| admission::receipt_of(n, email)),
        }
    }
    pub fn none() -> Self {
        Proof::default()
    }
}

/// What a lobby shows: never the invited address.
#[derive(Debug, Clone)]
pub struct JoinView {
    pub room: Room,
    pub role: Role,
    /// The invite's language, when the host named one.
    pub locale: Option<String>,
}

/// The outcome of opening a link (`GET /join/{token}`).
#[derive(Debug, Clone)]
pub enum LinkOpened {
    /// No session: the lobby asks for the email.
    Lobby(JoinView),
    /// The session proves another email than the invited one.
    Mismatch(JoinView),
    /// The session proves the invited email: redeemed.
    Admitted(Admission),
}

/// What an admitted participant sees at `/rooms/{id}`.
#[derive(Debug, Clone)]
pub struct RoomPage {
    pub room: Room,
    pub participant: Participant,
    pub now: OffsetDateTime,
}

impl App {
    /// The invite and room of a link, if the token matches (a read: nothing changes).
    pub(super) async fn resolve_link(&self, token: &InviteToken) -> Result<(Invite, Option<Room>)> {
        let invite = self
            .store
            .get_invite(&token.invite_id().to_string())
            .await?
            .filter(|i| bool::from(i.token_hash.0.as_bytes().ct_eq(token.hash().0.as_bytes())))
            .ok_or(Error::InvalidLink)?;
        let room = self.cached_room(&invite.room_id).await?;
        Ok((invite, room))
    }

    /// `GET /join/{token}`: never consumes a use unless `session` proves the invited email.
    pub async fn open_link(
        &self,
        token: &str,
        session: Option<&EmailAddress>,
    ) -> Result<LinkOpened> {
        let opened = self.open_link_inner(token, session).await;
        if let Err(e) = &opened {
            telemetry::link_error(e);
        }
        opened
    }

    async fn open_link_inner(
        &self,
        token: &str,
        session: Option<&EmailAddress>,
    ) -> Result<LinkOpened> {
        let token = InviteToken::parse(token).map_err(|_| Error::InvalidLink)?;
        let (invite, room) = self.resolve_link(&token).await?;
        let now = self.clock.now();
        if let Some(e) = invite.link_error(room.as_ref(), now) {
            return Err(e);
        }
        if !self.config.policy.permits(&invite.email) {
            return Err(Error::DomainBlocked);
        }
        let view = |room: Room| JoinView {
            room,
            role: invite.role,
            locale: invite.locale.clone(),
        };
        let room = room.ok_or(Error::RoomDeleted)?;
        match session {
            Some(email) if *email == invite.email => {
                let admission = self.admit(&token, email, true, Proof::none()).await?;
                Ok(LinkOpened::Admitted(admission))
            }
            Some(_) => Ok(LinkOpened::Mismatch(view(room))),
            // Where the address is proven beyond typing it, a used link still opens its
            // lobby: the invitee may prove the address again on another device.
            None if !invite.has_use_left() && !room.admission.verify.proves_address() => {
                Err(Error::LinkUsed)
            }
            None => Ok(LinkOpened::Lobby(view(room))),
        }
    }

    /// The lobby of a link for a page that answers an error with the form (read only).
    pub async fn lobby_view(&self, token: &str) -> Option<JoinView> {
        let token = InviteToken::parse(token).ok()?;
        let (invite, room) = self.resolve_link(&token).await.ok()?;
        Some(JoinView {
            room: room?,
            role: invite.role,
            locale: invite.locale,
        })
    }

    /// One redemption. With a proof of `email` beyond the typed address (a session
    /// cookie, a one-time code, a sign-in: `proven`), an invite this email already
    /// redeemed admits again without consuming; otherwise one use is consumed. A browser
    /// whose earlier redemption of this link committed minutes ago (its answer lost) is
    /// re-admitted by its receipt without a use (admission contract, section 5).
    pub(super) async fn admit(
        &self,
        token: &InviteToken,
        email: &EmailAddress,
        proven: bool,
        proof: Proof,
    ) -> Result<Admission> {
        let mode = if proven {
            RedeemMode::Readmit
        } else {
            RedeemMode::Consume
        };
        let mut request = self.redeem_request(token, email, mode, proof).await?;
        let mut result = self.store.redeem(&request).await;
        if let Err(RedeemError::Rejected(RedeemRejection::NotYetRedeemed)) = result {
            request.mode = RedeemMode::Consume;
            result = self.store.redeem(&request).await;
            if proven {
                if let Err(RedeemError::Rejected(RedeemRejection::LinkUsed)) = result {
                    // A concurrent request of the same proven person consumed the last
                    // use between the two writes: this one is now a re-admission.
                    request.mode = RedeemMode::Readmit;
                    result = self.store.redeem(&request).await;
                }
            }
        }
        if request.mode == RedeemMode::Consume && request.receipt.is_some() {
            if let Err(RedeemError::Rejected(
                RedeemRejection::RedeemedHere | RedeemRejection::LinkUsed,
            )) = result
            {
                request.mode = RedeemMode::Recover;
                // Only a fresh receipt changes the answer: any other refusal of the
                // recovery leaves the first one (it never counts a wrong email).
                let recovered = self.store.redeem(&request).await;
                if recovered.is_ok() {
                    result = recovered;
                } else {
                    request.mode = RedeemMode::Consume;
                }
            }
        }
        self.admitted_or_refused(token, &request, result).await
    }

    /// Re-admits by the browser's receipt only (a repeated code submission).
    pub(super) async fn recover(
        &self,
        token: &InviteToken,
        email: &EmailAddress,
        proof: Proof,
    ) -> Result<Admission> {
        let request = self
            .redeem_request(token, email, RedeemMode::Recover, proof)
            .await?;
        let result = self.store.redeem(&request).await;
        self.admitted_or_refused(token, &request, result).await
    }

    /// The store's request for one redemption by `email` of `token`'s invite.
    async fn redeem_request(
        &self,
        token: &InviteToken,
        email: &EmailAddress,
        mode: RedeemMode,
        proof: Proof,
    ) -> Result<RedeemRequest> {
        let room_id = token.room_id().to_string();
        Ok(RedeemRequest {
            invite_id: token.invite_id().to_string(),
            new_admission: self.new_admission(token).await?,
            identity: self.config.participant_identity(&room_id, email),
            room_id,
            role: token.role(),
            token_hash: token.hash(),
            email: email.clone(),
            mode,
            now: self.clock.now(),
            receipt: proof.receipt,
        })
    }

    /// Where a participant that this link's redemption creates stands: held in the
    /// waiting room when the room's `approval` holds the invite back. (The room comes
    /// from the per-instance cache; the invite is read only in `shared_links` rooms.)
    async fn new_admission(&self, token: &InviteToken) -> Result<AdmissionState> {
        let approval = match self.cached_room(&token.room_id().to_string()).await? {
            Some(room) => room.admission.approval,
            None => return Ok(AdmissionState::Admitted),
        };
        let max_uses = match approval {
            Approval::None => return Ok(AdmissionState::Admitted),
            Approval::Everyone => None,
            Approval::SharedLinks => match self.resolve_link(token).await {
                Ok((invite, _)) => invite.max_uses,
                // The redemption itself says what is wrong with the link.
                Err(_) => return Ok(AdmissionState::Admitted),
            },
        };
        Ok(if approval.holds_back(max_uses) {
            AdmissionState::Waiting
        } else {
            AdmissionState::Admitted
        })
    }

    async fn admitted_or_refused(
        &self,
        token: &InviteToken,
        request: &RedeemRequest,
        result: std::result::Result<Admission, RedeemError>,
    ) -> Result<Admission> {
        match result {
            Ok(admission) => {
                telemetry::redemption_admitted(request.mode != RedeemMode::Consume);
                self.after_admission(request, &admission).await;
                Ok(admission)
            }
            Err(RedeemError::Rejected(RedeemRejection::EmailMismatch)) => {
                Err(self.wrong_email(token).await)
            }
            Err(RedeemError::Rejected(r)) => Err(r.into()),
            Err(RedeemError::Store(e)) => Err(e.into()),
        }
    }

    /// Counts a wrong email; the fifth locks the invite (still answered `email_mismatch`).
    pub(super) async fn wrong_email(&self, token: &InviteToken) -> Error {
        let invite_id = token.invite_id().to_string();
        match self
            .store
            .record_wrong_email(&invite_id, &token.hash())
            .await
        {
            Ok(attempts) => {
                tracing::info!(invite_id, attempts, "wrong email entered");
                Error::EmailMismatch
            }
            Err(RedeemError::Rejected(r)) => r.into(),
            Err(RedeemError::Store(e)) => e.into(),
        }
    }

    async fn after_admission(&self, request: &RedeemRequest, admission: &Admission) {
        let p = &admission.participant;
        if request.mode == RedeemMode::Consume {
            self.announce(DomainEvent::InviteRedeemed {
                room_id: p.room_id.clone(),
                invite_id: request.invite_id.clone(),
                email: p.email.clone(),
                role: p.role,
                at: request.now,
            })
            .await;
        }
        if admission.previous_role.is_none() && p.admission == AdmissionState::Waiting {
            self.announce(DomainEvent::ParticipantKnocked {
                room_id: p.room_id.clone(),
                email: p.email.clone(),
                at: request.now,
            })
            .await;
        }
        if let (true, Some(from)) = (admission.role_changed(), admission.previous_role) {
            self.announce(DomainEvent::ParticipantRoleChanged {
                room_id: p.room_id.clone(),
                email: p.email.clone(),
                from,
                to: p.role,
                at: request.now,
            })
            .await;
            self.sync_role(&p.room_id, &p.email, p.role).await;
        }
        tracing::info!(room_id = %p.room_id, invite_id = %request.invite_id, role = p.role.as_str(), readmit = request.mode != RedeemMode::Consume, "participant admitted");
    }

    /// The room as its admitted participant `session` sees it.
    pub async fn room_page(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
    ) -> Result<RoomPage> {
        let room = self.public_room(room_id).await?;
        let email = session.ok_or(Error::NotAParticipant)?;
        let participant = self
            .store
            .get_participant(room_id, email)
            .await?
            .ok_or(Error::NotAParticipant)?;
        Ok(RoomPage {
            room,
            participant,
            now: self.clock.now(),
        })
    }

    pub async fn me(&self, room_id: &str, session: Option<&EmailAddress>) -> Result<Me> {
        Ok(self.room_page(room_id, session).await?.participant.me())
    }

    /// A room for the public routes: unknown is `room_not_found`, deleted `room_deleted`.
    /// Read through the per-instance cache ([`super::PublicRooms`]): at most a second
    /// old, and never older than this instance's own last write to the room.
    pub async fn public_room(&self, room_id: &str) -> Result<Room> {
        match self.cached_room(room_id).await? {
            None => Err(Error::RoomNotFound),
            Some(room) if room.is_deleted() => Err(Error::RoomDeleted),
            Some(room) => Ok(room),
        }
    }

    /// The room from the per-instance cache of public reads.
    pub(super) async fn cached_room(&self, room_id: &str) -> Result<Option<Room>> {
        let now = self.clock.now();
        let room = self
            .public_rooms
            .get(room_id, now, || self.store.get_room(room_id))
            .await?;
        // A page about the room renders with its organization's branding.
        if let Some(org) = room.as_ref().map(|r| r.org.as_str()) {
            if crate::brand::wanted_for(org) {
                crate::brand::set(self.branding_of_org(org).await);
            }
        }
        Ok(room.map(|r| Room::clone(&r)))
    }
}
