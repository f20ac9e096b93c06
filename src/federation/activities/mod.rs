//! Activities between cities: one file per type, each with its JSON shape, `verify` and
//! `receive`.

pub mod accept_follow;
pub mod announce_item;
pub mod create_item;
pub mod create_reply;
pub mod delete_item;
pub mod follow;
pub mod reject_follow;
pub mod undo_follow;
pub mod update_item;

use activitypub_federation::{config::Data, traits::Activity};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{app::AppContext, federation::FederationError};

pub use accept_follow::AcceptFollow;
pub use announce_item::AnnounceItem;
pub use create_item::CreateItem;
pub use create_reply::CreateReply;
pub use delete_item::DeleteItem;
pub use follow::Follow;
pub use reject_follow::RejectFollow;
pub use undo_follow::UndoFollow;
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
    DeleteItem(DeleteItem),
    AnnounceItem(AnnounceItem),
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
        match self.kind.as_str() {
            "Follow" => None,
            "Accept" | "Reject" if object_type == "Follow" || object_is_id => None,
            "Undo" if object_type == "Follow" => None,
            "Create" if object_type == "Article" => None,
            "Create" if object_type == "Note" && is_reply => None,
            "Create" if object_type == "Note" => Some(
                "a Note that replies to nothing is not handled; Praxis keeps articles and replies to them"
                    .into(),
            ),
            "Update" if object_type == "Article" => None,
            "Delete" if deletes_actor => Some("deleting an actor is not handled by Praxis".into()),
            "Delete" if object_is_id || object_type == "Tombstone" || object_type == "Article" => None,
            "Announce" if object_is_id || object_type == "Article" => None,
            "Accept" | "Reject" | "Undo" | "Create" | "Update" | "Delete" | "Announce" => Some(format!(
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
