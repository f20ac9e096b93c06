//! Asking the owning city a question about an item, and answering.

use url::Url;

use super::ServiceError;
use crate::{
    app::AppData,
    domain::{
        item::now,
        reply::{Reply, signature, validated_content},
    },
    federation::{activities::CreateReply, delivery, objects::reply::Note, urls},
    storage::replies,
};

/// Writes a reply to an item (or to an earlier reply) and queues it for the item's city and,
/// when answering, for the author of the earlier reply.
pub async fn reply(
    data: &AppData,
    in_reply_to: &Url,
    text: &str,
    language: Option<&str>,
    signed_by: Option<&str>,
) -> Result<Reply, ServiceError> {
    super::city::ensure_not_moved(data).await?;
    let (content, language) = validated_content(text, false, language)?;
    let reply = Reply {
        ap_id: urls::new_reply(&data.settings),
        author: data.city.ap_id.clone(),
        in_reply_to: in_reply_to.clone(),
        content,
        language,
        published: now(),
        signed_by: signed_by.and_then(signature),
    };
    let ctx = data.app_data().clone();
    let stored = reply.clone();
    data.db
        .write(move |conn| -> Result<usize, ServiceError> {
            let target = &stored.in_reply_to;
            let (item, recipients) = replies::addressees(conn, ctx.city_id, target)?.ok_or_else(|| {
                ServiceError::NotFound(format!("{target} is not an item or a reply held here"))
            })?;
            replies::insert(conn, item, ctx.city_id, &stored)?;
            let inboxes: Vec<Url> = recipients
                .iter()
                .filter_map(|c| c.delivery_inbox().cloned())
                .collect();
            let create = CreateReply::new(&ctx, Note::from_reply(&stored, &recipients));
            Ok(delivery::enqueue(conn, &ctx, &create, &inboxes)?)
        })
        .await?;
    delivery::wake(data);
    Ok(reply)
}
