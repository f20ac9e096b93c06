//! `POST /api/v1/items`: publish a knowledge item.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use super::{auth::Admin, views::ItemView};
use crate::{app::AppContext, domain::item::ItemDraft, http::HttpError, service};

/// The created item, and how many follower inboxes it was queued for.
#[derive(Serialize)]
struct Created {
    #[serde(flatten)]
    item: ItemView,
    deliveries_queued: usize,
}

pub async fn create(
    _admin: Admin,
    req: HttpRequest,
    draft: web::Json<ItemDraft>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let published = service::items::publish(&data, draft.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", published.item.ap_id.as_str()))
        .json(Created {
            item: ItemView::new(&published.item, &data.city, &req),
            deliveries_queued: published.deliveries,
        }))
}
