//! The waiting room (admission contract, section 4): hosts list who is waiting and
//! admit or deny them, one by one or all at once; a denied participant may knock again;
//! the room's pages and the live room refuse whoever is not admitted.

use super::{App, Host, ListPage, ListQuery, RoomPage};
use crate::domain::listing::{PageRequest, ParticipantFilter, MAX_LIMIT};
use crate::domain::time_fmt::rfc3339;
use crate::domain::waiting_room::Decision;
use crate::domain::{AdmissionState, DomainEvent, EmailAddress, Error, Participant, Result, Role};
use crate::ports::{KnockError, WriteError};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

/// One person in the waiting room, as hosts see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"identity": "p_5f0c9a1e2b3d4c5e6f708192", "email": "ann@example.com",
    "role": "viewer", "knocked_at": "2030-12-01T14:55:00Z"}))]
pub struct WaitingEntry {
    /// Decisions name the participant by it.
    pub identity: String,
    #[schema(value_type = String, format = Email)]
    pub email: EmailAddress,
    pub role: Role,
    /// When they started waiting (their redemption, or their last knock).
    #[serde(with = "rfc3339")]
    pub knocked_at: OffsetDateTime,
}

/// One person in the waiting room, as moderators see them: the name they are known by
/// (the local part of the address) and its domain, never the whole address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModeratorWaitingEntry {
    pub identity: String,
    pub name: String,
    pub domain: String,
    pub role: Role,
    #[serde(with = "rfc3339")]
    pub knocked_at: OffsetDateTime,
}

impl App {
    /// The session's participant if they are an admitted moderator of the room:
    /// `not_a_participant` without one, `forbidden` for anyone else.
    async fn moderator(&self, room_id: &str, session: Option<&EmailAddress>) -> Result<()> {
        let page = self.room_page(room_id, session).await?;
        if page.participant.is_admitted() && page.participant.role == Role::Moderator {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    /// `GET /rooms/{id}/waiting`: the moderators' list.
    pub async fn moderator_waiting(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
        q: ListQuery<()>,
    ) -> Result<ListPage<ModeratorWaitingEntry>> {
        self.moderator(room_id, session).await?;
        let after = q
            .cursor
            .as_deref()
            .map(|c| {
                self.cursor_key()
                    .open_participants(room_id, &waiting_filter(), c)
            })
            .transpose()?;
        let page = self
            .store
            .list_participants(
                room_id,
                &waiting_filter(),
                &PageRequest {
                    limit: q.limit,
                    after,
                },
            )
            .await?;
        Ok(ListPage {
            items: page
                .items
                .iter()
                .map(|p| ModeratorWaitingEntry {
                    identity: self.config.participant_identity(room_id, &p.email),
                    name: crate::domain::guest_invite::display_name(&p.email).to_owned(),
                    domain: p.email.domain().to_owned(),
                    role: p.role,
                    knocked_at: p.updated_at,
                })
                .collect(),
            next_cursor: page.next.map(|n| {
                self.cursor_key()
                    .seal_participants(room_id, &waiting_filter(), &n)
            }),
        })
    }

    /// A moderator admits or denies the waiting participant `identity`.
    pub async fn moderator_decide(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
        identity: &str,
        decision: Decision,
    ) -> Result<Participant> {
        self.moderator(room_id, session).await?;
        self.decide_on(room_id, identity, &decision).await
    }

    /// A moderator admits everyone waiting.
    pub async fn moderator_admit_all(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
    ) -> Result<u64> {
        self.moderator(room_id, session).await?;
        self.admit_all_in(room_id).await
    }

    fn waiting_entry(&self, room_id: &str, p: &Participant) -> WaitingEntry {
        WaitingEntry {
            identity: self.config.participant_identity(room_id, &p.email),
            email: p.email.clone(),
            role: p.role,
            knocked_at: p.updated_at,
        }
    }

    /// `GET /api/rooms/{id}/waiting`: who waits, in the order they came.
    pub async fn waiting(
        &self,
        host: &Host,
        room_id: &str,
        q: ListQuery<()>,
    ) -> Result<ListPage<WaitingEntry>> {
        let page = self
            .list_participants(
                host,
                room_id,
                ListQuery {
                    filter: waiting_filter(),
                    limit: q.limit,
                    cursor: q.cursor,
                },
            )
            .await?;
        Ok(ListPage {
            items: page
                .items
                .iter()
                .map(|p| self.waiting_entry(room_id, p))
                .collect(),
            next_cursor: page.next_cursor,
        })
    }

    /// A host admits or denies the waiting participant `identity`.
    pub async fn decide(
        &self,
        host: &Host,
        room_id: &str,
        identity: &str,
        decision: Decision,
    ) -> Result<Participant> {
        host.require_write()?;
        self.room_of_host(host, room_id).await?;
        self.decide_on(room_id, identity, &decision).await
    }

    /// One decision: one conditional write on the participant (a decision on someone no
    /// longer waiting, e.g. decided by another moderator first, is `not_found`).
    async fn decide_on(
        &self,
        room_id: &str,
        identity: &str,
        decision: &Decision,
    ) -> Result<Participant> {
        let waiting = self
            .store
            .participant_by_identity(room_id, identity)
            .await?
            .filter(|p| p.admission == AdmissionState::Waiting)
            .ok_or(Error::NotFound)?;
        self.decide_participant(&waiting, decision).await
    }

    async fn decide_participant(
        &self,
        waiting: &Participant,
        decision: &Decision,
    ) -> Result<Participant> {
        let now = self.clock.now();
        let decided = self
            .store
            .decide_admission(&waiting.room_id, &waiting.email, decision, now)
            .await
            .map_err(|e| match e {
                WriteError::NotFound => Error::NotFound,
                WriteError::Store(e) => e.into(),
                other => Error::internal(other),
            })?;
        let waited = (now - waiting.updated_at).as_seconds_f64().max(0.0);
        crate::telemetry::waiting_decided(decision.state(), waited);
        self.announce(match decision {
            Decision::Admit => DomainEvent::ParticipantAdmitted {
                room_id: decided.room_id.clone(),
                email: decided.email.clone(),
                waited_seconds: waited.round() as u64,
                at: now,
            },
            Decision::Deny { .. } => DomainEvent::ParticipantDenied {
                room_id: decided.room_id.clone(),
                email: decided.email.clone(),
                at: now,
            },
        })
        .await;
        Ok(decided)
    }

    /// `POST /api/rooms/{id}/waiting/admit-all`: admits everyone waiting, in one pass
    /// over the list's pages (one conditional write per person, plus one read of a page
    /// per 1,000). Someone decided on meanwhile is skipped, not counted.
    pub async fn admit_all(&self, host: &Host, room_id: &str) -> Result<u64> {
        host.require_write()?;
        self.room_of_host(host, room_id).await?;
        self.admit_all_in(room_id).await
    }

    async fn admit_all_in(&self, room_id: &str) -> Result<u64> {
        let filter = waiting_filter();
        let mut after = None;
        let mut admitted = 0;
        loop {
            let page = self
                .store
                .list_participants(
                    room_id,
                    &filter,
                    &PageRequest {
                        limit: MAX_LIMIT,
                        after: after.clone(),
                    },
                )
                .await?;
            for p in &page.items {
                match self.decide_participant(p, &Decision::Admit).await {
                    Ok(_) => admitted += 1,
                    Err(Error::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            match page.next {
                Some(next) => after = Some(next),
                None => return Ok(admitted),
            }
        }
    }

    /// `POST /rooms/{id}/knock`: the session's denied participant asks again.
    pub async fn knock(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
    ) -> Result<Participant> {
        let page = self.room_page(room_id, session).await?;
        let now = self.clock.now();
        let knocked = self
            .store
            .knock(room_id, &page.participant.email, now)
            .await
            .map_err(|e| match e {
                KnockError::NotFound => Error::NotAParticipant,
                KnockError::Refused(r) => r.into(),
                KnockError::Store(e) => e.into(),
            })?;
        self.announce(DomainEvent::ParticipantKnocked {
            room_id: room_id.to_owned(),
            email: knocked.email.clone(),
            at: now,
        })
        .await;
        Ok(knocked)
    }

    /// The room as an admitted participant sees it: a waiting one is
    /// `awaiting_approval`, a denied one `admission_denied` (with the reason).
    pub async fn admitted_page(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
    ) -> Result<RoomPage> {
        let page = self.room_page(room_id, session).await?;
        match page.participant.admission {
            AdmissionState::Admitted => Ok(page),
            AdmissionState::Waiting => Err(Error::AwaitingApproval),
            AdmissionState::Denied => Err(Error::AdmissionDenied {
                reason: page.participant.denial_reason.clone(),
            }),
        }
    }
}

fn waiting_filter() -> ParticipantFilter {
    ParticipantFilter {
        role: None,
        admission: Some(AdmissionState::Waiting),
    }
}
