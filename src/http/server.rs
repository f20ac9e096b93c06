//! Assembling the HTTP server and the delivery worker, and stopping both cleanly.

use std::{net::TcpListener, time::Duration};

use activitypub_federation::config::{FederationConfig, FederationMiddleware};
use actix_web::{
    App, HttpRequest, HttpResponse, HttpServer,
    dev::ServerHandle,
    error::{JsonPayloadError, QueryPayloadError},
    http::StatusCode,
    middleware::{DefaultHeaders, ErrorHandlers, Logger},
    web,
};
use tokio::task::JoinHandle;
use url::Url;

use super::HttpError;
use crate::{
    api,
    app::AppContext,
    config::Settings,
    federation::{self, backfill::BackfillWorker, delivery::worker::DeliveryWorker, discovery},
    service::search::{IndexerContext, SearchIndexer},
    wakeup::WakeListener,
};

/// A running instance: HTTP server plus its delivery, backfill and search-index workers.
pub struct RunningServer {
    /// The instance's public URL.
    pub url: Url,
    /// The address the server actually listens on.
    pub local_addr: std::net::SocketAddr,
    pub federation: FederationConfig<AppContext>,
    handle: ServerHandle,
    server: JoinHandle<std::io::Result<()>>,
    worker: DeliveryWorker,
    backfill: BackfillWorker,
    /// Digests and notices, when an SMTP server is configured.
    mail: crate::web::mail::MailWorker,
    indexer: SearchIndexer,
    /// Woken by commands run next to the server (`None`: another server on the same data
    /// directory listens, or the socket could not be made).
    wakeup: Option<WakeListener>,
    shutdown_timeout: Duration,
}

/// One line per request. The client address is the one `instance.trusted_proxies` vouch for:
/// forwarding headers from anyone else would let a client write any address into the log.
fn access_log(trusted_proxies: Vec<ipnet::IpNet>) -> Logger {
    Logger::new("%{client}xi \"%r\" %s %b %Dms").custom_request_replace("client", move |req| {
        super::client_address::client_address(req.request(), &trusted_proxies).to_string()
    })
}

/// Starts serving on `listener` and delivering in the background.
pub async fn start(ctx: AppContext, listener: TcpListener) -> anyhow::Result<RunningServer> {
    let settings = ctx.settings.clone();
    let federation = ctx.federation().await?;
    let local_addr = listener.local_addr()?;
    let body_limit = settings.federation.max_request_body_bytes;
    let shutdown_timeout = Duration::from_secs(settings.instance.shutdown_timeout_secs);
    let app_federation = federation.clone();
    let trusted_proxies = settings.trusted_proxies();
    let https = settings.instance.public_url.scheme() == "https";
    let tile_origin = settings.map.tile_origin();
    let tls = match settings.tls.files() {
        Some((certificate, key)) => Some(super::tls::server_config(&certificate, &key)?),
        None => None,
    };
    let server = HttpServer::new(move || {
        App::new()
            .wrap(ErrorHandlers::new().default_handler(crate::web::errors::html_error_page))
            .wrap(security_headers(https, tile_origin.as_deref()))
            .wrap(FederationMiddleware::new(app_federation.clone()))
            .wrap(access_log(trusted_proxies.clone()))
            .app_data(
                web::JsonConfig::default()
                    .limit(body_limit)
                    .error_handler(json_error),
            )
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .configure(discovery::configure)
            .configure(super::metrics::configure)
            .configure(federation::routes::configure)
            .configure(federation::community_routes::configure)
            .configure(api::configure)
            .configure(crate::web::configure)
            .default_service(web::to(not_found))
    });
    let server = match tls {
        Some(tls) => server.listen_rustls_0_23(listener, tls)?,
        None => server.listen(listener)?,
    };
    let server = server
        .disable_signals()
        .shutdown_timeout(shutdown_timeout.as_secs())
        .run();
    let handle = server.handle();
    let server = tokio::spawn(server);
    let worker = DeliveryWorker::spawn(federation.clone());
    let backfill = BackfillWorker::spawn(federation.clone());
    let mail = crate::web::mail::MailWorker::spawn(federation.clone())?;
    let ctx = federation.to_request_data().app_data().clone();
    let indexer = SearchIndexer::spawn(
        IndexerContext {
            db: ctx.db.clone(),
            engine: ctx.search.clone(),
            labels: ctx.labels.clone(),
        },
        ctx.search_position,
        ctx.search_signal.clone(),
    );
    let wakeup = WakeListener::spawn(
        &settings,
        vec![
            ctx.delivery_signal.clone(),
            ctx.search_signal.clone(),
            ctx.backfill_signal.clone(),
        ],
    );
    Ok(RunningServer {
        url: settings.instance.public_url.clone(),
        local_addr,
        federation,
        handle,
        server,
        worker,
        backfill,
        mail,
        indexer,
        wakeup,
        shutdown_timeout,
    })
}

impl RunningServer {
    /// The shared application context.
    pub fn context(&self) -> &AppContext {
        &self.federation
    }

    /// Stops accepting connections, lets requests and deliveries in flight finish within the
    /// shutdown timeout, and returns when both have stopped.
    pub async fn stop(self) {
        if let Some(wakeup) = self.wakeup {
            wakeup.stop();
        }
        self.handle.stop(true).await;
        let _ = self.server.await;
        tokio::join!(
            self.worker.shutdown(self.shutdown_timeout),
            self.backfill.shutdown(self.shutdown_timeout),
            self.mail.shutdown(self.shutdown_timeout),
            self.indexer.shutdown(self.shutdown_timeout)
        );
    }

    /// Runs until SIGTERM or Ctrl-C (listened for since `signals` was made), then stops
    /// gracefully.
    pub async fn run_until_signal(self, signals: StopSignals) -> anyhow::Result<()> {
        signals.wait().await?;
        tracing::info!("stopping: finishing requests and deliveries in flight");
        self.stop().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Loads everything, binds the configured address and serves until a signal arrives.
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let signals = StopSignals::listen()?;
    if settings.federation.allow_local_peers {
        tracing::warn!(
            "federation.allow_local_peers is on: peers on http and on loopback or private addresses are accepted; \
             use this only to try several instances on one machine or a closed test network"
        );
    }
    let listen = settings.instance.listen;
    let listener =
        TcpListener::bind(listen).map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
    let token_note = if settings.instance.admin_token.is_empty() {
        format!("in {}", settings.admin_token_file().display())
    } else {
        "instance.admin_token from the configuration".to_string()
    };
    let ctx = AppContext::open(settings).await?;
    let admins = ctx.db.read(crate::storage::users::count_admins).await?;
    let running = start(ctx, listener).await?;
    let city = running.context().city.clone();
    println!(
        "Praxis is serving {} ({}) at {}",
        city.name,
        city.address(),
        running.url
    );
    let scheme = if running.context().settings.tls.files().is_some() {
        "https"
    } else {
        "http"
    };
    println!("  listening on {scheme}://{}", running.local_addr);
    if admins == 0 {
        println!(
            "  no admin account yet: create one with `praxis user add NAME --role admin` (with the \
             same --config), then log in at {}login; until then the bootstrap API token {token_note} \
             acts as admin",
            running.url
        );
    } else {
        println!("  log in at {}login", running.url);
    }
    println!("  stop with Ctrl-C");
    running.run_until_signal(signals).await
}

/// SIGTERM and Ctrl-C, listened for from the moment this is made: a signal that arrives while
/// the instance is still starting stops it cleanly once it runs, instead of killing it.
pub struct StopSignals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl StopSignals {
    pub fn listen() -> anyhow::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignals {
                term: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        Ok(StopSignals {})
    }

    /// Returns when one of the signals has arrived (or had arrived already).
    pub async fn wait(mut self) -> anyhow::Result<()> {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.interrupt.recv() => {}
        }
        #[cfg(not(unix))]
        tokio::signal::ctrl_c().await?;
        Ok(())
    }
}

/// Headers of every response: a Content-Security-Policy that allows only this site's own
/// styles, images and forms (pages use no scripts) and the map's tile server when one is
/// configured, and no framing or MIME sniffing. A city on https tells browsers to come back on
/// https only (HSTS), for a year.
fn security_headers(https: bool, tile_origin: Option<&str>) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add(("Strict-Transport-Security", "max-age=31536000"))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((
            "Content-Security-Policy",
            format!(
                "default-src 'none'; style-src 'self'; img-src 'self' data:{}; media-src 'self'; \
                 form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                tile_origin.map(|origin| format!(" {origin}")).unwrap_or_default()
            ),
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
}

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let error = match &err {
        JsonPayloadError::Overflow { limit } | JsonPayloadError::OverflowKnownLength { limit, .. } => {
            HttpError::payload_too_large(*limit)
        }
        JsonPayloadError::ContentType => HttpError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "expected a JSON body with Content-Type: application/json",
        ),
        JsonPayloadError::Deserialize(e) => HttpError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the JSON body does not fit: {e}"),
        ),
        other => HttpError::bad_request(format!("could not read the JSON body: {other}")),
    };
    error.into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    HttpError::bad_request(format!("invalid query parameters: {err}")).into()
}

async fn not_found(req: HttpRequest) -> HttpResponse {
    actix_web::ResponseError::error_response(&HttpError::not_found(format!(
        "there is nothing at {} {}",
        req.method(),
        req.path()
    )))
}
