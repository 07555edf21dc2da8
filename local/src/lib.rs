//! Local mode: every function of the service in one process, on the embedded store,
//! the `.eml` outbox, the in-process scheduler (session starts, reminders, room mail)
//! and the logging publisher.

use shared::adapters::{EmlMailer, LocalScheduler, LogPublisher, SqliteStore};
use shared::app::{App, AppConfig};
use shared::config::Settings;
use shared::domain::token::{derive_key, hex, random_secret};
use shared::domain::DomainPolicy;
use shared::http::auth::HostAuth;
use shared::http::session::Sessions;
use shared::http::{AppState, HttpConfig, Service};
use shared::ports::{Clock, EventPublisher, Store, SystemClock};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::task::JoinHandle;

/// What local mode is built from (the settings, resolved).
#[derive(Clone)]
pub struct LocalOptions {
    pub data_dir: PathBuf,
    pub outbox_dir: PathBuf,
    pub public_base_url: String,
    pub host_jwt_secret: Vec<u8>,
    pub host_jwt_issuer: Option<String>,
    pub host_jwt_audience: Option<String>,
    /// `None`: generated once and kept in `DATA_DIR`.
    pub session_secret: Option<Vec<u8>>,
    pub policy: DomainPolicy,
    pub mail_from: String,
    /// Replaces the logging publisher (tests record events).
    pub events: Option<Arc<dyn EventPublisher>>,
    /// Replaces the system clock (tests move time).
    pub clock: Option<Arc<dyn Clock>>,
    /// Replaces the embedded store (the contract tests run once on DynamoDB on moto).
    /// Pending session starts are re-armed from the embedded store only.
    pub store: Option<Arc<dyn Store>>,
}

impl LocalOptions {
    pub fn from_settings(settings: &Settings, host_jwt_secret: Vec<u8>) -> Self {
        LocalOptions {
            data_dir: settings.data_dir.clone(),
            outbox_dir: settings.outbox_dir.clone(),
            public_base_url: settings.public_base_url.clone(),
            host_jwt_secret,
            host_jwt_issuer: settings.host_jwt_issuer.clone(),
            host_jwt_audience: settings.host_jwt_audience.clone(),
            session_secret: settings.session_secret.clone().map(String::into_bytes),
            policy: settings.policy.clone(),
            mail_from: settings.mail_from.clone(),
            events: None,
            clock: None,
            store: None,
        }
    }
}

/// A running local service: its router, and the scheduler's timer task.
pub struct Local {
    pub state: AppState,
    pub router: axum::Router,
    pub store: Arc<dyn Store>,
    pub scheduler: LocalScheduler,
    runner: JoinHandle<()>,
}

impl Drop for Local {
    fn drop(&mut self) {
        self.runner.abort();
    }
}

/// The session secret from `DATA_DIR/session.secret`, created on first start.
fn session_secret(data_dir: &Path) -> Result<Vec<u8>, String> {
    let path = data_dir.join("session.secret");
    match std::fs::read_to_string(&path) {
        Ok(s) if s.trim().len() >= 32 => return Ok(s.trim().as_bytes().to_vec()),
        Ok(_) => {
            return Err(format!(
                "{} is too short; delete it to generate a new one",
                path.display()
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    }
    let secret = hex(&random_secret().map_err(|e| e.to_string())?);
    write_private(&path, &secret).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(secret.into_bytes())
}

fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(content.as_bytes())
}

/// Builds the service on `options.data_dir`, re-arms the pending session starts and
/// starts the scheduler.
pub async fn build(options: LocalOptions) -> Result<Local, String> {
    std::fs::create_dir_all(&options.data_dir)
        .map_err(|e| format!("cannot create DATA_DIR {}: {e}", options.data_dir.display()))?;
    let (store, embedded): (Arc<dyn Store>, Option<SqliteStore>) = match options.store.clone() {
        Some(store) => (store, None),
        None => {
            let embedded = SqliteStore::open(&options.data_dir).map_err(|e| e.to_string())?;
            (Arc::new(embedded.clone()), Some(embedded))
        }
    };
    let mailer = EmlMailer::new(options.outbox_dir.clone(), &options.mail_from)
        .map_err(|e| e.to_string())?;
    let session_secret = match options.session_secret.clone() {
        Some(s) => s,
        None => session_secret(&options.data_dir)?,
    };
    let link_key = derive_key(&session_secret, "invite-link-derivation");
    let scheduler = LocalScheduler::new();
    let app = App {
        store: store.clone(),
        mailer: Arc::new(mailer),
        scheduler: Arc::new(scheduler.clone()),
        events: options
            .events
            .clone()
            .unwrap_or_else(|| Arc::new(LogPublisher)),
        clock: options
            .clock
            .clone()
            .unwrap_or_else(|| Arc::new(SystemClock)),
        config: AppConfig {
            public_base_url: options.public_base_url.trim_end_matches('/').to_owned(),
            policy: options.policy.clone(),
            link_key,
            identity_key: session_secret.clone(),
            organizer: AppConfig::address_of(&options.mail_from),
        },
    };
    let state: AppState = Arc::new(Service {
        app,
        http: HttpConfig {
            host_auth: HostAuth::hs256(
                &options.host_jwt_secret,
                options.host_jwt_issuer.as_deref(),
                options.host_jwt_audience.as_deref(),
            ),
            sessions: Sessions::new(
                &session_secret,
                options.public_base_url.starts_with("https://"),
            ),
        },
    });
    let pending = match &embedded {
        Some(embedded) => embedded
            .scheduled_rooms()
            .await
            .map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    for room in pending {
        state
            .app
            .rearm_room(&room)
            .await
            .map_err(|e| e.to_string())?;
    }
    let fire_state = state.clone();
    let runner = scheduler.spawn_runner(move |job| {
        let state = fire_state.clone();
        async move {
            // Local mode has no time limit: a mailing runs to its end in one go.
            if let Err(e) = state.app.run_job(&job, time::Duration::MAX).await {
                tracing::error!(error = %e, "scheduled job failed");
            }
        }
    });
    Ok(Local {
        router: shared::http::router(state.clone()),
        state,
        store,
        scheduler,
        runner,
    })
}
