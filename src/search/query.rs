//! From what a reader typed to the terms of the index it is looked for by.
//!
//! Each word is looked for by its key ([`super::inflection`]: the word without an inflectional
//! ending) in every text field, weighted title over summary over extra over body; as the
//! beginning of longer words through the index's field of word beginnings (one term, scored by
//! BM25 like any other, a little below a whole word); spelled in the other script (weaker
//! still); and, with more weight, in the versions in the reader's language.
//!
//! Items matching most of the words come back (every word of one or two, all but one of three or
//! more; every item matching any word when that finds nothing, so a query never returns nothing
//! while a word of it matches). Items matching more words always rank above items matching
//! fewer ([`WORD_MATCHED`] per word); BM25 orders items that match as many.

use std::ops::Bound;

use tantivy::{
    Term,
    query::{BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery},
    schema::IndexRecordOption,
};

use super::{
    Filters,
    document::day_number,
    inflection::{key, other_script, stem},
    schema::Fields,
    text::{MAX_QUERY_TERMS, is_prefix_term},
    tokenizer::{whole, words},
};

/// Score added for each query word an item matches.
pub const WORD_MATCHED: f64 = 1000.0;
/// Weight of a longer word the query word begins (in any text field).
const BEGINS: f32 = 0.8;
/// Weight of the word as it was typed, over its other inflections.
const EXACT: f32 = 1.0;
/// Weight of the word spelled in the other script.
const OTHER_SCRIPT: f32 = 0.6;
/// Weight of a match in a version in the reader's language.
const READER_LANGUAGE: f32 = 3.0;

/// The query's words: folded, without stopwords, repeated words once, at most
/// [`MAX_QUERY_TERMS`].
pub fn query_words(text: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for word in words(text) {
        if !seen.contains(&word) {
            seen.push(word);
        }
    }
    seen.truncate(MAX_QUERY_TERMS);
    seen
}

/// What highlighting marks for these words: the words, their stems and their spelling in the
/// other script.
pub fn highlight_terms(words: &[String]) -> Vec<String> {
    let mut terms = words.to_vec();
    terms.extend(words.iter().filter_map(|w| stem(w)).map(str::to_string));
    terms.extend(words.iter().filter_map(|w| other_script(w)));
    terms
}

/// How many of `words` words an item must match at first: all of one or two, all but one of
/// more (every item matching any of them when that finds nothing).
pub fn most_of(words: usize) -> usize {
    if words >= 3 { words - 1 } else { words.min(1) }
}

/// One query word and the index terms it is looked for by, with their weights.
#[derive(Debug, Clone)]
pub struct WordTerms {
    /// An item holding any of these matches the word.
    pub matching: Vec<(Term, f32)>,
    /// These only add to the score of an item that matches (the reader's language).
    pub favouring: Vec<(Term, f32)>,
}

/// The terms of each query word.
pub fn word_terms(fields: &Fields, words: &[String], reader_language: Option<&str>) -> Vec<WordTerms> {
    let weighted = [
        (fields.title, 10.0),
        (fields.summary, 4.0),
        (fields.extra, 2.0),
        (fields.body, 1.0),
    ];
    words
        .iter()
        .map(|word| {
            let mut matching = Vec::new();
            let mut add = |field, text: &str, weight: f32| {
                let term = Term::from_field_text(field, text);
                if !matching.iter().any(|(t, _)| *t == term) {
                    matching.push((term, weight));
                }
            };
            let own = key(word);
            for (field, weight) in weighted {
                add(field, own, weight);
            }
            // The word and every longer word it begins, in any text field.
            if is_prefix_term(word) {
                add(fields.prefixes, word, BEGINS);
            }
            if let Some(other) = other_script(word).filter(|o| o != word) {
                let other_key = key(&other).to_string();
                for (field, weight) in weighted {
                    add(field, &other_key, weight * OTHER_SCRIPT);
                }
                if is_prefix_term(&other) {
                    add(fields.prefixes, &other, OTHER_SCRIPT);
                }
            }
            // The word itself ranks above its other inflections and the longer words it begins.
            let mut favouring = vec![(Term::from_field_text(fields.prefixes, &whole(word)), EXACT)];
            if let Some(language) = reader_language {
                let term = Term::from_field_text(fields.lang, &format!("{language}:{own}"));
                favouring.push((term, READER_LANGUAGE));
            }
            WordTerms { matching, favouring }
        })
        .collect()
}

/// One query summing the BM25 scores of every term of every word: a plain union of terms, which
/// the engine ranks with block-max WAND, skipping what cannot reach the page.
pub fn scoring(words: &[WordTerms]) -> BooleanQuery {
    let clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .flat_map(|w| w.matching.iter().chain(&w.favouring))
        .map(|(term, weight)| {
            let term = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term), *weight)) as Box<dyn Query>,
            )
        })
        .collect();
    BooleanQuery::new(clauses)
}

/// The filters that are not facets as one query, when there are any: the period (items
/// stating a period that overlaps [from, to]), the communities (items posted to any of them) and
/// whether another city adapted the item.
pub fn restrictions(fields: &Fields, filters: &Filters) -> Option<BooleanQuery> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(period) = period(fields, filters) {
        clauses.push((Occur::Must, Box::new(period)));
    }
    if filters.adapted {
        let adapted = TermQuery::new(
            Term::from_field_text(fields.adapted, "yes"),
            IndexRecordOption::Basic,
        );
        clauses.push((Occur::Must, Box::new(adapted)));
    }
    if !filters.communities.is_empty() {
        let any: Vec<(Occur, Box<dyn Query>)> = filters
            .communities
            .iter()
            .map(|c| {
                let term = TermQuery::new(
                    Term::from_field_text(fields.community, c.as_str()),
                    IndexRecordOption::Basic,
                );
                (Occur::Should, Box::new(term) as Box<dyn Query>)
            })
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    (!clauses.is_empty()).then(|| BooleanQuery::new(clauses))
}

/// The period filters as one query, when there are any: items stating a period that overlaps
/// [from, to].
fn period(fields: &Fields, filters: &Filters) -> Option<BooleanQuery> {
    if filters.from.is_none() && filters.to.is_none() {
        return None;
    }
    let stated = TermQuery::new(
        Term::from_field_text(fields.has_period, "yes"),
        IndexRecordOption::Basic,
    );
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(stated))];
    if let Some(from) = filters.from {
        let ends = RangeQuery::new(
            Bound::Included(Term::from_field_i64(fields.period_end, day_number(from))),
            Bound::Unbounded,
        );
        clauses.push((Occur::Must, Box::new(ends)));
    }
    if let Some(to) = filters.to {
        let starts = RangeQuery::new(
            Bound::Unbounded,
            Bound::Included(Term::from_field_i64(fields.period_start, day_number(to))),
        );
        clauses.push((Occur::Must, Box::new(starts)));
    }
    Some(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_are_folded_deduplicated_and_bounded() {
        assert_eq!(query_words("Città, CITTA and the città"), ["citta"]);
        assert_eq!(
            query_words("alfa bravo charlie delta echo foxtrot golf hotel india juliet").len(),
            MAX_QUERY_TERMS
        );
    }

    #[test]
    fn a_word_is_looked_for_by_its_key_its_beginning_and_its_other_spelling() {
        let (_, fields) = crate::search::schema::build();
        let terms = word_terms(&fields, &["медиатори".to_string()], Some("bg"));
        let texts: Vec<(String, String)> = terms[0]
            .matching
            .iter()
            .map(|(t, _)| {
                (
                    t.field().field_id().to_string(),
                    t.value().as_str().unwrap().to_string(),
                )
            })
            .collect();
        let title = fields.title.field_id().to_string();
        let prefixes = fields.prefixes.field_id().to_string();
        assert!(texts.contains(&(title.clone(), "медиатор".into())), "{texts:?}");
        assert!(
            texts.contains(&(prefixes.clone(), "медиатори".into())),
            "{texts:?}"
        );
        assert!(texts.contains(&(title, "mediator".into())), "{texts:?}");
        assert!(texts.contains(&(prefixes, "mediatori".into())), "{texts:?}");
        let favoured: Vec<String> = terms[0]
            .favouring
            .iter()
            .map(|(t, _)| t.value().as_str().unwrap().to_string())
            .collect();
        assert_eq!(favoured, ["медиатори$", "bg:медиатор"]);
    }
}
