//! A hostile peer, as an attacker on the fediverse would run one: its own RSA keys, its own HTTP
//! server on loopback (serving whatever actor, WebFinger or object documents a test sets, and
//! counting every connection made to it), and a hand-made signer that can sign well, badly, or
//! not at all.

use std::{
    collections::HashMap,
    net::{SocketAddr, TcpListener},
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::SystemTime,
};

use activitypub_federation::http_signatures::{Keypair, generate_actor_keypair};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, dev::ServerHandle, web};
use base64::{Engine, engine::general_purpose::STANDARD as Base64};
use praxis::federation::delivery::signer::Signer;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use url::Url;

use super::loopback;

/// A document the attacker's server answers a GET with.
#[derive(Clone)]
struct Document {
    status: u16,
    content_type: String,
    body: String,
}

#[derive(Default)]
struct State {
    connections: AtomicUsize,
    documents: Mutex<HashMap<String, Document>>,
    /// Every request: method and path (with query).
    requests: Mutex<Vec<(String, String)>>,
    /// Bodies POSTed to the attacker's inbox.
    inbox: Mutex<Vec<Value>>,
    /// Status answered to POSTs; 0 for 202.
    inbox_status: std::sync::atomic::AtomicU16,
    /// How each POST was signed: `rfc9421`, `draft-cavage` or `none`.
    posted_signatures: Mutex<Vec<&'static str>>,
    /// Answer 401 to RFC 9421 signatures, as servers that know only draft-cavage do.
    refuses_rfc9421: std::sync::atomic::AtomicBool,
}

/// The attacker's server and keys.
pub struct Attacker {
    /// `http://localhost:PORT`
    pub base: Url,
    pub keys: Keypair,
    state: Arc<State>,
    handle: ServerHandle,
}

impl Attacker {
    /// Starts the attacker's server on a loopback port, serving its actor at `/actor`.
    pub async fn start() -> Attacker {
        let listener = loopback::listener();
        let port = listener.local_addr().unwrap().port();
        let base: Url = format!("http://localhost:{port}").parse().unwrap();
        let (state, handle) = serve(listener);
        let attacker = Attacker {
            base,
            keys: generate_actor_keypair().unwrap(),
            state,
            handle,
        };
        attacker.set_actor(|_| {});
        attacker
    }

    pub fn url(&self, path: &str) -> Url {
        self.base.join(path).unwrap()
    }

    pub fn actor_id(&self) -> Url {
        self.url("/actor")
    }

    pub fn key_id(&self) -> String {
        format!("{}#main-key", self.actor_id())
    }

    /// The attacker's actor document, as a well-behaved server would publish it.
    pub fn actor_document(&self) -> Value {
        organization(&self.actor_id(), &self.base, &self.keys.public_key)
    }

    /// Serves the actor document at `/actor` after `change` edits it.
    pub fn set_actor(&self, change: impl FnOnce(&mut Value)) {
        let mut actor = self.actor_document();
        change(&mut actor);
        self.serve_json("/actor", &actor);
    }

    /// Serves `document` as ActivityPub JSON at `path`.
    pub fn serve_json(&self, path: &str, document: &Value) {
        self.serve(path, 200, "application/activity+json", &document.to_string());
    }

    /// Serves anything at `path` (the query is ignored).
    pub fn serve(&self, path: &str, status: u16, content_type: &str, body: &str) {
        self.state.documents.lock().unwrap().insert(
            path.to_string(),
            Document {
                status,
                content_type: content_type.to_string(),
                body: body.to_string(),
            },
        );
    }

    /// From now on, POSTs are answered with `status` (0: 202 again).
    pub fn answer_posts_with(&self, status: u16) {
        self.state.inbox_status.store(status, Ordering::SeqCst);
    }

    /// Connections made to the attacker's server so far.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }

    /// Requests made to the attacker's server so far, as `METHOD /path?query`.
    pub fn requests(&self) -> Vec<String> {
        self.state
            .requests
            .lock()
            .unwrap()
            .iter()
            .map(|(m, p)| format!("{m} {p}"))
            .collect()
    }

    /// From now on, answer POSTs signed with RFC 9421 with 401, as a server that verifies only
    /// draft-cavage signatures does.
    pub fn refuse_rfc9421(&self) {
        self.state.refuses_rfc9421.store(true, Ordering::SeqCst);
    }

    /// How each POST so far was signed: `rfc9421`, `draft-cavage` or `none`.
    pub fn posted_signatures(&self) -> Vec<&'static str> {
        self.state.posted_signatures.lock().unwrap().clone()
    }

    /// Activities delivered to the attacker's inbox so far.
    pub fn inbox(&self) -> Vec<Value> {
        self.state.inbox.lock().unwrap().clone()
    }

    /// A request to `to` carrying `body`, signed by default as the attacker signs.
    pub fn deliver(&self, to: Url, body: &Value) -> Delivery {
        Delivery::new(
            to,
            body.to_string().into_bytes(),
            self.key_id(),
            self.keys.private_key.clone(),
        )
    }

    /// A request to `to` carrying any bytes at all, signed as the attacker signs.
    pub fn deliver_raw(&self, to: Url, body: Vec<u8>) -> Delivery {
        Delivery::new(to, body, self.key_id(), self.keys.private_key.clone())
    }

    /// An activity of the attacker's: `{type, id, actor, object}` with a fresh id on its origin.
    pub fn activity(&self, kind: &str, object: Value) -> Value {
        json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "type": kind,
            "id": self.url(&format!("/activities/{}", uuid::Uuid::new_v4())),
            "actor": self.actor_id(),
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": object,
        })
    }

    /// An `Article` of the attacker's, with a fresh id.
    pub fn article(&self, title: &str) -> Value {
        json!({
            "type": "Article",
            "id": self.url(&format!("/items/{}", uuid::Uuid::new_v4())),
            "attributedTo": self.actor_id(),
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "name": title,
            "content": format!("<p>{title}</p>"),
            "itemKind": "good_practice",
            "originalLanguage": "en",
            "published": "2026-11-20T10:00:00Z"
        })
    }

    pub async fn stop(&self) {
        self.handle.stop(false).await;
    }
}

/// An actor document with its inbox, outbox and key on `base`.
pub fn organization(id: &Url, base: &Url, public_key_pem: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "type": "Organization",
        "id": id,
        "preferredUsername": "intruder",
        "name": "Intruder",
        "inbox": base.join("/inbox").unwrap(),
        "outbox": base.join("/outbox").unwrap(),
        "endpoints": {"sharedInbox": base.join("/inbox").unwrap()},
        "publicKey": {
            "id": format!("{id}#main-key"),
            "owner": id,
            "publicKeyPem": public_key_pem,
        }
    })
}

fn serve(listener: TcpListener) -> (Arc<State>, ServerHandle) {
    let state = Arc::new(State::default());
    let app_state = state.clone();
    let counted = state.clone();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(app_state.clone()))
            .default_service(web::to(answer))
    })
    .on_connect(move |_, _| {
        counted.connections.fetch_add(1, Ordering::SeqCst);
    });
    (state, loopback::serve(server, listener))
}

async fn answer(req: HttpRequest, body: web::Bytes, state: web::Data<Arc<State>>) -> HttpResponse {
    let path = req.uri().path_and_query().map_or("/", |p| p.as_str()).to_string();
    state
        .requests
        .lock()
        .unwrap()
        .push((req.method().to_string(), path));
    if req.method() == actix_web::http::Method::POST {
        let style = match (
            req.headers().contains_key("signature-input"),
            req.headers().contains_key("signature"),
        ) {
            (true, _) => "rfc9421",
            (false, true) => "draft-cavage",
            _ => "none",
        };
        state.posted_signatures.lock().unwrap().push(style);
        if style == "rfc9421" && state.refuses_rfc9421.load(Ordering::SeqCst) {
            return HttpResponse::Unauthorized().finish();
        }
        if let Ok(activity) = serde_json::from_slice::<Value>(&body) {
            state.inbox.lock().unwrap().push(activity);
        }
        let status = match state.inbox_status.load(Ordering::SeqCst) {
            0 => 202,
            status => status,
        };
        return HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).finish();
    }
    let document = state.documents.lock().unwrap().get(req.path()).cloned();
    match document {
        Some(d) => HttpResponse::build(actix_web::http::StatusCode::from_u16(d.status).unwrap())
            .content_type(d.content_type)
            .body(d.body),
        None => HttpResponse::NotFound().finish(),
    }
}

/// One request to an inbox, signed (or not) exactly as a test wants.
pub struct Delivery {
    to: Url,
    body: Vec<u8>,
    key_id: String,
    private_key: String,
    covered: Vec<String>,
    algorithm: Option<String>,
    date: Option<String>,
    digest: Option<String>,
    content_type: Option<String>,
    signed: bool,
}

impl Delivery {
    fn new(to: Url, body: Vec<u8>, key_id: String, private_key: String) -> Delivery {
        Delivery {
            to,
            digest: Some(format!("SHA-256={}", Base64.encode(Sha256::digest(&body)))),
            body,
            key_id,
            private_key,
            covered: ["(request-target)", "host", "date", "digest", "content-type"]
                .map(String::from)
                .to_vec(),
            algorithm: Some("rsa-sha256".into()),
            date: Some(httpdate::fmt_http_date(SystemTime::now())),
            content_type: Some("application/activity+json".into()),
            signed: true,
        }
    }

    /// No Signature header at all.
    pub fn unsigned(mut self) -> Self {
        self.signed = false;
        self
    }

    /// The headers the signature covers, in order.
    pub fn covering(mut self, headers: &[&str]) -> Self {
        self.covered = headers.iter().map(|h| h.to_string()).collect();
        self
    }

    pub fn key_id(mut self, key_id: &str) -> Self {
        self.key_id = key_id.to_string();
        self
    }

    /// Signs with another private key (the keyId stays).
    pub fn signed_with(mut self, private_key_pem: &str) -> Self {
        self.private_key = private_key_pem.to_string();
        self
    }

    pub fn algorithm(mut self, algorithm: &str) -> Self {
        self.algorithm = Some(algorithm.to_string());
        self
    }

    /// The `Date` header (None: no Date header).
    pub fn date(mut self, date: Option<&str>) -> Self {
        self.date = date.map(String::from);
        self
    }

    pub fn at(self, time: SystemTime) -> Self {
        let date = httpdate::fmt_http_date(time);
        self.date(Some(&date))
    }

    pub fn content_type(mut self, content_type: &str) -> Self {
        self.content_type = Some(content_type.to_string());
        self
    }

    /// Sends the request; returns the status and the JSON answer (Null when not JSON).
    pub async fn send(self) -> (u16, Value) {
        let host = praxis::config::domain_of(&self.to);
        let mut headers: Vec<(String, String)> = vec![("host".into(), host)];
        if let Some(date) = &self.date {
            headers.push(("date".into(), date.clone()));
        }
        if let Some(digest) = &self.digest {
            headers.push(("digest".into(), digest.clone()));
        }
        if let Some(content_type) = &self.content_type {
            headers.push(("content-type".into(), content_type.clone()));
        }
        if self.signed {
            let value = |name: &str| {
                headers
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let target = format!("post {}", self.to.path());
            let signing_string = self
                .covered
                .iter()
                .map(|name| match name.as_str() {
                    "(request-target)" => format!("(request-target): {target}"),
                    other => format!("{other}: {}", value(other)),
                })
                .collect::<Vec<_>>()
                .join("\n");
            let signer = Signer::new(&"https://unused.example/".parse().unwrap(), &self.private_key).unwrap();
            let signature = signer.sign_string(&signing_string).unwrap();
            let algorithm = self
                .algorithm
                .as_ref()
                .map(|a| format!("algorithm=\"{a}\","))
                .unwrap_or_default();
            headers.push((
                "signature".into(),
                format!(
                    "keyId=\"{}\",{algorithm}headers=\"{}\",signature=\"{signature}\"",
                    self.key_id,
                    self.covered.join(" ")
                ),
            ));
        }
        let client = reqwest::Client::new();
        let mut request = client.post(self.to.clone()).body(self.body);
        for (name, value) in headers.into_iter().filter(|(n, _)| n != "host") {
            request = request.header(name, value);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {}: {e}", self.to));
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

/// A TCP listener that accepts connections, counts them and closes them: a place nothing must
/// ever reach.
pub struct ConnectionCounter {
    pub address: SocketAddr,
    count: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for ConnectionCounter {
    /// Stops listening, so the address can be bound again.
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl ConnectionCounter {
    pub async fn bind(address: &str) -> ConnectionCounter {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .unwrap_or_else(|e| panic!("bind {address}: {e}"));
        let address = listener.local_addr().unwrap();
        let count = Arc::new(AtomicUsize::new(0));
        let counted = count.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                drop(stream);
            }
        });
        ConnectionCounter { address, count, task }
    }

    pub fn connections(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}
