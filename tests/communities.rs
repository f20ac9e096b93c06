//! Communities of practice (FEP-1b12 `Group`s): real cities on loopback with real signatures.
//! One city hosts a community, others join it, post to it and receive what the others post
//! through the community's relay, fetched from each item's origin; a city that joins late
//! receives the history; moderators refuse and remove members and items; outsiders see nothing
//! of what is for members only.

mod common;

use activitypub_federation::fetch::fetch_object_http;
use common::{Backend, TestCity, wait_until};
use reqwest::Method;
use serde_json::{Value, json};
use url::Url;

fn urlencode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Creates a community hosted by `host`; returns it as the API shows it.
async fn host_community(host: &TestCity, handle: &str, membership: &str) -> Value {
    let (status, community) = host
        .api_post(
            "/api/v1/communities",
            &json!({
                "handle": handle,
                "names": {"en": "Migrant employment", "it": "Occupazione dei migranti"},
                "summaries": {"en": "Cities sharing what gets migrants into work."},
                "themes": ["employment"],
                "membership": membership,
            }),
        )
        .await;
    assert_eq!(status, 201, "{community}");
    community
}

/// This city's standing in the community, as its API lists it.
async fn standing(city: &TestCity, community: &str) -> Option<String> {
    let listed = city.api_get("/api/v1/communities").await;
    listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == community)
        .and_then(|c| c["standing"].as_str().map(str::to_string))
}

async fn wait_for_standing(city: &TestCity, community: &str, expected: &str) {
    wait_until(
        &format!("{} to be `{expected}` in {community}", city.handle),
        || async { (standing(city, community).await.as_deref() == Some(expected)).then_some(()) },
    )
    .await
}

/// Asks to join by the community's `handle@host` address.
async fn join(city: &TestCity, address: &str) {
    let (status, body) = city
        .api_post("/api/v1/communities/joins", &json!({"community": address}))
        .await;
    assert_eq!(status, 202, "{body}");
}

/// A moderator's decision, with the host's admin token.
async fn moderate(host: &TestCity, handle: &str, city: &TestCity, action: &str) -> (u16, Value) {
    host.api_post(
        &format!("/api/v1/communities/{handle}/members"),
        &json!({"city": city.actor_id().to_string(), "action": action}),
    )
    .await
}

fn post(title: &str, community: &str, audience: &str) -> Value {
    json!({
        "kind": "good_practice",
        "title": {"en": title},
        "summary": {"en": "Mentoring by local employers, one mentor for two newcomers."},
        "community": community,
        "audience": {"kind": audience},
    })
}

/// The item as the city's staff see it, or `None` when the city does not hold it (or no
/// longer: deleted or removed).
async fn staff_item(city: &TestCity, id: &str) -> Option<Value> {
    let path = format!("/api/v1/items/lookup?id={}", urlencode(id));
    match city.api_send(Method::GET, &path, None).await {
        (200, item) => Some(item),
        (404 | 410, _) => None,
        (status, body) => panic!("looking up {id} answered {status}: {body}"),
    }
}

async fn wait_for_staff_item(city: &TestCity, id: &str, what: impl Fn(&Value) -> bool) -> Value {
    wait_until(&format!("{} to hold {id}", city.handle), || async {
        staff_item(city, id).await.filter(|item| what(item))
    })
    .await
}

async fn wait_until_gone(city: &TestCity, id: &str) {
    wait_until(&format!("{} to drop {id}", city.handle), || async {
        staff_item(city, id).await.is_none().then_some(())
    })
    .await
}

/// Waits until the city has nothing left to deliver.
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

async fn signed_fetch(reader: &TestCity, id: &str) -> Option<Value> {
    fetch_object_http::<praxis::app::AppContext, Value>(&Url::parse(id).unwrap(), &reader.data())
        .await
        .ok()
        .map(|fetched| fetched.object)
}

/// The item ids the community's outbox lists on its first page, fetched as `reader` (signed)
/// or anonymously.
async fn outbox_items(host: &TestCity, community: &Value, reader: Option<&TestCity>) -> Vec<String> {
    let page = format!("{}/outbox?page=true", community["id"].as_str().unwrap());
    let page = match reader {
        Some(reader) => signed_fetch(reader, &page).await.expect("the outbox page"),
        None => {
            let (status, page) = host.get_ap(&page).await;
            assert_eq!(status, 200, "{page}");
            page
        }
    };
    page["orderedItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(a["type"], "Announce");
            assert_eq!(a["actor"], community["id"]);
            a["object"].as_str().unwrap().to_string()
        })
        .collect()
}

on_both_backends! {
    async fn members_receive_what_other_members_post_and_outsiders_see_nothing_of_it(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        let outsider = TestCity::start("skopje", backend).await;
        let community = host_community(&tran, "employment", "open").await;
        let group = community["id"].as_str().unwrap().to_string();
        let address = community["address"].as_str().unwrap().to_string();
        assert_eq!(community["standing"], "member", "the host belongs to its community");

        // The Group as other software reads it, and found by WebFinger.
        let (status, actor) = tran.get_ap(&group).await;
        assert_eq!(status, 200, "{actor}");
        assert_eq!(actor["type"], "Group");
        assert_eq!(actor["preferredUsername"], "employment");
        assert_eq!(actor["manuallyApprovesFollowers"], false);
        assert_eq!(actor["nameMap"]["it"], "Occupazione dei migranti");
        let moderators = actor["attributedTo"].as_str().unwrap();
        let (status, listed) = tran.get_ap(moderators).await;
        assert_eq!(status, 200);
        assert_eq!(listed["orderedItems"], json!([tran.actor_id().to_string()]));
        join(&vidin, &address).await;
        join(&bitola, &address).await;
        wait_for_standing(&vidin, &group, "member").await;
        wait_for_standing(&bitola, &group, "member").await;

        // Who the members are is for members only.
        let members = format!("{group}/members");
        let (status, anonymous) = tran.get_ap(&members).await;
        assert_eq!(status, 200);
        assert_eq!(anonymous["totalItems"], 3);
        assert!(anonymous.get("orderedItems").is_none(), "{anonymous}");
        let signed = signed_fetch(&vidin, &members).await.unwrap();
        let listed: Vec<&str> = signed["orderedItems"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        for city in [&tran, &vidin, &bitola] {
            assert!(listed.contains(&city.actor_id().as_str()), "{listed:?}");
        }
        let to_outsider = signed_fetch(&outsider, &members).await.unwrap();
        assert!(to_outsider.get("orderedItems").is_none(), "{to_outsider}");

        // Vidin posts for the members only; Bitola, which does not follow Vidin, receives it
        // through the community, and so does the host.
        let confidential = vidin
            .publish(post("Peer review of the Vidin job-mentoring pilot", &group, "community"))
            .await;
        let id = confidential["id"].as_str().unwrap().to_string();
        assert_eq!(confidential["audience"]["kind"], "community");
        let held = wait_for_staff_item(&bitola, &id, |_| true).await;
        assert_eq!(held["audience"]["kind"], "community");
        wait_for_staff_item(&tran, &id, |_| true).await;
        // Bitola posts for everyone in the community; Vidin receives it the same way.
        let open = bitola
            .publish(post("Bitola's employer breakfast for newcomers", &group, "public"))
            .await;
        let open_id = open["id"].as_str().unwrap().to_string();
        wait_for_staff_item(&vidin, &open_id, |_| true).await;

        // A change at the origin reaches every member through the community.
        let mut changed = post("Peer review of the Vidin job-mentoring pilot, final", &group, "community");
        changed["summary"] = json!({"en": "Revised after the visit."});
        let (status, body) = vidin.api_send(Method::PUT, &vidin.item_path(&id), Some(&changed)).await;
        assert_eq!(status, 200, "{body}");
        wait_for_staff_item(&bitola, &id, |item| item["title"] == "Peer review of the Vidin job-mentoring pilot, final").await;

        // The community as a feed: its items only, the members-only one for staff only.
        let feed = format!("/api/v1/feed?community={}", urlencode(&group));
        let (status, staff_feed) = bitola.api_send(Method::GET, &feed, None).await;
        assert_eq!(status, 200, "{staff_feed}");
        let ids: Vec<&str> = staff_feed["items"].as_array().unwrap().iter().filter_map(|i| i["id"].as_str()).collect();
        assert_eq!(ids, vec![open_id.as_str(), id.as_str()], "newest first");
        let public_feed = bitola.api_get(&feed).await;
        let ids: Vec<&str> = public_feed["items"].as_array().unwrap().iter().filter_map(|i| i["id"].as_str()).collect();
        assert_eq!(ids, vec![open_id.as_str()]);
        let unrelated = bitola.publish(json!({"kind": "good_practice", "title": {"en": "Not for the community"}, "summary": {"en": "A practice of Bitola's own."}})).await;
        let (_, staff_feed) = bitola.api_send(Method::GET, &feed, None).await;
        assert!(!staff_feed["items"].as_array().unwrap().iter().any(|i| i["id"] == unrelated["id"]));

        // And as a search filter, with or without words.
        let search = format!("/api/v1/search?community={}", urlencode(&group));
        // The index follows the store shortly after.
        wait_until("Bitola's index to hold both community items", || async {
            let (status, found) = bitola.api_send(Method::GET, &search, None).await;
            assert_eq!(status, 200, "{found}");
            (found["total"] == 2).then_some(())
        })
        .await;
        assert_eq!(bitola.api_get(&search).await["total"], 1, "a visitor found a members-only item");
        let (_, found) = bitola.api_send(Method::GET, &format!("{search}&q=breakfast"), None).await;
        assert_eq!(found["total"], 1, "{found}");
        let (status, bad) = bitola.api_send(Method::GET, "/api/v1/search?community=nowhere", None).await;
        assert_eq!(status, 422, "{bad}");

        // An outsider: no fetch of the confidential item at its origin, signed or not, and the
        // community's outbox lists only the public post for it.
        assert!(signed_fetch(&outsider, &id).await.is_none(), "the outsider fetched a members-only item");
        let (status, _) = vidin.get_ap(&id).await;
        assert_eq!(status, 404);
        let for_anyone = outbox_items(&tran, &community, None).await;
        assert_eq!(for_anyone, vec![open_id.clone()]);
        let for_outsider = outbox_items(&tran, &community, Some(&outsider)).await;
        assert_eq!(for_outsider, vec![open_id.clone()]);
        let for_member = outbox_items(&tran, &community, Some(&bitola)).await;
        assert!(for_member.contains(&id) && for_member.contains(&open_id), "{for_member:?}");
        let search = outsider.api_get("/api/v1/search?q=mentoring").await;
        assert_eq!(search["total"], 0, "{search}");
        assert!(staff_item(&outsider, &id).await.is_none());

        // Deleted at its origin: gone from every member.
        let (status, body) = vidin.api_send(Method::DELETE, &vidin.item_path(&id), None).await;
        assert!(status == 200 || status == 204, "{status} {body}");
        wait_until_gone(&bitola, &id).await;
        wait_until_gone(&tran, &id).await;
    }

    async fn a_late_member_receives_the_history_and_moderators_refuse_and_remove(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        let community = host_community(&tran, "one_stop_shops", "approval").await;
        let group = community["id"].as_str().unwrap().to_string();
        let address = community["address"].as_str().unwrap().to_string();

        // On approval: the request waits for a moderator.
        join(&vidin, &address).await;
        wait_until("Tran to hold Vidin's request", || async {
            let (_, roster) = tran.api_send(Method::GET, "/api/v1/communities/one_stop_shops", None).await;
            roster["cities"].as_array()?.iter().any(|c| c["state"] == "pending").then_some(())
        })
        .await;
        assert_eq!(standing(&vidin, &group).await.as_deref(), Some("pending"));
        // A reader is not a moderator; an editor the moderators appoint is.
        let editor = tran.user_token("mila", praxis::domain::user::Role::Editor).await;
        let as_editor = |path: String, body: Value| {
            let http = tran.http.clone();
            let url = tran.url(&path);
            let token = editor.clone();
            async move {
                let response = http.post(url).bearer_auth(token).json(&body).send().await.unwrap();
                response.status().as_u16()
            }
        };
        let approve = json!({"city": vidin.actor_id().to_string(), "action": "approve"});
        assert_eq!(as_editor("/api/v1/communities/one_stop_shops/members".into(), approve.clone()).await, 403);
        let (status, body) = tran
            .api_send(Method::PUT, "/api/v1/communities/one_stop_shops/moderators/mila", None)
            .await;
        assert_eq!(status, 204, "{body}");
        assert_eq!(as_editor("/api/v1/communities/one_stop_shops/members".into(), approve).await, 200);
        wait_for_standing(&vidin, &group, "member").await;

        // Vidin posts twice before Bitola joins.
        let first = vidin.publish(post("One-stop shop intake checklist", &group, "community")).await;
        let second = vidin.publish(post("One-stop shop opening hours study", &group, "public")).await;
        let (first, second) = (first["id"].as_str().unwrap().to_string(), second["id"].as_str().unwrap().to_string());
        wait_for_staff_item(&tran, &first, |_| true).await;
        wait_for_staff_item(&tran, &second, |_| true).await;

        // Bitola is refused once, then asks again and is let in: it receives the history.
        join(&bitola, &address).await;
        wait_until("Bitola's request", || async {
            let (status, _) = moderate(&tran, "one_stop_shops", &bitola, "refuse").await;
            (status == 200).then_some(())
        })
        .await;
        wait_until("Bitola to learn it was refused", || async {
            standing(&bitola, &group).await.is_none().then_some(())
        })
        .await;
        join(&bitola, &address).await;
        wait_until("Bitola's second request", || async {
            let (status, _) = moderate(&tran, "one_stop_shops", &bitola, "approve").await;
            (status == 200).then_some(())
        })
        .await;
        wait_for_standing(&bitola, &group, "member").await;
        let held = wait_for_staff_item(&bitola, &first, |_| true).await;
        assert_eq!(held["audience"]["kind"], "community");
        wait_for_staff_item(&bitola, &second, |_| true).await;

        // A moderator takes the public post out: every member drops its copy, and it leaves
        // the community's outbox.
        let (status, body) = tran
            .api_post("/api/v1/communities/one_stop_shops/removals", &json!({"item": second}))
            .await;
        assert_eq!(status, 200, "{body}");
        wait_until_gone(&bitola, &second).await;
        assert!(!outbox_items(&tran, &community, None).await.contains(&second));
        assert!(staff_item(&vidin, &second).await.is_some(), "the origin keeps its own item");

        // Vidin is removed: it is told, and cannot ask its way back in.
        let (status, body) = moderate(&tran, "one_stop_shops", &vidin, "remove").await;
        assert_eq!(status, 200, "{body}");
        wait_until("Vidin to learn it was removed", || async {
            standing(&vidin, &group).await.is_none().then_some(())
        })
        .await;
        let (status, body) = vidin.api_post("/api/v1/items", &post("After removal", &group, "community")).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["fields"][0]["code"], "not_a_member", "{body}");
        join(&vidin, &address).await;
        wait_until_delivered(&vidin).await;
        wait_until_delivered(&tran).await;
        assert_eq!(standing(&vidin, &group).await, None, "a removed city was let back in");

        // A removed city that ignores its removal and posts anyway is refused by the host, and
        // nothing reaches the members.
        let (db, local, group_url) = (vidin.ctx().db.clone(), vidin.ctx().city_id, Url::parse(&group).unwrap());
        db.write(move |conn| -> Result<(), praxis::storage::StorageError> {
            let (id, _) = praxis::storage::cities::find_by_ap_id(conn, &group_url)?.unwrap();
            let follow = Url::parse("https://vidin.invalid/activities/follow-ignored").unwrap();
            praxis::storage::follows::upsert(conn, local, id, &follow, praxis::storage::follows::FollowState::Accepted)
        })
        .await
        .unwrap();
        let defiant = vidin.publish(post("Posted after removal", &group, "community")).await;
        let defiant = defiant["id"].as_str().unwrap().to_string();
        wait_until_delivered(&vidin).await;
        assert!(staff_item(&tran, &defiant).await.is_none(), "the host took a removed city's post");
        assert!(staff_item(&bitola, &defiant).await.is_none(), "a member received a removed city's post");

        // Readmitted, it may ask again.
        let (status, body) = moderate(&tran, "one_stop_shops", &vidin, "readmit").await;
        assert_eq!(status, 200, "{body}");
    }
}

/// A Lemmy-shaped fixture with its made-up hosts replaced by the real ones of this test.
fn lemmy_fixture(name: &str, lemmy: &Url, praxis: &TestCity) -> Value {
    let path = format!("{}/tests/fixtures/lemmy/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = text
        .replace("https://lemmy.example", lemmy.as_str().trim_end_matches('/'))
        .replace(
            "https://praxis.vidin.example",
            praxis.url("/").as_str().trim_end_matches('/'),
        );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

on_both_backends! {
    async fn a_city_joins_a_lemmy_group_and_a_lemmy_user_joins_a_praxis_community(backend: Backend) {
        // Lemmy cannot run here: a stand-in server on loopback answers with documents shaped as
        // Lemmy's (tests/fixtures/lemmy), signed with the stand-in's own key.
        let lemmy = common::attacker::Attacker::start().await;
        let vidin = TestCity::start("vidin", backend).await;
        let mut group = lemmy_fixture("group", &lemmy.base, &vidin);
        group["publicKey"]["publicKeyPem"] = json!(lemmy.keys.public_key);
        let group_id = group["id"].as_str().unwrap().to_string();
        let path = Url::parse(&group_id).unwrap().path().to_string();
        lemmy.serve_json(&path, &group);
        lemmy.serve_json(&format!("{path}/followers"), &lemmy_fixture("group_followers", &lemmy.base, &vidin));
        lemmy.serve_json(&format!("{path}/outbox"), &json!({
            "type": "OrderedCollection", "id": format!("{group_id}/outbox"), "totalItems": 0, "orderedItems": []
        }));

        // Joining: the Group is read as a community, and the Follow goes to its inbox.
        join(&vidin, &group_id).await;
        let listed = vidin.api_get("/api/v1/communities").await;
        let community = listed.as_array().unwrap().iter().find(|c| c["id"] == group_id.as_str()).unwrap().clone();
        assert_eq!(community["handle"], "roma_inclusion");
        assert_eq!(community["standing"], "pending");
        assert_eq!(community["is_local"], false);
        let follow = wait_until("the Follow at the Lemmy group", || async {
            lemmy.inbox().into_iter().find(|a| a["type"] == "Follow")
        })
        .await;
        assert_eq!(follow["object"], group_id.as_str());
        assert_eq!(follow["actor"], vidin.actor_id().as_str());

        // The Group's Accept, as Lemmy sends it (the Follow re-serialized with `to`).
        let mut accept = lemmy_fixture("accept_follow_group", &lemmy.base, &vidin);
        accept["object"]["id"] = follow["id"].clone();
        let (status, body) = lemmy
            .deliver(vidin.url("/inbox"), &accept)
            .key_id(&format!("{group_id}#main-key"))
            .send()
            .await;
        assert_eq!(status, 202, "{body}");
        wait_for_standing(&vidin, &group_id, "member").await;

        // A Lemmy post (a `Page`) announced by the Group is not kept, and says so.
        let page = lemmy_fixture("announce_create_page", &lemmy.base, &vidin);
        let (status, body) = lemmy
            .deliver(vidin.url("/inbox"), &page)
            .key_id(&format!("{group_id}#main-key"))
            .send()
            .await;
        assert_eq!(status, 202, "{body}");
        assert_eq!(body["status"], "ignored", "{body}");

        // A Lemmy user joins a Praxis community: the Accept has the shape Lemmy checks (the
        // Group as actor, the Follow embedded, `to` the follower).
        let host = host_community(&vidin, "health_mediation", "open").await;
        let person = lemmy.url("/u/mediator");
        let mut actor = common::attacker::organization(&person, &lemmy.base, &lemmy.keys.public_key);
        actor["type"] = json!("Person");
        actor["preferredUsername"] = json!("mediator");
        lemmy.serve_json("/u/mediator", &actor);
        let mut follow = lemmy_fixture("follow_from_lemmy_user", &lemmy.base, &vidin);
        follow["to"] = json!([host["id"]]);
        follow["object"] = host["id"].clone();
        let (status, body) = lemmy
            .deliver(vidin.url("/inbox"), &follow)
            .key_id(&format!("{person}#main-key"))
            .send()
            .await;
        assert_eq!(status, 202, "{body}");
        let accept = wait_until("the Accept at the Lemmy user's inbox", || async {
            lemmy.inbox().into_iter().find(|a| a["type"] == "Accept")
        })
        .await;
        assert_eq!(accept["actor"], host["id"]);
        assert_eq!(accept["to"], json!([person.as_str()]));
        assert_eq!(accept["object"]["actor"], person.as_str());
        assert_eq!(accept["object"]["object"], host["id"]);
        let (_, roster) = vidin.api_send(Method::GET, "/api/v1/communities/health_mediation", None).await;
        assert!(
            roster["cities"].as_array().unwrap().iter().any(|c| c["city"]["id"] == person.as_str() && c["state"] == "member"),
            "{roster}"
        );
    }
}
