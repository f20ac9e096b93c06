//! The `search_changes` table: every change of an item, in the order of its position, written in
//! the transaction of the change. Each process's search index applies them in order.

use chrono::Duration;
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl, dsl::max, dsl::min};

use super::{
    DbConn, StorageError, dispatch, from_db_time, items::ItemId, schema::search_changes, to_db_time,
};
use crate::domain::item::now;

/// One change: its position in the log and the item it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub position: i64,
    pub item: ItemId,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Records that `item` changed (created, edited, deleted), in the caller's transaction.
pub fn record(conn: &mut DbConn<'_>, item: ItemId) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::insert_into(search_changes::table)
        .values((
            search_changes::item_id.eq(item.0),
            search_changes::changed_at.eq(to_db_time(now())),
        ))
        .execute(c))?;
    Ok(())
}

/// Up to `limit` changes after `position`, in order.
pub fn after(conn: &mut DbConn<'_>, position: i64, limit: i64) -> Result<Vec<Change>, StorageError> {
    let rows: Vec<(i64, i64, chrono::NaiveDateTime)> = dispatch!(conn, c => search_changes::table
        .filter(search_changes::position.gt(position))
        .order(search_changes::position.asc())
        .limit(limit)
        .select((search_changes::position, search_changes::item_id, search_changes::changed_at))
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(|(position, item, at)| Change {
            position,
            item: ItemId(item),
            at: from_db_time(at),
        })
        .collect())
}

/// The oldest and newest positions in the log (`None` when it is empty).
pub fn bounds(conn: &mut DbConn<'_>) -> Result<Option<(i64, i64)>, StorageError> {
    // Two statements: SQLite answers `MIN` or `MAX` alone from the key, both together by
    // reading every row (every search asks, and the log holds a row per item backfilled).
    let low: Option<i64> = dispatch!(conn, c => search_changes::table
        .select(min(search_changes::position))
        .first(c))?;
    let high: Option<i64> = dispatch!(conn, c => search_changes::table
        .select(max(search_changes::position))
        .first(c))?;
    Ok(low.zip(high))
}

/// Forgets changes older than `age` (every index has applied them long ago; one that has not
/// rebuilds), keeping the newest so that positions keep growing. Returns how many went.
pub fn prune(conn: &mut DbConn<'_>, age: Duration) -> Result<usize, StorageError> {
    let Some((_, newest)) = bounds(conn)? else {
        return Ok(0);
    };
    let before = to_db_time(now() - age);
    Ok(dispatch!(conn, c => diesel::delete(
        search_changes::table
            .filter(search_changes::changed_at.lt(before))
            .filter(search_changes::position.lt(newest)),
    )
    .execute(c))?)
}
