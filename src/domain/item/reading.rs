//! An item for one reader: each text in the first of the reader's languages it exists in, then
//! in the item's original language, then in any. Chosen field by field, because partial
//! translations are the rule: a Bulgarian version with only a title still leaves the summary and
//! body to read in Italian or English.

use std::collections::BTreeMap;

use super::{ItemContent, details::FieldValue};
use crate::domain::language::{LanguageMap, LanguageTag};

/// The languages one reader reads, most wanted first, and the item's original language.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub preferred: &'a [LanguageTag],
    pub original: &'a LanguageTag,
}

impl<'a> Reader<'a> {
    pub fn new(preferred: &'a [LanguageTag], content: &'a ItemContent) -> Reader<'a> {
        Reader {
            preferred,
            original: &content.original_language,
        }
    }

    /// The text of one field for this reader, with the language it is in.
    pub fn pick<'m>(&self, map: &'m LanguageMap) -> Option<(&'m LanguageTag, &'m str)> {
        map.best(self.preferred, self.original)
    }

    /// The language the reader asked for first, when they asked for any.
    pub fn first(&self) -> Option<&'a LanguageTag> {
        self.preferred.first()
    }
}

/// Which language each text of an item is shown in for one reader, and what is not in the
/// reader's first language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// By field: `title`, `summary`, `body`, and `details.<name>` for each kind-specific text.
    pub languages: BTreeMap<String, LanguageTag>,
    /// The fields above that exist in some language but not in the reader's first one.
    pub missing: Vec<String>,
}

impl ItemContent {
    /// How this item reads for a reader of `preferred` (see the module documentation).
    pub fn reading(&self, preferred: &[LanguageTag]) -> Reading {
        let reader = Reader::new(preferred, self);
        let mut reading = Reading::default();
        let mut note = |field: String, map: &LanguageMap| {
            let Some((language, _)) = reader.pick(map) else {
                return;
            };
            if let Some(first) = reader.first()
                && !map.has_language_of(first)
            {
                reading.missing.push(field.clone());
            }
            reading.languages.insert(field, language.clone());
        };
        note("title".into(), &self.title);
        note("summary".into(), &self.summary);
        note("body".into(), &self.body);
        for spec in self.kind.fields() {
            if let Some(FieldValue::Text(map)) = self.details.get(spec.name) {
                note(format!("details.{}", spec.name), map);
            }
        }
        reading
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item::ItemDraft;

    fn tag(s: &str) -> LanguageTag {
        LanguageTag::parse(s).unwrap()
    }

    /// A practice written in Italian, translated in full into English and only in its title
    /// into Bulgarian.
    fn partly_translated() -> ItemContent {
        let draft: ItemDraft = serde_json::from_value(serde_json::json!({
            "kind": "good_practice",
            "original_language": "it",
            "title": {"it": "Mediatori scolastici", "en": "School mediators", "bg": "Училищни медиатори"},
            "summary": {"it": "Mediatori rom nelle scuole.", "en": "Roma mediators in schools."},
            "body": {"it": "<p>Il progetto</p>"},
            "details": {"objectives": {"it": "Ridurre l'abbandono", "en": "Fewer school leavers"}}
        }))
        .unwrap();
        draft.validate().unwrap()
    }

    #[test]
    fn each_field_comes_in_the_first_language_the_reader_reads() {
        let content = partly_translated();
        let reading = content.reading(&[tag("bg"), tag("en")]);
        let language = |field: &str| reading.languages[field].to_string();
        assert_eq!(language("title"), "bg");
        assert_eq!(language("summary"), "en");
        assert_eq!(language("body"), "it", "no English body: the original");
        assert_eq!(language("details.objectives"), "en");
        assert_eq!(reading.missing, ["summary", "body", "details.objectives"]);
    }

    #[test]
    fn a_reader_of_none_of_the_languages_gets_the_original() {
        let content = partly_translated();
        let reading = content.reading(&[tag("mk")]);
        assert!(reading.languages.values().all(|l| *l == tag("it")), "{reading:?}");
        assert_eq!(reading.missing.len(), 4);
        assert!(
            content.reading(&[]).missing.is_empty(),
            "nothing asked for, nothing missing"
        );
    }
}
