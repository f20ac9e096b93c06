//! `peer_following`: whom each followed city follows, as its `following` collection last said.

use diesel::{ExpressionMethods, JoinOnDsl, QueryDsl, RunQueryDsl};

use super::{
    DbConn, StorageError,
    cities::CityId,
    dispatch,
    follows::FollowState,
    schema::{follows, peer_following},
    to_db_time,
};
use crate::domain::item::now;

/// Replaces what `city` follows with `actors` (what its collection says now).
pub fn replace(conn: &mut DbConn<'_>, city: CityId, actors: &[String]) -> Result<(), StorageError> {
    let learned_at = to_db_time(now());
    dispatch!(conn, c => diesel::delete(peer_following::table.filter(peer_following::city_id.eq(city.0))).execute(c))?;
    let rows: Vec<_> = actors
        .iter()
        .map(|actor| {
            (
                peer_following::city_id.eq(city.0),
                peer_following::actor.eq(actor.as_str()),
                peer_following::learned_at.eq(learned_at),
            )
        })
        .collect();
    for chunk in rows.chunks(200) {
        dispatch!(conn, c => diesel::insert_into(peer_following::table).values(chunk).execute(c))?;
    }
    Ok(())
}

/// The actors followed by the cities `follower` follows (accepted), each with the cities that
/// follow it, in the order they were learned.
pub fn second_degree(conn: &mut DbConn<'_>, follower: CityId) -> Result<Vec<(String, CityId)>, StorageError> {
    let rows = dispatch!(conn, c => peer_following::table
        .inner_join(follows::table.on(follows::followee_id.eq(peer_following::city_id)))
        .filter(follows::follower_id.eq(follower.0))
        .filter(follows::state.eq(FollowState::Accepted.code()))
        .order((peer_following::actor.asc(), peer_following::city_id.asc()))
        .select((peer_following::actor, peer_following::city_id))
        .load::<(String, i64)>(c))?;
    Ok(rows
        .into_iter()
        .map(|(actor, city)| (actor, CityId(city)))
        .collect())
}
