//! Domain events on EventBridge: `PutEvents` on `EVENT_BUS_NAME`, source
//! `room-invites`, detail-type the event's name, detail its documented JSON (ids, emails,
//! roles, times; never a token or a link). A failed publish is logged, never returned.

use crate::domain::DomainEvent;
use crate::ports::EventPublisher;
use async_trait::async_trait;
use aws_sdk_eventbridge::error::DisplayErrorContext;
use aws_sdk_eventbridge::types::PutEventsRequestEntry;

pub const EVENT_SOURCE: &str = "room-invites";

pub struct EventBridgePublisher {
    client: aws_sdk_eventbridge::Client,
    bus: String,
}

impl EventBridgePublisher {
    pub fn new(client: aws_sdk_eventbridge::Client, bus: String) -> Self {
        EventBridgePublisher { client, bus }
    }
}

#[async_trait]
impl EventPublisher for EventBridgePublisher {
    async fn publish(&self, event: DomainEvent) {
        let entry = PutEventsRequestEntry::builder()
            .event_bus_name(&self.bus)
            .source(EVENT_SOURCE)
            .detail_type(event.name())
            .detail(event.detail().to_string())
            .build();
        match self.client.put_events().entries(entry).send().await {
            Ok(out) if out.failed_entry_count() > 0 => {
                let code = out
                    .entries()
                    .first()
                    .and_then(|e| e.error_code())
                    .unwrap_or("unknown");
                tracing::warn!(
                    event = event.name(),
                    error_code = code,
                    "domain event not published"
                );
            }
            Ok(_) => tracing::debug!(event = event.name(), "domain event published"),
            Err(e) => {
                tracing::warn!(event = event.name(), error = %DisplayErrorContext(e), "domain event not published")
            }
        }
    }
}
