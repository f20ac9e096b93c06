//! The one error format of every HTTP response: `{"error": {"code", "message", "fields"}}`.

use activitypub_federation::error::Error as ProtocolError;
use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use serde::Serialize;

use crate::{
    domain::validation::{FieldError, ValidationErrors},
    federation::{FederationError, error::describe_protocol_failure},
    storage::StorageError,
};

/// An error answered to an HTTP client.
#[derive(Debug, Clone)]
pub struct HttpError {
    pub status: StatusCode,
    /// Stable, machine-readable code such as `validation_failed`.
    pub code: &'static str,
    /// What went wrong, for a person to read.
    pub message: String,
    /// Per-field problems, when the input had any.
    pub fields: Vec<FieldError>,
    /// Whether `message` is in the reader's language (a page's own error) rather than the API's
    /// English: an error page shows such a message as it is, and explains any other by its `code`.
    pub in_readers_language: bool,
}

/// The body of every error response, in the API and in the federation endpoints alike.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiError {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable code such as `validation_failed`, `not_found` or `unauthorized`.
    code: &'static str,
    /// What went wrong, for a person to read (English).
    message: String,
    /// Per-field problems, when the input had any; all of them are reported at once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<FieldError>,
}

impl HttpError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> HttpError {
        HttpError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
            in_readers_language: false,
        }
    }

    /// Marks the message as written for the reader, in their language.
    pub fn in_readers_language(mut self) -> HttpError {
        self.in_readers_language = true;
        self
    }

    pub fn bad_request(message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn not_found(message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn unauthorized(message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    pub fn forbidden(message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn payload_too_large(limit: usize) -> HttpError {
        HttpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is larger than the limit of {limit} bytes"),
        )
    }

    pub fn internal() -> HttpError {
        HttpError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the server failed to handle the request; the details are in its log",
        )
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.message)
    }
}

impl ResponseError for HttpError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        if self.status == StatusCode::UNAUTHORIZED {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        let mut response = response.json(ApiError {
            error: ErrorDetail {
                code: self.code,
                message: self.message.clone(),
                fields: self.fields.clone(),
            },
        });
        // Kept with the response, so a browser can be shown a page instead (`web::errors`).
        response.extensions_mut().insert(self.clone());
        response
    }
}

impl From<ValidationErrors> for HttpError {
    fn from(errors: ValidationErrors) -> HttpError {
        HttpError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "validation_failed",
            message: format!("the input is not valid: {errors}"),
            fields: errors.0,
            in_readers_language: false,
        }
    }
}

impl From<StorageError> for HttpError {
    fn from(e: StorageError) -> HttpError {
        tracing::error!(error = %e, "storage error");
        HttpError::internal()
    }
}

impl From<FederationError> for HttpError {
    fn from(e: FederationError) -> HttpError {
        match e {
            FederationError::Protocol(e) => protocol_error(e),
            FederationError::Storage(e) => e.into(),
            FederationError::Invalid(errors) => HttpError {
                status: StatusCode::BAD_REQUEST,
                code: "invalid_object",
                message: format!("the object is not valid: {errors}"),
                fields: errors.0,
                in_readers_language: false,
            },
            FederationError::Refused(message) => HttpError::forbidden(message),
            FederationError::BadRequest(message) => HttpError::bad_request(message),
            FederationError::NotFound(message) => HttpError::not_found(message),
            FederationError::Duplicate => HttpError::new(
                StatusCode::CONFLICT,
                "duplicate",
                "the activity was received before",
            ),
        }
    }
}

/// Maps activitypub_federation's errors to what the peer (or user) did wrong.
fn protocol_error(e: ProtocolError) -> HttpError {
    use ProtocolError as E;
    if let Some(refusal) = crate::federation::client::refusal_in(&e) {
        return HttpError::new(StatusCode::FORBIDDEN, "url_refused", refusal.to_string());
    }
    let message = e.to_string();
    match e {
        E::ActivitySignatureInvalid => HttpError::new(
            StatusCode::UNAUTHORIZED,
            "signature_invalid",
            "the HTTP signature does not verify against the sending actor's public key",
        ),
        E::ActivityBodyDigestInvalid => HttpError::new(
            StatusCode::BAD_REQUEST,
            "digest_invalid",
            "the Digest header is missing or does not match the body",
        ),
        E::ParseReceivedActivity { .. } => {
            HttpError::new(StatusCode::BAD_REQUEST, "invalid_activity", message)
        }
        E::UrlVerificationError(reason) => HttpError::new(
            StatusCode::FORBIDDEN,
            "url_refused",
            format!("URL refused: {reason}"),
        ),
        E::DomainResolveError(_) | E::ResolveInternalIpError(..) => HttpError::new(
            StatusCode::FORBIDDEN,
            "url_refused",
            describe_protocol_failure(&e),
        ),
        E::NotFound => HttpError::not_found("the object was not found"),
        E::ObjectDeleted(url) => HttpError::new(StatusCode::GONE, "gone", format!("{url} was deleted")),
        E::RequestLimit => HttpError::new(
            StatusCode::BAD_REQUEST,
            "fetch_limit",
            "handling this activity would need more fetches than this instance allows",
        ),
        E::WebfingerResolveFailed(_)
        | E::FetchInvalidContentType(_)
        | E::FetchWrongId(_)
        | E::ParseFetchedObject(..)
        | E::ResponseBodyLimit
        | E::Reqwest(_)
        | E::ReqwestMiddleware(_) => HttpError::new(
            StatusCode::BAD_GATEWAY,
            "fetch_failed",
            // Never `message`: it may carry what the remote server answered.
            format!(
                "could not fetch a remote object: {}",
                describe_protocol_failure(&e)
            ),
        ),
        E::Other(_) => HttpError::bad_request(message),
        _ => {
            tracing::error!(error = %message, "federation error");
            HttpError::internal()
        }
    }
}
