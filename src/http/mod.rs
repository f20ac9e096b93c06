//! The HTTP boundary: the server assembly, the one error format, and request helpers shared by
//! the federation routes and the JSON API.

pub mod body;
pub mod client_address;
pub mod error;
pub mod metrics;
pub mod negotiate;
pub mod server;
pub mod tls;

pub use error::{ApiError, HttpError};
