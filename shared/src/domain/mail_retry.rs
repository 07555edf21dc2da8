//! When an email the mailer refused for a transient reason is tried again, and when the
//! service gives up on it.

use time::Duration;

/// The backoff of queued emails and the window they are retried in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailRetryPolicy {
    /// The wait before the first retry; doubled for each one after it.
    pub first_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
    /// How long after the first failure an email is retried (`MAIL_RETRY_HOURS`);
    /// after it, the invite's delivery becomes `failed`.
    pub window: Duration,
}

pub const DEFAULT_WINDOW: Duration = Duration::hours(24);

impl Default for MailRetryPolicy {
    fn default() -> Self {
        MailRetryPolicy {
            first_delay: Duration::minutes(1),
            max_delay: Duration::hours(1),
            window: DEFAULT_WINDOW,
        }
    }
}

impl MailRetryPolicy {
    /// The wait before retry number `attempt` (1, 2, …); 0 is "at once" (an email
    /// found unsent after a restart).
    pub fn delay(&self, attempt: u32) -> Duration {
        if attempt == 0 {
            return Duration::ZERO;
        }
        let factor = 2i32.saturating_pow(attempt.saturating_sub(1).min(30));
        self.first_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }

    /// Whether an email that first failed at `first_failed_at` is still retried at `now`.
    pub fn still_retrying(
        &self,
        first_failed_at: time::OffsetDateTime,
        now: time::OffsetDateTime,
    ) -> bool {
        now < first_failed_at + self.window
    }

    /// The attempts a window holds with this backoff (for the docs and the alarm).
    pub fn attempts_in_window(&self) -> u32 {
        let mut spent = Duration::ZERO;
        let mut attempt = 0;
        while attempt < 10_000 {
            let next = self.delay(attempt + 1);
            if spent + next >= self.window {
                break;
            }
            spent += next;
            attempt += 1;
        }
        attempt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_backoff_doubles_up_to_an_hour() {
        let p = MailRetryPolicy::default();
        let minutes: Vec<i64> = (0..=8).map(|a| p.delay(a).whole_minutes()).collect();
        assert_eq!(minutes, [0, 1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(p.delay(u32::MAX), Duration::hours(1), "no overflow");
    }

    #[test]
    fn a_day_of_retries_then_failed() {
        let p = MailRetryPolicy::default();
        let first = datetime!(2030-01-01 10:00 UTC);
        assert!(p.still_retrying(first, first + Duration::hours(23)));
        assert!(!p.still_retrying(first, first + Duration::hours(24)));
        // 1+2+…+32 minutes, then hourly: 6 + 22 attempts in 24 h.
        assert_eq!(p.attempts_in_window(), 28);
    }
}
