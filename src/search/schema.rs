//! The fields of the search index: one document per item.
//!
//! Text fields hold the keys of the folded words of every language version (the tokenizer of
//! [`super::tokenizer`]); `lang` holds the same keys tagged with their language (`it:lum`), so a
//! query can favour versions in the reader's language. Facets and filters are fast fields:
//! codes as strings, dates as numbers.

use tantivy::schema::{FAST, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions};

use super::tokenizer::{KEYS, PREFIXES, TAGGED};

/// Version of the document layout; an index written by another version is rebuilt at start.
pub const INDEX_VERSION: u32 = 6;

/// The field handles, by meaning.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub item_id: tantivy::schema::Field,
    pub title: tantivy::schema::Field,
    pub summary: tantivy::schema::Field,
    pub body: tantivy::schema::Field,
    /// Tags, place, the kind's texts and lists, and the labels of the item's codes and city.
    pub extra: tantivy::schema::Field,
    /// `language:key` for the words of title, summary and body.
    pub lang: tantivy::schema::Field,
    /// Every beginning of every distinct word of the text fields: a prefix is one term here
    /// (its frequency is the number of distinct words of the item it begins).
    pub prefixes: tantivy::schema::Field,
    pub kind: tantivy::schema::Field,
    pub theme: tantivy::schema::Field,
    pub target_group: tantivy::schema::Field,
    /// The origin city's actor id.
    pub city: tantivy::schema::Field,
    pub country: tantivy::schema::Field,
    pub language: tantivy::schema::Field,
    /// The audience code: strangers' searches are limited to `public`.
    pub audience: tantivy::schema::Field,
    /// Milliseconds since the epoch.
    pub published: tantivy::schema::Field,
    /// When the item last changed, milliseconds since the epoch.
    pub updated: tantivy::schema::Field,
    /// Days since the epoch; `i64::MIN` / `i64::MAX` for an open start or end.
    pub period_start: tantivy::schema::Field,
    pub period_end: tantivy::schema::Field,
    /// `yes` when the item states a period.
    pub has_period: tantivy::schema::Field,
    /// The actor id of the community the item is posted to.
    pub community: tantivy::schema::Field,
    /// `yes` when another city adapted the item.
    pub adapted: tantivy::schema::Field,
}

/// Names of the fast fields, as collectors ask for them.
pub mod names {
    pub const ITEM_ID: &str = "item_id";
    pub const PUBLISHED: &str = "published";
    pub const UPDATED: &str = "updated";
    pub const KIND: &str = "kind";
    pub const THEME: &str = "theme";
    pub const TARGET_GROUP: &str = "target_group";
    pub const CITY: &str = "city";
    pub const COUNTRY: &str = "country";
    pub const LANGUAGE: &str = "language";
    pub const AUDIENCE: &str = "audience";
}

/// The schema, and its fields.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |tokenizer: &str| {
        // Frequencies for BM25; no positions, as no query needs phrases.
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let code = STRING | FAST;
    let fields = Fields {
        item_id: builder.add_u64_field(names::ITEM_ID, INDEXED | FAST),
        title: builder.add_text_field("title", text(KEYS)),
        summary: builder.add_text_field("summary", text(KEYS)),
        body: builder.add_text_field("body", text(KEYS)),
        extra: builder.add_text_field("extra", text(KEYS)),
        lang: builder.add_text_field("lang", text(TAGGED)),
        prefixes: builder.add_text_field("prefixes", text(PREFIXES)),
        kind: builder.add_text_field(names::KIND, code.clone()),
        theme: builder.add_text_field(names::THEME, code.clone()),
        target_group: builder.add_text_field(names::TARGET_GROUP, code.clone()),
        city: builder.add_text_field(names::CITY, code.clone()),
        country: builder.add_text_field(names::COUNTRY, code.clone()),
        language: builder.add_text_field(names::LANGUAGE, code.clone()),
        audience: builder.add_text_field(names::AUDIENCE, code),
        published: builder.add_i64_field(names::PUBLISHED, FAST),
        updated: builder.add_i64_field(names::UPDATED, FAST),
        period_start: builder.add_i64_field("period_start", INDEXED | FAST),
        period_end: builder.add_i64_field("period_end", INDEXED | FAST),
        has_period: builder.add_text_field("has_period", STRING),
        community: builder.add_text_field("community", STRING),
        adapted: builder.add_text_field("adapted", STRING),
    };
    (builder.build(), fields)
}
