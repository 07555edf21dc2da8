//! Local mode's event publisher: one structured log line per domain event.

use crate::domain::DomainEvent;
use crate::ports::EventPublisher;
use async_trait::async_trait;

#[derive(Debug, Clone, Copy, Default)]
pub struct LogPublisher;

#[async_trait]
impl EventPublisher for LogPublisher {
    async fn publish(&self, event: DomainEvent) {
        tracing::info!(event = event.name(), detail = %event.detail(), "domain event");
    }
}
