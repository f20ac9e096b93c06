//! The people who use an instance, and what each may do.

use serde::{Deserialize, Serialize};

use super::validation::{Problem, ValidationErrors};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// What a user may do: admins run the instance, editors publish, readers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reader,
    Editor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Reader];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Reader => "reader",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether this role includes everything `other` may do.
    pub fn at_least(self, other: Role) -> bool {
        self >= other
    }
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The interface language the user chose, if any.
    pub locale: Option<String>,
    /// The languages the user reads items in, most wanted first; empty: the browser's.
    pub read_languages: Vec<super::language::LanguageTag>,
    /// False once an admin deactivated the account: no login, no session, no API token.
    pub active: bool,
}

/// Checks a new account's fields, reporting every problem.
pub fn validate_account(username: &str, display_name: &str, password: &str) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    if !is_valid_username(username) {
        errors.add(
            "username",
            Problem::UsernameInvalid,
            "expected 2 to 40 lowercase letters, digits, dots, dashes or underscores",
        );
    }
    if display_name.trim().is_empty() || display_name.chars().count() > 100 {
        errors.add(
            "display_name",
            Problem::DisplayNameInvalid,
            "expected a name of 1 to 100 characters",
        );
    }
    if let Err(message) = check_password(password) {
        errors
            .add("password", Problem::PasswordLength, message)
            .with("min", MIN_PASSWORD_CHARS);
    }
    errors.into_result(())
}

/// Whether a user name is acceptable.
pub fn is_valid_username(username: &str) -> bool {
    (2..=40).contains(&username.len())
        && username
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'))
}

/// Whether a password is long enough to be worth hashing.
pub fn check_password(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Err(format!("too short: at least {MIN_PASSWORD_CHARS} characters"))
    } else if chars > 200 {
        Err("too long: at most 200 characters".into())
    } else {
        Ok(())
    }
}
