//! Items: publish, read, edit, delete and re-share.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{
    auth::{Editor, Reader},
    views::{ItemDetail, ItemView, load_items},
};
use crate::{
    app::AppContext,
    domain::{audience::Visibility, item::ItemDraft},
    federation::urls::paths,
    http::{ApiError, HttpError, negotiate::reader_languages},
    service,
    storage::{StorageError, items},
};

/// The created or changed item, and how many inboxes it was queued for.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Changed {
    #[serde(flatten)]
    item: ItemView,
    /// How many followers' inboxes the change was queued for.
    deliveries_queued: usize,
}

/// A deleted item: its followers are told.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Deleted {
    /// Always `true`.
    deleted: bool,
    deliveries_queued: usize,
}

/// A re-shared item.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Shared {
    item: Url,
    deliveries_queued: usize,
}

/// Publishes an item: the draft is validated (every problem at once, each under its field) and
/// sent to the city's followers.
#[utoipa::path(
    post,
    path = "/api/v1/items",
    tag = "items",
    request_body = ItemDraft,
    responses(
        (status = 201, description = "Published; `Location` is the item's id", body = Changed),
        (status = 400, description = "The body is not JSON of a draft", body = ApiError),
        (status = 422, description = "The draft is not valid: every problem, by field", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is a reader", body = ApiError),
    ),
    security(("bearer" = []))
)]
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

/// One of this city's items, with replies and adaptations, in the reader's language
/// (`Accept-Language`) and every other it has.
#[utoipa::path(
    get,
    path = "/api/v1/items/{uuid}",
    tag = "items",
    params(("uuid" = String, Path, description = "The last segment of the item's id")),
    responses(
        (status = 200, body = ItemDetail),
        (status = 404, description = "No such item, or deleted", body = ApiError),
    )
)]
pub async fn get_local(
    req: HttpRequest,
    uuid: web::Path<String>,
    Reader(visibility): Reader,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    detail(&data, local_id(&data, &uuid), visibility, &req).await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LookupQuery {
    /// The item's id (its ActivityPub URL), local or a peer's.
    id: Url,
}

/// Any item this instance holds, local or from a peer, by its id.
#[utoipa::path(
    get,
    path = "/api/v1/items/lookup",
    tag = "items",
    params(LookupQuery),
    responses(
        (status = 200, body = ItemDetail),
        (status = 400, description = "`id` is missing or not a URL", body = ApiError),
        (status = 404, description = "This instance holds no such item", body = ApiError),
    )
)]
pub async fn lookup(
    req: HttpRequest,
    query: web::Query<LookupQuery>,
    Reader(visibility): Reader,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    detail(&data, query.into_inner().id, visibility, &req).await
}

/// Replaces the content of one of this city's items; followers receive the new version.
#[utoipa::path(
    put,
    path = "/api/v1/items/{uuid}",
    tag = "items",
    params(("uuid" = String, Path, description = "The last segment of the item's id")),
    request_body = ItemDraft,
    responses(
        (status = 200, body = Changed),
        (status = 400, description = "The body is not JSON of a draft", body = ApiError),
        (status = 422, description = "The draft is not valid: every problem, by field", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is a reader", body = ApiError),
        (status = 404, description = "No such item of this city", body = ApiError),
    ),
    security(("bearer" = []))
)]
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

/// Deletes one of this city's items; followers are told (a tombstone stays).
#[utoipa::path(
    delete,
    path = "/api/v1/items/{uuid}",
    tag = "items",
    params(("uuid" = String, Path, description = "The last segment of the item's id")),
    responses(
        (status = 200, body = Deleted),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is a reader", body = ApiError),
        (status = 404, description = "No such item of this city", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn delete(
    _editor: Editor,
    uuid: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let deliveries = service::items::delete(&data, &local_id(&data, &uuid)).await?;
    Ok(HttpResponse::Ok().json(Deleted {
        deleted: true,
        deliveries_queued: deliveries,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareRequest {
    /// The id of a peer's item this instance holds.
    item: Url,
}

/// Re-shares a peer's item with this city's followers (an `Announce`).
#[utoipa::path(
    post,
    path = "/api/v1/shares",
    tag = "items",
    request_body = ShareRequest,
    responses(
        (status = 201, body = Shared),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is a reader", body = ApiError),
        (status = 404, description = "This instance holds no such item", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn share(
    _editor: Editor,
    body: web::Json<ShareRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let deliveries = service::items::share(&data, &body.item).await?;
    Ok(HttpResponse::Created().json(Shared {
        item: body.into_inner().item,
        deliveries_queued: deliveries,
    }))
}

fn local_id(data: &Data<AppContext>, uuid: &str) -> Url {
    let mut id = data.settings.url_for(paths::ITEMS);
    id.path_segments_mut().expect("http URL").push(uuid);
    id
}

/// An item as `visibility` may see it: one it may not see is not there (404), exactly as an
/// item that does not exist.
pub(crate) async fn detail(
    data: &Data<AppContext>,
    id: Url,
    visibility: Visibility,
    req: &HttpRequest,
) -> Result<HttpResponse, HttpError> {
    let preferred = reader_languages(req);
    let lookup = id.clone();
    let found = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            match items::find_by_ap_id(conn, &lookup)? {
                Some(stored)
                    if stored.deleted_at.is_none() && visibility.shows(&stored.item.content.audience) =>
                {
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
