//! The `received_activities` table: ids of activities already processed.

use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};
use url::Url;

use super::{DbConn, StorageError, dispatch, schema::received_activities, to_db_time};
use crate::domain::item::now;

/// Whether the activity with this id was processed before.
pub fn seen(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<bool, StorageError> {
    let found = dispatch!(conn, c => received_activities::table
        .find(ap_id.as_str())
        .select(received_activities::ap_id)
        .first::<String>(c)
        .optional())?;
    Ok(found.is_some())
}

/// Records the activity as processed; false when it already was.
pub fn record(conn: &mut DbConn<'_>, ap_id: &Url, actor: &Url, kind: &str) -> Result<bool, StorageError> {
    let inserted = dispatch!(conn, c => diesel::insert_into(received_activities::table)
        .values((
            received_activities::ap_id.eq(ap_id.as_str()),
            received_activities::actor_ap_id.eq(actor.as_str()),
            received_activities::kind.eq(kind),
            received_activities::received_at.eq(to_db_time(now())),
        ))
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(inserted > 0)
}
