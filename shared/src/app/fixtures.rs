//! Test fixtures the use cases' unit tests share.

use crate::domain::room::RoomStatus;
use crate::domain::Room;
use time::macros::datetime;

/// A scheduled room of org `o` starting 2026-12-01 15:00 UTC, titled `title`.
pub(crate) fn room(title: &str) -> Room {
    Room {
        room_id: "R1".into(),
        org: "o".into(),
        title: title.into(),
        description: "<b>agenda</b>".into(),
        starts_at: datetime!(2026-12-01 15:00 UTC),
        ends_at: None,
        speakers: vec![],
        attachments: vec![],
        status: RoomStatus::Scheduled,
        reminders: vec![1440, 15],
        admission: Default::default(),
        locale: None,
        timezone: None,
        created_by: "h".into(),
        created_at: datetime!(2026-11-27 10:00 UTC),
        deleted_at: None,
        version: 0,
    }
}
