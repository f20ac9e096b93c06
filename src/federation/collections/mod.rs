//! The city's collections (outbox, paged; followers and following) and those of its communities.

pub mod community;
pub mod followers;
pub mod outbox;

use serde::{Deserialize, Serialize};
use url::Url;

/// An `OrderedCollection`, either listing its items or pointing at its first page.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderedCollection<T> {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Url,
    pub total_items: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<Url>,
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    pub ordered_items: Vec<T>,
}

/// One page of an `OrderedCollection`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderedCollectionPage<T> {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Url,
    pub part_of: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Url>,
    #[serde(default = "Vec::new")]
    pub ordered_items: Vec<T>,
}
