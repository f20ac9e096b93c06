//! Publishing, editing, deleting and re-sharing knowledge items.

use activitypub_federation::fetch::object_id::ObjectId;
use chrono::SubsecRound;
use url::Url;

use super::{ServiceError, attachments};
use crate::{
    app::{AppContext, AppData},
    domain::{
        audience::Audience,
        city::City,
        item::{ItemContent, ItemDraft, KnowledgeItem, now},
        validation::{Problem, ValidationErrors},
    },
    federation::{
        activities::{AnnounceItem, CreateItem, DeleteItem, UpdateItem},
        delivery,
        objects::item::Article,
        relay, urls,
    },
    storage::{
        DbConn, StorageError, cities, communities, follows,
        items::{self, StoredItem},
        outbox::{self, EntryKind},
        shares,
    },
};

/// An item that was published or changed, and the number of inboxes it was queued for.
#[derive(Debug, Clone)]
pub struct Published {
    pub item: KnowledgeItem,
    pub deliveries: usize,
}

/// Validates the draft, stores the item, and queues a Create for every follower (and for the
/// city whose item it adapts), all in one transaction.
pub async fn publish(data: &AppData, draft: ItemDraft) -> Result<Published, ServiceError> {
    let at = now();
    publish_restored(
        data,
        draft,
        Restoring {
            published: at,
            updated: at,
            former_ap_id: None,
        },
    )
    .await
}

/// What an item restored from another instance's archive keeps of its life there.
#[derive(Debug, Clone)]
pub struct Restoring {
    pub published: chrono::DateTime<chrono::Utc>,
    pub updated: chrono::DateTime<chrono::Utc>,
    /// Its id there; published as `alsoKnownAs` so that a move re-points it.
    pub former_ap_id: Option<url::Url>,
}

/// Like [`publish`], with the dates and the id an item had elsewhere.
pub async fn publish_restored(
    data: &AppData,
    draft: ItemDraft,
    restoring: Restoring,
) -> Result<Published, ServiceError> {
    super::city::ensure_not_moved(data).await?;
    let content = validated(data, draft).await?;
    let Restoring {
        published,
        updated,
        former_ap_id,
    } = restoring;
    let item = KnowledgeItem {
        ap_id: urls::new_item(&data.settings),
        origin: data.city.ap_id.clone(),
        content,
        published: published.trunc_subsecs(6),
        updated: updated.max(published).trunc_subsecs(6),
        former_ap_id,
    };
    let create = CreateItem::new(data, Article::from_item(&item, data.city.followers.clone()));
    let ctx = data.app_data().clone();
    let stored = item.clone();
    let (_, deliveries) = data
        .db
        .write(move |conn| insert_own(conn, &ctx, &stored, &create))
        .await?;
    delivery::wake(data);
    tracing::info!(item = %item.ap_id, deliveries, "published an item");
    Ok(Published { item, deliveries })
}

/// A new item of the city, with its Create, ready to store.
pub(super) fn new_own(data: &AppData, content: ItemContent) -> (KnowledgeItem, CreateItem) {
    let at = now().trunc_subsecs(6);
    let item = KnowledgeItem {
        ap_id: urls::new_item(&data.settings),
        origin: data.city.ap_id.clone(),
        content,
        published: at,
        updated: at,
        former_ap_id: None,
    };
    let create = CreateItem::new(data, Article::from_item(&item, data.city.followers.clone()));
    (item, create)
}

/// Stores a new item of the city, lists it in the outbox and queues its Create for every follower
/// (and for the city whose item it adapts); the item's row and the number of inboxes queued.
/// Part of the caller's transaction.
pub(super) fn insert_own(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    item: &KnowledgeItem,
    create: &CreateItem,
) -> Result<(items::ItemId, usize), ServiceError> {
    let id = items::upsert(conn, item, ctx.city_id)?
        .id()
        .ok_or_else(|| ServiceError::BadInput(format!("{} was deleted", item.ap_id)))?;
    outbox::add(conn, EntryKind::Create, id, &create.id, item.published)?;
    let inboxes = recipients(conn, ctx, &item.content)?;
    let queued = delivery::enqueue(conn, ctx, create, &inboxes)?
        + relay_if_posted_here(conn, ctx, &item.content, create)?;
    Ok((id, queued))
}

/// The new version of one of the city's items, with its Update, ready to store.
pub(super) fn changed_own(
    data: &AppData,
    existing: &KnowledgeItem,
    content: ItemContent,
) -> (KnowledgeItem, UpdateItem) {
    // `updated` must grow even when two edits fall in the same microsecond, or receivers
    // would take the second for a repeat.
    let updated = now().max(existing.updated + chrono::Duration::microseconds(1));
    // A contributed version stays credited through the origin's later edits, while it exists.
    let mut content = content;
    if content.translated_by.is_empty() {
        content.translated_by = existing
            .content
            .translated_by
            .iter()
            .filter(|(language, _)| content.title.get(language).is_some())
            .map(|(l, c)| (l.clone(), c.clone()))
            .collect();
    }
    let item = KnowledgeItem {
        content,
        updated,
        ..existing.clone()
    };
    let update = UpdateItem::new(data, Article::from_item(&item, data.city.followers.clone()));
    (item, update)
}

/// Stores the new version of one of the city's items and queues its Update; the number of
/// inboxes queued. Whoever may have held the item and is not in its new audience (its audience
/// narrowed) is sent a `Delete` instead, and nothing of the new version. Part of the caller's
/// transaction.
pub(super) fn replace_own(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    item: &KnowledgeItem,
    previous: &StoredItem,
    update: &UpdateItem,
) -> Result<usize, ServiceError> {
    items::upsert(conn, item, ctx.city_id)?;
    let mut inboxes = recipients(conn, ctx, &item.content)?;
    // The city an earlier version adapted hears of the change too, if it may read the item.
    if item.content.audience.is_public() {
        inboxes.extend(adapted_origin_inbox(conn, ctx, &previous.item.content)?);
    }
    let mut queued = delivery::enqueue(conn, ctx, update, &inboxes)?
        + relay_if_posted_here(conn, ctx, &item.content, update)?;
    let lost: Vec<Url> = reach(conn, ctx, previous)?
        .into_iter()
        .filter(|inbox| !inboxes.contains(inbox))
        .collect();
    if !lost.is_empty() {
        let withdrawn = DeleteItem::new(ctx, &item.ap_id, &previous.item.content.audience);
        queued += delivery::enqueue(conn, ctx, &withdrawn, &lost)?;
        if !item.content.audience.is_public() {
            // Nobody outside the new audience may re-share it: their shares no longer stand.
            shares::forget_all(conn, previous.id)?;
        }
    }
    Ok(queued)
}

/// Replaces the content of one of the city's own items and queues an Update.
pub async fn update(data: &AppData, id: &Url, draft: ItemDraft) -> Result<Published, ServiceError> {
    super::city::ensure_not_moved(data).await?;
    let existing = own_item(data, id).await?;
    let content = validated(data, draft).await?;
    let (item, update) = changed_own(data, &existing.item, content);
    let ctx = data.app_data().clone();
    let stored = item.clone();
    let deliveries = data
        .db
        .write(move |conn| replace_own(conn, &ctx, &stored, &existing, &update))
        .await?;
    delivery::wake(data);
    Ok(Published { item, deliveries })
}

/// Deletes one of the city's own items: its id answers 410 from now on, and a Delete is
/// queued for everyone who may hold it.
pub async fn delete(data: &AppData, id: &Url) -> Result<usize, ServiceError> {
    super::city::ensure_not_moved(data).await?;
    let existing = own_item(data, id).await?;
    let delete = DeleteItem::new(data, &existing.item.ap_id, &existing.item.content.audience);
    let ctx = data.app_data().clone();
    let deliveries = data
        .db
        .write(move |conn| -> Result<usize, ServiceError> {
            let inboxes = reach(conn, &ctx, &existing)?;
            items::mark_deleted(conn, existing.id)?;
            outbox::remove_item(conn, existing.id)?;
            Ok(delivery::enqueue(conn, &ctx, &delete, &inboxes)?
                + relay_if_posted_here(conn, &ctx, &existing.item.content, &delete)?)
        })
        .await?;
    delivery::wake(data);
    tracing::info!(item = %id, deliveries, "deleted an item");
    Ok(deliveries)
}

/// Re-shares a peer's item with the city's followers (an Announce), and tells its origin.
pub async fn share(data: &AppData, id: &Url) -> Result<usize, ServiceError> {
    super::city::ensure_not_moved(data).await?;
    let lookup = id.clone();
    let stored = data
        .db
        .read(move |conn| items::find_by_ap_id(conn, &lookup))
        .await?
        .filter(|s| s.deleted_at.is_none())
        .ok_or_else(|| ServiceError::NotFound(format!("there is no item {id} here")))?;
    if stored.item.origin == data.city.ap_id {
        return Err(ServiceError::BadInput(
            "this is the city's own item: its followers have it already".into(),
        ));
    }
    if !stored.item.content.audience.is_public() {
        return Err(ServiceError::Forbidden(format!(
            "{id} is for a restricted audience ({}); only public items can be shared",
            stored.item.content.audience.code()
        )));
    }
    let announce = AnnounceItem::new(data, &stored.item.ap_id);
    let ctx = data.app_data().clone();
    let deliveries = data
        .db
        .write(move |conn| -> Result<usize, ServiceError> {
            let at = announce.published.unwrap_or_else(now);
            shares::record(conn, stored.id, ctx.city_id, &announce.id, at)?;
            outbox::add(conn, EntryKind::Announce, stored.id, &announce.id, at)?;
            let mut inboxes = follows::follower_inboxes(conn, ctx.city_id)?;
            inboxes.extend(
                cities::get(conn, stored.origin_city_id)?
                    .delivery_inbox()
                    .cloned(),
            );
            Ok(delivery::enqueue(conn, &ctx, &announce, &inboxes)?)
        })
        .await?;
    delivery::wake(data);
    Ok(deliveries)
}

/// Validates a draft, first resolving uploaded attachments and making sure an adapted item is
/// known (fetched from its origin when it is not held yet).
pub(super) async fn validated(data: &AppData, draft: ItemDraft) -> Result<ItemContent, ServiceError> {
    let draft = attachments::resolve(data, draft).await?;
    let mut content = draft.validate()?;
    content.audience = named_cities_known(data, &content.audience).await?;
    if let Some(community) = &content.community {
        community_joined(data, community).await?;
    }
    if let Some(original) = &content.adapted_from {
        let mut errors = ValidationErrors::default();
        if original.origin() == data.city.ap_id.origin() {
            let lookup = original.clone();
            let held = data
                .db
                .read(move |conn| items::find_by_ap_id(conn, &lookup))
                .await?;
            if held.is_none_or(|h| h.deleted_at.is_some()) {
                errors
                    .add(
                        "adapted_from",
                        Problem::UnknownItem,
                        format!("there is no item {original} here"),
                    )
                    .with("value", original);
            }
        } else if let Err(e) = ObjectId::<KnowledgeItem>::from(original.clone())
            .dereference(data)
            .await
        {
            errors
                .add(
                    "adapted_from",
                    Problem::ItemUnreachable,
                    format!("the adapted item could not be fetched from its city: {e}"),
                )
                .with("value", original);
        }
        errors.into_result(())?;
    }
    Ok(content)
}

/// The audience with the city itself left out of the cities it names (it reads its own items),
/// once every named city is known here (fetched from its server when it is not), since its
/// inbox is where the item goes.
async fn named_cities_known(data: &AppData, audience: &Audience) -> Result<Audience, ServiceError> {
    let Audience::Cities(named) = audience else {
        return Ok(audience.clone());
    };
    let mut errors = ValidationErrors::default();
    let others: Vec<Url> = named.iter().filter(|c| **c != data.city.ap_id).cloned().collect();
    if others.is_empty() {
        errors.add(
            "audience.cities",
            Problem::Required,
            "name at least one other city: this city reads its own items anyway",
        );
    }
    for (i, city) in others.iter().enumerate() {
        if let Err(e) = ObjectId::<City>::from(city.clone()).dereference(data).await {
            errors
                .add(
                    format!("audience.cities[{i}]"),
                    Problem::CityUnreachable,
                    format!("the city could not be fetched from its server: {e}"),
                )
                .with("value", city);
        }
    }
    Ok(errors.into_result(Audience::named(others))?)
}

/// A community an item is posted to must be one of this instance's, or one the city joined.
async fn community_joined(data: &AppData, community: &Url) -> Result<(), ServiceError> {
    let (lookup, local) = (community.clone(), data.city_id);
    let joined = data
        .db
        .read(move |conn| -> Result<Option<bool>, StorageError> {
            let Some((id, found)) = communities::find_by_ap_id(conn, &lookup)? else {
                return Ok(None);
            };
            let member =
                follows::find(conn, local, id)?.is_some_and(|f| f.state == follows::FollowState::Accepted);
            Ok(Some(found.actor.is_local || member))
        })
        .await?;
    let mut errors = ValidationErrors::default();
    match joined {
        None => {
            errors
                .add(
                    "community",
                    Problem::NotACommunity,
                    format!("{community} is not a community this city knows"),
                )
                .with("value", community);
        }
        Some(false) => {
            errors
                .add(
                    "community",
                    Problem::NotAMember,
                    format!("this city is not a member of {community}; join it first"),
                )
                .with("value", community);
        }
        Some(true) => {}
    }
    Ok(errors.into_result(())?)
}

async fn own_item(data: &AppData, id: &Url) -> Result<StoredItem, ServiceError> {
    let lookup = id.clone();
    let stored = data
        .db
        .read(move |conn| items::find_by_ap_id(conn, &lookup))
        .await?
        .filter(|s| s.deleted_at.is_none())
        .ok_or_else(|| ServiceError::NotFound(format!("there is no item {id} here")))?;
    if stored.origin_city_id != data.city_id {
        return Err(ServiceError::Forbidden(format!(
            "{id} was published by {}; only its city may change it",
            stored.item.origin
        )));
    }
    Ok(stored)
}

/// Where news of a local item goes, by its audience: for a public item every follower and the
/// city whose item it adapts; for partners the followers; for named cities those cities; for a
/// community's members its community. An item posted to a community hosted elsewhere goes to
/// that community too, which relays it to its members; one of this instance's own communities
/// relays it in the same transaction (see [`relay_if_posted_here`]).
fn recipients(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    content: &ItemContent,
) -> Result<Vec<Url>, StorageError> {
    let mut inboxes = audience_inboxes(conn, ctx, content)?;
    if let Some(community) = &content.community
        && let Some((_, group)) = cities::find_by_ap_id(conn, community)?
        && !group.is_local
    {
        inboxes.extend(group.delivery_inbox().cloned());
    }
    Ok(inboxes)
}

/// Queues the community's relay of `activity` (about a local item posted to `content.community`)
/// when that community is one of this instance's; the number of deliveries queued.
fn relay_if_posted_here<A: serde::Serialize>(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    content: &ItemContent,
    activity: &A,
) -> Result<usize, ServiceError> {
    match &content.community {
        Some(community) => Ok(relay::queue(conn, ctx, community, &ctx.city.ap_id, activity)?),
        None => Ok(0),
    }
}

fn audience_inboxes(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    content: &ItemContent,
) -> Result<Vec<Url>, StorageError> {
    match &content.audience {
        Audience::Public => {
            let mut inboxes = follows::follower_inboxes(conn, ctx.city_id)?;
            inboxes.extend(adapted_origin_inbox(conn, ctx, content)?);
            Ok(inboxes)
        }
        Audience::Partners => follows::follower_inboxes(conn, ctx.city_id),
        Audience::Community(_) => Ok(Vec::new()),
        Audience::Cities(named) => {
            let mut inboxes = Vec::with_capacity(named.len());
            for city in named {
                match cities::find_by_ap_id(conn, city)? {
                    Some((_, city)) => inboxes.extend(city.delivery_inbox().cloned()),
                    // Named cities are fetched when the item is written; one removed since
                    // cannot be reached.
                    None => tracing::warn!(%city, "a named city is not known; nothing sent to it"),
                }
            }
            Ok(inboxes)
        }
    }
}

/// Every inbox that may hold a local item as stored now: its recipients, and for a public item
/// also the cities that re-shared it (whose followers may hold it).
fn reach(conn: &mut DbConn<'_>, ctx: &AppContext, stored: &StoredItem) -> Result<Vec<Url>, StorageError> {
    let mut inboxes = recipients(conn, ctx, &stored.item.content)?;
    if stored.item.content.audience.is_public() {
        for sharer in shares::sharers(conn, stored.id)? {
            inboxes.extend(cities::get(conn, sharer)?.delivery_inbox().cloned());
        }
    }
    Ok(inboxes)
}

fn adapted_origin_inbox(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    content: &ItemContent,
) -> Result<Option<Url>, StorageError> {
    let Some(original) = &content.adapted_from else {
        return Ok(None);
    };
    let Some(stored) = items::find_by_ap_id(conn, original)? else {
        return Ok(None);
    };
    if stored.origin_city_id == ctx.city_id {
        return Ok(None);
    }
    Ok(cities::get(conn, stored.origin_city_id)?
        .delivery_inbox()
        .cloned())
}
