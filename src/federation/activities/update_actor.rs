//! `Update` of an actor by itself: a peer city changed its profile or rotated its key. The
//! document it sends replaces the stored one, so its next signatures verify at once.

use activitypub_federation::{
    config::Data,
    fetch::object_id::ObjectId,
    kinds::activity::UpdateType,
    protocol::helpers::deserialize_one_or_many,
    traits::{Activity, Object},
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::Received;
use crate::{
    app::AppContext,
    domain::city::City,
    federation::{FederationError, actors::city::Organization, verify},
    storage::cities,
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateActor {
    pub actor: ObjectId<City>,
    pub object: Organization,
    #[serde(rename = "type")]
    pub kind: UpdateType,
    pub id: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub cc: Vec<Url>,
}

impl UpdateActor {
    /// This city telling its followers its actor changed (`actor` is its new document).
    pub fn of_local(ctx: &AppContext, actor: Organization) -> UpdateActor {
        UpdateActor {
            actor: ctx.city.ap_id.clone().into(),
            object: actor,
            kind: UpdateType::Update,
            id: crate::federation::urls::new_activity(&ctx.settings, "update"),
            to: vec![activitypub_federation::kinds::public()],
            cc: ctx.city.followers.iter().cloned().collect(),
        }
    }
}

#[async_trait::async_trait]
impl Activity for UpdateActor {
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
        if self.object.id.inner() != self.actor.inner() {
            return Err(FederationError::Refused(format!(
                "{} cannot update the actor {}; an actor updates only itself",
                self.actor, self.object.id
            )));
        }
        City::verify(&self.object, self.actor.inner(), data).await
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let received = Received::of(&self, "Update");
        let city = City::from_document(self.object)?;
        let stored = city.clone();
        data.db
            .write(move |conn| -> Result<(), FederationError> {
                received.claim(conn)?;
                cities::upsert(conn, &stored)?;
                Ok(())
            })
            .await?;
        data.known_cities.put(&city);
        tracing::info!(city = %city.ap_id, "a peer city updated its profile");
        Ok(())
    }
}
