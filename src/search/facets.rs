//! Exact counts per facet value over every matching item.
//!
//! Each segment counts in the quicker of two ways: when many documents match, each value's
//! documents ([`SegmentFacts`]) are counted against the matching set, a pass over machine words
//! per value whatever the number of matches; when few match, each match's values are read from
//! the fast fields.

use std::collections::HashMap;

use tantivy::{SegmentReader, schema::Field};

use super::{
    FacetCount, Facets,
    bits::DocBits,
    schema::{Fields, names},
    segments::SegmentFacts,
};

/// The fields counted per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Kind,
    Theme,
    TargetGroup,
    City,
    Country,
    Language,
    /// Who the item is for (an audience code).
    Audience,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::Kind,
        Facet::Theme,
        Facet::TargetGroup,
        Facet::City,
        Facet::Country,
        Facet::Language,
        Facet::Audience,
    ];

    pub fn field(self, fields: &Fields) -> Field {
        match self {
            Facet::Kind => fields.kind,
            Facet::Theme => fields.theme,
            Facet::TargetGroup => fields.target_group,
            Facet::City => fields.city,
            Facet::Country => fields.country,
            Facet::Language => fields.language,
            Facet::Audience => fields.audience,
        }
    }

    fn column(self) -> &'static str {
        match self {
            Facet::Kind => names::KIND,
            Facet::Theme => names::THEME,
            Facet::TargetGroup => names::TARGET_GROUP,
            Facet::City => names::CITY,
            Facet::Country => names::COUNTRY,
            Facet::Language => names::LANGUAGE,
            Facet::Audience => names::AUDIENCE,
        }
    }
}

/// Below one match in this many documents, a segment reads the matches' values instead.
const FEW_MATCHES: u64 = 64;

/// Counts gathered segment by segment.
#[derive(Debug, Default)]
pub struct FacetTally {
    counts: [HashMap<String, i64>; Facet::ALL.len()],
}

impl FacetTally {
    /// Adds the counts of `facets` over one segment's matching documents.
    pub fn add_segment(
        &mut self,
        segment: &SegmentReader,
        facts: &SegmentFacts,
        matched: &DocBits,
        facets: &[Facet],
    ) -> tantivy::Result<()> {
        let matches = matched.len();
        if matches == 0 || facets.is_empty() {
            return Ok(());
        }
        if matches * FEW_MATCHES < u64::from(segment.max_doc()) {
            return self.add_from_columns(segment, matched, facets);
        }
        for &facet in facets {
            let counts = &mut self.counts[facet as usize];
            for (value, docs) in facts.values(facet) {
                let count = docs.count_in(matched);
                if count > 0 {
                    *counts.entry(value.clone()).or_default() += count as i64;
                }
            }
        }
        Ok(())
    }

    fn add_from_columns(
        &mut self,
        segment: &SegmentReader,
        matched: &DocBits,
        facets: &[Facet],
    ) -> tantivy::Result<()> {
        for &facet in facets {
            let Some(column) = segment.fast_fields().str(facet.column())? else {
                continue;
            };
            let ords = column.ords();
            let mut per_ord: HashMap<u64, i64> = HashMap::new();
            for doc in matched.iter() {
                for ord in ords.values_for_doc(doc) {
                    *per_ord.entry(ord).or_default() += 1;
                }
            }
            let counts = &mut self.counts[facet as usize];
            let mut value = String::new();
            for (ord, count) in per_ord {
                if column.ord_to_str(ord, &mut value)? {
                    *counts.entry(value.clone()).or_default() += count;
                }
            }
        }
        Ok(())
    }

    /// Adds what another tally counted.
    pub fn merge(&mut self, other: FacetTally) {
        for (into, from) in self.counts.iter_mut().zip(other.counts) {
            for (value, count) in from {
                *into.entry(value).or_default() += count;
            }
        }
    }

    /// The counts as the search answers them: most frequent first, then by value.
    pub fn into_facets(self) -> Facets {
        let [kind, theme, target_group, city, country, language, audience] = self.counts.map(sorted);
        Facets {
            kind,
            theme,
            target_group,
            city,
            country,
            language,
            audience,
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
