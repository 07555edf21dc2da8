//! Live updates pushed to open pages (integrations.md §3): a channel per room and a
//! channel per participant identity. Local mode carries them on an in-process broadcast
//! (served as Server-Sent Events); AWS on AppSync Events. Publishing is best effort: a
//! failure is the adapter's to log and never fails the request that caused it (pages
//! fall back to polling).

use crate::domain::{AdmissionState, Permission, Role, RoomStatus};
use async_trait::async_trait;
use serde_json::json;
use time::OffsetDateTime;

/// Where a live message goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Channel {
    /// Everyone with the room open: status and deletion.
    Room { room_id: String },
    /// One participant (its identity, see [`crate::domain::participant_identity`]): role.
    Participant { room_id: String, identity: String },
    /// The room's moderators: the waiting room changed (someone knocked, or was decided on).
    Waiting { room_id: String },
    /// The room's hosts in the console: its numbers changed (invites, redemptions,
    /// roles, the waiting room); their dashboard reads them again.
    Hosts { room_id: String },
}

impl Channel {
    pub fn room_id(&self) -> &str {
        match self {
            Channel::Room { room_id }
            | Channel::Participant { room_id, .. }
            | Channel::Waiting { room_id }
            | Channel::Hosts { room_id } => room_id,
        }
    }
}

/// What a page is told; the SSE `event:` name and `data:` JSON of integrations.md §3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    Status {
        status: RoomStatus,
        starts_at: OffsetDateTime,
    },
    Deleted,
    Role {
        role: Role,
    },
    /// A decision on a waiting participant (their own channel): their page follows it.
    Admission {
        admission: AdmissionState,
    },
    /// The waiting room changed (the moderators' channel): their panel reads it again.
    Waiting,
    /// The room's numbers changed (the hosts' channel): the dashboard reads them again.
    Activity,
}

impl LiveEvent {
    /// `status`, `deleted`, `role` or `admission`.
    pub fn name(&self) -> &'static str {
        match self {
            LiveEvent::Status { .. } => "status",
            LiveEvent::Deleted => "deleted",
            LiveEvent::Role { .. } => "role",
            LiveEvent::Admission { .. } => "admission",
            LiveEvent::Waiting => "waiting",
            LiveEvent::Activity => "activity",
        }
    }

    /// The event's `data`.
    pub fn data(&self) -> serde_json::Value {
        match self {
            LiveEvent::Status { status, starts_at } => json!({
                "status": status.as_str(),
                "starts_at": crate::domain::time_fmt::format(*starts_at),
            }),
            LiveEvent::Deleted => json!({}),
            LiveEvent::Role { role } => json!({
                "role": role.as_str(),
                "permissions": role.permissions().iter().map(|p: &Permission| p.as_str()).collect::<Vec<_>>(),
            }),
            LiveEvent::Admission { admission } => json!({ "admission": admission.as_str() }),
            LiveEvent::Waiting | LiveEvent::Activity => json!({}),
        }
    }
}

/// One message on one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveMessage {
    pub channel: Channel,
    pub event: LiveEvent,
}

/// How an admitted participant's page subscribes: the body of `GET /rooms/{id}/live`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LiveSubscription {
    /// `sse` (local mode) or `appsync`.
    pub transport: &'static str,
    /// The SSE endpoint, or the AppSync Events realtime (WebSocket) endpoint.
    pub url: String,
    /// The channels the page listens to: its room's and its own.
    pub channels: Vec<String>,
    /// The short-lived subscribe token (`null` for SSE: the session cookie is enough).
    pub token: Option<String>,
    /// AppSync: the Event API's HTTP domain, the `host` of the authorization header the
    /// page sends with its token (absent for SSE).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

#[async_trait]
pub trait LiveChannel: Send + Sync + 'static {
    /// Sends the messages (in order); failures are logged, never returned.
    async fn publish(&self, messages: &[LiveMessage]);

    /// How the participant `identity` of `room_id` subscribes; `None`: no live
    /// updates here (pages poll).
    fn subscription(
        &self,
        room_id: &str,
        identity: &str,
        now: OffsetDateTime,
    ) -> Option<LiveSubscription>;

    /// [`Self::subscription`] for an admitted moderator: their room's waiting channel too.
    fn moderator_subscription(
        &self,
        room_id: &str,
        identity: &str,
        now: OffsetDateTime,
    ) -> Option<LiveSubscription> {
        self.subscription(room_id, identity, now)
    }

    /// How a host's console dashboard of `room_id` subscribes: the room's channel and
    /// its hosts' channel. `None`: no live updates here (the dashboard polls).
    fn host_subscription(&self, _room_id: &str, _now: OffsetDateTime) -> Option<LiveSubscription> {
        None
    }
}

/// No live updates: pages poll (the functions before AppSync Events is configured).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoLiveChannel;

#[async_trait]
impl LiveChannel for NoLiveChannel {
    async fn publish(&self, _messages: &[LiveMessage]) {}

    fn subscription(&self, _: &str, _: &str, _: OffsetDateTime) -> Option<LiveSubscription> {
        None
    }
}
