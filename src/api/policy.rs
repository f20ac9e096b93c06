//! `/api/v1/admin/policy`: whom the city federates with (admin).

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::auth::Admin;
use crate::{
    app::AppContext,
    domain::policy::{DomainList, FederationPolicy, PolicyMode},
    http::{ApiError, HttpError},
    service::policy::{self as policy_service, parse_domain},
};

/// A domain on a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DomainView {
    /// A host, with a port when it names one (`localhost:8081`): without a port it covers the
    /// host on any port.
    domain: String,
    note: Option<String>,
}

/// The federation policy.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PolicyView {
    /// `open`: every domain; `allowlist`: only the `allow` list; `blocklist`: all but the `block` list.
    mode: PolicyMode,
    /// Follow requests from domains not on the allow list wait for an admin's approval.
    hold_follows: bool,
    allow: Vec<DomainView>,
    block: Vec<DomainView>,
}

impl From<&FederationPolicy> for PolicyView {
    fn from(policy: &FederationPolicy) -> PolicyView {
        let list = |which| {
            policy
                .domains(which)
                .map(|e| DomainView {
                    domain: e.domain.to_string(),
                    note: e.note.clone(),
                })
                .collect()
        };
        PolicyView {
            mode: policy.mode,
            hold_follows: policy.hold_follows,
            allow: list(DomainList::Allow),
            block: list(DomainList::Block),
        }
    }
}

/// The policy in force, with both lists.
#[utoipa::path(
    get,
    path = "/api/v1/admin/policy",
    tag = "admin",
    responses(
        (status = 200, body = PolicyView),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(_admin: Admin, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    data.policy.invalidate();
    let policy = data.policy.current().await?;
    Ok(HttpResponse::Ok().json(PolicyView::from(policy.as_ref())))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModeChange {
    mode: PolicyMode,
    /// Left out: unchanged.
    hold_follows: Option<bool>,
}

/// Sets the mode (and whether follow requests from non-members wait for approval). It applies
/// at once, both ways: refused domains' activities are answered 403, and nothing is sent to or
/// fetched from them.
#[utoipa::path(
    put,
    path = "/api/v1/admin/policy",
    tag = "admin",
    request_body = ModeChange,
    responses(
        (status = 200, body = PolicyView),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn set_mode(
    _admin: Admin,
    body: web::Json<ModeChange>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let policy = policy_service::set_mode(&data.policy, body.mode, body.hold_follows).await?;
    Ok(HttpResponse::Ok().json(PolicyView::from(&policy)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainChange {
    /// `praxis.sofia.bg`, `localhost:8081`, `sofia@praxis.sofia.bg` or a URL on the domain.
    domain: String,
    list: DomainList,
    /// Why it is there; only when adding.
    note: Option<String>,
}

/// Puts a domain on the allow or the block list.
#[utoipa::path(
    post,
    path = "/api/v1/admin/policy/domains",
    tag = "admin",
    request_body = DomainChange,
    responses(
        (status = 200, body = PolicyView),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 422, description = "Not a domain", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn add_domain(
    _admin: Admin,
    body: web::Json<DomainChange>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let body = body.into_inner();
    let domain = parse_domain("domain", &body.domain)?;
    let note = body.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    policy_service::add_domains(&data.policy, vec![domain], body.list, note).await?;
    show_current(&data).await
}

/// Takes a domain off a list.
#[utoipa::path(
    delete,
    path = "/api/v1/admin/policy/domains",
    tag = "admin",
    request_body = DomainChange,
    responses(
        (status = 200, body = PolicyView),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 404, description = "The domain is not on that list", body = ApiError),
        (status = 422, description = "Not a domain", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn remove_domain(
    _admin: Admin,
    body: web::Json<DomainChange>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let domain = parse_domain("domain", &body.domain)?;
    policy_service::remove_domain(&data.policy, domain, body.list).await?;
    show_current(&data).await
}

async fn show_current(data: &Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let policy = data.policy.current().await?;
    Ok(HttpResponse::Ok().json(PolicyView::from(policy.as_ref())))
}
