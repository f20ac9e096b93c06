//! The database: connection pools for SQLite and PostgreSQL, migrations, and one module of
//! queries per table. Rows (what diesel reads and writes) are converted to domain types here.
//!
//! Queries are written once against diesel's query builder and compiled for both backends by
//! [`dispatch!`]; the few that differ (locking queue rows) say so where they are.

pub mod backfills;
pub mod bookmarks;
pub mod cities;
pub mod communities;
pub mod deliveries;
pub mod follows;
pub mod items;
pub mod machine_translations;
pub mod mail;
pub mod migrations;
pub mod outbox;
pub mod peer_following;
pub mod policy;
pub mod policy_cache;
pub mod received;
pub mod replies;
pub mod schema;
pub mod search_changes;
pub mod shares;
pub mod translations;
pub mod uploads;
pub mod users;
mod writer;

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{
    Connection, PgConnection, QueryableByName, RunQueryDsl, SqliteConnection,
    r2d2::{ConnectionManager, CustomizeConnection, Pool},
};

use crate::config::DatabaseLocation;

/// Runs `$body` with `$c` bound to the concrete connection of whichever backend `$conn` uses.
macro_rules! dispatch {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::storage::DbConn::Sqlite(inner) => {
                let $c: &mut ::diesel::SqliteConnection = &mut **inner;
                $body
            }
            $crate::storage::DbConn::Postgres(inner) => {
                let $c: &mut ::diesel::PgConnection = &mut **inner;
                $body
            }
        }
    };
}
pub(crate) use dispatch;

/// The database backend in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A borrowed connection of either backend; every query function takes one.
pub enum DbConn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

impl DbConn<'_> {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Sqlite(_) => Backend::Sqlite,
            DbConn::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Why a database operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("could not get a database connection: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("could not open the database: {0}")]
    Open(String),
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("database task failed: {0}")]
    Task(String),
}

/// A pool of connections to the instance's database; cheap to clone.
#[derive(Clone)]
pub struct Database {
    pools: Pools,
    /// Every write goes through it (group commit, see [`writer`]).
    writer: writer::WriteQueue,
}

#[derive(Clone)]
enum Pools {
    Sqlite(Pool<ConnectionManager<SqliteConnection>>),
    Postgres(Pool<ConnectionManager<PgConnection>>),
}

/// Per-connection SQLite settings: wait for the writer instead of failing, enforce foreign keys.
#[derive(Debug)]
struct SqliteSetup;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for SqliteSetup {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        diesel::sql_query(
            "PRAGMA busy_timeout = 15000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
        )
        .execute(conn)
        .map(|_| ())
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Whether this SQLite keeps a statement's plan whatever is bound to it (the query planner
/// stability guarantee, compiled in by `.cargo/config.toml`), so cached statements stay prepared.
fn plans_ignore_bound_values(conn: &mut SqliteConnection) -> bool {
    #[derive(QueryableByName)]
    struct Used {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        used: i32,
    }
    diesel::sql_query("SELECT sqlite_compileoption_used('ENABLE_QPSG') AS used")
        .get_result::<Used>(conn)
        .is_ok_and(|u| u.used == 1)
}

impl Database {
    /// Opens (and for SQLite creates) the database and its connection pool.
    pub fn connect(location: &DatabaseLocation, pool_size: u32) -> Result<Database, StorageError> {
        let pools = match location {
            DatabaseLocation::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| StorageError::Open(format!("cannot create {}: {e}", dir.display())))?;
                }
                let url = path.to_string_lossy().to_string();
                // WAL lets readers proceed while one writer commits; it is a property of the
                // file, so setting it once here is enough. Switching needs a moment of exclusive
                // access: wait for it like every other connection does, since a process that
                // just stopped (or a one-shot command) may still be closing its connections.
                let mut conn = SqliteConnection::establish(&url)
                    .map_err(|e| StorageError::Open(format!("{url}: {e}")))?;
                diesel::sql_query("PRAGMA busy_timeout = 15000")
                    .execute(&mut conn)
                    .map_err(|e| StorageError::Open(format!("{url}: {e}")))?;
                diesel::sql_query("PRAGMA journal_mode = WAL")
                    .execute(&mut conn)
                    .map_err(|e| StorageError::Open(format!("{url}: enabling WAL: {e}")))?;
                if !plans_ignore_bound_values(&mut conn) {
                    tracing::warn!(
                        "SQLite was built without SQLITE_ENABLE_QPSG (see .cargo/config.toml): every query with a LIMIT is planned again on each call"
                    );
                }
                let pool = Pool::builder()
                    .max_size(pool_size)
                    .min_idle(Some(1))
                    .connection_timeout(Duration::from_secs(30))
                    .connection_customizer(Box::new(SqliteSetup))
                    .build(ConnectionManager::new(url))
                    .map_err(|e| StorageError::Open(e.to_string()))?;
                Pools::Sqlite(pool)
            }
            DatabaseLocation::Postgres(url) => {
                let pool = Pool::builder()
                    .max_size(pool_size)
                    .min_idle(Some(1))
                    .connection_timeout(Duration::from_secs(30))
                    .build(ConnectionManager::new(url.expose().clone()))
                    .map_err(|e| {
                        StorageError::Open(format!("{}: {e}", crate::config::without_password(url.expose())))
                    })?;
                Pools::Postgres(pool)
            }
        };
        let writer = writer::WriteQueue::start(pools.clone())?;
        Ok(Database { pools, writer })
    }

    pub fn backend(&self) -> Backend {
        match self.pools {
            Pools::Sqlite(_) => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs `f` on a pooled connection, outside any transaction, blocking the calling thread.
    pub fn read_blocking<T, E>(&self, f: impl FnOnce(&mut DbConn<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StorageError>,
    {
        match &self.pools {
            Pools::Sqlite(pool) => {
                let mut conn = pool.get().map_err(StorageError::from)?;
                f(&mut DbConn::Sqlite(&mut conn))
            }
            Pools::Postgres(pool) => {
                let mut conn = pool.get().map_err(StorageError::from)?;
                f(&mut DbConn::Postgres(&mut conn))
            }
        }
    }

    /// Runs `f` in one transaction of its own, blocking the calling thread: everything or
    /// nothing is written. For blocking code (the search indexer's housekeeping, tests); async
    /// code uses [`Database::write`], which commits writes together. SQLite takes the write lock
    /// at the start, so concurrent writers queue instead of failing halfway.
    pub fn write_blocking<T, E>(&self, f: impl FnOnce(&mut DbConn<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StorageError> + From<diesel::result::Error>,
    {
        match &self.pools {
            Pools::Sqlite(pool) => {
                let mut conn = pool.get().map_err(StorageError::from)?;
                conn.immediate_transaction(|c| f(&mut DbConn::Sqlite(c)))
            }
            Pools::Postgres(pool) => {
                let mut conn = pool.get().map_err(StorageError::from)?;
                conn.transaction(|c| f(&mut DbConn::Postgres(c)))
            }
        }
    }

    /// [`Database::read_blocking`] on the blocking thread pool, for async code.
    pub async fn read<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn<'_>) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StorageError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.read_blocking(f))
            .await
            .map_err(|e| StorageError::Task(e.to_string()))?
    }

    /// Runs `f` as one write: everything or nothing is written, and the result comes once it is
    /// committed. Writes go through the process's writer thread, several in one transaction when
    /// they queue up (group commit, see [`writer`]); waiting holds no thread.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn<'_>) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StorageError> + From<diesel::result::Error> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.writer.submit(f, move |result| {
            let _ = reply.send(result);
        });
        answer.await.unwrap_or_else(|_| Err(writer_gone()))
    }
}

/// The answer when a write was dropped unanswered: it was not committed.
fn writer_gone<E: From<StorageError>>() -> E {
    E::from(StorageError::Task(
        "the write was not committed: the database writer stopped".into(),
    ))
}

/// Timestamps are stored as UTC without a zone, the one timestamp type both backends share.
pub(crate) fn to_db_time(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub(crate) fn from_db_time(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Parses a URL kept in the database.
pub(crate) fn stored_url(value: &str) -> Result<url::Url, StorageError> {
    url::Url::parse(value).map_err(|e| StorageError::Corrupt(format!("URL `{value}`: {e}")))
}

pub(crate) fn stored_url_opt(value: Option<String>) -> Result<Option<url::Url>, StorageError> {
    value.as_deref().map(stored_url).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without the guarantee every `.first()` is parsed and planned on each call (it was a fifth
    /// of the inbox's time); losing `.cargo/config.toml` must not go unnoticed.
    #[test]
    fn the_bundled_sqlite_keeps_plans_whatever_is_bound() {
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        assert!(plans_ignore_bound_values(&mut conn));
    }
}
