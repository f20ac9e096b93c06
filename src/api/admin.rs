//! Instance administration: the health of outbound delivery.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::auth::Admin;
use crate::{
    app::AppContext,
    http::{ApiError, HttpError},
    service::deliveries::{self, DeliveryReport, RetryTarget},
};

/// Outbound delivery: the queue by state, how each peer is doing, and the deliveries given up.
#[utoipa::path(
    get,
    path = "/api/v1/admin/deliveries",
    tag = "admin",
    responses(
        (status = 200, body = DeliveryReport),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn deliveries(_admin: Admin, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    Ok(HttpResponse::Ok().json(deliveries::report(&data).await?))
}

/// How many deliveries were scheduled to be tried again now.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RetryScheduled {
    scheduled: usize,
}

/// Tries again now, rather than at their next backoff, every undelivered delivery to a peer
/// (`{"peer": "host[:port]"}`) or one given-up delivery (`{"id": 42}`).
#[utoipa::path(
    post,
    path = "/api/v1/admin/deliveries/retry",
    tag = "admin",
    request_body = RetryTarget,
    responses(
        (status = 202, body = RetryScheduled),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 404, description = "Nothing undelivered there", body = ApiError),
    ),
    security(("bearer" = []))
)]
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
    Ok(HttpResponse::Accepted().json(RetryScheduled { scheduled }))
}
