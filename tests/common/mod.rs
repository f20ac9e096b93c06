//! The multi-instance harness: real Praxis instances in this process, each on its own loopback
//! port with its own database (a SQLite file, or a fresh PostgreSQL database), driven through
//! their HTTP interfaces and command functions.

#![allow(dead_code)]

pub mod attacker;
pub mod browser;
pub mod fixtures;
pub mod followers;
pub mod libretranslate;
pub mod loopback;
pub mod pasture;
pub mod postgres;
pub mod proxy;
pub mod smtp;
pub mod tiles;
pub mod web;

use std::{future::Future, net::TcpListener, path::PathBuf, time::Duration};

use praxis::{
    app::{AppContext, AppData},
    config::Settings,
    http::server::{RunningServer, start},
};
use serde_json::Value;
use tempfile::TempDir;
use url::Url;

pub use postgres::TestDatabase;

/// The bootstrap admin token every test instance is configured with (it stops working once the
/// harness has created the admin account).
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";
/// The password of every test instance's `admin` account.
pub const ADMIN_PASSWORD: &str = "correct horse battery staple";

/// How long a condition may take to become true before a test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// Which database a test instance uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs a test body once per backend: `mod name { fn sqlite(); fn postgres(); }`. The
/// PostgreSQL variant needs a server (see [`postgres::TestDatabase::postgres`]); without one it
/// fails, naming the command that provides one.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($backend:ident: $backend_type:ty) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($backend: $backend_type) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    run($crate::common::Backend::Sqlite).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    run($crate::common::Backend::Postgres).await
                }
            }
        )*
    };
}

/// One running city instance.
pub struct TestCity {
    pub handle: String,
    pub settings: Settings,
    pub http: reqwest::Client,
    /// An API token of the instance's admin account (`admin`, password [`ADMIN_PASSWORD`]).
    pub token: String,
    server: Option<RunningServer>,
    /// The port the instance itself listens on (behind a proxy, not the public one).
    listen_port: u16,
    /// The proxy in front of the instance, when it has one.
    pub proxy: Option<proxy::Proxy>,
    dir: TempDir,
    database: TestDatabase,
}

impl TestCity {
    /// Starts a city named `handle` on a free loopback port.
    pub async fn start(handle: &str, backend: Backend) -> TestCity {
        Self::start_with(handle, backend, "").await
    }

    /// Starts a city with extra configuration (TOML, merged over the harness's settings).
    pub async fn start_with(handle: &str, backend: Backend, extra_toml: &str) -> TestCity {
        Self::start_inner(handle, backend, extra_toml, false).await
    }

    /// Starts a city whose public address is a [`proxy::Proxy`] in front of it, so a test can
    /// make its inbox fail, or count what reaches it.
    pub async fn start_behind_proxy(handle: &str, backend: Backend, extra_toml: &str) -> TestCity {
        Self::start_inner(handle, backend, extra_toml, true).await
    }

    async fn start_inner(handle: &str, backend: Backend, extra_toml: &str, behind_proxy: bool) -> TestCity {
        let dir = tempfile::tempdir().expect("temporary directory");
        let database = match backend {
            Backend::Sqlite => TestDatabase::sqlite(dir.path().join("praxis.db")),
            Backend::Postgres => TestDatabase::postgres(),
        };
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let listen_port = listener.local_addr().unwrap().port();
        let (public_port, proxy) = if behind_proxy {
            let front = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
            let proxy = proxy::Proxy::start(front, listen_port);
            (proxy.port, Some(proxy))
        } else {
            (listen_port, None)
        };
        let mut settings = settings_for(
            handle,
            public_port,
            dir.path().to_path_buf(),
            database.url(),
            extra_toml,
        );
        settings.instance.listen = ([127, 0, 0, 1], listen_port).into();
        praxis::federation::config::install_crypto_provider();
        init_logging();
        let mut city = TestCity {
            handle: handle.to_string(),
            settings,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
            server: None,
            token: String::new(),
            listen_port,
            proxy,
            dir,
            database,
        };
        city.launch(listener).await;
        let db = city.ctx().db.clone();
        let admin = praxis::service::accounts::create_user(
            &db,
            "admin",
            "Administrator",
            praxis::domain::user::Role::Admin,
            ADMIN_PASSWORD,
        )
        .await
        .expect("create the admin account");
        city.token = praxis::service::accounts::create_token(&db, &admin, "tests")
            .await
            .expect("a token")
            .0;
        city
    }

    /// Creates an account with `role` and returns an API token of it.
    pub async fn user_token(&self, username: &str, role: praxis::domain::user::Role) -> String {
        let db = self.ctx().db.clone();
        let user = praxis::service::accounts::create_user(&db, username, username, role, ADMIN_PASSWORD)
            .await
            .expect("create the account");
        praxis::service::accounts::create_token(&db, &user, "tests")
            .await
            .expect("a token")
            .0
    }

    async fn launch(&mut self, listener: TcpListener) {
        let ctx = AppContext::open(self.settings.clone())
            .await
            .expect("open the instance");
        self.server = Some(start(ctx, listener).await.expect("start the server"));
    }

    /// Stops the instance gracefully (it can be started again with [`TestCity::restart`]).
    pub async fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop().await;
        }
    }

    /// Starts the instance again on the same port and database.
    pub async fn restart(&mut self) {
        self.stop().await;
        let listener = TcpListener::bind(("127.0.0.1", self.listen_port)).expect("bind the same port again");
        self.launch(listener).await;
    }

    fn server(&self) -> &RunningServer {
        self.server.as_ref().expect("the instance is running")
    }

    /// The application context, as handlers and commands see it.
    pub fn ctx(&self) -> &AppContext {
        self.server().context()
    }

    /// A request-scoped federation handle, as command functions take it.
    pub fn data(&self) -> AppData {
        self.server().federation.to_request_data()
    }

    /// The directory holding the instance's files.
    pub fn dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub fn url(&self, path: &str) -> Url {
        self.settings.url_for(path)
    }

    /// The city actor's id.
    pub fn actor_id(&self) -> Url {
        self.url("/city")
    }

    /// `handle@localhost:port`, as a user would type it.
    pub fn address(&self) -> String {
        format!("{}@{}", self.handle, self.settings.domain())
    }

    /// Writes this instance's configuration to a file, for driving the command line.
    pub fn write_config(&self) -> PathBuf {
        let path = self.dir.path().join("praxis.toml");
        std::fs::write(&path, toml_for(&self.settings)).expect("write the configuration");
        path
    }

    /// GET with an Accept header; returns the status and the JSON body (Null when not JSON).
    pub async fn get(&self, url: &Url, accept: &str) -> (u16, Value) {
        let response = self
            .http
            .get(url.clone())
            .header("Accept", accept)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// GET an ActivityPub document from this instance.
    pub async fn get_ap(&self, path_or_url: &str) -> (u16, Value) {
        let url = Url::parse(path_or_url).unwrap_or_else(|_| self.url(path_or_url));
        self.get(&url, "application/activity+json").await
    }

    /// GET JSON from this instance's API.
    pub async fn api_get(&self, path: &str) -> Value {
        let (status, body) = self.get(&self.url(path), "application/json").await;
        assert_eq!(status, 200, "GET {path} answered {status}: {body}");
        body
    }

    /// POST JSON to this instance's API with the admin token; returns the status and body.
    pub async fn api_post(&self, path: &str, body: &Value) -> (u16, Value) {
        let response = self
            .http
            .post(self.url(path))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Publishes an item through the API and returns it as the API shows it.
    pub async fn publish(&self, draft: Value) -> Value {
        let (status, body) = self.api_post("/api/v1/items", &draft).await;
        assert_eq!(status, 201, "publishing answered {status}: {body}");
        body
    }

    /// Follows `other` through the same function `praxis follow` calls.
    pub async fn follow(&self, other: &TestCity) {
        praxis::service::follows::follow(&self.data(), &other.address())
            .await
            .unwrap_or_else(|e| panic!("{} could not follow {}: {e}", self.handle, other.handle));
    }

    /// Follows `other` and waits until the follow is accepted.
    pub async fn follow_and_wait(&self, other: &TestCity) {
        self.follow(other).await;
        let target = other.actor_id();
        wait_until(
            &format!("{} to have its follow of {} accepted", self.handle, other.handle),
            || async {
                let profile = self.api_get("/api/v1/city").await;
                profile["following"]
                    .as_array()?
                    .iter()
                    .any(|r| r["city"]["id"] == target.as_str() && r["state"] == "accepted")
                    .then_some(())
            },
        )
        .await;
    }

    /// The items of the network feed, newest first (first page).
    pub async fn feed(&self) -> Vec<Value> {
        self.api_get("/api/v1/feed").await["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Waits until the feed holds the item with this id, and returns it.
    pub async fn wait_for_item(&self, id: &str) -> Value {
        wait_until(&format!("{} to hold item {id}", self.handle), || async {
            self.feed().await.into_iter().find(|i| i["id"] == id)
        })
        .await
    }
}

impl Drop for TestCity {
    /// Stops the instance before its database goes away, so nothing waits on a vanished
    /// database; runs on a helper thread because `drop` cannot await.
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            let runtime = tokio::runtime::Handle::current();
            std::thread::scope(|scope| {
                scope.spawn(|| runtime.block_on(server.stop()));
            });
        }
    }
}

/// Logs to the test output when PRAXIS_LOG is set (for example PRAXIS_LOG=praxis=debug).
fn init_logging() {
    if let Ok(filter) = std::env::var("PRAXIS_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_test_writer()
            .try_init();
    }
}

/// Polls `check` until it yields a value, failing the test after [`DEADLINE`].
pub async fn wait_until<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out after {DEADLINE:?} waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A good practice in Bulgarian and Italian, from the Municipality4Roma programme.
pub fn m4r_practice() -> Value {
    serde_json::json!({
        "kind": "good_practice",
        "original_language": "bg",
        "title": {
            "bg": "Община, работеща в подкрепа на ромите",
            "it": "Un comune che lavora per l'inclusione dei Rom"
        },
        "summary": {
            "bg": "Обучение на общински служители, доброволци и НПО по антидискриминационни процедури.",
            "it": "Formazione del personale comunale, dei volontari e delle ONG sulle procedure antidiscriminazione."
        },
        "body": {
            "bg": "<p>Целта му е въвеждане на успешно тестван модел за включване на ромската общност в активния живот на общините Кампобасо и Тран.</p>",
            "it": "<p>Un modello sperimentato di inclusione della comunità rom nella vita attiva dei comuni di Campobasso e Tran.</p>"
        }
    })
}

/// A good practice in Macedonian only.
pub fn prosperous_community_practice() -> Value {
    serde_json::json!({
        "kind": "good_practice",
        "title": { "mk": "Заедно за просперитетна заедница" },
        "summary": { "mk": "Средби со 17 општини и меморандуми за соработка за локални акции за вклучување на Ромите." },
        "body": { "mk": "<p>Тимот на проектот оствари серија на средби со градоначалници во 17 општини.</p>" }
    })
}

fn settings_for(handle: &str, port: u16, dir: PathBuf, database_url: String, extra_toml: &str) -> Settings {
    let base = format!(
        r#"
[instance]
public_url = "http://localhost:{port}"
listen = "127.0.0.1:{port}"
data_dir = "{dir}"
database_url = "{database_url}"
database_pool_size = 4
admin_token = "{ADMIN_TOKEN}"
shutdown_timeout_secs = 5

[city]
handle = "{handle}"
name = "City of {handle}"
summary = "Integration office of {handle}"
languages = ["bg", "it", "mk", "en"]

[federation]
allow_local_peers = true
delivery_poll_interval_ms = 100
delivery_retry_base_secs = 1
delivery_retry_max_gap_secs = 2
"#,
        dir = dir.display()
    );
    let merged = merge_toml(&base, extra_toml);
    Settings::from_toml(&merged).unwrap_or_else(|e| panic!("test settings: {e}"))
}

/// Merges `extra` over `base`, table by table.
fn merge_toml(base: &str, extra: &str) -> String {
    fn merge(base: &mut toml::Table, extra: toml::Table) {
        for (key, value) in extra {
            match (base.get_mut(&key), value) {
                (Some(toml::Value::Table(into)), toml::Value::Table(from)) => merge(into, from),
                (_, value) => {
                    base.insert(key, value);
                }
            }
        }
    }
    let mut merged: toml::Table = base.parse().expect("harness TOML parses");
    merge(&mut merged, extra.parse().expect("extra TOML parses"));
    toml::to_string(&merged).expect("harness TOML renders")
}

fn toml_for(settings: &Settings) -> String {
    toml::to_string(settings).expect("settings render as TOML")
}

/// A migrated database without a server, for storage tests; dropped with the guard.
pub struct TestStore {
    pub db: praxis::storage::Database,
    _dir: TempDir,
    _database: TestDatabase,
}

impl TestStore {
    pub fn open(backend: Backend) -> TestStore {
        let dir = tempfile::tempdir().expect("temporary directory");
        let database = match backend {
            Backend::Sqlite => TestDatabase::sqlite(dir.path().join("store.db")),
            Backend::Postgres => TestDatabase::postgres(),
        };
        let settings =
            Settings::from_toml(&format!("[instance]\ndatabase_url = \"{}\"\n", database.url())).unwrap();
        let db = praxis::storage::Database::connect(&settings.database(), 4).expect("connect");
        db.migrate().expect("migrate");
        TestStore {
            db,
            _dir: dir,
            _database: database,
        }
    }
}

/// A 1×1 PNG of one sea-blue pixel: a map tile, a city emblem.
pub const ONE_PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00,
    0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x58, 0x75, 0xf9, 0x3e, 0x00, 0x04, 0x87,
    0x02, 0x5d, 0x2f, 0x7f, 0x7d, 0x31, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
    0x82,
];

/// A complete item of `kind` (every field of the kind), from `tests/fixtures/items`.
pub fn item_fixture(kind: &str) -> Value {
    let path = format!("{}/tests/fixtures/items/{kind}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A sample of what another server sends, from `tests/fixtures/foreign`.
pub fn foreign_fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/foreign/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Publishes every practice of the demo network (`src/demo/network.json`) from `city`.
pub async fn publish_demo_network(city: &TestCity) {
    let network: Value = serde_json::from_str(include_str!("../../src/demo/network.json")).unwrap();
    for member in network["cities"].as_array().unwrap() {
        for item in member["items"].as_array().unwrap() {
            city.publish(item.clone()).await;
        }
    }
}

/// The four kinds, by code.
pub const KINDS: [&str; 4] = [
    "good_practice",
    "training_material",
    "exchange_report",
    "action_plan",
];

impl TestCity {
    /// The full view of an item this instance holds (with replies and adaptations), or None.
    pub async fn item(&self, id: &str) -> Option<Value> {
        let mut url = self.url("/api/v1/items/lookup");
        url.query_pairs_mut().append_pair("id", id);
        let (status, body) = self.get(&url, "application/json").await;
        match status {
            200 => Some(body),
            404 => None,
            other => panic!("looking up {id} answered {other}: {body}"),
        }
    }

    /// Waits until the item is held and `check` accepts its view.
    pub async fn wait_for_item_where(&self, id: &str, what: &str, check: impl Fn(&Value) -> bool) -> Value {
        wait_until(
            &format!("{} to hold item {id} with {what}", self.handle),
            || async { self.item(id).await.filter(|i| check(i)) },
        )
        .await
    }

    /// Sends an API request with the admin token.
    pub async fn api_send(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> (u16, Value) {
        let mut request = self.http.request(method, self.url(path)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{path}: {e}"));
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// The `/api/v1/items/{uuid}` path of one of this city's items.
    pub fn item_path(&self, id: &str) -> String {
        let uuid = id.rsplit('/').next().unwrap();
        format!("/api/v1/items/{uuid}")
    }

    /// Waits until every backfill this instance runs has finished, and returns them.
    pub async fn wait_for_backfills(&self) -> Vec<Value> {
        wait_until(&format!("{}'s backfills to finish", self.handle), || async {
            let list = self.api_get("/api/v1/backfills").await["backfills"]
                .as_array()
                .cloned()?;
            (!list.is_empty() && list.iter().all(|b| b["state"] != "pending")).then_some(list)
        })
        .await
    }
}

/// Runs the praxis binary in `dir` with `args`, `input` on standard input; returns whether it
/// succeeded, and its standard output and error.
pub fn praxis_in(dir: &std::path::Path, args: &[&str], input: &str) -> (bool, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(praxis_binary())
        .current_dir(dir)
        .args(args)
        .env_remove("PRAXIS_CONFIG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run praxis");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A `praxis serve` process, killed when dropped.
pub struct ServeProcess(pub std::process::Child);

impl ServeProcess {
    /// Starts `praxis --config CONFIG serve` in `dir` and waits until it answers `url`/healthz.
    pub async fn start(dir: &std::path::Path, config: &std::path::Path, url: &Url) -> ServeProcess {
        let child = std::process::Command::new(praxis_binary())
            .current_dir(dir)
            .arg("--config")
            .arg(config)
            .arg("serve")
            .env_remove("PRAXIS_CONFIG")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(dir.join("serve.log")).expect("a log file"))
            .spawn()
            .expect("start praxis serve");
        let process = ServeProcess(child);
        praxis::federation::config::install_crypto_provider();
        let health = url.join("/healthz").unwrap();
        let client = reqwest::Client::new();
        wait_until(&format!("{url} to answer"), || async {
            let answer = client.get(health.clone()).send().await.ok()?;
            answer.status().is_success().then_some(())
        })
        .await;
        process
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The binary under test (Cargo names it to integration tests, not to examples).
fn praxis_binary() -> &'static str {
    match option_env!("CARGO_BIN_EXE_praxis") {
        Some(path) => path,
        None => panic!("the praxis binary is built for integration tests only"),
    }
}

/// A loopback port nothing listens on (bound and released at once).
pub fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a loopback port")
        .local_addr()
        .expect("its address")
        .port()
}
