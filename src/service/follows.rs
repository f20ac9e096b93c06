//! Following and unfollowing peer cities.

use activitypub_federation::kinds::activity::FollowType;

use super::{ServiceError, peers::PeerRef};
use crate::{
    app::AppData,
    domain::{city::City, policy::PeerDomain},
    federation::{
        activities::{AcceptFollow, Follow, RejectFollow, UndoFollow},
        delivery,
    },
    storage::follows::{self, FollowState},
};

/// What `follow` and `unfollow` did.
#[derive(Debug, Clone)]
pub struct FollowChange {
    pub city: City,
    /// Deliveries queued (0 when the peer is this instance itself).
    pub deliveries: usize,
}

/// Resolves the peer, records a pending follow and queues the Follow activity.
pub async fn follow(data: &AppData, target: &str) -> Result<FollowChange, ServiceError> {
    let peer = PeerRef::parse(target)?;
    // Said plainly here rather than as a refused lookup.
    if let Ok(domain) = PeerDomain::parse(target)
        && let Err(refusal) = data.policy.current().await?.check_domain(&domain)
    {
        return Err(ServiceError::Forbidden(format!(
            "cannot follow {target}: {refusal}; add it to the allowlist first"
        )));
    }
    let city = peer.resolve(data).await?;
    if city.ap_id == data.city.ap_id {
        return Err(ServiceError::BadInput("a city cannot follow itself".into()));
    }
    let follow = Follow::new(data, &city);
    let ctx = data.app_data().clone();
    let target = city.clone();
    let deliveries = data
        .db
        .write(move |conn| -> Result<usize, ServiceError> {
            let (id, _) = PeerRef::Url(target.ap_id.clone())
                .find_known(conn)?
                .ok_or_else(|| ServiceError::NotFound(format!("city {} was not stored", target.ap_id)))?;
            follows::upsert(conn, ctx.city_id, id, &follow.id, FollowState::Pending)?;
            Ok(delivery::enqueue(
                conn,
                &ctx,
                &follow,
                target.own_inbox().cloned().as_slice(),
            )?)
        })
        .await?;
    delivery::wake(data);
    Ok(FollowChange { city, deliveries })
}

/// Forgets the follow and queues an Undo of the original Follow; needs no network to start.
pub async fn unfollow(data: &AppData, target: &str) -> Result<FollowChange, ServiceError> {
    let peer = PeerRef::parse(target)?;
    let ctx = data.app_data().clone();
    let (city, deliveries) = data
        .db
        .write(move |conn| -> Result<(City, usize), ServiceError> {
            let (id, city) = peer.find_known(conn)?.ok_or_else(|| {
                ServiceError::NotFound(format!("{} does not follow {peer}", ctx.city.address()))
            })?;
            let existing = follows::find(conn, ctx.city_id, id)?.ok_or_else(|| {
                ServiceError::NotFound(format!(
                    "{} does not follow {}",
                    ctx.city.address(),
                    city.address()
                ))
            })?;
            let original = Follow {
                actor: ctx.city.ap_id.clone().into(),
                object: city.ap_id.clone().into(),
                kind: FollowType::Follow,
                id: existing.activity_ap_id,
            };
            let undo = UndoFollow::new(&ctx, original);
            follows::delete(conn, ctx.city_id, id)?;
            let queued = delivery::enqueue(conn, &ctx, &undo, city.own_inbox().cloned().as_slice())?;
            Ok((city, queued))
        })
        .await?;
    delivery::wake(data);
    Ok(FollowChange { city, deliveries })
}

/// Accepts a follow request that waits for approval: the city becomes a follower and is told.
pub async fn approve(data: &AppData, target: &str) -> Result<FollowChange, ServiceError> {
    answer_request(data, target, true).await
}

/// Turns a follow request down: it is forgotten and the city is told (a `Reject`).
pub async fn reject(data: &AppData, target: &str) -> Result<FollowChange, ServiceError> {
    answer_request(data, target, false).await
}

async fn answer_request(data: &AppData, target: &str, approve: bool) -> Result<FollowChange, ServiceError> {
    let peer = PeerRef::parse(target)?;
    let ctx = data.clone();
    let (city, deliveries) = data
        .db
        .write(move |conn| -> Result<(City, usize), ServiceError> {
            let not_waiting =
                || ServiceError::NotFound(format!("no follow request from {peer} waits for approval"));
            let (id, city) = peer.find_known(conn)?.ok_or_else(not_waiting)?;
            let request = follows::find(conn, id, ctx.city_id)?
                .filter(|f| f.state == FollowState::Pending)
                .ok_or_else(not_waiting)?;
            let original = Follow {
                actor: city.ap_id.clone().into(),
                object: ctx.city.ap_id.clone().into(),
                kind: FollowType::Follow,
                id: request.activity_ap_id,
            };
            let inbox: Vec<_> = city.own_inbox().cloned().into_iter().collect();
            let queued = if approve {
                follows::accept(conn, id, ctx.city_id)?;
                delivery::enqueue(conn, &ctx, &AcceptFollow::new(&ctx, original), &inbox)?
            } else {
                follows::delete(conn, id, ctx.city_id)?;
                delivery::enqueue(conn, &ctx, &RejectFollow::new(&ctx, original), &inbox)?
            };
            Ok((city, queued))
        })
        .await?;
    delivery::wake(data);
    tracing::info!(city = %city.ap_id, approve, "answered a follow request");
    Ok(FollowChange { city, deliveries })
}

/// How this city's follow of the city `peer` (an actor id) stands; `None` when it never asked.
pub async fn state_of(
    ctx: &crate::app::AppContext,
    peer: &url::Url,
) -> Result<Option<FollowState>, crate::storage::StorageError> {
    let (local, peer) = (ctx.city_id, peer.clone());
    ctx.db
        .read(move |conn| {
            let Some((id, _)) = crate::storage::cities::find_by_ap_id(conn, &peer)? else {
                return Ok(None);
            };
            Ok(follows::find(conn, local, id)?.map(|f| f.state))
        })
        .await
}
