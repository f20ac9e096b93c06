//! `Move` of a city to a new actor (a new domain after a merger or a new web address), as
//! Mastodon moves accounts: the old actor names the new one in `movedTo`, the new one lists the
//! old one in `alsoKnownAs`, and the old one sends `Move` to its followers.
//!
//! A receiver believes a move only when both documents, fetched fresh from their origins, say
//! so; then it follows the new actor instead of the old one and credits the old city's items it
//! holds to the new one.

use activitypub_federation::{
    config::Data,
    fetch::{fetch_object_http, object_id::ObjectId},
    kinds::activity::{FollowType, MoveType},
    protocol::helpers::deserialize_one_or_many,
    traits::{Activity, Object},
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Follow, Received, UndoFollow};
use crate::{
    app::AppContext,
    domain::city::City,
    federation::{
        FederationError, actors::city::Organization, delivery, objects::item::take_former_place, urls, verify,
    },
    storage::{
        cities,
        follows::{self, FollowState},
        items,
    },
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveCity {
    pub actor: ObjectId<City>,
    /// The actor that moves: the sender itself.
    pub object: Url,
    /// The actor it moved to.
    pub target: Url,
    #[serde(rename = "type")]
    pub kind: MoveType,
    pub id: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub cc: Vec<Url>,
}

impl MoveCity {
    /// The local city telling its followers it moved to `target`.
    pub fn of_local(ctx: &AppContext, target: &Url) -> MoveCity {
        MoveCity {
            actor: ctx.city.ap_id.clone().into(),
            object: ctx.city.ap_id.clone(),
            target: target.clone(),
            kind: MoveType::Move,
            id: urls::new_activity(&ctx.settings, "move"),
            to: ctx.city.followers.iter().cloned().collect(),
            cc: Vec::new(),
        }
    }
}

/// Checks, with a fresh fetch, that the actor `to` lists `from` in its `alsoKnownAs` (what a
/// city must see before it moves there, and a receiver before it believes the move), and
/// returns that document.
pub async fn confirm_alias(
    data: &Data<AppContext>,
    from: &Url,
    to: &Url,
) -> Result<Organization, FederationError> {
    let target: Organization = fetch_object_http(to, &data.reset_request_count()).await?.object;
    verify::same_origin("actor", target.id.inner(), to)?;
    if !target.also_known_as.contains(from) {
        return Err(FederationError::Refused(format!(
            "{to} does not list {from} in its alsoKnownAs; the new city must name the old one first"
        )));
    }
    Ok(target)
}

#[async_trait::async_trait]
impl Activity for MoveCity {
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
        if self.object != *self.actor.inner() {
            return Err(FederationError::Refused(format!(
                "{} cannot move {}; an actor moves only itself",
                self.actor, self.object
            )));
        }
        if self.target == self.object {
            return Err(FederationError::BadRequest("a city cannot move to itself".into()));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let (old, new) = (self.object.clone(), self.target.clone());
        // Both ends, as their origins serve them now: the new actor names the old one, and the
        // old one names the new one (a stolen key could send a Move, not change both).
        let target = confirm_alias(data, &old, &new).await?;
        let moved: Organization = fetch_object_http(&old, &data.reset_request_count()).await?.object;
        if moved.moved_to.as_ref() != Some(&new) {
            return Err(FederationError::Refused(format!(
                "{old} does not name {new} as its movedTo"
            )));
        }
        // The document just fetched is the new city's, checked as any actor is, and stored.
        City::verify(&target, &new, data).await?;
        let new_city = City::from_json(target, data).await?;
        let received = Received::of(&self, "Move");
        let ctx = data.app_data().clone();
        let (followed, credited) = data
            .db
            .write(move |conn| -> Result<(bool, usize), FederationError> {
                received.claim(conn)?;
                let missing = |url: &Url| FederationError::Refused(format!("{url} is not known here"));
                let (old_id, old_city) = cities::find_by_ap_id(conn, &old)?.ok_or_else(|| missing(&old))?;
                let (new_id, _) = cities::find_by_ap_id(conn, &new)?.ok_or_else(|| missing(&new))?;
                let credited = items::reassign_origin(conn, old_id, new_id)?;
                // Copies of restored items received before the move give way to what was held.
                for (copy, copy_id, former) in items::with_former_ids(conn, new_id)? {
                    if items::origin_of(conn, &former)?.is_none_or(|(_, owner)| owner != new_id) {
                        continue;
                    }
                    let Some(newest) = items::get_many(conn, &[copy])?.pop() else {
                        continue;
                    };
                    if take_former_place(conn, &former, &copy_id, new_id)? {
                        items::upsert(conn, &newest.item, new_id)?;
                    }
                }
                let Some(existing) = follows::find(conn, ctx.city_id, old_id)? else {
                    return Ok((false, credited));
                };
                if follows::find(conn, ctx.city_id, new_id)?.is_none() {
                    let follow = Follow::new(&ctx, &new_city);
                    follows::upsert(conn, ctx.city_id, new_id, &follow.id, FollowState::Pending)?;
                    delivery::enqueue(conn, &ctx, &follow, new_city.own_inbox().cloned().as_slice())?;
                }
                let original = Follow {
                    actor: ctx.city.ap_id.clone().into(),
                    object: old_city.ap_id.clone().into(),
                    kind: FollowType::Follow,
                    id: existing.activity_ap_id,
                };
                follows::delete(conn, ctx.city_id, old_id)?;
                let undo = UndoFollow::new(&ctx, original);
                delivery::enqueue(conn, &ctx, &undo, old_city.own_inbox().cloned().as_slice())?;
                Ok((true, credited))
            })
            .await?;
        delivery::wake(data);
        tracing::info!(from = %self.object, to = %self.target, followed, credited, "a peer city moved");
        Ok(())
    }
}
