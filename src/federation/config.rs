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
    let city = (*ctx.city).clone();
    let config = FederationConfig::builder()
        .domain(settings.domain())
        .client(ctx.http.clone())
        .http_fetch_limit(federation.fetch_limit)
        .request_timeout(Duration::from_secs(federation.request_timeout_secs))
        // The library's debug mode is what admits http, loopback addresses and explicit ports;
        // Praxis turns it on only for `allow_local_peers`. It sends nothing itself: deliveries
        // go through the durable queue in `federation::delivery`.
        .debug(local_peers)
        .allow_http_urls(local_peers)
        // Fetches are signed as the city, so peers that require signed fetches answer.
        .signed_fetch_actor(&city)
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
        .build()?;
    Ok(client.into())
}

/// rustls needs one process-wide crypto provider; ring builds quickly and everywhere.
pub fn install_crypto_provider() {
    // An error only means a provider is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
