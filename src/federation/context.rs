//! The JSON-LD `@context` of every document this instance serves or sends.

use serde_json::{Value, json};

/// ActivityStreams plus the security vocabulary for `publicKey`.
pub fn context() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1"
    ])
}
