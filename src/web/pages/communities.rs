//! Communities of practice: the list (hosted here, joined, asked to join), joining and leaving,
//! creating one; and a page per community with what it is about, its items, and for its
//! moderators its members, requests and moderation.

use std::collections::BTreeMap;

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;
use url::Url;

use super::{ItemCard, community_href, encode};
use crate::federation::community_routes::local_community;
use crate::{
    api::views::{ItemView, load_items},
    app::AppContext,
    domain::{community::CommunityDraft, user::Role},
    http::HttpError,
    service::{
        self,
        communities::{Listed, MemberAction},
    },
    storage::{follows::FollowState, items},
    web::{Frame, render, render_with, see_other, session::Viewer},
};

/// Items shown on a community's page.
const ITEMS_SHOWN: i64 = 50;

/// A community in a list.
pub struct CommunityRow {
    pub name: String,
    pub address: String,
    pub href: String,
    pub id: String,
    pub summary: String,
    /// This city's standing, in words.
    pub standing: String,
    pub is_local: bool,
    pub joined: bool,
}

impl CommunityRow {
    fn new(viewer: &Viewer, listed: &Listed) -> CommunityRow {
        let tr = &viewer.tr;
        let community = &listed.community;
        CommunityRow {
            name: community.name_for(&viewer.reads).to_string(),
            address: community.actor.address(),
            href: community_href(&community.actor.ap_id),
            id: community.actor.ap_id.to_string(),
            summary: community.summary_for(&viewer.reads).to_string(),
            standing: tr.t(standing_key(listed)),
            is_local: community.actor.is_local,
            joined: listed.standing.is_some(),
        }
    }
}

fn standing_key(listed: &Listed) -> &'static str {
    match listed.standing {
        _ if listed.community.actor.is_local => "communities-standing-host",
        Some(FollowState::Accepted) => "communities-standing-member",
        Some(FollowState::Pending) => "communities-standing-pending",
        Some(FollowState::Removed) => "communities-standing-removed",
        None => "communities-standing-none",
    }
}

#[derive(Template)]
#[template(path = "communities.html")]
struct CommunitiesPage {
    frame: Frame,
    rows: Vec<CommunityRow>,
    target: String,
    error: Option<String>,
    /// The create form, refilled after an error.
    handle: String,
    name: String,
    summary: String,
    approval: bool,
    create_error: Option<String>,
}

/// `GET /communities`
pub async fn show(
    req: HttpRequest,
    viewer: Viewer,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    list_page(&req, &viewer, &data, Refill::default()).await
}

#[derive(Default)]
struct Refill {
    target: String,
    error: Option<String>,
    create: Option<(CreateForm, String)>,
}

async fn list_page(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    refill: Refill,
) -> Result<HttpResponse, HttpError> {
    let listed = service::communities::list(data).await?;
    let failed = refill.error.is_some() || refill.create.is_some();
    let (form, create_error) = match refill.create {
        Some((form, error)) => (form, Some(error)),
        None => (CreateForm::default(), None),
    };
    let page = CommunitiesPage {
        frame: Frame::new(
            viewer,
            req,
            &data.city,
            "communities",
            viewer.tr.t("communities-heading"),
        ),
        rows: listed.iter().map(|l| CommunityRow::new(viewer, l)).collect(),
        target: refill.target,
        error: refill.error,
        handle: form.handle,
        name: form.name,
        summary: form.summary,
        approval: form.membership == "approval",
        create_error,
    };
    let status = if failed {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with(viewer, status, &page)
}

/// A local community's own address, asked for by a browser: its page.
pub async fn at_address(
    handle: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let (_, community) = local_community(&data, &handle).await?;
    Ok(see_other(&community_href(&community.actor.ap_id)))
}

#[derive(Deserialize)]
pub struct JoinForm {
    csrf: String,
    community: String,
}

/// `POST /communities/join`: asks to join by `handle@host` or URL (admins, as for following).
pub async fn join(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<JoinForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    let target = form.community.trim().to_string();
    let outcome = if target.is_empty() {
        Err(viewer.tr.t("communities-join-empty"))
    } else {
        service::communities::join(&data, &target)
            .await
            .map_err(|e| HttpError::from(e).message)
    };
    match outcome {
        Ok(_) => Ok(see_other("/communities")),
        Err(error) => {
            let refill = Refill {
                target,
                error: Some(error),
                create: None,
            };
            list_page(&req, &viewer, &data, refill).await
        }
    }
}

/// `POST /communities/leave`
pub async fn leave(
    viewer: Viewer,
    form: web::Form<JoinForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    service::communities::leave(&data, form.community.trim()).await?;
    Ok(see_other("/communities"))
}

#[derive(Deserialize, Default)]
pub struct CreateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    membership: String,
}

/// `POST /communities`: an editor creates a community, named in the interface's language.
pub async fn create(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<CreateForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Editor)?.clone();
    viewer.check_csrf(&form.csrf)?;
    let form = form.into_inner();
    let language = viewer.tr.code().to_string();
    let text = |t: &str| BTreeMap::from([(language.clone(), t.to_string())]);
    let draft = CommunityDraft {
        handle: Some(form.handle.trim().to_string()),
        names: text(&form.name),
        summaries: text(&form.summary),
        themes: Vec::new(),
        icon: None,
        membership: Some(form.membership.clone()).filter(|m| !m.is_empty()),
    };
    match service::communities::create(&data, draft, &user).await {
        Ok(community) => Ok(see_other(&community_href(&community.actor.ap_id))),
        Err(e) => {
            let message = match e {
                service::ServiceError::Invalid(errors) => errors
                    .0
                    .iter()
                    .map(|e| viewer.tr.problem(e))
                    .collect::<Vec<_>>()
                    .join(" "),
                other => HttpError::from(other).message,
            };
            let refill = Refill {
                create: Some((form, message)),
                ..Refill::default()
            };
            list_page(&req, &viewer, &data, refill).await
        }
    }
}

/// A city in a community's roster.
pub struct MemberRow {
    pub name: String,
    pub address: String,
    pub id: String,
    pub state: String,
    pub pending: bool,
    pub removed: bool,
}

#[derive(Template)]
#[template(path = "community.html")]
struct CommunityPage {
    frame: Frame,
    row: CommunityRow,
    membership: String,
    handle: String,
    /// Whether the viewer moderates it (its moderators and the admins).
    moderates: bool,
    members: Vec<MemberRow>,
    moderators: Vec<String>,
    cards: Vec<(ItemCard, String)>,
    /// New items posted to it by e-mail, when mail is set up.
    subscribe: Option<super::feed::SubscribeOffer>,
}

#[derive(Deserialize)]
pub struct CommunityQuery {
    id: Url,
}

/// `GET /community?id=URL`: a community, hosted here or elsewhere.
pub async fn profile(
    req: HttpRequest,
    viewer: Viewer,
    query: web::Query<CommunityQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let tr = &viewer.tr;
    let listed = service::communities::get(&data, &query.id)
        .await
        .map_err(|_| HttpError::not_found(tr.t("communities-not-found")).in_readers_language())?;
    let community = &listed.community;
    let moderates = match &viewer.user {
        Some(user) if community.actor.is_local => {
            service::communities::moderates(&data, user, &community.actor.ap_id).await?
        }
        _ => false,
    };
    let (members, moderators) = if community.actor.is_local && viewer.user.is_some() {
        let roster = service::communities::roster(&data, &community.actor.handle).await?;
        let members = roster
            .cities
            .iter()
            .map(|(city, state)| MemberRow {
                name: city.name_for(&viewer.reads).to_string(),
                address: city.address(),
                id: city.ap_id.to_string(),
                state: tr.t(match state {
                    FollowState::Accepted => "communities-standing-member",
                    FollowState::Pending => "communities-standing-pending",
                    FollowState::Removed => "communities-standing-removed",
                }),
                pending: *state == FollowState::Pending,
                removed: *state == FollowState::Removed,
            })
            .collect();
        let moderators = roster.moderators.iter().map(|m| m.display_name.clone()).collect();
        (members, moderators)
    } else {
        (Vec::new(), Vec::new())
    };
    let (group, visibility) = (community.actor.ap_id.clone(), viewer.visibility());
    let loaded = data
        .db
        .read(move |conn| {
            let stored = items::in_community(conn, &group, visibility, None, ITEMS_SHOWN)?;
            load_items(conn, stored)
        })
        .await?;
    let cards = loaded
        .iter()
        .map(|item| {
            let view = ItemView::for_languages(item, &viewer.reads);
            let card = ItemCard::new(&view, &viewer, &data.settings);
            (card, view.id.to_string())
        })
        .collect();
    let subscribe =
        (viewer.user.is_some() && data.settings.mail.enabled()).then(|| super::feed::SubscribeOffer {
            query: format!("community={}", super::encode(community.actor.ap_id.as_str())),
            label: community.name_for(&viewer.reads).to_string(),
        });
    let page = CommunityPage {
        subscribe,
        frame: Frame::new(
            &viewer,
            &req,
            &data.city,
            "communities",
            community.name_for(&viewer.reads).to_string(),
        ),
        row: CommunityRow::new(&viewer, &listed),
        membership: tr.t(match community.membership {
            crate::domain::community::Membership::Open => "communities-membership-open",
            crate::domain::community::Membership::Approval => "communities-membership-approval",
        }),
        handle: community.actor.handle.clone(),
        moderates,
        members,
        moderators,
        cards,
    };
    render(&viewer, &page)
}

#[derive(Deserialize)]
pub struct MemberForm {
    csrf: String,
    handle: String,
    city: String,
    action: String,
}

/// `POST /community/members`: a moderator approves, refuses, removes or readmits a city.
pub async fn change_member(
    viewer: Viewer,
    form: web::Form<MemberForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Editor)?.clone();
    viewer.check_csrf(&form.csrf)?;
    let action = match form.action.as_str() {
        "approve" => MemberAction::Approve,
        "refuse" => MemberAction::Refuse,
        "remove" => MemberAction::Remove,
        "readmit" => MemberAction::Readmit,
        _ => {
            return Err(
                HttpError::bad_request(viewer.tr.t("communities-unknown-action")).in_readers_language()
            );
        }
    };
    service::communities::moderate_member(&data, &user, &form.handle, &form.city, action).await?;
    Ok(back_to(&data, &form.handle))
}

#[derive(Deserialize)]
pub struct RemovalForm {
    csrf: String,
    handle: String,
    item: Url,
}

/// `POST /community/removals`: a moderator takes an item out of the community.
pub async fn remove_item(
    viewer: Viewer,
    form: web::Form<RemovalForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Editor)?.clone();
    viewer.check_csrf(&form.csrf)?;
    service::communities::remove_item(&data, &user, &form.handle, &form.item).await?;
    Ok(back_to(&data, &form.handle))
}

#[derive(Deserialize)]
pub struct ModeratorForm {
    csrf: String,
    handle: String,
    username: String,
}

/// `POST /community/moderators`: a moderator appoints another.
pub async fn appoint(
    viewer: Viewer,
    form: web::Form<ModeratorForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Editor)?.clone();
    viewer.check_csrf(&form.csrf)?;
    service::communities::set_moderator(&data, &user, &form.handle, form.username.trim(), true).await?;
    Ok(back_to(&data, &form.handle))
}

fn back_to(data: &AppContext, handle: &str) -> HttpResponse {
    let id = crate::federation::urls::community(&data.settings, handle);
    see_other(&format!("/community?id={}", encode(id.as_str())))
}
