//! A map tile server on loopback, serving `/{z}/{x}/{y}.png` as every slippy-map server does. Its
//! tiles are a plain sea-blue pixel (no map data can be downloaded here, and the tests check
//! which tiles a browser asks for and where they are drawn, not what they show). It records
//! every request's path and whether it carried a `Referer`.

use std::sync::{Arc, Mutex};

use actix_web::{HttpRequest, HttpResponse, HttpServer, dev::ServerHandle, web};
use url::Url;

use super::{ONE_PIXEL_PNG, loopback};

/// One request the server received.
#[derive(Debug, Clone)]
pub struct TileRequest {
    pub path: String,
    pub referer: Option<String>,
}

pub struct TileServer {
    pub url: Url,
    requests: Arc<Mutex<Vec<TileRequest>>>,
    handle: ServerHandle,
}

impl TileServer {
    pub async fn start() -> TileServer {
        let listener = loopback::listener();
        let url = loopback::base_url(&listener);
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        let server = HttpServer::new(move || {
            actix_web::App::new()
                .app_data(web::Data::new(recorded.clone()))
                .route("/{z}/{x}/{y}.png", web::get().to(tile))
        });
        let handle = loopback::serve(server, listener);
        TileServer {
            url,
            requests,
            handle,
        }
    }

    /// The `[map]` configuration that draws a city's map on these tiles.
    pub fn config(&self, zoom: u8) -> String {
        format!(
            "[map]\ntile_url = \"{}{{z}}/{{x}}/{{y}}.png\"\nattribution = \"© Loopback Tiles\"\nzoom = {zoom}\n",
            self.url
        )
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<TileRequest> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for TileServer {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        tokio::spawn(async move { handle.stop(false).await });
    }
}

async fn tile(req: HttpRequest, requests: web::Data<Arc<Mutex<Vec<TileRequest>>>>) -> HttpResponse {
    requests.lock().unwrap().push(TileRequest {
        path: req.path().to_string(),
        referer: req
            .headers()
            .get("referer")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    });
    HttpResponse::Ok().content_type("image/png").body(ONE_PIXEL_PNG)
}
