//! The `backfills` table: imports of a followed city's history, resumable and observable.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::{BoolExpressionMethods, ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};
use url::Url;

use super::{
    DbConn, StorageError, cities::CityId, dispatch, from_db_time, schema::backfills, stored_url_opt,
    to_db_time,
};
use crate::domain::item::now;

/// Where a backfill stands.
pub mod state {
    /// Waiting for a worker (new, or interrupted and to be resumed).
    pub const PENDING: &str = "pending";
    pub const DONE: &str = "done";
    /// Stopped by an error; kept with it, retried when asked.
    pub const FAILED: &str = "failed";
}

/// A backfill job and its progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backfill {
    pub id: i64,
    pub city_id: CityId,
    pub state: String,
    /// The outbox page to fetch next; `None` to start from the outbox itself.
    pub next_page: Option<Url>,
    pub pages: i32,
    pub items_seen: i32,
    pub items_imported: i32,
    pub last_error: Option<String>,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

type Row = (
    i64,
    i64,
    String,
    Option<String>,
    i32,
    i32,
    i32,
    Option<String>,
    NaiveDateTime,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

macro_rules! columns {
    () => {
        (
            backfills::id,
            backfills::city_id,
            backfills::state,
            backfills::next_page,
            backfills::pages,
            backfills::items_seen,
            backfills::items_imported,
            backfills::last_error,
            backfills::started_at,
            backfills::updated_at,
            backfills::finished_at,
        )
    };
}

fn to_backfill(row: Row) -> Result<Backfill, StorageError> {
    let (id, city, state, next_page, pages, seen, imported, last_error, started, updated, finished) = row;
    Ok(Backfill {
        id,
        city_id: CityId(city),
        state,
        next_page: stored_url_opt(next_page)?,
        pages,
        items_seen: seen,
        items_imported: imported,
        last_error,
        started_at: from_db_time(started),
        updated_at: from_db_time(updated),
        finished_at: finished.map(from_db_time),
    })
}

/// Starts (or restarts from the beginning) the backfill of `city`. One that is running now is
/// left to run: it reads the outbox as it is, and restarting it under its worker would run the
/// same import twice side by side.
pub fn start(conn: &mut DbConn<'_>, city: CityId) -> Result<(), StorageError> {
    let at = to_db_time(now());
    let running = dispatch!(conn, c => backfills::table
        .filter(backfills::city_id.eq(city.0))
        .filter(backfills::state.eq(state::PENDING))
        .filter(backfills::lease_until.gt(at))
        .select(backfills::id)
        .first::<i64>(c)
        .optional())?;
    if running.is_some() {
        return Ok(());
    }
    dispatch!(conn, c => diesel::insert_into(backfills::table)
        .values((
            backfills::city_id.eq(city.0),
            backfills::state.eq(state::PENDING),
            backfills::started_at.eq(at),
            backfills::updated_at.eq(at),
        ))
        .on_conflict(backfills::city_id)
        .do_update()
        .set((
            backfills::state.eq(state::PENDING),
            backfills::next_page.eq(None::<String>),
            backfills::pages.eq(0),
            backfills::items_seen.eq(0),
            backfills::items_imported.eq(0),
            backfills::last_error.eq(None::<String>),
            backfills::lease_until.eq(None::<NaiveDateTime>),
            backfills::started_at.eq(at),
            backfills::updated_at.eq(at),
            backfills::finished_at.eq(None::<NaiveDateTime>),
        ))
        .execute(c))?;
    Ok(())
}

/// Leases one pending backfill for `lease`; call inside a write transaction.
pub fn claim(conn: &mut DbConn<'_>, lease: Duration) -> Result<Option<Backfill>, StorageError> {
    let at = to_db_time(now());
    let claimable = backfills::state
        .eq(state::PENDING)
        .and(backfills::lease_until.is_null().or(backfills::lease_until.lt(at)));
    // Two processes (a server and `praxis network join`) may look at once: on PostgreSQL the
    // row is locked until this transaction ends, and a row another one holds is skipped, so one
    // job never runs twice side by side. SQLite's immediate transaction excludes other writers.
    let row: Option<Row> = match conn {
        DbConn::Postgres(c) => backfills::table
            .filter(claimable)
            .order(backfills::updated_at.asc())
            .select(columns!())
            .for_update()
            .skip_locked()
            .first(*c)
            .optional()?,
        DbConn::Sqlite(c) => backfills::table
            .filter(claimable)
            .order(backfills::updated_at.asc())
            .select(columns!())
            .first(*c)
            .optional()?,
    };
    let Some(row) = row else { return Ok(None) };
    let until = to_db_time(now() + lease);
    dispatch!(conn, c => diesel::update(backfills::table.find(row.0)).set(backfills::lease_until.eq(Some(until))).execute(c))?;
    to_backfill(row).map(Some)
}

/// Records progress after a page; `next_page` is where to resume.
pub fn progress(
    conn: &mut DbConn<'_>,
    id: i64,
    next_page: Option<&Url>,
    seen: i32,
    imported: i32,
    lease: Duration,
) -> Result<(), StorageError> {
    let at = now();
    dispatch!(conn, c => diesel::update(backfills::table.find(id))
        .set((
            backfills::next_page.eq(next_page.map(Url::as_str)),
            backfills::pages.eq(backfills::pages + 1),
            backfills::items_seen.eq(backfills::items_seen + seen),
            backfills::items_imported.eq(backfills::items_imported + imported),
            backfills::updated_at.eq(to_db_time(at)),
            backfills::lease_until.eq(Some(to_db_time(at + lease))),
        ))
        .execute(c))?;
    Ok(())
}

/// Ends a backfill: done, or failed with `error`.
pub fn finish(conn: &mut DbConn<'_>, id: i64, error: Option<&str>) -> Result<(), StorageError> {
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::update(backfills::table.find(id))
        .set((
            backfills::state.eq(if error.is_some() { state::FAILED } else { state::DONE }),
            backfills::last_error.eq(error),
            backfills::lease_until.eq(None::<NaiveDateTime>),
            backfills::updated_at.eq(at),
            backfills::finished_at.eq(Some(at)),
        ))
        .execute(c))?;
    Ok(())
}

/// Hands an interrupted backfill back, to be resumed from its next page.
pub fn release(conn: &mut DbConn<'_>, id: i64) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(backfills::table.find(id).filter(backfills::state.eq(state::PENDING)))
        .set(backfills::lease_until.eq(None::<NaiveDateTime>))
        .execute(c))?;
    Ok(())
}

/// Every backfill, most recent first.
pub fn list(conn: &mut DbConn<'_>) -> Result<Vec<Backfill>, StorageError> {
    let rows: Vec<Row> = dispatch!(conn, c => backfills::table
        .order(backfills::started_at.desc())
        .select(columns!())
        .load(c))?;
    rows.into_iter().map(to_backfill).collect()
}

/// The backfill of one city.
pub fn for_city(conn: &mut DbConn<'_>, city: CityId) -> Result<Option<Backfill>, StorageError> {
    let row: Option<Row> = dispatch!(conn, c => backfills::table
        .filter(backfills::city_id.eq(city.0))
        .select(columns!())
        .first(c)
        .optional())?;
    row.map(to_backfill).transpose()
}
