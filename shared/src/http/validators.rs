//! Validators and freshness of the public room status (`GET /rooms/{id}/status`).
//!
//! The body holds `server_time`, which differs on every response, so its `ETag` is a
//! *weak* validator (RFC 9110 §8.8.1: the representations are equivalent, not byte for
//! byte the same) over the fields that can change: `status` and `starts_at`. A client
//! that revalidates with `If-None-Match` gets `304` and keeps its body; its clock offset
//! then comes from the 304's `Date` header (whole seconds), as a shared cache's copy is
//! `Age` seconds older than its `server_time`.
//!
//! Freshness (`Cache-Control: public, max-age=N`): a cached `scheduled` must never
//! outlive the start, so N is a tenth of the time left (at most 10 s): 100 s before the
//! start N = 10, 20 s before N = 2, in the last 10 s N = 0 (`no-cache`: every read
//! revalidates, which the per-instance cache answers without a store read). A copy
//! fetched at `now` is thus fresh until `now + left/10`, long before `starts_at`. A live
//! room can only be deleted after that (its pages learn it from the live channel), so it
//! is fresh for [`LIVE_MAX_AGE`] seconds.

use crate::domain::RoomStatus;
use http::header::HeaderValue;
use http::HeaderMap;
use time::OffsetDateTime;

/// `max-age` of a scheduled room's status, at most.
pub const SCHEDULED_MAX_AGE: i64 = 10;
/// `max-age` of a live room's status.
pub const LIVE_MAX_AGE: i64 = 5;

/// The weak `ETag` of a room status.
pub fn status_etag(status: RoomStatus, starts_at: OffsetDateTime) -> String {
    format!("W/\"{}-{}\"", status.as_str(), starts_at.unix_timestamp())
}

/// `Cache-Control` of a room status at `now`.
pub fn status_cache_control(
    status: RoomStatus,
    starts_at: OffsetDateTime,
    now: OffsetDateTime,
) -> String {
    let max_age = match status {
        RoomStatus::Live => LIVE_MAX_AGE,
        RoomStatus::Scheduled => {
            ((starts_at - now).whole_seconds() / 10).clamp(0, SCHEDULED_MAX_AGE)
        }
    };
    if max_age == 0 {
        "public, no-cache".into()
    } else {
        format!("public, max-age={max_age}")
    }
}

/// Whether the request's `If-None-Match` names `etag` (weak comparison, as RFC 9110
/// §13.1.2 asks for this header; `*` matches any current representation).
pub fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    let ours = opaque(etag);
    headers
        .get_all(http::header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v: &HeaderValue| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || opaque(tag) == ours)
}

fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const START: OffsetDateTime = datetime!(2030-12-01 15:00 UTC);

    #[test]
    fn the_etag_changes_with_status_and_start_only() {
        let a = status_etag(RoomStatus::Scheduled, START);
        assert_eq!(a, "W/\"scheduled-1922367600\"");
        assert_ne!(a, status_etag(RoomStatus::Live, START));
        assert_ne!(
            a,
            status_etag(RoomStatus::Scheduled, START + time::Duration::minutes(5))
        );
    }

    #[test]
    fn a_scheduled_status_is_never_fresh_past_the_start() {
        let cc = |left: i64| {
            status_cache_control(
                RoomStatus::Scheduled,
                START,
                START - time::Duration::seconds(left),
            )
        };
        assert_eq!(cc(3600), "public, max-age=10");
        assert_eq!(cc(100), "public, max-age=10");
        assert_eq!(cc(20), "public, max-age=2");
        assert_eq!(cc(19), "public, max-age=1");
        assert_eq!(cc(9), "public, no-cache");
        assert_eq!(cc(-5), "public, no-cache");
        for left in -5..4000 {
            let max_age = cc(left)
                .strip_prefix("public, max-age=")
                .map_or(0, |n| n.parse::<i64>().unwrap());
            assert!(max_age == 0 || max_age < left, "{left}");
        }
        assert_eq!(
            status_cache_control(RoomStatus::Live, START, START),
            "public, max-age=5"
        );
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        let etag = status_etag(RoomStatus::Live, START);
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(http::header::IF_NONE_MATCH, HeaderValue::from_static(v));
            h
        };
        assert!(if_none_match(&with("W/\"live-1922367600\""), &etag));
        assert!(if_none_match(&with("\"live-1922367600\""), &etag));
        assert!(if_none_match(&with("\"x\", W/\"live-1922367600\""), &etag));
        assert!(if_none_match(&with("*"), &etag));
        assert!(!if_none_match(&with("W/\"scheduled-1922367600\""), &etag));
        assert!(!if_none_match(&HeaderMap::new(), &etag));
    }
}
