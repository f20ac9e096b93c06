//! `bookmarks`: the items each person saved for later.

use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};

use super::{
    DbConn, StorageError, dispatch,
    items::ItemId,
    schema::{bookmarks, items},
    to_db_time,
};
use crate::domain::item::now;

/// Saves `item` for the person `user`; saving it again changes nothing.
pub fn save(conn: &mut DbConn<'_>, user: i64, item: ItemId) -> Result<(), StorageError> {
    if is_saved(conn, user, item)? {
        return Ok(());
    }
    dispatch!(conn, c => diesel::insert_into(bookmarks::table)
        .values((
            bookmarks::user_id.eq(user),
            bookmarks::item_id.eq(item.0),
            bookmarks::created_at.eq(to_db_time(now())),
        ))
        .execute(c))?;
    Ok(())
}

/// Takes `item` off the person's list.
pub fn remove(conn: &mut DbConn<'_>, user: i64, item: ItemId) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::delete(
        bookmarks::table
            .filter(bookmarks::user_id.eq(user))
            .filter(bookmarks::item_id.eq(item.0)),
    )
    .execute(c))?;
    Ok(())
}

pub fn is_saved(conn: &mut DbConn<'_>, user: i64, item: ItemId) -> Result<bool, StorageError> {
    let found = dispatch!(conn, c => bookmarks::table
        .filter(bookmarks::user_id.eq(user))
        .filter(bookmarks::item_id.eq(item.0))
        .select(bookmarks::item_id)
        .first::<i64>(c)
        .optional())?;
    Ok(found.is_some())
}

/// The items the person saved that still exist, the last saved first, at most `limit`.
pub fn list(conn: &mut DbConn<'_>, user: i64, limit: i64) -> Result<Vec<ItemId>, StorageError> {
    let ids = dispatch!(conn, c => bookmarks::table
        .inner_join(items::table)
        .filter(bookmarks::user_id.eq(user))
        .filter(items::deleted_at.is_null())
        .order((bookmarks::created_at.desc(), bookmarks::item_id.desc()))
        .limit(limit)
        .select(bookmarks::item_id)
        .load::<i64>(c))?;
    Ok(ids.into_iter().map(ItemId).collect())
}
