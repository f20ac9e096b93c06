//! Accounts: creating users, logging in (with throttling), sessions and API tokens.

use std::net::IpAddr;

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use rand::{Rng, distributions::Alphanumeric};
use sha2::{Digest, Sha256};

use super::ServiceError;
pub use super::login_throttle::LoginThrottle;
use crate::{
    domain::{
        item::now,
        user::{Role, User, check_password, validate_account},
        validation::{Problem, ValidationErrors},
    },
    storage::{Database, StorageError, users},
};

/// How long a browser session lasts.
pub const SESSION_DAYS: i64 = 14;
/// Prefix of API tokens, so a leaked one is recognisable.
const TOKEN_PREFIX: &str = "praxis_";

/// A random secret of `len` letters and digits.
pub fn random_secret(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// The stored form of a random token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn hash_password(password: String) -> Result<String, ServiceError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::BadInput(format!("the password could not be hashed: {e}")))
    })
    .await
    .map_err(|e| ServiceError::BadInput(e.to_string()))?
}

async fn password_matches(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// Creates an account.
pub async fn create_user(
    db: &Database,
    username: &str,
    display_name: &str,
    role: Role,
    password: &str,
) -> Result<User, ServiceError> {
    validate_account(username, display_name, password)?;
    let hash = hash_password(password.to_string()).await?;
    let (username, display_name) = (username.to_string(), display_name.trim().to_string());
    let created = db
        .write(move |conn| users::create(conn, &username, &display_name, &hash, role))
        .await?;
    created.ok_or_else(|| {
        let mut errors = ValidationErrors::default();
        errors.add("username", Problem::UsernameTaken, "this user name is taken");
        errors.into()
    })
}

/// Changes a user's role.
pub async fn set_role(db: &Database, username: &str, role: Role) -> Result<(), ServiceError> {
    let name = username.to_string();
    let changed = db
        .write(move |conn| -> Result<bool, ServiceError> {
            let Some(user) = users::find_by_username(conn, &name)? else {
                return Ok(false);
            };
            // Without an admin nobody could manage the instance, and the bootstrap token
            // would start working again.
            if user.role == Role::Admin && role != Role::Admin && users::count_admins(conn)? <= 1 {
                let mut errors = ValidationErrors::default();
                errors.add(
                    "role",
                    Problem::LastAdmin,
                    format!("{name} is the only admin; make another user admin first"),
                );
                return Err(errors.into());
            }
            Ok(users::set_role(conn, &name, role)?)
        })
        .await?;
    if changed {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("there is no user `{username}`")))
    }
}

/// Deactivates an account (it can no longer log in, its sessions end and its API tokens stop
/// working) or reactivates it. The last active admin stays active.
pub async fn set_active(db: &Database, username: &str, active: bool) -> Result<(), ServiceError> {
    let name = username.to_string();
    let changed = db
        .write(move |conn| -> Result<bool, ServiceError> {
            let Some(user) = users::find_by_username(conn, &name)? else {
                return Ok(false);
            };
            if !active && user.active && user.role == Role::Admin && users::count_admins(conn)? <= 1 {
                let mut errors = ValidationErrors::default();
                errors.add(
                    "active",
                    Problem::LastActiveAdmin,
                    format!("{name} is the only active admin; make another user admin first"),
                );
                return Err(errors.into());
            }
            Ok(users::set_active(conn, &name, active)?)
        })
        .await?;
    if changed {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("there is no user `{username}`")))
    }
}

/// Sets a new password (a generated one when none is given), ends the user's sessions, and
/// returns the password.
pub async fn reset_password(
    db: &Database,
    username: &str,
    password: Option<String>,
) -> Result<String, ServiceError> {
    let password = password.unwrap_or_else(|| random_secret(16));
    if let Err(message) = check_password(&password) {
        let mut errors = ValidationErrors::default();
        errors
            .add("password", Problem::PasswordLength, message)
            .with("min", crate::domain::user::MIN_PASSWORD_CHARS);
        return Err(errors.into());
    }
    let hash = hash_password(password.clone()).await?;
    let name = username.to_string();
    if db
        .write(move |conn| users::set_password_hash(conn, &name, &hash))
        .await?
    {
        Ok(password)
    } else {
        Err(ServiceError::NotFound(format!("there is no user `{username}`")))
    }
}

/// Why a login failed.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("the user name or the password is wrong")]
    Invalid,
    #[error("too many failed logins; try again in {0} seconds")]
    Throttled(u64),
    #[error("the account is deactivated; an admin may reactivate it")]
    Deactivated,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Checks a user name and password; after repeated failures attempts are refused for a while
/// (see [`LoginThrottle`]), whether or not the password is right.
pub async fn authenticate(
    db: &Database,
    throttle: &LoginThrottle,
    username: &str,
    password: &str,
    client: IpAddr,
) -> Result<User, LoginError> {
    if let Some(wait) = throttle.wait(username, client) {
        return Err(LoginError::Throttled(wait.as_secs().max(1)));
    }
    let name = username.to_lowercase();
    let found = db.read(move |conn| users::credentials(conn, &name)).await?;
    // A missing user costs the same time as a wrong password, so names cannot be probed.
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (None, DUMMY_HASH.to_string()),
    };
    if password_matches(password.to_string(), hash).await
        && let Some(user) = user
    {
        throttle.succeed(username, client);
        // Said only to someone who knows the password: it tells them whom to ask.
        if !user.active {
            return Err(LoginError::Deactivated);
        }
        return Ok(user);
    }
    throttle.fail(username, client);
    Err(LoginError::Invalid)
}

/// A valid argon2 hash of a random string, checked against when the user does not exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$4Qe1s8Lq/TYqJ5O8iC9Go3bhLBUUGUYm+vl6Yd0m8tU";

/// Starts a session; returns the cookie token and the session's CSRF token.
pub async fn start_session(db: &Database, user: &User) -> Result<(String, String), StorageError> {
    let token = random_secret(43);
    let csrf = random_secret(32);
    let (id, hash, csrf_stored) = (user.id, token_hash(&token), csrf.clone());
    let expires = now() + chrono::Duration::days(SESSION_DAYS);
    db.write(move |conn| users::create_session(conn, id, &hash, &csrf_stored, expires))
        .await?;
    Ok((token, csrf))
}

/// The user of a session cookie, and the session's CSRF token.
pub async fn session_user(db: &Database, token: &str) -> Result<Option<(User, String)>, StorageError> {
    let hash = token_hash(token);
    db.read(move |conn| users::session(conn, &hash)).await
}

/// Ends a session.
pub async fn end_session(db: &Database, token: &str) -> Result<(), StorageError> {
    let hash = token_hash(token);
    db.write(move |conn| users::delete_session(conn, &hash)).await
}

/// Creates an API token for `user`; the secret is returned once and never stored.
pub async fn create_token(
    db: &Database,
    user: &User,
    name: &str,
) -> Result<(String, users::TokenInfo), ServiceError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        let mut errors = ValidationErrors::default();
        errors.add(
            "name",
            Problem::TokenNameInvalid,
            "expected a name of 1 to 100 characters, to tell the token apart",
        );
        return Err(errors.into());
    }
    let secret = format!("{TOKEN_PREFIX}{}", random_secret(40));
    let (user_id, hash, prefix, name) = (
        user.id,
        token_hash(&secret),
        secret[..12].to_string(),
        name.to_string(),
    );
    let info = db
        .write(move |conn| -> Result<_, StorageError> {
            let id = users::create_token(conn, user_id, &name, &hash, &prefix)?;
            Ok(users::tokens(conn, user_id)?.into_iter().find(|t| t.id == id))
        })
        .await?
        .ok_or_else(|| ServiceError::NotFound("the new token disappeared".into()))?;
    Ok((secret, info))
}

/// The user of an API token, if it is valid.
pub async fn token_user(db: &Database, token: &str) -> Result<Option<User>, StorageError> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let hash = token_hash(token);
    db.write(move |conn| users::token_user(conn, &hash)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_dummy_hash_is_a_valid_hash() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
        assert!(!password_matches("anything at all".into(), DUMMY_HASH.into()).await);
    }
}
