//! Who belongs to a community: this instance's own communities know from their follows; for a
//! community hosted elsewhere, its host is asked.
//!
//! A member city that posted an item for a community's members serves it only to a fetch signed
//! by a member; for a community hosted on another instance, only that host knows the members.
//! Praxis reads the community's members collection (a signed fetch: hosts list members only to
//! members) and remembers it for a short while. A reader missing from a remembered list causes
//! one fresh read (at most every few seconds per community), so a city that has just joined is
//! not refused for long.

use std::{
    collections::HashMap,
    sync::RwLock,
    time::{Duration, Instant},
};

use activitypub_federation::fetch::{fetch_object_http, object_id::ObjectId};
use url::Url;

use super::{FederationError, collections::OrderedCollection};
use crate::{
    app::AppData,
    domain::city::City,
    storage::{
        DbConn, cities, communities,
        follows::{self, FollowState},
    },
};

/// How a city stands with a community.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not a community of this instance: nothing to relay.
    NotHere,
    Member,
    /// Asked to join and not accepted, never asked, or removed by a moderator.
    NotMember,
}

/// How `sender` stands with `community`, if it is one of this instance's.
pub fn standing(conn: &mut DbConn<'_>, community: &Url, sender: &Url) -> Result<Standing, FederationError> {
    let Some((community_id, found)) = communities::find_by_ap_id(conn, community)? else {
        return Ok(Standing::NotHere);
    };
    if !found.actor.is_local {
        return Ok(Standing::NotHere);
    }
    let Some((sender_id, sender)) = cities::find_by_ap_id(conn, sender)? else {
        return Ok(Standing::NotMember);
    };
    if sender.is_local {
        // The hosting city belongs to its communities.
        return Ok(Standing::Member);
    }
    Ok(match follows::find(conn, sender_id, community_id)? {
        Some(follow) if follow.state == FollowState::Accepted => Standing::Member,
        _ => Standing::NotMember,
    })
}

/// How long a list of members is believed.
const FRESH_FOR: Duration = Duration::from_secs(60);
/// The shortest time between two reads of one community's members.
const REREAD_AFTER: Duration = Duration::from_secs(2);

/// Members lists of communities hosted elsewhere, as their hosts last answered.
#[derive(Default)]
pub struct RemoteMembers {
    lists: RwLock<HashMap<Url, (Vec<Url>, Instant)>>,
}

impl RemoteMembers {
    fn remembered(&self, community: &Url) -> Option<(bool, Duration, Vec<Url>)> {
        let lists = self.lists.read().expect("members lock");
        lists
            .get(community)
            .map(|(members, at)| (at.elapsed() < FRESH_FOR, at.elapsed(), members.clone()))
    }

    fn remember(&self, community: &Url, members: Vec<Url>) {
        let mut lists = self.lists.write().expect("members lock");
        if lists.len() > 10_000 {
            lists.clear();
        }
        lists.insert(community.clone(), (members, Instant::now()));
    }
}

/// Whether `reader` is a member of `community`, a `Group` hosted on another instance, as its
/// host says.
pub async fn is_member(data: &AppData, community: &Url, reader: &Url) -> Result<bool, FederationError> {
    if let Some((fresh, age, members)) = data.remote_members.remembered(community) {
        if members.contains(reader) && fresh {
            return Ok(true);
        }
        if age < REREAD_AFTER {
            return Ok(members.contains(reader));
        }
    }
    let group = ObjectId::<City>::from(community.clone())
        .dereference(data)
        .await?;
    if !group.is_community() {
        return Ok(false);
    }
    let Some(collection) = group.followers.clone() else {
        return Ok(false);
    };
    let listing = fetch_object_http::<crate::app::AppContext, OrderedCollection<Url>>(&collection, data)
        .await
        .map_err(FederationError::from)?
        .object;
    let members = listing.ordered_items;
    let member = members.contains(reader);
    data.remote_members.remember(community, members);
    Ok(member)
}
