//! `Announce` of an item: a city re-shares a peer's item with its own followers, so knowledge
//! travels further than one hop. Receivers fetch the item from its origin, never trusting the
//! sharer's copy, and remember who shared it.

use activitypub_federation::{
    config::Data,
    error::Error as ProtocolError,
    fetch::object_id::ObjectId,
    kinds::{activity::AnnounceType, public},
    protocol::helpers::deserialize_one_or_many,
    traits::Activity,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{
    app::AppContext,
    domain::{
        city::City,
        item::{KnowledgeItem, now},
    },
    federation::{
        FederationError,
        activities::{Received, item_rule},
        delivery, urls, verify,
    },
    storage::{
        cities, communities, follows,
        items::{self, ItemId},
        outbox, shares,
    },
};

/// What is shared: the item's id, or (as some servers send it) the item itself, of which only
/// the id is used; or, from a community (FEP-1b12), an activity about an item (its `Create`,
/// `Update` or `Delete`), of which only the item's id is used.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Announced {
    Id(Url),
    Activity(Box<RelayedActivity>),
    Object { id: Url },
}

/// An activity a community relays to its members, as its member sent it.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct RelayedActivity {
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: Url,
    pub object: RelayedObject,
    /// The rest of the activity, passed on as it came (receivers do not trust it).
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

/// The object of a relayed activity: the item (or its id), passed on exactly as the member sent
/// it, so software that reads the embedded object (Lemmy does) sees all of it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(try_from = "serde_json::Value", into = "serde_json::Value")]
pub struct RelayedObject {
    pub id: Url,
    raw: serde_json::Value,
}

impl TryFrom<serde_json::Value> for RelayedObject {
    type Error = String;

    fn try_from(raw: serde_json::Value) -> Result<RelayedObject, String> {
        let id = match &raw {
            serde_json::Value::String(id) => id.as_str(),
            object => object.get("id").and_then(|id| id.as_str()).unwrap_or_default(),
        };
        let id = Url::parse(id).map_err(|_| "the relayed activity's object has no id".to_string())?;
        Ok(RelayedObject { id, raw })
    }
}

impl From<RelayedObject> for serde_json::Value {
    fn from(object: RelayedObject) -> serde_json::Value {
        object.raw
    }
}

impl Announced {
    /// The item concerned.
    pub fn id(&self) -> &Url {
        match self {
            Announced::Id(id) | Announced::Object { id } => id,
            Announced::Activity(activity) => &activity.object.id,
        }
    }

    /// The relayed activity, when this is one.
    pub fn activity(&self) -> Option<&RelayedActivity> {
        match self {
            Announced::Activity(activity) => Some(activity),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnounceItem {
    pub actor: ObjectId<City>,
    pub object: Announced,
    #[serde(rename = "type")]
    pub kind: AnnounceType,
    pub id: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub cc: Vec<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
}

impl AnnounceItem {
    /// One of this instance's communities passes `activity` (sent to it by a member) on to its
    /// members, as FEP-1b12 describes.
    pub fn relay(ctx: &AppContext, community: &City, activity: RelayedActivity) -> AnnounceItem {
        AnnounceItem {
            actor: community.ap_id.clone().into(),
            object: Announced::Activity(Box::new(activity)),
            kind: AnnounceType::Announce,
            id: urls::new_activity(&ctx.settings, "announce"),
            to: community.followers.clone().into_iter().collect(),
            cc: Vec::new(),
            published: Some(now()),
        }
    }

    /// The local city shares `item`.
    pub fn new(ctx: &AppContext, item: &Url) -> AnnounceItem {
        AnnounceItem {
            actor: ctx.city.ap_id.clone().into(),
            object: Announced::Id(item.clone()),
            kind: AnnounceType::Announce,
            id: urls::new_activity(&ctx.settings, "announce"),
            to: vec![public()],
            cc: ctx.city.followers.clone().into_iter().collect(),
            published: Some(now()),
        }
    }
}

#[async_trait::async_trait]
impl Activity for AnnounceItem {
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
        if self.object.id().origin() == data.city.ap_id.origin() {
            // A peer sharing one of this city's own items: always welcome news.
            return Ok(());
        }
        let local = data.city_id;
        let actor = self.actor.inner().clone();
        let followed = data
            .db
            .read(move |conn| -> Result<bool, FederationError> {
                let Some((id, _)) = cities::find_by_ap_id(conn, &actor)? else {
                    return Ok(false);
                };
                Ok(item_rule::follows_accepted(conn, local, id)?)
            })
            .await?;
        if followed {
            Ok(())
        } else {
            Err(FederationError::Refused(format!(
                "{} does not follow {} (or its follow is not accepted yet); it accepts shares only from cities it follows",
                data.city.ap_id, self.actor
            )))
        }
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let sharer = self.actor.dereference(data).await?;
        if sharer.is_community() {
            return self.relayed_by(data, sharer).await;
        }
        let item_url = self.object.id().clone();
        let received = Received::of(&self, "Announce");
        if item_url.origin() != data.city.ap_id.origin() {
            // Fetched from its origin, which verifies it: the sharer cannot alter it.
            match ObjectId::<KnowledgeItem>::from(item_url.clone())
                .dereference_forced(data)
                .await
            {
                Ok(_) => {}
                Err(FederationError::Protocol(ProtocolError::ObjectDeleted(_))) => {
                    gone_at_origin(data, received, &item_url).await?;
                    tracing::info!(item = %item_url, "a shared item is gone at its origin");
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
        let at = self.published.unwrap_or_else(now);
        let activity = self.id.clone();
        data.db
            .write(move |conn| -> Result<(), FederationError> {
                received.claim(conn)?;
                let Some(stored) = items::find_by_ap_id(conn, &item_url)? else {
                    return Err(FederationError::NotFound(format!("there is no item {item_url}")));
                };
                if !stored.item.content.audience.is_public() {
                    // Its origin meant it for a narrower audience: nobody may pass it on.
                    return Err(FederationError::Refused(format!(
                        "{item_url} is not public; only public items can be shared"
                    )));
                }
                let (sharer_id, _) = cities::find_by_ap_id(conn, &sharer.ap_id)?.ok_or_else(|| {
                    FederationError::NotFound(format!("city {} is not known", sharer.ap_id))
                })?;
                shares::record(conn, stored.id, sharer_id, &activity, at)?;
                Ok(())
            })
            .await?;
        tracing::info!(item = %self.object.id(), sharer = %self.actor, "an item was shared");
        Ok(())
    }
}

impl AnnounceItem {
    /// A community this city belongs to relays news of an item posted to it (FEP-1b12). The
    /// community's copy is never trusted: the item is fetched from its origin, which serves a
    /// members-only item only to a fetch signed by a member, and must say it was posted to this
    /// community. A relayed `Delete` counts only when the origin confirms the item is gone;
    /// one sent by the community's own server for an item still there is a moderator's removal.
    async fn relayed_by(self, data: &Data<AppContext>, community: City) -> Result<(), FederationError> {
        let item_url = self.object.id().clone();
        let received = Received::of(&self, "Announce");
        let (local, group) = (data.city_id, community.ap_id.clone());
        let (lookup, group_lookup) = (item_url.clone(), group.clone());
        let removed = data
            .db
            .read(move |conn| -> Result<bool, FederationError> {
                let Some((id, _)) = cities::find_by_ap_id(conn, &group_lookup)? else {
                    return Ok(false);
                };
                Ok(communities::is_removed(conn, id, &lookup)?)
            })
            .await?;
        if removed {
            tracing::info!(item = %item_url, community = %group, "ignored news of an item the community removed");
            return received_only(data, received).await;
        }
        let relayed = self.object.activity();
        let deletes = relayed.is_some_and(|a| a.kind == "Delete");
        let outcome = if item_url.origin() == data.city.ap_id.origin() {
            // One of this city's own items: it knows better than any relay.
            return received_only(data, received).await;
        } else {
            ObjectId::<KnowledgeItem>::from(item_url.clone())
                .dereference_forced(data)
                .await
        };
        match outcome {
            Err(FederationError::Protocol(ProtocolError::ObjectDeleted(_))) => {
                gone_at_origin(data, received, &item_url).await?;
                tracing::info!(item = %item_url, community = %group, "an item of a community is gone at its origin");
                Ok(())
            }
            Err(e) => Err(e),
            Ok(_) if deletes => {
                let by_moderator = relayed.is_some_and(|a| a.actor.origin() == group.origin());
                if !by_moderator {
                    tracing::info!(item = %item_url, "a relayed Delete of an item its origin still has was ignored");
                    return received_only(data, received).await;
                }
                data.db
                    .write(move |conn| -> Result<(), FederationError> {
                        received.claim(conn)?;
                        let (group_id, _) = cities::find_by_ap_id(conn, &group)?.ok_or_else(|| {
                            FederationError::NotFound(format!("community {group} is not known"))
                        })?;
                        super::remove_item::apply(conn, local, group_id, &item_url)?;
                        Ok(())
                    })
                    .await
            }
            Ok(item) => {
                if item.content.community.as_ref() != Some(&group) {
                    return Err(FederationError::Refused(format!(
                        "{item_url} was not posted to {group}; a community relays only items posted to it"
                    )));
                }
                tracing::info!(item = %item_url, community = %group, "a community relayed an item");
                received_only(data, received).await
            }
        }
    }
}

/// The item's origin answered that it is gone: the copy held here goes too, with the activity
/// that told.
async fn gone_at_origin(
    data: &Data<AppContext>,
    received: Received,
    item: &Url,
) -> Result<(), FederationError> {
    let gone = item.clone();
    data.db
        .write(move |conn| -> Result<(), FederationError> {
            received.claim(conn)?;
            if let Some(stored) = items::find_by_ap_id(conn, &gone)? {
                items::mark_deleted(conn, stored.id)?;
            }
            Ok(())
        })
        .await
}

/// Records an activity that changed nothing else.
async fn received_only(data: &Data<AppContext>, received: Received) -> Result<(), FederationError> {
    data.db.write(move |conn| received.claim(conn)).await
}

/// When the local city has shared an item that changed or disappeared at its origin, tells its
/// followers again, so that those who know the item only through this city fetch it anew.
pub async fn reannounce_if_shared(data: &Data<AppContext>, item: ItemId) -> Result<(), FederationError> {
    let ctx = data.app_data().clone();
    let queued = data
        .db
        .write(move |conn| -> Result<usize, FederationError> {
            if !shares::has_shared(conn, item, ctx.city_id)? {
                return Ok(0);
            }
            let Some(stored) = items::get_many(conn, &[item])?.pop() else {
                return Ok(0);
            };
            if !stored.item.content.audience.is_public() {
                return Ok(0);
            }
            let announce = AnnounceItem::new(&ctx, &stored.item.ap_id);
            if stored.deleted_at.is_none() {
                outbox::add(conn, outbox::EntryKind::Announce, item, &announce.id, now())?;
            }
            let inboxes = follows::follower_inboxes(conn, ctx.city_id)?;
            Ok(delivery::enqueue(conn, &ctx, &announce, &inboxes)?)
        })
        .await?;
    if queued > 0 {
        delivery::wake(data);
    }
    Ok(())
}
