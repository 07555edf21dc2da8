//! What every Lambda function shares (feature `lambda`): at init the logs, the settings
//! (read and checked, so a missing variable fails the init with its name) and the
//! identity provider's keys of the host API functions (kept across invocations); the
//! SDK clients (TLS roots, providers) and the secrets on the first request, then kept.
//! Measured with `lambda-bench` (docs/benchmarks.md): building the SDK configuration at
//! init made it about 5× hello-world's. JSON logs carry the request id. Two runtimes:
//! `lambda_http` over the same axum `Router` as local mode, and `lambda_runtime` for the
//! session-start trigger.

use crate::adapters::aws::{
    AwsClients, AwsSettings, DynamoStore, EventBridgePublisher, EventBridgeScheduler, S3Exports,
    SesMailer,
};
use crate::adapters::room_backend::{self, NoRoomBackend, RoomBackendSecrets};
use crate::adapters::OidcKeySource;
use crate::app::{App, AppConfig, Job};
use crate::config::RoomBackendKind;
use crate::config::{required, var, ConfigError, Settings};
use crate::domain::token::{derive_key, random_secret};
use crate::http::auth::{ClaimRules, HostAuth};
use crate::http::key_cache::KeyCache;
use crate::http::session::Sessions;
use crate::http::{AppState, HttpConfig, Service};
use crate::ports::{RoomBackend, SystemClock};
use axum::Router;
use lambda_runtime::{service_fn, LambdaEvent};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OnceCell;
use tower::ServiceExt;
use tracing_subscriber::EnvFilter;

pub type Error = lambda_runtime::Error;

/// Which secrets a function needs (each function may read only its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// Verifies host bearer tokens.
    pub host_jwt: bool,
    /// Signs session cookies; also keys the links of replayed issuances and the
    /// participant identities.
    pub session: bool,
    /// Hands participants over to the live-room backend (its secret) and pushes role
    /// changes to it.
    pub room_backend: bool,
}

impl Needs {
    pub const HOST_API: Needs = Needs {
        host_jwt: true,
        session: false,
        room_backend: false,
    };
    pub const INVITES: Needs = Needs {
        host_jwt: true,
        session: true,
        room_backend: false,
    };
    /// Role changes: the participant identity and the backend's role push.
    pub const PARTICIPANTS: Needs = Needs {
        host_jwt: true,
        session: true,
        room_backend: true,
    };
    pub const PUBLIC: Needs = Needs {
        host_jwt: false,
        session: true,
        room_backend: true,
    };
}

/// JSON log lines (CloudWatch), with the request span's fields (request id, route), and
/// the EMF recorder whose counts [`crate::telemetry::emf::flush`] writes after each
/// invocation.
pub fn init_logs() {
    crate::telemetry::emf::install(crate::telemetry::emf::EmfConfig::from_env());
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .init();
}

/// Settings and clients: everything that needs no network.
pub struct Parts {
    settings: Settings,
    aws: AwsSettings,
    clients: AwsClients,
    secrets: aws_sdk_secretsmanager::Client,
}

/// The settings of a function, read at init.
#[derive(Clone)]
pub struct FunctionSettings {
    settings: Settings,
    aws: AwsSettings,
}

impl FunctionSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(FunctionSettings {
            settings: Settings::from_env()?,
            aws: AwsSettings::from_env()?,
        })
    }

    /// The SDK configuration and clients (no network call yet).
    pub async fn connect(self) -> Parts {
        let sdk = crate::adapters::aws::sdk_config_loader().load().await;
        Parts {
            clients: AwsClients::new(&sdk, None),
            secrets: aws_sdk_secretsmanager::Client::new(&sdk),
            settings: self.settings,
            aws: self.aws,
        }
    }
}

impl Parts {
    /// The use cases on the AWS adapters.
    pub fn app(
        &self,
        link_key: Vec<u8>,
        identity_key: Vec<u8>,
        list_key: Vec<u8>,
        room_backend: Arc<dyn RoomBackend>,
    ) -> Result<App, Error> {
        let c = &self.clients;
        let a = &self.aws;
        Ok(App {
            store: Arc::new(DynamoStore::new(c.dynamodb.clone(), a.table_name.clone())),
            mailer: Arc::new(SesMailer::new(
                c.sesv2.clone(),
                &a.mail_from,
                a.ses_configuration_set.clone(),
            )?),
            scheduler: Arc::new(EventBridgeScheduler::new(
                c.scheduler.clone(),
                a.schedule_group.clone(),
                a.session_start_function_arn.clone(),
                a.scheduler_role_arn.clone(),
            )),
            events: Arc::new(EventBridgePublisher::new(
                c.eventbridge.clone(),
                a.event_bus_name.clone(),
            )),
            live: Arc::new(crate::ports::NoLiveChannel),
            clock: Arc::new(SystemClock),
            room_backend,
            config: AppConfig {
                public_base_url: self.settings.public_base_url.clone(),
                policy: self.settings.policy.clone(),
                link_key,
                identity_key,
                list_key,
                participant_invite_limit: self.settings.participant_invite_limit,
                organizer: AppConfig::address_of(&a.mail_from),
            },
            exports: a
                .export_bucket
                .as_ref()
                .map(|bucket| Arc::new(S3Exports::new(c.s3.clone(), bucket.clone())) as Arc<_>),
            public_rooms: Arc::new(crate::app::PublicRooms::default()),
        })
    }

    /// `NAME` from the environment, or else the Secrets Manager secret `NAME_ARN`.
    async fn secret(&self, name: &'static str, arn_name: &'static str) -> Result<Vec<u8>, Error> {
        if let Some(value) = var(name) {
            return Ok(value.into_bytes());
        }
        let arn = required(arn_name)?;
        let out = self
            .secrets
            .get_secret_value()
            .secret_id(arn)
            .send()
            .await
            .map_err(|e| {
                format!(
                    "reading the secret {arn_name}: {}",
                    aws_sdk_secretsmanager::error::DisplayErrorContext(e)
                )
            })?;
        out.secret_string()
            .map(|s| s.as_bytes().to_vec())
            .ok_or_else(|| format!("the secret {arn_name} has no string value").into())
    }

    /// A secret the function needs, or a random key for one it never uses.
    async fn secret_if(
        &self,
        needed: bool,
        name: &'static str,
        arn_name: &'static str,
    ) -> Result<Vec<u8>, Error> {
        if needed {
            self.secret(name, arn_name).await
        } else {
            Ok(random_secret().map_err(|e| e.to_string())?.to_vec())
        }
    }

    /// The configured live-room backend with its secret (`NAME` or `NAME_ARN`).
    async fn room_backend(&self, needed: bool) -> Result<Arc<dyn RoomBackend>, Error> {
        let settings = &self.settings.room_backend;
        if !needed {
            return Ok(Arc::new(NoRoomBackend));
        }
        let text = |v: Vec<u8>| String::from_utf8_lossy(&v).into_owned();
        let mut secrets = RoomBackendSecrets::default();
        match settings.kind {
            RoomBackendKind::None => {}
            RoomBackendKind::LiveKit => {
                secrets.livekit_api_secret = Some(text(
                    self.secret("LIVEKIT_API_SECRET", "LIVEKIT_API_SECRET_ARN")
                        .await?,
                ))
            }
            RoomBackendKind::Jitsi => {
                secrets.jitsi_app_secret = Some(text(
                    self.secret("JITSI_APP_SECRET", "JITSI_APP_SECRET_ARN")
                        .await?,
                ))
            }
            RoomBackendKind::Redirect => {
                secrets.entry_key_seeds = Some(text(
                    self.secret("ROOM_ENTRY_KEY", "ROOM_ENTRY_KEY_ARN").await?,
                ))
            }
        }
        Ok(room_backend::build(
            settings,
            &self.settings.public_base_url,
            secrets,
        )?)
    }

    /// The HS256 secret of host tokens: required without an identity provider; with
    /// one, only if `HOST_JWT_SECRET` or `HOST_JWT_SECRET_ARN` is set.
    async fn host_secret(&self, needs: Needs) -> Result<Option<Vec<u8>>, Error> {
        let optional = self.settings.identity.uses_provider();
        if !needs.host_jwt
            || (optional
                && var("HOST_JWT_SECRET").is_none()
                && var("HOST_JWT_SECRET_ARN").is_none())
        {
            return Ok(None);
        }
        Ok(Some(
            self.secret("HOST_JWT_SECRET", "HOST_JWT_SECRET_ARN")
                .await?,
        ))
    }

    /// The HTTP state: reads the secrets (network), so it runs on the first request.
    /// `keys`: the identity provider's keys, fetched at init.
    pub async fn state(
        &self,
        needs: Needs,
        keys: Option<Arc<KeyCache>>,
    ) -> Result<AppState, Error> {
        let host_secret = self.host_secret(needs).await?;
        let session_secret = self
            .secret_if(needs.session, "SESSION_SECRET", "SESSION_SECRET_ARN")
            .await?;
        let room_backend = self.room_backend(needs.room_backend).await?;
        let s = &self.settings;
        Ok(Arc::new(Service {
            // List cursors are keyed by the session secret: both functions that serve
            // lists (invites, participants) read it, and with an identity provider
            // there may be no host-token secret at all.
            app: self.app(
                derive_key(&session_secret, "invite-link-derivation"),
                session_secret.clone(),
                derive_key(&session_secret, "list-cursor"),
                room_backend,
            )?,
            http: HttpConfig {
                host_auth: HostAuth::new(
                    host_secret.as_deref(),
                    keys,
                    ClaimRules::from_settings(&s.identity),
                ),
                sessions: Sessions::new(&session_secret, s.secure_cookies()),
                // API Gateway cannot hold streams: no `/events` here.
                live: None,
            },
        }))
    }
}

/// How long init waits for the identity provider's keys before it goes on without them.
const INIT_KEY_FETCH: Duration = Duration::from_secs(3);

/// The identity provider's keys (`HOST_JWT_ISSUER`), fetched during init and kept
/// across invocations. A provider that is down does not fail the init: host calls
/// answer `503 identity_provider_unavailable` until the keys come.
pub async fn identity_keys(settings: &FunctionSettings) -> Result<Option<Arc<KeyCache>>, Error> {
    let identity = &settings.settings.identity;
    let Some(issuer) = &identity.issuer else {
        return Ok(None);
    };
    let source =
        OidcKeySource::new(issuer, identity.jwks_url.as_deref()).map_err(|e| e.to_string())?;
    let keys = Arc::new(KeyCache::new(Arc::new(source)));
    if tokio::time::timeout(INIT_KEY_FETCH, keys.prime())
        .await
        .is_err()
    {
        tracing::warn!("identity provider keys not fetched during init (timeout)");
    }
    Ok(Some(keys))
}

/// Runs an HTTP function: `routes` of the shared router behind `lambda_http`.
pub async fn run_http(routes: fn() -> Router<AppState>, needs: Needs) -> Result<(), Error> {
    init_logs();
    let settings = FunctionSettings::from_env()?;
    let keys = if needs.host_jwt {
        identity_keys(&settings).await?
    } else {
        None
    };
    let router: Arc<OnceCell<Router>> = Arc::new(OnceCell::new());
    lambda_http::run(service_fn(move |request: lambda_http::Request| {
        let (settings, router, keys) = (settings.clone(), router.clone(), keys.clone());
        let request_id =
            lambda_http::RequestExt::lambda_context_ref(&request).map(|c| c.request_id.clone());
        async move {
            let response = async {
                let router = router
                    .get_or_try_init(|| async {
                        let parts = settings.connect().await;
                        Ok::<_, Error>(crate::http::serve(
                            parts.state(needs, keys).await?,
                            routes(),
                        ))
                    })
                    .await?;
                Ok::<_, Error>(
                    router
                        .clone()
                        .oneshot(request)
                        .await
                        .unwrap_or_else(|never| match never {}),
                )
            }
            .await;
            crate::telemetry::emf::flush(request_id.as_deref());
            response
        }
    }))
    .await
}

/// The time a mailing may use of an invocation: until 30 s before the deadline, so
/// that it can schedule its continuation in time.
fn mailing_budget(deadline_ms: u64) -> time::Duration {
    let now_ms = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000;
    let left_ms = i128::from(deadline_ms) - now_ms - 30_000;
    time::Duration::milliseconds(left_ms.clamp(1_000, i128::from(i64::MAX)) as i64)
}

/// Runs the session-start function: the scheduler's payloads — the session start
/// `{room_id, starts_at}` and the jobs of room mail (reminders, updates,
/// cancellations). A store failure is returned as an error, so the schedule's retry
/// policy and the dead-letter queue take over.
pub async fn run_session_start() -> Result<(), Error> {
    init_logs();
    let settings = FunctionSettings::from_env()?;
    let app: Arc<OnceCell<App>> = Arc::new(OnceCell::new());
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Job>| {
        let (settings, app) = (settings.clone(), app.clone());
        async move {
            let app = app
                .get_or_try_init(|| async {
                    settings.connect().await.app(
                        Vec::new(),
                        Vec::new(),
                        Vec::new(),
                        Arc::new(NoRoomBackend),
                    )
                })
                .await?;
            let span = tracing::info_span!("session_start", request_id = %event.context.request_id);
            let _guard = span.enter();
            let budget = mailing_budget(event.context.deadline);
            let outcome = app.run_job(&event.payload, budget).await;
            crate::telemetry::emf::flush(Some(&event.context.request_id));
            let outcome = outcome.map_err(|e| e.to_string())?;
            Ok::<_, Error>(outcome)
        }
    }))
    .await
}

/// Runs the mail-events function: SES delivery events from the EventBridge rule. An
/// unreadable event is logged and dropped (a retry cannot fix it); a store failure is
/// returned as an error, so EventBridge retries the event.
pub async fn run_mail_events() -> Result<(), Error> {
    init_logs();
    let settings = FunctionSettings::from_env()?;
    let app: Arc<OnceCell<App>> = Arc::new(OnceCell::new());
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| {
        let (settings, app) = (settings.clone(), app.clone());
        async move {
            let app = app
                .get_or_try_init(|| async {
                    settings.connect().await.app(
                        Vec::new(),
                        Vec::new(),
                        Vec::new(),
                        Arc::new(NoRoomBackend),
                    )
                })
                .await?;
            let span = tracing::info_span!("mail_event", request_id = %event.context.request_id);
            let _guard = span.enter();
            let parsed = match crate::domain::MailEvent::from_eventbridge(&event.payload) {
                Ok(parsed) => parsed,
                Err(e) => {
                    tracing::warn!(error = %e, "unreadable mail event dropped");
                    return Ok::<_, Error>(serde_json::json!({ "ignored": "unreadable event" }));
                }
            };
            let outcome = app.record_mail_event(&parsed).await;
            crate::telemetry::emf::flush(Some(&event.context.request_id));
            let outcome = outcome.map_err(|e| e.to_string())?;
            Ok(serde_json::to_value(outcome)?)
        }
    }))
    .await
}
