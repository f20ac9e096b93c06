//! `praxis network join|export` and `praxis seed --from`: joining a partner network, with the
//! import of every member's knowledge shown as progress bars.

use std::{path::PathBuf, time::Duration};

use activitypub_federation::config::FederationConfig;
use anyhow::Context;
use clap::Subcommand;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use url::Url;

use crate::{
    app::AppContext,
    domain::city::City,
    domain::manifest::{NetworkInfo, NetworkManifest},
    federation::backfill::BackfillWorker,
    service::network::{self, MemberOutcome, MemberReport},
    storage::backfills::state,
};

/// What `praxis network` does.
#[derive(Debug, Clone, Subcommand)]
pub enum NetworkAction {
    /// Join the network a manifest lists: allowlist, follow and import every member.
    Join {
        /// The manifest (TOML; see docs/NETWORK.md).
        manifest: PathBuf,
        /// Queue the imports for `praxis serve` instead of running them here.
        #[arg(long)]
        no_wait: bool,
    },
    /// Write the manifest of this city's network: itself and every city it follows.
    Export {
        /// Where to write it; standard output when left out.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The network's name, written at the top of the manifest.
        #[arg(long)]
        name: Option<String>,
    },
}

pub async fn network(federation: FederationConfig<AppContext>, action: NetworkAction) -> anyhow::Result<()> {
    let data = federation.to_request_data();
    match action {
        NetworkAction::Join { manifest, no_wait } => {
            let text = std::fs::read_to_string(&manifest)
                .with_context(|| format!("reading {}", manifest.display()))?;
            let parsed = NetworkManifest::parse(&text)
                .map_err(|e| anyhow::anyhow!("{} is not a valid manifest:\n{e}", manifest.display()))?;
            join(federation, &parsed, no_wait).await
        }
        NetworkAction::Export { output, name } => {
            let info = name.map(|name| NetworkInfo { name, note: None });
            let manifest = network::export(&data, info).await?;
            let text = manifest.to_toml();
            match output {
                Some(path) => {
                    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
                    println!("Wrote {} with {} cities.", path.display(), manifest.cities.len());
                }
                None => print!("{text}"),
            }
            Ok(())
        }
    }
}

/// `praxis seed --from PEER`: the peer's network, joined like a manifest.
pub async fn seed(federation: FederationConfig<AppContext>, peer: &str, no_wait: bool) -> anyhow::Result<()> {
    let data = federation.to_request_data();
    let manifest = network::discover(&data, peer).await?;
    println!(
        "{peer} follows {} cities; joining them and {peer}.",
        manifest.cities.len() - 1
    );
    join(federation, &manifest, no_wait).await
}

async fn join(
    federation: FederationConfig<AppContext>,
    manifest: &NetworkManifest,
    no_wait: bool,
) -> anyhow::Result<()> {
    let data = federation.to_request_data();
    let reports = network::join(&data, manifest).await?;
    print_reports(&reports);
    let joined = network::joined(&reports);
    let failed = reports
        .iter()
        .filter(|r| matches!(r.outcome, MemberOutcome::Failed(_)))
        .count();
    if !joined.is_empty() {
        if no_wait {
            println!("The imports are queued; `praxis serve` runs them.");
        } else {
            import_with_progress(federation, &joined).await?;
        }
        println!(
            "Follow requests are delivered by `praxis serve`; the partners' new items arrive once they accept."
        );
    }
    if failed > 0 {
        anyhow::bail!("{failed} of {} cities could not be joined", reports.len());
    }
    Ok(())
}

fn print_reports(reports: &[MemberReport]) {
    for report in reports {
        match &report.outcome {
            MemberOutcome::Joined { city, newly_followed } => println!(
                "  ok      {} ({}){}",
                city.name,
                city.address(),
                if *newly_followed { "" } else { ": already followed" }
            ),
            MemberOutcome::Itself => println!("  self    {} ({})", report.member.name, report.member.address),
            MemberOutcome::Failed(e) => {
                println!(
                    "  failed  {} ({}): {e}",
                    report.member.name, report.member.address
                )
            }
        }
    }
}

/// Runs the imports in this process (a running server may take some of them; either way the
/// database shows their progress) and draws one bar per city until all have ended.
async fn import_with_progress(
    federation: FederationConfig<AppContext>,
    cities: &[&City],
) -> anyhow::Result<()> {
    let data = federation.to_request_data();
    let worker = BackfillWorker::spawn(federation.clone());
    let ids: Vec<Url> = cities.iter().map(|c| c.ap_id.clone()).collect();
    let bars = MultiProgress::new();
    let style = ProgressStyle::with_template("{spinner} {prefix:<40} {msg}")
        .expect("a valid template")
        .tick_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ ");
    let progress: Vec<ProgressBar> = cities
        .iter()
        .map(|city| {
            let bar = bars.add(ProgressBar::new_spinner().with_style(style.clone()));
            bar.set_prefix(city.name.clone());
            bar.set_message("waiting");
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        })
        .collect();
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    let states = loop {
        let states = network::imports(&data, ids.clone()).await?;
        let mut running = 0;
        for ((_, job), bar) in states.iter().zip(&progress) {
            let Some(job) = job else { continue };
            let line = format!("{} items imported ({} seen)", job.items_imported, job.items_seen);
            match job.state.as_str() {
                state::DONE => bar.finish_with_message(format!("done: {line}")),
                state::FAILED => bar.finish_with_message(format!(
                    "failed after {line}: {}",
                    job.last_error.as_deref().unwrap_or("unknown error")
                )),
                _ => {
                    running += 1;
                    bar.set_message(line);
                }
            }
        }
        if running == 0 {
            break states;
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(200)) => {}
            _ = &mut interrupted => {
                println!("Interrupted: `praxis serve` resumes the imports where they stopped.");
                break states;
            }
        }
    };
    worker.shutdown(Duration::from_secs(5)).await;
    // Bars are drawn only on a terminal: say the outcome in plain lines as well.
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        for ((ap_id, job), city) in states.iter().zip(cities) {
            if let Some(job) = job {
                let why = match (job.state.as_str(), &job.last_error) {
                    (state::FAILED, Some(error)) => format!(" ({error})"),
                    _ => String::new(),
                };
                println!(
                    "  import  {} ({ap_id}): {}, {} items imported{why}",
                    city.name, job.state, job.items_imported
                );
            }
        }
    }
    let failures = states
        .iter()
        .filter(|(_, job)| job.as_ref().is_some_and(|j| j.state == state::FAILED))
        .count();
    if failures > 0 {
        println!("{failures} import(s) failed; retry with `praxis backfill <city>`.");
    }
    Ok(())
}
