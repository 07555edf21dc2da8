//! Live updates in process (local mode): the [`LiveChannel`] behind
//! `GET /rooms/{room_id}/events` (Server-Sent Events, integrations.md §3).
//!
//! Channels, as named in `GET /rooms/{room_id}/live`:
//! - `rooms/{room_id}`: the room's status (`status`, `deleted`);
//! - `rooms/{room_id}/participants/{identity}`: one participant's role (`role`) and the
//!   decision on them in the waiting room (`admission`);
//! - `rooms/{room_id}/waiting`: the room's moderators: the waiting room changed (`waiting`);
//! - `rooms/{room_id}/hosts`: the room's hosts in the console: its numbers changed
//!   (`activity`), served at `/console/rooms/{room_id}/events`.
//!
//! Each channel is a `tokio::sync::watch` that holds only its latest event: a page
//! needs the current status and role, not their history. So a subscriber cannot lag
//! behind and lose the state: one that falls behind (a slow connection) skips straight
//! to the latest event, which is the current state. A channel exists only while someone
//! listens: it is created by the first subscriber and removed with the last, so the
//! registry holds one small entry per open room and per connected participant (a few
//! hundred bytes each), and a message to a channel nobody listens to is dropped (a page
//! that subscribes later reads the current state from the store after subscribing).

use crate::ports::{Channel, LiveChannel, LiveEvent, LiveMessage, LiveSubscription};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::watch;

/// A comment line on every open stream this often (integrations.md: at least every 25 s),
/// so that proxies and browsers keep idle connections open.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The latest event of a channel (`None` until the first one).
type Latest = Option<LiveEvent>;

struct RoomTopic {
    status: watch::Sender<Latest>,
    participants: HashMap<String, watch::Sender<Latest>>,
    /// Moderators' streams hold receivers of it; others never see it.
    waiting: watch::Sender<Latest>,
    /// The console dashboards' streams hold receivers of it.
    hosts: watch::Sender<Latest>,
}

struct Inner {
    rooms: Mutex<HashMap<String, RoomTopic>>,
    public_base_url: String,
    keep_alive: Duration,
    /// `true` once the service shuts down: every stream ends, so that the graceful
    /// shutdown does not wait for open pages.
    closed: watch::Sender<bool>,
}

impl Inner {
    fn rooms(&self) -> MutexGuard<'_, HashMap<String, RoomTopic>> {
        self.rooms.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The in-process broadcast of live updates.
#[derive(Clone)]
pub struct LiveBroadcast {
    inner: Arc<Inner>,
}

/// The room channel's name in `/live`'s `channels`.
pub fn room_channel(room_id: &str) -> String {
    format!("rooms/{room_id}")
}

/// A participant channel's name in `/live`'s `channels`.
pub fn participant_channel(room_id: &str, identity: &str) -> String {
    format!("rooms/{room_id}/participants/{identity}")
}

/// The moderators' channel's name in `/live`'s `channels`.
pub fn waiting_channel(room_id: &str) -> String {
    format!("rooms/{room_id}/waiting")
}

/// The hosts' channel's name in the console's subscription.
pub fn hosts_channel(room_id: &str) -> String {
    format!("rooms/{room_id}/hosts")
}

/// The participant identity a console stream subscribes under (never a participant's:
/// those are `p_…`).
const CONSOLE_IDENTITY: &str = "console";

impl LiveBroadcast {
    /// Streams are served at `{public_base_url}/rooms/{room_id}/events`.
    pub fn new(public_base_url: &str) -> Self {
        Self::with_keep_alive(public_base_url, KEEP_ALIVE)
    }

    /// With another comment interval (tests).
    pub fn with_keep_alive(public_base_url: &str, keep_alive: Duration) -> Self {
        LiveBroadcast {
            inner: Arc::new(Inner {
                rooms: Mutex::new(HashMap::new()),
                public_base_url: public_base_url.trim_end_matches('/').to_owned(),
                keep_alive,
                closed: watch::Sender::new(false),
            }),
        }
    }

    /// The comment interval of the streams.
    pub fn keep_alive(&self) -> Duration {
        self.inner.keep_alive
    }

    /// Listens to the room's channel and the participant's own. Subscribe before
    /// reading the current state: nothing published after this call is missed.
    pub fn subscribe(&self, room_id: &str, identity: &str) -> LiveSubscriber {
        let mut rooms = self.inner.rooms();
        let topic = rooms
            .entry(room_id.to_owned())
            .or_insert_with(|| RoomTopic {
                status: watch::Sender::new(None),
                participants: HashMap::new(),
                waiting: watch::Sender::new(None),
                hosts: watch::Sender::new(None),
            });
        let room = topic.status.subscribe();
        let participant = topic
            .participants
            .entry(identity.to_owned())
            .or_insert_with(|| watch::Sender::new(None))
            .subscribe();
        LiveSubscriber {
            room,
            participant,
            extra: None,
            closed: self.inner.closed.subscribe(),
            inner: self.inner.clone(),
            room_id: room_id.to_owned(),
            identity: identity.to_owned(),
        }
    }

    /// Listens to the room's channel and its hosts' channel (a console dashboard).
    pub fn subscribe_hosts(&self, room_id: &str) -> LiveSubscriber {
        let mut subscriber = self.subscribe(room_id, CONSOLE_IDENTITY);
        let rooms = self.inner.rooms();
        subscriber.extra = rooms.get(room_id).map(|t| t.hosts.subscribe());
        drop(rooms);
        subscriber
    }

    /// Ends every stream (the service is shutting down).
    pub fn close(&self) {
        self.inner.closed.send_replace(true);
    }

    /// Rooms and participant channels with subscribers now.
    pub fn channels(&self) -> (usize, usize) {
        let rooms = self.inner.rooms();
        (
            rooms.len(),
            rooms.values().map(|t| t.participants.len()).sum(),
        )
    }
}

#[async_trait]
impl LiveChannel for LiveBroadcast {
    async fn publish(&self, messages: &[LiveMessage]) {
        let rooms = self.inner.rooms();
        for m in messages {
            let sender = match &m.channel {
                Channel::Room { room_id } => rooms.get(room_id).map(|t| &t.status),
                Channel::Participant { room_id, identity } => rooms
                    .get(room_id)
                    .and_then(|t| t.participants.get(identity)),
                Channel::Waiting { room_id } => rooms.get(room_id).map(|t| &t.waiting),
                Channel::Hosts { room_id } => rooms.get(room_id).map(|t| &t.hosts),
            };
            if let Some(sender) = sender {
                sender.send_replace(Some(m.event.clone()));
                tracing::debug!(
                    room_id = m.channel.room_id(),
                    event = m.event.name(),
                    subscribers = sender.receiver_count(),
                    "live event sent"
                );
            }
        }
    }

    fn subscription(
        &self,
        room_id: &str,
        identity: &str,
        _now: OffsetDateTime,
    ) -> Option<LiveSubscription> {
        Some(LiveSubscription {
            transport: "sse",
            url: format!("{}/rooms/{room_id}/events", self.inner.public_base_url),
            channels: vec![
                room_channel(room_id),
                participant_channel(room_id, identity),
            ],
            token: None,
            host: None,
        })
    }

    fn moderator_subscription(
        &self,
        room_id: &str,
        identity: &str,
        now: OffsetDateTime,
    ) -> Option<LiveSubscription> {
        let mut s = self.subscription(room_id, identity, now)?;
        s.channels.push(waiting_channel(room_id));
        Some(s)
    }

    fn host_subscription(&self, room_id: &str, _now: OffsetDateTime) -> Option<LiveSubscription> {
        Some(LiveSubscription {
            transport: "sse",
            url: format!(
                "{}/console/rooms/{room_id}/events",
                self.inner.public_base_url
            ),
            channels: vec![room_channel(room_id), hosts_channel(room_id)],
            token: None,
            host: None,
        })
    }
}

/// One open stream's view of its two channels; leaving (drop) removes channels that
/// nobody listens to any more.
pub struct LiveSubscriber {
    room: watch::Receiver<Latest>,
    participant: watch::Receiver<Latest>,
    /// A moderator's stream: the room's waiting channel; a console dashboard's: the
    /// room's hosts' channel.
    extra: Option<watch::Receiver<Latest>>,
    closed: watch::Receiver<bool>,
    inner: Arc<Inner>,
    room_id: String,
    identity: String,
}

impl LiveSubscriber {
    /// Also listens to the room's waiting channel (a moderator's stream).
    pub fn with_waiting(mut self) -> Self {
        let rooms = self.inner.rooms();
        let waiting = rooms.get(&self.room_id).map(|t| t.waiting.subscribe());
        drop(rooms);
        self.extra = waiting;
        self
    }

    /// The next event (the room's first when both changed); `None` when the service
    /// shuts down.
    pub async fn next(&mut self) -> Option<LiveEvent> {
        loop {
            if *self.closed.borrow_and_update() {
                return None;
            }
            tokio::select! {
                biased;
                changed = self.closed.changed() => changed.ok()?,
                changed = self.room.changed() => {
                    changed.ok()?;
                    if let Some(event) = self.room.borrow_and_update().clone() {
                        return Some(event);
                    }
                }
                changed = self.participant.changed() => {
                    changed.ok()?;
                    if let Some(event) = self.participant.borrow_and_update().clone() {
                        return Some(event);
                    }
                }
                changed = async {
                    match self.extra.as_mut() {
                        Some(w) => w.changed().await,
                        None => std::future::pending().await,
                    }
                } => {
                    changed.ok()?;
                    if let Some(event) = self.extra.as_mut().and_then(|w| w.borrow_and_update().clone()) {
                        return Some(event);
                    }
                }
            }
        }
    }
}

impl Drop for LiveSubscriber {
    fn drop(&mut self) {
        // Under the registry's lock nobody subscribes meanwhile, so a count of one is
        // this subscriber's own receiver (dropped right after this).
        let mut rooms = self.inner.rooms();
        let Some(topic) = rooms.get_mut(&self.room_id) else {
            return;
        };
        if topic
            .participants
            .get(&self.identity)
            .is_some_and(|p| p.receiver_count() <= 1)
        {
            topic.participants.remove(&self.identity);
        }
        if topic.status.receiver_count() <= 1 {
            rooms.remove(&self.room_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Role, RoomStatus};
    use time::macros::datetime;

    fn live() -> LiveEvent {
        LiveEvent::Status {
            status: RoomStatus::Live,
            starts_at: datetime!(2026-12-01 10:00 UTC),
        }
    }

    fn to_room(room_id: &str, event: LiveEvent) -> LiveMessage {
        LiveMessage {
            channel: Channel::Room {
                room_id: room_id.into(),
            },
            event,
        }
    }

    fn to_participant(room_id: &str, identity: &str, role: Role) -> LiveMessage {
        LiveMessage {
            channel: Channel::Participant {
                room_id: room_id.into(),
                identity: identity.into(),
            },
            event: LiveEvent::Role { role },
        }
    }

    async fn next(s: &mut LiveSubscriber) -> Option<LiveEvent> {
        tokio::time::timeout(Duration::from_secs(5), s.next())
            .await
            .expect("an event in time")
    }

    #[tokio::test]
    async fn room_events_reach_everyone_and_role_events_only_their_participant() {
        let b = LiveBroadcast::new("http://x.test");
        let mut ann = b.subscribe("r1", "p_ann");
        let mut bob = b.subscribe("r1", "p_bob");
        let mut other_room = b.subscribe("r2", "p_ann");
        b.publish(&[to_participant("r1", "p_ann", Role::Speaker)])
            .await;
        b.publish(&[to_room("r1", live())]).await;
        // Ann: both; the room's channel goes first when both changed.
        assert_eq!(
            next(&mut ann).await,
            Some(LiveEvent::Status {
                status: RoomStatus::Live,
                starts_at: datetime!(2026-12-01 10:00 UTC)
            })
        );
        assert_eq!(
            next(&mut ann).await,
            Some(LiveEvent::Role {
                role: Role::Speaker
            })
        );
        assert_eq!(next(&mut bob).await, Some(live()));
        // Nothing more for Bob, nothing at all for the other room.
        b.close();
        assert_eq!(next(&mut bob).await, None);
        assert_eq!(next(&mut other_room).await, None);
    }

    #[tokio::test]
    async fn a_slow_subscriber_gets_the_latest_state() {
        let b = LiveBroadcast::new("http://x.test");
        let mut slow = b.subscribe("r1", "p_ann");
        for role in [
            Role::Speaker,
            Role::Moderator,
            Role::Viewer,
            Role::Moderator,
        ] {
            b.publish(&[to_participant("r1", "p_ann", role)]).await;
        }
        b.publish(&[to_room("r1", LiveEvent::Deleted)]).await;
        assert_eq!(next(&mut slow).await, Some(LiveEvent::Deleted));
        assert_eq!(
            next(&mut slow).await,
            Some(LiveEvent::Role {
                role: Role::Moderator
            })
        );
    }

    #[tokio::test]
    async fn channels_go_away_with_their_last_subscriber() {
        let b = LiveBroadcast::new("http://x.test");
        let tabs: Vec<LiveSubscriber> = (0..3).map(|_| b.subscribe("r1", "p_ann")).collect();
        let bob = b.subscribe("r1", "p_bob");
        let elsewhere = b.subscribe("r2", "p_cy");
        assert_eq!(b.channels(), (2, 3));
        drop(tabs);
        assert_eq!(b.channels(), (2, 2), "Ann's channel is gone");
        drop(bob);
        assert_eq!(b.channels(), (1, 1), "room r1 is gone");
        drop(elsewhere);
        assert_eq!(b.channels(), (0, 0));
        // A message to nobody creates nothing.
        b.publish(&[to_room("r1", live())]).await;
        b.publish(&[to_participant("r1", "p_ann", Role::Speaker)])
            .await;
        assert_eq!(b.channels(), (0, 0));
        // Ten thousand subscribe and leave: nothing stays behind.
        let many: Vec<LiveSubscriber> = (0..10_000)
            .map(|i| b.subscribe(&format!("r{}", i % 7), &format!("p_{i}")))
            .collect();
        assert_eq!(b.channels(), (7, 10_000));
        drop(many);
        assert_eq!(b.channels(), (0, 0));
    }

    #[tokio::test]
    async fn a_new_subscriber_does_not_replay_old_events() {
        let b = LiveBroadcast::new("http://x.test");
        let _first = b.subscribe("r1", "p_ann");
        b.publish(&[to_room("r1", live())]).await;
        let mut late = b.subscribe("r1", "p_bob");
        b.close();
        assert_eq!(next(&mut late).await, None, "only what comes after");
    }

    #[test]
    fn the_subscription_points_at_the_stream() {
        let b = LiveBroadcast::new("https://rooms.example.com/");
        let s = b
            .subscription("r1", "p_ab", datetime!(2026-12-01 10:00 UTC))
            .expect("sse");
        assert_eq!(s.transport, "sse");
        assert_eq!(s.url, "https://rooms.example.com/rooms/r1/events");
        assert_eq!(s.channels, ["rooms/r1", "rooms/r1/participants/p_ab"]);
        assert_eq!(s.token, None);
    }

    /// A console dashboard hears its room's activity and status; a participant's page
    /// never hears the hosts' channel; the channels go when the last listener leaves.
    #[tokio::test]
    async fn the_hosts_channel_reaches_console_streams_only() {
        let b = LiveBroadcast::new("https://rooms.example.com");
        let mut console = b.subscribe_hosts("r1");
        let mut ann = b.subscribe("r1", "p_ann");
        let activity = LiveMessage {
            channel: Channel::Hosts {
                room_id: "r1".into(),
            },
            event: LiveEvent::Activity,
        };
        b.publish(std::slice::from_ref(&activity)).await;
        assert_eq!(next(&mut console).await, Some(LiveEvent::Activity));
        b.publish(&[to_room("r1", live())]).await;
        assert_eq!(next(&mut console).await, Some(live()));
        assert_eq!(next(&mut ann).await, Some(live()), "the room's status only");
        b.publish(&[activity]).await;
        assert_eq!(next(&mut console).await, Some(LiveEvent::Activity));
        drop((console, ann));
        assert_eq!(b.channels(), (0, 0));
        let s = b
            .host_subscription("r1", datetime!(2026-12-01 10:00 UTC))
            .expect("sse");
        assert_eq!(s.url, "https://rooms.example.com/console/rooms/r1/events");
        assert_eq!(s.channels, ["rooms/r1", "rooms/r1/hosts"]);
    }
}
