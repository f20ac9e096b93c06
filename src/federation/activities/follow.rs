//! `Follow`: a city asks to receive another city's knowledge, or to join one of this instance's
//! communities. Praxis accepts a city's follower at once, unless the federation policy holds
//! requests from non-members for an admin's approval; a community accepts at once when its
//! membership is open, holds the request for a moderator when it is on approval, and refuses a
//! city a moderator removed.

use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, kinds::activity::FollowType, traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{AcceptFollow, Received, RejectFollow, local_actor};
use crate::{
    app::AppContext,
    domain::city::City,
    federation::{FederationError, delivery, urls, verify},
    storage::{
        cities::{self, CityId},
        communities,
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
        local_actor(data, self.object.inner(), "object of a Follow").await?;
        Ok(())
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let (target_id, target) = local_actor(data, self.object.inner(), "object of a Follow").await?;
        if target.is_community() {
            return self.join(data, target_id, target).await;
        }
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

impl Follow {
    /// A city asks to join one of this instance's communities.
    async fn join(
        self,
        data: &Data<AppContext>,
        community_id: CityId,
        community: City,
    ) -> Result<(), FederationError> {
        let member = self.actor.dereference(data).await?;
        let ctx = data.app_data().clone();
        let received = Received::of(&self, "Follow");
        let accept = AcceptFollow::by(data, &community.ap_id, self.clone());
        let reject = RejectFollow::by(data, &community.ap_id, self.clone());
        let outcome = data
            .db
            .write(move |conn| -> Result<FollowState, FederationError> {
                received.claim(conn)?;
                let (member_id, _) = cities::find_by_ap_id(conn, &member.ap_id)?.ok_or_else(|| {
                    FederationError::NotFound(format!("city {} is not known", member.ap_id))
                })?;
                let approval = communities::get(conn, community_id)?
                    .is_some_and(|c| c.membership == crate::domain::community::Membership::Approval);
                let inbox = member.own_inbox().cloned();
                let state = match follows::find(conn, member_id, community_id)?.map(|f| f.state) {
                    // A moderator removed it: it stays out until a moderator lets it back in.
                    Some(FollowState::Removed) => {
                        delivery::enqueue(conn, &ctx, &reject, inbox.as_slice())?;
                        return Ok(FollowState::Removed);
                    }
                    Some(FollowState::Accepted) => FollowState::Accepted,
                    _ if approval => FollowState::Pending,
                    _ => FollowState::Accepted,
                };
                follows::upsert(conn, member_id, community_id, &self.id, state)?;
                if state == FollowState::Accepted {
                    delivery::enqueue(conn, &ctx, &accept, inbox.as_slice())?;
                }
                Ok(state)
            })
            .await?;
        delivery::wake(data);
        tracing::info!(member = %self.actor, community = %community.ap_id, ?outcome, "a city asked to join a community");
        Ok(())
    }
}
