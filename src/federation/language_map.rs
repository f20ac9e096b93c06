//! Language maps as they go out: the original language first.
//!
//! Mastodon labels a post with the first key of its `contentMap` (and software following it
//! reads `nameMap` and `summaryMap` the same way), so a map written in tag order would label an
//! Italian practice with a Bulgarian version as Bulgarian and hide it from Italian readers. The
//! maps Praxis writes lead with the item's original language; the order of maps it reads does not
//! matter.

use std::{collections::BTreeMap, ops::Deref};

use serde::{Deserialize, Deserializer, Serialize, Serializer, ser::SerializeMap};

/// Texts by language tag, written with `first` first and the others in tag order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LanguageMapJson {
    first: Option<String>,
    texts: BTreeMap<String, String>,
}

impl LanguageMapJson {
    pub fn new(texts: BTreeMap<String, String>, first: &str) -> LanguageMapJson {
        LanguageMapJson {
            first: Some(first.to_string()),
            texts,
        }
    }
}

impl From<BTreeMap<String, String>> for LanguageMapJson {
    fn from(texts: BTreeMap<String, String>) -> LanguageMapJson {
        LanguageMapJson { first: None, texts }
    }
}

impl Deref for LanguageMapJson {
    type Target = BTreeMap<String, String>;

    fn deref(&self) -> &Self::Target {
        &self.texts
    }
}

impl Serialize for LanguageMapJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.texts.len()))?;
        let first = self.first.as_ref().and_then(|tag| self.texts.get_key_value(tag));
        if let Some((tag, text)) = first {
            map.serialize_entry(tag, text)?;
        }
        for (tag, text) in &self.texts {
            if Some(tag) != first.map(|(t, _)| t) {
                map.serialize_entry(tag, text)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for LanguageMapJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<LanguageMapJson, D::Error> {
        BTreeMap::deserialize(deserializer).map(LanguageMapJson::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_language_leads_and_the_rest_follow_in_tag_order() {
        let texts = BTreeMap::from([
            ("bg".to_string(), "Медиатори".to_string()),
            ("en".to_string(), "Mediators".to_string()),
            ("it".to_string(), "Mediatori".to_string()),
        ]);
        let json = serde_json::to_string(&LanguageMapJson::new(texts.clone(), "it")).unwrap();
        assert_eq!(json, r#"{"it":"Mediatori","bg":"Медиатори","en":"Mediators"}"#);
        // A first language without a text is passed over.
        let json = serde_json::to_string(&LanguageMapJson::new(texts, "mk")).unwrap();
        assert_eq!(json, r#"{"bg":"Медиатори","en":"Mediators","it":"Mediatori"}"#);
        let read: LanguageMapJson = serde_json::from_str(r#"{"it":"a","bg":"b"}"#).unwrap();
        assert_eq!(read.get("bg").map(String::as_str), Some("b"));
    }
}

/// The language of a document as schema.org's `inLanguage` names it, the one way Lemmy (and
/// PeerTube) read a post's or comment's language: Lemmy looks the `identifier` up among its
/// language codes (two letters) and files what it does not know as undetermined.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct LanguageObject {
    pub identifier: String,
    pub name: String,
}

impl LanguageObject {
    /// The object for `tag`: its primary subtag as the identifier (Lemmy's codes have no
    /// regions or scripts), the whole tag as the name.
    pub fn of(tag: &crate::domain::language::LanguageTag) -> LanguageObject {
        LanguageObject {
            identifier: tag.primary().to_ascii_lowercase(),
            name: tag.as_str().to_string(),
        }
    }
}
