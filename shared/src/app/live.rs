//! Domain events and the live updates they mean for open pages (integrations.md §3).

use super::{App, AppConfig, Host, RoomPage};
use crate::domain::{AdmissionState, DomainEvent, EmailAddress, Error, Result, RoomStatus};
use crate::ports::{Channel, LiveEvent, LiveMessage, LiveSubscription};

impl App {
    /// Publishes a domain event, after pushing the live updates it means to the open
    /// pages (first: they are what tens of thousands of people wait for).
    pub(crate) async fn announce(&self, event: DomainEvent) {
        let messages = live_messages(&event, &self.config);
        if !messages.is_empty() {
            self.live.publish(&messages).await;
        }
        self.events.publish(event).await;
    }

    /// `GET /rooms/{id}/live`: how the session's participant subscribes to its room's
    /// and its own channel; `not_found` where there are no live updates (pages poll).
    pub async fn live_subscription(
        &self,
        room_id: &str,
        session: Option<&EmailAddress>,
    ) -> Result<LiveSubscription> {
        let page = self.room_page(room_id, session).await?;
        let identity = self
            .config
            .participant_identity(room_id, &page.participant.email);
        let subscription = if is_moderator(&page) {
            self.live
                .moderator_subscription(room_id, &identity, page.now)
        } else {
            self.live.subscription(room_id, &identity, page.now)
        };
        subscription.ok_or(Error::NotFound)
    }

    /// How a host's console dashboard follows `room_id` (their organization's): its
    /// room's and its hosts' channel; `not_found` where there are no live updates.
    pub async fn host_live_subscription(
        &self,
        host: &Host,
        room_id: &str,
    ) -> Result<LiveSubscription> {
        let room = self.room_of_host(host, room_id).await?;
        self.live
            .host_subscription(&room.room_id, self.clock.now())
            .ok_or(Error::NotFound)
    }
}

/// The hosts' channel of `room_id`: its numbers changed.
fn activity(room_id: &str) -> LiveMessage {
    LiveMessage {
        channel: Channel::Hosts {
            room_id: room_id.to_owned(),
        },
        event: LiveEvent::Activity,
    }
}

fn waiting_changed(room_id: &str) -> LiveMessage {
    LiveMessage {
        channel: Channel::Waiting {
            room_id: room_id.to_owned(),
        },
        event: LiveEvent::Waiting,
    }
}

/// An admitted moderator: their pages also follow the room's waiting channel.
pub fn is_moderator(page: &RoomPage) -> bool {
    page.participant.is_admitted() && page.participant.role == crate::domain::Role::Moderator
}

/// The state a page starts from: the room's status, then the participant's role (the
/// first events of a stream).
pub fn current_state(page: &RoomPage) -> [LiveEvent; 2] {
    [
        LiveEvent::Status {
            status: page.room.status,
            starts_at: page.room.starts_at,
        },
        LiveEvent::Role {
            role: page.participant.role,
        },
    ]
}

/// The live messages of a domain event: room status and deletion on the room's channel,
/// role changes on the participant's own channel, and on the hosts' channel a note that
/// the room's numbers changed.
pub fn live_messages(event: &DomainEvent, config: &AppConfig) -> Vec<LiveMessage> {
    let mut messages = page_messages(event, config);
    if let Some(room_id) = changes_numbers(event) {
        messages.push(activity(room_id));
    }
    messages
}

/// The room whose dashboard numbers `event` changes (every event but a code mailed or
/// refused and a sign-in, which the dashboard does not count).
fn changes_numbers(event: &DomainEvent) -> Option<&str> {
    match event {
        DomainEvent::InviteIssued { room_id, .. }
        | DomainEvent::InviteRedeemed { room_id, .. }
        | DomainEvent::InviteRevoked { room_id, .. }
        | DomainEvent::ParticipantRoleChanged { room_id, .. }
        | DomainEvent::SessionStarted { room_id, .. }
        | DomainEvent::ParticipantKnocked { room_id, .. }
        | DomainEvent::ParticipantAdmitted { room_id, .. }
        | DomainEvent::ParticipantDenied { room_id, .. } => Some(room_id),
        DomainEvent::RoomRescheduled { .. }
        | DomainEvent::RoomDeleted { .. }
        | DomainEvent::AdmissionCodeSent { .. }
        | DomainEvent::InviteeSignIn { .. }
        | DomainEvent::AdmissionCodeRejected { .. } => None,
    }
}

/// The messages of `event` for the invitees' and moderators' pages.
fn page_messages(event: &DomainEvent, config: &AppConfig) -> Vec<LiveMessage> {
    let room = |room_id: &str| Channel::Room {
        room_id: room_id.to_owned(),
    };
    match event {
        DomainEvent::SessionStarted {
            room_id, starts_at, ..
        } => vec![LiveMessage {
            channel: room(room_id),
            event: LiveEvent::Status {
                status: RoomStatus::Live,
                starts_at: *starts_at,
            },
        }],
        DomainEvent::RoomRescheduled {
            room_id, starts_at, ..
        } => vec![LiveMessage {
            channel: room(room_id),
            event: LiveEvent::Status {
                status: RoomStatus::Scheduled,
                starts_at: *starts_at,
            },
        }],
        DomainEvent::RoomDeleted { room_id, .. } => vec![LiveMessage {
            channel: room(room_id),
            event: LiveEvent::Deleted,
        }],
        DomainEvent::ParticipantRoleChanged {
            room_id, email, to, ..
        } => vec![LiveMessage {
            channel: Channel::Participant {
                room_id: room_id.clone(),
                identity: config.participant_identity(room_id, email),
            },
            event: LiveEvent::Role { role: *to },
        }],
        DomainEvent::ParticipantAdmitted { room_id, email, .. }
        | DomainEvent::ParticipantDenied { room_id, email, .. } => vec![
            LiveMessage {
                channel: Channel::Participant {
                    room_id: room_id.clone(),
                    identity: config.participant_identity(room_id, email),
                },
                event: LiveEvent::Admission {
                    admission: if matches!(event, DomainEvent::ParticipantAdmitted { .. }) {
                        AdmissionState::Admitted
                    } else {
                        AdmissionState::Denied
                    },
                },
            },
            waiting_changed(room_id),
        ],
        DomainEvent::ParticipantKnocked { room_id, .. } => vec![waiting_changed(room_id)],
        // For the hosts' channel only (see `changes_numbers`).
        DomainEvent::InviteIssued { .. }
        | DomainEvent::InviteRedeemed { .. }
        | DomainEvent::InviteRevoked { .. }
        | DomainEvent::AdmissionCodeSent { .. }
        | DomainEvent::InviteeSignIn { .. }
        | DomainEvent::AdmissionCodeRejected { .. } => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DomainPolicy, EmailAddress, Role};
    use time::macros::datetime;

    fn config() -> AppConfig {
        AppConfig {
            mail_retry: Default::default(),
            public_base_url: "https://x.test".into(),
            policy: DomainPolicy::from_lists("", ""),
            link_key: vec![1; 32],
            organizer: "a@x.test".into(),
            unsubscribe_key: b"unsubscribe-test-key-of-32-bytes".to_vec(),
            identity_key: vec![2; 32],
            list_key: vec![3; 32],
            participant_invite_limit: 0,
            admission: Default::default(),
        }
    }

    #[test]
    fn role_changes_go_to_the_participant_channel_and_tell_the_hosts() {
        let c = config();
        let email = EmailAddress::parse("ann@example.com").expect("email");
        let m = live_messages(
            &DomainEvent::ParticipantRoleChanged {
                room_id: "r1".into(),
                email: email.clone(),
                from: Role::Viewer,
                to: Role::Speaker,
                at: datetime!(2026-12-01 10:00 UTC),
            },
            &c,
        );
        assert_eq!(m.len(), 2);
        assert_eq!(m[1], activity("r1"), "the dashboard's numbers changed");
        assert_eq!(
            m[0].channel,
            Channel::Participant {
                room_id: "r1".into(),
                identity: c.participant_identity("r1", &email)
            }
        );
        assert_eq!(m[0].event.name(), "role");
        assert_eq!(
            m[0].event.data(),
            serde_json::json!({"role": "speaker", "permissions": ["live", "chat", "qa", "interactions", "backchannel"]})
        );
    }

    #[test]
    fn session_start_and_reschedule_are_status_events_on_the_room_channel() {
        let c = config();
        let at = datetime!(2026-12-01 10:00 UTC);
        let started = live_messages(
            &DomainEvent::SessionStarted {
                room_id: "r1".into(),
                starts_at: at,
                at,
            },
            &c,
        );
        assert_eq!(
            started[0].channel,
            Channel::Room {
                room_id: "r1".into()
            }
        );
        assert_eq!(
            started[0].event.data(),
            serde_json::json!({"status": "live", "starts_at": "2026-12-01T10:00:00Z"})
        );
        let moved = live_messages(
            &DomainEvent::RoomRescheduled {
                room_id: "r1".into(),
                starts_at: at,
                at,
            },
            &c,
        );
        assert_eq!(moved[0].event.data()["status"], "scheduled");
        let deleted = live_messages(
            &DomainEvent::RoomDeleted {
                room_id: "r1".into(),
                at,
            },
            &c,
        );
        assert_eq!(deleted[0].event.name(), "deleted");
        assert_eq!(deleted[0].event.data(), serde_json::json!({}));
    }
}
