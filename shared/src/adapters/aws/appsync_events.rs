//! Live updates on AWS AppSync Events (integrations.md §3): the functions publish with
//! SigV4-signed HTTP requests, browsers subscribe over AppSync Events' WebSocket with a
//! short-lived token from `GET /rooms/{id}/live`, checked by the live authorizer
//! ([`super::live_authorizer`]).
//!
//! - Publish: `POST https://<http-domain>/event` with `{"channel": "/live/rooms/…",
//!   "events": ["<json>", …]}`, at most 5 events a request (AppSync's batch limit), signed
//!   for the service `appsync` with the credentials of the SDK configuration, resolved on
//!   every publish (so rotated Lambda credentials are picked up). Each event is the JSON
//!   text of `{"event": <name>, "data": <data>}`: the SSE `event:` and `data:` of local
//!   mode. Failures are logged (never the credentials or the signature) and counted
//!   (`live_publish_failures_total`); they never fail the request that caused them.
//! - Channels ([`ChannelNames`]): `/<namespace>/rooms/<room_id>` (status, deletion) and
//!   `/<namespace>/rooms/<room_id>/<identity>` (role), where the identity `p_<24 hex>`
//!   is written `p-<24 hex>`: segments keep to `[A-Za-z0-9-]`, 1–50 characters (the
//!   alphabet AppSync documents for namespace names; `_` is not in it).
//! - Subscription: `{"transport": "appsync", "url": "wss://<realtime-domain>/event/realtime",
//!   "host": "<http-domain>", "channels": [room, own], "token": <live token>}`.

use super::live_authorizer::ChannelNames;
use crate::config::ConfigError;
use crate::domain::live_token::LiveTokens;
use crate::ports::{Channel, LiveChannel, LiveMessage, LiveSubscription};
use async_trait::async_trait;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// AppSync Events allows at most this many events in one publish request.
pub const MAX_EVENTS_PER_REQUEST: usize = 5;

/// A publish waits at most this long (it runs inside the request that caused it).
const PUBLISH_TIMEOUT: Duration = Duration::from_secs(2);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// The SigV4 service name of AppSync.
const SERVICE: &str = "appsync";

/// `APPSYNC_HTTP_DOMAIN`, `APPSYNC_REALTIME_DOMAIN` (both or neither) and
/// `LIVE_NAMESPACE` (default `live`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSettings {
    /// The Event API's HTTP domain (publish endpoint; the `host` of subscriptions).
    pub http_domain: String,
    /// The Event API's realtime domain (WebSocket endpoint).
    pub realtime_domain: String,
    /// The channel namespace.
    pub namespace: String,
    /// `APPSYNC_PUBLISH_URL`: publish here instead of `https://<http-domain>/event` (a
    /// loopback stand-in in tests; a proxy). Unset in the template.
    pub publish_url: Option<String>,
}

impl LiveSettings {
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        Self::from_lookup(crate::config::var)
    }

    /// The settings, or `None` when AppSync Events is not configured (pages poll).
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, ConfigError> {
        let http = lookup("APPSYNC_HTTP_DOMAIN");
        let realtime = lookup("APPSYNC_REALTIME_DOMAIN");
        let (http_domain, realtime_domain) = match (http, realtime) {
            (None, None) => return Ok(None),
            (Some(h), Some(r)) => (h, r),
            (None, Some(_)) => return Err(missing("APPSYNC_HTTP_DOMAIN")),
            (Some(_), None) => return Err(missing("APPSYNC_REALTIME_DOMAIN")),
        };
        for (name, domain) in [
            ("APPSYNC_HTTP_DOMAIN", &http_domain),
            ("APPSYNC_REALTIME_DOMAIN", &realtime_domain),
        ] {
            let ok = !domain.is_empty()
                && domain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
            if !ok {
                return Err(ConfigError {
                    name,
                    problem: "must be a domain name such as abc.appsync-api.eu-west-1.amazonaws.com (no scheme, no path)".into(),
                });
            }
        }
        let namespace = lookup("LIVE_NAMESPACE").unwrap_or_else(|| "live".into());
        if ChannelNames::new(&namespace).is_none() {
            return Err(ConfigError {
                name: "LIVE_NAMESPACE",
                problem: "must be 1-50 letters, digits or '-', not starting or ending with '-'"
                    .into(),
            });
        }
        let publish_url = lookup("APPSYNC_PUBLISH_URL");
        if let Some(url) = &publish_url {
            if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.parse::<http::Uri>().is_err()
            {
                return Err(ConfigError {
                    name: "APPSYNC_PUBLISH_URL",
                    problem: "must be an http(s) URL".into(),
                });
            }
        }
        Ok(Some(LiveSettings {
            http_domain,
            realtime_domain,
            namespace,
            publish_url,
        }))
    }

    /// The publish endpoint.
    pub fn publish_url(&self) -> String {
        self.publish_url
            .clone()
            .unwrap_or_else(|| format!("https://{}/event", self.http_domain))
    }

    /// The WebSocket endpoint browsers connect to.
    pub fn realtime_url(&self) -> String {
        format!("wss://{}/event/realtime", self.realtime_domain)
    }

    /// The origin the pages' `connect-src` must allow.
    pub fn realtime_origin(&self) -> String {
        format!("wss://{}", self.realtime_domain)
    }
}

fn missing(name: &'static str) -> ConfigError {
    ConfigError {
        name,
        problem: "is required with the other AppSync domain".into(),
    }
}

/// Why a publish request failed (logged, never returned to a caller).
#[derive(Debug, thiserror::Error)]
enum PublishError {
    #[error("no AWS credentials: {0}")]
    Credentials(String),
    #[error("signing: {0}")]
    Signing(String),
    #[error("sending: {0}")]
    Send(String),
    #[error("AppSync answered {status}: {body}")]
    Status { status: u16, body: String },
    #[error("AppSync refused {failed} of the events")]
    Refused { failed: usize },
}

/// The AppSync Events adapter of [`LiveChannel`].
#[derive(Clone)]
pub struct AppSyncEvents {
    publish_url: String,
    host: String,
    realtime_url: String,
    realtime_origin: String,
    channels: ChannelNames,
    credentials: Option<SharedCredentialsProvider>,
    region: Option<String>,
    http: reqwest::Client,
    tokens: Option<LiveTokens>,
    /// When this instance last published to each room's hosts' channel.
    hosts_sent: Arc<Mutex<HashMap<String, Instant>>>,
}

/// At most one `activity` message per room and instance this often: a bulk issuance or
/// the rush at a start would otherwise publish one per invite or redemption. The
/// dashboard reads its numbers again a few seconds after each message, so the last
/// change of a burst is not missed.
pub const HOSTS_MIN_INTERVAL: Duration = Duration::from_secs(2);

impl std::fmt::Debug for AppSyncEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppSyncEvents")
            .field("publish_url", &self.publish_url)
            .field("realtime_url", &self.realtime_url)
            .field("namespace", &self.channels.namespace())
            .finish_non_exhaustive()
    }
}

impl AppSyncEvents {
    /// The adapter with the SDK configuration's credentials provider and region.
    /// `tokens`: issues subscribe tokens (the function serving `/rooms/{id}/live`);
    /// `None` in functions that only publish.
    pub fn new(
        settings: &LiveSettings,
        sdk: &aws_config::SdkConfig,
        tokens: Option<LiveTokens>,
    ) -> Self {
        Self::with_credentials(
            settings,
            sdk.credentials_provider(),
            sdk.region().map(|r| r.as_ref().to_owned()),
            tokens,
        )
    }

    pub fn with_credentials(
        settings: &LiveSettings,
        credentials: Option<SharedCredentialsProvider>,
        region: Option<String>,
        tokens: Option<LiveTokens>,
    ) -> Self {
        let http = reqwest::Client::builder()
            .timeout(PUBLISH_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .build()
            .unwrap_or_default();
        AppSyncEvents {
            publish_url: settings.publish_url(),
            host: settings.http_domain.clone(),
            realtime_url: settings.realtime_url(),
            realtime_origin: settings.realtime_origin(),
            channels: ChannelNames::new(&settings.namespace)
                .unwrap_or_else(|| ChannelNames::new("live").expect("a valid namespace")),
            credentials,
            region,
            http,
            tokens,
            hosts_sent: Arc::default(),
        }
    }

    /// Whether a message to `channel` goes out now: always, but on a hosts' channel
    /// only once per [`HOSTS_MIN_INTERVAL`].
    fn due(&self, channel: &Channel, now: Instant) -> bool {
        let Channel::Hosts { room_id } = channel else {
            return true;
        };
        let mut sent = self
            .hosts_sent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if sent.len() > 4096 {
            sent.retain(|_, at| now.duration_since(*at) < HOSTS_MIN_INTERVAL);
        }
        match sent.get(room_id) {
            Some(at) if now.duration_since(*at) < HOSTS_MIN_INTERVAL => false,
            _ => {
                sent.insert(room_id.clone(), now);
                true
            }
        }
    }

    /// `wss://<realtime-domain>`: what the pages' `connect-src` must allow.
    pub fn realtime_origin(&self) -> &str {
        &self.realtime_origin
    }

    /// The same adapter issuing subscribe tokens with `tokens`.
    pub fn with_tokens(mut self, tokens: Option<LiveTokens>) -> Self {
        self.tokens = tokens;
        self
    }

    /// Publishes to `url` instead of `https://<http-domain>/event` (tests: a loopback
    /// server that records the signed requests).
    pub fn with_publish_url(mut self, url: impl Into<String>) -> Self {
        self.publish_url = url.into();
        self
    }

    /// The channel path of a message's channel (`None`: not a valid AppSync path).
    pub fn channel_path(&self, channel: &Channel) -> Option<String> {
        match channel {
            Channel::Room { room_id } => self.channels.room(room_id),
            Channel::Participant { room_id, identity } => {
                self.channels.participant(room_id, identity)
            }
            Channel::Waiting { room_id } => self.channels.waiting(room_id),
            Channel::Hosts { room_id } => self.channels.hosts(room_id),
        }
    }

    /// One signed publish request of at most [`MAX_EVENTS_PER_REQUEST`] events.
    async fn send(&self, channel: &str, events: &[String]) -> Result<(), PublishError> {
        let body = serde_json::to_vec(&serde_json::json!({ "channel": channel, "events": events }))
            .map_err(|e| PublishError::Signing(e.to_string()))?;
        let provider = self
            .credentials
            .as_ref()
            .ok_or_else(|| PublishError::Credentials("no credentials provider".into()))?;
        let credentials = provider
            .provide_credentials()
            .await
            .map_err(|e| PublishError::Credentials(e.to_string()))?;
        let region = self
            .region
            .as_deref()
            .ok_or_else(|| PublishError::Credentials("no region".into()))?;
        let uri: http::Uri = self
            .publish_url
            .parse()
            .map_err(|e: http::uri::InvalidUri| PublishError::Signing(e.to_string()))?;
        let host = uri
            .authority()
            .map(|a| a.as_str().to_owned())
            .ok_or_else(|| PublishError::Signing("the publish URL has no host".into()))?;
        let identity: Identity = credentials.into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name(SERVICE)
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| PublishError::Signing(e.to_string()))?
            .into();
        let headers = [
            ("content-type", "application/json"),
            ("host", host.as_str()),
        ];
        let signable = SignableRequest::new(
            "POST",
            self.publish_url.as_str(),
            headers.iter().copied(),
            SignableBody::Bytes(&body),
        )
        .map_err(|e| PublishError::Signing(e.to_string()))?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(|e| PublishError::Signing(e.to_string()))?
            .into_parts();
        let mut request = http::Request::builder()
            .method(http::Method::POST)
            .uri(uri)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::HOST, host.as_str())
            .body(body)
            .map_err(|e| PublishError::Signing(e.to_string()))?;
        instructions.apply_to_request_http1x(&mut request);
        let request =
            reqwest::Request::try_from(request).map_err(|e| PublishError::Send(e.to_string()))?;
        let response = self
            .http
            .execute(request)
            .await
            .map_err(|e| PublishError::Send(e.without_url().to_string()))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if !status.is_success() {
            return Err(PublishError::Status {
                status: status.as_u16(),
                body: text.chars().take(300).collect(),
            });
        }
        // `{"successful": [...], "failed": [...]}`.
        let failed = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["failed"].as_array().map(Vec::len))
            .unwrap_or(0);
        if failed > 0 {
            return Err(PublishError::Refused { failed });
        }
        Ok(())
    }

    /// The messages as (channel path, events) in order of first appearance, each
    /// channel's events in their order.
    fn by_channel(&self, messages: &[LiveMessage]) -> Vec<(String, Vec<String>)> {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for m in messages {
            let Some(path) = self.channel_path(&m.channel) else {
                tracing::warn!(
                    event = m.event.name(),
                    "live message dropped: its channel is not a valid AppSync channel"
                );
                crate::telemetry::live_publish_failed();
                continue;
            };
            let event =
                serde_json::json!({ "event": m.event.name(), "data": m.event.data() }).to_string();
            match groups.iter_mut().find(|(p, _)| *p == path) {
                Some((_, events)) => events.push(event),
                None => groups.push((path, vec![event])),
            }
        }
        groups
    }
}

#[async_trait]
impl LiveChannel for AppSyncEvents {
    async fn publish(&self, messages: &[LiveMessage]) {
        let now = Instant::now();
        let due: Vec<LiveMessage> = messages
            .iter()
            .filter(|m| self.due(&m.channel, now))
            .cloned()
            .collect();
        let groups = self.by_channel(&due);
        // Channels in parallel; each channel's batches in order.
        futures_util::future::join_all(groups.iter().map(|(channel, events)| async move {
            for batch in events.chunks(MAX_EVENTS_PER_REQUEST) {
                if let Err(e) = self.send(channel, batch).await {
                    crate::telemetry::live_publish_failed();
                    tracing::warn!(error = %e, events = batch.len(), "live update not published");
                }
            }
        }))
        .await;
    }

    fn subscription(
        &self,
        room_id: &str,
        identity: &str,
        now: time::OffsetDateTime,
    ) -> Option<LiveSubscription> {
        let tokens = self.tokens.as_ref()?;
        let room = self.channels.room(room_id)?;
        let own = self.channels.participant(room_id, identity)?;
        Some(LiveSubscription {
            transport: "appsync",
            url: self.realtime_url.clone(),
            channels: vec![room, own],
            token: Some(tokens.issue(room_id, identity, now)?),
            host: Some(self.host.clone()),
        })
    }

    fn moderator_subscription(
        &self,
        room_id: &str,
        identity: &str,
        now: time::OffsetDateTime,
    ) -> Option<LiveSubscription> {
        let mut s = self.subscription(room_id, identity, now)?;
        s.channels.push(self.channels.waiting(room_id)?);
        s.token = Some(
            self.tokens
                .as_ref()?
                .issue_for(room_id, identity, true, now)?,
        );
        Some(s)
    }

    fn host_subscription(
        &self,
        room_id: &str,
        now: time::OffsetDateTime,
    ) -> Option<LiveSubscription> {
        let tokens = self.tokens.as_ref()?;
        Some(LiveSubscription {
            transport: "appsync",
            url: self.realtime_url.clone(),
            channels: vec![self.channels.room(room_id)?, self.channels.hosts(room_id)?],
            token: Some(tokens.issue_host(room_id, now)?),
            host: Some(self.host.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Role, RoomStatus};
    use crate::ports::LiveEvent;
    use time::macros::datetime;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    const HTTP: &str = "abc.appsync-api.eu-west-1.amazonaws.com";
    const REALTIME: &str = "abc.appsync-realtime-api.eu-west-1.amazonaws.com";

    fn settings() -> LiveSettings {
        LiveSettings::from_lookup(env(&[
            ("APPSYNC_HTTP_DOMAIN", HTTP),
            ("APPSYNC_REALTIME_DOMAIN", REALTIME),
        ]))
        .expect("valid")
        .expect("configured")
    }

    #[test]
    fn settings_are_both_domains_or_none_and_the_namespace_defaults_to_live() {
        assert_eq!(LiveSettings::from_lookup(env(&[])).expect("ok"), None);
        let s = settings();
        assert_eq!(s.namespace, "live");
        assert_eq!(s.publish_url(), format!("https://{HTTP}/event"));
        assert_eq!(s.realtime_url(), format!("wss://{REALTIME}/event/realtime"));
        let e = LiveSettings::from_lookup(env(&[("APPSYNC_HTTP_DOMAIN", HTTP)])).expect_err("half");
        assert_eq!(e.name, "APPSYNC_REALTIME_DOMAIN");
        let e = LiveSettings::from_lookup(env(&[
            ("APPSYNC_HTTP_DOMAIN", "https://x.example/event"),
            ("APPSYNC_REALTIME_DOMAIN", REALTIME),
        ]))
        .expect_err("a URL is not a domain");
        assert_eq!(e.name, "APPSYNC_HTTP_DOMAIN");
        let e = LiveSettings::from_lookup(env(&[
            ("APPSYNC_HTTP_DOMAIN", HTTP),
            ("APPSYNC_REALTIME_DOMAIN", REALTIME),
            ("LIVE_NAMESPACE", "live_updates"),
        ]))
        .expect_err("underscore");
        assert_eq!(e.name, "LIVE_NAMESPACE");
    }

    fn adapter(tokens: Option<LiveTokens>) -> AppSyncEvents {
        AppSyncEvents::with_credentials(&settings(), None, Some("eu-west-1".into()), tokens)
    }

    #[test]
    fn messages_are_grouped_per_channel_in_order() {
        let a = adapter(None);
        let at = datetime!(2026-12-01 10:00 UTC);
        let room = |id: &str| Channel::Room { room_id: id.into() };
        let status = |s| LiveEvent::Status {
            status: s,
            starts_at: at,
        };
        let messages = vec![
            LiveMessage {
                channel: room("01R1"),
                event: status(RoomStatus::Scheduled),
            },
            LiveMessage {
                channel: Channel::Participant {
                    room_id: "01R1".into(),
                    identity: "p_0123456789abcdef01234567".into(),
                },
                event: LiveEvent::Role {
                    role: Role::Speaker,
                },
            },
            LiveMessage {
                channel: room("01R1"),
                event: status(RoomStatus::Live),
            },
            LiveMessage {
                channel: room("bad room"),
                event: LiveEvent::Deleted,
            },
        ];
        let groups = a.by_channel(&messages);
        assert_eq!(groups.len(), 2, "the invalid channel is dropped");
        assert_eq!(groups[0].0, "/live/rooms/01R1");
        assert_eq!(groups[1].0, "/live/rooms/01R1/p-0123456789abcdef01234567");
        let first: serde_json::Value = serde_json::from_str(&groups[0].1[0]).expect("json");
        let second: serde_json::Value = serde_json::from_str(&groups[0].1[1]).expect("json");
        assert_eq!(
            (first["event"].as_str(), first["data"]["status"].as_str()),
            (Some("status"), Some("scheduled"))
        );
        assert_eq!(second["data"]["status"], "live");
        let role: serde_json::Value = serde_json::from_str(&groups[1].1[0]).expect("json");
        assert_eq!(role["data"]["role"], "speaker");
    }

    #[test]
    fn a_subscription_names_exactly_the_two_channels_and_carries_a_token() {
        let secret = b"the session secret of this test".to_vec();
        let a = adapter(Some(LiveTokens::from_session_secret(&secret)));
        let now = datetime!(2026-12-01 10:00 UTC);
        let s = a
            .subscription("01ROOM", "p_0123456789abcdef01234567", now)
            .expect("a subscription");
        assert_eq!(s.transport, "appsync");
        assert_eq!(s.url, format!("wss://{REALTIME}/event/realtime"));
        assert_eq!(s.host.as_deref(), Some(HTTP));
        assert_eq!(
            s.channels,
            [
                "/live/rooms/01ROOM",
                "/live/rooms/01ROOM/p-0123456789abcdef01234567"
            ]
        );
        let grant = LiveTokens::from_session_secret(&secret)
            .verify(s.token.as_deref().expect("token"), now)
            .expect("valid");
        assert_eq!(
            (grant.room_id.as_str(), grant.identity.as_str()),
            ("01ROOM", "p_0123456789abcdef01234567")
        );
        let body = serde_json::to_value(&s).expect("json");
        let mut keys: Vec<&str> = body
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["channels", "host", "token", "transport", "url"]);
        // A publishing-only function hands out no subscription.
        assert!(adapter(None).subscription("01ROOM", "p_1", now).is_none());
    }

    #[test]
    fn the_debug_form_has_no_key() {
        let a = adapter(Some(LiveTokens::from_session_secret(b"secret!")));
        assert!(!format!("{a:?}").contains("secret"));
    }
}
