//! The knowledge network across real instances: every kind and field federates, readers get
//! their language, edits and deletions follow the rules, histories are imported, and knowledge
//! travels more than one hop without loops.

mod common;

use bytes::Bytes;
use common::{
    Backend, KINDS, TestCity, item_fixture, m4r_practice, prosperous_community_practice, wait_until,
};
use praxis::federation::delivery::sender::{Outcome, post_signed};
use reqwest::Method;
use serde_json::{Value, json};

/// The parts of an item view that must be the same wherever the item is held.
fn content_of(view: &Value) -> Value {
    let mut content = view.clone();
    let object = content.as_object_mut().unwrap();
    for local in [
        "origin",
        "shared_by",
        "replies",
        "adapted_by",
        "deliveries_queued",
    ] {
        object.remove(local);
    }
    content
}

async fn signed(from: &TestCity, to: &TestCity, activity: &Value) -> Outcome {
    post_signed(&from.data(), &to.url("/inbox"), Bytes::from(activity.to_string())).await
}

/// The Article an instance serves for an item, wrapped in an activity of `kind` from its city.
async fn activity_about(city: &TestCity, kind: &str, item_id: &str) -> Value {
    let (status, article) = city.get_ap(item_id).await;
    assert_eq!(status, 200, "{article}");
    json!({
        "@context": ["https://www.w3.org/ns/activitystreams", city.url("/ns/praxis.jsonld")],
        "type": kind,
        "id": city.url(&format!("/activities/test-{}", uuid::Uuid::new_v4())),
        "actor": city.actor_id(),
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "object": article,
    })
}

async fn total_deliveries(cities: &[&TestCity]) -> (i64, i64) {
    let mut pending = 0;
    let mut delivered = 0;
    for city in cities {
        let health = city.api_get("/healthz").await;
        pending += health["deliveries"]["pending"].as_i64().unwrap();
        delivered += health["deliveries"]["delivered"].as_i64().unwrap();
    }
    (pending, delivered)
}

/// Waits until no instance has a delivery pending, and returns how many were delivered.
async fn settled_deliveries(cities: &[&TestCity]) -> i64 {
    wait_until("every delivery to be made", || async {
        let (pending, delivered) = total_deliveries(cities).await;
        (pending == 0).then_some(delivered)
    })
    .await
}

async fn feed_ids(city: &TestCity) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/feed?limit=100&cursor={c}"),
            None => "/api/v1/feed?limit=100".to_string(),
        };
        let page = city.api_get(&path).await;
        ids.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => return ids,
        }
    }
}

on_both_backends! {
    async fn every_kind_reaches_the_follower_with_every_field(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let skopje = TestCity::start("skopje", backend).await;
        skopje.follow_and_wait(&vidin).await;
        for kind in KINDS {
            let published = vidin.publish(item_fixture(kind)).await;
            let id = published["id"].as_str().unwrap();
            let at_origin = vidin.item(id).await.unwrap();
            let received = skopje.wait_for_item_where(id, "its content", |_| true).await;
            assert_eq!(content_of(&received), content_of(&at_origin), "{kind} differs at the follower");
            assert_eq!(received["origin"]["address"], vidin.address());
            assert_eq!(received["kind"], kind);
        }
    }

    async fn edits_apply_only_when_newer(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let published = campobasso.publish(m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;
        let first_version = activity_about(&campobasso, "Update", &id).await;

        let mut edit = m4r_practice();
        edit["title"]["it"] = json!("Municipality4Roma: il modello aggiornato");
        let (status, edited) = campobasso.api_send(Method::PUT, &campobasso.item_path(&id), Some(&edit)).await;
        assert_eq!(status, 200, "{edited}");
        assert_eq!(edited["deliveries_queued"], 1);
        tran.wait_for_item_where(&id, "the edited title", |i| i["texts"]["it"]["title"] == "Municipality4Roma: il modello aggiornato").await;

        // The first version, arriving late, changes nothing.
        assert_eq!(signed(&campobasso, &tran, &first_version).await, Outcome::Delivered { status: 202 });
        // The current version, arriving twice, changes nothing either.
        let current = activity_about(&campobasso, "Update", &id).await;
        assert_eq!(signed(&campobasso, &tran, &current).await, Outcome::Delivered { status: 202 });
        assert_eq!(signed(&campobasso, &tran, &current).await, Outcome::Delivered { status: 200 });
        let held = tran.item(&id).await.unwrap();
        assert_eq!(held["texts"]["it"]["title"], "Municipality4Roma: il modello aggiornato");
        assert_eq!(held["updated"], edited["updated"]);
        assert_eq!(feed_ids(&tran).await.len(), 1);
    }

    async fn a_deleted_item_leaves_every_feed_and_answers_gone(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        sofia.follow_and_wait(&vidin).await;
        let kept = vidin.publish(prosperous_community_practice()).await;
        let published = vidin.publish(m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        sofia.wait_for_item(&id).await;
        let late_create = activity_about(&vidin, "Create", &id).await;

        let (status, deleted) = vidin.api_send(Method::DELETE, &vidin.item_path(&id), None).await;
        assert_eq!(status, 200, "{deleted}");
        wait_until("sofia to drop the deleted item", || async { sofia.item(&id).await.is_none().then_some(()) }).await;
        assert_eq!(feed_ids(&sofia).await, [kept["id"].as_str().unwrap()]);
        assert_eq!(feed_ids(&vidin).await, [kept["id"].as_str().unwrap()]);

        let response = vidin.http.get(&id).header("Accept", "application/activity+json").send().await.unwrap();
        assert_eq!(response.status(), 410);
        let tombstone: Value = response.json().await.unwrap();
        assert_eq!(tombstone["type"], "Tombstone");

        // A copy of the Create that arrives after the Delete does not bring the item back.
        assert!(matches!(signed(&vidin, &sofia, &late_create).await, Outcome::Delivered { .. }));
        assert!(sofia.item(&id).await.is_none());
        let (_, outbox) = vidin.get_ap("/city/outbox").await;
        assert_eq!(outbox["totalItems"], 1);
    }

    async fn a_followed_citys_whole_history_is_imported_once(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let mut published = Vec::new();
        // More than one page holds (200 entries at most), so the import follows `next`.
        for n in 0..250 {
            let mut draft = m4r_practice();
            draft["title"]["it"] = json!(format!("Buona prassi numero {n}"));
            let item = praxis::service::items::publish(&campobasso.data(), serde_json::from_value(draft).unwrap())
                .await
                .unwrap();
            published.push(item.item.ap_id.to_string());
        }
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let backfills = tran.wait_for_backfills().await;
        assert_eq!(backfills[0]["state"], "done", "{backfills:?}");
        assert_eq!(backfills[0]["items_imported"], 250);
        // One request per page the peer served.
        let mut served = 0;
        let (_, outbox) = campobasso.get_ap("/city/outbox").await;
        let mut next = outbox["first"].as_str().map(String::from);
        while let Some(page) = next {
            let (status, page) = campobasso.get_ap(&page).await;
            assert_eq!(status, 200);
            assert!(page.to_string().len() < 1024 * 1024, "a page larger than fetchers read");
            served += 1;
            next = page["next"].as_str().map(String::from);
        }
        assert!(served >= 2, "the history fits one page: paging is not exercised");
        assert_eq!(backfills[0]["pages"], served);
        let newest_thirty: Vec<String> = published.iter().rev().take(30).cloned().collect();
        let mut held = feed_ids(&tran).await;
        held.sort();
        published.sort();
        assert_eq!(held, published);

        // Running it again is harmless.
        let (status, _) = tran.api_send(Method::POST, "/api/v1/backfills", Some(&json!({"city": campobasso.address()}))).await;
        assert_eq!(status, 202);
        let again = wait_until("the second backfill to finish", || async {
            let list = tran.api_get("/api/v1/backfills").await["backfills"].as_array().cloned()?;
            list.into_iter().find(|b| b["state"] == "done" && b["items_imported"] == 0)
        })
        .await;
        assert_eq!(again["items_seen"], 250);
        assert_eq!(feed_ids(&tran).await.len(), 250);

        // A city that asks for less gets the newest.
        let skopje = TestCity::start_with("skopje", backend, "[federation]\nbackfill_max_items = 30\n").await;
        skopje.follow_and_wait(&campobasso).await;
        let backfills = skopje.wait_for_backfills().await;
        assert_eq!(backfills[0]["items_imported"], 30);
        let mut newest = feed_ids(&skopje).await;
        newest.sort();
        let mut expected = newest_thirty;
        expected.sort();
        assert_eq!(newest, expected, "the 30 most recent items");
    }

    async fn a_shared_item_reaches_cities_two_hops_away_with_its_provenance(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        tran.follow_and_wait(&campobasso).await;
        sofia.follow_and_wait(&tran).await;
        let published = campobasso.publish(m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;

        let (status, shared) = tran.api_send(Method::POST, "/api/v1/shares", Some(&json!({"item": id}))).await;
        assert_eq!(status, 201, "{shared}");
        let at_sofia = sofia.wait_for_item_where(&id, "its sharer", |i| !i["shared_by"].as_array().unwrap().is_empty()).await;
        assert_eq!(at_sofia["origin"]["address"], campobasso.address());
        assert_eq!(at_sofia["shared_by"][0]["address"], tran.address());
        assert_eq!(at_sofia["texts"]["it"]["title"], "Un comune che lavora per l'inclusione dei Rom");
        campobasso.wait_for_item_where(&id, "tran as sharer", |i| i["shared_by"][0]["address"] == tran.address()).await;

        // A city that follows the sharer later finds the shared item in its history.
        let vidin = TestCity::start("vidin", backend).await;
        vidin.follow_and_wait(&tran).await;
        vidin.wait_for_backfills().await;
        let at_vidin = vidin.item(&id).await.expect("the shared item came with tran's history");
        assert_eq!(at_vidin["origin"]["address"], campobasso.address());
        assert_eq!(at_vidin["shared_by"][0]["address"], tran.address());

        // Edits and deletions reach those who know the item only through the share.
        let mut edit = m4r_practice();
        edit["title"]["bg"] = json!("Община в подкрепа на ромите: нова версия");
        let (status, _) = campobasso.api_send(Method::PUT, &campobasso.item_path(&id), Some(&edit)).await;
        assert_eq!(status, 200);
        sofia.wait_for_item_where(&id, "the edit", |i| i["texts"]["bg"]["title"] == "Община в подкрепа на ромите: нова версия").await;
        let (status, _) = campobasso.api_send(Method::DELETE, &campobasso.item_path(&id), None).await;
        assert_eq!(status, 200);
        wait_until("sofia to drop the deleted item", || async { sofia.item(&id).await.is_none().then_some(()) }).await;
        wait_until("vidin to drop the deleted item", || async { vidin.item(&id).await.is_none().then_some(()) }).await;
    }

    async fn sharing_in_a_cycle_neither_loops_nor_duplicates(backend: Backend) {
        let a = TestCity::start("campobasso", backend).await;
        let b = TestCity::start("tran", backend).await;
        let c = TestCity::start("vidin", backend).await;
        for (x, y) in [(&a, &b), (&a, &c), (&b, &a), (&b, &c), (&c, &a), (&c, &b)] {
            x.follow_and_wait(y).await;
        }
        let all = [&a, &b, &c];
        let before = settled_deliveries(&all).await;
        let published = a.publish(m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        c.wait_for_item(&id).await;
        b.wait_for_item(&id).await;
        for sharer in [&b, &c] {
            let (status, _) = sharer.api_send(Method::POST, "/api/v1/shares", Some(&json!({"item": id}))).await;
            assert_eq!(status, 201);
        }
        a.wait_for_item_where(&id, "both sharers", |i| i["shared_by"].as_array().unwrap().len() == 2).await;
        // One Create to two followers, two Announces to two cities each: six, and no more.
        assert_eq!(settled_deliveries(&all).await - before, 6);

        let mut edit = m4r_practice();
        edit["title"]["it"] = json!("Versione rivista");
        a.api_send(Method::PUT, &a.item_path(&id), Some(&edit)).await;
        for city in [&b, &c] {
            city.wait_for_item_where(&id, "the edit", |i| i["texts"]["it"]["title"] == "Versione rivista").await;
        }
        // The Update to two followers; each sharer tells its two followers again.
        assert_eq!(settled_deliveries(&all).await - before, 12);
        for city in all {
            assert_eq!(feed_ids(city).await, std::slice::from_ref(&id), "{} holds the item once", city.handle);
        }
    }

    async fn a_question_reaches_the_owning_city_and_is_listed_on_both(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let skopje = TestCity::start("skopje", backend).await;
        skopje.follow_and_wait(&vidin).await;
        let published = vidin.publish(item_fixture("good_practice")).await;
        let id = published["id"].as_str().unwrap().to_string();
        skopje.wait_for_item(&id).await;

        let question = json!({
            "in_reply_to": id,
            "content": "Колку медијатори беа потребни за училиштето за родители?\n\nИ колку семејства учествуваа?",
            "language": "mk"
        });
        let (status, asked) = skopje.api_send(Method::POST, "/api/v1/replies", Some(&question)).await;
        assert_eq!(status, 201, "{asked}");
        let at_owner = vidin.wait_for_item_where(&id, "the question", |i| !i["replies"].as_array().unwrap().is_empty()).await;
        let reply = &at_owner["replies"][0];
        assert_eq!(reply["author"]["address"], skopje.address());
        assert_eq!(reply["language"], "mk");
        assert!(reply["content"].as_str().unwrap().contains("<p>Колку медијатори"), "{reply}");
        assert_eq!(skopje.item(&id).await.unwrap()["replies"][0]["id"], asked["id"]);

        let answer = json!({"in_reply_to": asked["id"], "content": "Шест медијатори.", "language": "mk"});
        let (status, answered) = vidin.api_send(Method::POST, "/api/v1/replies", Some(&answer)).await;
        assert_eq!(status, 201);
        let at_asker = skopje.wait_for_item_where(&id, "the answer", |i| i["replies"].as_array().unwrap().len() == 2).await;
        assert_eq!(at_asker["replies"][1]["author"]["address"], vidin.address());
        assert_eq!(at_asker["replies"][1]["in_reply_to"], asked["id"]);

        // Each Note is addressed to and mentions whom it answers: Mastodon notifies only then.
        let mentions = |note: &Value| -> Vec<(String, String)> {
            note["tag"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|t| t["type"] == "Mention")
                .map(|t| (t["href"].as_str().unwrap().to_string(), t["name"].as_str().unwrap().to_string()))
                .collect()
        };
        let (_, question_note) = skopje.get_ap(asked["id"].as_str().unwrap()).await;
        assert_eq!(mentions(&question_note), [(vidin.actor_id().to_string(), format!("@{}", vidin.address()))]);
        assert_eq!(question_note["to"], json!([vidin.actor_id().as_str()]));
        let (_, answer_note) = vidin.get_ap(answered["id"].as_str().unwrap()).await;
        assert_eq!(mentions(&answer_note), [(skopje.actor_id().to_string(), format!("@{}", skopje.address()))], "{answer_note}");
        assert_eq!(answer_note["to"], json!([skopje.actor_id().as_str()]));
    }

    async fn an_adaptation_is_known_to_the_original_city_and_to_those_holding_both(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let sofia = TestCity::start("sofia", backend).await;
        tran.follow_and_wait(&campobasso).await;
        sofia.follow_and_wait(&campobasso).await;
        sofia.follow_and_wait(&tran).await;
        let original = campobasso.publish(m4r_practice()).await;
        let original_id = original["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&original_id).await;

        let mut adaptation = prosperous_community_practice();
        adaptation["adapted_from"] = json!(original_id);
        let adapted = tran.publish(adaptation).await;
        assert_eq!(adapted["deliveries_queued"], 2, "sofia follows tran; campobasso is told");
        let at_origin = campobasso
            .wait_for_item_where(&original_id, "its adaptation", |i| !i["adapted_by"].as_array().unwrap().is_empty())
            .await;
        assert_eq!(at_origin["adapted_by"][0]["city"]["address"], tran.address());
        assert_eq!(at_origin["adapted_by"][0]["id"], adapted["id"]);
        let at_sofia = sofia
            .wait_for_item_where(&original_id, "its adaptation", |i| !i["adapted_by"].as_array().unwrap().is_empty())
            .await;
        assert_eq!(at_sofia["adapted_by"][0]["city"]["address"], tran.address());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_get_their_language_and_every_language_is_listed() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let published = tran.publish(item_fixture("training_material")).await;
    let id = published["id"].as_str().unwrap();
    let read = |accept_language: &'static str, lang: Option<&'static str>| {
        let tran = &tran;
        async move {
            let mut url = tran.url("/api/v1/items/lookup");
            url.query_pairs_mut().append_pair("id", id);
            if let Some(lang) = lang {
                url.query_pairs_mut().append_pair("lang", lang);
            }
            let response = tran
                .http
                .get(url)
                .header("Accept-Language", accept_language)
                .send()
                .await
                .unwrap();
            response.json::<Value>().await.unwrap()
        }
    };
    let italian = read("it-IT, en;q=0.5", None).await;
    assert_eq!(italian["language"], "it");
    assert_eq!(
        italian["title"],
        "Formazione del personale comunale sulle procedure antidiscriminazione"
    );
    let german = read("de", None).await;
    assert_eq!(german["language"], "bg", "falls back to the original language");
    let chosen = read("it", Some("bg")).await;
    assert_eq!(chosen["language"], "bg", "the lang parameter wins");
    assert_eq!(chosen["languages"], json!(["bg", "it"]));
    assert_eq!(chosen["original_language"], "bg");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_origin_city_may_change_an_item() {
    let campobasso = TestCity::start("campobasso", Backend::Sqlite).await;
    let impostor = TestCity::start("impostor", Backend::Sqlite).await;
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    tran.follow_and_wait(&campobasso).await;
    tran.follow_and_wait(&impostor).await;
    let published = campobasso.publish(m4r_practice()).await;
    let id = published["id"].as_str().unwrap().to_string();
    tran.wait_for_item(&id).await;

    let mut update = activity_about(&campobasso, "Update", &id).await;
    update["id"] = json!(impostor.url("/activities/update-forged"));
    update["actor"] = json!(impostor.actor_id());
    update["object"]["nameMap"]["it"] = json!("Titolo falso");
    let outcome = signed(&impostor, &tran, &update).await;
    assert!(
        matches!(outcome, Outcome::Refused { status: 403, .. }),
        "{outcome:?}"
    );
    update["object"]["attributedTo"] = json!(impostor.actor_id());
    let outcome = signed(&impostor, &tran, &update).await;
    assert!(
        matches!(outcome, Outcome::Refused { status: 403, .. }),
        "{outcome:?}"
    );

    let delete = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Delete",
        "id": impostor.url("/activities/delete-forged"),
        "actor": impostor.actor_id(),
        "object": id,
    });
    let outcome = signed(&impostor, &tran, &delete).await;
    assert!(
        matches!(outcome, Outcome::Refused { status: 403, .. }),
        "{outcome:?}"
    );
    let held = tran.item(&id).await.expect("the item is still there");
    assert_eq!(
        held["texts"]["it"]["title"],
        "Un comune che lavora per l'inclusione dei Rom"
    );

    // Through the API, a city can edit only its own items.
    let (status, _) = tran
        .api_send(Method::PUT, &tran.item_path(&id), Some(&m4r_practice()))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_are_checked_stored_served_and_federated() {
    let vidin = TestCity::start_with("vidin", Backend::Sqlite, "[attachments]\nmax_bytes = 4096\n").await;
    let skopje = TestCity::start("skopje", Backend::Sqlite).await;
    skopje.follow_and_wait(&vidin).await;
    let pdf = b"%PDF-1.4\n% Toolkit for school mediators\n1 0 obj << >> endobj\n%%EOF\n".to_vec();
    let upload = |name: &'static str, media_type: &'static str, body: Vec<u8>| {
        let vidin = &vidin;
        async move {
            let mut url = vidin.url("/api/v1/attachments");
            url.query_pairs_mut().append_pair("name", name);
            let response = vidin
                .http
                .post(url)
                .bearer_auth(&vidin.token)
                .header("Content-Type", media_type)
                .body(body)
                .send()
                .await
                .unwrap();
            (
                response.status().as_u16(),
                response.json::<Value>().await.unwrap(),
            )
        }
    };
    let (status, stored) = upload("Училище за родители.pdf", "application/pdf", pdf.clone()).await;
    assert_eq!(status, 201, "{stored}");
    let (status, error) = upload("page.html", "text/html", b"<script>".to_vec()).await;
    assert_eq!(status, 422, "{error}");
    let (status, error) = upload(
        "fake.pdf",
        "application/pdf",
        b"<html><script>alert(1)</script>".to_vec(),
    )
    .await;
    assert_eq!(status, 422, "{error}");
    assert!(
        error["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not application/pdf")
    );
    let (status, _) = upload(
        "big.pdf",
        "application/pdf",
        [b"%PDF-".to_vec(), vec![b'x'; 5000]].concat(),
    )
    .await;
    assert_eq!(status, 413);

    let mut draft = item_fixture("good_practice");
    draft["attachments"] = json!([{"digest": stored["digest"], "name": "Училище за родители.pdf"}]);
    let published = vidin.publish(draft).await;
    let id = published["id"].as_str().unwrap();
    let attachment = &published["attachments"][0];
    assert_eq!(attachment["media_type"], "application/pdf");
    assert_eq!(attachment["size"], pdf.len());

    let received = skopje.wait_for_item(id).await;
    assert_eq!(received["attachments"][0]["url"], attachment["url"]);
    let (_, article) = vidin.get_ap(id).await;
    assert_eq!(article["attachment"][0]["type"], "Document");
    assert_eq!(article["attachment"][0]["mediaType"], "application/pdf");
    assert_eq!(article["attachment"][0]["name"], "Училище за родители.pdf");

    let download = vidin
        .http
        .get(attachment["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains("UTF-8''"), "{disposition}");
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);

    let (status, error) = vidin
        .api_post(
            "/api/v1/items",
            &json!({"kind": "good_practice", "title": {"en": "x"}, "attachments": [{"digest": "0".repeat(64), "name": "x.pdf"}]}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(error["error"]["fields"][0]["field"], "attachments[0].digest");
}
