//! A short read-through cache of the public room data, per instance (one Lambda
//! execution environment, or the local process), in front of `Store::get_room` for the
//! public reads only: `/rooms/{id}/status`, the event and room pages, `/me`, `/entry` and
//! the lobby. At the session-start wave every one of those reads the same room item; with
//! this cache an instance reads it at most once per [`PUBLIC_ROOM_TTL`], however many
//! requests it serves, and concurrent misses share one store read.
//!
//! The host API and the writes never read through it (a `PATCH` compares the stored
//! version), and every room write made by this instance forgets the room, so:
//! - after this instance changed a room (reschedule, delete, session start), its next
//!   public read sees the change (no stale answer at all);
//! - a change made by another instance shows within [`PUBLIC_ROOM_TTL`] (1 s);
//! - a cached `scheduled` room whose `starts_at` has passed is served for at most
//!   [`PAST_START_TTL`] (250 ms) after the read that filled it, so once the trigger has
//!   set it live anywhere, this instance says `live` within 250 ms (≤ 4 store reads per
//!   second per room and instance in that window).
//!
//! Unknown rooms are not cached (nothing to hold for a mistyped or made-up id), and the
//! cache holds at most [`MAX_ROOMS`] rooms: when full, expired entries are dropped first,
//! and if all are fresh the cache is emptied (a burst of store reads, never a wrong answer).

use crate::domain::{Room, RoomStatus};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::OnceCell;
use tokio::time::Instant;

/// How long a cached room answers the public reads.
pub const PUBLIC_ROOM_TTL: Duration = Duration::from_secs(1);
/// How long a cached `scheduled` room whose `starts_at` has passed answers them.
pub const PAST_START_TTL: Duration = Duration::from_millis(250);
/// Rooms held at most.
pub const MAX_ROOMS: usize = 10_000;

/// One room's entry: when its store read began, and the read (shared by the requests
/// that arrive while it runs).
struct Slot {
    started: Instant,
    read: Arc<OnceCell<Option<Arc<Room>>>>,
}

pub struct PublicRooms {
    ttl: Duration,
    past_start_ttl: Duration,
    slots: Mutex<HashMap<String, Slot>>,
}

impl Default for PublicRooms {
    fn default() -> Self {
        Self::new(PUBLIC_ROOM_TTL, PAST_START_TTL)
    }
}

impl PublicRooms {
    pub fn new(ttl: Duration, past_start_ttl: Duration) -> Self {
        PublicRooms {
            ttl,
            past_start_ttl: past_start_ttl.min(ttl),
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// No caching: every read goes to the store.
    pub fn disabled() -> Self {
        Self::new(Duration::ZERO, Duration::ZERO)
    }

    fn slots(&self) -> MutexGuard<'_, HashMap<String, Slot>> {
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The room `room_id` (deleted ones included, as the store returns them), from the
    /// cache while fresh at `now`, else from `read` (one read for all concurrent callers).
    pub async fn get<F, Fut, E>(
        &self,
        room_id: &str,
        now: OffsetDateTime,
        read: F,
    ) -> Result<Option<Arc<Room>>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Option<Room>, E>>,
    {
        if self.ttl.is_zero() {
            return read().await.map(|r| r.map(Arc::new));
        }
        let cell = {
            let mut slots = self.slots();
            match slots.get(room_id).filter(|s| self.is_fresh(s, now)) {
                Some(slot) => slot.read.clone(),
                None => {
                    if slots.len() >= MAX_ROOMS {
                        slots.retain(|_, s| self.is_fresh(s, now));
                        if slots.len() >= MAX_ROOMS {
                            slots.clear();
                        }
                    }
                    let read = Arc::new(OnceCell::new());
                    slots.insert(
                        room_id.to_owned(),
                        Slot {
                            started: Instant::now(),
                            read: read.clone(),
                        },
                    );
                    read
                }
            }
        };
        // A failed read leaves the cell empty: the next caller reads again.
        cell.get_or_try_init(|| async { read().await.map(|r| r.map(Arc::new)) })
            .await
            .cloned()
    }

    fn is_fresh(&self, slot: &Slot, now: OffsetDateTime) -> bool {
        match slot.read.get() {
            // A read in flight: join it.
            None => true,
            Some(None) => false,
            Some(Some(room)) => {
                let ttl = if room.status == RoomStatus::Scheduled && now >= room.starts_at {
                    self.past_start_ttl
                } else {
                    self.ttl
                };
                slot.started.elapsed() < ttl
            }
        }
    }

    /// Drops the cached room: called after every write of this instance to it.
    pub fn forget(&self, room_id: &str) {
        self.slots().remove(room_id);
    }

    /// Rooms held now (tests).
    pub fn len(&self) -> usize {
        self.slots().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use time::macros::datetime;

    fn room(status: RoomStatus, starts_at: OffsetDateTime) -> Room {
        Room {
            room_id: "r1".into(),
            org: "o".into(),
            title: "T".into(),
            description: String::new(),
            starts_at,
            ends_at: None,
            speakers: vec![],
            attachments: vec![],
            status,
            reminders: vec![],
            admission: Default::default(),
            locale: None,
            timezone: None,
            created_by: "h".into(),
            created_at: starts_at,
            deleted_at: None,
            version: 1,
        }
    }

    async fn read_counted(
        cache: &PublicRooms,
        reads: &AtomicUsize,
        stored: &Room,
        now: OffsetDateTime,
    ) -> Arc<Room> {
        cache
            .get("r1", now, || async {
                reads.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>(Some(stored.clone()))
            })
            .await
            .unwrap()
            .unwrap()
    }

    const START: OffsetDateTime = datetime!(2030-01-01 12:00 UTC);

    #[tokio::test(start_paused = true)]
    async fn a_room_is_read_once_per_ttl_and_forgotten_on_a_write() {
        let cache = PublicRooms::default();
        let reads = AtomicUsize::new(0);
        let stored = room(RoomStatus::Scheduled, START);
        let before = START - time::Duration::minutes(5);
        for _ in 0..100 {
            read_counted(&cache, &reads, &stored, before).await;
        }
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        tokio::time::advance(PUBLIC_ROOM_TTL).await;
        read_counted(&cache, &reads, &stored, before).await;
        assert_eq!(reads.load(Ordering::SeqCst), 2);
        cache.forget("r1");
        let live = room(RoomStatus::Live, START);
        assert_eq!(
            read_counted(&cache, &reads, &live, before).await.status,
            RoomStatus::Live
        );
        assert_eq!(reads.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn a_scheduled_room_past_its_start_is_read_again_after_the_short_ttl() {
        let cache = PublicRooms::default();
        let reads = AtomicUsize::new(0);
        let stored = room(RoomStatus::Scheduled, START);
        read_counted(&cache, &reads, &stored, START).await;
        tokio::time::advance(PAST_START_TTL - Duration::from_millis(1)).await;
        read_counted(&cache, &reads, &stored, START).await;
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        tokio::time::advance(Duration::from_millis(1)).await;
        let live = room(RoomStatus::Live, START);
        assert_eq!(
            read_counted(&cache, &reads, &live, START).await.status,
            RoomStatus::Live
        );
        assert_eq!(reads.load(Ordering::SeqCst), 2);
        // A live room keeps the full TTL.
        tokio::time::advance(PUBLIC_ROOM_TTL - Duration::from_millis(1)).await;
        read_counted(&cache, &reads, &live, START).await;
        assert_eq!(reads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_misses_share_one_read_and_failures_are_not_cached() {
        let cache = Arc::new(PublicRooms::default());
        let reads = Arc::new(AtomicUsize::new(0));
        let stored = room(RoomStatus::Scheduled, START);
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (cache, reads, stored) = (cache.clone(), reads.clone(), stored.clone());
                tokio::spawn(async move {
                    cache
                        .get("r1", START - time::Duration::hours(1), || async {
                            reads.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            Ok::<_, ()>(Some(stored))
                        })
                        .await
                })
            })
            .collect();
        for t in tasks {
            assert!(t.await.unwrap().unwrap().is_some());
        }
        assert_eq!(reads.load(Ordering::SeqCst), 1);

        let failing = PublicRooms::default();
        let r = failing
            .get("r2", START, || async { Err::<Option<Room>, _>("down") })
            .await;
        assert!(r.is_err());
        let r = failing
            .get("r2", START, || async { Ok::<_, &str>(None) })
            .await;
        assert_eq!(r, Ok(None));
        // Unknown rooms are read again each time.
        let again = AtomicUsize::new(0);
        failing
            .get("r2", START, || async {
                again.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>(None)
            })
            .await
            .unwrap();
        assert_eq!(again.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_disabled_cache_always_reads() {
        let cache = PublicRooms::disabled();
        let reads = AtomicUsize::new(0);
        let stored = room(RoomStatus::Scheduled, START);
        for _ in 0..3 {
            read_counted(&cache, &reads, &stored, START).await;
        }
        assert_eq!(reads.load(Ordering::SeqCst), 3);
        assert!(cache.is_empty());
    }
}
