//! `GET /metrics`: the service's counters (`shared::telemetry`) in the Prometheus text
//! format, for a Prometheus on the same machine. Local mode listens on 127.0.0.1 only and
//! the counters hold no personal data (closed label sets), so the route is open, as
//! scrape targets usually are. It exists only in local mode: the Lambda functions report
//! the same counters as EMF log lines, and the API has no `/metrics` route.

use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;

static HANDLE: OnceLock<Result<PrometheusHandle, String>> = OnceLock::new();

/// Installs the Prometheus recorder as the process's `metrics` recorder (once per
/// process: every service built in it shares the counters).
pub fn install() -> Result<PrometheusHandle, String> {
    HANDLE
        .get_or_init(|| {
            let handle = PrometheusBuilder::new()
                .install_recorder()
                .map_err(|e| format!("cannot install the metrics recorder: {e}"))?;
            shared::telemetry::describe();
            Ok(handle)
        })
        .clone()
}

/// The text exposition format, version 0.0.4.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

pub fn render(handle: &PrometheusHandle) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, CONTENT_TYPE)],
        handle.render(),
    )
        .into_response()
}
