//! The `outbox_entries` table: what the city's outbox lists, its own items (Create) and what
//! it re-shared (Announce), in the order it did so.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
use url::Url;

use super::{
    DbConn, StorageError, dispatch, from_db_time,
    items::ItemId,
    schema::{items, outbox_entries},
    stored_url, to_db_time,
};
use crate::domain::audience::Audience;

/// The two kinds of entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Create,
    Announce,
}

impl EntryKind {
    fn code(self) -> &'static str {
        match self {
            EntryKind::Create => "Create",
            EntryKind::Announce => "Announce",
        }
    }
}

/// One listed activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub kind: EntryKind,
    pub item_id: ItemId,
    pub activity_ap_id: Url,
    pub at: DateTime<Utc>,
}

/// Lists an activity; a second entry of the same kind for the same item replaces the first
/// (sharing an item again moves it to the top).
pub fn add(
    conn: &mut DbConn<'_>,
    kind: EntryKind,
    item: ItemId,
    activity_ap_id: &Url,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    dispatch!(conn, c => {
        diesel::delete(outbox_entries::table
            .filter(outbox_entries::activity_kind.eq(kind.code()))
            .filter(outbox_entries::item_id.eq(item.0)))
            .execute(c)?;
        diesel::insert_into(outbox_entries::table)
            .values((
                outbox_entries::activity_kind.eq(kind.code()),
                outbox_entries::item_id.eq(item.0),
                outbox_entries::activity_ap_id.eq(activity_ap_id.as_str()),
                outbox_entries::created_at.eq(to_db_time(at)),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// Removes every entry about an item (it was deleted).
pub fn remove_item(conn: &mut DbConn<'_>, item: ItemId) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::delete(outbox_entries::table.filter(outbox_entries::item_id.eq(item.0))).execute(c))?;
    Ok(())
}

/// Up to `limit` entries about items whose audience is one of `audiences` (codes), newest first,
/// older than the entry `before`. Strangers are given public items only, so an item for a
/// narrower audience is never listed to them (and leaves the listing when its audience narrows);
/// the caller checks a named-cities item against the reader.
pub fn page(
    conn: &mut DbConn<'_>,
    audiences: &[&str],
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<OutboxEntry>, StorageError> {
    let rows = dispatch!(conn, c => {
        let mut query = outbox_entries::table
            .filter(outbox_entries::item_id.eq_any(
                items::table.filter(items::audience.eq_any(audiences)).select(items::id),
            ))
            .order(outbox_entries::id.desc())
            .limit(limit)
            .select((
                outbox_entries::id,
                outbox_entries::activity_kind,
                outbox_entries::item_id,
                outbox_entries::activity_ap_id,
                outbox_entries::created_at,
            ))
            .into_boxed();
        if let Some(before) = before {
            query = query.filter(outbox_entries::id.lt(before));
        }
        query.load::<(i64, String, i64, String, NaiveDateTime)>(c)
    })?;
    rows.into_iter()
        .map(|(id, kind, item, activity, at)| {
            Ok(OutboxEntry {
                id,
                kind: if kind == "Announce" {
                    EntryKind::Announce
                } else {
                    EntryKind::Create
                },
                item_id: ItemId(item),
                activity_ap_id: stored_url(&activity)?,
                at: from_db_time(at),
            })
        })
        .collect()
}

/// Number of entries about public items.
pub fn count(conn: &mut DbConn<'_>) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => outbox_entries::table
        .filter(outbox_entries::item_id.eq_any(
                items::table.filter(items::audience.eq(Audience::Public.code())).select(items::id),
            ))
        .count()
        .get_result(c))?)
}
