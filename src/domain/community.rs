//! A community of practice: cities working on one theme together (CONNECTION's four, Italy's
//! networks around local action plans). A community is hosted by one city, which runs its `Group`
//! actor; member cities post to it and read everything posted to it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use url::Url;

use super::{
    city::City,
    language::LanguageTag,
    validation::{Problem, ValidationErrors},
    vocabulary,
};

/// Longest community name, in any language.
pub const MAX_NAME: usize = 120;
/// Longest summary, in any language.
pub const MAX_SUMMARY: usize = 2_000;

/// How a city becomes a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Membership {
    /// Every city that asks (a `Follow`) is a member at once.
    #[default]
    Open,
    /// A moderator accepts or refuses each request.
    Approval,
}

impl Membership {
    pub const CODES: [&'static str; 2] = ["open", "approval"];

    pub fn code(self) -> &'static str {
        match self {
            Membership::Open => "open",
            Membership::Approval => "approval",
        }
    }

    pub fn from_code(code: &str) -> Option<Membership> {
        match code {
            "open" => Some(Membership::Open),
            "approval" => Some(Membership::Approval),
            _ => None,
        }
    }
}

/// A community, local or hosted elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Community {
    /// The `Group` actor: id, handle, name in every language, inboxes and keys.
    pub actor: City,
    /// The summary by language (the actor's `summary` is the one in its first language).
    pub summaries: BTreeMap<String, String>,
    /// Theme codes of the Praxis vocabulary.
    pub themes: Vec<String>,
    pub icon: Option<Url>,
    pub membership: Membership,
    /// The moderators collection (FEP-1b12 `attributedTo`).
    pub moderators: Option<Url>,
}

impl Community {
    /// The name for a reader of `preferred`.
    pub fn name_for(&self, preferred: &[super::language::LanguageTag]) -> &str {
        self.actor.name_for(preferred)
    }

    /// The summary for a reader of `preferred`: in the first of their languages it is written
    /// in, else the actor's main summary.
    pub fn summary_for(&self, preferred: &[super::language::LanguageTag]) -> &str {
        super::city::name_for_reader(&self.actor.summary, None, &self.summaries, preferred)
    }
}

/// A community as an editor submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityDraft {
    /// The handle: with the host it forms the address `handle@host`; lower-case letters,
    /// digits and `_`, 2 to 40 of them. Fixed once created.
    #[schema(required = true)]
    pub handle: Option<String>,
    /// The name by language tag; at least one.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// What the community is about, by language tag (plain text).
    #[serde(default)]
    pub summaries: BTreeMap<String, String>,
    /// Theme codes of the Praxis vocabulary.
    #[serde(default)]
    pub themes: Vec<String>,
    /// The address of an image that stands for the community.
    #[serde(default)]
    pub icon: Option<String>,
    /// `open` (the default) or `approval`.
    #[serde(default)]
    pub membership: Option<String>,
}

/// A validated draft.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityFacts {
    pub handle: String,
    /// By language tag, in the order given (the first is the main name).
    pub names: BTreeMap<String, String>,
    pub main_language: String,
    pub summaries: BTreeMap<String, String>,
    pub themes: Vec<String>,
    pub icon: Option<Url>,
    pub membership: Membership,
}

/// Whether `handle` has the form of a community handle.
pub fn is_handle(handle: &str) -> bool {
    (2..=40).contains(&handle.len())
        && handle
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl CommunityDraft {
    /// The facts, or every problem with them; `main_language` is the language of the name the
    /// actor shows without a map (the first of the hosting city's languages that has a name).
    pub fn validate(&self, city_languages: &[LanguageTag]) -> Result<CommunityFacts, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let handle = self.handle.as_deref().map(str::trim).unwrap_or("").to_string();
        if handle.is_empty() {
            errors.add(
                "handle",
                Problem::Required,
                "a handle is required, like `employment`",
            );
        } else if !is_handle(&handle) {
            errors.add(
                "handle",
                Problem::HandleInvalid,
                "a handle is 2 to 40 lower-case letters, digits or `_`",
            );
        }
        let names = texts("names", &self.names, MAX_NAME, &mut errors);
        if names.is_empty() && !errors.has("names") {
            errors.add(
                "names",
                Problem::Required,
                "give the community a name in at least one language",
            );
        }
        let summaries = texts("summaries", &self.summaries, MAX_SUMMARY, &mut errors);
        let mut themes = Vec::new();
        for (i, theme) in self.themes.iter().enumerate() {
            if vocabulary::THEMES.contains(&theme.as_str()) {
                if !themes.contains(theme) {
                    themes.push(theme.clone());
                }
            } else {
                errors
                    .add(
                        format!("themes[{i}]"),
                        Problem::UnknownCode,
                        format!("expected one of {}", vocabulary::one_of(vocabulary::THEMES)),
                    )
                    .with("value", theme);
            }
        }
        let icon = match self.icon.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
            None => None,
            Some(icon) => match Url::parse(icon) {
                Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Some(url),
                _ => {
                    errors
                        .add(
                            "icon",
                            Problem::NotAUrl,
                            "the icon must be an http or https address",
                        )
                        .with("value", icon);
                    None
                }
            },
        };
        let membership = match self.membership.as_deref().map(str::trim) {
            None | Some("") => Membership::Open,
            Some(code) => Membership::from_code(code).unwrap_or_else(|| {
                errors.add(
                    "membership",
                    Problem::UnknownCode,
                    format!("expected `open` or `approval`, got `{code}`"),
                );
                Membership::Open
            }),
        };
        let main_language = city_languages
            .iter()
            .map(LanguageTag::as_str)
            .find(|l| names.contains_key(*l))
            .or_else(|| names.keys().next().map(String::as_str))
            .unwrap_or("und")
            .to_string();
        errors.into_result(CommunityFacts {
            handle,
            names,
            main_language,
            summaries,
            themes,
            icon,
            membership,
        })
    }
}

/// Texts by language, trimmed, with empty ones dropped.
fn texts(
    field: &str,
    given: &BTreeMap<String, String>,
    max: usize,
    errors: &mut ValidationErrors,
) -> BTreeMap<String, String> {
    let mut kept = BTreeMap::new();
    for (tag, text) in given {
        let text = crate::domain::sanitize::plain_text(text);
        if text.is_empty() {
            continue;
        }
        match LanguageTag::parse(tag) {
            Err(_) => {
                errors
                    .add(
                        format!("{field}.{tag}"),
                        Problem::NotALanguage,
                        format!("`{tag}` is not a language tag"),
                    )
                    .with("value", tag);
            }
            Ok(_) if text.chars().count() > max => {
                errors
                    .add(
                        format!("{field}.{tag}"),
                        Problem::TooLong,
                        format!("at most {max} characters"),
                    )
                    .with("max", max);
            }
            Ok(language) => {
                kept.insert(language.as_str().to_string(), text);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(handle: &str) -> CommunityDraft {
        CommunityDraft {
            handle: Some(handle.into()),
            names: BTreeMap::from([
                ("it".into(), "Lavoro dei migranti".into()),
                ("en".into(), "Migrant employment".into()),
            ]),
            summaries: BTreeMap::from([("en".into(), "<b>Jobs</b> for newcomers".into())]),
            themes: vec!["employment".into()],
            icon: None,
            membership: Some("approval".into()),
        }
    }

    #[test]
    fn a_community_keeps_its_names_and_plain_summaries() {
        let facts = draft("employment")
            .validate(&[LanguageTag::parse("it").unwrap()])
            .unwrap();
        assert_eq!(facts.main_language, "it");
        assert_eq!(facts.summaries["en"], "Jobs for newcomers");
        assert_eq!(facts.membership, Membership::Approval);
    }

    #[test]
    fn handles_names_themes_and_rules_are_checked() {
        let mut bad = draft("Employment!");
        bad.names.clear();
        bad.themes = vec!["cooking".into()];
        bad.membership = Some("invite".into());
        bad.icon = Some("ftp://x".into());
        let errors = bad.validate(&[]).unwrap_err();
        for field in ["handle", "names", "themes[0]", "membership", "icon"] {
            assert!(errors.has(field), "{field}: {errors:?}");
        }
    }
}
