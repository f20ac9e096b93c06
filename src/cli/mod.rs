//! The command line: one binary, one subcommand per task.

use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use url::Url;

use crate::{
    app::AppContext,
    config::{Overrides, Settings},
    domain::item::ItemDraft,
    http::server,
    service,
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
    let settings = Settings::load(&cli.global.overrides())?;
    match cli.command {
        Command::Serve => server::serve(settings).await,
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
        Command::Publish { file } => {
            let text =
                std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let draft: ItemDraft = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a valid item", file.display()))?;
            let data = open(settings).await?;
            let published = service::items::publish(&data, draft).await?;
            println!(
                "Published {}.{}",
                published.item.ap_id,
                delivery_note(published.deliveries)
            );
            Ok(())
        }
    }
}

async fn open(settings: Settings) -> anyhow::Result<crate::app::AppData> {
    let ctx = AppContext::open_for_command(settings).await?;
    Ok(ctx.federation().await?.to_request_data())
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
