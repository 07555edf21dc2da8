//! `GET/PUT /api/branding` (the host's organization) and the public logo
//! `GET /branding/{org_hash}/logo/{content_hash}.{ext}`, served from our origin with a
//! year-long immutable cache: a new logo has a new content hash, so a new URL.

use super::error::ApiError;
use super::extract::{parse_json, Body, Params};
use super::AppState;
use crate::app::{BrandingUpdate, Host};
use crate::domain::branding::BrandingInput;
use crate::domain::{Branding, Error};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::{header, HeaderValue, StatusCode};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// `/api/branding` (host API; the rooms function).
pub fn host_routes() -> Router<AppState> {
    Router::new().route("/api/branding", get(get_branding).put(put_branding))
}

/// `/branding/{org_hash}/logo/{file}` (public; the redemption function).
pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route("/branding/{org_hash}/logo/{file}", get(logo))
        .route("/branding/{org_hash}/theme/{file}", get(theme))
}

/// An organization's branding. Unset fields (`null`) keep today's look.
#[derive(Serialize, ToSchema)]
pub struct BrandingView {
    /// Shown on the invitee pages, the error pages and in the emails' header; the
    /// calendar file's organizer name.
    pub display_name: Option<String>,
    /// `#rrggbb`, the colour of buttons and links (white text on it: contrast ≥ 4.5:1).
    pub accent_color: Option<String>,
    /// The logo on our origin (content-hashed, cached for a year).
    pub logo_url: Option<String>,
    /// The emails' `From` display name.
    pub sender_name: Option<String>,
    /// The emails' `Reply-To`.
    pub reply_to: Option<String>,
    /// Replaces "Contact the event organizer" on the error pages.
    pub support_line: Option<String>,
}

fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// `PUT /api/branding`: the whole branding; an absent or `null` field is unset, except
/// `logo`, which an absent field leaves as it is.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BrandingBody {
    /// At most 80 characters, one line.
    #[serde(default)]
    display_name: Option<String>,
    /// `#rrggbb`; refused (`validation_failed`) when white text on it has a contrast
    /// below 4.5:1 (WCAG AA).
    #[serde(default)]
    accent_color: Option<String>,
    /// The image, base64: PNG, JPEG or WebP, at most 200 KB (no SVG). `null` removes the
    /// logo; absent keeps it.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<String>)]
    logo: Option<Option<String>>,
    /// At most 80 characters, no line breaks.
    #[serde(default)]
    sender_name: Option<String>,
    /// A valid email address.
    #[serde(default)]
    reply_to: Option<String>,
    /// At most 200 characters, one line.
    #[serde(default)]
    support_line: Option<String>,
}

fn view(s: &AppState, b: &Branding) -> BrandingView {
    BrandingView {
        display_name: b.display_name.clone(),
        accent_color: b.accent_color.map(|c| c.css()),
        logo_url: b
            .logo_path()
            .map(|p| format!("{}{p}", s.app.config.public_base_url)),
        sender_name: b.sender_name.clone(),
        reply_to: b.reply_to.as_ref().map(|a| a.as_str().to_owned()),
        support_line: b.support_line.clone(),
    }
}

/// The branding of the host's organization.
#[utoipa::path(get, path = "/api/branding", tag = "branding",
    responses((status = 200, description = "The branding.", body = BrandingView)),
    security(("bearer" = [])))]
pub(super) async fn get_branding(
    State(s): State<AppState>,
    host: Host,
) -> Result<Response, ApiError> {
    let b = s.app.branding_of_host(&host).await?;
    Ok(Json(view(&s, &b)).into_response())
}

/// Replaces the branding of the host's organization (write permission).
#[utoipa::path(put, path = "/api/branding", tag = "branding",
    request_body = BrandingBody,
    responses((status = 200, description = "The branding.", body = BrandingView)),
    security(("bearer" = [])))]
pub(super) async fn put_branding(
    State(s): State<AppState>,
    host: Host,
    Body(body): Body,
) -> Result<Response, ApiError> {
    host.require_write()?;
    let body: BrandingBody = parse_json(&body)?;
    let logo = match body.logo {
        None => None,
        Some(None) => Some(None),
        Some(Some(b64)) => Some(Some(STANDARD.decode(b64.trim()).map_err(|_| {
            Error::ValidationFailed("logo must be the image in base64.".into())
        })?)),
    };
    let update = BrandingUpdate {
        fields: BrandingInput {
            display_name: body.display_name,
            accent_color: body.accent_color,
            logo: None,
            sender_name: body.sender_name,
            reply_to: body.reply_to,
            support_line: body.support_line,
        },
        logo,
    };
    let b = s.app.put_branding(&host, update).await?;
    Ok(Json(view(&s, &b)).into_response())
}

/// An organization's logo (public, immutable: the URL names the content's hash).
#[utoipa::path(get, path = "/branding/{org_hash}/logo/{file}", tag = "branding",
    params(("org_hash" = String, Path), ("file" = String, Path, description = "`{content_hash}.png`, `.jpg` or `.webp`.")),
    responses(
        (status = 200, description = "The image.", content((Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/webp")))))]
pub(super) async fn logo(
    State(s): State<AppState>,
    Params((org_hash, file)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    let (hash, ext) = file.rsplit_once('.').ok_or(Error::NotFound)?;
    let logo = s
        .app
        .logo(&org_hash, hash, ext)
        .await?
        .ok_or(Error::NotFound)?;
    let mut response = (StatusCode::OK, logo.bytes().to_vec()).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(logo.kind().content_type()),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

/// The accent colour of an organization's pages (a stylesheet: the pages' policy allows
/// no inline style), immutable: the URL names the colour.
#[utoipa::path(get, path = "/branding/{org_hash}/theme/{file}", tag = "branding",
    params(("org_hash" = String, Path), ("file" = String, Path, description = "`{rrggbb}.css`, the organization's accent colour.")),
    responses(
        (status = 200, description = "The stylesheet.", content((String = "text/css; charset=utf-8")))))]
pub(super) async fn theme(
    State(s): State<AppState>,
    Params((org_hash, file)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    let branding = s
        .app
        .store
        .branding_by_org_hash(&org_hash)
        .await
        .map_err(Error::from)?
        .ok_or(Error::NotFound)?;
    let theme = branding.theme_path().ok_or(Error::NotFound)?;
    let colour = branding.accent_color.ok_or(Error::NotFound)?;
    if !theme.ends_with(&format!("/{file}")) {
        return Err(Error::NotFound.into());
    }
    let css = format!(
        ":root {{ --accent: {c}; }}\nbutton:hover, a.button:hover {{ background: {c}; filter: brightness(.85); }}\n",
        c = colour.css()
    );
    let mut response = (StatusCode::OK, css).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}
