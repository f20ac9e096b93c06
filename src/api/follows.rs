//! `/api/v1/follows`: the cities this one follows, and following or unfollowing one (admin).

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{
    auth::Admin,
    views::{CityProfile, RelationView},
};
use crate::{
    api::views::CityView,
    app::AppContext,
    http::{ApiError, HttpError},
    service,
};

/// This city's relationships.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Relations {
    following: Vec<RelationView>,
    followers: Vec<RelationView>,
}

/// A follow request sent.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FollowSent {
    city: CityView,
    /// `pending` until the city accepts.
    state: &'static str,
    deliveries_queued: usize,
}

/// A relationship changed: a follow undone, a request approved or rejected.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RelationChanged {
    city: CityView,
    deliveries_queued: usize,
}

impl From<service::follows::FollowChange> for RelationChanged {
    fn from(change: service::follows::FollowChange) -> RelationChanged {
        RelationChanged {
            city: CityView::from(&change.city),
            deliveries_queued: change.deliveries,
        }
    }
}

/// Followed cities and followers, with the state of each relationship.
#[utoipa::path(
    get,
    path = "/api/v1/follows",
    tag = "cities",
    responses((status = 200, body = Relations))
)]
pub async fn list(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let profile = CityProfile::load(&data).await?;
    Ok(HttpResponse::Ok().json(Relations {
        following: profile.following,
        followers: profile.followers,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowRequest {
    /// `handle@domain` or the URL of the city's actor.
    city: String,
}

/// Follows a city, found by `handle@domain` or actor URL; pending until it accepts, then its
/// history is imported.
#[utoipa::path(
    post,
    path = "/api/v1/follows",
    tag = "cities",
    request_body = FollowRequest,
    responses(
        (status = 202, body = FollowSent),
        (status = 400, description = "The body is not JSON of this shape, or the city cannot be found", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn follow(
    _admin: Admin,
    body: web::Json<FollowRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let change = service::follows::follow(&data, &body.city).await?;
    Ok(HttpResponse::Accepted().json(FollowSent {
        city: CityView::from(&change.city),
        state: "pending",
        deliveries_queued: change.deliveries,
    }))
}

/// Stops following a city; it is told (`Undo` of the `Follow`).
#[utoipa::path(
    delete,
    path = "/api/v1/follows",
    tag = "cities",
    request_body = FollowRequest,
    responses(
        (status = 200, body = RelationChanged),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 404, description = "This city does not follow that one", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn unfollow(
    _admin: Admin,
    body: web::Json<FollowRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let change = service::follows::unfollow(&data, &body.city).await?;
    Ok(HttpResponse::Ok().json(RelationChanged::from(change)))
}

/// Accepts a follow request that waits for approval (see the federation policy's
/// `hold_follows`): the city becomes a follower and is told.
#[utoipa::path(
    post,
    path = "/api/v1/follows/requests/approve",
    tag = "cities",
    request_body = FollowRequest,
    responses(
        (status = 200, body = RelationChanged),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 404, description = "No request from that city waits", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn approve(
    _admin: Admin,
    body: web::Json<FollowRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let change = service::follows::approve(&data, &body.city).await?;
    Ok(HttpResponse::Ok().json(RelationChanged::from(change)))
}

/// Turns a follow request down: it is forgotten and the city is told (`Reject`).
#[utoipa::path(
    post,
    path = "/api/v1/follows/requests/reject",
    tag = "cities",
    request_body = FollowRequest,
    responses(
        (status = 200, body = RelationChanged),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 404, description = "No request from that city waits", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn reject(
    _admin: Admin,
    body: web::Json<FollowRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let change = service::follows::reject(&data, &body.city).await?;
    Ok(HttpResponse::Ok().json(RelationChanged::from(change)))
}
