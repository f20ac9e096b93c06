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
    objects::item::{Article, store_published_by},
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
        cities::{self, CityId},
        items, peer_following, shares,
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
    // Joining a city's knowledge also learns whom it follows: the directory's next step into
    // the network. Without an answer, what was learned before stays.
    let learned = learn_following(data, city_id, &city)
        .instrument(span.clone())
        .await;
    if let Err(e) = learned {
        tracing::warn!(city = %city.ap_id, error = %e, "could not read whom the city follows");
    }
    import_pages(data, job, city).instrument(span).await
}

/// Most entries read from a city's `following` collection.
const MOST_FOLLOWING: usize = 500;

/// Reads the city's `following` collection (listed, or its first page) and keeps the actor ids
/// on it that are http(s) URLs.
async fn learn_following(data: &AppData, city_id: CityId, city: &City) -> Result<(), FederationError> {
    let Some(following) = &city.following else {
        return Ok(());
    };
    verify::same_origin("following collection", following, &city.ap_id)?;
    let collection: Value = fetch_object_http(following, &data.reset_request_count())
        .await?
        .object;
    let mut entries = collection
        .get("orderedItems")
        .or_else(|| collection.get("items"))
        .cloned();
    if entries.is_none()
        && let Some(first) = collection
            .get("first")
            .and_then(Value::as_str)
            .and_then(|u| Url::parse(u).ok())
    {
        verify::same_origin("following page", &first, &city.ap_id)?;
        let page: Value = fetch_object_http(&first, &data.reset_request_count())
            .await?
            .object;
        entries = page.get("orderedItems").or_else(|| page.get("items")).cloned();
    }
    let mut actors: Vec<String> = entries
        .as_ref()
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.as_str().or_else(|| entry.get("id").and_then(Value::as_str)))
        .filter_map(|id| Url::parse(id).ok())
        .filter(|id| matches!(id.scheme(), "https" | "http"))
        .map(String::from)
        .take(MOST_FOLLOWING)
        .collect();
    actors.sort();
    actors.dedup();
    tracing::info!(count = actors.len(), "learned whom the city follows");
    data.db
        .write(move |conn| peer_following::replace(conn, city_id, &actors))
        .await?;
    Ok(())
}

async fn import_pages(data: &AppData, job: Backfill, city: City) -> Result<(), FederationError> {
    let max = data.settings.federation.backfill_max_items;
    let mut seen_total = job.items_seen.max(0) as u64;
    let first = match job.next_page {
        Some(page) => Some(page),
        None => first_page(data, &city.ap_id, city.outbox.as_ref()).await?,
    };
    tracing::info!(
        resume = first.is_some() && job.pages > 0,
        "importing the history of a followed city"
    );
    let mut current = match first {
        Some(url) => Some(fetch_page(data, &city.ap_id, url).await?),
        None => None,
    };
    while let Some((page_url, page)) = current {
        if seen_total >= max {
            tracing::info!(max, "stopped at the configured maximum");
            break;
        }
        let room = (max - seen_total) as usize;
        let entries: Vec<Value> = page.ordered_items.into_iter().take(room).collect();
        let seen = entries.len();
        let next = page.next.filter(|_| seen_total + (seen as u64) < max);
        // The peer prepares the next page while this one is stored: the import runs at the pace
        // of the slower of the two, not of their sum.
        let (imported, following) = tokio::join!(import_page(data, &city, entries), async {
            match next.clone() {
                Some(url) => Some(fetch_page(data, &city.ap_id, url).await),
                None => None,
            }
        });
        let imported = imported?;
        seen_total += seen as u64;
        let (id, next_page) = (job.id, next);
        data.db
            .write(move |conn| {
                backfills::progress(conn, id, next_page.as_ref(), seen as i32, imported, LEASE)
            })
            .await?;
        tracing::info!(page = %page_url, seen, imported, total = seen_total, "imported an outbox page");
        current = following.transpose()?;
    }
    Ok(())
}

/// Fetches one page of the outbox of `actor`, which must be on its origin.
pub(super) async fn fetch_page(
    data: &AppData,
    actor: &Url,
    url: Url,
) -> Result<(Url, OrderedCollectionPage<Value>), FederationError> {
    verify::same_origin("outbox page", &url, actor)?;
    let page = fetch_object_http(&url, &data.reset_request_count()).await?.object;
    Ok((url, page))
}

/// Imports the entries of one page; the number of items stored or changed.
///
/// The city's own items come embedded and are stored together in one transaction; items it
/// shared from others are fetched from their origin, several at a time, meanwhile.
async fn import_page(data: &AppData, city: &City, entries: Vec<Value>) -> Result<i32, FederationError> {
    let mut own = Vec::new();
    let mut others = Vec::new();
    for entry in entries {
        match own_item(city, &entry) {
            Ok(Some(item)) => own.push(item),
            Ok(None) => others.push(entry),
            // One unreadable entry must not stop the import of the rest.
            Err(e) => tracing::warn!(error = %e, "skipped an outbox entry"),
        }
    }
    let concurrency = data.settings.federation.backfill_concurrency;
    let (stored, fetched) = tokio::join!(
        async {
            if own.is_empty() {
                Ok(Vec::new())
            } else {
                store_published_by(data, city, own).await
            }
        },
        futures::stream::iter(others)
            .map(|entry| import_entry(data, city, entry))
            .buffer_unordered(concurrency)
            .collect::<Vec<_>>()
    );
    let mut imported = 0;
    // A database failure undoes the page's batch: the job stops and resumes at this page.
    for outcome in stored? {
        match outcome {
            Ok(outcome) if outcome.changed() => imported += 1,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "skipped an outbox entry"),
        }
    }
    for result in fetched {
        match result {
            Ok(true) => imported += 1,
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "skipped an outbox entry"),
        }
    }
    Ok(imported)
}

/// The item of an entry that is a `Create` of the city's own item with the object embedded;
/// `None` for any other entry (handled by [`import_entry`]).
fn own_item(city: &City, entry: &Value) -> Result<Option<KnowledgeItem>, FederationError> {
    let kind = entry.get("type").and_then(Value::as_str).unwrap_or_default();
    let Some(object) = entry.get("object").filter(|o| o.is_object()) else {
        return Ok(None);
    };
    if kind != "Create" {
        return Ok(None);
    }
    let article: Article = serde_json::from_value(object.clone())?;
    verify::same_origin("item", article.id.inner(), &city.ap_id)?;
    if article.attributed_to.inner() != &city.ap_id {
        return Err(FederationError::Refused(format!(
            "{} lists {} as its own, but it is attributed to {}",
            city.ap_id, article.id, article.attributed_to
        )));
    }
    Ok(Some(article.to_item()?))
}

/// The first page (embedded or linked) of `outbox`, the outbox of `actor`.
pub(super) async fn first_page(
    data: &AppData,
    actor: &Url,
    outbox: Option<&Url>,
) -> Result<Option<Url>, FederationError> {
    let Some(outbox) = outbox else {
        return Ok(None);
    };
    verify::same_origin("outbox", outbox, actor)?;
    let collection: OrderedCollection<Value> = fetch_object_http(outbox, &data.reset_request_count())
        .await?
        .object;
    Ok(collection.first)
}

/// Imports an outbox entry that refers to an item by its id (a `Create` without the object, or an
/// `Announce` of another city's item); true when an item was stored or changed.
async fn import_entry(data: &AppData, city: &City, entry: Value) -> Result<bool, FederationError> {
    let data = data.reset_request_count();
    let kind = entry.get("type").and_then(Value::as_str).unwrap_or_default();
    let object = entry.get("object").cloned().unwrap_or(Value::Null);
    match kind {
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
            // A community's outbox announces what was posted to it: not a share by anyone.
            if fetched && kind == "Announce" && !city.is_community() {
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
