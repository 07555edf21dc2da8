//! The localized words the pages share: error titles, sentences and advice by error
//! code, role and permission names, and the messages the page script shows (handed to
//! it as JSON in a `data-i18n` attribute, so that the script has no text of its own).

use crate::domain::guest_invite::{grantable_roles, GuestInviteRefusal};
use crate::domain::{Error, Permission, Role};
use crate::i18n::Lang;
use crate::tr;

/// The codes that have their own title, sentence and advice; others get the general
/// ones (`error-other-*`).
const PAGE_CODES: &[&str] = &[
    "invalid_link",
    "invite_revoked",
    "room_deleted",
    "link_expired",
    "link_used",
    "email_mismatch",
    "too_many_attempts",
    "not_a_participant",
    "domain_blocked",
    "invalid_email",
    "room_not_found",
    "not_found",
    "forbidden",
    "invite_limit_reached",
    "code_invalid",
    "code_expired",
    "too_many_requests",
    "sso_failed",
    "verification_required",
    "identity_provider_unavailable",
    "service_unavailable",
    "awaiting_approval",
    "admission_denied",
    "not_live",
    "room_backend_unavailable",
];

fn key(error: &Error) -> &'static str {
    let code = error.code();
    PAGE_CODES
        .iter()
        .find(|c| **c == code)
        .copied()
        .unwrap_or("other")
}

pub fn error_title(lang: Lang, error: &Error) -> String {
    if matches!(error, Error::GuestInviteRefused(_)) {
        return tr!(lang, "error-guest-refused-title");
    }
    lang.t(&format!("error-{}-title", key(error)), None)
}

/// The sentence that says what happened.
pub fn error_message(lang: Lang, error: &Error) -> String {
    match error {
        Error::GuestInviteRefused(refusal) => match refusal {
            GuestInviteRefusal::Disabled => tr!(lang, "error-guest-disabled"),
            GuestInviteRefusal::ViewerRole => tr!(lang, "error-guest-viewer"),
            GuestInviteRefusal::AboveOwnRole { inviter, requested } => {
                let plural = |r: Role| lang.t(&format!("role-plural-{}", r.as_str()), None);
                let roles = match grantable_roles(*inviter) {
                    [one] => plural(*one),
                    [first, second] => {
                        tr!(
                            lang,
                            "list-two",
                            first = plural(*first),
                            second = plural(*second)
                        )
                    }
                    _ => String::new(),
                };
                tr!(
                    lang,
                    "error-guest-above-role",
                    inviter = role_phrase(lang, *inviter),
                    roles = roles,
                    requested = plural(*requested)
                )
            }
            GuestInviteRefusal::CrossSite => tr!(lang, "error-guest-cross-site"),
        },
        _ => lang.t(&format!("error-{}-message", key(error)), None),
    }
}

/// What to do next.
pub fn error_advice(lang: Lang, error: &Error) -> String {
    if matches!(error, Error::GuestInviteRefused(_)) {
        return tr!(lang, "error-guest-advice");
    }
    lang.t(&format!("error-{}-advice", key(error)), None)
}

/// `a viewer`, `a speaker`, `a moderator` (in a sentence).
pub fn role_phrase(lang: Lang, role: Role) -> String {
    lang.t(&format!("role-phrase-{}", role.as_str()), None)
}

/// `Viewer`, `Speaker`, `Moderator` (a label).
pub fn role_name(lang: Lang, role: Role) -> String {
    lang.t(&format!("role-name-{}", role.as_str()), None)
}

pub fn permission_label(lang: Lang, p: Permission) -> String {
    lang.t(
        &format!("permission-{}", p.as_str().replace('_', "-")),
        None,
    )
}

/// The script's messages as a JSON object; `{name}` marks where the script puts a
/// value.
pub fn script_messages(lang: Lang) -> String {
    let plain = [
        ("deciding", "js-deciding"),
        ("starting", "js-starting"),
        ("startingNow", "js-starting-now"),
        ("openingStage", "js-opening-stage"),
        ("stageRetry", "js-stage-retry"),
        ("sending", "js-sending"),
        ("inviteFailed", "js-invite-failed"),
        ("inviteUnreachable", "js-invite-unreachable"),
        ("admit", "panel-admit"),
        ("deny", "panel-deny"),
        ("reason", "panel-reason"),
        ("stageTitle", "stage-title"),
    ];
    let mut out = serde_json::Map::new();
    for (name, id) in plain {
        out.insert(name.into(), lang.t(id, None).into());
    }
    let with = |id: &str, args: &[&str]| {
        let mut a = fluent_bundle::FluentArgs::new();
        for arg in args {
            a.set(*arg, format!("{{{arg}}}"));
        }
        lang.t(id, Some(&a))
    };
    out.insert("roleNow".into(), with("js-role-now", &["role"]).into());
    out.insert(
        "inviteNotEmailed".into(),
        with("js-invite-not-emailed", &["email"]).into(),
    );
    out.insert(
        "inviteSent".into(),
        with("js-invite-sent", &["email", "role"]).into(),
    );
    out.insert("countdown".into(), with("countdown-hms", &["hms"]).into());
    out.insert("admitWho".into(), with("panel-admit-who", &["name"]).into());
    out.insert("denyWho".into(), with("panel-deny-who", &["name"]).into());
    out.insert(
        "reasonWho".into(),
        with("panel-reason-who", &["name"]).into(),
    );
    // The script's countdown: one day, and more (the `other` form: `{days}` is text).
    let mut days = fluent_bundle::FluentArgs::new();
    days.set("hms", "{hms}");
    days.set("days", 1);
    out.insert(
        "countdownDay".into(),
        lang.t("countdown-days-hms", Some(&days)).into(),
    );
    out.insert(
        "countdownDays".into(),
        with("countdown-days-hms", &["days", "hms"]).into(),
    );
    for role in [Role::Viewer, Role::Speaker, Role::Moderator] {
        out.insert(
            format!("role_{}", role.as_str()),
            role_phrase(lang, role).into(),
        );
        out.insert(
            format!("roleName_{}", role.as_str()),
            role_name(lang, role).into(),
        );
    }
    serde_json::Value::Object(out).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_code_has_its_three_texts_in_english() {
        for code in PAGE_CODES {
            for part in ["title", "message", "advice"] {
                let text = Lang::EN.t(&format!("error-{code}-{part}"), None);
                assert!(!text.contains(crate::i18n::MISSING), "{code} {part}");
            }
        }
    }
}
