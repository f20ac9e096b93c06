//! Contributed translations between real cities on loopback: Tran translates Campobasso's
//! practice into Bulgarian; Tran's readers see it at once, marked as not reviewed; Campobasso's
//! editors accept it, edit it or decline it; Bitola, a third city, receives the accepted version
//! with its credit.

mod common;

use common::{Backend, TestCity, wait_until, web::WebSession};
use reqwest::Method;
use serde_json::{Value, json};

/// The item as `city`'s API gives it to a reader of `languages`.
async fn read_in(city: &TestCity, id: &str, languages: &str) -> Value {
    let mut url = city.url("/api/v1/items/lookup");
    url.query_pairs_mut()
        .append_pair("id", id)
        .append_pair("lang", languages);
    let (status, body) = city.get(&url, "application/json").await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The proposals `city` lists with this query, once one satisfies `check`.
async fn wait_for_proposal(city: &TestCity, query: &str, check: impl Fn(&Value) -> bool) -> Value {
    wait_until(
        &format!("{} to list a translation ({query})", city.handle),
        || async {
            let (_, list) = city
                .api_send(Method::GET, &format!("/api/v1/translations?{query}"), None)
                .await;
            list["translations"]
                .as_array()?
                .iter()
                .find(|p| check(p))
                .cloned()
        },
    )
    .await
}

on_both_backends! {
    async fn a_translation_travels_from_the_translator_through_the_origin_to_every_holder(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let bitola = TestCity::start("bitola", backend).await;
        tran.follow_and_wait(&campobasso).await;
        bitola.follow_and_wait(&campobasso).await;
        let id = campobasso.publish(common::fixtures::italian_practice()).await["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;
        bitola.wait_for_item(&id).await;

        // A reader may not propose; a text in no language is refused, nothing stored.
        let reader = tran.user_token("ivan", praxis::domain::user::Role::Reader).await;
        let proposal = json!({
            "item": id,
            "language": "bg",
            "title": "Ромски училищни медиатори",
            "summary": "Ромски медиатори придружават семействата в училищата.",
            "body": "<p>Проектът започна през 2019 г.</p><script>alert(1)</script>",
            "details": {"objectives": "По-малко отпаднали ученици"}
        });
        let status = tran
            .http
            .post(tran.url("/api/v1/translations"))
            .bearer_auth(&reader)
            .json(&proposal)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 403);
        let (status, answer) = tran
            .api_post("/api/v1/translations", &json!({"item": id, "language": "Bulgarian", "summary": "x"}))
            .await;
        assert_eq!(status, 422, "{answer}");
        assert!(answer.to_string().contains("language"), "{answer}");
        let (status, answer) = campobasso
            .api_post("/api/v1/translations", &json!({"item": id, "language": "bg", "title": "x"}))
            .await;
        assert_eq!(status, 400, "the origin edits its own item: {answer}");

        let (status, sent) = tran.api_post("/api/v1/translations", &proposal).await;
        assert_eq!(status, 201, "{sent}");
        assert_eq!(sent["state"], "proposed");
        assert!(!sent["translation"]["body"].as_str().unwrap().contains("<script"), "sanitized: {sent}");

        // Tran's readers see it at once, marked as not reviewed; Bitola's do not.
        let seen = read_in(&tran, &id, "bg").await;
        assert_eq!(seen["title"], "Ромски училищни медиатори");
        assert_eq!(seen["field_languages"]["summary"], "bg");
        assert_eq!(seen["unreviewed_translations"][0]["language"], "bg", "{seen}");
        assert_eq!(
            seen["unreviewed_translations"][0]["fields"],
            json!(["title", "summary", "body", "details.objectives"])
        );
        assert_eq!(seen["translated_by"], json!({}), "not credited before the origin accepts");
        let mut visitor = WebSession::new(&tran);
        visitor.accept_language = "bg".into();
        let page = visitor.get(&format!("/item?id={}&ui=bg", common::web::encode(&id))).await;
        assert!(
            page.body.contains("Версията на български е превод на City of tran, който City of campobasso още не е прегледал."),
            "the page says whose translation it is: {}",
            page.body
        );
        assert!(
            page.body.contains("<dd lang=\"bg\"><span class=\"text\">По-малко отпаднали ученици</span>"),
            "kind-specific texts too: {}",
            page.body
        );
        let elsewhere = read_in(&bitola, &id, "bg").await;
        assert_eq!(elsewhere["title"], "Mediatori scolastici rom");

        // Campobasso's review queue holds it; accepting publishes it with Tran's credit.
        let incoming = wait_for_proposal(&campobasso, "state=proposed", |p| p["item"] == id.as_str()).await;
        assert_eq!(incoming["direction"], "incoming");
        assert_eq!(incoming["translation"]["title"], "Ромски училищни медиатори");
        let (status, answer) = campobasso
            .api_send(Method::POST, &format!("/api/v1/translations/{}/accept", incoming["id"]), None)
            .await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["state"], "accepted");
        let (status, _) = campobasso
            .api_send(Method::POST, &format!("/api/v1/translations/{}/accept", incoming["id"]), None)
            .await;
        assert_eq!(status, 409, "decided once");

        let own = read_in(&campobasso, &id, "bg").await;
        assert_eq!(own["summary"], "Ромски медиатори придружават семействата в училищата.");
        assert_eq!(own["translated_by"]["bg"], tran.actor_id().as_str());
        assert_eq!(own["translators"][0]["id"], tran.actor_id().as_str(), "the origin names its translator: {own}");
        let mut visitor = WebSession::new(&campobasso);
        visitor.accept_language = "en".into();
        let page = visitor.get(&format!("/item?id={}&ui=en", common::web::encode(&id))).await;
        assert!(page.body.contains("The Bulgarian version was translated by City of tran."), "{}", page.body);
        let arrived = bitola
            .wait_for_item_where(&id, "the Bulgarian version", |i| i["translated_by"]["bg"].is_string())
            .await;
        assert_eq!(arrived["translated_by"]["bg"], tran.actor_id().as_str(), "{arrived}");
        let arrived = read_in(&bitola, &id, "bg").await;
        assert_eq!(arrived["title"], "Ромски училищни медиатори");
        assert_eq!(arrived["details"]["objectives"]["bg"], "По-малко отпаднали ученици", "{arrived}");
        assert_eq!(arrived["details"]["objectives"]["it"], "Ridurre l'abbandono scolastico", "the original kept");
        assert_eq!(arrived["unreviewed_translations"], json!([]));

        // Tran hears of it, and its readers now read the item's own version.
        wait_for_proposal(&tran, "direction=outgoing&state=accepted", |p| p["id"] == sent["id"]).await;
        let held = tran
            .wait_for_item_where(&id, "Tran's credit", |i| i["translated_by"]["bg"].is_string())
            .await;
        assert_eq!(held["unreviewed_translations"], json!([]), "{held}");
    }

    async fn a_declined_translation_goes_back_with_its_message(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let id = campobasso.publish(common::fixtures::italian_practice()).await["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;

        let (status, sent) = tran
            .api_post("/api/v1/translations", &json!({"item": id, "language": "mk", "title": "Ромски училишни медијатори"}))
            .await;
        assert_eq!(status, 201, "{sent}");
        assert_eq!(read_in(&tran, &id, "mk").await["title"], "Ромски училишни медијатори");
        let incoming = wait_for_proposal(&campobasso, "", |p| p["item"] == id.as_str()).await;
        let decline = format!("/api/v1/translations/{}/decline", incoming["id"]);
        let (status, answer) = campobasso.api_send(Method::POST, &decline, Some(&json!({"message": " "}))).await;
        assert_eq!(status, 400, "a reason is given: {answer}");
        let (status, answer) = campobasso
            .api_send(Method::POST, &decline, Some(&json!({"message": "Please translate the summary too."})))
            .await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["state"], "declined");

        let answered = wait_for_proposal(&tran, "direction=outgoing&state=declined", |p| p["id"] == sent["id"]).await;
        assert_eq!(answered["message"], "Please translate the summary too.");
        let seen = read_in(&tran, &id, "mk").await;
        assert_eq!(seen["title"], "Mediatori scolastici rom", "a declined translation is no longer shown");
        assert_eq!(seen["unreviewed_translations"], json!([]));
        let own = read_in(&campobasso, &id, "mk").await;
        assert!(own["translated_by"].as_object().unwrap().is_empty() && own["title"] == "Mediatori scolastici rom");
    }

    async fn a_translation_never_overrides_a_newer_original(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let id = campobasso.publish(common::fixtures::italian_practice()).await["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;
        let (status, _) = tran
            .api_post("/api/v1/translations", &json!({"item": id, "language": "bg", "title": "Ромски медиатори", "summary": "Старо резюме."}))
            .await;
        assert_eq!(status, 201);
        let incoming = wait_for_proposal(&campobasso, "", |p| p["item"] == id.as_str()).await;

        // Campobasso rewrites its summary after the translation was made.
        let mut changed = common::fixtures::italian_practice();
        changed["summary"]["it"] = json!("Mediatori rom e insegnanti lavorano insieme.");
        let (status, answer) = campobasso.api_send(Method::PUT, &campobasso.item_path(&id), Some(&changed)).await;
        assert_eq!(status, 200, "{answer}");
        let accept = format!("/api/v1/translations/{}/accept", incoming["id"]);
        let (status, answer) = campobasso.api_send(Method::POST, &accept, None).await;
        assert_eq!(status, 409, "{answer}");
        assert!(answer["error"]["message"].as_str().unwrap().contains("changed after"), "{answer}");

        // The editor reviews it against the current version and corrects the summary.
        let current = read_in(&campobasso, &id, "it").await;
        let edited = json!({
            "reviewed_version": current["updated"],
            "translation": {"language": "bg", "title": "Ромски медиатори", "summary": "Ромски медиатори и учители работят заедно."}
        });
        let (status, answer) = campobasso.api_send(Method::POST, &accept, Some(&edited)).await;
        assert_eq!(status, 200, "{answer}");
        let own = read_in(&campobasso, &id, "bg").await;
        assert_eq!(own["summary"], "Ромски медиатори и учители работят заедно.");
        assert_eq!(read_in(&campobasso, &id, "it").await["summary"], "Mediatori rom e insegnanti lavorano insieme.");
    }

    async fn editors_review_translations_in_their_queue(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let id = campobasso.publish(common::fixtures::italian_practice()).await["id"].as_str().unwrap().to_string();
        tran.wait_for_item(&id).await;
        let (status, sent) = tran
            .api_post("/api/v1/translations", &json!({"item": id, "language": "bg", "title": "Ромски медиатори", "summary": "Медиатори в училищата."}))
            .await;
        assert_eq!(status, 201, "{sent}");
        let incoming = wait_for_proposal(&campobasso, "state=proposed", |p| p["item"] == id.as_str()).await;
        let proposal = incoming["id"].to_string();

        // A reader has no queue; an editor's lists the proposal with a link to review it.
        campobasso.user_token("lucia", praxis::domain::user::Role::Reader).await;
        let mut reader = WebSession::logged_in(&campobasso, "lucia").await;
        assert_eq!(reader.get("/translations").await.status, 403);
        let mut editor = WebSession::logged_in(&campobasso, "admin").await;
        let queue = editor.get("/translations").await;
        assert_eq!(queue.status, 200, "{}", queue.body);
        let review_link = format!("/translations/review?id={proposal}");
        assert!(queue.body.contains(&review_link), "{}", queue.body);
        assert!(queue.body.contains("Roma school mediators") && queue.body.contains("Bulgarian"), "{}", queue.body);

        // The review page sets the proposed text beside the original.
        let page = editor.get(&review_link).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("Mediatori scolastici rom") && page.body.contains("Ромски медиатори"), "{}", page.body);
        let csrf = page.csrf().expect("a CSRF token");
        let current = read_in(&campobasso, &id, "it").await;
        let version = current["updated"].as_str().unwrap().to_string();

        // Declining needs a reason, and without one nothing changes.
        let answer = editor
            .post("/translations/decline", &[("csrf", &csrf), ("id", &proposal), ("message", "  ")])
            .await;
        assert_eq!(answer.status, 422, "{}", answer.body);
        assert!(answer.body.contains("Say why you decline the translation."), "{}", answer.body);
        wait_for_proposal(&campobasso, "state=proposed", |p| p["id"] == incoming["id"]).await;

        // Accepting against a version the editor did not see is refused; nothing published.
        let stale = editor
            .post(
                "/translations/accept",
                &[("csrf", &csrf), ("id", &proposal), ("reviewed_version", "2001-01-01T00:00:00Z"), ("title", "Ромски медиатори")],
            )
            .await;
        assert_eq!(stale.status, 409, "{}", stale.body);
        assert!(stale.body.contains("The item changed while you reviewed"), "{}", stale.body);
        assert!(read_in(&campobasso, &id, "bg").await["translated_by"].as_object().unwrap().is_empty());

        // The editor corrects the title and accepts: the item carries it, credited to Tran.
        let accepted = editor
            .post(
                "/translations/accept",
                &[
                    ("csrf", &csrf),
                    ("id", &proposal),
                    ("reviewed_version", &version),
                    ("title", "Ромски училищни медиатори"),
                    ("summary", "Медиатори в училищата."),
                ],
            )
            .await;
        assert_eq!(accepted.status, 303, "{}", accepted.body);
        assert!(id.ends_with(&accepted.location()), "back to the item: {}", accepted.location());
        let own = read_in(&campobasso, &id, "bg").await;
        assert_eq!(own["title"], "Ромски училищни медиатори");
        assert_eq!(own["translated_by"]["bg"], tran.actor_id().as_str());
        let queue = editor.get("/translations").await;
        assert!(!queue.body.contains(&review_link) && queue.body.contains("Accepted"), "{}", queue.body);

        // Tran's editors see what became of their translation.
        wait_for_proposal(&tran, "direction=outgoing&state=accepted", |p| p["id"] == sent["id"]).await;
        let mut translator = WebSession::logged_in(&tran, "admin").await;
        let theirs = translator.get("/translations").await;
        assert!(theirs.body.contains("Accepted") && theirs.body.contains("City of campobasso"), "{}", theirs.body);
    }
}
