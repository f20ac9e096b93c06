//! The outbox: what the city published (`Create`) and re-shared (`Announce`), newest first, in
//! pages. Peers page through it to import the city's history.

use activitypub_federation::config::Data;
use serde_json::Value;
use url::Url;

use super::{OrderedCollection, OrderedCollectionPage};
use crate::{
    app::AppContext,
    federation::{
        FederationError,
        activities::{AnnounceItem, CreateItem, announce_item::Announced},
        objects::item::Article,
        urls::paths,
    },
    storage::{
        StorageError, items,
        outbox::{self, EntryKind},
    },
};

/// Activities per outbox page.
pub const PAGE_SIZE: i64 = 50;

/// The collection document: its size and a link to the first page.
pub async fn collection(data: &Data<AppContext>) -> Result<OrderedCollection<Value>, FederationError> {
    let total = data.db.read(outbox::count).await?;
    Ok(OrderedCollection {
        kind: "OrderedCollection".into(),
        id: data.settings.url_for(paths::OUTBOX),
        total_items: total,
        first: Some(page_url(data, None)),
        ordered_items: Vec::new(),
    })
}

/// One page, older than the entry `before` (the first page without it).
pub async fn page(
    data: &Data<AppContext>,
    before: Option<i64>,
) -> Result<OrderedCollectionPage<Value>, FederationError> {
    let (entries, stored) = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let entries = outbox::page(conn, before, PAGE_SIZE)?;
            let ids: Vec<_> = entries.iter().map(|e| e.item_id).collect();
            let stored = items::get_many(conn, &ids)?;
            Ok((entries, stored))
        })
        .await?;
    let next = (entries.len() as i64 == PAGE_SIZE)
        .then(|| entries.last())
        .flatten()
        .map(|last| page_url(data, Some(last.id)));
    let mut ordered_items = Vec::with_capacity(entries.len());
    for entry in &entries {
        let Some(stored) = stored
            .iter()
            .find(|s| s.id == entry.item_id && s.deleted_at.is_none())
        else {
            continue;
        };
        let activity = match entry.kind {
            EntryKind::Create => {
                let mut create = CreateItem::new(
                    data,
                    Article::from_item(&stored.item, data.city.followers.clone()),
                );
                create.id = entry.activity_ap_id.clone();
                serde_json::to_value(create)?
            }
            EntryKind::Announce => {
                let mut announce = AnnounceItem::new(data, &stored.item.ap_id);
                announce.id = entry.activity_ap_id.clone();
                announce.object = Announced::Id(stored.item.ap_id.clone());
                announce.published = Some(entry.at);
                serde_json::to_value(announce)?
            }
        };
        ordered_items.push(activity);
    }
    Ok(OrderedCollectionPage {
        kind: "OrderedCollectionPage".into(),
        id: page_url(data, before),
        part_of: data.settings.url_for(paths::OUTBOX),
        next,
        ordered_items,
    })
}

fn page_url(data: &Data<AppContext>, before: Option<i64>) -> Url {
    let mut url = data.settings.url_for(paths::OUTBOX);
    url.query_pairs_mut().append_pair("page", "true");
    if let Some(before) = before {
        url.query_pairs_mut().append_pair("before", &before.to_string());
    }
    url
}
