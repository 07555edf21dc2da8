//! Messages for a page's script, which formats them itself: `{name}` marks where the
//! script puts a value, and a message whose plural form depends on a number comes as
//! one text per CLDR plural category of the language (`{"select": "n", "one": …,
//! "other": …}`; the script picks with `Intl.PluralRules` and formats the numbers with
//! `Intl.NumberFormat`), so that the script needs no text and no plural rules of its
//! own.

use super::{Lang, LOCALES};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// The CLDR plural categories, in CLDR's order.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The CLDR plural category of the whole number `n` in `lang` (Fluent's own rules, so
/// the same as a message's `{ $n -> [one] … }`).
pub fn plural_category(lang: Lang, n: u32) -> &'static str {
    static ALL: OnceLock<Vec<FluentBundle<FluentResource>>> = OnceLock::new();
    let bundles = ALL.get_or_init(|| {
        LOCALES
            .iter()
            .map(|tag| {
                let id: LanguageIdentifier = tag.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                bundle.set_use_isolating(false);
                let source = "category = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n*[other] other\n}\n";
                if let Ok(r) = FluentResource::try_new(source.to_owned()) {
                    let _ = bundle.add_resource(r);
                }
                bundle
            })
            .collect()
    });
    let bundle = &bundles[lang.0];
    let Some(pattern) = bundle.get_message("category").and_then(|m| m.value()) else {
        return "other";
    };
    let mut args = FluentArgs::new();
    args.set("n", n);
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    PLURAL_CATEGORIES
        .into_iter()
        .find(|c| *c == text)
        .unwrap_or("other")
}

impl Lang {
    /// The message `id` for a script: `{name}` in place of each argument of `holes`.
    /// With `count` (one of `holes`): an object of the message per plural category of
    /// this language, each with `{count}` where the number goes, and `select`: the
    /// argument whose number picks the category.
    pub fn script_message(
        self,
        id: &str,
        holes: &[&str],
        count: Option<&str>,
    ) -> serde_json::Value {
        let mut args = FluentArgs::new();
        for h in holes {
            args.set(*h, format!("{{{h}}}"));
        }
        let Some(count) = count else {
            return self.t(id, Some(&args)).into();
        };
        let mut forms = serde_json::Map::new();
        forms.insert("select".into(), count.into());
        for &(category, sample) in samples(self) {
            args.set(count, sample);
            let text = self.t(id, Some(&args));
            let text = text.replacen(&sample.to_string(), &format!("{{{count}}}"), 1);
            forms.insert(category.into(), text.into());
        }
        forms.into()
    }
}

/// Each plural category of `lang` with its smallest number (below 1,000, so that no
/// digit grouping gets in the way of finding the number in a text).
fn samples(lang: Lang) -> &'static [(&'static str, u32)] {
    static ALL: OnceLock<Vec<Vec<(&'static str, u32)>>> = OnceLock::new();
    &ALL.get_or_init(|| {
        Lang::all()
            .map(|l| {
                let mut found: Vec<(&'static str, u32)> = Vec::new();
                for n in 0..1000 {
                    let c = plural_category(l, n);
                    if !found.iter().any(|(have, _)| *have == c) {
                        found.push((c, n));
                    }
                }
                found.sort_by_key(|(c, _)| PLURAL_CATEGORIES.iter().position(|p| p == c));
                found
            })
            .collect()
    })[lang.0]
}
