//! One-worker HTTP servers on loopback ports: the stand-ins tests run beside the cities (an
//! attacker, a proxy, a translation engine, a tile server).

use std::{fmt, net::TcpListener};

use actix_http::{Request, Response};
use actix_service::IntoServiceFactory;
use actix_web::{
    Error, HttpServer,
    body::MessageBody,
    dev::{AppConfig, ServerHandle, Service, ServiceFactory},
};
use url::Url;

/// A port on 127.0.0.1 that the system picked, bound and ready to serve.
pub fn listener() -> TcpListener {
    TcpListener::bind("127.0.0.1:0").expect("bind a loopback port")
}

/// The base URL of what is served on `listener`: `http://127.0.0.1:{port}/`.
pub fn base_url(listener: &TcpListener) -> Url {
    format!("http://127.0.0.1:{}/", listener.local_addr().unwrap().port())
        .parse()
        .unwrap()
}

/// Runs `server` on `listener` with one worker and without signal handling (the test owns the
/// process) in the background; the handle stops it.
pub fn serve<F, I, S, B>(server: HttpServer<F, I, S, B>, listener: TcpListener) -> ServerHandle
where
    F: Fn() -> I + Send + Clone + 'static,
    I: IntoServiceFactory<S, Request>,
    S: ServiceFactory<Request, Config = AppConfig> + 'static,
    S::Error: Into<Error> + 'static,
    S::InitError: fmt::Debug,
    S::Response: Into<Response<B>> + 'static,
    <S::Service as Service<Request>>::Future: 'static,
    S::Service: 'static,
    B: MessageBody + 'static,
{
    let server = server
        .workers(1)
        .disable_signals()
        .listen(listener)
        .expect("serve on a loopback port")
        .run();
    let handle = server.handle();
    tokio::spawn(server);
    handle
}
