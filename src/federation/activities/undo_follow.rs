//! `Undo` of a `Follow`: a city stops following.

use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, kinds::activity::UndoType, traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Follow, Received, local_actor};
use crate::{
    app::AppContext,
    domain::city::City,
    federation::{FederationError, urls, verify},
    storage::{cities, follows},
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UndoFollow {
    pub actor: ObjectId<City>,
    pub object: Follow,
    #[serde(rename = "type")]
    pub kind: UndoType,
    pub id: Url,
}

impl UndoFollow {
    /// Withdraws the local city's `follow`.
    pub fn new(ctx: &AppContext, follow: Follow) -> UndoFollow {
        UndoFollow {
            actor: ctx.city.ap_id.clone().into(),
            object: follow,
            kind: UndoType::Undo,
            id: urls::new_activity(&ctx.settings, "undo"),
        }
    }
}

#[async_trait::async_trait]
impl Activity for UndoFollow {
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
        if self.object.actor.inner() != self.actor.inner() {
            return Err(FederationError::Refused(format!(
                "{} cannot undo a Follow made by {}",
                self.actor, self.object.actor
            )));
        }
        local_actor(data, self.object.object.inner(), "object of the undone Follow").await?;
        Ok(())
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let (local, _) = local_actor(data, self.object.object.inner(), "object of the undone Follow").await?;
        let follower = self.actor.inner().clone();
        let received = Received::of(&self, "Undo");
        let removed = data
            .db
            .write(move |conn| -> Result<bool, FederationError> {
                received.claim(conn)?;
                let Some((follower_id, _)) = cities::find_by_ap_id(conn, &follower)? else {
                    return Ok(false);
                };
                // A removed member stays removed: leaving does not lift a moderator's decision.
                if follows::find(conn, follower_id, local)?
                    .is_some_and(|f| f.state == follows::FollowState::Removed)
                {
                    return Ok(false);
                }
                Ok(follows::delete(conn, follower_id, local)?)
            })
            .await?;
        if removed {
            tracing::info!(follower = %self.actor, "a follower left");
        }
        Ok(())
    }
}
