//! Who calls the API, and what they may do.
//!
//! Calls carry `Authorization: Bearer <token>`, a user's API token. Until the first admin account
//! exists, the configuration's bootstrap admin token (`instance.admin_token`) stands in for one,
//! so a new instance can be set up through the API; it stops working once an admin exists.
//! Cookies are never accepted here, so the API cannot be driven from another site (CSRF).

use std::future::Future;
use std::pin::Pin;

use activitypub_federation::config::FederationConfig;
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload};

use crate::{
    app::AppContext,
    domain::{
        audience::Visibility,
        user::{Role, User},
    },
    http::HttpError,
    service::accounts,
    storage::users,
};

/// An authenticated caller of any role.
pub struct Caller(pub User);

/// A caller who may publish and edit (an editor or an admin).
pub struct Editor(pub User);

/// A caller who runs the instance.
pub struct Admin(pub User);

/// What the caller of a read may see: everything the city holds with a valid token, public
/// items without one. A token that is not valid is refused rather than read as no token, so a
/// script with an expired token learns why it sees less.
pub struct Reader(pub Visibility);

impl FromRequest for Caller {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<Caller, HttpError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ctx = req
            .extensions()
            .get::<FederationConfig<AppContext>>()
            .map(|c| (**c).clone());
        let given = req
            .headers()
            .get("Authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_string());
        Box::pin(async move {
            let ctx = ctx.ok_or_else(HttpError::internal)?;
            let token = given.ok_or_else(|| {
                HttpError::unauthorized(
                    "this operation needs an API token: send `Authorization: Bearer <token>`",
                )
            })?;
            if let Some(user) = accounts::token_user(&ctx.db, &token).await? {
                return Ok(Caller(user));
            }
            if constant_time_eq(token.as_bytes(), ctx.admin_token.as_bytes()) {
                if ctx.db.read(users::count_admins).await? == 0 {
                    return Ok(Caller(bootstrap_admin()));
                }
                return Err(HttpError::unauthorized(
                    "the bootstrap admin token stopped working when the first admin account was created; use a user's API token",
                ));
            }
            Err(HttpError::unauthorized("the bearer token is not valid"))
        })
    }
}

/// The stand-in admin of the bootstrap token.
fn bootstrap_admin() -> User {
    User {
        id: 0,
        username: "bootstrap".into(),
        display_name: "Bootstrap admin token".into(),
        role: Role::Admin,
        locale: None,
        read_languages: Vec::new(),
        active: true,
    }
}

fn require(caller: Caller, role: Role) -> Result<User, HttpError> {
    if caller.0.role.at_least(role) {
        Ok(caller.0)
    } else {
        Err(HttpError::forbidden(format!(
            "this operation needs the {} role; {} is {}",
            role.code(),
            caller.0.username,
            caller.0.role.code()
        )))
    }
}

impl FromRequest for Editor {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<Editor, HttpError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        Box::pin(async move { require(caller.await?, Role::Editor).map(Editor) })
    }
}

impl FromRequest for Reader {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<Reader, HttpError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().get("Authorization").is_none() {
            return Box::pin(async { Ok(Reader(Visibility::PublicOnly)) });
        }
        let caller = Caller::from_request(req, payload);
        Box::pin(async move {
            caller.await?;
            Ok(Reader(Visibility::Everything))
        })
    }
}

impl FromRequest for Admin {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<Admin, HttpError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        Box::pin(async move { require(caller.await?, Role::Admin).map(Admin) })
    }
}

/// Compares without leaking, through timing, how much of a guess was right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
