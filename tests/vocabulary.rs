//! The wire format: every kind survives item -> ActivityPub JSON -> item unchanged, the Praxis
//! context names every term, and what other software sends is read or refused clearly.

mod common;

use chrono::{TimeZone, Utc};
use common::{Backend, KINDS, TestCity, foreign_fixture, item_fixture};
use praxis::{
    domain::item::{ItemDraft, KnowledgeItem},
    federation::{
        activities::Envelope,
        context::{NAMESPACE, praxis_context_document},
        objects::{item::Article, reply::Note},
    },
};
use url::Url;

fn item_of(kind: &str) -> KnowledgeItem {
    let draft: ItemDraft = serde_json::from_value(item_fixture(kind)).unwrap();
    let content = draft
        .validate()
        .unwrap_or_else(|e| panic!("the {kind} fixture is invalid: {e}"));
    KnowledgeItem {
        ap_id: Url::parse(&format!("https://praxis.vidin.example/items/{kind}-1")).unwrap(),
        origin: Url::parse("https://praxis.vidin.example/city").unwrap(),
        content,
        published: Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap(),
        updated: Utc.with_ymd_and_hms(2026, 11, 21, 8, 30, 15).unwrap()
            + chrono::Duration::microseconds(123_456),
    }
}

#[test]
fn every_kind_survives_the_round_trip_through_activitypub() {
    for kind in KINDS {
        let item = item_of(kind);
        let followers = Url::parse("https://praxis.vidin.example/city/followers").ok();
        let json = serde_json::to_string(&Article::from_item(&item, followers)).unwrap();
        let parsed: Article = serde_json::from_str(&json).unwrap();
        let back = parsed.to_item().unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(back, item, "{kind} changed on the way through {json}");
    }
}

#[test]
fn kind_fields_travel_as_praxis_terms_generic_software_sees_the_basics() {
    let article = serde_json::to_value(Article::from_item(&item_of("training_material"), None)).unwrap();
    assert_eq!(article["type"], "Article");
    assert_eq!(article["itemKind"], "training_material");
    assert_eq!(article["timeRequired"], "PT6H30M");
    assert_eq!(article["resourceType"], "facilitator_guide");
    assert_eq!(
        article["competencies"]["it"],
        "Applicare la legislazione antidiscriminazione nel lavoro quotidiano."
    );
    assert_eq!(
        article["name"],
        "Обучение на общински служители по антидискриминационни процедури"
    );
    assert!(
        article["contentMap"]["it"]
            .as_str()
            .unwrap()
            .contains("Formazione specializzata")
    );
    let hashtags: Vec<&str> = article["tag"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        hashtags.contains(&"#anti_discrimination") && hashtags.contains(&"#M4R"),
        "{hashtags:?}"
    );
}

#[test]
fn the_context_gives_every_term_a_full_iri() {
    let document = praxis_context_document();
    let terms = document["@context"].as_object().unwrap();
    for kind in KINDS {
        let article = serde_json::to_value(Article::from_item(&item_of(kind), None)).unwrap();
        for key in article.as_object().unwrap().keys() {
            let standard = [
                "type",
                "id",
                "attributedTo",
                "to",
                "cc",
                "name",
                "nameMap",
                "summary",
                "summaryMap",
                "content",
                "contentMap",
                "mediaType",
                "published",
                "updated",
                "url",
                "tag",
                "attachment",
            ];
            if standard.contains(&key.as_str()) {
                continue;
            }
            let id = terms.get(key).and_then(|d| d["@id"].as_str()).unwrap_or_default();
            assert!(
                id.starts_with(NAMESPACE),
                "{kind}: `{key}` has no Praxis IRI in the context"
            );
        }
    }
}

#[test]
fn an_article_without_praxis_terms_becomes_a_minimal_good_practice() {
    let article: Article = serde_json::from_value(foreign_fixture("writefreely_article")).unwrap();
    let item = article.to_item().expect("a plain Article is accepted");
    assert_eq!(item.content.kind.code(), "good_practice");
    assert_eq!(item.content.original_language.as_str(), "en");
    assert_eq!(
        item.content.title.iter().next().unwrap().1,
        "School mediators in Plovdiv"
    );
    assert_eq!(item.content.tags, ["education"]);
    assert!(
        item.content
            .body
            .iter()
            .next()
            .unwrap()
            .1
            .contains("Twelve school mediators")
    );
}

#[test]
fn what_praxis_does_not_keep_is_refused_with_a_reason() {
    let note: Envelope = serde_json::from_value(foreign_fixture("mastodon_create_note")).unwrap();
    let reason = note.unsupported_reason().expect("a plain Note is not kept");
    assert!(reason.contains("Note"), "{reason}");
    let page: Envelope = serde_json::from_value(foreign_fixture("lemmy_create_page")).unwrap();
    let reason = page.unsupported_reason().expect("a Lemmy Page is not kept");
    assert!(reason.contains("Page"), "{reason}");
}

#[test]
fn a_mastodon_reply_is_read_as_a_sanitized_question() {
    let note: Note = serde_json::from_value(foreign_fixture("mastodon_reply_note")).unwrap();
    let reply = note.to_reply().expect("a reply Note is accepted");
    assert_eq!(
        reply.in_reply_to.as_str(),
        "https://praxis.vidin.example/items/0f4d7a1e-2d3c-4b5a-9e8f-7a6b5c4d3e2f"
    );
    assert_eq!(reply.language.unwrap().as_str(), "en");
    assert!(reply.content.contains("school for parents"));
    assert!(!reply.content.contains("<script"), "{}", reply.content);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_instance_serves_the_context_and_references_it() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let context_url = vidin.url("/ns/praxis.jsonld");
    let response = vidin.http.get(context_url.clone()).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/ld+json");
    let document: serde_json::Value = response.json().await.unwrap();
    assert_eq!(document, praxis_context_document());
    let published = vidin.publish(item_fixture("action_plan")).await;
    let (_, article) = vidin.get_ap(published["id"].as_str().unwrap()).await;
    let (_, actor) = vidin.get_ap("/city").await;
    for document in [article, actor] {
        let contexts: Vec<&str> = document["@context"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        assert!(contexts.contains(&context_url.as_str()), "{contexts:?}");
    }
}
