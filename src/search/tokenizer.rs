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

/// Registers both tokenizers with an index.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(FOLDING, FoldingTokenizer);
    manager.register(TAGGED, WhitespaceTokenizer::default());
}

/// Folded words without stopwords: the index's notion of a word.
pub fn words(text: &str) -> Vec<String> {
    tokens(text).into_iter().filter(|t| !is_stopword(t)).collect()
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
}
