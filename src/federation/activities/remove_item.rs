//! `Remove` of an item from a community: a moderator of the community's host took it out
//! (FEP-1b12: the `Group` removes an object from its collection, `target` its outbox). Members
//! stop listing it as the community's; a copy they hold only through the community is dropped.
//!
//! Only the community itself may remove from it: the activity must come from a `Group` this
//! city is a member of, with `target` on the Group's origin. The item stays its origin's: a
//! city that follows the origin and may read the item keeps it, and the origin keeps its own.

use activitypub_federation::{config::Data, kinds::activity::RemoveType, traits::Activity};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Received, item_rule};
use crate::{
    app::AppContext,
    federation::{FederationError, urls, verify},
    storage::{DbConn, StorageError, cities, communities, items},
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveItem {
    pub actor: Url,
    /// The item's id.
    pub object: Url,
    /// The community's outbox.
    pub target: Url,
    #[serde(rename = "type")]
    pub kind: RemoveType,
    pub id: Url,
    #[serde(
        default,
        deserialize_with = "activitypub_federation::protocol::helpers::deserialize_one_or_many"
    )]
    pub to: Vec<Url>,
}

impl RemoveItem {
    /// One of this instance's communities removes `item`.
    pub fn new(ctx: &AppContext, community: &crate::domain::city::City, item: &Url) -> RemoveItem {
        RemoveItem {
            actor: community.ap_id.clone(),
            object: item.clone(),
            target: community
                .outbox
                .clone()
                .unwrap_or_else(|| community.ap_id.clone()),
            kind: RemoveType::Remove,
            id: urls::new_activity(&ctx.settings, "remove"),
            to: community.followers.clone().into_iter().collect(),
        }
    }
}

/// Applies the removal of `item` from `community` here: recorded, so it is neither listed as the
/// community's nor relayed again; a copy held only through the community is marked deleted.
pub fn apply(
    conn: &mut DbConn<'_>,
    local: cities::CityId,
    community: cities::CityId,
    item: &Url,
) -> Result<bool, StorageError> {
    let recorded = communities::record_removal(conn, community, item)?;
    if let Some(stored) = items::find_by_ap_id(conn, item)?
        && stored.origin_city_id != local
    {
        let through_origin = stored.item.content.audience.is_public()
            && item_rule::follows_accepted(conn, local, stored.origin_city_id)?;
        if !through_origin {
            items::mark_deleted(conn, stored.id)?;
        }
    }
    Ok(recorded)
}

#[async_trait::async_trait]
impl Activity for RemoveItem {
    type DataType = AppContext;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, data: &Data<AppContext>) -> Result<(), FederationError> {
        verify::same_origin("activity", &self.id, &self.actor)?;
        verify::same_origin("target", &self.target, &self.actor)?;
        let (local, actor) = (data.city_id, self.actor.clone());
        let member = data
            .db
            .read(move |conn| -> Result<bool, FederationError> {
                let Some((id, group)) = cities::find_by_ap_id(conn, &actor)? else {
                    return Ok(false);
                };
                Ok(group.is_community() && item_rule::follows_accepted(conn, local, id)?)
            })
            .await?;
        if member {
            Ok(())
        } else {
            Err(FederationError::Refused(format!(
                "{} is not a community {} belongs to; only a community removes items from itself",
                self.actor, data.city.ap_id
            )))
        }
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let local = data.city_id;
        let received = Received::of(&self, "Remove");
        let (community, item) = (self.actor.clone(), self.object.clone());
        data.db
            .write(move |conn| -> Result<(), FederationError> {
                received.claim(conn)?;
                let (community_id, _) = cities::find_by_ap_id(conn, &community)?.ok_or_else(|| {
                    FederationError::NotFound(format!("community {community} is not known"))
                })?;
                apply(conn, local, community_id, &item)?;
                Ok(())
            })
            .await?;
        tracing::info!(community = %self.actor, item = %self.object, "a community removed an item");
        Ok(())
    }
}
