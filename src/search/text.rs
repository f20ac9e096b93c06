//! Text for search: folding (case and diacritics), tokens, and highlighted snippets.
//!
//! Both databases index the tokens made here, so they match the same words the same way:
//! `Трън` and `трън`, `città` and `citta`, `ѓорѓи` and `горги` are one word to search.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::domain::sanitize::escape_text;

/// Lowercase, without diacritics: `Città` → `citta`, `Ќерка` → `керка`. Macedonian writes a `ј`
/// between `и` and a vowel where Bulgarian does not (`медијатор`, `медиатор`): it is left out,
/// so the two spellings are one word.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        // Most characters are ASCII or basic Cyrillic: folded without a table lookup.
        match c {
            // (`й` and `Й` decompose, into `и` and a breve: they take the general way.)
            'a'..='z' | '0'..='9' | 'а'..='и' | 'к'..='я' => folded.push(c),
            'A'..='Z' => folded.push(c.to_ascii_lowercase()),
            'А'..='И' | 'К'..='Я' => {
                folded.push(char::from_u32(c as u32 + 0x20).expect("Cyrillic lowercase"))
            }
            c if c.is_ascii() => folded.push(c),
            // Canonical decomposition one character at a time, marks dropped: the same as
            // decomposing the whole text (the order of dropped marks does not matter).
            c => decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    folded.extend(part.to_lowercase());
                }
            }),
        }
    }
    if !folded.contains('ј') {
        return folded;
    }
    let letters: Vec<char> = folded.chars().collect();
    let is_vowel = |c: Option<&char>| matches!(c, Some('а' | 'е' | 'о' | 'у'));
    letters
        .iter()
        .enumerate()
        .filter(|(i, c)| !(**c == 'ј' && *i > 0 && letters[i - 1] == 'и' && is_vowel(letters.get(i + 1))))
        .map(|(_, c)| *c)
        .collect()
}

/// Whether a folded character is part of a word: letters and digits. Checks ASCII and Cyrillic
/// before Unicode's tables, which are slow.
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0400}'..='\u{0481}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

/// The folded words of a text, in order: letters and digits, everything else separates.
pub fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !is_word_char(c))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Longest query, in words; more words narrow nothing useful and cost time.
pub const MAX_QUERY_TERMS: usize = 8;

/// Words shorter than this are matched whole; longer ones also as the start of a longer word.
pub const MIN_PREFIX_CHARS: usize = 3;

/// Whether a query word is searched as a prefix (long enough that its completions are few).
pub fn is_prefix_term(term: &str) -> bool {
    term.chars().count() >= MIN_PREFIX_CHARS
}

/// Words of `text` with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
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

/// How many of the terms match some word of the text.
pub fn matching_terms(text: &str, terms: &[String]) -> usize {
    let folded = tokens(text);
    terms
        .iter()
        .filter(|t| folded.iter().any(|w| term_matches(w, t)))
        .count()
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
        assert_eq!(fold("медијатори"), "медиатори");
        assert_eq!(fold("Србија и ја"), "србиа и ја");
        assert_eq!(
            tokens("Roma-Sinti, 2026: «abbandono»"),
            ["roma", "sinti", "2026", "abbandono"]
        );
    }

    /// Folding as defined: the whole text decomposed, marks dropped, lowercased.
    fn folded_by_definition(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn the_quick_ways_fold_as_the_definition_does() {
        // Every character of ASCII, Latin-1, Latin Extended-A and B, Greek and Cyrillic, alone
        // and next to each other (no `ј`, whose Macedonian rule the definition leaves out).
        let all: String = ('\u{20}'..='\u{24F}')
            .chain('\u{370}'..='\u{52F}')
            .filter(|c| *c != 'ј' && *c != 'Ј')
            .collect();
        for c in all.chars() {
            let one = c.to_string();
            assert_eq!(fold(&one), folded_by_definition(&one), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "word character or not: {c:?} U+{:04X}",
                c as u32
            );
        }
        assert_eq!(fold(&all), folded_by_definition(&all));
    }

    fn words(query: &str) -> Vec<String> {
        crate::search::query::query_words(query)
    }

    #[test]
    fn stopwords_are_left_out_and_short_words_match_whole() {
        assert_eq!(words("la scuola per i genitori"), ["scuola", "genitori"]);
        assert!(is_prefix_term("scu") && !is_prefix_term("ue"));
        assert_eq!(matching_terms("Progetto UE 2026", &words("ue")), 1);
        assert_eq!(matching_terms("Uemura", &words("ue")), 0);
    }

    #[test]
    fn snippets_mark_what_matched_and_escape_the_rest() {
        let terms = words("Abbandono scol");
        let text = "Il progetto riduce l'abbandono scolastico <a> nelle scuole di Vidin, con una scuola per genitori.";
        let html = snippet(text, &terms, 8).unwrap();
        assert!(
            html.contains("<mark>abbandono</mark> <mark>scolastico</mark>"),
            "{html}"
        );
        assert!(html.contains("&lt;a&gt;"), "{html}");
        assert!(html.ends_with('…'), "{html}");
        assert_eq!(snippet(text, &words("Трън"), 8), None);
        assert_eq!(matching_terms(text, &words("scuol vidin")), 2);
        assert_eq!(matching_terms(text, &words("scuol trn")), 1);
    }
}
