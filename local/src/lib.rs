//! Local mode: every function of the service in one process, on the embedded store,
//! the `.eml` outbox, the in-process scheduler (session starts, reminders, room mail)
//! and the logging publisher.

use shared::adapters::oidc_sign_in::OidcSignIn;
use shared::adapters::room_backend::{self, RoomBackendSecrets};
use shared::adapters::OidcKeySource;
use shared::adapters::{EmlMailer, LiveBroadcast, LocalScheduler, LogPublisher, SqliteStore};
use shared::app::{App, AppConfig};
use shared::config::{var, IdentitySettings, RoomBackendKind, RoomBackendSettings, Settings};
use shared::domain::token::{derive_key, hex, random_secret};
use shared::domain::DomainPolicy;
use shared::http::auth::{ClaimRules, HostAuth};
use shared::http::key_cache::KeyCache;
use shared::http::session::Sessions;
use shared::http::sso::{InviteeSignIn, RelyingParty};
use shared::http::{AppState, HttpConfig, Service};
use shared::ports::{Clock, EventPublisher, KeySource, Mailer, Store, SystemClock};
use std::path::{Path, PathBuf};

pub mod prometheus;
mod serve;
pub use serve::serve;
use std::sync::Arc;
use tokio::task::JoinHandle;

/// What local mode is built from (the settings, resolved).
#[derive(Clone)]
pub struct LocalOptions {
    pub data_dir: PathBuf,
    pub outbox_dir: PathBuf,
    pub public_base_url: String,
    /// `None`: only tokens of the identity provider (`identity.issuer`) are accepted.
    pub host_jwt_secret: Option<Vec<u8>>,
    pub identity: IdentitySettings,
    /// Replaces the provider's keys over HTTP (tests).
    pub key_source: Option<Arc<dyn KeySource>>,
    /// `None`: generated once and kept in `DATA_DIR`.
    pub session_secret: Option<Vec<u8>>,
    pub policy: DomainPolicy,
    pub mail_from: String,
    /// `ROOM_BACKEND` and its settings.
    pub room_backend: RoomBackendSettings,
    /// `LIVEKIT_API_SECRET`, `JITSI_APP_SECRET`, `ROOM_ENTRY_KEY` (redirect: when unset,
    /// generated once and kept in `DATA_DIR/room-entry.key`).
    pub room_backend_secrets: RoomBackendSecrets,
    /// `PARTICIPANT_INVITE_LIMIT`.
    pub participant_invite_limit: u32,
    /// `ADMISSION_CODE_TTL_S`.
    pub admission_code_ttl: time::Duration,
    /// `INVITEE_OIDC_ISSUER`, `INVITEE_OIDC_CLIENT_ID` and `INVITEE_OIDC_CLIENT_SECRET`.
    pub invitee_oidc: Option<(shared::config::InviteeOidcSettings, Option<String>)>,
    /// `HOST_OIDC_CLIENT_ID`, `HOST_OIDC_SCOPES` and `HOST_OIDC_CLIENT_SECRET`: the host
    /// console's sign-in at the hosts' provider (`identity.issuer`).
    pub host_oidc: Option<(shared::config::HostOidcSettings, Option<String>)>,
    /// Replaces the logging publisher (tests record events).
    pub events: Option<Arc<dyn EventPublisher>>,
    /// Replaces the system clock (tests move time).
    pub clock: Option<Arc<dyn Clock>>,
    /// Replaces the embedded store (the contract tests run once on DynamoDB on moto).
    /// Pending session starts are re-armed from the embedded store only.
    pub store: Option<Arc<dyn Store>>,
    /// The comment interval of the live streams (`/rooms/{id}/events`); tests shorten it.
    pub live_keep_alive: std::time::Duration,
    /// `MAIL_RETRY_HOURS` and the backoff of queued emails; tests shorten the backoff.
    pub mail_retry: shared::domain::mail_retry::MailRetryPolicy,
    /// Wraps the outbox mailer (tests make it fail).
    pub mailer_wrapper: Option<MailerWrapper>,
}

/// A function that wraps the mailer (see [`LocalOptions::mailer_wrapper`]).
pub type MailerWrapper = Arc<dyn Fn(Arc<dyn Mailer>) -> Arc<dyn Mailer> + Send + Sync>;

impl LocalOptions {
    pub fn from_settings(settings: &Settings, host_jwt_secret: Option<Vec<u8>>) -> Self {
        LocalOptions {
            data_dir: settings.data_dir.clone(),
            outbox_dir: settings.outbox_dir.clone(),
            public_base_url: settings.public_base_url.clone(),
            host_jwt_secret,
            identity: settings.identity.clone(),
            key_source: None,
            session_secret: settings.session_secret.clone().map(String::into_bytes),
            policy: settings.policy.clone(),
            mail_from: settings.mail_from.clone(),
            room_backend: settings.room_backend.clone(),
            room_backend_secrets: RoomBackendSecrets {
                livekit_api_secret: var("LIVEKIT_API_SECRET"),
                jitsi_app_secret: var("JITSI_APP_SECRET"),
                entry_key_seeds: var("ROOM_ENTRY_KEY"),
            },
            participant_invite_limit: settings.participant_invite_limit,
            admission_code_ttl: settings.admission_code_ttl,
            invitee_oidc: settings
                .invitee_oidc
                .clone()
                .map(|o| (o, var("INVITEE_OIDC_CLIENT_SECRET"))),
            host_oidc: settings
                .host_oidc
                .clone()
                .map(|o| (o, var("HOST_OIDC_CLIENT_SECRET"))),
            events: None,
            clock: None,
            store: None,
            live_keep_alive: shared::adapters::live_broadcast::KEEP_ALIVE,
            mail_retry: settings.mail_retry,
            mailer_wrapper: None,
        }
    }
}

/// A running local service: its router, and the scheduler's timer task.
pub struct Local {
    pub state: AppState,
    pub router: axum::Router,
    pub store: Arc<dyn Store>,
    pub scheduler: LocalScheduler,
    /// The live updates of the open pages (close it to end their streams).
    pub live: LiveBroadcast,
    runner: JoinHandle<()>,
}

impl Drop for Local {
    fn drop(&mut self) {
        self.runner.abort();
    }
}

/// The session secret from `DATA_DIR/session.secret`, created on first start.
fn session_secret(data_dir: &Path) -> Result<Vec<u8>, String> {
    kept_secret(&data_dir.join("session.secret"))
}

/// A random secret kept in a file readable only by its owner, created on first use.
fn kept_secret(path: &Path) -> Result<Vec<u8>, String> {
    let path = path.to_path_buf();
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

/// Host token verification: the secret, and the provider's keys, fetched once now (a
/// provider that is down does not stop the start: host calls answer 503 until it is up).
async fn host_auth(options: &LocalOptions) -> Result<HostAuth, String> {
    let identity = &options.identity;
    let keys = match (&identity.issuer, &options.key_source) {
        (None, _) => None,
        (Some(_), Some(source)) => Some(Arc::new(KeyCache::new(source.clone()))),
        (Some(issuer), None) => {
            let source = OidcKeySource::new(issuer, identity.jwks_url.as_deref())
                .map_err(|e| e.to_string())?;
            Some(Arc::new(KeyCache::new(Arc::new(source))))
        }
    };
    if let Some(keys) = &keys {
        keys.prime().await;
    }
    if keys.is_none() && options.host_jwt_secret.is_none() {
        return Err(
            "set HOST_JWT_SECRET or HOST_JWT_ISSUER: host tokens cannot be verified".into(),
        );
    }
    Ok(HostAuth::new(
        options.host_jwt_secret.as_deref(),
        keys,
        ClaimRules::from_settings(identity),
    ))
}

/// The invitees' sign-in (`INVITEE_OIDC_ISSUER`).
async fn invitee_sign_in(options: &LocalOptions) -> Result<Option<InviteeSignIn>, String> {
    let Some((oidc, secret)) = &options.invitee_oidc else {
        return Ok(None);
    };
    let party = relying_party(&oidc.issuer, &oidc.client_id, secret.clone(), None, None).await?;
    Ok(Some(party))
}

/// The host console's sign-in at the hosts' provider (`HOST_JWT_ISSUER` with
/// `HOST_OIDC_CLIENT_ID`).
async fn console_sign_in(options: &LocalOptions) -> Result<Option<RelyingParty>, String> {
    let (Some(issuer), Some((oidc, secret))) = (&options.identity.issuer, &options.host_oidc)
    else {
        return Ok(None);
    };
    let jwks_url = options.identity.jwks_url.as_deref();
    let party = relying_party(
        issuer,
        &oidc.client_id,
        secret.clone(),
        Some(&oidc.scopes),
        jwks_url,
    )
    .await?;
    Ok(Some(party))
}

/// A relying party (the invitees' and the console's: one implementation): discovery and
/// the provider's keys are fetched at start; a provider that is down does not stop the
/// service (sign-ins answer `503 identity_provider_unavailable` until it is back).
async fn relying_party(
    issuer: &str,
    client_id: &str,
    secret: Option<String>,
    scopes: Option<&[String]>,
    jwks_url: Option<&str>,
) -> Result<RelyingParty, String> {
    let mut provider = OidcSignIn::new(issuer, client_id, secret).map_err(|e| e.to_string())?;
    if let Some(scopes) = scopes {
        provider = provider.with_scopes(scopes.iter().cloned());
    }
    let keys = OidcKeySource::new(issuer, jwks_url).map_err(|e| e.to_string())?;
    let keys = Arc::new(KeyCache::new(Arc::new(keys)));
    let (discovered, _) = tokio::join!(provider.prime(), keys.prime());
    if !discovered {
        tracing::warn!(issuer = %issuer, "an identity provider is not reachable yet");
    }
    Ok(RelyingParty::new(Arc::new(provider), keys))
}

/// Builds the service on `options.data_dir`, re-arms the pending session starts and
/// starts the scheduler.
pub async fn build(options: LocalOptions) -> Result<Local, String> {
    let metrics = prometheus::install()?;
    std::fs::create_dir_all(&options.data_dir)
        .map_err(|e| format!("cannot create DATA_DIR {}: {e}", options.data_dir.display()))?;
    let (store, embedded): (Arc<dyn Store>, Option<SqliteStore>) = match options.store.clone() {
        Some(store) => (store, None),
        None => {
            let embedded = SqliteStore::open(&options.data_dir).map_err(|e| e.to_string())?;
            (Arc::new(embedded.clone()), Some(embedded))
        }
    };
    let mailer: Arc<dyn Mailer> = Arc::new(
        EmlMailer::new(options.outbox_dir.clone(), &options.mail_from)
            .map_err(|e| e.to_string())?,
    );
    let mailer = match &options.mailer_wrapper {
        Some(wrap) => wrap(mailer),
        None => mailer,
    };
    let session_secret = match options.session_secret.clone() {
        Some(s) => s,
        None => session_secret(&options.data_dir)?,
    };
    let link_key = derive_key(&session_secret, "invite-link-derivation");
    let mut backend_secrets = options.room_backend_secrets.clone();
    if options.room_backend.kind == RoomBackendKind::Redirect
        && backend_secrets.entry_key_seeds.is_none()
    {
        let seed = kept_secret(&options.data_dir.join("room-entry.key"))?;
        backend_secrets.entry_key_seeds = Some(String::from_utf8_lossy(&seed).into_owned());
    }
    let room_backend = room_backend::build(
        &options.room_backend,
        &options.public_base_url,
        backend_secrets,
    )?;
    let scheduler = LocalScheduler::new();
    let live = LiveBroadcast::with_keep_alive(&options.public_base_url, options.live_keep_alive);
    let app = App {
        store: store.clone(),
        mailer,
        mail_queue: Arc::new(scheduler.clone()),
        scheduler: Arc::new(scheduler.clone()),
        events: options
            .events
            .clone()
            .unwrap_or_else(|| Arc::new(LogPublisher)),
        live: Arc::new(live.clone()),
        clock: options
            .clock
            .clone()
            .unwrap_or_else(|| Arc::new(SystemClock)),
        room_backend,
        config: AppConfig {
            public_base_url: options.public_base_url.trim_end_matches('/').to_owned(),
            policy: options.policy.clone(),
            link_key,
            identity_key: session_secret.clone(),
            list_key: derive_key(&session_secret, "list-cursor"),
            participant_invite_limit: options.participant_invite_limit,
            admission: shared::app::AdmissionConfig {
                code_ttl: options.admission_code_ttl,
                sso: options.invitee_oidc.is_some(),
            },
            organizer: AppConfig::address_of(&options.mail_from),
            mail_retry: options.mail_retry,
            unsubscribe_key: derive_key(&session_secret, "unsubscribe"),
        },
        exports: None,
        public_rooms: Arc::new(shared::app::PublicRooms::default()),
    };
    let host_auth = host_auth(&options).await?;
    let sign_in = invitee_sign_in(&options).await?;
    let state: AppState = Arc::new(Service {
        app,
        http: HttpConfig {
            host_auth,
            sessions: Sessions::new(
                &session_secret,
                options.public_base_url.starts_with("https://"),
            ),
            live: Some(live.clone()),
            // Live updates are same-origin SSE in local mode.
            csp: Default::default(),
            sign_in,
            console: shared::http::console::ConsoleConfig {
                sign_in: console_sign_in(&options).await?,
            },
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
    // Invitations a crash or restart left unsent (their send or retry timer was in this
    // process): queued again, to go out at once with their own links.
    if let Some(embedded) = &embedded {
        let unsent = embedded
            .invites_awaiting_mail()
            .await
            .map_err(|e| e.to_string())?;
        if !unsent.is_empty() {
            let n = state
                .app
                .requeue_unsent(&unsent)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(invites = n, "unsent invitations queued again");
        }
        // `Idempotency-Key` claims of requests that died with the process before: a
        // retry takes its key over now, rather than when the lease runs out.
        let ended = embedded
            .end_unfinished_claims()
            .await
            .map_err(|e| e.to_string())?;
        if ended > 0 {
            tracing::info!(claims = ended, "unfinished idempotency claims released");
        }
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
        router: shared::http::serve(
            state.clone(),
            shared::http::contract_routes().route(
                "/metrics",
                axum::routing::get(move || {
                    let metrics = metrics.clone();
                    async move { prometheus::render(&metrics) }
                }),
            ),
        ),
        state,
        store,
        scheduler,
        live,
        runner,
    })
}
