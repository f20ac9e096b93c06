//! The index document of an item: what a search can find it by, and its facet values.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use tantivy::TantivyDocument;

use super::{inflection::key, schema::Fields, tokenizer::Folded};
use crate::{
    domain::{
        city::City,
        item::{FieldValue, ItemContent},
        sanitize::words_of_clean_html,
    },
    storage::items::ItemId,
};

/// A controlled vocabulary whose codes have labels in the interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Kind,
    Theme,
    TargetGroup,
    Country,
}

/// The labels of codes in every interface language, so that the words people see on cards and
/// filters ("жилищно настаняване", "Housing") find the items that carry the code.
pub trait Labels: Send + Sync {
    fn labels(&self, vocabulary: Vocabulary, code: &str) -> Vec<String>;
}

/// No labels: codes are found by their code only (tests of the engine alone).
pub struct NoLabels;

impl Labels for NoLabels {
    fn labels(&self, _: Vocabulary, _: &str) -> Vec<String> {
        Vec::new()
    }
}

/// What the index needs of an item.
pub struct ItemToIndex<'a> {
    pub id: ItemId,
    pub content: &'a ItemContent,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// Whether another city adapted it.
    pub adapted: bool,
    /// The origin city: its id for the facet, its names to be found by.
    pub city: &'a City,
}

fn days(date: NaiveDate) -> i64 {
    (date - NaiveDate::default()).num_days()
}

/// Builds the document.
pub fn build(fields: &Fields, item: &ItemToIndex<'_>, labels: &dyn Labels) -> TantivyDocument {
    let content = item.content;
    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.item_id, item.id.0 as u64);
    // Each text folded once; the fields get the keys of its words, separated by spaces.
    let versions: Vec<(&str, [Folded; 3])> = content
        .title
        .iter()
        .map(|(language, title)| {
            let summary = content.summary.get(language).unwrap_or_default();
            let body = words_of_clean_html(content.body.get(language).unwrap_or_default());
            (
                language.primary(),
                [Folded::new(title), Folded::new(summary), Folded::new(&body)],
            )
        })
        .collect();
    let extra = Folded::new(&extra_text(item, labels));
    // Every distinct word, for the field of beginnings; every distinct key of each language,
    // for favouring the reader's (how often does not matter there: the text fields count it).
    let mut distinct: HashSet<&str> = HashSet::new();
    let mut tagged: HashSet<(&str, &str)> = HashSet::new();
    for (language, texts) in &versions {
        for (field, text) in [fields.title, fields.summary, fields.body].into_iter().zip(texts) {
            doc.add_text(
                field,
                keys_of(text, |word| {
                    distinct.insert(word);
                    tagged.insert((language, key(word)));
                }),
            );
        }
    }
    doc.add_text(
        fields.extra,
        keys_of(&extra, |word| {
            distinct.insert(word);
        }),
    );
    let mut lang = String::new();
    for (language, key) in tagged {
        lang.push_str(language);
        lang.push(':');
        lang.push_str(key);
        lang.push(' ');
    }
    doc.add_text(fields.lang, lang);
    // Each distinct word once: a long body repeats its words, and their beginnings are most of
    // what the index writes.
    let mut words = String::new();
    for word in distinct {
        words.push_str(word);
        words.push(' ');
    }
    doc.add_text(fields.prefixes, words);

    doc.add_text(fields.kind, content.kind.code());
    doc.add_text(fields.audience, content.audience.code());
    for theme in &content.themes {
        doc.add_text(fields.theme, theme);
    }
    for group in &content.target_groups {
        doc.add_text(fields.target_group, group);
    }
    doc.add_text(fields.city, item.city.ap_id.as_str());
    if let Some(community) = &content.community {
        doc.add_text(fields.community, community.as_str());
    }
    if let Some(country) = &content.country {
        doc.add_text(fields.country, country);
    }
    for language in content.title.languages() {
        doc.add_text(fields.language, language.as_str());
    }
    doc.add_i64(fields.published, item.published.timestamp_millis());
    doc.add_i64(fields.updated, item.updated.timestamp_millis());
    if item.adapted {
        doc.add_text(fields.adapted, "yes");
    }
    let period = &content.period;
    if period.start.is_some() || period.end.is_some() {
        doc.add_text(fields.has_period, "yes");
    }
    doc.add_i64(fields.period_start, period.start.map_or(i64::MIN, days));
    doc.add_i64(fields.period_end, period.end.map_or(i64::MAX, days));
    doc
}

/// The keys of a text's words separated by spaces, handing each word to `each` on the way.
fn keys_of<'a>(text: &'a Folded, mut each: impl FnMut(&'a str)) -> String {
    let mut keys = String::new();
    for word in text.words() {
        each(word);
        keys.push_str(key(word));
        keys.push(' ');
    }
    keys
}

/// What else an item is found by: tags, place, the kind's texts and lists, the labels of its
/// codes in every interface language, its city's names.
fn extra_text(item: &ItemToIndex<'_>, labels: &dyn Labels) -> String {
    let content = item.content;
    let mut extra: Vec<String> = content.tags.clone();
    extra.extend(content.place.clone());
    for value in content.details.0.values() {
        match value {
            FieldValue::Text(map) => extra.extend(map.iter().map(|(_, t)| t.to_string())),
            FieldValue::Line(line) => extra.push(line.clone()),
            FieldValue::Lines(lines) => extra.extend(lines.iter().cloned()),
            _ => {}
        }
    }
    extra.extend(labels.labels(Vocabulary::Kind, content.kind.code()));
    for theme in &content.themes {
        extra.extend(labels.labels(Vocabulary::Theme, theme));
    }
    for group in &content.target_groups {
        extra.extend(labels.labels(Vocabulary::TargetGroup, group));
    }
    if let Some(country) = &content.country {
        extra.extend(labels.labels(Vocabulary::Country, country));
    }
    extra.push(item.city.name.clone());
    extra.extend(item.city.names.values().cloned());
    extra.join(" \n ")
}

/// The day number [`build`] stores for a date, for range filters.
pub fn day_number(date: NaiveDate) -> i64 {
    days(date)
}
