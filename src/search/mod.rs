//! Search over every item the instance holds: full text in every language version, filters,
//! facets.
//!
//! An embedded search engine ([`engine`], tantivy) holds one document per item ([`document`],
//! fields in [`schema`]); words are folded the same way for the index and for queries
//! ([`tokenizer`], [`text`]), and found by their inflections and other spelling
//! ([`inflection`]); queries favour the reader's language ([`query`]). A search ([`searching`])
//! finds each word's documents as sets of bits ([`bits`]), so that totals and facets are exact
//! counts over every match ([`facets`], from per-segment facts kept in [`segments`]), and ranks
//! only what could reach the page ([`ranking`]). The index is a copy of the database, kept in
//! step from a change log by `service::search`.

mod bits;
pub mod document;
pub mod engine;
mod facets;
pub mod inflection;
pub mod query;
mod ranking;
pub mod schema;
mod searching;
mod segments;
pub mod stopwords;
pub mod text;
pub mod tokenizer;

use chrono::NaiveDate;
use url::Url;

pub use engine::{SearchEngine, SearchError, Status, Writing};

use crate::{domain::language::LanguageTag, storage::items::ItemId};

/// Largest page.
pub const MAX_PER_PAGE: u32 = 100;

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words: items matching more of them rank first (see [`query`]).
    pub text: String,
    pub filters: Filters,
    /// Versions in the reader's language rank higher.
    pub reader_language: Option<LanguageTag>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    /// Whether to count facets.
    pub facets: bool,
    /// Only public items, whatever the filters say: the reader is not the city's staff.
    pub public_only: bool,
    pub order: Order,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Best matches first when there are words; newest first without.
    #[default]
    Relevance,
    /// Most recently published first.
    Newest,
    /// Most recently changed first.
    Updated,
}

impl Order {
    pub const ALL: [Order; 3] = [Order::Relevance, Order::Newest, Order::Updated];

    pub fn code(self) -> &'static str {
        match self {
            Order::Relevance => "relevance",
            Order::Newest => "newest",
            Order::Updated => "updated",
        }
    }

    pub fn from_code(code: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// Filters: within one field any of the values, across fields all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub kinds: Vec<String>,
    pub themes: Vec<String>,
    pub target_groups: Vec<String>,
    /// Origin cities, by actor id.
    pub cities: Vec<Url>,
    pub countries: Vec<String>,
    /// Items with a version in one of these languages.
    pub languages: Vec<String>,
    /// Items for one of these audiences (codes); a reader who is not the city's staff is
    /// always limited to `public`.
    pub audiences: Vec<String>,
    /// Items posted to one of these communities, by actor id.
    pub communities: Vec<Url>,
    /// Items whose period overlaps [from, to] (items without a period are left out).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only items another city adapted.
    pub adapted: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// One matching item and how well it matched (higher is better; 0 without words).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub item_id: ItemId,
    pub score: f64,
}

/// How many matching items have one value of a field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: i64,
}

/// Counts per field over every matching item (not only the page).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facets {
    pub kind: Vec<FacetCount>,
    pub theme: Vec<FacetCount>,
    pub target_group: Vec<FacetCount>,
    /// Origin cities by actor id.
    pub city: Vec<FacetCount>,
    pub country: Vec<FacetCount>,
    pub language: Vec<FacetCount>,
    /// Audience codes (`public`, `partners`, `cities`).
    pub audience: Vec<FacetCount>,
}

/// A page of results.
#[derive(Debug, Clone)]
pub struct SearchResults {
    pub total: i64,
    pub hits: Vec<Hit>,
    pub facets: Option<Facets>,
    /// The folded query words and their stems, for highlighting.
    pub terms: Vec<String>,
    /// Whether the index is complete, or still being rebuilt.
    pub status: Status,
}
