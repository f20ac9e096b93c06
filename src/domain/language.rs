//! BCP 47 language tags and texts keyed by language.

use std::{collections::BTreeMap, fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A well-formed BCP 47 tag in canonical case (`bg`, `it`, `sr-Latn`, `en-GB`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LanguageTag(String);

/// The text was not a well-formed BCP 47 language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a BCP 47 language tag such as \"bg\", \"it\" or \"mk\", got `{0}`")]
pub struct InvalidLanguageTag(pub String);

impl LanguageTag {
    /// Parses and normalizes the case of a tag.
    pub fn parse(tag: &str) -> Result<LanguageTag, InvalidLanguageTag> {
        let trimmed = tag.trim();
        if trimmed.is_empty() || trimmed.len() > 35 {
            return Err(InvalidLanguageTag(tag.to_string()));
        }
        let parsed = oxilangtag::LanguageTag::parse_and_normalize(trimmed)
            .map_err(|_| InvalidLanguageTag(tag.to_string()))?;
        // RFC 5646 also admits 4-8 letter primary subtags, but none is registered: a word like
        // "Italian" is a mistake, not a language.
        if !(2..=3).contains(&parsed.primary_language().len()) {
            return Err(InvalidLanguageTag(tag.to_string()));
        }
        Ok(LanguageTag(parsed.into_inner()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: `en` for `en-GB`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Whether a reader of one reads the other: the same primary language (`it` and `it-CH`).
    pub fn same_language(&self, other: &LanguageTag) -> bool {
        self.primary() == other.primary()
    }
}

/// Most languages a reader's list holds: more is a mistake, or an attempt to make every
/// lookup slow.
pub const MAX_READER_LANGUAGES: usize = 12;

/// A list of tags written as `bg, en;q=0.5` or `it,en`: in the order written, weights ignored,
/// each language once. A malformed tag is an error, naming it.
pub fn parse_list(text: &str) -> Result<Vec<LanguageTag>, InvalidLanguageTag> {
    let mut tags: Vec<LanguageTag> = Vec::new();
    for part in text.split(',') {
        let tag = part.split(';').next().unwrap_or_default().trim();
        if tag.is_empty() {
            continue;
        }
        let tag = LanguageTag::parse(tag)?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_READER_LANGUAGES {
        return Err(InvalidLanguageTag(text.to_string()));
    }
    Ok(tags)
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for LanguageTag {
    type Err = InvalidLanguageTag;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LanguageTag::parse(s)
    }
}

impl Serialize for LanguageTag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for LanguageTag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        LanguageTag::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A text in one or more languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LanguageMap(BTreeMap<LanguageTag, String>);

impl LanguageMap {
    pub fn new() -> LanguageMap {
        LanguageMap::default()
    }

    pub fn insert(&mut self, language: LanguageTag, text: String) {
        self.0.insert(language, text);
    }

    pub fn get(&self, language: &LanguageTag) -> Option<&str> {
        self.0.get(language).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn languages(&self) -> impl Iterator<Item = &LanguageTag> {
        self.0.keys()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&LanguageTag, &str)> {
        self.0.iter().map(|(k, v)| (k, v.as_str()))
    }

    /// The text in the first of `preferred` that is present (its exact tag, else a version of
    /// the same primary language), else in `fallback`, else any; with the language it is in.
    ///
    /// Each preferred language is tried in turn, so a reader of `it-CH, en` gets `it` before
    /// `en`: the order is the reader's, the tag's region only breaks ties.
    pub fn best<'a>(
        &'a self,
        preferred: &[LanguageTag],
        fallback: &LanguageTag,
    ) -> Option<(&'a LanguageTag, &'a str)> {
        preferred
            .iter()
            .find_map(|p| {
                self.0
                    .get_key_value(p)
                    .or_else(|| self.0.iter().find(|(k, _)| k.primary() == p.primary()))
            })
            .or_else(|| self.0.get_key_value(fallback))
            .or_else(|| self.0.iter().next())
            .map(|(k, v)| (k, v.as_str()))
    }

    /// Whether there is a version a reader of `language` reads (the same primary language).
    pub fn has_language_of(&self, language: &LanguageTag) -> bool {
        self.0.keys().any(|k| k.primary() == language.primary())
    }
}

impl FromIterator<(LanguageTag, String)> for LanguageMap {
    fn from_iter<I: IntoIterator<Item = (LanguageTag, String)>>(iter: I) -> Self {
        LanguageMap(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        LanguageTag::parse(s).unwrap()
    }

    #[test]
    fn tags_are_normalized_and_refused_when_malformed() {
        assert_eq!(tag("EN-gb").as_str(), "en-GB");
        assert_eq!(tag("sr-latn").as_str(), "sr-Latn");
        assert_eq!(tag(" mk ").as_str(), "mk");
        assert!(LanguageTag::parse("Italian language").is_err());
        assert!(LanguageTag::parse("Italian").is_err());
        assert!(LanguageTag::parse("").is_err());
        assert!(LanguageTag::parse("x").is_err());
    }

    #[test]
    fn lists_keep_their_order_and_name_what_is_wrong() {
        let list = parse_list("bg, en;q=0.5 ,it,bg").unwrap();
        assert_eq!(list, [tag("bg"), tag("en"), tag("it")]);
        assert_eq!(parse_list("").unwrap(), []);
        assert_eq!(parse_list("bg, Italian").unwrap_err().0, "Italian");
    }

    #[test]
    fn best_text_prefers_reader_then_original_language() {
        let map: LanguageMap = [
            (tag("bg"), "Добри практики".to_string()),
            (tag("it"), "Buone prassi".to_string()),
        ]
        .into_iter()
        .collect();
        assert_eq!(map.best(&[tag("it")], &tag("bg")).unwrap().1, "Buone prassi");
        assert_eq!(map.best(&[tag("it-CH")], &tag("bg")).unwrap().1, "Buone prassi");
        assert_eq!(map.best(&[tag("mk")], &tag("bg")).unwrap().1, "Добри практики");
        assert_eq!(map.best(&[], &tag("it")).unwrap().1, "Buone prassi");
        // The reader's order counts before the exactness of a tag.
        assert_eq!(
            map.best(&[tag("it-CH"), tag("bg")], &tag("bg")).unwrap().1,
            "Buone prassi"
        );
        assert!(map.has_language_of(&tag("it-IT")) && !map.has_language_of(&tag("en")));
    }
}
