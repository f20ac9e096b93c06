//! Machine translation with real cities on loopback and a stand-in for the engine (see
//! `common::libretranslate`: LibreTranslate's models cannot be downloaded here). Tran's readers
//! ask for Campobasso's Italian practice in Bulgarian: what the engine is sent, the labelled
//! result, the cache per item version, and that the machine's text is never the city's text.

mod common;

use common::{
    Backend, TestCity,
    libretranslate::{API_KEY, FakeLibreTranslate, translated},
    wait_until,
    web::{WebSession, encode},
};
use reqwest::Method;
use serde_json::{Value, json};

async fn machine_translate(city: &TestCity, id: &str, language: &str) -> (u16, Value) {
    city.api_post(
        "/api/v1/machine-translations",
        &json!({"item": id, "language": language}),
    )
    .await
}

async fn search_total(city: &TestCity, words: &str) -> i64 {
    let (status, found) = city
        .api_send(Method::GET, &format!("/api/v1/search?q={}", encode(words)), None)
        .await;
    assert_eq!(status, 200, "{found}");
    found["total"].as_i64().unwrap()
}

on_both_backends! {
    async fn a_reader_gets_a_peers_practice_machine_translated_labelled_and_cached(backend: Backend) {
        let engine = FakeLibreTranslate::start().await;
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start_with("tran", backend, &engine.config(100_000)).await;
        tran.follow_and_wait(&campobasso).await;
        let id = campobasso.publish(common::fixtures::italian_practice()).await["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;

        // The engine is sent each text the item lacks in Bulgarian, from the original, with the key.
        let (status, machine) = machine_translate(&tran, &id, "bg").await;
        assert_eq!(status, 200, "{machine}");
        assert_eq!(machine["machine_translated"], true);
        assert_eq!(machine["translation"]["language"], "bg");
        assert_eq!(machine["translation"]["title"], translated("Mediatori scolastici rom", "bg"));
        assert_eq!(
            machine["translation"]["details"]["objectives"],
            translated("Ridurre l'abbandono scolastico", "bg")
        );
        assert_eq!(machine["sources"], json!({"title": "it", "summary": "it", "body": "it", "details.objectives": "it"}));
        let sent = engine.requests();
        assert_eq!(sent.len(), 4, "{sent:?}");
        assert!(sent.iter().all(|r| r["source"] == "it" && r["target"] == "bg" && r["api_key"] == API_KEY), "{sent:?}");
        let body = sent.iter().find(|r| r["q"] == "<p>Il progetto è nato nel 2019.</p>").expect("the body was sent");
        assert_eq!(body["format"], "html");
        assert!(sent.iter().filter(|r| r["format"] == "text").count() == 3, "{sent:?}");

        // Asked again, through the API or the page, the engine is not asked again.
        let (status, again) = machine_translate(&tran, &id, "bg").await;
        assert_eq!(status, 200);
        assert_eq!(again["translation"], machine["translation"]);
        let mut reader = WebSession::logged_in(&tran, "admin").await;
        reader.accept_language = "bg".into();
        let page = reader.get(&format!("/item?id={}", encode(&id))).await;
        assert!(page.body.contains("action=\"/item/machine-translation\""), "the page offers it: {}", page.body);
        assert!(page.body.contains("Машинен превод на български"), "{}", page.body);
        let csrf = page.csrf().unwrap();
        let asked = reader
            .post("/item/machine-translation", &[("csrf", &csrf), ("id", &id), ("language", "bg")])
            .await;
        assert_eq!(asked.status, 303, "{}", asked.body);
        assert!(asked.location().ends_with("machine=bg"), "{}", asked.location());
        assert_eq!(engine.requests().len(), 4, "served from the cache");

        // Shown labelled, each machine text marked in its language, with the way to the original.
        let shown = reader.get(&asked.location()).await;
        assert_eq!(shown.status, 200);
        let title = translated("Mediatori scolastici rom", "bg");
        assert!(shown.body.contains(&format!("<span lang=\"bg\">{title}</span>")), "{}", shown.body);
        assert!(shown.body.contains("(машинен превод от италиански)"), "each text is marked: {}", shown.body);
        assert!(shown.body.contains("никой не ги е прегледал"), "{}", shown.body);
        assert!(shown.body.contains("Текстът по-долу е машинен превод от италиански."), "{}", shown.body);
        assert!(shown.body.contains("lang=it\">Прочетете оригинала</a>"), "{}", shown.body);
        assert!(!shown.body.contains("action=\"/item/machine-translation\""), "{}", shown.body);

        // An editor may start a contributed translation from it; its texts fill the fields.
        let contribute = format!("/item/translate?id={}&#38;language=bg&#38;from=machine", encode(&id));
        assert!(shown.body.contains(&contribute), "{}", shown.body);
        let editor = reader.get(&contribute.replace("&#38;", "&")).await;
        assert_eq!(editor.status, 200, "{}", editor.body);
        assert!(editor.body.contains(&title) && editor.body.contains("машинния превод"), "{}", editor.body);

        // It is never the item's text: not in the item here or at its origin, and not searchable.
        let held = tran.item(&id).await.unwrap();
        assert!(!held.to_string().contains("machinatum"), "{held}");
        let (_, origin) = campobasso.get(&id.parse().unwrap(), "application/activity+json").await;
        assert!(!origin.to_string().contains("machinatum"), "{origin}");
        wait_until("Tran to index the practice", || async {
            (search_total(&tran, "Mediatori").await > 0).then_some(())
        })
        .await;
        assert_eq!(search_total(&tran, "machinatum").await, 0);

        // A new version of the item is translated anew.
        let mut changed = common::fixtures::italian_practice();
        changed["summary"]["it"] = json!("Mediatori rom e insegnanti lavorano insieme.");
        let (status, answer) = campobasso.api_send(Method::PUT, &campobasso.item_path(&id), Some(&changed)).await;
        assert_eq!(status, 200, "{answer}");
        tran.wait_for_item_where(&id, "the new summary", |i| {
            i["summary"].to_string().contains("insegnanti")
        })
        .await;
        let (status, renewed) = machine_translate(&tran, &id, "bg").await;
        assert_eq!(status, 200, "{renewed}");
        assert_eq!(renewed["translation"]["summary"], translated("Mediatori rom e insegnanti lavorano insieme.", "bg"));
        assert_eq!(engine.requests().len(), 8);
    }

    async fn machine_translation_is_off_unless_configured_and_stays_within_its_budget(backend: Backend) {
        let engine = FakeLibreTranslate::start().await;
        let campobasso = TestCity::start("campobasso", backend).await;
        // Enough for the practice's 4 texts (141 characters) once, not twice.
        let tran = TestCity::start_with("tran", backend, &engine.config(150)).await;
        let bitola = TestCity::start_with("bitola", backend, &engine.config(100_000)).await;
        tran.follow_and_wait(&campobasso).await;
        bitola.follow_and_wait(&campobasso).await;
        let id = campobasso.publish(common::fixtures::italian_practice()).await["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;
        bitola.wait_for_item(&id).await;

        // Campobasso has no engine: nothing to offer, nothing sent anywhere.
        let (status, answer) = machine_translate(&campobasso, &id, "bg").await;
        assert_eq!(status, 404, "{answer}");
        assert!(answer["error"]["message"].as_str().unwrap().contains("not configured"), "{answer}");
        let mut admin = WebSession::logged_in(&campobasso, "admin").await;
        admin.accept_language = "bg".into();
        let page = admin.get(&format!("/item?id={}", encode(&id))).await;
        assert!(!page.body.contains("/item/machine-translation"), "{}", page.body);

        // Visitors and bad requests are refused before anything is sent.
        let anonymous = tran
            .http
            .post(tran.url("/api/v1/machine-translations"))
            .json(&json!({"item": id, "language": "bg"}))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(anonymous, 401);
        let (status, answer) = machine_translate(&tran, &id, "Bulgarian").await;
        assert_eq!(status, 422, "{answer}");
        let (status, answer) = machine_translate(&tran, &id, "it").await;
        assert_eq!(status, 400, "{answer}");
        assert!(answer["error"]["message"].as_str().unwrap().contains("every text in it"), "{answer}");
        assert_eq!(engine.requests().len(), 0);

        // Tran's budget covers one translation of the practice a day, not two languages.
        let (status, answer) = machine_translate(&tran, &id, "bg").await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(engine.requests().len(), 4);
        let (status, answer) = machine_translate(&tran, &id, "mk").await;
        assert_eq!(status, 429, "{answer}");
        assert!(answer["error"]["message"].as_str().unwrap().contains("budget"), "{answer}");
        assert_eq!(engine.requests().len(), 4, "nothing sent over the budget");
        let (status, _) = machine_translate(&tran, &id, "bg").await;
        assert_eq!(status, 200, "what was translated stays readable");
        let mut reader = WebSession::logged_in(&tran, "admin").await;
        reader.accept_language = "mk".into();
        let page = reader.get(&format!("/item?id={}", encode(&id))).await;
        let csrf = page.csrf().unwrap();
        let refused = reader
            .post("/item/machine-translation", &[("csrf", &csrf), ("id", &id), ("language", "mk")])
            .await;
        assert_eq!(refused.status, 429);
        assert!(refused.body.contains("Дневниот лимит за машински превод е потрошен"), "{}", refused.body);

        // A broken engine: a clear error, nothing cached, so a later request tries again.
        engine.fail();
        let (status, answer) = machine_translate(&bitola, &id, "bg").await;
        assert_eq!(status, 502, "{answer}");
        assert!(answer["error"]["message"].as_str().unwrap().contains("model crashed"), "{answer}");
        let sent = engine.requests().len();
        let (status, _) = machine_translate(&bitola, &id, "bg").await;
        assert_eq!(status, 502);
        assert!(engine.requests().len() > sent, "a failure is not cached");
    }
}
