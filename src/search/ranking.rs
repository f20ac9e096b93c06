//! The best matches of one segment among a set of its documents: by relevance with block-max
//! WAND (only documents whose terms could still beat the page are scored) or, for a few
//! documents, by scoring each of them; or newest first.

use tantivy::{
    DocId, DocSet, Score, SegmentReader, TERMINATED,
    query::{Scorer, Weight},
};

use super::bits::DocBits;

/// A document of a segment and how it ranks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub segment: u32,
    pub doc: DocId,
    /// Relevance, or the time (published or updated) when ranking latest first.
    pub score: f64,
}

/// Best first; among equals, the earlier document (stable paging).
pub fn best_first(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.segment.cmp(&b.segment))
        .then(a.doc.cmp(&b.doc))
}

/// The `limit` best documents seen so far, with the score a newcomer must beat.
struct Best {
    limit: usize,
    found: Vec<Ranked>,
    threshold: f64,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            limit,
            found: Vec::with_capacity(limit * 2),
            threshold: f64::MIN,
        }
    }

    fn offer(&mut self, ranked: Ranked) {
        if ranked.score < self.threshold {
            return;
        }
        self.found.push(ranked);
        // Sorting only when twice the page is held keeps each offer cheap.
        if self.found.len() >= self.limit * 2 {
            self.trim();
        }
    }

    fn trim(&mut self) {
        self.found.sort_by(best_first);
        self.found.truncate(self.limit);
        if self.found.len() == self.limit {
            self.threshold = self.found[self.limit - 1].score;
        }
    }

    fn into_sorted(mut self) -> Vec<Ranked> {
        self.trim();
        self.found
    }
}

/// Below one document in this many, the documents of `among` are scored one by one rather than
/// found by WAND, which would score the best documents of the whole segment to reach them.
const FEW: u64 = 32;

/// The `limit` most relevant documents of `among`, scored by `weight`.
pub fn most_relevant(
    weight: &dyn Weight,
    segment_ord: u32,
    segment: &SegmentReader,
    among: &DocBits,
    limit: usize,
) -> tantivy::Result<Vec<Ranked>> {
    if limit == 0 || among.is_empty() {
        return Ok(Vec::new());
    }
    let mut best = Best::new(limit);
    if among.len() * FEW < u64::from(segment.max_doc()) {
        let mut scorer = weight.scorer(segment, 1.0)?;
        for doc in among.iter() {
            let at = match scorer.doc() {
                TERMINATED => break,
                at if at < doc => scorer.seek(doc),
                at => at,
            };
            if at == doc {
                best.offer(Ranked {
                    segment: segment_ord,
                    doc,
                    score: f64::from(scorer.score()),
                });
            }
        }
        return Ok(best.into_sorted());
    }
    weight.for_each_pruning(Score::MIN, segment, &mut |doc, score| {
        if among.contains(doc) {
            best.offer(Ranked {
                segment: segment_ord,
                doc,
                score: f64::from(score),
            });
        }
        // Only scores above this are offered from now on: what cannot reach the page is skipped.
        if best.threshold > f64::from(Score::MIN) {
            best.threshold as Score
        } else {
            Score::MIN
        }
    })?;
    Ok(best.into_sorted())
}

/// The `limit` documents of `among` with the latest time in the fast field `column`
/// (`published` or `updated`).
pub fn latest(
    segment_ord: u32,
    segment: &SegmentReader,
    among: &DocBits,
    limit: usize,
    column: &str,
) -> tantivy::Result<Vec<Ranked>> {
    if limit == 0 || among.is_empty() {
        return Ok(Vec::new());
    }
    let published = segment.fast_fields().i64(column)?.first_or_default_col(i64::MIN);
    let mut best = Best::new(limit);
    for doc in among.iter() {
        best.offer(Ranked {
            segment: segment_ord,
            doc,
            score: published.get_val(doc) as f64,
        });
    }
    Ok(best.into_sorted())
}
