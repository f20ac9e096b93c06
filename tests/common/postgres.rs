//! Test databases: a SQLite file in the instance's directory, or a fresh PostgreSQL database
//! created for one test and dropped after it, so runs never see each other's rows.

use std::path::PathBuf;

use diesel::{Connection, PgConnection, RunQueryDsl};

/// The environment variable naming the PostgreSQL server tests may create databases on.
pub const PG_ENV: &str = "PRAXIS_TEST_DATABASE_URL";
/// The server used when [`PG_ENV`] is not set: a local PostgreSQL with trust authentication, as
/// on a development machine set up by `./scripts/test`.
pub const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The PostgreSQL server tests create their databases on.
pub fn server_url() -> String {
    std::env::var(PG_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_SERVER.to_string())
}

pub enum TestDatabase {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    pub fn sqlite(path: PathBuf) -> TestDatabase {
        TestDatabase::Sqlite(path)
    }

    /// Creates a database with a unique name on the server of [`server_url`].
    pub fn postgres() -> TestDatabase {
        let admin_url = server_url();
        let name = format!("praxis_test_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
            panic!(
                "the PostgreSQL variants of the tests need a server, and {} is not reachable: {e}\n\
                 Run ./scripts/test, which installs and starts what the tests need, or set \
                 {PG_ENV} to a server where the tests may create databases.",
                praxis::config::without_password(&admin_url)
            )
        });
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        TestDatabase::Postgres { admin_url, name }
    }

    /// The database URL for the instance's configuration.
    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite(path) => format!("sqlite://{}", path.display()),
            TestDatabase::Postgres { admin_url, name } => {
                let mut url = url::Url::parse(admin_url).expect("PRAXIS_TEST_DATABASE_URL is a URL");
                url.set_path(name);
                url.to_string()
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { admin_url, name } = self
            && let Ok(mut conn) = PgConnection::establish(admin_url)
        {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
        }
    }
}
