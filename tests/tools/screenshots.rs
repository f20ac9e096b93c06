//! Saves screenshots of the main pages under `docs/screenshots/`, for the README:
//!
//! ```text
//! cargo run --example screenshots
//! ```
//!
//! It starts two cities on loopback (Sofia publishes; Tran follows it), fills them with the
//! example items of `tests/fixtures/items/`, and drives headless Chromium through the pages
//! (Debian's `chromium` and `chromium-driver` packages).

#[path = "../common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::{ADMIN_PASSWORD, Backend, TestCity, browser::Browser, item_fixture, m4r_practice};

#[tokio::main]
async fn main() {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&out).expect("docs/screenshots");
    let located =
        |lat: f64, lon: f64| format!("[city]\nlocation = {{ latitude = {lat}, longitude = {lon} }}\n");
    let sofia = TestCity::start_with("sofia", Backend::Sqlite, &located(42.6977, 23.3219)).await;
    let tran = TestCity::start_with("tran", Backend::Sqlite, &located(42.835, 22.6517)).await;
    tran.follow_and_wait(&sofia).await;
    sofia.publish(m4r_practice()).await;
    for kind in ["training_material", "exchange_report", "action_plan"] {
        sofia.publish(item_fixture(kind)).await;
    }
    let practice = sofia.publish(item_fixture("good_practice")).await;
    let practice_id = practice["id"].as_str().expect("an id").to_string();
    tran.wait_for_item(&practice_id).await;

    let browser = Browser::start("en").await;
    let save = |name: &str, png: Vec<u8>| {
        let path = out.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write a screenshot");
        println!("saved {}", path.display());
    };

    // A peer city's view: the feed, a search with facets, an item in two of its languages.
    browser.open(tran.url("/").as_str()).await;
    browser.find(".card").await;
    save("feed", browser.screenshot().await);
    browser.open(tran.url("/?q=roma").as_str()).await;
    browser.find(".filters").await;
    save("search", browser.screenshot().await);
    let item_page = tran.url(&format!("/item?id={}", common::web::encode(&practice_id)));
    browser.open(item_page.as_str()).await;
    save("item", browser.screenshot().await);
    browser.click(".language-switcher a[hreflang=mk]").await;
    save("item-macedonian", browser.screenshot().await);

    // The publishing city's editor, with and without errors, and its administration.
    browser.open(sofia.url("/login").as_str()).await;
    browser.fill("#username", "admin").await;
    browser.fill("#password", ADMIN_PASSWORD).await;
    browser.click("form.login button[type=submit]").await;
    browser.open(sofia.url("/new?kind=good_practice").as_str()).await;
    browser.choose_languages(&["bg", "it"]).await;
    browser.click("button[name=action][value=languages]").await;
    save("editor", browser.screenshot().await);
    browser.fill("#f-adapted-from", "the Plovdiv practice").await;
    browser.click(".form-actions button[value=save]").await;
    browser.find(".errors").await;
    save("editor-errors", browser.screenshot().await);
    browser.open(sofia.url("/cities").as_str()).await;
    save("cities", browser.screenshot().await);
    browser.open(sofia.url("/admin").as_str()).await;
    save("admin", browser.screenshot().await);
    browser.open(tran.url("/directory").as_str()).await;
    save("directory", browser.screenshot().await);
    browser.close().await;

    // The same feed on a phone: the filters folded away, the results first.
    let phone = Browser::start_phone("en").await;
    phone.open(tran.url("/?q=roma").as_str()).await;
    phone.find(".card").await;
    save("phone-search", phone.screenshot().await);
    phone.close().await;
}
