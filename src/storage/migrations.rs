//! Schema migrations, embedded in the binary and kept per backend under `migrations/`.

use diesel::RunQueryDsl;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::{Database, DbConn, StorageError};

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Serializes migrations of several Praxis processes sharing one PostgreSQL database.
const PG_MIGRATION_LOCK: i64 = 0x7072_6178_6973; // "praxis"

impl Database {
    /// Applies every migration not yet applied; returns the versions it applied.
    pub fn migrate(&self) -> Result<Vec<String>, StorageError> {
        self.read_blocking(|conn| match conn {
            DbConn::Sqlite(c) => applied(c.run_pending_migrations(SQLITE)),
            DbConn::Postgres(c) => {
                diesel::sql_query(format!("SELECT pg_advisory_lock({PG_MIGRATION_LOCK})")).execute(*c)?;
                let result = applied(c.run_pending_migrations(POSTGRES));
                diesel::sql_query(format!("SELECT pg_advisory_unlock({PG_MIGRATION_LOCK})")).execute(*c)?;
                result
            }
        })
    }

    /// Reverts every applied migration, newest first; returns the versions it reverted.
    pub fn revert_all_migrations(&self) -> Result<Vec<String>, StorageError> {
        self.read_blocking(|conn| match conn {
            DbConn::Sqlite(c) => applied(c.revert_all_migrations(SQLITE)),
            DbConn::Postgres(c) => applied(c.revert_all_migrations(POSTGRES)),
        })
    }

    /// Versions of migrations known to this binary but not applied to the database.
    pub fn pending_migrations(&self) -> Result<Vec<String>, StorageError> {
        self.read_blocking(|conn| {
            let names = match conn {
                DbConn::Sqlite(c) => c
                    .pending_migrations(SQLITE)
                    .map(|p| p.iter().map(|m| m.name().to_string()).collect()),
                DbConn::Postgres(c) => c
                    .pending_migrations(POSTGRES)
                    .map(|p| p.iter().map(|m| m.name().to_string()).collect()),
            };
            names.map_err(|e| StorageError::Migration(e.to_string()))
        })
    }
}

fn applied<V: ToString>(
    result: Result<Vec<V>, Box<dyn std::error::Error + Send + Sync>>,
) -> Result<Vec<String>, StorageError> {
    result
        .map(|versions| versions.iter().map(ToString::to_string).collect())
        .map_err(|e| StorageError::Migration(e.to_string()))
}
