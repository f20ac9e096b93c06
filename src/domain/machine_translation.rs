//! Machine translation of an item for a reader: which texts a reader of one language lacks, and
//! the machine's version of them.
//!
//! A machine translation is never the city's text: it is kept beside the item (per item,
//! language and item version), shown labelled, and never federated or indexed. An editor may
//! start a contributed translation ([`super::translation`]) from it, which people then review.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use url::Url;

use super::{
    item::{ItemContent, details::FieldValue},
    language::{LanguageMap, LanguageTag},
    sanitize::{plain_text, sanitize_html},
    translation::TranslationTexts,
};

/// The machine's texts for an item in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineTranslation {
    pub item: Url,
    /// The item's `updated` the texts were translated from.
    pub version: DateTime<Utc>,
    pub texts: TranslationTexts,
    /// The language each field was translated from, by field name (`title`, `details.objectives`).
    pub sources: BTreeMap<String, LanguageTag>,
}

/// One text the reader lacks, in the language it is translated from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// `title`, `summary`, `body` or `details.<name>`.
    pub field: String,
    pub language: LanguageTag,
    pub text: String,
    /// The text is HTML (the body): the engine must keep its markup.
    pub html: bool,
}

/// The texts of `content` with no version a reader of `target` reads, each taken from the
/// item's original language when it has that text, else from the first language that does.
pub fn missing_texts(content: &ItemContent, target: &LanguageTag) -> Vec<SourceText> {
    let original = &content.original_language;
    let mut missing = Vec::new();
    let mut add = |field: String, map: &LanguageMap, html: bool| {
        if map.is_empty() || map.has_language_of(target) {
            return;
        }
        if let Some((language, text)) = map.best(&[], original) {
            missing.push(SourceText {
                field,
                language: language.clone(),
                text: text.to_string(),
                html,
            });
        }
    };
    add("title".into(), &content.title, false);
    add("summary".into(), &content.summary, false);
    add("body".into(), &content.body, true);
    for (name, value) in &content.details.0 {
        if let FieldValue::Text(map) = value {
            add(format!("details.{name}"), map, false);
        }
    }
    missing
}

/// How many characters translating `texts` sends to the engine (what the daily budget counts).
pub fn characters(texts: &[SourceText]) -> u64 {
    texts.iter().map(|t| t.text.chars().count() as u64).sum()
}

/// The machine's answers assembled as texts in `target`: HTML sanitized as any peer's, plain
/// texts stripped of markup, empty answers dropped.
pub fn assemble(
    item: Url,
    version: DateTime<Utc>,
    target: LanguageTag,
    answers: Vec<(SourceText, String)>,
) -> MachineTranslation {
    let mut texts = TranslationTexts {
        language: target,
        title: None,
        summary: None,
        body: None,
        details: BTreeMap::new(),
    };
    let mut sources = BTreeMap::new();
    for (source, answer) in answers {
        let text = if source.html {
            sanitize_html(&answer)
        } else {
            plain_text(&answer).trim().to_string()
        };
        if plain_text(&text).trim().is_empty() {
            continue;
        }
        match source.field.as_str() {
            "title" => texts.title = Some(text),
            "summary" => texts.summary = Some(text),
            "body" => texts.body = Some(text),
            field => {
                let Some(name) = field.strip_prefix("details.") else {
                    continue;
                };
                texts.details.insert(name.to_string(), text);
            }
        }
        sources.insert(source.field, source.language);
    }
    MachineTranslation {
        item,
        version,
        texts,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item::ItemDraft;

    fn tag(code: &str) -> LanguageTag {
        LanguageTag::parse(code).unwrap()
    }

    fn practice() -> ItemContent {
        let draft: ItemDraft = serde_json::from_value(serde_json::json!({
            "kind": "good_practice",
            "original_language": "it",
            "title": {"it": "Mediatori scolastici", "bg": "Училищни медиатори", "en": "School mediators"},
            "summary": {"en": "Mediators in schools.", "it": "Mediatori nelle scuole."},
            "body": {"it": "<p>Nel 2019.</p>"},
            "details": {"objectives": {"en": "Fewer dropouts"}}
        }))
        .unwrap();
        draft.validate().unwrap()
    }

    #[test]
    fn only_the_texts_the_reader_lacks_are_sent_each_from_the_original_when_it_has_one() {
        let missing = missing_texts(&practice(), &tag("bg-BG"));
        let fields: Vec<(&str, &str, bool)> = missing
            .iter()
            .map(|t| (t.field.as_str(), t.language.as_str(), t.html))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("summary", "it", false),
                ("body", "it", true),
                ("details.objectives", "en", false),
            ]
        );
        assert_eq!(characters(&missing), 23 + 16 + 14);
        assert!(
            missing_texts(&practice(), &tag("it"))
                .iter()
                .all(|t| t.field == "details.objectives")
        );
    }

    #[test]
    fn answers_are_sanitized_and_empty_ones_dropped() {
        let missing = missing_texts(&practice(), &tag("bg"));
        let answers = vec![
            (missing[0].clone(), "<b>Медиатори</b> в училищата.".to_string()),
            (
                missing[1].clone(),
                "<p>През 2019 г.</p><script>alert(1)</script>".to_string(),
            ),
            (missing[2].clone(), "  ".to_string()),
        ];
        let item = Url::parse("https://campobasso.example/items/1").unwrap();
        let translation = assemble(item, Utc::now(), tag("bg"), answers);
        assert_eq!(
            translation.texts.summary.as_deref(),
            Some("Медиатори в училищата.")
        );
        assert_eq!(translation.texts.body.as_deref(), Some("<p>През 2019 г.</p>"));
        assert!(translation.texts.details.is_empty());
        assert_eq!(
            translation.sources.keys().collect::<Vec<_>>(),
            ["body", "summary"]
        );
    }
}
