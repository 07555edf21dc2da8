//! The session-start trigger: sets a room live at its start.

use super::App;
use crate::domain::time_fmt::rfc3339;
use crate::domain::{DomainEvent, Result};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The trigger's payload, `{ "room_id": "…", "starts_at": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStart {
    pub room_id: String,
    #[serde(with = "rfc3339")]
    pub starts_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StartOutcome {
    /// The room is now live.
    Started,
    /// Nothing to do: already live, rescheduled, deleted or unknown.
    Ignored,
}

impl App {
    /// Idempotent: only a scheduled, undeleted room whose start is still `starts_at` changes.
    pub async fn start_session(&self, start: &SessionStart) -> Result<StartOutcome> {
        let changed = self
            .store
            .mark_room_live(&start.room_id, start.starts_at)
            .await;
        // Public reads of this instance see `live` from now on (or the room as it is).
        self.public_rooms.forget(&start.room_id);
        let changed = changed?;
        if !changed {
            tracing::info!(room_id = %start.room_id, "session start ignored");
            return Ok(StartOutcome::Ignored);
        }
        self.announce(DomainEvent::SessionStarted {
            room_id: start.room_id.clone(),
            starts_at: start.starts_at,
            at: self.clock.now(),
        })
        .await;
        crate::telemetry::session_started();
        tracing::info!(room_id = %start.room_id, "session started");
        Ok(StartOutcome::Started)
    }
}
