//! The moderators' waiting-room panel on the room and event pages: who waits (name and
//! domain, never the whole address), oldest first, with admit, deny and admit-all as
//! plain forms (the script turns them into requests and keeps the list current), a
//! visible count, an opt-in sound, and a live region for screen readers.

use crate::app::ModeratorWaitingEntry;
use maud::{html, Markup};

pub fn waiting_panel(room_id: &str, waiting: &[ModeratorWaitingEntry]) -> Markup {
    let count = waiting.len();
    html! {
        section id="waiting-room" class="card" aria-labelledby="waiting-h"
            data-waiting-url={ "/rooms/" (room_id) "/waiting" } data-room-id=(room_id)
            data-live-url={ "/rooms/" (room_id) "/live" } {
            h2 id="waiting-h" class="form-title" {
                "Waiting room "
                span id="waiting-count" class="badge" data-count=(count) { (count) }
            }
            p id="waiting-status" class="visually-hidden" role="status" aria-live="polite" {}
            p class="hint" {
                input type="checkbox" id="waiting-sound";
                label for="waiting-sound" class="inline" { " Play a sound when someone knocks" }
            }
            p id="waiting-empty" class="hint" hidden[count > 0] { "Nobody is waiting." }
            ul id="waiting-list" class="waiting-list" {
                @for w in waiting { (entry(room_id, w)) }
            }
            form method="post" action={ "/rooms/" (room_id) "/waiting/admit-all" } hidden[count == 0] id="admit-all" {
                button type="submit" { "Admit everyone" }
            }
        }
    }
}

fn entry(room_id: &str, w: &ModeratorWaitingEntry) -> Markup {
    let base = format!("/rooms/{room_id}/waiting/{}", w.identity);
    html! {
        li data-identity=(w.identity) {
            span class="who" { strong { (w.name) } " · " (w.domain) " · " (w.role.as_str()) }
            form method="post" action={ (base) "/admit" } class="inline" {
                button type="submit" aria-label={ "Admit " (w.name) } { "Admit" }
            }
            form method="post" action={ (base) "/deny" } class="inline" {
                input type="text" name="reason" maxlength="200" placeholder="Reason (optional)"
                    aria-label={ "Reason for turning " (w.name) " away (optional)" };
                button type="submit" class="secondary" aria-label={ "Deny " (w.name) } { "Deny" }
            }
        }
    }
}
