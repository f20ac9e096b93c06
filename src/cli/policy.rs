//! `praxis policy` and `praxis requests`: whom the city federates with, and follow requests that
//! wait for approval.

use clap::Subcommand;

use crate::{
    app::AppData,
    domain::policy::{DomainList, PolicyMode},
    service::{
        self,
        policy::{add_domains, parse_domain, remove_domain, set_mode},
    },
    storage::follows::FollowState,
};

/// What `praxis policy` does.
#[derive(Debug, Clone, Subcommand)]
pub enum PolicyAction {
    /// Show the mode and both lists.
    Show,
    /// Set the mode: open (every domain), allowlist (only partner domains), blocklist (all but
    /// blocked domains). Applies to the running server within seconds.
    Mode {
        #[arg(value_parser = ["open", "allowlist", "blocklist"])]
        mode: String,
        /// Whether follow requests from domains not on the allowlist wait for an admin's
        /// approval (`praxis requests`) instead of being accepted at once.
        #[arg(long, value_name = "BOOL")]
        hold_follows: Option<bool>,
    },
    /// Put domains on the allowlist (hosts like praxis.sofia.bg, host:port, or city addresses).
    Allow {
        #[arg(required = true)]
        domains: Vec<String>,
        /// Why they are there, like the partner's name.
        #[arg(long)]
        note: Option<String>,
    },
    /// Put domains on the blocklist.
    Block {
        #[arg(required = true)]
        domains: Vec<String>,
        /// Why they are blocked.
        #[arg(long)]
        note: Option<String>,
    },
    /// Take a domain off the allowlist (or, with --block, off the blocklist).
    Remove {
        domain: String,
        #[arg(long)]
        block: bool,
    },
}

/// What `praxis requests` does.
#[derive(Debug, Clone, Subcommand)]
pub enum RequestsAction {
    /// List the follow requests that wait for approval.
    List,
    /// Accept a city's follow request.
    Approve { city: String },
    /// Turn a city's follow request down.
    Reject { city: String },
}

pub async fn policy(data: &AppData, action: PolicyAction) -> anyhow::Result<()> {
    match action {
        PolicyAction::Show => {}
        PolicyAction::Mode { mode, hold_follows } => {
            let mode = PolicyMode::from_code(&mode).expect("clap checked the mode");
            set_mode(&data.policy, mode, hold_follows).await?;
        }
        PolicyAction::Allow { domains, note } => add(data, domains, DomainList::Allow, note).await?,
        PolicyAction::Block { domains, note } => add(data, domains, DomainList::Block, note).await?,
        PolicyAction::Remove { domain, block } => {
            let list = if block {
                DomainList::Block
            } else {
                DomainList::Allow
            };
            remove_domain(&data.policy, parse_domain("domain", &domain)?, list).await?;
        }
    }
    let policy = data.policy.current().await?;
    println!(
        "Mode: {}{}",
        policy.mode.code(),
        if policy.hold_follows {
            " (follow requests from non-members wait for approval)"
        } else {
            ""
        }
    );
    for (list, title) in [(DomainList::Allow, "Allowlist"), (DomainList::Block, "Blocklist")] {
        let entries: Vec<_> = policy.domains(list).collect();
        println!("{title}: {}", if entries.is_empty() { "(empty)" } else { "" });
        for entry in entries {
            match &entry.note {
                Some(note) => println!("  {}  ({note})", entry.domain),
                None => println!("  {}", entry.domain),
            }
        }
    }
    Ok(())
}

async fn add(
    data: &AppData,
    domains: Vec<String>,
    list: DomainList,
    note: Option<String>,
) -> anyhow::Result<()> {
    let parsed = domains
        .iter()
        .map(|d| parse_domain("domain", d))
        .collect::<Result<Vec<_>, _>>()?;
    add_domains(&data.policy, parsed, list, note).await?;
    Ok(())
}

pub async fn requests(data: &AppData, action: RequestsAction) -> anyhow::Result<()> {
    match action {
        RequestsAction::List => {
            let local = data.city_id;
            let waiting: Vec<_> = data
                .db
                .read(move |conn| crate::storage::follows::followers_of(conn, local))
                .await?
                .into_iter()
                .filter(|(_, state)| *state == FollowState::Pending)
                .collect();
            if waiting.is_empty() {
                println!("No follow request waits for approval.");
            }
            for (city, _) in waiting {
                println!("{}  {}  {}", city.address(), city.name, city.ap_id);
            }
        }
        RequestsAction::Approve { city } => {
            let change = service::follows::approve(data, &city).await?;
            println!("{} now follows this city.", change.city.address());
        }
        RequestsAction::Reject { city } => {
            let change = service::follows::reject(data, &city).await?;
            println!("Turned down {}'s follow request.", change.city.address());
        }
    }
    Ok(())
}
