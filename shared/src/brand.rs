//! The branding of the page being rendered. A request for a page (not a JSON answer)
//! runs inside [`layer`]; when the public flow reads the room (`App::cached_room`), the
//! room's organization's branding is put here, and the pages and error pages render
//! with it. Outside that (JSON, jobs, tests) nothing is held: today's look.

use crate::domain::Branding;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::{Arc, Mutex};

tokio::task_local! {
    static PAGE: Arc<Mutex<Option<Branding>>>;
}

/// Runs a page request with a place for its organization's branding (JSON requests,
/// e.g. the status polls of the session-start wave, read no branding).
pub async fn layer(request: Request, next: Next) -> Response {
    if crate::http::extract::wants_json(request.headers()) {
        return next.run(request).await;
    }
    PAGE.scope(Arc::default(), next.run(request)).await
}

/// Whether this request renders a page and has no branding of `org` yet.
pub fn wanted_for(org: &str) -> bool {
    PAGE.try_with(|slot| {
        slot.lock()
            .map(|b| b.as_ref().is_none_or(|b| b.org != org))
            .unwrap_or(false)
    })
    .unwrap_or(false)
}

/// The branding of the room this request is about.
pub fn set(branding: Branding) {
    let _ = PAGE.try_with(|slot| {
        if let Ok(mut b) = slot.lock() {
            *b = Some(branding);
        }
    });
}

/// The branding to render with, if the request is about an organization's room.
pub fn current() -> Option<Branding> {
    PAGE.try_with(|slot| slot.lock().ok().and_then(|b| b.clone()))
        .ok()
        .flatten()
}
