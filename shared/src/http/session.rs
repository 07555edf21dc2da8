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
/// The host console's session: a host identity (org, write permission) and the CSRF
/// token of its forms, `SameSite=Strict`, `/console` only, eight hours.
pub const CONSOLE_COOKIE: &str = "rooms_console";
pub const CONSOLE_LIFETIME: Duration = Duration::hours(8);
/// A host's sign-in at the organization's provider in progress (the console's
/// `/console/callback` only, ten minutes).
pub const CONSOLE_SIGN_IN_COOKIE: &str = "rooms_console_sign_in";

/// Which relying-party flow a sign-in cookie belongs to: the invitees' (`/auth/callback`)
/// or the host console's (`/console/callback`). One cookie format, two names and paths,
/// so that neither flow can complete the other's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInFlow {
    Invitee,
    Console,
}

impl SignInFlow {
    fn cookie(self) -> &'static str {
        match self {
            SignInFlow::Invitee => SIGN_IN_COOKIE,
            SignInFlow::Console => CONSOLE_SIGN_IN_COOKIE,
        }
    }
    fn path(self) -> &'static str {
        match self {
            SignInFlow::Invitee => "/auth/callback",
            SignInFlow::Console => "/console/callback",
        }
    }
    fn typ(self) -> &'static str {
        match self {
            SignInFlow::Invitee => SIGN_IN_TYP,
            SignInFlow::Console => "console_sign_in",
        }
    }
}

/// What the console session proves: a host, and the CSRF token of its writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleSession {
    pub sub: String,
    pub org: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The host may write (the API's rule, decided at sign-in).
    pub write: bool,
    /// The synchronizer token every console write must carry.
    pub csrf: String,
    pub exp: i64,
    pub typ: String,
}

const CONSOLE_TYP: &str = "console";

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
        flow: SignInFlow,
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
            typ: flow.typ().into(),
        };
        let jwt = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).ok()?;
        let cookie = Cookie::build((flow.cookie(), jwt))
            .http_only(true)
            // The callback is a top-level navigation from the provider: Lax sends it.
            .same_site(SameSite::Lax)
            .path(flow.path())
            .secure(self.secure)
            .max_age(SIGN_IN_LIFETIME)
            .build();
        Some(cookie.to_string())
    }

    /// The sign-in in progress in this browser (unexpired, ours): its link's token and
    /// its attempt.
    pub fn sign_in(
        &self,
        flow: SignInFlow,
        headers: &HeaderMap,
    ) -> Option<(String, crate::ports::SignInAttempt)> {
        cookies(headers)
            .filter(|c| c.name() == flow.cookie())
            .find_map(|c| {
                let claims = decode::<SignInClaims>(c.value(), &self.decoding, &self.validation)
                    .ok()?
                    .claims;
                (claims.typ == flow.typ()).then_some(())?;
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
    pub fn clear_sign_in(&self, flow: SignInFlow) -> String {
        Cookie::build((flow.cookie(), ""))
            .http_only(true)
            .same_site(SameSite::Lax)
            .path(flow.path())
            .secure(self.secure)
            .max_age(Duration::ZERO)
            .build()
            .to_string()
    }

    /// The `Set-Cookie` value of a console session for `host` (a fresh CSRF token).
    pub fn issue_console(
        &self,
        host: &crate::app::Host,
        csrf: String,
        now: OffsetDateTime,
    ) -> Option<String> {
        let claims = ConsoleSession {
            sub: host.sub.clone(),
            org: host.org.clone(),
            email: host.email.clone(),
            write: host.can_write,
            csrf,
            exp: (now + CONSOLE_LIFETIME).unix_timestamp(),
            typ: CONSOLE_TYP.into(),
        };
        let jwt = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).ok()?;
        let cookie = Cookie::build((CONSOLE_COOKIE, jwt))
            .http_only(true)
            .same_site(SameSite::Strict)
            .path("/console")
            .secure(self.secure)
            .max_age(CONSOLE_LIFETIME)
            .build();
        Some(cookie.to_string())
    }

    /// The console session of a request, if it carries a valid one.
    pub fn console(&self, headers: &HeaderMap) -> Option<ConsoleSession> {
        cookies(headers)
            .filter(|c| c.name() == CONSOLE_COOKIE)
            .find_map(|c| {
                let claims = decode::<ConsoleSession>(c.value(), &self.decoding, &self.validation)
                    .ok()?
                    .claims;
                (claims.typ == CONSOLE_TYP).then_some(claims)
            })
    }

    /// The `Set-Cookie` value that ends the console session (sign-out).
    pub fn clear_console(&self) -> String {
        Cookie::build((CONSOLE_COOKIE, ""))
            .http_only(true)
            .same_site(SameSite::Strict)
            .path("/console")
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
    fn a_console_session_is_strict_scoped_and_not_an_invitee_session() {
        let s = Sessions::new(b"k", true);
        let host = crate::app::Host {
            sub: "h".into(),
            org: "o".into(),
            email: None,
            can_write: false,
        };
        let set = s
            .issue_console(&host, "c".into(), OffsetDateTime::now_utc())
            .unwrap();
        for attr in ["HttpOnly", "SameSite=Strict", "Path=/console", "Secure"] {
            assert!(set.contains(attr), "{attr} in {set}");
        }
        let pair = set.split(';').next().unwrap();
        let session = s.console(&headers(pair)).unwrap();
        assert_eq!((session.org.as_str(), session.write), ("o", false));
        // The invitee session and the console session do not stand in for each other.
        assert_eq!(
            s.email(&headers(&pair.replace(CONSOLE_COOKIE, COOKIE_NAME))),
            None
        );
        let invitee = s
            .issue(
                &EmailAddress::parse("a@example.com").unwrap(),
                OffsetDateTime::now_utc(),
            )
            .unwrap();
        let forged = invitee
            .split(';')
            .next()
            .unwrap()
            .replace(COOKIE_NAME, CONSOLE_COOKIE);
        assert_eq!(s.console(&headers(&forged)), None);
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
