//! Following and unfollowing peer cities.

use activitypub_federation::kinds::activity::FollowType;

use super::{ServiceError, peers::PeerRef};
use crate::{
    app::AppData,
    domain::city::City,
    federation::{
        activities::{Follow, UndoFollow},
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
                std::slice::from_ref(&target.inbox),
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
            let queued = delivery::enqueue(conn, &ctx, &undo, std::slice::from_ref(&city.inbox))?;
            Ok((city, queued))
        })
        .await?;
    delivery::wake(data);
    Ok(FollowChange { city, deliveries })
}
