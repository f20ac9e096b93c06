//! The pages over HTTP: who may do what, CSRF, sessions, security headers, sanitizing on
//! render, and the interface language. (The flows in a real browser are in `browser.rs`.)

mod common;

use common::{
    ADMIN_PASSWORD, Backend, ONE_PIXEL_PNG, TestCity, m4r_practice,
    web::{Page, WebSession},
};
use praxis::{
    domain::{item::now, language::LanguageTag, reply::Reply, user::Role},
    service::follows::state_of as follow_state,
    storage::{StorageError, follows::FollowState, items, replies},
    web::i18n::Tr,
};
use url::Url;

fn assert_is_page(page: &Page) {
    assert!(
        page.header("content-type").starts_with("text/html"),
        "expected a page, got {}: {}",
        page.header("content-type"),
        page.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_without_the_sessions_csrf_token_are_refused_and_change_nothing() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let mut admin = WebSession::logged_in(&sofia, "admin").await;
    let csrf = admin.get("/admin").await.csrf().expect("a token");

    for token in ["", "forged-token-of-another-session-000000"] {
        let answer = admin
            .post(
                "/admin/users",
                &[
                    ("csrf", token),
                    ("username", "intruder"),
                    ("display_name", "Intruder"),
                    ("role", "admin"),
                    ("password", "a long enough password"),
                ],
            )
            .await;
        assert_eq!(answer.status, 403, "{}", answer.body);
        assert_is_page(&answer);
        assert!(answer.body.contains(&Tr::new("en").t("error-csrf")));
    }
    let (_, users) = sofia.api_send(reqwest::Method::GET, "/api/v1/users", None).await;
    assert_eq!(
        users["users"].as_array().unwrap().len(),
        1,
        "no user was created: {users}"
    );

    // Logging out needs the token too: without it the session goes on.
    assert_eq!(admin.post("/logout", &[("csrf", "")]).await.status, 403);
    assert_eq!(admin.get("/account").await.status, 200);
    // With it, the session ends, and its cookie no longer opens anything.
    let old_cookies = admin.cookies.clone();
    let out = admin.post("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, 303);
    let mut replay = WebSession::new(&sofia);
    replay.cookies = old_cookies;
    let account = replay.get("/account").await;
    assert_eq!(account.status, 303, "the old session cookie must not work");
    assert!(account.location().starts_with("/login?back="));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_read_editors_edit_and_visitors_are_sent_to_log_in() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let published = sofia.publish(m4r_practice()).await;
    let item_path = Url::parse(published["id"].as_str().unwrap())
        .unwrap()
        .path()
        .to_string();

    // Anyone may read.
    let mut visitor = WebSession::new(&sofia);
    let page = visitor.get(&item_path).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("/edit"), "no edit link for visitors");
    // Pages that change things send visitors to log in, and come back afterwards.
    let new = visitor.get("/new?kind=good_practice").await;
    assert_eq!(new.status, 303);
    assert_eq!(new.location(), "/login?back=%2Fnew%3Fkind%3Dgood_practice");
    let csrf = visitor.get("/login").await.csrf().unwrap();
    let delete = visitor
        .post(&format!("{item_path}/delete"), &[("csrf", &csrf)])
        .await;
    assert_eq!(delete.status, 401);
    assert_is_page(&delete);

    // A reader is logged in but may not publish, edit or delete.
    sofia.user_token("maria", Role::Reader).await;
    let mut reader = WebSession::logged_in(&sofia, "maria").await;
    let page = reader.get(&item_path).await;
    assert!(!page.body.contains("/edit"), "no edit link for readers");
    let csrf = page.csrf().unwrap();
    assert_eq!(reader.get("/new").await.status, 403);
    let create = reader
        .post_multipart(
            "/new?kind=good_practice",
            &[("csrf", &csrf), ("languages", "en"), ("title.en", "Not allowed")],
        )
        .await;
    assert_eq!(create.status, 403);
    assert!(create.body.contains(&Tr::new("en").t("error-role-needed")));
    let delete = reader
        .post(&format!("{item_path}/delete"), &[("csrf", &csrf)])
        .await;
    assert_eq!(delete.status, 403);
    assert_eq!(sofia.feed().await.len(), 1, "the item is still there");
    assert_eq!(reader.get("/admin").await.status, 403);

    // An editor may.
    sofia.user_token("elena", Role::Editor).await;
    let mut editor = WebSession::logged_in(&sofia, "elena").await;
    let page = editor.get(&item_path).await;
    assert!(page.body.contains(&format!("{item_path}/edit")));
    let csrf = page.csrf().unwrap();
    let delete = editor
        .post(&format!("{item_path}/delete"), &[("csrf", &csrf)])
        .await;
    assert_eq!(delete.status, 303);
    assert!(sofia.feed().await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_carries_a_content_security_policy_and_the_session_cookie_is_locked_down() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let published = sofia.publish(m4r_practice()).await;
    let item_path = Url::parse(published["id"].as_str().unwrap())
        .unwrap()
        .path()
        .to_string();
    let mut visitor = WebSession::new(&sofia);
    for path in [
        "/",
        "/login",
        item_path.as_str(),
        "/cities",
        "/cities/view",
        "/no/such/page",
        "/?q=mediators",
    ] {
        let page = visitor.get(path).await;
        assert_is_page(&page);
        let policy = page.header("content-security-policy");
        assert!(policy.contains("default-src 'none'"), "{path}: {policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        assert_eq!(page.header("x-content-type-options"), "nosniff", "{path}");
    }

    let form = visitor.get("/login").await;
    let answer = visitor
        .post(
            "/login",
            &[
                ("csrf", &form.csrf().unwrap()),
                ("username", "admin"),
                ("password", ADMIN_PASSWORD),
            ],
        )
        .await;
    let cookie = answer.header("set-cookie");
    assert!(cookie.starts_with("praxis_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http on loopback cannot keep Secure cookies"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_are_throttled_after_repeated_failures() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let mut visitor = WebSession::new(&sofia);
    let csrf = visitor.get("/login").await.csrf().unwrap();
    for _ in 0..5 {
        let answer = visitor
            .post(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("username", "admin"),
                    ("password", "wrong guess 123"),
                ],
            )
            .await;
        assert_eq!(answer.status, 401);
        assert!(answer.body.contains(&Tr::new("en").t("login-invalid")));
    }
    let answer = visitor
        .post(
            "/login",
            &[
                ("csrf", &csrf),
                ("username", "admin"),
                ("password", ADMIN_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        answer.status, 429,
        "even the right password waits: {}",
        answer.body
    );
    assert!(!visitor.cookies.contains_key("praxis_session"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_html_is_sanitized_again_when_shown() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let published = sofia.publish(m4r_practice()).await;
    let id = Url::parse(published["id"].as_str().unwrap()).unwrap();
    // Rows written before a sanitizer rule existed (or by hand) hold markup that is unsafe now.
    let unsafe_html = "<p>kept</p><script>alert('body')</script><img src=x onerror=alert(1)>\
                       <a href=\"javascript:alert(2)\">link</a>";
    let lookup = id.clone();
    sofia
        .ctx()
        .db
        .write(move |conn| -> Result<(), StorageError> {
            let stored = items::find_by_ap_id(conn, &lookup)?.expect("the item");
            let mut item = stored.item.clone();
            let language = item.content.original_language.clone();
            item.content.body.insert(language, unsafe_html.to_string());
            item.updated = now();
            items::upsert(conn, &item, stored.origin_city_id)?;
            let reply = Reply {
                ap_id: Url::parse("https://peer.example/replies/1").unwrap(),
                author: item.origin.clone(),
                in_reply_to: item.ap_id.clone(),
                content: "<p>question</p><script>alert('reply')</script>".into(),
                language: Some(LanguageTag::parse("en").unwrap()),
                published: now(),
                signed_by: None,
            };
            replies::insert(conn, stored.id, stored.origin_city_id, &reply)?;
            Ok(())
        })
        .await
        .unwrap();
    let page = WebSession::new(&sofia).get(id.path()).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<p>kept</p>"));
    assert!(page.body.contains("<p>question</p>"));
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!page.body.contains(bad), "`{bad}` reached the page");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_comes_from_the_browser_the_page_the_menu_and_the_account() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let mut visitor = WebSession::new(&sofia);
    visitor.accept_language = "it-IT,it;q=0.9,en;q=0.5".into();
    let lang = |page: &Page| page.body.split("<html lang=\"").nth(1).unwrap()[..2].to_string();
    assert_eq!(lang(&visitor.get("/").await), "it");
    assert_eq!(lang(&visitor.get("/?ui=bg").await), "bg", "per page");
    assert_eq!(lang(&visitor.get("/cities").await), "it", "only that page");
    let chosen = visitor.get("/language?set=mk&back=/cities").await;
    assert_eq!(chosen.status, 303);
    assert_eq!(chosen.location(), "/cities");
    assert_eq!(
        lang(&visitor.get("/cities").await),
        "mk",
        "remembered in the browser"
    );
    let bad = visitor.get("/language?set=xx&back=/").await;
    assert_eq!(bad.status, 400);
    let offsite = visitor.get("/language?set=bg&back=//evil.example/").await;
    assert_eq!(offsite.location(), "/", "only local pages are returned to");

    // A user's own setting follows them to any browser.
    let mut admin = WebSession::logged_in(&sofia, "admin").await;
    admin.accept_language = "en".into();
    let csrf = admin.get("/account").await.csrf().unwrap();
    let saved = admin
        .post("/account/language", &[("csrf", &csrf), ("locale", "bg")])
        .await;
    assert_eq!(saved.status, 303);
    let page = admin.get("/").await;
    assert_eq!(lang(&page), "bg");
    assert!(page.body.contains(&Tr::new("bg").t("feed-heading")));
}

/// Problems with the feed's filters are said in the page's language, including those that once
/// had no code of their own and reached every page in English.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_feed_filters_are_explained_in_the_pages_language() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let mut visitor = WebSession::new(&sofia);
    visitor.accept_language = "bg-BG,bg;q=0.9".into();
    let page = visitor
        .get("/?theme=no_such_theme&country=XX&page=0&per_page=1000")
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<html lang=\"bg\""), "{}", page.body);
    // Written out rather than taken from the catalogue: a missing translation falls back to
    // English there too, and the test would compare English with English.
    for expected in [
        "Някои филтри не бяха разпознати и са пропуснати:",
        "theme: Изберете една от предложените стойности.",
        "country: „XX“ не е код на държава",
        "page: Номерата на страниците започват от 1.",
        "per_page: Изберете от 1 до 100 резултата на страница.",
    ] {
        assert!(
            page.body.contains(expected),
            "expected `{expected}` in:\n{}",
            page.body
        );
    }
    for english in [
        "unknown code",
        "expected an ISO",
        "expected a page number",
        "expected 1 to",
    ] {
        assert!(
            !page.body.contains(english),
            "`{english}` reached a Bulgarian page"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_tokens_are_made_and_revoked_on_the_account_page() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let mut admin = WebSession::logged_in(&sofia, "admin").await;
    let csrf = admin.get("/account").await.csrf().unwrap();
    let missing = admin
        .post("/account/tokens", &[("csrf", &csrf), ("name", " ")])
        .await;
    assert_eq!(missing.status, 422);
    assert!(
        missing
            .body
            .contains(&Tr::new("en").t("account-token-name-needed"))
    );

    let made = admin
        .post("/account/tokens", &[("csrf", &csrf), ("name", "import script")])
        .await;
    assert_eq!(made.status, 200);
    let start = made.body.find("praxis_").expect("the new token is shown once");
    let secret: String = made.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let me = |token: String| {
        let http = sofia.http.clone();
        let url = sofia.url("/api/v1/me");
        async move {
            http.get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(me(secret.clone()).await, 200);
    let listed = admin.get("/account").await;
    assert!(listed.body.contains("import script"));
    assert!(!listed.body.contains(&secret), "the secret is never shown again");
    let (_, tokens) = sofia.api_send(reqwest::Method::GET, "/api/v1/tokens", None).await;
    let id = tokens["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "import script")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let revoked = admin
        .post(&format!("/account/tokens/{id}/revoke"), &[("csrf", &csrf)])
        .await;
    assert_eq!(revoked.status, 303);
    assert_eq!(me(secret).await, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_follows_a_city_from_the_cities_page() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let mut admin = WebSession::logged_in(&tran, "admin").await;
    let csrf = admin.get("/cities").await.csrf().unwrap();
    let bad = admin
        .post("/cities/follow", &[("csrf", &csrf), ("city", "not a city")])
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("aria-invalid=\"true\""));
    let followed = admin
        .post("/cities/follow", &[("csrf", &csrf), ("city", &sofia.address())])
        .await;
    assert_eq!(followed.status, 303, "{}", followed.body);
    let accepted = Tr::new("en").t("cities-state-accepted");
    common::wait_until("the follow to be accepted on the page", || {
        let http = tran.http.clone();
        let url = tran.url("/cities");
        let cookie = format!("praxis_session={}", admin.cookies["praxis_session"]);
        let accepted = accepted.clone();
        async move {
            let body = http
                .get(url)
                .header("Accept", "text/html")
                .header("Cookie", cookie)
                .send()
                .await
                .ok()?
                .text()
                .await
                .ok()?;
            let section = body.split("id=\"following-heading\"").nth(1)?;
            let section = section.split("id=\"pending-heading\"").next()?;
            (section.contains("sofia") && section.contains(&accepted)).then_some(())
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_the_federation_policy_and_answers_follow_requests_on_pages() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let mut admin = WebSession::logged_in(&tran, "admin").await;
    let csrf = admin.get("/admin").await.csrf().unwrap();

    // A bad domain comes back next to its field and changes nothing.
    let bad = admin
        .post(
            "/admin/policy/domains",
            &[
                ("csrf", &csrf),
                ("domain", "not a domain"),
                ("list", "allow"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("aria-invalid=\"true\""), "{}", bad.body);
    assert!(bad.body.contains("not a domain"), "the typed value is kept");
    assert!(tran.ctx().policy.current().await.unwrap().entries.is_empty());

    let added = admin
        .post(
            "/admin/policy/domains",
            &[
                ("csrf", &csrf),
                ("domain", &vidin.address()),
                ("list", "allow"),
                ("note", "Vidin partner"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let held = admin
        .post(
            "/admin/policy",
            &[("csrf", &csrf), ("mode", "open"), ("hold_follows", "on")],
        )
        .await;
    assert_eq!(held.status, 303, "{}", held.body);
    let page = admin.get("/admin").await;
    assert!(page.body.contains(&vidin.settings.domain()) && page.body.contains("Vidin partner"));
    assert!(
        page.body
            .contains("id=\"policy-hold\" name=\"hold_follows\" value=\"on\" checked")
    );

    // A non-member's request waits on the cities page until the admin approves it.
    let skopje = TestCity::start("skopje", Backend::Sqlite).await;
    skopje.follow(&tran).await;
    common::wait_until("the request to be listed", || async {
        let page = WebSession::logged_in(&tran, "admin").await.get("/cities").await;
        let section = page.body.split("id=\"requests-heading\"").nth(1)?.to_string();
        let section = section.split("id=\"followers-heading\"").next()?.to_string();
        section.contains("skopje").then_some(())
    })
    .await;
    assert_eq!(
        follow_state(skopje.ctx(), &tran.actor_id()).await.unwrap(),
        Some(FollowState::Pending),
        "Skopje's follow waits for the admin"
    );
    let approved = admin
        .post(
            "/cities/requests/approve",
            &[("csrf", &csrf), ("city", skopje.actor_id().as_str())],
        )
        .await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    // The approval itself answers Skopje's only Follow: no second Follow is sent.
    let tran_id = tran.actor_id();
    common::wait_until("Skopje to see its held follow accepted", || async {
        let state = follow_state(skopje.ctx(), &tran_id).await.unwrap();
        (state == Some(FollowState::Accepted)).then_some(())
    })
    .await;

    // Readers cannot change the policy.
    tran.user_token("lina", praxis::domain::user::Role::Reader).await;
    let mut reader = WebSession::logged_in(&tran, "lina").await;
    let reader_csrf = reader.get("/cities").await.csrf().unwrap();
    let refused = reader
        .post("/admin/policy", &[("csrf", &reader_csrf), ("mode", "allowlist")])
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        tran.ctx().policy.current().await.unwrap().mode,
        praxis::domain::policy::PolicyMode::Open
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_community_is_hosted_joined_and_moderated_on_pages() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    // Tran's editor hosts a community on approval, in Italian.
    let mut host = WebSession::logged_in(&tran, "admin").await;
    host.accept_language = "it".into();
    let csrf = host.get("/communities").await.csrf().unwrap();
    let bad = host
        .post(
            "/communities",
            &[
                ("csrf", &csrf),
                ("handle", "Not A Handle"),
                ("name", "Occupazione"),
                ("membership", "approval"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("role=\"alert\""), "the error is shown");
    let created = host
        .post(
            "/communities",
            &[
                ("csrf", &csrf),
                ("handle", "occupazione"),
                ("name", "Occupazione dei migranti"),
                ("membership", "approval"),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let page = host.get(&created.location()).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Occupazione dei migranti"));
    assert!(
        page.body
            .contains(&Tr::new("it").t("communities-membership-approval"))
    );

    // Vidin's admin joins it by its address from the communities page.
    let address = format!("occupazione@{}", tran.settings.domain());
    let mut member = WebSession::logged_in(&vidin, "admin").await;
    let csrf_vidin = member.get("/communities").await.csrf().unwrap();
    let joined = member
        .post(
            "/communities/join",
            &[("csrf", &csrf_vidin), ("community", &address)],
        )
        .await;
    assert_eq!(joined.status, 303, "{}", joined.body);
    let waiting = format!(
        "<span class=\"state\">{}</span>",
        Tr::new("en").t("communities-standing-pending")
    );
    assert!(member.get("/communities").await.body.contains(&waiting));

    // The moderator sees the request and approves it; Vidin becomes a member.
    let group = tran.url("/communities/occupazione");
    let approve_label = Tr::new("it").t("cities-approve");
    let community_page = format!("/community?id={}", common::web::encode(group.as_str()));
    common::wait_until("the request on the community page", || {
        let http = tran.http.clone();
        let url = tran.url(&community_page);
        let cookie = format!("praxis_session={}", host.cookies["praxis_session"]);
        let label = approve_label.clone();
        async move {
            let body = http
                .get(url)
                .header("Accept", "text/html")
                .header("Accept-Language", "it")
                .header("Cookie", cookie)
                .send()
                .await
                .ok()?
                .text()
                .await
                .ok()?;
            body.contains(&label).then_some(())
        }
    })
    .await;
    let approved = host
        .post(
            "/community/members",
            &[
                ("csrf", &csrf),
                ("handle", "occupazione"),
                ("city", vidin.actor_id().as_str()),
                ("action", "approve"),
            ],
        )
        .await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    let member_label = format!(
        "<span class=\"state\">{}</span>",
        Tr::new("en").t("communities-standing-member")
    );
    common::wait_until("Vidin to be a member on its page", || {
        let http = vidin.http.clone();
        let url = vidin.url("/communities");
        let cookie = format!("praxis_session={}", member.cookies["praxis_session"]);
        let label = member_label.clone();
        async move {
            let body = http
                .get(url)
                .header("Accept", "text/html")
                .header("Cookie", cookie)
                .send()
                .await
                .ok()?
                .text()
                .await
                .ok()?;
            body.contains(&label).then_some(())
        }
    })
    .await;
    // And its editor can now post to the community from the editor.
    let editor = member.get("/new?kind=good_practice").await;
    assert!(
        editor.body.contains("name=\"community\""),
        "the editor offers no community"
    );
    assert!(
        editor.body.contains(group.as_str()),
        "the joined community is not offered"
    );
}

/// The `content` of the page's `<meta property="…">` (or `name="…"`), unescaped.
fn meta(page: &Page, property: &str) -> Option<String> {
    let start = [
        format!("<meta property=\"{property}\" content=\""),
        format!("<meta name=\"{property}\" content=\""),
    ]
    .iter()
    .find_map(|tag| page.body.find(tag.as_str()).map(|at| at + tag.len()))?;
    let value = &page.body[start..start + page.body[start..].find('"')?];
    Some(unescape(value))
}

/// The `href` of the page's `<link rel="alternate" type="…">`.
fn alternate(page: &Page, media_type: &str) -> Option<String> {
    let tag = format!("<link rel=\"alternate\" type=\"{media_type}\" href=\"");
    let start = page.body.find(&tag)? + tag.len();
    Some(unescape(&page.body[start..start + page.body[start..].find('"')?]))
}

fn unescape(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_link_to_an_item_or_a_city_previews_it_and_leads_to_its_activitypub_document() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let mut practice = m4r_practice();
    let long = "Обучение на общински служители, доброволци и НПО по антидискриминационни процедури, \
                с посещения във всички квартали и срещи с родителите всяка седмица през цялата учебна година, \
                за да останат децата в училище и да продължат образованието си.";
    practice["summary"]["bg"] = serde_json::json!(long);
    let published = sofia.publish(practice).await;
    let id = published["id"].as_str().unwrap();
    let mut visitor = WebSession::new(&sofia);
    visitor.accept_language = "bg".into();
    let page = visitor.get(Url::parse(id).unwrap().path()).await;
    assert_is_page(&page);
    assert_eq!(
        meta(&page, "og:type").as_deref(),
        Some("article"),
        "{}",
        page.body
    );
    assert_eq!(
        meta(&page, "og:title").as_deref(),
        Some("Община, работеща в подкрепа на ромите")
    );
    let description = meta(&page, "og:description").unwrap();
    assert!(description.chars().count() <= 200, "{description}");
    assert!(
        description.ends_with('…') && long.starts_with(description.trim_end_matches('…')),
        "a teaser of the summary: {description}"
    );
    assert_eq!(meta(&page, "description"), Some(description));
    assert_eq!(meta(&page, "og:url").as_deref(), Some(id));
    assert!(meta(&page, "article:published_time").is_some());
    let document =
        alternate(&page, "application/activity+json").expect("the page names its ActivityPub document");
    let (status, article) = sofia.get_ap(&document).await;
    assert_eq!(status, 200);
    assert_eq!(
        (article["type"].as_str(), article["id"].as_str()),
        (Some("Article"), Some(id))
    );

    let page = visitor.get("/cities/view").await;
    assert_eq!(
        meta(&page, "og:type").as_deref(),
        Some("profile"),
        "{}",
        page.body
    );
    assert_eq!(meta(&page, "og:title").as_deref(), Some("City of sofia"));
    assert_eq!(
        meta(&page, "og:description").as_deref(),
        Some("Integration office of sofia")
    );
    let document = alternate(&page, "application/activity+json").unwrap();
    assert_eq!(document, sofia.actor_id().as_str());
    let (_, actor) = sofia.get_ap(&document).await;
    assert_eq!(actor["type"], "Organization");

    // A restricted item is not previewed, even to the staff who may read it: the link may travel.
    let mut partners_only = m4r_practice();
    partners_only["audience"] = serde_json::json!({"kind": "partners"});
    let restricted = sofia.publish(partners_only).await;
    let mut admin = WebSession::logged_in(&sofia, "admin").await;
    let page = admin
        .get(Url::parse(restricted["id"].as_str().unwrap()).unwrap().path())
        .await;
    assert_is_page(&page);
    assert!(
        page.body.contains("Община, работеща"),
        "the admin reads it: {}",
        page.body
    );
    assert_eq!(meta(&page, "og:title"), None);
    assert_eq!(alternate(&page, "application/activity+json"), None);

    // Pages that show no one item or city say nothing of the kind.
    let feed = visitor.get("/").await;
    assert_eq!(meta(&feed, "og:type"), None);
    assert_eq!(alternate(&feed, "application/activity+json"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_gives_the_city_an_emblem_its_actor_shows_and_its_followers_are_told_of() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let follower = common::attacker::Attacker::start().await;
    common::followers::store_accepted_followers(
        &sofia.ctx().db,
        sofia.ctx().city_id,
        vec![common::followers::follower_at(&follower.url("/"))],
    )
    .await;
    let (_, actor) = sofia.get_ap("/city").await;
    assert!(actor.get("icon").is_none(), "no emblem yet: {actor}");

    let mut admin = WebSession::logged_in(&sofia, "admin").await;
    admin.accept_language = "bg".into();
    let csrf = admin.get("/admin").await.csrf().unwrap();
    // Not an image: refused in the admin's language, and nothing changes.
    let refused = admin
        .post_multipart_with_files(
            "/admin/emblem",
            &[("csrf", &csrf)],
            &[("emblem", "emblem.txt", "text/plain", b"not a picture")],
        )
        .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(
        refused.body.contains(&Tr::new("bg").t("error-emblem-refused")),
        "{}",
        refused.body
    );
    assert!(sofia.get_ap("/city").await.1.get("icon").is_none());

    let saved = admin
        .post_multipart_with_files(
            "/admin/emblem",
            &[("csrf", &csrf)],
            &[("emblem", "sofia.png", "image/png", ONE_PIXEL_PNG)],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let (_, actor) = sofia.get_ap("/city").await;
    assert_eq!(actor["icon"]["type"], "Image", "{actor}");
    let icon = actor["icon"]["url"].as_str().unwrap().to_string();
    let image = sofia.http.get(&icon).send().await.unwrap();
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.bytes().await.unwrap().as_ref(), ONE_PIXEL_PNG);
    let page = admin.get("/admin").await;
    assert!(
        page.body.contains(&format!("src=\"{icon}\"")),
        "the admin page shows it"
    );
    assert!(
        saved.header("location").contains("done=emblem-saved"),
        "the page says it is saved"
    );

    // The followers hear of the new picture: an Update of the actor, with the icon.
    let update = common::wait_until("the follower to receive the Update", || async {
        follower
            .inbox()
            .into_iter()
            .find(|a| a["type"] == "Update" && a["object"]["icon"]["url"] == icon.as_str())
    })
    .await;
    assert_eq!(update["actor"], sofia.actor_id().as_str());

    let removed = admin.post("/admin/emblem/remove", &[("csrf", &csrf)]).await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert!(sofia.get_ap("/city").await.1.get("icon").is_none());
}
