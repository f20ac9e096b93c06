//! Reading in one's own languages: every text of an item is chosen on its own from the languages
//! the reader reads, then the original; what is in another language than the page says so, on
//! the element itself. Two real cities on loopback: Campobasso writes in Italian with partial
//! translations, Tran reads it in Bulgarian, Italian, Macedonian or English.

mod common;

use common::{Backend, TestCity, web::WebSession};
use reqwest::Method;
use serde_json::{Value, json};

/// A practice written in Italian, translated in full into English, and only in its title into
/// Bulgarian (how partial translations arrive in practice).
fn partly_translated() -> Value {
    json!({
        "kind": "good_practice",
        "original_language": "it",
        "title": {
            "it": "Mediatori scolastici rom",
            "en": "Roma school mediators",
            "bg": "Ромски училищни медиатори"
        },
        "summary": {
            "it": "Mediatori rom accompagnano le famiglie nelle scuole.",
            "en": "Roma mediators accompany families in schools."
        },
        "body": {"it": "<p>Il progetto è nato nel 2019.</p>"},
        "details": {"objectives": {"it": "Ridurre l'abbandono scolastico", "en": "Fewer early school leavers"}}
    })
}

/// Campobasso names itself in Bulgarian and Macedonian too.
const CAMPOBASSO: &str = r#"
[city]
name = "Comune di Campobasso"
names = { bg = "Кампобасо", mk = "Кампобасо" }
languages = ["it", "en"]
"#;

/// The item as the API gives it to a reader with these headers and query.
async fn api_item(city: &TestCity, id: &str, query: &str, accept_language: Option<&str>) -> Value {
    let path = format!("/api/v1/items/lookup?id={}{query}", common::web::encode(id));
    let mut request = city
        .http
        .request(Method::GET, city.url(&path))
        .bearer_auth(&city.token);
    if let Some(languages) = accept_language {
        request = request.header("Accept-Language", languages);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

/// The HTML element of the page's content that holds `text`, from its opening tag to the text.
fn element_with<'a>(html: &'a str, text: &str) -> &'a str {
    let main = html.find("<main").expect("a page with a main part");
    let at = main
        + html[main..]
            .find(text)
            .unwrap_or_else(|| panic!("the page lacks {text:?}:\n{html}"));
    let open = html[..at].rfind('<').unwrap();
    &html[open..at + text.len()]
}

on_both_backends! {
    async fn each_text_comes_in_a_language_the_reader_reads(backend: Backend) {
        let campobasso = TestCity::start_with("campobasso", backend, CAMPOBASSO).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let published = campobasso.publish(partly_translated()).await;
        let id = published["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;

        // The API: field by field, by Accept-Language's qualities, saying which language each is.
        let item = api_item(&tran, &id, "", Some("it;q=0.3, bg, en;q=0.8")).await;
        assert_eq!(item["title"], "Ромски училищни медиатори");
        assert_eq!(item["summary"], "Roma mediators accompany families in schools.");
        assert_eq!(item["body"], "<p>Il progetto è nato nel 2019.</p>", "no English body: the original");
        assert_eq!(
            item["field_languages"],
            json!({"title": "bg", "summary": "en", "body": "it", "details.objectives": "en"})
        );
        assert_eq!(item["missing"], json!(["summary", "body", "details.objectives"]));
        // A `lang` list comes first, in its order.
        let item = api_item(&tran, &id, "&lang=mk,en", Some("bg")).await;
        assert_eq!((item["title"].as_str(), item["language"].as_str()), (Some("Roma school mediators"), Some("en")));
        // Nothing asked: the original everywhere, nothing called missing.
        let item = api_item(&tran, &id, "", None).await;
        assert_eq!(item["title"], "Mediatori scolastici rom");
        assert_eq!(item["missing"], json!([]));

        // The page, for a visitor in each interface language whose browser reads only it.
        let page_of = |ui: &'static str| {
            let path = format!("/item?id={}&ui={ui}", common::web::encode(&id));
            let mut visitor = WebSession::new(&tran);
            visitor.accept_language = ui.to_string();
            async move { visitor.get(&path).await }
        };
        let bg = page_of("bg").await;
        assert_eq!(bg.status, 200, "{}", bg.body);
        assert!(element_with(&bg.body, "Ромски училищни медиатори").contains(r#"lang="bg""#));
        let summary = element_with(&bg.body, "Mediatori rom accompagnano");
        assert!(summary.contains(r#"lang="it""#), "{summary}");
        assert!(bg.body.contains(r#"<span class="language-mark" lang="bg">(италиански)</span>"#), "{}", bg.body);
        assert!(bg.body.contains("Текстът по-долу е на италиански."), "the body says its language");
        assert!(bg.body.contains(r#"<div class="body" lang="it"><p>Il progetto"#), "{}", bg.body);
        assert!(bg.body.contains(r#"<dd lang="it"><span class="text">Ridurre l&#39;abbandono"#));
        assert!(bg.body.contains("Още няма на български: "), "the page says what is missing");
        assert!(!bg.body.contains(r#"<article class="item" lang="#), "no language on the whole item");

        let en = page_of("en").await;
        assert!(element_with(&en.body, "Roma mediators accompany").contains(r#"lang="en""#));
        assert!(en.body.contains(r#"<dd lang="en"><span class="text">Fewer early school leavers"#));
        assert!(en.body.contains("The text below is in Italian."));
        assert!(en.body.contains("Not yet in English: Text."), "{}", en.body);

        let it = page_of("it").await;
        assert!(element_with(&it.body, "Mediatori scolastici rom").contains(r#"lang="it""#));
        assert!(!it.body.contains("language-mark"), "all in Italian: nothing to mark");
        assert!(!it.body.contains("Non ancora in"), "nothing missing in Italian");

        let mk = page_of("mk").await;
        assert!(element_with(&mk.body, "Mediatori scolastici rom").contains(r#"lang="it""#));
        assert!(mk.body.contains(r#"<span class="language-mark" lang="mk">(италијански)</span>"#));
        assert!(mk.body.contains("Сѐ уште нема на македонски: "));

        // The feed card: the title and the snippet each carry their own language.
        let mut visitor = WebSession::new(&tran);
        visitor.accept_language = "bg".into();
        let feed = visitor.get("/?ui=bg").await;
        let title = element_with(&feed.body, "Ромски училищни медиатори");
        assert!(title.contains(r#"lang="bg""#), "{title}");
        let snippet = element_with(&feed.body, "Mediatori rom accompagnano");
        assert!(snippet.starts_with(r#"<span lang="it">"#), "{snippet}");
        assert!(feed.body.contains("Кампобасо"), "the city is named in Bulgarian: {}", feed.body);
        // Search cards too: the version that matched, marked as what it is.
        let search = visitor.get("/?ui=bg&q=mediators").await;
        let title = element_with(&search.body, "Roma school ");
        assert!(title.contains(r#"lang="en""#), "{title}");
    }

    async fn a_reader_sets_the_languages_they_read(backend: Backend) {
        let campobasso = TestCity::start_with("campobasso", backend, CAMPOBASSO).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let id = campobasso.publish(partly_translated()).await["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;
        tran.user_token("marija", praxis::domain::user::Role::Reader).await;
        let mut marija = WebSession::logged_in(&tran, "marija").await;
        marija.accept_language = "bg".into();
        let path = format!("/item?id={}&ui=bg", common::web::encode(&id));
        // Without a setting: her browser's Bulgarian, then the original.
        let page = marija.get(&path).await;
        assert!(element_with(&page.body, "Mediatori rom accompagnano").contains(r#"lang="it""#));

        let account = marija.get("/account").await;
        let csrf = account.csrf().unwrap();
        assert!(account.body.contains("Езици, на които чета"));
        assert!(account.body.contains(r#"<option value="rmy">влашки ромски</option>"#), "Romani varieties are named");
        // A code that is no language: refused in her language, nothing changed.
        let refused = marija
            .post("/account/reading", &[("csrf", &csrf), ("read", "bg"), ("other", "Romanes")])
            .await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert!(refused.body.contains("„Romanes“ не е код на език"), "{}", refused.body);
        let page = marija.get(&path).await;
        assert!(element_with(&page.body, "Mediatori rom accompagnano").contains(r#"lang="it""#));

        let saved = marija
            .post("/account/reading", &[("csrf", &csrf), ("read", "bg"), ("read", "en"), ("read", ""), ("other", "rmy")])
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let page = marija.get(&path).await;
        assert!(element_with(&page.body, "Roma mediators accompany").contains(r#"lang="en""#));
        assert!(page.body.contains("(английски)"));
        let account = marija.get("/account").await;
        assert!(account.body.contains(r#"value="rmy""#) && account.body.contains(r#"<option value="en" selected>"#));
        let stored = tran
            .ctx()
            .db
            .read(|conn| praxis::storage::users::find_by_username(conn, "marija"))
            .await
            .unwrap()
            .unwrap();
        let codes: Vec<String> = stored.read_languages.iter().map(ToString::to_string).collect();
        assert_eq!(codes, ["bg", "en", "rmy"]);
    }
}
