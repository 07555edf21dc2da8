//! Localization: the Project Fluent messages of every invitee page, error page and
//! email (`shared/locales/<tag>.ftl`, compiled into the binary), the choice of language
//! and ICU4X dates and numbers ([`dates`]); the host console's messages in
//! `shared/locales/console/<tag>.ftl` join each locale's bundle.
//!
//! The language of a page: an explicit choice (the `rooms_lang` cookie) > the invite's
//! `locale` > `Accept-Language` > the room's `locale` > `en` ([`choose`]). Of an email:
//! the invite's `locale` > the room's > `en`.

pub mod dates;
mod request;
mod script;

pub use request::{
    current, for_page, invite_lang_cookie, lang_layer, render_in, INVITE_LANG_COOKIE, LANG_COOKIE,
};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::Memoizable;
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// The shipped locales, `en` first (the source and the fallback).
pub const LOCALES: [&str; 7] = ["en", "de", "fr", "es", "pt-BR", "ja", "ar"];

/// The message files, in the order of [`LOCALES`]: the pages' and emails' file, then
/// the host console's (`locales/console/<tag>.ftl`).
pub const SOURCES: [&str; 7] = [
    concat!(
        include_str!("../../locales/en.ftl"),
        "\n",
        include_str!("../../locales/console/en.ftl")
    ),
    concat!(
        include_str!("../../locales/de.ftl"),
        "\n",
        include_str!("../../locales/console/de.ftl")
    ),
    concat!(
        include_str!("../../locales/fr.ftl"),
        "\n",
        include_str!("../../locales/console/fr.ftl")
    ),
    concat!(
        include_str!("../../locales/es.ftl"),
        "\n",
        include_str!("../../locales/console/es.ftl")
    ),
    concat!(
        include_str!("../../locales/pt-BR.ftl"),
        "\n",
        include_str!("../../locales/console/pt-BR.ftl")
    ),
    concat!(
        include_str!("../../locales/ja.ftl"),
        "\n",
        include_str!("../../locales/console/ja.ftl")
    ),
    concat!(
        include_str!("../../locales/ar.ftl"),
        "\n",
        include_str!("../../locales/console/ar.ftl")
    ),
];

/// What a message that a locale lacks renders as: visible, and what the completeness
/// test looks for.
pub const MISSING: char = '⟦';

/// One of the shipped locales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Default for Lang {
    fn default() -> Self {
        Lang::EN
    }
}

impl Lang {
    pub const EN: Lang = Lang(0);

    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LOCALES.len()).map(Lang)
    }

    /// The BCP 47 tag (`pt-BR`).
    pub fn tag(self) -> &'static str {
        LOCALES[self.0]
    }

    /// `rtl` for Arabic, else `ltr`.
    pub fn dir(self) -> &'static str {
        if self.tag() == "ar" {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The shipped locale that serves a BCP 47 tag: the same tag (any case), else the
    /// same language (`pt` and `pt-PT` → `pt-BR`, `de-AT` → `de`). `None` for a language
    /// we do not ship or a malformed tag.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let wanted: LanguageIdentifier = tag.trim().parse().ok()?;
        if let Some(i) = LOCALES
            .iter()
            .position(|l| l.eq_ignore_ascii_case(&wanted.to_string()))
        {
            return Some(Lang(i));
        }
        LOCALES
            .iter()
            .position(|l| {
                l.parse::<LanguageIdentifier>()
                    .is_ok_and(|have| have.language == wanted.language)
            })
            .map(Lang)
    }

    /// The most preferred language of an `Accept-Language` header that we ship (by
    /// its `q` weights, then its order; `q=0` and `*` name nothing).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranked: Vec<(u16, usize, &str)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, item)| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let q = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                let weight = (q.clamp(0.0, 1.0) * 1000.0) as u16;
                (weight > 0 && tag != "*").then_some((weight, i, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .find_map(|(_, _, tag)| Lang::from_tag(tag))
    }

    /// The message `id`, with `args`. A message this locale lacks renders as
    /// `⟦id⟧` (never the English text, so that a gap shows and the tests catch it).
    pub fn t(self, id: &str, args: Option<&FluentArgs>) -> String {
        let bundle = &bundles()[self.0];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(locale = self.tag(), id, "missing message");
            return format!("{MISSING}{id}⟧");
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(locale = self.tag(), id, ?errors, "message formatting");
        }
        text.into_owned()
    }

    /// The message `id` cut at the argument `hole`: the text before and after it, so
    /// that a page can put markup (a `<strong>`, a `<time>`) where the argument goes in
    /// every language's word order.
    pub fn split(self, id: &str, args: Option<&FluentArgs>, hole: &str) -> (String, String) {
        const MARK: &str = "\u{E000}";
        let mut all = FluentArgs::new();
        for (k, v) in args.into_iter().flat_map(FluentArgs::iter) {
            all.set(k.to_owned(), v.clone());
        }
        all.set(hole.to_owned(), MARK);
        let text = self.t(id, Some(&all));
        match text.split_once(MARK) {
            Some((a, b)) => (a.to_owned(), b.to_owned()),
            None => (text, String::new()),
        }
    }
}

/// The language of a page: the first of these that names a shipped locale, else `en`.
pub fn choose(
    cookie: Option<&str>,
    invite: Option<&str>,
    accept_language: Option<&str>,
    room: Option<&str>,
) -> Lang {
    cookie
        .and_then(Lang::from_tag)
        .or_else(|| invite.and_then(Lang::from_tag))
        .or_else(|| accept_language.and_then(Lang::from_accept_language))
        .or_else(|| room.and_then(Lang::from_tag))
        .unwrap_or(Lang::EN)
}

/// The language of an email: the invite's, else the room's, else `en`.
pub fn for_email(invite: Option<&str>, room: Option<&str>) -> Lang {
    choose(None, invite, None, room)
}

/// A `locale` value of the API: a shipped locale's tag, written as we write it.
pub fn validate_locale(tag: &str) -> Result<String, String> {
    LOCALES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(tag.trim()))
        .map(|l| (*l).to_owned())
        .ok_or_else(|| format!("locale must be one of {}.", LOCALES.join(", ")))
}

/// Arguments of a message: `args![name = value, …]`.
#[macro_export]
macro_rules! args {
    ($($k:ident = $v:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut a = ::fluent_bundle::FluentArgs::new();
        $( a.set(stringify!($k), $v); )*
        a
    }};
}

/// `tr!(lang, "id")` or `tr!(lang, "id", name = value, …)`: the formatted message.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:expr) => {
        $lang.t($id, None)
    };
    ($lang:expr, $id:expr, $($k:ident = $v:expr),+ $(,)?) => {
        $lang.t($id, Some(&$crate::args![$($k = $v),+]))
    };
}

fn bundles() -> &'static [FluentBundle<FluentResource>] {
    static BUNDLES: OnceLock<Vec<FluentBundle<FluentResource>>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        LOCALES
            .iter()
            .zip(SOURCES)
            .map(|(tag, source)| {
                let id: LanguageIdentifier = tag.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // No Unicode isolation marks around arguments: they would end up in
                // subjects and text parts as invisible characters.
                bundle.set_use_isolating(false);
                bundle.set_formatter(Some(format_number));
                let resource =
                    FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, e)| {
                        tracing::error!(locale = tag, ?e, "message file has syntax errors");
                        r
                    });
                if let Err(e) = bundle.add_resource(resource) {
                    tracing::error!(locale = tag, ?e, "message file has duplicate ids");
                }
                bundle
            })
            .collect()
    })
}

/// Whole numbers in messages through ICU4X (digits and grouping of the locale).
fn format_number(
    value: &FluentValue,
    memo: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.fract() != 0.0 || n.value.abs() > 1e15 {
        return None;
    }
    let whole = n.value as i64;
    memo.with_try_get::<IcuDecimal, _, _>((), |f| f.0.format(&whole.into()).to_string())
        .ok()
}

struct IcuDecimal(icu_decimal::DecimalFormatter);

impl Memoizable for IcuDecimal {
    type Args = ();
    type Error = ();
    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let locale: icu_locale_core::Locale = lang.to_string().parse().map_err(|_| ())?;
        icu_decimal::DecimalFormatter::try_new(locale.into(), Default::default())
            .map(IcuDecimal)
            .map_err(|_| ())
    }
}

#[cfg(test)]
mod tests;
