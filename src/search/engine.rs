//! The search engine: an embedded tantivy index, one document per item, under the data
//! directory. It is a copy of the database, never the truth: each commit records the position
//! of the last change it applied (see `storage::search_changes`), and an index that is missing,
//! of another version, half rebuilt or unreadable is rebuilt from the database.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, RwLock},
};

use serde::{Deserialize, Serialize};
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
    collector::TopDocs,
    directory::MmapDirectory,
    query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery},
    schema::{IndexRecordOption, OwnedValue},
};

use super::{
    Hit, SearchQuery, SearchResults,
    query::highlight_terms,
    schema::{self, Fields, INDEX_VERSION, names},
    searching,
    segments::SegmentCache,
    tokenizer,
};
use crate::{domain::audience::Audience, storage::items::ItemId};

/// How the writer is sized for the work at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// Changes that trickle in and are committed every few hundred milliseconds: one thread and a
    /// small budget, because every commit starts new segments whose tables are sized (and
    /// zeroed) by the budget.
    Incremental,
    /// A rebuild: every core Praxis uses and a large budget, for few, large segments.
    Bulk,
}

impl Writing {
    fn threads(self) -> usize {
        match self {
            Writing::Incremental => 1,
            Writing::Bulk => 2,
        }
    }

    /// Memory the writer may buffer before it writes a segment, across its threads (tantivy
    /// needs at least 15 MB per thread).
    fn memory(self) -> usize {
        match self {
            Writing::Incremental => 20_000_000,
            Writing::Bulk => 96 * 1024 * 1024,
        }
    }
}

/// Why the search engine failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory {0}: {1}")]
    Directory(PathBuf, String),
    #[error("the search index is written by another process")]
    Locked,
}

/// What a commit records, as its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Checkpoint {
    version: u32,
    /// The last change applied; `None` while a rebuild is under way.
    position: Option<i64>,
}

/// Where the index stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    /// Up to date with the change log up to the last position applied.
    Ready,
    /// Being built from the database: `indexed` of `total` items so far.
    Rebuilding { indexed: u64, total: u64 },
}

/// The engine and its one writer.
pub struct SearchEngine {
    index: Index,
    reader: IndexReader,
    /// What searches need of each segment, made when a commit makes the segment visible.
    segments: Arc<SegmentCache>,
    /// The writer and how it is sized; `None` only if reopening it failed.
    writer: Mutex<(Writing, Option<IndexWriter>)>,
    fields: Fields,
    status: RwLock<Status>,
    /// The change-log position searches see (`None` until a rebuild completes).
    applied: tokio::sync::watch::Sender<Option<i64>>,
    directory: Option<PathBuf>,
    /// Held while the engine lives: one process per index directory.
    _lock: Option<std::fs::File>,
}

impl SearchEngine {
    /// Opens the index in `dir`, or makes a new one there when it is missing, of another
    /// version, half rebuilt or unreadable. Returns the engine and the position it is current
    /// to (`None`: it must be rebuilt).
    pub fn open(dir: &Path) -> Result<(SearchEngine, Option<i64>), SearchError> {
        let failed = |e: std::io::Error| SearchError::Directory(dir.to_path_buf(), e.to_string());
        std::fs::create_dir_all(dir).map_err(failed)?;
        // Taken before anything is read or cleared: another process may be using this index.
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("praxis.lock"))
            .map_err(failed)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(SearchError::Locked),
            Err(std::fs::TryLockError::Error(e)) => return Err(failed(e)),
        }
        let (schema, fields) = schema::build();
        let existing = MmapDirectory::open(dir)
            .ok()
            .and_then(|d| Index::open(d).ok())
            .filter(|index| index.schema() == schema);
        let (index, position) = match existing {
            Some(index) => {
                let position = index
                    .load_metas()
                    .ok()
                    .and_then(|m| m.payload)
                    .and_then(|p| serde_json::from_str::<Checkpoint>(&p).ok())
                    .filter(|c| c.version == INDEX_VERSION)
                    .and_then(|c| c.position);
                (index, position)
            }
            None => {
                tracing::info!(dir = %dir.display(), "creating a new search index");
                clear_directory(dir)?;
                let directory = MmapDirectory::open(dir)
                    .map_err(|e| SearchError::Directory(dir.to_path_buf(), e.to_string()))?;
                (Index::create(directory, schema, Default::default())?, None)
            }
        };
        let mut engine = SearchEngine::with_index(index, fields, Some(dir.to_path_buf()))?;
        engine._lock = Some(lock);
        engine.applied.send_replace(position);
        Ok((engine, position))
    }

    /// An empty index in memory, for processes that never search (one-shot commands).
    pub fn in_memory() -> Result<SearchEngine, SearchError> {
        let (schema, fields) = schema::build();
        SearchEngine::with_index(Index::create_in_ram(schema), fields, None)
    }

    fn with_index(
        index: Index,
        fields: Fields,
        directory: Option<PathBuf>,
    ) -> Result<SearchEngine, SearchError> {
        tokenizer::register(&index);
        let writer = open_writer(&index, Writing::Incremental)?;
        let segments = Arc::new(SegmentCache::new(fields));
        let warmer: Arc<dyn tantivy::Warmer> = segments.clone();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .warmers(vec![Arc::downgrade(&warmer)])
            .try_into()?;
        Ok(SearchEngine {
            index,
            reader,
            segments,
            writer: Mutex::new((Writing::Incremental, Some(writer))),
            fields,
            status: RwLock::new(Status::Ready),
            applied: tokio::sync::watch::Sender::new(None),
            directory,
            _lock: None,
        })
    }

    /// Sizes the writer for the work ahead. Whatever was replaced and not committed is
    /// dropped: switch before replacing, or after committing.
    pub fn set_writing(&self, writing: Writing) -> Result<(), SearchError> {
        let mut guard = self.writer.lock().expect("writer lock");
        if guard.0 == writing && guard.1.is_some() {
            return Ok(());
        }
        // The index has one writer at a time: the old one goes before the new one opens.
        guard.1 = None;
        guard.1 = Some(open_writer(&self.index, writing)?);
        guard.0 = writing;
        Ok(())
    }

    fn with_writer<T>(
        &self,
        f: impl FnOnce(&mut IndexWriter) -> Result<T, SearchError>,
    ) -> Result<T, SearchError> {
        let mut guard = self.writer.lock().expect("writer lock");
        match guard.1.as_mut() {
            Some(writer) => f(writer),
            None => Err(SearchError::Directory(
                self.directory.clone().unwrap_or_default(),
                "the index writer could not be opened again".into(),
            )),
        }
    }

    /// Where the index lives (`None` in memory).
    pub fn directory(&self) -> Option<&Path> {
        self.directory.as_deref()
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn status(&self) -> Status {
        *self.status.read().expect("status lock")
    }

    pub fn set_status(&self, status: Status) {
        *self.status.write().expect("status lock") = status;
    }

    /// Replaces the documents of these items: each is removed, then added again when a document
    /// is given (deleted items have none). Visible after the next [`SearchEngine::commit`].
    pub fn replace(&self, documents: Vec<(ItemId, Option<TantivyDocument>)>) -> Result<(), SearchError> {
        self.with_writer(|writer| {
            for (item, document) in documents {
                writer.delete_term(Term::from_field_u64(self.fields.item_id, item.0 as u64));
                if let Some(document) = document {
                    writer.add_document(document)?;
                }
            }
            Ok(())
        })
    }

    /// Removes every document (a rebuild starts with this).
    pub fn clear(&self) -> Result<(), SearchError> {
        self.with_writer(|writer| {
            writer.delete_all_documents()?;
            Ok(())
        })
    }

    /// Commits what was replaced, recording the last change it reflects (`None` in the middle
    /// of a rebuild, so a crash then rebuilds again), and makes it visible to searches.
    pub fn commit(&self, position: Option<i64>) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&Checkpoint {
            version: INDEX_VERSION,
            position,
        })
        .expect("a checkpoint serializes");
        self.with_writer(|writer| {
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
            Ok(())
        })?;
        self.reader.reload()?;
        self.applied.send_replace(position);
        Ok(())
    }

    /// The change-log position searches see now.
    pub fn applied(&self) -> Option<i64> {
        *self.applied.borrow()
    }

    /// Follows [`SearchEngine::applied`] as commits move it.
    pub fn watch_applied(&self) -> tokio::sync::watch::Receiver<Option<i64>> {
        self.applied.subscribe()
    }

    /// Number of documents searches see.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs a search: ranked by relevance with words, newest first without; the total and the
    /// facets count every match exactly.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let found = searching::run(&searcher, &self.segments, &self.fields, query)?;
        let mut hits = Vec::with_capacity(found.page.len());
        for ranked in found.page {
            let segment = searcher.segment_reader(ranked.segment);
            let ids = segment.fast_fields().u64(names::ITEM_ID)?.first_or_default_col(0);
            hits.push(Hit {
                item_id: ItemId(ids.get_val(ranked.doc) as i64),
                score: if found.words.is_empty() { 0.0 } else { ranked.score },
            });
        }
        Ok(SearchResults {
            total: found.total as i64,
            hits,
            facets: found.facets,
            terms: highlight_terms(&found.words),
            status: self.status(),
        })
    }

    /// Up to `limit` items most like the one whose document is `like` (itself left out): those
    /// sharing the most of its distinctive words (in title, summary and body, in any language
    /// version, weighed by how rare they are) and of its themes and target groups. With
    /// `public_only`, only public items.
    pub fn similar(
        &self,
        like: &TantivyDocument,
        itself: ItemId,
        public_only: bool,
        limit: usize,
    ) -> Result<Vec<ItemId>, SearchError> {
        let fields = &self.fields;
        let values = |field: tantivy::schema::Field| -> Vec<OwnedValue> {
            like.get_all(field).map(OwnedValue::from).collect()
        };
        let similar = MoreLikeThisQuery::builder()
            // Short texts: a word once is enough, but only words found in another item count.
            .with_min_term_frequency(1)
            .with_min_doc_frequency(2)
            .with_max_query_terms(40)
            .with_document_fields(
                [
                    fields.title,
                    fields.summary,
                    fields.body,
                    fields.theme,
                    fields.target_group,
                ]
                .into_iter()
                .map(|field| (field, values(field)))
                .collect(),
            );
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(similar)),
            (
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_u64(fields.item_id, itself.0 as u64),
                    IndexRecordOption::Basic,
                )),
            ),
        ];
        if public_only {
            clauses.push((Occur::Must, term(fields.audience, Audience::Public.code())));
        }
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit.max(1)).order_by_score(),
        )?;
        let mut found = Vec::with_capacity(top.len());
        for (_, address) in top {
            let segment = searcher.segment_reader(address.segment_ord);
            let ids = segment.fast_fields().u64(names::ITEM_ID)?.first_or_default_col(0);
            found.push(ItemId(ids.get_val(address.doc_id) as i64));
        }
        Ok(found)
    }

    /// Memory held for searches besides the index files (the per-segment facts).
    pub fn cache_size(&self) -> usize {
        self.segments.size()
    }
}

/// Empties a directory that holds no usable index.
fn clear_directory(dir: &Path) -> Result<(), SearchError> {
    let error = |e: std::io::Error| SearchError::Directory(dir.to_path_buf(), e.to_string());
    for entry in std::fs::read_dir(dir).map_err(error)? {
        let path = entry.map_err(error)?.path();
        if path.file_name().is_some_and(|n| n == "praxis.lock") {
            continue;
        }
        if path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(error)?;
        } else {
            std::fs::remove_file(&path).map_err(error)?;
        }
    }
    Ok(())
}

fn open_writer(index: &Index, writing: Writing) -> Result<IndexWriter, SearchError> {
    match index.writer_with_num_threads(writing.threads(), writing.memory()) {
        Ok(writer) => Ok(writer),
        Err(tantivy::TantivyError::LockFailure(..)) => Err(SearchError::Locked),
        Err(e) => Err(e.into()),
    }
}
