//! An admin runs the city's accounts from the web: deactivating one (its sessions end, its API
//! tokens stop working, its login is refused with a reason), reactivating it, and giving it a
//! new password; and a visitor who logs in comes back to the page they were reading.

mod common;

use common::{ADMIN_PASSWORD, Backend, TestCity, web::WebSession};
use praxis::domain::user::Role;
use reqwest::Method;

async fn token_status(city: &TestCity, token: &str) -> u16 {
    city.http
        .get(city.url("/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn log_in_status(city: &TestCity, username: &str, password: &str) -> (u16, String) {
    let mut visitor = WebSession::new(city);
    let form = visitor.get("/login").await;
    let csrf = form.csrf().unwrap();
    let answer = visitor
        .post(
            "/login",
            &[("csrf", &csrf), ("username", username), ("password", password)],
        )
        .await;
    (answer.status.as_u16(), answer.body)
}

on_both_backends! {
    async fn an_admin_deactivates_reactivates_and_resets_an_account_from_the_web(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let token = sofia.user_token("elena", Role::Editor).await;
        let mut elena = WebSession::logged_in(&sofia, "elena").await;
        assert_eq!(elena.get("/account").await.status, 200);
        assert_eq!(token_status(&sofia, &token).await, 200);

        let mut admin = WebSession::logged_in(&sofia, "admin").await;
        let page = admin.get("/admin").await;
        let csrf = page.csrf().unwrap();
        assert!(page.body.contains("action=\"/admin/users/elena/active\""), "{}", page.body);
        assert!(!page.body.contains("action=\"/admin/users/admin/active\""), "no button against oneself");
        let answer = admin.post("/admin/users/admin/active", &[("csrf", &csrf), ("active", "false")]).await;
        assert_eq!(answer.status, 400, "{}", answer.body);
        assert!(answer.body.contains("You cannot deactivate your own account."), "{}", answer.body);

        // Deactivated: logged out, tokens refused, the login says why (to who knows the password).
        let answer = admin.post("/admin/users/elena/active", &[("csrf", &csrf), ("active", "false")]).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(answer.body.contains("elena is deactivated"), "{}", answer.body);
        assert!(answer.body.contains("Deactivated") && answer.body.contains("Reactivate"), "{}", answer.body);
        let account = elena.get("/account").await;
        assert!(account.status == 303 && account.location().starts_with("/login"), "her session ended");
        assert_eq!(token_status(&sofia, &token).await, 401, "her token stopped working");
        let (status, body) = log_in_status(&sofia, "elena", ADMIN_PASSWORD).await;
        assert_eq!(status, 403, "{body}");
        assert!(body.contains("This account is deactivated."), "{body}");
        let (status, body) = log_in_status(&sofia, "elena", "not her password at all").await;
        assert_eq!(status, 401);
        assert!(!body.contains("deactivated"), "a wrong password learns nothing: {body}");
        let (_, users) = sofia.api_send(Method::GET, "/api/v1/users", None).await;
        let listed = users["users"].as_array().unwrap().iter().find(|u| u["username"] == "elena").unwrap().clone();
        assert_eq!(listed["active"], false, "{users}");

        // The only active admin stays one.
        let (status, answer) = sofia
            .api_send(Method::PATCH, "/api/v1/users/admin", Some(&serde_json::json!({"active": false})))
            .await;
        assert_eq!(status, 422, "{answer}");

        // Reactivated: she logs in again; her old token stays refused only while she was out.
        let answer = admin.post("/admin/users/elena/active", &[("csrf", &csrf), ("active", "true")]).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(answer.body.contains("elena can log in again."), "{}", answer.body);
        assert_eq!(log_in_status(&sofia, "elena", ADMIN_PASSWORD).await.0, 303);
        assert_eq!(token_status(&sofia, &token).await, 200);

        // A new password, shown once and never cached; the old one no longer opens anything.
        let mut elena = WebSession::logged_in(&sofia, "elena").await;
        let answer = admin.post("/admin/users/elena/password", &[("csrf", &csrf)]).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.header("cache-control"), "no-store");
        let start = answer.body.find("The new password of elena is ").expect("the new password is shown")
            + "The new password of elena is ".len();
        let password: String = answer.body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
        assert!(password.len() >= 10, "{password}");
        let account = elena.get("/account").await;
        assert!(account.status == 303 && account.location().starts_with("/login"), "logged out everywhere");
        assert_eq!(log_in_status(&sofia, "elena", ADMIN_PASSWORD).await.0, 401);
        assert_eq!(log_in_status(&sofia, "elena", &password).await.0, 303);
    }

    async fn logging_in_returns_to_the_page_the_visitor_was_reading(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let mut visitor = WebSession::new(&sofia);
        let page = visitor.get("/search?q=mediators").await;
        let login = "/login?back=%2Fsearch%3Fq%3Dmediators";
        assert!(page.body.contains(&format!("href=\"{login}\"")), "{}", page.body);
        let form = visitor.get(login).await;
        let csrf = form.csrf().unwrap();
        assert!(form.body.contains("name=\"back\" value=\"/search?q=mediators\""), "{}", form.body);
        let answer = visitor
            .post(
                "/login",
                &[("csrf", &csrf), ("username", "admin"), ("password", ADMIN_PASSWORD), ("back", "/search?q=mediators")],
            )
            .await;
        assert_eq!(answer.status, 303);
        assert_eq!(answer.location(), "/search?q=mediators");
        // Only to a page of this instance.
        let mut other = WebSession::new(&sofia);
        let csrf = other.get("/login").await.csrf().unwrap();
        let answer = other
            .post(
                "/login",
                &[("csrf", &csrf), ("username", "admin"), ("password", ADMIN_PASSWORD), ("back", "//evil.example/")],
            )
            .await;
        assert_eq!(answer.status, 303);
        assert_eq!(answer.location(), "/");
    }
}
