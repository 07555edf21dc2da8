//! The language preferences of the request being answered: the `rooms_lang` cookie (or
//! a `?lang=` choice on the page, which sets it) and `Accept-Language`, kept for the
//! request's task by [`lang_layer`] so that every page, error pages included, renders
//! in the same language without threading it through each handler.

use super::{choose, Lang};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, SET_COOKIE, VARY};
use http::HeaderValue;

/// The cookie that remembers a language chosen on a page (a year, the whole site).
pub const LANG_COOKIE: &str = "rooms_lang";
/// The cookie that carries an invite's `locale` from its lobby to the room's pages
/// (which know no invite): it ranks as the invite's locale, below a choice.
pub const INVITE_LANG_COOKIE: &str = "rooms_invite_lang";

#[derive(Debug, Clone, Default)]
struct Prefs {
    cookie: Option<String>,
    /// The locale of the invite whose lobby this browser opened last.
    invite: Option<String>,
    accept_language: Option<String>,
}

tokio::task_local! {
    static PREFS: Prefs;
}

/// The language of a page about an invite and room: the explicit choice > the invite's
/// `locale` > `Accept-Language` > the room's `locale` > `en`. Outside a request (tests,
/// jobs): the invite's, else the room's, else `en`.
pub fn for_page(invite: Option<&str>, room: Option<&str>) -> Lang {
    PREFS
        .try_with(|p| {
            choose(
                p.cookie.as_deref(),
                invite.or(p.invite.as_deref()),
                p.accept_language.as_deref(),
                room,
            )
        })
        .unwrap_or_else(|_| choose(None, invite, None, room))
}

/// Runs `f` as a request whose visitor chose `lang` (previews, tests).
pub fn render_in<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let prefs = Prefs {
        cookie: Some(lang.tag().to_owned()),
        invite: None,
        accept_language: None,
    };
    PREFS.sync_scope(prefs, f)
}

/// The language of a page that knows no invite or room (error pages).
pub fn current() -> Lang {
    for_page(None, None)
}

fn cookie_value(request: &Request, cookie: &str) -> Option<String> {
    request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == cookie)
        .map(|(_, value)| value.trim().to_owned())
}

/// The `Set-Cookie` that carries an invite's locale to the room's pages (a day).
pub fn invite_lang_cookie(locale: &str, secure: bool) -> Option<HeaderValue> {
    let lang = Lang::from_tag(locale)?;
    HeaderValue::from_str(&format!(
        "{INVITE_LANG_COOKIE}={}; Path=/; Max-Age=86400; SameSite=Lax{}",
        lang.tag(),
        if secure { "; Secure" } else { "" }
    ))
    .ok()
}

/// `?lang=xx` of a language picker link, when it names a shipped locale.
fn chosen_in_query(request: &Request) -> Option<Lang> {
    request
        .uri()
        .query()?
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::from_tag(v))
}

/// The layer that keeps the request's language preferences for its pages, remembers a
/// `?lang=` choice in the cookie (`Secure` when `secure`, as the session cookie), and
/// marks HTML answers as varying by them.
pub async fn lang_layer(
    axum::extract::State(secure): axum::extract::State<bool>,
    request: Request,
    next: Next,
) -> Response {
    let chosen = chosen_in_query(&request);
    let prefs = Prefs {
        cookie: chosen
            .map(|l| l.tag().to_owned())
            .or_else(|| cookie_value(&request, LANG_COOKIE)),
        invite: cookie_value(&request, INVITE_LANG_COOKIE),
        accept_language: request
            .headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    let mut response = PREFS.scope(prefs, next.run(request)).await;
    let html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if html {
        response
            .headers_mut()
            .append(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    }
    if let Some(lang) = chosen {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
            lang.tag(),
            if secure { "; Secure" } else { "" }
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, v);
        }
    }
    response
}
