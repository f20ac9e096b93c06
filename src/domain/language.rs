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

    /// The text in the first of `preferred` that is present (exact tag, then primary language),
    /// else in `fallback`, else any; with the language it is in.
    pub fn best<'a>(
        &'a self,
        preferred: &[LanguageTag],
        fallback: &LanguageTag,
    ) -> Option<(&'a LanguageTag, &'a str)> {
        let exact = preferred.iter().find_map(|p| self.0.get_key_value(p));
        let by_primary = || {
            preferred
                .iter()
                .find_map(|p| self.0.iter().find(|(k, _)| k.primary() == p.primary()))
        };
        exact
            .or_else(by_primary)
            .or_else(|| self.0.get_key_value(fallback))
            .or_else(|| self.0.iter().next())
            .map(|(k, v)| (k, v.as_str()))
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
    }
}
