//! Knowledge items: the `items` row with its common fields, one `item_translations` row per
//! language, and child rows for themes, target groups, tags and attachments.

mod rows;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{
    BoolExpressionMethods, ExpressionMethods, NullableExpressionMethods, OptionalExtension, QueryDsl,
    RunQueryDsl, SelectableHelper,
};
use url::Url;

use super::{
    DbConn, StorageError,
    cities::CityId,
    dispatch, from_db_time,
    schema::{
        deleted_items, item_attachments, item_tags, item_target_groups, item_themes, item_translations, items,
    },
    to_db_time,
};
use crate::domain::{
    audience::{Audience, Visibility},
    item::{KnowledgeItem, now},
};
use rows::{ItemRow, assemble, write_children};

/// Database id of an item row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemId(pub i64);

/// An item as this instance holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredItem {
    pub id: ItemId,
    pub origin_city_id: CityId,
    pub item: KnowledgeItem,
    /// Set once the origin deleted the item; its content is gone, its id answers 410.
    pub deleted_at: Option<DateTime<Utc>>,
    /// For one of the city's items after the city moved: its id at the new address, named by the
    /// tombstone its old id answers with.
    pub moved_to: Option<Url>,
}

/// What [`upsert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertOutcome {
    Inserted(ItemId),
    Updated(ItemId),
    /// The stored version is as new or newer (or deleted): nothing changed.
    Unchanged(ItemId),
    /// Its origin deleted it before this instance held it: nothing stored.
    Tombstoned,
}

impl UpsertOutcome {
    /// The stored item, unless it was refused as deleted.
    pub fn id(self) -> Option<ItemId> {
        match self {
            UpsertOutcome::Inserted(id) | UpsertOutcome::Updated(id) | UpsertOutcome::Unchanged(id) => {
                Some(id)
            }
            UpsertOutcome::Tombstoned => None,
        }
    }

    /// Whether the stored content changed.
    pub fn changed(self) -> bool {
        matches!(self, UpsertOutcome::Inserted(_) | UpsertOutcome::Updated(_))
    }
}

/// Remembers that an item this instance never held was deleted by its origin.
pub fn remember_deleted(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::insert_into(deleted_items::table)
        .values((deleted_items::ap_id.eq(ap_id.as_str()), deleted_items::deleted_at.eq(to_db_time(now()))))
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(())
}

fn was_deleted_unseen(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<bool, StorageError> {
    let n: i64 = dispatch!(conn, c => deleted_items::table
        .filter(deleted_items::ap_id.eq(ap_id.as_str()))
        .count()
        .get_result(c))?;
    Ok(n > 0)
}

/// Position in a newest-first listing: the last entry of the previous page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemCursor {
    pub published: DateTime<Utc>,
    pub id: ItemId,
}

impl ItemCursor {
    /// An opaque, URL-safe form for `?cursor=` parameters.
    pub fn encode(&self) -> String {
        format!("{}_{}", self.published.timestamp_micros(), self.id.0)
    }

    pub fn decode(text: &str) -> Option<ItemCursor> {
        let (micros, id) = text.split_once('_')?;
        Some(ItemCursor {
            published: DateTime::from_timestamp_micros(micros.parse().ok()?)?,
            id: ItemId(id.parse().ok()?),
        })
    }
}

/// Which items a listing covers.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Everything the instance holds that is not deleted: own, followed and shared items.
    All,
    /// Items published by one city.
    Origin(CityId),
}

/// Inserts the item or replaces the stored version, but only with a newer one: an older or
/// repeated version, or any version of a deleted item, changes nothing.
pub fn upsert(
    conn: &mut DbConn<'_>,
    item: &KnowledgeItem,
    origin: CityId,
) -> Result<UpsertOutcome, StorageError> {
    let existing = dispatch!(conn, c => items::table
        .filter(items::ap_id.eq(item.ap_id.as_str()))
        .select((items::id, items::updated_at, items::deleted_at, items::adapted_from))
        .first::<(i64, NaiveDateTime, Option<NaiveDateTime>, Option<String>)>(c)
        .optional())?;
    let values = rows::ItemValues::from(item);
    if existing.is_none() && was_deleted_unseen(conn, &item.ap_id)? {
        return Ok(UpsertOutcome::Tombstoned);
    }
    let adapted_before = existing.as_ref().and_then(|(_, _, _, adapted)| adapted.clone());
    let outcome = match existing {
        Some((id, updated, deleted, _)) => {
            if deleted.is_some() || from_db_time(updated) >= item.updated {
                return Ok(UpsertOutcome::Unchanged(ItemId(id)));
            }
            dispatch!(conn, c => diesel::update(items::table.find(id)).set(&values).execute(c))?;
            delete_children(conn, id)?;
            UpsertOutcome::Updated(ItemId(id))
        }
        None => {
            let id = dispatch!(conn, c => diesel::insert_into(items::table)
                .values((
                    &values,
                    items::ap_id.eq(item.ap_id.as_str()),
                    items::origin_city_id.eq(origin.0),
                    items::received_at.eq(to_db_time(now())),
                ))
                .returning(items::id)
                .get_result::<i64>(c))?;
            UpsertOutcome::Inserted(ItemId(id))
        }
    };
    let id = outcome.id().expect("inserted or updated");
    write_children(conn, id, &item.content)?;
    super::search_changes::record(conn, id)?;
    let adapted_now = item.content.adapted_from.as_ref().map(Url::as_str);
    if adapted_before.as_deref() != adapted_now {
        for original in adapted_before.iter().map(String::as_str).chain(adapted_now) {
            original_changed(conn, original)?;
        }
    }
    Ok(outcome)
}

/// Notes a change of the item `original` (when held here) for the search index: it gained or
/// lost an adaptation, which its document records.
fn original_changed(conn: &mut DbConn<'_>, original: &str) -> Result<(), StorageError> {
    let id = dispatch!(conn, c => items::table
        .filter(items::ap_id.eq(original))
        .filter(items::deleted_at.is_null())
        .select(items::id)
        .first::<i64>(c)
        .optional())?;
    if let Some(id) = id {
        super::search_changes::record(conn, ItemId(id))?;
    }
    Ok(())
}

/// Marks the item deleted and drops its content, keeping the id as a tombstone so that a late
/// copy cannot bring it back. False when it was already deleted.
pub fn mark_deleted(conn: &mut DbConn<'_>, id: ItemId) -> Result<bool, StorageError> {
    let at = to_db_time(now());
    let adapted_from: Option<String> = dispatch!(conn, c => items::table
        .find(id.0)
        .select(items::adapted_from)
        .first::<Option<String>>(c)
        .optional())?
    .flatten();
    let changed = dispatch!(conn, c => diesel::update(items::table.find(id.0).filter(items::deleted_at.is_null()))
        .set((
            items::deleted_at.eq(Some(at)),
            items::updated_at.eq(at),
            // A deleted item frees its external id: importing the row again publishes anew.
            items::external_id.eq(None::<String>),
        ))
        .execute(c))?;
    if changed > 0 {
        delete_children(conn, id.0)?;
        super::search_changes::record(conn, id)?;
        if let Some(original) = adapted_from {
            original_changed(conn, &original)?;
        }
    }
    Ok(changed > 0)
}

fn delete_children(conn: &mut DbConn<'_>, id: i64) -> Result<(), StorageError> {
    dispatch!(conn, c => {
        diesel::delete(item_translations::table.filter(item_translations::item_id.eq(id))).execute(c)?;
        diesel::delete(item_themes::table.filter(item_themes::item_id.eq(id))).execute(c)?;
        diesel::delete(item_target_groups::table.filter(item_target_groups::item_id.eq(id))).execute(c)?;
        diesel::delete(item_tags::table.filter(item_tags::item_id.eq(id))).execute(c)?;
        diesel::delete(item_attachments::table.filter(item_attachments::item_id.eq(id))).execute(c)
    })?;
    Ok(())
}

/// Records the id an item of the city has in the city's own records (see `service::import`).
pub fn set_external_id(conn: &mut DbConn<'_>, id: ItemId, external_id: &str) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(items::table.find(id.0))
        .set(items::external_id.eq(Some(external_id)))
        .execute(c))?;
    Ok(())
}

/// The items holding these external ids, with the id each holds.
pub fn by_external_ids(
    conn: &mut DbConn<'_>,
    external_ids: &[String],
) -> Result<Vec<(String, StoredItem)>, StorageError> {
    let mut found = Vec::new();
    // Bounded lists keep every statement within SQLite's limit on bound parameters.
    for chunk in external_ids.chunks(500) {
        let rows = dispatch!(conn, c => items::table
            .filter(items::external_id.eq_any(chunk))
            .select((items::external_id.assume_not_null(), ItemRow::as_select()))
            .load::<(String, ItemRow)>(c))?;
        let (ids, rows): (Vec<String>, Vec<ItemRow>) = rows.into_iter().unzip();
        let by_row: std::collections::HashMap<i64, String> = rows.iter().map(|r| r.id).zip(ids).collect();
        for stored in assemble(conn, rows)? {
            if let Some(external_id) = by_row.get(&stored.id.0) {
                found.push((external_id.clone(), stored));
            }
        }
    }
    Ok(found)
}

/// The item with this id, deleted or not.
pub fn find_by_ap_id(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<Option<StoredItem>, StorageError> {
    let row = dispatch!(conn, c => items::table
        .filter(items::ap_id.eq(ap_id.as_str()))
        .select(ItemRow::as_select())
        .first(c)
        .optional())?;
    match row {
        Some(row) => Ok(assemble(conn, vec![row])?.pop()),
        None => Ok(None),
    }
}

/// The row id and origin city of an item, without loading it.
pub fn origin_of(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<Option<(ItemId, CityId)>, StorageError> {
    let row = dispatch!(conn, c => items::table
        .filter(items::ap_id.eq(ap_id.as_str()))
        .select((items::id, items::origin_city_id))
        .first::<(i64, i64)>(c)
        .optional())?;
    Ok(row.map(|(id, city)| (ItemId(id), CityId(city))))
}

/// The items with these database ids, in that order (missing ones left out).
pub fn get_many(conn: &mut DbConn<'_>, ids: &[ItemId]) -> Result<Vec<StoredItem>, StorageError> {
    let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
    let rows = dispatch!(conn, c => items::table
        .filter(items::id.eq_any(&raw))
        .select(ItemRow::as_select())
        .load(c))?;
    let mut found = assemble(conn, rows)?;
    found.sort_by_key(|s| raw.iter().position(|id| *id == s.id.0));
    Ok(found)
}

/// One page of items that are not deleted (public only unless `visibility` says otherwise),
/// newest first, after `cursor`.
pub fn page(
    conn: &mut DbConn<'_>,
    scope: Scope,
    visibility: Visibility,
    cursor: Option<ItemCursor>,
    limit: i64,
) -> Result<Vec<StoredItem>, StorageError> {
    let rows = dispatch!(conn, c => {
        let mut query = items::table
            .filter(items::deleted_at.is_null())
            .select(ItemRow::as_select())
            .order((items::published_at.desc(), items::id.desc()))
            .limit(limit)
            .into_boxed();
        if let Scope::Origin(city) = scope {
            query = query.filter(items::origin_city_id.eq(city.0));
        }
        if visibility == Visibility::PublicOnly {
            query = query.filter(items::audience.eq(Audience::Public.code()));
        }
        if let Some(cursor) = cursor {
            let published = to_db_time(cursor.published);
            query = query.filter(
                items::published_at.lt(published).or(items::published_at
                    .eq(published)
                    .and(items::id.lt(cursor.id.0))),
            );
        }
        query.load(c)
    })?;
    assemble(conn, rows)
}

/// One page of the items posted to `community` that are not deleted nor taken out of it by a
/// moderator, newest first, after `cursor`; members-only ones too unless `visibility` is
/// [`Visibility::PublicOnly`].
pub fn in_community(
    conn: &mut DbConn<'_>,
    community: &Url,
    visibility: Visibility,
    cursor: Option<ItemCursor>,
    limit: i64,
) -> Result<Vec<StoredItem>, StorageError> {
    use super::schema::community_removals;
    let rows = dispatch!(conn, c => {
        let removed = community_removals::table.select(community_removals::item_ap_id);
        let mut query = items::table
            .filter(items::deleted_at.is_null())
            .filter(items::community.eq(community.as_str()))
            .filter(items::ap_id.ne_all(removed))
            .select(ItemRow::as_select())
            .order((items::published_at.desc(), items::id.desc()))
            .limit(limit)
            .into_boxed();
        if visibility == Visibility::PublicOnly {
            query = query.filter(items::audience.eq(Audience::Public.code()));
        }
        if let Some(cursor) = cursor {
            let published = to_db_time(cursor.published);
            query = query.filter(
                items::published_at.lt(published).or(items::published_at
                    .eq(published)
                    .and(items::id.lt(cursor.id.0))),
            );
        }
        query.load(c)
    })?;
    assemble(conn, rows)
}

/// Number of items [`in_community`] lists.
pub fn count_in_community(
    conn: &mut DbConn<'_>,
    community: &Url,
    visibility: Visibility,
) -> Result<i64, StorageError> {
    use super::schema::community_removals;
    Ok(dispatch!(conn, c => {
        let removed = community_removals::table.select(community_removals::item_ap_id);
        let mut query = items::table
            .filter(items::deleted_at.is_null())
            .filter(items::community.eq(community.as_str()))
            .filter(items::ap_id.ne_all(removed))
            .count()
            .into_boxed();
        if visibility == Visibility::PublicOnly {
            query = query.filter(items::audience.eq(Audience::Public.code()));
        }
        query.get_result(c)
    })?)
}

/// Number of items in `scope` that are not deleted (and public, for `PublicOnly`).
pub fn count(conn: &mut DbConn<'_>, scope: Scope, visibility: Visibility) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => {
        let mut query = items::table.filter(items::deleted_at.is_null()).count().into_boxed();
        if let Scope::Origin(city) = scope {
            query = query.filter(items::origin_city_id.eq(city.0));
        }
        if visibility == Visibility::PublicOnly {
            query = query.filter(items::audience.eq(Audience::Public.code()));
        }
        query.get_result(c)
    })?)
}

/// Which of `ids` arrived here after `since` (and are not deleted).
pub fn arrived_after(
    conn: &mut DbConn<'_>,
    ids: &[ItemId],
    since: DateTime<Utc>,
) -> Result<Vec<ItemId>, StorageError> {
    let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
    let found: Vec<i64> = dispatch!(conn, c => items::table
        .filter(items::id.eq_any(&raw))
        .filter(items::deleted_at.is_null())
        .filter(items::received_at.gt(to_db_time(since)))
        .select(items::id)
        .load(c))?;
    Ok(ids.iter().copied().filter(|id| found.contains(&id.0)).collect())
}

/// For each city with items here, how many (not deleted; public only, for `PublicOnly`).
pub fn count_by_origin(
    conn: &mut DbConn<'_>,
    visibility: Visibility,
) -> Result<std::collections::HashMap<CityId, i64>, StorageError> {
    let rows: Vec<(i64, i64)> = dispatch!(conn, c => {
        let mut query = items::table
            .filter(items::deleted_at.is_null())
            .group_by(items::origin_city_id)
            .select((items::origin_city_id, diesel::dsl::count_star()))
            .into_boxed();
        if visibility == Visibility::PublicOnly {
            query = query.filter(items::audience.eq(Audience::Public.code()));
        }
        query.load(c)
    })?;
    Ok(rows.into_iter().map(|(city, n)| (CityId(city), n)).collect())
}

/// Up to `limit` ids of the items with a place on the map that `visibility` shows, the most
/// recently published first.
pub fn located(
    conn: &mut DbConn<'_>,
    visibility: Visibility,
    limit: i64,
) -> Result<Vec<ItemId>, StorageError> {
    let ids: Vec<i64> = dispatch!(conn, c => {
        let mut query = items::table
            .filter(items::deleted_at.is_null())
            .filter(items::latitude.is_not_null())
            .filter(items::longitude.is_not_null())
            .order((items::published_at.desc(), items::id.desc()))
            .limit(limit)
            .select(items::id)
            .into_boxed();
        if visibility == Visibility::PublicOnly {
            query = query.filter(items::audience.eq(Audience::Public.code()));
        }
        query.load(c)
    })?;
    Ok(ids.into_iter().map(ItemId).collect())
}

/// Up to `limit` ids of items that are not deleted, after `after`, in id order (for rebuilding
/// what is derived from every item).
pub fn ids_after(conn: &mut DbConn<'_>, after: ItemId, limit: i64) -> Result<Vec<ItemId>, StorageError> {
    let ids: Vec<i64> = dispatch!(conn, c => items::table
        .filter(items::id.gt(after.0))
        .filter(items::deleted_at.is_null())
        .order(items::id.asc())
        .limit(limit)
        .select(items::id)
        .load(c))?;
    Ok(ids.into_iter().map(ItemId).collect())
}

/// Items (not deleted) that state they adapt the item `original`, oldest first.
pub fn adaptations_of(conn: &mut DbConn<'_>, original: &Url) -> Result<Vec<StoredItem>, StorageError> {
    let rows = dispatch!(conn, c => items::table
        .filter(items::adapted_from.eq(original.as_str()))
        .filter(items::deleted_at.is_null())
        .order(items::published_at.asc())
        .select(ItemRow::as_select())
        .load(c))?;
    assemble(conn, rows)
}

/// For each of `originals` (item ids) adapted by at least one city, how many cities adapted it
/// (a city's several adaptations of one item count once).
pub fn adapting_cities(
    conn: &mut DbConn<'_>,
    originals: &[&str],
) -> Result<std::collections::HashMap<String, i64>, StorageError> {
    let mut counts = std::collections::HashMap::new();
    for chunk in originals.chunks(500) {
        let pairs: Vec<(Option<String>, i64)> = dispatch!(conn, c => items::table
            .filter(items::adapted_from.eq_any(chunk))
            .filter(items::deleted_at.is_null())
            .select((items::adapted_from, items::origin_city_id))
            .distinct()
            .load(c))?;
        for (original, _) in pairs {
            if let Some(original) = original {
                *counts.entry(original).or_insert(0) += 1;
            }
        }
    }
    Ok(counts)
}

/// When an item was published at its origin and when it reached this instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub ap_id: String,
    pub published: DateTime<Utc>,
    pub received: DateTime<Utc>,
}

/// The arrivals of every item of `origin`: the publish-to-visible latency of federation.
pub fn arrival_times(conn: &mut DbConn<'_>, origin: CityId) -> Result<Vec<Arrival>, StorageError> {
    let rows = dispatch!(conn, c => items::table
        .filter(items::origin_city_id.eq(origin.0))
        .select((items::ap_id, items::published_at, items::received_at))
        .load::<(String, NaiveDateTime, NaiveDateTime)>(c))?;
    Ok(rows
        .into_iter()
        .map(|(ap_id, published, received)| Arrival {
            ap_id,
            published: from_db_time(published),
            received: from_db_time(received),
        })
        .collect())
}

/// Credits every item of the city `from` to the city `to` (the city moved there), and has the
/// search index learn it; the number of items.
pub fn reassign_origin(conn: &mut DbConn<'_>, from: CityId, to: CityId) -> Result<usize, StorageError> {
    let ids: Vec<i64> = dispatch!(conn, c => items::table
        .filter(items::origin_city_id.eq(from.0))
        .select(items::id)
        .load(c))?;
    dispatch!(conn, c => diesel::update(items::table.filter(items::origin_city_id.eq(from.0)))
        .set(items::origin_city_id.eq(to.0))
        .execute(c))?;
    for id in &ids {
        super::search_changes::record(conn, ItemId(*id))?;
    }
    Ok(ids.len())
}

/// Removes an item row and everything that hangs on it: a second copy of an item that is also
/// held under its former id gives way to that row.
pub fn drop_copy(conn: &mut DbConn<'_>, copy: ItemId) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::delete(items::table.find(copy.0)).execute(c))?;
    super::search_changes::record(conn, copy)?;
    Ok(())
}

/// The items of `origin` that name a former id, as (row, id, former id).
pub fn with_former_ids(
    conn: &mut DbConn<'_>,
    origin: CityId,
) -> Result<Vec<(ItemId, Url, Url)>, StorageError> {
    let rows: Vec<(i64, String, Option<String>)> = dispatch!(conn, c => items::table
        .filter(items::origin_city_id.eq(origin.0))
        .filter(items::former_ap_id.is_not_null())
        .filter(items::deleted_at.is_null())
        .select((items::id, items::ap_id, items::former_ap_id))
        .load(c))?;
    rows.into_iter()
        .filter_map(|(id, ap_id, former)| former.map(|f| (id, ap_id, f)))
        .map(|(id, ap_id, former)| {
            Ok((
                ItemId(id),
                super::stored_url(&ap_id)?,
                super::stored_url(&former)?,
            ))
        })
        .collect()
}

/// Gives the held item `id`, known as `former`, the id `to`, the id its city gave it at its new
/// address, and points what refers to the old id here at the new one; the row, with its
/// translations, shares, bookmarks and replies, stays.
pub fn repoint(conn: &mut DbConn<'_>, id: ItemId, former: &Url, to: &Url) -> Result<(), StorageError> {
    use super::schema::{community_removals, machine_translations, translation_proposals};
    let (former, to) = (former.as_str(), to.as_str());
    dispatch!(conn, c => diesel::update(items::table.find(id.0))
        .set(items::ap_id.eq(to))
        .execute(c))?;
    let adapting: Vec<i64> = dispatch!(conn, c => items::table
        .filter(items::adapted_from.eq(former))
        .select(items::id)
        .load(c))?;
    dispatch!(conn, c => diesel::update(items::table.filter(items::adapted_from.eq(former)))
        .set(items::adapted_from.eq(to))
        .execute(c))?;
    dispatch!(conn, c => diesel::update(translation_proposals::table.filter(translation_proposals::item_ap_id.eq(former)))
        .set(translation_proposals::item_ap_id.eq(to))
        .execute(c))?;
    dispatch!(conn, c => diesel::update(machine_translations::table.filter(machine_translations::item_ap_id.eq(former)))
        .set(machine_translations::item_ap_id.eq(to))
        .execute(c))?;
    dispatch!(conn, c => diesel::update(community_removals::table.filter(community_removals::item_ap_id.eq(former)))
        .set(community_removals::item_ap_id.eq(to))
        .execute(c))?;
    for changed in std::iter::once(id.0).chain(adapting) {
        super::search_changes::record(conn, ItemId(changed))?;
    }
    Ok(())
}

/// How many of the city's own items have an id at the city's new address.
pub fn count_moved(conn: &mut DbConn<'_>, local: CityId) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => items::table
        .filter(items::origin_city_id.eq(local.0))
        .filter(items::moved_to.is_not_null())
        .count()
        .get_result(c))?)
}

/// Records, for the city's own items, their ids at the city's new address (old id, new id);
/// returns how many of them were found here.
pub fn set_moved_to(
    conn: &mut DbConn<'_>,
    local: CityId,
    moved: &[(Url, Url)],
) -> Result<usize, StorageError> {
    let mut found = 0;
    for (old, new) in moved {
        found += dispatch!(conn, c => diesel::update(items::table
            .filter(items::ap_id.eq(old.as_str()))
            .filter(items::origin_city_id.eq(local.0)))
            .set(items::moved_to.eq(new.as_str()))
            .execute(c))?;
    }
    Ok(found)
}
