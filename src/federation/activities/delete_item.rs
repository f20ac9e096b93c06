//! `Delete` of an item: the origin city withdrew it. Receivers keep a tombstone.

use activitypub_federation::{
    config::Data,
    fetch::object_id::ObjectId,
    kinds::activity::DeleteType,
    protocol::{helpers::deserialize_one_or_many, tombstone::Tombstone},
    traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Received, announce_item::reannounce_if_shared};
use crate::{
    app::AppContext,
    domain::{audience::Audience, city::City},
    federation::{FederationError, audience::addressing, delivery, relay, urls, verify},
    storage::{cities, items, outbox},
};

/// What was deleted: an id, or an object (a `Tombstone`, or the deleted object) with one.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Deleted {
    Id(Url),
    Tombstone(Tombstone),
    Object { id: Url },
}

impl Deleted {
    pub fn id(&self) -> &Url {
        match self {
            Deleted::Id(id) | Deleted::Object { id } => id,
            Deleted::Tombstone(tombstone) => &tombstone.id,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteItem {
    pub actor: ObjectId<City>,
    pub object: Deleted,
    #[serde(rename = "type")]
    pub kind: DeleteType,
    pub id: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub cc: Vec<Url>,
}

impl DeleteItem {
    /// Tells the audience of a local item (`audience`: the one it had) that it is gone, or
    /// that they may no longer read it.
    pub fn new(ctx: &AppContext, item: &Url, audience: &Audience) -> DeleteItem {
        let (to, cc) = addressing(audience, None, ctx.city.followers.as_ref());
        DeleteItem {
            actor: ctx.city.ap_id.clone().into(),
            to,
            cc,
            object: Deleted::Tombstone(Tombstone::new(item.clone())),
            kind: DeleteType::Delete,
            id: urls::new_activity(&ctx.settings, "delete"),
        }
    }
}

#[async_trait::async_trait]
impl Activity for DeleteItem {
    type DataType = AppContext;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, _data: &Data<AppContext>) -> Result<(), FederationError> {
        verify::same_origin("activity", &self.id, self.actor.inner())?;
        verify::same_origin("deleted object", self.object.id(), self.actor.inner())
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let item_id = self.object.id().clone();
        let actor = self.actor.inner().clone();
        let received = Received::of(&self, "Delete");
        let (ctx, relayed) = (data.app_data().clone(), self.clone());
        let deleted = data
            .db
            .write(move |conn| -> Result<Option<items::ItemId>, FederationError> {
                received.claim(conn)?;
                let Some(stored) = items::find_by_ap_id(conn, &item_id)? else {
                    // Deliveries are not ordered: the Create may still be on its way.
                    items::remember_deleted(conn, &item_id)?;
                    return Ok(None);
                };
                let origin = cities::get(conn, stored.origin_city_id)?;
                if origin.ap_id != actor {
                    return Err(FederationError::Refused(format!(
                        "{actor} cannot delete item {item_id}, which belongs to {}",
                        origin.ap_id
                    )));
                }
                let changed = items::mark_deleted(conn, stored.id)?;
                outbox::remove_item(conn, stored.id)?;
                if changed {
                    relay::queue_for_item(
                        conn,
                        &ctx,
                        stored.item.content.community.as_ref(),
                        &actor,
                        &relayed,
                    )?;
                }
                Ok(changed.then_some(stored.id))
            })
            .await?;
        delivery::wake(data);
        if let Some(id) = deleted {
            tracing::info!(item = %self.object.id(), "an item was deleted by its origin");
            reannounce_if_shared(data, id).await?;
        }
        Ok(())
    }
}
