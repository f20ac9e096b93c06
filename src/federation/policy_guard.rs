//! The federation policy at the library's URL verification hook, for everything it receives or
//! dereferences. (The HTTP client asks the same [`PolicyCache`] before every request: see
//! `federation::client`.)

use std::sync::Arc;

use activitypub_federation::{config::UrlVerifier, error::Error as ProtocolError};
use url::Url;

use crate::storage::policy_cache::PolicyCache;

/// The library's hook: called for every URL it verifies (activity, actor and object ids) and
/// before every fetch it makes.
#[derive(Clone)]
pub struct PolicyVerifier {
    pub policy: Arc<PolicyCache>,
}

#[async_trait::async_trait]
impl UrlVerifier for PolicyVerifier {
    async fn verify(&self, url: &Url) -> Result<(), ProtocolError> {
        match self.policy.check(url).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(ProtocolError::UrlVerificationError(
                "the domain is not allowed by this city's federation policy",
            )),
            Err(_) => Err(ProtocolError::UrlVerificationError(
                "the federation policy could not be read",
            )),
        }
    }
}
