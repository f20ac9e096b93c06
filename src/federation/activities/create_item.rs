//! `Create` of an `Article`: a followed city publishes a knowledge item.

use activitypub_federation::{
    config::Data,
    fetch::object_id::ObjectId,
    kinds::{activity::CreateType, public},
    protocol::helpers::deserialize_one_or_many,
    traits::{Activity, Object},
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{
    app::AppContext,
    domain::{city::City, item::KnowledgeItem},
    federation::{FederationError, objects::item::Article, urls, verify},
    storage::{cities, follows, items},
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateItem {
    pub actor: ObjectId<City>,
    pub object: Article,
    #[serde(rename = "type")]
    pub kind: CreateType,
    pub id: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub cc: Vec<Url>,
}

impl CreateItem {
    /// Announces a newly published local item to the city's followers.
    pub fn new(ctx: &AppContext, article: Article) -> CreateItem {
        CreateItem {
            actor: ctx.city.ap_id.clone().into(),
            to: vec![public()],
            cc: ctx.city.followers.clone().into_iter().collect(),
            object: article,
            kind: CreateType::Create,
            id: urls::new_activity(&ctx.settings, "create"),
        }
    }
}

#[async_trait::async_trait]
impl Activity for CreateItem {
    type DataType = AppContext;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, data: &Data<AppContext>) -> Result<(), FederationError> {
        verify::same_origin("activity", &self.id, self.actor.inner())?;
        if self.object.attributed_to.inner() != self.actor.inner() {
            return Err(FederationError::Refused(format!(
                "item {} is attributed to {} but was sent by {}",
                self.object.id, self.object.attributed_to, self.actor
            )));
        }
        KnowledgeItem::verify(&self.object, self.actor.inner(), data).await?;
        let local = data.city_id;
        let actor = self.actor.inner().clone();
        // An item that adapts one of this city's items is welcome from anyone: it is how the
        // city learns that its practice travelled.
        let adapts = self
            .object
            .adapted_from
            .as_deref()
            .and_then(|a| Url::parse(a).ok())
            .filter(|a| a.origin() == data.city.ap_id.origin());
        let accepted = data
            .db
            .read(move |conn| -> Result<bool, FederationError> {
                if let Some(original) = adapts
                    && items::find_by_ap_id(conn, &original)?.is_some_and(|i| i.deleted_at.is_none())
                {
                    return Ok(true);
                }
                let Some((actor_id, _)) = cities::find_by_ap_id(conn, &actor)? else {
                    return Ok(false);
                };
                Ok(follows::find(conn, local, actor_id)?.is_some())
            })
            .await?;
        if !accepted {
            return Err(FederationError::Refused(format!(
                "{} does not follow {}; it accepts items only from cities it follows (or adaptations of its own)",
                data.city.ap_id, self.actor
            )));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let item = KnowledgeItem::from_json(self.object, data).await?;
        tracing::info!(item = %item.ap_id, origin = %item.origin, "received an item");
        Ok(())
    }
}
