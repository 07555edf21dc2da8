//! Embedded adapters of the ports, for local mode and tests.

pub mod eml_mailer;
pub mod live_broadcast;
pub mod local_scheduler;
pub mod log_publisher;
pub mod oidc_keys;
pub mod oidc_sign_in;
pub mod sqlite;

pub use eml_mailer::EmlMailer;
pub use live_broadcast::LiveBroadcast;
pub use local_scheduler::LocalScheduler;
pub use log_publisher::LogPublisher;
pub use oidc_keys::OidcKeySource;
pub use sqlite::SqliteStore;
#[cfg(feature = "aws")]
pub mod aws;
pub mod room_backend;
