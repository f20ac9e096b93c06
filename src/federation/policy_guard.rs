//! The federation policy at the two doors the federation library offers: the HTTP client every
//! fetch and delivery goes through, and the library's URL verification hook for everything it
//! receives or dereferences. Both ask the same [`PolicyCache`].

use std::sync::Arc;

use activitypub_federation::{config::UrlVerifier, error::Error as ProtocolError};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};
use url::Url;

use crate::service::policy::PolicyCache;

/// Wraps the client so that no request reaches a domain the policy refuses.
pub fn guard_client(client: ClientWithMiddleware, policy: Arc<PolicyCache>) -> ClientWithMiddleware {
    ClientBuilder::from_client(client)
        .with(OutboundGuard { policy })
        .build()
}

struct OutboundGuard {
    policy: Arc<PolicyCache>,
}

#[async_trait::async_trait]
impl Middleware for OutboundGuard {
    async fn handle(
        &self,
        req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let url = req.url().clone();
        match self.policy.check(&url).await {
            Ok(Ok(())) => next.run(req, extensions).await,
            Ok(Err(refusal)) => {
                tracing::info!(%url, %refusal, "not contacting a peer the federation policy refuses");
                Err(reqwest_middleware::Error::Middleware(anyhow::anyhow!(
                    "not sent: {refusal}"
                )))
            }
            Err(e) => Err(reqwest_middleware::Error::Middleware(anyhow::anyhow!(
                "the federation policy could not be read: {e}"
            ))),
        }
    }
}

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
