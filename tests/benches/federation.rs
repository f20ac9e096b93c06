//! Federation benchmark: fan-out, inbox throughput, and the cost of the signatures that bound
//! both, measured in one run on this machine.
//!
//!     cargo bench --bench federation -- [--backend sqlite|postgres] [--followers 20] [--items 200]
//!                                       [--inbox-activities 2000] [--concurrency 32]
//!                                       [--history 10000] [--only fan-out|fan-out-sender|latency|inbox|backfill|import]
//!
//! PostgreSQL needs PRAXIS_TEST_DATABASE_URL (a server where databases may be created). Results
//! and the machine they were measured on are kept in docs/PERFORMANCE.md.
//!
//! Every inbox request is counted as accepted, refused (by status) or failed, and so is every
//! fan-out delivery (delivered, dead or still pending); the benchmark reports the counts and
//! fails if anything was refused, failed, given up or left pending, so its rates are never
//! those of a run that lost work.

use std::{
    collections::BTreeMap,
    net::TcpListener,
    time::{Duration, Instant},
};

use bytes::Bytes;
use diesel::{Connection, PgConnection, RunQueryDsl};
use futures::StreamExt;
use praxis::{
    app::AppContext,
    config::Settings,
    domain::item::ItemDraft,
    http::server::{RunningServer, start},
    service,
    storage::{cities, deliveries, items},
};
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey, pkcs8::DecodePrivateKey};
use sha2::{Digest, Sha256};

#[path = "../common/followers.rs"]
mod followers;

struct Options {
    backend: String,
    followers: usize,
    items: usize,
    inbox_activities: usize,
    concurrency: usize,
    /// Items in the history a newcomer imports (backfill) and in the imported file (import).
    history: usize,
    /// `fan-out`, `fan-out-sender`, `latency`, `inbox`, `backfill` or `import` to run one part only.
    only: Option<String>,
}

fn options() -> Options {
    let mut options = Options {
        backend: "sqlite".into(),
        followers: 20,
        items: 200,
        inbox_activities: 2000,
        concurrency: 32,
        history: 10_000,
        only: None,
    };
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--backend" => options.backend = value(),
            "--followers" => options.followers = value().parse().expect("--followers N"),
            "--items" => options.items = value().parse().expect("--items N"),
            "--inbox-activities" => options.inbox_activities = value().parse().expect("--inbox-activities N"),
            "--concurrency" => options.concurrency = value().parse().expect("--concurrency N"),
            "--history" => options.history = value().parse().expect("--history N"),
            "--only" => options.only = Some(value()),
            other => panic!("unknown option {other}"),
        }
    }
    assert!(
        matches!(options.backend.as_str(), "sqlite" | "postgres"),
        "--backend sqlite|postgres"
    );
    assert!(
        options.only.as_deref().is_none_or(|only| [
            "fan-out",
            "fan-out-sender",
            "latency",
            "inbox",
            "backfill",
            "import"
        ]
        .contains(&only)),
        "--only fan-out|fan-out-sender|latency|inbox|backfill|import"
    );
    options
}

impl Options {
    fn runs(&self, part: &str) -> bool {
        self.only.as_deref().is_none_or(|only| only == part)
    }
}

/// One city instance of the benchmark, with its own database.
struct City {
    server: RunningServer,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl City {
    async fn start(handle: &str, backend: &str) -> City {
        let dir = tempfile::tempdir().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (database_url, pg) = match backend {
            "postgres" => {
                let admin = std::env::var("PRAXIS_TEST_DATABASE_URL")
                    .expect("PRAXIS_TEST_DATABASE_URL for --backend postgres");
                let name = format!("praxis_bench_{}", uuid::Uuid::new_v4().simple());
                let mut conn = PgConnection::establish(&admin).unwrap();
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .unwrap();
                let mut url = url::Url::parse(&admin).unwrap();
                url.set_path(&name);
                (url.to_string(), Some((admin, name)))
            }
            _ => (
                format!("sqlite://{}", dir.path().join("praxis.db").display()),
                None,
            ),
        };
        let settings = Settings::from_toml(&format!(
            r#"
[instance]
public_url = "http://localhost:{port}"
listen = "127.0.0.1:{port}"
data_dir = "{dir}"
database_url = "{database_url}"
database_pool_size = 4
admin_token = "benchmark-admin-token-0123456789"
[city]
handle = "{handle}"
name = "{handle}"
[federation]
allow_local_peers = true
# A newcomer imports the whole history, however long --history makes it.
backfill_max_items = 100000000
"#,
            dir = dir.path().display()
        ))
        .unwrap();
        let ctx = AppContext::open(settings).await.unwrap();
        City {
            server: start(ctx, listener).await.unwrap(),
            _dir: dir,
            pg,
        }
    }

    fn data(&self) -> praxis::app::AppData {
        self.server.federation.to_request_data()
    }

    fn address(&self) -> String {
        self.server.context().city.address()
    }

    async fn stop(self) {
        self.server.stop().await;
        if let Some((admin, name)) = self.pg {
            let mut conn = PgConnection::establish(&admin).unwrap();
            diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn)
                .unwrap();
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn draft(n: usize) -> ItemDraft {
    serde_json::from_value(serde_json::json!({
        "kind": "good_practice",
        "original_language": "bg",
        "title": {"bg": format!("Добра практика {n}"), "it": format!("Buona prassi {n}")},
        "summary": {"bg": "Обучение на общински служители, доброволци и НПО по антидискриминационни процедури."},
        "body": {
            "bg": "<p>Целта му е въвеждане на успешно тестван модел за включване на ромската общност в активния живот на общините.</p>",
            "it": "<p>Un modello sperimentato di inclusione della comunità rom nella vita attiva dei comuni.</p>"
        },
        "themes": ["inclusion", "anti_discrimination"],
        "target_groups": ["roma", "municipal_staff"]
    }))
    .unwrap()
}

/// Cost of one RSA-2048 PKCS#1 v1.5 SHA-256 signature with ring, for comparison.
fn ring_signing_cost(private: &RsaPrivateKey) -> Duration {
    use rsa::pkcs8::EncodePrivateKey;
    let der = private.to_pkcs8_der().unwrap();
    let pair = ring::signature::RsaKeyPair::from_pkcs8(der.as_bytes()).unwrap();
    let rng = ring::rand::SystemRandom::new();
    let mut signature = vec![0; pair.public().modulus_len()];
    let signs = 200;
    let started = Instant::now();
    for _ in 0..signs {
        pair.sign(
            &ring::signature::RSA_PKCS1_SHA256,
            &rng,
            b"(request-target): post /inbox",
            &mut signature,
        )
        .unwrap();
    }
    started.elapsed() / signs
}

/// Cost of one RSA-2048 PKCS#1 v1.5 SHA-256 signature and verification with the crate in use.
fn crypto_cost() -> (Duration, Duration) {
    let keypair = activitypub_federation::http_signatures::generate_actor_keypair().unwrap();
    let private = RsaPrivateKey::from_pkcs8_pem(&keypair.private_key).unwrap();
    let public = RsaPublicKey::from(&private);
    let message = "(request-target): post /inbox\nhost: praxis.sofia.bg\ndate: Mon, 23 Nov 2026 10:00:00 GMT\ndigest: SHA-256=abc";
    let digest = Sha256::digest(message.as_bytes());
    let signs = 200;
    let started = Instant::now();
    let mut signature = Vec::new();
    for _ in 0..signs {
        signature = private.sign(Pkcs1v15Sign::new::<Sha256>(), &digest).unwrap();
    }
    let sign = started.elapsed() / signs;
    let verifies = 2000;
    let started = Instant::now();
    for _ in 0..verifies {
        public
            .verify(Pkcs1v15Sign::new::<Sha256>(), &digest, &signature)
            .unwrap();
    }
    let verify = started.elapsed() / verifies;
    println!(
        "RSA-2048 signature with the rsa crate (activitypub_federation's signed fetches): {:.3} ms",
        sign.as_secs_f64() * 1e3
    );
    // Deliveries are signed with ring (federation::delivery::signer): that is the signing cost
    // that bounds fan-out.
    (ring_signing_cost(&private), verify)
}

/// The origin's delivery queue once nothing is pending (or after a minute): whether some
/// delivery was refused and given up, or is still being retried (the last ones are marked a
/// moment after they land).
async fn settled_queue(origin: &City) -> deliveries::QueueCounts {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let queue = origin.server.context().db.read(deliveries::counts).await.unwrap();
        if queue.pending == 0 || Instant::now() > deadline {
            return queue;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What a fan-out run measured, and what became of its deliveries.
struct FanOut {
    total_secs: f64,
    rate: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// The origin's queue once every follower held every item.
    queue: deliveries::QueueCounts,
}

async fn fan_out(options: &Options) -> FanOut {
    let origin = City::start("origin", &options.backend).await;
    let mut followers = Vec::new();
    for i in 0..options.followers {
        followers.push(City::start(&format!("follower{i}"), &options.backend).await);
    }
    for follower in &followers {
        service::follows::follow(&follower.data(), &origin.address())
            .await
            .unwrap();
    }
    let origin_id = origin.server.context().city_id;
    wait(Duration::from_secs(60), || async {
        let followers_count = origin
            .server
            .context()
            .db
            .read(move |conn| praxis::storage::follows::follower_inboxes(conn, origin_id))
            .await
            .unwrap()
            .len();
        followers_count == options.followers
    })
    .await;
    let started = chrono::Utc::now();
    for n in 0..options.items {
        service::items::publish(&origin.data(), draft(n)).await.unwrap();
    }
    let expected = options.items;
    let mut latencies = Vec::new();
    let mut last_arrival = started;
    for follower in &followers {
        let ctx = follower.server.context().clone();
        let origin_url = origin.server.context().city.ap_id.clone();
        let times = wait_for(Duration::from_secs(600), || {
            let ctx = ctx.clone();
            let origin_url = origin_url.clone();
            async move {
                let times = ctx
                    .db
                    .read(move |conn| -> Result<_, praxis::storage::StorageError> {
                        let Some((id, _)) = cities::find_by_ap_id(conn, &origin_url)? else {
                            return Ok(Vec::new());
                        };
                        items::arrival_times(conn, id)
                    })
                    .await
                    .unwrap();
                (times.len() == expected).then_some(times)
            }
        })
        .await;
        for arrival in &times {
            latencies
                .push((arrival.received - arrival.published).num_microseconds().unwrap() as f64 / 1000.0);
            last_arrival = last_arrival.max(arrival.received);
        }
    }
    latencies.sort_by(f64::total_cmp);
    let delivery_count = (options.items * options.followers) as f64;
    // From the first publication to the last item stored at a follower, read from the data
    // rather than from when the polling loop noticed it.
    let total = (last_arrival - started).num_microseconds().unwrap() as f64 / 1e6;
    // Every item arrived; the queue says whether some delivery was nonetheless refused and
    // given up, or is still being retried (the last ones are marked a moment after they land).
    let queue = settled_queue(&origin).await;
    let result = FanOut {
        total_secs: total,
        rate: delivery_count / total,
        p50_ms: percentile(&latencies, 50.0),
        p99_ms: percentile(&latencies, 99.0),
        queue,
    };
    origin.stop().await;
    for follower in followers {
        follower.stop().await;
    }
    result
}

/// How the target answered one inbox request.
enum Answer {
    Accepted,
    /// Any status but 202, with the start of the body that said why.
    Refused(u16, String),
    /// No answer: the request could not be sent or read.
    Failed(String),
}

/// What an inbox run measured, and how every request was answered.
struct Inbox {
    rate: f64,
    p50_ms: f64,
    p99_ms: f64,
    accepted: usize,
    /// Refused requests by status: how many, and one reason given.
    refused: BTreeMap<u16, (usize, String)>,
    /// Failed requests: how many, and the first error.
    failed: (usize, Option<String>),
}

async fn inbox(options: &Options) -> Inbox {
    let target = City::start("target", &options.backend).await;
    let generator = City::start("generator", &options.backend).await;
    service::follows::follow(&target.data(), &generator.address())
        .await
        .unwrap();
    let target_id = target.server.context().city_id;
    wait(Duration::from_secs(60), || async {
        let following = target
            .server
            .context()
            .db
            .read(move |conn| praxis::storage::follows::followed_by(conn, target_id))
            .await
            .unwrap();
        following
            .iter()
            .any(|(_, state)| *state == praxis::storage::follows::FollowState::Accepted)
    })
    .await;
    // Sign every request first: the load generator's own signing cost is not the inbox's.
    let data = generator.data();
    let inbox = target.server.context().city.inbox.clone();
    let origin = generator.server.context().city.ap_id.clone();
    let mut requests = Vec::new();
    for n in 0..options.inbox_activities {
        let item = origin.join(&format!("/items/bench-{n}")).unwrap();
        let activity = serde_json::json!({
            "@context": ["https://www.w3.org/ns/activitystreams"],
            "type": "Create",
            "id": origin.join(&format!("/activities/create-bench-{n}")).unwrap(),
            "actor": origin,
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": {
                "type": "Article", "id": item, "attributedTo": origin,
                "name": format!("Buona prassi {n}"),
                "nameMap": {"it": format!("Buona prassi {n}"), "bg": format!("Добра практика {n}")},
                "content": "<p>Un modello sperimentato di inclusione della comunità rom.</p>",
                "itemKind": "good_practice", "originalLanguage": "it",
                "published": "2026-11-20T10:00:00Z"
            }
        });
        let builder = data
            .http
            .post(inbox.as_str())
            .header("Content-Type", "application/activity+json")
            .header("Host", praxis::config::domain_of(&inbox))
            .header("Date", httpdate::fmt_http_date(std::time::SystemTime::now()));
        requests.push(
            data.sign_request(builder, Bytes::from(activity.to_string()))
                .await
                .unwrap(),
        );
    }
    let client = data.http.clone();
    let started = Instant::now();
    let latencies: Vec<(f64, Answer)> = futures::stream::iter(requests)
        .map(|request| {
            let client = client.clone();
            async move {
                let sent = Instant::now();
                let answer = match client.execute(request).await {
                    Ok(response) if response.status().as_u16() == 202 => Answer::Accepted,
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let reason = response.text().await.unwrap_or_default();
                        Answer::Refused(status, reason.chars().take(200).collect())
                    }
                    Err(e) => Answer::Failed(e.to_string()),
                };
                (sent.elapsed().as_secs_f64() * 1000.0, answer)
            }
        })
        .buffer_unordered(options.concurrency)
        .collect()
        .await;
    let elapsed = started.elapsed().as_secs_f64();
    let mut accepted = 0;
    let mut refused: BTreeMap<u16, (usize, String)> = BTreeMap::new();
    let mut failed = (0, None);
    for (_, answer) in &latencies {
        match answer {
            Answer::Accepted => accepted += 1,
            Answer::Refused(status, reason) => {
                refused.entry(*status).or_insert_with(|| (0, reason.clone())).0 += 1;
            }
            Answer::Failed(error) => {
                failed.0 += 1;
                failed.1.get_or_insert_with(|| error.clone());
            }
        }
    }
    let generator_url = generator.server.context().city.ap_id.clone();
    let stored = target
        .server
        .context()
        .db
        .read(move |conn| -> Result<usize, praxis::storage::StorageError> {
            let (id, _) = cities::find_by_ap_id(conn, &generator_url)?.unwrap();
            Ok(items::arrival_times(conn, id)?.len())
        })
        .await
        .unwrap();
    assert_eq!(stored, accepted, "every accepted activity is stored");
    let mut times: Vec<f64> = latencies.iter().map(|(ms, _)| *ms).collect();
    times.sort_by(f64::total_cmp);
    target.stop().await;
    generator.stop().await;
    Inbox {
        rate: accepted as f64 / elapsed,
        p50_ms: percentile(&times, 50.0),
        p99_ms: percentile(&times, 99.0),
        accepted,
        refused,
        failed,
    }
}

async fn wait<F, Fut>(limit: Duration, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + limit;
    while !done().await {
        assert!(Instant::now() < deadline, "gave up waiting");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn wait_for<T, F, Fut>(limit: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "gave up waiting");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An item of a city's history: a title, a summary and a body of five paragraphs in two
/// languages (about 1,500 characters of text), varied so that the index holds many words.
fn history_draft(n: usize) -> ItemDraft {
    let paragraphs = [
        "Общината въведе модел за включване на ромската общност в активния живот чрез обучение на служители и доброволци.",
        "Здравните медиатори посещават семействата и помагат за достъпа до личен лекар, ваксинации и детски градини.",
        "Училищните медиатори работят с родителите за намаляване на ранното напускане на училище в кварталите.",
        "Програмата за заетост свързва младежи с работодатели чрез стажове, курсове и консултации по документи.",
        "Жилищните мерки включват узаконяване, подобряване на инфраструктурата и социални жилища за уязвими семейства.",
    ];
    let body_bg: String = (0..5)
        .map(|i| {
            format!(
                "<p>{} Етап {} от {n}.</p>",
                paragraphs[(n + i) % paragraphs.len()],
                i + 1
            )
        })
        .collect();
    let mut draft = draft(n);
    draft.body.insert("bg".into(), body_bg);
    draft.tags = vec![format!("история-{}", n % 97), format!("etapa-{}", n % 13)];
    draft
}

/// Stores `count` items of `city`'s history directly, as publishing would leave them (item,
/// outbox entry, search change), a thousand per transaction; not part of what is measured.
async fn seed_history(city: &City, count: usize) {
    let ctx = city.server.context().clone();
    for start in (0..count).step_by(1000) {
        let batch: Vec<_> = (start..(start + 1000).min(count))
            .map(|n| {
                let content = history_draft(n).validate().unwrap();
                let at = chrono::Utc::now();
                praxis::domain::item::KnowledgeItem {
                    ap_id: praxis::federation::urls::new_item(&ctx.settings),
                    origin: ctx.city.ap_id.clone(),
                    content,
                    published: at,
                    updated: at,
                    former_ap_id: None,
                }
            })
            .collect();
        let write = ctx.clone();
        ctx.db
            .write(move |conn| -> Result<(), praxis::storage::StorageError> {
                for item in &batch {
                    let id = items::upsert(conn, item, write.city_id)?.id().unwrap();
                    let activity = praxis::federation::urls::new_activity(&write.settings, "create");
                    praxis::storage::outbox::add(
                        conn,
                        praxis::storage::outbox::EntryKind::Create,
                        id,
                        &activity,
                        item.published,
                    )?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }
}

/// Items of `origin` that `city` holds.
async fn held_from(city: &City, origin: &url::Url) -> usize {
    let origin = origin.clone();
    city.server
        .context()
        .db
        .read(move |conn| -> Result<usize, praxis::storage::StorageError> {
            let Some((id, _)) = cities::find_by_ap_id(conn, &origin)? else {
                return Ok(0);
            };
            items::count(
                conn,
                items::Scope::Origin(id),
                praxis::domain::audience::Visibility::Everything,
            )
            .map(|n| n as usize)
        })
        .await
        .unwrap()
}

/// The peak resident memory of this process so far (VmHWM), in MiB.
fn peak_rss_mib() -> f64 {
    process_status_mib("VmHWM:")
}

/// A memory figure of this process from `/proc/self/status` (`VmHWM:`, `RssAnon:`, ...), in MiB.
fn process_status_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// What importing a history measured.
struct Joined {
    items: usize,
    stored_secs: f64,
    searchable_secs: f64,
    pages: i64,
    peak_rss_mib: f64,
}

impl Joined {
    fn print(&self, phase: &str, whose_memory: &str) {
        let pages = if self.pages > 0 {
            format!(" in {} pages", self.pages)
        } else {
            String::new()
        };
        println!(
            "{phase}: {} items{pages} stored in {:.2} s ({:.0} items/s), searchable in {:.2} s; peak memory of the process{whose_memory} {:.1} MiB",
            self.items,
            self.stored_secs,
            self.items as f64 / self.stored_secs,
            self.searchable_secs,
            self.peak_rss_mib,
        );
    }
}

/// A newcomer follows a city holding `--history` items and imports its outbox: from the follow
/// to the last item stored, and to the last item searchable. The newcomer runs in its own
/// process (the benchmark runs itself with `--newcomer`), so its peak memory is its own; the peer
/// serving the pages runs in this one, on the same two cores, and is part of what is measured.
async fn backfill(options: &Options) -> Joined {
    use std::io::BufRead;
    let origin = City::start("origin", &options.backend).await;
    seed_history(&origin, options.history).await;
    let mut newcomer = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--newcomer",
            &origin.address(),
            &options.backend,
            &options.history.to_string(),
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let report = std::io::BufReader::new(newcomer.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok)
        .find_map(|line| line.strip_prefix("joined ").map(String::from))
        .expect("the newcomer process reports what it measured");
    assert!(newcomer.wait().unwrap().success(), "the newcomer process failed");
    origin.stop().await;
    let fields: Vec<f64> = report.split_whitespace().map(|f| f.parse().unwrap()).collect();
    Joined {
        items: options.history,
        stored_secs: fields[0],
        searchable_secs: fields[1],
        pages: fields[2] as i64,
        peak_rss_mib: fields[3],
    }
}

/// Newcomer mode (`--newcomer ADDRESS BACKEND ITEMS`, run by [`backfill`] as a separate
/// process): a new city follows ADDRESS and waits until it holds and finds its ITEMS items, then
/// prints `joined STORED_SECS SEARCHABLE_SECS PAGES PEAK_RSS_MIB`.
fn run_newcomer(address: &str, backend: &str, expected: usize) {
    // As `praxis serve` starts.
    praxis::allocator::bound_arenas();
    praxis::federation::config::install_crypto_provider();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let newcomer = City::start("newcomer", backend).await;
        let started = Instant::now();
        let origin = service::follows::follow(&newcomer.data(), address)
            .await
            .unwrap()
            .city;
        let limit = Duration::from_secs(1800);
        wait(limit, || async {
            held_from(&newcomer, &origin.ap_id).await == expected
        })
        .await;
        let stored_secs = started.elapsed().as_secs_f64();
        let search = newcomer.server.context().search.clone();
        wait(limit, || {
            let found = search.len() as usize;
            async move { found == expected }
        })
        .await;
        let searchable_secs = started.elapsed().as_secs_f64();
        let jobs = newcomer
            .server
            .context()
            .db
            .read(praxis::storage::backfills::list)
            .await
            .unwrap();
        let pages: i64 = jobs.iter().map(|j| i64::from(j.pages)).sum();
        // What the peak is made of, read at the end: the process's own memory, and pages of
        // files it maps (the search index), which the kernel can drop when memory is short.
        eprintln!(
            "newcomer at the end: resident {:.1} MiB, of which anonymous {:.1} MiB and mapped files {:.1} MiB",
            process_status_mib("VmRSS:"),
            process_status_mib("RssAnon:"),
            process_status_mib("RssFile:"),
        );
        println!(
            "joined {stored_secs} {searchable_secs} {pages} {}",
            peak_rss_mib()
        );
        newcomer.stop().await;
    });
}

/// `praxis import` of a JSON file of `--history` items, as the command runs it (read, check,
/// publish in batches), then until the last item is searchable.
async fn import(options: &Options) -> Joined {
    let city = City::start("importer", &options.backend).await;
    let file: Vec<serde_json::Value> = (0..options.history)
        .map(|n| {
            let mut row = serde_json::to_value(history_draft(n)).unwrap();
            row["external_id"] = serde_json::json!(format!("REG-{n}"));
            row
        })
        .collect();
    let text = serde_json::to_string(&file).unwrap();
    let data = city.data();
    let started = Instant::now();
    let rows = service::import::read_rows(&text, service::import::ImportFormat::Json).unwrap();
    let mut reports = service::import::check(&rows);
    let published = service::import::publish(&data, rows, &mut reports, || {})
        .await
        .unwrap();
    assert_eq!(published, options.history, "every row is published");
    let stored_secs = started.elapsed().as_secs_f64();
    let search = city.server.context().search.clone();
    let expected = options.history;
    wait(Duration::from_secs(600), || {
        let found = search.len() as usize;
        async move { found == expected }
    })
    .await;
    let result = Joined {
        items: expected,
        stored_secs,
        searchable_secs: started.elapsed().as_secs_f64(),
        pages: 0,
        peak_rss_mib: peak_rss_mib(),
    };
    city.stop().await;
    result
}

/// One item at a time on a quiet network: publish, wait until the follower holds it, repeat.
/// The latency of each is the follower's `received_at` minus the item's `published`.
async fn latency(options: &Options) -> (f64, f64) {
    let origin = City::start("origin", &options.backend).await;
    let follower = City::start("follower", &options.backend).await;
    service::follows::follow(&follower.data(), &origin.address())
        .await
        .unwrap();
    let origin_id = origin.server.context().city_id;
    wait(Duration::from_secs(60), || async {
        let inboxes = origin
            .server
            .context()
            .db
            .read(move |conn| praxis::storage::follows::follower_inboxes(conn, origin_id))
            .await
            .unwrap();
        inboxes.len() == 1
    })
    .await;
    let origin_url = origin.server.context().city.ap_id.clone();
    let rounds = 100;
    for n in 0..rounds {
        service::items::publish(&origin.data(), draft(n)).await.unwrap();
        wait(Duration::from_secs(60), || async {
            held_from(&follower, &origin_url).await == n + 1
        })
        .await;
    }
    let ctx = follower.server.context().clone();
    let times = ctx
        .db
        .read(move |conn| -> Result<_, praxis::storage::StorageError> {
            let (id, _) = cities::find_by_ap_id(conn, &origin_url)?.expect("the origin is known");
            items::arrival_times(conn, id)
        })
        .await
        .unwrap();
    let mut latencies: Vec<f64> = times
        .iter()
        .map(|a| (a.received - a.published).num_microseconds().unwrap() as f64 / 1000.0)
        .collect();
    latencies.sort_by(f64::total_cmp);
    follower.stop().await;
    origin.stop().await;
    (percentile(&latencies, 50.0), percentile(&latencies, 99.0))
}

/// Sink mode (`--sinks N`, run by the benchmark itself as a separate process): N follower inboxes
/// on loopback that accept every delivery with 202 and count it, without verifying or storing,
/// so the sender's rate can be read alone. Prints each inbox's port, then serves until its
/// standard input closes. `GET /count` answers how many deliveries an inbox accepted.
fn run_sinks(count: usize) {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        for _ in 0..count {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            println!("{}", listener.local_addr().unwrap().port());
            let received = Arc::new(AtomicUsize::new(0));
            let server = actix_web::HttpServer::new(move || {
                let (posted, counted) = (received.clone(), received.clone());
                actix_web::App::new()
                    .route(
                        "/inbox",
                        actix_web::web::post().to(move |_body: Bytes| {
                            posted.fetch_add(1, Ordering::Relaxed);
                            async { actix_web::HttpResponse::Accepted().finish() }
                        }),
                    )
                    .route(
                        "/count",
                        actix_web::web::get().to(move || {
                            let n = counted.load(Ordering::Relaxed);
                            async move { n.to_string() }
                        }),
                    )
            })
            .workers(1)
            .disable_signals()
            .listen(listener)
            .unwrap()
            .run();
            tokio::spawn(server);
        }
        println!("ready");
        tokio::task::spawn_blocking(|| {
            let mut line = String::new();
            while std::io::stdin().read_line(&mut line).unwrap_or(0) > 0 {}
        })
        .await
        .unwrap();
    });
}

/// Fan-out measured at the sender alone: the followers are inboxes in another process that
/// accept and count (see [`run_sinks`]); from the first publication to the last delivery
/// accepted.
async fn fan_out_to_sinks(options: &Options) -> FanOut {
    use std::io::BufRead;
    let mut sinks = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--sinks", &options.followers.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut ports = Vec::new();
    for line in std::io::BufReader::new(sinks.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if line == "ready" {
            break;
        }
        ports.push(line.parse::<u16>().unwrap());
    }
    let origin = City::start("origin", &options.backend).await;
    let followers = ports
        .iter()
        .map(|port| followers::follower_at(&format!("http://127.0.0.1:{port}/").parse().unwrap()))
        .collect();
    let origin_ctx = origin.server.context();
    followers::store_accepted_followers(&origin_ctx.db, origin_ctx.city_id, followers).await;
    let counter = reqwest::Client::new();
    let expected = options.items * options.followers;
    let started = Instant::now();
    for n in 0..options.items {
        service::items::publish(&origin.data(), draft(n)).await.unwrap();
    }
    wait(Duration::from_secs(600), || async {
        let mut total = 0;
        for port in &ports {
            let count = counter
                .get(format!("http://127.0.0.1:{port}/count"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            total += count.parse::<usize>().unwrap();
        }
        total >= expected
    })
    .await;
    let total_secs = started.elapsed().as_secs_f64();
    let queue = settled_queue(&origin).await;
    origin.stop().await;
    drop(sinks.stdin.take());
    let _ = sinks.wait();
    FanOut {
        total_secs,
        rate: expected as f64 / total_secs,
        p50_ms: f64::NAN,
        p99_ms: f64::NAN,
        queue,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--sinks") {
        run_sinks(args[at + 1].parse().expect("--sinks N"));
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--newcomer") {
        run_newcomer(
            &args[at + 1],
            &args[at + 2],
            args[at + 3].parse().expect("--newcomer ADDRESS BACKEND ITEMS"),
        );
        return;
    }
    let options = options();
    praxis::federation::config::install_crypto_provider();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (sign, verify) = crypto_cost();
    let signing_bound = cores / sign.as_secs_f64();
    let verification_bound = cores / verify.as_secs_f64();
    println!(
        "# Praxis federation benchmark ({} backend, {cores} cores)",
        options.backend
    );
    println!();
    println!(
        "RSA-2048 signature: {:.3} ms (ring, as deliveries are signed); verification: {:.3} ms (rsa crate, as activitypub_federation verifies)",
        sign.as_secs_f64() * 1e3,
        verify.as_secs_f64() * 1e3
    );
    println!(
        "signing bound: {signing_bound:.0}/s; verification bound: {verification_bound:.0}/s ({cores} cores)"
    );
    let mut problems = Vec::new();
    if options.runs("fan-out") {
        let run = runtime.block_on(fan_out(&options));
        println!();
        println!(
            "fan-out: {} items to {} followers = {} deliveries in {:.2} s: {:.0} deliveries/s ({:.0}% of the signing bound); publish-to-visible p50 {:.0} ms, p99 {:.0} ms",
            options.items,
            options.followers,
            options.items * options.followers,
            run.total_secs,
            run.rate,
            100.0 * run.rate / signing_bound,
            run.p50_ms,
            run.p99_ms,
        );
        let q = run.queue;
        println!(
            "fan-out queue: {} delivered, {} dead, {} pending",
            q.delivered, q.dead, q.pending
        );
        if q.dead > 0 || q.pending > 0 {
            problems.push(format!(
                "fan-out: {} deliveries given up and {} still pending",
                q.dead, q.pending
            ));
        }
    }
    if options.runs("fan-out-sender") {
        let run = runtime.block_on(fan_out_to_sinks(&options));
        println!(
            "fan-out, sender alone: {} items to {} followers in another process = {} deliveries in {:.2} s: {:.0} deliveries/s ({:.0}% of the signing bound)",
            options.items,
            options.followers,
            options.items * options.followers,
            run.total_secs,
            run.rate,
            100.0 * run.rate / signing_bound,
        );
        let q = run.queue;
        if q.dead > 0 || q.pending > 0 {
            problems.push(format!(
                "fan-out (sender alone): {} deliveries given up and {} still pending",
                q.dead, q.pending
            ));
        }
    }
    if options.runs("latency") {
        let (p50, p99) = runtime.block_on(latency(&options));
        println!(
            "latency: one item at a time on a quiet network, publish-to-visible p50 {p50:.1} ms, p99 {p99:.1} ms"
        );
    }
    if options.runs("backfill") {
        runtime
            .block_on(backfill(&options))
            .print("backfill", " of the newcomer");
    }
    if options.runs("import") {
        runtime.block_on(import(&options)).print("import", "");
    }
    if options.runs("inbox") {
        let run = runtime.block_on(inbox(&options));
        println!(
            "inbox: {} signed Creates at concurrency {}: {:.0} accepted-and-stored/s ({:.0}% of the verification bound); latency p50 {:.1} ms, p99 {:.1} ms",
            options.inbox_activities,
            options.concurrency,
            run.rate,
            100.0 * run.rate / verification_bound,
            run.p50_ms,
            run.p99_ms,
        );
        let refused: usize = run.refused.values().map(|(n, _)| n).sum();
        println!(
            "inbox answers: {} accepted, {refused} refused, {} failed",
            run.accepted, run.failed.0
        );
        for (status, (count, reason)) in &run.refused {
            problems.push(format!(
                "inbox: {count} requests refused with {status}, for example: {reason}"
            ));
        }
        if let (count, Some(error)) = &run.failed {
            problems.push(format!("inbox: {count} requests failed, the first: {error}"));
        }
    }
    if !problems.is_empty() {
        eprintln!();
        for problem in &problems {
            eprintln!("FAILED {problem}");
        }
        eprintln!("the rates above are not those of a run that did all its work");
        std::process::exit(1);
    }
}
