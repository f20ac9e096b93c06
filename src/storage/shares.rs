//! The `shares` table: which city re-shared (Announced) which item.

use chrono::{DateTime, Utc};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
use url::Url;

use super::{DbConn, StorageError, cities::CityId, dispatch, items::ItemId, schema::shares, to_db_time};

/// Records that `city` shared `item` (again: the latest share wins).
pub fn record(
    conn: &mut DbConn<'_>,
    item: ItemId,
    city: CityId,
    activity_ap_id: &Url,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::insert_into(shares::table)
        .values((
            shares::item_id.eq(item.0),
            shares::city_id.eq(city.0),
            shares::activity_ap_id.eq(activity_ap_id.as_str()),
            shares::shared_at.eq(to_db_time(at)),
        ))
        .on_conflict((shares::item_id, shares::city_id))
        .do_update()
        .set((
            shares::activity_ap_id.eq(activity_ap_id.as_str()),
            shares::shared_at.eq(to_db_time(at)),
        ))
        .execute(c))?;
    Ok(())
}

/// Cities that shared the item, earliest first.
pub fn sharers(conn: &mut DbConn<'_>, item: ItemId) -> Result<Vec<CityId>, StorageError> {
    let ids = dispatch!(conn, c => shares::table
        .filter(shares::item_id.eq(item.0))
        .order(shares::shared_at.asc())
        .select(shares::city_id)
        .load::<i64>(c))?;
    Ok(ids.into_iter().map(CityId).collect())
}

/// Whether `city` shared the item.
pub fn has_shared(conn: &mut DbConn<'_>, item: ItemId, city: CityId) -> Result<bool, StorageError> {
    let n: i64 = dispatch!(conn, c => shares::table
        .filter(shares::item_id.eq(item.0))
        .filter(shares::city_id.eq(city.0))
        .count()
        .get_result(c))?;
    Ok(n > 0)
}

/// Forgets every share of the item (it is no longer public, so no share of it stands).
pub fn forget_all(conn: &mut DbConn<'_>, item: ItemId) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::delete(shares::table.filter(shares::item_id.eq(item.0))).execute(c))?;
    Ok(())
}
