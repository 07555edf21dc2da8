//! The room's dashboard: counts by invite status, delivery and role, the funnel
//! invited → delivered → redeemed → in the room, and redemptions over time, as inline
//! SVG. The console's script reads the `#live` part again when the room's hosts' channel
//! says its numbers changed (pushed: Server-Sent Events locally, AppSync Events on AWS,
//! see [`super::live`]), a few seconds later once more (a burst's last change), and
//! every minute regardless; every few seconds where nothing is pushed (backing off on
//! `503`). Without the script the page refreshes itself.

use super::texts::{value, with_markup};
use super::views::{layout, utc, Tab};
use super::ConsoleHost;
use crate::app::ListQuery;
use crate::domain::listing::{ParticipantFilter, RoomSummary};
use crate::domain::Room;
use crate::http::error::ConsoleError;
use crate::http::AppState;
use crate::i18n::{self, Lang};
use crate::{args, tr};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;
use time::OffsetDateTime;

/// Participants read for the redemptions chart (pages of 1,000).
const CHART_PAGES: usize = 5;

#[derive(Deserialize)]
pub struct Part {
    part: Option<String>,
}

pub async fn show(
    State(s): State<AppState>,
    c: ConsoleHost,
    Path(room_id): Path<String>,
    Query(part): Query<Part>,
) -> Result<Response, ConsoleError> {
    let room = s.app.room_of_host(&c.host, &room_id).await?;
    let summary = s.app.room_summary(&c.host, &room_id).await?;
    let mut joins = Vec::new();
    let mut cursor = None;
    for _ in 0..CHART_PAGES {
        let page = s
            .app
            .list_participants(
                &c.host,
                &room_id,
                ListQuery {
                    filter: ParticipantFilter::default(),
                    limit: 1000,
                    cursor,
                },
            )
            .await?;
        joins.extend(page.items.iter().map(|p| p.joined_at));
        match page.next_cursor {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    let lang = i18n::current();
    let live = live_part(lang, &summary, &joins);
    if part.part.as_deref() == Some("live") {
        return Ok(live.into_response());
    }
    Ok(page(lang, &c, &room, live).into_response())
}

pub(super) fn page(lang: Lang, c: &ConsoleHost, room: &Room, live: Markup) -> Markup {
    layout(
        &tr!(lang, "console-dashboard-title"),
        Some((&c.host, &c.csrf)),
        Some((room, Tab::Dashboard)),
        html! {
            h1 { (tr!(lang, "console-dashboard-heading", title = room.title.as_str())) }
            noscript { p class="hint" { (tr!(lang, "console-dashboard-noscript")) } }
            div id="live" data-live=(format!("/console/rooms/{}/dashboard?part=live", room.room_id))
                data-live-sub=(format!("/console/rooms/{}/live", room.room_id)) aria-live="polite" { (live) }
            // `window.AppSyncLive`, the AppSync Events client (AWS; unused locally), and
            // the script that follows the room.
            script src="/assets/appsync-live.js" {}
            script src="/assets/console-live.js" type="module" {}
        },
    )
}

pub(super) fn live_part(lang: Lang, s: &RoomSummary, joins: &[OffsetDateTime]) -> Markup {
    let delivered = s.delivery.delivered + s.delivery.sent;
    let funnel = [
        (
            "invited",
            tr!(lang, "console-funnel-invited"),
            s.invites.total,
        ),
        (
            "delivered",
            tr!(lang, "console-funnel-delivered"),
            delivered,
        ),
        (
            "redeemed",
            tr!(lang, "console-funnel-redeemed"),
            s.invites.used,
        ),
        (
            "in-room",
            tr!(lang, "console-funnel-in-room"),
            s.participants.total,
        ),
    ];
    let named = |kind: &str, rows: &[(&'static str, u64)]| -> Vec<(&'static str, String, u64)> {
        rows.iter()
            .map(|(key, n)| (*key, value(lang, kind, key), *n))
            .collect()
    };
    let status = named(
        "invite-status",
        &[
            ("active", s.invites.active),
            ("used", s.invites.used),
            ("expired", s.invites.expired),
            ("revoked", s.invites.revoked),
            ("locked", s.invites.locked),
        ],
    );
    let delivery = named(
        "delivery",
        &[
            ("sent", s.delivery.sent),
            ("delivered", s.delivery.delivered),
            ("not_sent", s.delivery.not_sent),
            ("failed", s.delivery.failed),
            ("bounced", s.delivery.bounced),
            ("complained", s.delivery.complained),
        ],
    );
    let roles = named(
        "role",
        &[
            ("viewer", s.participants.viewer),
            ("speaker", s.participants.speaker),
            ("moderator", s.participants.moderator),
        ],
    );
    html! {
        div class="grid" {
            section aria-labelledby="funnel-h" class="card" {
                h2 id="funnel-h" { (tr!(lang, "console-funnel")) }
                (bars(lang, "funnel", &funnel))
            }
            section aria-labelledby="status-h" class="card" {
                h2 id="status-h" { (tr!(lang, "console-by-status")) }
                (bars(lang, "status", &status))
            }
            section aria-labelledby="delivery-h" class="card" {
                h2 id="delivery-h" { (tr!(lang, "console-delivery")) }
                (bars(lang, "delivery", &delivery))
            }
            section aria-labelledby="roles-h" class="card" {
                h2 id="roles-h" { (tr!(lang, "console-by-role")) }
                p {
                    (with_markup(lang, "console-joined", args![],
                        vec![("count", html! { strong id="joined" { (s.participants.total) } })]))
                }
                (bars(lang, "roles", &roles))
            }
            section aria-labelledby="time-h" class="card wide" {
                h2 id="time-h" { (tr!(lang, "console-over-time")) }
                (timeline(lang, joins))
            }
        }
    }
}

/// A horizontal bar chart (key, label, number), with the numbers as text too (the SVG
/// is decoration for screen readers: the list carries the data).
fn bars(lang: Lang, id: &str, rows: &[(&str, String, u64)]) -> Markup {
    let max = rows.iter().map(|r| r.2).max().unwrap_or(0).max(1);
    let height = rows.len() * 28;
    html! {
        svg class="chart" viewBox=(format!("0 0 300 {height}")) width="100%" role="img"
            aria-labelledby=(format!("{id}-desc")) {
            desc id=(format!("{id}-desc")) {
                @for (_, label, n) in rows { (tr!(lang, "console-chart-row", label = label.as_str(), count = *n)) " " }
            }
            @for (i, (key, label, n)) in rows.iter().enumerate() {
                @let y = i * 28;
                @let w = (*n as f64 / max as f64 * 140.0).round() as u64;
                text x="0" y=(y + 18) class="label" { (label) }
                rect x="95" y=(y + 5) width=(w.max(1)) height="18" rx="3" class="bar" {}
                text x=(100 + w) y=(y + 18) class="value" data-bar=(format!("{id}-{key}")) { (n) }
            }
        }
    }
}

/// Joins per time bucket (12 buckets from the first join to the last).
fn timeline(lang: Lang, joins: &[OffsetDateTime]) -> Markup {
    let (Some(first), Some(last)) = (joins.iter().min(), joins.iter().max()) else {
        return html! { p { (tr!(lang, "console-no-redemptions")) } };
    };
    let span = (*last - *first).whole_seconds().max(1);
    let buckets = 12usize;
    let mut counts = vec![0u64; buckets];
    for t in joins {
        let i = (((*t - *first).whole_seconds() * buckets as i64) / (span + 1)) as usize;
        counts[i.min(buckets - 1)] += 1;
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    let total: u64 = counts.iter().sum();
    let between = tr!(
        lang,
        "console-redemptions-between",
        count = total,
        first = i18n::dates::utc(lang, *first),
        last = i18n::dates::utc(lang, *last)
    );
    html! {
        svg class="chart" viewBox="0 0 300 120" width="100%" role="img" aria-labelledby="time-desc" {
            desc id="time-desc" { (between) }
            @for (i, n) in counts.iter().enumerate() {
                @let h = (*n as f64 / max as f64 * 100.0).round() as u64;
                rect x=(i * 25 + 2) y=(105 - h) width="21" height=(h.max(1)) class="bar" {}
            }
            line x1="0" y1="106" x2="300" y2="106" class="axis" {}
        }
        p class="hint" {
            (with_markup(lang, "console-redemptions-shown", args![count = total],
                vec![("first", utc(lang, *first)), ("last", utc(lang, *last))]))
        }
    }
}
