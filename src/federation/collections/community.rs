//! The collections of one of this instance's communities (FEP-1b12):
//! - `members` (the Group's `followers`): the hosting city and every city whose request to join
//!   was accepted. Only a member sees who the others are; anyone else learns how many there are.
//! - `moderators` (the Group's `attributedTo`): the hosting city, which speaks for the editors
//!   it names moderators (they are not ActivityPub actors; the API and the pages name them).
//! - `outbox`: the items posted to the community, newest first, as the community's `Announce`
//!   of each: public ones for anyone, members-only ones too for a fetch signed by a member. A
//!   city that joins late pages through it like a backfill, fetching each item from its origin.

use activitypub_federation::{
    config::Data,
    kinds::{activity::AnnounceType, public},
};
use url::Url;

use super::{OrderedCollection, OrderedCollectionPage};
use crate::{
    app::AppContext,
    domain::{audience::Visibility, community::Community},
    federation::{
        FederationError,
        activities::{AnnounceItem, announce_item::Announced},
        urls,
    },
    storage::{
        StorageError,
        cities::CityId,
        follows::{self, FollowState},
        items::{self, ItemCursor},
    },
};

/// Most announces per outbox page.
const PAGE_SIZE: i64 = 100;

/// The ids of a local community's members: its hosting city first, then the accepted ones.
pub fn member_ids(
    conn: &mut crate::storage::DbConn<'_>,
    ctx: &AppContext,
    community: CityId,
) -> Result<Vec<Url>, StorageError> {
    let mut ids = vec![ctx.city.ap_id.clone()];
    ids.extend(
        follows::followers_of(conn, community)?
            .into_iter()
            .filter(|(_, state)| *state == FollowState::Accepted)
            .map(|(city, _)| city.ap_id),
    );
    Ok(ids)
}

/// The members collection; the ids listed only when `reader_is_member`.
pub async fn members(
    data: &Data<AppContext>,
    community: CityId,
    handle: &str,
    reader_is_member: bool,
) -> Result<OrderedCollection<Url>, FederationError> {
    let ctx = data.app_data().clone();
    let ids = data
        .db
        .read(move |conn| member_ids(conn, &ctx, community))
        .await?;
    Ok(OrderedCollection {
        kind: "OrderedCollection".into(),
        id: urls::community_part(&data.settings, handle, "members"),
        total_items: ids.len() as i64,
        first: None,
        ordered_items: if reader_is_member { ids } else { Vec::new() },
    })
}

/// The moderators collection.
pub fn moderators(data: &Data<AppContext>, handle: &str) -> OrderedCollection<Url> {
    OrderedCollection {
        kind: "OrderedCollection".into(),
        id: urls::community_part(&data.settings, handle, "moderators"),
        total_items: 1,
        first: None,
        ordered_items: vec![data.city.ap_id.clone()],
    }
}

/// The outbox collection document: the number of public items and the first page.
pub async fn outbox(
    data: &Data<AppContext>,
    community: &Community,
) -> Result<OrderedCollection<serde_json::Value>, FederationError> {
    let id = community.actor.ap_id.clone();
    let total = data
        .db
        .read(move |conn| items::count_in_community(conn, &id, Visibility::PublicOnly))
        .await?;
    Ok(OrderedCollection {
        kind: "OrderedCollection".into(),
        id: outbox_url(data, community),
        total_items: total,
        first: Some(page_url(data, community, None)),
        ordered_items: Vec::new(),
    })
}

/// One page of the outbox, after `cursor`, as a member (or anyone else) may read it.
pub async fn outbox_page(
    data: &Data<AppContext>,
    community: &Community,
    reader_is_member: bool,
    cursor: Option<ItemCursor>,
) -> Result<OrderedCollectionPage<AnnounceItem>, FederationError> {
    let visibility = if reader_is_member {
        Visibility::Everything
    } else {
        Visibility::PublicOnly
    };
    let id = community.actor.ap_id.clone();
    let listed = data
        .db
        .read(move |conn| items::in_community(conn, &id, visibility, cursor, PAGE_SIZE))
        .await?;
    let next = (listed.len() as i64 == PAGE_SIZE)
        .then(|| listed.last())
        .flatten()
        .map(|last| {
            page_url(
                data,
                community,
                Some(ItemCursor {
                    published: last.item.published,
                    id: last.id,
                }),
            )
        });
    let outbox = outbox_url(data, community);
    let announces = listed
        .into_iter()
        .map(|stored| {
            let mut to: Vec<Url> = community.actor.followers.clone().into_iter().collect();
            if stored.item.content.audience.is_public() {
                to.insert(0, public());
            }
            AnnounceItem {
                actor: community.actor.ap_id.clone().into(),
                object: Announced::Id(stored.item.ap_id.clone()),
                kind: AnnounceType::Announce,
                id: {
                    let mut id = outbox.clone();
                    id.set_fragment(Some(&format!("item-{}", stored.id.0)));
                    id
                },
                to,
                cc: Vec::new(),
                published: Some(stored.item.published),
            }
        })
        .collect();
    Ok(OrderedCollectionPage {
        kind: "OrderedCollectionPage".into(),
        id: page_url(data, community, cursor),
        part_of: outbox,
        next,
        ordered_items: announces,
    })
}

fn outbox_url(data: &Data<AppContext>, community: &Community) -> Url {
    urls::community_part(&data.settings, &community.actor.handle, "outbox")
}

fn page_url(data: &Data<AppContext>, community: &Community, cursor: Option<ItemCursor>) -> Url {
    let mut url = outbox_url(data, community);
    url.query_pairs_mut().append_pair("page", "true");
    if let Some(cursor) = cursor {
        url.query_pairs_mut().append_pair("after", &cursor.encode());
    }
    url
}
