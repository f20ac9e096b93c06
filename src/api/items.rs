//! Items: publish, read, edit, delete and re-share.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{
    auth::Editor,
    views::{ItemDetail, ItemView, load_items},
};
use crate::{
    app::AppContext,
    domain::item::ItemDraft,
    federation::urls::paths,
    http::{HttpError, negotiate::reader_languages},
    service,
    storage::{StorageError, items},
};

/// The created or changed item, and how many inboxes it was queued for.
#[derive(Serialize)]
struct Changed {
    #[serde(flatten)]
    item: ItemView,
    deliveries_queued: usize,
}

/// `POST /api/v1/items`
pub async fn create(
    _editor: Editor,
    req: HttpRequest,
    draft: web::Json<ItemDraft>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let published = service::items::publish(&data, draft.into_inner()).await?;
    let view = view_of(&data, &published.item.ap_id, &req).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", published.item.ap_id.as_str()))
        .json(Changed {
            item: view,
            deliveries_queued: published.deliveries,
        }))
}

/// `GET /api/v1/items/{uuid}`: one of this city's items, with replies and adaptations.
pub async fn get_local(
    req: HttpRequest,
    uuid: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    detail(&data, local_id(&data, &uuid), &req).await
}

#[derive(Deserialize)]
pub struct LookupQuery {
    id: Url,
}

/// `GET /api/v1/items/lookup?id=URL`: any item this instance holds, by its id.
pub async fn lookup(
    req: HttpRequest,
    query: web::Query<LookupQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    detail(&data, query.into_inner().id, &req).await
}

/// `PUT /api/v1/items/{uuid}`: replaces the content of one of this city's items.
pub async fn update(
    _editor: Editor,
    req: HttpRequest,
    uuid: web::Path<String>,
    draft: web::Json<ItemDraft>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let id = local_id(&data, &uuid);
    let published = service::items::update(&data, &id, draft.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Changed {
        item: view_of(&data, &id, &req).await?,
        deliveries_queued: published.deliveries,
    }))
}

/// `DELETE /api/v1/items/{uuid}`
pub async fn delete(
    _editor: Editor,
    uuid: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let deliveries = service::items::delete(&data, &local_id(&data, &uuid)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "deleted": true, "deliveries_queued": deliveries })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareRequest {
    item: Url,
}

/// `POST /api/v1/shares {"item": URL}`: re-shares a peer's item with this city's followers.
pub async fn share(
    _editor: Editor,
    body: web::Json<ShareRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let deliveries = service::items::share(&data, &body.item).await?;
    Ok(HttpResponse::Created()
        .json(serde_json::json!({ "item": body.item, "deliveries_queued": deliveries })))
}

fn local_id(data: &Data<AppContext>, uuid: &str) -> Url {
    let mut id = data.settings.url_for(paths::ITEMS);
    id.path_segments_mut().expect("http URL").push(uuid);
    id
}

pub(crate) async fn detail(
    data: &Data<AppContext>,
    id: Url,
    req: &HttpRequest,
) -> Result<HttpResponse, HttpError> {
    let preferred = reader_languages(req);
    let lookup = id.clone();
    let found = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            match items::find_by_ap_id(conn, &lookup)? {
                Some(stored) if stored.deleted_at.is_none() => {
                    Ok(Some(ItemDetail::load(conn, stored, &preferred)?))
                }
                Some(_) => Ok(None),
                None => Ok(None),
            }
        })
        .await?;
    match found {
        Some(detail) => Ok(HttpResponse::Ok()
            .insert_header(("Vary", "Accept, Accept-Language"))
            .json(detail)),
        None => Err(HttpError::not_found(format!("there is no item {id} here"))),
    }
}

async fn view_of(data: &Data<AppContext>, id: &Url, req: &HttpRequest) -> Result<ItemView, HttpError> {
    let lookup = id.clone();
    let loaded = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let stored = items::find_by_ap_id(conn, &lookup)?.into_iter().collect();
            load_items(conn, stored)
        })
        .await?
        .pop()
        .ok_or_else(|| HttpError::not_found(format!("there is no item {id} here")))?;
    Ok(ItemView::new(&loaded, req))
}
