//! HTTP endpoints of this instance's communities: each `Group` actor at
//! `/communities/{handle}`, its inbox (the same trust boundary as the city's), its outbox, members
//! and moderators. A browser asking for a community's address gets its page from the web layer.

use activitypub_federation::config::Data;
use actix_web::{
    HttpRequest, HttpResponse,
    http::header::{HeaderValue, VARY},
    web,
};
use serde::Deserialize;

use super::{
    actors::city::Organization,
    audience,
    collections::community as collections,
    inbox,
    membership::{Standing, standing},
    routes::activity_json,
    urls::paths,
};
use crate::{
    app::AppContext,
    domain::community::Community,
    http::{HttpError, negotiate::Representation},
    storage::{cities::CityId, communities, items::ItemCursor},
};

/// Registers the routes of every local community.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let base = paths::COMMUNITIES;
    // The actor answers only requests for ActivityPub; the web and API layers answer the others.
    cfg.service(Representation::ActivityPub.resource(paths::COMMUNITY).to(actor))
        .route(&format!("{base}/{{handle}}/inbox"), web::post().to(inbox::inbox))
        .route(&format!("{base}/{{handle}}/outbox"), web::get().to(outbox))
        .route(&format!("{base}/{{handle}}/members"), web::get().to(members))
        .route(
            &format!("{base}/{{handle}}/moderators"),
            web::get().to(moderators),
        );
}

/// The local community `handle`, or the `404` of one that does not exist.
pub async fn local_community(data: &AppContext, handle: &str) -> Result<(CityId, Community), HttpError> {
    let lookup = handle.to_string();
    data.db
        .read(move |conn| communities::find_local(conn, &lookup))
        .await?
        .ok_or_else(|| HttpError::not_found(format!("there is no community `{handle}` here")))
}

/// The community's `Group` actor.
async fn actor(handle: web::Path<String>, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let (_, community) = local_community(&data, &handle).await?;
    activity_json(&Organization::of_local_community(&community))
}

/// Whether the request is a fetch signed by a member of the community.
async fn signed_by_member(req: &HttpRequest, data: &Data<AppContext>, community: &Community) -> bool {
    let Some(reader) = audience::signed_fetcher(req, data).await else {
        return false;
    };
    let group = community.actor.ap_id.clone();
    matches!(
        data.db
            .read(move |conn| standing(conn, &group, &reader.ap_id))
            .await,
        Ok(Standing::Member)
    )
}

async fn members(
    req: HttpRequest,
    handle: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let (id, community) = local_community(&data, &handle).await?;
    let member = signed_by_member(&req, &data, &community).await;
    let mut response = activity_json(&collections::members(&data, id, &handle, member).await?)?;
    response
        .headers_mut()
        .append(VARY, HeaderValue::from_static("Signature"));
    Ok(response)
}

async fn moderators(handle: web::Path<String>, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    local_community(&data, &handle).await?;
    activity_json(&collections::moderators(&data, &handle))
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<String>,
    after: Option<String>,
}

async fn outbox(
    req: HttpRequest,
    handle: web::Path<String>,
    query: web::Query<PageQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let (_, community) = local_community(&data, &handle).await?;
    if query.page.is_none() && query.after.is_none() {
        return activity_json(&collections::outbox(&data, &community).await?);
    }
    let cursor =
        match query.after.as_deref() {
            None => None,
            Some(text) => Some(ItemCursor::decode(text).ok_or_else(|| {
                HttpError::bad_request(format!("`{text}` is not a position in this outbox"))
            })?),
        };
    let member = signed_by_member(&req, &data, &community).await;
    let page = collections::outbox_page(&data, &community, member, cursor).await?;
    let mut response = activity_json(&page)?;
    response
        .headers_mut()
        .append(VARY, HeaderValue::from_static("Signature"));
    Ok(response)
}
