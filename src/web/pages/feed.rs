//! The network feed: own, followed and shared items, newest first, with search, filters and
//! facet counts.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{ItemCard, LanguageMark, encode};
use crate::{
    api::search::{FacetsView, SearchPage, parse_query, run},
    app::AppContext,
    domain::item::ItemKind,
    http::HttpError,
    search::{self, FacetCount},
    web::{Frame, i18n::Tr, render, session::Viewer},
};

/// A value to filter by, with how many results have it.
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: String,
    pub checked: bool,
}

/// The values of one field to filter by.
pub struct FacetGroup {
    pub param: &'static str,
    pub legend: String,
    pub options: Vec<FacetOption>,
}

#[derive(Template)]
#[template(path = "feed.html")]
struct FeedPage {
    frame: Frame,
    heading: String,
    q: String,
    from: String,
    to: String,
    total: String,
    cards: Vec<ItemCard>,
    groups: Vec<FacetGroup>,
    errors: Vec<String>,
    previous: Option<String>,
    next: Option<String>,
    page_of: String,
    filtered: bool,
    /// Whether only items other cities adapted are shown.
    adapted: bool,
    /// How many filter values are chosen, said on the collapsed filters.
    chosen: String,
    /// What the page was asked, kept by the search form (all but the words) and by the sort
    /// form (all but the order), so that changing one keeps the others.
    kept_by_search: Vec<(String, String)>,
    kept_by_sort: Vec<(String, String)>,
    orders: Vec<OrderChoice>,
    /// "Get new results by e-mail", for a person of the city when mail is on.
    subscribe: Option<SubscribeOffer>,
    /// The order asked for, when not the default, kept by the filters form.
    order: Option<&'static str>,
    /// Why nothing is shown and what to try next, when nothing matched.
    empty: Option<EmptyResult>,
    /// Said while the search index is being rebuilt.
    rebuilding: Option<String>,
}

/// A search offered for a digest: its query string, and what it is called.
pub struct SubscribeOffer {
    pub query: String,
    pub label: String,
}

/// One way to order the results, as the sort control offers it.
struct OrderChoice {
    value: &'static str,
    label: String,
    selected: bool,
}

/// What an empty result says: what was searched, and the nearest useful step.
struct EmptyResult {
    message: String,
    hint: Option<String>,
    /// The same search without its filters.
    without_filters: Option<String>,
}

/// `GET /`: the feed; with `q`, a search; with filters, narrowed.
pub async fn show(
    req: HttpRequest,
    viewer: Viewer,
    pairs: web::Query<Vec<(String, String)>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let tr = &viewer.tr;
    // `ui` chooses the interface language and `lang` the items' language; neither filters.
    let pairs: Vec<(String, String)> = pairs
        .into_inner()
        .into_iter()
        .filter(|(k, v)| !matches!(k.as_str(), "ui") && !v.trim().is_empty())
        .collect();
    let preferred = viewer.reads.clone();
    let (mut query, errors) = match parse_query(&pairs, &req) {
        Ok(query) => (query, Vec::new()),
        Err(errors) => (
            Default::default(),
            errors
                .0
                .iter()
                .map(|e| format!("{}: {}", e.field, tr.problem(e)))
                .collect(),
        ),
    };
    query.page = query.page.max(1);
    if query.per_page == 0 {
        query.per_page = 20;
    }
    query.facets = true;
    query.reader_language = preferred.first().cloned();
    let selected = |key: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| v.split(','))
            .map(|v| v.trim().to_string())
            .collect()
    };
    let from = pairs
        .iter()
        .find(|(k, _)| k == "from")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let to = pairs
        .iter()
        .find(|(k, _)| k == "to")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let filtered = !query.filters.is_empty();
    let adapted = query.filters.adapted;
    let order = query.order;
    let chosen_values = pairs
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "q" | "page" | "sort"))
        .count();
    let kept = |left_out: &[&str]| -> Vec<(String, String)> {
        pairs
            .iter()
            .filter(|(k, _)| k != "page" && !left_out.contains(&k.as_str()))
            .cloned()
            .collect()
    };
    let (kept_by_search, kept_by_sort) = (kept(&["q"]), kept(&["sort"]));
    let orders = search::Order::ALL
        .iter()
        .map(|o| OrderChoice {
            value: o.code(),
            label: tr.t(&format!("sort-{}", o.code())),
            selected: *o == order,
        })
        .collect();
    let text = query.text.trim().to_string();
    let (page_number, per_page) = (query.page, query.per_page);
    let page: SearchPage = run(&data, query, viewer.visibility(), &pairs, &preferred).await?;
    let cards = page
        .items
        .iter()
        .map(|hit| {
            let mut card = ItemCard::new(&hit.item, &viewer, &data.settings);
            if !text.is_empty() {
                // The title and passage of the version that matched, in its language.
                card.title_html = hit.highlight.title.clone();
                card.title_lang = LanguageMark::new(tr, &hit.highlight.language);
                if hit.highlight.snippet.is_some() {
                    card.snippet_html = hit.highlight.snippet.clone();
                    card.snippet_lang = card.title_lang.clone();
                }
            }
            card
        })
        .collect();
    let groups = page
        .facets
        .as_ref()
        .map(|f| facet_groups(tr, f, &selected))
        .unwrap_or_default();
    let pages = (page.total + i64::from(per_page) - 1) / i64::from(per_page);
    let link_to = |n: u32| {
        let mut query: Vec<String> = pairs
            .iter()
            .filter(|(k, _)| k != "page")
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        query.push(format!("page={n}"));
        format!("/?{}", query.join("&"))
    };
    let empty = (page.total == 0).then(|| {
        let without_filters = filtered.then(|| {
            if text.is_empty() {
                "/".to_string()
            } else {
                format!("/?q={}", encode(&text))
            }
        });
        match (text.is_empty(), filtered) {
            (true, false) => EmptyResult {
                message: tr.t("feed-empty"),
                hint: None,
                without_filters,
            },
            (true, true) => EmptyResult {
                message: tr.t("search-empty-filters"),
                hint: None,
                without_filters,
            },
            (false, filtered) => EmptyResult {
                message: if filtered {
                    tr.t1("search-empty-filtered", "query", &text)
                } else {
                    tr.t1("search-empty", "query", &text)
                },
                hint: Some(tr.t("search-empty-hint")),
                without_filters,
            },
        }
    });
    let rebuilding = page.rebuilding.map(|progress| {
        tr.t_with(
            "search-rebuilding",
            &[
                ("indexed", tr.number(progress.indexed as i64).into()),
                ("total", tr.number(progress.total as i64).into()),
            ],
        )
    });
    let heading = if text.is_empty() {
        tr.t("feed-heading")
    } else {
        tr.t1("search-heading", "query", &text)
    };
    let mut frame = Frame::new(&viewer, &req, &data.city, "feed", heading.clone());
    frame.atom = Some(if pairs.is_empty() {
        data.settings.url_for("/feeds/all.atom").to_string()
    } else {
        page.atom.to_string()
    });
    let subscribe = (viewer.user.is_some() && data.settings.mail.enabled()).then(|| {
        let query = pairs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "page" | "sort" | "done"))
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        // Named by what it looks for: the words, then each chosen filter value.
        let mut parts: Vec<String> = Vec::new();
        if !text.is_empty() {
            parts.push(format!("“{text}”"));
        }
        for group in &groups {
            parts.extend(
                group
                    .options
                    .iter()
                    .filter(|o| o.checked)
                    .map(|o| o.label.clone()),
            );
        }
        let label = if parts.is_empty() {
            tr.t("feed-heading")
        } else {
            parts.join(" · ")
        };
        SubscribeOffer { query, label }
    });
    let body = FeedPage {
        frame,
        heading,
        q: text,
        from,
        to,
        total: tr.count("results-count", page.total),
        cards,
        groups,
        errors,
        previous: (page_number > 1).then(|| link_to(page_number - 1)),
        next: (i64::from(page_number) < pages).then(|| link_to(page_number + 1)),
        page_of: tr.t_with(
            "page-of",
            &[
                ("page", tr.number(i64::from(page_number)).into()),
                ("pages", tr.number(pages.max(1)).into()),
            ],
        ),
        filtered,
        adapted,
        chosen: tr.count("filters-chosen", chosen_values as i64),
        kept_by_search,
        kept_by_sort,
        orders,
        order: (order != search::Order::default()).then(|| order.code()),
        subscribe,
        empty,
        rebuilding,
    };
    render(&viewer, &body)
}

fn facet_groups(tr: &Tr, facets: &FacetsView, selected: &dyn Fn(&str) -> Vec<String>) -> Vec<FacetGroup> {
    let options = |param: &'static str, counts: &[FacetCount], label: &dyn Fn(&str) -> String| {
        let chosen = selected(param);
        let mut options: Vec<FacetOption> = counts
            .iter()
            .map(|c| FacetOption {
                label: label(&c.value),
                count: tr.number(c.count),
                checked: chosen.contains(&c.value),
                value: c.value.clone(),
            })
            .collect();
        // A chosen value without results stays visible, so it can be unticked.
        for value in chosen {
            if !options.iter().any(|o| o.value == value) {
                options.push(FacetOption {
                    label: label(&value),
                    count: tr.number(0),
                    checked: true,
                    value,
                });
            }
        }
        options
    };
    let city_label = |value: &str| {
        facets
            .city
            .iter()
            .find(|c| c.value == value)
            .and_then(|c| c.label.clone())
            .unwrap_or_else(|| value.to_string())
    };
    let cities: Vec<FacetCount> = facets
        .city
        .iter()
        .map(|c| FacetCount {
            value: c.value.clone(),
            count: c.count,
        })
        .collect();
    let kinds: Vec<FacetCount> = ItemKind::ALL
        .iter()
        .filter_map(|k| facets.kind.iter().find(|c| c.value == k.code()).cloned())
        .collect();
    vec![
        FacetGroup {
            param: "kind",
            legend: tr.t("filter-kind"),
            options: options("kind", &kinds, &|v| tr.code_label("kind", v)),
        },
        FacetGroup {
            param: "theme",
            legend: tr.t("filter-theme"),
            options: options("theme", &facets.theme, &|v| tr.code_label("theme", v)),
        },
        FacetGroup {
            param: "target_group",
            legend: tr.t("filter-target-group"),
            options: options("target_group", &facets.target_group, &|v| {
                tr.code_label("target-group", v)
            }),
        },
        FacetGroup {
            param: "city",
            legend: tr.t("filter-city"),
            options: options("city", &cities, &city_label),
        },
        FacetGroup {
            param: "country",
            legend: tr.t("filter-country"),
            options: options("country", &facets.country, &|v| tr.code_label("country", v)),
        },
        FacetGroup {
            param: "language",
            legend: tr.t("filter-language"),
            options: options("language", &facets.language, &|v| tr.language_name(v)),
        },
    ]
}
