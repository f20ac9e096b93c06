//! What every search needs of a segment, kept while the segment lives: the documents of each
//! facet value, and the documents not deleted. Segments never change (deletions give a segment
//! a new delete stamp), so these are built once, when a commit makes the segment visible (the
//! reader's warmer), not on a search's path.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
};

use tantivy::{
    Opstamp, Searcher, SearcherGeneration, SegmentReader, Warmer, index::SegmentId, schema::IndexRecordOption,
};

use super::{
    bits::{DocBits, DocList},
    facets::Facet,
    schema::Fields,
};

/// The documents of each value of each facet of one segment.
pub struct SegmentFacts {
    /// Per facet (in [`Facet::ALL`] order), its values in byte order with their documents.
    values: Vec<Vec<(String, DocList)>>,
}

impl SegmentFacts {
    fn build(fields: &Fields, segment: &SegmentReader) -> tantivy::Result<SegmentFacts> {
        let max_doc = segment.max_doc();
        let mut values = Vec::with_capacity(Facet::ALL.len());
        for facet in Facet::ALL {
            let index = segment.inverted_index(facet.field(fields))?;
            let mut found = Vec::new();
            let mut terms = index.terms().stream()?;
            while terms.advance() {
                let value = String::from_utf8_lossy(terms.key()).into_owned();
                let info = terms.value().clone();
                let postings = index.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
                found.push((value, DocList::from_postings(max_doc, info.doc_freq, postings)));
            }
            values.push(found);
        }
        Ok(SegmentFacts { values })
    }

    /// The values of a facet, with their documents (deleted ones included).
    pub fn values(&self, facet: Facet) -> &[(String, DocList)] {
        &self.values[facet as usize]
    }

    /// The documents holding `value`, if any does.
    pub fn docs(&self, facet: Facet, value: &str) -> Option<&DocList> {
        let values = self.values(facet);
        values
            .binary_search_by(|(v, _)| v.as_str().cmp(value))
            .ok()
            .map(|at| &values[at].1)
    }

    /// Bytes held.
    fn size(&self) -> usize {
        self.values
            .iter()
            .flatten()
            .map(|(value, docs)| value.len() + docs.size())
            .sum()
    }
}

/// A segment as its deletions leave it.
type SegmentState = (SegmentId, Option<Opstamp>);

/// The facts of every live segment, and their documents not deleted.
pub struct SegmentCache {
    fields: Fields,
    facts: Mutex<HashMap<SegmentId, Arc<SegmentFacts>>>,
    alive: Mutex<HashMap<SegmentState, Arc<DocBits>>>,
}

impl SegmentCache {
    pub fn new(fields: Fields) -> SegmentCache {
        SegmentCache {
            fields,
            facts: Mutex::default(),
            alive: Mutex::default(),
        }
    }

    /// The facts of a segment (built now if no warming did).
    pub fn facts(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentFacts>> {
        let id = segment.segment_id();
        if let Some(facts) = self.facts.lock().expect("facts lock").get(&id) {
            return Ok(facts.clone());
        }
        let facts = Arc::new(SegmentFacts::build(&self.fields, segment)?);
        self.facts.lock().expect("facts lock").insert(id, facts.clone());
        Ok(facts)
    }

    /// The segment's documents that are not deleted.
    pub fn alive(&self, segment: &SegmentReader) -> Arc<DocBits> {
        let key = (segment.segment_id(), segment.delete_opstamp());
        if let Some(alive) = self.alive.lock().expect("alive lock").get(&key) {
            return alive.clone();
        }
        let alive = Arc::new(match segment.alive_bitset() {
            None => DocBits::full(segment.max_doc()),
            Some(alive) => {
                let mut bits = DocBits::empty(segment.max_doc());
                alive.iter_alive().for_each(|doc| bits.insert(doc));
                bits
            }
        });
        self.alive.lock().expect("alive lock").insert(key, alive.clone());
        alive
    }

    /// Bytes held for the live segments.
    pub fn size(&self) -> usize {
        let facts: usize = self
            .facts
            .lock()
            .expect("facts lock")
            .values()
            .map(|f| f.size())
            .sum();
        let alive: usize = self
            .alive
            .lock()
            .expect("alive lock")
            .values()
            .map(|a| (a.max_doc() as usize).div_ceil(8))
            .sum();
        facts + alive
    }
}

impl Warmer for SegmentCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for segment in searcher.segment_readers() {
            self.facts(segment)?;
            self.alive(segment);
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentState> = live_generations
            .iter()
            .flat_map(|generation| generation.segments().iter().map(|(id, stamp)| (*id, *stamp)))
            .collect();
        let live_ids: HashSet<SegmentId> = live.iter().map(|(id, _)| *id).collect();
        self.facts
            .lock()
            .expect("facts lock")
            .retain(|id, _| live_ids.contains(id));
        self.alive
            .lock()
            .expect("alive lock")
            .retain(|key, _| live.contains(key));
    }
}
