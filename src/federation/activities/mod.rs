//! Activities between cities: one file per type, each with its JSON shape, `verify` and
//! `receive`.

pub mod accept_follow;
pub mod announce_item;
pub mod answer_translation;
pub mod create_item;
pub mod create_reply;
pub mod delete_item;
pub mod follow;
pub mod item_rule;
pub mod move_city;
pub mod offer_translation;
pub mod reject_follow;
pub mod remove_item;
pub mod undo_follow;
pub mod update_actor;
pub mod update_item;

use activitypub_federation::{config::Data, traits::Activity};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{app::AppContext, federation::FederationError};

pub use accept_follow::AcceptFollow;
pub use announce_item::AnnounceItem;
pub use answer_translation::{AcceptTranslation, OfferRef, RejectTranslation};
pub use create_item::CreateItem;
pub use create_reply::CreateReply;
pub use delete_item::DeleteItem;
pub use follow::Follow;
pub use move_city::MoveCity;
pub use offer_translation::{OfferTranslation, TranslationObject};
pub use reject_follow::RejectFollow;
pub use remove_item::RemoveItem;
pub use undo_follow::UndoFollow;
pub use update_actor::UpdateActor;
pub use update_item::UpdateItem;

/// Every activity the inbox accepts.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
#[enum_delegate::implement(Activity)]
pub enum InboxActivity {
    Follow(Follow),
    AcceptFollow(AcceptFollow),
    RejectFollow(RejectFollow),
    UndoFollow(UndoFollow),
    CreateItem(Box<CreateItem>),
    CreateReply(Box<CreateReply>),
    UpdateItem(Box<UpdateItem>),
    UpdateActor(Box<UpdateActor>),
    DeleteItem(DeleteItem),
    AnnounceItem(AnnounceItem),
    RemoveItem(RemoveItem),
    OfferTranslation(Box<OfferTranslation>),
    AcceptTranslation(Box<AcceptTranslation>),
    RejectTranslation(Box<RejectTranslation>),
    MoveCity(MoveCity),
}

/// The few fields read before an activity is parsed in full, to answer clearly what Praxis does
/// not handle instead of failing to parse it.
#[derive(Debug, Deserialize)]
pub struct Envelope {
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: Url,
    #[serde(default)]
    pub object: serde_json::Value,
}

impl Envelope {
    /// Why Praxis ignores this activity, or `None` when the inbox handles it.
    pub fn unsupported_reason(&self) -> Option<String> {
        let object_type = self.object.get("type").and_then(|t| t.as_str()).unwrap_or("");
        let object_is_id = self.object.is_string();
        let is_reply = self.object.get("inReplyTo").is_some_and(|r| r.is_string());
        let deletes_actor = self.object.as_str() == Some(self.actor.as_str());
        // What an activity a community relays is about (FEP-1b12's Announce of an activity).
        let inner = self.object.get("object");
        let inner_type = inner.and_then(|o| o.get("type")).and_then(|t| t.as_str());
        let inner_is_id = inner.is_some_and(|o| o.is_string());
        let updates_itself = crate::federation::actors::city::ACTOR_TYPES.contains(&object_type)
            && self.object.get("id").and_then(|i| i.as_str()) == Some(self.actor.as_str());
        match self.kind.as_str() {
            "Follow" => None,
            "Move" if object_is_id => None,
            "Offer" if object_type == "Translation" => None,
            "Accept" | "Reject" if object_type == "Offer" => None,
            "Accept" | "Reject" if object_type == "Follow" || object_is_id => None,
            "Undo" if object_type == "Follow" => None,
            "Create" if object_type == "Article" => None,
            "Create" if object_type == "Note" && is_reply => None,
            "Create" if object_type == "Note" => Some(
                "a Note that replies to nothing is not handled; Praxis keeps articles and replies to them"
                    .into(),
            ),
            "Update" if object_type == "Article" || updates_itself => None,
            "Delete" if deletes_actor => Some("deleting an actor is not handled by Praxis".into()),
            "Delete" if object_is_id || object_type == "Tombstone" || object_type == "Article" => None,
            "Announce" if object_is_id || object_type == "Article" => None,
            "Announce" if matches!(object_type, "Create" | "Update") && inner_type == Some("Article") => None,
            "Announce"
                if object_type == "Delete"
                    && (inner_is_id || matches!(inner_type, Some("Tombstone" | "Article"))) =>
            {
                None
            }
            "Remove" if object_is_id => None,
            "Offer" | "Accept" | "Reject" | "Undo" | "Create" | "Update" | "Delete" | "Announce"
            | "Remove" => Some(format!(
                "{} of {} is not handled by Praxis",
                self.kind,
                if object_type.is_empty() {
                    "this object"
                } else {
                    object_type
                }
            )),
            other => Some(format!("activity type {other} is not handled by Praxis")),
        }
    }
}

/// An activity being received, as the `received_activities` table remembers it.
#[derive(Debug, Clone)]
pub struct Received {
    pub id: Url,
    pub actor: Url,
    pub kind: &'static str,
}

impl Received {
    pub fn of(activity: &impl Activity, kind: &'static str) -> Received {
        Received {
            id: activity.id().clone(),
            actor: activity.actor().clone(),
            kind,
        }
    }

    /// Records the activity in the caller's transaction, before its effect: a redelivery racing
    /// this one waits on the unique id (PostgreSQL) or the write lock (SQLite), then finds the
    /// row and fails with [`FederationError::Duplicate`], which rolls its transaction back.
    pub fn claim(&self, conn: &mut crate::storage::DbConn<'_>) -> Result<(), FederationError> {
        if crate::storage::received::record(conn, &self.id, &self.actor, self.kind)? {
            Ok(())
        } else {
            Err(FederationError::Duplicate)
        }
    }
}

/// The local actor named `id` (the city, or one of its communities) and its row id: what a
/// `Follow` or its `Undo` may be addressed to.
pub(crate) async fn local_actor(
    data: &Data<AppContext>,
    id: &Url,
    role: &str,
) -> Result<(crate::storage::cities::CityId, crate::domain::city::City), FederationError> {
    if *id == data.city.ap_id {
        return Ok((data.city_id, (*data.city).clone()));
    }
    let lookup = id.clone();
    let found = data
        .db
        .read(move |conn| crate::storage::cities::find_by_ap_id(conn, &lookup))
        .await?
        .filter(|(_, actor)| actor.is_local);
    found.ok_or_else(|| {
        FederationError::Refused(format!(
            "the {role} must be this instance's city {} or one of its communities, not {id}",
            data.city.ap_id
        ))
    })
}

/// The local city's id, which every inbound relationship activity must name.
pub(crate) fn require_local_city(
    data: &Data<AppContext>,
    id: &Url,
    role: &str,
) -> Result<(), FederationError> {
    if *id == data.city.ap_id {
        Ok(())
    } else {
        Err(FederationError::Refused(format!(
            "the {role} must be this instance's city {}, not {id}",
            data.city.ap_id
        )))
    }
}
