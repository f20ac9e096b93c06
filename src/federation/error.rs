//! What can go wrong while federating, independent of how it is reported over HTTP.

use crate::{domain::validation::ValidationErrors, storage::StorageError};

/// A failure while receiving, fetching or sending ActivityPub data.
#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    /// Raised by activitypub_federation: signatures, fetching, URL checks. Shown by kind and
    /// URL only: the library's own text can carry what a remote server answered.
    #[error("{}", describe_protocol_failure(.0))]
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
    /// The activity was received before: it changes nothing again.
    #[error("the activity was received before")]
    Duplicate,
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

/// A failure in words a peer or an admin can act on: its kind and the URL concerned, never the
/// content a remote server answered with (which an attacker controls).
pub fn describe_failure(e: &FederationError) -> String {
    match e {
        FederationError::Protocol(p) => describe_protocol_failure(p),
        FederationError::Refused(reason) | FederationError::NotFound(reason) => reason.clone(),
        FederationError::BadRequest(_) | FederationError::Invalid(_) => {
            "the fetched document is not acceptable".into()
        }
        FederationError::Storage(_) | FederationError::Duplicate => "an internal error".into(),
    }
}

/// [`describe_failure`] for the federation library's errors.
pub fn describe_protocol_failure(e: &activitypub_federation::error::Error) -> String {
    use activitypub_federation::error::Error as E;
    if let Some(refusal) = super::client::refusal_in(e) {
        return refusal.to_string();
    }
    match e {
        E::ParseFetchedObject(_, url, _) => format!("{url} did not answer with a document Praxis can read"),
        E::FetchInvalidContentType(url) => format!("{url} did not answer with an ActivityPub media type"),
        E::FetchWrongId(url) => format!("the document at {url} has another id"),
        E::ObjectDeleted(url) => format!("{url} was deleted"),
        E::NotFound => "the object was not found".into(),
        E::RequestLimit => "the fetch limit for one activity was reached".into(),
        E::ResponseBodyLimit => "the answer was larger than the limit".into(),
        E::UrlVerificationError(reason) => format!("the URL was refused: {reason}"),
        E::DomainResolveError(domain) => format!("{domain} could not be resolved to a public address"),
        E::ResolveInternalIpError(host, _) => format!("{host} resolves to a private address"),
        E::WebfingerResolveFailed(_) => "the WebFinger lookup failed".into(),
        E::Reqwest(e) => network_failure(e),
        E::ReqwestMiddleware(reqwest_middleware::Error::Reqwest(e)) => network_failure(e),
        _ => "the request failed".into(),
    }
}

fn network_failure(e: &reqwest::Error) -> String {
    let url = e.url().map(|u| format!(" to {u}")).unwrap_or_default();
    if e.is_timeout() {
        format!("the request{url} timed out")
    } else if e.is_connect() {
        format!("the connection{url} failed")
    } else if let Some(status) = e.status() {
        format!("the request{url} was answered with HTTP {status}")
    } else {
        format!("the request{url} failed")
    }
}
