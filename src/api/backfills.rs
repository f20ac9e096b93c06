//! Imports of followed cities' histories: progress, and starting one again.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{auth::Admin, views::CityView};
use crate::{
    app::AppContext,
    http::{ApiError, HttpError},
    service,
    storage::{StorageError, backfills, cities},
};

/// The import of one followed city's history.
#[derive(Serialize, utoipa::ToSchema)]
pub struct BackfillView {
    city: CityView,
    /// `pending` (queued or running), `done` or `failed`.
    state: String,
    pages: i32,
    items_seen: i32,
    items_imported: i32,
    last_error: Option<String>,
    started_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
    finished_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Every import of a followed city's history.
#[derive(Serialize, utoipa::ToSchema)]
pub struct BackfillList {
    backfills: Vec<BackfillView>,
}

/// A started import.
#[derive(Serialize, utoipa::ToSchema)]
pub struct BackfillStarted {
    city: CityView,
    /// `pending`.
    state: &'static str,
}

/// The imports of followed cities' histories, and how far each got.
#[utoipa::path(
    get,
    path = "/api/v1/backfills",
    tag = "cities",
    responses((status = 200, body = BackfillList))
)]
pub async fn list(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let views = data
        .db
        .read(|conn| -> Result<Vec<BackfillView>, StorageError> {
            backfills::list(conn)?
                .into_iter()
                .map(|b| {
                    Ok(BackfillView {
                        city: (&cities::get(conn, b.city_id)?).into(),
                        state: b.state,
                        pages: b.pages,
                        items_seen: b.items_seen,
                        items_imported: b.items_imported,
                        last_error: b.last_error,
                        started_at: b.started_at,
                        updated_at: b.updated_at,
                        finished_at: b.finished_at,
                    })
                })
                .collect()
        })
        .await?;
    Ok(HttpResponse::Ok().json(BackfillList { backfills: views }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    /// The followed city: handle@domain or actor URL.
    city: String,
}

/// Imports a followed city's history (again), in the background.
#[utoipa::path(
    post,
    path = "/api/v1/backfills",
    tag = "cities",
    request_body = StartRequest,
    responses(
        (status = 202, body = BackfillStarted),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 404, description = "The city is not known or not followed", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn start(
    _admin: Admin,
    body: web::Json<StartRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let city = service::backfills::start(&data, &body.city).await?;
    Ok(HttpResponse::Accepted().json(BackfillStarted {
        city: CityView::from(&city),
        state: "pending",
    }))
}
