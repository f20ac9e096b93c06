//! `/api/v1/translations`: contributed translations, proposed for peers' items and reviewed for
//! this city's own.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use super::auth::{Caller, Editor};
use crate::{
    app::AppContext,
    domain::translation::{ProposalState, TranslationDraft},
    http::{ApiError, HttpError},
    service,
    storage::translations::Proposal,
};

/// A translation proposed for an item.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeRequest {
    /// The peer item translated.
    item: Url,
    #[serde(flatten)]
    translation: TranslationDraft,
}

/// A proposal, sent or received.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ProposalView {
    pub id: i64,
    /// The proposal's id on the network.
    pub ap_id: Url,
    pub item: Url,
    /// `outgoing` (this city proposed it) or `incoming` (a peer proposed it for this city's item).
    #[schema(value_type = String, examples("outgoing", "incoming"))]
    pub direction: &'static str,
    #[schema(value_type = String, examples("proposed", "accepted", "declined"))]
    pub state: &'static str,
    pub translation: TranslationDraft,
    /// The item's version (`updated`) the translation was made from.
    pub based_on: DateTime<Utc>,
    /// Why the item's city declined it.
    pub message: Option<String>,
    pub created: DateTime<Utc>,
    pub decided: Option<DateTime<Utc>>,
}

impl From<&Proposal> for ProposalView {
    fn from(p: &Proposal) -> ProposalView {
        ProposalView {
            id: p.id,
            ap_id: p.ap_id.clone(),
            item: p.item.clone(),
            direction: if p.outgoing { "outgoing" } else { "incoming" },
            state: p.state.code(),
            translation: p.texts.to_draft(),
            based_on: p.based_on,
            message: p.message.clone(),
            created: p.created,
            decided: p.decided,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProposalList {
    translations: Vec<ProposalView>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// `incoming` (default: proposals for this city's items) or `outgoing`.
    direction: Option<String>,
    /// `proposed`, `accepted` or `declined`; all when absent.
    state: Option<String>,
}

/// Proposes a translation of a peer city's item into one language: readers here see it at once,
/// marked as not reviewed, and the item's city receives it for review.
#[utoipa::path(
    post,
    path = "/api/v1/translations",
    tag = "translations",
    request_body = ProposeRequest,
    responses(
        (status = 201, body = ProposalView),
        (status = 400, description = "The item is this city's own, or the body is not of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is a reader", body = ApiError),
        (status = 404, description = "This instance holds no such item", body = ApiError),
        (status = 422, description = "The translation is not valid", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn propose(
    _editor: Editor,
    body: web::Json<ProposeRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let body = body.into_inner();
    let proposal = service::translations::propose(&data, &body.item, body.translation).await?;
    Ok(HttpResponse::Created().json(ProposalView::from(&proposal)))
}

/// Translations proposed for this city's items (the review queue), or those it proposed.
#[utoipa::path(
    get,
    path = "/api/v1/translations",
    tag = "translations",
    params(ListQuery),
    responses(
        (status = 200, body = ProposalList),
        (status = 400, description = "An unknown direction or state", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    _caller: Caller,
    query: web::Query<ListQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let outgoing = match query.direction.as_deref() {
        None | Some("incoming") => false,
        Some("outgoing") => true,
        Some(other) => {
            return Err(HttpError::bad_request(format!(
                "direction must be incoming or outgoing, not `{other}`"
            )));
        }
    };
    let state = match query.state.as_deref() {
        None => None,
        Some(code) => Some(ProposalState::from_code(code).ok_or_else(|| {
            HttpError::bad_request(format!(
                "state must be proposed, accepted or declined, not `{code}`"
            ))
        })?),
    };
    let found = service::translations::list(&data, outgoing, state).await?;
    Ok(HttpResponse::Ok().json(ProposalList {
        translations: found.iter().map(ProposalView::from).collect(),
    }))
}

/// What the reviewing editor accepts: the proposal as it is (no body), or edited.
#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptRequest {
    /// The texts as the editor corrected them; the proposal's when absent.
    #[serde(default)]
    translation: Option<TranslationDraft>,
    /// The item's `updated` the editor reviewed against; without it, the version translated.
    /// Accepting is refused (409) when the item changed since.
    #[serde(default)]
    reviewed_version: Option<DateTime<Utc>>,
}

/// Accepts a translation proposed for one of this city's items: the item gets the language,
/// credited to the translating city, every holder receives the new version, and the translating
/// city is told.
#[utoipa::path(
    post,
    path = "/api/v1/translations/{id}/accept",
    tag = "translations",
    params(("id" = i64, Path, description = "The proposal")),
    request_body = AcceptRequest,
    responses(
        (status = 200, body = ProposalView),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "A reader, or a translation this city proposed", body = ApiError),
        (status = 404, description = "No such proposal", body = ApiError),
        (status = 409, description = "Decided already, or the item changed since it was translated", body = ApiError),
        (status = 422, description = "The edited translation is not valid", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn accept(
    _editor: Editor,
    id: web::Path<i64>,
    body: Option<web::Json<AcceptRequest>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let body = body.map(web::Json::into_inner).unwrap_or_default();
    let proposal =
        service::translations::accept(&data, id.into_inner(), body.translation, body.reviewed_version)
            .await?;
    Ok(HttpResponse::Ok().json(ProposalView::from(&proposal)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineRequest {
    /// Why, for the translating city's editors.
    message: String,
}

/// Declines a translation proposed for one of this city's items, with a message back.
#[utoipa::path(
    post,
    path = "/api/v1/translations/{id}/decline",
    tag = "translations",
    params(("id" = i64, Path, description = "The proposal")),
    request_body = DeclineRequest,
    responses(
        (status = 200, body = ProposalView),
        (status = 400, description = "No message, or one too long", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "A reader, or a translation this city proposed", body = ApiError),
        (status = 404, description = "No such proposal", body = ApiError),
        (status = 409, description = "Decided already", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn decline(
    _editor: Editor,
    id: web::Path<i64>,
    body: web::Json<DeclineRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let proposal = service::translations::decline(&data, id.into_inner(), &body.message).await?;
    Ok(HttpResponse::Ok().json(ProposalView::from(&proposal)))
}
