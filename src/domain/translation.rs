//! Translations one city contributes to another city's item.
//!
//! An editor of city B translates an item of city A into a language (or improves a version it
//! has). B's readers see it at once, marked as B's and not yet reviewed; A's editors accept it
//! (as it is, or edited) or decline it. Only A changes A's item: on acceptance A publishes the
//! new version, crediting B for that language. The wire form is in
//! `federation::activities::offer_translation`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use url::Url;

use super::{
    item::{
        ItemContent, MAX_BODY_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS,
        details::{FieldValue, MAX_TEXT_CHARS},
    },
    language::LanguageTag,
    sanitize::{plain_text, sanitize_html},
    validation::{Problem, ValidationErrors},
};

/// Longest message with which an origin declines a translation, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// A translation as an editor (or a peer) submits it: one language, some or all texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationDraft {
    /// The BCP 47 tag of the language translated into.
    #[serde(default)]
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// HTML, sanitized on the way in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Kind-specific text fields, by their snake_case names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, String>,
}

/// A validated translation of an item into one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationTexts {
    pub language: LanguageTag,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, String>,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalState {
    /// Sent, waiting for the origin's review.
    Proposed,
    /// The origin published it in its item.
    Accepted,
    /// The origin declined it, with a message.
    Declined,
}

impl ProposalState {
    pub fn code(self) -> &'static str {
        match self {
            ProposalState::Proposed => "proposed",
            ProposalState::Accepted => "accepted",
            ProposalState::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<ProposalState> {
        [
            ProposalState::Proposed,
            ProposalState::Accepted,
            ProposalState::Declined,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

impl TranslationDraft {
    /// Checks the translation against the item it translates: a known language, texts within
    /// the item's limits, only text fields the item's kind has, a title when the item has no
    /// version in the language yet, and at least one text. Every problem is reported.
    pub fn validate(self, item: &ItemContent) -> Result<TranslationTexts, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let language = match LanguageTag::parse(&self.language) {
            Ok(language) => Some(language),
            Err(_) => {
                errors
                    .add(
                        "language",
                        Problem::NotALanguage,
                        "expected a BCP 47 language tag such as \"bg\" or \"rmy\"",
                    )
                    .with("value", &self.language);
                None
            }
        };
        let text = |errors: &mut ValidationErrors,
                    field: &str,
                    value: Option<String>,
                    max: usize,
                    html: bool|
         -> Option<String> {
            let value = value.map(|v| {
                if html {
                    sanitize_html(&v)
                } else {
                    v.trim().to_string()
                }
            })?;
            if plain_text(&value).trim().is_empty() {
                return None;
            }
            if value.chars().count() > max {
                errors
                    .add(
                        field.to_string(),
                        Problem::TooLong,
                        format!("too long: at most {max} characters"),
                    )
                    .with("max", max);
            }
            Some(value)
        };
        let title = text(&mut errors, "title", self.title, MAX_TITLE_CHARS, false);
        let summary = text(&mut errors, "summary", self.summary, MAX_SUMMARY_CHARS, false);
        let body = text(&mut errors, "body", self.body, MAX_BODY_CHARS, true);
        let mut details = BTreeMap::new();
        for (name, value) in self.details {
            let is_text = item
                .kind
                .fields()
                .iter()
                .any(|s| s.name == name && s.ty == super::item::schema::FieldType::Text);
            if !is_text {
                errors
                    .add(
                        format!("details.{name}"),
                        Problem::UnknownField,
                        "not a text field of this item's kind",
                    )
                    .with("value", &name);
                continue;
            }
            if let Some(value) = text(
                &mut errors,
                &format!("details.{name}"),
                Some(value),
                MAX_TEXT_CHARS,
                false,
            ) {
                details.insert(name, value);
            }
        }
        if let Some(language) = &language {
            if title.is_none() && item.title.get(language).is_none() {
                errors
                    .add(
                        "title",
                        Problem::NoTitleInLanguage,
                        "the item has no version in this language yet: give it a title",
                    )
                    .with("language", language);
            }
            if title.is_none() && summary.is_none() && body.is_none() && details.is_empty() {
                errors.add("title", Problem::Required, "translate at least one text");
            }
        }
        match language {
            Some(language) if errors.is_empty() => Ok(TranslationTexts {
                language,
                title,
                summary,
                body,
                details,
            }),
            _ => Err(errors),
        }
    }
}

impl TranslationTexts {
    /// The item with these texts in their language (each replaces the version it translates),
    /// crediting `translator` for the language when given.
    pub fn apply_to(&self, content: &mut ItemContent, translator: Option<&Url>) {
        let language = &self.language;
        if let Some(title) = &self.title {
            content.title.insert(language.clone(), title.clone());
        }
        if let Some(summary) = &self.summary {
            content.summary.insert(language.clone(), summary.clone());
        }
        if let Some(body) = &self.body {
            content.body.insert(language.clone(), body.clone());
        }
        for (name, text) in &self.details {
            if let Some(FieldValue::Text(map)) = content.details.0.get_mut(name) {
                map.insert(language.clone(), text.clone());
            } else {
                let mut map = super::language::LanguageMap::new();
                map.insert(language.clone(), text.clone());
                content.details.0.insert(name.clone(), FieldValue::Text(map));
            }
        }
        if let Some(translator) = translator {
            content.translated_by.insert(language.clone(), translator.clone());
        }
    }

    /// The draft form, to edit again.
    pub fn to_draft(&self) -> TranslationDraft {
        TranslationDraft {
            language: self.language.to_string(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            details: self.details.clone(),
        }
    }

    /// The fields translated, by name (`title`, `details.objectives`).
    pub fn fields(&self) -> Vec<String> {
        let mut fields: Vec<String> = [
            ("title", &self.title),
            ("summary", &self.summary),
            ("body", &self.body),
        ]
        .into_iter()
        .filter(|(_, text)| text.is_some())
        .map(|(name, _)| name.to_string())
        .collect();
        fields.extend(self.details.keys().map(|name| format!("details.{name}")));
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item::ItemDraft;

    fn practice() -> ItemContent {
        let draft: ItemDraft = serde_json::from_value(serde_json::json!({
            "kind": "good_practice",
            "title": {"it": "Mediatori scolastici"},
            "summary": {"it": "Mediatori rom nelle scuole."},
            "details": {"objectives": {"it": "Ridurre l'abbandono"}}
        }))
        .unwrap();
        draft.validate().unwrap()
    }

    #[test]
    fn a_translation_into_a_new_language_needs_a_title_and_known_fields() {
        let item = practice();
        let draft = TranslationDraft {
            language: "bg".into(),
            summary: Some("Ромски медиатори в училищата.".into()),
            details: [("budget".to_string(), "много".to_string())]
                .into_iter()
                .collect(),
            ..TranslationDraft::default()
        };
        let errors = draft.validate(&item).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["details.budget", "title"]);
        let bad = TranslationDraft {
            language: "Bulgarian".into(),
            title: Some("x".into()),
            ..TranslationDraft::default()
        };
        assert_eq!(bad.validate(&item).unwrap_err().0[0].field, "language");
    }

    #[test]
    fn an_accepted_translation_adds_its_language_with_its_credit() {
        let mut item = practice();
        let texts = TranslationDraft {
            language: "bg".into(),
            title: Some("Училищни медиатори".into()),
            body: Some("<p>Проектът</p><script>alert(1)</script>".into()),
            details: [("objectives".to_string(), "По-малко отпаднали".to_string())]
                .into_iter()
                .collect(),
            ..TranslationDraft::default()
        }
        .validate(&item)
        .unwrap();
        assert_eq!(texts.body.as_deref(), Some("<p>Проектът</p>"), "sanitized");
        let tran = Url::parse("https://tran.example/city").unwrap();
        texts.apply_to(&mut item, Some(&tran));
        let bg = LanguageTag::parse("bg").unwrap();
        assert_eq!(item.title.get(&bg), Some("Училищни медиатори"));
        assert_eq!(item.translated_by.get(&bg), Some(&tran));
        assert_eq!(texts.fields(), ["title", "body", "details.objectives"]);
    }
}
