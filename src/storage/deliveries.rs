//! The durable outbound queue: `outbound_activities` (what was sent) and `deliveries` (one row per
//! activity and target inbox, with its state).
//!
//! A delivery row is written in the same transaction as the change that caused it, so nothing
//! accepted is lost; workers claim due rows under a lease, so several processes sharing one
//! database never send the same row at the same time.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl, prelude::*};
use url::Url;

use super::{
    DbConn, StorageError, dispatch, from_db_time,
    schema::{deliveries, outbound_activities},
    stored_url, to_db_time,
};
use crate::domain::item::now;

/// Delivery states as stored.
pub mod state {
    pub const PENDING: &str = "pending";
    pub const DELIVERED: &str = "delivered";
    /// Given up: refused permanently by the peer, or failing past the retry horizon.
    pub const DEAD: &str = "dead";
}

/// A delivery that is due and now leased to the caller.
#[derive(Debug, Clone)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub activity_ap_id: String,
    pub payload: String,
    pub inbox: Url,
    pub peer_host: String,
    /// Attempts made before this one.
    pub attempts: i32,
    pub queued_at: DateTime<Utc>,
}

/// Counts of the queue by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct QueueCounts {
    pub pending: i64,
    pub delivered: i64,
    pub dead: i64,
}

/// `host[:port]` of an inbox: deliveries are grouped and bounded per peer host.
pub fn peer_host(inbox: &Url) -> String {
    crate::config::domain_of(inbox)
}

/// Stores an activity and one pending delivery per distinct inbox; returns how many deliveries
/// were queued.
pub fn enqueue(
    conn: &mut DbConn<'_>,
    activity_ap_id: &Url,
    kind: &str,
    payload: &str,
    inboxes: &[Url],
) -> Result<usize, StorageError> {
    let at = to_db_time(now());
    let activity_id = dispatch!(conn, c => diesel::insert_into(outbound_activities::table)
        .values((
            outbound_activities::ap_id.eq(activity_ap_id.as_str()),
            outbound_activities::kind.eq(kind),
            outbound_activities::payload.eq(payload),
            outbound_activities::created_at.eq(at),
        ))
        .returning(outbound_activities::id)
        .get_result::<i64>(c))?;
    let mut targets: Vec<&Url> = inboxes.iter().collect();
    targets.sort();
    targets.dedup();
    let rows: Vec<_> = targets
        .iter()
        .map(|inbox| {
            (
                deliveries::activity_id.eq(activity_id),
                deliveries::inbox_url.eq(inbox.as_str()),
                deliveries::peer_host.eq(peer_host(inbox)),
                deliveries::state.eq(state::PENDING),
                deliveries::attempts.eq(0),
                deliveries::next_attempt_at.eq(at),
                deliveries::created_at.eq(at),
            )
        })
        .collect();
    if rows.is_empty() {
        return Ok(0);
    }
    Ok(dispatch!(conn, c => diesel::insert_into(deliveries::table).values(&rows).execute(c))?)
}

/// The stored JSON of an activity this instance sent, by id.
pub fn activity_payload(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<Option<String>, StorageError> {
    Ok(dispatch!(conn, c => outbound_activities::table
        .filter(outbound_activities::ap_id.eq(ap_id.as_str()))
        .select(outbound_activities::payload)
        .first::<String>(c)
        .optional())?)
}

/// Leases up to `limit` due deliveries for `lease`; call inside a write transaction.
pub fn claim_due(
    conn: &mut DbConn<'_>,
    limit: i64,
    lease: Duration,
) -> Result<Vec<ClaimedDelivery>, StorageError> {
    let now = now();
    let at = to_db_time(now);
    let due = deliveries::state
        .eq(state::PENDING)
        .and(deliveries::next_attempt_at.le(at))
        .and(
            deliveries::lease_until
                .is_null()
                .or(deliveries::lease_until.lt(at)),
        );
    let ids: Vec<i64> = match conn {
        // Rows another process has locked are skipped rather than waited for.
        DbConn::Postgres(c) => deliveries::table
            .filter(due)
            .order(deliveries::next_attempt_at.asc())
            .limit(limit)
            .select(deliveries::id)
            .for_update()
            .skip_locked()
            .load(*c)?,
        // SQLite: the caller's immediate transaction already excludes every other writer.
        DbConn::Sqlite(c) => deliveries::table
            .filter(due)
            .order(deliveries::next_attempt_at.asc())
            .limit(limit)
            .select(deliveries::id)
            .load(*c)?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let lease_until = to_db_time(now + lease);
    dispatch!(conn, c => diesel::update(deliveries::table.filter(deliveries::id.eq_any(&ids)))
        .set(deliveries::lease_until.eq(lease_until))
        .execute(c))?;
    let rows = dispatch!(conn, c => deliveries::table
        .inner_join(outbound_activities::table)
        .filter(deliveries::id.eq_any(&ids))
        .order(deliveries::next_attempt_at.asc())
        .select((
            deliveries::id,
            outbound_activities::ap_id,
            outbound_activities::payload,
            deliveries::inbox_url,
            deliveries::peer_host,
            deliveries::attempts,
            deliveries::created_at,
        ))
        .load::<(i64, String, String, String, String, i32, NaiveDateTime)>(c))?;
    rows.into_iter()
        .map(
            |(id, activity_ap_id, payload, inbox, peer_host, attempts, created)| {
                Ok(ClaimedDelivery {
                    id,
                    activity_ap_id,
                    payload,
                    inbox: stored_url(&inbox)?,
                    peer_host,
                    attempts,
                    queued_at: from_db_time(created),
                })
            },
        )
        .collect()
}

/// Records a successful delivery.
pub fn mark_delivered(conn: &mut DbConn<'_>, id: i64, status: u16) -> Result<(), StorageError> {
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::update(deliveries::table.find(id))
        .set((
            deliveries::state.eq(state::DELIVERED),
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::last_status.eq(Some(i32::from(status))),
            deliveries::last_error.eq(None::<String>),
            deliveries::lease_until.eq(None::<NaiveDateTime>),
            deliveries::finished_at.eq(Some(at)),
        ))
        .execute(c))?;
    Ok(())
}

/// Records a failed attempt to be retried at `next_attempt`.
pub fn mark_retry(
    conn: &mut DbConn<'_>,
    id: i64,
    next_attempt: DateTime<Utc>,
    status: Option<u16>,
    error: &str,
) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(deliveries::table.find(id))
        .set((
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::next_attempt_at.eq(to_db_time(next_attempt)),
            deliveries::last_status.eq(status.map(i32::from)),
            deliveries::last_error.eq(Some(error)),
            deliveries::lease_until.eq(None::<NaiveDateTime>),
        ))
        .execute(c))?;
    Ok(())
}

/// Gives a delivery up, keeping its last error as a dead letter.
pub fn mark_dead(
    conn: &mut DbConn<'_>,
    id: i64,
    status: Option<u16>,
    error: &str,
) -> Result<(), StorageError> {
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::update(deliveries::table.find(id))
        .set((
            deliveries::state.eq(state::DEAD),
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::last_status.eq(status.map(i32::from)),
            deliveries::last_error.eq(Some(error)),
            deliveries::lease_until.eq(None::<NaiveDateTime>),
            deliveries::finished_at.eq(Some(at)),
        ))
        .execute(c))?;
    Ok(())
}

/// How many deliveries are in each state.
pub fn counts(conn: &mut DbConn<'_>) -> Result<QueueCounts, StorageError> {
    let rows = dispatch!(conn, c => deliveries::table
        .group_by(deliveries::state)
        .select((deliveries::state, diesel::dsl::count_star()))
        .load::<(String, i64)>(c))?;
    let mut counts = QueueCounts::default();
    for (state, n) in rows {
        match state.as_str() {
            state::PENDING => counts.pending = n,
            state::DELIVERED => counts.delivered = n,
            state::DEAD => counts.dead = n,
            _ => {}
        }
    }
    Ok(counts)
}

/// When the next pending delivery falls due, if any is pending.
pub fn next_due(conn: &mut DbConn<'_>) -> Result<Option<DateTime<Utc>>, StorageError> {
    let at = dispatch!(conn, c => deliveries::table
        .filter(deliveries::state.eq(state::PENDING))
        .select(diesel::dsl::min(deliveries::next_attempt_at))
        .first::<Option<NaiveDateTime>>(c))?;
    Ok(at.map(from_db_time))
}

/// Pending deliveries queued for one inbox (what a peer has yet to receive).
pub fn pending_for_inbox(conn: &mut DbConn<'_>, inbox: &Url) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => deliveries::table
        .filter(deliveries::state.eq(state::PENDING))
        .filter(deliveries::inbox_url.eq(inbox.as_str()))
        .count()
        .get_result(c))?)
}

/// Hands leased rows back to the queue at once (a stopping worker that could not finish them).
pub fn release(conn: &mut DbConn<'_>, ids: &[i64]) -> Result<(), StorageError> {
    if ids.is_empty() {
        return Ok(());
    }
    dispatch!(conn, c => diesel::update(deliveries::table
        .filter(deliveries::id.eq_any(ids))
        .filter(deliveries::state.eq(state::PENDING)))
        .set(deliveries::lease_until.eq(None::<NaiveDateTime>))
        .execute(c))?;
    Ok(())
}
