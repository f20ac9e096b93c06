//! Reading fields other software fills loosely: where Praxis expects one URL, some servers put
//! an object or a list (a list of actors in `attributedTo`, an object in `audience`). Such a
//! value reads as nothing rather than failing the whole document.

use serde::Deserialize;
use url::Url;

/// A URL, or nothing when the value is something else.
pub fn url<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Url>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(value.as_str().and_then(|s| Url::parse(s).ok()))
}

/// A `Place` with coordinates, or nothing: a `location` that is a string, a list, or a place
/// without numbers (as Mastodon and Mobilizon also write) reads as no location.
pub fn place<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<super::actors::city::Place>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let place = match &value {
        serde_json::Value::Array(places) => places.first().cloned().unwrap_or_default(),
        _ => value,
    };
    Ok(serde_json::from_value::<super::actors::city::Place>(place)
        .ok()
        .filter(|p| p.kind == "Place" && p.location().is_some()))
}

/// The `Multikey`s among an `assertionMethod`: one object or a list, where entries that are
/// references or other kinds of verification methods read as nothing.
pub fn multikeys<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<super::actors::city::Multikey>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let entries = match value {
        serde_json::Value::Array(entries) => entries,
        serde_json::Value::Null => Vec::new(),
        entry => vec![entry],
    };
    Ok(entries
        .into_iter()
        .filter_map(|entry| serde_json::from_value(entry).ok())
        .collect())
}

/// A schema.org `Language` (`{"identifier": "it", "name": "…"}`, as Lemmy and PeerTube write
/// `language`), or nothing when the value is something else.
pub fn language<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<super::language_map::LanguageObject>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

/// URLs: one or a list, where entries that are not URLs read as nothing.
pub fn urls<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<Url>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let entries = match value {
        serde_json::Value::Array(entries) => entries,
        entry => vec![entry],
    };
    Ok(entries
        .iter()
        .filter_map(|entry| entry.as_str().and_then(|s| Url::parse(s).ok()))
        .collect())
}
