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
