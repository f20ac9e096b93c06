//! The HTTP boundary: the server assembly, the one error format, and request helpers shared by
//! the federation routes and the JSON API.

pub mod body;
pub mod error;
pub mod negotiate;
pub mod server;

pub use error::HttpError;
