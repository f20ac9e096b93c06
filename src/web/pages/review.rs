//! The review queue: translations peers proposed for this city's items, each reviewed beside the
//! current original (accept, correct and accept, or decline with a message); and what became of
//! the translations this city proposed.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{DateTime, Utc};

use super::{
    item_href,
    translate::{TranslationRow, draft_from, side_by_side},
};
use crate::{
    app::AppContext,
    domain::{translation::ProposalState, user::Role, validation::FieldError},
    http::HttpError,
    service::{self, ServiceError},
    storage::{StorageError, cities, items, translations::Proposal},
    web::{Frame, markdown, render, render_with, see_other, session::Viewer},
};

/// A proposal in the queue.
pub struct QueueRow {
    pub item_title: String,
    pub item_href: String,
    pub language: String,
    /// The translating city (incoming) or the item's city (outgoing).
    pub city: String,
    pub date: String,
    pub state: String,
    pub message: Option<String>,
    pub review_href: Option<String>,
}

#[derive(Template)]
#[template(path = "translations.html")]
struct QueuePage {
    frame: Frame,
    incoming: Vec<QueueRow>,
    outgoing: Vec<QueueRow>,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    frame: Frame,
    proposal: i64,
    item_href: String,
    item_title: String,
    from: String,
    changed_since: bool,
    reviewed_version: String,
    language: String,
    language_name: String,
    rows: Vec<TranslationRow>,
    errors: Vec<String>,
    explained: String,
    message_label: String,
    message: String,
    message_errors: Vec<String>,
}

/// `GET /translations`
pub async fn queue(
    req: HttpRequest,
    viewer: Viewer,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let incoming = service::translations::list(&data, false, None).await?;
    let outgoing = service::translations::list(&data, true, None).await?;
    let incoming = rows(&viewer, &data, incoming).await?;
    let outgoing = rows(&viewer, &data, outgoing).await?;
    let heading = viewer.tr.t("translations-heading");
    let page = QueuePage {
        frame: Frame::new(&viewer, &req, &data.city, "translations", heading),
        incoming,
        outgoing,
    };
    render(&viewer, &page)
}

async fn rows(
    viewer: &Viewer,
    data: &Data<AppContext>,
    proposals: Vec<Proposal>,
) -> Result<Vec<QueueRow>, HttpError> {
    let reads = viewer.reads.clone();
    let named = data
        .db
        .read(
            move |conn| -> Result<Vec<(Proposal, String, String)>, StorageError> {
                let mut named = Vec::new();
                for proposal in proposals {
                    let stored = items::find_by_ap_id(conn, &proposal.item)?;
                    let title = stored
                        .as_ref()
                        .and_then(|s| {
                            let content = &s.item.content;
                            content
                                .title
                                .best(&reads, &content.original_language)
                                .map(|(_, t)| t.to_string())
                        })
                        .unwrap_or_else(|| proposal.item.to_string());
                    let city = match (&stored, proposal.outgoing) {
                        (Some(s), true) => cities::get(conn, s.origin_city_id)?,
                        _ => cities::get(conn, proposal.proposer)?,
                    };
                    let city = city.name_for(&reads).to_string();
                    named.push((proposal, title, city));
                }
                Ok(named)
            },
        )
        .await?;
    let tr = &viewer.tr;
    Ok(named
        .into_iter()
        .map(|(p, item_title, city)| QueueRow {
            item_title,
            item_href: item_href(&p.item, &data.settings),
            language: tr.language_name(p.texts.language.as_str()),
            city,
            date: tr.date(p.decided.unwrap_or(p.created).date_naive()),
            state: tr.t(&format!("translation-state-{}", p.state.code())),
            message: p.message.clone(),
            review_href: (!p.outgoing && p.state == ProposalState::Proposed)
                .then(|| format!("/translations/review?id={}", p.id)),
        })
        .collect())
}

#[derive(serde::Deserialize)]
pub struct ReviewQuery {
    id: i64,
}

/// `GET /translations/review?id=N`
pub async fn review(
    req: HttpRequest,
    viewer: Viewer,
    query: web::Query<ReviewQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let proposal = open_proposal(&viewer, &data, query.id).await?;
    let values = proposed_values(&proposal);
    let page = review_page(&req, &viewer, &data, &proposal, &values, Attempt::default()).await?;
    render(&viewer, &page)
}

/// The proposal's texts as the editor's form fields, named as [`draft_from`] reads them.
fn proposed_values(proposal: &Proposal) -> Vec<(String, String)> {
    let draft = proposal.texts.to_draft();
    let mut values = vec![
        ("title".to_string(), draft.title.unwrap_or_default()),
        ("summary".to_string(), draft.summary.unwrap_or_default()),
        (
            "body".to_string(),
            markdown::from_html(&draft.body.unwrap_or_default()),
        ),
    ];
    values.extend(
        draft
            .details
            .into_iter()
            .map(|(k, v)| (format!("details.{k}"), v)),
    );
    values
}

/// What a failed accept or decline brings back to the page.
#[derive(Default)]
struct Attempt {
    errors: Vec<FieldError>,
    general: Vec<String>,
    message: String,
    message_errors: Vec<String>,
}

async fn open_proposal(viewer: &Viewer, data: &Data<AppContext>, id: i64) -> Result<Proposal, HttpError> {
    let proposal = service::translations::get(data, id)
        .await
        .map_err(|_| HttpError::not_found(viewer.tr.t("review-not-found")).in_readers_language())?;
    if proposal.outgoing || proposal.state != ProposalState::Proposed {
        return Err(
            HttpError::new(StatusCode::CONFLICT, "conflict", viewer.tr.t("review-decided"))
                .in_readers_language(),
        );
    }
    Ok(proposal)
}

async fn review_page(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    proposal: &Proposal,
    values: &[(String, String)],
    attempt: Attempt,
) -> Result<ReviewPage, HttpError> {
    let tr = &viewer.tr;
    let stored = service::translations::held_item(data, &proposal.item)
        .await
        .map_err(|_| HttpError::not_found(tr.t("error-item-not-found")).in_readers_language())?;
    let proposer = proposal.proposer;
    let translator = data.db.read(move |conn| cities::get(conn, proposer)).await?;
    let translator = translator.name_for(&viewer.reads).to_string();
    let content = &stored.item.content;
    let (rows, mut errors) = side_by_side(tr, content, values, &attempt.errors);
    errors.extend(attempt.general);
    let language = proposal.texts.language.to_string();
    let language_name = tr.language_name(&language);
    let heading = tr.t("review-heading");
    Ok(ReviewPage {
        frame: Frame::new(viewer, req, &data.city, "translations", heading),
        proposal: proposal.id,
        item_href: item_href(&stored.item.ap_id, &data.settings),
        item_title: content
            .title
            .best(&viewer.reads, &content.original_language)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default(),
        from: tr.t_with(
            "review-from",
            &[
                ("language", language_name.clone().into()),
                ("city", translator.clone().into()),
            ],
        ),
        changed_since: stored.item.updated > proposal.based_on + chrono::Duration::milliseconds(1),
        reviewed_version: stored.item.updated.to_rfc3339(),
        language,
        language_name,
        rows,
        errors,
        explained: tr.t1("review-explained", "city", &translator),
        message_label: tr.t1("review-message", "city", &translator),
        message: attempt.message,
        message_errors: attempt.message_errors,
    })
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// The open proposal a review form names, once the viewer may review and the form is theirs.
async fn posted_proposal(
    viewer: &Viewer,
    data: &Data<AppContext>,
    fields: &[(String, String)],
) -> Result<Proposal, HttpError> {
    viewer.require(Role::Editor)?;
    viewer.check_csrf(field(fields, "csrf"))?;
    let id = field(fields, "id")
        .parse()
        .map_err(|_| HttpError::bad_request(viewer.tr.t("review-not-found")).in_readers_language())?;
    open_proposal(viewer, data, id).await
}

/// `POST /translations/accept`: the texts as the editor left them, checked against the version
/// they reviewed.
pub async fn accept(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<Vec<(String, String)>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let fields = form.into_inner();
    let proposal = posted_proposal(&viewer, &data, &fields).await?;
    let id = proposal.id;
    let reviewed: Option<DateTime<Utc>> = DateTime::parse_from_rfc3339(field(&fields, "reviewed_version"))
        .ok()
        .map(|t| t.with_timezone(&Utc));
    let draft = draft_from(&fields, proposal.texts.language.to_string());
    let mut attempt = Attempt::default();
    let status = match service::translations::accept(&data, id, Some(draft), reviewed).await {
        Ok(accepted) => return Ok(see_other(&item_href(&accepted.item, &data.settings))),
        Err(ServiceError::Invalid(errors)) => {
            attempt.errors = errors.0;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(ServiceError::Conflict(_)) => {
            attempt.general.push(viewer.tr.t("review-changed"));
            StatusCode::CONFLICT
        }
        Err(other) => return Err(other.into()),
    };
    let page = review_page(&req, &viewer, &data, &proposal, &fields, attempt).await?;
    render_with(&viewer, status, &page)
}

/// `POST /translations/decline`: with the message for the translating city.
pub async fn decline(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<Vec<(String, String)>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let fields = form.into_inner();
    let proposal = posted_proposal(&viewer, &data, &fields).await?;
    let id = proposal.id;
    let message = field(&fields, "message").to_string();
    match service::translations::decline(&data, id, &message).await {
        Ok(_) => Ok(see_other("/translations")),
        Err(ServiceError::BadInput(_)) => {
            let values = proposed_values(&proposal);
            let attempt = Attempt {
                message,
                message_errors: vec![viewer.tr.t("review-message-needed")],
                ..Attempt::default()
            };
            let page = review_page(&req, &viewer, &data, &proposal, &values, attempt).await?;
            render_with(&viewer, StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}
