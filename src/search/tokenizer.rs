//! The tokenizers the index and the queries share: words folded as [`super::text::tokens`]
//! folds them (case and diacritics, Cyrillic and Latin alike), stopwords of the four languages
//! left out.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, WhitespaceTokenizer};

use super::{stopwords::is_stopword, text::tokens};

/// Name of the folding tokenizer in the index's tokenizer manager.
pub const FOLDING: &str = "praxis_folding";
/// Name of the tokenizer of the language-tagged field: its text is already `language:word`
/// words, separated by spaces.
pub const TAGGED: &str = "praxis_tagged";
/// Name of the tokenizer that indexes every beginning of every word (edge n-grams), so that a
/// prefix is one term of the index rather than many.
pub const PREFIXES: &str = "praxis_prefixes";
/// Shortest beginning indexed: shorter words are indexed whole.
pub const MIN_PREFIX: usize = 3;
/// Longest beginning indexed: longer words are found by their first letters and their whole.
pub const MAX_PREFIX: usize = 16;

/// Registers both tokenizers with an index.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(FOLDING, FoldingTokenizer);
    manager.register(TAGGED, WhitespaceTokenizer::default());
    manager.register(PREFIXES, PrefixTokenizer);
}

/// Folded words without stopwords: the index's notion of a word.
pub fn words(text: &str) -> Vec<String> {
    tokens(text).into_iter().filter(|t| !is_stopword(t)).collect()
}

/// A word's beginnings, from [`MIN_PREFIX`] letters to [`MAX_PREFIX`], and the word itself.
pub fn beginnings(word: &str) -> Vec<String> {
    // The byte offset after each letter: the beginnings are slices of the word.
    let ends: Vec<usize> = word
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(MAX_PREFIX)
        .collect();
    if ends.len() <= MIN_PREFIX {
        return vec![word.to_string()];
    }
    let mut found: Vec<String> = ends[MIN_PREFIX - 1..]
        .iter()
        .map(|end| word[..*end].to_string())
        .collect();
    if ends.last().is_some_and(|end| *end < word.len()) {
        found.push(word.to_string());
    }
    found
}

#[derive(Clone, Copy)]
pub struct PrefixTokenizer;

impl Tokenizer for PrefixTokenizer {
    type TokenStream<'a> = FoldingStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldingStream {
        let all: Vec<String> = words(text).iter().flat_map(|w| beginnings(w)).collect();
        FoldingStream {
            words: all.into_iter(),
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

#[derive(Clone, Copy)]
pub struct FoldingTokenizer;

pub struct FoldingStream {
    words: std::vec::IntoIter<String>,
    token: Token,
}

impl Tokenizer for FoldingTokenizer {
    type TokenStream<'a> = FoldingStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldingStream {
        FoldingStream {
            words: words(text).into_iter(),
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl TokenStream for FoldingStream {
    fn advance(&mut self) -> bool {
        match self.words.next() {
            Some(word) => {
                // Offsets are not used (snippets are made from the stored item, not the index).
                self.token.position = self.token.position.wrapping_add(1);
                self.token.text = word;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_stopwords_left_out() {
        let mut tokenizer = FoldingTokenizer;
        let mut stream = tokenizer.token_stream("Città di Трън и Ѓорче: the MEDIATORI");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push(stream.token().text.clone());
        }
        assert_eq!(seen, ["citta", "трън", "горче", "mediatori"]);
    }

    #[test]
    fn every_beginning_of_a_word_is_indexed() {
        assert_eq!(
            beginnings("mediatori"),
            [
                "med",
                "medi",
                "media",
                "mediat",
                "mediato",
                "mediator",
                "mediatori"
            ]
        );
        assert_eq!(beginnings("rom"), ["rom"]);
        assert_eq!(beginnings("ue"), ["ue"]);
        let long = "antidiskriminatsionni";
        let found = beginnings(long);
        assert_eq!(found.len(), MAX_PREFIX - MIN_PREFIX + 2);
        assert_eq!(found.last().map(String::as_str), Some(long));
    }
}
