//! Nothing lost, nothing twice: peers that are down, failing or gone, senders that restart, and
//! two sender processes sharing one database.

mod common;

use std::{collections::HashMap, process::Stdio, time::Duration};

use common::{
    Backend, TestCity,
    followers::{follower_at, store_accepted_followers},
    m4r_practice, wait_until,
    web::WebSession,
};
use reqwest::Method;
use serde_json::{Value, json};

async fn publish_numbered(city: &TestCity, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let mut draft = m4r_practice();
        draft["title"]["it"] = json!(format!("Buona prassi {i}"));
        ids.push(city.publish(draft).await["id"].as_str().unwrap().to_string());
    }
    ids
}

async fn feed_ids(city: &TestCity) -> Vec<String> {
    let page = city.api_get("/api/v1/feed?limit=100").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

async fn admin_deliveries(city: &TestCity) -> Value {
    let (status, report) = city.api_send(Method::GET, "/api/v1/admin/deliveries", None).await;
    assert_eq!(status, 200, "{report}");
    report
}

/// Waits until the city has nothing pending, and returns its delivery report.
async fn settled(city: &TestCity) -> Value {
    wait_until(
        &format!("{} to have delivered everything", city.handle),
        || async {
            let report = admin_deliveries(city).await;
            (report["queue"]["pending"] == 0).then_some(report)
        },
    )
    .await
}

/// What `praxis deliveries` prints about `city`, run as its admin would run it.
async fn deliveries_command(city: &TestCity) -> String {
    let (dir, config) = (city.dir(), city.write_config());
    let (ok, out, err) = tokio::task::spawn_blocking(move || {
        common::praxis_in(&dir, &["--config", config.to_str().unwrap(), "deliveries"], "")
    })
    .await
    .unwrap();
    assert!(ok, "praxis deliveries failed: {err}");
    out
}

/// The row `praxis deliveries` prints for `host`: its pending, dead and failure counts.
fn printed_peer(out: &str, host: &str) -> (String, String, String) {
    let row = out
        .lines()
        .find(|l| l.split_whitespace().next() == Some(host))
        .unwrap_or_else(|| panic!("no row for {host} in:\n{out}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    (cells[1].into(), cells[2].into(), cells[3].into())
}

/// Checks that `expected` Create activities arrived, each once.
fn assert_each_once(accepted: &HashMap<String, usize>, expected: usize) {
    let accepted: HashMap<&String, &usize> = accepted
        .iter()
        .filter(|(id, _)| id.contains("/activities/create-"))
        .collect();
    assert_eq!(accepted.len(), expected, "activities that arrived: {accepted:?}");
    let twice: Vec<_> = accepted.iter().filter(|(_, n)| ***n != 1).collect();
    assert!(twice.is_empty(), "activities accepted more than once: {twice:?}");
}

on_both_backends! {
    async fn nothing_is_lost_while_a_follower_is_down_and_the_sender_restarts(backend: Backend) {
        let mut sofia = TestCity::start("sofia", backend).await;
        let mut vidin = TestCity::start("vidin", backend).await;
        vidin.follow_and_wait(&sofia).await;
        vidin.stop().await;

        let ids = publish_numbered(&sofia, 20).await;
        let mut edit = m4r_practice();
        edit["title"]["it"] = json!("Buona prassi 5, rivista");
        let (status, _) = sofia.api_send(Method::PUT, &sofia.item_path(&ids[5]), Some(&edit)).await;
        assert_eq!(status, 200);
        let (status, _) = sofia.api_send(Method::DELETE, &sofia.item_path(&ids[7]), None).await;
        assert_eq!(status, 200);
        wait_until("sofia to have tried and failed to reach vidin", || async {
            let report = admin_deliveries(&sofia).await;
            let peer = report["peers"].as_array()?.iter().find(|p| p["peer_host"] == vidin.settings.domain())?.clone();
            (peer["consecutive_failures"].as_i64()? > 0 && report["queue"]["pending"] == 22).then_some(())
        })
        .await;

        sofia.restart().await;
        vidin.restart().await;

        let expected: Vec<String> = ids.iter().enumerate().filter(|(i, _)| *i != 7).map(|(_, id)| id.clone()).collect();
        // Deliveries are not ordered: vidin may hold 19 items for a moment while item 7's Create
        // and Delete are both on their way. Its state is final once sofia has sent everything.
        let report = settled(&sofia).await;
        assert_eq!(report["queue"]["dead"], 0, "{report}");
        let edited = vidin.item(&ids[5]).await.expect("the edited item");
        assert_eq!(edited["texts"]["it"]["title"], "Buona prassi 5, rivista");
        let mut held = feed_ids(&vidin).await;
        held.sort();
        let mut expected = expected;
        expected.sort();
        assert_eq!(held, expected);
        assert!(vidin.item(&ids[7]).await.is_none(), "the deleted item stays deleted");
    }

    async fn everything_arrives_once_after_a_follower_answers_errors_for_a_while(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start_behind_proxy("vidin", backend, "").await;
        vidin.follow_and_wait(&sofia).await;
        // The backfill of Sofia's (empty) history must be over, or it could fetch the items
        // published next from the outbox and they would arrive without any delivery.
        vidin.wait_for_backfills().await;
        let proxy = vidin.proxy.as_ref().unwrap();
        proxy.answer_inbox_with(500);

        let ids = publish_numbered(&sofia, 10).await;
        wait_until("every delivery to have failed at least once", || async { (proxy.refused() >= 10).then_some(()) }).await;
        assert!(vidin.feed().await.is_empty());
        proxy.answer_inbox_with(0);

        wait_until("vidin to hold the ten items", || async { (feed_ids(&vidin).await.len() == 10).then_some(()) }).await;
        settled(&sofia).await;
        let mut held = feed_ids(&vidin).await;
        held.sort();
        let mut ids = ids;
        ids.sort();
        assert_eq!(held, ids);
        assert_each_once(&proxy.accepted(), 10);
    }

    async fn a_gone_inbox_gets_nothing_until_a_retry(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start_behind_proxy("vidin", backend, "").await;
        vidin.follow_and_wait(&sofia).await;
        let proxy = vidin.proxy.as_ref().unwrap();
        proxy.answer_inbox_with(410);

        let first = publish_numbered(&sofia, 1).await;
        let report = wait_until("the delivery to be given up", || async {
            let report = admin_deliveries(&sofia).await;
            (report["queue"]["dead"] == 1).then_some(report)
        })
        .await;
        let peer = &report["peers"][0];
        assert_eq!(peer["peer_host"], vidin.settings.domain());
        assert_eq!(peer["gone_inboxes"][0], vidin.url("/inbox").as_str());
        assert_eq!(report["dead_letters"][0]["last_status"], 410);
        assert_eq!(proxy.refused(), 1, "a gone inbox is not retried");

        // Later news is not even attempted.
        let second = publish_numbered(&sofia, 1).await;
        let report = admin_deliveries(&sofia).await;
        assert_eq!(report["queue"]["dead"], 2);
        assert!(report["dead_letters"][0]["last_error"].as_str().unwrap().contains("gone"));
        assert_eq!(proxy.refused(), 1);

        // The admin sees the same on the command line: two dead letters, numbered for a retry,
        // and the gone inbox.
        let out = deliveries_command(&sofia).await;
        assert!(out.contains("Queue: 0 pending, 1 delivered, 2 dead"), "the Accept went, both Creates are dead:\n{out}");
        let host = vidin.settings.domain();
        assert_eq!(printed_peer(&out, &host), ("0".into(), "2".into(), "1".into()), "{out}");
        assert!(out.contains(&format!("gone: {}", vidin.url("/inbox"))), "{out}");
        let dead_letters = report["dead_letters"].as_array().unwrap();
        assert_eq!(dead_letters.len(), 2, "{report}");

        // The administration page says it in words: the city's name, what was sent, what happened.
        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let page = admin.get("/admin").await;
        assert!(page.body.contains(&format!("<th scope=\"row\">City of vidin <span class=\"address\">{host}</span></th>")), "{}", page.body);
        let en = praxis::web::i18n::Tr::new("en");
        let cell = |column: &str, text: &str| format!("<td data-label=\"{}\">{text}</td>", en.t(column));
        assert!(
            page.body.contains(&format!(
                "{}\n        <td data-label=\"{}\"><a href=\"{}\">Община, работеща в подкрепа на ромите</a></td>\n        {}",
                cell("admin-activity", "a new item"),
                en.t("admin-item"),
                url::Url::parse(&first[0]).unwrap().path(),
                cell("admin-inbox", "City of vidin")
            )),
            "{}",
            page.body
        );
        assert!(page.body.contains("The city’s server answered with an error (410)."), "{}", page.body);
        assert!(page.body.contains("Not sent: the city’s inbox answered that it is gone (410)."), "{}", page.body);
        assert!(!page.body.contains("considered gone"), "no raw library text: {}", page.body);
        for (dead, attempts) in dead_letters.iter().zip([0, 1]) {
            let line = format!(
                "  #{} Create {} -> {} after {attempts} attempt(s): ",
                dead["id"],
                dead["activity_id"].as_str().unwrap(),
                vidin.url("/inbox"),
            );
            assert!(out.contains(&line), "expected `{line}` in:\n{out}");
        }

        // The peer is back; an admin retries it from the command line.
        proxy.answer_inbox_with(0);
        let config = sofia.write_config();
        praxis::cli::run(<praxis::cli::Cli as clap::Parser>::parse_from([
            "praxis", "--config", config.to_str().unwrap(), "deliveries", "retry", &vidin.settings.domain(),
        ]))
        .await
        .expect("praxis deliveries retry");
        wait_until("vidin to hold both items", || async { (feed_ids(&vidin).await.len() == 2).then_some(()) }).await;
        let report = settled(&sofia).await;
        assert_eq!(report["queue"]["dead"], 0);
        assert!(report["peers"][0]["gone_inboxes"].as_array().unwrap().is_empty());
        assert_each_once(&proxy.accepted(), 2);
        let _ = (first, second);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_delivery_view_needs_the_admin_token_and_shows_each_peer() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    vidin.follow_and_wait(&sofia).await;
    publish_numbered(&sofia, 2).await;
    let (status, _) = sofia
        .get(&sofia.url("/api/v1/admin/deliveries"), "application/json")
        .await;
    assert_eq!(status, 401);
    let report = settled(&sofia).await;
    assert_eq!(report["queue"]["delivered"], 3, "the Accept and two Creates");
    let peer = &report["peers"][0];
    assert_eq!(peer["peer_host"], vidin.settings.domain());
    assert_eq!(peer["consecutive_failures"], 0);
    assert!(peer["last_success_at"].is_string());
    assert!(peer["next_attempt_at"].is_null());
    let out = deliveries_command(&sofia).await;
    assert!(out.contains("Queue: 0 pending, 3 delivered, 0 dead"), "{out}");
    assert_eq!(
        printed_peer(&out, &vidin.settings.domain()),
        ("0".into(), "0".into(), "0".into()),
        "{out}"
    );
    assert!(!out.contains("Dead letters"), "{out}");
    let config = sofia.write_config();
    let error = praxis::cli::run(<praxis::cli::Cli as clap::Parser>::parse_from([
        "praxis",
        "--config",
        config.to_str().unwrap(),
        "deliveries",
        "retry",
        "999999",
    ]))
    .await
    .expect_err("nothing to retry");
    assert!(error.to_string().contains("nothing undelivered"), "{error}");
}

/// Starts the real `praxis` binary on `city`'s configuration, listening elsewhere.
fn spawn_praxis(city: &TestCity, log: &std::path::Path) -> std::process::Child {
    spawn_praxis_on(city, log, common::closed_port())
}

/// A second `praxis serve` process of `city` (same configuration and database), listening on
/// `port` of 127.0.0.1.
fn spawn_praxis_on(city: &TestCity, log: &std::path::Path, port: u16) -> std::process::Child {
    let config = city.write_config();
    let listen = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "--listen",
            &listen.to_string(),
            "serve",
        ])
        .env("PRAXIS_LOG", "info,praxis::federation::delivery=debug")
        .env_remove("PRAXIS_TEST_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("start praxis")
}

fn terminate(child: &mut std::process::Child) -> std::process::ExitStatus {
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill -TERM");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "praxis did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_sender_processes_on_one_database_deliver_each_activity_once() {
    let extra = "[federation]\ndelivery_concurrency = 2\ndelivery_concurrency_per_host = 2\n";
    let sofia = TestCity::start_with("sofia", Backend::Postgres, extra).await;
    let vidin = TestCity::start_behind_proxy("vidin", Backend::Postgres, "").await;
    vidin.follow_and_wait(&sofia).await;
    let proxy = vidin.proxy.as_ref().unwrap();
    proxy.delay_inbox(40);
    let log = sofia.dir().join("second-process.log");
    let mut second = spawn_praxis(&sofia, &log);
    wait_until("the second process to serve", || async {
        std::fs::read_to_string(&log)
            .ok()
            .filter(|l| l.contains("listening"))
            .map(|_| ())
    })
    .await;

    let ids = publish_numbered(&sofia, 40).await;
    wait_until("vidin to hold the 40 items", || async {
        (feed_ids(&vidin).await.len() == 40).then_some(())
    })
    .await;
    settled(&sofia).await;
    assert_each_once(&proxy.accepted(), ids.len());
    assert!(
        terminate(&mut second).success(),
        "the second process stops cleanly"
    );
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(
        log.contains("delivered"),
        "the second process took part in delivering:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_stops_cleanly_on_sigterm() {
    let mut vidin = TestCity::start("vidin", Backend::Sqlite).await;
    // The instance under test runs as a real process on vidin's database and configuration.
    vidin.stop().await;
    let log = vidin.dir().join("serve.log");
    let mut child = spawn_praxis(&vidin, &log);
    wait_until("the process to serve", || async {
        std::fs::read_to_string(&log)
            .ok()
            .filter(|l| l.contains("listening"))
            .map(|_| ())
    })
    .await;
    let status = terminate(&mut child);
    assert!(status.success(), "exit status {status}");
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("stopping") && log.contains("stopped"), "{log}");
}

/// Searches through the instance at `base`, once, and returns the ids found.
async fn searched(base: &str, q: &str) -> Vec<String> {
    let answer: Value = reqwest::get(format!("{base}/api/v1/search?q={q}&per_page=100"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a search answer: {answer}"))
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_database_each_find_what_the_other_published() {
    let sofia = TestCity::start("sofia", Backend::Postgres).await;
    let log = sofia.dir().join("second-process.log");
    let port = common::closed_port();
    let mut second = spawn_praxis_on(&sofia, &log, port);
    let other = format!("http://127.0.0.1:{port}");
    wait_until("the second process to serve", || async {
        reqwest::get(format!("{other}/healthz"))
            .await
            .ok()?
            .status()
            .is_success()
            .then_some(())
    })
    .await;
    let first = sofia.url("/").to_string().trim_end_matches('/').to_string();

    // Published through the second process; one search of the first finds it at once (a search
    // waits, briefly, for its index to reflect what was committed before it).
    let mut draft = m4r_practice();
    draft["title"]["it"] = json!("Sportello unico per le famiglie di Campobasso");
    let answer = reqwest::Client::new()
        .post(format!("{other}/api/v1/items"))
        .bearer_auth(&sofia.token)
        .json(&draft)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 201);
    let through_second: Value = answer.json().await.unwrap();
    let id = through_second["id"].as_str().unwrap().to_string();
    assert_eq!(
        searched(&first, "sportello").await,
        std::slice::from_ref(&id),
        "the first process does not find it"
    );

    // And the other way round.
    draft["title"]["it"] = json!("Mediatori scolastici a Tran");
    let through_first = sofia.publish(draft).await["id"].as_str().unwrap().to_string();
    assert_eq!(
        searched(&other, "mediatori").await,
        [through_first],
        "the second process does not find it"
    );
    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(
        log_text.contains("search-index-2"),
        "the second process kept an index of its own: {log_text}"
    );

    // With the second process stopped, the first still searches, and finds what comes next.
    assert!(
        terminate(&mut second).success(),
        "the second process stops cleanly"
    );
    let mut draft = m4r_practice();
    draft["title"]["it"] = json!("Scuola per genitori a Vidin");
    let after = sofia.publish(draft).await["id"].as_str().unwrap().to_string();
    assert_eq!(searched(&first, "genitori").await, [after]);
    assert_eq!(searched(&first, "sportello").await, [id]);
}

/// A follower's inbox that accepts every delivery, counting them, after `delay`.
struct Sink {
    base: url::Url,
    received: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    answered: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// When each request arrived.
    arrivals: std::sync::Arc<std::sync::Mutex<Vec<std::time::Instant>>>,
}

impl Sink {
    async fn start(delay: Duration) -> Sink {
        use std::sync::{
            Arc,
            atomic::{AtomicUsize, Ordering},
        };
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base: url::Url = format!("http://127.0.0.1:{}/", listener.local_addr().unwrap().port())
            .parse()
            .unwrap();
        let received = Arc::new(AtomicUsize::new(0));
        let answered = Arc::new(AtomicUsize::new(0));
        let arrivals = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (r, a, t) = (received.clone(), answered.clone(), arrivals.clone());
        let server = actix_web::HttpServer::new(move || {
            let (r, a, t) = (r.clone(), a.clone(), t.clone());
            actix_web::App::new().route(
                "/inbox",
                actix_web::web::post().to(move || {
                    let (r, a, t) = (r.clone(), a.clone(), t.clone());
                    async move {
                        t.lock().unwrap().push(std::time::Instant::now());
                        r.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(delay).await;
                        a.fetch_add(1, Ordering::SeqCst);
                        actix_web::HttpResponse::Accepted().finish()
                    }
                }),
            )
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .unwrap()
        .run();
        tokio::spawn(server);
        Sink {
            base,
            received,
            answered,
            arrivals,
        }
    }

    /// The shortest time in which `n + 1` requests arrived: more than `n` requests in flight at
    /// once arrive within moments of each other.
    fn shortest_span_of(&self, n: usize) -> Option<Duration> {
        let arrivals = self.arrivals.lock().unwrap();
        arrivals.windows(n + 1).map(|w| w[n] - w[0]).min()
    }

    fn received(&self) -> usize {
        self.received.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn answered(&self) -> usize {
        self.answered.load(std::sync::atomic::Ordering::SeqCst)
    }
}

on_both_backends! {
    async fn a_slow_follower_does_not_hold_up_the_others(backend: Backend) {
        // Four places per host and sixteen in all (the defaults); a delivery that takes more
        // than five seconds is given up for a later retry.
        let sofia = TestCity::start_with("sofia", backend, "[federation]\nrequest_timeout_secs = 5\n").await;
        let slow = Sink::start(Duration::from_secs(10)).await;
        let mut fast = Vec::new();
        for _ in 0..19 {
            fast.push(Sink::start(Duration::ZERO).await);
        }
        let followers = std::iter::once(&slow).chain(&fast).map(|sink| follower_at(&sink.base)).collect();
        store_accepted_followers(&sofia.ctx().db, sofia.ctx().city_id, followers).await;

        // Forty items: the slow follower's deliveries are among the first of every burst.
        publish_numbered(&sofia, 40).await;
        wait_until("the nineteen fast followers to receive all forty items", || async {
            fast.iter().all(|f| f.received() == 40).then_some(())
        })
        .await;
        // All of that happened while the slow follower was still holding its first requests:
        // nothing waited for it.
        assert_eq!(slow.answered(), 0, "the fast followers waited for the slow one");
        // Each of its requests holds one of its host's four places until it times out (5 s), so
        // a fifth can only start when the first gives up. (Counting what arrived while the fast
        // ones were served would depend on how quickly they were.)
        if let Some(span) = slow.shortest_span_of(4) {
            assert!(
                span >= Duration::from_secs(4),
                "five requests reached the slow follower within {span:?}: more than its host's four places at once"
            );
        }

        // Its deliveries are not lost: they time out and wait for a retry.
        let host = praxis::storage::deliveries::peer_host(&slow.base);
        wait_until("the slow follower's deliveries to be set for a retry", || async {
            let report = admin_deliveries(&sofia).await;
            let peer = report["peers"].as_array()?.iter().find(|p| p["peer_host"] == host.as_str())?.clone();
            (peer["pending"] == 40 && peer["dead"] == 0 && peer["consecutive_failures"].as_i64()? >= 1).then_some(())
        })
        .await;
    }
}
