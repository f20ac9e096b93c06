//! The command line: one binary, one subcommand per task.

mod community;
mod init;
mod network;
mod policy;
mod transfer;

use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use url::Url;

use crate::{
    app::AppContext,
    config::{Overrides, Settings},
    domain::{
        item::{AttachmentDraft, ItemDraft},
        media,
    },
    http::server,
    service::{
        self,
        deliveries::{DeliveryReport, RetryTarget},
    },
    storage::Database,
};

/// Praxis: a federated knowledge-sharing network for partner cities.
///
/// Each city runs its own instance, publishes its good practices as ActivityPub objects and
/// follows peer cities, so knowledge spreads city to city with no central host.
#[derive(Debug, Parser)]
#[command(name = "praxis", version, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes; they override the configuration file and environment.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Configuration file (TOML); every key is documented in config/default.toml.
    #[arg(long, short = 'c', global = true, env = "PRAXIS_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Address to listen on, like 127.0.0.1:8080 (instance.listen).
    #[arg(long, global = true, value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// The instance's identity on the network, like https://praxis.sofia.bg (instance.public_url).
    #[arg(long, global = true, value_name = "URL")]
    pub public_url: Option<Url>,
    /// sqlite://PATH, a file path, or postgres://user@host/db (instance.database_url).
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Accept peers on http and loopback/private addresses: for several instances on one machine.
    #[arg(long, global = true)]
    pub allow_local_peers: bool,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Create a new city instance: configuration file, database, keys, profile, first admin.
    ///
    /// Asks for what the flags leave out when run at a terminal. Writes `--config` (default
    /// praxis.toml); the global --public-url, --listen, --database-url and --allow-local-peers
    /// flags go into it.
    Init(init::InitArgs),
    /// Join a partner network from its manifest, or write the manifest of this city's network.
    Network {
        #[command(subcommand)]
        action: network::NetworkAction,
    },
    /// Join the network a peer city belongs to: the peer and every city it follows.
    Seed {
        /// The peer, like sofia@praxis.sofia.bg or its actor URL.
        #[arg(long = "from", value_name = "PEER")]
        from: String,
        /// Queue the imports for `praxis serve` instead of running them here.
        #[arg(long)]
        no_wait: bool,
    },
    /// Start a demo network of partner cities on this machine (loopback ports, one SQLite
    /// database each), seeded with practices and following each other; Ctrl-C stops it.
    Demo {
        /// Where the cities keep their data; a second run continues with it.
        #[arg(long, default_value = "praxis-demo", value_name = "DIR")]
        dir: PathBuf,
        /// The first city's port; the others take the next ones.
        #[arg(long, default_value_t = 8301, value_name = "PORT")]
        base_port: u16,
    },
    /// Publish items in bulk from a CSV or JSON file (columns in docs/IMPORT.md).
    ///
    /// Every row is checked first and each problem reported with its line; nothing is published
    /// unless every row is valid (or --skip-invalid is given).
    Import {
        /// The file: .csv or .json (an array of items, as `publish` reads one).
        file: PathBuf,
        /// csv or json, when the file name does not tell.
        #[arg(long)]
        format: Option<String>,
        /// Only check and report; publish nothing.
        #[arg(long)]
        dry_run: bool,
        /// Publish the valid rows even when others are invalid.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Write the city's own items (every language and field, with their files) to one archive.
    Export {
        /// The archive to write (a tar file).
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Restore an archive written by `export` as this city's own items (into a new instance).
    Restore {
        /// The archive.
        archive: PathBuf,
    },
    /// Run the city's instance: the web server, the inbox, and delivery of what the city sends.
    Serve,
    /// Apply pending database migrations, then exit (`serve` also applies them at start).
    Migrate,
    /// Follow a peer city, given as handle@domain or as the URL of its actor.
    ///
    /// The Follow is queued in the database and delivered while `praxis serve` runs; the peer's
    /// Accept arrives at the running server.
    Follow {
        /// The peer, like sofia@praxis.sofia.bg or https://praxis.sofia.bg/city.
        target: String,
    },
    /// Move the city to a new address: its followers follow the city's new actor instead.
    ///
    /// First list this city's actor in `[city] also_known_as` on the new instance. The old actor
    /// then says `movedTo`, and a `Move` is delivered to every follower while `praxis serve`
    /// runs; this instance keeps answering for its items.
    Move {
        /// The new actor, like https://praxis.new-name.example/city.
        #[arg(long)]
        to: String,
    },
    /// Stop following a peer city; the Undo is delivered while `praxis serve` runs.
    Unfollow {
        /// The peer, as given to `follow`.
        target: String,
    },
    /// Publish a knowledge item described in a JSON file, and queue it for every follower.
    ///
    /// The file holds {"kind": "good_practice", "original_language": "it", "title": {"it": "..."},
    /// "summary": {...}, "body": {...}}; see docs/API.md.
    Publish {
        /// The JSON file.
        file: PathBuf,
        /// A file to attach (PDF, office document, image, video, text, zip); may be repeated.
        #[arg(long = "attach", value_name = "FILE")]
        attachments: Vec<PathBuf>,
    },
    /// Delete one of the city's items; peers drop it and its URL answers 410 Gone.
    Delete {
        /// The item's URL.
        item: Url,
    },
    /// Re-share a peer city's item with this city's followers (an Announce).
    Share {
        /// The item's URL.
        item: Url,
    },
    /// Import (again) the history of a followed city from its outbox; `praxis serve` runs it.
    Backfill {
        /// The followed city, as given to `follow`.
        target: String,
    },
    /// Rebuild the search index of every item (done automatically after upgrades that need it).
    Reindex,
    /// Manage the people who use the instance: admins, editors, readers.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Whom the city federates with: open, an allowlist of partners, or a blocklist.
    Policy {
        #[command(subcommand)]
        action: policy::PolicyAction,
    },
    /// Follow requests that wait for an admin's approval: list, approve, reject.
    Requests {
        #[command(subcommand)]
        action: policy::RequestsAction,
    },
    /// Communities of practice: host one, join one hosted elsewhere, moderate.
    Community {
        #[command(subcommand)]
        action: community::CommunityAction,
    },
    /// Show outbound delivery: queue depth, health per peer, dead letters.
    Deliveries {
        #[command(subcommand)]
        action: Option<DeliveriesAction>,
    },
}

/// What `praxis user` does.
#[derive(Debug, Clone, Subcommand)]
pub enum UserAction {
    /// Create an account; its password is generated and printed unless given on standard input.
    Add {
        /// Lowercase letters, digits, dots, dashes or underscores.
        username: String,
        /// admin, editor or reader.
        #[arg(long, default_value = "reader")]
        role: String,
        /// The name people see; the user name when left out.
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List every account with its role.
    List,
    /// Change an account's role.
    SetRole {
        username: String,
        /// admin, editor or reader.
        role: String,
    },
    /// Set a new password (generated and printed unless given on standard input); ends the
    /// account's sessions.
    ResetPassword {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Deactivate an account: it can no longer log in, its sessions end and its API tokens
    /// stop working, until it is reactivated.
    Deactivate { username: String },
    /// Let a deactivated account log in again.
    Reactivate { username: String },
    /// Create an API token for an account and print it (it is shown only once).
    Token {
        username: String,
        /// What the token is for.
        name: String,
    },
}

/// What `praxis deliveries` can do besides showing.
#[derive(Debug, Clone, Subcommand)]
pub enum DeliveriesAction {
    /// Retry now what was not delivered to a peer (its host, like praxis.sofia.bg) or one
    /// delivery (its number); dead letters included.
    Retry {
        /// A peer host (host[:port]) or a delivery number.
        target: String,
    },
}

impl GlobalArgs {
    /// The command-line layer of the configuration.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            config_file: self.config.clone(),
            listen: self.listen,
            public_url: self.public_url.clone(),
            database_url: self.database_url.clone(),
            allow_local_peers: self.allow_local_peers,
        }
    }
}

/// Runs one command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = cli.settings()?;
    run_with(cli, settings).await
}

impl Cli {
    /// The configuration the command runs with, or `None` for the commands that make their
    /// own: `init` writes the configuration the others read, the demo configures its cities.
    pub fn settings(&self) -> Result<Option<Settings>, crate::config::ConfigError> {
        match self.command {
            Command::Init(_) | Command::Demo { .. } => Ok(None),
            _ => Settings::load(&self.global.overrides()).map(Some),
        }
    }
}

/// Runs one command with the configuration [`Cli::settings`] loaded for it.
pub async fn run_with(cli: Cli, settings: Option<Settings>) -> anyhow::Result<()> {
    let (command, settings) = match (cli.command, settings) {
        (Command::Init(args), _) => return init::init(&cli.global, args).await,
        (Command::Demo { dir, base_port }, _) => return crate::demo::run(dir, base_port).await,
        (command, Some(settings)) => (command, settings),
        (_, None) => anyhow::bail!("this command needs its configuration"),
    };
    if matches!(command, Command::Serve) {
        return server::serve(settings).await;
    }
    let wake = settings.clone();
    let result = run_command(command, settings).await;
    // Whatever the command changed (items to deliver and index, a follow, a backfill), a server
    // on this data directory looks at it now rather than at its next poll.
    crate::wakeup::nudge(&wake);
    result
}

async fn run_command(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Init(_) | Command::Demo { .. } => unreachable!("handled above"),
        Command::Network { action } => network::network(open_federation(settings).await?, action).await,
        Command::Import {
            file,
            format,
            dry_run,
            skip_invalid,
        } => transfer::import(&open(settings).await?, &file, format, dry_run, skip_invalid).await,
        Command::Export { output } => transfer::export(&open(settings).await?, &output).await,
        Command::Restore { archive } => transfer::restore(&open(settings).await?, archive).await,
        Command::Seed { from, no_wait } => {
            network::seed(open_federation(settings).await?, &from, no_wait).await
        }
        Command::Serve => unreachable!("handled by run_with"),
        Command::Migrate => migrate(settings).await,
        Command::Follow { target } => {
            let data = open(settings).await?;
            let change = service::follows::follow(&data, &target).await?;
            println!(
                "Asked to follow {} ({}).{}",
                change.city.name,
                change.city.address(),
                delivery_note(change.deliveries)
            );
            Ok(())
        }
        Command::Move { to } => {
            let data = open(settings).await?;
            let moved = service::city::move_to(&data, &to).await?;
            println!(
                "Moved to {to}; every follower is told.{}",
                delivery_note(moved.deliveries)
            );
            println!(
                "{} of the city's items have their new ids there; their old links lead to them. \
                 Items restored there later are found by running this command again.",
                moved.items_brought_along
            );
            Ok(())
        }
        Command::Unfollow { target } => {
            let data = open(settings).await?;
            let change = service::follows::unfollow(&data, &target).await?;
            println!(
                "No longer following {} ({}).{}",
                change.city.name,
                change.city.address(),
                delivery_note(change.deliveries)
            );
            Ok(())
        }
        Command::Publish { file, attachments } => {
            let text =
                std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let mut draft: ItemDraft = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a valid item", file.display()))?;
            let data = open(settings).await?;
            for path in attachments {
                draft.attachments.push(upload(&data, &path).await?);
            }
            let published = service::items::publish(&data, draft).await?;
            println!(
                "Published {}.{}",
                published.item.ap_id,
                delivery_note(published.deliveries)
            );
            Ok(())
        }
        Command::Delete { item } => {
            let data = open(settings).await?;
            let deliveries = service::items::delete(&data, &item).await?;
            println!("Deleted {item}.{}", delivery_note(deliveries));
            Ok(())
        }
        Command::Share { item } => {
            let data = open(settings).await?;
            let deliveries = service::items::share(&data, &item).await?;
            println!("Shared {item}.{}", delivery_note(deliveries));
            Ok(())
        }
        Command::Backfill { target } => {
            let data = open(settings).await?;
            let city = service::backfills::start(&data, &target).await?;
            println!(
                "Queued the import of {}'s history; `praxis serve` runs it (progress: GET /api/v1/backfills).",
                city.address()
            );
            Ok(())
        }
        Command::Reindex => {
            let location = settings.database();
            let pool_size = settings.instance.database_pool_size;
            tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
                let db = Database::connect(&location, pool_size)?;
                db.migrate()?;
                let engine = match service::search::open_engine_exclusively(&settings) {
                    Ok(engine) => engine,
                    Err(crate::search::SearchError::Locked) => anyhow::bail!(
                        "a running `praxis serve` holds the search index of {}; it keeps the index \
                         up to date itself. Stop it to rebuild the index from scratch.",
                        service::search::index_directory(&settings).display()
                    ),
                    Err(e) => return Err(e.into()),
                };
                let bar = transfer::progress_bar(0, "indexing");
                let context = service::search::IndexerContext {
                    db,
                    engine: std::sync::Arc::new(engine),
                    labels: std::sync::Arc::new(crate::web::i18n::InterfaceLabels),
                };
                service::search::rebuild(&context, |done, total| {
                    bar.set_length(total);
                    bar.set_position(done);
                })?;
                bar.finish_and_clear();
                println!("The search index is complete: {} items.", context.engine.len());
                Ok(())
            })
            .await?
        }
        Command::User { action } => user(settings, action).await,
        Command::Policy { action } => policy::policy(&open(settings).await?, action).await,
        Command::Requests { action } => policy::requests(&open(settings).await?, action).await,
        Command::Community { action } => community::community(&open(settings).await?, action).await,
        Command::Deliveries { action } => {
            let data = open(settings).await?;
            match action {
                None => print_deliveries(&service::deliveries::report(&data).await?),
                Some(DeliveriesAction::Retry { target }) => {
                    let scheduled =
                        service::deliveries::retry_now(&data, RetryTarget::parse(&target)).await?;
                    if scheduled == 0 {
                        anyhow::bail!("there is nothing undelivered to retry there");
                    }
                    println!("{scheduled} delivery(ies) scheduled now; `praxis serve` sends them.");
                }
            }
            Ok(())
        }
    }
}

async fn user(settings: Settings, action: UserAction) -> anyhow::Result<()> {
    use crate::{domain::user::Role, service::accounts, storage::users};
    let data = open(settings).await?;
    let db = &data.db;
    let role = |code: &str| {
        Role::from_code(code).with_context(|| format!("`{code}` is not a role: admin, editor or reader"))
    };
    let stdin_password = || -> anyhow::Result<String> {
        let mut password = String::new();
        std::io::stdin().read_line(&mut password)?;
        Ok(password.trim_end_matches(['\r', '\n']).to_string())
    };
    match action {
        UserAction::Add {
            username,
            role: code,
            name,
            password_stdin,
        } => {
            let (password, generated) = if password_stdin {
                (stdin_password()?, false)
            } else {
                (accounts::random_secret(16), true)
            };
            let display = name.unwrap_or_else(|| username.clone());
            let user = accounts::create_user(db, &username, &display, role(&code)?, &password).await?;
            println!("Created {} ({}).", user.username, user.role.code());
            if generated {
                println!("Password: {password}");
            }
        }
        UserAction::List => {
            for user in db.read(users::list).await? {
                println!(
                    "{:<24} {:<8} {}{}",
                    user.username,
                    user.role.code(),
                    user.display_name,
                    if user.active { "" } else { " (deactivated)" }
                );
            }
        }
        UserAction::SetRole { username, role: code } => {
            accounts::set_role(db, &username, role(&code)?).await?;
            println!("{username} is now {code}.");
        }
        UserAction::ResetPassword {
            username,
            password_stdin,
        } => {
            let given = if password_stdin {
                Some(stdin_password()?)
            } else {
                None
            };
            let generated = given.is_none();
            let password = accounts::reset_password(db, &username, given).await?;
            println!("The password of {username} was changed; their sessions ended.");
            if generated {
                println!("Password: {password}");
            }
        }
        UserAction::Deactivate { username } => {
            accounts::set_active(db, &username, false).await?;
            println!("{username} is deactivated: logged out, API tokens refused.");
        }
        UserAction::Reactivate { username } => {
            accounts::set_active(db, &username, true).await?;
            println!("{username} can log in again.");
        }
        UserAction::Token { username, name } => {
            let name_owned = username.clone();
            let user = db
                .read(move |conn| users::find_by_username(conn, &name_owned))
                .await?
                .with_context(|| format!("there is no user `{username}`"))?;
            let (secret, _) = accounts::create_token(db, &user, &name).await?;
            println!("{secret}");
        }
    }
    Ok(())
}

fn print_deliveries(report: &DeliveryReport) {
    let time = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|| "-".into())
    };
    let q = &report.queue;
    println!(
        "Queue: {} pending, {} delivered, {} dead",
        q.pending, q.delivered, q.dead
    );
    if !report.peers.is_empty() {
        println!();
        println!(
            "{:<28} {:>7} {:>5} {:>8}  {:<19}  {:<19}  LAST ERROR",
            "PEER", "PENDING", "DEAD", "FAILURES", "LAST SUCCESS", "NEXT ATTEMPT"
        );
        for peer in &report.peers {
            let mut error = peer.last_error.clone().unwrap_or_default();
            if !peer.gone_inboxes.is_empty() {
                error = format!("gone: {}; {error}", peer.gone_inboxes.join(", "));
            }
            println!(
                "{:<28} {:>7} {:>5} {:>8}  {:<19}  {:<19}  {}",
                peer.peer_host,
                peer.pending,
                peer.dead,
                peer.consecutive_failures,
                time(peer.last_success_at),
                time(peer.next_attempt_at),
                error
            );
        }
    }
    if !report.dead_letters.is_empty() {
        println!();
        println!("Dead letters (retry with `praxis deliveries retry <number>`):");
        for dead in &report.dead_letters {
            println!(
                "  #{} {} {} -> {} after {} attempt(s): {}",
                dead.id,
                dead.activity_kind,
                dead.activity_id,
                dead.inbox,
                dead.attempts,
                dead.last_error.as_deref().unwrap_or("-")
            );
        }
    }
}

/// Stores a file given on the command line, its media type told by its extension.
async fn upload(data: &crate::app::AppData, path: &std::path::Path) -> anyhow::Result<AttachmentDraft> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| format!("{} has no file name", path.display()))?
        .to_string();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let media_type = media::ACCEPTED
        .iter()
        .find(|(_, ext)| *ext == extension || (extension == "jpeg" && *ext == "jpg"))
        .map(|(t, _)| *t)
        .with_context(|| {
            format!(
                "{}: files ending in .{extension} cannot be attached",
                path.display()
            )
        })?;
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let stored = service::attachments::store(data, &name, media_type, bytes).await?;
    Ok(AttachmentDraft {
        name: Some(stored.name),
        digest: Some(stored.digest),
        ..AttachmentDraft::default()
    })
}

async fn open(settings: Settings) -> anyhow::Result<crate::app::AppData> {
    Ok(open_federation(settings).await?.to_request_data())
}

async fn open_federation(
    settings: Settings,
) -> anyhow::Result<activitypub_federation::config::FederationConfig<AppContext>> {
    AppContext::open_for_command(settings).await?.federation().await
}

async fn migrate(settings: Settings) -> anyhow::Result<()> {
    let location = settings.database();
    let pool_size = settings.instance.database_pool_size;
    let applied = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<String>> {
        Ok(Database::connect(&location, pool_size)?.migrate()?)
    })
    .await??;
    if applied.is_empty() {
        println!("The database is up to date.");
    } else {
        println!("Applied {} migration(s): {}", applied.len(), applied.join(", "));
    }
    Ok(())
}

/// Says what was queued: commands write to the database, the running server delivers.
fn delivery_note(deliveries: usize) -> String {
    match deliveries {
        0 => " Nothing to deliver.".into(),
        1 => " 1 delivery queued; `praxis serve` sends it.".into(),
        n => format!(" {n} deliveries queued; `praxis serve` sends them."),
    }
}
