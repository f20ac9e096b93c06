//! The JSON API under `/api/v1`.

pub mod auth;
pub mod feed;
pub mod items;
pub mod views;

use actix_web::web;

/// Registers the API routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/items", web::post().to(items::create))
            .route("/feed", web::get().to(feed::feed))
            .route("/city", web::get().to(views::city_profile)),
    );
}
