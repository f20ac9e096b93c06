//! Naming a peer city: `handle@domain` (WebFinger) or the URL of its actor.

use activitypub_federation::fetch::object_id::ObjectId;
use url::Url;

use super::ServiceError;
use crate::{
    app::AppData,
    domain::city::City,
    federation::webfinger,
    storage::{
        DbConn, StorageError,
        cities::{self, CityId},
    },
};

/// How a user named a peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerRef {
    Address { handle: String, domain: String },
    Url(Url),
}

impl PeerRef {
    /// Reads `sofia@praxis.sofia.bg`, `@sofia@praxis.sofia.bg`, `acct:sofia@...` or an actor URL.
    pub fn parse(text: &str) -> Result<PeerRef, ServiceError> {
        let text = text.trim();
        if text.starts_with("https://") || text.starts_with("http://") {
            return Url::parse(text)
                .map(PeerRef::Url)
                .map_err(|e| ServiceError::BadInput(format!("`{text}` is not a valid URL: {e}")));
        }
        let address = text.trim_start_matches("acct:").trim_start_matches('@');
        match address.split_once('@') {
            Some((handle, domain)) if !handle.is_empty() && !domain.is_empty() && !domain.contains('@') => {
                Ok(PeerRef::Address {
                    handle: handle.to_string(),
                    domain: domain.to_ascii_lowercase(),
                })
            }
            _ => Err(ServiceError::BadInput(format!(
                "expected a city address like city@praxis.example.org or the URL of its actor, got `{text}`"
            ))),
        }
    }

    /// Finds the peer over the network (WebFinger, then its actor document) and stores it.
    pub async fn resolve(&self, data: &AppData) -> Result<City, ServiceError> {
        let city = match self {
            PeerRef::Address { handle, domain } => webfinger::resolve(data, handle, domain).await?,
            PeerRef::Url(url) => ObjectId::<City>::from(url.clone()).dereference(data).await?,
        };
        Ok(city)
    }

    /// Finds the peer among the cities this instance knows, without the network.
    pub fn find_known(&self, conn: &mut DbConn<'_>) -> Result<Option<(CityId, City)>, StorageError> {
        match self {
            PeerRef::Address { handle, domain } => cities::find_by_address(conn, handle, domain),
            PeerRef::Url(url) => cities::find_by_ap_id(conn, url),
        }
    }
}

impl std::fmt::Display for PeerRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PeerRef::Address { handle, domain } => write!(f, "{handle}@{domain}"),
            PeerRef::Url(url) => write!(f, "{url}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_urls_are_understood() {
        let expected = PeerRef::Address {
            handle: "sofia".into(),
            domain: "praxis.sofia.bg".into(),
        };
        for text in [
            "sofia@praxis.sofia.bg",
            "@sofia@Praxis.Sofia.bg",
            "acct:sofia@praxis.sofia.bg",
        ] {
            assert_eq!(PeerRef::parse(text).unwrap(), expected, "{text}");
        }
        assert!(matches!(
            PeerRef::parse("https://praxis.tran.bg/city").unwrap(),
            PeerRef::Url(_)
        ));
        for bad in ["sofia", "@praxis.sofia.bg", "a@b@c", ""] {
            assert!(PeerRef::parse(bad).is_err(), "{bad}");
        }
    }
}
