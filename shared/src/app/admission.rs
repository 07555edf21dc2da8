//! How a redemption proves the invited address, by the room's `admission.verify`: the
//! typed address (`email`), the address and a one-time code mailed to it (`code`), or
//! the organization's sign-in (`sso`, which a JSON client is sent to). Admission
//! contract, sections 2 and 3.

use super::redeem::Proof;
use super::{notifications, App};
use crate::domain::admission::{
    code_hash, new_code, next_code, normalize_code, CodeCheck, RetryAfter, Verify,
};
use crate::domain::{Admission, DomainEvent, EmailAddress, Error, InviteToken, Result};
use crate::telemetry;

/// What a `POST /join/{token}` did.
#[derive(Debug, Clone)]
pub enum Redeemed {
    /// Admitted (or re-admitted): the session cookie goes with the answer.
    Admitted(Admission),
    /// A `code` room: a code went to the invited address; it expires in this many seconds.
    CodeSent { expires_in: u64 },
}

/// Attempts at storing a new code when concurrent requests store theirs first.
const CODE_SEND_TRIES: usize = 3;

impl App {
    /// `POST /join/{token}` with the entered `email`, a `code` when one was typed, the
    /// email the session cookie proves, and the browser's lobby nonce.
    pub async fn redeem(
        &self,
        token: &str,
        entered: &str,
        code: Option<&str>,
        session: Option<&EmailAddress>,
        browser_nonce: Option<&str>,
    ) -> Result<Redeemed> {
        let redeemed = self
            .redeem_by_room(token, entered, code, session, browser_nonce)
            .await;
        if let Err(e) = &redeemed {
            telemetry::redemption_rejected(e);
        }
        redeemed
    }

    async fn redeem_by_room(
        &self,
        token: &str,
        entered: &str,
        code: Option<&str>,
        session: Option<&EmailAddress>,
        browser_nonce: Option<&str>,
    ) -> Result<Redeemed> {
        let token = InviteToken::parse(token).map_err(|_| Error::InvalidLink)?;
        let Ok(email) = EmailAddress::parse(entered) else {
            return Err(self.wrong_email(&token).await);
        };
        if !self.config.policy.permits(&email) {
            return Err(Error::DomainBlocked);
        }
        let proof = Proof::new(browser_nonce, &email);
        if session == Some(&email) {
            // The session cookie proves the address in every room (as it always did).
            return self
                .admit(&token, &email, true, proof)
                .await
                .map(Redeemed::Admitted);
        }
        // The token names the room; the store admits only if the invite really is in it,
        // so a forged room cannot pick an easier way of proving the address.
        let verify = match self.cached_room(&token.room_id().to_string()).await? {
            Some(room) => room.admission.verify,
            None => Verify::Email,
        };
        match (verify, code) {
            (Verify::Email, _) => self
                .admit(&token, &email, false, proof)
                .await
                .map(Redeemed::Admitted),
            (Verify::Code, None) => self.send_code(&token, &email).await,
            (Verify::Code, Some(code)) => self
                .redeem_with_code(&token, &email, code, proof)
                .await
                .map(Redeemed::Admitted),
            (Verify::Sso, _) => Err(Error::VerificationRequired {
                url: format!(
                    "{}/join/{}/sso",
                    self.config.public_base_url,
                    token.expose()
                ),
            }),
        }
    }

    /// Mails a new code to the invited address, if `email` is it. Consumes nothing; a
    /// used link may still get a code (another device re-admits without a use).
    async fn send_code(&self, token: &InviteToken, email: &EmailAddress) -> Result<Redeemed> {
        let (invite, room) = self.resolve_link(token).await?;
        let now = self.clock.now();
        if let Some(e) = invite.link_error(room.as_ref(), now) {
            return Err(e);
        }
        let room = room.ok_or(Error::RoomDeleted)?;
        if &invite.email != email {
            return Err(self.wrong_email(token).await);
        }
        let ttl = self.config.admission.code_ttl;
        for _ in 0..CODE_SEND_TRIES {
            let previous = self.store.get_admission_code(&invite.invite_id).await?;
            let code = new_code()?;
            let hash = code_hash(&self.config.link_key, &invite.invite_id, &code);
            let record = match next_code(previous.as_ref(), &invite.invite_id, hash, now, ttl) {
                Ok(record) => record,
                Err(RetryAfter(seconds)) => {
                    telemetry::admission_code("throttled");
                    return Err(Error::TooManyRequests {
                        retry_after: seconds,
                    });
                }
            };
            let stored = self
                .store
                .put_admission_code(&record, previous.map(|p| p.sent_at))
                .await?;
            if !stored {
                continue;
            }
            // In the language of the lobby that asked for it.
            let lang = crate::i18n::for_page(invite.locale.as_deref(), room.locale.as_deref());
            let mut mail =
                notifications::admission_code_email(&room, Some(lang.tag()), email, &code, ttl);
            self.brand_email(&room.org, &mut mail).await;
            // The code is stored; a new one may be asked for after the usual 30 s.
            self.mailer
                .send(&mail)
                .await
                .map_err(|e| super::unavailable("mailer", 30, e))?;
            telemetry::admission_code("sent");
            telemetry::email(telemetry::EmailKind::AdmissionCode, true);
            self.announce(DomainEvent::AdmissionCodeSent {
                room_id: room.room_id.clone(),
                invite_id: invite.invite_id.clone(),
                at: now,
            })
            .await;
            tracing::info!(invite_id = %invite.invite_id, "admission code sent");
            return Ok(Redeemed::CodeSent {
                expires_in: u64::try_from(ttl.whole_seconds()).unwrap_or(0),
            });
        }
        // Others kept sending codes for this invite at the same moment.
        Err(Error::TooManyRequests { retry_after: 30 })
    }

    /// Checks the typed code (one conditional write) and admits with it as the proof.
    async fn redeem_with_code(
        &self,
        token: &InviteToken,
        email: &EmailAddress,
        typed: &str,
        proof: Proof,
    ) -> Result<Admission> {
        let invite_id = token.invite_id().to_string();
        let room_id = token.room_id().to_string();
        let (invite, _) = self.resolve_link(token).await?;
        if &invite.email != email {
            return Err(self.wrong_email(token).await);
        }
        let code = normalize_code(typed).unwrap_or_else(|| typed.trim().to_owned());
        let hash = code_hash(&self.config.link_key, &invite_id, &code);
        let now = self.clock.now();
        match self
            .store
            .use_admission_code(&invite_id, &hash, now)
            .await?
        {
            CodeCheck::Valid => {
                telemetry::admission_code("accepted");
                // The code proves the address. A first entry goes straight to consuming
                // a use (the invite was just read); after one, another device re-admits.
                self.admit(token, email, invite.uses > 0, proof).await
            }
            CodeCheck::Invalid { attempts_left } => {
                telemetry::admission_code("invalid");
                self.announce(DomainEvent::AdmissionCodeRejected {
                    room_id,
                    invite_id,
                    attempts_left,
                    at: now,
                })
                .await;
                Err(Error::CodeInvalid { attempts_left })
            }
            CodeCheck::Expired => {
                // A repeat of a submission that did go through (a double click, a lost
                // answer) is re-admitted by this browser's receipt, never by the code.
                if proof.receipt.is_some() {
                    if let Ok(admission) = self.recover(token, email, proof).await {
                        return Ok(admission);
                    }
                }
                telemetry::admission_code("expired");
                Err(Error::CodeExpired)
            }
        }
    }
}
