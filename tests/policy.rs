//! The federation policy: an allowlist city exchanges nothing with non-members, either way; a
//! blocklist refuses the blocked; follow requests from non-members can wait for an admin.
//! Real instances, real signed deliveries.

mod common;

use bytes::Bytes;
use common::{Backend, TestCity, m4r_practice, wait_until, web::WebSession};
use praxis::{
    domain::policy::{DomainList, PolicyMode},
    federation::delivery::sender::{Outcome, post_signed},
    service::policy::{add_domains, parse_domain, set_mode},
    storage::{StorageError, cities, deliveries, received},
};
use reqwest::Method;
use serde_json::{Value, json};

/// Puts `members` on `city`'s allowlist and turns the allowlist on.
async fn allow_only(city: &TestCity, members: &[&TestCity]) {
    let ctx = city.ctx();
    let domains = members
        .iter()
        .map(|m| parse_domain("domain", &m.settings.domain()).unwrap())
        .collect();
    add_domains(&ctx.policy, domains, DomainList::Allow, Some("partner".into()))
        .await
        .unwrap();
    set_mode(&ctx.policy, PolicyMode::Allowlist, None).await.unwrap();
}

/// How `city` sees its relationship with `other`: as follower and as followed.
async fn relations(city: &TestCity, other: &TestCity) -> (Option<String>, Option<String>) {
    let follows = city.api_get("/api/v1/follows").await;
    let state = |key: &str| {
        follows[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["city"]["id"] == other.actor_id().as_str())
            .map(|r| r["state"].as_str().unwrap().to_string())
    };
    (state("followers"), state("following"))
}

/// What `city` has stored that a peer's activity could change: how many cities it knows, its
/// queue by state, and its relations with `other`.
async fn stored(
    city: &TestCity,
    other: &TestCity,
) -> (i64, deliveries::QueueCounts, (Option<String>, Option<String>)) {
    let (known, queue) = city
        .ctx()
        .db
        .read(|conn| -> Result<_, StorageError> { Ok((cities::count(conn)?, deliveries::counts(conn)?)) })
        .await
        .unwrap();
    (known, queue, relations(city, other).await)
}

/// Waits until `city`'s queue has nothing pending: every delivery it queued was tried and
/// answered (or given up).
async fn wait_for_empty_queue(city: &TestCity) -> deliveries::QueueCounts {
    wait_until(
        &format!("{}'s queue to have nothing pending", city.handle),
        || async {
            let counts = city.ctx().db.read(deliveries::counts).await.ok()?;
            (counts.pending == 0).then_some(counts)
        },
    )
    .await
}

/// A Follow from `from` to `to`, signed by `from`.
fn follow_activity(from: &TestCity, to: &TestCity) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Follow",
        "id": from.url(&format!("/activities/follow-{}", uuid::Uuid::new_v4())),
        "actor": from.actor_id(),
        "object": to.actor_id(),
    })
}

on_both_backends! {
    async fn an_allowlist_city_exchanges_nothing_with_non_members_either_way(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let outsider = TestCity::start_behind_proxy("outsider", backend, "").await;
        // The outsider followed while Campobasso was open to everyone.
        outsider.follow_and_wait(&campobasso).await;
        tran.follow_and_wait(&campobasso).await;
        allow_only(&campobasso, &[&tran]).await;

        // Inbound: the outsider's activities are refused with 403 and a reason, nothing stored:
        // not the activity's id, no relation, no city, and no Accept queued.
        wait_for_empty_queue(&campobasso).await;
        let before = stored(&campobasso, &outsider).await;
        let follow = follow_activity(&outsider, &campobasso);
        let answer = post_signed(
            &outsider.data(),
            &campobasso.url("/inbox"),
            Bytes::from(follow.to_string()),
        )
        .await;
        match answer {
            Outcome::Refused { status, error } => {
                assert_eq!(status, 403, "{error}");
                assert!(error.contains("allowlist"), "the refusal says why: {error}");
                assert!(error.contains(&outsider.settings.domain()), "and names the domain: {error}");
            }
            other => panic!("the outsider's Follow was not refused: {other:?}"),
        }
        let follow_id = url::Url::parse(follow["id"].as_str().unwrap()).unwrap();
        let seen = campobasso
            .ctx()
            .db
            .read(move |conn| received::seen(conn, &follow_id))
            .await
            .unwrap();
        assert!(!seen, "the refused Follow was recorded as received");
        assert_eq!(stored(&campobasso, &outsider).await, before, "the refused Follow changed what is stored");

        // Outbound: a new item goes to the member, and not even a request to the outsider, once
        // every delivery of it has been tried. (The test's own requests to the outsider go
        // through its proxy too, so none is made while counting.)
        let outsider_proxy = outsider.proxy.as_ref().unwrap();
        let reached_outsider = outsider_proxy.requests();
        let item = campobasso.publish(m4r_practice()).await;
        let id = item["id"].as_str().unwrap();
        tran.wait_for_item(id).await;
        assert_eq!(item["deliveries_queued"], 1, "queued for the member only: {item}");
        let queue = wait_for_empty_queue(&campobasso).await;
        assert_eq!(queue.dead, 0, "a delivery was given up: {queue:?}");
        assert_eq!(
            outsider_proxy.requests(),
            reached_outsider,
            "requests reached the outsider"
        );
        assert!(outsider.item(id).await.is_none());

        // Nor does Campobasso follow or look up the outsider: refused before any request (no
        // WebFinger, no actor fetch, no Follow queued).
        let reached_outsider = outsider_proxy.requests();
        let before = stored(&campobasso, &outsider).await;
        let (status, body) = campobasso
            .api_send(Method::POST, "/api/v1/follows", Some(&json!({"city": outsider.address()})))
            .await;
        assert_eq!(status, 403, "{body}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("allowlist"), "{message}");
        assert_eq!(
            outsider_proxy.requests(),
            reached_outsider,
            "following the outsider sent it requests"
        );
        let after = stored(&campobasso, &outsider).await;
        assert_eq!(after, before, "refusing to follow changed what is stored");
        assert_eq!(after.2.1, None, "no follow was recorded");

        // The member still talks both ways.
        campobasso.follow_and_wait(&tran).await;
        let back = tran.publish(common::prosperous_community_practice()).await;
        campobasso.wait_for_item(back["id"].as_str().unwrap()).await;
    }

    async fn follow_requests_from_non_members_wait_for_an_admin(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        let skopje = TestCity::start("skopje", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        let ctx = sofia.ctx();
        add_domains(
            &ctx.policy,
            vec![parse_domain("domain", &vidin.settings.domain()).unwrap()],
            DomainList::Allow,
            None,
        )
        .await
        .unwrap();
        set_mode(&ctx.policy, PolicyMode::Open, Some(true)).await.unwrap();

        // A member is accepted at once.
        vidin.follow_and_wait(&sofia).await;

        // Non-members wait; nothing is sent to them meanwhile.
        skopje.follow(&sofia).await;
        bitola.follow(&sofia).await;
        for city in [&skopje, &bitola] {
            wait_until("the request to be held", || async {
                (relations(&sofia, city).await.0.as_deref() == Some("pending")).then_some(())
            })
            .await;
        }
        let item = sofia.publish(m4r_practice()).await;
        assert_eq!(item["deliveries_queued"], 1, "only the accepted follower gets items: {item}");

        // The admin approves one (it learns it is accepted) and rejects the other (it learns
        // it is not, and forgets its request).
        let (status, body) = sofia
            .api_send(Method::POST, "/api/v1/follows/requests/approve", Some(&json!({"city": skopje.address()})))
            .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = sofia
            .api_send(Method::POST, "/api/v1/follows/requests/reject", Some(&json!({"city": bitola.address()})))
            .await;
        assert_eq!(status, 200, "{body}");
        wait_until("skopje to learn it was accepted", || async {
            (relations(&skopje, &sofia).await.1.as_deref() == Some("accepted")).then_some(())
        })
        .await;
        wait_until("bitola to learn it was turned down", || async {
            relations(&bitola, &sofia).await.1.is_none().then_some(())
        })
        .await;
        assert_eq!(relations(&sofia, &skopje).await.0.as_deref(), Some("accepted"));
        assert_eq!(relations(&sofia, &bitola).await.0, None);

        // Approving a request that does not wait is a clear 404.
        let (status, body) = sofia
            .api_send(Method::POST, "/api/v1/follows/requests/approve", Some(&json!({"city": bitola.address()})))
            .await;
        assert_eq!(status, 404, "{body}");
    }

    async fn switching_to_an_allowlist_names_the_cities_it_cuts_off_and_asks_first(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let campobasso = TestCity::start("campobasso", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        tran.follow_and_wait(&campobasso).await;
        bitola.follow_and_wait(&tran).await;
        let mut admin = WebSession::logged_in(&tran, "admin").await;
        let csrf = admin.get("/admin").await.csrf().unwrap();
        let mode = || async { tran.api_send(Method::GET, "/api/v1/admin/policy", None).await.1["mode"].clone() };

        // An empty allowlist would cut off both: the admin is told which, and nothing changes.
        let asked = admin.post("/admin/policy", &[("csrf", &csrf), ("mode", "allowlist")]).await;
        assert_eq!(asked.status, 200, "{}", asked.body);
        assert!(asked.body.contains("Cut off these cities?"), "{}", asked.body);
        assert!(asked.body.contains("stops all exchange with 2 cities"), "{}", asked.body);
        assert!(asked.body.contains("City of campobasso") && asked.body.contains("City of bitola"), "{}", asked.body);
        assert!(asked.body.contains("follows this city"), "{}", asked.body);
        assert_eq!(mode().await, "open");

        // With Campobasso on the list, only Bitola would be cut off.
        add_domains(
            &tran.ctx().policy,
            vec![parse_domain("domain", &campobasso.settings.domain()).unwrap()],
            DomainList::Allow,
            None,
        )
        .await
        .unwrap();
        let asked = admin.post("/admin/policy", &[("csrf", &csrf), ("mode", "allowlist")]).await;
        assert!(asked.body.contains("stops all exchange with one city"), "{}", asked.body);
        assert!(!asked.body.contains("City of campobasso") && asked.body.contains("City of bitola"), "{}", asked.body);
        assert_eq!(mode().await, "open");

        // Confirmed, the allowlist applies; the cities page says what it means for each city.
        let confirmed = admin
            .post("/admin/policy", &[("csrf", &csrf), ("mode", "allowlist"), ("confirm", "yes")])
            .await;
        assert_eq!(confirmed.status, 303, "{}", confirmed.body);
        assert_eq!(mode().await, "allowlist");
        let cities = admin.get("/cities").await;
        let row = |name: &str| {
            let start = cities.body.find(&format!(">{name}</a>")).expect("the city is listed");
            let end = cities.body[start..].find("</li>").unwrap() + start;
            cities.body[start..end].to_string()
        };
        assert!(row("City of campobasso").contains("allowed by the federation policy"), "{}", cities.body);
        assert!(row("City of bitola").contains("not on the allowlist: nothing is exchanged"), "{}", cities.body);

        // Back to open cuts off no one: no question asked.
        let open = admin.post("/admin/policy", &[("csrf", &csrf), ("mode", "open")]).await;
        assert_eq!(open.status, 303);
        assert_eq!(mode().await, "open");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocklist_refuses_the_blocked_and_no_one_else() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let spam = TestCity::start("spam", Backend::Sqlite).await;
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let (status, body) = tran
        .api_send(
            Method::POST,
            "/api/v1/admin/policy/domains",
            Some(&json!({"domain": spam.address(), "list": "block", "note": "sends junk"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = tran
        .api_send(
            Method::PUT,
            "/api/v1/admin/policy",
            Some(&json!({"mode": "blocklist"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["mode"], "blocklist");
    assert_eq!(body["block"][0]["domain"], spam.settings.domain());
    assert_eq!(body["block"][0]["note"], "sends junk");

    let answer = post_signed(
        &spam.data(),
        &tran.url("/inbox"),
        Bytes::from(follow_activity(&spam, &tran).to_string()),
    )
    .await;
    assert!(
        matches!(&answer, Outcome::Refused { status: 403, error } if error.contains("blocked")),
        "{answer:?}"
    );
    vidin.follow_and_wait(&tran).await;
    assert_eq!(relations(&tran, &spam).await.0, None);

    // Bad input is named and changes nothing.
    let (status, body) = tran
        .api_send(
            Method::POST,
            "/api/v1/admin/policy/domains",
            Some(&json!({"domain": "not a domain", "list": "allow"})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "domain");
    assert_eq!(body["error"]["fields"][0]["code"], "not_a_domain");
    let (_, policy) = tran.api_send(Method::GET, "/api/v1/admin/policy", None).await;
    assert!(policy["allow"].as_array().unwrap().is_empty(), "{policy}");
}
