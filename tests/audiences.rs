//! Items for fewer readers than everyone: the city's partners, or cities it names. Real cities on
//! loopback, real signatures; every check is what a partner, a stranger or an attacker would try.

mod common;

use activitypub_federation::fetch::fetch_object_http;
use common::{Backend, TestCity, item_fixture, m4r_practice, wait_until};
use reqwest::Method;
use serde_json::{Value, json};
use url::Url;

/// The draft with an audience.
fn for_audience(mut draft: Value, audience: Value) -> Value {
    draft["audience"] = audience;
    draft
}

fn named(cities: &[&TestCity]) -> Value {
    json!({"kind": "cities", "cities": cities.iter().map(|c| c.actor_id().to_string()).collect::<Vec<_>>()})
}

/// An item as the city's staff see it (with a token), or None.
async fn staff_item(city: &TestCity, id: &str) -> Option<Value> {
    let path = format!("/api/v1/items/lookup?id={}", urlencode(id));
    match city.api_send(Method::GET, &path, None).await {
        (200, item) => Some(item),
        (404, _) => None,
        (status, body) => panic!("looking up {id} answered {status}: {body}"),
    }
}

fn urlencode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Waits until the city's staff see the item with this audience kind.
async fn wait_for_staff_item(city: &TestCity, id: &str, audience: &str) -> Value {
    wait_until(
        &format!("{} to hold {id} for {audience}", city.handle),
        || async {
            staff_item(city, id)
                .await
                .filter(|item| item["audience"]["kind"] == audience)
        },
    )
    .await
}

/// Waits until the city has nothing left to deliver: after that, nothing more is on its way.
async fn wait_until_delivered(city: &TestCity) {
    let db = city.ctx().db.clone();
    wait_until(&format!("{} to have delivered everything", city.handle), || {
        let db = db.clone();
        async move {
            let counts = db.read(praxis::storage::deliveries::counts).await.unwrap();
            (counts.pending == 0).then_some(())
        }
    })
    .await
}

/// The object ids listed in a city's outbox (first page).
async fn outbox_objects(city: &TestCity) -> Vec<String> {
    let (status, page) = city.get_ap("/city/outbox?page=true").await;
    assert_eq!(status, 200, "{page}");
    page["orderedItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| match &entry["object"] {
            Value::String(id) => id.clone(),
            object => object["id"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

/// The status of an anonymous GET with this Accept header.
async fn anonymous_status(city: &TestCity, url: &str, accept: &str) -> u16 {
    city.get(&Url::parse(url).unwrap(), accept).await.0
}

/// Whether `reader` can fetch `id` with a request signed as itself.
async fn signed_fetch_succeeds(reader: &TestCity, id: &str) -> bool {
    match fetch_object_http::<praxis::app::AppContext, Value>(&Url::parse(id).unwrap(), &reader.data()).await
    {
        Ok(_) => true,
        Err(e) => {
            eprintln!("{} could not fetch {id}: {e}", reader.handle);
            false
        }
    }
}

/// Total of an anonymous search, and of the same search by the city's staff.
async fn search_totals(city: &TestCity, words: &str) -> (i64, i64) {
    let path = format!("/api/v1/search?q={}", urlencode(words));
    let anonymous = city.api_get(&path).await["total"].as_i64().unwrap();
    let (status, staff) = city.api_send(Method::GET, &path, None).await;
    assert_eq!(status, 200, "{staff}");
    (anonymous, staff["total"].as_i64().unwrap())
}

on_both_backends! {
    async fn a_partners_item_reaches_the_followers_and_no_one_else_sees_it_exists(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        tran.follow_and_wait(&vidin).await;
        // Bitola is a city of the network, but not Vidin's partner.

        let public = vidin.publish(m4r_practice()).await;
        let draft = for_audience(
            json!({
                "kind": "good_practice",
                "title": {"en": "Draft mediation protocol for partner offices"},
                "summary": {"en": "Shared with partner cities for comments before adoption."},
            }),
            json!({"kind": "partners"}),
        );
        let partners = vidin.publish(draft).await;
        assert_eq!(partners["audience"]["kind"], "partners");
        let id = partners["id"].as_str().unwrap();

        // The partner holds it, labelled; its own visitors never see it.
        let held = wait_for_staff_item(&tran, id, "partners").await;
        assert_eq!(held["title"], "Draft mediation protocol for partner offices");
        assert!(tran.item(id).await.is_none(), "a visitor of Tran looked it up");
        assert!(!tran.feed().await.iter().any(|i| i["id"] == id), "Tran's public feed lists it");
        assert_eq!(search_totals(&tran, "mediation protocol").await, (0, 1));

        // At its origin: no trace for visitors, feeds, the outbox or the counts.
        for accept in ["application/activity+json", "text/html", "application/json"] {
            assert_eq!(anonymous_status(&vidin, id, accept).await, 404, "{accept}");
        }
        assert!(vidin.item(id).await.is_none());
        assert!(staff_item(&vidin, id).await.is_some(), "Vidin's own staff cannot see it");
        let outbox = outbox_objects(&vidin).await;
        assert!(outbox.contains(&public["id"].as_str().unwrap().to_string()), "{outbox:?}");
        assert!(!outbox.contains(&id.to_string()), "the outbox lists it: {outbox:?}");
        let atom = vidin.http.get(vidin.url("/feeds/all.atom")).send().await.unwrap().text().await.unwrap();
        assert!(!atom.contains("mediation protocol"), "the Atom feed carries it");
        let info = vidin.api_get("/nodeinfo/2.1").await;
        assert_eq!(info["usage"]["localPosts"], 1, "{info}");
        assert_eq!(search_totals(&vidin, "mediation protocol").await, (0, 1));

        // Signed fetches: the partner gets it, a city that is not a partner gets 404.
        assert!(signed_fetch_succeeds(&tran, id).await);
        assert!(!signed_fetch_succeeds(&bitola, id).await, "a city outside the audience fetched it");

        // Nobody may pass it on.
        let (status, body) = tran.api_post("/api/v1/shares", &json!({"item": id})).await;
        assert_eq!(status, 403, "{body}");
        assert!(body["error"]["message"].as_str().unwrap().contains("only public items"), "{body}");
    }

    async fn a_named_cities_report_reaches_exactly_its_cities(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        // Vidin is Tran's partner; Bitola, the visiting city, follows nobody.
        vidin.follow_and_wait(&tran).await;

        let mut report = item_fixture("exchange_report");
        report["details"]["confidentiality"] = json!("restricted");
        let (status, refused) = tran.api_post("/api/v1/items", &report).await;
        assert_eq!(status, 422, "a restricted report was published to everyone: {refused}");
        assert!(
            refused["error"]["fields"].as_array().unwrap().iter().any(|e| e["field"] == "audience.kind"
                && e["code"] == "confidential_in_public"),
            "{refused}"
        );

        let published = tran.publish(for_audience(report, named(&[&bitola]))).await;
        let id = published["id"].as_str().unwrap();
        assert_eq!(published["audience"]["cities"], json!([bitola.actor_id().to_string()]));

        let held = wait_for_staff_item(&bitola, id, "cities").await;
        assert_eq!(held["origin"]["id"], tran.actor_id().as_str());
        wait_until_delivered(&tran).await;
        assert!(
            staff_item(&vidin, id).await.is_none(),
            "a follower that was not named received the report"
        );
        assert!(signed_fetch_succeeds(&bitola, id).await);
        assert!(!signed_fetch_succeeds(&vidin, id).await, "a partner not named fetched it");
        assert_eq!(search_totals(&bitola, "CONNECTION").await.0, 0);
    }

    async fn narrowing_an_audience_withdraws_the_item_from_those_who_lose_it(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        tran.follow_and_wait(&vidin).await;

        let item = vidin.publish(m4r_practice()).await;
        let id = item["id"].as_str().unwrap();
        tran.wait_for_item(id).await;

        let narrowed = for_audience(m4r_practice(), named(&[&bitola]));
        let (status, body) = vidin.api_send(Method::PUT, &vidin.item_path(id), Some(&narrowed)).await;
        assert_eq!(status, 200, "{body}");

        wait_until("Tran to lose the item", || async {
            staff_item(&tran, id).await.is_none().then_some(())
        })
        .await;
        let held = wait_for_staff_item(&bitola, id, "cities").await;
        assert_eq!(held["title"], item["title"]);
        assert_eq!(anonymous_status(&vidin, id, "application/activity+json").await, 404);
        assert!(!outbox_objects(&vidin).await.contains(&id.to_string()));
    }

    async fn a_partner_that_joins_later_receives_what_it_may_read_of_the_history(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        let public = vidin.publish(m4r_practice()).await;
        let partners = vidin
            .publish(for_audience(
                json!({"kind": "good_practice", "title": {"en": "Partners' draft"}}),
                json!({"kind": "partners"}),
            ))
            .await;
        let for_bitola = vidin
            .publish(for_audience(
                json!({"kind": "good_practice", "title": {"en": "For Bitola only"}}),
                named(&[&bitola]),
            ))
            .await;
        let id = |item: &Value| item["id"].as_str().unwrap().to_string();
        assert_eq!(outbox_objects(&vidin).await, [id(&public)], "strangers see only the public item");

        tran.follow_and_wait(&vidin).await;
        tran.wait_for_backfills().await;
        assert!(staff_item(&tran, &id(&public)).await.is_some());
        assert_eq!(wait_for_staff_item(&tran, &id(&partners), "partners").await["title"], "Partners' draft");
        assert!(staff_item(&tran, &id(&for_bitola)).await.is_none(), "the backfill gave Tran an item for Bitola");

        bitola.follow_and_wait(&vidin).await;
        bitola.wait_for_backfills().await;
        assert!(staff_item(&bitola, &id(&for_bitola)).await.is_some());
        assert!(staff_item(&bitola, &id(&partners)).await.is_some(), "Bitola follows Vidin now: a partner");
    }
}
