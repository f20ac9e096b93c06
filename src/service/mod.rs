//! Operations shared by the JSON API and the command line: publishing, following, and setting
//! up the local city. Each writes its changes and the deliveries they cause in one transaction.

pub mod accounts;
pub mod admin_token;
pub mod archive;
pub mod attachments;
pub mod backfills;
pub mod city;
pub mod communities;
pub mod deliveries;
pub mod follows;
pub mod import;
pub mod items;
pub mod login_throttle;
pub mod machine_translation;
pub mod mail;
pub mod network;
pub mod peers;
pub mod policy;
pub mod replies;
pub mod search;
pub mod translations;

use crate::{
    domain::validation::ValidationErrors, federation::FederationError, http::HttpError, storage::StorageError,
};

/// Why an operation could not be done.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    #[error(transparent)]
    Federation(#[from] FederationError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The request makes no sense as given (says why).
    #[error("{0}")]
    BadInput(String),
    #[error("{0}")]
    NotFound(String),
    /// Allowed to nobody here, whatever the input (changing another city's item).
    #[error("{0}")]
    Forbidden(String),
    /// The request was right when it was made, but something changed since (says what).
    #[error("{0}")]
    Conflict(String),
    /// A service this instance relies on did its part badly or not at all (says which).
    #[error("{0}")]
    Upstream(String),
    /// A limit of the instance is reached for now (says which, and when it frees up).
    #[error("{0}")]
    Exhausted(String),
    /// The city moved to this actor: it publishes there, not here.
    #[error("the city moved to {0}: publish there; this address only keeps answering for what it published")]
    Moved(url::Url),
}

impl From<diesel::result::Error> for ServiceError {
    fn from(e: diesel::result::Error) -> Self {
        ServiceError::Storage(e.into())
    }
}

impl From<ServiceError> for HttpError {
    fn from(e: ServiceError) -> HttpError {
        match e {
            ServiceError::Invalid(errors) => errors.into(),
            ServiceError::Federation(e) => e.into(),
            ServiceError::Storage(e) => e.into(),
            ServiceError::BadInput(message) => HttpError::bad_request(message),
            ServiceError::NotFound(message) => HttpError::not_found(message),
            ServiceError::Forbidden(message) => HttpError::forbidden(message),
            ServiceError::Conflict(message) => {
                HttpError::new(actix_web::http::StatusCode::CONFLICT, "conflict", message)
            }
            ServiceError::Upstream(message) => {
                HttpError::new(actix_web::http::StatusCode::BAD_GATEWAY, "upstream", message)
            }
            ServiceError::Moved(_) => {
                HttpError::new(actix_web::http::StatusCode::CONFLICT, "moved", e.to_string())
            }
            ServiceError::Exhausted(message) => HttpError::new(
                actix_web::http::StatusCode::TOO_MANY_REQUESTS,
                "exhausted",
                message,
            ),
        }
    }
}
