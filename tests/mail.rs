//! Keeping up by e-mail: digests of saved searches and notices of questions and answers, sent
//! through a real SMTP server (aiosmtpd, started by each test) and read back as they arrived.

mod common;

use chrono::{Duration, Utc};
use common::{Backend, TestCity, smtp::SmtpServer, web::WebSession};
use praxis::domain::user::Role;
use reqwest::Method;
use serde_json::json;

/// Makes the next digest of every subscription of `username` due now, as it is once its day has
/// passed (what counts as new stays as it was).
async fn the_digest_is_due(city: &TestCity, username: &str) {
    let username = username.to_string();
    city.ctx()
        .db
        .write(move |conn| -> Result<(), praxis::storage::StorageError> {
            let user = praxis::storage::users::find_by_username(conn, &username)?.expect("the user");
            for subscription in praxis::storage::mail::subscriptions_of(conn, user.id)? {
                assert!(
                    subscription.next_digest_at > Utc::now() + Duration::hours(23),
                    "a daily digest comes a day after the last"
                );
                praxis::storage::mail::reschedule(conn, subscription.id, Utc::now())?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

fn housing_practice(title: &str) -> serde_json::Value {
    json!({"kind": "good_practice", "original_language": "bg", "title": {"bg": title},
           "summary": {"bg": "Медиатори помагат на семействата с договорите за наем."},
           "themes": ["housing"]})
}

on_both_backends! {
    async fn a_saved_search_comes_as_a_digest_in_the_readers_language_with_only_what_is_new(backend: Backend) {
        let smtp = SmtpServer::start().await;
        let sofia = TestCity::start_with("sofia", backend, &smtp.config()).await;
        let vidin = TestCity::start("vidin", backend).await;
        sofia.follow_and_wait(&vidin).await;
        sofia.user_token("ana", Role::Reader).await;
        let mut ana = WebSession::logged_in(&sofia, "ana").await;
        let csrf = ana.get("/subscriptions").await.csrf().unwrap();
        ana.post("/account/language", &[("csrf", &csrf), ("locale", "bg")]).await;

        // A digest needs an address first; a bad one is refused with the reason, nothing kept.
        let early = ana.post("/subscriptions", &[("csrf", &csrf), ("query", "theme=housing"), ("label", "Жилища"), ("frequency", "daily")]).await;
        assert_eq!(early.status, 422, "{}", early.body);
        assert!(early.body.contains("Първо посочете имейл адреса си"), "{}", early.body);
        let bad = ana.post("/subscriptions/address", &[("csrf", &csrf), ("email", "ana-at-sofia")]).await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("„ana-at-sofia“ не е имейл адрес."), "{}", bad.body);
        let saved = ana.post("/subscriptions/address", &[("csrf", &csrf), ("email", "ana@sofia.example")]).await;
        assert_eq!(saved.status, 303);

        // The feed filtered by a theme offers it; subscribing keeps the search.
        let feed = ana.get("/?theme=housing").await;
        assert!(feed.body.contains("<input type=\"hidden\" name=\"query\" value=\"theme=housing\">"), "{}", feed.body);
        let subscribed = ana.post("/subscriptions", &[("csrf", &csrf), ("query", "theme=housing"), ("label", "Жилища"), ("frequency", "daily")]).await;
        assert_eq!(subscribed.status, 303, "{}", subscribed.body);
        // A city's page offers its new items the same way.
        let vidin_page = ana.get(&format!("/cities/view?id={}", common::web::encode(vidin.url("/city").as_str()))).await;
        assert!(
            vidin_page.body.contains(&format!(
                "name=\"query\" value=\"city={}\"",
                common::web::encode(vidin.url("/city").as_str())
            )),
            "{}",
            vidin_page.body
        );
        // And so does a community's page, for what is posted to it.
        let (status, community) = sofia
            .api_post(
                "/api/v1/communities",
                &json!({"handle": "housing_first", "names": {"en": "Housing first"}, "membership": "open"}),
            )
            .await;
        assert_eq!(status, 201, "{community}");
        let community_id = community["id"].as_str().unwrap();
        let community_page = ana.get(&format!("/community?id={}", common::web::encode(community_id))).await;
        assert_eq!(community_page.status, 200, "{}", community_page.body);
        assert!(
            community_page.body.contains(&format!("name=\"query\" value=\"community={}\"", common::web::encode(community_id))),
            "{}",
            community_page.body
        );
        let list = ana.get("/subscriptions").await;
        assert!(list.body.contains("<a href=\"/?theme=housing\">Жилища</a> · всеки ден"), "{}", list.body);

        let housing = vidin.publish(housing_practice("Жилищен посредник във Видин")).await;
        vidin.publish(json!({"kind": "good_practice", "original_language": "bg",
            "title": {"bg": "Училищни медиатори"}, "themes": ["education"]})).await;
        common::wait_until("both practices at Sofia, searchable", || async {
            let (_, found) = sofia.api_send(Method::GET, "/api/v1/search", None).await;
            (found["total"] == 2).then_some(())
        })
        .await;
        assert!(smtp.messages().is_empty(), "nothing before the digest is due");

        the_digest_is_due(&sofia, "ana").await;
        let messages = smtp.wait_for(1, "the daily digest").await;
        let digest = &messages[0];
        assert_eq!(digest["to"], "ana@sofia.example");
        assert_eq!(digest["from"], "Praxis <praxis@city.example>");
        assert_eq!(digest["subject"], "Един нов материал: Жилища");
        let body = digest["body"].as_str().unwrap();
        assert!(body.contains("Ново в мрежата за „Жилища“"), "in Ana's language: {body}");
        assert!(body.contains("Жилищен посредник във Видин"), "{body}");
        assert!(body.contains("City of vidin"), "which city: {body}");
        let link = sofia.url(&format!("/item?id={}", common::web::encode(housing["id"].as_str().unwrap())));
        assert!(body.contains(link.as_str()), "a link to the item at Sofia: {body}");
        assert!(!body.contains("Училищни медиатори"), "only what the search finds: {body}");
        assert!(body.contains(sofia.url("/subscriptions").as_str()), "how to stop it");

        // The next digest has only what arrived since the last one.
        vidin.publish(housing_practice("Общински жилища за млади семейства")).await;
        common::wait_until("the third practice searchable", || async {
            let (_, found) = sofia.api_send(Method::GET, "/api/v1/search", None).await;
            (found["total"] == 3).then_some(())
        })
        .await;
        the_digest_is_due(&sofia, "ana").await;
        let messages = smtp.wait_for(2, "the second digest").await;
        let second = messages[1]["body"].as_str().unwrap();
        assert!(second.contains("Общински жилища за млади семейства"), "{second}");
        assert!(!second.contains("Жилищен посредник във Видин"), "already sent: {second}");

        // Stopping it: no more digests.
        let page = ana.get("/subscriptions").await;
        let id = page.body.split("name=\"id\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let stopped = ana.post("/subscriptions/remove", &[("csrf", &csrf), ("id", &id)]).await;
        assert_eq!(stopped.status, 303);
        let other = ana.post("/subscriptions/remove", &[("csrf", &csrf), ("id", &id)]).await;
        assert_eq!(other.status, 404, "not twice");
        assert!(ana.get("/subscriptions").await.body.contains("Още нямате бюлетини"));
    }

    async fn questions_about_our_items_and_answers_to_ours_reach_who_asked_for_them(backend: Backend) {
        let smtp = SmtpServer::start().await;
        let sofia = TestCity::start_with("sofia", backend, &smtp.config()).await;
        let vidin = TestCity::start("vidin", backend).await;
        vidin.follow_and_wait(&sofia).await;
        sofia.follow_and_wait(&vidin).await;
        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let csrf = admin.get("/subscriptions").await.csrf().unwrap();
        let saved = admin
            .post("/subscriptions/address", &[("csrf", &csrf), ("email", "office@sofia.example"), ("notify_questions", "yes")])
            .await;
        assert_eq!(saved.status, 303);
        sofia.user_token("ana", Role::Reader).await;
        let mut ana = WebSession::logged_in(&sofia, "ana").await;
        let ana_csrf = ana.get("/subscriptions").await.csrf().unwrap();
        ana.post("/subscriptions/address", &[("csrf", &ana_csrf), ("email", "ana@sofia.example")]).await;

        // Vidin asks about one of Sofia's items: the office hears of it, Ana (who did not ask to) not.
        let ours = sofia.publish(common::m4r_practice()).await;
        let ours_id = ours["id"].as_str().unwrap().to_string();
        vidin.wait_for_item(&ours_id).await;
        let question = json!({"in_reply_to": ours_id, "content": "Колко медиатори работят по проекта?", "language": "bg"});
        let (status, _) = vidin.api_send(Method::POST, "/api/v1/replies", Some(&question)).await;
        assert_eq!(status, 201);
        let messages = smtp.wait_for(1, "the notice of the question").await;
        assert_eq!(messages[0]["to"], "office@sofia.example");
        // In the city's first language: the office set no interface language of its own.
        // Who asked, for which city (Vidin's admin sent it with their token).
        assert_eq!(messages[0]["subject"], "Въпрос от City of vidin (Administrator) за „Община, работеща в подкрепа на ромите“");
        let body = messages[0]["body"].as_str().unwrap();
        assert!(body.contains("Колко медиатори работят по проекта?"), "{body}");
        assert!(body.contains(&format!("{}#replies", sofia.url(url::Url::parse(&ours_id).unwrap().path())) ), "{body}");

        // Sofia asks Vidin; Vidin's answer reaches the office too.
        let theirs = vidin.publish(housing_practice("Жилищен посредник във Видин")).await;
        let theirs_id = theirs["id"].as_str().unwrap().to_string();
        sofia.wait_for_item(&theirs_id).await;
        let ask = json!({"in_reply_to": theirs_id, "content": "Колко струва посредникът?", "language": "bg"});
        let (status, asked) = sofia.api_send(Method::POST, "/api/v1/replies", Some(&ask)).await;
        assert_eq!(status, 201, "{asked}");
        vidin.wait_for_item_where(&theirs_id, "Sofia's question", |i| !i["replies"].as_array().unwrap().is_empty()).await;
        let answer = json!({"in_reply_to": asked["id"], "content": "Половин щат на общината.", "language": "bg"});
        let (status, _) = vidin.api_send(Method::POST, "/api/v1/replies", Some(&answer)).await;
        assert_eq!(status, 201);
        let messages = smtp.wait_for(2, "the notice of the answer").await;
        assert_eq!(messages[1]["subject"], "City of vidin (Administrator) отговори за „Жилищен посредник във Видин“");
        assert!(messages[1]["body"].as_str().unwrap().contains("Половин щат на общината."));
        assert!(messages.iter().all(|m| m["to"] != "ana@sofia.example"), "Ana asked for no notices");
    }
}

on_both_backends! {
    async fn a_notice_the_mail_server_refuses_waits_and_arrives_once_it_takes_mail_again(backend: Backend) {
        let smtp = SmtpServer::start().await;
        let config = format!("{}retry_secs = 1\n", smtp.config());
        let sofia = TestCity::start_with("sofia", backend, &config).await;
        let vidin = TestCity::start("vidin", backend).await;
        vidin.follow_and_wait(&sofia).await;
        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let csrf = admin.get("/subscriptions").await.csrf().unwrap();
        admin
            .post("/subscriptions/address", &[("csrf", &csrf), ("email", "office@sofia.example"), ("notify_questions", "yes")])
            .await;
        let ours = sofia.publish(common::m4r_practice()).await;
        let ours_id = ours["id"].as_str().unwrap().to_string();
        vidin.wait_for_item(&ours_id).await;

        // The server is busy: the notice is refused, kept, and tried again, not dropped.
        smtp.refuse(true);
        let question = json!({"in_reply_to": ours_id, "content": "Има ли ромски медиатори в училищата?", "language": "bg"});
        let (status, _) = vidin.api_send(Method::POST, "/api/v1/replies", Some(&question)).await;
        assert_eq!(status, 201);
        common::wait_until("two refused attempts", || async { (smtp.refused() >= 2).then_some(()) }).await;
        assert!(smtp.messages().is_empty());

        // Once it takes mail again, the notice arrives, once.
        smtp.refuse(false);
        let messages = smtp.wait_for(1, "the notice after the refusals").await;
        assert_eq!(messages[0]["to"], "office@sofia.example");
        assert!(messages[0]["body"].as_str().unwrap().contains("Има ли ромски медиатори в училищата?"));
        // A later notice is not held back by the earlier failures, and nothing comes twice.
        let again = json!({"in_reply_to": ours_id, "content": "А в детските градини?", "language": "bg"});
        let (status, _) = vidin.api_send(Method::POST, "/api/v1/replies", Some(&again)).await;
        assert_eq!(status, 201);
        let messages = smtp.wait_for(2, "the second notice").await;
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[1]["body"].as_str().unwrap().contains("А в детските градини?"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_mail_server_nothing_is_offered_and_nothing_is_sent() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let mut admin = WebSession::logged_in(&sofia, "admin").await;
    let page = admin.get("/subscriptions").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("This city has not set up mail"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("name=\"email\""));
    let csrf = page.csrf().unwrap();
    assert!(
        !admin
            .get("/?theme=housing")
            .await
            .body
            .contains("action=\"/subscriptions\"")
    );
    let refused = admin
        .post(
            "/subscriptions",
            &[
                ("csrf", &csrf),
                ("query", "theme=housing"),
                ("label", "x"),
                ("frequency", "daily"),
            ],
        )
        .await;
    assert_eq!(refused.status, 404);
}
