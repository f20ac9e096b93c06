//! A city: the one actor of a Praxis instance, or a peer this instance knows.

use chrono::{DateTime, Utc};
use url::Url;

use super::language::LanguageTag;

/// A city actor, local or remote, as Praxis knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// The actor's id: its identity across the network.
    pub ap_id: Url,
    /// `preferredUsername`: with the domain it forms the `handle@domain` address.
    pub handle: String,
    pub name: String,
    pub summary: String,
    pub languages: Vec<LanguageTag>,
    /// ISO 3166-1 alpha-2 code, when the city states one.
    pub country: Option<String>,
    pub inbox: Url,
    pub shared_inbox: Option<Url>,
    pub outbox: Option<Url>,
    pub followers: Option<Url>,
    pub following: Option<Url>,
    /// Human-readable page of the city, when it has one.
    pub profile_url: Option<Url>,
    pub public_key_pem: String,
    /// Present only for the local city.
    pub private_key_pem: Option<String>,
    pub is_local: bool,
    /// When the actor document was last fetched (remote) or written (local).
    pub last_refreshed_at: DateTime<Utc>,
}

impl City {
    /// `host[:port]` of the actor id.
    pub fn domain(&self) -> String {
        crate::config::domain_of(&self.ap_id)
    }

    /// The `handle@domain` address people type to follow the city.
    pub fn address(&self) -> String {
        format!("{}@{}", self.handle, self.domain())
    }

    /// Where activities for this city should be delivered: its shared inbox when it has one.
    pub fn delivery_inbox(&self) -> &Url {
        self.shared_inbox.as_ref().unwrap_or(&self.inbox)
    }
}

/// Whether `handle` is acceptable as a local city handle.
pub fn is_valid_handle(handle: &str) -> bool {
    (1..=64).contains(&handle.len())
        && handle
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
