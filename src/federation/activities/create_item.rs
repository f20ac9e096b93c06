//! `Create` of an `Article`: a followed city publishes a knowledge item (who may: see
//! [`super::item_rule`]).

use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, kinds::activity::CreateType,
    protocol::helpers::deserialize_one_or_many, traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Received, item_rule};
use crate::{
    app::AppContext,
    domain::city::City,
    federation::{
        FederationError, delivery,
        objects::item::{Article, store_then},
        relay, urls, verify,
    },
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
            // Addressed as the item is, so the activity reaches exactly the item's audience.
            to: article.to.clone(),
            cc: article.cc.clone(),
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
        item_rule::may_send_item(data, self.actor.inner(), &self.object).await
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let received = Received::of(&self, "Create");
        let item = self.object.to_item()?;
        let (ctx, relayed) = (data.app_data().clone(), self.clone());
        store_then(data, item.clone(), Some(received), move |conn, _| {
            relay::queue_for_item(
                conn,
                &ctx,
                relayed.object.audience.as_ref(),
                relayed.actor.inner(),
                &relayed,
            )
        })
        .await?;
        delivery::wake(data);
        tracing::info!(item = %item.ap_id, origin = %item.origin, "received an item");
        Ok(())
    }
}
