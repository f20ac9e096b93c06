//! Atom feeds: of everything the instance holds, per theme, per city, and of any search (a saved
//! search is its feed's URL).

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};
use chrono::{DateTime, FixedOffset, Utc};

use super::search::{parse_query, run};
use crate::{
    app::AppContext,
    domain::vocabulary::THEMES,
    http::HttpError,
    search::{Filters, SearchQuery},
    storage::cities,
};

/// Entries per feed.
const ENTRIES: u32 = 50;

/// Registers the feed routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/feeds/all.atom", web::get().to(all))
        .route("/feeds/themes/{code}.atom", web::get().to(theme))
        .route("/feeds/cities/{address}.atom", web::get().to(city))
        .route("/feeds/search.atom", web::get().to(search));
}

async fn all(req: HttpRequest, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let title = format!("{}: the network's knowledge", data.city.name);
    feed(&data, &req, SearchQuery::default(), &[], title).await
}

async fn theme(
    req: HttpRequest,
    code: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let code = code.into_inner();
    if !THEMES.contains(&code.as_str()) {
        return Err(HttpError::not_found(format!("there is no theme `{code}`")));
    }
    let query = SearchQuery {
        filters: Filters {
            themes: vec![code.clone()],
            ..Filters::default()
        },
        ..SearchQuery::default()
    };
    let title = format!("{}: theme {code}", data.city.name);
    feed(&data, &req, query, &[], title).await
}

async fn city(
    req: HttpRequest,
    address: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let address = address.into_inner();
    let (handle, domain) = address.split_once('@').ok_or_else(|| {
        HttpError::not_found(format!("`{address}` is not a city address like city@example.org"))
    })?;
    let (handle, domain) = (handle.to_string(), domain.to_string());
    let found = data
        .db
        .read(move |conn| cities::find_by_address(conn, &handle, &domain))
        .await?
        .ok_or_else(|| HttpError::not_found(format!("{address} is not a city known here")))?;
    let query = SearchQuery {
        filters: Filters {
            cities: vec![found.1.ap_id.clone()],
            ..Filters::default()
        },
        ..SearchQuery::default()
    };
    let title = format!("{}: {}", data.city.name, found.1.name);
    feed(&data, &req, query, &[], title).await
}

async fn search(
    req: HttpRequest,
    pairs: web::Query<Vec<(String, String)>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let query = parse_query(&pairs, &req)?;
    let title = if query.text.trim().is_empty() {
        format!("{}: search", data.city.name)
    } else {
        format!("{}: search for “{}”", data.city.name, query.text.trim())
    };
    feed(&data, &req, query, &pairs, title).await
}

/// The newest items matching `query` as an Atom document.
async fn feed(
    data: &Data<AppContext>,
    req: &HttpRequest,
    mut query: SearchQuery,
    pairs: &[(String, String)],
    title: String,
) -> Result<HttpResponse, HttpError> {
    // A feed lists the newest matches, whatever their rank.
    let text = std::mem::take(&mut query.text);
    let newest_first = SearchQuery {
        text,
        page: 1,
        per_page: ENTRIES,
        facets: false,
        ..query
    };
    // Feed readers fetch without credentials and feeds get passed around: public items only.
    let results = run(
        data,
        newest_first,
        crate::domain::audience::Visibility::PublicOnly,
        pairs,
        &crate::http::negotiate::reader_languages(req),
    )
    .await?;
    let self_url = data
        .settings
        .url_for(req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/"));
    let mut entries: Vec<Entry> = Vec::new();
    let mut newest: DateTime<FixedOffset> = DateTime::<Utc>::UNIX_EPOCH.fixed_offset();
    for hit in &results.items {
        let item = &hit.item;
        let updated = item.updated.fixed_offset();
        newest = newest.max(updated);
        let mut entry = Entry::default();
        entry.set_id(item.id.to_string());
        entry.set_title(Text::plain(item.title.clone()));
        entry.set_updated(updated);
        entry.set_published(Some(item.published.fixed_offset()));
        entry.set_authors(vec![Person {
            name: item.origin.name.clone(),
            uri: Some(item.origin.id.to_string()),
            email: None,
            extensions: Default::default(),
        }]);
        entry.set_links(vec![Link {
            href: item.id.to_string(),
            rel: "alternate".into(),
            hreflang: Some(item.language.clone()),
            ..Link::default()
        }]);
        entry.set_categories(
            item.themes
                .iter()
                .map(|t| Category {
                    term: t.clone(),
                    ..Category::default()
                })
                .collect::<Vec<_>>(),
        );
        if let Some(summary) = &item.summary {
            entry.set_summary(Some(Text::plain(summary.clone())));
        }
        if let Some(body) = &item.body {
            entry.set_content(Some(Content {
                value: Some(body.clone()),
                content_type: Some("html".into()),
                lang: Some(item.language.clone()),
                ..Content::default()
            }));
        }
        entries.push(entry);
    }
    let mut feed = Feed::default();
    feed.set_id(self_url.to_string());
    feed.set_title(Text::plain(title));
    feed.set_updated(newest);
    feed.set_authors(vec![Person {
        name: data.city.name.clone(),
        uri: Some(data.city.ap_id.to_string()),
        email: None,
        extensions: Default::default(),
    }]);
    feed.set_links(vec![
        Link {
            href: self_url.to_string(),
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Link::default()
        },
        Link {
            href: data.settings.instance.public_url.to_string(),
            rel: "alternate".into(),
            ..Link::default()
        },
    ]);
    feed.set_generator(Some(atom_syndication::Generator {
        value: "Praxis".into(),
        version: Some(env!("CARGO_PKG_VERSION").into()),
        uri: None,
    }));
    feed.set_entries(entries);
    Ok(HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(feed.to_string()))
}
