//! `Create` of a `Note` in reply to an item: a question to the owning city, or an answer.

use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, kinds::activity::CreateType,
    protocol::helpers::deserialize_one_or_many, traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{
    app::AppContext,
    domain::{city::City, mail::NoticeKind},
    federation::{
        FederationError,
        activities::Received,
        objects::reply::{Mention, Note},
        urls, verify,
    },
    storage::{cities, items, mail, replies},
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateReply {
    pub actor: ObjectId<City>,
    pub object: Note,
    #[serde(rename = "type")]
    pub kind: CreateType,
    pub id: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub cc: Vec<Url>,
    /// The note's `Mention`s again: Lemmy reads whom a comment mentions from the activity's
    /// `tag`, not the note's. What others send here is not read.
    #[serde(default, skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<Mention>,
}

impl CreateReply {
    /// Sends a reply written here.
    pub fn new(ctx: &AppContext, note: Note) -> CreateReply {
        CreateReply {
            actor: ctx.city.ap_id.clone().into(),
            to: note.to.clone(),
            cc: note.cc.clone(),
            tag: note.tag.clone(),
            object: note,
            kind: CreateType::Create,
            id: urls::new_activity(&ctx.settings, "create"),
        }
    }
}

#[async_trait::async_trait]
impl Activity for CreateReply {
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
        if self.object.attributed_to != *self.actor.inner() {
            return Err(FederationError::Refused(format!(
                "the reply {} is attributed to {} but was sent by {}",
                self.object.id, self.object.attributed_to, self.actor
            )));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let reply = self.object.to_reply()?;
        let author = self.actor.dereference(data).await?;
        let received = Received::of(&self, "Create");
        let own = data.city_id;
        // Without a mail server nobody is told, so nothing is kept for it.
        let mail_on = data.settings.mail.enabled();
        let new = data
            .db
            .write(move |conn| -> Result<bool, FederationError> {
                received.claim(conn)?;
                let target = &reply.in_reply_to;
                // Whom it concerns here: a question about this city's item, or an answer to a
                // question this city asked.
                let (item, notice) = match items::find_by_ap_id(conn, target)? {
                    Some(item) if item.deleted_at.is_none() => (
                        item.id,
                        (item.origin_city_id == own).then_some(NoticeKind::Question),
                    ),
                    _ => match replies::find_by_ap_id(conn, target)? {
                        Some(earlier) => (
                            earlier.item_id,
                            (earlier.author_city_id == own).then_some(NoticeKind::Answer),
                        ),
                        None => {
                            return Err(FederationError::NotFound(format!(
                                "{target} is not an item (or a reply to one) held here"
                            )));
                        }
                    },
                };
                let (author_id, _) = cities::find_by_ap_id(conn, &author.ap_id)?.ok_or_else(|| {
                    FederationError::NotFound(format!("city {} is not known", author.ap_id))
                })?;
                let new = replies::insert(conn, item, author_id, &reply)?;
                if new
                    && mail_on
                    && let Some(kind) = notice
                {
                    mail::notify_reply(conn, &reply.ap_id, kind)?;
                }
                Ok(new)
            })
            .await?;
        if new {
            tracing::info!(reply = %self.object.id, about = %self.object.in_reply_to, "received a reply");
        }
        Ok(())
    }
}
