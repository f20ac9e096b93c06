//! Durable delivery of what this city sends.
//!
//! [`enqueue`] stores an activity and one delivery row per target inbox inside the caller's
//! transaction; the [`worker`] signs and posts due rows, retrying with backoff. Nothing is sent
//! directly from a request handler, so a crash or restart loses nothing.

pub mod backoff;
pub mod sender;
pub mod signer;
pub mod worker;

use activitypub_federation::traits::Activity;
use serde::Serialize;
use url::Url;

use crate::{
    app::AppContext,
    federation::context::with_context,
    storage::{DbConn, StorageError, deliveries},
};

/// Queues `activity` for every inbox in `inboxes` that is not this instance's own; returns the
/// number of deliveries queued. Call [`wake`] after the transaction commits.
pub fn enqueue<A>(
    conn: &mut DbConn<'_>,
    ctx: &AppContext,
    activity: &A,
    inboxes: &[Url],
) -> Result<usize, StorageError>
where
    A: Activity + Serialize,
{
    let document = with_context(activity)
        .map_err(|e| StorageError::Corrupt(format!("activity {} does not serialize: {e}", activity.id())))?;
    let kind = document
        .get("type")
        .and_then(|t| t.as_str())
        .unwrap_or("Activity")
        .to_string();
    let own = ctx.settings.instance.public_url.origin();
    // Read in the same transaction: nothing is queued for a domain the policy refuses.
    let policy = crate::storage::policy::load(conn)?;
    let remote: Vec<Url> = inboxes
        .iter()
        .filter(|i| i.origin() != own)
        .filter(|i| match policy.check(i) {
            Ok(()) => true,
            Err(refusal) => {
                tracing::info!(inbox = %i, %refusal, "not queued");
                false
            }
        })
        .cloned()
        .collect();
    let payload = document.to_string();
    deliveries::enqueue(conn, activity.id(), &kind, &payload, &remote)
}

/// Tells this process's delivery worker that new rows are due.
pub fn wake(ctx: &AppContext) {
    ctx.delivery_signal.notify_one();
}
