//! `/api/v1/follows`: the cities this one follows, and following or unfollowing one (admin).

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{auth::Admin, views::CityProfile};
use crate::{api::views::CityView, app::AppContext, http::HttpError, service};

/// `GET /api/v1/follows`: followers and followed cities, with the state of each.
pub async fn list(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let profile = CityProfile::load(&data).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "following": profile.following,
        "followers": profile.followers,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowRequest {
    /// `handle@domain` or the URL of the city's actor.
    city: String,
}

/// `POST /api/v1/follows {"city": ...}`: follow a city (pending until it accepts).
pub async fn follow(
    _admin: Admin,
    body: web::Json<FollowRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let change = service::follows::follow(&data, &body.city).await?;
    Ok(HttpResponse::Accepted().json(serde_json::json!({
        "city": CityView::from(&change.city),
        "state": "pending",
        "deliveries_queued": change.deliveries,
    })))
}

/// `DELETE /api/v1/follows {"city": ...}`: stop following a city.
pub async fn unfollow(
    _admin: Admin,
    body: web::Json<FollowRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let change = service::follows::unfollow(&data, &body.city).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "city": CityView::from(&change.city),
        "deliveries_queued": change.deliveries,
    })))
}
