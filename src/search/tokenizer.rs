//! Words as the index sees them: folded as [`super::text::fold`] folds them (case and
//! diacritics, Cyrillic and Latin alike), stopwords of the four languages left out.
//!
//! Documents are built with their words already folded and keyed (`super::document`), so the
//! index's tokenizers only split on spaces: a text is folded once, and no token is a new string.
//! Text fields hold each word's key ([`super::inflection::key`]); the field of beginnings holds
//! every beginning of every word (edge n-grams) and the word itself, marked as whole.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, WhitespaceTokenizer};

use super::{
    stopwords::is_stopword,
    text::{fold, is_word_char},
};

/// Name of the tokenizer of the text fields in the index's tokenizer manager: their text is the
/// keys of the words, separated by spaces.
pub const KEYS: &str = "praxis_keys";
/// Name of the tokenizer of the language-tagged field: its text is already `language:key`
/// words, separated by spaces.
pub const TAGGED: &str = "praxis_tagged";
/// Name of the tokenizer that indexes every beginning of every word of a text of folded words
/// separated by spaces, so that a prefix is one term of the index rather than many.
pub const PREFIXES: &str = "praxis_prefixes";
/// Shortest beginning indexed: shorter words are indexed whole.
pub const MIN_PREFIX: usize = 3;
/// Longest beginning indexed: longer words are found by their first letters and their whole.
pub const MAX_PREFIX: usize = 16;
/// Ends the whole word in the field of beginnings: `mediatori$` is the word itself, where
/// `mediatori` is any word it begins (`$` is never part of a word).
const WHOLE: char = '$';

/// Registers the tokenizers with an index.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(KEYS, WhitespaceTokenizer::default());
    manager.register(TAGGED, WhitespaceTokenizer::default());
    manager.register(PREFIXES, BeginningsTokenizer::default());
}

/// A text folded once, to be read word by word without copying.
pub struct Folded(String);

impl Folded {
    pub fn new(text: &str) -> Folded {
        Folded(fold(text))
    }

    /// The words without stopwords: the index's notion of a word.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.0
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty() && !is_stopword(w))
    }
}

/// Folded words without stopwords, as owned strings (for queries).
pub fn words(text: &str) -> Vec<String> {
    Folded::new(text).words().map(str::to_string).collect()
}

/// The byte lengths of a word's beginnings, from [`MIN_PREFIX`] letters to [`MAX_PREFIX`], then
/// of the whole word when it is shorter than [`MIN_PREFIX`] or longer than [`MAX_PREFIX`].
fn beginnings(word: &str) -> impl Iterator<Item = usize> + '_ {
    let letters = word.chars().count();
    let ends = word
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .enumerate()
        .filter(|(n, _)| (MIN_PREFIX - 1..MAX_PREFIX).contains(n))
        .map(|(_, end)| end);
    let whole = (!(MIN_PREFIX..=MAX_PREFIX).contains(&letters)).then_some(word.len());
    ends.chain(whole)
}

/// The term of the field of beginnings that holds `word` only as a whole word.
pub fn whole(word: &str) -> String {
    let mut whole = String::with_capacity(word.len() + 1);
    whole.push_str(word);
    whole.push(WHOLE);
    whole
}

/// Every beginning of every space-separated word, then the word marked as whole.
#[derive(Clone, Default)]
pub struct BeginningsTokenizer {
    token: Token,
}

pub struct BeginningsStream<'a> {
    words: std::str::SplitAsciiWhitespace<'a>,
    /// The word in hand and the ends of its beginnings still to give.
    word: &'a str,
    ends: Vec<usize>,
    next: usize,
    token: &'a mut Token,
}

impl Tokenizer for BeginningsTokenizer {
    type TokenStream<'a> = BeginningsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BeginningsStream<'a> {
        self.token.reset();
        BeginningsStream {
            words: text.split_ascii_whitespace(),
            word: "",
            ends: Vec::new(),
            next: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for BeginningsStream<'_> {
    fn advance(&mut self) -> bool {
        // Each word gives its beginnings, then itself marked whole (`ends.len()` stands for it).
        while self.next > self.ends.len() || self.word.is_empty() {
            let Some(word) = self.words.next() else {
                return false;
            };
            self.word = word;
            self.ends.clear();
            self.ends.extend(beginnings(word));
            self.next = 0;
        }
        self.token.text.clear();
        match self.ends.get(self.next) {
            Some(end) => self.token.text.push_str(&self.word[..*end]),
            None => {
                self.token.text.push_str(self.word);
                self.token.text.push(WHOLE);
            }
        }
        self.next += 1;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut tokenizer = BeginningsTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push(stream.token().text.clone());
        }
        seen
    }

    #[test]
    fn words_are_folded_and_stopwords_left_out() {
        assert_eq!(
            words("Città di Трън и Ѓорче: the MEDIATORI"),
            ["citta", "трън", "горче", "mediatori"]
        );
    }

    #[test]
    fn every_beginning_of_a_word_is_indexed_and_the_word_marked_whole() {
        assert_eq!(
            tokens("mediatori rom ue"),
            [
                "med",
                "medi",
                "media",
                "mediat",
                "mediato",
                "mediator",
                "mediatori",
                "mediatori$",
                "rom",
                "rom$",
                "ue",
                "ue$"
            ]
        );
        let long = "antidiskriminatsionni";
        let found = tokens(long);
        assert_eq!(found.len(), MAX_PREFIX - MIN_PREFIX + 3);
        assert_eq!(found[found.len() - 2], long);
        assert_eq!(found[found.len() - 1], whole(long));
        assert_eq!(tokens("медиатор").first().map(String::as_str), Some("мед"));
    }
}
