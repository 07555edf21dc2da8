//! The Lambda authorizer of the AppSync Event API (functions/live-authorizer): AppSync
//! calls it for `AWS_LAMBDA` connections and subscriptions with the page's live token
//! (see [`crate::domain::live_token`]) as `authorizationToken`.
//!
//! Request and response as documented in "Configuring authorization and authentication
//! to secure Event APIs" (AWS_LAMBDA authorization):
//! <https://docs.aws.amazon.com/appsync/latest/eventapi/configure-event-api-auth.html>
//! (fixtures in tests/fixtures/appsync/).
//!
//! Rules:
//! - `EVENT_CONNECT`: a valid token (signature, audience, expiry with 30 s leeway);
//! - `EVENT_SUBSCRIBE`: a valid token, the configured namespace, and a channel that is
//!   exactly the token's room channel or its own participant channel: no wildcard, no
//!   other room, no other participant, no prefix of them;
//! - `EVENT_PUBLISH` and anything else: denied (publishing is IAM only, and the
//!   namespace does not even offer `AWS_LAMBDA` for it).
//!
//! Every answer has `ttlOverride: 0`: AppSync caches an authorizer's answer keyed by
//! the token (documented for GraphQL APIs; the Event API pages do not say that the
//! operation or channel is part of the key), and one token is used for a connect and two
//! different subscriptions, so a cached "allowed" must never stand in for another
//! channel. The token is never logged.

use crate::domain::live_token::{LiveTokenError, LiveTokens};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A channel segment: `[A-Za-z0-9-]`, 1–50 characters, no leading or trailing `-`
/// (the pattern AppSync documents for namespace names, used for every segment).
fn valid_segment(s: &str) -> bool {
    (1..=50).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The channel paths of one namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelNames {
    namespace: String,
}

impl ChannelNames {
    /// `None` if `namespace` is not a valid namespace name.
    pub fn new(namespace: &str) -> Option<Self> {
        valid_segment(namespace).then(|| ChannelNames {
            namespace: namespace.to_owned(),
        })
    }

    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// `/<namespace>/rooms/<room_id>`.
    pub fn room(&self, room_id: &str) -> Option<String> {
        valid_segment(room_id).then(|| format!("/{}/rooms/{room_id}", self.namespace))
    }

    /// `/<namespace>/rooms/<room_id>/waiting`: the room's moderators only.
    pub fn waiting(&self, room_id: &str) -> Option<String> {
        self.room(room_id).map(|room| format!("{room}/waiting"))
    }

    /// `/<namespace>/rooms/<room_id>/hosts`: the room's hosts in the console only.
    pub fn hosts(&self, room_id: &str) -> Option<String> {
        self.room(room_id).map(|room| format!("{room}/hosts"))
    }

    /// `/<namespace>/rooms/<room_id>/<identity>` with the identity's `_` written `-`
    /// (`p_<hex>` → `p-<hex>`; one-to-one, as identities are `p_` and hex digits).
    pub fn participant(&self, room_id: &str, identity: &str) -> Option<String> {
        let segment = identity.replace('_', "-");
        (valid_segment(&segment) && identity.chars().all(|c| c != '-'))
            .then(|| self.room(room_id))
            .flatten()
            .map(|room| format!("{room}/{segment}"))
    }
}

/// The event AppSync sends the authorizer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizerRequest {
    #[serde(default)]
    pub authorization_token: Option<String>,
    pub request_context: RequestContext,
}

impl std::fmt::Debug for AuthorizerRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthorizerRequest")
            .field("authorization_token", &"<redacted>")
            .field("request_context", &self.request_context)
            .finish()
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestContext {
    #[serde(default)]
    pub api_id: Option<String>,
    #[serde(default)]
    pub request_id: Option<String>,
    /// `EVENT_CONNECT`, `EVENT_SUBSCRIBE` or `EVENT_PUBLISH`.
    pub operation: String,
    #[serde(default)]
    pub channel_namespace_name: Option<String>,
    /// The channel path (`/namespace/…`); absent on `EVENT_CONNECT`.
    #[serde(default)]
    pub channel: Option<String>,
}

/// The authorizer's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizerResponse {
    pub is_authorized: bool,
    /// Seconds AppSync may cache this answer (always 0, see the module).
    pub ttl_override: u64,
}

/// Why a request was allowed or denied (logged; never the token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Connect,
    Subscribe,
    Denied(&'static str),
}

impl Decision {
    pub fn response(self) -> AuthorizerResponse {
        AuthorizerResponse {
            is_authorized: !matches!(self, Decision::Denied(_)),
            ttl_override: 0,
        }
    }
}

/// What the log line of a decision shows (never the token).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    pub operation: Option<String>,
    pub channel: Option<String>,
}

/// The rules above, with the key of the live tokens.
#[derive(Debug, Clone)]
pub struct LiveAuthorizer {
    tokens: LiveTokens,
    channels: ChannelNames,
}

impl LiveAuthorizer {
    pub fn new(tokens: LiveTokens, channels: ChannelNames) -> Self {
        LiveAuthorizer { tokens, channels }
    }

    /// The decision on AppSync's event as received; an event that does not have the
    /// documented shape is denied. Also returns what may be logged of it.
    pub fn decide_event(&self, event: serde_json::Value, now: OffsetDateTime) -> (Decision, Seen) {
        match serde_json::from_value::<AuthorizerRequest>(event) {
            Ok(request) => (
                self.decide(&request, now),
                Seen {
                    operation: Some(request.request_context.operation.clone()),
                    channel: request.request_context.channel.clone(),
                },
            ),
            Err(_) => (Decision::Denied("unreadable request"), Seen::default()),
        }
    }

    pub fn decide(&self, request: &AuthorizerRequest, now: OffsetDateTime) -> Decision {
        let context = &request.request_context;
        let operation = context.operation.as_str();
        if !matches!(operation, "EVENT_CONNECT" | "EVENT_SUBSCRIBE") {
            return Decision::Denied("operation not allowed to tokens");
        }
        let Some(token) = request.authorization_token.as_deref() else {
            return Decision::Denied("no token");
        };
        // A page may send the token as a bearer credential.
        let token = token.strip_prefix("Bearer ").unwrap_or(token);
        let grant = match self.tokens.verify(token, now) {
            Ok(grant) => grant,
            Err(LiveTokenError::Expired) => return Decision::Denied("token expired"),
            Err(LiveTokenError::Invalid) => return Decision::Denied("token invalid"),
        };
        if operation == "EVENT_CONNECT" {
            return Decision::Connect;
        }
        if context.channel_namespace_name.as_deref() != Some(self.channels.namespace()) {
            return Decision::Denied("other namespace");
        }
        let Some(channel) = context.channel.as_deref() else {
            return Decision::Denied("no channel");
        };
        // Paths are compared with their leading `/` (one is added if AppSync sent none).
        let channel = if channel.starts_with('/') {
            channel.to_owned()
        } else {
            format!("/{channel}")
        };
        let room = self.channels.room(&grant.room_id);
        let own = self.channels.participant(&grant.room_id, &grant.identity);
        let waiting = self
            .channels
            .waiting(&grant.room_id)
            .filter(|_| grant.moderator);
        let hosts = self.channels.hosts(&grant.room_id).filter(|_| grant.host);
        if room.as_deref() == Some(channel.as_str())
            || own.as_deref() == Some(channel.as_str())
            || waiting.as_deref() == Some(channel.as_str())
            || hosts.as_deref() == Some(channel.as_str())
        {
            Decision::Subscribe
        } else {
            Decision::Denied("channel not granted by the token")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_names_keep_to_the_segment_alphabet() {
        let c = ChannelNames::new("live").expect("valid");
        assert_eq!(c.room("01JD5X").as_deref(), Some("/live/rooms/01JD5X"));
        assert_eq!(
            c.participant("01JD5X", "p_00ff").as_deref(),
            Some("/live/rooms/01JD5X/p-00ff")
        );
        for bad in ["", "a/b", "*", "a b", "ü", &"x".repeat(51), "-a", "a_b"] {
            assert_eq!(c.room(bad), None, "{bad:?}");
        }
        // `-` in an identity would make the `_` mapping ambiguous.
        assert_eq!(c.participant("r", "p-00ff"), None);
        assert_eq!(c.participant("r", "p_*"), None);
        assert!(ChannelNames::new("live_updates").is_none());
        assert!(ChannelNames::new("live-updates").is_some());
    }
}
