//! Search over every item the instance holds: full text in every language version, filters,
//! facets.
//!
//! The text is folded and tokenized in Rust ([`text`]); SQLite's FTS5 and PostgreSQL's
//! `tsvector` index the same tokens. Only the full-text match and its ranking differ between the
//! two backends ([`sql`]); filters are the same SQL, and results with words are ranked and
//! counted here from one statement.

mod sql;
pub mod stopwords;
pub mod text;

use chrono::NaiveDate;
use url::Url;

use crate::{
    domain::language::LanguageTag,
    storage::{DbConn, StorageError, items::ItemId},
};

/// Largest page.
pub const MAX_PER_PAGE: u32 = 100;

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words; every one must start a word of the item (in one of its language versions).
    pub text: String,
    pub filters: Filters,
    /// Versions in the reader's language rank higher.
    pub reader_language: Option<LanguageTag>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    /// Whether to count facets (they cost a second query).
    pub facets: bool,
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
    /// Items whose period overlaps [from, to] (items without a period are left out).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
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
}

/// A page of results.
#[derive(Debug, Clone)]
pub struct SearchResults {
    pub total: i64,
    pub hits: Vec<Hit>,
    pub facets: Option<Facets>,
    /// The folded query words, for highlighting.
    pub terms: Vec<String>,
}

/// Runs a search: ranked by relevance when there are words (title over summary over body,
/// the reader's language first), newest first otherwise.
pub fn search(conn: &mut DbConn<'_>, query: &SearchQuery) -> Result<SearchResults, StorageError> {
    let terms = text::query_terms(&query.text);
    let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
    let offset = (query.page.max(1) - 1) * per_page;
    let (total, hits, facets) = if terms.is_empty() {
        sql::browse(conn, query, i64::from(per_page), i64::from(offset))?
    } else {
        sql::search_words(conn, &terms, query, per_page as usize, offset as usize)?
    };
    Ok(SearchResults {
        total,
        hits,
        facets,
        terms,
    })
}
