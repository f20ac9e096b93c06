//! The outbox: what the city published (`Create`) and re-shared (`Announce`), newest first, in
//! pages. Peers page through it to import the city's history. Anyone sees the public items; a
//! page fetched with a signature of a peer city also lists the items that city may read (for a
//! follower its partners-only items, for a named city the items naming it), so a partner that
//! joins later receives that history too.

use std::collections::HashMap;

use activitypub_federation::config::Data;
use serde_json::Value;
use url::Url;

use super::{OrderedCollection, OrderedCollectionPage};
use crate::{
    app::AppContext,
    domain::audience::Audience,
    federation::{
        FederationError,
        activities::{AnnounceItem, CreateItem, announce_item::Announced},
        audience,
        objects::item::Article,
        urls::paths,
    },
    storage::{
        StorageError, items,
        outbox::{self, EntryKind},
    },
};

/// Most activities per outbox page.
const MAX_PAGE_ENTRIES: i64 = 200;
/// A page stops growing past this many bytes of JSON, so it stays well within what fetchers
/// accept (activitypub_federation reads at most 1 MiB): short items come 200 to a page, long
/// ones fewer, and a peer importing the history makes as few requests as the sizes allow.
const PAGE_BYTES: usize = 512 * 1024;

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

/// One page, older than the entry `before` (the first page without it), as `reader` (the city
/// that signed the fetch, if any) may read it.
pub async fn page(
    data: &Data<AppContext>,
    reader: Option<Url>,
    before: Option<i64>,
) -> Result<OrderedCollectionPage<Value>, FederationError> {
    let local = data.city_id;
    let (entries, stored) = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let mut audiences = vec![Audience::Public.code()];
            if let Some(reader) = &reader {
                audiences.push(Audience::named(Vec::new()).code());
                if audience::may_read(conn, local, &Audience::Partners, reader)? == Some(true) {
                    audiences.push(Audience::Partners.code());
                }
            }
            let entries = outbox::page(conn, &audiences, before, MAX_PAGE_ENTRIES)?;
            let ids: Vec<_> = entries.iter().map(|e| e.item_id).collect();
            let mut stored = items::get_many(conn, &ids)?;
            stored.retain(|s| match (&s.item.content.audience, &reader) {
                (Audience::Cities(named), Some(reader)) => named.contains(reader),
                _ => true,
            });
            Ok((entries, stored))
        })
        .await?;
    let stored: HashMap<_, _> = stored
        .into_iter()
        .filter(|s| s.deleted_at.is_none())
        .map(|s| (s.id, s))
        .collect();
    let more_in_store = entries.len() as i64 == MAX_PAGE_ENTRIES;
    let mut ordered_items = Vec::with_capacity(entries.len());
    let mut bytes = 0;
    let mut last_listed = None;
    for entry in &entries {
        if bytes >= PAGE_BYTES {
            break;
        }
        last_listed = Some(entry.id);
        let Some(stored) = stored.get(&entry.item_id) else {
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
        bytes += serde_json::to_vec(&activity)?.len();
        ordered_items.push(activity);
    }
    let cut_short = last_listed != entries.last().map(|e| e.id);
    let next = (more_in_store || cut_short)
        .then_some(last_listed)
        .flatten()
        .map(|last| page_url(data, Some(last)));
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
