//! `GET /api/v1/feed`: own, followed and shared items, newest first, paged.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{
    auth::Reader,
    views::{ItemView, load_items},
};
use crate::{
    app::AppContext,
    http::{ApiError, HttpError},
    storage::{
        StorageError,
        items::{self, ItemCursor, Scope},
    },
};

/// Items per page unless the client asks for fewer or more.
const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// `next_cursor` of the page before; leave out for the newest items.
    pub cursor: Option<String>,
    /// Items per page, 1 to 100 (20 unless given).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Only the items posted to this community (its `Group` actor id), less those its
    /// moderators removed.
    pub community: Option<url::Url>,
}

/// A page of the feed.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FeedPage {
    items: Vec<ItemView>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_cursor: Option<String>,
}

/// Own, followed and shared items, newest first, a page at a time. To filter by kind, theme,
/// target group, city, country, language or period, use `/api/v1/search` without `q`.
#[utoipa::path(
    get,
    path = "/api/v1/feed",
    tag = "feed",
    params(FeedQuery),
    responses(
        (status = 200, body = FeedPage),
        (status = 400, description = "`limit`, `cursor` or `community` is not valid", body = ApiError),
    )
)]
pub async fn feed(
    req: HttpRequest,
    query: web::Query<FeedQuery>,
    Reader(visibility): Reader,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(HttpError::bad_request(format!(
            "`limit` must be between 1 and {MAX_LIMIT}, got {limit}"
        )));
    }
    let cursor = match &query.cursor {
        Some(text) => Some(
            ItemCursor::decode(text)
                .ok_or_else(|| HttpError::bad_request(format!("`{text}` is not a valid cursor")))?,
        ),
        None => None,
    };
    let community = query.community.clone();
    let page = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let page = match &community {
                Some(community) => items::in_community(conn, community, visibility, cursor, limit)?,
                None => items::page(conn, Scope::All, visibility, cursor, limit)?,
            };
            load_items(conn, page)
        })
        .await?;
    let next_cursor = (page.len() as i64 == limit)
        .then(|| page.last())
        .flatten()
        .map(|last| {
            ItemCursor {
                published: last.stored.item.published,
                id: last.stored.id,
            }
            .encode()
        });
    let items = page.iter().map(|loaded| ItemView::new(loaded, &req)).collect();
    Ok(HttpResponse::Ok().json(FeedPage { items, next_cursor }))
}
