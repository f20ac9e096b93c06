//! How a search runs over the index's segments.
//!
//! In each segment the documents passing the filters, and those matching each query word, are
//! sets of bits read from the posting lists; documents matching at least 1, 2, ... of the words
//! follow by combining machine words. The total and the facets are then exact counts of those
//! sets, whatever their size. The page is ranked tier by tier (items matching more words first),
//! each tier's best found by block-max WAND over the words' terms, which skips the documents
//! that cannot reach the page instead of scoring every match.

use std::sync::Arc;

use tantivy::{
    DocId, InvertedIndexReader, Searcher, SegmentReader,
    query::{EnableScoring, Query, Weight},
    schema::{Field, IndexRecordOption},
};

use super::{
    Facets, Filters, MAX_PER_PAGE, Order, SearchQuery,
    bits::DocBits,
    facets::{Facet, FacetTally},
    query::{self, WORD_MATCHED, WordTerms, most_of, query_words, word_terms},
    ranking::{self, Ranked},
    schema::{Fields, names},
    segments::{SegmentCache, SegmentFacts},
};
use crate::domain::audience::Audience;

/// What a search found: the exact total, the page's documents, the facets when asked for.
pub struct Found {
    pub total: u64,
    pub page: Vec<Ranked>,
    pub facets: Option<Facets>,
    pub words: Vec<String>,
}

/// One segment's share of a search.
struct SegmentMatches<'a> {
    ord: u32,
    segment: &'a SegmentReader,
    facts: Arc<SegmentFacts>,
    /// Documents not deleted and passing the filters.
    base: DocBits,
    /// `at_least[k - 1]`: documents of `base` matching `k` or more of the words.
    at_least: Vec<DocBits>,
    /// Per word, whether each of its terms (matching, then favouring) is in this segment.
    present: Vec<Vec<bool>>,
    /// Per word, the documents matching it, filters or not: kept only when a field is filtered.
    words_anywhere: Vec<DocBits>,
    /// Per filtered field, the documents passing every filter but that field's own: a field's
    /// values are counted over these, so that its other values can still be added to the choice.
    loose: Vec<(Facet, DocBits)>,
}

impl SegmentMatches<'_> {
    /// The documents matching at least `required` words (every document of `base` for 0).
    fn matching(&self, required: usize) -> &DocBits {
        match required {
            0 => &self.base,
            k => &self.at_least[k - 1],
        }
    }

    /// The documents matching at least `required` words among those passing the filters of
    /// every field but the `n`th filtered one.
    fn matching_without_filter(&self, n: usize, required: usize) -> DocBits {
        let (_, base) = &self.loose[n];
        if required == 0 {
            return base.clone();
        }
        let words: Vec<DocBits> = self
            .words_anywhere
            .iter()
            .map(|word| {
                let mut word = word.clone();
                word.intersect_with(base);
                word
            })
            .collect();
        DocBits::at_least(&words, self.segment.max_doc()).swap_remove(required - 1)
    }

    /// The documents matching exactly `k` of the words.
    fn matching_exactly(&self, k: usize) -> DocBits {
        let mut tier = self.at_least[k - 1].clone();
        if let Some(more) = self.at_least.get(k) {
            tier.remove_all(more);
        }
        tier
    }
}

pub fn run(
    searcher: &Searcher,
    cache: &SegmentCache,
    fields: &Fields,
    query: &SearchQuery,
) -> tantivy::Result<Found> {
    let words = query_words(&query.text);
    let reader_language = query.reader_language.as_ref().map(|l| l.primary().to_string());
    let terms = word_terms(fields, &words, reader_language.as_deref());
    let period = query::restrictions(fields, &query.filters)
        .map(|q| q.weight(EnableScoring::disabled_from_searcher(searcher)))
        .transpose()?;
    let mut filters = facet_filters(&query.filters);
    let chosen = filters.len();
    if query.public_only {
        // Intersected with any audience filter given: a stranger asking for partners' items
        // finds nothing.
        filters.push((Facet::Audience, vec![Audience::Public.code().to_string()]));
    }
    let readers: Vec<(u32, &SegmentReader)> = searcher
        .segment_readers()
        .iter()
        .enumerate()
        .map(|(ord, segment)| (ord as u32, segment))
        .collect();
    let segments = per_segment(
        &readers,
        |(_, segment)| segment.max_doc(),
        |(ord, segment)| {
            match_segment(
                cache,
                *ord,
                segment,
                (&filters, chosen),
                period.as_deref(),
                &terms,
            )
        },
    )
    .into_iter()
    .collect::<tantivy::Result<Vec<_>>>()?;

    let count = |required: usize| -> u64 { segments.iter().map(|s| s.matching(required).len()).sum() };
    let mut required = most_of(words.len());
    let mut total = count(required);
    if total == 0 && required > 1 {
        // Nothing matches most of the words: whatever matches any of them.
        required = 1;
        total = count(required);
    }

    let facets = match query.facets {
        true => {
            let mut tally = FacetTally::default();
            let per = per_segment(
                &segments,
                |s| s.segment.max_doc(),
                |s| {
                    // A filtered field is counted as if it were not filtered (its values are
                    // alternatives); every other field over what the filters let through.
                    let filtered: Vec<Facet> = s.loose.iter().map(|(facet, _)| *facet).collect();
                    let others: Vec<Facet> =
                        Facet::ALL.into_iter().filter(|f| !filtered.contains(f)).collect();
                    let mut tally = FacetTally::default();
                    tally.add_segment(s.segment, &s.facts, s.matching(required), &others)?;
                    for (n, facet) in filtered.iter().enumerate() {
                        let matched = s.matching_without_filter(n, required);
                        tally.add_segment(s.segment, &s.facts, &matched, &[*facet])?;
                    }
                    Ok::<_, tantivy::TantivyError>(tally)
                },
            );
            for segment in per {
                tally.merge(segment?);
            }
            Some(tally.into_facets())
        }
        false => None,
    };

    let per_page = query.per_page.clamp(1, MAX_PER_PAGE) as usize;
    let offset = (query.page.max(1) as usize - 1) * per_page;
    let wanted = offset + per_page;
    let mut ranked: Vec<Ranked> = Vec::new();
    let latest = match query.order {
        Order::Updated => Some(names::UPDATED),
        Order::Newest => Some(names::PUBLISHED),
        Order::Relevance if words.is_empty() => Some(names::PUBLISHED),
        Order::Relevance => None,
    };
    if let Some(column) = latest {
        for s in &segments {
            let among = s.matching(if words.is_empty() { 0 } else { required });
            ranked.extend(ranking::latest(s.ord, s.segment, among, wanted, column)?);
        }
        ranked.sort_by(ranking::best_first);
        ranked.truncate(wanted);
    } else if total > offset as u64 {
        // Terms in no segment are left out: each costs a look-up per segment and scores nothing.
        let present = |w: usize, t: usize| segments.iter().any(|s| s.present[w][t]);
        let held: Vec<WordTerms> = terms
            .iter()
            .enumerate()
            .map(|(w, word)| {
                let mut n = 0;
                let mut keep = |list: &[(tantivy::Term, f32)]| -> Vec<(tantivy::Term, f32)> {
                    let kept = list
                        .iter()
                        .enumerate()
                        .filter(|(t, _)| present(w, n + t))
                        .map(|(_, term)| term.clone())
                        .collect();
                    n += list.len();
                    kept
                };
                WordTerms {
                    matching: keep(&word.matching),
                    favouring: keep(&word.favouring),
                }
            })
            .collect();
        let scoring = query::scoring(&held).weight(EnableScoring::enabled_from_searcher(searcher))?;
        // Items matching more words come first: the tiers in turn, until the page is full.
        for tier in (required..=words.len()).rev() {
            let missing = wanted - ranked.len();
            if missing == 0 {
                break;
            }
            let mut found = Vec::new();
            let per = per_segment(
                &segments,
                |s| s.segment.max_doc(),
                |s| {
                    let among = s.matching_exactly(tier);
                    ranking::most_relevant(scoring.as_ref(), s.ord, s.segment, &among, missing)
                },
            );
            for ranked in per {
                found.extend(ranked?);
            }
            found.sort_by(ranking::best_first);
            found.truncate(missing);
            let bonus = if words.len() > 1 {
                WORD_MATCHED * tier as f64
            } else {
                0.0
            };
            ranked.extend(found.into_iter().map(|r| Ranked {
                score: r.score + bonus,
                ..r
            }));
        }
    }
    let page = ranked.into_iter().skip(offset).collect();
    Ok(Found {
        total,
        page,
        facets,
        words,
    })
}

/// Below this many documents in all, a search runs on one thread: a second one would cost more
/// to start than it saves.
const PARALLEL_FROM: u64 = 50_000;

/// Runs `work` for every segment (`size` tells how much work each is), on two threads when
/// there is enough to share (the machine's cores serve one search faster together), keeping the
/// order of `segments`.
fn per_segment<T: Sync, R: Send>(
    segments: &[T],
    size: impl Fn(&T) -> DocId,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let sizes: Vec<u64> = segments.iter().map(|s| u64::from(size(s))).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if segments.len() < 2 || threads < 2 || sizes.iter().sum::<u64>() < PARALLEL_FROM {
        return segments.iter().map(&work).collect();
    }
    // Largest first, each to the thread with less so far.
    let mut order: Vec<usize> = (0..segments.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(sizes[*i]));
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let (mut my_load, mut their_load) = (0, 0);
    for i in order {
        if my_load <= their_load {
            my_load += sizes[i];
            mine.push(i);
        } else {
            their_load += sizes[i];
            theirs.push(i);
        }
    }
    let work = &work;
    let (mine, theirs) = std::thread::scope(|scope| {
        let other = scope.spawn(|| {
            theirs
                .iter()
                .map(|i| (*i, work(&segments[*i])))
                .collect::<Vec<_>>()
        });
        let mine: Vec<(usize, R)> = mine.iter().map(|i| (*i, work(&segments[*i]))).collect();
        (mine, other.join().expect("a search thread panicked"))
    });
    let mut all: Vec<(usize, R)> = mine.into_iter().chain(theirs).collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// The facet filters: within one field any of the values, across fields all of them.
fn facet_filters(filters: &Filters) -> Vec<(Facet, Vec<String>)> {
    let cities: Vec<String> = filters.cities.iter().map(ToString::to_string).collect();
    [
        (Facet::Kind, filters.kinds.clone()),
        (Facet::Theme, filters.themes.clone()),
        (Facet::TargetGroup, filters.target_groups.clone()),
        (Facet::City, cities),
        (Facet::Country, filters.countries.clone()),
        (Facet::Language, filters.languages.clone()),
        (Facet::Audience, filters.audiences.clone()),
    ]
    .into_iter()
    .filter(|(_, values)| !values.is_empty())
    .collect()
}

fn match_segment<'a>(
    cache: &SegmentCache,
    ord: u32,
    segment: &'a SegmentReader,
    // The filters, of which the first `chosen` are the reader's own (the rest always apply).
    (filters, chosen): (&[(Facet, Vec<String>)], usize),
    period: Option<&dyn Weight>,
    words: &[WordTerms],
) -> tantivy::Result<SegmentMatches<'a>> {
    let max_doc = segment.max_doc();
    let facts = cache.facts(segment)?;
    let mut everywhere = DocBits::clone(&cache.alive(segment));
    if let Some(period) = period {
        let mut within = DocBits::empty(max_doc);
        period.for_each_no_score(segment, &mut |docs: &[DocId]| within.insert_all(docs))?;
        everywhere.intersect_with(&within);
    }
    let passing: Vec<DocBits> = filters
        .iter()
        .map(|(facet, values)| {
            let mut any = DocBits::empty(max_doc);
            for value in values {
                if let Some(docs) = facts.docs(*facet, value) {
                    docs.add_to(&mut any);
                }
            }
            any
        })
        .collect();
    let except = |skipped: Option<usize>| {
        let mut base = everywhere.clone();
        for (n, docs) in passing.iter().enumerate() {
            if Some(n) != skipped {
                base.intersect_with(docs);
            }
        }
        base
    };
    let base = except(None);
    let loose: Vec<(Facet, DocBits)> = (0..chosen).map(|n| (filters[n].0, except(Some(n)))).collect();
    // The words' documents are read unless nothing could match them anyway.
    let needed = !base.is_empty() || loose.iter().any(|(_, b)| !b.is_empty());
    let mut words_anywhere = Vec::new();
    let mut per_word = Vec::with_capacity(words.len());
    let mut present = Vec::with_capacity(words.len());
    let mut indexes: Vec<(Field, Arc<InvertedIndexReader>)> = Vec::new();
    for word in words {
        let mut matching = DocBits::empty(max_doc);
        let mut here = Vec::with_capacity(word.matching.len() + word.favouring.len());
        if needed {
            for (term, _) in word.matching.iter().chain(&word.favouring) {
                let index = match indexes.iter().find(|(f, _)| *f == term.field()) {
                    Some((_, index)) => index.clone(),
                    None => {
                        let index = segment.inverted_index(term.field())?;
                        indexes.push((term.field(), index.clone()));
                        index
                    }
                };
                let info = index.get_term_info(term)?;
                here.push(info.is_some());
                if here.len() <= word.matching.len()
                    && let Some(info) = info
                {
                    matching.insert_postings(
                        index.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)?,
                    );
                }
            }
            if !loose.is_empty() {
                words_anywhere.push(matching.clone());
            }
            matching.intersect_with(&base);
        } else {
            here.resize(word.matching.len() + word.favouring.len(), false);
            if !loose.is_empty() {
                words_anywhere.push(DocBits::empty(max_doc));
            }
        }
        per_word.push(matching);
        present.push(here);
    }
    let at_least = DocBits::at_least(&per_word, max_doc);
    Ok(SegmentMatches {
        ord,
        segment,
        facts,
        base,
        at_least,
        present,
        words_anywhere,
        loose,
    })
}
