//! Instance administration: the health of outbound delivery.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};

use super::auth::Admin;
use crate::{
    app::AppContext,
    http::HttpError,
    service::deliveries::{self, RetryTarget},
};

/// `GET /api/v1/admin/deliveries`: queue depth, health per peer, dead letters.
pub async fn deliveries(_admin: Admin, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    Ok(HttpResponse::Ok().json(deliveries::report(&data).await?))
}

/// `POST /api/v1/admin/deliveries/retry {"peer": "host[:port]"} | {"id": 42}`
pub async fn retry(
    _admin: Admin,
    body: web::Json<RetryTarget>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let scheduled = deliveries::retry_now(&data, body.into_inner()).await?;
    if scheduled == 0 {
        return Err(HttpError::not_found(
            "there is nothing undelivered to retry there",
        ));
    }
    Ok(HttpResponse::Accepted().json(serde_json::json!({ "scheduled": scheduled })))
}
