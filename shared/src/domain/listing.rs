//! Paged, filtered lists of a room's invites and participants, the room summary, and
//! the opaque cursor that carries a page's end from one request to the next.
//!
//! Lists are in a total order, the sort key (time in Unix seconds, then id): invites by
//! (`created_at`, `invite_id`), participants by (`joined_at`, `email`). A page is "the
//! first `limit` matching items after a position", so following the cursor returns every
//! item that existed when the listing began exactly once, whatever is added meanwhile.

use super::email::EmailAddress;
use super::error::Error;
use super::invite::{Invite, InviteStatus, MAX_FAILED_ATTEMPTS};
use super::participant::Participant;
use super::role::Role;
use super::waiting_room::AdmissionState;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use time::OffsetDateTime;

pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1000;

/// The `delivery` values a filter may name (the contract's, including the mail-event ones).
pub const DELIVERY_VALUES: [&str; 7] = [
    "sent",
    "queued",
    "not_sent",
    "failed",
    "delivered",
    "bounced",
    "complained",
];

/// Where a page ended: the sort key of its last item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Unix seconds (`created_at` or `joined_at`).
    pub at: i64,
    /// `invite_id` or the participant's email.
    pub id: String,
}

impl Position {
    pub fn of_invite(i: &Invite) -> Self {
        Position {
            at: i.created_at.unix_timestamp(),
            id: i.invite_id.clone(),
        }
    }
    pub fn of_participant(p: &Participant) -> Self {
        Position {
            at: p.joined_at.unix_timestamp(),
            id: p.email.as_str().to_owned(),
        }
    }
}

/// What a store is asked for: up to `limit` items strictly after `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: usize,
    pub after: Option<Position>,
}

/// A page; `next` is the position to continue from, `None` when nothing matched after it
/// at the time of the read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Position>,
}

/// Filters of the invite list; every set field must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InviteFilter {
    pub status: Option<InviteStatus>,
    pub role: Option<Role>,
    /// One of [`DELIVERY_VALUES`].
    pub delivery: Option<&'static str>,
    pub email: Option<EmailAddress>,
}

impl InviteFilter {
    /// The rule every store's query encodes (SQL `WHERE`, DynamoDB `FilterExpression`).
    pub fn matches(&self, i: &Invite, now: OffsetDateTime) -> bool {
        self.status.is_none_or(|s| i.status(now) == s)
            && self.role.is_none_or(|r| i.role == r)
            && self
                .delivery
                .is_none_or(|d| delivery_name(i.delivery.as_str()) == d)
            && self.email.as_ref().is_none_or(|e| &i.email == e)
    }

    /// A stable text of the filter, which a cursor is bound to.
    fn canonical(&self) -> String {
        format!(
            "status={:?};role={};delivery={};email={}",
            self.status,
            self.role.map(Role::as_str).unwrap_or(""),
            self.delivery.unwrap_or(""),
            self.email.as_ref().map(EmailAddress::as_str).unwrap_or("")
        )
    }
}

/// The delivery as lists filter and count it: `pending` (an email being handed to the
/// mailer right now) is `sent`.
pub fn delivery_name(stored: &str) -> &str {
    match stored {
        "pending" => "sent",
        other => other,
    }
}

/// Filters of the participant list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipantFilter {
    pub role: Option<Role>,
    /// `waiting`: the waiting room, in join order.
    pub admission: Option<AdmissionState>,
}

impl ParticipantFilter {
    pub fn matches(&self, p: &Participant) -> bool {
        self.role.is_none_or(|r| p.role == r) && self.admission.is_none_or(|a| p.admission == a)
    }
    fn canonical(&self) -> String {
        let role = format!("role={}", self.role.map(Role::as_str).unwrap_or(""));
        // Cursors of lists without the admission filter stay as they were.
        match self.admission {
            None => role,
            Some(a) => format!("{role};admission={}", a.as_str()),
        }
    }
}

/// The status of an invite from the fields it is derived from (also what a store that
/// reads only these attributes uses; [`Invite::status`] is the same rule).
pub fn status_of(
    revoked: bool,
    failed_attempts: u32,
    uses: u32,
    max_uses: Option<u32>,
    expires_at: i64,
    now: OffsetDateTime,
) -> InviteStatus {
    if revoked {
        InviteStatus::Revoked
    } else if failed_attempts >= MAX_FAILED_ATTEMPTS {
        InviteStatus::Locked
    } else if max_uses.is_some_and(|m| uses >= m) {
        InviteStatus::Used
    } else if now.unix_timestamp() >= expires_at {
        InviteStatus::Expired
    } else {
        InviteStatus::Active
    }
}

/// `GET /api/rooms/{id}/summary`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RoomSummary {
    pub invites: InviteCounts,
    pub delivery: DeliveryCounts,
    pub participants: ParticipantCounts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct InviteCounts {
    pub total: u64,
    pub active: u64,
    pub used: u64,
    pub expired: u64,
    pub revoked: u64,
    pub locked: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DeliveryCounts {
    pub sent: u64,
    /// Emails being retried after a transient refusal.
    pub queued: u64,
    pub not_sent: u64,
    pub failed: u64,
    pub delivered: u64,
    pub bounced: u64,
    pub complained: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ParticipantCounts {
    pub total: u64,
    pub viewer: u64,
    pub speaker: u64,
    pub moderator: u64,
    /// By admission (the waiting room).
    pub admitted: u64,
    pub waiting: u64,
    pub denied: u64,
}

impl RoomSummary {
    pub fn count_invite(&mut self, status: InviteStatus, delivery: &str) {
        self.add_invites(status, delivery, 1);
    }

    /// Adds `n` invites of one status and delivery (a `GROUP BY` row).
    pub fn add_invites(&mut self, status: InviteStatus, delivery: &str, n: u64) {
        let c = &mut self.invites;
        c.total += n;
        *match status {
            InviteStatus::Active => &mut c.active,
            InviteStatus::Used => &mut c.used,
            InviteStatus::Expired => &mut c.expired,
            InviteStatus::Revoked => &mut c.revoked,
            InviteStatus::Locked => &mut c.locked,
        } += n;
        let d = &mut self.delivery;
        match delivery_name(delivery) {
            "sent" => d.sent += n,
            "queued" => d.queued += n,
            "not_sent" => d.not_sent += n,
            "failed" => d.failed += n,
            "delivered" => d.delivered += n,
            "bounced" => d.bounced += n,
            "complained" => d.complained += n,
            _ => {}
        }
    }

    pub fn add_participants(&mut self, role: Role, admission: AdmissionState, n: u64) {
        let c = &mut self.participants;
        c.total += n;
        *match role {
            Role::Viewer => &mut c.viewer,
            Role::Speaker => &mut c.speaker,
            Role::Moderator => &mut c.moderator,
        } += n;
        *match admission {
            AdmissionState::Admitted => &mut c.admitted,
            AdmissionState::Waiting => &mut c.waiting,
            AdmissionState::Denied => &mut c.denied,
        } += n;
    }
}

/// Which list a cursor belongs to; a cursor is valid only for the same list, room and
/// filter it was issued for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Invites,
    Participants,
}

/// Seals and opens cursors: `base64url(version ‖ at ‖ id ‖ tag)`, where `tag` is the first
/// 16 bytes of HMAC-SHA256(key, kind ‖ room ‖ filter ‖ position). The position is the last
/// item of the page, which that page already showed, so the cursor reveals nothing; the
/// tag makes an edited cursor, or one of another room, list or filter, a `bad_request`.
#[derive(Clone)]
pub struct CursorKey(Vec<u8>);

const CURSOR_VERSION: u8 = 1;
const TAG_LEN: usize = 16;

impl std::fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CursorKey(..)")
    }
}

impl CursorKey {
    /// The key, derived from a server secret (the link key).
    pub fn derive(secret: &[u8]) -> Self {
        CursorKey(super::token::derive_key(secret, "list-cursor-v1"))
    }

    fn tag(&self, scope: &str, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC accepts any key length");
        mac.update(&(scope.len() as u64).to_be_bytes());
        mac.update(scope.as_bytes());
        mac.update(body);
        mac
    }

    fn seal(&self, scope: &str, p: &Position) -> String {
        let mut body = vec![CURSOR_VERSION];
        body.extend_from_slice(&p.at.to_be_bytes());
        body.extend_from_slice(p.id.as_bytes());
        let tag = self.tag(scope, &body).finalize().into_bytes();
        body.extend_from_slice(&tag[..TAG_LEN]);
        URL_SAFE_NO_PAD.encode(body)
    }

    fn open(&self, scope: &str, cursor: &str) -> Result<Position, Error> {
        let bad = || Error::bad_request("The cursor is not one this list issued.");
        let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
        if raw.len() < 1 + 8 + TAG_LEN || raw[0] != CURSOR_VERSION {
            return Err(bad());
        }
        let (body, tag) = raw.split_at(raw.len() - TAG_LEN);
        self.tag(scope, body)
            .verify_truncated_left(tag)
            .map_err(|_| bad())?;
        let at = i64::from_be_bytes(body[1..9].try_into().map_err(|_| bad())?);
        let id = String::from_utf8(body[9..].to_vec()).map_err(|_| bad())?;
        Ok(Position { at, id })
    }

    pub fn seal_invites(&self, room_id: &str, f: &InviteFilter, p: &Position) -> String {
        self.seal(&scope(ListKind::Invites, room_id, &f.canonical()), p)
    }
    pub fn open_invites(
        &self,
        room_id: &str,
        f: &InviteFilter,
        cursor: &str,
    ) -> Result<Position, Error> {
        self.open(&scope(ListKind::Invites, room_id, &f.canonical()), cursor)
    }
    /// An organization's room list (the host console).
    pub fn seal_rooms(&self, org: &str, p: &Position) -> String {
        self.seal(&format!("rooms\n{org}"), p)
    }
    pub fn open_rooms(&self, org: &str, cursor: &str) -> Result<Position, Error> {
        self.open(&format!("rooms\n{org}"), cursor)
    }
    pub fn seal_participants(&self, room_id: &str, f: &ParticipantFilter, p: &Position) -> String {
        self.seal(&scope(ListKind::Participants, room_id, &f.canonical()), p)
    }
    pub fn open_participants(
        &self,
        room_id: &str,
        f: &ParticipantFilter,
        cursor: &str,
    ) -> Result<Position, Error> {
        self.open(
            &scope(ListKind::Participants, room_id, &f.canonical()),
            cursor,
        )
    }
}

fn scope(kind: ListKind, room_id: &str, filter: &str) -> String {
    let kind = match kind {
        ListKind::Invites => "invites",
        ListKind::Participants => "participants",
    };
    format!("{kind}\n{room_id}\n{filter}")
}

/// A `limit` query value: 1–1000, default 100.
pub fn parse_limit(raw: Option<&str>) -> Result<usize, Error> {
    match raw {
        None => Ok(DEFAULT_LIMIT),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| Error::bad_request("limit must be a whole number from 1 to 1000.")),
    }
}

pub fn parse_status(raw: &str) -> Result<InviteStatus, Error> {
    serde_json::from_value(serde_json::Value::String(raw.to_owned()))
        .map_err(|_| Error::bad_request("status must be active, used, expired, revoked or locked."))
}

pub fn parse_delivery(raw: &str) -> Result<&'static str, Error> {
    DELIVERY_VALUES
        .into_iter()
        .find(|d| *d == raw)
        .ok_or_else(|| {
            Error::bad_request(
                "delivery must be sent, queued, not_sent, failed, delivered, bounced or complained.",
            )
        })
}

pub fn parse_role(raw: &str) -> Result<Role, Error> {
    raw.parse()
        .map_err(|e: super::role::UnknownRole| Error::BadRequest(e.to_string()))
}

pub fn parse_email(raw: &str) -> Result<EmailAddress, Error> {
    EmailAddress::parse(raw)
        .map_err(|_| Error::bad_request("The email filter is not a valid address."))
}

/// One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF (quotes
/// doubled); a cell that a spreadsheet would run as a formula (it begins with `=`, `+`,
/// `-` or `@`) gets a leading `'`.
pub fn csv_cell(out: &mut String, value: &str) {
    let guarded;
    let value = if value.starts_with(['=', '+', '-', '@']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// One CSV record, CRLF-terminated.
pub fn csv_row(out: &mut String, cells: &[&str]) {
    for (n, cell) in cells.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        csv_cell(out, cell);
    }
    out.push_str("\r\n");
}

pub const INVITES_CSV_HEADER: [&str; 10] = [
    "invite_id",
    "email",
    "role",
    "status",
    "delivery",
    "uses",
    "max_uses",
    "expires_at",
    "created_by",
    "created_at",
];

pub const PARTICIPANTS_CSV_HEADER: [&str; 5] =
    ["email", "role", "joined_at", "updated_at", "admission"];

pub fn invite_csv_row(out: &mut String, i: &Invite, now: OffsetDateTime) {
    let status = serde_json::to_value(i.status(now))
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let max_uses = i.max_uses.map(|m| m.to_string()).unwrap_or_default();
    csv_row(
        out,
        &[
            &i.invite_id,
            i.email.as_str(),
            i.role.as_str(),
            &status,
            i.delivery.as_str(),
            &i.uses.to_string(),
            &max_uses,
            &super::time_fmt::format(i.expires_at),
            &i.created_by,
            &super::time_fmt::format(i.created_at),
        ],
    );
}

pub fn participant_csv_row(out: &mut String, p: &Participant) {
    csv_row(
        out,
        &[
            p.email.as_str(),
            p.role.as_str(),
            &super::time_fmt::format(p.joined_at),
            &super::time_fmt::format(p.updated_at),
            p.admission.as_str(),
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> CursorKey {
        CursorKey::derive(b"server secret")
    }

    #[test]
    fn a_cursor_opens_only_for_its_room_list_and_filter() {
        let p = Position {
            at: 1_900_000_000,
            id: "01J0000000000000000000000".into(),
        };
        let f = InviteFilter::default();
        let c = key().seal_invites("r1", &f, &p);
        assert_eq!(key().open_invites("r1", &f, &c), Ok(p.clone()));
        let used = InviteFilter {
            status: Some(InviteStatus::Used),
            ..f.clone()
        };
        for wrong in [
            key().open_invites("r2", &f, &c),
            key().open_invites("r1", &used, &c),
            key().open_participants("r1", &ParticipantFilter::default(), &c),
            CursorKey::derive(b"other").open_invites("r1", &f, &c),
            key().open_invites("r1", &f, "not-a-cursor!"),
            key().open_invites("r1", &f, ""),
        ] {
            assert!(matches!(wrong, Err(Error::BadRequest(_))), "{wrong:?}");
        }
        // Any edited byte breaks the tag.
        let mut raw = URL_SAFE_NO_PAD.decode(&c).expect("base64");
        for n in 0..raw.len() {
            raw[n] ^= 1;
            let edited = URL_SAFE_NO_PAD.encode(&raw);
            assert!(key().open_invites("r1", &f, &edited).is_err(), "byte {n}");
            raw[n] ^= 1;
        }
    }

    #[test]
    fn limits_and_filter_values() {
        assert_eq!(parse_limit(None), Ok(100));
        assert_eq!(parse_limit(Some("1000")), Ok(1000));
        for bad in ["0", "1001", "-1", "ten", ""] {
            assert!(parse_limit(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(parse_status("locked"), Ok(InviteStatus::Locked));
        assert!(parse_status("Locked").is_err());
        assert_eq!(parse_delivery("bounced"), Ok("bounced"));
        assert!(parse_delivery("pending").is_err());
        assert!(parse_role("host").is_err());
        assert_eq!(
            parse_email(" Ann@Example.COM ").map(|e| e.as_str().to_owned()),
            Ok("ann@example.com".to_owned())
        );
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_neutralised() {
        let mut out = String::new();
        csv_row(
            &mut out,
            &[
                "plain",
                "a,b",
                "say \"hi\"",
                "two\nlines",
                "=1+1",
                "-2",
                "+x",
                "@SUM(A1)",
                "",
            ],
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=1+1,'-2,'+x,'@SUM(A1),\r\n"
        );
        let mut out = String::new();
        csv_cell(&mut out, "=HYPERLINK(\"x\",\"y\")");
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    }
}
