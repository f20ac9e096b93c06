//! `/api/v1/communities`: communities of practice, hosted here or elsewhere; creating one
//! (editors), joining and leaving (admins, as for following cities), and moderating one hosted
//! here (its moderators and the admins).

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use url::Url;

use super::auth::{Admin, Caller, Editor};
use crate::{
    api::views::CityView,
    app::AppContext,
    domain::community::{CommunityDraft, Membership},
    http::{ApiError, HttpError},
    service::{
        self,
        communities::{Listed, MemberAction, Roster},
    },
    storage::follows::FollowState,
};

/// A community, as this city sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunityView {
    /// The `Group` actor's id.
    pub id: Url,
    /// `handle@host`, how others find and join it.
    pub address: String,
    pub handle: String,
    /// The name in its main language, and by language tag.
    pub name: String,
    pub names: std::collections::BTreeMap<String, String>,
    pub summaries: std::collections::BTreeMap<String, String>,
    pub themes: Vec<String>,
    pub icon: Option<Url>,
    pub membership: Membership,
    /// Hosted by this city.
    pub is_local: bool,
    /// This city's standing: `member`, `pending` (asked, not yet accepted), `removed`, or
    /// absent when it never asked.
    pub standing: Option<&'static str>,
    /// How many cities belong to it, for one hosted here.
    pub members: Option<usize>,
}

fn standing_code(state: FollowState) -> &'static str {
    match state {
        FollowState::Accepted => "member",
        FollowState::Pending => "pending",
        FollowState::Removed => "removed",
    }
}

impl From<&Listed> for CommunityView {
    fn from(listed: &Listed) -> CommunityView {
        let community = &listed.community;
        CommunityView {
            id: community.actor.ap_id.clone(),
            address: community.actor.address(),
            handle: community.actor.handle.clone(),
            name: community.actor.name.clone(),
            names: community.actor.names.clone(),
            summaries: community.summaries.clone(),
            themes: community.themes.clone(),
            icon: community.icon.clone(),
            membership: community.membership,
            is_local: community.actor.is_local,
            standing: listed.standing.map(standing_code),
            members: listed.members,
        }
    }
}

/// A city that asked to join a community hosted here.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub city: CityView,
    /// `member`, `pending` or `removed`.
    pub state: &'static str,
}

/// A moderator of a community hosted here.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModeratorView {
    pub username: String,
    pub display_name: String,
}

/// A community hosted here with who belongs to it and who moderates it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RosterView {
    pub community: CommunityView,
    pub cities: Vec<MemberView>,
    pub moderators: Vec<ModeratorView>,
}

impl From<&Roster> for RosterView {
    fn from(roster: &Roster) -> RosterView {
        RosterView {
            community: CommunityView::from(&roster.listed),
            cities: roster
                .cities
                .iter()
                .map(|(city, state)| MemberView {
                    city: CityView::from(city),
                    state: standing_code(*state),
                })
                .collect(),
            moderators: roster
                .moderators
                .iter()
                .map(|m| ModeratorView {
                    username: m.username.clone(),
                    display_name: m.display_name.clone(),
                })
                .collect(),
        }
    }
}

/// Every community this city knows: those it hosts, joined or looked up.
#[utoipa::path(
    get,
    path = "/api/v1/communities",
    tag = "communities",
    responses((status = 200, body = Vec<CommunityView>))
)]
pub async fn list(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let listed = service::communities::list(&data).await?;
    Ok(HttpResponse::Ok().json(listed.iter().map(CommunityView::from).collect::<Vec<_>>()))
}

/// Creates a community hosted by this city; the caller becomes its first moderator.
#[utoipa::path(
    post,
    path = "/api/v1/communities",
    tag = "communities",
    request_body = CommunityDraft,
    responses(
        (status = 201, body = CommunityView),
        (status = 400, description = "A field is wrong (each named in `fields`), or the handle is taken", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an editor", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    Editor(user): Editor,
    draft: web::Json<CommunityDraft>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let community = service::communities::create(&data, draft.into_inner(), &user).await?;
    let listed = service::communities::get(&data, &community.actor.ap_id).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", community.actor.ap_id.as_str()))
        .json(CommunityView::from(&listed)))
}

/// A community hosted here, with its cities (members, requests, removed) and moderators.
#[utoipa::path(
    get,
    path = "/api/v1/communities/{handle}",
    tag = "communities",
    params(("handle" = String, Path, description = "The community's handle")),
    responses(
        (status = 200, body = RosterView),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 404, description = "No community with that handle is hosted here", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn roster(
    _caller: Caller,
    handle: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let roster = service::communities::roster(&data, &handle).await?;
    Ok(HttpResponse::Ok().json(RosterView::from(&roster)))
}

/// A local community at its own address, for clients that ask for JSON (the `Group` is for
/// ActivityPub clients, the page for browsers).
pub async fn at_address(
    handle: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let (_, community) = crate::federation::community_routes::local_community(&data, &handle).await?;
    let listed = service::communities::get(&data, &community.actor.ap_id).await?;
    Ok(HttpResponse::Ok().json(CommunityView::from(&listed)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityRef {
    /// `handle@domain` or the URL of the community's `Group` actor.
    community: String,
}

/// Asks to join a community hosted elsewhere: pending until it accepts, then its history is
/// imported.
#[utoipa::path(
    post,
    path = "/api/v1/communities/joins",
    tag = "communities",
    request_body = CommunityRef,
    responses(
        (status = 202, body = CommunityView),
        (status = 400, description = "Not a community, hosted here, or not found", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin, or the policy refuses the host", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn join(
    _admin: Admin,
    body: web::Json<CommunityRef>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let change = service::communities::join(&data, &body.community).await?;
    let listed = service::communities::get(&data, &change.city.ap_id).await?;
    Ok(HttpResponse::Accepted().json(CommunityView::from(&listed)))
}

/// Leaves a community hosted elsewhere (an `Undo` of the `Follow`).
#[utoipa::path(
    delete,
    path = "/api/v1/communities/joins",
    tag = "communities",
    request_body = CommunityRef,
    responses(
        (status = 200, body = CommunityView),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 404, description = "This city did not join it", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn leave(
    _admin: Admin,
    body: web::Json<CommunityRef>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let change = service::communities::leave(&data, &body.community).await?;
    let listed = service::communities::get(&data, &change.city.ap_id).await?;
    Ok(HttpResponse::Ok().json(CommunityView::from(&listed)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberChange {
    /// `handle@domain` or the actor URL of the city.
    city: String,
    /// `approve` or `refuse` a waiting request, `remove` a member (it is told, and its posts
    /// are refused), or `readmit` a removed city (it may ask again).
    action: String,
}

/// A moderator's decision about a city's membership.
#[utoipa::path(
    post,
    path = "/api/v1/communities/{handle}/members",
    tag = "communities",
    params(("handle" = String, Path, description = "The community's handle")),
    request_body = MemberChange,
    responses(
        (status = 200, body = MemberView),
        (status = 400, description = "Unknown action, or not possible in the city's state", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller does not moderate it", body = ApiError),
        (status = 404, description = "No such community here, or the city never asked", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn change_member(
    Editor(user): Editor,
    handle: web::Path<String>,
    body: web::Json<MemberChange>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let action = match body.action.as_str() {
        "approve" => MemberAction::Approve,
        "refuse" => MemberAction::Refuse,
        "remove" => MemberAction::Remove,
        "readmit" => MemberAction::Readmit,
        other => {
            return Err(HttpError::bad_request(format!(
                "`{other}` is not an action; expected approve, refuse, remove or readmit"
            )));
        }
    };
    let city = service::communities::moderate_member(&data, &user, &handle, &body.city, action).await?;
    let state = match action {
        MemberAction::Approve => "member",
        MemberAction::Remove => "removed",
        MemberAction::Refuse | MemberAction::Readmit => "none",
    };
    Ok(HttpResponse::Ok().json(MemberView {
        city: CityView::from(&city),
        state,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    /// The item's id.
    item: Url,
}

/// What a removal did.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Removed {
    deliveries_queued: usize,
}

/// A moderator takes an item out of a community hosted here; every member is told (`Remove`).
#[utoipa::path(
    post,
    path = "/api/v1/communities/{handle}/removals",
    tag = "communities",
    params(("handle" = String, Path, description = "The community's handle")),
    request_body = ItemRef,
    responses(
        (status = 200, body = Removed),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller does not moderate it", body = ApiError),
        (status = 404, description = "No such community here, or the item was not posted to it", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn remove_item(
    Editor(user): Editor,
    handle: web::Path<String>,
    body: web::Json<ItemRef>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let queued = service::communities::remove_item(&data, &user, &handle, &body.item).await?;
    Ok(HttpResponse::Ok().json(Removed {
        deliveries_queued: queued,
    }))
}

/// Appoints a moderator: an editor or admin of this city.
#[utoipa::path(
    put,
    path = "/api/v1/communities/{handle}/moderators/{username}",
    tag = "communities",
    params(
        ("handle" = String, Path, description = "The community's handle"),
        ("username" = String, Path, description = "The user to appoint"),
    ),
    responses(
        (status = 204, description = "The user moderates the community"),
        (status = 400, description = "The user is a reader", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller does not moderate it", body = ApiError),
        (status = 404, description = "No such community or user", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn appoint(
    Editor(user): Editor,
    path: web::Path<(String, String)>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let (handle, username) = path.into_inner();
    service::communities::set_moderator(&data, &user, &handle, &username, true).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ends a user's moderation (never the last moderator's).
#[utoipa::path(
    delete,
    path = "/api/v1/communities/{handle}/moderators/{username}",
    tag = "communities",
    params(
        ("handle" = String, Path, description = "The community's handle"),
        ("username" = String, Path, description = "The moderator"),
    ),
    responses(
        (status = 204, description = "The user no longer moderates it"),
        (status = 400, description = "The user is its last moderator", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller does not moderate it", body = ApiError),
        (status = 404, description = "No such community or user", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn dismiss(
    Editor(user): Editor,
    path: web::Path<(String, String)>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let (handle, username) = path.into_inner();
    service::communities::set_moderator(&data, &user, &handle, &username, false).await?;
    Ok(HttpResponse::NoContent().finish())
}
