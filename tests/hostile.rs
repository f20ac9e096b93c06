//! The hostile-input catalogue: what an attacker on the fediverse tries against a running city,
//! with its own keys and its own server on loopback, and what the city must answer. Each case
//! checks the status and the message, that nothing was stored, and (from the attacker's server,
//! which counts connections) that nothing was fetched or sent where nothing should be.
//!
//! The private-address cases that need other address ranges than loopback run in
//! `tests/private_addresses.rs`, inside a network namespace of their own.

mod common;

use std::time::{Duration, SystemTime};

use common::{
    ADMIN_PASSWORD, Backend, TestCity,
    attacker::{Attacker, ConnectionCounter},
    m4r_practice, wait_until,
    web::WebSession,
};
use praxis::storage::{cities, received};
use serde_json::{Value, json};
use url::Url;

/// The city with this actor id, as the victim stored it.
async fn stored_city(victim: &TestCity, actor: &Url) -> Option<praxis::domain::city::City> {
    let actor = actor.clone();
    victim
        .ctx()
        .db
        .read(move |conn| cities::find_by_ap_id(conn, &actor))
        .await
        .unwrap()
        .map(|(_, city)| city)
}

/// Whether the victim stored the city with this actor id.
async fn knows_city(victim: &TestCity, actor: &Url) -> bool {
    stored_city(victim, actor).await.is_some()
}

/// Whether the victim recorded an activity with this id as received.
async fn recorded(victim: &TestCity, activity: &Value) -> bool {
    let id: Url = activity["id"].as_str().unwrap().parse().unwrap();
    victim
        .ctx()
        .db
        .read(move |conn| received::seen(conn, &id))
        .await
        .unwrap()
}

fn message(answer: &Value) -> String {
    answer["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Asserts a refusal: its status, error code and a word of its message.
fn refused(case: &str, (status, answer): &(u16, Value), expected: u16, code: &str, needle: &str) {
    assert_eq!(
        *status, expected,
        "{case}: expected {expected}, got {status}: {answer}"
    );
    assert_eq!(answer["error"]["code"], code, "{case}: {answer}");
    let text = message(answer);
    assert!(
        text.contains(needle),
        "{case}: the message should mention `{needle}`: {text}"
    );
}

/// Makes the victim follow the attacker, and the attacker accept: the attacker is then a city
/// the victim follows, with everything that allows.
async fn followed_attacker(victim: &TestCity) -> Attacker {
    let attacker = Attacker::start().await;
    praxis::service::follows::follow(&victim.data(), attacker.actor_id().as_str())
        .await
        .expect("the victim follows the attacker");
    wait_until("the victim's Follow to reach the attacker", || async {
        attacker
            .inbox()
            .iter()
            .any(|a| a["type"] == "Follow")
            .then_some(())
    })
    .await;
    let follow = json!({"type": "Follow", "id": attacker.url("/follows/1"), "actor": victim.actor_id(), "object": attacker.actor_id()});
    let accept = attacker.activity("Accept", follow);
    let (status, answer) = attacker.deliver(victim.url("/inbox"), &accept).send().await;
    assert_eq!(status, 202, "the Accept: {answer}");
    attacker
}

on_both_backends! {
    async fn unsigned_requests_are_refused_before_any_lookup(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let attacker = Attacker::start().await;
        let inbox = victim.url("/inbox");

        let create = attacker.activity("Create", attacker.article("Injected"));
        let answer = attacker.deliver(inbox.clone(), &create).unsigned().send().await;
        refused("unsigned Create", &answer, 401, "signature_missing", "not signed");

        // An unknown type is not acknowledged to strangers either.
        let like = attacker.activity("Like", json!(victim.actor_id()));
        let answer = attacker.deliver(inbox.clone(), &like).unsigned().send().await;
        refused("unsigned Like", &answer, 401, "signature_missing", "not signed");

        // The actor may name any URL: the city fetches nothing before the signature holds.
        let elsewhere = ConnectionCounter::bind("127.0.0.1:0").await;
        let mut aimed = create.clone();
        aimed["actor"] = json!(format!("http://localhost:{}/actor", elsewhere.address.port()));
        let answer = attacker.deliver(inbox.clone(), &aimed).unsigned().send().await;
        refused("unsigned, actor anywhere", &answer, 401, "signature_missing", "not signed");

        assert_eq!(attacker.connections(), 0, "the attacker's server was contacted: {:?}", attacker.requests());
        assert_eq!(elsewhere.connections(), 0, "the named actor URL was fetched");
        assert!(!knows_city(&victim, &attacker.actor_id()).await, "the attacker was stored");
        assert!(!recorded(&victim, &create).await && !recorded(&victim, &like).await);
        assert!(victim.item(create["object"]["id"].as_str().unwrap()).await.is_none());

        // Which activities arrived is told only to their verified sender.
        let follow = attacker.activity("Follow", json!(victim.actor_id()));
        let (status, _) = attacker.deliver(inbox.clone(), &follow).send().await;
        assert_eq!(status, 202);
        let probe = attacker.deliver(inbox.clone(), &follow).unsigned().send().await;
        refused("unsigned duplicate probe", &probe, 401, "signature_missing", "not signed");
        let (status, answer) = attacker.deliver(inbox, &follow).send().await;
        assert_eq!((status, answer["status"].as_str()), (200, Some("duplicate")), "{answer}");
    }

    async fn signatures_that_prove_little_are_refused_without_a_fetch(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let attacker = Attacker::start().await;
        let peer = TestCity::start("peer", backend).await;
        let inbox = victim.url("/inbox");
        let create = attacker.activity("Create", attacker.article("Weakly signed"));
        let hour = Duration::from_secs(3600);
        let cases = [
            ("covers only the digest", attacker.deliver(inbox.clone(), &create).covering(&["digest"]), "signature_invalid", "(request-target)"),
            ("covers no host", attacker.deliver(inbox.clone(), &create).covering(&["(request-target)", "date", "digest"]), "signature_invalid", "host"),
            ("covers no date", attacker.deliver(inbox.clone(), &create).covering(&["(request-target)", "host", "digest"]), "signature_invalid", "date"),
            ("no Date header", attacker.deliver(inbox.clone(), &create).date(None), "signature_invalid", "date"),
            ("unreadable Date", attacker.deliver(inbox.clone(), &create).date(Some("next Tuesday")), "signature_invalid", "not an HTTP date"),
            ("Date 30 days ahead", attacker.deliver(inbox.clone(), &create).at(SystemTime::now() + 30 * 24 * hour), "signature_invalid", "future"),
            ("Date 13 hours old", attacker.deliver(inbox.clone(), &create).at(SystemTime::now() - 13 * hour), "signature_invalid", "old"),
            ("keyId garbage", attacker.deliver(inbox.clone(), &create).key_id("garbage"), "signature_invalid", "not a URL"),
            ("keyId of another city", attacker.deliver(inbox.clone(), &create).key_id(&format!("{}#main-key", peer.actor_id())), "signature_invalid", "is not the key of"),
            ("HMAC algorithm", attacker.deliver(inbox.clone(), &create).algorithm("hmac-sha256"), "signature_invalid", "not supported"),
        ];
        for (case, delivery, code, needle) in cases {
            let answer = delivery.send().await;
            refused(case, &answer, 401, code, needle);
        }
        let answer = attacker.deliver(inbox.clone(), &create).content_type("text/html").send().await;
        refused("Content-Type text/html", &answer, 415, "unsupported_media_type", "ActivityPub");

        assert_eq!(attacker.connections(), 0, "the attacker's server was contacted: {:?}", attacker.requests());
        assert!(!knows_city(&victim, &attacker.actor_id()).await);
        assert!(!recorded(&victim, &create).await);

        // The same activity, well signed, is what gets through to the checks that follow.
        let answer = attacker.deliver(inbox, &create).send().await;
        refused("well signed, not followed", &answer, 403, "forbidden", "does not follow");
    }

    async fn a_signature_must_be_made_with_the_actors_own_key(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let attacker = Attacker::start().await;
        let inbox = victim.url("/inbox");
        let follow = attacker.activity("Follow", json!(victim.actor_id()));
        let second = activitypub_federation::http_signatures::generate_actor_keypair().unwrap();

        // Another actor on the attacker's server, with a key of its own, does not speak for /actor.
        let other_actor = attacker.url("/other");
        attacker.serve_json("/other", &common::attacker::organization(&other_actor, &attacker.base, &second.public_key));
        let answer = attacker
            .deliver(inbox.clone(), &follow)
            .key_id(&format!("{other_actor}#main-key"))
            .signed_with(&second.private_key)
            .send()
            .await;
        refused("key of another actor", &answer, 401, "signature_invalid", "is not the key of");

        // The actor's key id, but signed with another key, twice.
        for case in ["wrong key", "wrong key again"] {
            let answer = attacker.deliver(inbox.clone(), &follow).signed_with(&second.private_key).send().await;
            refused(case, &answer, 401, "signature_invalid", "does not verify");
        }
        // Fetched once, and once more to see whether the key changed: not at every bad request.
        let fetches = attacker.requests().iter().filter(|r| r.starts_with("GET /actor")).count();
        assert_eq!(fetches, 2, "{:?}", attacker.requests());
        assert!(!recorded(&victim, &follow).await);
        assert!(!victim.api_get("/api/v1/city").await["followers"].to_string().contains(attacker.actor_id().as_str()));

        // A city that rotates its key is fetched again and believed at once.
        let rotating = Attacker::start().await;
        let first = rotating.activity("Follow", json!(victim.actor_id()));
        assert_eq!(rotating.deliver(inbox.clone(), &first).send().await.0, 202);
        let rotated = activitypub_federation::http_signatures::generate_actor_keypair().unwrap();
        rotating.set_actor(|actor| actor["publicKey"]["publicKeyPem"] = json!(rotated.public_key));
        let undo = rotating.activity("Undo", first.clone());
        let (status, answer) = rotating.deliver(inbox, &undo).signed_with(&rotated.private_key).send().await;
        assert_eq!(status, 202, "signed with the rotated key: {answer}");
    }

    async fn an_actor_updates_only_itself(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        victim.follow_and_wait(&sofia).await;
        let attacker = Attacker::start().await;
        let inbox = victim.url("/inbox");
        let follow = attacker.activity("Follow", json!(victim.actor_id()));
        assert_eq!(attacker.deliver(inbox.clone(), &follow).send().await.0, 202);

        let mut renamed = attacker.actor_document();
        renamed["name"] = json!("Intruder, renamed");
        let (status, answer) = attacker.deliver(inbox.clone(), &attacker.activity("Update", renamed)).send().await;
        assert_eq!(status, 202, "{answer}");
        let stored = stored_city(&victim, &attacker.actor_id()).await.expect("stored");
        assert_eq!(stored.name, "Intruder, renamed");

        // Sofia's actor document, sent by the attacker, changes nothing.
        let mut sofia_document = attacker.actor_document();
        sofia_document["id"] = json!(sofia.actor_id());
        sofia_document["name"] = json!("Sofia, taken over");
        let (status, answer) = attacker.deliver(inbox, &attacker.activity("Update", sofia_document)).send().await;
        assert!(status == 202 || status == 403, "{status}: {answer}");
        assert_ne!(answer["status"], "accepted", "{answer}");
        let sofia_stored = stored_city(&victim, &sofia.actor_id()).await.expect("sofia is known");
        assert_eq!(sofia_stored.name, "City of sofia");
    }

    async fn fetch_failures_never_echo_what_the_remote_answered(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let attacker = Attacker::start().await;
        let secret = "INTRANET-ONLY: salaries of the integration office";
        let inbox = victim.url("/inbox");
        for (case, content_type, body) in [
            ("an HTML page", "text/html", format!("<html><body>{secret}</body></html>")),
            ("JSON that is no actor", "application/activity+json", json!({"id": attacker.actor_id(), "type": "Note", "content": secret}).to_string()),
            ("unparsable JSON", "application/activity+json", format!("{{\"id\": \"{secret}")),
        ] {
            attacker.serve("/actor", 200, content_type, &body);
            let follow = attacker.activity("Follow", json!(victim.actor_id()));
            let answer = attacker.deliver(inbox.clone(), &follow).send().await;
            refused(case, &answer, 401, "key_unavailable", attacker.actor_id().as_str());
            assert!(!answer.1.to_string().contains("INTRANET"), "{case}: the answer echoes the fetched body: {}", answer.1);
        }
        // The same through the API, as an admin following a URL.
        let (status, answer) = victim
            .api_post("/api/v1/follows", &json!({"city": attacker.actor_id()}))
            .await;
        assert!(status >= 400, "following a non-actor answered {status}: {answer}");
        assert!(!answer.to_string().contains("INTRANET"), "the API echoes the fetched body: {answer}");
        assert!(!knows_city(&victim, &attacker.actor_id()).await);
    }

    async fn items_cannot_be_injected_or_pinned(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let inbox = victim.url("/inbox");

        // A stranger's Update of an item the city never saw.
        let stranger = Attacker::start().await;
        let update = stranger.activity("Update", stranger.article("Injected by Update"));
        let answer = stranger.deliver(inbox.clone(), &update).send().await;
        refused("Update from a stranger", &answer, 403, "forbidden", "does not follow");
        assert!(victim.item(update["object"]["id"].as_str().unwrap()).await.is_none());
        assert!(!recorded(&victim, &update).await);

        // A followed city that never accepted: a pending follow is not a follow.
        let pending = Attacker::start().await;
        praxis::service::follows::follow(&victim.data(), pending.actor_id().as_str()).await.unwrap();
        let create = pending.activity("Create", pending.article("Sent while pending"));
        let answer = pending.deliver(inbox.clone(), &create).send().await;
        refused("Create while pending", &answer, 403, "forbidden", "not accepted");
        let announce = pending.activity("Announce", json!(pending.url("/items/shared")));
        let answer = pending.deliver(inbox.clone(), &announce).send().await;
        refused("Announce while pending", &answer, 403, "forbidden", "not accepted");
        assert!(victim.item(create["object"]["id"].as_str().unwrap()).await.is_none());

        // A followed city cannot pin an item to the top of every feed with a date in 2099.
        let followed = followed_attacker(&victim).await;
        let mut pinned = followed.article("Pinned forever");
        pinned["published"] = json!("2099-01-01T00:00:00Z");
        let create = followed.activity("Create", pinned.clone());
        let (status, answer) = followed.deliver(inbox.clone(), &create).send().await;
        assert_eq!(status, 400, "{answer}");
        assert!(answer["error"]["fields"].to_string().contains("in_the_future"), "{answer}");
        assert!(victim.item(pinned["id"].as_str().unwrap()).await.is_none());

        // Its honest item arrives; an Update moving it to 2099 is refused and changes nothing.
        let honest = followed.article("Honest practice");
        let (status, answer) = followed.deliver(inbox.clone(), &followed.activity("Create", honest.clone())).send().await;
        assert_eq!(status, 202, "{answer}");
        let mut moved = honest.clone();
        moved["name"] = json!("Moved to the top");
        moved["updated"] = json!("2099-01-01T00:00:00Z");
        let (status, _) = followed.deliver(inbox.clone(), &followed.activity("Update", moved)).send().await;
        assert_eq!(status, 400);
        let held = victim.item(honest["id"].as_str().unwrap()).await.expect("the honest item is held");
        assert_eq!(held["title"], "Honest practice", "{held}");
    }

    async fn nobody_speaks_for_another_citys_items(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        victim.follow_and_wait(&sofia).await;
        let published = sofia.publish(m4r_practice()).await;
        let id = published["id"].as_str().unwrap();
        victim.wait_for_item(id).await;
        let attacker = followed_attacker(&victim).await;
        let inbox = victim.url("/inbox");

        let mut stolen = attacker.article("Taken over");
        stolen["id"] = json!(id);
        let answer = attacker.deliver(inbox.clone(), &attacker.activity("Update", stolen.clone())).send().await;
        refused("Update of sofia's item", &answer, 403, "forbidden", "origin");
        stolen["attributedTo"] = json!(sofia.actor_id());
        let answer = attacker.deliver(inbox.clone(), &attacker.activity("Update", stolen)).send().await;
        refused("Update attributed to sofia", &answer, 403, "forbidden", "attributed");
        let mut spoofed = attacker.article("Spoofed");
        spoofed["id"] = json!(sofia.url("/items/spoofed"));
        let answer = attacker.deliver(inbox.clone(), &attacker.activity("Create", spoofed)).send().await;
        refused("Create on sofia's origin", &answer, 403, "forbidden", "origin");
        let delete = attacker.activity("Delete", json!(id));
        let answer = attacker.deliver(inbox.clone(), &delete).send().await;
        refused("Delete of sofia's item", &answer, 403, "forbidden", "origin");
        // An activity id on another origin is not the attacker's to send.
        let mut borrowed = attacker.activity("Follow", json!(victim.actor_id()));
        borrowed["id"] = json!(sofia.url("/activities/borrowed"));
        let answer = attacker.deliver(inbox, &borrowed).send().await;
        refused("activity id on sofia's origin", &answer, 403, "forbidden", "origin");

        let held = victim.item(id).await.expect("sofia's item is still held");
        assert_eq!(held["title"], published["title"]);
    }

    async fn hostile_content_is_defused(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let attacker = followed_attacker(&victim).await;
        let inbox = victim.url("/inbox");

        let mut hostile = attacker.article("Scuola per genitori");
        hostile["content"] = json!(r#"<p onclick="steal()">Scuola per genitori</p><script>alert(document.cookie)</script><img src="x.png" onerror="alert(1)"><a href="javascript:alert(1)">link</a><iframe src="https://evil.example/"></iframe>"#);
        hostile["url"] = json!("javascript:alert(1)");
        let (status, answer) = attacker.deliver(inbox.clone(), &attacker.activity("Create", hostile.clone())).send().await;
        assert_eq!(status, 202, "{answer}");
        let item = victim.item(hostile["id"].as_str().unwrap()).await.expect("stored, sanitized");
        let shown = item["body"].to_string();
        assert!(shown.contains("Scuola per genitori"));
        for forbidden in ["<script", "onclick", "onerror", "javascript:", "<iframe"] {
            assert!(!shown.contains(forbidden), "`{forbidden}` survived: {shown}");
        }

        // A thousand languages.
        let mut babel = attacker.article("Babel");
        let names: serde_json::Map<String, Value> =
            (0..1000).map(|i| (format!("x-l{i}"), json!(format!("title {i}")))).collect();
        babel["nameMap"] = Value::Object(names);
        let (status, answer) = attacker.deliver(inbox.clone(), &attacker.activity("Create", babel.clone())).send().await;
        assert_eq!(status, 400, "{answer}");
        assert!(answer["error"]["fields"].to_string().contains("too_many"), "{answer}");
        assert!(victim.item(babel["id"].as_str().unwrap()).await.is_none());

        // A body nested deeper than any parser should follow, well signed.
        let raw_deep = format!("{{\"x\":{}1{}}}", "[".repeat(50_000), "]".repeat(50_000));
        let answer = attacker.deliver_raw(inbox.clone(), raw_deep.into_bytes()).send().await;
        assert_eq!(answer.0, 400, "deeply nested raw: {}", answer.1);

        // Larger than the limit: refused before it is read in full.
        let huge = "x".repeat(2 * 1024 * 1024);
        let answer = attacker.deliver_raw(inbox, huge.into_bytes()).send().await;
        refused("2 MiB body", &answer, 413, "payload_too_large", "limit");
        assert_eq!(victim.get(&victim.url("/healthz"), "application/json").await.0, 200);
    }

    async fn concurrent_redeliveries_take_effect_once(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let attacker = followed_attacker(&victim).await;
        let create = attacker.activity("Create", attacker.article("Delivered eight times at once"));
        let sends = (0..8).map(|_| attacker.deliver(victim.url("/inbox"), &create).send());
        let answers = futures::future::join_all(sends).await;
        let accepted = answers.iter().filter(|(s, _)| *s == 202).count();
        let duplicates = answers
            .iter()
            .filter(|(s, a)| *s == 200 && a["status"] == "duplicate")
            .count();
        assert_eq!((accepted, duplicates), (1, 7), "{answers:?}");
        let id = create["object"]["id"].as_str().unwrap();
        assert!(victim.item(id).await.is_some());
        let feed = victim.feed().await;
        assert_eq!(feed.iter().filter(|i| i["id"] == id).count(), 1);
    }

    async fn actors_naming_endpoints_elsewhere_are_refused(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let elsewhere = ConnectionCounter::bind("127.0.0.1:0").await;
        let elsewhere_url = format!("http://127.0.0.1:{}", elsewhere.address.port());
        for (case, field) in [("inbox", "/inbox"), ("shared inbox", "/endpoints/sharedInbox"), ("outbox", "/outbox")] {
            let attacker = Attacker::start().await;
            attacker.set_actor(|actor| *actor.pointer_mut(field).unwrap() = json!(format!("{elsewhere_url}/steal")));
            let follow = attacker.activity("Follow", json!(victim.actor_id()));
            let answer = attacker.deliver(victim.url("/inbox"), &follow).send().await;
            refused(case, &answer, 401, "key_unavailable", "not on the origin");
            assert!(!knows_city(&victim, &attacker.actor_id()).await, "{case}: the actor was stored");
            assert!(!recorded(&victim, &follow).await);
            assert!(attacker.inbox().is_empty(), "{case}: an Accept was sent");
        }
        let (_, deliveries) = victim.api_send(reqwest::Method::GET, "/api/v1/admin/deliveries", None).await;
        assert!(!deliveries.to_string().contains(&elsewhere_url), "{deliveries}");
        assert_eq!(elsewhere.connections(), 0, "a connection reached the other origin");
    }

    async fn webfinger_answers_are_checked(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        let attacker = Attacker::start().await;
        let domain = praxis::config::domain_of(&attacker.base);
        let webfinger = |subject: String, actor: &Url| json!({
            "subject": subject,
            "links": [{"rel": "self", "type": "application/activity+json", "href": actor}]
        });
        let follow = |address: String| {
            let data = victim.data();
            async move { praxis::service::follows::follow(&data, &address).await }
        };

        // The answer is about another account than the one asked for.
        let other = ConnectionCounter::bind("127.0.0.1:0").await;
        attacker.serve("/.well-known/webfinger", 200, "application/jrd+json",
            &webfinger(format!("acct:someone@localhost:{}", other.address.port()), &attacker.actor_id()).to_string());
        let error = follow(format!("intruder@{domain}")).await.unwrap_err().to_string();
        assert!(error.contains("does not confirm"), "{error}");

        // The answer points at a city on another server, which is not that account.
        attacker.serve("/.well-known/webfinger", 200, "application/jrd+json",
            &webfinger(format!("acct:intruder@{domain}"), &sofia.actor_id()).to_string());
        let error = follow(format!("intruder@{domain}")).await.unwrap_err().to_string();
        assert!(error.contains("another server"), "{error}");
        let following = victim.api_get("/api/v1/city").await["following"].clone();
        assert_eq!(following, json!([]), "a follow was recorded");

        // An honest answer is followed.
        attacker.serve("/.well-known/webfinger", 200, "application/jrd+json",
            &webfinger(format!("acct:intruder@{domain}"), &attacker.actor_id()).to_string());
        follow(format!("intruder@{domain}")).await.expect("an honest answer is followed");
        wait_until("the Follow to reach the attacker", || async {
            attacker.inbox().iter().any(|a| a["type"] == "Follow").then_some(())
        })
        .await;
    }

    async fn a_delivery_waits_when_the_policy_cannot_be_read(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let follower = Attacker::start().await;
        // The follower is accepted (its Accept arrives), then its inbox fails for a while.
        let follow = follower.activity("Follow", json!(victim.actor_id()));
        assert_eq!(follower.deliver(victim.url("/inbox"), &follow).send().await.0, 202);
        wait_until("the Accept", || async { (follower.inbox().len() == 1).then_some(()) }).await;
        follower.answer_posts_with(503);
        victim.publish(m4r_practice()).await;
        wait_until("a first, failed attempt", || async { (follower.inbox().len() == 2).then_some(()) }).await;

        // The policy becomes unreadable before the retry: the retry must not send.
        victim
            .ctx()
            .db
            .write(|conn| -> Result<(), praxis::storage::StorageError> {
                use diesel::RunQueryDsl;
                let rename = diesel::sql_query("ALTER TABLE federation_policy RENAME TO federation_policy_gone");
                match conn {
                    praxis::storage::DbConn::Sqlite(c) => rename.execute(*c)?,
                    praxis::storage::DbConn::Postgres(c) => rename.execute(*c)?,
                };
                Ok(())
            })
            .await
            .unwrap();
        victim.ctx().policy.invalidate();
        follower.answer_posts_with(0);
        let deliveries = wait_until("the retry to wait for the policy", || async {
            let (_, answer) = victim.api_send(reqwest::Method::GET, "/api/v1/admin/deliveries", None).await;
            answer.to_string().contains("policy could not be read").then_some(answer)
        })
        .await;
        assert_eq!(follower.inbox().len(), 2, "sent without a policy: {:?}", follower.inbox());
        assert_eq!(deliveries["queue"]["dead"], 0, "a failure to read the policy gave up a delivery: {deliveries}");
        assert_eq!(deliveries["queue"]["pending"], 1, "{deliveries}");
    }
}

/// Submits the login form; returns the page the instance answers with.
async fn try_login(session: &mut WebSession, username: &str, password: &str) -> common::web::Page {
    let csrf = session
        .get("/login")
        .await
        .csrf()
        .expect("the login form has a CSRF token");
    session
        .post(
            "/login",
            &[("csrf", &csrf), ("username", username), ("password", password)],
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_many_accounts_from_one_address_is_slowed_down() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    // The guesses claim many addresses in X-Forwarded-For; without trusted proxies the header is
    // not believed, so they all count against the one address that sent them.
    let mut guesser = WebSession::new(&sofia);
    let mut statuses = Vec::new();
    for n in 0..12 {
        guesser.forwarded_for = Some(format!("198.51.100.{n}"));
        let page = try_login(&mut guesser, &format!("user{n}"), "guess").await;
        statuses.push(page.status.as_u16());
    }
    assert_eq!(statuses[..10], [401; 10], "{statuses:?}");
    assert_eq!(statuses[11], 429, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_third_party_cannot_lock_a_user_out() {
    let trusted = "[instance]\ntrusted_proxies = [\"127.0.0.1\"]\n";
    let sofia = TestCity::start_with("sofia", Backend::Sqlite, trusted).await;
    // Thirty failures on the admin account, from thirty addresses behind the proxy.
    let mut attacker = WebSession::new(&sofia);
    for n in 0..30 {
        attacker.forwarded_for = Some(format!("198.51.100.{n}"));
        try_login(&mut attacker, "admin", "guess").await;
    }
    // The owner, from another address, is slowed down for seconds at most, never locked out.
    let mut owner = WebSession::new(&sofia);
    owner.forwarded_for = Some("203.0.113.20".into());
    let first = try_login(&mut owner, "admin", ADMIN_PASSWORD).await;
    if first.status == 429 {
        let seconds: u64 = first
            .body
            .split(|c: char| !c.is_ascii_digit())
            .find_map(|w| w.parse().ok())
            .expect("the page says how long to wait");
        assert!(seconds <= 30, "the owner is told to wait {seconds} seconds");
    }
    let deadline = tokio::time::Instant::now() + common::DEADLINE;
    let mut status = first.status;
    while status != 303 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the owner could not log in within {:?} of the attack",
            common::DEADLINE
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
        status = try_login(&mut owner, "admin", ADMIN_PASSWORD).await.status;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_is_throttled_on_its_own() {
    let trusted = "[instance]\ntrusted_proxies = [\"127.0.0.1\"]\n";
    let sofia = TestCity::start_with("sofia", Backend::Sqlite, trusted).await;
    let mut guesser = WebSession::new(&sofia);
    guesser.forwarded_for = Some("198.51.100.7".into());
    for n in 0..12 {
        try_login(&mut guesser, &format!("user{n}"), "guess").await;
    }
    let page = try_login(&mut guesser, "someone", "guess").await;
    assert_eq!(page.status, 429, "the guessing client is slowed down");
    // Another client behind the same proxy logs in at once.
    let mut colleague = WebSession::new(&sofia);
    colleague.forwarded_for = Some("203.0.113.20".into());
    colleague.log_in("admin", ADMIN_PASSWORD).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_never_appear_in_debug_output() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let ctx = sofia.ctx();
    let shown = format!("{:?} {:?}", ctx.settings, ctx.city);
    assert!(!shown.contains("PRIVATE KEY"), "the private key is shown");
    assert!(!shown.contains(common::ADMIN_TOKEN), "the admin token is shown");
    assert!(shown.contains("[redacted]"));
    let with_password = praxis::config::Settings::from_toml(
        "[instance]\ndatabase_url = \"postgres://praxis:s3cret-pass@db:5432/praxis\"\n",
    )
    .unwrap();
    let shown = format!("{with_password:?} {:?}", with_password.database());
    assert!(
        !shown.contains("s3cret-pass"),
        "the database password is shown: {shown}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_cannot_write_another_address_into_the_access_log() {
    // No trusted proxies: forwarding headers are the client's own words.
    let mut sofia = TestCity::start("sofia", Backend::Sqlite).await;
    sofia.stop().await;
    let config = sofia.write_config();
    let _server = common::ServeProcess::start(&sofia.dir(), &config, &sofia.url("/")).await;
    reqwest::Client::new()
        .get(sofia.url("/healthz?probe=spoofed"))
        .header("X-Forwarded-For", "203.0.113.77")
        .header("Forwarded", "for=203.0.113.78")
        .send()
        .await
        .unwrap();
    let log = common::wait_until("the request to be logged", || async {
        std::fs::read_to_string(sofia.dir().join("serve.log"))
            .ok()
            .filter(|log| log.contains("probe=spoofed"))
    })
    .await;
    let line = log.lines().find(|l| l.contains("probe=spoofed")).unwrap();
    assert!(
        !line.contains("203.0.113.77") && !line.contains("203.0.113.78"),
        "the log believes the client: {line}"
    );
    assert!(
        line.contains("127.0.0.1"),
        "the log does not name the peer: {line}"
    );
}

on_both_backends! {
    async fn translations_are_held_to_the_boundary(backend: Backend) {
        let victim = TestCity::start("victim", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        victim.follow_and_wait(&sofia).await;
        let own = victim.publish(m4r_practice()).await["id"].as_str().unwrap().to_string();
        let peer = sofia.publish(m4r_practice()).await["id"].as_str().unwrap().to_string();
        victim.wait_for_item(&peer).await;
        let attacker = followed_attacker(&victim).await;
        let inbox = victim.url("/inbox");
        let offer = |item: &str, object: Value| {
            let mut offer = attacker.activity("Offer", object);
            offer["target"] = json!(item);
            offer
        };
        let translation = |item: &str, maps: Value| {
            let mut object = json!({
                "type": "Translation",
                "id": attacker.url(&format!("/translations/{}", uuid::Uuid::new_v4())),
                "attributedTo": attacker.actor_id(),
                "translationOf": item,
                "basedOn": "2026-11-20T10:00:00Z",
            });
            object.as_object_mut().unwrap().extend(maps.as_object().unwrap().clone());
            object
        };
        let waiting = || async {
            victim.api_send(reqwest::Method::GET, "/api/v1/translations", None).await.1["translations"].as_array().unwrap().len()
        };

        let answer = attacker
            .deliver(inbox.clone(), &offer(&peer, translation(&peer, json!({"nameMap": {"bg": "Чуждо"}}))))
            .send()
            .await;
        refused("an Offer for sofia's item", &answer, 403, "forbidden", "origin");
        let mut borrowed = translation(&own, json!({"nameMap": {"bg": "Чуждо"}}));
        borrowed["attributedTo"] = json!(sofia.actor_id());
        let answer = attacker.deliver(inbox.clone(), &offer(&own, borrowed)).send().await;
        refused("a translation attributed to sofia", &answer, 403, "forbidden", "attributed");
        let babel = translation(&own, json!({"nameMap": {"bg": "Едно"}, "summaryMap": {"mk": "Друго"}}));
        let answer = attacker.deliver(inbox.clone(), &offer(&own, babel)).send().await;
        refused("two languages in one translation", &answer, 403, "forbidden", "exactly one language");
        assert_eq!(waiting().await, 0, "nothing refused waits for review");

        // One that passes is sanitized like any text, and waits for an editor: nothing changed.
        let hostile = translation(&own, json!({
            "nameMap": {"bg": "Заглавие"},
            "contentMap": {"bg": "<p onclick=\"steal()\">Текст</p><script>alert(1)</script>"}
        }));
        let (status, answer) = attacker.deliver(inbox.clone(), &offer(&own, hostile)).send().await;
        assert_eq!(status, 202, "{answer}");
        let (_, queued) = victim.api_send(reqwest::Method::GET, "/api/v1/translations", None).await;
        let body = queued["translations"][0]["translation"]["body"].as_str().unwrap().to_string();
        assert!(body.contains("Текст") && !body.contains("script") && !body.contains("onclick"), "{body}");
        let held = victim.item(&own).await.unwrap();
        assert!(held["translated_by"].as_object().unwrap().is_empty());
        assert_ne!(held["title"], "Заглавие");

        // Nobody answers for the item's city: an Accept of the victim's own proposal from the
        // attacker is refused, and the proposal stays open.
        let (status, sent) = victim
            .api_post("/api/v1/translations", &json!({"item": peer, "language": "bg", "title": "Превод"}))
            .await;
        assert_eq!(status, 201, "{sent}");
        let forged = attacker.activity("Accept", json!({
            "id": sent["ap_id"], "type": "Offer", "actor": victim.actor_id(),
            "object": sent["ap_id"], "target": peer
        }));
        let answer = attacker.deliver(inbox, &forged).send().await;
        refused("an Accept for sofia's item", &answer, 403, "forbidden", "origin");
        let (_, mine) = victim.api_send(reqwest::Method::GET, "/api/v1/translations?direction=outgoing", None).await;
        assert_eq!(mine["translations"][0]["state"], "proposed", "{mine}");
    }
}

/// An item that names another city's item as its former id does not take its place: only a
/// move both actors confirmed hands a city another address's items.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_cannot_take_over_another_citys_item_by_naming_it_as_its_former_id() {
    let victim = TestCity::start("victim", Backend::Sqlite).await;
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    victim.follow_and_wait(&tran).await;
    let theirs = tran.publish(m4r_practice()).await;
    let theirs_id = theirs["id"].as_str().unwrap().to_string();
    victim.wait_for_item(&theirs_id).await;

    let attacker = followed_attacker(&victim).await;
    let mut claim = attacker.article("Formerly Tran's practice");
    claim["alsoKnownAs"] = json!([theirs_id]);
    let create = attacker.activity("Create", claim.clone());
    let (status, answer) = attacker.deliver(victim.url("/inbox"), &create).send().await;
    assert_eq!(status, 202, "its own item is accepted as its own: {answer}");

    let held = victim
        .item(&theirs_id)
        .await
        .expect("Tran's item is still held under its id");
    assert_eq!(held["origin"]["id"], tran.actor_id().as_str(), "{held}");
    let own = victim
        .item(claim["id"].as_str().unwrap())
        .await
        .expect("the attacker's item, beside it");
    assert_eq!(own["origin"]["id"], attacker.actor_id().as_str(), "{own}");
}
