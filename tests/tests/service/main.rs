//! The HTTP contract, end to end through the router, on the embedded adapters.

mod admission;
#[cfg(feature = "aws")]
mod back_pressure;
mod branding;
mod console;
mod console_branding;
mod console_live;
mod guest_invites;
mod host_api;
mod idempotency;
mod join_flow;
mod languages;
mod lists;
mod live_client_asset;
mod live_updates;
mod login_csrf;
mod mail_delivery;
mod persistence;
mod public_reads;
mod queued_mail;
mod race;
mod reminders;
mod room_entry;
mod scheduling;
mod sign_in;
mod waiting_room;
