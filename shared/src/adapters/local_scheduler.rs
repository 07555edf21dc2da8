//! Local mode's scheduler: one timer task that fires each job when it is due — the
//! rooms' session starts (keyed by room id) and the one-time jobs of room mail
//! (reminders, updates, cancellations; keyed by job name). Replacing an entry
//! (reschedule) or removing it (deletion) takes effect at once; local mode re-arms the
//! pending starts and reminders from the store at start-up.

use crate::app::{Job, SessionStart};
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
    pending: Arc<Mutex<HashMap<String, (OffsetDateTime, Job)>>>,
    changed: Arc<Notify>,
}

impl LocalScheduler {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts the timer task; `fire` runs for each job when it is due.
    pub fn spawn_runner<F, Fut>(&self, fire: F) -> JoinHandle<()>
    where
        F: Fn(Job) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                let notified = this.changed.notified();
                let next = this.next_due();
                match next {
                    None => notified.await,
                    Some((name, at, job)) => {
                        let wait = at - OffsetDateTime::now_utc();
                        if wait.is_positive() {
                            let wait = std::time::Duration::try_from(wait).unwrap_or_default();
                            tokio::select! {
                                _ = tokio::time::sleep(wait) => {}
                                _ = notified => continue,
                            }
                        }
                        if this.take_if_still(&name, at, &job) {
                            tokio::spawn(fire(job));
                        }
                    }
                }
            }
        })
    }

    fn next_due(&self) -> Option<(String, OffsetDateTime, Job)> {
        let pending = self.pending.lock().ok()?;
        pending
            .iter()
            .min_by_key(|(_, (t, _))| *t)
            .map(|(name, (t, job))| (name.clone(), *t, job.clone()))
    }

    fn take_if_still(&self, name: &str, at: OffsetDateTime, job: &Job) -> bool {
        let Ok(mut pending) = self.pending.lock() else {
            return false;
        };
        if pending.get(name).is_some_and(|(t, j)| *t == at && j == job) {
            pending.remove(name);
            true
        } else {
            false
        }
    }

    fn insert(&self, name: &str, at: OffsetDateTime, job: Job) -> Result<(), SchedulerError> {
        self.pending
            .lock()
            .map_err(|_| SchedulerError("scheduler lock poisoned".into()))?
            .insert(name.to_owned(), (at, job));
        self.changed.notify_one();
        Ok(())
    }

    fn remove(&self, name: &str) -> Result<(), SchedulerError> {
        self.pending
            .lock()
            .map_err(|_| SchedulerError("scheduler lock poisoned".into()))?
            .remove(name);
        self.changed.notify_one();
        Ok(())
    }

    /// Number of armed session starts (for start-up logs and tests).
    pub fn armed(&self) -> usize {
        self.pending
            .lock()
            .map(|p| {
                p.values()
                    .filter(|(_, j)| matches!(j, Job::SessionStart(_)))
                    .count()
            })
            .unwrap_or(0)
    }

    /// The names of the armed jobs other than session starts (tests).
    pub fn armed_jobs(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .pending
            .lock()
            .map(|p| {
                p.iter()
                    .filter(|(_, (_, j))| !matches!(j, Job::SessionStart(_)))
                    .map(|(n, _)| n.clone())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

#[async_trait]
impl SessionScheduler for LocalScheduler {
    async fn schedule_start(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<(), SchedulerError> {
        let job = Job::SessionStart(SessionStart {
            room_id: room_id.to_owned(),
            starts_at,
        });
        self.insert(room_id, starts_at, job)
    }

    async fn cancel_start(&self, room_id: &str) -> Result<(), SchedulerError> {
        self.remove(room_id)
    }

    async fn schedule_job(
        &self,
        name: &str,
        at: OffsetDateTime,
        job: &serde_json::Value,
    ) -> Result<(), SchedulerError> {
        let job: Job = serde_json::from_value(job.clone())
            .map_err(|e| SchedulerError(format!("not a job: {e}")))?;
        self.insert(name, at, job)
    }

    async fn cancel_job(&self, name: &str) -> Result<(), SchedulerError> {
        self.remove(name)
    }
}

/// Local mode's mail queue: the retry is a one-time job of the same timer. It lives in
/// memory; what a restart loses is found again in the store (invites still `pending` or
/// `queued`) and queued anew at start-up.
#[async_trait]
impl crate::ports::MailQueue for LocalScheduler {
    async fn enqueue(
        &self,
        name: &str,
        job: &serde_json::Value,
        delay: std::time::Duration,
    ) -> Result<(), crate::ports::QueueError> {
        let job: Job = serde_json::from_value(job.clone())
            .map_err(|e| crate::ports::QueueError(format!("not a job: {e}")))?;
        let at = OffsetDateTime::now_utc() + delay;
        self.insert(name, at, job)
            .map_err(|e| crate::ports::QueueError(e.to_string()))
    }
}
