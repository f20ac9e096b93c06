//! The wire format: every kind survives item -> ActivityPub JSON -> item unchanged, every document
//! reads offline with every Praxis term at its IRI, and what other software sends is read or refused
//! clearly.

mod common;

use std::{collections::BTreeSet, io::Write};

use chrono::{TimeZone, Utc};
use common::{Backend, KINDS, ONE_PIXEL_PNG, TestCity, foreign_fixture, item_fixture};
use praxis::{
    domain::item::{ItemDraft, KnowledgeItem},
    federation::{
        activities::Envelope,
        context::{CONTEXT_PATH, NAMESPACE, WELL_KNOWN_CONTEXTS, praxis_context_document},
        objects::{item::Article, reply::Note},
    },
};
use serde_json::{Value, json};
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
        former_ap_id: None,
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
            let definition = terms.get(key);
            let id = definition
                .and_then(|d| d.as_str().or(d["@id"].as_str()))
                .unwrap_or_default();
            // Lemmy's and PeerTube's `language` object, borrowed from schema.org: defined inline
            // where it is used, not in the Praxis vocabulary.
            if key == "language" {
                let sent = praxis::federation::context::with_context(&article).unwrap();
                let inline = sent["@context"].as_array().unwrap().last().unwrap().clone();
                assert_eq!(
                    inline["language"], "http://schema.org/inLanguage",
                    "{kind}: {inline}"
                );
                assert_eq!(
                    inline["identifier"], "http://schema.org/identifier",
                    "{kind}: {inline}"
                );
                continue;
            }
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

/// Replies as Misskey and GoToSocial send them (tests/fixtures/foreign, composed after their
/// renderers, see docs/FEDERATION.md): read as questions about the item, in the language they
/// say (Misskey says none), with their mention of the city kept as a link.
#[test]
fn misskey_and_gotosocial_replies_are_read_as_questions() {
    let item = "https://praxis.vidin.example/items/7f1c2b9e-0000-4000-8000-000000000001";
    for (fixture, language, words) in [
        ("misskey_create_note", None, "How many mediators"),
        ("gotosocial_create_note", Some("it"), "scuola per genitori"),
    ] {
        let create = foreign_fixture(fixture);
        let note: Note = serde_json::from_value(create["object"].clone()).unwrap();
        let reply = note.to_reply().unwrap_or_else(|e| panic!("{fixture}: {e}"));
        assert_eq!(reply.in_reply_to.as_str(), item, "{fixture}");
        assert_eq!(reply.language.as_ref().map(|l| l.as_str()), language, "{fixture}");
        assert!(reply.content.contains(words), "{fixture}: {}", reply.content);
        assert!(
            reply.content.contains("https://praxis.vidin.example/city"),
            "{fixture}: {}",
            reply.content
        );
        assert!(!reply.content.contains("target="), "{fixture}: {}", reply.content);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_instance_still_serves_the_context_earlier_versions_reference() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let response = vidin.http.get(vidin.url(CONTEXT_PATH)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/ld+json");
    let document: Value = response.json().await.unwrap();
    assert_eq!(document, praxis_context_document());
}

/// Expands `documents` with jsonld.js as a processor that fetches nothing would
/// (tests/tools/expand-jsonld.cjs): each is the expanded form or the processor's error.
fn expand_offline(documents: &[Value]) -> Vec<Result<Value, String>> {
    let modules = std::env::var("JSONLD_NODE_PATH")
        .unwrap_or_else(|_| format!("{}/target/test-tools/node_modules", env!("CARGO_MANIFEST_DIR")));
    assert!(
        std::path::Path::new(&modules).join("jsonld").is_dir(),
        "jsonld.js is not installed at {modules}: run ./scripts/test, which installs it"
    );
    let script = format!("{}/tests/tools/expand-jsonld.cjs", env!("CARGO_MANIFEST_DIR"));
    let mut node = std::process::Command::new("node")
        .arg(script)
        .env("NODE_PATH", &modules)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs (scripts/test installs it)");
    node.stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(documents).unwrap().as_bytes())
        .unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(output.status.success(), "the JSON-LD processor failed");
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    results
        .into_iter()
        .map(|r| match r.get("error") {
            Some(error) => Err(error.to_string()),
            None => Ok(r["expanded"].clone()),
        })
        .collect()
}

/// Every property IRI and type IRI in an expanded document.
fn expanded_iris(value: &Value, iris: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                if key == "@type" {
                    for t in field
                        .as_array()
                        .into_iter()
                        .flatten()
                        .chain(field.as_str().map(|_| field))
                    {
                        iris.extend(t.as_str().map(str::to_string));
                    }
                } else if !key.starts_with('@') {
                    iris.insert(key.clone());
                }
                expanded_iris(field, iris);
            }
        }
        Value::Array(values) => values.iter().for_each(|v| expanded_iris(v, iris)),
        _ => {}
    }
}

/// Every key a compact document uses, inside language maps too.
fn compact_terms(value: &Value, terms: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                terms.insert(key.clone());
                compact_terms(field, terms);
            }
        }
        Value::Array(values) => values.iter().for_each(|v| compact_terms(v, terms)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_document_reads_without_a_fetch_and_every_praxis_term_expands_to_its_iri() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let mut documents: Vec<(String, Value)> = Vec::new();
    let fetch = async |what: &str, url: &str, documents: &mut Vec<(String, Value)>| {
        let (status, document) = vidin.get_ap(url).await;
        assert!(
            status == 200 || status == 410,
            "{what} at {url} answered {status}: {document}"
        );
        documents.push((format!("{what} ({url})"), document.clone()));
        document
    };
    let mut first_item = None;
    for kind in KINDS {
        let published = vidin.publish(item_fixture(kind)).await;
        let id = published["id"].as_str().unwrap().to_string();
        fetch(kind, &id, &mut documents).await;
        first_item.get_or_insert(id);
    }
    let gone = vidin.publish(item_fixture("action_plan")).await;
    let gone_id = gone["id"].as_str().unwrap();
    let (status, _) = vidin
        .api_send(reqwest::Method::DELETE, &vidin.item_path(gone_id), None)
        .await;
    assert_eq!(status, 200);
    fetch("a deleted item's tombstone", gone_id, &mut documents).await;
    // A reply (a `Note`) and the actor with an emblem (`icon`).
    let (status, reply) = vidin
        .api_post(
            "/api/v1/replies",
            &json!({"in_reply_to": first_item, "content": "How many mediators did it take?", "language": "en"}),
        )
        .await;
    assert_eq!(status, 201, "{reply}");
    fetch("a reply", reply["id"].as_str().unwrap(), &mut documents).await;
    praxis::service::city::set_emblem(
        &vidin.data(),
        Some(("vidin.png".into(), "image/png".into(), ONE_PIXEL_PNG.to_vec())),
    )
    .await
    .unwrap();
    let city = fetch("the city", "/city", &mut documents).await;
    assert_eq!(city["icon"]["type"], "Image");
    let outbox = fetch("the outbox", city["outbox"].as_str().unwrap(), &mut documents).await;
    let page = fetch(
        "an outbox page",
        outbox["first"].as_str().unwrap(),
        &mut documents,
    )
    .await;
    let newest = &page["orderedItems"][0];
    let newest = newest.as_str().or(newest["id"].as_str()).unwrap().to_string();
    fetch("the newest activity", &newest, &mut documents).await;
    fetch(
        "the followers",
        city["followers"].as_str().unwrap(),
        &mut documents,
    )
    .await;
    fetch(
        "the following",
        city["following"].as_str().unwrap(),
        &mut documents,
    )
    .await;
    let (status, community) = vidin
        .api_post(
            "/api/v1/communities",
            &json!({
                "handle": "school_mediators",
                "names": {"en": "School mediators", "bg": "Образователни медиатори"},
                "summaries": {"en": "Cities sharing how mediators keep Roma children in school."},
                "themes": ["education"],
                "membership": "approval",
            }),
        )
        .await;
    assert_eq!(status, 201, "{community}");
    let community_id = community["id"].as_str().unwrap();
    let group = fetch("a community", community_id, &mut documents).await;
    fetch("its outbox", group["outbox"].as_str().unwrap(), &mut documents).await;
    if let Some(moderators) = group["moderators"].as_str() {
        fetch("its moderators", moderators, &mut documents).await;
    }

    let well_known: Vec<Value> = WELL_KNOWN_CONTEXTS.iter().map(|c| json!(c)).collect();
    let values: Vec<Value> = documents.iter().map(|(_, d)| d.clone()).collect();
    let expanded = expand_offline(&values);
    let mut seen = BTreeSet::new();
    for ((what, document), expanded) in documents.iter().zip(expanded) {
        // Only contexts every processor ships with are referenced; the rest is inline.
        for context in document["@context"]
            .as_array()
            .unwrap_or_else(|| panic!("{what}: {document}"))
        {
            assert!(
                context.is_object() || well_known.contains(context),
                "{what} references a context a processor would have to fetch: {context}"
            );
        }
        let expanded = expanded.unwrap_or_else(|e| panic!("{what} does not expand offline: {e}\n{document}"));
        let mut iris = BTreeSet::new();
        expanded_iris(&expanded, &mut iris);
        let undefined: Vec<&String> = iris.iter().filter(|i| i.starts_with("_:")).collect();
        assert!(
            undefined.is_empty(),
            "{what} uses terms no context defines: {undefined:?}\n{document}"
        );
        let mut terms = BTreeSet::new();
        compact_terms(document, &mut terms);
        let inline = document["@context"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (term, definition) in &inline {
            let iri = definition.as_str().or(definition["@id"].as_str()).unwrap();
            if iri.starts_with(NAMESPACE) {
                assert_eq!(iri, format!("{NAMESPACE}{term}"), "{what}: {term}");
                assert!(
                    iris.contains(iri) || !terms.contains(term),
                    "{what}: `{term}` is used but did not expand to {iri}"
                );
                if iris.contains(iri) {
                    seen.insert(term.clone());
                }
            }
        }
    }
    for term in [
        "itemKind",
        "originalLanguage",
        "themes",
        "contacts",
        "languages",
        "country",
    ] {
        assert!(
            seen.contains(term),
            "no document used `{term}`, so the test did not check it"
        );
    }
}

#[test]
fn generic_software_gets_a_short_teaser_and_praxis_the_whole_summary() {
    let mut item = item_of("good_practice");
    let original = item.content.original_language.clone();
    let long = "Twelve school mediators from the Roma community visit families every week. ".repeat(10);
    item.content
        .summary
        .insert(original.clone(), long.trim().to_string());
    let json = serde_json::to_value(Article::from_item(&item, None)).unwrap();
    let teaser = json["summary"].as_str().unwrap();
    assert!(teaser.chars().count() <= 300 && teaser.ends_with('…'), "{teaser}");
    assert!(long.starts_with(teaser.trim_end_matches('…')), "{teaser}");
    assert_eq!(json["summaryMap"][original.as_str()], long.trim());
    let back: Article = serde_json::from_value(json).unwrap();
    assert_eq!(
        back.to_item().unwrap(),
        item,
        "Praxis reads the whole summary from the map"
    );
}
