//! What can go wrong while federating, independent of how it is reported over HTTP.

use crate::{domain::validation::ValidationErrors, storage::StorageError};

/// A failure while receiving, fetching or sending ActivityPub data.
#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    /// Raised by activitypub_federation: signatures, fetching, URL checks.
    #[error(transparent)]
    Protocol(#[from] activitypub_federation::error::Error),
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A received object breaks the rules of its kind.
    #[error("the object is not valid: {0}")]
    Invalid(#[from] ValidationErrors),
    /// Well-formed but not allowed: a spoofed origin, a change by someone other than the owner,
    /// an activity from a city this instance does not follow.
    #[error("{0}")]
    Refused(String),
    /// Malformed or not understood.
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
}

impl From<diesel::result::Error> for FederationError {
    fn from(e: diesel::result::Error) -> Self {
        FederationError::Storage(e.into())
    }
}

impl From<url::ParseError> for FederationError {
    fn from(e: url::ParseError) -> Self {
        FederationError::BadRequest(format!("invalid URL: {e}"))
    }
}

impl From<serde_json::Error> for FederationError {
    fn from(e: serde_json::Error) -> Self {
        FederationError::BadRequest(format!("invalid JSON: {e}"))
    }
}
