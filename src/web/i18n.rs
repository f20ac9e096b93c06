//! The interface language: which one a request gets, and its strings, dates and numbers.
//!
//! Strings live in `locales/<language>/praxis.ftl` (Fluent), compiled into the binary. The
//! language is, in order: the page's `ui` query parameter, the language chosen in this browser
//! (a cookie), the user's setting, `Accept-Language`, then English.

use std::{borrow::Cow, collections::HashMap};

use actix_web::HttpRequest;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks around arguments confuse copy-paste and tests; every argument here is
        // in the page's own script direction.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

include!(concat!(env!("OUT_DIR"), "/interface_languages.rs"));

/// The cookie that remembers the interface language chosen in a browser.
pub const LANGUAGE_COOKIE: &str = "praxis_ui";

/// Translations into one interface language.
#[derive(Debug, Clone)]
pub struct Tr {
    code: &'static str,
    id: LanguageIdentifier,
}

impl Tr {
    /// The translator for a supported language code; anything else gets English.
    pub fn new(code: &str) -> Tr {
        let code = UI_LANGUAGES.iter().find(|c| **c == code).copied().unwrap_or("en");
        Tr {
            code,
            id: code.parse().expect("supported language codes are valid"),
        }
    }

    /// Picks the language for a request (see the module documentation).
    pub fn for_request(req: &HttpRequest, user_locale: Option<&str>) -> Tr {
        let query = actix_web::web::Query::<HashMap<String, String>>::from_query(req.query_string()).ok();
        let from_query = query.as_ref().and_then(|q| q.get("ui")).map(String::as_str);
        let from_cookie = req.cookie(LANGUAGE_COOKIE);
        let explicit = [from_query, from_cookie.as_ref().map(|c| c.value()), user_locale];
        if let Some(code) = explicit.into_iter().flatten().find(|c| is_supported(c)) {
            return Tr::new(code);
        }
        let accepted = crate::http::negotiate::accepted_languages(req);
        accepted
            .iter()
            .find_map(|tag| UI_LANGUAGES.iter().find(|c| **c == tag.primary()))
            .map(|code| Tr::new(code))
            .unwrap_or_else(|| Tr::new("en"))
    }

    /// The interface language as a content language tag.
    pub fn language_tag(&self) -> crate::domain::language::LanguageTag {
        crate::domain::language::LanguageTag::parse(self.code).expect("interface languages are valid tags")
    }

    /// The interface language's name in itself ("Български"), for the language menu.
    pub fn endonym(&self) -> String {
        self.t("interface-language-name")
    }

    /// A decimal number with one digit after the reader's decimal separator: 1.2 / 1,2.
    pub fn decimal(&self, value: f64) -> String {
        format!("{value:.1}").replace('.', &self.t("number-decimal-separator"))
    }

    /// The language code, for `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The string `key`. A missing key shows as itself, and the locale tests catch it.
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.id, key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The string `key` with arguments.
    pub fn t_with(&self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id, key, &args)
            .unwrap_or_else(|| key.to_string())
    }

    /// The string `key` with one text argument.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.t_with(key, &[(name, FluentValue::from(value.to_string()))])
    }

    /// A count in a sentence: `key` gets `$count` (for plural rules) and `$shown` (the count
    /// written the reader's way).
    pub fn count(&self, key: &str, count: i64) -> String {
        self.t_with(
            key,
            &[
                ("count", FluentValue::from(count)),
                ("shown", FluentValue::from(self.number(count))),
            ],
        )
    }

    /// A validation problem in the interface language: the message [`problem_key`] with the
    /// problem's values (every problem has one; a test walks them all).
    pub fn problem(&self, error: &crate::domain::validation::FieldError) -> String {
        let key = problem_key(error.code);
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = error
            .params
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id, &key, &args)
            .unwrap_or_else(|| error.message.clone())
    }

    /// The label of a code of a controlled list: `theme-early-school-leaving` and so on.
    pub fn code_label(&self, list: &str, code: &str) -> String {
        let key = format!("{list}-{}", code.replace('_', "-"));
        LOCALES
            .try_lookup(&self.id, &key)
            .unwrap_or_else(|| code.replace('_', " "))
    }

    /// The name of a content language, in the interface language when known.
    pub fn language_name(&self, tag: &str) -> String {
        let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
        match LOCALES.try_lookup(&self.id, &format!("language-{primary}")) {
            Some(name) if primary.len() == tag.len() => name,
            Some(name) => format!("{name} ({tag})"),
            None => tag.to_string(),
        }
    }

    /// A date the reader's way, like "23 November 2026" or "23 ноември 2026 г.".
    pub fn date(&self, date: NaiveDate) -> String {
        let month = self.t(&format!("month-{}", date.month()));
        self.t_with(
            "date-format",
            &[
                ("day", FluentValue::from(date.day().to_string())),
                ("month", FluentValue::from(month)),
                ("year", FluentValue::from(date.year().to_string())),
            ],
        )
    }

    /// A moment: its date and its time of day (UTC), the reader's way.
    pub fn datetime(&self, moment: DateTime<Utc>) -> String {
        self.t_with(
            "datetime-format",
            &[
                ("date", FluentValue::from(self.date(moment.date_naive()))),
                ("time", FluentValue::from(moment.format("%H:%M").to_string())),
            ],
        )
    }

    /// A whole number with the reader's digit grouping: 12,345 / 12 345 / 12.345.
    pub fn number(&self, n: i64) -> String {
        let separator = self.t("number-group-separator");
        let digits = n.unsigned_abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 2 + 1);
        if n < 0 {
            grouped.push('-');
        }
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(&separator);
            }
            grouped.push(digit);
        }
        grouped
    }
}

/// The Fluent key of a problem's message: `problem-` and its code in kebab case.
/// The labels of codes in every interface language, for the search index: people search with
/// the words the interface shows them.
pub struct InterfaceLabels;

impl crate::search::document::Labels for InterfaceLabels {
    fn labels(&self, vocabulary: crate::search::document::Vocabulary, code: &str) -> Vec<String> {
        use crate::search::document::Vocabulary;
        let list = match vocabulary {
            Vocabulary::Kind => "kind",
            Vocabulary::Theme => "theme",
            Vocabulary::TargetGroup => "target-group",
            Vocabulary::Country => "country",
        };
        let mut labels: Vec<String> = UI_LANGUAGES
            .iter()
            .map(|l| Tr::new(l).code_label(list, code))
            .collect();
        labels.sort();
        labels.dedup();
        labels
    }
}

pub fn problem_key(problem: crate::domain::validation::Problem) -> String {
    format!("problem-{}", problem.code().replace('_', "-"))
}

/// Whether `code` is an interface language.
pub fn is_supported(code: &str) -> bool {
    UI_LANGUAGES.contains(&code)
}

/// The content languages the interface names (those with a `language-…` message).
pub fn content_language_codes() -> Vec<String> {
    message_keys("en")
        .into_iter()
        .filter_map(|key| key.strip_prefix("language-").map(str::to_string))
        .collect()
}

/// The content language a person named in any interface language ("Bulgarian", "bulgaro",
/// "български", "Romani"), as its tag; case does not matter.
pub fn language_named(name: &str) -> Option<String> {
    static NAMES: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names = HashMap::new();
        for code in content_language_codes() {
            for ui in UI_LANGUAGES {
                names.insert(Tr::new(ui).language_name(&code).to_lowercase(), code.clone());
            }
        }
        names
    });
    names.get(&name.trim().to_lowercase()).cloned()
}

/// Every message key of a language's Fluent file, for the completeness tests.
pub fn message_keys(code: &str) -> Vec<String> {
    catalogue_source(code)
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_readers_way() {
        assert_eq!(Tr::new("en").number(1234567), "1,234,567");
        assert_eq!(Tr::new("it").number(12345), "12.345");
        assert_eq!(Tr::new("bg").number(-12345), "-12\u{a0}345");
        assert_eq!(Tr::new("mk").number(999), "999");
    }

    #[test]
    fn dates_are_written_the_readers_way() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(Tr::new("en").date(date), "23 November 2026");
        assert_eq!(Tr::new("it").date(date), "23 novembre 2026");
        assert_eq!(Tr::new("bg").date(date), "23 ноември 2026 г.");
        assert_eq!(Tr::new("mk").date(date), "23 ноември 2026");
    }

    #[test]
    fn every_language_has_every_message() {
        let english = message_keys("en");
        assert!(english.len() > 100, "the English catalogue looks truncated");
        for code in UI_LANGUAGES {
            let keys = message_keys(code);
            let missing: Vec<_> = english.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !english.contains(k)).collect();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
            assert!(extra.is_empty(), "{code} has keys English lacks: {extra:?}");
            // Every variable any message uses, so messages with variables resolve too.
            let args: Vec<(&'static str, FluentValue<'static>)> = [
                "count",
                "shown",
                "query",
                "kind",
                "page",
                "pages",
                "day",
                "month",
                "year",
                "date",
                "time",
                "username",
                "failures",
                "max",
                "min",
                "value",
                "language",
                "file",
                "indexed",
                "total",
                "fields",
                "translator",
                "origin",
                "city",
                "user",
                "password",
                "mode",
                "text",
                "cities",
                "status",
                "label",
                "since",
                "title",
                "person",
                "attribution",
                "target",
            ]
            .into_iter()
            .map(|name| (name, FluentValue::from(2)))
            .collect();
            for key in &english {
                let text = Tr::new(code).t_with(key, &args);
                assert_ne!(&text, key, "{code}: {key} does not resolve");
                assert!(
                    !text.contains("{$"),
                    "{code}: {key} has an unknown variable: {text}"
                );
            }
        }
    }

    #[test]
    fn every_code_and_field_has_a_label() {
        use crate::domain::{
            item::{ItemKind, schema::FieldType},
            user::Role,
            vocabulary::{STATUSES, TARGET_GROUPS, THEMES},
        };
        let keys = message_keys("en");
        let mut missing = Vec::new();
        let mut need = |prefix: &str, code: &str| {
            let key = format!("{prefix}-{}", code.replace('_', "-"));
            if !keys.contains(&key) {
                missing.push(key);
            }
        };
        for kind in ItemKind::ALL {
            need("kind", kind.code());
            need("kind-about", kind.code());
            for spec in kind.fields() {
                need("field", spec.name);
                let codes_of = |ty: FieldType, need: &mut dyn FnMut(&str, &str)| {
                    if let FieldType::Code(codes) | FieldType::Codes(codes) = ty {
                        codes.iter().for_each(|c| need("code", c));
                    }
                };
                codes_of(spec.ty, &mut need);
                if let FieldType::Records(subs) = spec.ty {
                    for sub in subs {
                        need("field", &format!("{}-{}", spec.name, sub.name));
                        codes_of(sub.ty, &mut need);
                    }
                }
            }
        }
        THEMES.iter().for_each(|c| need("theme", c));
        TARGET_GROUPS.iter().for_each(|c| need("target-group", c));
        STATUSES.iter().for_each(|c| need("code", c));
        Role::ALL.iter().for_each(|r| need("role", r.code()));
        UI_LANGUAGES.iter().for_each(|l| need("language", l));
        assert!(missing.is_empty(), "no English label for {missing:?}");
    }

    /// Every problem has a message in every interface language, so no form shows English; each
    /// message resolves with the values every use of its problem sets, and with no others.
    #[test]
    fn every_problem_code_has_a_message() {
        use crate::domain::validation::Problem;
        let mut codes: Vec<&str> = Problem::ALL.iter().map(|p| p.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Problem::ALL.len(), "two problems share a code");
        let mut missing = Vec::new();
        for code in UI_LANGUAGES {
            let language = Tr::new(code).id;
            let keys = message_keys(code);
            for &problem in Problem::ALL {
                let key = problem_key(problem);
                if !keys.contains(&key) {
                    missing.push(format!("{code}: {key}"));
                    continue;
                }
                let args: HashMap<&'static str, FluentValue<'static>> = problem
                    .params()
                    .iter()
                    .map(|name| (*name, FluentValue::from(format!("<{name}>"))))
                    .collect();
                // This language alone: a message that fails to resolve would otherwise show
                // the English one.
                if let Err(e) = LOCALES.lookup_single_language(&language, &key, Some(&args)) {
                    panic!(
                        "{code}: {key} does not resolve with the values {problem:?} sets {:?}: {e}",
                        problem.params()
                    );
                }
            }
        }
        assert!(missing.is_empty(), "no message for {missing:?}");
    }

    #[test]
    fn unsupported_languages_fall_back_to_english() {
        assert_eq!(Tr::new("de").code(), "en");
        assert_eq!(Tr::new("bg").t("nav-feed"), "Мрежа");
    }
}
