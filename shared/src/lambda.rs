//! What every Lambda function shares (feature `lambda`).
//!
//! Lambda runs a function's init with about one full vCPU, and each request with
//! memory/1769 of one (0.07 vCPU at 128 MB). So the init does all the work it can, once:
//! the logs; the settings (read and checked: a missing variable fails the init with its
//! name); the SDK configuration and clients (TLS roots, providers); the secrets (a missing
//! or unreadable secret fails the init with its name); the identity provider's keys of
//! the host API functions; and one `GetItem` that opens the TLS connection to DynamoDB,
//! which the first request then reuses (a failure there is logged and never fails the
//! init: the first request connects again). The secrets, the keys and the warm-up run
//! concurrently. Measured under Lambda's CPU quotas, with DynamoDB and Secrets Manager
//! behind TLS, by `lambda-bench` (docs/benchmarks.md): the first response of a cold
//! redemption function at 128 MB came several times sooner than with the SDK, the secrets
//! and the first connection left to the first request. `WARM_INIT=0` restores that lazy
//! init, for the benchmark's before/after.
//!
//! JSON logs carry the request id. Two runtimes: `lambda_http` over the same axum
//! `Router` as local mode, and `lambda_runtime` for the scheduler's and EventBridge's
//! triggers.

use crate::adapters::aws::{
    AppSyncEvents, AwsClients, AwsSettings, DynamoStore, EventBridgePublisher,
    EventBridgeScheduler, LiveSettings, S3Exports, SesMailer, SqsMailQueue,
};
use crate::adapters::room_backend::{self, NoRoomBackend, RoomBackendSecrets};
use crate::adapters::OidcKeySource;
use crate::app::{App, AppConfig};
use crate::config::RoomBackendKind;
use crate::config::{required, var, ConfigError, Settings};
use crate::domain::live_token::LiveTokens;
use crate::domain::token::{derive_key, random_secret};
use crate::http::auth::{ClaimRules, HostAuth};
use crate::http::key_cache::KeyCache;
use crate::http::session::Sessions;
use crate::http::sso::{InviteeSignIn, RelyingParty};
use crate::http::{AppState, ContentSecurityPolicy, HttpConfig, Service};
use crate::ports::{RoomBackend, SystemClock};
use axum::Router;

mod sign_in;
mod triggers;
use lambda_runtime::service_fn;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OnceCell;
use tower::ServiceExt;
use tracing_subscriber::EnvFilter;
pub use triggers::{run_live_authorizer, run_mail_events, run_session_start};

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
    /// Signs invitees in at the organization's provider (`INVITEE_OIDC_*`, its secret).
    pub invitee_sign_in: bool,
    /// Signs hosts in to the console at the hosts' provider (`HOST_JWT_ISSUER`,
    /// `HOST_OIDC_*`, its secret).
    pub console_sign_in: bool,
}

impl Needs {
    pub const HOST_API: Needs = Needs {
        host_jwt: true,
        session: false,
        room_backend: false,
        invitee_sign_in: false,
        console_sign_in: false,
    };
    pub const INVITES: Needs = Needs {
        host_jwt: true,
        session: true,
        room_backend: false,
        invitee_sign_in: false,
        console_sign_in: false,
    };
    /// Role changes: the participant identity and the backend's role push.
    pub const PARTICIPANTS: Needs = Needs {
        host_jwt: true,
        session: true,
        room_backend: true,
        invitee_sign_in: false,
        console_sign_in: false,
    };
    pub const PUBLIC: Needs = Needs {
        host_jwt: false,
        session: true,
        room_backend: true,
        invitee_sign_in: true,
        console_sign_in: false,
    };
    /// The host console: host tokens (its one-time tickets), session cookies, the
    /// backend's role push, and the hosts' provider.
    pub const CONSOLE: Needs = Needs {
        host_jwt: true,
        session: true,
        room_backend: true,
        invitee_sign_in: false,
        console_sign_in: true,
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
    /// Live updates on AppSync Events, when configured.
    live: Option<AppSyncEvents>,
}

/// The settings of a function, read at init.
#[derive(Clone)]
pub struct FunctionSettings {
    settings: Settings,
    aws: AwsSettings,
    live: Option<LiveSettings>,
}

impl FunctionSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(FunctionSettings {
            settings: Settings::from_env()?,
            aws: AwsSettings::from_env()?,
            live: LiveSettings::from_env()?,
        })
    }

    /// The SDK configuration and clients (no network call yet).
    pub async fn connect(self) -> Parts {
        let sdk = crate::adapters::aws::sdk_config_loader().load().await;
        Parts {
            clients: AwsClients::new(&sdk, None),
            secrets: aws_sdk_secretsmanager::Client::new(&sdk),
            live: self
                .live
                .as_ref()
                .map(|l| AppSyncEvents::new(l, &sdk, None)),
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
        unsubscribe_key: Vec<u8>,
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
            mail_queue: match &a.mail_queue_url {
                Some(url) => Arc::new(SqsMailQueue::new(c.sqs.clone(), url.clone())),
                None => Arc::new(crate::ports::NoMailQueue),
            },
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
            // Subscribe tokens are keyed by the session secret (the identity key) in
            // the functions that have it; the others only publish.
            live: match &self.live {
                Some(live) => Arc::new(
                    live.clone().with_tokens(
                        (!identity_key.is_empty())
                            .then(|| LiveTokens::from_session_secret(&identity_key)),
                    ),
                ),
                None => Arc::new(crate::ports::NoLiveChannel),
            },
            clock: Arc::new(SystemClock),
            room_backend,
            config: AppConfig {
                public_base_url: self.settings.public_base_url.clone(),
                policy: self.settings.policy.clone(),
                link_key,
                identity_key,
                list_key,
                participant_invite_limit: self.settings.participant_invite_limit,
                admission: crate::app::AdmissionConfig {
                    code_ttl: self.settings.admission_code_ttl,
                    sso: self.settings.invitee_oidc.is_some(),
                },
                organizer: AppConfig::address_of(&a.mail_from),
                mail_retry: self.settings.mail_retry,
                unsubscribe_key,
            },
            exports: a
                .export_bucket
                .as_ref()
                .map(|bucket| Arc::new(S3Exports::new(c.s3.clone(), bucket.clone())) as Arc<_>),
            public_rooms: Arc::new(crate::app::PublicRooms::default()),
        })
    }

    /// The mail queue, when `MAIL_QUEUE_URL` is set.
    pub fn mail_queue(&self) -> Option<SqsMailQueue> {
        self.aws
            .mail_queue_url
            .as_ref()
            .map(|url| SqsMailQueue::new(self.clients.sqs.clone(), url.clone()))
    }

    /// The use cases of the trigger functions, which hold no secret but the key of the
    /// room mail's unsubscribe links (where the stack gives it: session-start).
    pub async fn job_app(&self) -> Result<App, Error> {
        let unsubscribe = self.unsubscribe_key().await?;
        self.app(
            Vec::new(),
            Vec::new(),
            Vec::new(),
            unsubscribe,
            Arc::new(NoRoomBackend),
        )
    }

    /// The key of the one-click unsubscribe links (`UNSUBSCRIBE_SECRET` or the Secrets
    /// Manager secret `UNSUBSCRIBE_SECRET_ARN`); neither set: none (room mail then has
    /// no unsubscribe links and every link is refused).
    pub async fn unsubscribe_key(&self) -> Result<Vec<u8>, Error> {
        if var("UNSUBSCRIBE_SECRET").is_none() && var("UNSUBSCRIBE_SECRET_ARN").is_none() {
            return Ok(Vec::new());
        }
        let secret = self
            .secret("UNSUBSCRIBE_SECRET", "UNSUBSCRIBE_SECRET_ARN")
            .await?;
        Ok(derive_key(&secret, "unsubscribe"))
    }

    /// The use cases of the session-start function: no secrets but the key of emailed
    /// links (from the session secret, `SESSION_SECRET` or `SESSION_SECRET_ARN`, when
    /// set), so that a queued invitation goes out again with its own link.
    pub async fn retry_app(&self) -> Result<App, Error> {
        let has_secret = var("SESSION_SECRET").is_some() || var("SESSION_SECRET_ARN").is_some();
        let link_key = if has_secret {
            let secret = self.secret("SESSION_SECRET", "SESSION_SECRET_ARN").await?;
            derive_key(&secret, "invite-link-derivation")
        } else {
            Vec::new()
        };
        let unsubscribe = self.unsubscribe_key().await?;
        self.app(
            link_key,
            Vec::new(),
            Vec::new(),
            unsubscribe,
            Arc::new(NoRoomBackend),
        )
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

    /// Opens the connection to DynamoDB (see [`DynamoStore::warm_up`]). A failure or a
    /// slow answer is logged and never fails the init: the first request connects again.
    pub async fn warm_up(&self) {
        let store = DynamoStore::new(self.clients.dynamodb.clone(), self.aws.table_name.clone());
        match tokio::time::timeout(INIT_WARM_UP, store.warm_up()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "DynamoDB warm-up failed during init"),
            Err(_) => tracing::warn!("DynamoDB warm-up timed out during init"),
        }
    }

    /// The secrets a function needs (network: Secrets Manager), read concurrently.
    pub async fn secrets(&self, needs: Needs) -> Result<Secrets, Error> {
        let (host, session, room_backend, sign_in, unsubscribe, console_sign_in) = tokio::try_join!(
            self.host_secret(needs),
            self.secret_if(needs.session, "SESSION_SECRET", "SESSION_SECRET_ARN"),
            self.room_backend(needs.room_backend),
            self.invitee_sign_in(needs.invitee_sign_in),
            self.unsubscribe_key(),
            self.console_sign_in(needs.console_sign_in),
        )?;
        Ok(Secrets {
            host,
            session,
            unsubscribe,
            room_backend,
            sign_in,
            console_sign_in,
        })
    }

    /// The HTTP state: reads the secrets (network). `keys`: the identity provider's keys.
    pub async fn state(
        &self,
        needs: Needs,
        keys: Option<Arc<KeyCache>>,
    ) -> Result<AppState, Error> {
        let secrets = self.secrets(needs).await?;
        self.state_with(secrets, keys)
    }

    /// The HTTP state from secrets already read.
    pub fn state_with(
        &self,
        secrets: Secrets,
        keys: Option<Arc<KeyCache>>,
    ) -> Result<AppState, Error> {
        let Secrets {
            host: host_secret,
            session: session_secret,
            unsubscribe,
            room_backend,
            sign_in,
            console_sign_in,
        } = secrets;
        let s = &self.settings;
        Ok(Arc::new(Service {
            // List cursors are keyed by the session secret: both functions that serve
            // lists (invites, participants) read it, and with an identity provider
            // there may be no host-token secret at all.
            app: self.app(
                derive_key(&session_secret, "invite-link-derivation"),
                session_secret.clone(),
                derive_key(&session_secret, "list-cursor"),
                unsubscribe,
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
                csp: ContentSecurityPolicy::new(
                    self.live.as_ref().map(AppSyncEvents::realtime_origin),
                ),
                sign_in,
                console: crate::http::console::ConsoleConfig {
                    sign_in: console_sign_in,
                },
            },
        }))
    }
}

/// The secrets of an HTTP function, read from the environment or Secrets Manager.
pub struct Secrets {
    host: Option<Vec<u8>>,
    session: Vec<u8>,
    /// The unsubscribe links' key (empty where the function is not given one).
    unsubscribe: Vec<u8>,
    room_backend: Arc<dyn RoomBackend>,
    sign_in: Option<InviteeSignIn>,
    console_sign_in: Option<RelyingParty>,
}

/// How long init waits for the identity provider's keys before it goes on without them.
const INIT_KEY_FETCH: Duration = Duration::from_secs(3);
/// How long init waits for the DynamoDB warm-up before it goes on without it.
const INIT_WARM_UP: Duration = Duration::from_secs(2);

/// `WARM_INIT=0`: the SDK clients, the secrets and the first connection on the first
/// request instead of during init (the benchmark's "before"; see the module doc).
pub fn warm_init() -> bool {
    var("WARM_INIT").as_deref() != Some("0")
}

/// An init failure: logged as a JSON line and returned, so that the process exits and
/// Lambda reports the init error.
fn init_failed(e: impl Into<Error>) -> Error {
    let e = e.into();
    tracing::error!(error = %e, "init failed");
    e
}

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
    let settings = FunctionSettings::from_env().map_err(init_failed)?;
    let host_keys = async {
        if needs.host_jwt {
            identity_keys(&settings).await
        } else {
            Ok(None)
        }
    };
    let router: Arc<OnceCell<Router>> = Arc::new(OnceCell::new());
    let keys = if warm_init() {
        let parts = settings.clone().connect().await;
        let (keys, secrets, ()) = tokio::join!(host_keys, parts.secrets(needs), parts.warm_up());
        let keys = keys.map_err(init_failed)?;
        let state = parts
            .state_with(secrets.map_err(init_failed)?, keys.clone())
            .map_err(init_failed)?;
        let _ = router.set(crate::http::serve(state, routes()));
        keys
    } else {
        host_keys.await.map_err(init_failed)?
    };
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
