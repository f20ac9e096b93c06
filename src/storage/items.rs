//! The `items` and `item_translations` tables: knowledge items, one text row per language.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl, SelectableHelper, prelude::*};
use url::Url;

use super::{
    DbConn, StorageError,
    cities::CityId,
    dispatch, from_db_time,
    schema::{cities, item_translations, items},
    stored_url, to_db_time,
};
use crate::domain::{
    item::{ItemContent, ItemKind, KnowledgeItem, now},
    language::{LanguageMap, LanguageTag},
};

/// Database id of an item row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemId(pub i64);

#[derive(Queryable, Selectable)]
#[diesel(table_name = items, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct ItemRow {
    id: i64,
    ap_id: String,
    origin_city_id: i64,
    kind: String,
    original_language: String,
    published_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    deleted_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = item_translations, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct TranslationRow {
    item_id: i64,
    language: String,
    title: String,
    summary: Option<String>,
    body: Option<String>,
}

/// An item as this instance holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredItem {
    pub id: ItemId,
    pub origin_city_id: CityId,
    pub item: KnowledgeItem,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// What [`upsert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertOutcome {
    Inserted(ItemId),
    Updated(ItemId),
    /// The stored version is as new or newer (or deleted): nothing changed.
    Unchanged(ItemId),
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
        .select((items::id, items::updated_at, items::deleted_at))
        .first::<(i64, NaiveDateTime, Option<NaiveDateTime>)>(c)
        .optional())?;
    let content = &item.content;
    let values = (
        items::kind.eq(content.kind.code()),
        items::original_language.eq(content.original_language.as_str()),
        items::published_at.eq(to_db_time(item.published)),
        items::updated_at.eq(to_db_time(item.updated)),
    );
    let outcome = match existing {
        Some((id, updated, deleted)) => {
            if deleted.is_some() || from_db_time(updated) >= item.updated {
                return Ok(UpsertOutcome::Unchanged(ItemId(id)));
            }
            dispatch!(conn, c => diesel::update(items::table.find(id)).set(values).execute(c))?;
            dispatch!(conn, c => diesel::delete(item_translations::table.filter(item_translations::item_id.eq(id))).execute(c))?;
            UpsertOutcome::Updated(ItemId(id))
        }
        None => {
            let id = dispatch!(conn, c => diesel::insert_into(items::table)
                .values((
                    items::ap_id.eq(item.ap_id.as_str()),
                    items::origin_city_id.eq(origin.0),
                    values,
                    items::received_at.eq(to_db_time(now())),
                ))
                .returning(items::id)
                .get_result::<i64>(c))?;
            UpsertOutcome::Inserted(ItemId(id))
        }
    };
    let item_id = match outcome {
        UpsertOutcome::Inserted(id) | UpsertOutcome::Updated(id) | UpsertOutcome::Unchanged(id) => id,
    };
    let rows: Vec<TranslationRow> = content
        .title
        .iter()
        .map(|(language, title)| TranslationRow {
            item_id: item_id.0,
            language: language.to_string(),
            title: title.to_string(),
            summary: content.summary.get(language).map(str::to_string),
            body: content.body.get(language).map(str::to_string),
        })
        .collect();
    dispatch!(conn, c => diesel::insert_into(item_translations::table).values(&rows).execute(c))?;
    Ok(outcome)
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

/// One page of items that are not deleted, newest first, after `cursor`.
pub fn page(
    conn: &mut DbConn<'_>,
    scope: Scope,
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

/// Number of items in `scope` that are not deleted.
pub fn count(conn: &mut DbConn<'_>, scope: Scope) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => {
        let mut query = items::table.filter(items::deleted_at.is_null()).count().into_boxed();
        if let Scope::Origin(city) = scope {
            query = query.filter(items::origin_city_id.eq(city.0));
        }
        query.get_result(c)
    })?)
}

/// Adds origin URLs and texts to item rows, keeping their order.
fn assemble(conn: &mut DbConn<'_>, rows: Vec<ItemRow>) -> Result<Vec<StoredItem>, StorageError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let city_ids: Vec<i64> = rows.iter().map(|r| r.origin_city_id).collect();
    let translations = dispatch!(conn, c => item_translations::table
        .filter(item_translations::item_id.eq_any(&ids))
        .select(TranslationRow::as_select())
        .load(c))?;
    let origins: HashMap<i64, String> = dispatch!(conn, c => cities::table
        .filter(cities::id.eq_any(&city_ids))
        .select((cities::id, cities::ap_id))
        .load::<(i64, String)>(c))?
    .into_iter()
    .collect();
    let mut texts: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
    for t in translations {
        texts.entry(t.item_id).or_default().push(t);
    }
    rows.into_iter()
        .map(|row| {
            let origin = origins
                .get(&row.origin_city_id)
                .ok_or_else(|| StorageError::Corrupt(format!("item {} has no origin city", row.ap_id)))?;
            to_stored(row, stored_url(origin)?, &mut texts)
        })
        .collect()
}

fn to_stored(
    row: ItemRow,
    origin: Url,
    texts: &mut HashMap<i64, Vec<TranslationRow>>,
) -> Result<StoredItem, StorageError> {
    let corrupt = |what: &str| StorageError::Corrupt(format!("{what} of item {}", row.ap_id));
    let kind = ItemKind::from_code(&row.kind).ok_or_else(|| corrupt("kind"))?;
    let original_language =
        LanguageTag::parse(&row.original_language).map_err(|_| corrupt("original language"))?;
    let (mut title, mut summary, mut body) = (LanguageMap::new(), LanguageMap::new(), LanguageMap::new());
    for t in texts.remove(&row.id).unwrap_or_default() {
        let language = LanguageTag::parse(&t.language).map_err(|_| corrupt("language"))?;
        if let Some(s) = t.summary {
            summary.insert(language.clone(), s);
        }
        if let Some(b) = t.body {
            body.insert(language.clone(), b);
        }
        title.insert(language, t.title);
    }
    Ok(StoredItem {
        id: ItemId(row.id),
        origin_city_id: CityId(row.origin_city_id),
        item: KnowledgeItem {
            ap_id: stored_url(&row.ap_id)?,
            origin,
            content: ItemContent {
                kind,
                original_language,
                title,
                summary,
                body,
            },
            published: from_db_time(row.published_at),
            updated: from_db_time(row.updated_at),
        },
        deleted_at: row.deleted_at.map(from_db_time),
    })
}
