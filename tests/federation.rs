//! Two and three cities on loopback, following each other and publishing, over real HTTP with
//! real signatures.

mod common;

use common::{Backend, TestCity, m4r_practice, prosperous_community_practice, wait_until};
use serde_json::Value;

fn ids(collection: &Value) -> Vec<String> {
    collection["orderedItems"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

on_both_backends! {
    async fn follow_is_accepted_and_both_sides_record_it(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let campobasso = TestCity::start("campobasso", backend).await;

        tran.follow_and_wait(&campobasso).await;

        let (_, following) = tran.get_ap("/city/following").await;
        assert_eq!(ids(&following), [campobasso.actor_id().to_string()]);
        assert_eq!(following["totalItems"], 1);
        let (_, followers) = campobasso.get_ap("/city/followers").await;
        assert_eq!(ids(&followers), [tran.actor_id().to_string()]);
        let profile = campobasso.api_get("/api/v1/city").await;
        assert_eq!(profile["followers"][0]["city"]["address"], tran.address());
        assert_eq!(profile["followers"][0]["state"], "accepted");
    }

    async fn published_practice_reaches_the_follower_with_its_origin(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let campobasso = TestCity::start("campobasso", backend).await;
        tran.follow_and_wait(&campobasso).await;

        let published = campobasso.publish(m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        assert_eq!(published["deliveries_queued"], 1);

        let received = tran.wait_for_item(&id).await;
        assert_eq!(received["origin"]["id"], campobasso.actor_id().as_str());
        assert_eq!(received["origin"]["address"], campobasso.address());
        assert_eq!(received["kind"], "good_practice");
        assert_eq!(received["original_language"], "bg");
        assert_eq!(received["languages"], serde_json::json!(["bg", "it"]));
        assert_eq!(received["texts"]["it"]["title"], "Un comune che lavora per l'inclusione dei Rom");
        assert_eq!(received["texts"]["bg"]["title"], "Община, работеща в подкрепа на ромите");

        // The origin serves it as an Article at its id, and lists it in the outbox.
        let (status, article) = campobasso.get_ap(&id).await;
        assert_eq!(status, 200);
        assert_eq!(article["type"], "Article");
        assert_eq!(article["attributedTo"], campobasso.actor_id().as_str());
        assert_eq!(article["nameMap"]["it"], "Un comune che lavora per l'inclusione dei Rom");
        assert_eq!(article["name"], "Община, работеща в подкрепа на ромите");
        let (_, outbox) = campobasso.get_ap("/city/outbox").await;
        assert_eq!(outbox["type"], "OrderedCollection");
        assert_eq!(outbox["totalItems"], 1);
        let (_, page) = campobasso.get_ap(outbox["first"].as_str().unwrap()).await;
        assert_eq!(page["type"], "OrderedCollectionPage");
        assert_eq!(page["orderedItems"][0]["type"], "Create");
        assert_eq!(page["orderedItems"][0]["object"]["id"], id.as_str());
    }

    async fn unfollowing_stops_delivery_to_the_former_follower(backend: Backend) {
        let skopje = TestCity::start("skopje", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        sofia.follow_and_wait(&skopje).await;
        vidin.follow_and_wait(&skopje).await;

        let first = skopje.publish(m4r_practice()).await;
        sofia.wait_for_item(first["id"].as_str().unwrap()).await;

        praxis::service::follows::unfollow(&sofia.data(), &skopje.address()).await.expect("unfollow");
        let sofia_id = sofia.actor_id().to_string();
        wait_until("skopje to forget its follower sofia", || async {
            let (_, followers) = skopje.get_ap("/city/followers").await;
            (!ids(&followers).contains(&sofia_id)).then_some(())
        })
        .await;
        assert!(sofia.api_get("/api/v1/city").await["following"].as_array().unwrap().is_empty());

        let second = skopje.publish(prosperous_community_practice()).await;
        assert_eq!(second["deliveries_queued"], 1, "only vidin still follows skopje");
        let second_id = second["id"].as_str().unwrap();
        vidin.wait_for_item(second_id).await;
        let sofia_feed = sofia.feed().await;
        assert!(sofia_feed.iter().all(|i| i["id"] != second_id), "sofia received an item after unfollowing");
        assert_eq!(sofia_feed.len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_follows_and_publishes() {
    // The servers look for work queued by other processes only once an hour: what the commands
    // queue goes out at once only because each command wakes the server it runs next to.
    let hourly = "[federation]\ndelivery_poll_interval_ms = 3600000\n";
    let tran = TestCity::start_with("tran", Backend::Sqlite, hourly).await;
    let campobasso = TestCity::start_with("campobasso", Backend::Sqlite, hourly).await;

    // `praxis follow` in a second process on tran's database: the running server delivers it.
    let config = tran.write_config();
    let cli = |args: &[&str]| {
        let mut argv = vec!["praxis", "--config", config.to_str().unwrap()];
        argv.extend_from_slice(args);
        <praxis::cli::Cli as clap::Parser>::parse_from(argv)
    };
    praxis::cli::run(cli(&["follow", &campobasso.address()]))
        .await
        .expect("praxis follow");
    let tran_id = tran.actor_id().to_string();
    wait_until("campobasso to list tran as follower", || async {
        let (_, followers) = campobasso.get_ap("/city/followers").await;
        ids(&followers).contains(&tran_id).then_some(())
    })
    .await;

    // `praxis publish item.json` on campobasso.
    let item_file = campobasso.dir().join("item.json");
    std::fs::write(&item_file, prosperous_community_practice().to_string()).unwrap();
    let campobasso_config = campobasso.write_config();
    praxis::cli::run(<praxis::cli::Cli as clap::Parser>::parse_from([
        "praxis",
        "--config",
        campobasso_config.to_str().unwrap(),
        "publish",
        item_file.to_str().unwrap(),
    ]))
    .await
    .expect("praxis publish");
    let item = wait_until("tran to receive the published item", || async {
        tran.feed().await.into_iter().next()
    })
    .await;
    assert_eq!(item["title"], "Заедно за просперитетна заедница");
    assert_eq!(item["origin"]["address"], campobasso.address());

    praxis::cli::run(cli(&["unfollow", &campobasso.address()]))
        .await
        .expect("praxis unfollow");
    wait_until("campobasso to forget tran", || async {
        let (_, followers) = campobasso.get_ap("/city/followers").await;
        ids(&followers).is_empty().then_some(())
    })
    .await;
}

/// Mastodon labels a post with the first key of its `contentMap`: Praxis writes every language
/// map of an item with the original language first, whatever the tags' alphabetical order.
/// Lemmy reads the language only from a schema.org `language` object, which names it too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_maps_lead_with_the_original_language() {
    let campobasso = TestCity::start("campobasso", Backend::Sqlite).await;
    let published = campobasso
        .publish(serde_json::json!({
            "kind": "good_practice",
            "original_language": "it",
            "title": {"it": "Mediatori scolastici", "bg": "Училищни медиатори", "en": "School mediators"},
            "summary": {"it": "Mediatori rom nelle scuole.", "bg": "Ромски медиатори в училищата."},
            "body": {"it": "<p>Il progetto</p>", "bg": "<p>Проектът</p>"}
        }))
        .await;
    let raw = campobasso
        .http
        .get(published["id"].as_str().unwrap())
        .header("Accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for map in ["nameMap", "summaryMap", "contentMap"] {
        let at = raw
            .find(&format!("\"{map}\":"))
            .unwrap_or_else(|| panic!("no {map} in {raw}"));
        let opened = &raw[at..];
        let inside = opened[opened.find('{').expect("a map") + 1..].trim_start();
        let first_key = inside.trim_start_matches('"').split('"').next().unwrap();
        assert_eq!(first_key, "it", "{map} leads with {first_key}: {raw}");
    }
    // The name outside the maps is the original's too.
    let object: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(object["name"], "Mediatori scolastici");
    assert_eq!(object["language"]["identifier"], "it", "{object}");
}

/// The city's and an item's addresses answer ActivityPub clients, browsers and API clients
/// differently, so every answer tells caches that it depends on `Accept`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_representation_of_a_negotiated_address_varies_by_accept() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let item = vidin.publish(m4r_practice()).await;
    let item_url: url::Url = item["id"].as_str().unwrap().parse().unwrap();
    // Not following redirects: a browser at the city's address is sent on to its page.
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for url in [vidin.actor_id(), item_url] {
        for accept in ["application/activity+json", "text/html", "application/json"] {
            let response = http
                .get(url.clone())
                .header("Accept", accept)
                .send()
                .await
                .unwrap();
            assert!(
                [200, 303].contains(&response.status().as_u16()),
                "GET {url} as {accept}: {}",
                response.status()
            );
            let vary: Vec<String> = response
                .headers()
                .get_all("Vary")
                .iter()
                .map(|v| v.to_str().unwrap().to_ascii_lowercase())
                .collect();
            assert!(
                vary.iter()
                    .flat_map(|v| v.split(','))
                    .any(|v| v.trim() == "accept"),
                "GET {url} as {accept}: Vary {vary:?}"
            );
        }
    }
}
