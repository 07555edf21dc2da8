//! The public join flow: `/join/{token}`, `/rooms/{room_id}` and its `status` and `me`.
//! HTML for browsers, JSON for clients that ask for it.

use super::error::PageError;
use super::extract::{parse_json, sends_json, wants_json};
use super::{pages, validators, AppState};
use crate::app::{LinkOpened, Redeemed};
use crate::domain::time_fmt::rfc3339;
use crate::domain::waiting_room::{knock_refusal, KnockRefusal, KNOCK_INTERVAL};
use crate::domain::{Admission, Error, Me, Role, RoomStatus};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use http::header::{LOCATION, SET_COOKIE};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;
use utoipa::ToSchema;

/// `GET /rooms/{room_id}/status`.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"status": "scheduled", "starts_at": "2030-12-01T15:00:00Z", "server_time": "2030-12-01T14:59:30Z"}))]
pub struct RoomStatusBody {
    pub status: RoomStatus,
    #[serde(with = "rfc3339")]
    pub starts_at: OffsetDateTime,
    /// The server's clock, for the countdown.
    #[serde(with = "rfc3339")]
    pub server_time: OffsetDateTime,
}

/// `GET /rooms/{room_id}/entry`: the short-lived credential for the live room's backend.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"backend": "livekit", "url": "wss://rooms.example.livekit.cloud", "token": "eyJhbGciOiJIUzI1NiJ9…", "expires_at": "2030-12-01T15:10:00Z"}))]
pub struct RoomEntryBody {
    /// `livekit`, `jitsi` or `redirect`.
    #[schema(pattern = "^(livekit|jitsi|redirect)$")]
    pub backend: &'static str,
    /// Where to join: LiveKit's server URL, the Jitsi room URL with its `jwt`, or the room
    /// application's URL with the entry token.
    pub url: String,
    /// The credential (a JWT).
    pub token: String,
    #[serde(with = "rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// The JSON answer of a redemption (with the session cookie).
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"room_id": "01JDX5AMP1E0000R00M0000000", "role": "speaker"}))]
pub struct Joined {
    pub room_id: String,
    pub role: Role,
}

/// `/join/{token}`, `/rooms/{room_id}`, `/rooms/{room_id}/status`, `/rooms/{room_id}/me`,
/// `/rooms/{room_id}/entry`, `/rooms/{room_id}/live` and the entry tokens'
/// `/.well-known/jwks.json`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/join/{token}", get(open_link).post(redeem))
        .route("/rooms/{room_id}", get(room_page))
        .route("/rooms/{room_id}/status", get(status))
        .route("/rooms/{room_id}/me", get(me))
        .route("/rooms/{room_id}/entry", get(entry))
        .route("/.well-known/jwks.json", get(jwks))
        .merge(super::live::routes())
        .merge(super::sso::routes())
        .merge(super::waiting_room::participant_routes())
        .merge(super::unsubscribe::routes())
        .merge(super::branding::public_routes())
}

/// What a lobby shows (JSON form of `GET /join/{token}`): never the invited address.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"room_id": "01JDX5AMP1E0000R00M0000000", "title": "Quarterly all-hands",
    "starts_at": "2030-12-01T15:00:00Z", "status": "scheduled", "role": "speaker", "verify": "email"}))]
pub struct Lobby {
    pub room_id: String,
    pub title: String,
    #[serde(with = "rfc3339")]
    pub starts_at: OffsetDateTime,
    pub status: RoomStatus,
    /// The role the invite grants.
    pub role: Role,
    /// How the invitee proves the address: `email` (post it), `code` (post it, then the
    /// mailed code), `sso` (`GET /join/{token}/sso`).
    pub verify: crate::domain::Verify,
}

/// Opens an emailed link. Never consumes a use, unless the session cookie proves the
/// invited email (then it redeems and redirects to the room).
#[utoipa::path(get, path = "/join/{token}", tag = "join",
    params(("token" = String, Path, description = "The token of the emailed link.")),
    responses(
        (status = 200, description = "The lobby: JSON with `Accept: application/json`, else the page with the email form.",
            content((Lobby = "application/json"), (String = "text/html; charset=utf-8"))),
        (status = 303, description = "The session cookie proves the invited email: redeemed, to the room page.",
            headers(("Location" = String, description = "`/rooms/{room_id}`")))))]
async fn open_link(
    State(s): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let json = wants_json(&headers);
    let session = s.http.sessions.email(&headers);
    let opened = s
        .app
        .open_link(&token, session.as_ref())
        .await
        .map_err(|e| PageError::new(e, json))?;
    Ok(match opened {
        LinkOpened::Admitted(admission) => admitted(&s, &admission, false),
        LinkOpened::Mismatch(view) => {
            return Err(PageError {
                error: Error::EmailMismatch,
                json,
                lobby: Some(view),
                form: Default::default(),
            })
        }
        LinkOpened::Lobby(view) if json => Json(Lobby {
            room_id: view.room.room_id.clone(),
            title: view.room.title.clone(),
            starts_at: view.room.starts_at,
            status: view.room.status,
            role: view.role,
            verify: view.room.admission.verify,
        })
        .into_response(),
        LinkOpened::Lobby(view) => {
            let form = pages::LobbyForm {
                sign_in: Some(format!("/join/{token}/sso")),
                ..Default::default()
            };
            let mut page = pages::lobby(&view, None, &form).into_response();
            // The invite's language follows the invitee to the room's pages.
            let secure = s.http.sessions.secure();
            if let Some(cookie) = view
                .locale
                .as_deref()
                .and_then(|l| crate::i18n::invite_lang_cookie(l, secure))
            {
                page.headers_mut().append(SET_COOKIE, cookie);
            }
            if s.http.sessions.lobby_nonce(&headers).is_none() {
                if let Some(v) = s
                    .http
                    .sessions
                    .issue_lobby_nonce()
                    .and_then(|c| HeaderValue::from_str(&c).ok())
                {
                    page.headers_mut().append(SET_COOKIE, v);
                }
            }
            page
        }
    })
}

/// The lobby form's fields (also sent as JSON).
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"email": "ann@example.com"}))]
pub struct JoinForm {
    /// The invited address (trimmed, case-insensitive).
    email: String,
    /// `verify: code` rooms: the 6-digit code mailed to the address. Without it, a new
    /// code is mailed (`202`).
    #[serde(default)]
    #[schema(max_length = 12)]
    code: Option<String>,
}

/// `202` of `POST /join/{token}` in a `verify: code` room: a code was mailed.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"status": "code_sent", "expires_in": 600}))]
pub struct CodeSent {
    /// `code_sent`.
    #[schema(pattern = "^code_sent$")]
    pub status: &'static str,
    /// Seconds the code stays valid.
    pub expires_in: u64,
}

/// Redeems the link with the invited email: one use is consumed atomically, the
/// participant admitted (or upgraded) and a session cookie set. This describes the JSON
/// form (`Content-Type` or `Accept: application/json`); browsers post the form and get
/// `303` to `/rooms/{room_id}`.
#[utoipa::path(post, path = "/join/{token}", tag = "join",
    params(("token" = String, Path, description = "The token of the emailed link.")),
    request_body = JoinForm,
    responses(
        (status = 202, description = "A `verify: code` room and no `code`: a 6-digit code was mailed to the invited address (browsers: the lobby with the code field).", body = CodeSent),
        (status = 200, description = "Admitted (JSON clients); `Set-Cookie` carries the session.", body = Joined,
            headers(("Set-Cookie" = String, description = "The session cookie `rooms_session` (HttpOnly, SameSite=Lax)"))),
        (status = 303, description = "Admitted (form posts): to the room page, with the session cookie.",
            headers(("Location" = String, description = "`/rooms/{room_id}`"),
                ("Set-Cookie" = String, description = "The session cookie")))))]
async fn redeem(
    State(s): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, PageError> {
    let json = wants_json(&headers) || (sends_json(&headers) && !accepts_html(&headers));
    let fail = |e: Error| PageError::new(e, json);
    if cross_site(&headers, &s.app.config.public_base_url) {
        tracing::warn!("cross-site join form refused");
        return Err(fail(Error::Forbidden));
    }
    let body = body.map_err(|r| {
        fail(if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::PayloadTooLarge
        } else {
            Error::bad_request("The request body could not be read.")
        })
    })?;
    let form: JoinForm = if sends_json(&headers) {
        parse_json(&body).map_err(fail)?
    } else {
        serde_urlencoded_form(&body).map_err(fail)?
    };
    let session = s.http.sessions.email(&headers);
    let nonce = s.http.sessions.lobby_nonce(&headers);
    let code = form.code.as_deref().filter(|c| !c.trim().is_empty());
    let redeemed = s
        .app
        .redeem(
            &token,
            &form.email,
            code,
            session.as_ref(),
            nonce.as_deref(),
        )
        .await;
    let lobby_form = |code_step: bool, expires_in: Option<u64>| pages::LobbyForm {
        email: Some(form.email.trim().to_owned()),
        code_step,
        expires_in,
        sign_in: None,
    };
    match redeemed {
        Ok(Redeemed::Admitted(admission)) => Ok(admitted(&s, &admission, json)),
        Ok(Redeemed::CodeSent { expires_in }) if json => Ok((
            StatusCode::ACCEPTED,
            Json(CodeSent {
                status: "code_sent",
                expires_in,
            }),
        )
            .into_response()),
        Ok(Redeemed::CodeSent { expires_in }) => match s.app.lobby_view(&token).await {
            Some(view) => Ok((
                StatusCode::ACCEPTED,
                pages::lobby(&view, None, &lobby_form(true, Some(expires_in))),
            )
                .into_response()),
            None => Err(fail(Error::InvalidLink)),
        },
        Err(
            e @ (Error::EmailMismatch
            | Error::CodeInvalid { .. }
            | Error::CodeExpired
            | Error::TooManyRequests { .. }),
        ) if !json => {
            // The lobby again, with the message at its field and the address kept; a
            // wrong code or a refused resend stays on the code step.
            let code_step = !matches!(e, Error::EmailMismatch);
            Err(PageError {
                lobby: s.app.lobby_view(&token).await,
                form: if code_step {
                    lobby_form(true, None)
                } else {
                    pages::LobbyForm::default()
                },
                error: e,
                json,
            })
        }
        Err(e @ Error::VerificationRequired { .. }) if !json => {
            let url = match &e {
                Error::VerificationRequired { url } => Some(url.clone()),
                _ => None,
            };
            Err(PageError {
                lobby: s.app.lobby_view(&token).await,
                form: pages::LobbyForm {
                    sign_in: url,
                    ..Default::default()
                },
                error: e,
                json,
            })
        }
        Err(e) => Err(fail(e)),
    }
}

/// Login-CSRF protection of the lobby form: a browser names where a POST comes from in
/// `Origin` and `Sec-Fetch-Site`. A submission is refused when either header is present
/// and says it came from another origin than `PUBLIC_BASE_URL`. `Origin: null` (sent
/// for same-origin forms too when the page's referrer policy is `no-referrer`) proves
/// nothing, so it is left to `Sec-Fetch-Site`, and refused when that is missing.
/// Clients that send neither header (scripts, tests) are accepted.
pub(super) fn cross_site(headers: &HeaderMap, public_base_url: &str) -> bool {
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| v.to_str().unwrap_or("").trim().to_ascii_lowercase())
    };
    let fetch_site = header("sec-fetch-site");
    if let Some(site) = &fetch_site {
        if site != "same-origin" && site != "none" {
            return true;
        }
    }
    match header("origin") {
        None => false,
        Some(origin) if origin == "null" => fetch_site.is_none(),
        Some(origin) => match (origin_of(&origin), origin_of(public_base_url)) {
            (Some(from), Some(ours)) => from != ours,
            _ => true,
        },
    }
}

/// `scheme://host[:port]` of a URL, lowercased, without the scheme's default port.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = authority.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => "",
    };
    let authority = if default_port.is_empty() {
        authority.as_str()
    } else {
        authority.strip_suffix(default_port).unwrap_or(&authority)
    };
    if authority.is_empty() {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

fn serde_urlencoded_form(body: &[u8]) -> Result<JoinForm, Error> {
    serde_urlencoded::from_bytes(body)
        .map_err(|_| Error::bad_request("The form field email is required."))
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The answer to a successful redemption: the session cookie, then the room.
fn admitted(s: &AppState, admission: &Admission, json: bool) -> Response {
    let p = &admission.participant;
    let mut response = if json {
        Json(Joined {
            room_id: p.room_id.clone(),
            role: p.role,
        })
        .into_response()
    } else {
        Redirect::to(&format!("/rooms/{}", p.room_id)).into_response()
    };
    if !json {
        *response.status_mut() = StatusCode::SEE_OTHER;
        if let Ok(v) = HeaderValue::from_str(&format!("/rooms/{}", p.room_id)) {
            response.headers_mut().insert(LOCATION, v);
        }
    }
    if let Some(cookie) = s
        .http
        .sessions
        .issue(&p.email, s.app.clock.now())
        .and_then(|c| HeaderValue::from_str(&c).ok())
    {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    response
}

async fn room_page(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let json = wants_json(&headers);
    let session = s.http.sessions.email(&headers);
    let page = s
        .app
        .room_page(&room_id, session.as_ref())
        .await
        .map_err(|e| PageError::new(e, json))?;
    if json {
        let me = page.participant.me();
        return Ok(Json(json!({
            "room": page.room,
            "email": me.email,
            "role": me.role,
            "permissions": me.permissions,
            "admission": me.admission,
        }))
        .into_response());
    }
    if !page.participant.is_admitted() {
        let may_knock = knock_refusal(&page.participant, page.now + KNOCK_INTERVAL)
            .is_none_or(|r| r == KnockRefusal::NotDenied);
        return Ok(pages::waiting(&page, may_knock).into_response());
    }
    let backend = &s.app.room_backend;
    let stage = pages::Stage {
        backend: backend.name(),
        client_page: backend.client_page(),
    };
    let invite = pages::GuestInviteForm {
        roles: s.app.grantable_roles(page.participant.role),
        limit: s.app.config.participant_invite_limit,
        notice: (query.as_deref() == Some(super::guest_invites::SENT_QUERY))
            .then_some(pages::InviteNotice::Sent),
        ..Default::default()
    };
    // Moderators of a room with a waiting room see who waits.
    let panel = if page.participant.role == crate::domain::Role::Moderator
        && page.room.admission.approval != crate::domain::Approval::None
    {
        let q = super::listing::page_query(None).map_err(|e| PageError::new(e, false))?;
        let waiting = s
            .app
            .moderator_waiting(&room_id, session.as_ref(), q)
            .await
            .map_err(|e| PageError::new(e, false))?;
        Some(super::moderator_panel::waiting_panel(
            crate::i18n::for_page(None, page.room.locale.as_deref()),
            &room_id,
            &waiting.items,
        ))
    } else {
        None
    };
    let mut response = pages::room(&page, &stage, &invite, panel).into_response();
    if let Some(origin) = backend.frame_origin().filter(|_| page.room.is_live()) {
        // The web client of the backend runs in a frame of exactly its origin.
        if let Some(v) = s.http.csp.with_frame_src(origin) {
            response
                .headers_mut()
                .insert(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
    Ok(response)
}

/// The live-room credential of the session's participant (never logged: the request log
/// line has the route template, not the body).
#[utoipa::path(get, path = "/rooms/{room_id}/entry", tag = "join",
    params(("room_id" = String, Path)),
    responses((status = 200, description = "The credential, valid a few minutes.", body = RoomEntryBody)),
    security(("session" = [])))]
async fn entry(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let session = s.http.sessions.email(&headers);
    let entry = s
        .app
        .room_entry(&room_id, session.as_ref())
        .await
        .map_err(|e| PageError::new(e, true))?;
    Ok(Json(RoomEntryBody {
        backend: entry.backend,
        url: entry.url,
        token: entry.token,
        expires_at: entry.expires_at,
    })
    .into_response())
}

/// `GET /.well-known/jwks.json`: the public keys of the entry tokens (redirect backend),
/// cacheable for five minutes; `404 not_found` for the other backends.
async fn jwks(State(s): State<AppState>) -> Result<Response, PageError> {
    let jwks = s
        .app
        .room_backend
        .jwks()
        .ok_or_else(|| PageError::new(Error::NotFound, true))?;
    Ok((
        [(
            http::header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        )],
        Json(jwks),
    )
        .into_response())
}

/// Whether the room is live, and the server's time (no cookie needed). Cacheable for a
/// short time, with a weak `ETag` over `status` and `starts_at` (see [`validators`]).
#[utoipa::path(get, path = "/rooms/{room_id}/status", tag = "join",
    params(("room_id" = String, Path),
        ("If-None-Match" = Option<String>, Header, description = "An `ETag` of an earlier answer: `304` while status and start are unchanged.")),
    responses(
        (status = 200, description = "The room's status.", body = RoomStatusBody,
            headers(("ETag" = String, description = "Weak validator of `status` and `starts_at`."),
                ("Cache-Control" = String, description = "`public, max-age=N`: never fresh past `starts_at`."))),
        (status = 304, description = "Unchanged since the `If-None-Match` given; the clock is the `Date` header.")))]
async fn status(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let room = s
        .app
        .public_room(&room_id)
        .await
        .map_err(|e| PageError::new(e, true))?;
    let now = s.app.clock.now();
    let etag = validators::status_etag(room.status, room.starts_at);
    let cache_control = validators::status_cache_control(room.status, room.starts_at, now);
    let mut response = if validators::if_none_match(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Json(RoomStatusBody {
            status: room.status,
            starts_at: room.starts_at,
            server_time: now,
        })
        .into_response()
    };
    let h = response.headers_mut();
    if let (Ok(etag), Ok(cc)) = (
        HeaderValue::from_str(&etag),
        HeaderValue::from_str(&cache_control),
    ) {
        h.insert(http::header::ETAG, etag);
        h.insert(http::header::CACHE_CONTROL, cc);
    }
    Ok(response)
}

/// The admitted participant's email, role and the features of that role (session cookie).
#[utoipa::path(get, path = "/rooms/{room_id}/me", tag = "join",
    params(("room_id" = String, Path)),
    responses((status = 200, description = "Who you are in this room.", body = Me)),
    security(("session" = [])))]
async fn me(
    State(s): State<AppState>,
    Path(room_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let session = s.http.sessions.email(&headers);
    let me = s
        .app
        .me(&room_id, session.as_ref())
        .await
        .map_err(|e| PageError::new(e, true))?;
    Ok(Json(me).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_decode_like_browsers_send_them() {
        let f = serde_urlencoded_form(b"x=1&email=Ann%2Bx%40Example.com+").unwrap();
        assert_eq!(f.email, "Ann+x@Example.com ");
        assert!(serde_urlencoded_form(b"mail=a").is_err());
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origins_are_normalized() {
        assert_eq!(
            origin_of("HTTPS://Rooms.Example.com:443/base/").as_deref(),
            Some("https://rooms.example.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("no-scheme"), None);
    }

    #[test]
    fn cross_site_submissions_are_recognized() {
        let base = "https://rooms.example.com";
        let refused = [
            vec![("origin", "https://evil.example")],
            vec![("origin", "https://rooms.example.com.evil.example")],
            vec![("origin", "http://rooms.example.com")],
            vec![("sec-fetch-site", "cross-site")],
            vec![("sec-fetch-site", "same-site")],
            vec![("origin", "null")],
            vec![
                ("origin", "https://rooms.example.com"),
                ("sec-fetch-site", "cross-site"),
            ],
            vec![
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "same-origin"),
            ],
        ];
        for h in refused {
            assert!(cross_site(&headers(&h), base), "{h:?}");
        }
        let accepted = [
            vec![],
            vec![("origin", "https://rooms.example.com")],
            vec![("origin", "https://ROOMS.example.com:443")],
            vec![("sec-fetch-site", "same-origin")],
            vec![("sec-fetch-site", "none")],
            vec![("origin", "null"), ("sec-fetch-site", "same-origin")],
            vec![
                ("origin", "https://rooms.example.com"),
                ("sec-fetch-site", "same-origin"),
            ],
        ];
        for h in accepted {
            assert!(!cross_site(&headers(&h), base), "{h:?}");
        }
    }
}
