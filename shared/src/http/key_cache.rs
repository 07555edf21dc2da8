//! The identity provider's verification keys, cached: for the JWKS response's
//! `Cache-Control: max-age` clamped to 5 minutes … 24 hours; an unknown `kid` causes one
//! refetch at most every 30 seconds per process; a failed refetch keeps the cached keys;
//! no keys at all and the provider unreachable → `identity_provider_unavailable`.

use crate::domain::Error;
use crate::ports::{KeySource, PublishedKeys};
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

pub const MIN_CACHE: Duration = Duration::from_secs(5 * 60);
pub const MAX_CACHE: Duration = Duration::from_secs(24 * 60 * 60);
/// At most one refetch for an unknown `kid` per this interval.
pub const UNKNOWN_KID_INTERVAL: Duration = Duration::from_secs(30);
/// After a failed fetch with no keys cached, the next attempt waits this long (requests
/// meanwhile answer 503 without calling the provider).
pub const RETRY_EMPTY: Duration = Duration::from_secs(5);
/// After a failed refetch of expired keys, they are served this long before the next try.
pub const RETRY_STALE: Duration = Duration::from_secs(30);

/// One usable key of the JWKS.
#[derive(Clone)]
pub struct VerifyKey {
    pub kid: Option<String>,
    pub jwk: Jwk,
    pub key: DecodingKey,
}

impl VerifyKey {
    /// Whether a token signed with `alg` may be checked with this key: the key's type
    /// (and curve) fits the algorithm, and its `alg`, when published, is exactly `alg`.
    /// Symmetric algorithms never fit a published key.
    pub fn fits(&self, alg: Algorithm) -> bool {
        if let Some(published) = self.jwk.common.key_algorithm {
            let same = serde_json::to_value(published).ok() == serde_json::to_value(alg).ok();
            if !same {
                return false;
            }
        }
        match (&self.jwk.algorithm, alg) {
            (
                AlgorithmParameters::RSA(_),
                Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512,
            ) => true,
            (AlgorithmParameters::EllipticCurve(p), Algorithm::ES256) => {
                p.curve == EllipticCurve::P256
            }
            (AlgorithmParameters::EllipticCurve(p), Algorithm::ES384) => {
                p.curve == EllipticCurve::P384
            }
            (AlgorithmParameters::OctetKeyPair(p), Algorithm::EdDSA) => {
                p.curve == EllipticCurve::Ed25519
            }
            _ => false,
        }
    }
}

/// The usable signing keys of a JWKS document: encryption keys, symmetric (`oct`) keys
/// and keys this service cannot read are left out.
pub fn usable_keys(jwks: &serde_json::Value) -> Vec<VerifyKey> {
    let entries = jwks
        .get("keys")
        .and_then(|k| k.as_array())
        .cloned()
        .unwrap_or_default();
    entries
        .into_iter()
        .filter_map(|entry| {
            let jwk: Jwk = serde_json::from_value(entry).ok()?;
            if jwk.common.public_key_use == Some(PublicKeyUse::Encryption) {
                return None;
            }
            if matches!(
                jwk.algorithm,
                AlgorithmParameters::OctetKey(_) | AlgorithmParameters::Other(_)
            ) {
                return None;
            }
            let key = DecodingKey::from_jwk(&jwk).ok()?;
            Some(VerifyKey {
                kid: jwk.common.key_id.clone(),
                jwk,
                key,
            })
        })
        .collect()
}

#[derive(Default)]
struct Cached {
    keys: Vec<VerifyKey>,
    valid_until: Option<Instant>,
    /// No expiry-driven fetch before this (after a failure).
    retry_at: Option<Instant>,
    last_unknown_kid_fetch: Option<Instant>,
    /// Counts completed fetch attempts (single flight: waiters see it move).
    attempts: u64,
}

pub struct KeyCache {
    source: Arc<dyn KeySource>,
    cached: Mutex<Cached>,
    fetching: tokio::sync::Mutex<()>,
}

impl KeyCache {
    pub fn new(source: Arc<dyn KeySource>) -> Self {
        KeyCache {
            source,
            cached: Mutex::new(Cached::default()),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    fn cached(&self) -> std::sync::MutexGuard<'_, Cached> {
        self.cached.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Fetches the keys once (Lambda init, local start). A failure is logged, not
    /// returned: requests then answer 503 until the provider is reachable.
    pub async fn prime(&self) -> bool {
        let attempts = self.cached().attempts;
        self.fetch(attempts).await;
        !self.cached().keys.is_empty()
    }

    /// How many keys are cached now.
    pub fn len(&self) -> usize {
        self.cached().keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The key for a token's `kid` and `alg`. Unknown → `Unauthorized`; no keys and the
    /// provider down → `IdentityProviderUnavailable`.
    pub async fn key_for(&self, kid: Option<&str>, alg: Algorithm) -> Result<VerifyKey, Error> {
        let (due, attempts) = {
            let c = self.cached();
            let now = Instant::now();
            let expired = c.valid_until.is_none_or(|t| now >= t);
            let may_retry = c.retry_at.is_none_or(|t| now >= t);
            (expired && may_retry, c.attempts)
        };
        if due {
            self.fetch(attempts).await;
        }
        let attempts = {
            let c = self.cached();
            if c.keys.is_empty() {
                return Err(Error::IdentityProviderUnavailable);
            }
            if let Some(key) = find(&c.keys, kid, alg) {
                return Ok(key);
            }
            c.attempts
        };
        // An unknown kid: the provider may have rotated its keys.
        let refetch = {
            let mut c = self.cached();
            let now = Instant::now();
            let allowed = c
                .last_unknown_kid_fetch
                .is_none_or(|t| now.duration_since(t) >= UNKNOWN_KID_INTERVAL);
            if allowed {
                c.last_unknown_kid_fetch = Some(now);
            }
            allowed
        };
        if !refetch {
            return Err(Error::Unauthorized);
        }
        self.fetch(attempts).await;
        find(&self.cached().keys, kid, alg).ok_or(Error::Unauthorized)
    }

    /// One fetch at a time; a caller that waited for another's fetch (the attempt
    /// counter moved past `seen`) uses its result instead of fetching again.
    async fn fetch(&self, seen: u64) {
        let _flight = self.fetching.lock().await;
        if self.cached().attempts != seen {
            return;
        }
        let result = self.source.fetch_keys().await;
        let now = Instant::now();
        let mut c = self.cached();
        c.attempts += 1;
        match result {
            Ok(PublishedKeys { jwks, max_age }) => {
                let keys = usable_keys(&jwks);
                if keys.is_empty() {
                    tracing::warn!("the identity provider's JWKS has no usable signing key");
                    fail(&mut c, now);
                    return;
                }
                let ttl = max_age.unwrap_or(MIN_CACHE).clamp(MIN_CACHE, MAX_CACHE);
                tracing::info!(
                    keys = keys.len(),
                    cache_seconds = ttl.as_secs(),
                    "identity provider keys fetched"
                );
                c.keys = keys;
                c.valid_until = Some(now + ttl);
                c.retry_at = None;
            }
            Err(e) => {
                tracing::warn!(error = %e, cached_keys = c.keys.len(), "identity provider keys not fetched");
                fail(&mut c, now);
            }
        }
    }
}

fn fail(c: &mut Cached, now: Instant) {
    let wait = if c.keys.is_empty() {
        RETRY_EMPTY
    } else {
        RETRY_STALE
    };
    c.retry_at = Some(now + wait);
}

/// The key named by `kid`; without a `kid`, the one key that fits `alg`, if only one does.
fn find(keys: &[VerifyKey], kid: Option<&str>, alg: Algorithm) -> Option<VerifyKey> {
    match kid {
        Some(kid) => keys.iter().find(|k| k.kid.as_deref() == Some(kid)).cloned(),
        None => {
            let mut fitting = keys.iter().filter(|k| k.fits(alg));
            match (fitting.next(), fitting.next()) {
                (Some(k), None) => Some(k.clone()),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::KeySourceError;
    use async_trait::async_trait;
    use serde_json::json;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A provider whose JWKS (or outage) the test sets; counts the fetches.
    struct Provider {
        reply: Mutex<Result<PublishedKeys, KeySourceError>>,
        fetches: AtomicUsize,
    }

    impl Provider {
        fn new() -> Arc<Self> {
            Arc::new(Provider {
                reply: Mutex::new(Err(KeySourceError("down".into()))),
                fetches: AtomicUsize::new(0),
            })
        }
        fn publish(&self, kids: &[&str], max_age: Option<u64>) {
            // RFC 7517 A.1's P-256 public key, under each kid.
            let keys: Vec<_> = kids
                .iter()
                .map(|kid| {
                    json!({"kty": "EC", "crv": "P-256", "kid": kid, "use": "sig",
                           "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
                           "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"})
                })
                .collect();
            *self.reply.lock().unwrap() = Ok(PublishedKeys {
                jwks: json!({ "keys": keys }),
                max_age: max_age.map(Duration::from_secs),
            });
        }
        fn go_down(&self) {
            *self.reply.lock().unwrap() = Err(KeySourceError("down".into()));
        }
        fn fetches(&self) -> usize {
            self.fetches.load(Ordering::SeqCst)
        }
    }

    #[async_trait]
    impl KeySource for Provider {
        async fn fetch_keys(&self) -> Result<PublishedKeys, KeySourceError> {
            self.fetches.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            self.reply.lock().unwrap().clone()
        }
    }

    fn cache(p: &Arc<Provider>) -> KeyCache {
        KeyCache::new(p.clone())
    }

    async fn kid(cache: &KeyCache, kid: &str) -> Result<Option<String>, Error> {
        cache
            .key_for(Some(kid), Algorithm::ES256)
            .await
            .map(|k| k.kid)
    }

    #[tokio::test(start_paused = true)]
    async fn keys_live_for_max_age_clamped_to_5_minutes_and_24_hours() {
        let p = Provider::new();
        p.publish(&["a"], Some(60));
        let c = cache(&p);
        assert!(c.prime().await);
        tokio::time::advance(Duration::from_secs(4 * 60)).await;
        assert_eq!(kid(&c, "a").await, Ok(Some("a".into())));
        assert_eq!(p.fetches(), 1, "60 s counts as 5 minutes");
        tokio::time::advance(Duration::from_secs(61)).await;
        kid(&c, "a").await.unwrap();
        assert_eq!(p.fetches(), 2);

        p.publish(&["a"], Some(7 * 86_400));
        tokio::time::advance(Duration::from_secs(301)).await;
        kid(&c, "a").await.unwrap();
        assert_eq!(p.fetches(), 3);
        tokio::time::advance(Duration::from_secs(86_400 - 10)).await;
        kid(&c, "a").await.unwrap();
        assert_eq!(p.fetches(), 3, "a week counts as 24 hours");
        tokio::time::advance(Duration::from_secs(20)).await;
        kid(&c, "a").await.unwrap();
        assert_eq!(p.fetches(), 4);
    }

    #[tokio::test(start_paused = true)]
    async fn no_cache_control_means_5_minutes() {
        let p = Provider::new();
        p.publish(&["a"], None);
        let c = cache(&p);
        c.prime().await;
        tokio::time::advance(Duration::from_secs(299)).await;
        kid(&c, "a").await.unwrap();
        assert_eq!(p.fetches(), 1);
        tokio::time::advance(Duration::from_secs(2)).await;
        kid(&c, "a").await.unwrap();
        assert_eq!(p.fetches(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn an_unknown_kid_refetches_at_most_every_30_seconds() {
        let p = Provider::new();
        p.publish(&["a"], Some(3600));
        let c = cache(&p);
        c.prime().await;
        p.publish(&["a", "b"], Some(3600));
        assert_eq!(
            kid(&c, "b").await,
            Ok(Some("b".into())),
            "rotation picked up"
        );
        assert_eq!(p.fetches(), 2);
        for _ in 0..10 {
            assert_eq!(kid(&c, "zzz").await, Err(Error::Unauthorized));
        }
        assert_eq!(p.fetches(), 2, "no refetch within 30 s of the last one");
        tokio::time::advance(Duration::from_secs(30)).await;
        assert_eq!(kid(&c, "zzz").await, Err(Error::Unauthorized));
        assert_eq!(kid(&c, "zzz").await, Err(Error::Unauthorized));
        assert_eq!(p.fetches(), 3, "one refetch after 30 s");
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_refetch_keeps_the_cached_keys() {
        let p = Provider::new();
        p.publish(&["a"], Some(300));
        let c = cache(&p);
        c.prime().await;
        p.go_down();
        tokio::time::advance(Duration::from_secs(301)).await;
        assert_eq!(kid(&c, "a").await, Ok(Some("a".into())));
        assert_eq!(p.fetches(), 2);
        assert_eq!(kid(&c, "a").await, Ok(Some("a".into())));
        assert_eq!(p.fetches(), 2, "the next try waits 30 s");
        assert_eq!(
            kid(&c, "b").await,
            Err(Error::Unauthorized),
            "unknown is 401, not 503"
        );
        p.publish(&["b"], Some(300));
        tokio::time::advance(Duration::from_secs(31)).await;
        assert_eq!(kid(&c, "b").await, Ok(Some("b".into())));
        assert_eq!(
            kid(&c, "a").await,
            Err(Error::Unauthorized),
            "retired key gone"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn no_keys_and_the_provider_down_is_unavailable_until_it_is_back() {
        let p = Provider::new();
        let c = cache(&p);
        assert!(!c.prime().await);
        assert_eq!(kid(&c, "a").await, Err(Error::IdentityProviderUnavailable));
        assert_eq!(
            p.fetches(),
            1,
            "the provider is not called on every request"
        );
        p.publish(&["a"], Some(300));
        assert_eq!(kid(&c, "a").await, Err(Error::IdentityProviderUnavailable));
        tokio::time::advance(RETRY_EMPTY).await;
        assert_eq!(kid(&c, "a").await, Ok(Some("a".into())));
        assert_eq!(p.fetches(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_requests_share_one_fetch() {
        let p = Provider::new();
        p.publish(&["a"], Some(300));
        let c = Arc::new(cache(&p));
        let calls: Vec<_> = (0..20)
            .map(|_| {
                let c = c.clone();
                tokio::spawn(async move { kid(&c, "a").await })
            })
            .collect();
        for call in calls {
            assert_eq!(call.await.unwrap(), Ok(Some("a".into())));
        }
        assert_eq!(p.fetches(), 1);
    }

    #[test]
    fn symmetric_and_encryption_keys_are_never_used() {
        let jwks = json!({"keys": [
            {"kty": "oct", "kid": "h", "k": "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"},
            {"kty": "EC", "crv": "P-256", "kid": "enc", "use": "enc",
             "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
             "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
            {"kty": "EC", "crv": "P-256", "kid": "sig", "alg": "ES256",
             "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
             "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
            {"kty": "XYZ", "kid": "weird"}
        ]});
        let keys = usable_keys(&jwks);
        assert_eq!(keys.len(), 1);
        let key = &keys[0];
        assert!(key.fits(Algorithm::ES256));
        for alg in [
            Algorithm::HS256,
            Algorithm::ES384,
            Algorithm::RS256,
            Algorithm::PS256,
            Algorithm::EdDSA,
        ] {
            assert!(!key.fits(alg), "{alg:?}");
        }
    }
}
