//! Who may write through the API: for now, whoever holds the instance's admin token.

use std::future::{Ready, ready};

use activitypub_federation::config::FederationConfig;
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload};

use crate::{app::AppContext, http::HttpError};

/// Proof that the request carried the admin token (`Authorization: Bearer <token>`).
pub struct Admin;

impl FromRequest for Admin {
    type Error = HttpError;
    type Future = Ready<Result<Admin, HttpError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let expected = req
            .extensions()
            .get::<FederationConfig<AppContext>>()
            .map(|c| c.admin_token.clone());
        let Some(expected) = expected else {
            return ready(Err(HttpError::internal()));
        };
        let given = req
            .headers()
            .get("Authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        ready(match given {
            None => Err(HttpError::unauthorized(
                "this operation needs the admin token: send `Authorization: Bearer <token>`",
            )),
            Some(token) if constant_time_eq(token.as_bytes(), expected.as_bytes()) => Ok(Admin),
            Some(_) => Err(HttpError::unauthorized("the bearer token is not valid")),
        })
    }
}

/// Compares without leaking, through timing, how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
