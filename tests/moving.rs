//! A city that changes its address (a municipality merger, a new web address): the new instance
//! names the old actor in `alsoKnownAs`, the old one moves there, and its followers follow the
//! new actor instead, crediting it with the items they hold. Three real cities on loopback.

mod common;

use common::{
    Backend, TestCity,
    attacker::{Attacker, organization},
    m4r_practice, wait_until,
};
use reqwest::Method;
use serde_json::json;

/// `praxis export` of the city's archive.
async fn export(city: &TestCity) -> Vec<u8> {
    let mut archive = Vec::new();
    praxis::service::archive::export(&city.data(), &mut archive)
        .await
        .unwrap();
    archive
}

/// `praxis restore` of an archive: the (old id, new id) of every item.
async fn restore(city: &TestCity, archive: &[u8]) -> Vec<(url::Url, url::Url)> {
    let archive = praxis::service::archive::read(archive).unwrap();
    praxis::service::archive::restore(&city.data(), archive, || {})
        .await
        .unwrap()
        .items
}

async fn follower_count(city: &TestCity) -> i64 {
    let (_, followers) = city.get_ap("/city/followers").await;
    followers["totalItems"].as_i64().unwrap()
}

on_both_backends! {
    async fn a_city_that_moves_takes_its_followers_and_its_items_along(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        vidin.follow_and_wait(&tran).await;
        let item = tran.publish(m4r_practice()).await;
        let id = item["id"].as_str().unwrap().to_string();
        vidin.wait_for_item(&id).await;

        let names_tran = format!("[city]\nalso_known_as = [\"{}\"]\n", tran.actor_id());
        let breznik = TestCity::start_with("breznik", backend, &names_tran).await;
        let (_, new_actor) = breznik.get_ap("/city").await;
        assert_eq!(new_actor["alsoKnownAs"], json!([tran.actor_id().as_str()]), "{new_actor}");

        // A city that does not name Tran cannot be moved to, and nothing changes.
        let refused = praxis::service::city::move_to(&tran.data(), vidin.actor_id().as_str())
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("alsoKnownAs"), "{refused}");
        let (_, actor) = tran.get_ap("/city").await;
        assert!(actor.get("movedTo").is_none(), "{actor}");

        let moved = praxis::service::city::move_to(&tran.data(), breznik.actor_id().as_str())
            .await
            .unwrap();
        assert_eq!(moved.deliveries, 1, "one Move, to the one follower");
        assert_eq!(moved.items_brought_along, 0, "Breznik restored none of Tran's items");
        let (_, actor) = tran.get_ap("/city").await;
        assert_eq!(actor["movedTo"], breznik.actor_id().as_str());
        // The old address publishes nothing more, and changes nothing it published.
        let (status, refused) = tran.api_post("/api/v1/items", &m4r_practice()).await;
        assert_eq!(status, 409, "{refused}");
        assert_eq!(refused["error"]["code"], "moved", "{refused}");
        assert!(refused.to_string().contains("moved to"), "{refused}");
        let (status, _) = tran.api_send(Method::DELETE, &tran.item_path(&id), None).await;
        assert_eq!(status, 409);

        // Vidin believed it (both documents agree), follows Breznik, and no longer Tran.
        wait_until("Vidin to follow the new city", || async {
            (follower_count(&breznik).await == 1).then_some(())
        })
        .await;
        wait_until("Vidin to stop following the old city", || async {
            (follower_count(&tran).await == 0).then_some(())
        })
        .await;
        let following = wait_until("Breznik's Accept to reach Vidin", || async {
            let (_, following) = vidin.get_ap("/city/following").await;
            following.to_string().contains(breznik.actor_id().as_str()).then_some(following)
        })
        .await;
        assert!(!following.to_string().contains(tran.actor_id().as_str()), "{following}");

        // The item Vidin holds is credited to the city at its new address; its link still works.
        let held = vidin.item(&id).await.unwrap();
        assert_eq!(held["origin"]["id"], breznik.actor_id().as_str(), "{held}");
        let (status, _) = tran.get_ap(&id).await;
        assert_eq!(status, 200, "the old instance still answers for its item");
    }
}

/// A `Move` is believed only when both actors say so, as their origins serve them: a peer that
/// claims to have moved to a city that does not name it, or names a new actor its own document
/// does not point to, moves nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_move_that_only_one_side_claims_is_refused() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let peer = Attacker::start().await;
    let inbox = vidin.url("/inbox");
    let moving = |target: &str| {
        let mut activity = peer.activity("Move", json!(peer.actor_id()));
        activity["target"] = json!(target);
        activity
    };

    // Tran does not list the peer in its alsoKnownAs.
    let (status, answer) = peer
        .deliver(inbox.clone(), &moving(tran.actor_id().as_str()))
        .send()
        .await;
    assert_eq!(status, 403, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("alsoKnownAs"),
        "{answer}"
    );

    // A second actor of the peer's lists the first, but the first does not name it as movedTo.
    let second = peer.url("/second");
    let mut document = organization(&second, &peer.base, &peer.keys.public_key);
    document["alsoKnownAs"] = json!([peer.actor_id()]);
    peer.serve_json("/second", &document);
    let (status, answer) = peer.deliver(inbox.clone(), &moving(second.as_str())).send().await;
    assert_eq!(status, 403, "{answer}");
    assert!(
        answer["error"]["message"].as_str().unwrap().contains("movedTo"),
        "{answer}"
    );

    // Another actor's move is not the sender's to make.
    let mut theirs = moving(second.as_str());
    theirs["object"] = json!(tran.actor_id());
    let (status, answer) = peer.deliver(inbox, &theirs).send().await;
    assert_eq!(status, 403, "{answer}");
    let (_, following) = vidin.get_ap("/city/following").await;
    assert_eq!(following["totalItems"], 0, "{following}");
}

/// The admin page moves the city too: refused with the reason in the admin's language while the
/// new city does not name this one or the move is not confirmed, done once both hold.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_moves_the_city_on_the_admin_page() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let names_tran = format!("[city]\nalso_known_as = [\"{}\"]\n", tran.actor_id());
    let breznik = TestCity::start_with("breznik", Backend::Sqlite, &names_tran).await;
    let item = tran.publish(m4r_practice()).await;
    let mut admin = common::web::WebSession::logged_in(&tran, "admin").await;
    let csrf = admin.get("/admin").await.csrf().unwrap();

    let unconfirmed = admin
        .post(
            "/admin/move",
            &[("csrf", &csrf), ("to", breznik.actor_id().as_str())],
        )
        .await;
    assert_eq!(unconfirmed.status, 400, "{}", unconfirmed.body);
    assert!(
        unconfirmed.body.contains("Confirm the move first"),
        "{}",
        unconfirmed.body
    );
    let not_named = admin
        .post(
            "/admin/move",
            &[
                ("csrf", &csrf),
                ("to", vidin.actor_id().as_str()),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(not_named.status, 422, "{}", not_named.body);
    assert!(
        not_named.body.contains("does not name this city"),
        "{}",
        not_named.body
    );
    let (_, actor) = tran.get_ap("/city").await;
    assert!(actor.get("movedTo").is_none(), "{actor}");

    let moved = admin
        .post(
            "/admin/move",
            &[
                ("csrf", &csrf),
                ("to", breznik.actor_id().as_str()),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    let page = admin.get("/admin?done=moved").await;
    assert!(page.body.contains("The city has moved"), "{}", page.body);
    assert!(page.body.contains(breznik.actor_id().as_str()), "{}", page.body);
    let (_, actor) = tran.get_ap("/city").await;
    assert_eq!(actor["movedTo"], breznik.actor_id().as_str());

    // Staff at the old address are told to work at the new one, and the item stays.
    let uuid = item["id"].as_str().unwrap().rsplit('/').next().unwrap();
    let refused = admin
        .post(&format!("/items/{uuid}/delete"), &[("csrf", &csrf)])
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(
        refused.body.contains("This city has moved to a new address"),
        "{}",
        refused.body
    );
    let (status, _) = tran.get_ap(item["id"].as_str().unwrap()).await;
    assert_eq!(status, 200, "the item was not deleted");
}

// The new instance restores the old city's archive under new ids, each naming its old id;
// after the move, the old ids answer with tombstones that name the new ones (and the old pages
// lead to the new ones), and a follower holds each item under its new id, so the new city's
// later changes reach it.
on_both_backends! {
    async fn items_brought_along_keep_their_links_and_their_later_changes_reach_followers(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        vidin.follow_and_wait(&tran).await;
        let brought = tran.publish(m4r_practice()).await;
        let old_id = brought["id"].as_str().unwrap().to_string();
        vidin.wait_for_item(&old_id).await;

        let archive = export(&tran).await;
        let left = tran.publish(json!({"kind": "good_practice", "title": {"en": "Published after the archive"}})).await;
        let left_id = left["id"].as_str().unwrap().to_string();

        let names_tran = format!("[city]\nalso_known_as = [\"{}\"]\n", tran.actor_id());
        let breznik = TestCity::start_with("breznik", backend, &names_tran).await;
        let restored = restore(&breznik, &archive).await;
        let new_id = restored.iter().find(|(old, _)| old.as_str() == old_id).unwrap().1.to_string();
        assert_ne!(new_id, old_id);
        let (_, article) = breznik.get_ap(&new_id).await;
        assert_eq!(article["alsoKnownAs"], json!([old_id]), "{article}");

        let moved = praxis::service::city::move_to(&tran.data(), breznik.actor_id().as_str())
            .await
            .unwrap();
        assert_eq!((moved.deliveries, moved.items_brought_along), (1, 1), "{moved:?}");
        let mut admin = common::web::WebSession::logged_in(&tran, "admin").await;
        let page = admin.get("/admin").await;
        assert!(
            page.body.contains("One of the city’s items has its new address there"),
            "{}",
            page.body
        );

        // The old id is gone from the old instance and names the new one; the old page leads there.
        let (status, tombstone) = tran.get_ap(&old_id).await;
        assert_eq!(status, 410, "{tombstone}");
        assert_eq!(tombstone["type"], "Tombstone", "{tombstone}");
        assert_eq!(tombstone["movedTo"], new_id.as_str(), "{tombstone}");
        let page = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(&old_id)
            .header("Accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 301);
        assert_eq!(page.headers()["location"].to_str().unwrap(), new_id);
        // What the new instance did not bring along is still served where it was.
        let (status, _) = tran.get_ap(&left_id).await;
        assert_eq!(status, 200);

        // Vidin follows Breznik, imports its outbox, and holds the item under its new id only.
        let held = vidin
            .wait_for_item_where(&new_id, "the new id", |item| item["id"] == new_id.as_str())
            .await;
        assert_eq!(held["origin"]["id"], breznik.actor_id().as_str(), "{held}");
        assert!(vidin.item(&old_id).await.is_none(), "the old id is no longer held beside the new one");

        // Breznik's change of the item reaches Vidin.
        let mut changed = m4r_practice();
        changed["title"]["it"] = json!("Un comune per l'inclusione dei Rom, a Breznik");
        let (status, body) = breznik.api_send(Method::PUT, &breznik.item_path(&new_id), Some(&changed)).await;
        assert_eq!(status, 200, "{body}");
        vidin
            .wait_for_item_where(&new_id, "Breznik's change", |item| {
                item.to_string().contains("a Breznik")
            })
            .await;
    }
}

/// A city that followed both addresses holds the restored copy before it believes the move;
/// once it does, the copy gives way to the item it held, which takes the new id and keeps what
/// hangs on it (here, the question it asked).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follower_of_both_addresses_keeps_one_item_with_its_history() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let names_tran = format!("[city]\nalso_known_as = [\"{}\"]\n", tran.actor_id());
    let breznik = TestCity::start_with("breznik", Backend::Sqlite, &names_tran).await;
    vidin.follow_and_wait(&tran).await;
    vidin.follow_and_wait(&breznik).await;
    let item = tran.publish(m4r_practice()).await;
    let old_id = item["id"].as_str().unwrap().to_string();
    vidin.wait_for_item(&old_id).await;
    let question = json!({"in_reply_to": old_id, "content": "How many mediators?", "language": "en"});
    let (status, body) = vidin.api_post("/api/v1/replies", &question).await;
    assert_eq!(status, 201, "{body}");

    let restored = restore(&breznik, &export(&tran).await).await;
    let new_id = restored[0].1.to_string();
    // Before the move, the copy is just another item of Breznik's.
    vidin.wait_for_item(&new_id).await;
    assert!(vidin.item(&old_id).await.is_some());

    praxis::service::city::move_to(&tran.data(), breznik.actor_id().as_str())
        .await
        .unwrap();
    let held = wait_until("Vidin to hold the item once, under its new id", || async {
        match vidin.item(&old_id).await {
            Some(_) => None,
            None => vidin.item(&new_id).await,
        }
    })
    .await;
    assert_eq!(held["origin"]["id"], breznik.actor_id().as_str(), "{held}");
    assert!(
        held["replies"].to_string().contains("How many mediators?"),
        "the question stays with the item: {held}"
    );
    let feed = vidin.feed().await;
    let copies = feed.iter().filter(|i| i["title"] == item["title"]).count();
    assert_eq!(copies, 1, "{feed:?}");
}
