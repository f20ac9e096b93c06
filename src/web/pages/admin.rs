//! Administration: users and their roles, and the health of delivery to peer cities.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    app::AppContext,
    domain::{
        policy::{DomainList, PolicyMode},
        user::{Role, User},
    },
    http::HttpError,
    service::{
        ServiceError, accounts,
        deliveries::{self, RetryTarget},
        policy as policy_service,
    },
    storage::users,
    web::{Frame, i18n::Tr, item_form::Choice, render_with, see_other, session::Viewer},
};

pub struct UserRow {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Choice>,
    pub is_self: bool,
}

pub struct PeerRow {
    pub host: String,
    pub pending: String,
    pub dead: String,
    pub last_success: String,
    pub last_failure: String,
    pub failures: String,
    pub last_error: String,
    pub healthy: bool,
}

/// A domain on one of the policy's lists.
pub struct DomainRow {
    pub domain: String,
    pub list: &'static str,
    pub note: String,
}

/// The federation policy section.
pub struct PolicySection {
    pub modes: Vec<Choice>,
    pub hold_follows: bool,
    pub allow: Vec<DomainRow>,
    pub block: Vec<DomainRow>,
    pub lists: Vec<Choice>,
    /// What the add-a-domain form had, with its problem, to show again.
    pub domain: String,
    pub note: String,
    pub error: Option<String>,
}

impl PolicySection {
    /// Both lists with the key of their heading.
    pub fn tables(&self) -> [(&[DomainRow], &'static str); 2] {
        [(&self.allow, "admin-allowlist"), (&self.block, "admin-blocklist")]
    }
}

pub struct DeadRow {
    pub id: i64,
    pub kind: String,
    pub inbox: String,
    pub attempts: String,
    pub error: String,
    pub queued: String,
}

/// What the new-user form had, to show again with its errors.
#[derive(Default)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub errors: Vec<(String, String)>,
}

/// One text input of the new-user form.
pub struct NewUserField {
    pub name: &'static str,
    pub label: String,
    pub input_type: &'static str,
    pub value: String,
    pub errors: Vec<String>,
}

impl NewUser {
    pub fn fields(&self, tr: &Tr) -> Vec<NewUserField> {
        let field = |name: &'static str, key: &str, input_type: &'static str, value: &str| NewUserField {
            name,
            label: tr.t(key),
            input_type,
            value: value.to_string(),
            errors: self
                .errors
                .iter()
                .filter(|(f, _)| f == name)
                .map(|(_, m)| m.clone())
                .collect(),
        };
        vec![
            field("username", "field-username", "text", &self.username),
            field("display_name", "field-display-name", "text", &self.display_name),
            // A password is never sent back to the browser.
            field("password", "field-password", "password", ""),
        ]
    }
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    frame: Frame,
    users: Vec<UserRow>,
    new_user: NewUser,
    new_roles: Vec<Choice>,
    pending: String,
    delivered: String,
    dead: String,
    peers: Vec<PeerRow>,
    dead_letters: Vec<DeadRow>,
    policy: PolicySection,
    notice: Option<String>,
}

/// What the add-a-domain form had when it was refused.
#[derive(Default)]
struct DomainAttempt {
    domain: String,
    list: String,
    note: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct Notice {
    retried: Option<usize>,
}

/// `GET /admin`
pub async fn show(
    req: HttpRequest,
    viewer: Viewer,
    notice: web::Query<Notice>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    let notice = notice.retried.map(|n| viewer.tr.count("admin-retried", n as i64));
    page(
        &req,
        &viewer,
        &data,
        NewUser::default(),
        DomainAttempt::default(),
        notice,
    )
    .await
}

async fn page(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    new_user: NewUser,
    attempt: DomainAttempt,
    notice: Option<String>,
) -> Result<HttpResponse, HttpError> {
    let tr = &viewer.tr;
    data.policy.invalidate();
    let policy = data.policy.current().await?;
    let domain_rows = |list: DomainList| -> Vec<DomainRow> {
        policy
            .domains(list)
            .map(|e| DomainRow {
                domain: e.domain.to_string(),
                list: list.code(),
                note: e.note.clone().unwrap_or_default(),
            })
            .collect()
    };
    let chosen_list = if attempt.list.is_empty() {
        "allow"
    } else {
        attempt.list.as_str()
    };
    let policy_section = PolicySection {
        modes: PolicyMode::ALL
            .iter()
            .map(|m| Choice {
                value: m.code().to_string(),
                label: tr.code_label("policy-mode", m.code()),
                selected: *m == policy.mode,
            })
            .collect(),
        hold_follows: policy.hold_follows,
        allow: domain_rows(DomainList::Allow),
        block: domain_rows(DomainList::Block),
        lists: [DomainList::Allow, DomainList::Block]
            .iter()
            .map(|l| Choice {
                value: l.code().to_string(),
                label: tr.code_label("policy-list", l.code()),
                selected: l.code() == chosen_list,
            })
            .collect(),
        domain: attempt.domain,
        note: attempt.note,
        error: attempt.error,
    };
    let list: Vec<User> = data.db.read(users::list).await?;
    let report = deliveries::report(data).await?;
    let me = viewer.user.as_ref().map(|u| u.id);
    let role_choices = |selected: &str| -> Vec<Choice> {
        Role::ALL
            .iter()
            .map(|r| Choice {
                value: r.code().to_string(),
                label: tr.code_label("role", r.code()),
                selected: r.code() == selected,
            })
            .collect()
    };
    let when =
        |moment: Option<chrono::DateTime<chrono::Utc>>| moment.map(|m| tr.datetime(m)).unwrap_or_default();
    let status = if new_user.errors.is_empty() && policy_section.error.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let new_roles = role_choices(if new_user.role.is_empty() {
        "editor"
    } else {
        &new_user.role
    });
    let page = AdminPage {
        frame: Frame::new(viewer, req, &data.city, "admin", tr.t("admin-heading")),
        users: list
            .iter()
            .map(|u| UserRow {
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                roles: role_choices(u.role.code()),
                is_self: Some(u.id) == me,
            })
            .collect(),
        new_user,
        new_roles,
        pending: tr.number(report.queue.pending),
        delivered: tr.number(report.queue.delivered),
        dead: tr.number(report.queue.dead),
        peers: report
            .peers
            .iter()
            .map(|p| PeerRow {
                host: p.peer_host.clone(),
                pending: tr.number(p.pending),
                dead: tr.number(p.dead),
                last_success: when(p.last_success_at),
                last_failure: when(p.last_failure_at),
                failures: tr.number(i64::from(p.consecutive_failures)),
                last_error: p.last_error.clone().unwrap_or_default(),
                healthy: p.consecutive_failures == 0 && p.dead == 0,
            })
            .collect(),
        dead_letters: report
            .dead_letters
            .iter()
            .map(|d| DeadRow {
                id: d.id,
                kind: d.activity_kind.clone(),
                inbox: d.inbox.clone(),
                attempts: tr.number(i64::from(d.attempts)),
                error: d.last_error.clone().unwrap_or_default(),
                queued: tr.datetime(d.queued_at),
            })
            .collect(),
        policy: policy_section,
        notice,
    };
    render_with(viewer, status, &page)
}

#[derive(Deserialize)]
pub struct NewUserForm {
    csrf: String,
    username: String,
    display_name: String,
    role: String,
    password: String,
}

/// `POST /admin/users`: creates an account.
pub async fn create_user(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<NewUserForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    let form = form.into_inner();
    let username = form.username.trim().to_lowercase();
    let Some(role) = Role::from_code(&form.role) else {
        return Err(HttpError::bad_request(viewer.tr.t("error-unknown-role")));
    };
    match accounts::create_user(&data.db, &username, &form.display_name, role, &form.password).await {
        Ok(_) => Ok(see_other("/admin")),
        Err(ServiceError::Invalid(errors)) => {
            let new_user = NewUser {
                username,
                display_name: form.display_name,
                role: form.role,
                errors: errors
                    .0
                    .iter()
                    .map(|e| (e.field.clone(), viewer.tr.problem(e)))
                    .collect(),
            };
            page(&req, &viewer, &data, new_user, DomainAttempt::default(), None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    csrf: String,
    role: String,
}

/// `POST /admin/users/{username}/role`
pub async fn set_role(
    viewer: Viewer,
    username: web::Path<String>,
    form: web::Form<RoleForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let me = viewer.require(Role::Admin)?.clone();
    viewer.check_csrf(&form.csrf)?;
    let role = Role::from_code(&form.role)
        .ok_or_else(|| HttpError::bad_request(viewer.tr.t("error-unknown-role")))?;
    // An admin who demoted themselves could leave the instance without one.
    if me.username == *username && role != Role::Admin {
        return Err(HttpError::bad_request(viewer.tr.t("error-demote-self")));
    }
    accounts::set_role(&data.db, &username, role).await?;
    Ok(see_other("/admin"))
}

#[derive(Deserialize)]
pub struct RetryForm {
    csrf: String,
    target: String,
}

/// `POST /admin/deliveries/retry`: retries a peer's (or one) undelivered deliveries now.
pub async fn retry(
    viewer: Viewer,
    form: web::Form<RetryForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    let scheduled = deliveries::retry_now(&data, RetryTarget::parse(&form.target)).await?;
    Ok(see_other(&format!("/admin?retried={scheduled}")))
}

#[derive(Deserialize)]
pub struct PolicyForm {
    csrf: String,
    mode: String,
    /// A checkbox: present when ticked.
    hold_follows: Option<String>,
}

/// `POST /admin/policy`: sets the mode and whether follow requests from non-members wait.
pub async fn set_policy(
    viewer: Viewer,
    form: web::Form<PolicyForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    let mode = PolicyMode::from_code(&form.mode)
        .ok_or_else(|| HttpError::bad_request(viewer.tr.t("error-unknown-policy-mode")))?;
    policy_service::set_mode(&data.policy, mode, Some(form.hold_follows.is_some())).await?;
    Ok(see_other("/admin#policy-heading"))
}

#[derive(Deserialize)]
pub struct DomainForm {
    csrf: String,
    domain: String,
    list: String,
    #[serde(default)]
    note: String,
}

impl DomainForm {
    fn list(&self, viewer: &Viewer) -> Result<DomainList, HttpError> {
        DomainList::from_code(&self.list)
            .ok_or_else(|| HttpError::bad_request(viewer.tr.t("error-unknown-policy-list")))
    }
}

/// `POST /admin/policy/domains`: puts a domain on a list.
pub async fn add_domain(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<DomainForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    let form = form.into_inner();
    let list = form.list(&viewer)?;
    match policy_service::parse_domain("domain", &form.domain) {
        Ok(domain) => {
            let note = Some(form.note.trim().to_string()).filter(|n| !n.is_empty());
            policy_service::add_domains(&data.policy, vec![domain], list, note).await?;
            Ok(see_other("/admin#policy-heading"))
        }
        Err(ServiceError::Invalid(errors)) => {
            let attempt = DomainAttempt {
                error: errors.0.first().map(|e| viewer.tr.problem(e)),
                domain: form.domain,
                list: form.list,
                note: form.note,
            };
            page(&req, &viewer, &data, NewUser::default(), attempt, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/policy/remove`: takes a domain off a list.
pub async fn remove_domain(
    viewer: Viewer,
    form: web::Form<DomainForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    let list = form.list(&viewer)?;
    let domain = policy_service::parse_domain("domain", &form.domain)?;
    policy_service::remove_domain(&data.policy, domain, list).await?;
    Ok(see_other("/admin#policy-heading"))
}
