//! Session cookies: an HS256 JWT signed with `SESSION_SECRET` that proves one email.
//! Membership and role are read from the store on every request, never from the cookie.

use crate::domain::EmailAddress;
use cookie::{Cookie, SameSite};
use http::HeaderMap;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

pub const COOKIE_NAME: &str = "rooms_session";
pub const SESSION_LIFETIME: Duration = Duration::days(30);
/// The per-browser nonce of the lobby form: a retry of a redemption whose answer was
/// lost is recognised by it.
pub const LOBBY_COOKIE: &str = "rooms_lobby";
/// One sign-in at the invitees' provider in progress: its state, nonce and PKCE verifier
/// and the link it is for, signed, for `/auth/callback` only, ten minutes.
pub const SIGN_IN_COOKIE: &str = "rooms_sign_in";
pub const SIGN_IN_LIFETIME: Duration = Duration::minutes(10);

/// What the sign-in cookie carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SignInClaims {
    /// The link's token.
    sub: String,
    state: String,
    nonce: String,
    verifier: String,
    exp: i64,
    typ: String,
}

const SIGN_IN_TYP: &str = "sign_in";

#[derive(Clone)]
pub struct Sessions {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    secure: bool,
}

/// Every cookie of a request's `Cookie` headers.
fn cookies(headers: &HeaderMap) -> impl Iterator<Item = Cookie<'static>> + '_ {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| {
            Cookie::split_parse(v.to_owned())
                .filter_map(Result::ok)
                .collect::<Vec<_>>()
        })
}

#[derive(Debug, Serialize, Deserialize)]
struct SessionClaims {
    sub: String,
    iat: i64,
    exp: i64,
    typ: String,
}

const TYP: &str = "session";

impl Sessions {
    /// Whether cookies are `Secure` (the public origin is https).
    pub fn secure(&self) -> bool {
        self.secure
    }

    pub fn new(secret: &[u8], secure: bool) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_required_spec_claims(&["exp", "sub"]);
        validation.validate_aud = false;
        validation.leeway = 0;
        Sessions {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            secure,
        }
    }

    /// The `Set-Cookie` value of a new session for `email`.
    pub fn issue(&self, email: &EmailAddress, now: OffsetDateTime) -> Option<String> {
        let claims = SessionClaims {
            sub: email.as_str().to_owned(),
            iat: now.unix_timestamp(),
            exp: (now + SESSION_LIFETIME).unix_timestamp(),
            typ: TYP.into(),
        };
        let jwt = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).ok()?;
        let cookie = Cookie::build((COOKIE_NAME, jwt))
            .http_only(true)
            .same_site(SameSite::Lax)
            .path("/")
            .secure(self.secure)
            .max_age(SESSION_LIFETIME)
            .build();
        Some(cookie.to_string())
    }

    /// The email a request's session cookie proves, if it carries a valid one.
    pub fn email(&self, headers: &HeaderMap) -> Option<EmailAddress> {
        cookies(headers)
            .filter(|c| c.name() == COOKIE_NAME)
            .find_map(|c| self.verify(c.value()))
    }

    /// The browser's lobby nonce (admission contract, section 5), if it has a valid one.
    pub fn lobby_nonce(&self, headers: &HeaderMap) -> Option<String> {
        cookies(headers)
            .filter(|c| c.name() == LOBBY_COOKIE)
            .map(|c| c.value().to_owned())
            .find(|v| crate::domain::admission::valid_browser_nonce(v))
    }

    /// The `Set-Cookie` value of a new lobby nonce: sent with the lobby, so that the
    /// form posts from this browser carry it (`/join` only, a day).
    pub fn issue_lobby_nonce(&self) -> Option<String> {
        let nonce = crate::domain::admission::new_browser_nonce().ok()?;
        let cookie = Cookie::build((LOBBY_COOKIE, nonce))
            .http_only(true)
            .same_site(SameSite::Lax)
            .path("/join")
            .secure(self.secure)
            .max_age(Duration::days(1))
            .build();
        Some(cookie.to_string())
    }

    /// The `Set-Cookie` value that binds a sign-in `attempt` for the link `token` to
    /// this browser.
    pub fn issue_sign_in(
        &self,
        token: &str,
        attempt: &crate::ports::SignInAttempt,
        now: OffsetDateTime,
    ) -> Option<String> {
        let claims = SignInClaims {
            sub: token.to_owned(),
            state: attempt.state.clone(),
            nonce: attempt.nonce.clone(),
            verifier: attempt.pkce_verifier.clone(),
            exp: (now + SIGN_IN_LIFETIME).unix_timestamp(),
            typ: SIGN_IN_TYP.into(),
        };
        let jwt = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).ok()?;
        let cookie = Cookie::build((SIGN_IN_COOKIE, jwt))
            .http_only(true)
            // The callback is a top-level navigation from the provider: Lax sends it.
            .same_site(SameSite::Lax)
            .path("/auth/callback")
            .secure(self.secure)
            .max_age(SIGN_IN_LIFETIME)
            .build();
        Some(cookie.to_string())
    }

    /// The sign-in in progress in this browser (unexpired, ours): its link's token and
    /// its attempt.
    pub fn sign_in(&self, headers: &HeaderMap) -> Option<(String, crate::ports::SignInAttempt)> {
        cookies(headers)
            .filter(|c| c.name() == SIGN_IN_COOKIE)
            .find_map(|c| {
                let claims = decode::<SignInClaims>(c.value(), &self.decoding, &self.validation)
                    .ok()?
                    .claims;
                (claims.typ == SIGN_IN_TYP).then_some(())?;
                Some((
                    claims.sub,
                    crate::ports::SignInAttempt {
                        state: claims.state,
                        nonce: claims.nonce,
                        pkce_verifier: claims.verifier,
                    },
                ))
            })
    }

    /// The `Set-Cookie` value that ends a sign-in (its state is used once).
    pub fn clear_sign_in(&self) -> String {
        Cookie::build((SIGN_IN_COOKIE, ""))
            .http_only(true)
            .same_site(SameSite::Lax)
            .path("/auth/callback")
            .secure(self.secure)
            .max_age(Duration::ZERO)
            .build()
            .to_string()
    }

    fn verify(&self, jwt: &str) -> Option<EmailAddress> {
        let claims = decode::<SessionClaims>(jwt, &self.decoding, &self.validation)
            .ok()?
            .claims;
        (claims.typ == TYP).then_some(())?;
        EmailAddress::parse(&claims.sub).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookie: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(http::header::COOKIE, cookie.parse().unwrap());
        h
    }

    #[test]
    fn a_session_proves_its_email_and_has_the_contract_attributes() {
        let s = Sessions::new(b"k", false);
        let email = EmailAddress::parse("ann@example.com").unwrap();
        let set = s.issue(&email, OffsetDateTime::now_utc()).unwrap();
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"));
        assert!(!set.contains("Secure"));
        let pair = set.split(';').next().unwrap();
        assert_eq!(
            s.email(&headers(&format!("a=b; {pair}"))),
            Some(email.clone())
        );
        assert!(Sessions::new(b"k", true)
            .issue(&email, OffsetDateTime::now_utc())
            .unwrap()
            .contains("Secure"));
    }

    #[test]
    fn forged_expired_and_missing_sessions_prove_nothing() {
        let s = Sessions::new(b"k", false);
        let email = EmailAddress::parse("ann@example.com").unwrap();
        let other = Sessions::new(b"other", false)
            .issue(&email, OffsetDateTime::now_utc())
            .unwrap();
        assert_eq!(s.email(&headers(other.split(';').next().unwrap())), None);
        let old = s
            .issue(&email, OffsetDateTime::now_utc() - Duration::days(31))
            .unwrap();
        assert_eq!(s.email(&headers(old.split(';').next().unwrap())), None);
        assert_eq!(s.email(&HeaderMap::new()), None);
        assert_eq!(s.email(&headers("rooms_session=garbage")), None);
    }
}
