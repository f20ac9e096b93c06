//! `Follow`: a city asks to receive another city's knowledge. Praxis accepts at once, unless the
//! federation policy holds requests from non-members for an admin's approval.

use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, kinds::activity::FollowType, traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{AcceptFollow, Received, require_local_city};
use crate::{
    app::AppContext,
    domain::city::City,
    federation::{FederationError, delivery, urls, verify},
    storage::{
        cities,
        follows::{self, FollowState},
    },
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Follow {
    pub actor: ObjectId<City>,
    pub object: ObjectId<City>,
    #[serde(rename = "type")]
    pub kind: FollowType,
    pub id: Url,
}

impl Follow {
    /// A new Follow from the local city to `target`.
    pub fn new(ctx: &AppContext, target: &City) -> Follow {
        Follow {
            actor: ctx.city.ap_id.clone().into(),
            object: target.ap_id.clone().into(),
            kind: FollowType::Follow,
            id: urls::new_activity(&ctx.settings, "follow"),
        }
    }
}

#[async_trait::async_trait]
impl Activity for Follow {
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
        require_local_city(data, self.object.inner(), "object of a Follow")
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let follower = self.actor.dereference(data).await?;
        let policy = data.policy.current().await?;
        let hold = policy.hold_follows && !policy.is_member(&follower.ap_id);
        let accept = AcceptFollow::new(data, self.clone());
        let ctx = data.app_data().clone();
        let local = ctx.city_id;
        let received = Received::of(&self, "Follow");
        data.db
            .write(move |conn| -> Result<(), FederationError> {
                received.claim(conn)?;
                let (follower_id, _) = cities::find_by_ap_id(conn, &follower.ap_id)?.ok_or_else(|| {
                    FederationError::NotFound(format!("city {} is not known", follower.ap_id))
                })?;
                if hold {
                    // Already accepted stays accepted: a repeated Follow is not a new request.
                    if follows::find(conn, follower_id, local)?.map(|f| f.state)
                        != Some(FollowState::Accepted)
                    {
                        follows::upsert(conn, follower_id, local, &self.id, FollowState::Pending)?;
                        return Ok(());
                    }
                }
                follows::upsert(conn, follower_id, local, &self.id, FollowState::Accepted)?;
                delivery::enqueue(conn, &ctx, &accept, follower.own_inbox().cloned().as_slice())?;
                Ok(())
            })
            .await?;
        delivery::wake(data);
        if hold {
            tracing::info!(follower = %self.actor, "a follow request waits for an admin's approval");
        } else {
            tracing::info!(follower = %self.actor, "accepted a follower");
        }
        Ok(())
    }
}
