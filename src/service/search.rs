//! Keeping the search index complete, and searching with views a reader can use.

use crate::storage::{Database, StorageError, search_index};

/// Items indexed per transaction while rebuilding.
const REBUILD_BATCH: i64 = 500;

/// Builds the search documents of every item when the index is older than this version of
/// Praxis (or was never built); does nothing otherwise.
pub fn rebuild_index_if_needed(db: &Database) -> Result<(), StorageError> {
    if !db.read_blocking(search_index::needs_rebuild)? {
        return Ok(());
    }
    rebuild_index(db, |done| {
        tracing::info!(items = done, "rebuilding the search index")
    })
}

/// Builds the search documents of every item again, reporting progress after each batch.
pub fn rebuild_index(db: &Database, mut progress: impl FnMut(usize)) -> Result<(), StorageError> {
    let mut after = 0;
    let mut done = 0;
    while let Some(last) =
        db.write_blocking(|conn| search_index::rebuild_batch(conn, after, REBUILD_BATCH))?
    {
        after = last;
        done += REBUILD_BATCH as usize;
        progress(done);
    }
    Ok(())
}
