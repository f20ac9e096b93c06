//! Exact counts over every matching item: the total, and per facet value, read from the fast
//! fields without scoring.

use std::collections::HashMap;

use tantivy::{
    DocId, Score, SegmentOrdinal, SegmentReader,
    collector::{Collector, SegmentCollector},
    columnar::StrColumn,
};

use super::{FacetCount, Facets, schema::names};

/// The facets, in the order of [`FacetCounts::columns`].
const FACETS: [&str; 6] = [
    names::KIND,
    names::THEME,
    names::TARGET_GROUP,
    names::CITY,
    names::COUNTRY,
    names::LANGUAGE,
];

/// Counts the matching items and, per facet, the items with each value.
pub struct FacetCounter;

/// What one segment counted: per facet, the count of each term ordinal.
pub struct SegmentCounts {
    total: u64,
    columns: Vec<Option<(StrColumn, Vec<u32>)>>,
    /// Reused for block reads of single-valued columns.
    buffer: Vec<Option<u64>>,
}

/// What every segment counted together.
#[derive(Debug, Default)]
pub struct FacetCounts {
    pub total: u64,
    /// Per facet (as [`FACETS`]), the count of each value.
    counts: Vec<HashMap<String, i64>>,
}

impl Collector for FacetCounter {
    type Fruit = FacetCounts;
    type Child = SegmentCounts;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentCounts> {
        let mut columns = Vec::with_capacity(FACETS.len());
        for facet in FACETS {
            let column = segment.fast_fields().str(facet)?;
            columns.push(column.map(|c| {
                let counts = vec![0u32; c.num_terms()];
                (c, counts)
            }));
        }
        Ok(SegmentCounts {
            total: 0,
            columns,
            buffer: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut merged = FacetCounts {
            total: 0,
            counts: vec![HashMap::new(); FACETS.len()],
        };
        for segment in segments {
            merged.total += segment.total;
            for (into, from) in merged.counts.iter_mut().zip(segment.counts) {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.collect_block(&[doc]);
    }

    /// Matching documents come in blocks when nothing is scored: single-valued columns (kind,
    /// city, country) are read a block at a time.
    fn collect_block(&mut self, docs: &[DocId]) {
        self.total += docs.len() as u64;
        for (column, counts) in self.columns.iter_mut().flatten() {
            let ords = column.ords();
            if ords.get_cardinality() == tantivy::columnar::Cardinality::Multivalued {
                for doc in docs {
                    for ord in ords.values_for_doc(*doc) {
                        counts[ord as usize] += 1;
                    }
                }
            } else {
                self.buffer.resize(docs.len(), None);
                ords.first_vals(docs, &mut self.buffer);
                for ord in self.buffer.iter().flatten() {
                    counts[*ord as usize] += 1;
                }
            }
        }
    }

    fn harvest(self) -> FacetCounts {
        let mut counts = Vec::with_capacity(self.columns.len());
        for column in self.columns {
            let mut values = HashMap::new();
            if let Some((column, ords)) = column {
                let mut value = String::new();
                for (ord, count) in ords.into_iter().enumerate().filter(|(_, c)| *c > 0) {
                    if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                        values.insert(value.clone(), i64::from(count));
                    }
                }
            }
            counts.push(values);
        }
        FacetCounts {
            total: self.total,
            counts,
        }
    }
}

impl FacetCounts {
    /// The counts as the search answers them: most frequent first, then by value.
    pub fn into_facets(self) -> Facets {
        let mut counts = self.counts.into_iter().map(sorted);
        let mut next = || counts.next().unwrap_or_default();
        Facets {
            kind: next(),
            theme: next(),
            target_group: next(),
            city: next(),
            country: next(),
            language: next(),
        }
    }
}

fn sorted(counts: HashMap<String, i64>) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    list
}
