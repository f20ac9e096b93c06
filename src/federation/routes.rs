//! HTTP endpoints of the ActivityPub side: the actor, the inboxes, collections and objects.

use activitypub_federation::{
    FEDERATION_CONTENT_TYPE,
    config::Data,
    kinds::object::TombstoneType,
    protocol::{helpers::deserialize_one_or_many, tombstone::Tombstone},
};
use actix_web::{
    HttpRequest, HttpResponse,
    http::header::{HeaderValue, VARY},
    web,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{
    actors::city::Organization,
    audience,
    collections::{followers, outbox},
    context::{CONTEXT_PATH, praxis_context_document, with_context},
    inbox,
    objects::reply::Note,
    urls::paths,
};
use crate::{
    app::AppContext,
    domain::audience::Audience,
    http::{HttpError, negotiate::Representation},
    storage::{StorageError, cities, deliveries, items, replies},
};

/// Registers the ActivityPub routes. The city's actor and its items answer only requests for
/// ActivityPub; the web and API layers answer the others at the same URLs.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(Representation::ActivityPub.resource(paths::CITY).to(city))
        .service(Representation::ActivityPub.resource(paths::ITEM).to(item))
        .route(paths::CITY_INBOX, web::post().to(inbox::inbox))
        .route(paths::SHARED_INBOX, web::post().to(inbox::inbox))
        .route(paths::OUTBOX, web::get().to(outbox_route))
        .route(paths::FOLLOWERS, web::get().to(followers_route))
        .route(paths::FOLLOWING, web::get().to(following_route))
        .route("/replies/{id}", web::get().to(reply))
        .route(CONTEXT_PATH, web::get().to(praxis_context))
        .route("/activities/{id}", web::get().to(activity));
}

/// The city's actor.
async fn city(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let policy = data.policy.current().await?;
    let profile = data.db.read(cities::local_profile).await?;
    activity_json(&Organization::of_local(
        &data.city,
        &data.settings,
        policy.hold_follows,
        &profile,
    ))
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<String>,
    before: Option<i64>,
}

async fn outbox_route(
    req: HttpRequest,
    query: web::Query<PageQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    if query.page.is_none() && query.before.is_none() {
        return activity_json(&outbox::collection(&data).await?);
    }
    // A signed fetch also lists what the signing city may read; anyone else sees public items.
    let reader = audience::signed_fetcher(&req, &data).await.map(|city| city.ap_id);
    let mut response = activity_json(&outbox::page(&data, reader, query.before).await?)?;
    response
        .headers_mut()
        .append(VARY, HeaderValue::from_static("Signature"));
    Ok(response)
}

async fn followers_route(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    activity_json(&followers::followers(&data).await?)
}

async fn following_route(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    activity_json(&followers::following(&data).await?)
}

/// A local item as an `Article`, or the `Tombstone` (410) of a deleted one. An item for a
/// narrower audience than the public exists only for a fetch signed by a city in its audience;
/// for anyone else it answers the `404` of an item that does not exist, deleted or not.
async fn item(req: HttpRequest, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let id = data.settings.url_for(req.path());
    let lookup = id.clone();
    let missing = || HttpError::not_found(format!("there is no item {id}"));
    let stored = data
        .db
        .read(move |conn| items::find_by_ap_id(conn, &lookup))
        .await?
        .filter(|s| s.origin_city_id == data.city_id)
        .ok_or_else(missing)?;
    let audience = &stored.item.content.audience;
    if !audience.is_public() && !signed_by_reader(&req, &data, audience).await? {
        return Err(missing());
    }
    if stored.deleted_at.is_some() {
        let mut response = activity_json(&Tombstone::new(id))?;
        *response.status_mut() = actix_web::http::StatusCode::GONE;
        return Ok(response);
    }
    if let Some(new_id) = stored.moved_to {
        let mut response = activity_json(&MovedItem::new(id, new_id))?;
        *response.status_mut() = actix_web::http::StatusCode::GONE;
        return Ok(response);
    }
    let article = super::objects::item::Article::from_item(&stored.item, data.city.followers.clone());
    activity_json(&article)
}

/// What the old id of an item answers once its city moved and brought it along: gone from here,
/// with `movedTo` naming its id at the new address (the term an actor's move uses).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MovedItem {
    #[serde(rename = "type")]
    kind: TombstoneType,
    id: Url,
    former_type: &'static str,
    moved_to: Url,
}

impl MovedItem {
    fn new(id: Url, moved_to: Url) -> MovedItem {
        MovedItem {
            kind: TombstoneType::Tombstone,
            id,
            former_type: "Article",
            moved_to,
        }
    }
}

/// Whether the request is a fetch signed by a city in `audience`.
async fn signed_by_reader(
    req: &HttpRequest,
    data: &Data<AppContext>,
    audience: &Audience,
) -> Result<bool, HttpError> {
    let Some(reader) = audience::signed_fetcher(req, data).await else {
        return Ok(false);
    };
    let (local, lookup, reader_id) = (data.city_id, audience.clone(), reader.ap_id.clone());
    let known = data
        .db
        .read(move |conn| audience::may_read(conn, local, &lookup, &reader_id))
        .await?;
    match (known, audience) {
        (Some(may), _) => Ok(may),
        // A community hosted elsewhere: its host knows the members.
        (None, Audience::Community(community)) => {
            match super::membership::is_member(data, community, &reader.ap_id).await {
                Ok(member) => Ok(member),
                Err(e) => {
                    tracing::info!(%community, error = %e, "could not learn a community's members");
                    Ok(false)
                }
            }
        }
        (None, _) => Ok(false),
    }
}

/// A reply written here, as a `Note`, addressed as it was sent.
async fn reply(req: HttpRequest, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let id = data.settings.url_for(req.path());
    let lookup = id.clone();
    let local = data.city_id;
    let stored = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let Some(reply) = replies::find_by_ap_id(conn, &lookup)? else {
                return Ok(None);
            };
            let recipients = replies::addressees(conn, local, &reply.reply.in_reply_to)?
                .map(|(_, cities)| cities)
                .unwrap_or_default();
            Ok(Some((reply, recipients)))
        })
        .await?;
    match stored {
        Some((reply, recipients)) if reply.reply.author == data.city.ap_id => {
            activity_json(&Note::from_reply(&reply.reply, &recipients))
        }
        _ => Err(HttpError::not_found(format!("there is no reply {id} here"))),
    }
}

/// The Praxis JSON-LD context, referenced from every document.
async fn praxis_context() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/ld+json")
        .insert_header(("Access-Control-Allow-Origin", "*"))
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .json(praxis_context_document())
}

/// An activity this city sent, as it was sent. One that was not addressed to the public is
/// served only to a fetch signed by one of its addressees (or, when it was addressed to the
/// city's followers, by a follower); `404` for anyone else.
async fn activity(req: HttpRequest, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let id = data.settings.url_for(req.path());
    let lookup = id.clone();
    let missing = || HttpError::not_found(format!("there is no activity {id}"));
    let payload = data
        .db
        .read(move |conn| deliveries::activity_payload(conn, &lookup))
        .await?
        .ok_or_else(missing)?;
    let addressed: Addressed = serde_json::from_str(&payload).map_err(|_| HttpError::internal())?;
    let audience = audience::from_addressing(
        &addressed.to,
        &addressed.cc,
        &data.city.ap_id,
        addressed.object_audience().as_ref(),
    );
    if !audience.is_public() && !signed_by_reader(&req, &data, &audience).await? {
        return Err(missing());
    }
    Ok(HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .body(payload))
}

/// The addressing of a stored activity.
#[derive(Deserialize)]
struct Addressed {
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    cc: Vec<Url>,
    #[serde(default)]
    object: serde_json::Value,
}

impl Addressed {
    /// The community the activity's object is posted to, if it says.
    fn object_audience(&self) -> Option<Url> {
        self.object
            .get("audience")?
            .as_str()
            .and_then(|s| Url::parse(s).ok())
    }
}

/// A document with its `@context`, as `application/activity+json`. The answer depends on the
/// `Accept` header (these URLs also answer browsers), so caches are told so.
pub(super) fn activity_json<T: Serialize>(document: &T) -> Result<HttpResponse, HttpError> {
    let json = with_context(document).map_err(|e| {
        tracing::error!(error = %e, "could not serialize a document");
        HttpError::internal()
    })?;
    Ok(HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .insert_header((VARY, HeaderValue::from_static("Accept")))
        .body(json.to_string()))
}
