//! A small HTTP proxy in front of a test instance: it forwards everything unchanged (the Host
//! header included, so signatures still verify), can answer the inbox with an error for a
//! while, and counts every request it receives and the activities that reached the inbox.

use std::{
    collections::HashMap,
    net::TcpListener,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU16, AtomicUsize, Ordering},
    },
};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, dev::ServerHandle, web};

use super::loopback;

#[derive(Default)]
struct State {
    target_port: AtomicU16,
    /// Status answered to inbox POSTs instead of forwarding them; 0 forwards.
    inbox_status: AtomicU16,
    /// Milliseconds each forwarded inbox POST is held, to make the instance look slow.
    inbox_delay_ms: AtomicU16,
    refused: AtomicUsize,
    /// Every request received, of any method and path.
    requests: AtomicUsize,
    /// Activity id -> times the instance accepted it (2xx) through the proxy.
    accepted: Mutex<HashMap<String, usize>>,
}

/// A running proxy.
pub struct Proxy {
    pub port: u16,
    state: Arc<State>,
    handle: ServerHandle,
}

impl Proxy {
    /// Listens on `listener`, forwarding to 127.0.0.1:`target_port`.
    pub fn start(listener: TcpListener, target_port: u16) -> Proxy {
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(State::default());
        state.target_port.store(target_port, Ordering::SeqCst);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let app_state = state.clone();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(app_state.clone()))
                .app_data(web::Data::new(client.clone()))
                .app_data(web::PayloadConfig::new(64 * 1024 * 1024))
                .default_service(web::to(forward))
        });
        let handle = loopback::serve(server, listener);
        Proxy { port, state, handle }
    }

    /// From now on, inbox POSTs are answered with `status` (0 to forward them again).
    pub fn answer_inbox_with(&self, status: u16) {
        self.state.inbox_status.store(status, Ordering::SeqCst);
    }

    /// Holds each forwarded inbox POST this long (a slow peer).
    pub fn delay_inbox(&self, millis: u16) {
        self.state.inbox_delay_ms.store(millis, Ordering::SeqCst);
    }

    /// Inbox POSTs answered with an injected status so far.
    pub fn refused(&self) -> usize {
        self.state.refused.load(Ordering::SeqCst)
    }

    /// Requests of any kind received so far: lookups, fetches and deliveries alike.
    pub fn requests(&self) -> usize {
        self.state.requests.load(Ordering::SeqCst)
    }

    /// How many times each activity was accepted by the instance.
    pub fn accepted(&self) -> HashMap<String, usize> {
        self.state.accepted.lock().unwrap().clone()
    }

    pub async fn stop(&self) {
        self.handle.stop(false).await;
    }
}

async fn forward(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<Arc<State>>,
    client: web::Data<reqwest::Client>,
) -> HttpResponse {
    state.requests.fetch_add(1, Ordering::SeqCst);
    let is_inbox_post = req.method() == actix_web::http::Method::POST && req.path().ends_with("inbox");
    let injected = state.inbox_status.load(Ordering::SeqCst);
    if is_inbox_post && injected != 0 {
        state.refused.fetch_add(1, Ordering::SeqCst);
        return HttpResponse::build(actix_web::http::StatusCode::from_u16(injected).unwrap())
            .body("injected by the test proxy");
    }
    let delay = state.inbox_delay_ms.load(Ordering::SeqCst);
    if is_inbox_post && delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(u64::from(delay))).await;
    }
    let port = state.target_port.load(Ordering::SeqCst);
    let path = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let method = reqwest::Method::from_bytes(req.method().as_str().as_bytes()).unwrap();
    let mut forwarded = client.request(method, format!("http://127.0.0.1:{port}{path}"));
    for (name, value) in req.headers() {
        forwarded = forwarded.header(name.as_str(), value.as_bytes());
    }
    let response = match forwarded.body(body.to_vec()).send().await {
        Ok(response) => response,
        Err(e) => return HttpResponse::BadGateway().body(format!("the instance is not reachable: {e}")),
    };
    let status = response.status().as_u16();
    if is_inbox_post
        && (200..300).contains(&status)
        && let Some(id) = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["id"].as_str().map(String::from))
    {
        *state.accepted.lock().unwrap().entry(id).or_default() += 1;
    }
    let mut answer = HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap());
    for (name, value) in response.headers() {
        if name != "content-length" && name != "transfer-encoding" && name != "connection" {
            answer.insert_header((name.as_str(), value.as_bytes()));
        }
    }
    answer.body(response.bytes().await.unwrap_or_default())
}
