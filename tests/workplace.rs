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
