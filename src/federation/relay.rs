//! A community relays what its members post: every `Create`, `Update` and `Delete` of an item
//! posted to one of this instance's communities, sent by a member, is passed on to every other
//! member as the community's `Announce` of the activity (FEP-1b12). Members receive news of
//! community items from cities they do not follow themselves; each fetches the item from its
//! origin rather than trusting the copy (see [`super::activities::announce_item`]).
//!
//! The relay is queued in the transaction that applies the activity here, so an accepted post
//! is never lost between the two.

use serde::Serialize;
use url::Url;

use super::{
    FederationError,
    activities::{AnnounceItem, announce_item::RelayedActivity},
    delivery,
    membership::{Standing, standing},
};
use crate::{
    app::AppContext,
    storage::{DbConn, cities, communities, follows},
};

/// [`queue`] for an activity about an item posted to `community`, if it is; nothing otherwise.
pub fn queue_for_item<A: Serialize>(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    community: Option<&Url>,
    sender: &Url,
    activity: &A,
) -> Result<(), FederationError> {
    if let Some(community) = community {
        queue(conn, ctx, community, sender, activity)?;
    }
    Ok(())
}

/// Queues `activity`, sent by `sender` about an item posted to `community`, for every member of
/// that community but the sender, when the community is this instance's and the sender one of
/// its members. Part of the caller's transaction; the number of deliveries queued.
pub fn queue<A: Serialize>(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    community: &Url,
    sender: &Url,
    activity: &A,
) -> Result<usize, FederationError> {
    if standing(conn, community, sender)? != Standing::Member {
        return Ok(0);
    }
    let Some((community_id, found)) = communities::find_by_ap_id(conn, community)? else {
        return Ok(0);
    };
    let relayed: RelayedActivity = serde_json::from_value(serde_json::to_value(activity)?)?;
    // A moderator took it out: its author's later news of it is not passed on.
    if communities::is_removed(conn, community_id, &relayed.object.id)? {
        return Ok(0);
    }
    let sender_inbox =
        cities::find_by_ap_id(conn, sender)?.and_then(|(_, city)| city.delivery_inbox().cloned());
    let inboxes: Vec<Url> = follows::follower_inboxes(conn, community_id)?
        .into_iter()
        .filter(|inbox| Some(inbox) != sender_inbox.as_ref())
        .collect();
    let announce = AnnounceItem::relay(ctx, &found.actor, relayed);
    Ok(delivery::enqueue(conn, ctx, &announce, &inboxes)?)
}
