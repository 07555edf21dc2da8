//! The organization's branding in the console (`/console/branding`): the same fields and
//! rules as `PUT /api/branding` (display name, accent colour with its contrast check,
//! logo, email sender name and reply-to, support line), as one form that works without
//! the script. The logo is uploaded as a file (`multipart/form-data`, PNG, JPEG or WebP
//! of at most 200 KB); leaving the file empty keeps the current logo, "Remove the logo"
//! removes it. A read-only host sees the values without the form's controls.

use super::views::{csrf_field, layout_at};
use super::ConsoleHost;
use crate::app::BrandingUpdate;
use crate::domain::branding::{BrandingInput, MAX_DISPLAY_NAME, MAX_SENDER_NAME, MAX_SUPPORT_LINE};
use crate::domain::{Branding, Error};
use crate::http::error::ConsoleError;
use crate::http::AppState;
use crate::i18n;
use crate::tr;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use maud::{html, Markup};

const HERE: &str = "/console/branding";

/// The form's text fields as typed (what a refused form shows again).
#[derive(Debug, Default, Clone)]
pub(super) struct Values {
    display_name: String,
    accent_color: String,
    sender_name: String,
    reply_to: String,
    support_line: String,
}

impl Values {
    pub(super) fn of(b: &Branding) -> Self {
        Values {
            display_name: b.display_name.clone().unwrap_or_default(),
            accent_color: b.accent_color.map(|c| c.css()).unwrap_or_default(),
            sender_name: b.sender_name.clone().unwrap_or_default(),
            reply_to: b
                .reply_to
                .as_ref()
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default(),
            support_line: b.support_line.clone().unwrap_or_default(),
        }
    }

    fn input(&self) -> BrandingInput {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
        BrandingInput {
            display_name: opt(&self.display_name),
            accent_color: opt(&self.accent_color),
            logo: None,
            sender_name: opt(&self.sender_name),
            reply_to: opt(&self.reply_to),
            support_line: opt(&self.support_line),
        }
    }
}

/// `GET /console/branding`.
pub async fn show(State(s): State<AppState>, c: ConsoleHost) -> Result<Response, ConsoleError> {
    let branding = s.app.branding_of_host(&c.host).await?;
    Ok(page(&c, &branding, &Values::of(&branding), None, false).into_response())
}

/// `POST /console/branding` (`multipart/form-data`).
pub async fn save(
    State(s): State<AppState>,
    c: ConsoleHost,
    headers: HeaderMap,
    multipart: Multipart,
) -> Result<Response, ConsoleError> {
    let form = read_form(multipart).await?;
    c.write(&s, &headers, form.csrf.as_deref())?;
    let logo = if form.remove_logo {
        Some(None)
    } else {
        form.logo.map(Some)
    };
    let update = BrandingUpdate {
        fields: form.values.input(),
        logo,
    };
    match s.app.put_branding(&c.host, update).await {
        Ok(branding) => Ok(page(&c, &branding, &Values::of(&branding), None, true).into_response()),
        Err(e @ (Error::BadRequest(_) | Error::ValidationFailed(_))) => {
            let stored = s.app.branding_of_host(&c.host).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&c, &stored, &form.values, Some(&e), false),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// What the form sent.
#[derive(Default)]
struct Form {
    csrf: Option<String>,
    values: Values,
    /// The uploaded file's bytes (`None`: no file chosen).
    logo: Option<Vec<u8>>,
    remove_logo: bool,
}

async fn read_form(mut multipart: Multipart) -> Result<Form, ConsoleError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        ConsoleError::page(Error::bad_request(format!(
            "the form could not be read: {e}"
        )))
    };
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "logo" {
            let bytes = field.bytes().await.map_err(bad)?;
            if !bytes.is_empty() {
                form.logo = Some(bytes.to_vec());
            }
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        let v = &mut form.values;
        match name.as_str() {
            "csrf" => form.csrf = Some(text),
            "display_name" => v.display_name = text,
            "accent_color" => v.accent_color = text,
            "sender_name" => v.sender_name = text,
            "reply_to" => v.reply_to = text,
            "support_line" => v.support_line = text,
            "remove_logo" => form.remove_logo = !text.is_empty(),
            _ => {}
        }
    }
    Ok(form)
}

pub(super) fn page(
    c: &ConsoleHost,
    branding: &Branding,
    values: &Values,
    error: Option<&Error>,
    saved: bool,
) -> Markup {
    let lang = i18n::current();
    let writable = c.host.can_write;
    let field = |id: &str, label: &str, hint: &str, value: &str, kind: &str, max: usize| {
        let hint_id = format!("{id}-hint");
        html! {
            label for=(id) { (label) }
            p class="hint" id=(hint_id) { (hint) }
            input id=(id) name=(id) type=(kind) value=(value) maxlength=(max)
                aria-describedby=(hint_id) readonly[!writable] dir="auto";
        }
    };
    layout_at(
        &tr!(lang, "console-branding-title"),
        Some((&c.host, &c.csrf)),
        HERE,
        html! {
            h1 { (tr!(lang, "console-branding-heading")) }
            p { (tr!(lang, "console-branding-intro")) }
            @if saved {
                p class="success" role="status" { (tr!(lang, "console-saved")) }
            }
            @if let Some(e) = error {
                p class="error" role="alert" {
                    (tr!(lang, "console-error-with-code", message = super::texts::error_text(lang, e), code = e.code()))
                }
            }
            form class="card" method="post" action=(HERE) enctype="multipart/form-data" {
                (csrf_field(&c.csrf))
                (field("display_name", &tr!(lang, "console-branding-display-name"),
                    &tr!(lang, "console-branding-display-name-hint"), &values.display_name, "text", MAX_DISPLAY_NAME))
                label for="accent_color" { (tr!(lang, "console-branding-accent")) }
                p class="hint" id="accent_color-hint" { (tr!(lang, "console-branding-accent-hint")) }
                input id="accent_color" name="accent_color" type="text" value=(values.accent_color)
                    maxlength="7" pattern="#[0-9A-Fa-f]{6}" placeholder="#0b5cad" dir="ltr"
                    aria-describedby="accent_color-hint" readonly[!writable];
                p { strong { (tr!(lang, "console-branding-logo")) } }
                @if let Some(path) = branding.logo_path() {
                    p { img class="brand-logo" src=(path) alt=(tr!(lang, "console-branding-logo-alt")) height="48"; }
                    @if writable {
                        p {
                            input id="remove_logo" name="remove_logo" type="checkbox" value="1";
                            " "
                            label for="remove_logo" class="inline" { (tr!(lang, "console-branding-remove-logo")) }
                        }
                    }
                } @else {
                    p class="hint" { (tr!(lang, "console-branding-no-logo")) }
                }
                @if writable {
                    label for="logo" { (tr!(lang, "console-branding-logo-file")) }
                    p class="hint" id="logo-hint" { (tr!(lang, "console-branding-logo-hint")) }
                    input id="logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp"
                        aria-describedby="logo-hint";
                }
                (field("sender_name", &tr!(lang, "console-branding-sender"),
                    &tr!(lang, "console-branding-sender-hint"), &values.sender_name, "text", MAX_SENDER_NAME))
                (field("reply_to", &tr!(lang, "console-branding-reply-to"),
                    &tr!(lang, "console-branding-reply-to-hint"), &values.reply_to, "email", 254))
                (field("support_line", &tr!(lang, "console-branding-support"),
                    &tr!(lang, "console-branding-support-hint"), &values.support_line, "text", MAX_SUPPORT_LINE))
                @if writable {
                    button type="submit" { (tr!(lang, "console-save")) }
                } @else {
                    p class="hint" { (tr!(lang, "console-branding-read-only")) }
                }
            }
        },
    )
}
