//! Field errors, collected so that a user sees every problem with an input at once.

use std::{collections::BTreeMap, fmt};

use serde::Serialize;

/// One problem with one field of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// Path of the field, like `title` or `body.bg`.
    pub field: String,
    /// Stable code of the problem, like `required` or `too_long` (`invalid` when no more
    /// precise code applies): for programs, and for the interface to say it in its language.
    #[schema(value_type = String)]
    pub code: &'static str,
    /// What is wrong and what is expected, in English.
    pub message: String,
    /// The values the message mentions (`max`, `value`, `language`...).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub params: BTreeMap<&'static str, String>,
}

impl FieldError {
    /// Names the problem with a stable code.
    pub fn coded(&mut self, code: &'static str) -> &mut FieldError {
        self.code = code;
        self
    }

    /// Adds a value the message mentions.
    pub fn with(&mut self, name: &'static str, value: impl ToString) -> &mut FieldError {
        self.params.insert(name, value.to_string());
        self
    }
}

/// Every problem found with an input; never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// Records a problem with `field`; name it with [`FieldError::coded`] when a code fits.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) -> &mut FieldError {
        self.0.push(FieldError {
            field: field.into(),
            code: "invalid",
            message: message.into(),
            params: BTreeMap::new(),
        });
        self.0.last_mut().expect("just pushed")
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was recorded, the errors otherwise.
    pub fn into_result<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }

    /// Whether a problem was recorded for exactly this field.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        write!(f, "{}", parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}
