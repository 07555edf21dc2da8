//! The console's localized words that several pages share: value names (statuses,
//! roles, deliveries), error titles and sentences, messages with markup inside, and the
//! messages of `console.js` (JSON in the `data-console-i18n` attribute of `<body>`, so
//! that the script has no text of its own).

use crate::domain::Error;
use crate::i18n::Lang;
use crate::tr;
use fluent_bundle::FluentArgs;
use maud::{html, Markup};

/// The name of an API value in the page's language: `value(lang, "delivery",
/// "not_sent")` is `console-delivery-not-sent`. Kinds: `role`, `room-status`,
/// `invite-status`, `delivery`, `admission`, `verify`, `approval`.
pub fn value(lang: Lang, kind: &str, v: &str) -> String {
    lang.t(&format!("console-{kind}-{}", v.replace('_', "-")), None)
}

/// Error codes with a console sentence of their own (the rest: the error's own
/// sentence when it carries one, else `console-error-other`).
const ERROR_TEXTS: &[(&str, &str)] = &[
    ("unauthorized", "console-error-unauthorized"),
    ("forbidden", "console-error-forbidden"),
    ("link_used", "console-error-link-used"),
    ("not_found", "console-error-not-found"),
    ("room_not_found", "console-error-room-not-found"),
    ("invite_not_found", "console-error-invite-not-found"),
    (
        "participant_not_found",
        "console-error-participant-not-found",
    ),
    ("invalid_email", "console-error-invalid-email"),
    ("domain_blocked", "console-error-domain-blocked"),
    ("invalid_expiry", "console-error-invalid-expiry"),
    ("invite_limit_reached", "console-error-invite-limit-reached"),
    ("payload_too_large", "console-error-payload-too-large"),
    ("sso_failed", "console-error-sso-failed"),
    (
        "identity_provider_unavailable",
        "console-error-identity-provider-unavailable",
    ),
    ("too_many_requests", "console-error-too-many-requests"),
    ("service_unavailable", "console-error-service-unavailable"),
    ("internal", "console-error-internal"),
];

/// The title of the console's error page.
pub fn error_title(lang: Lang, error: &Error) -> String {
    let id = match error {
        Error::Unauthorized => "console-error-title-unauthorized",
        Error::Forbidden | Error::GuestInviteRefused(_) => "console-error-title-forbidden",
        Error::RoomNotFound | Error::NotFound => "console-error-title-not-found",
        Error::LinkUsed => "console-error-title-link-used",
        _ => "console-error-title-other",
    };
    lang.t(id, None)
}

/// What happened. Errors that carry their own sentence (a form's check, a conflict)
/// show it: the service's words, which the console's own checks write in the page's
/// language.
pub fn error_text(lang: Lang, error: &Error) -> String {
    match error {
        Error::BadRequest(m)
        | Error::ValidationFailed(m)
        | Error::Conflict(m)
        | Error::EmailSuppressed(m) => m.clone(),
        e => {
            let code = e.code();
            let id = ERROR_TEXTS
                .iter()
                .find(|(c, _)| *c == code)
                .map_or("console-error-other", |(_, id)| id);
            lang.t(id, None)
        }
    }
}

/// The message `id` with markup where the arguments of `holes` go (a `<code>`, a
/// `<time>`, a `<strong>`), in the language's word order; `args` are its other
/// arguments.
pub fn with_markup(lang: Lang, id: &str, args: FluentArgs, holes: Vec<(&str, Markup)>) -> Markup {
    let mark = |i: usize| char::from_u32(0xE000 + i as u32).unwrap_or('\u{E000}');
    let mut all = args;
    for (i, (name, _)) in holes.iter().enumerate() {
        all.set(name.to_string(), mark(i).to_string());
    }
    let text = lang.t(id, Some(&all));
    let mut pieces: Vec<Result<String, usize>> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        match (c as u32).checked_sub(0xE000).map(|i| i as usize) {
            Some(i) if i < holes.len() => {
                pieces.push(Ok(std::mem::take(&mut current)));
                pieces.push(Err(i));
            }
            _ => current.push(c),
        }
    }
    pieces.push(Ok(current));
    html! {
        @for piece in &pieces {
            @match piece {
                Ok(text) => (text),
                Err(i) => (holes[*i].1),
            }
        }
    }
}

/// The messages of `console.js` as a JSON object (see [`Lang::script_message`]), and
/// `errors`: the sentence of each error code the script may meet (made once per
/// language).
pub fn script_texts(lang: Lang) -> &'static str {
    static ALL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| Lang::all().map(make_script_texts).collect());
    Lang::all()
        .position(|l| l == lang)
        .and_then(|i| all.get(i))
        .map_or("{}", String::as_str)
}

fn make_script_texts(lang: Lang) -> String {
    #[rustfmt::skip]
    let messages: &[(&str, &str, &[&str], Option<&str>)] = &[
        ("copied", "console-js-copied", &[], None),
        ("copyByKeys", "console-js-copy-by-keys", &["keys"], None),
        ("resumeNote", "console-js-resume-note", &["done", "total"], Some("total")),
        ("counts", "console-js-counts", &["rows", "ready", "bad"], Some("rows")),
        ("countsHeader", "console-js-counts-header", &["rows", "ready", "bad"], Some("rows")),
        ("previewCaption", "console-js-preview-caption", &[], None),
        ("previewLabel", "console-js-preview-label", &[], None),
        ("colRow", "console-js-col-row", &[], None),
        ("colEmail", "console-js-col-email", &[], None),
        ("colRole", "console-js-col-role", &[], None),
        ("colCheck", "console-js-col-check", &[], None),
        ("rowOk", "console-js-row-ok", &[], None),
        ("rowProblem", "console-js-row-problem", &["code", "message"], None),
        ("tooManyRows", "console-js-too-many-rows", &["max"], Some("max")),
        ("invalidEmail", "console-js-invalid-email", &[], None),
        ("badRole", "console-js-bad-role", &["viewer", "speaker", "moderator"], None),
        ("badUses", "console-js-bad-uses", &["column"], None),
        ("badExpiry", "console-js-bad-expiry", &["column"], None),
        ("badLocale", "console-js-bad-locale", &["column"], None),
        ("duplicate", "console-js-duplicate", &[], None),
        ("resumeBefore", "console-js-resume-before", &["rows"], Some("rows")),
        ("willCreate", "console-js-will-create", &["count"], Some("count")),
        ("emailsGoOut", "console-js-emails-go-out", &["count"], Some("count")),
        ("noEmails", "console-js-no-emails", &[], None),
        ("sendEmails", "console-js-send-emails", &["count"], Some("count")),
        ("resumeSendEmails", "console-js-resume-send-emails", &["count"], Some("count")),
        ("createInvitations", "console-js-create-invitations", &["count"], Some("count")),
        ("progress", "console-js-progress", &["done", "total", "errors"], Some("total")),
        ("timeLeft", "console-js-time-left", &["seconds"], Some("seconds")),
        ("retry", "console-js-retry", &["status"], None),
        ("retryOffline", "console-js-retry-offline", &[], None),
        ("importStopped", "console-js-import-stopped", &["code"], None),
        ("importFinished", "console-js-import-finished", &["invited", "rejected"], None),
        ("rejectedDownload", "console-js-rejected-download", &["count"], Some("count")),
        ("bulkProgress", "console-js-bulk-progress", &["done", "failed"], Some("done")),
        ("bulkFinished", "console-js-bulk-finished", &["done", "failed"], Some("done")),
        ("bulkStopped", "console-js-bulk-stopped", &["code"], None),
    ];
    let mut out = serde_json::Map::new();
    for (name, id, holes, count) in messages {
        out.insert((*name).into(), lang.script_message(id, holes, *count));
    }
    let mut errors = serde_json::Map::new();
    for (code, id) in ERROR_TEXTS {
        errors.insert((*code).into(), tr!(lang, id).into());
    }
    errors.insert("other".into(), tr!(lang, "console-error-other").into());
    out.insert("errors".into(), errors.into());
    serde_json::Value::Object(out).to_string()
}
