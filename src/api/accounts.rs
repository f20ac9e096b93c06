//! Users and their API tokens: `/api/v1/me`, `/api/v1/tokens`, `/api/v1/users`.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::auth::{Admin, Caller};
use crate::{
    app::AppContext,
    domain::user::{Role, User},
    http::{ApiError, HttpError},
    service::accounts,
    storage::{
        StorageError,
        users::{self, TokenInfo},
    },
};

/// A user as the API shows one.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub username: String,
    pub display_name: String,
    #[schema(value_type = Role)]
    pub role: &'static str,
    /// The interface language the user chose, if any.
    pub locale: Option<String>,
    /// The languages the user reads items in, most wanted first (empty: the browser's).
    pub read_languages: Vec<String>,
    /// False once an admin deactivated the account.
    pub active: bool,
}

impl From<&User> for UserView {
    fn from(user: &User) -> UserView {
        UserView {
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role.code(),
            locale: user.locale.clone(),
            read_languages: user.read_languages.iter().map(ToString::to_string).collect(),
            active: user.active,
        }
    }
}

/// The caller's API tokens.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenList {
    tokens: Vec<TokenInfo>,
}

/// A new API token.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenCreated {
    /// The secret, to send as `Authorization: Bearer <token>`: shown only this once.
    token: String,
    info: TokenInfo,
}

/// The instance's users.
#[derive(Serialize, utoipa::ToSchema)]
pub struct UserList {
    users: Vec<UserView>,
}

/// A changed user.
#[derive(Serialize, utoipa::ToSchema)]
pub struct UserChanged {
    /// The generated password, when one was asked for with `"password": ""`.
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
    user: UserView,
}

/// The caller: who the API token belongs to.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "accounts",
    responses(
        (status = 200, body = UserView),
        (status = 401, description = "No valid API token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn me(caller: Caller) -> HttpResponse {
    HttpResponse::Ok().json(UserView::from(&caller.0))
}

/// The caller's API tokens, revoked ones too (never their secrets).
#[utoipa::path(
    get,
    path = "/api/v1/tokens",
    tag = "accounts",
    responses(
        (status = 200, body = TokenList),
        (status = 401, description = "No valid API token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list_tokens(caller: Caller, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let id = caller.0.id;
    let tokens = data.db.read(move |conn| users::tokens(conn, id)).await?;
    Ok(HttpResponse::Ok().json(TokenList { tokens }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// What the token is for, like "import script".
    name: String,
}

/// Creates an API token for the caller; its secret is shown only in this answer.
#[utoipa::path(
    post,
    path = "/api/v1/tokens",
    tag = "accounts",
    request_body = NewToken,
    responses(
        (status = 201, body = TokenCreated),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 422, description = "The name is not valid", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create_token(
    caller: Caller,
    body: web::Json<NewToken>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    if caller.0.id == 0 {
        return Err(HttpError::bad_request(
            "the bootstrap token has no account: create an admin user first",
        ));
    }
    let (secret, info) = accounts::create_token(&data.db, &caller.0, &body.name).await?;
    Ok(HttpResponse::Created().json(TokenCreated { token: secret, info }))
}

/// Revokes one of the caller's tokens: it stops working at once.
#[utoipa::path(
    delete,
    path = "/api/v1/tokens/{id}",
    tag = "accounts",
    params(("id" = i64, Path, description = "The token's `id`")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 404, description = "The caller has no active token of that id", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn revoke_token(
    caller: Caller,
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let (user, id) = (caller.0.id, id.into_inner());
    if data
        .db
        .write(move |conn| users::revoke_token(conn, user, id))
        .await?
    {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(HttpError::not_found(format!("you have no active token {id}")))
    }
}

/// Every user of the instance, with their role.
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "accounts",
    responses(
        (status = 200, body = UserList),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list_users(_admin: Admin, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let list = data.db.read(users::list).await?;
    let views: Vec<UserView> = list.iter().map(UserView::from).collect();
    Ok(HttpResponse::Ok().json(UserList { users: views }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// Lowercase letters, digits, `.`, `_` and `-`.
    username: String,
    display_name: String,
    role: Role,
    /// At least 10 characters.
    password: String,
}

/// Creates a user.
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "accounts",
    request_body = NewUser,
    responses(
        (status = 201, body = UserView),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 422, description = "A field is not valid, or the username is taken: every problem, by field", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create_user(
    _admin: Admin,
    body: web::Json<NewUser>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = accounts::create_user(
        &data.db,
        &body.username,
        &body.display_name,
        body.role,
        &body.password,
    )
    .await?;
    Ok(HttpResponse::Created().json(UserView::from(&user)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    role: Option<Role>,
    /// A new password; `""` to have one generated (it is returned).
    password: Option<String>,
    /// `false` deactivates the account (its sessions end, its tokens stop working); `true`
    /// reactivates it.
    active: Option<bool>,
}

/// Changes a user's role, sets or generates a new password (which ends their sessions), or
/// deactivates or reactivates the account.
#[utoipa::path(
    patch,
    path = "/api/v1/users/{username}",
    tag = "accounts",
    params(("username" = String, Path)),
    request_body = UserChange,
    responses(
        (status = 200, body = UserChanged),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is not an admin", body = ApiError),
        (status = 404, description = "No such user", body = ApiError),
        (status = 422, description = "Not valid, or it would leave the instance without an active admin", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn change_user(
    _admin: Admin,
    username: web::Path<String>,
    body: web::Json<UserChange>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let username = username.into_inner();
    if let Some(role) = body.role {
        accounts::set_role(&data.db, &username, role).await?;
    }
    if let Some(active) = body.active {
        accounts::set_active(&data.db, &username, active).await?;
    }
    let mut generated = None;
    if let Some(password) = &body.password {
        let given = (!password.is_empty()).then(|| password.clone());
        let asked_to_generate = given.is_none();
        let password = accounts::reset_password(&data.db, &username, given).await?;
        if asked_to_generate {
            generated = Some(password);
        }
    }
    let name = username.clone();
    let user = data
        .db
        .read(move |conn| -> Result<_, StorageError> { users::find_by_username(conn, &name) })
        .await?
        .ok_or_else(|| HttpError::not_found(format!("there is no user `{username}`")))?;
    Ok(HttpResponse::Ok().json(UserChanged {
        password: generated,
        user: UserView::from(&user),
    }))
}
