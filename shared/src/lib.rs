//! The room invitation service: domain, use cases, ports, HTTP layer and the embedded
//! adapters of local mode.

pub mod adapters;
pub mod app;
pub mod brand;
pub mod config;
pub mod domain;
pub mod http;
pub mod i18n;
#[cfg(feature = "lambda")]
pub mod lambda;
pub mod ports;
pub mod telemetry;
