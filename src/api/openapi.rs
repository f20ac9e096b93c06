//! The OpenAPI 3 description of `/api/v1`, generated from the handlers' annotations and the
//! types they read and answer, and served at `/api/v1/openapi.json`.

use std::sync::LazyLock;

use actix_web::HttpResponse;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{Http, HttpAuthScheme, SecurityScheme},
};

use super::{
    accounts, admin, attachments, backfills, communities, feed, follows, items, machine_translations, policy,
    replies, search, translations, views,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Praxis API",
        description = "Publish, find and share the good practices, training materials, exchange \
                       reports and action plans of partner cities. Reading needs no token; \
                       everything that changes something needs `Authorization: Bearer <token>` \
                       (an API token of a user with the right role). Every error answers \
                       `{\"error\": {\"code\", \"message\", \"fields\"}}`. See docs/API.md.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    paths(
        items::create,
        items::lookup,
        items::get_local,
        items::update,
        items::delete,
        items::share,
        replies::create,
        translations::list,
        translations::propose,
        translations::accept,
        translations::decline,
        machine_translations::translate,
        attachments::upload,
        feed::feed,
        search::search,
        views::city::city_profile,
        follows::list,
        follows::follow,
        follows::unfollow,
        backfills::list,
        backfills::start,
        accounts::me,
        accounts::list_tokens,
        accounts::create_token,
        accounts::revoke_token,
        accounts::list_users,
        accounts::create_user,
        accounts::change_user,
        admin::deliveries,
        admin::retry,
        policy::show,
        policy::set_mode,
        policy::add_domain,
        policy::remove_domain,
        follows::approve,
        follows::reject,
        communities::list,
        communities::create,
        communities::roster,
        communities::join,
        communities::leave,
        communities::change_member,
        communities::remove_item,
        communities::appoint,
        communities::dismiss,
        openapi_json,
    ),
    modifiers(&BearerTokens),
    tags(
        (name = "items", description = "Publishing and reading knowledge items"),
        (name = "feed", description = "The network feed and search"),
        (name = "cities", description = "This city and the cities it follows"),
        (name = "communities", description = "Communities of practice: hosting, joining, moderating"),
        (name = "translations", description = "Translations contributed to peers' items, and reviewed for this city's"),
        (name = "accounts", description = "Users and their API tokens"),
        (name = "admin", description = "Running the instance"),
        (name = "meta", description = "This description"),
    )
)]
struct ApiDoc;

/// Declares the `bearer` scheme the operations' `security` refers to.
struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A user's API token (`praxis user token`, the account page, or \
                         `POST /api/v1/tokens`)",
                    ))
                    .build(),
            ),
        );
    }
}

/// Rendered once: the description only changes with the code.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    doc.to_pretty_json().expect("the API description serializes")
});

/// This description of the API.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "OpenAPI 3 document", content_type = "application/json"))
)]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(DOCUMENT.as_str())
}
