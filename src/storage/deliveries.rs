//! The durable outbound queue: `outbound_activities` (what was sent) and `deliveries` (one row per
//! activity and target inbox, with its state).
//!
//! A delivery row is written in the same transaction as the change that caused it, so nothing
//! accepted is lost; workers claim due rows under a lease, so several processes sharing one
//! database never send the same row at the same time.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl, prelude::*};
use url::Url;

use super::{
    DbConn, StorageError, dispatch, from_db_time,
    schema::{deliveries, delivery_peers, gone_inboxes, outbound_activities},
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
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
    let owned: Vec<Url> = targets.iter().map(|u| (*u).clone()).collect();
    let gone = gone_among(conn, &owned)?;
    let rows: Vec<_> = targets
        .iter()
        .map(|inbox| {
            let gone_status = gone.iter().find(|(url, _)| url == inbox.as_str()).map(|g| g.1);
            (
                deliveries::activity_id.eq(activity_id),
                deliveries::inbox_url.eq(inbox.as_str()),
                deliveries::peer_host.eq(peer_host(inbox)),
                deliveries::state.eq(if gone_status.is_some() {
                    state::DEAD
                } else {
                    state::PENDING
                }),
                deliveries::attempts.eq(0),
                deliveries::next_attempt_at.eq(at),
                deliveries::created_at.eq(at),
                deliveries::last_error.eq(gone_status.map(|s| {
                    format!("not sent: the inbox answered HTTP {s} earlier and is considered gone")
                })),
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
    claim_due_within(conn, limit, lease, usize::MAX, &HashMap::new())
}

/// Like [`claim_due`], taking for each peer host at most `per_host` deliveries less those
/// `in_flight` to it already: a process claims only what it can start at once, so deliveries to
/// a host at its limit (a slow peer) stay in the queue, for this process later or for another,
/// instead of holding capacity that deliveries to other hosts could use.
pub fn claim_due_within(
    conn: &mut DbConn<'_>,
    limit: i64,
    lease: Duration,
    per_host: usize,
    in_flight: &HashMap<String, usize>,
) -> Result<Vec<ClaimedDelivery>, StorageError> {
    let room = |host: &str| per_host.saturating_sub(in_flight.get(host).copied().unwrap_or(0));
    let full: Vec<&str> = in_flight
        .iter()
        .filter(|(_, busy)| **busy >= per_host)
        .map(|(host, _)| host.as_str())
        .collect();
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
    // Several candidates per place, so that hosts with room fill the batch when the oldest
    // rows are for a host without.
    let candidates = limit.saturating_mul(4);
    let rows: Vec<(i64, String)> = match conn {
        // Rows another process has locked are skipped rather than waited for.
        DbConn::Postgres(c) => deliveries::table
            .filter(due)
            .filter(deliveries::peer_host.ne_all(&full))
            .order(deliveries::next_attempt_at.asc())
            .limit(candidates)
            .select((deliveries::id, deliveries::peer_host))
            .for_update()
            .skip_locked()
            .load(*c)?,
        // SQLite: the caller's immediate transaction already excludes every other writer.
        DbConn::Sqlite(c) => deliveries::table
            .filter(due)
            .filter(deliveries::peer_host.ne_all(&full))
            .order(deliveries::next_attempt_at.asc())
            .limit(candidates)
            .select((deliveries::id, deliveries::peer_host))
            .load(*c)?,
    };
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut ids = Vec::new();
    for (id, host) in rows {
        if ids.len() as i64 >= limit {
            break;
        }
        let allowed = room(&host);
        let count = taken.entry(host).or_default();
        if *count < allowed {
            *count += 1;
            ids.push(id);
        }
    }
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

/// How a peer host's deliveries are going.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct PeerState {
    pub peer_host: String,
    pub pending: i64,
    pub dead: i64,
    /// When the next pending delivery falls due.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_failure_at: Option<DateTime<Utc>>,
    pub consecutive_failures: i32,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    /// Inboxes of this host that answered 404 or 410: nothing is sent there for now.
    pub gone_inboxes: Vec<String>,
}

/// A delivery that was given up, with why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct DeadLetter {
    pub id: i64,
    pub activity_id: String,
    pub activity_kind: String,
    /// The id of what the activity was about (its `object`), so a person can be told which item.
    pub object_id: Option<String>,
    pub inbox: String,
    pub attempts: i32,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub queued_at: DateTime<Utc>,
    pub given_up_at: Option<DateTime<Utc>>,
}

/// The id of an activity's object: `object` itself when it is a link, else its `id`.
fn object_of(payload: &str) -> Option<String> {
    let activity: serde_json::Value = serde_json::from_str(payload).ok()?;
    let object = &activity["object"];
    object
        .as_str()
        .or_else(|| object["id"].as_str())
        .map(String::from)
}

/// Records the outcome of an attempt in the peer's health.
pub fn record_peer_outcome(
    conn: &mut DbConn<'_>,
    peer_host: &str,
    success: bool,
    status: Option<u16>,
    error: Option<&str>,
) -> Result<(), StorageError> {
    let at = to_db_time(now());
    let status = status.map(i32::from);
    dispatch!(conn, c => {
        diesel::insert_into(delivery_peers::table)
            .values(delivery_peers::peer_host.eq(peer_host))
            .on_conflict_do_nothing()
            .execute(c)?;
        let row = diesel::update(delivery_peers::table.find(peer_host));
        if success {
            row.set((
                delivery_peers::last_success_at.eq(Some(at)),
                delivery_peers::consecutive_failures.eq(0),
                delivery_peers::last_status.eq(status),
                delivery_peers::last_error.eq(None::<String>),
            ))
            .execute(c)
        } else {
            row.set((
                delivery_peers::last_failure_at.eq(Some(at)),
                delivery_peers::consecutive_failures.eq(delivery_peers::consecutive_failures + 1),
                delivery_peers::last_status.eq(status),
                delivery_peers::last_error.eq(error),
            ))
            .execute(c)
        }
    })?;
    Ok(())
}

/// Marks an inbox gone (it answered 404 or 410): its pending deliveries are given up, and
/// deliveries queued for it later are recorded as not sent.
pub fn mark_gone(conn: &mut DbConn<'_>, inbox: &Url, status: u16) -> Result<(), StorageError> {
    let at = to_db_time(now());
    let error = format!("not sent: the inbox answered HTTP {status} and is considered gone");
    dispatch!(conn, c => {
        diesel::insert_into(gone_inboxes::table)
            .values((
                gone_inboxes::inbox_url.eq(inbox.as_str()),
                gone_inboxes::peer_host.eq(peer_host(inbox)),
                gone_inboxes::status.eq(i32::from(status)),
                gone_inboxes::since.eq(at),
            ))
            .on_conflict_do_nothing()
            .execute(c)?;
        diesel::update(deliveries::table
            .filter(deliveries::inbox_url.eq(inbox.as_str()))
            .filter(deliveries::state.eq(state::PENDING)))
            .set((
                deliveries::state.eq(state::DEAD),
                deliveries::last_error.eq(&error),
                deliveries::lease_until.eq(None::<NaiveDateTime>),
                deliveries::finished_at.eq(Some(at)),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// Inboxes considered gone, among `inboxes`, with the status that made them so.
pub fn gone_among(conn: &mut DbConn<'_>, inboxes: &[Url]) -> Result<Vec<(String, i32)>, StorageError> {
    let urls: Vec<&str> = inboxes.iter().map(Url::as_str).collect();
    Ok(dispatch!(conn, c => gone_inboxes::table
        .filter(gone_inboxes::inbox_url.eq_any(&urls))
        .select((gone_inboxes::inbox_url, gone_inboxes::status))
        .load::<(String, i32)>(c))?)
}

/// Whether some inbox of the host is considered gone (a read, so the inbox can skip the write
/// [`revive_peer`] takes in the common case).
pub fn has_gone_inboxes(conn: &mut DbConn<'_>, peer_host: &str) -> Result<bool, StorageError> {
    Ok(dispatch!(conn, c => diesel::select(diesel::dsl::exists(
        gone_inboxes::table.filter(gone_inboxes::peer_host.eq(peer_host))
    ))
    .get_result::<bool>(c))?)
}

/// The peer showed signs of life: its inboxes are no longer considered gone.
pub fn revive_peer(conn: &mut DbConn<'_>, peer_host: &str) -> Result<bool, StorageError> {
    let revived = dispatch!(conn, c => diesel::delete(gone_inboxes::table.filter(gone_inboxes::peer_host.eq(peer_host))).execute(c))?;
    Ok(revived > 0)
}

/// Retries every undelivered delivery to a peer host now (dead letters too, with a fresh retry
/// horizon); returns how many.
pub fn retry_peer(conn: &mut DbConn<'_>, peer_host: &str) -> Result<usize, StorageError> {
    revive_peer(conn, peer_host)?;
    let at = to_db_time(now());
    Ok(dispatch!(conn, c => diesel::update(deliveries::table
        .filter(deliveries::peer_host.eq(peer_host))
        .filter(deliveries::state.ne(state::DELIVERED)))
        .set((
            deliveries::state.eq(state::PENDING),
            deliveries::next_attempt_at.eq(at),
            deliveries::created_at.eq(at),
            deliveries::lease_until.eq(None::<NaiveDateTime>),
            deliveries::finished_at.eq(None::<NaiveDateTime>),
        ))
        .execute(c))?)
}

/// Retries one delivery now (a dead letter too, with a fresh retry horizon); false when there is
/// no such undelivered delivery.
pub fn retry_delivery(conn: &mut DbConn<'_>, id: i64) -> Result<bool, StorageError> {
    let host = dispatch!(conn, c => deliveries::table
        .find(id)
        .filter(deliveries::state.ne(state::DELIVERED))
        .select(deliveries::peer_host)
        .first::<String>(c)
        .optional())?;
    let Some(host) = host else { return Ok(false) };
    revive_peer(conn, &host)?;
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::update(deliveries::table.find(id))
        .set((
            deliveries::state.eq(state::PENDING),
            deliveries::next_attempt_at.eq(at),
            deliveries::created_at.eq(at),
            deliveries::lease_until.eq(None::<NaiveDateTime>),
            deliveries::finished_at.eq(None::<NaiveDateTime>),
        ))
        .execute(c))?;
    Ok(true)
}

/// Delivery health of every peer host this instance has sent to.
pub fn peer_states(conn: &mut DbConn<'_>) -> Result<Vec<PeerState>, StorageError> {
    type Health = (
        String,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        i32,
        Option<i32>,
        Option<String>,
    );
    let (counts, next, health, gone) = dispatch!(conn, c => {
        let counts = deliveries::table
            .filter(deliveries::state.ne(state::DELIVERED))
            .group_by((deliveries::peer_host, deliveries::state))
            .select((deliveries::peer_host, deliveries::state, diesel::dsl::count_star()))
            .load::<(String, String, i64)>(c)?;
        let next = deliveries::table
            .filter(deliveries::state.eq(state::PENDING))
            .group_by(deliveries::peer_host)
            .select((deliveries::peer_host, diesel::dsl::min(deliveries::next_attempt_at)))
            .load::<(String, Option<NaiveDateTime>)>(c)?;
        let health = delivery_peers::table
            .select((
                delivery_peers::peer_host,
                delivery_peers::last_success_at,
                delivery_peers::last_failure_at,
                delivery_peers::consecutive_failures,
                delivery_peers::last_status,
                delivery_peers::last_error,
            ))
            .load::<Health>(c)?;
        let gone = gone_inboxes::table
            .select((gone_inboxes::peer_host, gone_inboxes::inbox_url))
            .load::<(String, String)>(c)?;
        Ok::<_, diesel::result::Error>((counts, next, health, gone))
    })?;
    let mut hosts: Vec<String> = counts
        .iter()
        .map(|(h, _, _)| h.clone())
        .chain(health.iter().map(|h| h.0.clone()))
        .collect();
    hosts.sort();
    hosts.dedup();
    Ok(hosts
        .into_iter()
        .map(|host| {
            let count = |s: &str| {
                counts
                    .iter()
                    .find(|(h, st, _)| *h == host && st == s)
                    .map_or(0, |c| c.2)
            };
            let h = health.iter().find(|h| h.0 == host);
            PeerState {
                pending: count(state::PENDING),
                dead: count(state::DEAD),
                next_attempt_at: next
                    .iter()
                    .find(|(h, _)| *h == host)
                    .and_then(|n| n.1)
                    .map(from_db_time),
                last_success_at: h.and_then(|h| h.1).map(from_db_time),
                last_failure_at: h.and_then(|h| h.2).map(from_db_time),
                consecutive_failures: h.map_or(0, |h| h.3),
                last_status: h.and_then(|h| h.4),
                last_error: h.and_then(|h| h.5.clone()),
                gone_inboxes: gone
                    .iter()
                    .filter(|(h, _)| *h == host)
                    .map(|(_, i)| i.clone())
                    .collect(),
                peer_host: host,
            }
        })
        .collect())
}

/// The most recent dead letters.
pub fn dead_letters(conn: &mut DbConn<'_>, limit: i64) -> Result<Vec<DeadLetter>, StorageError> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        i32,
        Option<i32>,
        Option<String>,
        NaiveDateTime,
        Option<NaiveDateTime>,
    );
    let rows = dispatch!(conn, c => deliveries::table
        .inner_join(outbound_activities::table)
        .filter(deliveries::state.eq(state::DEAD))
        .order(deliveries::id.desc())
        .limit(limit)
        .select((
            deliveries::id,
            outbound_activities::ap_id,
            outbound_activities::kind,
            outbound_activities::payload,
            deliveries::inbox_url,
            deliveries::attempts,
            deliveries::last_status,
            deliveries::last_error,
            deliveries::created_at,
            deliveries::finished_at,
        ))
        .load::<Row>(c))?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                activity_id,
                activity_kind,
                payload,
                inbox,
                attempts,
                last_status,
                last_error,
                queued,
                finished,
            )| {
                DeadLetter {
                    id,
                    activity_id,
                    activity_kind,
                    object_id: object_of(&payload),
                    inbox,
                    attempts,
                    last_status,
                    last_error,
                    queued_at: from_db_time(queued),
                    given_up_at: finished.map(from_db_time),
                }
            },
        )
        .collect())
}
