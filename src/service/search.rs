//! Keeping each process's search index in step with the database.
//!
//! Every item change writes a row of `search_changes` in its own transaction. One indexer per
//! process ([`SearchIndexer`]) applies the rows in position order (the item's current state, or
//! its removal), then commits the index with the last position applied: a restart resumes
//! exactly there, and applying a change twice changes nothing. On PostgreSQL positions are taken
//! before commit, so a later position can commit first: the indexer stops at a gap and waits
//! for it to fill, up to [`GAP_PATIENCE`] (a rolled-back transaction leaves a gap forever).
//!
//! An index that is missing, of another version or half rebuilt is rebuilt from the items while
//! the server already answers (searches say so, with progress).

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::Arc,
    time::{Duration, Instant},
};

use tokio::{sync::watch, task::JoinHandle};

use crate::domain::audience::Visibility;
use crate::{
    config::Settings,
    domain::city::City,
    search::{
        SearchEngine, SearchError, Status, Writing,
        document::{self, ItemToIndex, Labels},
    },
    storage::{
        Database, StorageError,
        cities::{self, CityId},
        items::{self, ItemId},
        search_changes,
    },
};

/// Changes read and applied per batch.
const BATCH: i64 = 1000;
/// Items per batch while rebuilding.
const REBUILD_BATCH: i64 = 1000;
/// Rebuilds of at least this many items use the large writer ([`Writing::Bulk`]).
const BULK_REBUILD_ITEMS: u64 = 5_000;
/// How often the indexer looks for changes other processes (or this one) committed.
const POLL: Duration = Duration::from_millis(100);
/// How long a gap in positions is waited for before it is taken as a rolled-back change.
const GAP_PATIENCE: Duration = Duration::from_secs(10);
/// Changes older than this are pruned from the log.
const KEEP_CHANGES: chrono::Duration = chrono::Duration::days(2);
/// Index directories tried in turn when another process holds the first.
const MAX_DIRECTORIES: usize = 8;

/// Why keeping the index failed.
#[derive(Debug, thiserror::Error)]
pub enum IndexingError {
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The default index directory of an instance.
pub fn index_directory(settings: &Settings) -> PathBuf {
    settings.data_dir().join("search-index")
}

/// Opens this process's index: the instance's index directory, or, when another process on this
/// machine holds it (several `praxis serve` on one database), the first free sibling
/// (`search-index-2`, ...). Returns the engine and the position it is current to.
pub fn open_engine(settings: &Settings) -> Result<(SearchEngine, Option<i64>), SearchError> {
    let first = index_directory(settings);
    for n in 1..=MAX_DIRECTORIES {
        let dir = match n {
            1 => first.clone(),
            n => sibling(&first, n),
        };
        match SearchEngine::open(&dir) {
            Err(SearchError::Locked) => continue,
            Ok(opened) => {
                tracing::info!(dir = %dir.display(), current = opened.1.is_some(), "search index opened");
                return Ok(opened);
            }
            Err(e) => return Err(e),
        }
    }
    Err(SearchError::Locked)
}

/// Opens the instance's own index directory, failing with [`SearchError::Locked`] when another
/// process holds it (`praxis reindex` rebuilds that one, not a sibling).
pub fn open_engine_exclusively(settings: &Settings) -> Result<SearchEngine, SearchError> {
    SearchEngine::open(&index_directory(settings)).map(|(engine, _)| engine)
}

fn sibling(dir: &Path, n: usize) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(format!("-{n}"));
    dir.with_file_name(name)
}

/// What the indexer needs: the database, the engine, and the labels codes are found by.
#[derive(Clone)]
pub struct IndexerContext {
    pub db: Database,
    pub engine: Arc<SearchEngine>,
    pub labels: Arc<dyn Labels>,
}

/// Up to `limit` items like the item `id`, most alike first (see [`SearchEngine::similar`]);
/// with `public_only`, only public ones. None for an item that is deleted or not held.
pub async fn related(
    context: IndexerContext,
    id: ItemId,
    public_only: bool,
    limit: usize,
) -> Result<Vec<ItemId>, IndexingError> {
    tokio::task::spawn_blocking(move || {
        let built = documents(&context, &[id], &mut HashMap::new())?;
        match built.into_iter().next().and_then(|(_, document)| document) {
            Some(document) => Ok(context.engine.similar(&document, id, public_only, limit)?),
            None => Ok(Vec::new()),
        }
    })
    .await
    .expect("the search for related items panicked")
}

/// Builds the documents of `ids` (none for deleted or vanished items).
fn documents(
    context: &IndexerContext,
    ids: &[ItemId],
    cities_seen: &mut HashMap<CityId, City>,
) -> Result<Vec<(ItemId, Option<tantivy::TantivyDocument>)>, StorageError> {
    let (stored, adapting) = context.db.read_blocking(|conn| -> Result<_, StorageError> {
        let stored = items::get_many(conn, ids)?;
        for item in &stored {
            if let std::collections::hash_map::Entry::Vacant(slot) = cities_seen.entry(item.origin_city_id) {
                slot.insert(cities::get(conn, item.origin_city_id)?);
            }
        }
        let ap_ids: Vec<&str> = stored.iter().map(|s| s.item.ap_id.as_str()).collect();
        let adapting = items::adapting_cities(conn, &ap_ids)?;
        Ok((stored, adapting))
    })?;
    let fields = *context.engine.fields();
    let mut documents: Vec<(ItemId, Option<tantivy::TantivyDocument>)> =
        ids.iter().map(|id| (*id, None)).collect();
    let slots: HashMap<ItemId, usize> = ids.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    for item in stored.into_iter().filter(|s| s.deleted_at.is_none()) {
        let city = &cities_seen[&item.origin_city_id];
        let document = document::build(
            &fields,
            &ItemToIndex {
                id: item.id,
                content: &item.item.content,
                published: item.item.published,
                updated: item.item.updated,
                adapted: adapting.contains_key(item.item.ap_id.as_str()),
                city,
            },
            context.labels.as_ref(),
        );
        if let Some(slot) = slots.get(&item.id) {
            documents[*slot].1 = Some(document);
        }
    }
    Ok(documents)
}

/// An index that must be rebuilt (`position` is `None`) while the database holds no items is
/// current as it is: it is marked so at once, and a new city's first searches do not meet a
/// rebuild. Returns the position the index is current to.
pub fn current_if_nothing_to_index(
    db: &Database,
    engine: &SearchEngine,
    position: Option<i64>,
) -> Result<Option<i64>, IndexingError> {
    if position.is_some() {
        return Ok(position);
    }
    let (newest, items) = db.read_blocking(|conn| -> Result<_, StorageError> {
        let newest = search_changes::bounds(conn)?.map_or(0, |(_, newest)| newest);
        Ok((
            newest,
            items::count(conn, items::Scope::All, Visibility::Everything)?,
        ))
    })?;
    if items > 0 {
        return Ok(None);
    }
    // Changes committed after `newest` are applied by the indexer as usual.
    engine.clear()?;
    engine.commit(Some(newest))?;
    Ok(Some(newest))
}

/// Builds the whole index again from the items, reporting progress to the engine's status and to
/// `progress`; returns the position it is current to.
pub fn rebuild(context: &IndexerContext, mut progress: impl FnMut(u64, u64)) -> Result<i64, IndexingError> {
    let engine = &context.engine;
    // Changes committed from now on are applied after the rebuild, so none is missed.
    let (start, total) = context.db.read_blocking(|conn| -> Result<_, StorageError> {
        let position = search_changes::bounds(conn)?.map_or(0, |(_, newest)| newest);
        Ok((
            position,
            items::count(conn, items::Scope::All, Visibility::Everything)? as u64,
        ))
    })?;
    let started = Instant::now();
    tracing::info!(items = total, "rebuilding the search index");
    engine.set_status(Status::Rebuilding { indexed: 0, total });
    // Reopening the writer costs more than indexing a few thousand items: small rebuilds (a new
    // city's empty index) keep the standing one and end sooner.
    if total >= BULK_REBUILD_ITEMS {
        engine.set_writing(Writing::Bulk)?;
    }
    engine.clear()?;
    engine.commit(None)?;
    let mut indexed = 0u64;
    let mut since_commit = 0u64;
    // One thread reads items and builds their documents while this one hands them to the
    // index's writer: the database and the indexing overlap.
    std::thread::scope(|scope| -> Result<(), IndexingError> {
        let (batches, built) = std::sync::mpsc::sync_channel::<Result<Vec<_>, StorageError>>(2);
        let reader_context = context.clone();
        scope.spawn(move || {
            let mut cities_seen = HashMap::new();
            let mut after = ItemId(0);
            loop {
                let batch = reader_context
                    .db
                    .read_blocking(|conn| items::ids_after(conn, after, REBUILD_BATCH))
                    .and_then(|ids| {
                        after = ids.last().copied().unwrap_or(after);
                        documents(&reader_context, &ids, &mut cities_seen)
                    });
                let done = matches!(&batch, Ok(documents) if documents.is_empty()) || batch.is_err();
                if batches.send(batch).is_err() || done {
                    return;
                }
            }
        });
        for batch in built {
            let documents = batch?;
            if documents.is_empty() {
                break;
            }
            let count = documents.len() as u64;
            engine.replace(documents)?;
            indexed += count;
            since_commit += count;
            // Visible as it goes; a crash now rebuilds again (the position stays unknown).
            if since_commit >= 100_000 {
                engine.commit(None)?;
                since_commit = 0;
            }
            engine.set_status(Status::Rebuilding {
                indexed,
                total: total.max(indexed),
            });
            progress(indexed, total.max(indexed));
        }
        Ok(())
    })?;
    engine.commit(Some(start))?;
    engine.set_status(Status::Ready);
    engine.set_writing(Writing::Incremental)?;
    tracing::info!(
        items = indexed,
        seconds = started.elapsed().as_secs_f64(),
        "search index rebuilt"
    );
    Ok(start)
}

/// Applies the changes after `position` that can be applied now; returns the new position.
fn catch_up(
    context: &IndexerContext,
    position: i64,
    gap: &mut Option<(i64, Instant)>,
) -> Result<i64, IndexingError> {
    let changes = context
        .db
        .read_blocking(|conn| search_changes::after(conn, position, BATCH))?;
    let mut applied_to = position;
    let mut ids = Vec::new();
    for change in &changes {
        if change.position != applied_to + 1 {
            // A position not committed (yet): wait for it a while, then skip it.
            let waited = match gap {
                Some((at, since)) if *at == applied_to + 1 => since.elapsed(),
                _ => {
                    *gap = Some((applied_to + 1, Instant::now()));
                    Duration::ZERO
                }
            };
            if waited < GAP_PATIENCE {
                break;
            }
            tracing::debug!(
                from = applied_to + 1,
                to = change.position - 1,
                "skipping positions never committed"
            );
        }
        ids.push(change.item);
        applied_to = change.position;
    }
    if applied_to == position {
        return Ok(position);
    }
    *gap = None;
    ids.sort_by_key(|id| id.0);
    ids.dedup();
    let documents = documents(context, &ids, &mut HashMap::new())?;
    context.engine.replace(documents)?;
    context.engine.commit(Some(applied_to))?;
    Ok(applied_to)
}

/// Whether an index current to `position` can catch up from the log, or missed changes that
/// were pruned and must rebuild.
fn can_catch_up(db: &Database, position: i64) -> Result<bool, StorageError> {
    Ok(match db.read_blocking(search_changes::bounds)? {
        Some((oldest, _)) => oldest <= position + 1,
        None => true,
    })
}

/// Longest a search waits for the index to reflect changes already committed.
const FRESHNESS_WAIT: Duration = Duration::from_secs(1);

/// Waits (briefly) until the index reflects every change committed before this call, so that a
/// search made after a change sees it, in this process or another. A rebuild under way is not
/// waited for: its searches say so.
pub async fn wait_until_current(db: &Database, engine: &SearchEngine, wake: &tokio::sync::Notify) {
    if matches!(engine.status(), Status::Rebuilding { .. }) {
        return;
    }
    let newest = match db.read(search_changes::bounds).await {
        Ok(bounds) => bounds.map(|(_, newest)| newest),
        Err(e) => {
            tracing::warn!(error = %e, "could not read the search change log");
            return;
        }
    };
    let Some(newest) = newest else {
        return;
    };
    let mut applied = engine.watch_applied();
    if applied.borrow().is_some_and(|p| p >= newest) {
        return;
    }
    wake.notify_one();
    let reached = tokio::time::timeout(
        FRESHNESS_WAIT,
        applied.wait_for(|p| p.is_some_and(|p| p >= newest)),
    )
    .await;
    if reached.is_err() {
        tracing::debug!(newest, "searching an index that has not caught up yet");
    }
}

/// The background task that keeps the index in step.
pub struct SearchIndexer {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl SearchIndexer {
    /// Starts keeping the index; `position` is what the engine is current to (`None`: rebuild).
    pub fn spawn(
        context: IndexerContext,
        position: Option<i64>,
        wake: Arc<tokio::sync::Notify>,
    ) -> SearchIndexer {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            let mut position = position;
            let mut gap = None;
            let mut last_prune = Instant::now();
            loop {
                if *stopped.borrow() {
                    return;
                }
                let step_context = context.clone();
                let current = position;
                let mut step_gap = gap;
                let prune = last_prune.elapsed() > Duration::from_secs(3600);
                let step = tokio::task::spawn_blocking(
                    move || -> Result<(i64, Option<(i64, Instant)>), IndexingError> {
                        let position = match current {
                            Some(p) if can_catch_up(&step_context.db, p)? => p,
                            _ => rebuild(&step_context, |_, _| {})?,
                        };
                        let position = catch_up(&step_context, position, &mut step_gap)?;
                        if prune {
                            step_context
                                .db
                                .write_blocking(|conn| search_changes::prune(conn, KEEP_CHANGES))?;
                        }
                        Ok((position, step_gap))
                    },
                )
                .await;
                match step {
                    Ok(Ok((new_position, new_gap))) => {
                        // A full batch means a backlog: look again at once. Otherwise wait for
                        // the next poll (or a search that needs the index current): under a
                        // steady trickle of changes the index commits every POLL, not once per
                        // change, since every commit starts new segments and costs far more
                        // than indexing one item.
                        let backlog = match position {
                            Some(old) => new_position - old >= BATCH,
                            None => true,
                        };
                        position = Some(new_position);
                        gap = new_gap;
                        if prune {
                            last_prune = Instant::now();
                        }
                        if backlog {
                            continue;
                        }
                    }
                    Ok(Err(e)) => {
                        tracing::error!(error = %e, "could not update the search index; trying again");
                    }
                    Err(e) => tracing::error!(error = %e, "the search indexer failed"),
                }
                tokio::select! {
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(POLL) => {}
                    _ = stopped.changed() => {}
                }
            }
        });
        SearchIndexer { stop, task }
    }

    /// Stops after the batch in progress (it is committed, or applied again after a restart).
    pub async fn shutdown(self, grace: Duration) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(grace, self.task).await.is_err() {
            tracing::warn!("search indexer did not stop in time");
        }
    }
}
