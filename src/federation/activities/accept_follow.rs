//! `Accept` of a `Follow`: the followed city agrees to send its knowledge.

use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, kinds::activity::AcceptType, traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Follow, Received, require_local_city};
use crate::{
    app::AppContext,
    domain::city::City,
    federation::{FederationError, urls, verify},
    storage::{backfills, cities, follows},
};

/// The Follow being accepted: embedded (as Praxis and Mastodon send it) or by id.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum FollowRef {
    Embedded(Follow),
    Id(Url),
}

impl FollowRef {
    /// Checks that this is a Follow the local city sent to `answerer`, who now answers it with
    /// `answer` (Accept or Reject).
    pub fn verify_answered_by(
        &self,
        answerer: &ObjectId<City>,
        answer: &str,
        data: &Data<AppContext>,
    ) -> Result<(), FederationError> {
        match self {
            FollowRef::Embedded(follow) => {
                require_local_city(
                    data,
                    follow.actor.inner(),
                    &format!("follower in the Follow of an {answer}"),
                )?;
                if follow.object.inner() != answerer.inner() {
                    return Err(FederationError::Refused(format!(
                        "{answerer} cannot send an {answer} for a Follow addressed to {}",
                        follow.object
                    )));
                }
                Ok(())
            }
            FollowRef::Id(id) => verify::same_origin(&format!("Follow of an {answer}"), id, &data.city.ap_id),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptFollow {
    pub actor: ObjectId<City>,
    pub object: FollowRef,
    #[serde(rename = "type")]
    pub kind: AcceptType,
    pub id: Url,
    /// The follower answered (Lemmy reads the answer's `to` to find whom it is for).
    #[serde(
        default,
        deserialize_with = "activitypub_federation::protocol::helpers::deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<Url>,
}

impl AcceptFollow {
    /// The local city's answer to `follow`.
    pub fn new(data: &Data<AppContext>, follow: Follow) -> AcceptFollow {
        AcceptFollow::by(data, &data.city.ap_id, follow)
    }

    /// The answer of `actor` (the city, or one of its communities) to `follow`.
    pub fn by(data: &Data<AppContext>, actor: &Url, follow: Follow) -> AcceptFollow {
        let follow_actor = follow.actor.inner().clone();
        AcceptFollow {
            actor: actor.clone().into(),
            object: FollowRef::Embedded(follow),
            kind: AcceptType::Accept,
            id: urls::new_activity(&data.settings, "accept"),
            to: vec![follow_actor],
        }
    }
}

#[async_trait::async_trait]
impl Activity for AcceptFollow {
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
        self.object.verify_answered_by(&self.actor, "Accept", data)
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let local = data.city_id;
        let accepter = self.actor.inner().clone();
        let received = Received::of(&self, "Accept");
        let accepted = data
            .db
            .write(move |conn| -> Result<bool, FederationError> {
                received.claim(conn)?;
                let Some((accepter_id, _)) = cities::find_by_ap_id(conn, &accepter)? else {
                    return Ok(false);
                };
                let accepted = follows::accept(conn, local, accepter_id)?;
                if accepted {
                    // Now that the city sends its news here, import what it published before.
                    backfills::start(conn, accepter_id)?;
                }
                Ok(accepted)
            })
            .await?;
        if accepted {
            data.backfill_signal.notify_one();
            tracing::info!(city = %self.actor, "follow accepted");
        } else {
            tracing::info!(city = %self.actor, "ignored an Accept for a follow this city did not ask for");
        }
        Ok(())
    }
}
