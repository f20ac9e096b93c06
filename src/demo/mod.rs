//! `praxis demo`: a network of partner cities on this machine, each a full instance on its own
//! loopback port with its own SQLite database, seeded with practices drawn from the real
//! programmes (Municipality4Roma, CONNECTION, Vidin, "Together for a prosperous community") and
//! following each other.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use anyhow::Context;
use serde::Deserialize;
use url::Url;

use crate::{
    app::AppContext,
    config::{CitySettings, Settings},
    domain::{item::ItemDraft, user::Role},
    http::server::{self, RunningServer},
    service::{self, accounts},
    storage::{self, follows::FollowState},
};

/// The cities and their content, drawn from the programmes in the README ("Try the demo network").
const NETWORK: &str = include_str!("network.json");

/// The password of every demo city's `admin` account: the demo is for trying, on loopback only.
pub const DEMO_PASSWORD: &str = "praxis-demo";

#[derive(Debug, Deserialize)]
struct DemoContent {
    cities: Vec<DemoCity>,
}

#[derive(Debug, Deserialize)]
struct DemoCity {
    /// The city's profile, as the configuration gives it.
    city: CitySettings,
    items: Vec<ItemDraft>,
}

/// One running demo city.
pub struct RunningCity {
    pub handle: String,
    pub name: String,
    pub url: Url,
    pub server: RunningServer,
}

impl RunningCity {
    /// `handle@localhost:port`.
    pub fn address(&self) -> String {
        self.server.context().city.address()
    }
}

/// The running network.
pub struct DemoNetwork {
    pub cities: Vec<RunningCity>,
}

/// How many cities the demo has.
pub fn city_count() -> usize {
    content().cities.len()
}

fn content() -> DemoContent {
    serde_json::from_str(NETWORK).expect("the demo network is valid JSON")
}

/// Starts every city on its listener (one per city, in the order of [`city_count`]), with its
/// data under `dir/<handle>`; seeds content and follows on the first run, and reuses both on the
/// next. Returns once every follow is accepted.
pub async fn start(dir: &Path, listeners: Vec<TcpListener>) -> anyhow::Result<DemoNetwork> {
    let content = content();
    anyhow::ensure!(
        listeners.len() == content.cities.len(),
        "the demo needs {} listeners",
        content.cities.len()
    );
    let mut cities = Vec::new();
    for (city, listener) in content.cities.into_iter().zip(listeners) {
        let port = listener.local_addr()?.port();
        let settings = settings_for(&city.city, &dir.join(&city.city.handle), port)?;
        let ctx = AppContext::open(settings).await?;
        let fresh = ctx.db.read(storage::users::count_admins).await? == 0;
        if fresh {
            accounts::create_user(&ctx.db, "admin", "Admin", Role::Admin, DEMO_PASSWORD).await?;
        }
        let server = server::start(ctx, listener).await?;
        if fresh {
            let data = server.federation.to_request_data();
            for draft in city.items {
                service::items::publish(&data, draft)
                    .await
                    .with_context(|| format!("seeding {}", city.city.handle))?;
            }
        }
        cities.push(RunningCity {
            handle: city.city.handle,
            name: city.city.name,
            url: server.url.clone(),
            server,
        });
    }
    let network = DemoNetwork { cities };
    network.follow_each_other().await?;
    Ok(network)
}

fn settings_for(city: &CitySettings, data_dir: &Path, port: u16) -> anyhow::Result<Settings> {
    let mut settings = Settings::from_toml("")?;
    settings.instance.public_url = Url::parse(&format!("http://localhost:{port}"))?;
    settings.instance.listen = ([127, 0, 0, 1], port).into();
    settings.instance.data_dir = data_dir.to_path_buf();
    settings.city = city.clone();
    settings.federation.allow_local_peers = true;
    settings.federation.delivery_retry_base_secs = 1;
    Ok(settings.validated()?)
}

impl DemoNetwork {
    /// Every city follows every other (unless it already does), then waits for the Accepts.
    async fn follow_each_other(&self) -> anyhow::Result<()> {
        for city in &self.cities {
            let data = city.server.federation.to_request_data();
            for peer in self.cities.iter().filter(|p| p.url != city.url) {
                if follow_state(city, peer).await?.is_none() {
                    service::follows::follow(&data, &peer.address()).await?;
                }
            }
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let mut waiting = 0;
            for city in &self.cities {
                for peer in self.cities.iter().filter(|p| p.url != city.url) {
                    if follow_state(city, peer).await? != Some(FollowState::Accepted) {
                        waiting += 1;
                    }
                }
            }
            if waiting == 0 {
                return Ok(());
            }
            anyhow::ensure!(
                Instant::now() < deadline,
                "{waiting} follow(s) between the demo cities were not accepted within a minute"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Stops every city gracefully.
    pub async fn stop(self) {
        for city in self.cities {
            city.server.stop().await;
        }
    }
}

async fn follow_state(city: &RunningCity, peer: &RunningCity) -> anyhow::Result<Option<FollowState>> {
    let peer_id = &peer.server.context().city.ap_id;
    Ok(service::follows::state_of(city.server.context(), peer_id).await?)
}

/// `praxis demo`: binds consecutive ports from `base_port`, starts the network, prints how to
/// reach it and runs until Ctrl-C.
pub async fn run(dir: PathBuf, base_port: u16) -> anyhow::Result<()> {
    let signals = server::StopSignals::listen()?;
    let count = city_count();
    let listeners = (0..count as u16)
        .map(|i| {
            let port = base_port + i;
            TcpListener::bind(("127.0.0.1", port)).with_context(|| {
                format!("cannot listen on 127.0.0.1:{port}; choose other ports with --base-port")
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    println!("Starting {count} cities under {} ...", dir.display());
    let network = start(&dir, listeners).await?;
    println!();
    println!("The demo network is running; every city follows the others:");
    println!();
    for city in &network.cities {
        println!("  {:<26} {:<28} {}", city.name, city.address(), city.url);
    }
    println!();
    println!("Log in to any of them as `admin` with the password `{DEMO_PASSWORD}`.");
    println!(
        "Data stays in {}; run `praxis demo` again to continue.",
        dir.display()
    );
    println!("Press Ctrl-C to stop.");
    signals.wait().await?;
    println!("Stopping ...");
    network.stop().await;
    Ok(())
}
