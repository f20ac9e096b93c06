//! Logging in and out, the interface language, and a user's own account: password and API
//! tokens.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    app::AppContext,
    domain::{
        language::{MAX_READER_LANGUAGES, parse_list},
        user::Role,
    },
    http::{HttpError, client_address::client_address},
    service::{
        ServiceError,
        accounts::{self, LoginError},
    },
    storage::users,
    web::{
        CsrfForm, Frame,
        i18n::{LANGUAGE_COOKIE, UI_LANGUAGES, is_supported},
        is_local_path,
        item_form::Choice,
        render_with, see_other,
        session::{SESSION_COOKIE, Viewer},
    },
};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    frame: Frame,
    username: String,
    back: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct BackQuery {
    back: Option<String>,
}

fn safe_back(back: Option<&str>) -> String {
    back.filter(|b| is_local_path(b)).unwrap_or("/").to_string()
}

/// `GET /login`
pub async fn login_form(
    req: HttpRequest,
    viewer: Viewer,
    query: web::Query<BackQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let back = safe_back(query.back.as_deref());
    if viewer.user.is_some() {
        return Ok(see_other(&back));
    }
    let page = LoginPage {
        frame: Frame::new(&viewer, &req, &data.city, "login", viewer.tr.t("login-heading")),
        username: String::new(),
        back,
        error: None,
    };
    render_with(&viewer, StatusCode::OK, &page)
}

#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    username: String,
    password: String,
    back: Option<String>,
}

/// `POST /login`: starts a session, or shows the form again (throttled after repeated failures).
pub async fn login(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<LoginForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.check_csrf(&form.csrf)?;
    let back = safe_back(form.back.as_deref());
    let client = client_address(&req, &data.settings.trusted_proxies());
    let username = form.username.trim().to_lowercase();
    let failure =
        match accounts::authenticate(&data.db, &data.login_throttle, &username, &form.password, client).await
        {
            Ok(user) => {
                let (token, _) = accounts::start_session(&data.db, &user).await?;
                return Ok(HttpResponse::SeeOther()
                    .cookie(viewer.session_cookie(token))
                    .insert_header(("Location", back))
                    .finish());
            }
            Err(LoginError::Invalid) => (StatusCode::UNAUTHORIZED, viewer.tr.t("login-invalid")),
            Err(LoginError::Deactivated) => (StatusCode::FORBIDDEN, viewer.tr.t("login-deactivated")),
            Err(LoginError::Throttled(minutes)) => (
                StatusCode::TOO_MANY_REQUESTS,
                viewer.tr.count("login-throttled", minutes as i64),
            ),
            Err(LoginError::Storage(e)) => return Err(e.into()),
        };
    let page = LoginPage {
        frame: Frame::new(&viewer, &req, &data.city, "login", viewer.tr.t("login-heading")),
        username,
        back,
        error: Some(failure.1),
    };
    render_with(&viewer, failure.0, &page)
}

/// `POST /logout`: ends the session.
pub async fn logout(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<CsrfForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.check_csrf(&form.csrf)?;
    if let Some(cookie) = req.cookie(SESSION_COOKIE) {
        accounts::end_session(&data.db, cookie.value()).await?;
    }
    Ok(HttpResponse::SeeOther()
        .cookie(viewer.logout_cookie())
        .insert_header(("Location", "/"))
        .finish())
}

#[derive(Deserialize)]
pub struct LanguageQuery {
    set: String,
    back: Option<String>,
}

/// `GET /language?set=bg&back=/path`: remembers the interface language in this browser.
pub async fn choose_language(
    viewer: Viewer,
    query: web::Query<LanguageQuery>,
) -> Result<HttpResponse, HttpError> {
    if !is_supported(&query.set) {
        return Err(HttpError::bad_request(viewer.tr.t("error-unknown-language")).in_readers_language());
    }
    let cookie = viewer.cookie(
        LANGUAGE_COOKIE,
        query.set.clone(),
        Some(actix_web::cookie::time::Duration::days(365)),
    );
    Ok(HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header(("Location", safe_back(query.back.as_deref())))
        .finish())
}

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created: String,
    pub last_used: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    frame: Frame,
    username: String,
    role: String,
    locales: Vec<Choice>,
    /// The ordered choices of "languages I read": one list per place in the order.
    reads: Vec<(String, Vec<Choice>)>,
    /// Chosen languages that are not in the lists, as codes.
    reads_other: String,
    reads_error: Option<String>,
    tokens: Vec<TokenRow>,
    /// A token just created: shown once.
    new_token: Option<String>,
    token_error: Option<String>,
    password_error: Option<String>,
    notice: Option<String>,
}

/// `GET /account`
pub async fn show(
    req: HttpRequest,
    viewer: Viewer,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Reader)?;
    account_page(&req, &viewer, &data, Feedback::default()).await
}

#[derive(Default)]
struct Feedback {
    reads_error: Option<String>,
    new_token: Option<String>,
    token_error: Option<String>,
    password_error: Option<String>,
    notice: Option<String>,
}

async fn account_page(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    feedback: Feedback,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.clone();
    let tr = &viewer.tr;
    let id = user.id;
    let tokens = data.db.read(move |conn| users::tokens(conn, id)).await?;
    let mut locales = vec![Choice {
        value: String::new(),
        label: tr.t("account-language-browser"),
        selected: user.locale.is_none(),
    }];
    locales.extend(UI_LANGUAGES.iter().map(|code| Choice {
        value: code.to_string(),
        label: crate::web::i18n::Tr::new(code).endonym(),
        selected: user.locale.as_deref() == Some(code),
    }));
    let named = named_languages(tr);
    let chosen = &user.read_languages;
    let reads = (0..READ_CHOICES)
        .map(|place| {
            let current = chosen
                .get(place)
                .map(|t| t.as_str())
                .filter(|c| named.iter().any(|(n, _)| n == c));
            let choices = std::iter::once(Choice {
                value: String::new(),
                label: "—".into(),
                selected: current.is_none(),
            })
            .chain(named.iter().map(|(code, name)| Choice {
                value: code.clone(),
                label: name.clone(),
                selected: current == Some(code.as_str()),
            }))
            .collect();
            (tr.count("account-reads-place", place as i64 + 1), choices)
        })
        .collect();
    let reads_other = chosen
        .iter()
        .enumerate()
        .filter(|(place, t)| *place >= READ_CHOICES || !named.iter().any(|(n, _)| n == t.as_str()))
        .map(|(_, t)| t.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let status = if feedback.token_error.is_some()
        || feedback.password_error.is_some()
        || feedback.reads_error.is_some()
    {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = AccountPage {
        frame: Frame::new(viewer, req, &data.city, "account", tr.t("account-heading")),
        username: user.username.clone(),
        role: tr.code_label("role", user.role.code()),
        locales,
        reads,
        reads_other,
        reads_error: feedback.reads_error,
        tokens: tokens
            .into_iter()
            .filter(|t| !t.revoked)
            .map(|t| TokenRow {
                id: t.id,
                name: t.name,
                prefix: t.prefix,
                created: tr.date(t.created_at.date_naive()),
                last_used: t
                    .last_used_at
                    .map(|at| tr.datetime(at))
                    .unwrap_or_else(|| tr.t("account-token-unused")),
            })
            .collect(),
        new_token: feedback.new_token,
        token_error: feedback.token_error,
        password_error: feedback.password_error,
        notice: feedback.notice,
    };
    render_with(viewer, status, &page)
}

#[derive(Deserialize)]
pub struct LanguageForm {
    csrf: String,
    locale: String,
}

/// `POST /account/language`: the user's interface language (empty: the browser's).
pub async fn save_language(
    viewer: Viewer,
    form: web::Form<LanguageForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.clone();
    viewer.check_csrf(&form.csrf)?;
    let locale = match form.locale.as_str() {
        "" => None,
        code if is_supported(code) => Some(code.to_string()),
        _ => return Err(HttpError::bad_request(viewer.tr.t("error-unknown-language")).in_readers_language()),
    };
    data.db
        .write(move |conn| users::set_locale(conn, user.id, locale.as_deref()))
        .await?;
    // The account's setting takes over from the one remembered in this browser.
    let mut forget = viewer.cookie(LANGUAGE_COOKIE, String::new(), None);
    forget.make_removal();
    Ok(HttpResponse::SeeOther()
        .cookie(forget)
        .insert_header(("Location", "/account"))
        .finish())
}

/// How many ordered lists the "languages I read" form offers; more go in its text field.
const READ_CHOICES: usize = 4;

/// Every content language the interface has a name for, as (code, name), by name.
fn named_languages(tr: &crate::web::i18n::Tr) -> Vec<(String, String)> {
    let mut named: Vec<(String, String)> = crate::web::i18n::content_language_codes()
        .into_iter()
        .map(|code| {
            let name = tr.language_name(&code);
            (code, name)
        })
        .collect();
    named.sort_by(|a, b| a.1.cmp(&b.1));
    named
}

/// `POST /account/reading`: the languages the user reads, most wanted first: the lists in
/// order, then the codes typed in `other`; none at all returns to the browser's languages.
pub async fn save_reading(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<Vec<(String, String)>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.clone();
    let sent = |name: &'static str| {
        form.iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    viewer.check_csrf(sent("csrf").next().unwrap_or_default())?;
    let mut text: Vec<&str> = sent("read").filter(|v| !v.is_empty()).collect();
    text.extend(sent("other"));
    let languages = match parse_list(&text.join(",")) {
        Ok(languages) => languages,
        Err(bad) => {
            let tr = &viewer.tr;
            let message = if bad.0.contains(',') {
                tr.count("account-reads-too-many", MAX_READER_LANGUAGES as i64)
            } else {
                tr.t1("account-reads-invalid", "value", &bad.0)
            };
            let feedback = Feedback {
                reads_error: Some(message),
                ..Feedback::default()
            };
            return account_page(&req, &viewer, &data, feedback).await;
        }
    };
    data.db
        .write(move |conn| users::set_read_languages(conn, user.id, &languages))
        .await?;
    Ok(see_other("/account"))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    csrf: String,
    current: String,
    new: String,
}

/// `POST /account/password`: needs the current password; other sessions end.
pub async fn change_password(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<PasswordForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.clone();
    viewer.check_csrf(&form.csrf)?;
    let client = client_address(&req, &data.settings.trusted_proxies());
    let problem = match accounts::authenticate(
        &data.db,
        &data.login_throttle,
        &user.username,
        &form.current,
        client,
    )
    .await
    {
        Err(LoginError::Storage(e)) => return Err(e.into()),
        Err(LoginError::Throttled(minutes)) => Some(viewer.tr.count("login-throttled", minutes as i64)),
        Err(LoginError::Invalid) => Some(viewer.tr.t("account-password-wrong")),
        Err(LoginError::Deactivated) => Some(viewer.tr.t("login-deactivated")),
        Ok(_) => match accounts::reset_password(&data.db, &user.username, Some(form.new.clone())).await {
            Ok(_) => None,
            Err(ServiceError::Invalid(errors)) => Some(
                errors
                    .0
                    .iter()
                    .map(|e| viewer.tr.problem(e))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Err(e) => return Err(e.into()),
        },
    };
    if let Some(message) = problem {
        let feedback = Feedback {
            password_error: Some(message),
            ..Feedback::default()
        };
        return account_page(&req, &viewer, &data, feedback).await;
    }
    // Changing the password ends every session; this browser gets a new one.
    let (token, _) = accounts::start_session(&data.db, &user).await?;
    Ok(HttpResponse::SeeOther()
        .cookie(viewer.session_cookie(token))
        .insert_header(("Location", "/account"))
        .finish())
}

#[derive(Deserialize)]
pub struct TokenForm {
    csrf: String,
    name: String,
}

/// `POST /account/tokens`: a new API token, shown once.
pub async fn create_token(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<TokenForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.clone();
    viewer.check_csrf(&form.csrf)?;
    let feedback = match accounts::create_token(&data.db, &user, &form.name).await {
        Ok((secret, _)) => Feedback {
            new_token: Some(secret),
            ..Feedback::default()
        },
        Err(ServiceError::Invalid(_)) => Feedback {
            token_error: Some(viewer.tr.t("account-token-name-needed")),
            ..Feedback::default()
        },
        Err(e) => return Err(e.into()),
    };
    account_page(&req, &viewer, &data, feedback).await
}

/// `POST /account/tokens/{id}/revoke`
pub async fn revoke_token(
    viewer: Viewer,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.clone();
    viewer.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    if !data
        .db
        .write(move |conn| users::revoke_token(conn, user.id, id))
        .await?
    {
        return Err(HttpError::not_found(viewer.tr.t("error-token-not-found")).in_readers_language());
    }
    Ok(see_other("/account"))
}
