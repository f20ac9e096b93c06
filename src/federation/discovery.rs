//! Discovery: WebFinger (`acct:handle@host` to the actor), NodeInfo 2.1, and the health check.

use activitypub_federation::{
    config::Data,
    fetch::webfinger::{WEBFINGER_CONTENT_TYPE, build_webfinger_response, extract_webfinger_name},
};
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::audience::Visibility;
use crate::{
    app::AppContext,
    federation::urls::paths,
    http::HttpError,
    storage::{cities, communities, items, items::Scope},
};

/// NodeInfo schema this instance speaks.
const NODEINFO_SCHEMA: &str = "http://nodeinfo.diaspora.software/ns/schema/2.1";

/// Registers the discovery routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/.well-known/webfinger", web::get().to(webfinger))
        .route("/.well-known/nodeinfo", web::get().to(nodeinfo_links))
        .route("/nodeinfo/2.1", web::get().to(nodeinfo))
        .route("/healthz", web::get().to(healthz));
}

#[derive(Deserialize)]
struct WebfingerQuery {
    resource: Option<String>,
}

async fn webfinger(
    query: web::Query<WebfingerQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let resource = query.resource.as_deref().ok_or_else(|| {
        HttpError::bad_request("the `resource` parameter is required, like resource=acct:city@example.org")
    })?;
    let handle = if resource == data.city.ap_id.as_str() {
        data.city.handle.clone()
    } else if let Some(handle) = resource
        .strip_prefix(data.settings.url_for(paths::COMMUNITIES).as_str())
        .and_then(|rest| rest.strip_prefix('/'))
    {
        handle.to_string()
    } else {
        extract_webfinger_name(resource, &data)
            .map_err(|_| {
                HttpError::not_found(format!(
                    "{resource} is not an account here; this instance's city is acct:{}",
                    data.city.address()
                ))
            })?
            .to_string()
    };
    let (subject, actor) = if handle == data.city.handle {
        (data.city.address(), data.city.ap_id.clone())
    } else {
        // Any other handle may be one of the city's communities.
        let lookup = handle.clone();
        let community = data
            .db
            .read(move |conn| communities::find_local(conn, &lookup))
            .await?
            .ok_or_else(|| {
                HttpError::not_found(format!(
                    "there is no account `{handle}` here; this instance's city is acct:{}",
                    data.city.address()
                ))
            })?;
        (community.1.actor.address(), community.1.actor.ap_id)
    };
    let response = build_webfinger_response(format!("acct:{subject}"), actor);
    Ok(HttpResponse::Ok()
        .content_type(WEBFINGER_CONTENT_TYPE.to_str().unwrap_or("application/jrd+json"))
        .insert_header(("Access-Control-Allow-Origin", "*"))
        .json(response))
}

async fn nodeinfo_links(data: Data<AppContext>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "links": [{
            "rel": NODEINFO_SCHEMA,
            "href": data.settings.url_for("/nodeinfo/2.1"),
        }]
    }))
}

async fn nodeinfo(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let city = data.city_id;
    let (local_items, known_cities) = data
        .db
        .read(move |conn| -> Result<_, crate::storage::StorageError> {
            Ok((
                items::count(conn, Scope::Origin(city), Visibility::PublicOnly)?,
                cities::count(conn)?,
            ))
        })
        .await?;
    let body = json!({
        "version": "2.1",
        "software": {
            "name": "praxis",
            "version": env!("CARGO_PKG_VERSION"),
        },
        "protocols": ["activitypub"],
        "services": { "inbound": [], "outbound": [] },
        "openRegistrations": false,
        "usage": {
            "users": { "total": 1, "activeMonth": 1, "activeHalfyear": 1 },
            "localPosts": local_items,
        },
        "metadata": {
            "nodeName": data.city.name,
            "city": data.city.address(),
            "knownCities": known_cities - 1,
            "languages": data.city.languages.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "country": data.city.country,
        }
    });
    Ok(HttpResponse::Ok()
        .content_type(format!("application/json; profile=\"{NODEINFO_SCHEMA}#\""))
        .json(body))
}

/// Liveness and readiness: the database answers.
async fn healthz(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let counts = data
        .db
        .read(crate::storage::deliveries::counts)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "health check: database unavailable");
            HttpError::new(
                actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
                "unhealthy",
                "the database is not reachable",
            )
        })?;
    Ok(HttpResponse::Ok().json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "database": match data.db.backend() {
            crate::storage::Backend::Sqlite => "sqlite",
            crate::storage::Backend::Postgres => "postgres",
        },
        "deliveries": counts,
    })))
}
