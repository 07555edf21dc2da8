//! The session-start trigger on EventBridge Scheduler: one one-time `at(...)` schedule
//! per room in `SCHEDULE_GROUP`, targeting the session-start function with the payload
//! `{room_id, starts_at}` (`app::SessionStart`), deleted by Scheduler after it ran.

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
    let safe: String = room_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(59)
        .collect();
    format!("room-{safe}")
}

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

    fn target(&self, room_id: &str, starts_at: OffsetDateTime) -> Result<Target, SchedulerError> {
        let input = serde_json::to_string(&SessionStart {
            room_id: room_id.to_owned(),
            starts_at,
        })
        .map_err(|e| SchedulerError(e.to_string()))?;
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

#[async_trait]
impl SessionScheduler for EventBridgeScheduler {
    async fn schedule_start(
        &self,
        room_id: &str,
        starts_at: OffsetDateTime,
    ) -> Result<(), SchedulerError> {
        let name = schedule_name(room_id);
        let expression = at_expression(starts_at)?;
        let created = self
            .client
            .create_schedule()
            .name(&name)
            .group_name(&self.group)
            .schedule_expression(&expression)
            .schedule_expression_timezone("UTC")
            .flexible_time_window(off()?)
            .target(self.target(room_id, starts_at)?)
            .action_after_completion(ActionAfterCompletion::Delete)
            .send()
            .await;
        match created {
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.as_service_error(),
                    Some(CreateScheduleError::ConflictException(_))
                ) =>
            {
                // Rescheduled: the schedule exists; replace it.
                self.client
                    .update_schedule()
                    .name(&name)
                    .group_name(&self.group)
                    .schedule_expression(&expression)
                    .schedule_expression_timezone("UTC")
                    .flexible_time_window(off()?)
                    .target(self.target(room_id, starts_at)?)
                    .action_after_completion(ActionAfterCompletion::Delete)
                    .send()
                    .await
                    .map_err(|e| failed("update schedule", e))?;
            }
            Err(e) => return Err(failed("create schedule", e)),
        }
        tracing::info!(room_id, schedule = %name, "session start scheduled");
        Ok(())
    }

    async fn cancel_start(&self, room_id: &str) -> Result<(), SchedulerError> {
        let deleted = self
            .client
            .delete_schedule()
            .name(schedule_name(room_id))
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
