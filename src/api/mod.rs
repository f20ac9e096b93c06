//! The JSON API under `/api/v1`.

pub mod accounts;
pub mod admin;
pub mod atom;
pub mod attachments;
pub mod auth;
pub mod backfills;
pub mod communities;
pub mod feed;
pub mod follows;
pub mod items;
pub mod machine_translations;
pub mod openapi;
pub mod policy;
pub mod replies;
pub mod search;
pub mod translations;
pub mod views;

use actix_web::web;

use crate::{federation::urls::paths, http::negotiate::Representation};

/// Registers the API routes, and the downloads of attachments.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/attachments/{digest}/{name}",
        web::get().to(attachments::download),
    );
    atom::configure(cfg);
    // The addresses of the city, its items and its communities, for clients that ask for JSON;
    // ActivityPub clients get the documents (`federation::routes`), browsers the pages (`web`).
    cfg.service(Representation::Json.resource(paths::CITY).to(views::city_profile))
        .service(Representation::Json.resource(paths::ITEM).to(items::get_local))
        .service(
            Representation::Json
                .resource(paths::COMMUNITY)
                .to(communities::at_address),
        );
    cfg.service(
        web::scope("/api/v1")
            .route("/items", web::post().to(items::create))
            .route("/items/lookup", web::get().to(items::lookup))
            .route("/items/{uuid}", web::get().to(items::get_local))
            .route("/items/{uuid}", web::put().to(items::update))
            .route("/items/{uuid}", web::delete().to(items::delete))
            .route("/shares", web::post().to(items::share))
            .route("/replies", web::post().to(replies::create))
            .route("/translations", web::get().to(translations::list))
            .route("/translations", web::post().to(translations::propose))
            .route("/translations/{id}/accept", web::post().to(translations::accept))
            .route(
                "/translations/{id}/decline",
                web::post().to(translations::decline),
            )
            .route(
                "/machine-translations",
                web::post().to(machine_translations::translate),
            )
            .route("/attachments", web::post().to(attachments::upload))
            .route("/backfills", web::get().to(backfills::list))
            .route("/backfills", web::post().to(backfills::start))
            .route("/feed", web::get().to(feed::feed))
            .route("/search", web::get().to(search::search))
            .route("/city", web::get().to(views::city_profile))
            .route("/me", web::get().to(accounts::me))
            .route("/tokens", web::get().to(accounts::list_tokens))
            .route("/tokens", web::post().to(accounts::create_token))
            .route("/tokens/{id}", web::delete().to(accounts::revoke_token))
            .route("/users", web::get().to(accounts::list_users))
            .route("/users", web::post().to(accounts::create_user))
            .route("/users/{username}", web::patch().to(accounts::change_user))
            .route("/follows", web::get().to(follows::list))
            .route("/follows", web::post().to(follows::follow))
            .route("/follows", web::delete().to(follows::unfollow))
            .route("/admin/deliveries", web::get().to(admin::deliveries))
            .route("/admin/deliveries/retry", web::post().to(admin::retry))
            .route("/admin/policy", web::get().to(policy::show))
            .route("/admin/policy", web::put().to(policy::set_mode))
            .route("/admin/policy/domains", web::post().to(policy::add_domain))
            .route("/admin/policy/domains", web::delete().to(policy::remove_domain))
            .route("/communities", web::get().to(communities::list))
            .route("/communities", web::post().to(communities::create))
            .route("/communities/joins", web::post().to(communities::join))
            .route("/communities/joins", web::delete().to(communities::leave))
            .route("/communities/{handle}", web::get().to(communities::roster))
            .route(
                "/communities/{handle}/members",
                web::post().to(communities::change_member),
            )
            .route(
                "/communities/{handle}/removals",
                web::post().to(communities::remove_item),
            )
            .route(
                "/communities/{handle}/moderators/{username}",
                web::put().to(communities::appoint),
            )
            .route(
                "/communities/{handle}/moderators/{username}",
                web::delete().to(communities::dismiss),
            )
            .route("/follows/requests/approve", web::post().to(follows::approve))
            .route("/follows/requests/reject", web::post().to(follows::reject))
            .route("/openapi.json", web::get().to(openapi::openapi_json)),
    );
}
