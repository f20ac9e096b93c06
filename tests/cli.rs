//! The command line as a user meets it: help, migrations, and refusals at start-up.

mod common;

use common::praxis_in;

use clap::{CommandFactory, Parser};
use diesel::{Connection, sqlite::SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use praxis::{
    app::AppContext,
    cli::{Cli, run},
    config::{Overrides, Settings},
    domain::user::Role,
    service::accounts::{LoginThrottle, authenticate},
    storage::{Database, StorageError, cities},
};

/// The SQLite migrations the binary embeds, for taking a database back to an older version.
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// Whether `username` logs in with `password`, with a throttle of its own.
async fn logs_in(db: &Database, username: &str, password: &str) -> bool {
    authenticate(
        db,
        &LoginThrottle::default(),
        username,
        password,
        std::net::Ipv4Addr::LOCALHOST.into(),
    )
    .await
    .is_ok()
}

#[test]
fn help_explains_every_command_and_the_common_options() {
    let mut command = Cli::command();
    let help = command.render_long_help().to_string();
    for (name, words) in [
        ("serve", "web server"),
        ("migrate", "migrations"),
        ("follow", "Follow a peer city"),
        ("unfollow", "Stop following"),
        ("publish", "Publish a knowledge item"),
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("`{name}` is not listed in:\n{help}"));
        assert!(line.contains(words), "`{name}` is not explained: {line}");
    }
    for subcommand in ["serve", "migrate", "follow", "unfollow", "publish"] {
        let sub = command.find_subcommand_mut(subcommand).unwrap();
        let help = sub.render_long_help().to_string();
        for option in [
            "--config",
            "--listen",
            "--public-url",
            "--database-url",
            "--allow-local-peers",
        ] {
            assert!(
                help.contains(option),
                "`praxis {subcommand} --help` lacks {option}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_creates_a_sqlite_database_and_updates_an_older_one_keeping_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("praxis.db");
    let url = format!("sqlite://{}", path.display());
    let migrate = || praxis_in(dir.path(), &["--database-url", &url, "migrate"], "");
    let (ok, out, err) = migrate();
    assert!(ok, "{err}");
    assert!(path.exists(), "the database file was created");
    let migration_count =
        diesel::migration::MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE_MIGRATIONS)
            .unwrap()
            .len();
    assert!(
        out.contains(&format!("Applied {migration_count} migration(s)")),
        "{out}"
    );

    // Data written by the current version: an account, and the city the command created.
    let (ok, _, err) = praxis_in(
        dir.path(),
        &["--database-url", &url, "user", "add", "ivan", "--password-stdin"],
        "ivan's own long password\n",
    );
    assert!(ok, "{err}");
    let settings = Settings::load_without_env(&Overrides {
        database_url: Some(url.clone()),
        ..Overrides::default()
    })
    .unwrap();
    let local_city = |db: Database| async move {
        db.read(|conn| -> Result<_, StorageError> { cities::find_local(conn) })
            .await
            .unwrap()
            .expect("the local city")
            .1
    };
    let city = local_city(Database::connect(&settings.database(), 1).unwrap()).await;

    // The database as the previous release left it: its newest migrations reverted.
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    let mut reverted: Vec<String> = (0..2)
        .map(|_| conn.revert_last_migration(SQLITE_MIGRATIONS).unwrap().to_string())
        .collect();
    drop(conn);
    reverted.sort();
    let db = Database::connect(&settings.database(), 1).unwrap();
    let pending = db.pending_migrations().unwrap();
    assert_eq!(pending.len(), 2, "two migrations to apply: {pending:?}");
    drop(db);

    let (ok, out, err) = migrate();
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("Applied 2 migration(s): {}", reverted.join(", "))),
        "the reverted migrations were applied: {out}"
    );
    let db = Database::connect(&settings.database(), 1).unwrap();
    assert!(db.pending_migrations().unwrap().is_empty());
    let after = local_city(db.clone()).await;
    assert_eq!(
        (&after.ap_id, &after.handle, &after.name, &after.public_key_pem),
        (&city.ap_id, &city.handle, &city.name, &city.public_key_pem),
        "the city survived the update"
    );
    assert!(
        logs_in(&db, "ivan", "ivan's own long password").await,
        "the account survived the update"
    );

    let (ok, out, err) = migrate();
    assert!(ok, "{err}");
    assert!(out.contains("The database is up to date."), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_refuses_a_changed_public_url() {
    let dir = tempfile::tempdir().unwrap();
    let settings = |url: &str| {
        Settings::from_toml(&format!(
            "[instance]\npublic_url = \"{url}\"\ndata_dir = \"{}\"\n",
            dir.path().display()
        ))
        .unwrap()
    };
    AppContext::open(settings("https://praxis.tran.bg"))
        .await
        .expect("first start");
    let error = match AppContext::open(settings("https://praxis.other.example")).await {
        Ok(_) => panic!("a second identity was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(error.contains("https://praxis.tran.bg/city"), "{error}");
    assert!(error.contains("cannot change"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_configuration_file_stops_the_command_with_the_key_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("praxis.toml");
    std::fs::write(&config, "[federation]\nmax_request_body_bytes = \"a lot\"\n").unwrap();
    let error = run(Cli::parse_from([
        "praxis",
        "--config",
        config.to_str().unwrap(),
        "migrate",
    ]))
    .await
    .expect_err("the configuration is invalid")
    .to_string();
    assert!(error.contains("max_request_body_bytes"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_serve_applies_the_configured_profile() {
    let dir = tempfile::tempdir().unwrap();
    let settings = |name: &str| {
        Settings::from_toml(&format!(
            "[instance]\ndata_dir = \"{}\"\n[city]\nhandle = \"tran\"\nname = \"{name}\"\n",
            dir.path().display()
        ))
        .unwrap()
    };
    AppContext::open(settings("Община Трън")).await.unwrap();
    let command = AppContext::open_for_command(settings("Praxis city"))
        .await
        .unwrap();
    assert_eq!(
        command.city.name, "Община Трън",
        "a one-shot command renamed the city"
    );
    let served = AppContext::open(settings("Municipality of Tran")).await.unwrap();
    assert_eq!(served.city.name, "Municipality of Tran");
    assert_eq!(served.city.public_key_pem, command.city.public_key_pem);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_are_managed_from_the_command_line() {
    use praxis::service::accounts::token_user;

    let dir = tempfile::tempdir().unwrap();
    // What the commands did, as the instance sees it.
    let settings = Settings::from_toml(&format!(
        "[instance]\ndata_dir = \"{}\"\n",
        dir.path().join("data").display()
    ))
    .unwrap();
    let (ok, out, err) = praxis_in(
        dir.path(),
        &[
            "user",
            "add",
            "maria",
            "--role",
            "admin",
            "--name",
            "Maria Petrova",
        ],
        "",
    );
    assert!(ok, "{err}");
    let maria_password = out
        .lines()
        .find_map(|l| l.strip_prefix("Password: "))
        .unwrap_or_else(|| panic!("a generated password is printed: {out}"))
        .trim()
        .to_string();
    let (ok, _, err) = praxis_in(
        dir.path(),
        &["user", "add", "ivan", "--role", "editor", "--password-stdin"],
        "ivan's own long password\n",
    );
    assert!(ok, "{err}");
    let db = Database::connect(&settings.database(), 1).unwrap();
    assert!(
        logs_in(&db, "ivan", "ivan's own long password").await,
        "ivan logs in with the password given on standard input"
    );
    assert!(
        !logs_in(&db, "ivan", "ivan's own long passwort").await,
        "and with no other"
    );

    let (ok, out, _) = praxis_in(dir.path(), &["user", "list"], "");
    assert!(ok);
    let line = |name: &str| {
        out.lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("maria").contains("admin") && line("maria").contains("Maria Petrova"),
        "{out}"
    );
    assert!(line("ivan").contains("editor"), "{out}");

    let (ok, _, err) = praxis_in(dir.path(), &["user", "add", "ivan"], "");
    assert!(!ok && err.contains("taken"), "a second ivan is refused: {err}");
    let (ok, _, err) = praxis_in(dir.path(), &["user", "set-role", "maria", "reader"], "");
    assert!(
        !ok && err.contains("admin"),
        "the last admin keeps the role: {err}"
    );
    let (ok, _, err) = praxis_in(dir.path(), &["user", "set-role", "ivan", "reader"], "");
    assert!(ok, "{err}");
    let (ok, _, err) = praxis_in(dir.path(), &["user", "set-role", "ivan", "emperor"], "");
    assert!(!ok && err.contains("emperor"), "an unknown role is named: {err}");
    let (ok, out, err) = praxis_in(dir.path(), &["user", "reset-password", "ivan"], "");
    assert!(ok, "{err}");
    let ivan_password = out
        .lines()
        .find_map(|l| l.strip_prefix("Password: "))
        .unwrap_or_else(|| panic!("the new password is printed: {out}"))
        .trim()
        .to_string();
    let (ok, token, err) = praxis_in(dir.path(), &["user", "token", "maria", "nightly import"], "");
    assert!(ok, "{err}");

    let throttle = LoginThrottle::default();
    let maria = authenticate(
        &db,
        &throttle,
        "maria",
        &maria_password,
        std::net::Ipv4Addr::LOCALHOST.into(),
    )
    .await
    .expect("maria logs in with the printed password");
    assert_eq!(maria.role, Role::Admin);
    assert!(
        authenticate(
            &db,
            &throttle,
            "ivan",
            "ivan's own long password",
            std::net::Ipv4Addr::LOCALHOST.into()
        )
        .await
        .is_err(),
        "the old password stopped working"
    );
    let ivan = authenticate(
        &db,
        &throttle,
        "ivan",
        &ivan_password,
        std::net::Ipv4Addr::LOCALHOST.into(),
    )
    .await
    .expect("ivan logs in with the new password");
    assert_eq!(ivan.role, Role::Reader);
    let holder = token_user(&db, token.trim()).await.unwrap();
    assert_eq!(holder.map(|u| u.username), Some("maria".to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_community_is_created_moderated_and_listed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = praxis_in(dir.path(), &["user", "add", "ivan", "--role", "editor"], "");
    assert!(ok, "{err}");
    let (ok, _, err) = praxis_in(dir.path(), &["user", "add", "nadia", "--role", "reader"], "");
    assert!(ok, "{err}");
    let create = |handle: &str, moderator: &str| {
        praxis_in(
            dir.path(),
            &[
                "community",
                "create",
                handle,
                "--name",
                "en=Migrant employment",
                "--name",
                "bg=Заетост на мигрантите",
                "--theme",
                "employment",
                "--membership",
                "approval",
                "--moderator",
                moderator,
            ],
            "",
        )
    };
    let (ok, out, err) = create("employment", "ivan");
    assert!(ok, "{err}");
    assert!(
        out.contains("employment@"),
        "the address to join is printed: {out}"
    );
    let (ok, _, err) = create("employment", "ivan");
    assert!(!ok, "a handle taken twice");
    assert!(err.contains("taken"), "{err}");
    let (ok, _, err) = create("clinics", "nadia");
    assert!(!ok && err.contains("reader"), "a reader made moderator: {err}");
    let (ok, _, err) = create("Bad Handle", "ivan");
    assert!(!ok && err.contains("handle"), "{err}");

    let (ok, out, err) = praxis_in(dir.path(), &["community", "list"], "");
    assert!(ok, "{err}");
    assert!(
        out.lines().any(|l| l.contains("employment@")
            && l.contains("Migrant employment")
            && l.contains("hosted here")),
        "{out}"
    );
    let (ok, _, err) = praxis_in(dir.path(), &["community", "moderator", "employment", "nadia"], "");
    assert!(!ok && err.contains("reader"), "{err}");
    let (ok, out, err) = praxis_in(dir.path(), &["community", "members", "employment"], "");
    assert!(ok, "{err}");
    assert!(out.contains("Moderators: ivan"), "{out}");
}
