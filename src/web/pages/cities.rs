//! Cities: whom this city follows, who follows it, following by handle or URL, and a page per
//! city with its items.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use url::Url;

use super::{ItemCard, city_href, encode};
use crate::{
    api::{
        search::run,
        views::{CityProfile, CityView, RelationView},
    },
    app::AppContext,
    domain::{
        language::LanguageTag,
        policy::{FederationPolicy, PolicyMode},
        sanitize::{plain_text, teaser},
        user::Role,
    },
    http::HttpError,
    search::{Filters, SearchQuery},
    service::{self, ServiceError, peers::PeerRef},
    storage::{StorageError, cities, follows},
    web::{Frame, Preview, i18n::Tr, render, see_other, session::Viewer, with_done},
};

/// Items per page of a city's page.
const PER_PAGE: u32 = 20;

/// A city in a list.
pub struct CityRow {
    pub name: String,
    pub address: String,
    pub href: String,
    pub id: String,
    pub state: String,
    /// What the federation policy says of the city, when it is not open to everyone.
    pub policy: Option<String>,
    /// The policy refuses the city: nothing is exchanged with it.
    pub refused: bool,
}

impl CityRow {
    fn new(tr: &Tr, reads: &[LanguageTag], relation: &RelationView, policy: &FederationPolicy) -> CityRow {
        let refused = policy.check(&relation.city.id).is_err();
        CityRow {
            policy: policy_label(tr, policy, refused),
            refused,
            name: relation.city.name_for(reads).to_string(),
            address: relation.city.address.clone(),
            href: city_href(&relation.city),
            id: relation.city.id.to_string(),
            state: tr.t(match relation.state {
                "pending" => "cities-state-pending",
                _ => "cities-state-accepted",
            }),
        }
    }
}

/// "Blocked: nothing is exchanged" and the like, unless the policy is open to every city.
pub fn policy_label(tr: &Tr, policy: &FederationPolicy, refused: bool) -> Option<String> {
    let key = match (policy.mode, refused) {
        (PolicyMode::Open, _) => return None,
        (_, false) => "cities-policy-allowed",
        (PolicyMode::Allowlist, true) => "cities-policy-not-member",
        (PolicyMode::Blocklist, true) => "cities-policy-blocked",
    };
    Some(tr.t(key))
}

#[derive(Template)]
#[template(path = "cities.html")]
struct CitiesPage {
    frame: Frame,
    following: Vec<CityRow>,
    pending: Vec<CityRow>,
    followers: Vec<CityRow>,
    /// Follow requests waiting for an admin (see the federation policy).
    requests: Vec<CityRow>,
    target: String,
    error: Option<String>,
}

/// `GET /cities`
pub async fn show(
    req: HttpRequest,
    viewer: Viewer,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    page(&req, &viewer, &data, String::new(), None).await
}

async fn page(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    target: String,
    error: Option<String>,
) -> Result<HttpResponse, HttpError> {
    let tr = &viewer.tr;
    let profile = CityProfile::load(data).await?;
    let policy = data.policy.current().await?;
    let rows = |relations: &[RelationView], state: &str| -> Vec<CityRow> {
        relations
            .iter()
            .filter(|r| r.state == state)
            .map(|r| CityRow::new(tr, &viewer.reads, r, &policy))
            .collect()
    };
    let page = CitiesPage {
        frame: Frame::new(viewer, req, &data.city, "cities", tr.t("cities-heading")),
        following: rows(&profile.following, "accepted"),
        pending: rows(&profile.following, "pending"),
        followers: rows(&profile.followers, "accepted"),
        requests: rows(&profile.followers, "pending"),
        target,
        error,
    };
    let status = if page.error.is_some() {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        actix_web::http::StatusCode::OK
    };
    crate::web::render_with(viewer, status, &page)
}

/// The city's own address, asked for by a browser: its page.
pub async fn at_address() -> HttpResponse {
    see_other("/cities/view")
}

#[derive(Deserialize)]
pub struct FollowForm {
    csrf: String,
    city: String,
    /// `yes` once the admin confirmed (unfollowing).
    confirm: Option<String>,
}

/// `POST /cities/follow`: follows a city by `handle@domain` or actor URL.
pub async fn follow(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<FollowForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    let target = form.city.trim().to_string();
    if target.is_empty() {
        let message = viewer.tr.t("cities-follow-empty");
        return page(&req, &viewer, &data, target, Some(message)).await;
    }
    let message = match PeerRef::parse(&target) {
        Err(_) => not_an_address(&viewer, &data, &target).await?,
        Ok(peer)
            if peer.to_string() == data.city.address() || peer.to_string() == data.city.ap_id.as_str() =>
        {
            viewer.tr.t("cities-follow-self")
        }
        Ok(_) => match service::follows::follow(&data, &target).await {
            Ok(_) => return Ok(see_other(&with_done("/cities", "followed"))),
            Err(ServiceError::Forbidden(_)) => viewer.tr.t1("cities-follow-refused", "city", &target),
            Err(ServiceError::BadInput(_)) => viewer.tr.t("cities-follow-self"),
            Err(ServiceError::Federation(e)) => {
                tracing::info!(%target, error = %e, "could not follow");
                viewer.tr.t1("cities-follow-unreachable", "city", &target)
            }
            Err(ServiceError::NotFound(_)) => viewer.tr.t1("cities-follow-unreachable", "city", &target),
            Err(e) => return Err(e.into()),
        },
    };
    page(&req, &viewer, &data, target, Some(message)).await
}

/// What to say of a name that is no city address ("Vidin"): how to write one, and the known
/// cities whose name it matches.
async fn not_an_address(viewer: &Viewer, data: &Data<AppContext>, text: &str) -> Result<String, HttpError> {
    let wanted = text.to_lowercase();
    let reads = viewer.reads.clone();
    let matches = data
        .db
        .read(move |conn| -> Result<Vec<String>, StorageError> {
            Ok(cities::peers(conn, 500)?
                .into_iter()
                .filter(|c| {
                    std::iter::once(&c.name)
                        .chain(c.names.values())
                        .any(|n| n.to_lowercase().contains(&wanted))
                })
                .take(3)
                .map(|c| format!("{} ({})", c.name_for(&reads), c.address()))
                .collect())
        })
        .await?;
    let mut message = viewer.tr.t1("cities-follow-not-an-address", "text", text);
    if !matches.is_empty() {
        message.push(' ');
        message.push_str(
            &viewer
                .tr
                .t1("cities-follow-did-you-mean", "cities", &matches.join(", ")),
        );
    }
    Ok(message)
}

#[derive(Template)]
#[template(path = "unfollow_confirm.html")]
struct UnfollowConfirmPage {
    frame: Frame,
    city: String,
    question: String,
}

/// `POST /cities/unfollow`: asks first, naming the city and what stopping means.
pub async fn unfollow(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<FollowForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    if form.confirm.as_deref() != Some("yes") {
        viewer.require(Role::Admin)?;
        viewer.check_csrf(&form.csrf)?;
        let tr = &viewer.tr;
        let named = form.city.trim().to_string();
        let lookup = named.clone();
        let known = data
            .db
            .read(move |conn| -> Result<_, StorageError> {
                let Ok(url) = Url::parse(&lookup) else {
                    return Ok(None);
                };
                Ok(cities::find_by_ap_id(conn, &url)?.map(|(_, city)| city))
            })
            .await?;
        let name = known
            .as_ref()
            .map(|c| c.name_for(&viewer.reads).to_string())
            .unwrap_or_else(|| named.clone());
        let page = UnfollowConfirmPage {
            frame: Frame::new(
                &viewer,
                &req,
                &data.city,
                "cities",
                tr.t("unfollow-confirm-heading"),
            ),
            question: tr.t1("unfollow-confirm-question", "city", &name),
            city: named,
        };
        return render(&viewer, &page);
    }
    change_relation(&viewer, &form, |city| service::follows::unfollow(&data, city)).await?;
    Ok(see_other(&with_done("/cities", "unfollowed")))
}

/// An admin's button on the cities page about one city: checked, done, back to the page.
async fn change_relation<'a, Fut>(
    viewer: &Viewer,
    form: &'a FollowForm,
    change: impl FnOnce(&'a str) -> Fut,
) -> Result<HttpResponse, HttpError>
where
    Fut: std::future::Future<Output = Result<service::follows::FollowChange, service::ServiceError>>,
{
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    change(form.city.trim()).await?;
    Ok(see_other("/cities"))
}

#[derive(Template)]
#[template(path = "city.html")]
struct CityPage {
    frame: Frame,
    city: CityView,
    languages: String,
    country: Option<String>,
    /// How this city and that one relate, in words.
    relation: Vec<String>,
    /// Whether this city follows (or asked to follow) that one.
    followed: bool,
    total: String,
    cards: Vec<ItemCard>,
    previous: Option<String>,
    next: Option<String>,
    /// "Get this city's new items by e-mail", for a person of the city when mail is on.
    subscribe: Option<super::feed::SubscribeOffer>,
}

#[derive(Deserialize)]
pub struct ProfileQuery {
    id: Option<Url>,
    page: Option<u32>,
}

/// `GET /cities/view?id=URL`: a city and its items (this city without `id`).
pub async fn profile(
    req: HttpRequest,
    viewer: Viewer,
    query: web::Query<ProfileQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let tr = &viewer.tr;
    let id = query.id.clone().unwrap_or_else(|| data.city.ap_id.clone());
    let local_id = data.city_id;
    let lookup = id.clone();
    let found = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let Some((city_id, city)) = cities::find_by_ap_id(conn, &lookup)? else {
                return Ok(None);
            };
            let following = follows::find(conn, local_id, city_id)?;
            let follower = follows::find(conn, city_id, local_id)?;
            Ok(Some((city, following, follower)))
        })
        .await?;
    let Some((city, following, follower)) = found else {
        return Err(HttpError::not_found(tr.t("error-city-not-found")).in_readers_language());
    };
    let mut relation = Vec::new();
    if let Some(state) = &following {
        relation.push(tr.t(match state.state {
            follows::FollowState::Pending => "city-we-asked",
            follows::FollowState::Accepted => "city-we-follow",
            follows::FollowState::Removed => "city-removed-us",
        }));
    }
    if follower.is_some() {
        relation.push(tr.t("city-follows-us"));
    }
    let page_number = query.page.unwrap_or(1).max(1);
    let search = SearchQuery {
        filters: Filters {
            cities: vec![id.clone()],
            ..Filters::default()
        },
        page: page_number,
        per_page: PER_PAGE,
        facets: false,
        ..SearchQuery::default()
    };
    let preferred = viewer.reads.clone();
    let results = run(&data, search, viewer.visibility(), &[], &preferred).await?;
    let cards = results
        .items
        .iter()
        .map(|hit| ItemCard::new(&hit.item, &viewer, &data.settings))
        .collect();
    let pages = (results.total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE);
    let base = match &query.id {
        Some(id) => format!("/cities/view?id={}&", encode(id.as_str())),
        None => "/cities/view?".to_string(),
    };
    let view = CityView::from(&city);
    let mut frame = Frame::new(
        &viewer,
        &req,
        &data.city,
        "cities",
        city.name_for(&viewer.reads).to_string(),
    );
    frame.atom = Some(
        data.settings
            .url_for(&format!("/feeds/cities/{}.atom", encode(&view.address)))
            .to_string(),
    );
    let page_path = match &query.id {
        Some(id) => format!("/cities/view?id={}", encode(id.as_str())),
        None => "/cities/view".to_string(),
    };
    frame.preview = Some(Preview {
        kind: "profile",
        title: city.name_for(&viewer.reads).to_string(),
        description: teaser(&plain_text(&city.summary), super::item::PREVIEW_CHARS),
        url: data.settings.url_for(&page_path).to_string(),
        activitypub: city.ap_id.to_string(),
        published: None,
    });
    let subscribe = (viewer.user.is_some() && data.settings.mail.enabled() && !view.is_local).then(|| {
        super::feed::SubscribeOffer {
            query: format!("city={}", super::encode(view.id.as_str())),
            label: view.name_for(&viewer.reads).to_string(),
        }
    });
    let page = CityPage {
        subscribe,
        frame,
        languages: view
            .languages
            .iter()
            .map(|l| tr.language_name(l))
            .collect::<Vec<_>>()
            .join(", "),
        country: view.country.as_deref().map(|c| tr.code_label("country", c)),
        relation,
        followed: following.is_some(),
        total: tr.count("items-count", results.total),
        cards,
        previous: (page_number > 1).then(|| format!("{base}page={}", page_number - 1)),
        next: (i64::from(page_number) < pages).then(|| format!("{base}page={}", page_number + 1)),
        city: view,
    };
    render(&viewer, &page)
}

/// `POST /cities/requests/approve`: accepts a follow request that waits for approval.
pub async fn approve(
    viewer: Viewer,
    form: web::Form<FollowForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    change_relation(&viewer, &form, |city| service::follows::approve(&data, city)).await
}

/// `POST /cities/requests/reject`: turns a follow request down.
pub async fn reject(
    viewer: Viewer,
    form: web::Form<FollowForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    change_relation(&viewer, &form, |city| service::follows::reject(&data, city)).await
}
