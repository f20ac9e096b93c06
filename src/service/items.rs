//! Publishing knowledge items.

use super::ServiceError;
use crate::{
    app::AppData,
    domain::item::{ItemDraft, KnowledgeItem, now},
    federation::{activities::CreateItem, delivery, objects::item::Article, urls},
    storage::{follows, items},
};

/// A published item and the number of follower inboxes it was queued for.
#[derive(Debug, Clone)]
pub struct Published {
    pub item: KnowledgeItem,
    pub deliveries: usize,
}

/// Validates the draft, stores the item, and queues a Create for every follower inbox, all in
/// one transaction.
pub async fn publish(data: &AppData, draft: ItemDraft) -> Result<Published, ServiceError> {
    let content = draft.validate()?;
    let at = now();
    let item = KnowledgeItem {
        ap_id: urls::new_item(&data.settings),
        origin: data.city.ap_id.clone(),
        content,
        published: at,
        updated: at,
    };
    let create = CreateItem::new(data, Article::from_item(&item, data.city.followers.clone()));
    let ctx = data.app_data().clone();
    let stored = item.clone();
    let deliveries = data
        .db
        .write(move |conn| -> Result<usize, ServiceError> {
            items::upsert(conn, &stored, ctx.city_id)?;
            let inboxes = follows::follower_inboxes(conn, ctx.city_id)?;
            Ok(delivery::enqueue(conn, &ctx, &create, &inboxes)?)
        })
        .await?;
    delivery::wake(data);
    tracing::info!(item = %item.ap_id, deliveries, "published an item");
    Ok(Published { item, deliveries })
}
