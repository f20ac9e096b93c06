//! Knowledge items: what a city publishes, and the rules every item obeys.

use std::collections::BTreeMap;

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{
    language::{LanguageMap, LanguageTag},
    sanitize::sanitize_html,
    validation::ValidationErrors,
};

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest summary, in characters.
pub const MAX_SUMMARY_CHARS: usize = 3_000;
/// Longest body of one language version, in characters.
pub const MAX_BODY_CHARS: usize = 200_000;
/// Most language versions one item may have.
pub const MAX_LANGUAGES: usize = 30;

/// What sort of knowledge an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    GoodPractice,
}

impl ItemKind {
    /// Every kind, in the order they are presented.
    pub const ALL: [ItemKind; 1] = [ItemKind::GoodPractice];

    /// The stable code used in storage, APIs and federation.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::GoodPractice => "good_practice",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The validated content of an item, without its identity: what an editor writes.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemContent {
    pub kind: ItemKind,
    /// The language the item was first written in; every text exists in it.
    pub original_language: LanguageTag,
    /// Plain-text titles; every language version has one.
    pub title: LanguageMap,
    /// Plain-text summaries, in some or all of the title's languages.
    pub summary: LanguageMap,
    /// Sanitized HTML bodies, in some or all of the title's languages.
    pub body: LanguageMap,
}

/// A published knowledge item, local or from a peer city.
#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeItem {
    pub ap_id: Url,
    /// The id of the city that published it; only that city may change it.
    pub origin: Url,
    pub content: ItemContent,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl KnowledgeItem {
    /// Every language the item has a version in.
    pub fn languages(&self) -> Vec<LanguageTag> {
        self.content.title.languages().cloned().collect()
    }
}

/// The current time at the precision every database keeps (microseconds).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// An item as submitted, before validation: from the JSON API, a file given to `praxis publish`,
/// or a received ActivityPub object.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDraft {
    pub kind: Option<String>,
    pub original_language: Option<String>,
    #[serde(default)]
    pub title: BTreeMap<String, String>,
    #[serde(default)]
    pub summary: BTreeMap<String, String>,
    #[serde(default)]
    pub body: BTreeMap<String, String>,
}

impl ItemDraft {
    /// Checks every rule and returns the content, or every problem found, each naming its field.
    /// Bodies are sanitized here, so no unsafe HTML gets past this point.
    pub fn validate(self) -> Result<ItemContent, ValidationErrors> {
        let mut errors = ValidationErrors::default();

        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => {
                errors.add("kind", format!("required; one of {}", kind_codes()));
                None
            }
            Some(code) => {
                let kind = ItemKind::from_code(code);
                if kind.is_none() {
                    errors.add(
                        "kind",
                        format!("unknown kind `{code}`; expected one of {}", kind_codes()),
                    );
                }
                kind
            }
        };

        let title = text_map("title", self.title, MAX_TITLE_CHARS, &mut errors, |t| {
            t.trim().to_string()
        });
        if title.is_empty() && !errors.has("title") {
            errors.add(
                "title",
                "required in at least one language, like {\"it\": \"...\"}",
            );
        }
        if title.len() > MAX_LANGUAGES {
            errors.add(
                "title",
                format!("at most {MAX_LANGUAGES} language versions are allowed"),
            );
        }
        let summary = text_map("summary", self.summary, MAX_SUMMARY_CHARS, &mut errors, |t| {
            t.trim().to_string()
        });
        let body = text_map("body", self.body, MAX_BODY_CHARS, &mut errors, sanitize_html);
        for (field, map) in [("summary", &summary), ("body", &body)] {
            for language in map.languages() {
                if title.get(language).is_none() {
                    errors.add(
                        format!("{field}.{language}"),
                        format!("there is no title in `{language}`; every language version needs a title"),
                    );
                }
            }
        }

        let original_language = match self.original_language.as_deref() {
            Some(raw) => match LanguageTag::parse(raw) {
                Ok(tag) if title.is_empty() || title.get(&tag).is_some() => Some(tag),
                Ok(tag) => {
                    errors.add(
                        "original_language",
                        format!("the title has no `{tag}` version; the original language must be one of the item's languages"),
                    );
                    None
                }
                Err(e) => {
                    errors.add("original_language", e.to_string());
                    None
                }
            },
            None if title.len() == 1 => title.languages().next().cloned(),
            None if title.len() > 1 => {
                errors.add(
                    "original_language",
                    "required when the item is in several languages",
                );
                None
            }
            None => None,
        };

        match (kind, original_language) {
            (Some(kind), Some(original_language)) if errors.is_empty() => Ok(ItemContent {
                kind,
                original_language,
                title,
                summary,
                body,
            }),
            _ => Err(errors),
        }
    }
}

impl From<&ItemContent> for ItemDraft {
    fn from(content: &ItemContent) -> ItemDraft {
        let plain = |map: &LanguageMap| map.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ItemDraft {
            kind: Some(content.kind.code().to_string()),
            original_language: Some(content.original_language.to_string()),
            title: plain(&content.title),
            summary: plain(&content.summary),
            body: plain(&content.body),
        }
    }
}

fn kind_codes() -> String {
    ItemKind::ALL
        .iter()
        .map(|k| format!("`{}`", k.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validates the language keys and texts of one language map, cleaning each text with `clean`.
fn text_map(
    field: &str,
    raw: BTreeMap<String, String>,
    max_chars: usize,
    errors: &mut ValidationErrors,
    clean: impl Fn(&str) -> String,
) -> LanguageMap {
    let mut map = LanguageMap::new();
    for (language, text) in raw {
        let tag = match LanguageTag::parse(&language) {
            Ok(tag) => tag,
            Err(e) => {
                errors.add(format!("{field}.{language}"), e.to_string());
                continue;
            }
        };
        let cleaned = clean(&text);
        if cleaned.trim().is_empty() {
            errors.add(
                format!("{field}.{tag}"),
                "must not be empty; leave the language out instead",
            );
        } else if cleaned.chars().count() > max_chars {
            errors.add(
                format!("{field}.{tag}"),
                format!("too long: at most {max_chars} characters"),
            );
        } else {
            map.insert(tag, cleaned);
        }
    }
    map
}

#[cfg(test)]
mod tests;
