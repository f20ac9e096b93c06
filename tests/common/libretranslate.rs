//! A stand-in for a LibreTranslate server: the real one runs Argos Translate models this machine
//! cannot download, so the tests run Praxis against this server, which speaks the same HTTP API
//! (`POST /translate` with `q`, `source`, `target`, `format`, `api_key`; `{"translatedText"}` or
//! `{"error"}`), records every request, and "translates" by tagging the text with its target
//! and the word `machinatum`, so a test can tell the machine's text wherever it shows up.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicBool, Ordering},
};

use actix_web::{App, HttpResponse, HttpServer, dev::ServerHandle, web};
use serde_json::{Value, json};
use url::Url;

use super::loopback;

/// The API key the stand-in asks for.
pub const API_KEY: &str = "praxis-test-key-51f0";

#[derive(Default)]
struct State {
    requests: Mutex<Vec<Value>>,
    failing: AtomicBool,
}

pub struct FakeLibreTranslate {
    pub url: Url,
    state: Arc<State>,
    handle: ServerHandle,
}

/// What the stand-in answers for `q` translated into `target`.
pub fn translated(q: &str, target: &str) -> String {
    format!("[{target}] {q} machinatum")
}

impl FakeLibreTranslate {
    pub async fn start() -> FakeLibreTranslate {
        let listener = loopback::listener();
        let url = loopback::base_url(&listener);
        let state = Arc::new(State::default());
        let app_state = state.clone();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(app_state.clone()))
                .route("/translate", web::post().to(translate))
        });
        let handle = loopback::serve(server, listener);
        FakeLibreTranslate { url, state, handle }
    }

    /// The configuration that points a city at this engine.
    pub fn config(&self, daily_characters: u64) -> String {
        format!(
            "[machine_translation]\nurl = \"{}\"\napi_key = \"{API_KEY}\"\ntimeout_secs = 5\ndaily_characters = {daily_characters}\n",
            self.url
        )
    }

    /// Every request body received so far.
    pub fn requests(&self) -> Vec<Value> {
        self.state.requests.lock().unwrap().clone()
    }

    /// From now on, answer as an engine that broke (500).
    pub fn fail(&self) {
        self.state.failing.store(true, Ordering::SeqCst);
    }
}

impl Drop for FakeLibreTranslate {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        tokio::spawn(async move { handle.stop(false).await });
    }
}

async fn translate(body: web::Json<Value>, state: web::Data<Arc<State>>) -> HttpResponse {
    let body = body.into_inner();
    state.requests.lock().unwrap().push(body.clone());
    if state.failing.load(Ordering::SeqCst) {
        return HttpResponse::InternalServerError().json(json!({"error": "model crashed"}));
    }
    if body["api_key"] != API_KEY {
        return HttpResponse::Forbidden().json(json!({"error": "Invalid API key"}));
    }
    let (Some(q), Some(target)) = (body["q"].as_str(), body["target"].as_str()) else {
        return HttpResponse::BadRequest().json(json!({"error": "Invalid request: missing q or target"}));
    };
    HttpResponse::Ok().json(json!({"translatedText": translated(q, target)}))
}
