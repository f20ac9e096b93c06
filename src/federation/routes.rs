//! HTTP endpoints of the ActivityPub side: the actor, the inboxes, collections and objects.

use activitypub_federation::{
    FEDERATION_CONTENT_TYPE,
    actix_web::response::create_http_response,
    config::Data,
    protocol::{context::WithContext, tombstone::Tombstone},
};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{
    actors::city::Organization,
    collections::{followers, outbox},
    context::{CONTEXT_PATH, context, praxis_context_document},
    inbox,
    objects::reply::Note,
    urls::paths,
};
use crate::{
    api::views::CityProfile,
    app::AppContext,
    http::{
        HttpError,
        negotiate::{wants_activitypub, wants_html},
    },
    storage::{StorageError, cities, deliveries, items, replies},
};

/// Registers the ActivityPub routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(paths::CITY, web::get().to(city))
        .route(paths::CITY_INBOX, web::post().to(inbox::inbox))
        .route(paths::SHARED_INBOX, web::post().to(inbox::inbox))
        .route(paths::OUTBOX, web::get().to(outbox_route))
        .route(paths::FOLLOWERS, web::get().to(followers_route))
        .route(paths::FOLLOWING, web::get().to(following_route))
        .route("/items/{id}", web::get().to(item))
        .route("/replies/{id}", web::get().to(reply))
        .route(CONTEXT_PATH, web::get().to(praxis_context))
        .route("/activities/{id}", web::get().to(activity));
}

/// The city actor for ActivityPub clients, its profile as JSON for everyone else.
async fn city(req: HttpRequest, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    if wants_activitypub(&req) {
        return activity_json(&data, &Organization::of_local(&data.city, &data.settings));
    }
    if wants_html(&req) {
        return Ok(HttpResponse::SeeOther()
            .insert_header(("Location", "/cities/view"))
            .finish());
    }
    Ok(HttpResponse::Ok().json(CityProfile::load(&data).await?))
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<String>,
    before: Option<i64>,
}

async fn outbox_route(
    query: web::Query<PageQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    if query.page.is_none() && query.before.is_none() {
        return activity_json(&data, &outbox::collection(&data).await?);
    }
    activity_json(&data, &outbox::page(&data, query.before).await?)
}

async fn followers_route(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    activity_json(&data, &followers::followers(&data).await?)
}

async fn following_route(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    activity_json(&data, &followers::following(&data).await?)
}

/// A local item: an `Article` for ActivityPub clients, JSON for everyone else, 410 once deleted.
async fn item(req: HttpRequest, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let id = data.settings.url_for(req.path());
    let lookup = id.clone();
    let stored = data
        .db
        .read(move |conn| items::find_by_ap_id(conn, &lookup))
        .await?
        .ok_or_else(|| HttpError::not_found(format!("there is no item {id}")))?;
    if stored.deleted_at.is_some() {
        let tombstone = serde_json::to_string(&WithContext::new(Tombstone::new(id), context(&data.settings)))
            .map_err(|_| HttpError::internal())?;
        return Ok(HttpResponse::Gone()
            .content_type(FEDERATION_CONTENT_TYPE)
            .insert_header(("Vary", "Accept"))
            .body(tombstone));
    }
    if wants_activitypub(&req) {
        let article = super::objects::item::Article::from_item(&stored.item, data.city.followers.clone());
        return activity_json(&data, &article);
    }
    if wants_html(&req) {
        let viewer = crate::web::session::Viewer::of(&req).await?;
        return crate::web::pages::item::show(&req, &viewer, &data, stored.item.ap_id).await;
    }
    crate::api::items::detail(&data, stored.item.ap_id, &req).await
}

/// A reply written here, as a `Note`.
async fn reply(req: HttpRequest, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let id = data.settings.url_for(req.path());
    let lookup = id.clone();
    let stored = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let Some(reply) = replies::find_by_ap_id(conn, &lookup)? else {
                return Ok(None);
            };
            let item = items::get_many(conn, &[reply.item_id])?.pop();
            let owner = item.map(|i| cities::get(conn, i.origin_city_id)).transpose()?;
            Ok(Some((reply, owner)))
        })
        .await?;
    match stored {
        Some((reply, owner)) if reply.reply.author == data.city.ap_id => {
            let recipients = owner.map(|o| o.ap_id).into_iter().collect();
            activity_json(&data, &Note::from_reply(&reply.reply, recipients))
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

/// An activity this city sent, as it was sent.
async fn activity(req: HttpRequest, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let id = data.settings.url_for(req.path());
    let lookup = id.clone();
    let payload = data
        .db
        .read(move |conn| deliveries::activity_payload(conn, &lookup))
        .await?
        .ok_or_else(|| HttpError::not_found(format!("there is no activity {id}")))?;
    Ok(HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .body(payload))
}

/// A document with the Praxis `@context`, as `application/activity+json`.
fn activity_json<T: Serialize>(data: &Data<AppContext>, document: &T) -> Result<HttpResponse, HttpError> {
    create_http_response(document, &context(&data.settings)).map_err(|e| {
        tracing::error!(error = %e, "could not serialize a document");
        HttpError::internal()
    })
}
