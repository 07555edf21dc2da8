//! The completeness test of the translations, which a careless edit cannot pass: every
//! message of English exists in every locale and no locale has one English lacks; every
//! placeholder of the English message appears in the translation; no translation equals
//! the English text unless it is listed in [`IDENTICAL`]; and the negotiation rules.

use super::*;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// Messages that are rightly the same as English in a locale (formats, names, words
/// the language borrows).
const IDENTICAL: &[(&str, &str)] = &[
    ("de", "time-utc"),
    ("de", "permission-chat"),
    ("de", "role-name-moderator"),
    ("es", "permission-chat"),
    ("pt-BR", "permission-chat"),
    // The console: words the language uses as they are.
    ("de", "console-col-status"),
    ("de", "console-filter-status"),
    ("de", "console-dashboard-title"),
    ("de", "console-tab-dashboard"),
    ("de", "console-room-status-live"),
    ("fr", "console-col-actions"),
    ("fr", "console-col-admission"),
    ("fr", "console-field-description"),
    ("fr", "console-invite-status-active"),
    ("fr", "console-pager-label"),
    ("fr", "console-participants-caption"),
    ("fr", "console-participants-title"),
    ("fr", "console-tab-participants"),
    ("pt-BR", "console-col-status"),
    ("pt-BR", "console-filter-status"),
    ("pt-BR", "console-js-row-ok"),
    ("de", "console-branding-logo"),
    ("fr", "console-branding-logo"),
];

/// A message of placeables and punctuation only (`{ $a } · { $b }`, `—`): a format,
/// with no words to translate, which a locale may keep or change.
fn is_format(english: &str) -> bool {
    !english.chars().any(char::is_alphabetic)
}

fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("syntax errors: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            assert!(
                out.insert(m.id.name.to_owned(), vars).is_none(),
                "duplicate id {}",
                m.id.name
            );
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_locale_has_every_message_and_every_placeholder() {
    let english = messages(SOURCES[0]);
    assert!(english.len() > 150, "the English file is read whole");
    for (tag, source) in LOCALES.iter().zip(SOURCES).skip(1) {
        let translated = messages(source);
        let missing: Vec<_> = english
            .keys()
            .filter(|id| !translated.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        let extra: Vec<_> = translated
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(extra.is_empty(), "{tag} has ids English lacks: {extra:?}");
        for (id, vars) in &english {
            let theirs = &translated[id];
            let lost: Vec<_> = vars.difference(theirs).collect();
            assert!(
                lost.is_empty(),
                "{tag} {id} lacks the placeholders {lost:?}"
            );
            let unknown: Vec<_> = theirs.difference(vars).collect();
            assert!(
                unknown.is_empty(),
                "{tag} {id} has placeholders English lacks: {unknown:?}"
            );
        }
    }
}

/// Every message formatted with the same arguments, per locale.
fn rendered(lang: Lang) -> BTreeMap<String, String> {
    let english = messages(SOURCES[0]);
    english
        .iter()
        .map(|(id, vars)| {
            let mut args = FluentArgs::new();
            for v in vars {
                args.set(v.clone(), 3);
            }
            (id.clone(), lang.t(id, Some(&args)))
        })
        .collect()
}

#[test]
fn no_translation_is_the_english_text_unless_listed() {
    let english = rendered(Lang::EN);
    let mut wrong = Vec::new();
    for lang in Lang::all().skip(1) {
        for (id, text) in rendered(lang) {
            assert!(!text.contains(MISSING), "{} {id}: {text}", lang.tag());
            assert!(!text.trim().is_empty(), "{} {id} is empty", lang.tag());
            let listed = IDENTICAL.contains(&(lang.tag(), id.as_str()));
            if is_format(&english[&id]) {
                assert!(
                    !listed,
                    "{} {id} is a format: no need to list it",
                    lang.tag()
                );
                continue;
            }
            if listed != (text == english[&id]) {
                wrong.push(format!("{} {id} ({text:?}, listed: {listed})", lang.tag()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the same as English but not listed in IDENTICAL, or listed but translated: {wrong:#?}"
    );
}

#[test]
fn a_missing_message_shows_as_a_marker() {
    assert_eq!(Lang::EN.t("no-such-message", None), "⟦no-such-message⟧");
}

#[test]
fn negotiation_follows_cookie_invite_header_room_fallback() {
    let de = Lang::from_tag("de").unwrap();
    let fr = Lang::from_tag("fr").unwrap();
    let ja = Lang::from_tag("ja").unwrap();
    let ar = Lang::from_tag("ar").unwrap();
    let header = Some("ja;q=0.9, xx-YY, fr;q=0.8");
    assert_eq!(
        choose(Some("de"), Some("fr"), header, Some("ar")),
        de,
        "cookie first"
    );
    assert_eq!(
        choose(None, Some("fr"), header, Some("ar")),
        fr,
        "then the invite"
    );
    assert_eq!(
        choose(None, None, header, Some("ar")),
        ja,
        "then the header"
    );
    assert_eq!(
        choose(None, None, Some("xx, tlh"), Some("ar")),
        ar,
        "then the room"
    );
    assert_eq!(choose(None, None, None, None), Lang::EN, "then English");
    assert_eq!(
        choose(Some("klingon"), None, None, Some("ar")),
        ar,
        "bad cookie ignored"
    );
}

#[test]
fn tags_map_to_shipped_locales() {
    assert_eq!(Lang::from_tag("pt").map(Lang::tag), Some("pt-BR"));
    assert_eq!(Lang::from_tag("pt-PT").map(Lang::tag), Some("pt-BR"));
    assert_eq!(Lang::from_tag("PT-br").map(Lang::tag), Some("pt-BR"));
    assert_eq!(Lang::from_tag("de-AT").map(Lang::tag), Some("de"));
    assert_eq!(Lang::from_tag("ar-EG").map(Lang::tag), Some("ar"));
    assert_eq!(Lang::from_tag("zh"), None);
    assert_eq!(Lang::from_tag("not a tag"), None);
    assert_eq!(
        Lang::from_accept_language("en-GB;q=0.5, es-MX;q=0.9").map(Lang::tag),
        Some("es")
    );
    assert_eq!(
        Lang::from_accept_language("fr;q=0, *;q=0.5, ja"),
        Lang::from_tag("ja")
    );
    assert_eq!(Lang::from_accept_language("fr;q=0, zh"), None);
    assert_eq!(Lang::from_tag("ar").map(Lang::dir), Some("rtl"));
    assert_eq!(Lang::EN.dir(), "ltr");
    assert_eq!(validate_locale("pt-br").as_deref(), Ok("pt-BR"));
    assert!(validate_locale("zh").is_err());
}

#[test]
fn numbers_are_formatted_by_icu() {
    // CLDR's `ar` writes Latin digits (`ar-EG` and others would use Arabic-Indic ones);
    // ICU's plural rules pick Arabic's `few` and `other` forms.
    let ar = Lang::from_tag("ar").unwrap();
    assert_eq!(tr!(ar, "email-when-minutes", n = 5), "بعد 5 دقائق");
    assert_eq!(tr!(ar, "email-when-minutes", n = 15), "بعد 15 دقيقة");
    assert_eq!(tr!(ar, "email-when-minutes", n = 2), "بعد دقيقتين");
    let de = Lang::from_tag("de").unwrap();
    let text = tr!(de, "invite-help", limit = 1200);
    assert!(text.contains("1.200"), "German grouping: {text}");
}

#[test]
fn a_script_gets_one_text_per_plural_category_with_placeholders() {
    let en = Lang::EN.script_message("email-when-minutes", &["n"], Some("n"));
    assert_eq!(
        en,
        serde_json::json!({"select": "n", "one": "in {n} minute", "other": "in {n} minutes"})
    );
    let ar = Lang::from_tag("ar").unwrap();
    let forms = ar.script_message("email-when-minutes", &["n"], Some("n"));
    let keys: Vec<_> = forms.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 7, "Arabic has six plural categories: {forms}");
    assert_eq!(forms["one"], "بعد دقيقة واحدة");
    assert_eq!(forms["two"], "بعد دقيقتين");
    assert_eq!(forms["few"], "بعد {n} دقائق");
    assert_eq!(forms["many"], "بعد {n} دقيقة");
    assert_eq!(script::plural_category(ar, 11), "many");
    assert_eq!(script::plural_category(Lang::EN, 1), "one");
    assert_eq!(
        Lang::EN.script_message("page-join-title", &["title"], None),
        "Join {title}"
    );
}
