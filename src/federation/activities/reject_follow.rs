//! `Reject` of a `Follow`: the followed city declines (its admin turned the request down).

use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, kinds::activity::RejectType, traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Follow, Received, accept_follow::FollowRef};
use crate::{
    app::AppContext,
    domain::city::City,
    federation::{FederationError, urls, verify},
    storage::{cities, follows},
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectFollow {
    pub actor: ObjectId<City>,
    pub object: FollowRef,
    #[serde(rename = "type")]
    pub kind: RejectType,
    pub id: Url,
    /// The follower answered (Lemmy reads the answer's `to` to find whom it is for).
    #[serde(
        default,
        deserialize_with = "activitypub_federation::protocol::helpers::deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<Url>,
}

impl RejectFollow {
    /// The local city's refusal of `follow`.
    pub fn new(data: &Data<AppContext>, follow: Follow) -> RejectFollow {
        RejectFollow::by(data, &data.city.ap_id, follow)
    }

    /// The refusal of `actor` (the city, or one of its communities) of `follow`.
    pub fn by(data: &Data<AppContext>, actor: &Url, follow: Follow) -> RejectFollow {
        let follow_actor = follow.actor.inner().clone();
        RejectFollow {
            actor: actor.clone().into(),
            object: FollowRef::Embedded(follow),
            kind: RejectType::Reject,
            id: urls::new_activity(&data.settings, "reject"),
            to: vec![follow_actor],
        }
    }
}

#[async_trait::async_trait]
impl Activity for RejectFollow {
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
        self.object.verify_answered_by(&self.actor, "Reject", data)
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let local = data.city_id;
        let rejecter = self.actor.inner().clone();
        let received = Received::of(&self, "Reject");
        let removed = data
            .db
            .write(move |conn| -> Result<bool, FederationError> {
                received.claim(conn)?;
                let Some((rejecter_id, _)) = cities::find_by_ap_id(conn, &rejecter)? else {
                    return Ok(false);
                };
                Ok(follows::delete(conn, local, rejecter_id)?)
            })
            .await?;
        tracing::info!(city = %self.actor, removed, "follow rejected");
        Ok(())
    }
}
