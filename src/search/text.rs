//! Text for search: folding (case and diacritics), tokens, and highlighted snippets.
//!
//! Both databases index the tokens made here, so they match the same words the same way:
//! `Трън` and `трън`, `città` and `citta`, `ѓорѓи` and `горги` are one word to search.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

use super::stopwords::is_stopword;
use crate::domain::sanitize::escape_text;

/// Lowercase, without diacritics: `Città` → `citta`, `Ќерка` → `керка`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded words of a text, in order: letters and digits, everything else separates.
pub fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The folded words of a text joined by spaces, stopwords left out: what is stored in the index.
pub fn indexable(text: &str) -> String {
    tokens(text)
        .into_iter()
        .filter(|t| !is_stopword(t))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest query, in words; more words narrow nothing useful and cost time.
pub const MAX_QUERY_TERMS: usize = 8;

/// Words shorter than this are matched whole; longer ones also as the start of a longer word.
pub const MIN_PREFIX_CHARS: usize = 3;

/// The words of a query, folded, without stopwords, at most [`MAX_QUERY_TERMS`].
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = tokens(query).into_iter().filter(|t| !is_stopword(t)).collect();
    terms.dedup();
    terms.truncate(MAX_QUERY_TERMS);
    terms
}

/// Whether a query word is searched as a prefix (long enough that its completions are few).
pub fn is_prefix_term(term: &str) -> bool {
    term.chars().count() >= MIN_PREFIX_CHARS
}

/// Words of `text` with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    words
}

/// Whether a folded word is what the query term asks for.
fn term_matches(folded: &str, term: &str) -> bool {
    if is_prefix_term(term) {
        folded.starts_with(term)
    } else {
        folded == term
    }
}

fn matches(word: &str, terms: &[String]) -> bool {
    let folded = fold(word);
    terms.iter().any(|t| term_matches(&folded, t))
}

/// Whether every term matches some word of the text.
pub fn contains_all(text: &str, terms: &[String]) -> bool {
    let folded = tokens(text);
    terms.iter().all(|t| folded.iter().any(|w| term_matches(w, t)))
}

/// The whole text as HTML with every matching word in `<mark>`.
pub fn highlight(text: &str, terms: &[String]) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (start, end) in words(text) {
        let word = &text[start..end];
        if matches(word, terms) {
            html.push_str(&escape_text(&text[last..start]));
            html.push_str("<mark>");
            html.push_str(&escape_text(word));
            html.push_str("</mark>");
            last = end;
        }
    }
    html.push_str(&escape_text(&text[last..]));
    html
}

/// About `max_words` words of `text` around its first match, as HTML with matches in `<mark>`
/// and `…` where it was cut; `None` when nothing matches.
pub fn snippet(text: &str, terms: &[String], max_words: usize) -> Option<String> {
    let words = words(text);
    let first = words.iter().position(|(s, e)| matches(&text[*s..*e], terms))?;
    let start_word = first.saturating_sub(max_words / 3);
    let end_word = (start_word + max_words).min(words.len());
    let from = if start_word == 0 { 0 } else { words[start_word].0 };
    let to = if end_word == words.len() {
        text.len()
    } else {
        words[end_word - 1].1
    };
    let mut html = String::new();
    if from > 0 {
        html.push('…');
    }
    html.push_str(&highlight(&text[from..to], terms));
    if to < text.len() {
        html.push('…');
    }
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_diacritics_are_folded_in_every_script() {
        assert_eq!(fold("Città di CAMPOBASSO"), "citta di campobasso");
        assert_eq!(fold("Ѓорѓи и Ќерка"), "горги и керка");
        assert_eq!(fold("Трън"), "трън");
        assert_eq!(fold("Йордан"), "иордан");
        assert_eq!(
            tokens("Roma-Sinti, 2026: «abbandono»"),
            ["roma", "sinti", "2026", "abbandono"]
        );
    }

    #[test]
    fn stopwords_are_left_out_and_short_words_match_whole() {
        assert_eq!(indexable("Училище за родители и деца"), "училище родители деца");
        assert_eq!(query_terms("la scuola per i genitori"), ["scuola", "genitori"]);
        assert!(is_prefix_term("scu") && !is_prefix_term("ue"));
        assert!(contains_all("Progetto UE 2026", &query_terms("ue")));
        assert!(!contains_all("Uemura", &query_terms("ue")));
    }

    #[test]
    fn snippets_mark_what_matched_and_escape_the_rest() {
        let terms = query_terms("Abbandono scol");
        let text = "Il progetto riduce l'abbandono scolastico <a> nelle scuole di Vidin, con una scuola per genitori.";
        let html = snippet(text, &terms, 8).unwrap();
        assert!(
            html.contains("<mark>abbandono</mark> <mark>scolastico</mark>"),
            "{html}"
        );
        assert!(html.contains("&lt;a&gt;"), "{html}");
        assert!(html.ends_with('…'), "{html}");
        assert_eq!(snippet(text, &query_terms("Трън"), 8), None);
        assert!(contains_all(text, &query_terms("scuol vidin")));
        assert!(!contains_all(text, &query_terms("scuol trn")));
    }
}
