//! Users and their API tokens: `/api/v1/me`, `/api/v1/tokens`, `/api/v1/users`.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::auth::{Admin, Caller};
use crate::{
    app::AppContext,
    domain::user::{Role, User},
    http::HttpError,
    service::accounts,
    storage::{StorageError, users},
};

/// A user as the API shows one.
#[derive(Debug, Serialize)]
pub struct UserView {
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub locale: Option<String>,
}

impl From<&User> for UserView {
    fn from(user: &User) -> UserView {
        UserView {
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role.code(),
            locale: user.locale.clone(),
        }
    }
}

/// `GET /api/v1/me`: the caller.
pub async fn me(caller: Caller) -> HttpResponse {
    HttpResponse::Ok().json(UserView::from(&caller.0))
}

/// `GET /api/v1/tokens`: the caller's API tokens (never their secrets).
pub async fn list_tokens(caller: Caller, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let id = caller.0.id;
    let tokens = data.db.read(move |conn| users::tokens(conn, id)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "tokens": tokens })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// What the token is for, like "import script".
    name: String,
}

/// `POST /api/v1/tokens {"name": ...}`: a new token; its secret is shown only in this answer.
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
    Ok(HttpResponse::Created().json(serde_json::json!({ "token": secret, "info": info })))
}

/// `DELETE /api/v1/tokens/{id}`: revokes one of the caller's tokens.
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

/// `GET /api/v1/users` (admin)
pub async fn list_users(_admin: Admin, data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let list = data.db.read(users::list).await?;
    let views: Vec<UserView> = list.iter().map(UserView::from).collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "users": views })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    username: String,
    display_name: String,
    role: Role,
    password: String,
}

/// `POST /api/v1/users` (admin)
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    role: Option<Role>,
    /// A new password; `""` to have one generated (it is returned).
    password: Option<String>,
}

/// `PATCH /api/v1/users/{username}` (admin): change the role, reset the password.
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
    let mut answer = serde_json::Map::new();
    if let Some(password) = &body.password {
        let given = (!password.is_empty()).then(|| password.clone());
        let generated = given.is_none();
        let password = accounts::reset_password(&data.db, &username, given).await?;
        if generated {
            answer.insert("password".into(), password.into());
        }
    }
    let name = username.clone();
    let user = data
        .db
        .read(move |conn| -> Result<_, StorageError> { users::find_by_username(conn, &name) })
        .await?
        .ok_or_else(|| HttpError::not_found(format!("there is no user `{username}`")))?;
    answer.insert(
        "user".into(),
        serde_json::to_value(UserView::from(&user)).unwrap_or_default(),
    );
    Ok(HttpResponse::Ok().json(answer))
}
