//! Administration: users and their roles, and the health of delivery to peer cities.

use std::collections::HashMap;

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use actix_multipart::Multipart;

use super::editor::Submitted;
use crate::{
    app::AppContext,
    domain::{
        policy::{DomainList, PolicyMode},
        user::{Role, User},
    },
    http::HttpError,
    service::{
        self, ServiceError, accounts,
        deliveries::{self, RetryTarget},
        policy as policy_service,
    },
    storage::{cities, items, users},
    web::{CsrfForm, Frame, i18n::Tr, item_form::Choice, render_with, see_other, session::Viewer, with_done},
};

pub struct UserRow {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Choice>,
    pub is_self: bool,
    pub active: bool,
}

pub struct PeerRow {
    pub host: String,
    /// The cities this instance knows on the host, by name ("City of Vidin"); the host when none.
    pub name: String,
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
    /// What was being sent, in words ("a new item").
    pub kind: String,
    /// The item it was about, when it is one this city holds: its title and page.
    pub item: Option<(String, String)>,
    /// To whom: the city's name, else the inbox.
    pub to: String,
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
    /// The address of the city's emblem, when it has one.
    emblem: Option<String>,
    /// The actor the city moved to, once it moved.
    moved_to: Option<String>,
    /// The city's items the new address brought along.
    items_moved: i64,
    /// The actors the city was before (`[city] also_known_as`).
    also_known_as: Vec<String>,
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

/// The administration page saying what an action did.
async fn notice_page(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    notice: String,
) -> Result<HttpResponse, HttpError> {
    page(
        req,
        viewer,
        data,
        NewUser::default(),
        DomainAttempt::default(),
        Some(notice),
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
    let names = data
        .db
        .read(
            |conn| -> Result<Vec<(String, String)>, crate::storage::StorageError> {
                Ok(crate::storage::cities::peers(conn, 1_000)?
                    .into_iter()
                    .map(|c| (crate::config::domain_of(&c.ap_id), c.name_for(&[]).to_string()))
                    .collect())
            },
        )
        .await?;
    let about: Vec<String> = report
        .dead_letters
        .iter()
        .filter_map(|d| d.object_id.clone())
        .collect();
    let reads = viewer.reads.clone();
    let titles = data
        .db
        .read(
            move |conn| -> Result<HashMap<String, String>, crate::storage::StorageError> {
                let mut titles = HashMap::new();
                for id in about {
                    let Ok(url) = url::Url::parse(&id) else { continue };
                    if let Some(stored) = crate::storage::items::find_by_ap_id(conn, &url)? {
                        let content = &stored.item.content;
                        if let Some((_, title)) = content.title.best(&reads, &content.original_language) {
                            titles.insert(id, title.to_string());
                        }
                    }
                }
                Ok(titles)
            },
        )
        .await?;
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
    let local = data.city_id;
    let (profile, items_moved) = data
        .db
        .read(move |conn| -> Result<_, crate::storage::StorageError> {
            let profile = cities::local_profile(conn)?;
            let moved = match profile.moved_to {
                Some(_) => items::count_moved(conn, local)?,
                None => 0,
            };
            Ok((profile, moved))
        })
        .await?;
    let page = AdminPage {
        emblem: profile.emblem.map(|url| url.to_string()),
        moved_to: profile.moved_to.map(|url| url.to_string()),
        items_moved,
        also_known_as: data
            .settings
            .city
            .also_known_as
            .iter()
            .map(ToString::to_string)
            .collect(),
        frame: Frame::new(viewer, req, &data.city, "admin", tr.t("admin-heading")),
        users: list
            .iter()
            .map(|u| UserRow {
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                roles: role_choices(u.role.code()),
                is_self: Some(u.id) == me,
                active: u.active,
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
                name: city_names(&names, &p.peer_host),
                pending: tr.number(p.pending),
                dead: tr.number(p.dead),
                last_success: when(p.last_success_at),
                last_failure: when(p.last_failure_at),
                failures: tr.number(i64::from(p.consecutive_failures)),
                last_error: p
                    .last_error
                    .as_deref()
                    .map(|e| failure_in_words(tr, e))
                    .unwrap_or_default(),
                healthy: p.consecutive_failures == 0 && p.dead == 0,
            })
            .collect(),
        dead_letters: report
            .dead_letters
            .iter()
            .map(|d| DeadRow {
                id: d.id,
                kind: activity_in_words(tr, &d.activity_kind),
                item: d.object_id.as_ref().and_then(|id| {
                    let title = titles.get(id)?;
                    let href = url::Url::parse(id)
                        .ok()
                        .map(|u| super::item_href(&u, &data.settings))?;
                    Some((title.clone(), href))
                }),
                to: url::Url::parse(&d.inbox)
                    .ok()
                    .map(|u| city_names(&names, &crate::config::domain_of(&u)))
                    .unwrap_or_else(|| d.inbox.clone()),
                inbox: d.inbox.clone(),
                attempts: tr.number(i64::from(d.attempts)),
                error: match (d.last_status, d.last_error.as_deref()) {
                    (Some(status), _) => {
                        tr.t_with("delivery-failed-status", &[("status", i64::from(status).into())])
                    }
                    (None, Some(error)) => failure_in_words(tr, error),
                    (None, None) => String::new(),
                },
                queued: tr.datetime(d.queued_at),
            })
            .collect(),
        policy: policy_section,
        notice,
    };
    render_with(viewer, status, &page)
}

/// The names of the cities known on `host`, or the host itself.
fn city_names(names: &[(String, String)], host: &str) -> String {
    let known: Vec<&str> = names
        .iter()
        .filter(|(h, _)| h == host)
        .map(|(_, name)| name.as_str())
        .collect();
    if known.is_empty() {
        host.to_string()
    } else {
        known.join(", ")
    }
}

/// What an activity type means to the person reading the delivery table.
fn activity_in_words(tr: &Tr, kind: &str) -> String {
    match kind {
        "Create" | "Update" | "Delete" | "Announce" | "Follow" | "Undo" | "Accept" | "Reject" | "Offer"
        | "Add" | "Remove" => tr.t(&format!("delivery-kind-{}", kind.to_lowercase())),
        other => other.to_string(),
    }
}

/// A delivery failure in words: the peer's answer by its status, or that it could not be
/// reached; what the library said stays in the API and the logs.
fn failure_in_words(tr: &Tr, error: &str) -> String {
    let status = error
        .split_once("HTTP ")
        .map(|(_, rest)| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .and_then(|code| code.parse::<i64>().ok());
    match status {
        Some(status) if error.contains("considered gone") => {
            tr.t_with("delivery-failed-gone", &[("status", status.into())])
        }
        Some(status) => tr.t_with("delivery-failed-status", &[("status", status.into())]),
        None => tr.t("delivery-failed-unreachable"),
    }
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
        return Err(HttpError::bad_request(viewer.tr.t("error-unknown-role")).in_readers_language());
    };
    match accounts::create_user(&data.db, &username, &form.display_name, role, &form.password).await {
        Ok(_) => Ok(see_other(&with_done("/admin", "user-created"))),
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
        .ok_or_else(|| HttpError::bad_request(viewer.tr.t("error-unknown-role")).in_readers_language())?;
    // An admin who demoted themselves could leave the instance without one.
    if me.username == *username && role != Role::Admin {
        return Err(HttpError::bad_request(viewer.tr.t("error-demote-self")).in_readers_language());
    }
    accounts::set_role(&data.db, &username, role).await?;
    Ok(see_other("/admin"))
}

#[derive(Deserialize)]
pub struct ActiveForm {
    csrf: String,
    active: bool,
}

/// `POST /admin/users/{username}/active`: deactivates an account (its sessions end, its API
/// tokens stop working) or reactivates it.
pub async fn set_active(
    req: HttpRequest,
    viewer: Viewer,
    username: web::Path<String>,
    form: web::Form<ActiveForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let me = viewer.require(Role::Admin)?.clone();
    viewer.check_csrf(&form.csrf)?;
    if me.username == *username && !form.active {
        return Err(HttpError::bad_request(viewer.tr.t("error-deactivate-self")).in_readers_language());
    }
    match accounts::set_active(&data.db, &username, form.active).await {
        Ok(()) => {
            let key = if form.active {
                "admin-reactivated"
            } else {
                "admin-deactivated"
            };
            let notice = viewer.tr.t1(key, "user", &username);
            notice_page(&req, &viewer, &data, notice).await
        }
        Err(ServiceError::Invalid(errors)) => Err(HttpError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            errors.0.first().map(|e| viewer.tr.problem(e)).unwrap_or_default(),
        )
        .in_readers_language()),
        Err(ServiceError::NotFound(_)) => {
            Err(HttpError::not_found(viewer.tr.t("error-no-such-user")).in_readers_language())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct PasswordResetForm {
    csrf: String,
}

/// `POST /admin/users/{username}/password`: gives the account a new generated password, shown
/// once to the admin to pass on, and ends its sessions.
pub async fn reset_password(
    req: HttpRequest,
    viewer: Viewer,
    username: web::Path<String>,
    form: web::Form<PasswordResetForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    match accounts::reset_password(&data.db, &username, None).await {
        Ok(password) => {
            let notice = viewer.tr.t_with(
                "admin-password-reset",
                &[
                    ("user", username.to_string().into()),
                    ("password", password.into()),
                ],
            );
            let mut answer = notice_page(&req, &viewer, &data, notice).await?;
            // The page holds a password: no cache may keep it.
            answer.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static("no-store"),
            );
            Ok(answer)
        }
        Err(ServiceError::NotFound(_)) => {
            Err(HttpError::not_found(viewer.tr.t("error-no-such-user")).in_readers_language())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct RetryForm {
    csrf: String,
    target: String,
}

/// `POST /admin/emblem` (a multipart form): sets the city's emblem to the chosen image.
pub async fn upload_emblem(
    viewer: Viewer,
    payload: Multipart,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    let submitted = Submitted::read(payload, &data, &viewer.tr).await?;
    viewer.check_csrf(submitted.form.get("csrf").unwrap_or_default())?;
    let Some(image) = submitted.files.into_iter().next() else {
        return Err(HttpError::bad_request(viewer.tr.t("error-emblem-missing")).in_readers_language());
    };
    match service::city::set_emblem(&data, Some(image)).await {
        Ok(_) => Ok(see_other(&with_done("/admin#emblem-heading", "emblem-saved"))),
        // Not an image, not what it claims to be, or too large: said in the admin's words.
        Err(ServiceError::Invalid(_)) => {
            Err(HttpError::bad_request(viewer.tr.t("error-emblem-refused")).in_readers_language())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/emblem/remove`: the city has no emblem any more.
pub async fn remove_emblem(
    viewer: Viewer,
    form: web::Form<CsrfForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    service::city::set_emblem(&data, None).await?;
    Ok(see_other(&with_done("/admin#emblem-heading", "emblem-removed")))
}

#[derive(Deserialize)]
pub struct MoveForm {
    csrf: String,
    to: String,
    /// `yes` once the admin confirmed.
    confirm: Option<String>,
}

/// `POST /admin/move`: moves the city to its new actor (see `service::city::move_to`).
pub async fn move_city(
    viewer: Viewer,
    form: web::Form<MoveForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    if form.confirm.as_deref() != Some("yes") {
        return Err(HttpError::bad_request(viewer.tr.t("error-move-unconfirmed")).in_readers_language());
    }
    match service::city::move_to(&data, &form.to).await {
        Ok(_) => Ok(see_other(&with_done("/admin#move-heading", "moved"))),
        Err(ServiceError::BadInput(_)) => {
            Err(
                HttpError::bad_request(viewer.tr.t1("error-move-target", "target", &form.to))
                    .in_readers_language(),
            )
        }
        // The new city does not name this one (or could not be read): nothing changed.
        Err(ServiceError::Federation(_)) => Err(HttpError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            viewer.tr.t1("error-move-not-named", "target", &form.to),
        )
        .in_readers_language()),
        Err(e) => Err(e.into()),
    }
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
    /// `yes` once the admin confirmed cutting off the cities the change refuses.
    confirm: Option<String>,
}

/// `POST /admin/policy`: sets the mode and whether follow requests from non-members wait.
pub async fn set_policy(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<PolicyForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(&form.csrf)?;
    let mode = PolicyMode::from_code(&form.mode).ok_or_else(|| {
        HttpError::bad_request(viewer.tr.t("error-unknown-policy-mode")).in_readers_language()
    })?;
    let cut_off = cut_off_by(&viewer, &data, mode).await?;
    if !cut_off.is_empty() && form.confirm.as_deref() != Some("yes") {
        let tr = &viewer.tr;
        let page = PolicyConfirmPage {
            frame: Frame::new(&viewer, &req, &data.city, "admin", tr.t("policy-confirm-heading")),
            explained: tr.t_with(
                "policy-confirm-explained",
                &[
                    ("mode", tr.code_label("policy-mode", mode.code()).into()),
                    ("count", (cut_off.len() as i64).into()),
                ],
            ),
            cities: cut_off,
            mode: mode.code(),
            hold_follows: form.hold_follows.is_some(),
        };
        return render_with(&viewer, StatusCode::OK, &page);
    }
    policy_service::set_mode(&data.policy, mode, Some(form.hold_follows.is_some())).await?;
    Ok(see_other("/admin#policy-heading"))
}

/// A city the change of policy would cut off.
pub struct CutOffCity {
    pub name: String,
    pub address: String,
    /// Followed, following, or both.
    pub relation: String,
}

#[derive(Template)]
#[template(path = "policy_confirm.html")]
struct PolicyConfirmPage {
    frame: Frame,
    explained: String,
    cities: Vec<CutOffCity>,
    mode: &'static str,
    hold_follows: bool,
}

/// The cities this city follows or is followed by that the current policy lets through and the
/// policy in `mode` would not: with them, nothing would be exchanged any more.
async fn cut_off_by(
    viewer: &Viewer,
    data: &Data<AppContext>,
    mode: PolicyMode,
) -> Result<Vec<CutOffCity>, HttpError> {
    let current = data.policy.current().await?;
    let mut next = (*current).clone();
    next.mode = mode;
    let profile = crate::api::views::CityProfile::load(data).await?;
    let mut cut: Vec<(crate::api::views::CityView, bool, bool)> = Vec::new();
    for (relation, followed) in profile
        .following
        .iter()
        .map(|r| (r, true))
        .chain(profile.followers.iter().map(|r| (r, false)))
    {
        let city = &relation.city;
        if current.check(&city.id).is_err() || next.check(&city.id).is_ok() {
            continue;
        }
        match cut.iter_mut().find(|(c, _, _)| c.id == city.id) {
            Some(entry) if followed => entry.1 = true,
            Some(entry) => entry.2 = true,
            None => cut.push((city.clone(), followed, !followed)),
        }
    }
    Ok(cut
        .into_iter()
        .map(|(city, followed, follower)| CutOffCity {
            name: city.name_for(&viewer.reads).to_string(),
            address: city.address.clone(),
            relation: viewer.tr.t(match (followed, follower) {
                (true, true) => "policy-cut-both",
                (true, false) => "policy-cut-followed",
                _ => "policy-cut-follower",
            }),
        })
        .collect())
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
        DomainList::from_code(&self.list).ok_or_else(|| {
            HttpError::bad_request(viewer.tr.t("error-unknown-policy-list")).in_readers_language()
        })
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
