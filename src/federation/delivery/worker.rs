//! The background task that delivers due rows of the queue.
//!
//! Bounded overall and per peer host, and claims only what it can start at once, so a slow peer
//! holds its own places and no others; wakes when this process queues something and polls for
//! rows queued by other processes (a CLI command, a second server on the same database).

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::Duration,
};

use activitypub_federation::config::FederationConfig;
use bytes::Bytes;
use tokio::{
    sync::{Semaphore, watch},
    task::{JoinHandle, JoinSet},
};
use tracing::{Instrument, debug, error, info, warn};

use super::{
    backoff::{NextStep, next_step},
    sender::{Outcome, post_signed_as, signer_for},
};
use crate::{
    app::{AppContext, AppData},
    domain::item::now,
    storage::{
        StorageError,
        deliveries::{self, ClaimedDelivery},
    },
};

/// How long a claimed row stays reserved for the process that claimed it. A process that dies
/// mid-delivery leaves its rows to be picked up again after this.
const LEASE: chrono::Duration = chrono::Duration::minutes(10);

/// A running delivery worker.
pub struct DeliveryWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl DeliveryWorker {
    /// Starts delivering in the background.
    pub fn spawn(federation: FederationConfig<AppContext>) -> DeliveryWorker {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(federation, stopped));
        DeliveryWorker { stop, task }
    }

    /// Stops claiming new rows, lets deliveries in flight finish within `grace`, and hands any
    /// still unfinished back to the queue.
    pub async fn shutdown(self, grace: Duration) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(grace + Duration::from_secs(5), self.task)
            .await
            .is_err()
        {
            warn!("delivery worker did not stop in time");
        }
    }
}

async fn run(federation: FederationConfig<AppContext>, mut stopped: watch::Receiver<bool>) {
    let data = federation.to_request_data();
    let ctx = data.app_data().clone();
    let settings = &ctx.settings.federation;
    let poll = Duration::from_millis(settings.delivery_poll_interval_ms);
    let grace = Duration::from_secs(settings.request_timeout_secs + 2);
    let global = Arc::new(Semaphore::new(settings.delivery_concurrency));
    let per_host = settings.delivery_concurrency_per_host;
    let mut hosts: HashMap<String, Arc<Semaphore>> = HashMap::new();
    let in_flight: Arc<Mutex<HashSet<i64>>> = Arc::default();
    let mut tasks = JoinSet::new();

    loop {
        if *stopped.borrow() {
            break;
        }
        while tasks.try_join_next().is_some() {}
        let free = global.available_permits();
        let busy: HashMap<String, usize> = hosts
            .iter()
            .map(|(host, permits)| (host.clone(), per_host - permits.available_permits()))
            .filter(|(_, busy)| *busy > 0)
            .collect();
        let batch = if free == 0 {
            Vec::new()
        } else {
            match claim(&ctx, free as i64, per_host, busy).await {
                Ok(batch) => batch,
                Err(e) => {
                    error!(error = %e, "could not claim deliveries");
                    Vec::new()
                }
            }
        };
        if batch.is_empty() {
            tokio::select! {
                _ = ctx.delivery_signal.notified() => {}
                _ = tokio::time::sleep(poll) => {}
                _ = stopped.changed() => {}
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            }
            continue;
        }
        for delivery in batch {
            // The claim took no more than the free places, overall and per host, and only this
            // loop takes places: both permits are there at once.
            let permit = global
                .clone()
                .acquire_owned()
                .await
                .expect("semaphore is never closed");
            let host = hosts
                .entry(delivery.peer_host.clone())
                .or_insert_with(|| Arc::new(Semaphore::new(per_host)))
                .clone()
                .acquire_owned()
                .await
                .expect("semaphore is never closed");
            let data = data.reset_request_count();
            let in_flight = in_flight.clone();
            in_flight.lock().expect("lock").insert(delivery.id);
            tasks.spawn(async move {
                let _permits = (permit, host);
                let id = delivery.id;
                deliver(&data, delivery).await;
                in_flight.lock().expect("lock").remove(&id);
            });
        }
        // Hosts with nothing in flight need no semaphore kept.
        hosts.retain(|_, permits| permits.available_permits() < per_host);
    }

    if tokio::time::timeout(grace, async { while tasks.join_next().await.is_some() {} })
        .await
        .is_err()
    {
        tasks.abort_all();
        let unfinished: Vec<i64> = in_flight.lock().expect("lock").drain().collect();
        info!(
            count = unfinished.len(),
            "handing unfinished deliveries back to the queue"
        );
        if let Err(e) = ctx
            .db
            .write(move |conn| deliveries::release(conn, &unfinished))
            .await
        {
            error!(error = %e, "could not release unfinished deliveries; they resume after their lease");
        }
    }
}

async fn claim(
    ctx: &AppContext,
    limit: i64,
    per_host: usize,
    busy: HashMap<String, usize>,
) -> Result<Vec<ClaimedDelivery>, StorageError> {
    ctx.db
        .write(move |conn| deliveries::claim_due_within(conn, limit, LEASE, per_host, &busy))
        .await
}

/// Makes one attempt and records its outcome.
async fn deliver(data: &AppData, delivery: ClaimedDelivery) {
    let span = tracing::info_span!(
        "delivery",
        activity = %delivery.activity_ap_id,
        peer = %delivery.peer_host,
        attempt = delivery.attempts + 1
    );
    async move {
        // The policy may have changed since the delivery was queued. A policy that cannot be
        // read sends nothing: the delivery waits for its next turn.
        let outcome = match data.policy.check_fresh(&delivery.inbox).await {
            Ok(Ok(())) => match signer_for(data, &delivery.payload).await {
                Ok(signer) => {
                    post_signed_as(
                        data,
                        &signer,
                        &delivery.inbox,
                        Bytes::from(delivery.payload.clone()),
                    )
                    .await
                }
                Err(e) => Outcome::Retry {
                    status: None,
                    error: format!("could not sign the request: {e}"),
                    retry_after: None,
                },
            },
            Ok(Err(refusal)) => Outcome::NotSent {
                reason: format!("not sent: {refusal}"),
            },
            Err(e) => Outcome::Retry {
                status: None,
                error: format!("not sent: the federation policy could not be read: {e}"),
                retry_after: None,
            },
        };
        let settings = data.settings.federation.clone();
        let id = delivery.id;
        let host = delivery.peer_host.clone();
        let inbox = delivery.inbox.clone();
        let result = data
            .db
            .write(move |conn| -> Result<(), StorageError> {
                match outcome {
                    Outcome::Delivered { status } => {
                        debug!(status, "delivered");
                        deliveries::mark_delivered(conn, id, status)?;
                        deliveries::record_peer_outcome(conn, &host, true, Some(status), None)
                    }
                    Outcome::NotSent { reason } => {
                        warn!(%reason, "not sent");
                        deliveries::mark_dead(conn, id, None, &reason)
                    }
                    Outcome::Refused { status, error } => {
                        warn!(status, %error, "peer refused the delivery; giving up");
                        deliveries::mark_dead(conn, id, Some(status), &error)?;
                        if status == 404 || status == 410 {
                            // The inbox itself is gone: nothing more goes there until the peer
                            // shows signs of life.
                            deliveries::mark_gone(conn, &inbox, status)?;
                        }
                        deliveries::record_peer_outcome(conn, &host, false, Some(status), Some(&error))
                    }
                    Outcome::Retry {
                        status,
                        error,
                        retry_after,
                    } => {
                        match next_step(
                            &settings,
                            delivery.attempts,
                            delivery.queued_at,
                            now(),
                            retry_after,
                        ) {
                            NextStep::RetryAt(at) => {
                                info!(?status, %error, retry_at = %at, "delivery failed; will retry");
                                deliveries::mark_retry(conn, id, at, status, &error)?;
                            }
                            NextStep::GiveUp => {
                                warn!(?status, %error, "delivery failed past the retry horizon; giving up");
                                let error =
                                    format!("gave up after {} attempts: {error}", delivery.attempts + 1);
                                deliveries::mark_dead(conn, id, status, &error)?;
                            }
                        }
                        deliveries::record_peer_outcome(conn, &host, false, status, Some(&error))
                    }
                }
            })
            .await;
        if let Err(e) = result {
            error!(error = %e, "could not record the delivery outcome; it will be retried after its lease");
        }
    }
    .instrument(span)
    .await
}
