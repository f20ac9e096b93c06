//! Communities of practice: the `communities` table (what a `Group` actor's row in `cities` does
//! not say) and `community_moderators` (the hosting city's editors who moderate a local one).
//! Members are the community's followers in `follows`.

use std::collections::BTreeMap;

use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};
use url::Url;

use super::{
    DbConn, StorageError,
    cities::{self, CityId},
    dispatch,
    schema::{cities as cities_table, communities, community_moderators, community_removals, users},
    stored_url_opt, to_db_time,
};
use crate::domain::{
    city::{ActorKind, City},
    community::{Community, Membership},
    item::now,
};

/// What a remote `Group` document says beyond its actor row.
#[derive(Debug, Clone, Default)]
pub struct RemoteFacts {
    pub summaries: BTreeMap<String, String>,
    pub themes: Vec<String>,
    pub icon: Option<Url>,
    pub membership: Membership,
    pub moderators: Option<Url>,
}

impl From<&Community> for RemoteFacts {
    /// What a community's own row holds, from the community.
    fn from(community: &Community) -> RemoteFacts {
        RemoteFacts {
            summaries: community.summaries.clone(),
            themes: community.themes.clone(),
            icon: community.icon.clone(),
            membership: community.membership,
            moderators: community.moderators.clone(),
        }
    }
}

type Row = (String, String, Option<String>, String, Option<String>);

fn assemble(actor: City, row: Row) -> Result<Community, StorageError> {
    let (summaries, themes, icon, membership, moderators) = row;
    let corrupt = |what: &str| StorageError::Corrupt(format!("{what} of community {}", actor.ap_id));
    Ok(Community {
        summaries: serde_json::from_str(&summaries).map_err(|_| corrupt("summaries"))?,
        themes: serde_json::from_str(&themes).map_err(|_| corrupt("themes"))?,
        icon: stored_url_opt(icon)?,
        membership: Membership::from_code(&membership).ok_or_else(|| corrupt("membership"))?,
        moderators: stored_url_opt(moderators)?,
        actor,
    })
}

macro_rules! columns {
    () => {
        (
            communities::summaries,
            communities::themes,
            communities::icon_url,
            communities::membership,
            communities::moderators_url,
        )
    };
}

/// Stores a new local community: its actor (with its keys) and its facts.
pub fn create(conn: &mut DbConn<'_>, community: &Community) -> Result<CityId, StorageError> {
    let id = cities::upsert(conn, &community.actor)?;
    write_facts(conn, id, &RemoteFacts::from(community))?;
    Ok(id)
}

/// Records what a remote `Group` document says, replacing what was known.
pub fn upsert_remote(conn: &mut DbConn<'_>, id: CityId, facts: &RemoteFacts) -> Result<(), StorageError> {
    write_facts(conn, id, facts)
}

/// Changes a local community's actor and facts.
pub fn update(conn: &mut DbConn<'_>, id: CityId, community: &Community) -> Result<(), StorageError> {
    cities::upsert(conn, &community.actor)?;
    write_facts(conn, id, &RemoteFacts::from(community))
}

fn write_facts(conn: &mut DbConn<'_>, id: CityId, facts: &RemoteFacts) -> Result<(), StorageError> {
    let summaries = serde_json::to_string(&facts.summaries).expect("strings serialize");
    let themes = serde_json::to_string(&facts.themes).expect("strings serialize");
    let values = (
        communities::summaries.eq(summaries),
        communities::themes.eq(themes),
        communities::icon_url.eq(facts.icon.as_ref().map(Url::as_str)),
        communities::membership.eq(facts.membership.code()),
        communities::moderators_url.eq(facts.moderators.as_ref().map(Url::as_str)),
    );
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::insert_into(communities::table)
        .values((communities::actor_id.eq(id.0), values.clone(), communities::created_at.eq(at)))
        .on_conflict(communities::actor_id)
        .do_update()
        .set(values)
        .execute(c))?;
    Ok(())
}

/// A community by the id of its actor row.
pub fn get(conn: &mut DbConn<'_>, id: CityId) -> Result<Option<Community>, StorageError> {
    let actor = cities::get(conn, id)?;
    if actor.kind != ActorKind::Community {
        return Ok(None);
    }
    let row = dispatch!(conn, c => communities::table
        .find(id.0)
        .select(columns!())
        .first::<Row>(c)
        .optional())?;
    // A Group known from before its facts were recorded has the defaults.
    let row = row.unwrap_or_else(|| ("{}".into(), "[]".into(), None, "open".into(), None));
    assemble(actor, row).map(Some)
}

/// A community by its actor id.
pub fn find_by_ap_id(
    conn: &mut DbConn<'_>,
    ap_id: &Url,
) -> Result<Option<(CityId, Community)>, StorageError> {
    let Some((id, _)) = cities::find_by_ap_id(conn, ap_id)? else {
        return Ok(None);
    };
    Ok(get(conn, id)?.map(|community| (id, community)))
}

/// A local community by its handle.
pub fn find_local(conn: &mut DbConn<'_>, handle: &str) -> Result<Option<(CityId, Community)>, StorageError> {
    let id: Option<i64> = dispatch!(conn, c => cities_table::table
        .filter(cities_table::is_local.eq(true))
        .filter(cities_table::actor_kind.eq(ActorKind::Community.code()))
        .filter(cities_table::handle.eq(handle))
        .select(cities_table::id)
        .first(c)
        .optional())?;
    match id {
        Some(id) => Ok(get(conn, CityId(id))?.map(|community| (CityId(id), community))),
        None => Ok(None),
    }
}

/// Every community this instance knows (its own, and those hosted elsewhere it has looked up),
/// local ones first, then by name.
pub fn all(conn: &mut DbConn<'_>) -> Result<Vec<(CityId, Community)>, StorageError> {
    let ids: Vec<i64> = dispatch!(conn, c => cities_table::table
        .filter(cities_table::actor_kind.eq(ActorKind::Community.code()))
        .order((cities_table::is_local.desc(), cities_table::name.asc()))
        .select(cities_table::id)
        .load(c))?;
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(community) = get(conn, CityId(id))? {
            found.push((CityId(id), community));
        }
    }
    Ok(found)
}

/// A moderator of a local community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moderator {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
}

/// The moderators of a local community, by user name.
pub fn moderators(conn: &mut DbConn<'_>, community: CityId) -> Result<Vec<Moderator>, StorageError> {
    let rows: Vec<(i64, String, String)> = dispatch!(conn, c => community_moderators::table
        .inner_join(users::table)
        .filter(community_moderators::community_id.eq(community.0))
        .order(users::username.asc())
        .select((users::id, users::username, users::display_name))
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(|(user_id, username, display_name)| Moderator {
            user_id,
            username,
            display_name,
        })
        .collect())
}

/// Makes a user a moderator; `false` when they were one already.
pub fn add_moderator(conn: &mut DbConn<'_>, community: CityId, user_id: i64) -> Result<bool, StorageError> {
    let at = to_db_time(now());
    let added = dispatch!(conn, c => diesel::insert_into(community_moderators::table)
        .values((
            community_moderators::community_id.eq(community.0),
            community_moderators::user_id.eq(user_id),
            community_moderators::created_at.eq(at),
        ))
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(added > 0)
}

/// Ends a user's moderation; `false` when they were not a moderator.
pub fn remove_moderator(
    conn: &mut DbConn<'_>,
    community: CityId,
    user_id: i64,
) -> Result<bool, StorageError> {
    let removed = dispatch!(conn, c => diesel::delete(community_moderators::table
        .filter(community_moderators::community_id.eq(community.0))
        .filter(community_moderators::user_id.eq(user_id)))
        .execute(c))?;
    Ok(removed > 0)
}

/// Whether a user moderates a local community.
pub fn is_moderator(conn: &mut DbConn<'_>, community: CityId, user_id: i64) -> Result<bool, StorageError> {
    let n: i64 = dispatch!(conn, c => community_moderators::table
        .filter(community_moderators::community_id.eq(community.0))
        .filter(community_moderators::user_id.eq(user_id))
        .count()
        .get_result(c))?;
    Ok(n > 0)
}

/// Records that `item` was taken out of `community`; `false` when it had been already.
pub fn record_removal(conn: &mut DbConn<'_>, community: CityId, item: &Url) -> Result<bool, StorageError> {
    let at = to_db_time(now());
    let added = dispatch!(conn, c => diesel::insert_into(community_removals::table)
        .values((
            community_removals::community_id.eq(community.0),
            community_removals::item_ap_id.eq(item.as_str()),
            community_removals::removed_at.eq(at),
        ))
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(added > 0)
}

/// Whether `item` was taken out of `community`.
pub fn is_removed(conn: &mut DbConn<'_>, community: CityId, item: &Url) -> Result<bool, StorageError> {
    let n: i64 = dispatch!(conn, c => community_removals::table
        .filter(community_removals::community_id.eq(community.0))
        .filter(community_removals::item_ap_id.eq(item.as_str()))
        .count()
        .get_result(c))?;
    Ok(n > 0)
}
