//! Local mode's session-start scheduler: one timer task that fires each room's start
//! at `starts_at`. Replacing a room's entry (reschedule) or removing it (deletion)
//! takes effect at once; local mode re-arms pending starts from the store at start-up.

use crate::app::SessionStart;
use crate::ports::{SchedulerError, SessionScheduler};
use async_trait::async_trait;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

#[derive(Clone, Default)]
pub struct LocalScheduler {
    pending: Arc<Mutex<HashMap<String, OffsetDateTime>>>,
    changed: Arc<Notify>,
}

impl LocalScheduler {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts the timer task; `fire` runs for each start when it is due.
    pub fn spawn_runner<F, Fut>(&self, fire: F) -> JoinHandle<()>
    where
        F: Fn(SessionStart) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                let notified = this.changed.notified();
                let next = this.next_due();
                match next {
                    None => notified.await,
                    Some((room_id, starts_at)) => {
                        let wait = starts_at - OffsetDateTime::now_utc();
                        if wait.is_positive() {
                            let wait = std::time::Duration::try_from(wait).unwrap_or_default();
                            tokio::select! {
                                _ = tokio::time::sleep(wait) => {}
                                _ = notified => continue,
                            }
                        }
                        if this.take_if_still(&room_id, starts_at) {
                            tokio::spawn(fire(SessionStart { room_id, starts_at }));
                        }
                    }
                }
            }
        })
    }

    fn next_due(&self) -> Option<(String, OffsetDateTime)> {
        let pending = self.pending.lock().ok()?;
        pending
            .iter()
            .min_by_key(|(_, t)| **t)
            .map(|(id, t)| (id.clone(), *t))
    }

    fn take_if_still(&self, room_id: &str, starts_at: OffsetDateTime) -> bool {
        let Ok(mut pending) = self.pending.lock() else {
            return false;
        };
        if pending.get(room_id) == Some(&starts_at) {
            pending.remove(room_id);
            true
        } else {
            false
        }
    }

    /// Number of armed starts (for start-up logs and tests).
    pub fn armed(&self) -> usize {
        self.pending.lock().map(|p| p.len()).unwrap_or(0)
    }
}

#[async_trait]
impl SessionScheduler for LocalScheduler {
    async fn schedule_start(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<(), SchedulerError> {
        self.pending
            .lock()
            .map_err(|_| SchedulerError("scheduler lock poisoned".into()))?
            .insert(room_id.to_owned(), starts_at);
        self.changed.notify_one();
        Ok(())
    }

    async fn cancel_start(&self, room_id: &str) -> Result<(), SchedulerError> {
        self.pending
            .lock()
            .map_err(|_| SchedulerError("scheduler lock poisoned".into()))?
            .remove(room_id);
        self.changed.notify_one();
        Ok(())
    }
}
