//! What an instance refuses, and how: each refusal is a 4xx with a JSON message, and nothing is
//! stored. Activities are signed for real, with the sending city's key or an impostor's.

mod common;

use activitypub_federation::{config::FederationConfig, http_signatures::generate_actor_keypair};
use bytes::Bytes;
use common::{ADMIN_TOKEN, Backend, TestCity, m4r_practice};
use praxis::{
    federation::delivery::{
        sender::{Outcome, post_signed},
        signer::Signer,
    },
    storage::{StorageError, items, received},
};
use serde_json::{Value, json};
use url::Url;

/// A Create of an Article, as a Praxis city sends it.
fn create(actor: &Url, object_id: &Url, attributed_to: &Url, content: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "type": "Create",
        "id": actor.join(&format!("/activities/create-{}", uuid::Uuid::new_v4())).unwrap(),
        "actor": actor,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "object": {
            "type": "Article",
            "id": object_id,
            "attributedTo": attributed_to,
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "name": "Scuola per genitori",
            "content": content,
            "itemKind": "good_practice",
            "originalLanguage": "it",
            "published": "2026-11-20T10:00:00Z"
        }
    })
}

fn new_item_id(city: &TestCity) -> Url {
    city.url(&format!("/items/{}", uuid::Uuid::new_v4()))
}

/// Signs and posts `body` to `to`'s inbox as `from` (with `from`'s real key).
async fn send(from: &TestCity, to: &TestCity, body: &Value) -> Outcome {
    post_signed(&from.data(), &to.url("/inbox"), Bytes::from(body.to_string())).await
}

fn refused_with(outcome: &Outcome, status: u16, needle: &str) {
    match outcome {
        Outcome::Refused { status: got, error } => {
            assert_eq!(*got, status, "expected {status}, got {got}: {error}");
            assert!(
                error.contains(needle),
                "expected the refusal to mention `{needle}`: {error}"
            );
        }
        other => panic!("expected a {status} refusal, got {other:?}"),
    }
}

on_both_backends! {
    async fn an_activity_signed_with_the_wrong_key_is_refused(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;

        // An impostor claims to be campobasso but signs with a key of its own.
        let actor = campobasso.actor_id();
        let mut impostor = campobasso.ctx().clone();
        impostor.signer = Signer::new(&actor, &generate_actor_keypair().unwrap().private_key).unwrap();
        let config = FederationConfig::builder()
            .domain(campobasso.settings.domain())
            .client(impostor.http.clone())
            .debug(true)
            .app_data(impostor)
            .build()
            .await
            .unwrap();
        let body = create(&actor, &new_item_id(&campobasso), &actor, "<p>forged</p>");
        let outcome = post_signed(&config.to_request_data(), &tran.url("/inbox"), Bytes::from(body.to_string())).await;
        refused_with(&outcome, 401, "signature");
        assert!(tran.feed().await.is_empty(), "a forged item was stored");
    }

    async fn an_item_from_another_origin_is_refused(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let actor = campobasso.actor_id();

        // campobasso signs, but the item's id is on sofia's origin.
        let spoofed_id = create(&actor, &new_item_id(&sofia), &actor, "<p>spoofed</p>");
        refused_with(&send(&campobasso, &tran, &spoofed_id).await, 403, "origin");

        // campobasso signs an item it attributes to sofia.
        let sofia_item = create(&actor, &new_item_id(&sofia), &sofia.actor_id(), "<p>spoofed</p>");
        refused_with(&send(&campobasso, &tran, &sofia_item).await, 403, "attributed");

        assert!(tran.feed().await.is_empty(), "a spoofed item was stored");
    }

    async fn a_hostile_html_body_is_stored_sanitized(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&vidin).await;
        let actor = vidin.actor_id();
        let item_id = new_item_id(&vidin);
        let hostile = r#"<p onclick="steal()">Scuola per genitori</p><script>alert(document.cookie)</script><img src="x.png" onerror="alert(1)"><a href="javascript:alert(1)">link</a><iframe src="https://evil.example/"></iframe>"#;
        let outcome = send(&vidin, &tran, &create(&actor, &item_id, &actor, hostile)).await;
        assert_eq!(outcome, Outcome::Delivered { status: 202 });

        let item = tran.wait_for_item(item_id.as_str()).await;
        let body = item["body"].as_str().unwrap();
        assert!(body.contains("Scuola per genitori"), "the text survives: {body}");
        for forbidden in ["<script", "onclick", "onerror", "javascript:", "<iframe"] {
            assert!(!body.contains(forbidden), "`{forbidden}` survived: {body}");
        }
    }

    async fn an_item_from_a_city_not_followed_is_refused(backend: Backend) {
        let skopje = TestCity::start("skopje", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let actor = skopje.actor_id();
        let outcome = send(&skopje, &tran, &create(&actor, &new_item_id(&skopje), &actor, "<p>unsolicited</p>")).await;
        refused_with(&outcome, 403, "follow");
        assert!(tran.feed().await.is_empty());
    }

    async fn a_repeated_activity_has_no_effect(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&sofia).await;
        let actor = sofia.actor_id();
        let item_id = new_item_id(&sofia);
        let activity = create(&actor, &item_id, &actor, "<p>once</p>");
        assert_eq!(send(&sofia, &tran, &activity).await, Outcome::Delivered { status: 202 });
        assert_eq!(send(&sofia, &tran, &activity).await, Outcome::Delivered { status: 200 });
        tran.wait_for_item(item_id.as_str()).await;
        assert_eq!(tran.feed().await.len(), 1);
    }
}

/// Tran follows Sofia, so the missing signature is the only reason to refuse Sofia's Create; the
/// same activity, signed, is then accepted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unsigned_activity_is_refused() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    tran.follow_and_wait(&sofia).await;
    let actor = sofia.actor_id();
    let item_id = new_item_id(&sofia);
    let body = create(&actor, &item_id, &actor, "<p>unsigned</p>");
    let activity_id = Url::parse(body["id"].as_str().unwrap()).unwrap();
    let response = tran
        .http
        .post(tran.url("/inbox"))
        .header("Content-Type", "application/activity+json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let error: Value = response.json().await.unwrap();
    assert_eq!(status, 401, "{error}");
    let message = error["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("ignature"),
        "the refusal names the signature: {error}"
    );
    assert!(tran.feed().await.is_empty(), "the unsigned item reached the feed");
    let (id, activity) = (item_id.clone(), activity_id.clone());
    let (item, seen) = tran
        .ctx()
        .db
        .read(move |conn| -> Result<_, StorageError> {
            Ok((items::find_by_ap_id(conn, &id)?, received::seen(conn, &activity)?))
        })
        .await
        .unwrap();
    assert!(item.is_none(), "the unsigned item was stored");
    assert!(!seen, "the unsigned activity was recorded as received");

    // Signed by Sofia, the very same activity is taken.
    assert_eq!(
        send(&sofia, &tran, &body).await,
        Outcome::Delivered { status: 202 }
    );
    tran.wait_for_item(item_id.as_str()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activities_praxis_does_not_handle_are_acknowledged_and_ignored() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    // Told to the sender once its signature holds (strangers get a 401: see tests/hostile.rs).
    let peer = common::attacker::Attacker::start().await;
    let like = peer.activity("Like", json!(tran.actor_id()));
    let (status, body) = peer.deliver(tran.url("/inbox"), &like).send().await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["status"], "ignored");
    assert!(body["reason"].as_str().unwrap().contains("Like"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_bodies_over_the_limit_are_refused() {
    let tran = TestCity::start_with(
        "tran",
        Backend::Sqlite,
        "[federation]\nmax_request_body_bytes = 4096\n",
    )
    .await;
    let big = "x".repeat(10_000);
    let response = tran
        .http
        .post(tran.url("/inbox"))
        .body(big.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "payload_too_large");
    assert!(error["error"]["message"].as_str().unwrap().contains("4096"));

    let mut draft = m4r_practice();
    draft["body"]["bg"] = Value::String(big);
    let (status, error) = tran.api_post("/api/v1/items", &draft).await;
    assert_eq!(status, 413, "{error}");
    assert_eq!(error["error"]["code"], "payload_too_large");
    assert_eq!(tran.api_get("/api/v1/city").await["items"], 0);
}

/// Items are written with the token of an editor's or an admin's account; no token, a wrong one,
/// a reader's, or the bootstrap token once an admin exists, are refused and write nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writing_through_the_api_needs_an_editor_or_admin_account_token() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let url = tran.url("/api/v1/items");
    let missing = tran
        .http
        .post(url.clone())
        .json(&m4r_practice())
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 401);
    assert_eq!(missing.headers()["www-authenticate"], "Bearer");
    let wrong = tran
        .http
        .post(url.clone())
        .bearer_auth("not-the-token-at-all")
        .json(&m4r_practice())
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let error: Value = wrong.json().await.unwrap();
    assert_eq!(error["error"]["code"], "unauthorized");
    assert_eq!(tran.api_get("/api/v1/city").await["items"], 0);
    // The bootstrap token stopped working when the admin account was created.
    let bootstrap = tran
        .http
        .post(url.clone())
        .bearer_auth(ADMIN_TOKEN)
        .json(&m4r_practice())
        .send()
        .await
        .unwrap();
    assert_eq!(bootstrap.status(), 401);
    let reader = tran
        .user_token("lettrice", praxis::domain::user::Role::Reader)
        .await;
    let forbidden = tran
        .http
        .post(url.clone())
        .bearer_auth(&reader)
        .json(&m4r_practice())
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);
    let error: Value = forbidden.json().await.unwrap();
    assert!(
        error["error"]["message"].as_str().unwrap().contains("editor"),
        "{error}"
    );
    assert_eq!(tran.api_get("/api/v1/city").await["items"], 0);
    let editor = tran
        .user_token("redattore", praxis::domain::user::Role::Editor)
        .await;
    for (whose, token) in [("an editor's", &editor), ("an admin's", &tran.token)] {
        let right = tran
            .http
            .post(url.clone())
            .bearer_auth(token)
            .json(&m4r_practice())
            .send()
            .await
            .unwrap();
        assert_eq!(right.status(), 201, "{whose} token was refused");
    }
    assert_eq!(tran.api_get("/api/v1/city").await["items"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_instance_is_set_up_with_its_bootstrap_token_until_an_admin_exists() {
    let dir = tempfile::tempdir().unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let settings = praxis::config::Settings::from_toml(&format!(
        "[instance]\npublic_url = \"http://localhost:{port}\"\ndata_dir = \"{}\"\nadmin_token = \"{ADMIN_TOKEN}\"\n[federation]\nallow_local_peers = true\n",
        dir.path().display()
    ))
    .unwrap();
    praxis::federation::config::install_crypto_provider();
    let server =
        praxis::http::server::start(praxis::app::AppContext::open(settings).await.unwrap(), listener)
            .await
            .unwrap();
    let http = reqwest::Client::new();
    let users = format!("http://localhost:{port}/api/v1/users");
    let admin = json!({"username": "ana", "display_name": "Ana", "role": "admin", "password": "a long enough password"});
    let created = http
        .post(&users)
        .bearer_auth(ADMIN_TOKEN)
        .json(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let again = http.get(&users).bearer_auth(ADMIN_TOKEN).send().await.unwrap();
    assert_eq!(
        again.status(),
        401,
        "the bootstrap token gives way to the admin account"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_item_gets_every_field_error_and_changes_nothing() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let (status, error) = tran
        .api_post(
            "/api/v1/items",
            &json!({"kind": "recipe", "title": {"Bulgarian": "Добри практики", "it": ""}, "body": {"mk": "<p>Заедно</p>"}}),
        )
        .await;
    assert_eq!(status, 422, "{error}");
    assert_eq!(error["error"]["code"], "validation_failed");
    let fields: Vec<&str> = error["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for field in ["kind", "title.Bulgarian", "title.it", "body.mk"] {
        assert!(fields.contains(&field), "no error for {field}: {fields:?}");
    }
    let (status, error) = tran
        .api_post("/api/v1/items", &json!({"titel": {"en": "typo"}}))
        .await;
    assert_eq!(status, 400);
    assert!(error["error"]["message"].as_str().unwrap().contains("titel"));
    assert_eq!(tran.api_get("/api/v1/city").await["items"], 0);
}
