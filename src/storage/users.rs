//! Accounts: `users`, their browser `sessions`, and their `api_tokens`. Secrets are stored only
//! as hashes (argon2 for passwords, SHA-256 for random tokens).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};

use super::{
    DbConn, StorageError, dispatch, from_db_time,
    schema::{api_tokens, sessions, users},
    to_db_time,
};
use crate::domain::{
    item::now,
    language::{LanguageTag, parse_list},
    user::{Role, User},
};

type UserRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<NaiveDateTime>,
);

macro_rules! user_columns {
    () => {
        (
            users::id,
            users::username,
            users::display_name,
            users::role,
            users::locale,
            users::read_languages,
            users::deactivated_at,
        )
    };
}

fn to_user(row: UserRow) -> Result<User, StorageError> {
    let (id, username, display_name, role, locale, read_languages, deactivated) = row;
    let read_languages = parse_list(&read_languages)
        .map_err(|e| StorageError::Corrupt(format!("languages of {username}: {e}")))?;
    Ok(User {
        id,
        role: Role::from_code(&role)
            .ok_or_else(|| StorageError::Corrupt(format!("role `{role}` of {username}")))?,
        username,
        display_name,
        locale,
        read_languages,
        active: deactivated.is_none(),
    })
}

/// Creates an account; `None` when the user name is taken.
pub fn create(
    conn: &mut DbConn<'_>,
    username: &str,
    display_name: &str,
    password_hash: &str,
    role: Role,
) -> Result<Option<User>, StorageError> {
    let at = to_db_time(now());
    let inserted = dispatch!(conn, c => diesel::insert_into(users::table)
        .values((
            users::username.eq(username),
            users::display_name.eq(display_name),
            users::password_hash.eq(password_hash),
            users::role.eq(role.code()),
            users::created_at.eq(at),
            users::updated_at.eq(at),
        ))
        .on_conflict(users::username)
        .do_nothing()
        .execute(c))?;
    if inserted == 0 {
        return Ok(None);
    }
    find_by_username(conn, username)
}

pub fn find_by_username(conn: &mut DbConn<'_>, username: &str) -> Result<Option<User>, StorageError> {
    let row = dispatch!(conn, c => users::table
        .filter(users::username.eq(username))
        .select(user_columns!())
        .first::<UserRow>(c)
        .optional())?;
    row.map(to_user).transpose()
}

/// The account and its password hash, for logging in.
pub fn credentials(conn: &mut DbConn<'_>, username: &str) -> Result<Option<(User, String)>, StorageError> {
    let row = dispatch!(conn, c => users::table
        .filter(users::username.eq(username))
        .select((user_columns!(), users::password_hash))
        .first::<(UserRow, String)>(c)
        .optional())?;
    row.map(|(user, hash)| Ok((to_user(user)?, hash))).transpose()
}

/// Every account, by user name.
pub fn list(conn: &mut DbConn<'_>) -> Result<Vec<User>, StorageError> {
    let rows = dispatch!(conn, c => users::table.order(users::username.asc()).select(user_columns!()).load::<UserRow>(c))?;
    rows.into_iter().map(to_user).collect()
}

/// How many active admins there are (the bootstrap token works only while there is none).
pub fn count_admins(conn: &mut DbConn<'_>) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => users::table
        .filter(users::role.eq(Role::Admin.code()))
        .filter(users::deactivated_at.is_null())
        .count()
        .get_result(c))?)
}

/// Deactivates an account (ending its sessions) or reactivates it; false when there is no such
/// user.
pub fn set_active(conn: &mut DbConn<'_>, username: &str, active: bool) -> Result<bool, StorageError> {
    let at = to_db_time(now());
    let Some(user) = find_by_username(conn, username)? else {
        return Ok(false);
    };
    let deactivated = (!active).then_some(at);
    dispatch!(conn, c => {
        diesel::update(users::table.find(user.id))
            .set((users::deactivated_at.eq(deactivated), users::updated_at.eq(at)))
            .execute(c)?;
        if !active {
            diesel::delete(sessions::table.filter(sessions::user_id.eq(user.id))).execute(c)?;
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(true)
}

/// Changes a user's role; false when there is no such user.
pub fn set_role(conn: &mut DbConn<'_>, username: &str, role: Role) -> Result<bool, StorageError> {
    let at = to_db_time(now());
    let changed = dispatch!(conn, c => diesel::update(users::table.filter(users::username.eq(username)))
        .set((users::role.eq(role.code()), users::updated_at.eq(at)))
        .execute(c))?;
    Ok(changed > 0)
}

/// Replaces a user's password hash and ends their sessions; false when there is no such user.
pub fn set_password_hash(conn: &mut DbConn<'_>, username: &str, hash: &str) -> Result<bool, StorageError> {
    let at = to_db_time(now());
    let Some(user) = find_by_username(conn, username)? else {
        return Ok(false);
    };
    dispatch!(conn, c => {
        diesel::update(users::table.find(user.id))
            .set((users::password_hash.eq(hash), users::updated_at.eq(at)))
            .execute(c)?;
        diesel::delete(sessions::table.filter(sessions::user_id.eq(user.id))).execute(c)
    })?;
    Ok(true)
}

/// Sets (or clears) the interface language a user prefers.
/// The languages the user reads, most wanted first (empty: the browser's decide).
pub fn set_read_languages(
    conn: &mut DbConn<'_>,
    user: i64,
    languages: &[LanguageTag],
) -> Result<(), StorageError> {
    let list = languages
        .iter()
        .map(LanguageTag::as_str)
        .collect::<Vec<_>>()
        .join(",");
    dispatch!(conn, c => diesel::update(users::table.find(user)).set(users::read_languages.eq(&list)).execute(c))?;
    Ok(())
}

pub fn set_locale(conn: &mut DbConn<'_>, user: i64, locale: Option<&str>) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(users::table.find(user)).set(users::locale.eq(locale)).execute(c))?;
    Ok(())
}

/// Starts a session that lasts until `expires`.
pub fn create_session(
    conn: &mut DbConn<'_>,
    user: i64,
    token_hash: &str,
    csrf_token: &str,
    expires: DateTime<Utc>,
) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(token_hash),
            sessions::user_id.eq(user),
            sessions::csrf_token.eq(csrf_token),
            sessions::created_at.eq(to_db_time(now())),
            sessions::expires_at.eq(to_db_time(expires)),
        ))
        .execute(c))?;
    Ok(())
}

/// The user of a session that has not expired, with its CSRF token.
pub fn session(conn: &mut DbConn<'_>, token_hash: &str) -> Result<Option<(User, String)>, StorageError> {
    let at = to_db_time(now());
    let row = dispatch!(conn, c => sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(token_hash))
        .filter(sessions::expires_at.gt(at))
        .filter(users::deactivated_at.is_null())
        .select((user_columns!(), sessions::csrf_token))
        .first::<(UserRow, String)>(c)
        .optional())?;
    row.map(|(user, csrf)| Ok((to_user(user)?, csrf))).transpose()
}

/// Ends a session.
pub fn delete_session(conn: &mut DbConn<'_>, token_hash: &str) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::delete(sessions::table.filter(sessions::token_hash.eq(token_hash))).execute(c))?;
    Ok(())
}

/// An API token as its owner sees it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    /// The first characters of the token, to recognise it.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked: bool,
}

/// Stores a new token of `user`; returns its id.
pub fn create_token(
    conn: &mut DbConn<'_>,
    user: i64,
    name: &str,
    token_hash: &str,
    prefix: &str,
) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(user),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(token_hash),
            api_tokens::prefix.eq(prefix),
            api_tokens::created_at.eq(to_db_time(now())),
        ))
        .returning(api_tokens::id)
        .get_result::<i64>(c))?)
}

/// The tokens of a user, newest first.
pub fn tokens(conn: &mut DbConn<'_>, user: i64) -> Result<Vec<TokenInfo>, StorageError> {
    type Row = (
        i64,
        String,
        String,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    );
    let rows = dispatch!(conn, c => api_tokens::table
        .filter(api_tokens::user_id.eq(user))
        .order(api_tokens::id.desc())
        .select((api_tokens::id, api_tokens::name, api_tokens::prefix, api_tokens::created_at, api_tokens::last_used_at, api_tokens::revoked_at))
        .load::<Row>(c))?;
    Ok(rows
        .into_iter()
        .map(|(id, name, prefix, created, used, revoked)| TokenInfo {
            id,
            name,
            prefix,
            created_at: from_db_time(created),
            last_used_at: used.map(from_db_time),
            revoked: revoked.is_some(),
        })
        .collect())
}

/// Revokes a token of `user`; false when the user has no such token.
pub fn revoke_token(conn: &mut DbConn<'_>, user: i64, id: i64) -> Result<bool, StorageError> {
    let at = to_db_time(now());
    let changed = dispatch!(conn, c => diesel::update(api_tokens::table
        .filter(api_tokens::id.eq(id))
        .filter(api_tokens::user_id.eq(user))
        .filter(api_tokens::revoked_at.is_null()))
        .set(api_tokens::revoked_at.eq(Some(at)))
        .execute(c))?;
    Ok(changed > 0)
}

/// The user of a token that is not revoked; records its use.
pub fn token_user(conn: &mut DbConn<'_>, token_hash: &str) -> Result<Option<User>, StorageError> {
    let row = dispatch!(conn, c => api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(api_tokens::revoked_at.is_null())
        .filter(users::deactivated_at.is_null())
        .select((api_tokens::id, user_columns!()))
        .first::<(i64, UserRow)>(c)
        .optional())?;
    let Some((id, user)) = row else { return Ok(None) };
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::update(api_tokens::table.find(id)).set(api_tokens::last_used_at.eq(Some(at))).execute(c))?;
    to_user(user).map(Some)
}
