//! `POST /api/v1/items`: publish a knowledge item.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};

use super::{auth::Admin, views::ItemView};
use crate::{app::AppContext, domain::item::ItemDraft, http::HttpError, service};

pub async fn create(
    _admin: Admin,
    req: HttpRequest,
    draft: web::Json<ItemDraft>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let published = service::items::publish(&data, draft.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", published.item.ap_id.as_str()))
        .json(ItemView::new(&published.item, &data.city, &req)))
}
