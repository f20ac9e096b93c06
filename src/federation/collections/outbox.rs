//! The outbox: every item the city published, newest first, as `Create` activities in pages.

use activitypub_federation::config::Data;
use url::Url;

use super::{OrderedCollection, OrderedCollectionPage};
use crate::{
    app::AppContext,
    federation::{FederationError, activities::CreateItem, objects::item::Article, urls::paths},
    storage::items::{self, ItemCursor, Scope},
};

/// Items per outbox page.
pub const PAGE_SIZE: i64 = 50;

/// The collection document: its size and a link to the first page.
pub async fn collection(data: &Data<AppContext>) -> Result<OrderedCollection<CreateItem>, FederationError> {
    let city = data.city_id;
    let total = data
        .db
        .read(move |conn| items::count(conn, Scope::Origin(city)))
        .await?;
    Ok(OrderedCollection {
        kind: "OrderedCollection".into(),
        id: data.settings.url_for(paths::OUTBOX),
        total_items: total,
        first: Some(page_url(data, None)),
        ordered_items: Vec::new(),
    })
}

/// One page, after `cursor` (the first page without one).
pub async fn page(
    data: &Data<AppContext>,
    cursor: Option<ItemCursor>,
) -> Result<OrderedCollectionPage<CreateItem>, FederationError> {
    let city = data.city_id;
    let rows = data
        .db
        .read(move |conn| items::page(conn, Scope::Origin(city), cursor, PAGE_SIZE))
        .await?;
    let next = (rows.len() as i64 == PAGE_SIZE)
        .then(|| rows.last())
        .flatten()
        .map(|last| {
            page_url(
                data,
                Some(ItemCursor {
                    published: last.item.published,
                    id: last.id,
                }),
            )
        });
    let ordered_items = rows
        .iter()
        .map(|stored| {
            let article = Article::from_item(&stored.item, data.city.followers.clone());
            let mut create = CreateItem::new(data, article);
            // Listing ids are stable so that re-reading the outbox yields the same activities.
            create.id = format!("{}#create", stored.item.ap_id)
                .parse()
                .expect("an item id with a fragment is a URL");
            create
        })
        .collect();
    Ok(OrderedCollectionPage {
        kind: "OrderedCollectionPage".into(),
        id: page_url(data, cursor),
        part_of: data.settings.url_for(paths::OUTBOX),
        next,
        ordered_items,
    })
}

fn page_url(data: &Data<AppContext>, cursor: Option<ItemCursor>) -> Url {
    let mut url = data.settings.url_for(paths::OUTBOX);
    url.query_pairs_mut().append_pair("page", "true");
    if let Some(cursor) = cursor {
        url.query_pairs_mut().append_pair("cursor", &cursor.encode());
    }
    url
}
