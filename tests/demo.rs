//! `praxis demo`: the partner cities start on loopback, seeded, following each other, and each
//! sees the others' practices; a second run continues with the same data.

mod common;

use std::{collections::BTreeSet, net::TcpListener};

use common::wait_until;
use serde_json::Value;

fn listeners() -> Vec<TcpListener> {
    (0..praxis::demo::city_count())
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap())
        .collect()
}

/// The origin cities of what a city's feed holds.
async fn origins(url: &url::Url) -> BTreeSet<String> {
    let feed: Value = reqwest::get(url.join("/api/v1/feed?limit=100").unwrap())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["origin"]["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_cities_see_each_others_practices() {
    praxis::federation::config::install_crypto_provider();
    let dir = tempfile::tempdir().unwrap();
    assert!(praxis::demo::city_count() >= 4);
    let network = praxis::demo::start(dir.path(), listeners())
        .await
        .expect("the demo starts");
    let everyone: BTreeSet<String> = network
        .cities
        .iter()
        .map(|c| c.url.join("/city").unwrap().to_string())
        .collect();
    for city in &network.cities {
        wait_until(
            &format!("{} to hold every city's practices", city.handle),
            || async { (origins(&city.url).await == everyone).then_some(()) },
        )
        .await;
    }
    // Readers see each city's name in their language, where the city gives one.
    let page = |language: &'static str| {
        let url = network.cities[0].url.clone();
        async move {
            reqwest::Client::new()
                .get(url)
                .header("Accept-Language", language)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let (english, bulgarian) = (page("en").await, page("bg").await);
    assert!(
        english.contains("Municipality of Vidin"),
        "the English feed names Vidin in English"
    );
    assert!(
        bulgarian.contains("Община Видин"),
        "the Bulgarian feed names Vidin in Bulgarian"
    );
    assert!(!bulgarian.contains("Municipality of Vidin"));

    // The printed login works on every city.
    for city in &network.cities {
        let mut session = common::web::WebSession::at(city.url.clone());
        session.log_in("admin", praxis::demo::DEMO_PASSWORD).await;
    }
    let counts = feed_sizes(&network).await;
    let ports: Vec<u16> = network.cities.iter().map(|c| c.url.port().unwrap()).collect();
    network.stop().await;

    // Run again, as `praxis demo` is on its fixed ports: same cities, nothing seeded twice.
    let listeners = ports
        .iter()
        .map(|port| TcpListener::bind(("127.0.0.1", *port)).unwrap())
        .collect();
    let again = praxis::demo::start(dir.path(), listeners)
        .await
        .expect("the demo starts again");
    assert_eq!(feed_sizes(&again).await, counts);
    again.stop().await;
}

async fn feed_sizes(network: &praxis::demo::DemoNetwork) -> Vec<usize> {
    let mut sizes = Vec::new();
    for city in &network.cities {
        let feed: Value = reqwest::get(city.url.join("/api/v1/feed?limit=100").unwrap())
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        sizes.push(feed["items"].as_array().unwrap().len());
    }
    sizes
}

/// A first port with the five after it free, for the command's consecutive ports.
fn free_port_range(count: u16) -> u16 {
    let start = 20_000 + (std::process::id() % 10_000) as u16;
    (0..200u16)
        .map(|step| start + step * 10)
        .find(|base| (0..count).all(|i| TcpListener::bind(("127.0.0.1", base + i)).is_ok()))
        .expect("a free range of loopback ports")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_command_prints_each_city_and_stops_on_ctrl_c() {
    use std::io::BufRead;

    praxis::federation::config::install_crypto_provider();
    let dir = tempfile::tempdir().unwrap();
    let count = praxis::demo::city_count() as u16;
    let base = free_port_range(count);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args([
            "demo",
            "--dir",
            &dir.path().to_string_lossy(),
            "--base-port",
            &base.to_string(),
        ])
        .env_remove("PRAXIS_CONFIG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start praxis demo");
    // Lines arrive on another thread, so waiting for them has a deadline.
    let (lines, received) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut printed = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    while !printed.iter().any(|l: &String| l.contains("Press Ctrl-C")) {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match received.recv_timeout(left) {
            Ok(line) => printed.push(line),
            Err(_) => panic!("the demo did not say it was running:\n{}", printed.join("\n")),
        }
    }
    let output = printed.join("\n");
    for i in 0..count {
        assert!(
            output.contains(&format!("http://localhost:{}/", base + i)),
            "{output}"
        );
    }
    assert!(
        output.contains(praxis::demo::DEMO_PASSWORD),
        "the login is printed: {output}"
    );
    let url = url::Url::parse(&format!("http://localhost:{base}/")).unwrap();
    assert!(
        !origins(&url).await.is_empty(),
        "the first city answers with its feed"
    );

    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the demo did not stop on Ctrl-C"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(status.success(), "the demo stopped with {status}");
    // The process has ended, so its output ends too.
    let rest: Vec<String> = received.iter().collect();
    assert!(rest.iter().any(|l| l.contains("Stopping")), "{rest:?}");
    assert!(
        TcpListener::bind(("127.0.0.1", base)).is_ok(),
        "the ports are free again after the demo stopped"
    );
}
