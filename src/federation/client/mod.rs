//! The one HTTP client for every request Praxis makes: deliveries, fetches of actors, objects and
//! collections, WebFinger, backfill pages, and anything added later.
//!
//! Three guards stand between a URL and a connection:
//! - [`OutboundGuard`] (a middleware every request passes, including each hop of a redirect the
//!   federation library follows) refuses schemes other than http(s), IP-literal hosts in a
//!   refused range, and domains the federation policy refuses;
//! - [`GuardedResolver`] resolves host names and refuses those whose addresses are all in a
//!   refused range, dropping refused addresses from the rest, so the connection can only go to
//!   an address that was checked (no second lookup an attacker's DNS could answer differently);
//! - the client follows no redirects by itself and uses no proxy from the environment.
//!
//! A refusal is an [`OutboundRefusal`] somewhere in the error's source chain: callers tell it
//! apart from network trouble with [`refusal_in`].

pub mod addresses;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use reqwest::{
    dns::{Addrs, Name, Resolve, Resolving},
    redirect::Policy,
};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};
use url::{Host, Url};

use crate::{config::Settings, storage::policy_cache::PolicyCache};
pub use addresses::AddressRule;

/// Why a request was not made. Carried in the error of the request that was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not sent: {0}")]
pub struct OutboundRefusal(pub String);

/// The refusal behind a failed request, if it was refused rather than failed.
pub fn refusal_in<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a OutboundRefusal> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(refusal) = e.downcast_ref::<OutboundRefusal>() {
            return Some(refusal);
        }
        // Transparent wrappers hand out their inner error's source, skipping the inner error
        // itself: look through them.
        if let Some(reqwest_middleware::Error::Middleware(inner)) =
            e.downcast_ref::<reqwest_middleware::Error>()
        {
            return inner.downcast_ref::<OutboundRefusal>();
        }
        if let Some(activitypub_federation::error::Error::ReqwestMiddleware(inner)) =
            e.downcast_ref::<activitypub_federation::error::Error>()
        {
            return refusal_in(inner);
        }
        current = e.source();
    }
    None
}

/// Builds the guarded client for this instance.
pub fn build(settings: &Settings, policy: Arc<PolicyCache>) -> anyhow::Result<ClientWithMiddleware> {
    super::config::install_crypto_provider();
    let rule = AddressRule {
        allow_local: settings.federation.allow_local_peers,
    };
    let timeout = Duration::from_secs(settings.federation.request_timeout_secs);
    let client = reqwest::Client::builder()
        .user_agent(format!(
            "Praxis/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            settings.instance.public_url
        ))
        // A redirect reqwest followed by itself would bypass the middleware; the federation
        // library follows one redirect of a fetch as a new request, which passes it again.
        .redirect(Policy::none())
        .no_proxy()
        .timeout(timeout)
        .connect_timeout(timeout)
        .dns_resolver(Arc::new(GuardedResolver { rule }))
        .tls_certs_merge(extra_roots(settings)?)
        .build()?;
    Ok(ClientBuilder::new(client)
        .with(OutboundGuard { rule, policy })
        .build())
}

/// Checks every request before it is sent.
struct OutboundGuard {
    rule: AddressRule,
    policy: Arc<PolicyCache>,
}

impl OutboundGuard {
    async fn check(&self, url: &Url) -> Result<(), reqwest_middleware::Error> {
        let refuse = |reason: String| {
            tracing::info!(%url, %reason, "refused an outbound request");
            Err(reqwest_middleware::Error::middleware(OutboundRefusal(reason)))
        };
        if !matches!(url.scheme(), "http" | "https") {
            return refuse(format!("{url} is not an http or https URL"));
        }
        let literal = match url.host() {
            Some(Host::Ipv4(ip)) => Some(ip.into()),
            Some(Host::Ipv6(ip)) => Some(ip.into()),
            Some(Host::Domain(_)) => None,
            None => return refuse(format!("{url} names no host")),
        };
        // Names are checked by the resolver, address by address; literals never reach it.
        if let Some(reason) = literal.and_then(|ip| self.rule.refusal(ip)) {
            return refuse(reason);
        }
        match self.policy.check(url).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(refusal)) => refuse(refusal.to_string()),
            // Fail closed: a policy that cannot be read allows nothing. Not a refusal, though:
            // the request may be tried again once the database answers.
            Err(e) => Err(reqwest_middleware::Error::Middleware(anyhow::anyhow!(
                "not sent: the federation policy could not be read: {e}"
            ))),
        }
    }
}

#[async_trait::async_trait]
impl Middleware for OutboundGuard {
    async fn handle(
        &self,
        req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        self.check(req.url()).await?;
        next.run(req, extensions).await
    }
}

/// Resolves host names, keeping only the addresses the [`AddressRule`] allows.
struct GuardedResolver {
    rule: AddressRule,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let rule = self.rule;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let mut refusals = Vec::new();
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|address| match rule.refusal(address.ip()) {
                    None => true,
                    Some(reason) => {
                        refusals.push(reason);
                        false
                    }
                })
                .collect();
            if allowed.is_empty() {
                let reason = match refusals.first() {
                    Some(first) => format!("{host} resolves to {first}"),
                    None => format!("{host} resolves to no address"),
                };
                tracing::info!(%host, %reason, "refused to connect");
                return Err(Box::new(OutboundRefusal(reason)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// The certificate authorities of `federation.extra_root_certificates`.
pub(crate) fn extra_roots(settings: &Settings) -> anyhow::Result<Vec<reqwest::Certificate>> {
    let mut roots = Vec::new();
    for path in &settings.federation.extra_root_certificates {
        let pem = std::fs::read(path).map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
        let certificates = reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| anyhow::anyhow!("{} holds no PEM certificate: {e}", path.display()))?;
        anyhow::ensure!(
            !certificates.is_empty(),
            "{} holds no PEM certificate",
            path.display()
        );
        roots.extend(certificates);
    }
    Ok(roots)
}
