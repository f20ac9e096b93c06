//! From what a reader typed to an index query.
//!
//! Each word is looked for whole in every text field (title over summary over extra over body),
//! and as the beginning of longer words through the index's field of word beginnings (one term,
//! scored by BM25 like any other, a little below a whole word). A word with a common ending of the
//! four languages is also looked for in its other inflections (its stem followed by any of those
//! endings), with a lower weight, so that `медиатори` finds `медиатор` and `медиаторите`,
//! `училищни` finds `училище`, and `mediatori culturali` finds `mediatore culturale`, while
//! `заедно` does not find `заедница`: a light stemmer of inflections, not of derivations. Words
//! are also looked for in the other script (weaker still): Bulgarian and Macedonian words spelled
//! in Latin letters, Latin words in Cyrillic, so that `медиатори` finds the Italian `mediatori`.
//!
//! Items matching most of the words come back (every word of one or two, all but one of three or
//! more; every item matching any word when that finds nothing, so a query never returns nothing
//! while a word of it matches). Each word an item matches adds [`WORD_MATCHED`] to its score, so
//! items matching more words always rank above items matching fewer, and BM25 orders items that
//! match as many. Versions in the reader's language add their own score.

use std::ops::Bound;

use tantivy::{
    Term,
    query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery},
    schema::{Field, IndexRecordOption},
};

use super::{
    Filters, SearchQuery,
    document::day_number,
    schema::Fields,
    text::{MAX_QUERY_TERMS, is_prefix_term},
    tokenizer::words,
};

/// Score added for each query word an item matches.
const WORD_MATCHED: f32 = 1000.0;
/// Weight of a longer word the query word begins (in any text field).
const BEGINS: f32 = 0.8;
/// Weight of another inflection of a word.
const STEM: f32 = 0.5;
/// Shortest stem: shorter ones would match unrelated words.
const MIN_STEM: usize = 4;
/// Inflectional endings (folded) of Bulgarian, Macedonian, Italian and English: plural, gender,
/// the definite article, adjective forms. Longest first, so the longest ending is taken off.
const ENDINGS: [&str; 26] = [
    "ите", "ата", "ото", "ове", "ови", "ия", "ът", "та", "то", "те", "ни", "на", "но", "ен", "и", "а", "о",
    "е", "у", "я", "es", "i", "e", "o", "a", "s",
];
/// Weight of the word spelled in the other script.
const OTHER_SCRIPT: f32 = 0.6;
/// Weight of a match in a version in the reader's language.
const READER_LANGUAGE: f32 = 3.0;

/// The word in the other script: Cyrillic to Latin (the Bulgarian and Macedonian
/// romanizations), Latin to Cyrillic (letter by letter); `None` for mixed or other scripts.
pub fn other_script(word: &str) -> Option<String> {
    let cyrillic = word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let latin = word.chars().any(|c| c.is_ascii_alphabetic());
    match (cyrillic, latin) {
        (true, false) => respelled(word, latin_for),
        (false, true) => respelled(word, cyrillic_for),
        _ => None,
    }
}

/// The word letter by letter through `table`, digits as they are; `None` when a letter has no
/// spelling there.
fn respelled(word: &str, table: fn(char) -> Option<&'static str>) -> Option<String> {
    let mut spelled = String::with_capacity(word.len() * 2);
    for c in word.chars() {
        if c.is_ascii_digit() {
            spelled.push(c);
        } else {
            spelled.push_str(table(c)?);
        }
    }
    Some(spelled)
}

/// A folded Cyrillic letter in Latin letters.
fn latin_for(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'џ' => "dzh",
        'ш' => "sh",
        'щ' => "sht",
        'ъ' => "a",
        'ь' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ѕ' => "dz",
        _ => return None,
    })
}

/// A Latin letter in Cyrillic.
fn cyrillic_for(c: char) -> Option<&'static str> {
    Some(match c {
        'a' => "а",
        'b' => "б",
        'c' => "к",
        'd' => "д",
        'e' => "е",
        'f' => "ф",
        'g' => "г",
        'h' => "х",
        'i' => "и",
        'j' => "й",
        'k' => "к",
        'l' => "л",
        'm' => "м",
        'n' => "н",
        'o' => "о",
        'p' => "п",
        'q' => "к",
        'r' => "р",
        's' => "с",
        't' => "т",
        'u' => "у",
        'v' => "в",
        'w' => "в",
        'x' => "кс",
        'y' => "и",
        'z' => "з",
        _ => return None,
    })
}

/// A word without its inflectional ending, when it has one and enough is left.
pub fn stem(word: &str) -> Option<String> {
    let ending = ENDINGS.iter().find(|e| word.ends_with(*e))?;
    let stem = &word[..word.len() - ending.len()];
    (stem.chars().count() >= MIN_STEM).then(|| stem.to_string())
}

/// Whether `rest` is nothing or an inflectional ending.
#[cfg(test)]
fn is_ending(rest: &str) -> bool {
    rest.is_empty() || ENDINGS.contains(&rest)
}

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
    terms.extend(words.iter().filter_map(|w| stem(w)));
    terms.extend(words.iter().filter_map(|w| other_script(w)));
    terms
}

/// How many of `words` words an item must match at first: all of one or two, all but one of
/// more ([`build`] is asked again with 1 when that finds nothing).
pub fn most_of(words: usize) -> usize {
    if words >= 3 { words - 1 } else { words.min(1) }
}

/// Builds the index query of a search, matching items with at least `at_least` of its words.
pub fn build(fields: &Fields, query: &SearchQuery, at_least: usize) -> Box<dyn Query> {
    let words = query_words(&query.text);
    let filters = filters(fields, &query.filters);
    if words.is_empty() {
        return match filters.is_empty() {
            true => Box::new(AllQuery),
            false => Box::new(BooleanQuery::new(filters)),
        };
    }
    let reader = query.reader_language.as_ref().map(|l| l.primary().to_string());
    let weighted = [
        (fields.title, 10.0),
        (fields.summary, 4.0),
        (fields.extra, 2.0),
        (fields.body, 1.0),
    ];
    let mut per_word: Vec<Box<dyn Query>> = Vec::new();
    for word in &words {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut add = |field, term: &str, weight| clauses.push((Occur::Should, scored(field, term, weight)));
        for (field, weight) in weighted {
            add(field, word, weight);
        }
        // The word and every longer word it begins, in any text field.
        if is_prefix_term(word) {
            add(fields.prefixes, word, BEGINS);
        }
        // Other inflections, as whole words (as beginnings they would find derivations).
        if let Some(stem) = stem(word) {
            for ending in std::iter::once("").chain(ENDINGS) {
                let form = format!("{stem}{ending}");
                if form != *word {
                    for (field, weight) in weighted {
                        add(field, &form, weight * STEM);
                    }
                }
            }
        }
        if let Some(other) = other_script(word).filter(|o| o != word) {
            let field = if is_prefix_term(&other) {
                fields.prefixes
            } else {
                fields.extra
            };
            add(field, &other, OTHER_SCRIPT);
            for (field, weight) in weighted {
                add(field, &other, weight * OTHER_SCRIPT);
            }
        }
        if let Some(language) = &reader {
            add(fields.lang, &format!("{language}:{word}"), READER_LANGUAGE);
        }
        if words.len() > 1 {
            // Matching the word (or a longer one it begins) at all counts more than any BM25: a
            // constant over that one term rather than over the whole clause, which would read
            // every list of the clause a second time.
            let matched = TermQuery::new(
                Term::from_field_text(fields.prefixes, word),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(matched), WORD_MATCHED)),
            ));
        }
        per_word.push(Box::new(BooleanQuery::new(clauses)));
    }
    let matched: Box<dyn Query> = if per_word.len() == 1 {
        per_word.pop().expect("one word")
    } else {
        let clauses: Vec<(Occur, Box<dyn Query>)> =
            per_word.into_iter().map(|word| (Occur::Should, word)).collect();
        let at_least = at_least.clamp(1, clauses.len());
        Box::new(BooleanQuery::with_minimum_required_clauses(clauses, at_least))
    };
    if filters.is_empty() {
        return matched;
    }
    let mut clauses = vec![(Occur::Must, matched)];
    clauses.extend(filters);
    Box::new(BooleanQuery::new(clauses))
}

fn scored(field: Field, term: &str, weight: f32) -> Box<dyn Query> {
    let query = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::WithFreqs);
    Box::new(BoostQuery::new(Box::new(query), weight))
}

/// The filters as clauses that select without scoring.
fn filters(fields: &Fields, filters: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let cities: Vec<String> = filters.cities.iter().map(ToString::to_string).collect();
    for (field, values) in [
        (fields.kind, &filters.kinds),
        (fields.theme, &filters.themes),
        (fields.target_group, &filters.target_groups),
        (fields.city, &cities),
        (fields.country, &filters.countries),
        (fields.language, &filters.languages),
    ] {
        if values.is_empty() {
            continue;
        }
        let any: Vec<(Occur, Box<dyn Query>)> = values
            .iter()
            .map(|v| {
                let term = TermQuery::new(Term::from_field_text(field, v), IndexRecordOption::Basic);
                (Occur::Should, Box::new(term) as Box<dyn Query>)
            })
            .collect();
        clauses.push((Occur::Must, unscored(Box::new(BooleanQuery::new(any)))));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let stated = TermQuery::new(
            Term::from_field_text(fields.has_period, "yes"),
            IndexRecordOption::Basic,
        );
        clauses.push((Occur::Must, unscored(Box::new(stated))));
    }
    if let Some(from) = filters.from {
        let ends = RangeQuery::new(
            Bound::Included(Term::from_field_i64(fields.period_end, day_number(from))),
            Bound::Unbounded,
        );
        clauses.push((Occur::Must, unscored(Box::new(ends))));
    }
    if let Some(to) = filters.to {
        let starts = RangeQuery::new(
            Bound::Unbounded,
            Bound::Included(Term::from_field_i64(fields.period_start, day_number(to))),
        );
        clauses.push((Occur::Must, unscored(Box::new(starts))));
    }
    clauses
}

fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_also_searched_in_their_other_inflections() {
        assert_eq!(stem("медиатори").as_deref(), Some("медиатор"));
        assert_eq!(stem("училищни").as_deref(), Some("училищ"));
        assert_eq!(stem("заедно").as_deref(), Some("заед"));
        assert_eq!(stem("mediatori").as_deref(), Some("mediator"));
        assert_eq!(stem("culturali").as_deref(), Some("cultural"));
        assert_eq!(stem("houses").as_deref(), Some("hous"));
        assert_eq!(stem("rom"), None);
        assert_eq!(stem("casa"), None);
        assert!(is_ending("ите") && is_ending("") && is_ending("e"));
        assert!(!is_ending("ница"), "заедница is not an inflection of заедно");
    }

    #[test]
    fn words_are_spelled_in_the_other_script() {
        assert_eq!(other_script("медиатори").as_deref(), Some("mediatori"));
        assert_eq!(other_script("mediatori").as_deref(), Some("медиатори"));
        assert_eq!(other_script("училищни").as_deref(), Some("uchilishtni"));
        assert_eq!(other_script("m4r").as_deref(), Some("м4р"));
        assert_eq!(other_script("mixedсмесено"), None);
        assert_eq!(other_script("2026"), None);
    }

    #[test]
    fn query_words_are_folded_deduplicated_and_bounded() {
        assert_eq!(query_words("Città, CITTA and the città"), ["citta"]);
        assert_eq!(
            query_words("alfa bravo charlie delta echo foxtrot golf hotel india juliet").len(),
            MAX_QUERY_TERMS
        );
    }
}
