//! The mail retry queue on SQS: each queued email is one message whose body is the job
//! (a serialized `Job::MailRetry`), read by the session-start function (an SQS event
//! source with partial batch failures; after 5 failed receipts a message moves to the
//! dead-letter queue, whose depth raises an alarm). SQS delays a message by at most
//! 15 minutes; a longer backoff is carried in the `not_before` attribute and the
//! consumer sends the message on again until it is due.

use super::failures::{classify, Failure};
use crate::ports::{MailQueue, QueueError};
use async_trait::async_trait;
use aws_sdk_sqs::error::DisplayErrorContext;
use aws_sdk_sqs::types::MessageAttributeValue;
use std::time::Duration;

/// SQS's longest message delay.
pub const MAX_DELAY: Duration = Duration::from_secs(900);
/// The message attribute with the Unix second a message is due at.
pub const NOT_BEFORE: &str = "not_before";

pub struct SqsMailQueue {
    client: aws_sdk_sqs::Client,
    queue_url: String,
}

impl SqsMailQueue {
    pub fn new(client: aws_sdk_sqs::Client, queue_url: impl Into<String>) -> Self {
        SqsMailQueue {
            client,
            queue_url: queue_url.into(),
        }
    }

    /// Sends `body` to be received after `delay` (at most [`MAX_DELAY`] by SQS; the
    /// rest by `not_before`).
    pub async fn send_raw(&self, body: String, delay: Duration) -> Result<(), QueueError> {
        let due = time::OffsetDateTime::now_utc().unix_timestamp()
            + i64::try_from(delay.as_secs()).unwrap_or(i64::MAX / 2);
        let attribute = MessageAttributeValue::builder()
            .data_type("Number")
            .string_value(due.to_string())
            .build()
            .map_err(|e| QueueError(format!("cannot build the message: {e}")))?;
        let seconds = i32::try_from(delay.min(MAX_DELAY).as_secs()).unwrap_or(900);
        self.client
            .send_message()
            .queue_url(&self.queue_url)
            .message_body(body)
            .delay_seconds(seconds)
            .message_attributes(NOT_BEFORE, attribute)
            .send()
            .await
            .map_err(|e| {
                let kind = match classify(&e) {
                    Failure::Permanent => "refused",
                    _ => "unavailable",
                };
                QueueError(format!("SQS {kind}: {}", DisplayErrorContext(e)))
            })?;
        Ok(())
    }
}

#[async_trait]
impl MailQueue for SqsMailQueue {
    async fn enqueue(
        &self,
        name: &str,
        job: &serde_json::Value,
        delay: Duration,
    ) -> Result<(), QueueError> {
        self.send_raw(job.to_string(), delay).await?;
        tracing::debug!(name, delay_s = delay.as_secs(), "job queued on SQS");
        Ok(())
    }
}

/// One message of an SQS event (the fields the consumer reads).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SqsRecord {
    pub message_id: String,
    pub body: String,
    #[serde(default)]
    pub message_attributes: std::collections::HashMap<String, SqsAttribute>,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SqsAttribute {
    pub string_value: Option<String>,
}

impl SqsRecord {
    /// Seconds until the message is due (0 when it is).
    pub fn wait(&self, now: time::OffsetDateTime) -> u64 {
        self.message_attributes
            .get(NOT_BEFORE)
            .and_then(|a| a.string_value.as_deref())
            .and_then(|v| v.parse::<i64>().ok())
            .map(|due| u64::try_from(due - now.unix_timestamp()).unwrap_or(0))
            .unwrap_or(0)
    }
}

/// The records of an SQS event, or `None` for another payload.
pub fn sqs_records(payload: &serde_json::Value) -> Option<Vec<SqsRecord>> {
    let records = payload.get("Records")?.as_array()?;
    if !records
        .iter()
        .all(|r| r.get("eventSource").and_then(|s| s.as_str()) == Some("aws:sqs"))
    {
        return None;
    }
    serde_json::from_value(serde_json::Value::Array(records.clone())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_of_aws_published_sqs_events_are_read() {
        // The shape of AWS's sample SQS event for Lambda (docs: "Using Lambda with
        // Amazon SQS"), with our attribute.
        let event = serde_json::json!({"Records": [{
            "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
            "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
            "body": "{\"invite_id\":\"I\"}",
            "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183"},
            "messageAttributes": {"not_before": {"stringValue": "1900000100", "dataType": "Number", "stringListValues": [], "binaryListValues": []}},
            "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
            "awsRegion": "us-east-2"
        }]});
        let records = sqs_records(&event).expect("an SQS event");
        assert_eq!(records.len(), 1);
        assert_eq!(
            records[0].message_id,
            "059f36b4-87a3-44ab-83d2-661975830a7d"
        );
        let at = time::OffsetDateTime::from_unix_timestamp(1_900_000_000).expect("time");
        assert_eq!(records[0].wait(at), 100);
        assert_eq!(records[0].wait(at + time::Duration::seconds(200)), 0);
        assert!(sqs_records(&serde_json::json!({"room_id": "R"})).is_none());
    }
}
