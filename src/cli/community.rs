//! `praxis community`: communities of practice hosted here (create, members, moderation) and
//! those hosted elsewhere (join, leave). The command line acts with an admin's authority.

use std::collections::BTreeMap;

use clap::Subcommand;
use url::Url;

use crate::{
    app::AppData,
    domain::{
        community::CommunityDraft,
        user::{Role, User},
    },
    service::{
        self,
        communities::{Listed, MemberAction},
    },
    storage::{follows::FollowState, users},
};

/// What `praxis community` does.
#[derive(Debug, Clone, Subcommand)]
pub enum CommunityAction {
    /// List the communities this city hosts, joined or knows.
    List,
    /// Create a community hosted by this city.
    Create {
        /// Its handle: with the host, the address others join (handle@host).
        handle: String,
        /// Its name in a language, as LANG=TEXT (like en=Migrant employment); may be repeated.
        #[arg(long = "name", value_name = "LANG=TEXT", required = true)]
        names: Vec<String>,
        /// What it is about, as LANG=TEXT; may be repeated.
        #[arg(long = "summary", value_name = "LANG=TEXT")]
        summaries: Vec<String>,
        /// A theme code of the vocabulary; may be repeated.
        #[arg(long = "theme")]
        themes: Vec<String>,
        /// open (cities join at once) or approval (a moderator decides).
        #[arg(long, default_value = "open", value_parser = ["open", "approval"])]
        membership: String,
        /// The user (an editor or admin) who moderates it first.
        #[arg(long)]
        moderator: String,
    },
    /// Ask to join a community hosted elsewhere (handle@host or its URL).
    Join { community: String },
    /// Leave a community hosted elsewhere.
    Leave { community: String },
    /// The cities of a community hosted here, and how each stands.
    Members { handle: String },
    /// Accept a city's request to join.
    Approve { handle: String, city: String },
    /// Turn a city's request down.
    Refuse { handle: String, city: String },
    /// Remove a member: it is told, and its posts are refused until it is readmitted.
    Remove { handle: String, city: String },
    /// Lift a removal: the city may ask to join again.
    Readmit { handle: String, city: String },
    /// Take an item out of the community; every member is told.
    RemoveItem { handle: String, item: Url },
    /// Make a user (an editor or admin) a moderator, or with --dismiss end their moderation.
    Moderator {
        handle: String,
        username: String,
        #[arg(long)]
        dismiss: bool,
    },
}

/// The authority the command line acts with: the instance's operator is its admin.
fn operator() -> User {
    User {
        id: 0,
        username: "praxis".into(),
        display_name: "the command line".into(),
        role: Role::Admin,
        locale: None,
        read_languages: Vec::new(),
        active: true,
    }
}

fn texts(pairs: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    pairs
        .iter()
        .map(|pair| {
            pair.split_once('=')
                .map(|(lang, text)| (lang.trim().to_string(), text.trim().to_string()))
                .ok_or_else(|| anyhow::anyhow!("`{pair}` is not LANG=TEXT, like en=Migrant employment"))
        })
        .collect()
}

fn standing(listed: &Listed) -> &'static str {
    match listed.standing {
        _ if listed.community.actor.is_local => "hosted here",
        Some(FollowState::Accepted) => "member",
        Some(FollowState::Pending) => "asked to join",
        Some(FollowState::Removed) => "removed",
        None => "not joined",
    }
}

pub async fn community(data: &AppData, action: CommunityAction) -> anyhow::Result<()> {
    match action {
        CommunityAction::List => {
            let listed = service::communities::list(data).await?;
            if listed.is_empty() {
                println!("This city knows no community yet.");
            }
            for listed in listed {
                println!(
                    "{}  {}  ({})",
                    listed.community.actor.address(),
                    listed.community.actor.name,
                    standing(&listed)
                );
            }
        }
        CommunityAction::Create {
            handle,
            names,
            summaries,
            themes,
            membership,
            moderator,
        } => {
            let name = moderator.clone();
            let creator = data
                .db
                .read(move |conn| users::find_by_username(conn, &name))
                .await?
                .ok_or_else(|| anyhow::anyhow!("there is no user `{moderator}`"))?;
            if creator.role == Role::Reader {
                anyhow::bail!("{moderator} is a reader; a moderator is an editor or an admin");
            }
            let draft = CommunityDraft {
                handle: Some(handle),
                names: texts(&names)?,
                summaries: texts(&summaries)?,
                themes,
                icon: None,
                membership: Some(membership),
            };
            let community = service::communities::create(data, draft, &creator).await?;
            println!(
                "Created {} ({}); cities join it as {}.",
                community.actor.name,
                community.actor.ap_id,
                community.actor.address()
            );
        }
        CommunityAction::Join { community } => {
            let change = service::communities::join(data, &community).await?;
            println!(
                "Asked to join {} ({}); a member once it accepts.",
                change.city.name,
                change.city.address()
            );
        }
        CommunityAction::Leave { community } => {
            let change = service::communities::leave(data, &community).await?;
            println!("Left {} ({}).", change.city.name, change.city.address());
        }
        CommunityAction::Members { handle } => {
            let roster = service::communities::roster(data, &handle).await?;
            println!(
                "{} ({})",
                roster.listed.community.actor.name,
                roster.listed.community.actor.address()
            );
            for (city, state) in &roster.cities {
                let state = match state {
                    FollowState::Accepted => "member",
                    FollowState::Pending => "waiting for approval",
                    FollowState::Removed => "removed",
                };
                println!("  {}  {}  ({state})", city.address(), city.name);
            }
            let moderators: Vec<_> = roster.moderators.iter().map(|m| m.username.as_str()).collect();
            println!("Moderators: {}", moderators.join(", "));
        }
        CommunityAction::Approve { handle, city } => {
            moderate(data, &handle, &city, MemberAction::Approve).await?
        }
        CommunityAction::Refuse { handle, city } => {
            moderate(data, &handle, &city, MemberAction::Refuse).await?
        }
        CommunityAction::Remove { handle, city } => {
            moderate(data, &handle, &city, MemberAction::Remove).await?
        }
        CommunityAction::Readmit { handle, city } => {
            moderate(data, &handle, &city, MemberAction::Readmit).await?
        }
        CommunityAction::RemoveItem { handle, item } => {
            let queued = service::communities::remove_item(data, &operator(), &handle, &item).await?;
            println!("Removed {item} from {handle}; {queued} members to tell.");
        }
        CommunityAction::Moderator {
            handle,
            username,
            dismiss,
        } => {
            service::communities::set_moderator(data, &operator(), &handle, &username, !dismiss).await?;
            if dismiss {
                println!("{username} no longer moderates {handle}.");
            } else {
                println!("{username} moderates {handle}.");
            }
        }
    }
    Ok(())
}

async fn moderate(data: &AppData, handle: &str, city: &str, action: MemberAction) -> anyhow::Result<()> {
    let city = service::communities::moderate_member(data, &operator(), handle, city, action).await?;
    let done = match action {
        MemberAction::Approve => "is a member of",
        MemberAction::Refuse => "was refused by",
        MemberAction::Remove => "was removed from",
        MemberAction::Readmit => "may ask again to join",
    };
    println!("{} {done} {handle}.", city.address());
    Ok(())
}
