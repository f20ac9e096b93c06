//! The activitypub_federation configuration: HTTP client, limits, and how strict URL checks are.

use std::time::Duration;

use activitypub_federation::config::FederationConfig;

use crate::{app::AppContext, config::Settings};

/// Builds the library configuration for this instance.
pub async fn build(ctx: AppContext) -> anyhow::Result<FederationConfig<AppContext>> {
    let settings = ctx.settings.clone();
    let federation = &settings.federation;
    let debug = speaks_plain_http(&settings);
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
        // Fetches are signed as the city, so peers that require signed fetches answer (and
        // Praxis peers serve items for narrower audiences). The compatible form covers `host`
        // and `Date`, which Mastodon's authorized fetch and Praxis's own signature policy require.
        .signed_fetch_actor(&city)
        .http_signature_compat(true)
        .url_verifier(Box::new(super::policy_guard::PolicyVerifier {
            policy: ctx.policy.clone(),
        }))
        .app_data(ctx)
        .build()
        .await?;
    Ok(config)
}

/// Whether peers are reached over plain http (and on explicit ports): only with
/// `allow_local_peers` on an http city. An https city runs the library's production checks (https
/// only, no explicit ports) even with local peers allowed; those then only admit loopback and
/// private addresses.
pub fn speaks_plain_http(settings: &Settings) -> bool {
    settings.federation.allow_local_peers && settings.instance.public_url.scheme() == "http"
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
