//! Rooms: a live session with a start time, its public details and its lifecycle
//! (`scheduled` until the session-start trigger fires, then `live`; deletion is a tombstone).

use super::admission::{AdmissionInput, AdmissionOffer, AdmissionSettings};
use super::error::{Error, Result};
use super::time_fmt::{self, rfc3339};
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

pub const TITLE_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;
pub const LIST_MAX_ITEMS: usize = 100;
pub const URL_MAX_CHARS: usize = 2_048;
/// Reminder emails before the start, in minutes: 24 hours and 15 minutes by default.
pub const DEFAULT_REMINDERS: [u32; 2] = [1_440, 15];
pub const REMINDERS_MAX: usize = 5;
/// The earliest reminder: 30 days before the start.
pub const REMINDER_MAX_MINUTES: u32 = 43_200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoomStatus {
    Scheduled,
    Live,
}

impl RoomStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RoomStatus::Scheduled => "scheduled",
            RoomStatus::Live => "live",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "scheduled" => Some(RoomStatus::Scheduled),
            "live" => Some(RoomStatus::Live),
            _ => None,
        }
    }
}

// The schema patterns below state the text rules of `validate`: titles one line with a
// visible character, no control characters but newline and tab, http(s) URLs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"name": "Dana", "title": "CEO"}))]
pub struct Speaker {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]*\\S[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]*$"
    )]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 200, pattern = "^[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]*$")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"name": "Agenda", "url": "https://example.com/agenda.pdf"}))]
pub struct Attachment {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]*\\S[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]*$"
    )]
    pub name: String,
    /// An http(s) URL.
    #[schema(
        pattern = "^[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1F\\x7F-\\x9F]+$",
        max_length = 2048
    )]
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"room_id": "01JDX5AMP1E0000R00M0000000", "org": "acme", "title": "Quarterly all-hands",
    "description": "Numbers and plans", "starts_at": "2030-12-01T15:00:00Z", "ends_at": "2030-12-01T16:00:00Z",
    "speakers": [{"name": "Dana", "title": "CEO"}], "attachments": [], "status": "scheduled",
    "created_by": "host-dana", "created_at": "2030-11-20T09:30:00Z"}))]
pub struct Room {
    pub room_id: String,
    pub org: String,
    pub title: String,
    pub description: String,
    #[serde(with = "rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    pub speakers: Vec<Speaker>,
    pub attachments: Vec<Attachment>,
    pub status: RoomStatus,
    /// Minutes before `starts_at` at which every invitee gets a reminder email,
    /// largest first (`[1440, 15]` by default; `[]` for none).
    pub reminders: Vec<u32>,
    /// Who gets in: how invitees prove the address, and whether they wait for approval.
    pub admission: AdmissionSettings,
    /// The language of the room's pages and emails when neither the invite nor the
    /// browser names one (`en` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The IANA time zone the emails show the start in, with its UTC offset (UTC when
    /// absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    pub created_by: String,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(skip)]
    pub deleted_at: Option<OffsetDateTime>,
    /// Optimistic-concurrency version, bumped by every write.
    #[serde(skip)]
    pub version: u64,
}

impl Room {
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
    pub fn is_live(&self) -> bool {
        self.status == RoomStatus::Live
    }

    /// The calendar `SEQUENCE` of the room's event: its version, which every write
    /// (reschedule, deletion) raises.
    pub fn calendar_sequence(&self) -> u64 {
        self.version
    }

    /// The reminders still ahead of `now`: `(minutes_before, at)`.
    pub fn due_reminders(&self, now: OffsetDateTime) -> Vec<(u32, OffsetDateTime)> {
        self.reminders
            .iter()
            .map(|m| (*m, self.starts_at - time::Duration::minutes(i64::from(*m))))
            .filter(|(_, at)| *at > now)
            .collect()
    }
}

/// Checks and normalizes a reminder list: whole minutes from 1 to 30 days, at most
/// five, no repeats; stored largest first.
pub fn normalize_reminders(mut minutes: Vec<u32>) -> Result<Vec<u32>> {
    if minutes.len() > REMINDERS_MAX {
        return Err(Error::bad_request(format!(
            "at most {REMINDERS_MAX} reminders."
        )));
    }
    if minutes.iter().any(|m| *m == 0 || *m > REMINDER_MAX_MINUTES) {
        return Err(Error::bad_request(format!(
            "reminders are minutes before the start, from 1 to {REMINDER_MAX_MINUTES}."
        )));
    }
    minutes.sort_unstable_by(|a, b| b.cmp(a));
    minutes.dedup();
    Ok(minutes)
}

/// Body of `POST /api/rooms`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"title": "Quarterly all-hands", "description": "Numbers and plans",
    "starts_at": "2030-12-01T15:00:00Z", "ends_at": "2030-12-01T16:00:00Z",
    "speakers": [{"name": "Dana", "title": "CEO"}],
    "attachments": [{"name": "Agenda", "url": "https://example.com/agenda.pdf"}]}))]
pub struct RoomDraft {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*\\S[^\\x00-\\x1F\\x7F-\\x9F]*$"
    )]
    pub title: String,
    #[serde(default)]
    #[schema(
        max_length = 10000,
        pattern = "^[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]*$"
    )]
    pub description: Option<String>,
    #[serde(with = "rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(default, with = "rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub speakers: Vec<Speaker>,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub attachments: Vec<Attachment>,
    /// Minutes before the start; absent: the default, `[]`: none.
    #[serde(default)]
    pub reminders: Option<Vec<u32>>,
    /// Who gets in; absent: `{ "verify": "email", "approval": "none" }`.
    #[serde(default, deserialize_with = "super::admission::object_only")]
    pub admission: Option<AdmissionInput>,
    /// The room's language: one of `en`, `de`, `fr`, `es`, `pt-BR`, `ja`, `ar`.
    #[serde(default)]
    #[schema(example = "de")]
    pub locale: Option<String>,
    /// An IANA time zone name (`Europe/Berlin`) for the emails' times.
    #[serde(default)]
    #[schema(example = "Europe/Berlin")]
    pub timezone: Option<String>,
}

/// Body of `PATCH /api/rooms/{id}`: every field optional; `ends_at: null` clears it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"starts_at": "2030-12-02T15:00:00Z", "ends_at": null}))]
pub struct RoomPatch {
    #[serde(default)]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*\\S[^\\x00-\\x1F\\x7F-\\x9F]*$"
    )]
    pub title: Option<String>,
    #[serde(default)]
    #[schema(
        max_length = 10000,
        pattern = "^[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]*$"
    )]
    pub description: Option<String>,
    #[serde(default, with = "rfc3339::option")]
    pub starts_at: Option<OffsetDateTime>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "present_or_null_time")]
    #[schema(value_type = Option<OffsetDateTime>)]
    pub ends_at: Option<Option<OffsetDateTime>>,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub speakers: Option<Vec<Speaker>>,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub attachments: Option<Vec<Attachment>>,
    #[serde(default)]
    pub reminders: Option<Vec<u32>>,
    /// Applies to redemptions from then on; who is already in stays in.
    #[serde(default, deserialize_with = "super::admission::object_only")]
    pub admission: Option<AdmissionInput>,
    /// The room's language; `""` removes it.
    #[serde(default)]
    pub locale: Option<String>,
    /// An IANA time zone name; `""` removes it.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// A `locale` of the API: absent or empty stays unset, anything else must be shipped.
pub fn parse_locale(value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => crate::i18n::validate_locale(v)
            .map(Some)
            .map_err(Error::ValidationFailed),
    }
}

/// A `timezone` of the API: absent or empty stays unset, else an IANA name.
pub fn parse_timezone(value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => crate::i18n::dates::validate_timezone(v)
            .map(Some)
            .map_err(Error::ValidationFailed),
    }
}

fn present_or_null_time<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<OffsetDateTime>>, D::Error> {
    rfc3339::option::deserialize(d).map(Some)
}

impl RoomDraft {
    /// The new room, `live` at once when its start is not in the future.
    pub fn into_room(
        self,
        room_id: String,
        org: String,
        created_by: String,
        now: OffsetDateTime,
        offer: AdmissionOffer,
    ) -> Result<Room> {
        let admission = match &self.admission {
            Some(input) => input.apply(AdmissionSettings::default(), offer)?,
            None => AdmissionSettings::default(),
        };
        let room = Room {
            room_id,
            org,
            title: self.title.trim().to_owned(),
            description: self.description.unwrap_or_default().trim().to_owned(),
            starts_at: time_fmt::trunc(self.starts_at),
            ends_at: self.ends_at.map(time_fmt::trunc),
            speakers: self.speakers,
            attachments: self.attachments,
            status: initial_status(self.starts_at, now),
            reminders: normalize_reminders(
                self.reminders.unwrap_or_else(|| DEFAULT_REMINDERS.to_vec()),
            )?,
            admission,
            locale: parse_locale(self.locale.as_deref())?,
            timezone: parse_timezone(self.timezone.as_deref())?,
            created_by,
            created_at: now,
            deleted_at: None,
            version: 0,
        };
        validate(&room)?;
        Ok(room)
    }
}

impl RoomPatch {
    pub fn is_reschedule(&self) -> bool {
        self.starts_at.is_some()
    }

    pub fn changes_reminders(&self) -> bool {
        self.reminders.is_some()
    }

    /// Applies the patch to `room`. Rescheduling a live room is a conflict.
    pub fn apply(self, mut room: Room, now: OffsetDateTime, offer: AdmissionOffer) -> Result<Room> {
        if let Some(input) = &self.admission {
            room.admission = input.apply(room.admission, offer)?;
        }
        if let Some(starts_at) = self.starts_at {
            if room.is_live() {
                return Err(Error::Conflict(
                    "The room is already live and cannot be rescheduled.".into(),
                ));
            }
            room.starts_at = time_fmt::trunc(starts_at);
            room.status = initial_status(starts_at, now);
        }
        if let Some(title) = self.title {
            room.title = title.trim().to_owned();
        }
        if let Some(description) = self.description {
            room.description = description.trim().to_owned();
        }
        if let Some(ends_at) = self.ends_at {
            room.ends_at = ends_at.map(time_fmt::trunc);
        }
        if let Some(speakers) = self.speakers {
            room.speakers = speakers;
        }
        if let Some(attachments) = self.attachments {
            room.attachments = attachments;
        }
        if let Some(reminders) = self.reminders {
            room.reminders = normalize_reminders(reminders)?;
        }
        if let Some(locale) = self.locale {
            room.locale = parse_locale(Some(&locale))?;
        }
        if let Some(timezone) = self.timezone {
            room.timezone = parse_timezone(Some(&timezone))?;
        }
        validate(&room)?;
        Ok(room)
    }
}

fn initial_status(starts_at: OffsetDateTime, now: OffsetDateTime) -> RoomStatus {
    if starts_at <= now {
        RoomStatus::Live
    } else {
        RoomStatus::Scheduled
    }
}

fn check_len(field: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n < min || n > max {
        return Err(Error::bad_request(format!(
            "{field} must be {min} to {max} characters long."
        )));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::bad_request(format!(
            "{field} must not contain control characters."
        )));
    }
    Ok(())
}

fn validate(room: &Room) -> Result<()> {
    check_len("title", &room.title, 1, TITLE_MAX_CHARS)?;
    if room.title.contains('\n') {
        return Err(Error::bad_request("title must be one line."));
    }
    check_len("description", &room.description, 0, DESCRIPTION_MAX_CHARS)?;
    if let Some(ends_at) = room.ends_at {
        if ends_at <= room.starts_at {
            return Err(Error::bad_request("ends_at must be after starts_at."));
        }
    }
    if room.speakers.len() > LIST_MAX_ITEMS || room.attachments.len() > LIST_MAX_ITEMS {
        return Err(Error::bad_request(format!(
            "at most {LIST_MAX_ITEMS} speakers and {LIST_MAX_ITEMS} attachments."
        )));
    }
    for s in &room.speakers {
        check_len("speaker name", &s.name, 1, TITLE_MAX_CHARS)?;
        if let Some(t) = &s.title {
            check_len("speaker title", t, 0, TITLE_MAX_CHARS)?;
        }
    }
    for a in &room.attachments {
        check_len("attachment name", &a.name, 1, TITLE_MAX_CHARS)?;
        check_len("attachment url", &a.url, 1, URL_MAX_CHARS)?;
        let lower = a.url.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://"))
            || a.url.chars().any(char::is_whitespace)
        {
            return Err(Error::bad_request(
                "attachment url must be an http or https address.",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn draft(json: &str) -> RoomDraft {
        serde_json::from_str(json).unwrap()
    }

    const NOW: OffsetDateTime = datetime!(2026-11-27 10:00 UTC);

    fn make(json: &str) -> Result<Room> {
        draft(json).into_room(
            "r1".into(),
            "org".into(),
            "host".into(),
            NOW,
            AdmissionOffer::default(),
        )
    }

    #[test]
    fn a_future_room_is_scheduled_and_a_past_one_live() {
        let r = make(r#"{"title":" All hands ","starts_at":"2026-12-01T15:00:00+01:00"}"#).unwrap();
        assert_eq!(r.status, RoomStatus::Scheduled);
        assert_eq!(r.title, "All hands");
        assert_eq!(time_fmt::format(r.starts_at), "2026-12-01T14:00:00Z");
        let r = make(r#"{"title":"x","starts_at":"2026-11-27T09:59:59Z"}"#).unwrap();
        assert_eq!(r.status, RoomStatus::Live);
    }

    #[test]
    fn invalid_rooms_are_bad_requests() {
        for body in [
            r#"{"title":"","starts_at":"2026-12-01T15:00:00Z"}"#,
            r#"{"title":"   ","starts_at":"2026-12-01T15:00:00Z"}"#,
            r#"{"title":"a\nb","starts_at":"2026-12-01T15:00:00Z"}"#,
            r#"{"title":"x","starts_at":"2026-12-01T15:00:00Z","ends_at":"2026-12-01T14:00:00Z"}"#,
            r#"{"title":"x","starts_at":"2026-12-01T15:00:00Z","attachments":[{"name":"a","url":"javascript:alert(1)"}]}"#,
            r#"{"title":"x","starts_at":"2026-12-01T15:00:00Z","speakers":[{"name":""}]}"#,
        ] {
            assert!(matches!(make(body), Err(Error::BadRequest(_))), "{body}");
        }
        let long = format!(
            r#"{{"title":"{}","starts_at":"2026-12-01T15:00:00Z"}}"#,
            "é".repeat(201)
        );
        assert!(make(&long).is_err());
        let ok = format!(
            r#"{{"title":"{}","starts_at":"2026-12-01T15:00:00Z"}}"#,
            "é".repeat(200)
        );
        assert!(make(&ok).is_ok());
    }

    #[test]
    fn rescheduling_a_live_room_conflicts_but_editing_text_does_not() {
        let live = make(r#"{"title":"x","starts_at":"2026-11-27T09:00:00Z"}"#).unwrap();
        let p: RoomPatch = serde_json::from_str(r#"{"starts_at":"2026-12-01T15:00:00Z"}"#).unwrap();
        assert!(matches!(
            p.apply(live.clone(), NOW, AdmissionOffer::default()),
            Err(Error::Conflict(_))
        ));
        let p: RoomPatch = serde_json::from_str(r#"{"description":"new"}"#).unwrap();
        assert_eq!(
            p.apply(live, NOW, AdmissionOffer::default())
                .unwrap()
                .description,
            "new"
        );
    }

    #[test]
    fn reminders_default_normalize_and_validate() {
        let r = make(r#"{"title":"x","starts_at":"2026-12-01T15:00:00Z"}"#).unwrap();
        assert_eq!(r.reminders, vec![1440, 15]);
        let r = make(r#"{"title":"x","starts_at":"2026-12-01T15:00:00Z","reminders":[15,60,15]}"#)
            .unwrap();
        assert_eq!(r.reminders, vec![60, 15]);
        let r = make(r#"{"title":"x","starts_at":"2026-12-01T15:00:00Z","reminders":[]}"#).unwrap();
        assert!(r.reminders.is_empty());
        for bad in ["[0]", "[43201]", "[1,2,3,4,5,6]", "[-1]", "[\"PT15M\"]"] {
            let body =
                format!(r#"{{"title":"x","starts_at":"2026-12-01T15:00:00Z","reminders":{bad}}}"#);
            let parsed: std::result::Result<RoomDraft, _> = serde_json::from_str(&body);
            if let Ok(d) = parsed {
                assert!(
                    d.into_room(
                        "r".into(),
                        "o".into(),
                        "h".into(),
                        NOW,
                        AdmissionOffer::default()
                    )
                    .is_err(),
                    "{bad}"
                );
            }
        }
        // A reminder already past at creation is not due.
        let soon = make(r#"{"title":"x","starts_at":"2026-11-27T10:30:00Z"}"#).unwrap();
        assert_eq!(
            soon.due_reminders(NOW),
            vec![(15, datetime!(2026-11-27 10:15 UTC))]
        );
    }

    #[test]
    fn patch_null_ends_at_clears_it_and_absent_keeps_it() {
        let r = make(
            r#"{"title":"x","starts_at":"2026-12-01T15:00:00Z","ends_at":"2026-12-01T16:00:00Z"}"#,
        )
        .unwrap();
        let keep: RoomPatch = serde_json::from_str(r#"{"title":"y"}"#).unwrap();
        assert!(keep
            .apply(r.clone(), NOW, AdmissionOffer::default())
            .unwrap()
            .ends_at
            .is_some());
        let clear: RoomPatch = serde_json::from_str(r#"{"ends_at":null}"#).unwrap();
        assert!(clear
            .apply(r, NOW, AdmissionOffer::default())
            .unwrap()
            .ends_at
            .is_none());
    }
}
