//! The staff interface in a real browser (headless Chromium over WebDriver), against real
//! instances federating over loopback.

mod common;

use common::{ADMIN_PASSWORD, Backend, TestCity, browser::Browser};
use praxis::web::i18n::Tr;

const TITLE_BG: &str = "Здравни медиатори в Столипиново";
const TITLE_EN: &str = "Health mediators in Stolipinovo";

/// Logs in as the instance's admin through the login form.
async fn log_in(browser: &Browser, city: &TestCity) {
    browser.open(city.url("/login").as_str()).await;
    browser.fill("#username", "admin").await;
    browser.fill("#password", ADMIN_PASSWORD).await;
    browser.click("form.login button[type=submit]").await;
    browser.find("form[action='/logout']").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_publishes_in_two_languages_and_a_peer_city_reads_it_in_either() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    tran.follow_and_wait(&sofia).await;
    let browser = Browser::start("en").await;
    log_in(&browser, &sofia).await;

    // The editor: two language versions side by side.
    browser.open(sofia.url("/new?kind=good_practice").as_str()).await;
    browser.fill("#f-languages", "bg, en").await;
    browser.click("button[name=action][value=languages]").await;
    browser.fill("#f-title-bg", TITLE_BG).await;
    browser.fill("#f-title-en", TITLE_EN).await;
    browser
        .fill(
            "#f-summary-bg",
            "Медиатори придружават семействата до личния лекар.",
        )
        .await;
    browser
        .fill(
            "#f-summary-en",
            "Mediators accompany families to their family doctor.",
        )
        .await;
    browser.click("#f-original-language option[value=bg]").await;
    browser.click("input[name=themes][value=health]").await;
    browser.fill("#f-details-people-reached", "1200").await;
    browser.click(".form-actions button[value=save]").await;
    assert_eq!(
        browser.text("main h1").await,
        TITLE_EN,
        "the item's page, in the reader's language"
    );
    assert!(browser.current_path().await.starts_with("/items/"));
    assert_eq!(browser.text("dl.details dd").await, Tr::new("en").number(1200));

    // The follower city's feed shows it; its page switches language.
    let tran_feed = tran.url("/");
    browser
        .wait_for_text(tran_feed.as_str(), ".card h3", TITLE_EN)
        .await;
    browser.click(".card h3 a").await;
    assert_eq!(browser.text("main h1").await, TITLE_EN);
    assert!(browser.current_path().await.starts_with("/item?id="));
    browser.click(".language-switcher a[hreflang=bg]").await;
    // The Bulgarian version on an English page: in Bulgarian, and marked as such.
    assert_eq!(browser.text("main h1 span[lang=bg]").await, TITLE_BG);
    assert_eq!(browser.text("main h1 .language-mark").await, "(Bulgarian)");
    assert!(
        browser
            .text("main")
            .await
            .contains("Медиатори придружават семействата")
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_form_comes_back_with_each_error_next_to_its_field() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let browser = Browser::start("en").await;
    log_in(&browser, &sofia).await;
    browser.open(sofia.url("/new?kind=good_practice").as_str()).await;
    browser.fill("#f-adapted-from", "the Plovdiv practice").await;
    browser.fill("#f-contacts-0--name", "Ana Petrova").await;
    browser.fill("#f-contacts-0--email", "ana-at-sofia").await;
    browser.click(".form-actions button[value=save]").await;

    // A summary at the top links to each field...
    let summary = browser.text(".errors[role=alert]").await;
    assert!(summary.contains(&Tr::new("en").t("field-title")), "{summary}");
    assert!(
        summary.contains(&Tr::new("en").t("field-adapted-from")),
        "{summary}"
    );
    // ...and each field shows its own error, marked invalid for assistive technology.
    let en = Tr::new("en");
    assert_eq!(
        browser.text("#f-title .field-error").await,
        en.t("problem-required")
    );
    let source = browser.find("#f-adapted-from").await;
    assert_eq!(
        source.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(
        source.prop("value").await.unwrap().as_deref(),
        Some("the Plovdiv practice"),
        "what was typed is kept"
    );
    assert_eq!(
        browser.text("#f-adapted-from-about .field-error").await,
        en.t1("problem-not-a-url", "value", "the Plovdiv practice")
    );
    assert!(
        browser
            .text("#f-contacts-0--email-about .field-error")
            .await
            .contains("ana-at-sofia")
    );
    assert_eq!(
        browser
            .find("#f-contacts-0--name")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Ana Petrova")
    );
    // Nothing was published.
    assert!(sofia.feed().await.is_empty());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_interface_speaks_the_readers_language_and_can_be_switched() {
    let skopje = TestCity::start("skopje", Backend::Sqlite).await;
    skopje.publish(common::m4r_practice()).await;
    let browser = Browser::start("mk").await;
    browser.open(skopje.url("/").as_str()).await;
    let (mk, it) = (Tr::new("mk"), Tr::new("it"));
    assert_eq!(browser.text("main h1").await, mk.t("feed-heading"));
    assert_eq!(browser.text("nav.main-nav a[href='/']").await, mk.t("nav-feed"));
    let date = browser.text(".card time").await;
    assert_eq!(
        date,
        mk.date(chrono::Utc::now().date_naive()),
        "dates the reader's way"
    );
    browser.click(".ui-languages a[hreflang=it]").await;
    assert_eq!(browser.text("nav.main-nav a[href='/']").await, it.t("nav-feed"));
    // The choice sticks for the next page.
    browser.open(skopje.url("/cities").as_str()).await;
    assert_eq!(browser.text("main h1").await, it.t("cities-heading"));
    browser.close().await;
}
