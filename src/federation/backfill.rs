//! Backfill: importing a followed city's history by paging through its outbox.
//!
//! Jobs live in the database (`storage::backfills`) and record the page to fetch next, so an
//! import interrupted by a restart resumes where it stopped. Items the city published come
//! embedded in its outbox and are checked to be on its origin; items it shared from third cities
//! are fetched from their origin, several at a time.

use std::time::Duration;

use activitypub_federation::{
    config::{Data, FederationConfig},
    error::Error as ProtocolError,
    fetch::{fetch_object_http, object_id::ObjectId},
};
use futures::StreamExt;
use serde_json::Value;
use tokio::{sync::watch, task::JoinHandle};
use tracing::Instrument;
use url::Url;

use super::{
    FederationError,
    collections::{OrderedCollection, OrderedCollectionPage},
    objects::item::{Article, store},
    verify,
};
use crate::{
    app::{AppContext, AppData},
    domain::{
        city::City,
        item::{KnowledgeItem, now},
    },
    storage::{
        backfills::{self, Backfill},
        cities, items, shares,
    },
};

/// How long a claimed job stays with the process that claimed it without progress.
const LEASE: chrono::Duration = chrono::Duration::minutes(10);
/// How often the worker looks for jobs queued by other processes.
const POLL: Duration = Duration::from_secs(2);

/// A running backfill worker.
pub struct BackfillWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl BackfillWorker {
    pub fn spawn(federation: FederationConfig<AppContext>) -> BackfillWorker {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(federation, stopped));
        BackfillWorker { stop, task }
    }

    /// Stops after the page in progress; the job resumes from its next page later.
    pub async fn shutdown(self, grace: Duration) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(grace, self.task).await.is_err() {
            tracing::warn!("backfill worker did not stop in time");
        }
    }
}

async fn run(federation: FederationConfig<AppContext>, mut stopped: watch::Receiver<bool>) {
    let data = federation.to_request_data();
    loop {
        if *stopped.borrow() {
            return;
        }
        let claimed = data.db.write(|conn| backfills::claim(conn, LEASE)).await;
        match claimed {
            Ok(Some(job)) => {
                let id = job.id;
                let outcome = tokio::select! {
                    outcome = run_job(&data, job) => Some(outcome),
                    _ = stopped.changed() => None,
                };
                let recorded = match outcome {
                    Some(Ok(())) => data.db.write(move |conn| backfills::finish(conn, id, None)).await,
                    Some(Err(e)) => {
                        tracing::warn!(error = %e, "backfill failed");
                        let error = e.to_string();
                        data.db
                            .write(move |conn| backfills::finish(conn, id, Some(&error)))
                            .await
                    }
                    None => data.db.write(move |conn| backfills::release(conn, id)).await,
                };
                if let Err(e) = recorded {
                    tracing::error!(error = %e, "could not record the end of a backfill");
                }
            }
            Ok(None) => {
                tokio::select! {
                    _ = data.backfill_signal.notified() => {}
                    _ = tokio::time::sleep(POLL) => {}
                    _ = stopped.changed() => {}
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "could not claim a backfill");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}

/// Imports pages until the outbox ends or the configured maximum is reached.
async fn run_job(data: &AppData, job: Backfill) -> Result<(), FederationError> {
    let city_id = job.city_id;
    let city = data.db.read(move |conn| cities::get(conn, city_id)).await?;
    let span = tracing::info_span!("backfill", city = %city.ap_id);
    import_pages(data, job, city).instrument(span).await
}

async fn import_pages(data: &AppData, job: Backfill, city: City) -> Result<(), FederationError> {
    let max = data.settings.federation.backfill_max_items;
    let mut seen_total = job.items_seen.max(0) as u64;
    let mut next = match job.next_page {
        Some(page) => Some(page),
        None => first_page(data, &city).await?,
    };
    tracing::info!(
        resume = next.is_some() && job.pages > 0,
        "importing the history of a followed city"
    );
    while let Some(page_url) = next {
        if seen_total >= max {
            tracing::info!(max, "stopped at the configured maximum");
            break;
        }
        verify::same_origin("outbox page", &page_url, &city.ap_id)?;
        let page: OrderedCollectionPage<Value> = fetch_object_http(&page_url, &data.reset_request_count())
            .await?
            .object;
        let room = (max - seen_total) as usize;
        let entries: Vec<Value> = page.ordered_items.into_iter().take(room).collect();
        let seen = entries.len();
        let concurrency = data.settings.federation.backfill_concurrency;
        let results: Vec<Result<bool, FederationError>> = futures::stream::iter(entries)
            .map(|entry| import_entry(data, &city, entry))
            .buffer_unordered(concurrency)
            .collect()
            .await;
        let mut imported = 0;
        for result in results {
            match result {
                Ok(true) => imported += 1,
                Ok(false) => {}
                // One unreadable entry must not stop the import of the rest.
                Err(e) => tracing::warn!(error = %e, "skipped an outbox entry"),
            }
        }
        seen_total += seen as u64;
        next = page.next;
        let (id, next_page) = (job.id, next.clone());
        data.db
            .write(move |conn| {
                backfills::progress(conn, id, next_page.as_ref(), seen as i32, imported, LEASE)
            })
            .await?;
        tracing::info!(page = %page_url, seen, imported, total = seen_total, "imported an outbox page");
    }
    Ok(())
}

/// The outbox's first page (embedded or linked).
async fn first_page(data: &AppData, city: &City) -> Result<Option<Url>, FederationError> {
    let Some(outbox) = &city.outbox else {
        return Ok(None);
    };
    verify::same_origin("outbox", outbox, &city.ap_id)?;
    let collection: OrderedCollection<Value> = fetch_object_http(outbox, &data.reset_request_count())
        .await?
        .object;
    Ok(collection.first)
}

/// Imports one outbox entry; true when an item was stored or changed.
async fn import_entry(data: &AppData, city: &City, entry: Value) -> Result<bool, FederationError> {
    let data = data.reset_request_count();
    let kind = entry.get("type").and_then(Value::as_str).unwrap_or_default();
    let object = entry.get("object").cloned().unwrap_or(Value::Null);
    match kind {
        "Create" if object.is_object() => {
            let article: Article = serde_json::from_value(object)?;
            verify::same_origin("item", article.id.inner(), &city.ap_id)?;
            if article.attributed_to.inner() != &city.ap_id {
                return Err(FederationError::Refused(format!(
                    "{} lists {} as its own, but it is attributed to {}",
                    city.ap_id, article.id, article.attributed_to
                )));
            }
            let outcome = store(&data, article.to_item()?, None).await?;
            Ok(outcome.changed())
        }
        "Create" | "Announce" => {
            let Some(id) = object_id(&object) else {
                return Ok(false);
            };
            if kind == "Create" {
                verify::same_origin("item", &id, &city.ap_id)?;
            }
            let fetched = if id.origin() == data.city.ap_id.origin() {
                true
            } else {
                match ObjectId::<KnowledgeItem>::from(id.clone())
                    .dereference(&data)
                    .await
                {
                    Ok(_) => true,
                    Err(FederationError::Protocol(ProtocolError::ObjectDeleted(_))) => false,
                    Err(e) => return Err(e),
                }
            };
            if fetched && kind == "Announce" {
                record_share(&data, city, &id, &entry).await?;
            }
            Ok(fetched)
        }
        _ => Ok(false),
    }
}

fn object_id(object: &Value) -> Option<Url> {
    match object {
        Value::String(id) => Url::parse(id).ok(),
        Value::Object(map) => map
            .get("id")
            .and_then(Value::as_str)
            .and_then(|id| Url::parse(id).ok()),
        _ => None,
    }
}

async fn record_share(
    data: &Data<AppContext>,
    city: &City,
    item: &Url,
    entry: &Value,
) -> Result<(), FederationError> {
    let activity = entry
        .get("id")
        .and_then(Value::as_str)
        .and_then(|id| Url::parse(id).ok())
        .filter(|id| id.origin() == city.ap_id.origin());
    let Some(activity) = activity else {
        return Ok(());
    };
    let at = entry
        .get("published")
        .and_then(Value::as_str)
        .and_then(|p| chrono::DateTime::parse_from_rfc3339(p).ok())
        .map(|p| p.with_timezone(&chrono::Utc))
        .unwrap_or_else(now);
    let (item, sharer) = (item.clone(), city.ap_id.clone());
    data.db
        .write(move |conn| -> Result<(), FederationError> {
            let (Some(stored), Some((sharer_id, _))) = (
                items::find_by_ap_id(conn, &item)?,
                cities::find_by_ap_id(conn, &sharer)?,
            ) else {
                return Ok(());
            };
            Ok(shares::record(conn, stored.id, sharer_id, &activity, at)?)
        })
        .await
}
