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
    storage::{cities, items, replies},
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
            let (item, mut recipients) = match items::find_by_ap_id(conn, target)? {
                Some(item) if item.deleted_at.is_none() => (item.id, vec![item.origin_city_id]),
                _ => match replies::find_by_ap_id(conn, target)? {
                    Some(earlier) => {
                        let item = items::get_many(conn, &[earlier.item_id])?
                            .pop()
                            .ok_or_else(|| ServiceError::NotFound(format!("the item of {target} is gone")))?;
                        (earlier.item_id, vec![item.origin_city_id, earlier.author_city_id])
                    }
                    None => {
                        return Err(ServiceError::NotFound(format!(
                            "{target} is not an item or a reply held here"
                        )));
                    }
                },
            };
            recipients.sort_by_key(|c| c.0);
            recipients.dedup();
            recipients.retain(|c| *c != ctx.city_id);
            replies::insert(conn, item, ctx.city_id, &stored)?;
            let mut actors = Vec::new();
            let mut inboxes = Vec::new();
            for city in recipients {
                let city = cities::get(conn, city)?;
                inboxes.extend(city.delivery_inbox().cloned());
                actors.push(city.ap_id);
            }
            let create = CreateReply::new(&ctx, Note::from_reply(&stored, actors));
            Ok(delivery::enqueue(conn, &ctx, &create, &inboxes)?)
        })
        .await?;
    delivery::wake(data);
    Ok(reply)
}
