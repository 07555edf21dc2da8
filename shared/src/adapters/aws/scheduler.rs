//! The session-start trigger on EventBridge Scheduler: one one-time `at(...)` schedule
//! per room in `SCHEDULE_GROUP`, targeting the session-start function with the payload
//! `{room_id, starts_at}` (`app::SessionStart`), deleted by Scheduler after it ran; and
//! one-time schedules for the jobs of room mail (`app::Job::Mailing`: reminders,
//! updates, cancellations) with the same target, which dispatches on the payload.

use crate::app::SessionStart;
use crate::ports::{SchedulerError, SessionScheduler};
use async_trait::async_trait;
use aws_sdk_scheduler::error::DisplayErrorContext;
use aws_sdk_scheduler::operation::create_schedule::CreateScheduleError;
use aws_sdk_scheduler::operation::delete_schedule::DeleteScheduleError;
use aws_sdk_scheduler::types::{
    ActionAfterCompletion, FlexibleTimeWindow, FlexibleTimeWindowMode, RetryPolicy, Target,
};
use time::macros::format_description;
use time::OffsetDateTime;

/// Retries of a failed invocation, for up to an hour after the start.
const MAX_RETRY_ATTEMPTS: i32 = 10;
const MAX_EVENT_AGE_SECONDS: i32 = 3_600;

pub struct EventBridgeScheduler {
    client: aws_sdk_scheduler::Client,
    group: String,
    function_arn: String,
    role_arn: String,
}

/// The schedule's name: `room-` and the room id, restricted to Scheduler's
/// `[0-9a-zA-Z-_.]{1,64}`.
pub fn schedule_name(room_id: &str) -> String {
    format!("room-{}", safe_name(room_id, 59))
}

/// A job's schedule name (reminders, room mailings), within Scheduler's rules.
pub fn job_schedule_name(name: &str) -> String {
    safe_name(name, 64)
}

fn safe_name(name: &str, max: usize) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(max)
        .collect()
}

/// Scheduler runs one-time schedules whose time is ahead: a job due now runs a minute
/// from now.
const SOONEST: time::Duration = time::Duration::minutes(1);

/// `at(yyyy-mm-ddThh:mm:ss)` in UTC.
pub fn at_expression(t: OffsetDateTime) -> Result<String, SchedulerError> {
    let f = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let utc = t.to_offset(time::UtcOffset::UTC);
    utc.format(&f)
        .map(|s| format!("at({s})"))
        .map_err(|e| SchedulerError(format!("cannot format the start: {e}")))
}

fn failed(what: &str, e: impl std::error::Error + 'static) -> SchedulerError {
    SchedulerError(format!("{what}: {}", DisplayErrorContext(e)))
}

impl EventBridgeScheduler {
    pub fn new(
        client: aws_sdk_scheduler::Client,
        group: String,
        function_arn: String,
        role_arn: String,
    ) -> Self {
        EventBridgeScheduler {
            client,
            group,
            function_arn,
            role_arn,
        }
    }

    fn target(&self, input: String) -> Result<Target, SchedulerError> {
        let retry = RetryPolicy::builder()
            .maximum_retry_attempts(MAX_RETRY_ATTEMPTS)
            .maximum_event_age_in_seconds(MAX_EVENT_AGE_SECONDS)
            .build();
        Target::builder()
            .arn(&self.function_arn)
            .role_arn(&self.role_arn)
            .input(input)
            .retry_policy(retry)
            .build()
            .map_err(|e| SchedulerError(e.to_string()))
    }
}

fn off() -> Result<FlexibleTimeWindow, SchedulerError> {
    FlexibleTimeWindow::builder()
        .mode(FlexibleTimeWindowMode::Off)
        .build()
        .map_err(|e| SchedulerError(e.to_string()))
}

impl EventBridgeScheduler {
    /// Creates the one-time schedule `name`, or replaces it when it exists.
    async fn upsert(
        &self,
        name: &str,
        at: OffsetDateTime,
        input: String,
    ) -> Result<(), SchedulerError> {
        let expression = at_expression(at)?;
        let created = self
            .client
            .create_schedule()
            .name(name)
            .group_name(&self.group)
            .schedule_expression(&expression)
            .schedule_expression_timezone("UTC")
            .flexible_time_window(off()?)
            .target(self.target(input.clone())?)
            .action_after_completion(ActionAfterCompletion::Delete)
            .send()
            .await;
        match created {
            Ok(_) => Ok(()),
            Err(e)
                if matches!(
                    e.as_service_error(),
                    Some(CreateScheduleError::ConflictException(_))
                ) =>
            {
                // Rescheduled: the schedule exists; replace it.
                self.client
                    .update_schedule()
                    .name(name)
                    .group_name(&self.group)
                    .schedule_expression(&expression)
                    .schedule_expression_timezone("UTC")
                    .flexible_time_window(off()?)
                    .target(self.target(input)?)
                    .action_after_completion(ActionAfterCompletion::Delete)
                    .send()
                    .await
                    .map_err(|e| failed("update schedule", e))?;
                Ok(())
            }
            Err(e) => Err(failed("create schedule", e)),
        }
    }

    /// Deletes the schedule `name`; one that is already gone is fine.
    async fn delete(&self, name: &str) -> Result<(), SchedulerError> {
        let deleted = self
            .client
            .delete_schedule()
            .name(name)
            .group_name(&self.group)
            .send()
            .await;
        match deleted {
            Ok(_) => Ok(()),
            Err(e)
                if matches!(
                    e.as_service_error(),
                    Some(DeleteScheduleError::ResourceNotFoundException(_))
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(failed("delete schedule", e)),
        }
    }
}

fn to_json(v: &impl serde::Serialize) -> Result<String, SchedulerError> {
    serde_json::to_string(v).map_err(|e| SchedulerError(e.to_string()))
}

#[async_trait]
impl SessionScheduler for EventBridgeScheduler {
    async fn schedule_start(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<(), SchedulerError> {
        let name = schedule_name(room_id);
        let input = to_json(&SessionStart {
            room_id: room_id.to_owned(),
            starts_at,
        })?;
        self.upsert(&name, starts_at, input).await?;
        tracing::info!(room_id, schedule = %name, "session start scheduled");
        Ok(())
    }

    async fn cancel_start(&self, room_id: &str) -> Result<(), SchedulerError> {
        self.delete(&schedule_name(room_id)).await
    }

    async fn schedule_job(
        &self,
        name: &str,
        at: OffsetDateTime,
        job: &serde_json::Value,
    ) -> Result<(), SchedulerError> {
        let name = job_schedule_name(name);
        let at = at.max(OffsetDateTime::now_utc() + SOONEST);
        self.upsert(&name, at, to_json(job)?).await?;
        tracing::info!(schedule = %name, "job scheduled");
        Ok(())
    }

    async fn cancel_job(&self, name: &str) -> Result<(), SchedulerError> {
        self.delete(&job_schedule_name(name)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn at_expression_is_utc_without_offset() {
        let t = datetime!(2030-03-04 05:06:07 +02:00);
        assert_eq!(at_expression(t).expect("at"), "at(2030-03-04T03:06:07)");
    }

    #[test]
    fn schedule_names_fit_scheduler_rules() {
        assert_eq!(schedule_name("01HZX"), "room-01HZX");
        let odd = schedule_name(&format!("a/b c#{}", "x".repeat(100)));
        assert!(odd.len() <= 64);
        assert!(
            odd.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "{odd}"
        );
    }
}
