//! A mailer that fails on demand, around the real one: `Transient` and `Permanent`
//! refuse without sending; `Ambiguous` sends and then reports the answer lost (what a
//! reset after SES accepted the email looks like to the caller). A stall makes sends
//! after the first `n` hang, as a request does whose function is about to time out.

use async_trait::async_trait;
use shared::ports::{MailError, MailFailure, Mailer, OutgoingEmail};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct MailFaults {
    failure: Mutex<Option<MailFailure>>,
    /// Failures left before the mailer works again (`None`: until told otherwise).
    remaining: Mutex<Option<usize>>,
    pub attempts: AtomicUsize,
    /// Sends that go through before every further one hangs (`None`: no stall).
    stall_after: Mutex<Option<usize>>,
}

impl MailFaults {
    /// Every send fails with `failure` until [`MailFaults::heal`].
    pub fn fail(&self, failure: MailFailure) {
        *self.failure.lock().expect("lock") = Some(failure);
        *self.remaining.lock().expect("lock") = None;
    }

    /// The next `n` sends fail with `failure`.
    pub fn fail_next(&self, failure: MailFailure, n: usize) {
        *self.failure.lock().expect("lock") = Some(failure);
        *self.remaining.lock().expect("lock") = Some(n);
    }

    pub fn heal(&self) {
        *self.failure.lock().expect("lock") = None;
        *self.stall_after.lock().expect("lock") = None;
    }

    /// After `n` more sends, every send hangs until [`MailFaults::heal`].
    pub fn stall_after(&self, n: usize) {
        *self.stall_after.lock().expect("lock") = Some(n);
    }

    /// Whether this send hangs (counting down the sends let through).
    fn stalls(&self) -> bool {
        match self.stall_after.lock().expect("lock").as_mut() {
            Some(0) => true,
            Some(n) => {
                *n -= 1;
                false
            }
            None => false,
        }
    }

    fn take(&self) -> Option<MailFailure> {
        let mut failure = self.failure.lock().expect("lock");
        let mut remaining = self.remaining.lock().expect("lock");
        let now = *failure;
        if let Some(n) = remaining.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                *failure = None;
                *remaining = None;
            }
        }
        now
    }
}

pub struct FlakyMailer {
    inner: Arc<dyn Mailer>,
    faults: Arc<MailFaults>,
}

impl FlakyMailer {
    pub fn wrap(faults: Arc<MailFaults>) -> local::MailerWrapper {
        Arc::new(move |inner| {
            Arc::new(FlakyMailer {
                inner,
                faults: faults.clone(),
            }) as Arc<dyn Mailer>
        })
    }
}

#[async_trait]
impl Mailer for FlakyMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        self.faults.attempts.fetch_add(1, Ordering::SeqCst);
        if self.faults.stalls() {
            return std::future::pending().await;
        }
        match self.faults.take() {
            None => self.inner.send(email).await,
            Some(MailFailure::Transient) => Err(MailError::transient("throttled (test)")),
            Some(MailFailure::Permanent) => Err(MailError::permanent("rejected (test)")),
            Some(MailFailure::Ambiguous) => {
                self.inner.send(email).await?;
                Err(MailError::ambiguous(
                    "connection reset after sending (test)",
                ))
            }
        }
    }
}
