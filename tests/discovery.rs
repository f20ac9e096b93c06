//! How peers and people find a city: WebFinger, NodeInfo, the actor document and its
//! negotiation, and the health check.

mod common;

use common::{Backend, TestCity, m4r_practice};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webfinger_resolves_the_city_address_to_its_actor() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let url = sofia.url(&format!(
        "/.well-known/webfinger?resource=acct:{}",
        sofia.address()
    ));
    let response = sofia.http.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/jrd+json"),
        "content type {:?}",
        response.headers()["content-type"]
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["subject"], format!("acct:{}", sofia.address()));
    let self_link = body["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "self")
        .expect("a self link");
    assert_eq!(self_link["type"], "application/activity+json");
    assert_eq!(self_link["href"], sofia.actor_id().as_str());

    let unknown = sofia.url("/.well-known/webfinger?resource=acct:nobody@localhost:1");
    let (status, error) = sofia.get(&unknown, "application/json").await;
    assert_eq!(status, 404);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&sofia.address())
    );
    let (status, error) = sofia
        .get(&sofia.url("/.well-known/webfinger"), "application/json")
        .await;
    assert_eq!(status, 400);
    assert!(error["error"]["message"].as_str().unwrap().contains("resource"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodeinfo_is_discoverable_and_counts_items() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    vidin.publish(m4r_practice()).await;
    let links = vidin.api_get("/.well-known/nodeinfo").await;
    assert_eq!(
        links["links"][0]["rel"],
        "http://nodeinfo.diaspora.software/ns/schema/2.1"
    );
    let href = links["links"][0]["href"].as_str().unwrap();
    let (status, info) = vidin.get(&href.parse().unwrap(), "application/json").await;
    assert_eq!(status, 200);
    assert_eq!(info["version"], "2.1");
    assert_eq!(info["software"]["name"], "praxis");
    assert_eq!(info["software"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["protocols"], serde_json::json!(["activitypub"]));
    assert_eq!(info["usage"]["localPosts"], 1);
    assert_eq!(info["usage"]["users"]["total"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_actor_is_served_as_activitypub_or_as_a_profile() {
    let skopje = TestCity::start("skopje", Backend::Sqlite).await;
    let actor = skopje.actor_id();
    for accept in [
        "application/activity+json",
        r#"application/ld+json; profile="https://www.w3.org/ns/activitystreams""#,
    ] {
        let response = skopje
            .http
            .get(actor.clone())
            .header("Accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"],
            "application/activity+json",
            "for {accept}"
        );
        let doc: serde_json::Value = response.json().await.unwrap();
        assert_eq!(doc["type"], "Organization");
        assert_eq!(doc["id"], actor.as_str());
        assert_eq!(doc["preferredUsername"], "skopje");
        assert_eq!(doc["name"], "City of skopje");
        assert_eq!(doc["summary"], "Integration office of skopje");
        assert_eq!(doc["inbox"], skopje.url("/city/inbox").as_str());
        assert_eq!(doc["outbox"], skopje.url("/city/outbox").as_str());
        assert_eq!(doc["followers"], skopje.url("/city/followers").as_str());
        assert_eq!(doc["following"], skopje.url("/city/following").as_str());
        assert_eq!(doc["endpoints"]["sharedInbox"], skopje.url("/inbox").as_str());
        assert_eq!(doc["publicKey"]["owner"], actor.as_str());
        assert!(
            doc["publicKey"]["publicKeyPem"]
                .as_str()
                .unwrap()
                .starts_with("-----BEGIN PUBLIC KEY-----")
        );
        assert!(doc["url"].is_string());
        assert!(
            doc["@context"]
                .to_string()
                .contains("https://www.w3.org/ns/activitystreams")
        );
    }
    let (status, profile) = skopje.get(&actor, "application/json").await;
    assert_eq!(status, 200);
    assert_eq!(profile["address"], skopje.address());
    assert_eq!(profile["items"], 0);
    // A browser opening the actor's id lands on the city's page.
    let page = reqwest::Client::new()
        .get(actor.clone())
        .header("Accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.url().path(), "/cities/view");
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!("<h1>{}</h1>", skopje.ctx().city.name)),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_pair_survives_a_restart() {
    let mut tran = TestCity::start("tran", Backend::Sqlite).await;
    let (status, before) = tran.get_ap("/city").await;
    assert_eq!(status, 200, "the actor before the restart: {before}");
    let pem = before["publicKey"]["publicKeyPem"].as_str().unwrap_or_default();
    assert!(
        pem.starts_with("-----BEGIN PUBLIC KEY-----"),
        "a public key is published: {before}"
    );
    tran.restart().await;
    let (status, after) = tran.get_ap("/city").await;
    assert_eq!(status, 200, "the actor after the restart: {after}");
    assert_eq!(before["publicKey"], after["publicKey"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_check_reports_the_database() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let health = tran.api_get("/healthz").await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "sqlite");
    assert_eq!(health["deliveries"]["pending"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_actor_says_how_mastodon_may_list_it_and_whether_follows_wait() {
    let skopje = TestCity::start("skopje", Backend::Sqlite).await;
    let (_, actor) = skopje.get_ap("/city").await;
    assert_eq!(actor["manuallyApprovesFollowers"], false, "{actor}");
    assert_eq!(actor["discoverable"], true);
    assert_eq!(actor["indexable"], true);
    let joined = actor["published"]
        .as_str()
        .expect("the actor says when the city joined");
    let joined = chrono::DateTime::parse_from_rfc3339(joined).unwrap();
    assert!(joined <= chrono::Utc::now() && joined > chrono::Utc::now() - chrono::Duration::hours(1));

    // Follow requests held for an admin: a Mastodon user sees a padlock and "request to follow".
    let (status, body) = skopje
        .api_send(
            reqwest::Method::PUT,
            "/api/v1/admin/policy",
            Some(&serde_json::json!({"mode": "open", "hold_follows": true})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, actor) = skopje.get_ap("/city").await;
    assert_eq!(actor["manuallyApprovesFollowers"], true);
    assert_eq!(
        actor["published"]
            .as_str()
            .map(|p| chrono::DateTime::parse_from_rfc3339(p).unwrap()),
        Some(joined),
        "the day it joined stays"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_city_that_asks_not_to_be_listed_or_indexed_says_so() {
    let skopje = TestCity::start_with(
        "skopje",
        Backend::Sqlite,
        "[city]\ndiscoverable = false\nindexable = false\n",
    )
    .await;
    let (_, actor) = skopje.get_ap("/city").await;
    assert_eq!(actor["discoverable"], false, "{actor}");
    assert_eq!(actor["indexable"], false);
}
