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
