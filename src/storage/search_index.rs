//! The search index rows: one document per item and language, written with the item.

use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};

use super::{
    DbConn, StorageError, dispatch,
    items::{self, ItemId},
    schema::{items as items_table, search_documents, search_state},
};
use crate::{
    domain::{
        item::{FieldValue, ItemContent},
        sanitize::plain_text,
    },
    search::text::indexable,
};

/// Version of the way documents are built; raising it makes every instance reindex at start.
pub const INDEX_VERSION: i32 = 2;

/// Room for language versions in a document id (item id × 32 + place).
const LANGUAGE_SLOTS: i64 = 32;

#[derive(diesel::Insertable)]
#[diesel(table_name = search_documents)]
struct Document {
    id: i64,
    item_id: i64,
    language: String,
    title: String,
    summary: String,
    body: String,
    extra: String,
}

/// The documents of an item: per language its title, summary, body and the rest (tags, place,
/// the kind's texts in that language and its lists).
fn documents(item: ItemId, content: &ItemContent) -> Vec<Document> {
    let mut shared: Vec<String> = content.tags.clone();
    shared.extend(content.place.clone());
    for value in content.details.0.values() {
        if let FieldValue::Lines(lines) = value {
            shared.extend(lines.iter().cloned());
        }
    }
    content
        .title
        .iter()
        .enumerate()
        .map(|(slot, (language, title))| {
            let mut extra = shared.clone();
            extra.extend(
                content
                    .details
                    .texts()
                    .filter_map(|(_, map)| map.get(language).map(str::to_string)),
            );
            Document {
                id: item.0 * LANGUAGE_SLOTS + slot as i64,
                item_id: item.0,
                language: language.to_string(),
                title: indexable(title),
                summary: indexable(content.summary.get(language).unwrap_or_default()),
                body: indexable(&plain_text(content.body.get(language).unwrap_or_default())),
                extra: indexable(&extra.join(" ")),
            }
        })
        .collect()
}

/// Replaces the documents of an item, and its facet values.
pub fn write(conn: &mut DbConn<'_>, item: ItemId, content: &ItemContent) -> Result<(), StorageError> {
    remove(conn, item)?;
    let documents = documents(item, content);
    let languages: Vec<String> = content.title.languages().map(ToString::to_string).collect();
    dispatch!(conn, c => {
        diesel::insert_into(search_documents::table).values(&documents).execute(c)?;
        diesel::update(items_table::table.find(item.0))
            .set((
                items_table::facet_themes.eq(content.themes.join(",")),
                items_table::facet_target_groups.eq(content.target_groups.join(",")),
                items_table::facet_languages.eq(languages.join(",")),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// Removes the documents of an item (it was deleted).
pub fn remove(conn: &mut DbConn<'_>, item: ItemId) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::delete(search_documents::table.filter(search_documents::item_id.eq(item.0))).execute(c))?;
    Ok(())
}

/// Marks the index as needing a rebuild (`praxis reindex`, or a test).
pub fn mark_outdated(conn: &mut DbConn<'_>) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(search_state::table.find(1)).set(search_state::indexed_version.eq(0)).execute(c))?;
    Ok(())
}

/// Whether the index was built by an older way of building documents (or never).
pub fn needs_rebuild(conn: &mut DbConn<'_>) -> Result<bool, StorageError> {
    let version: i32 =
        dispatch!(conn, c => search_state::table.find(1).select(search_state::indexed_version).first(c))?;
    Ok(version < INDEX_VERSION)
}

/// Rebuilds the documents of up to `batch` items after `after` (by row id), returning the last
/// item done, or `None` when every item is done (and the index marked current).
pub fn rebuild_batch(conn: &mut DbConn<'_>, after: i64, batch: i64) -> Result<Option<i64>, StorageError> {
    let ids: Vec<i64> = dispatch!(conn, c => items_table::table
        .filter(items_table::id.gt(after))
        .filter(items_table::deleted_at.is_null())
        .order(items_table::id.asc())
        .limit(batch)
        .select(items_table::id)
        .load(c))?;
    if ids.is_empty() {
        dispatch!(conn, c => diesel::update(search_state::table.find(1))
            .set(search_state::indexed_version.eq(INDEX_VERSION))
            .execute(c))?;
        return Ok(None);
    }
    let ids: Vec<ItemId> = ids.into_iter().map(ItemId).collect();
    for stored in items::get_many(conn, &ids)? {
        write(conn, stored.id, &stored.item.content)?;
    }
    Ok(ids.last().map(|id| id.0))
}
