//! The moderators' waiting-room panel on the room and event pages: who waits (name and
//! domain, never the whole address), oldest first, with admit, deny and admit-all as
//! plain forms (the script turns them into requests and keeps the list current), a
//! visible count, an opt-in sound, and a live region for screen readers.

use crate::app::ModeratorWaitingEntry;
use crate::http::page_text::role_name;
use crate::i18n::Lang;
use crate::tr;
use maud::{html, Markup};

pub fn waiting_panel(lang: Lang, room_id: &str, waiting: &[ModeratorWaitingEntry]) -> Markup {
    let count = waiting.len();
    html! {
        section id="waiting-room" class="card" aria-labelledby="waiting-h"
            data-waiting-url={ "/rooms/" (room_id) "/waiting" } data-room-id=(room_id)
            data-live-url={ "/rooms/" (room_id) "/live" } {
            h2 id="waiting-h" class="form-title" {
                (tr!(lang, "panel-title")) " "
                span id="waiting-count" class="badge" data-count=(count) { (count) }
            }
            p id="waiting-status" class="visually-hidden" role="status" aria-live="polite" {}
            p class="hint" {
                input type="checkbox" id="waiting-sound";
                label for="waiting-sound" class="inline" { " " (tr!(lang, "panel-sound")) }
            }
            p id="waiting-empty" class="hint" hidden[count > 0] { (tr!(lang, "panel-empty")) }
            ul id="waiting-list" class="waiting-list" {
                @for w in waiting { (entry(lang, room_id, w)) }
            }
            form method="post" action={ "/rooms/" (room_id) "/waiting/admit-all" } hidden[count == 0] id="admit-all" {
                button type="submit" { (tr!(lang, "panel-admit-all")) }
            }
        }
    }
}

fn entry(lang: Lang, room_id: &str, w: &ModeratorWaitingEntry) -> Markup {
    let base = format!("/rooms/{room_id}/waiting/{}", w.identity);
    html! {
        li data-identity=(w.identity) {
            span class="who" { strong { (w.name) } " · " (w.domain) " · " (role_name(lang, w.role)) }
            form method="post" action={ (base) "/admit" } class="inline" {
                button type="submit" aria-label=(tr!(lang, "panel-admit-who", name = w.name.as_str())) { (tr!(lang, "panel-admit")) }
            }
            form method="post" action={ (base) "/deny" } class="inline" {
                input type="text" name="reason" maxlength="200" placeholder=(tr!(lang, "panel-reason"))
                    aria-label=(tr!(lang, "panel-reason-who", name = w.name.as_str()));
                button type="submit" class="secondary" aria-label=(tr!(lang, "panel-deny-who", name = w.name.as_str())) { (tr!(lang, "panel-deny")) }
            }
        }
    }
}
