//! Imports of followed cities' histories: progress, and starting one again.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{auth::Admin, views::CityView};
use crate::{
    app::AppContext,
    http::HttpError,
    service,
    storage::{StorageError, backfills, cities},
};

#[derive(Serialize)]
struct BackfillView {
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

/// `GET /api/v1/backfills`
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
    Ok(HttpResponse::Ok().json(serde_json::json!({ "backfills": views })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    /// The followed city: handle@domain or actor URL.
    city: String,
}

/// `POST /api/v1/backfills {"city": ...}`: imports the city's history (again).
pub async fn start(
    _admin: Admin,
    body: web::Json<StartRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let city = service::backfills::start(&data, &body.city).await?;
    Ok(HttpResponse::Accepted()
        .json(serde_json::json!({ "city": CityView::from(&city), "state": "pending" })))
}
