//! The activitypub_federation configuration: HTTP client, limits, and how strict URL checks are.

use std::{sync::Arc, time::Duration};

use activitypub_federation::{config::FederationConfig, resolver::ValidatingDnsResolver};
use reqwest::redirect::Policy;
use reqwest_middleware::ClientWithMiddleware;

use crate::{app::AppContext, config::Settings};

/// Builds the library configuration for this instance.
pub async fn build(ctx: AppContext) -> anyhow::Result<FederationConfig<AppContext>> {
    let settings = ctx.settings.clone();
    let federation = &settings.federation;
    let local_peers = federation.allow_local_peers;
    // An https city runs the library's production checks (https only, no explicit ports) even
    // with local peers allowed; those then only admit loopback and private addresses.
    let debug = local_peers && settings.instance.public_url.scheme() == "http";
    let city = (*ctx.city).clone();
    let config = FederationConfig::builder()
        .domain(settings.domain())
        .client(ctx.http.clone())
        .http_fetch_limit(federation.fetch_limit)
        .request_timeout(Duration::from_secs(federation.request_timeout_secs))
        // The library's debug mode is what admits http, loopback addresses and explicit ports;
        // Praxis turns it on only for `allow_local_peers` on an http city. It sends nothing
        // itself: deliveries go through the durable queue in `federation::delivery`.
        .debug(debug)
        .allow_http_urls(debug)
        // Fetches are signed as the city, so peers that require signed fetches answer.
        .signed_fetch_actor(&city)
        .url_verifier(Box::new(super::policy_guard::PolicyVerifier {
            policy: ctx.policy.clone(),
        }))
        .app_data(ctx)
        .build()
        .await?;
    Ok(config)
}

/// The one HTTP client for fetches and deliveries: no automatic redirects (they could not be
/// checked), timeouts, and a resolver that refuses private addresses unless local peers are
/// allowed.
pub fn http_client(settings: &Settings) -> anyhow::Result<ClientWithMiddleware> {
    install_crypto_provider();
    let timeout = Duration::from_secs(settings.federation.request_timeout_secs);
    let resolver = ValidatingDnsResolver::new(vec![], !settings.federation.allow_local_peers);
    let client = reqwest::Client::builder()
        .user_agent(format!(
            "Praxis/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            settings.instance.public_url
        ))
        .redirect(Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout)
        .dns_resolver(Arc::new(resolver))
        .tls_certs_merge(extra_roots(settings)?)
        .build()?;
    Ok(client.into())
}

/// The certificate authorities of `federation.extra_root_certificates`.
fn extra_roots(settings: &Settings) -> anyhow::Result<Vec<reqwest::Certificate>> {
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

/// Whether the library must be told to admit loopback and private addresses: its production
/// checks (https cities) refuse them unless the process environment says otherwise.
pub fn needs_local_ip_permission(settings: &Settings) -> bool {
    settings.federation.allow_local_peers && settings.instance.public_url.scheme() == "https"
}

/// The environment variable activitypub_federation reads for that permission.
pub const ALLOW_LOCAL_IP_ENV: &str = "DANGER_FEDERATION_ALLOW_LOCAL_IP";

/// Gives the process the library's permission for loopback and private addresses when the
/// configuration asks for it (see [`needs_local_ip_permission`]).
///
/// # Safety
///
/// Changes the process environment: call it before any other thread exists (before the async
/// runtime starts).
pub unsafe fn prepare_process(settings: &Settings) {
    if needs_local_ip_permission(settings) {
        // SAFETY: the caller guarantees that no other thread reads the environment meanwhile.
        unsafe { std::env::set_var(ALLOW_LOCAL_IP_ENV, "1") };
    }
}

/// rustls needs one process-wide crypto provider; ring builds quickly and everywhere.
pub fn install_crypto_provider() {
    // An error only means a provider is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
