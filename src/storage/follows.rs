//! The `follows` table: who follows whom, and whether the followed city has accepted.

use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};
use url::Url;

use super::{
    DbConn, StorageError,
    cities::{CityId, get as get_city},
    dispatch,
    schema::follows,
    stored_url, to_db_time,
};
use crate::domain::{city::City, item::now};

/// Whether a follow has been accepted by the followed city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowState {
    Pending,
    Accepted,
    /// Removed from a community by a moderator: its requests are refused and its posts too.
    Removed,
}

impl FollowState {
    pub(super) fn code(self) -> &'static str {
        match self {
            FollowState::Pending => "pending",
            FollowState::Accepted => "accepted",
            FollowState::Removed => "removed",
        }
    }

    fn from_code(code: &str) -> Result<FollowState, StorageError> {
        match code {
            "pending" => Ok(FollowState::Pending),
            "accepted" => Ok(FollowState::Accepted),
            "removed" => Ok(FollowState::Removed),
            other => Err(StorageError::Corrupt(format!("follow state `{other}`"))),
        }
    }
}

/// One follow relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    pub follower: CityId,
    pub followee: CityId,
    /// Id of the Follow activity that asked for it.
    pub activity_ap_id: Url,
    pub state: FollowState,
}

/// Records that `follower` follows `followee`, replacing an earlier request between the two.
pub fn upsert(
    conn: &mut DbConn<'_>,
    follower: CityId,
    followee: CityId,
    activity_ap_id: &Url,
    state: FollowState,
) -> Result<(), StorageError> {
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::insert_into(follows::table)
        .values((
            follows::follower_id.eq(follower.0),
            follows::followee_id.eq(followee.0),
            follows::activity_ap_id.eq(activity_ap_id.as_str()),
            follows::state.eq(state.code()),
            follows::created_at.eq(at),
            follows::updated_at.eq(at),
        ))
        .on_conflict((follows::follower_id, follows::followee_id))
        .do_update()
        .set((
            follows::activity_ap_id.eq(activity_ap_id.as_str()),
            follows::state.eq(state.code()),
            follows::updated_at.eq(at),
        ))
        .execute(c))?;
    Ok(())
}

/// The relationship from `follower` to `followee`, if any.
pub fn find(
    conn: &mut DbConn<'_>,
    follower: CityId,
    followee: CityId,
) -> Result<Option<Follow>, StorageError> {
    let row = dispatch!(conn, c => follows::table
        .filter(follows::follower_id.eq(follower.0))
        .filter(follows::followee_id.eq(followee.0))
        .select((follows::activity_ap_id, follows::state))
        .first::<(String, String)>(c)
        .optional())?;
    row.map(|(activity, state)| {
        Ok(Follow {
            follower,
            followee,
            activity_ap_id: stored_url(&activity)?,
            state: FollowState::from_code(&state)?,
        })
    })
    .transpose()
}

/// Marks the relationship accepted; false when there is none.
pub fn accept(conn: &mut DbConn<'_>, follower: CityId, followee: CityId) -> Result<bool, StorageError> {
    set_state(conn, follower, followee, FollowState::Accepted)
}

/// Puts the relationship in `state` (a moderator's removal, for one); false when there is none.
pub fn set_state(
    conn: &mut DbConn<'_>,
    follower: CityId,
    followee: CityId,
    state: FollowState,
) -> Result<bool, StorageError> {
    let changed = dispatch!(conn, c => diesel::update(follows::table
        .filter(follows::follower_id.eq(follower.0))
        .filter(follows::followee_id.eq(followee.0)))
        .set((follows::state.eq(state.code()), follows::updated_at.eq(to_db_time(now()))))
        .execute(c))?;
    Ok(changed > 0)
}

/// Forgets the relationship; false when there was none.
pub fn delete(conn: &mut DbConn<'_>, follower: CityId, followee: CityId) -> Result<bool, StorageError> {
    let deleted = dispatch!(conn, c => diesel::delete(follows::table
        .filter(follows::follower_id.eq(follower.0))
        .filter(follows::followee_id.eq(followee.0)))
        .execute(c))?;
    Ok(deleted > 0)
}

/// Cities following `followee`, with the state of each relationship, oldest first.
pub fn followers_of(
    conn: &mut DbConn<'_>,
    followee: CityId,
) -> Result<Vec<(City, FollowState)>, StorageError> {
    let rows = dispatch!(conn, c => follows::table
        .filter(follows::followee_id.eq(followee.0))
        .order(follows::id.asc())
        .select((follows::follower_id, follows::state))
        .load::<(i64, String)>(c))?;
    rows.into_iter()
        .map(|(id, state)| Ok((get_city(conn, CityId(id))?, FollowState::from_code(&state)?)))
        .collect()
}

/// Cities `follower` follows, with the state of each relationship, oldest first.
pub fn followed_by(
    conn: &mut DbConn<'_>,
    follower: CityId,
) -> Result<Vec<(City, FollowState)>, StorageError> {
    let rows = dispatch!(conn, c => follows::table
        .filter(follows::follower_id.eq(follower.0))
        .order(follows::id.asc())
        .select((follows::followee_id, follows::state))
        .load::<(i64, String)>(c))?;
    rows.into_iter()
        .map(|(id, state)| Ok((get_city(conn, CityId(id))?, FollowState::from_code(&state)?)))
        .collect()
}

/// Inboxes that activities for `followee`'s followers go to: one per shared inbox.
pub fn follower_inboxes(conn: &mut DbConn<'_>, followee: CityId) -> Result<Vec<Url>, StorageError> {
    let mut inboxes: Vec<Url> = followers_of(conn, followee)?
        .into_iter()
        .filter(|(_, state)| *state == FollowState::Accepted)
        .filter_map(|(city, _)| city.delivery_inbox().cloned())
        .collect();
    inboxes.sort();
    inboxes.dedup();
    Ok(inboxes)
}

/// One side of a city's relationships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Cities following it.
    Followers,
    /// Cities it follows.
    Following,
}

/// How many of `city`'s relationships on `side` are in `state`.
pub fn count(
    conn: &mut DbConn<'_>,
    city: CityId,
    side: Side,
    state: FollowState,
) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => {
        let query = follows::table.filter(follows::state.eq(state.code())).into_boxed();
        let query = match side {
            Side::Followers => query.filter(follows::followee_id.eq(city.0)),
            Side::Following => query.filter(follows::follower_id.eq(city.0)),
        };
        query.count().get_result(c)
    })?)
}
