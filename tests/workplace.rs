//! The staff workplace's pages as a person meets them: every action says what it did on the page
//! it leads to, unfollowing asks first, and a deleted item's old address explains itself.

mod common;

use common::{Backend, TestCity, web::WebSession};
use reqwest::Method;

on_both_backends! {
    async fn every_action_says_what_it_did_and_unfollowing_asks_first(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let csrf = admin.get("/admin").await.csrf().unwrap();

        // Creating a user.
        let created = admin
            .post(
                "/admin/users",
                &[("csrf", &csrf), ("username", "ivan"), ("display_name", "Ivan"), ("role", "editor"), ("password", "a long enough password")],
            )
            .await;
        assert_eq!(created.status, 303, "{}", created.body);
        assert_eq!(created.location(), "/admin?done=user-created");
        let page = admin.get(&created.location()).await;
        assert!(page.body.contains("role=\"status\">The account is created."), "{}", page.body);

        // Publishing, saving and deleting.
        let published = admin
            .post_multipart(
                "/new?kind=good_practice",
                &[
                    ("csrf", &csrf),
                    ("action", "save"),
                    ("languages", "en"),
                    ("original_language", "en"),
                    ("title.en", "School mediators"),
                    ("summary.en", "Mediators accompany Roma families."),
                ],
            )
            .await;
        assert_eq!(published.status, 303, "{}", published.body);
        assert!(published.location().ends_with("?done=published"), "{}", published.location());
        let page = admin.get(&published.location()).await;
        assert!(page.body.contains("The item is published"), "{}", page.body);
        let item_path = published.location().trim_end_matches("?done=published").to_string();
        let saved = admin
            .post_multipart(
                &format!("{item_path}/edit"),
                &[
                    ("csrf", &csrf),
                    ("action", "save"),
                    ("languages", "en"),
                    ("original_language", "en"),
                    ("title.en", "Roma school mediators"),
                    ("summary.en", "Mediators accompany Roma families."),
                ],
            )
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        assert_eq!(saved.location(), format!("{item_path}?done=saved"));
        assert!(admin.get(&saved.location()).await.body.contains("Your changes are saved"));
        let deleted = admin.post(&format!("{item_path}/delete"), &[("csrf", &csrf)]).await;
        assert_eq!(deleted.location(), "/?done=deleted");
        assert!(admin.get("/?done=deleted").await.body.contains("The item is deleted"));

        // Only known codes become words on the page.
        let page = admin.get("/?done=%3Cscript%3E").await;
        assert!(!page.body.contains("class=\"notice done\""), "{}", page.body);

        // Following, then unfollowing, which asks first and changes nothing until confirmed.
        let followed = admin.post("/cities/follow", &[("csrf", &csrf), ("city", &vidin.address())]).await;
        assert_eq!(followed.location(), "/cities?done=followed", "{}", followed.body);
        assert!(admin.get("/cities?done=followed").await.body.contains("The follow request is sent"));
        let (_, following) = sofia.api_send(Method::GET, "/api/v1/follows", None).await;
        assert_eq!(following["following"].as_array().unwrap().len(), 1, "{following}");
        let vidin_id = vidin.actor_id().to_string();
        let asked = admin.post("/cities/unfollow", &[("csrf", &csrf), ("city", &vidin_id)]).await;
        assert_eq!(asked.status, 200, "{}", asked.body);
        assert!(asked.body.contains("Stop following City of vidin?"), "{}", asked.body);
        assert!(asked.body.contains("name=\"confirm\" value=\"yes\""), "{}", asked.body);
        let (_, following) = sofia.api_send(Method::GET, "/api/v1/follows", None).await;
        assert_eq!(following["following"].as_array().unwrap().len(), 1, "asking changed nothing");
        let confirmed = admin
            .post("/cities/unfollow", &[("csrf", &csrf), ("city", &vidin_id), ("confirm", "yes")])
            .await;
        assert_eq!(confirmed.location(), "/cities?done=unfollowed", "{}", confirmed.body);
        let (_, following) = sofia.api_send(Method::GET, "/api/v1/follows", None).await;
        assert!(following["following"].as_array().unwrap().is_empty(), "{following}");
    }

    async fn a_follow_that_cannot_be_made_says_why_and_what_to_do_in_the_readers_language(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        // Sofia knows Vidin (it follows Sofia), so a bare name finds it.
        vidin.follow_and_wait(&sofia).await;
        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        admin.accept_language = "bg".into();
        let csrf = admin.get("/cities").await.csrf().unwrap();
        let answer = admin.post("/cities/follow", &[("csrf", &csrf), ("city", "vidin")]).await;
        assert_eq!(answer.status, 422, "{}", answer.body);
        assert!(answer.body.contains("„vidin“ не е адрес на град."), "{}", answer.body);
        assert!(answer.body.contains(&format!("Имахте предвид City of vidin ({})?", vidin.address())), "{}", answer.body);

        let answer = admin.post("/cities/follow", &[("csrf", &csrf), ("city", &sofia.address())]).await;
        assert_eq!(answer.status, 422);
        assert!(answer.body.contains("Един град не може да следва себе си."), "{}", answer.body);

        let ghost = "ghost@localhost:9";
        let answer = admin.post("/cities/follow", &[("csrf", &csrf), ("city", ghost)]).await;
        assert_eq!(answer.status, 422);
        assert!(answer.body.contains("ghost@localhost:9 не може да бъде достигнат. Проверете адреса"), "{}", answer.body);
        let (_, following) = sofia.api_send(Method::GET, "/api/v1/follows", None).await;
        assert!(following["following"].as_array().unwrap().is_empty(), "nothing was followed: {following}");

        praxis::service::policy::set_mode(&sofia.ctx().policy, praxis::domain::policy::PolicyMode::Allowlist, None)
            .await
            .unwrap();
        let answer = admin.post("/cities/follow", &[("csrf", &csrf), ("city", ghost)]).await;
        assert_eq!(answer.status, 422);
        assert!(answer.body.contains("не разрешава ghost@localhost:9. Администратор може да добави"), "{}", answer.body);
    }

    async fn a_deleted_items_address_tells_a_browser_it_was_deleted(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let published = sofia.publish(common::m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        let (status, _) = sofia.api_send(Method::DELETE, &sofia.item_path(&id), None).await;
        assert_eq!(status, 200);
        let page = sofia
            .http
            .get(&id)
            .header("Accept", "text/html")
            .header("Accept-Language", "it")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 410);
        assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let body = page.text().await.unwrap();
        assert!(body.contains("La sua città ha eliminato questa scheda."), "{body}");
        assert!(!body.contains("Tombstone"), "{body}");
        // Peers still get the Tombstone.
        let tombstone = sofia.http.get(&id).header("Accept", "application/activity+json").send().await.unwrap();
        assert_eq!(tombstone.status(), 410);
        assert!(tombstone.text().await.unwrap().contains("Tombstone"));
    }
}

/// How many cities `city` counts as having adapted the item `id`.
async fn adapting_cities(city: &TestCity, id: &str) -> i64 {
    city.item(id).await.unwrap()["adapted_by_cities"]
        .as_i64()
        .unwrap()
}

on_both_backends! {
    async fn adapting_starts_from_a_copy_and_the_original_counts_the_cities_that_adapted_it(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let mut original = common::m4r_practice();
        original["themes"] = serde_json::json!(["inclusion", "education"]);
        original["place"] = serde_json::json!("Campobasso");
        original["contacts"] = serde_json::json!([{"name": "Lucia Rossi", "email": "lucia@comune.campobasso.it"}]);
        let published = campobasso.publish(original).await;
        let id = published["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;

        // "Adapt for our city": the editor of the original's kind, with its texts and themes to
        // rewrite; Campobasso's contact and place are not Tran's.
        let mut editor = WebSession::logged_in(&tran, "admin").await;
        let form = editor.get(&format!("/new?adapted_from={}", common::web::encode(&id))).await;
        assert_eq!(form.status, 200, "{}", form.body);
        assert!(form.body.contains("action=\"/new?kind=good_practice\""), "the practice's editor");
        assert!(form.body.contains("value=\"Община, работеща в подкрепа на ромите\""), "the title copied");
        assert!(form.body.contains("Un modello sperimentato di inclusione"), "every language version copied");
        assert!(form.body.contains(&format!("value=\"{id}\"")), "linked as adaptedFrom");
        assert!(
            form.body.contains("name=\"themes\" value=\"inclusion\" checked"),
            "the themes copied"
        );
        assert!(!form.body.contains("lucia@comune.campobasso.it"), "not the original's contact");
        assert!(!form.body.contains("value=\"Campobasso\""), "not the original's place");

        // Tran adapts it twice (a city counts once), Campobasso learns of it.
        for title in ["Тран за ромската общност", "Тран: втора година"] {
            let adaptation = serde_json::json!({
                "kind": "good_practice", "original_language": "bg",
                "title": {"bg": title}, "adapted_from": id,
            });
            tran.publish(adaptation).await;
        }
        common::wait_until("Campobasso to count Tran's adaptation", || async {
            (adapting_cities(&campobasso, &id).await == 1).then_some(())
        })
        .await;
        assert_eq!(adapting_cities(&tran, &id).await, 1);

        // The card says so, and the filter finds it (and not the adaptations).
        let feed = editor.get("/").await;
        assert!(feed.body.contains("<span class=\"adapted\">adapted by one city</span>"), "{}", feed.body);
        let adapted = common::wait_until("the original to be found as adapted", || async {
            let (_, found) = tran.api_send(Method::GET, "/api/v1/search?adapted=true", None).await;
            (found["total"] == 1).then_some(found)
        })
        .await;
        assert_eq!(adapted["items"][0]["id"], id.as_str());
        let (status, refused) = tran.api_send(Method::GET, "/api/v1/search?adapted=maybe", None).await;
        assert_eq!(status, 422, "{refused}");
    }

    async fn every_item_shows_related_practices_the_reader_may_read(backend: Backend) {
        let tran = TestCity::start("tran", backend).await;
        let practice = |title: &str, summary: &str, themes: serde_json::Value| {
            serde_json::json!({"kind": "good_practice", "original_language": "en",
                "title": {"en": title}, "summary": {"en": summary}, "themes": themes})
        };
        let school = tran.publish(practice("School mediators for Roma pupils",
            "Mediators visit families so that Roma pupils stay in school.", serde_json::json!(["education"]))).await;
        let mut partners = practice("Mediators against early school leaving",
            "Mediators follow pupils at risk of leaving school early.", serde_json::json!(["education"]));
        partners["audience"] = serde_json::json!({"kind": "partners"});
        tran.publish(partners).await;
        tran.publish(practice("Homework clubs at school",
            "Volunteers help pupils with homework after school.", serde_json::json!(["education"]))).await;
        tran.publish(practice("Social housing desk",
            "A desk helps families with rent contracts.", serde_json::json!(["housing"]))).await;
        let id = school["id"].as_str().unwrap();
        let path = format!("/item?id={}", common::web::encode(id));
        let related = |body: &str| -> Vec<String> {
            let section = body.split("id=\"related-heading\"").nth(1).unwrap_or("").split("</section>").next().unwrap_or("");
            section.split("<h3><a href=").skip(1).map(|card| card.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string()).collect()
        };
        common::wait_until("the four practices to be indexed", || async {
            let (_, found) = tran.api_send(Method::GET, "/api/v1/search", None).await;
            (found["total"] == 4).then_some(())
        })
        .await;
        let mut staff = WebSession::logged_in(&tran, "admin").await;
        let shown = related(&staff.get(&path).await.body);
        assert_eq!(shown[0], "Mediators against early school leaving", "the most alike first: {shown:?}");
        assert!(shown.contains(&"Homework clubs at school".to_string()), "{shown:?}");
        assert!(!shown.contains(&"School mediators for Roma pupils".to_string()), "not itself");
        // A visitor is not shown the practice for partners.
        let visitor = WebSession::new(&tran).get(&path).await;
        let shown = related(&visitor.body);
        assert!(!shown.contains(&"Mediators against early school leaving".to_string()), "{shown:?}");
        assert_eq!(shown.first().map(String::as_str), Some("Homework clubs at school"), "{shown:?}");
    }
}

on_both_backends! {
    async fn each_person_saves_items_for_later_on_a_list_of_their_own(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let published = sofia.publish(common::m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        sofia.user_token("ana", praxis::domain::user::Role::Reader).await;
        let mut ana = WebSession::logged_in(&sofia, "ana").await;
        let item = format!("/item?id={}", common::web::encode(&id));
        let page = ana.get(&item).await;
        assert!(page.body.contains("aria-pressed=\"false\">Save for later</button>"), "{}", page.body);
        let csrf = page.csrf().unwrap();

        let saved = ana.post("/saved", &[("csrf", &csrf), ("id", &id), ("saved", "true")]).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let back = ana.get(&saved.location()).await;
        assert!(back.body.contains("The item is on your list “Saved for later”."), "{}", back.body);
        assert!(back.body.contains("aria-pressed=\"true\""), "the button now takes it off");
        // Saving twice keeps one entry.
        ana.post("/saved", &[("csrf", &csrf), ("id", &id), ("saved", "true")]).await;
        let list = ana.get("/saved").await;
        assert_eq!(list.status, 200);
        assert_eq!(list.body.matches("Община, работеща в подкрепа на ромите").count(), 1, "{}", list.body);

        // Nobody else sees Ana's list.
        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let theirs = admin.get("/saved").await;
        assert!(!theirs.body.contains("Община, работеща"), "{}", theirs.body);
        assert!(theirs.body.contains("Nothing saved yet."));
        let visitor = WebSession::new(&sofia).get("/saved").await;
        assert_ne!(visitor.status, 200, "a visitor has no list");

        // Bad input changes nothing; taking it off empties the list.
        let forged = ana.post("/saved", &[("csrf", "forged"), ("id", &id), ("saved", "false")]).await;
        assert_eq!(forged.status, 403);
        let unknown = ana.post("/saved", &[("csrf", &csrf), ("id", "http://elsewhere.example/items/1"), ("saved", "true")]).await;
        assert_eq!(unknown.status, 404);
        assert!(ana.get("/saved").await.body.contains("Община, работеща"));
        let removed = ana.post("/saved", &[("csrf", &csrf), ("id", &id), ("saved", "false")]).await;
        assert_eq!(removed.status, 303);
        assert!(ana.get("/saved").await.body.contains("Nothing saved yet."));
    }
}

on_both_backends! {
    async fn the_directory_shows_every_known_city_on_a_map_and_in_a_list(backend: Backend) {
        let located = |lat: f64, lon: f64| format!("[city]\ncountry = \"BG\"\nlocation = {{ latitude = {lat}, longitude = {lon} }}\n");
        let sofia = TestCity::start_with("sofia", backend, &located(42.6977, 23.3219)).await;
        let vidin = TestCity::start_with("vidin", backend, &located(43.99, 22.8725)).await;
        let tran = TestCity::start("tran", backend).await;
        sofia.follow_and_wait(&vidin).await;
        tran.follow_and_wait(&sofia).await;
        vidin.publish(common::m4r_practice()).await;
        let (_, actor) = sofia.get_ap(vidin.url("/city").as_str()).await;
        assert_eq!(actor["location"]["type"], "Place", "the location is federated: {actor}");
        assert_eq!(actor["location"]["latitude"], 43.99);
        common::wait_until("Vidin's practice at Sofia", || async {
            (sofia.feed().await.len() == 1).then_some(())
        })
        .await;

        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let page = admin.get("/directory").await;
        assert_eq!(page.status, 200, "{}", page.body);
        // On the map, from the coordinates each city gave: Sofia marked as this city.
        assert!(page.body.contains("viewBox=\"0 0 1000 845\""), "the shipped base map");
        assert!(page.body.contains("<circle cx=\"690.3\" cy=\"651.2\" r=\"7\" class=\"marker own\">"), "{}", page.body);
        assert!(page.body.contains("<title>City of vidin</title>"));
        assert!(!page.body.contains("tile.openstreetmap"), "no outside tile service");
        assert!(page.body.contains("One city has not said where it is."), "Tran gave no place");
        // In the list: how each stands to Sofia, what it offers, and a follow button where it can.
        let entry = |name: &str| -> String {
            page.body.split(&format!(">{name}</a></h2>")).nth(1).unwrap_or("").split("</li>").next().unwrap_or("").to_string()
        };
        assert!(entry("City of vidin").contains("Followed"), "{}", entry("City of vidin"));
        assert!(entry("City of vidin").contains("one item here"));
        assert!(entry("City of vidin").contains("Bulgaria"));
        assert!(!entry("City of vidin").contains("action=\"/cities/follow\""), "already followed");
        assert!(entry("City of tran").contains("Follows this city"), "{}", entry("City of tran"));
        assert!(entry("City of tran").contains("action=\"/cities/follow\""), "it can be followed back");
        assert!(entry("City of sofia").contains("This city"));
        // A visitor sees the directory without the buttons.
        let visitor = WebSession::new(&sofia).get("/directory").await;
        assert_eq!(visitor.status, 200);
        assert!(!visitor.body.contains("action=\"/cities/follow\""));
    }
}

on_both_backends! {
    async fn a_question_says_who_asked_on_behalf_of_which_city(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        vidin.follow_and_wait(&sofia).await;
        let published = sofia.publish(common::m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        vidin.wait_for_item(&id).await;

        // Ivan, an editor at Vidin, asks through the item's page.
        vidin.user_token("ivan", praxis::domain::user::Role::Editor).await;
        let mut ivan = WebSession::logged_in(&vidin, "ivan").await;
        let page = ivan.get(&format!("/item?id={}", common::web::encode(&id))).await;
        let csrf = page.csrf().unwrap();
        let asked = ivan
            .post("/item/reply", &[("csrf", &csrf), ("id", &id), ("content", "How many mediators work on it?"), ("language", "en")])
            .await;
        assert_eq!(asked.status, 303, "{}", asked.body);

        // Sofia sees the person and the city, on the page and in the API.
        let at_sofia = sofia
            .wait_for_item_where(&id, "the question", |i| !i["replies"].as_array().unwrap().is_empty())
            .await;
        assert_eq!(at_sofia["replies"][0]["signed_by"], "ivan");
        assert_eq!(at_sofia["replies"][0]["author"]["address"], vidin.address());
        let page = WebSession::new(&sofia).get(url::Url::parse(&id).unwrap().path()).await;
        assert!(page.body.contains("ivan for <a href="), "{}", page.body);
        assert!(page.body.contains(">City of vidin</a>"));
    }
}

on_both_backends! {
    async fn an_error_the_page_did_not_word_is_explained_in_the_readers_language(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let csrf = admin.get("/admin").await.csrf().unwrap();
        let missing = sofia.url("/items/00000000-0000-4000-8000-000000000000");
        // The service answers "there is no item … here", in English, for the API; a page says it
        // in the reader's language, with the next step, and folds the technical words away.
        for (ui, explained) in [
            ("bg", "Търсеното го няма тук"),
            ("it", "Ciò che hai chiesto non è qui"),
            ("mk", "Бараното го нема тука"),
            ("en", "What you asked for is not here"),
        ] {
            let page = admin
                .post(&format!("/item/share?ui={ui}"), &[("csrf", &csrf), ("id", missing.as_str())])
                .await;
            assert_eq!(page.status, 404, "{}", page.body);
            let message = page.body.split("class=\"error-message\">").nth(1).unwrap_or("");
            let message = message.split("</p>").next().unwrap_or("");
            assert!(message.contains(explained), "{ui}: {message}");
            let (outside, folded) = page.body.split_once("<details class=\"error-technical\">").expect("the technical fold");
            assert!(!outside.contains("there is no item"), "{ui}: the service's English is shown unfolded");
            assert!(folded.contains("<p lang=\"en\"><code>there is no item"), "{ui}: {folded}");
        }
        // The API keeps its English message and code.
        let api = sofia
            .http
            .post(sofia.url("/api/v1/shares"))
            .bearer_auth(&sofia.token)
            .json(&serde_json::json!({"item": missing}))
            .send()
            .await
            .unwrap();
        let status = api.status();
        let body: serde_json::Value = api.json().await.unwrap();
        assert_eq!(status, 404, "{body}");
        assert_eq!(body["error"]["code"], "not_found");
        assert!(body["error"]["message"].as_str().unwrap().contains("there is no item"), "{body}");
        // A message the page words itself is shown as it is, without a fold.
        let page = admin.get("/item?id=not-a-url&ui=bg").await;
        assert_eq!(page.status, 400);
        assert!(!page.body.contains("error-technical"), "{}", page.body);
    }
}

on_both_backends! {
    async fn an_item_with_a_place_travels_with_it_and_is_marked_on_the_map(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        sofia.follow_and_wait(&vidin).await;

        // Coordinates that are not a point on the Earth are refused at their field.
        for bad in [serde_json::json!("north of the Danube"), serde_json::json!({"latitude": 95.0, "longitude": 22.8})] {
            let mut practice = common::m4r_practice();
            practice["location"] = bad.clone();
            let (status, body) = vidin.api_post("/api/v1/items", &practice).await;
            assert_eq!(status, 422, "{bad}: {body}");
            let field = &body["error"]["fields"][0];
            assert_eq!((field["field"].as_str(), field["code"].as_str()), (Some("location"), Some("not_a_location")), "{body}");
        }
        let mut practice = common::m4r_practice();
        practice["place"] = "Nov Pazar, Vidin".into();
        practice["location"] = serde_json::json!({"latitude": 43.98, "longitude": 22.86});
        let published = vidin.publish(practice).await;
        let id = published["id"].as_str().unwrap().to_string();
        assert_eq!(published["location"]["latitude"], 43.98, "{published}");

        // Federated as an ActivityStreams Place named by the place, and stored by the follower.
        let (_, object) = sofia.get_ap(&id).await;
        assert_eq!(object["location"]["type"], "Place", "{object}");
        assert_eq!(object["location"]["name"], "Nov Pazar, Vidin");
        assert_eq!((object["location"]["latitude"].as_f64(), object["location"]["longitude"].as_f64()), (Some(43.98), Some(22.86)));
        let held = common::wait_until("Vidin's practice at Sofia", || async {
            sofia.feed().await.into_iter().find(|i| i["id"] == id.as_str())
        })
        .await;
        assert_eq!((held["location"]["latitude"].as_f64(), held["location"]["longitude"].as_f64()), (Some(43.98), Some(22.86)), "{held}");

        // On Sofia's map, a square where the work happens, leading to the item, named by its
        // title in the reader's language.
        let mut reader = WebSession::logged_in(&sofia, "admin").await;
        let page = reader.get("/directory?ui=it").await;
        assert_eq!(page.status, 200, "{}", page.body);
        let (x, y) = ((22.86 + 25.0) * 1000.0 / 70.0, (72.0 - 43.98) * 1000.0 / 70.0 / 50f64.to_radians().cos());
        let square = format!("<rect x=\"{x:.1}\" y=\"{y:.1}\"");
        let marker = page.body.split("<g class=\"item-markers\">").nth(1).unwrap().split("</g>").next().unwrap();
        assert!(marker.contains(&square), "{marker}");
        assert!(marker.contains(&format!("href=\"/item?id={}\"", common::web::encode(&id))), "{marker}");
        assert!(marker.contains("<title>Un comune che lavora per l&#x27;inclusione dei Rom</title>") || marker.contains("<title>Un comune che lavora per l&#39;inclusione dei Rom</title>"), "{marker}");
        assert!(page.body.contains("Il quadrato verde è un contenuto con un luogo"), "the caption says what the square is");
        // The item page says where, for people.
        let item = reader.get(&format!("/item?id={}", common::web::encode(&id))).await;
        assert!(item.body.contains("43.98, 22.86"), "{}", item.body);

        // An editor gives the point as a map copies it; a bad one comes back at its field as typed.
        let csrf = reader.get("/new?kind=good_practice").await.csrf().unwrap();
        let form = |location: &'static str| {
            vec![
                ("csrf", csrf.clone()),
                ("action", "save".to_string()),
                ("languages", "en".to_string()),
                ("original_language", "en".to_string()),
                ("title.en", "Health mediators".to_string()),
                ("location", location.to_string()),
            ]
        };
        let bad = form("42,6977");
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = reader.post_multipart("/new?kind=good_practice", &bad).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert!(refused.body.contains("“42,6977” is not a point on the map"), "{}", refused.body);
        assert!(refused.body.contains("value=\"42,6977\""), "the text stays as typed");
        let good = form("42.6977, 23.3219");
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let saved = reader.post_multipart("/new?kind=good_practice", &good).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let own = sofia.feed().await.into_iter().find(|i| i["title"] == "Health mediators").expect("published");
        assert_eq!((own["location"]["latitude"].as_f64(), own["location"]["longitude"].as_f64()), (Some(42.6977), Some(23.3219)));
    }
}

on_both_backends! {
    async fn the_directory_reaches_one_step_further_into_the_network(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        let tran = TestCity::start("tran", backend).await;
        // Vidin follows Tran, whom Sofia has never met; Sofia then follows Vidin.
        vidin.follow_and_wait(&tran).await;
        sofia.follow_and_wait(&vidin).await;
        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let tran_actor = tran.actor_id().to_string();
        // Learned from Vidin's `following` collection when Sofia imports Vidin's knowledge.
        common::wait_until("Tran in Sofia's directory, one step further", || async {
            let page = WebSession::new(&sofia).get("/directory").await;
            page.body.contains(&format!("<p class=\"address\">{tran_actor}</p>")).then_some(())
        })
        .await;
        let page = admin.get("/directory").await;
        let further = page.body.split("class=\"directory further\"").nth(1).expect("the further list");
        assert!(further.contains("Followed by City of vidin"), "{further}");
        assert!(further.contains(&format!("name=\"city\" value=\"{tran_actor}\"")), "an admin can follow it from here");
        // Following it from there makes it a city Sofia knows, listed with the others.
        let csrf = admin.get("/directory").await.csrf().unwrap();
        let followed = admin.post("/cities/follow", &[("csrf", &csrf), ("city", &tran_actor)]).await;
        assert_eq!(followed.status, 303, "{}", followed.body);
        let page = admin.get("/directory").await;
        assert!(page.body.contains(">City of tran</a></h2>"), "{}", page.body);
        assert!(!page.body.contains("class=\"directory further\""), "nothing further is left");
        // A visitor sees the further cities without the button.
        let visitor = WebSession::new(&sofia).get("/directory").await;
        assert!(!visitor.body.contains("action=\"/cities/follow\""));
    }
}
