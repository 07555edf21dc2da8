//! The console's localized words that several pages share: value names (statuses,
//! roles, deliveries), error titles and sentences, messages with markup inside, and the
//! messages of `console.js` (a JSON data block in the pages that use the script's
//! import or bulk action, so that the script has no text of its own).

use crate::domain::Error;
use crate::i18n::Lang;
use crate::tr;
use fluent_bundle::FluentArgs;
use maud::{html, Markup, PreEscaped};

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

/// The part of `console.js` a page uses, whose messages it carries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// The import and the copy button (the room page).
    Import,
    /// The bulk action (the invites page).
    Bulk,
}

/// The messages of `console.js` for `which` in a JSON data block (`#console-text`: not
/// executed, so the Content-Security-Policy allows it), which the script reads once.
pub fn script_block(lang: Lang, which: Script) -> Markup {
    html! {
        script type="application/json" id="console-text" { (PreEscaped(script_texts(lang, which))) }
    }
}

/// The messages of `console.js` for `which` as a JSON object (see
/// [`Lang::script_message`]), and `errors`: the sentence of each error code the script
/// may meet; `<`, `>` and `&` escaped for a `<script>` element. Made once per language.
pub fn script_texts(lang: Lang, which: Script) -> &'static str {
    static ALL: std::sync::OnceLock<Vec<[String; 2]>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        Lang::all()
            .map(|l| {
                [
                    make_script_texts(l, Script::Import),
                    make_script_texts(l, Script::Bulk),
                ]
            })
            .collect()
    });
    let i = usize::from(which == Script::Bulk);
    Lang::all()
        .position(|l| l == lang)
        .and_then(|n| all.get(n))
        .map_or("{}", |texts| texts[i].as_str())
}

/// The codes the bulk action's requests may answer with (the import meets them all).
const BULK_ERRORS: &[&str] = &[
    "unauthorized",
    "forbidden",
    "room_not_found",
    "too_many_requests",
    "internal",
];

/// A message of the script: its part, its name there, the message id, the arguments
/// the script fills in, and the one whose number picks the plural form.
type ScriptMessage = (
    Script,
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
);

fn make_script_texts(lang: Lang, which: Script) -> String {
    use Script::{Bulk, Import};
    #[rustfmt::skip]
    let messages: &[ScriptMessage] = &[
        (Import, "copied", "console-js-copied", &[], None),
        (Import, "copyByKeys", "console-js-copy-by-keys", &["keys"], None),
        (Import, "resumeNote", "console-js-resume-note", &["done", "total"], Some("total")),
        (Import, "counts", "console-js-counts", &["rows", "ready", "bad"], Some("rows")),
        (Import, "countsHeader", "console-js-counts-header", &["rows", "ready", "bad"], Some("rows")),
        (Import, "previewCaption", "console-js-preview-caption", &[], None),
        (Import, "previewLabel", "console-js-preview-label", &[], None),
        (Import, "colRow", "console-js-col-row", &[], None),
        (Import, "colEmail", "console-js-col-email", &[], None),
        (Import, "colRole", "console-js-col-role", &[], None),
        (Import, "colCheck", "console-js-col-check", &[], None),
        (Import, "rowOk", "console-js-row-ok", &[], None),
        (Import, "rowProblem", "console-js-row-problem", &["code", "message"], None),
        (Import, "tooManyRows", "console-js-too-many-rows", &["max"], Some("max")),
        (Import, "invalidEmail", "console-js-invalid-email", &[], None),
        (Import, "badRole", "console-js-bad-role", &["viewer", "speaker", "moderator"], None),
        (Import, "badUses", "console-js-bad-uses", &["column"], None),
        (Import, "badExpiry", "console-js-bad-expiry", &["column"], None),
        (Import, "badLocale", "console-js-bad-locale", &["column", "languages"], None),
        (Import, "duplicate", "console-js-duplicate", &[], None),
        (Import, "resumeBefore", "console-js-resume-before", &["rows"], Some("rows")),
        (Import, "willCreate", "console-js-will-create", &["count"], Some("count")),
        (Import, "emailsGoOut", "console-js-emails-go-out", &["count"], Some("count")),
        (Import, "noEmails", "console-js-no-emails", &[], None),
        (Import, "sendEmails", "console-js-send-emails", &["count"], Some("count")),
        (Import, "resumeSendEmails", "console-js-resume-send-emails", &["count"], Some("count")),
        (Import, "createInvitations", "console-js-create-invitations", &["count"], Some("count")),
        (Import, "progress", "console-js-progress", &["done", "total", "errors"], Some("total")),
        (Import, "timeLeft", "console-js-time-left", &["seconds"], Some("seconds")),
        (Import, "retry", "console-js-retry", &["status"], None),
        (Import, "retryOffline", "console-js-retry-offline", &[], None),
        (Import, "importStopped", "console-js-import-stopped", &["code"], None),
        (Import, "importFinished", "console-js-import-finished", &["invited", "rejected"], None),
        (Import, "rejectedDownload", "console-js-rejected-download", &["count"], Some("count")),
        (Bulk, "bulkProgress", "console-js-bulk-progress", &["done", "failed"], Some("done")),
        (Bulk, "bulkFinished", "console-js-bulk-finished", &["done", "failed"], Some("done")),
        (Bulk, "bulkStopped", "console-js-bulk-stopped", &["code"], None),
    ];
    let mut out = serde_json::Map::new();
    for (group, name, id, holes, count) in messages {
        if *group == which {
            out.insert((*name).into(), lang.script_message(id, holes, *count));
        }
    }
    let mut errors = serde_json::Map::new();
    for (code, id) in ERROR_TEXTS {
        if which == Import || BULK_ERRORS.contains(code) {
            errors.insert((*code).into(), tr!(lang, id).into());
        }
    }
    errors.insert("other".into(), tr!(lang, "console-error-other").into());
    out.insert("errors".into(), errors.into());
    serde_json::Value::Object(out)
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
