//! A city and an ActivityPub server written by others: fediverse-pasture's one_actor, on the
//! bovine library (tests/common/pasture.rs). bovine resolves the city, signs the peer's requests
//! and verifies the city's deliveries; nothing on the peer's side is Praxis code but the
//! activities tests/tools/pasture-peer.py composes.

mod common;

use common::{Backend, TestCity, m4r_practice, pasture::Pasture};
use reqwest::Method;
use serde_json::Value;

fn of_type(activity: &Value, kind: &str, object: &str) -> bool {
    activity["type"] == kind && (activity["object"] == object || activity["object"]["id"] == object)
}

on_both_backends! {
    async fn an_independent_server_follows_a_city_reads_its_items_and_replies(backend: Backend) {
        let pasture = Pasture::start().await;
        let vidin = TestCity::start("vidin", backend).await;

        let followed = pasture.act(&["follow", &vidin.address()]);
        assert_eq!(followed["city"], vidin.actor_id().as_str(), "WebFinger resolves the city's actor");
        let follow_id = followed["follow"].as_str().unwrap();
        pasture
            .wait_for("the city's Accept of the follow", |a| {
                a["type"] == "Accept" && (a["object"] == follow_id || a["object"]["id"] == follow_id)
            })
            .await;
        let (_, followers) = vidin.get_ap("/city/followers").await;
        assert_eq!(followers["totalItems"], 1, "{followers}");

        let item = vidin.publish(m4r_practice()).await;
        let id = item["id"].as_str().unwrap();
        let created = pasture.wait_for("the Create of the item", |a| of_type(a, "Create", id)).await;
        assert_eq!(created["object"]["type"], "Article");
        assert_eq!(created["actor"], vidin.actor_id().as_str());

        let mut changed = m4r_practice();
        changed["title"]["bg"] = "Общината като двигател на ромското приобщаване".into();
        let (status, body) = vidin.api_send(Method::PUT, &vidin.item_path(id), Some(&changed)).await;
        assert_eq!(status, 200, "{body}");
        let updated = pasture.wait_for("the Update of the item", |a| of_type(a, "Update", id)).await;
        assert!(updated["object"]["nameMap"].to_string().contains("двигател"), "{updated}");

        let question = "How many mediators did the school for parents need?";
        let replied = pasture.act(&["reply", id, question]);
        let reply_id = replied["reply"].as_str().unwrap();
        let held = vidin
            .wait_for_item_where(id, "the peer's reply", |i| !i["replies"].as_array().unwrap().is_empty())
            .await;
        assert_eq!(held["replies"][0]["id"], reply_id);
        assert!(held["replies"][0]["content"].as_str().unwrap().contains(question), "{held}");

        // The city's answer reaches the peer, mentioning it in the Note (Mastodon, Misskey and
        // GoToSocial notify from there) and in the Create (where Lemmy reads mentions).
        let answer = serde_json::json!({"in_reply_to": reply_id, "content": "Six mediators.", "language": "en"});
        let (status, body) = vidin.api_send(Method::POST, "/api/v1/replies", Some(&answer)).await;
        assert_eq!(status, 201, "{body}");
        let answered = pasture
            .wait_for("the city's answer", |a| a["type"] == "Create" && a["object"]["inReplyTo"] == reply_id)
            .await;
        let peer = pasture.actor_id().to_string();
        for tags in [&answered["object"]["tag"], &answered["tag"]] {
            assert!(
                tags.as_array().is_some_and(|t| t.iter().any(|m| m["type"] == "Mention" && m["href"] == peer.as_str())),
                "{answered}"
            );
        }
        // Its language as Lemmy reads a comment's.
        assert_eq!(answered["object"]["language"]["identifier"], "en", "{answered}");

        let (status, body) = vidin.api_send(Method::DELETE, &vidin.item_path(id), None).await;
        assert!(status == 200 || status == 204, "{status} {body}");
        pasture.wait_for("the Delete of the item", |a| of_type(a, "Delete", id)).await;
    }
}
