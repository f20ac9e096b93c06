//! Finding knowledge: words in any language and script, ranking, snippets, facets and filters,
//! an index that follows every change, and Atom feeds. The same cases run on both backends.

mod common;

use common::{
    Backend, KINDS, TestCity, item_fixture, m4r_practice, prosperous_community_practice, wait_until,
};
use reqwest::Method;
use serde_json::{Value, json};

async fn search(city: &TestCity, params: &[(&str, &str)], accept_language: &str) -> Value {
    let mut url = city.url("/api/v1/search");
    for (k, v) in params {
        url.query_pairs_mut().append_pair(k, v);
    }
    let response = city
        .http
        .get(url)
        .header("Accept-Language", accept_language)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "search {params:?} answered {status}: {body}");
    body
}

fn titles(results: &Value) -> Vec<String> {
    results["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["texts"][i["original_language"].as_str().unwrap()]["title"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

async fn publish_all_kinds(city: &TestCity) {
    for kind in KINDS {
        city.publish(item_fixture(kind)).await;
    }
}

fn practice(title: Value, summary: Value, body: Value) -> Value {
    json!({"kind": "good_practice", "original_language": title.as_object().unwrap().keys().next().unwrap(),
           "title": title, "summary": summary, "body": body})
}

on_both_backends! {
    async fn words_are_found_in_every_language_whatever_case_accents_or_endings(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        publish_all_kinds(&vidin).await;
        vidin.publish(prosperous_community_practice()).await;
        vidin.publish(practice(json!({"mk": "Ѓорче Петров и Шуто Оризари"}), json!({}), json!({}))).await;

        let found = |params: Vec<(&'static str, &'static str)>| {
            let vidin = &vidin;
            async move { titles(&search(vidin, &params, "en").await) }
        };
        assert_eq!(found(vec![("q", "ABBANDONO scolast")]).await, ["Vidin: un modello integrato per l'inclusione socio-economica dei gruppi vulnerabili"]);
        assert_eq!(found(vec![("q", "ЗАЕДНО")]).await, ["Заедно за просперитетна заедница"]);
        assert_eq!(found(vec![("q", "горче")]).await, ["Ѓорче Петров и Шуто Оризари"], "ѓ folds to г");
        assert_eq!(found(vec![("q", "citta metropolitana")]).await, ["Piano di Azione Locale per l'inclusione di Rom, Sinti e Caminanti"]);
        assert_eq!(found(vec![("q", "антидискриминац")]).await, ["Обучение на общински служители по антидискриминационни процедури"]);
        // Kind-specific texts and tags are searched too.
        assert_eq!(found(vec![("q", "stereotipi")]).await.len(), 1);
        assert_eq!(found(vec![("q", "M4R")]).await.len(), 1);
        assert!(found(vec![("q", "nonesuchword")]).await.is_empty());
    }

    async fn title_matches_rank_above_summary_and_body_and_the_readers_language_first(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        sofia.publish(practice(json!({"en": "Notes from the field"}), json!({}), json!({"en": "<p>A report on mediators in schools.</p>"}))).await;
        sofia.publish(practice(json!({"en": "Mediators in schools"}), json!({}), json!({"en": "<p>Twelve people.</p>"}))).await;
        sofia.publish(practice(json!({"en": "Annual review"}), json!({"en": "How mediators worked this year"}), json!({}))).await;
        let ranked = titles(&search(&sofia, &[("q", "mediators")], "en").await);
        assert_eq!(ranked, ["Mediators in schools", "Annual review", "Notes from the field"]);

        let a = json!({"kind": "good_practice", "original_language": "it",
            "title": {"it": "Progetto Lumen per i comuni", "bg": "Проект за общините"}});
        let b = json!({"kind": "good_practice", "original_language": "it",
            "title": {"it": "Progetto per i comuni", "bg": "Проект Lumen за общините"}});
        sofia.publish(a).await;
        sofia.publish(b).await;
        let italian = search(&sofia, &[("q", "lumen")], "it").await;
        assert_eq!(italian["items"][0]["texts"]["it"]["title"], "Progetto Lumen per i comuni");
        assert_eq!(italian["items"][0]["highlight"]["language"], "it");
        let bulgarian = search(&sofia, &[("q", "lumen")], "bg").await;
        assert_eq!(bulgarian["items"][0]["texts"]["bg"]["title"], "Проект Lumen за общините");
        assert_eq!(bulgarian["items"][0]["highlight"]["title"], "Проект <mark>Lumen</mark> за общините");
    }

    async fn facets_count_every_match_and_filters_combine(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        publish_all_kinds(&tran).await;
        let all = search(&tran, &[], "en").await;
        assert_eq!(all["total"], 4);
        let facets = &all["facets"];
        for kind in KINDS {
            assert!(facets["kind"].as_array().unwrap().contains(&json!({"value": kind, "count": 1})), "{kind}: {facets}");
        }
        assert!(facets["theme"].as_array().unwrap().contains(&json!({"value": "employment", "count": 3})), "{facets}");
        assert!(facets["country"].as_array().unwrap().contains(&json!({"value": "BG", "count": 3})));
        assert!(facets["language"].as_array().unwrap().contains(&json!({"value": "it", "count": 4})));
        assert_eq!(facets["city"][0]["count"], 4);
        assert_eq!(facets["city"][0]["label"], "City of tran");

        let employment_in_italy = search(&tran, &[("theme", "employment"), ("country", "IT")], "en").await;
        assert_eq!(titles(&employment_in_italy), ["Piano di Azione Locale per l'inclusione di Rom, Sinti e Caminanti"]);
        let either_kind = search(&tran, &[("kind", "good_practice,action_plan"), ("target_group", "roma")], "en").await;
        assert_eq!(either_kind["total"], 2);
        let words_and_filters = search(&tran, &[("q", "rom"), ("language", "mk")], "en").await;
        assert_eq!(words_and_filters["total"], 2, "the good practice and the plan have Macedonian versions: {words_and_filters}");
        let in_2026 = search(&tran, &[("from", "2026-01-01"), ("to", "2026-12-31")], "en").await;
        assert_eq!(in_2026["total"], 2, "the action plan and the exchange report run in 2026");

        let first = search(&tran, &[("per_page", "3")], "en").await;
        let second = search(&tran, &[("per_page", "3"), ("page", "2")], "en").await;
        assert_eq!(first["items"].as_array().unwrap().len(), 3);
        assert_eq!(second["items"].as_array().unwrap().len(), 1);
        assert_eq!(second["total"], 4);
    }

    async fn the_index_follows_creates_edits_deletes_and_imported_histories(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let published = campobasso.publish(m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        tran.wait_for_backfills().await;
        assert_eq!(search(&tran, &[("q", "Кампобасо")], "bg").await["total"], 1, "an imported item is found");

        let mut edit = m4r_practice();
        edit["body"]["bg"] = json!("<p>Нов текст за Видин.</p>");
        let (status, body) = campobasso.api_send(Method::PUT, &campobasso.item_path(&id), Some(&edit)).await;
        assert_eq!(status, 200, "the edit: {body}");
        wait_until("the edit to reach tran's index", || async {
            (search(&tran, &[("q", "Видин")], "bg").await["total"] == 1).then_some(())
        })
        .await;
        assert_eq!(search(&tran, &[("q", "Кампобасо")], "bg").await["total"], 0, "words of the old version are gone");

        // Found in both indexes before it is deleted, in neither after.
        assert_eq!(search(&campobasso, &[("q", "Видин")], "bg").await["total"], 1, "the origin finds the edit");
        let (status, body) = campobasso.api_send(Method::DELETE, &campobasso.item_path(&id), None).await;
        assert_eq!((status, &body["deleted"]), (200, &json!(true)), "the deletion: {body}");
        wait_until("the deletion to reach tran's index", || async {
            (search(&tran, &[("q", "Видин")], "bg").await["total"] == 0).then_some(())
        })
        .await;
        assert_eq!(search(&campobasso, &[("q", "Видин")], "bg").await["total"], 0);
    }
}

on_both_backends! {
    async fn results_are_ordered_by_relevance_newest_or_last_change(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let mut ids = Vec::new();
        for (title, summary) in [
            ("School mediators", "Mediators between Roma families and schools."),
            ("Housing desk", "A desk where mediators help with rent contracts."),
            ("Health days", "Doctors visit the settlement; mediators translate."),
        ] {
            let item = tran.publish(practice(json!({"en": title}), json!({"en": summary}), json!({}))).await;
            ids.push(item["id"].as_str().unwrap().to_string());
        }
        // The oldest changes last.
        let edit = practice(json!({"en": "School mediators"}), json!({"en": "Mediators between Roma families and schools, now in every district."}), json!({}));
        let (status, edited) = tran.api_send(Method::PUT, &tran.item_path(&ids[0]), Some(&edit)).await;
        assert_eq!(status, 200, "{edited}");
        let order = |results: &Value| -> Vec<String> {
            results["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
        };
        let newest = vec![ids[2].clone(), ids[1].clone(), ids[0].clone()];
        let updated = vec![ids[0].clone(), ids[2].clone(), ids[1].clone()];
        wait_until("the edit to be indexed", || async {
            (order(&search(&tran, &[("sort", "updated")], "en").await) == updated).then_some(())
        })
        .await;
        assert_eq!(order(&search(&tran, &[], "en").await), newest, "without words, newest first");
        assert_eq!(order(&search(&tran, &[("sort", "newest")], "en").await), newest);
        // With words: the title match first by relevance; the same matches by date when asked.
        let relevant = search(&tran, &[("q", "housing mediators")], "en").await;
        assert_eq!(order(&relevant)[0], ids[1], "the title match first: {relevant}");
        let by_date = search(&tran, &[("q", "mediators"), ("sort", "newest")], "en").await;
        assert_eq!(order(&by_date), newest);
        assert_eq!(by_date["total"], 3);
        let by_change = search(&tran, &[("q", "mediators"), ("sort", "updated"), ("per_page", "2")], "en").await;
        assert_eq!(order(&by_change), updated[..2]);
        assert_eq!(by_change["total"], 3, "the order changes no count");
    }

    async fn several_values_of_one_filter_are_alternatives_that_stay_on_offer(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        for (title, groups) in [
            ("Roma school mediators", json!(["roma"])),
            ("Language cafés for newcomers", json!(["migrants"])),
            ("Mentors for Roma and migrant youth", json!(["roma", "migrants"])),
            ("Training for city staff", json!([])),
        ] {
            let mut draft = practice(json!({"en": title}), json!({}), json!({}));
            draft["target_groups"] = groups;
            tran.publish(draft).await;
        }
        let count_of = |results: &Value, value: &str| {
            results["facets"]["target_group"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["value"] == value)
                .map(|c| c["count"].as_i64().unwrap())
        };
        let roma = search(&tran, &[("target_group", "roma")], "en").await;
        assert_eq!(roma["total"], 2);
        // Migrants is still offered, counted as if the field were not filtered: ticking it adds.
        assert_eq!(count_of(&roma, "migrants"), Some(2), "{}", roma["facets"]);
        assert_eq!(count_of(&roma, "roma"), Some(2));
        let either = search(&tran, &[("target_group", "roma"), ("target_group", "migrants")], "en").await;
        assert_eq!(either["total"], 3, "Roma or migrants");
        let mut found = titles(&either);
        found.sort();
        assert_eq!(found, ["Language cafés for newcomers", "Mentors for Roma and migrant youth", "Roma school mediators"]);
        // Other fields are counted over what the filter lets through.
        let kinds = &either["facets"]["kind"];
        assert_eq!(kinds, &json!([{"value": "good_practice", "count": 3}]));
        // The same with words: the counts of the filtered field still offer the other value.
        let worded = search(&tran, &[("q", "roma"), ("target_group", "migrants")], "en").await;
        assert_eq!(worded["total"], 1);
        assert_eq!(count_of(&worded, "roma"), Some(2), "{}", worded["facets"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snippets_show_the_matched_words_in_context() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    vidin.publish(item_fixture("good_practice")).await;
    let results = search(&vidin, &[("q", "scuola genitori")], "it").await;
    let highlight = &results["items"][0]["highlight"];
    assert_eq!(highlight["language"], "it");
    let snippet = highlight["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>scuola</mark> per <mark>genitori</mark>"),
        "{snippet}"
    );
    assert!(
        !snippet.contains("<strong>"),
        "the snippet is text, not the body's HTML: {snippet}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_search_parameters_are_all_refused_at_once() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let mut url = vidin.url("/api/v1/search");
    url.set_query(Some(
        "theme=happiness&country=Italy&from=yesterday&per_page=1000&colour=red&sort=random",
    ));
    let response = vidin.http.get(url).send().await.unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for field in ["theme", "country", "from", "per_page", "colour", "sort"] {
        assert!(fields.contains(&field), "no error for {field}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn atom_feeds_are_valid_and_mirror_their_pages() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let campobasso = TestCity::start("campobasso", Backend::Sqlite).await;
    tran.follow_and_wait(&campobasso).await;
    publish_all_kinds(&tran).await;
    let shared = campobasso.publish(m4r_practice()).await;
    tran.wait_for_item(shared["id"].as_str().unwrap()).await;

    let read = |path: String| {
        let tran = &tran;
        async move {
            let response = tran.http.get(tran.url(&path)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            assert!(
                response.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("application/atom+xml")
            );
            let bytes = response.bytes().await.unwrap();
            feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{path} is not a valid feed: {e}"))
        }
    };
    let all = read("/feeds/all.atom".into()).await;
    assert_eq!(all.entries.len(), 5);
    assert_eq!(all.feed_type, feed_rs::model::FeedType::Atom);
    let theme = read("/feeds/themes/gender.atom".into()).await;
    assert_eq!(theme.entries.len(), 1, "only the exchange report is about gender");
    assert_eq!(
        theme.entries[0].title.as_ref().unwrap().content,
        "CONNECTION: първа партньорска среща и обмен на персонал"
    );
    let city = read(format!("/feeds/cities/{}.atom", campobasso.address())).await;
    assert_eq!(city.entries.len(), 1);
    assert_eq!(city.entries[0].id, shared["id"].as_str().unwrap());
    assert_eq!(city.entries[0].authors[0].name, "City of campobasso");

    let results = search(&tran, &[("q", "rom"), ("kind", "action_plan")], "it").await;
    let atom = results["atom"].as_str().unwrap();
    assert!(
        atom.contains("q=rom") && atom.contains("kind=action_plan"),
        "{atom}"
    );
    let atom = url::Url::parse(atom).unwrap();
    let saved = read(format!("{}?{}", atom.path(), atom.query().unwrap())).await;
    assert_eq!(saved.entries.len(), 1);
    assert_eq!(
        saved.entries[0].title.as_ref().unwrap().content,
        "Piano di Azione Locale per l'inclusione di Rom, Sinti e Caminanti"
    );

    let (status, _) = tran
        .get(&tran.url("/feeds/themes/happiness.atom"), "application/atom+xml")
        .await;
    assert_eq!(status, 404);
}

/// Every query of a search, paged through: the ids found, and the first page's answer.
async fn all_results(city: &TestCity, params: &[(&str, &str)]) -> (Vec<String>, Value) {
    let mut ids = Vec::new();
    let mut first = Value::Null;
    for page in 1.. {
        let page_number = page.to_string();
        let mut with_page: Vec<(&str, &str)> = params.to_vec();
        with_page.extend([("per_page", "3"), ("page", page_number.as_str())]);
        let answer = search(city, &with_page, "en").await;
        let items = answer["items"].as_array().unwrap().clone();
        ids.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_string()));
        if page == 1 {
            first = answer;
        }
        if items.is_empty() {
            break;
        }
    }
    (ids, first)
}

/// The facet counts over `items`, as a search answers them (values by count, then by value).
fn expected_facets(items: &[&Value]) -> Value {
    let mut facets = serde_json::Map::new();
    for (facet, values) in [
        (
            "kind",
            Box::new(|i: &Value| vec![i["kind"].clone()]) as Box<dyn Fn(&Value) -> Vec<Value>>,
        ),
        (
            "theme",
            Box::new(|i: &Value| i["themes"].as_array().unwrap().clone()),
        ),
        (
            "target_group",
            Box::new(|i: &Value| i["target_groups"].as_array().unwrap().clone()),
        ),
        (
            "country",
            Box::new(|i: &Value| i["country"].as_str().map(|c| vec![json!(c)]).unwrap_or_default()),
        ),
        (
            "language",
            Box::new(|i: &Value| i["languages"].as_array().unwrap().clone()),
        ),
    ] {
        let mut counts: std::collections::BTreeMap<String, i64> = Default::default();
        for item in items {
            for value in values(item) {
                *counts.entry(value.as_str().unwrap().to_string()).or_default() += 1;
            }
        }
        let mut list: Vec<(String, i64)> = counts.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        facets.insert(
            facet.into(),
            list.into_iter()
                .map(|(value, count)| json!({"value": value, "count": count}))
                .collect(),
        );
    }
    Value::Object(facets)
}

on_both_backends! {
    async fn totals_and_facets_are_exact_for_every_query_and_filter(backend: Backend) {
        let city = TestCity::start("tran", backend).await;
        common::publish_demo_network(&city).await;
        publish_all_kinds(&city).await;
        let everything = search(&city, &[("per_page", "100")], "en").await;
        let items: Vec<Value> = everything["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 10);
        let has = |item: &Value, key: &str, value: &str| match &item[key] {
            Value::Array(values) => values.iter().any(|v| v == value),
            other => other == value,
        };
        let filters: [&[(&str, &str)]; 7] = [
            &[],
            &[("kind", "good_practice")],
            &[("theme", "inclusion")],
            &[("theme", "inclusion"), ("country", "IT")],
            &[("kind", "good_practice"), ("kind", "training_material"), ("language", "bg")],
            &[("target_group", "roma"), ("language", "it")],
            &[("theme", "housing"), ("theme", "employment")],
        ];
        fn field(param: &str) -> &str {
            match param {
                "theme" => "themes",
                "target_group" => "target_groups",
                "language" => "languages",
                other => other,
            }
        }
        for words in ["", "rom", "mediatori", "училище", "inclusion municipal"] {
            let word_ids: Vec<String> = if words.is_empty() {
                items.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
            } else {
                all_results(&city, &[("q", words)]).await.0
            };
            for filter in filters {
                // What the filters select, from the items themselves: within a field any value,
                // across fields all of them; `ignoring` one field, what its counts are over.
                let selecting = |ignoring: Option<&str>| -> Vec<&Value> {
                    items
                        .iter()
                        .filter(|item| {
                            let mut by_field: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
                            for (param, value) in filter {
                                if Some(field(param)) != ignoring {
                                    by_field.entry(field(param)).or_default().push(value);
                                }
                            }
                            by_field.iter().all(|(key, values)| values.iter().any(|v| has(item, key, v)))
                        })
                        .filter(|item| word_ids.iter().any(|id| item["id"] == id.as_str()))
                        .collect()
                };
                let selected = selecting(None);
                let mut params: Vec<(&str, &str)> = filter.to_vec();
                if !words.is_empty() {
                    params.push(("q", words));
                }
                let (ids, first) = all_results(&city, &params).await;
                let case = format!("q={words:?} {filter:?}");
                assert_eq!(first["total"], selected.len(), "{case}: total");
                assert_eq!(ids.len(), selected.len(), "{case}: paging found another number of items");
                let mut distinct = ids.clone();
                distinct.sort();
                distinct.dedup();
                assert_eq!(distinct.len(), ids.len(), "{case}: an item on two pages");
                // A filtered field counts as if unfiltered (its values are alternatives to add);
                // every other field over what the filters select.
                for facet in ["kind", "theme", "target_group", "country", "language"] {
                    let expected = expected_facets(&selecting(Some(field(facet))));
                    assert_eq!(first["facets"][facet], expected[facet], "{case}: facet {facet}");
                }
                let cities: i64 = first["facets"]["city"].as_array().unwrap().iter().map(|c| c["count"].as_i64().unwrap()).sum();
                assert_eq!(cities, selected.len() as i64, "{case}: facet city");
            }
        }
    }
}

on_both_backends! {
    async fn a_lost_or_broken_index_is_rebuilt_and_reindex_rebuilds_it_from_scratch(backend: Backend) {
        let mut city = TestCity::start("vidin", backend).await;
        publish_all_kinds(&city).await;
        async fn found(city: &TestCity) -> i64 {
            search(city, &[("q", "rom")], "en").await["total"].as_i64().unwrap()
        }
        let before = found(&city).await;
        assert!(before > 0);
        let index = city.dir().join("search-index");

        // Broken: its metadata overwritten. The restarted server rebuilds it.
        city.stop().await;
        std::fs::write(index.join("meta.json"), "{ not an index").unwrap();
        city.restart().await;
        wait_until("the rebuilt index to find every item again", || async {
            (found(&city).await == before).then_some(())
        })
        .await;

        // Lost altogether: the same.
        city.stop().await;
        std::fs::remove_dir_all(&index).unwrap();
        city.restart().await;
        wait_until("a new index to find every item", || async { (found(&city).await == before).then_some(()) }).await;

        // `praxis reindex` refuses while a server holds the index, and rebuilds it otherwise.
        let config = city.write_config();
        let (ok, _, stderr) = common::praxis_in(&city.dir(), &["--config", config.to_str().unwrap(), "reindex"], "");
        assert!(!ok && stderr.contains("running `praxis serve`"), "{stderr}");
        city.stop().await;
        let (ok, stdout, stderr) = common::praxis_in(&city.dir(), &["--config", config.to_str().unwrap(), "reindex"], "");
        assert!(ok, "{stderr}");
        assert!(stdout.contains("The search index is complete: 4 items."), "{stdout}");
        city.restart().await;
        assert_eq!(found(&city).await, before);
    }
}
