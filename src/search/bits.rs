//! Sets of a segment's documents as bits, one per document: what matches a word, a filter, a
//! facet value. Counting and combining them is a pass over machine words, whatever the number
//! of documents in them, which is what keeps exact totals and facets fast when a search matches
//! a large part of the network.

use tantivy::{DocId, postings::BlockSegmentPostings};

/// A set of the documents `0..max_doc` of one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocBits {
    words: Vec<u64>,
    max_doc: DocId,
}

impl DocBits {
    /// No document.
    pub fn empty(max_doc: DocId) -> DocBits {
        DocBits {
            words: vec![0; (max_doc as usize).div_ceil(64)],
            max_doc,
        }
    }

    /// Every document.
    pub fn full(max_doc: DocId) -> DocBits {
        let mut bits = DocBits {
            words: vec![u64::MAX; (max_doc as usize).div_ceil(64)],
            max_doc,
        };
        let rest = max_doc % 64;
        if let (Some(last), true) = (bits.words.last_mut(), rest != 0) {
            *last = (1u64 << rest) - 1;
        }
        bits
    }

    /// The documents of a posting list (all of it, deleted documents included).
    pub fn from_postings(max_doc: DocId, postings: BlockSegmentPostings) -> DocBits {
        let mut bits = DocBits::empty(max_doc);
        bits.insert_postings(postings);
        bits
    }

    pub fn max_doc(&self) -> DocId {
        self.max_doc
    }

    pub fn insert(&mut self, doc: DocId) {
        self.words[(doc / 64) as usize] |= 1u64 << (doc % 64);
    }

    /// Adds every document of a posting list.
    pub fn insert_postings(&mut self, mut postings: BlockSegmentPostings) {
        loop {
            let docs = postings.docs();
            if docs.is_empty() {
                return;
            }
            for doc in docs {
                self.insert(*doc);
            }
            postings.advance();
        }
    }

    pub fn insert_all(&mut self, docs: &[DocId]) {
        for doc in docs {
            self.insert(*doc);
        }
    }

    pub fn contains(&self, doc: DocId) -> bool {
        self.words
            .get((doc / 64) as usize)
            .is_some_and(|w| w & (1u64 << (doc % 64)) != 0)
    }

    /// Number of documents in the set.
    pub fn len(&self) -> u64 {
        self.words.iter().map(|w| u64::from(w.count_ones())).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// Keeps the documents also in `other`.
    pub fn intersect_with(&mut self, other: &DocBits) {
        for (mine, theirs) in self.words.iter_mut().zip(&other.words) {
            *mine &= theirs;
        }
    }

    /// Adds the documents of `other`.
    pub fn union_with(&mut self, other: &DocBits) {
        for (mine, theirs) in self.words.iter_mut().zip(&other.words) {
            *mine |= theirs;
        }
    }

    /// Removes the documents of `other`.
    pub fn remove_all(&mut self, other: &DocBits) {
        for (mine, theirs) in self.words.iter_mut().zip(&other.words) {
            *mine &= !theirs;
        }
    }

    /// Number of documents in both sets.
    pub fn count_common(&self, other: &DocBits) -> u64 {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| u64::from((a & b).count_ones()))
            .sum()
    }

    /// The documents, in order.
    pub fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.words.iter().enumerate().flat_map(|(n, word)| {
            let base = n as DocId * 64;
            let mut rest = *word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some(base + bit)
            })
        })
    }

    /// For each of `sets`, the documents found in at least 1, 2, ... `sets.len()` of them:
    /// `result[k - 1]` holds those in `k` or more.
    pub fn at_least(sets: &[DocBits], max_doc: DocId) -> Vec<DocBits> {
        let n = sets.len();
        let mut result: Vec<DocBits> = (0..n).map(|_| DocBits::empty(max_doc)).collect();
        let chunks = (max_doc as usize).div_ceil(64);
        // `counted[k]`: the documents of this chunk seen in more than `k` of the sets so far.
        let mut counted = vec![0u64; n];
        for chunk in 0..chunks {
            counted.iter_mut().for_each(|c| *c = 0);
            for (seen, set) in sets.iter().enumerate() {
                let bits = set.words[chunk];
                for k in (1..=seen).rev() {
                    counted[k] |= counted[k - 1] & bits;
                }
                counted[0] |= bits;
            }
            for (k, set) in result.iter_mut().enumerate() {
                set.words[chunk] = counted[k];
            }
        }
        result
    }
}

/// The documents holding one value of a field: as bits when they are many, as a sorted list
/// when they are few (a list of few documents is smaller and quicker to count).
#[derive(Debug, Clone)]
pub enum DocList {
    Bits(DocBits),
    Sparse(Vec<DocId>),
}

impl DocList {
    /// Fewer than one document in this many are kept as a list.
    const SPARSE_BELOW: u64 = 32;

    /// The documents of a posting list.
    pub fn from_postings(max_doc: DocId, doc_freq: u32, mut postings: BlockSegmentPostings) -> DocList {
        if u64::from(doc_freq) * DocList::SPARSE_BELOW >= u64::from(max_doc) {
            return DocList::Bits(DocBits::from_postings(max_doc, postings));
        }
        let mut docs = Vec::with_capacity(doc_freq as usize);
        loop {
            let block = postings.docs();
            if block.is_empty() {
                return DocList::Sparse(docs);
            }
            docs.extend_from_slice(block);
            postings.advance();
        }
    }

    /// How many of these documents are in `set`.
    pub fn count_in(&self, set: &DocBits) -> u64 {
        match self {
            DocList::Bits(bits) => bits.count_common(set),
            DocList::Sparse(docs) => docs.iter().filter(|d| set.contains(**d)).count() as u64,
        }
    }

    /// Adds these documents to `set`.
    pub fn add_to(&self, set: &mut DocBits) {
        match self {
            DocList::Bits(bits) => set.union_with(bits),
            DocList::Sparse(docs) => set.insert_all(docs),
        }
    }

    /// Bytes held.
    pub fn size(&self) -> usize {
        match self {
            DocList::Bits(bits) => bits.words.len() * 8,
            DocList::Sparse(docs) => docs.len() * 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(max_doc: DocId, docs: &[DocId]) -> DocBits {
        let mut bits = DocBits::empty(max_doc);
        bits.insert_all(docs);
        bits
    }

    #[test]
    fn sets_count_combine_and_list_their_documents() {
        let a = set(200, &[0, 3, 64, 130, 199]);
        let b = set(200, &[3, 130, 150]);
        assert_eq!(a.len(), 5);
        assert_eq!(a.count_common(&b), 2);
        assert_eq!(a.iter().collect::<Vec<_>>(), [0, 3, 64, 130, 199]);
        let mut both = a.clone();
        both.intersect_with(&b);
        assert_eq!(both.iter().collect::<Vec<_>>(), [3, 130]);
        let mut either = a.clone();
        either.union_with(&b);
        assert_eq!(either.len(), 6);
        let mut only_a = a.clone();
        only_a.remove_all(&b);
        assert_eq!(only_a.iter().collect::<Vec<_>>(), [0, 64, 199]);
        assert_eq!(DocBits::full(130).len(), 130);
        assert!(!DocBits::full(130).contains(130));
        assert!(DocBits::empty(10).is_empty());
    }

    #[test]
    fn documents_in_at_least_k_sets() {
        let sets = [
            set(100, &[1, 2, 3, 70]),
            set(100, &[2, 3, 70, 99]),
            set(100, &[3, 70, 5]),
        ];
        let at_least = DocBits::at_least(&sets, 100);
        assert_eq!(at_least[0].iter().collect::<Vec<_>>(), [1, 2, 3, 5, 70, 99]);
        assert_eq!(at_least[1].iter().collect::<Vec<_>>(), [2, 3, 70]);
        assert_eq!(at_least[2].iter().collect::<Vec<_>>(), [3, 70]);
    }

    #[test]
    fn few_documents_are_counted_from_a_list() {
        let matched = set(1000, &[5, 6, 7]);
        let sparse = DocList::Sparse(vec![6, 7, 900]);
        assert_eq!(sparse.count_in(&matched), 2);
        let mut into = DocBits::empty(1000);
        sparse.add_to(&mut into);
        assert_eq!(into.len(), 3);
    }
}
