//! `GET /api/v1/search`: words, filters, facets, highlighted snippets.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use url::Url;

use super::{
    auth::Reader,
    views::{ItemView, LoadedItem, load_items},
};
use crate::{
    app::AppContext,
    domain::{
        audience::{Audience, Visibility},
        item::ItemKind,
        language::LanguageTag,
        sanitize::plain_text,
        validation::{Problem, ValidationErrors},
        vocabulary::{TARGET_GROUPS, THEMES, is_country, one_of},
    },
    http::{ApiError, HttpError, negotiate::reader_languages},
    search::{self, FacetCount, Facets, Filters, SearchQuery, text},
    storage::{StorageError, cities},
};

/// Results per page unless asked otherwise.
const DEFAULT_PER_PAGE: u32 = 20;
/// Words of context in a snippet.
const SNIPPET_WORDS: usize = 30;

/// What matched in an item, for display.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Highlight {
    /// The language the title and snippet are in.
    pub language: String,
    /// The title, escaped, with matching words in `<mark>`.
    pub title: String,
    /// A passage around the first match, escaped, with matching words in `<mark>`.
    pub snippet: Option<String>,
}

/// A matching item, with its rank and what matched.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    #[serde(flatten)]
    pub item: ItemView,
    /// Higher is better: a match in the title counts more than one in the summary or body, one
    /// in the reader's language more than one in another version.
    pub score: f64,
    pub highlight: Highlight,
}

/// A facet value with the label a person reads (the city's name; codes are labelled by the
/// interface in its language).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LabelledCount {
    pub value: String,
    pub count: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Counts per field over every matching item (not only the page).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetsView {
    pub kind: Vec<FacetCount>,
    pub theme: Vec<FacetCount>,
    pub target_group: Vec<FacetCount>,
    /// Origin cities by actor URL, labelled with their names.
    pub city: Vec<LabelledCount>,
    pub country: Vec<FacetCount>,
    pub language: Vec<FacetCount>,
}

/// A page of search results.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchPage {
    /// The words searched for (`q`).
    pub query: String,
    /// How many items match, on every page.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<SearchHit>,
    /// `null` when asked for with `facets=false`.
    pub facets: Option<FacetsView>,
    /// The same search as an Atom feed.
    pub atom: Url,
    /// Present while the search index is being rebuilt (after an upgrade, or when it was lost):
    /// results are then incomplete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebuilding: Option<RebuildProgress>,
}

/// How far a rebuild of the search index has come.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct RebuildProgress {
    /// Items indexed so far.
    pub indexed: u64,
    /// Items to index.
    pub total: u64,
}

/// Reads a search from query parameters: `q`, `kind`, `theme`, `target_group`, `city`,
/// `country`, `language` (each repeatable or comma-separated), `from`, `to`, `page`,
/// `per_page`, `facets`, `sort`. Every problem is reported at once.
pub fn parse_query(pairs: &[(String, String)], req: &HttpRequest) -> Result<SearchQuery, ValidationErrors> {
    parse_search(pairs, reader_languages(req).into_iter().next())
}

/// [`parse_query`] for a reader whose first language is `reader_language` (a saved search run
/// for its digest has no request).
pub fn parse_search(
    pairs: &[(String, String)],
    reader_language: Option<LanguageTag>,
) -> Result<SearchQuery, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut query = SearchQuery {
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        facets: true,
        reader_language,
        ..SearchQuery::default()
    };
    let values = |key: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
            .collect()
    };
    let codes = |key: &str, allowed: &[&str], errors: &mut ValidationErrors| -> Vec<String> {
        let found = values(key);
        for value in &found {
            if !allowed.contains(&value.as_str()) {
                errors.add(
                    key,
                    Problem::UnknownCode,
                    format!("unknown code `{value}`; expected {}", one_of(allowed)),
                );
            }
        }
        found
    };
    let kinds: Vec<&str> = ItemKind::ALL.iter().map(|k| k.code()).collect();
    query.filters = Filters {
        kinds: codes("kind", &kinds, &mut errors),
        themes: codes("theme", THEMES, &mut errors),
        target_groups: codes("target_group", TARGET_GROUPS, &mut errors),
        audiences: codes("audience", &Audience::CODES, &mut errors),
        ..Filters::default()
    };
    for (key, value) in pairs {
        match key.as_str() {
            "q" => query.text = value.clone(),
            "community" => match Url::parse(value) {
                Ok(url) => query.filters.communities.push(url),
                Err(_) => {
                    errors
                        .add(
                            "community",
                            Problem::NotACommunity,
                            format!("expected the URL of a community's actor, got `{value}`"),
                        )
                        .with("value", value);
                }
            },
            "city" => match Url::parse(value) {
                Ok(url) => query.filters.cities.push(url),
                Err(_) => {
                    errors
                        .add(
                            "city",
                            Problem::NotACity,
                            format!("expected the URL of a city's actor, got `{value}`"),
                        )
                        .with("value", value);
                }
            },
            "country" => {
                let code = value.trim().to_ascii_uppercase();
                if is_country(&code) {
                    query.filters.countries.push(code);
                } else {
                    errors
                        .add(
                            "country",
                            Problem::NotACountry,
                            format!("expected an ISO 3166-1 alpha-2 code, got `{value}`"),
                        )
                        .with("value", value);
                }
            }
            "language" => match LanguageTag::parse(value) {
                Ok(tag) => query.filters.languages.push(tag.to_string()),
                Err(e) => {
                    errors
                        .add("language", Problem::NotALanguage, e.to_string())
                        .with("value", value);
                }
            },
            "from" | "to" => match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(date) if key == "from" => query.filters.from = Some(date),
                Ok(date) => query.filters.to = Some(date),
                Err(_) => {
                    errors
                        .add(
                            key.clone(),
                            Problem::NotADate,
                            format!("expected a date like 2026-03-31, got `{value}`"),
                        )
                        .with("value", value);
                }
            },
            "page" => match value.parse::<u32>() {
                Ok(page) if page >= 1 => query.page = page,
                _ => {
                    errors.add("page", Problem::NotAPage, "expected a page number from 1");
                }
            },
            "per_page" => match value.parse::<u32>() {
                Ok(n) if (1..=search::MAX_PER_PAGE).contains(&n) => query.per_page = n,
                _ => {
                    errors
                        .add(
                            "per_page",
                            Problem::PerPageRange,
                            format!("expected 1 to {}", search::MAX_PER_PAGE),
                        )
                        .with("max", search::MAX_PER_PAGE);
                }
            },
            "facets" => query.facets = value != "false",
            "adapted" => match value.as_str() {
                "true" => query.filters.adapted = true,
                "false" => query.filters.adapted = false,
                _ => {
                    errors
                        .add(
                            "adapted",
                            Problem::NotABoolean,
                            format!("expected true or false, got `{value}`"),
                        )
                        .with("value", value);
                }
            },
            "sort" => match search::Order::from_code(value) {
                Some(order) => query.order = order,
                None => {
                    let orders: Vec<&str> = search::Order::ALL.iter().map(|o| o.code()).collect();
                    errors.add(
                        "sort",
                        Problem::UnknownCode,
                        format!("unknown order `{value}`; expected {}", one_of(&orders)),
                    );
                }
            },
            "kind" | "theme" | "target_group" | "audience" | "lang" => {}
            other => {
                errors.add(other, Problem::UnknownParameter, "unknown parameter");
            }
        }
    }
    errors.into_result(query)
}

/// Searches every item this instance holds, in every language version, ranked (title over
/// summary over body, the reader's language first), with highlighted snippets and facet counts.
/// Without `q`, lists the items the filters select, newest first. Filters of one field are
/// alternatives; filters of different fields all apply.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "feed",
    params(
        ("q" = Option<String>, Query,
            description = "Words, in any language: each must start a word of the item; case and accents do not matter"),
        ("kind" = Option<Vec<ItemKind>>, Query, explode, description = "Repeatable or comma-separated"),
        ("theme" = Option<Vec<String>>, Query, explode, description = "Theme codes (docs/API.md)"),
        ("target_group" = Option<Vec<String>>, Query, explode, description = "Target group codes (docs/API.md)"),
        ("city" = Option<Vec<String>>, Query, explode, description = "Actor URLs of origin cities"),
        ("community" = Option<Vec<String>>, Query, explode, description = "Actor URLs of communities the items are posted to"),
        ("country" = Option<Vec<String>>, Query, explode, description = "ISO 3166-1 alpha-2 codes"),
        ("language" = Option<Vec<String>>, Query, explode, description = "BCP 47 tags of language versions"),
        ("audience" = Option<Vec<String>>, Query, explode, description = "`public`, `partners`, `cities`; without a token only public items are ever found"),
        ("from" = Option<chrono::NaiveDate>, Query, description = "Items whose period overlaps `from`..`to` (items without a period are left out)"),
        ("to" = Option<chrono::NaiveDate>, Query, description = "See `from`"),
        ("page" = Option<u32>, Query, minimum = 1, description = "From 1"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 100, description = "20 unless given"),
        ("facets" = Option<bool>, Query, description = "`false` leaves the counts out (faster)"),
        ("adapted" = Option<bool>, Query, description = "`true`: only items another city adapted (`adapted_from` them)"),
        ("sort" = Option<String>, Query, description = "`relevance` (the default: best matches first, newest first without `q`), `newest` (published), `updated` (last changed)"),
        ("lang" = Option<String>, Query, description = "The reader's language, over `Accept-Language`"),
    ),
    responses(
        (status = 200, body = SearchPage),
        (status = 422, description = "A parameter is not valid: every problem, by parameter", body = ApiError),
    )
)]
pub async fn search(
    req: HttpRequest,
    pairs: web::Query<Vec<(String, String)>>,
    Reader(visibility): Reader,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let query = parse_query(&pairs, &req)?;
    let page = run(&data, query, visibility, &pairs, &reader_languages(&req)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Runs a search and builds the page a reader sees; a reader who may see only public items
/// finds (and counts) only those.
pub async fn run(
    data: &Data<AppContext>,
    mut query: SearchQuery,
    visibility: Visibility,
    pairs: &[(String, String)],
    preferred: &[LanguageTag],
) -> Result<SearchPage, HttpError> {
    query.public_only = visibility == Visibility::PublicOnly;
    let (page, per_page, text_query) = (query.page, query.per_page, query.text.clone());
    crate::service::search::wait_until_current(&data.db, &data.search, &data.search_signal).await;
    let engine = data.search.clone();
    let results = tokio::task::spawn_blocking(move || engine.search(&query))
        .await
        .map_err(|_| HttpError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "search failed");
            HttpError::internal()
        })?;
    let ids: Vec<_> = results.hits.iter().map(|h| h.item_id).collect();
    let facet_cities: Vec<String> = results
        .facets
        .as_ref()
        .map(|f| f.city.iter().map(|c| c.value.clone()).collect())
        .unwrap_or_default();
    let (loaded, city_names) = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            // Checked again here: an item deleted since the index last caught up is left out.
            let stored = crate::storage::items::get_many(conn, &ids)?
                .into_iter()
                .filter(|s| s.deleted_at.is_none())
                .collect();
            let loaded = load_items(conn, stored)?;
            let mut names = Vec::new();
            for city in facet_cities {
                if let Ok(url) = Url::parse(&city)
                    && let Some((_, found)) = cities::find_by_ap_id(conn, &url)?
                {
                    names.push((city, found.name));
                }
            }
            Ok((loaded, names))
        })
        .await?;
    let items = results
        .hits
        .iter()
        .filter_map(|hit| {
            let loaded = loaded.iter().find(|l| l.stored.id == hit.item_id)?;
            Some(SearchHit {
                item: ItemView::for_languages(loaded, preferred),
                score: hit.score,
                highlight: highlight(loaded, &results.terms, preferred),
            })
        })
        .collect();
    let facets = results.facets.map(|f: Facets| FacetsView {
        kind: f.kind,
        theme: f.theme,
        target_group: f.target_group,
        city: f
            .city
            .into_iter()
            .map(|c| LabelledCount {
                label: city_names
                    .iter()
                    .find(|(v, _)| *v == c.value)
                    .map(|(_, n)| n.clone()),
                value: c.value,
                count: c.count,
            })
            .collect(),
        country: f.country,
        language: f.language,
    });
    let mut atom = data.settings.url_for("/feeds/search.atom");
    {
        let mut params = atom.query_pairs_mut();
        for (k, v) in pairs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "page" | "per_page" | "facets"))
        {
            params.append_pair(k, v);
        }
    }
    let rebuilding = match results.status {
        search::Status::Ready => None,
        search::Status::Rebuilding { indexed, total } => Some(RebuildProgress { indexed, total }),
    };
    Ok(SearchPage {
        query: text_query,
        total: results.total,
        page,
        per_page,
        items,
        facets,
        atom,
        rebuilding,
    })
}

/// Picks the language version that matched (the reader's first, then the original, then any)
/// and marks the matching words in its title and in a passage of its text.
fn highlight(loaded: &LoadedItem, terms: &[String], preferred: &[LanguageTag]) -> Highlight {
    let content = &loaded.stored.item.content;
    let texts_of = |language: &LanguageTag| -> Vec<String> {
        let mut texts: Vec<String> = content
            .title
            .get(language)
            .into_iter()
            .map(str::to_string)
            .collect();
        texts.extend(content.summary.get(language).map(str::to_string));
        texts.extend(content.body.get(language).map(plain_text));
        texts.extend(
            content
                .details
                .texts()
                .filter_map(|(_, map)| map.get(language).map(str::to_string)),
        );
        texts
    };
    let mut candidates: Vec<&LanguageTag> = preferred
        .iter()
        .filter_map(|p| {
            content
                .title
                .languages()
                .find(|l| *l == p || l.primary() == p.primary())
        })
        .collect();
    candidates.push(&content.original_language);
    candidates.extend(content.title.languages());
    // The version that matches the most words, the reader's own first among equals.
    let mut language = &content.original_language;
    let mut best = 0;
    if !terms.is_empty() {
        for candidate in &candidates {
            let matched = text::matching_terms(&texts_of(candidate).join(" "), terms);
            if matched > best {
                (language, best) = (candidate, matched);
            }
        }
        if best == 0
            && let Some(first) = candidates
                .first()
                .filter(|_| matches_tags(content.tags.as_slice(), terms))
        {
            language = first;
        }
    } else if let Some(first) = candidates.first() {
        language = first;
    }
    let language = language.clone();
    let title = content.title.get(&language).unwrap_or_default();
    let snippet = if terms.is_empty() {
        None
    } else {
        texts_of(&language)
            .iter()
            .skip(1)
            .find_map(|t| text::snippet(t, terms, SNIPPET_WORDS))
    };
    Highlight {
        language: language.to_string(),
        title: text::highlight(title, terms),
        snippet,
    }
}

fn matches_tags(tags: &[String], terms: &[String]) -> bool {
    text::matching_terms(&tags.join(" "), terms) > 0
}
