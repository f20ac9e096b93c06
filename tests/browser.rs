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
    // Picked by name from the list, not typed as codes.
    browser.choose_languages(&["bg", "en"]).await;
    assert_eq!(browser.text("label:has(#f-pick-bg)").await, "Bulgarian");
    browser.click("button[name=action][value=languages]").await;
    assert!(
        browser.all("#f-title-it").await.is_empty(),
        "only the chosen languages"
    );
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
    browser.wait_for_path("/items/").await;
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
    browser.fill("#f-contacts-0--email", "ana-at-sofia").await;
    // Enter in a small field does not send the half-written form: the page stays as it is.
    browser
        .client
        .execute("window.praxisMarker = 'still here'; return null;", vec![])
        .await
        .unwrap();
    browser.fill("#f-contacts-0--name", "Ana Petrova\u{E007}").await;
    let marker = browser
        .client
        .execute("return window.praxisMarker || null;", vec![])
        .await
        .unwrap();
    assert_eq!(
        marker,
        serde_json::json!("still here"),
        "Enter submitted the form"
    );
    assert!(sofia.feed().await.is_empty());
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_translates_a_peers_practice_beside_its_original() {
    let campobasso = TestCity::start("campobasso", Backend::Sqlite).await;
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    tran.follow_and_wait(&campobasso).await;
    let published = campobasso
        .publish(serde_json::json!({
            "kind": "good_practice",
            "original_language": "it",
            "title": {"it": "Mediatori scolastici rom"},
            "summary": {"it": "Mediatori rom accompagnano le famiglie nelle scuole."},
            "details": {"objectives": {"it": "Ridurre l'abbandono scolastico"}}
        }))
        .await;
    let id = published["id"].as_str().unwrap().to_string();
    tran.wait_for_item(&id).await;
    let browser = Browser::start("bg").await;
    log_in(&browser, &tran).await;
    browser
        .open(
            tran.url(&format!("/item?id={}", common::web::encode(&id)))
                .as_str(),
        )
        .await;
    browser.click("a.button[href^='/item/translate']").await;
    assert_eq!(browser.text("main h1").await, "Превод на практика");
    browser.click("#translate-language option[value=bg]").await;
    browser.click("form.translate-language button[type=submit]").await;

    // The original on the left, in its language; the field for the translation beside it.
    let original = browser.find("tr:nth-child(2) td.original div[lang=it]").await;
    assert_eq!(
        original.text().await.unwrap(),
        "Mediatori rom accompagnano le famiglie nelle scuole."
    );
    let field = browser.find("#translation-summary").await;
    let (ox, oy, ow, _) = original.rectangle().await.unwrap();
    let (fx, fy, _, _) = field.rectangle().await.unwrap();
    assert!(
        fx >= ox + ow,
        "the translation is to the right of the original: {ox}+{ow} vs {fx}"
    );
    assert!((fy - oy).abs() < 40.0, "on the same row: {oy} vs {fy}");
    assert_eq!(field.attr("lang").await.unwrap().as_deref(), Some("bg"));

    // No title for a new language: the error is beside the title, nothing sent.
    browser
        .fill(
            "#translation-summary",
            "Ромски медиатори придружават семействата в училищата.",
        )
        .await;
    browser
        .click("form.translation-editor button[type=submit]:not([disabled])")
        .await;
    let error = browser.text("#translation-title-errors").await;
    assert!(!error.is_empty(), "the title's error is shown next to it");
    assert_eq!(
        browser
            .find("#translation-summary")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Ромски медиатори придружават семействата в училищата."),
        "what was typed is kept"
    );
    browser
        .fill("#translation-title", "Ромски училищни медиатори")
        .await;
    browser
        .fill("#translation-details-objectives", "По-малко отпаднали ученици")
        .await;
    browser
        .click("form.translation-editor button[type=submit]:not([disabled])")
        .await;

    // Tran's readers see it at once, labelled; Campobasso has it to review.
    assert_eq!(
        browser.text("main h1 span[lang=bg]").await,
        "Ромски училищни медиатори"
    );
    let note = browser.text("p.translation-note").await;
    assert!(note.contains("още не е прегледал"), "{note}");
    common::wait_until("Campobasso to receive the translation", || async {
        let (_, list) = campobasso
            .api_send(reqwest::Method::GET, "/api/v1/translations", None)
            .await;
        (list["translations"][0]["translation"]["details"]["objectives"] == "По-малко отпаднали ученици")
            .then_some(())
    })
    .await;
    browser.close().await;
}

/// Whether the page is wider than the screen (it would scroll sideways), with the outermost
/// element that is too wide when it is.
async fn sideways_overflow(browser: &Browser) -> Option<String> {
    let found = browser
        .run(
            "const width = document.documentElement.clientWidth;
             if (document.documentElement.scrollWidth <= width) { return null; }
             for (const e of document.querySelectorAll('body *')) {
               const r = e.getBoundingClientRect();
               if (r.right > width + 1) {
                 return e.tagName + '.' + e.className + ' in ' + e.parentElement.tagName + '.' + e.parentElement.className + ': ' + r.right + ' > ' + width;
               }
             }
             return 'the page';",
        )
        .await;
    found.as_str().map(String::from)
}

/// Whether the first element matching `css` is drawn on the page, with a size (the browser's
/// own judgement: hidden by a closed `<details>`, `display: none` or `content-visibility`).
async fn shown(browser: &Browser, css: &str) -> bool {
    browser.find(css).await;
    let script = format!(
        "const e = document.querySelector({css:?});
         const r = e.getBoundingClientRect();
         return e.checkVisibility({{contentVisibilityAuto: true}}) && r.width > 0 && r.height > 0;"
    );
    browser.run(&script).await == serde_json::json!(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_first_result_comes_first_and_no_page_scrolls_sideways() {
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    common::publish_demo_network(&tran).await;
    let browser = Browser::start_phone("it").await;

    // The feed: the filters folded behind their summary, the first result in the first screen.
    browser.open(tran.url("/").as_str()).await;
    let width = browser.run("return window.innerWidth;").await;
    assert_eq!(width, 390, "a phone's screen");
    let first = browser
        .run(
            "const r = document.querySelector('.card').getBoundingClientRect();
             return [r.top, r.bottom, window.innerHeight];",
        )
        .await;
    let (top, height) = (first[0].as_f64().unwrap(), first[2].as_f64().unwrap());
    assert!(
        top + 40.0 < height,
        "the first result's title starts at {top}px on an {height}px screen"
    );
    assert!(
        !shown(&browser, "input[name=theme]").await,
        "the filters are folded"
    );
    browser.click(".filter-panel > summary").await;
    assert!(shown(&browser, "input[name=theme]").await, "and open on a tap");
    assert_eq!(sideways_overflow(&browser).await, None, "the feed");

    // A search keeps its filters, and every page a city's staff use fits the screen.
    browser.click("input[name=theme][value=housing]").await;
    browser.click(".filter-panel button[type=submit]").await;
    assert!(browser.current_path().await.contains("theme=housing"));
    browser.fill("#q", "mediatori").await;
    browser.click("form.search button[type=submit]").await;
    let path = browser.current_path().await;
    assert!(
        path.contains("q=mediatori") && path.contains("theme=housing"),
        "the filter stays when the words change: {path}"
    );
    log_in(&browser, &tran).await;
    let item = tran.feed().await[0]["id"].as_str().unwrap().to_string();
    for path in [
        "/".to_string(),
        format!("/item?id={}", common::web::encode(&item)),
        "/new?kind=good_practice".into(),
        "/new?kind=action_plan".into(),
        "/cities".into(),
        "/directory".into(),
        "/communities".into(),
        "/account".into(),
        "/admin".into(),
        "/translations".into(),
    ] {
        browser.open(tran.url(&path).as_str()).await;
        assert_eq!(sideways_overflow(&browser).await, None, "{path}");
        browser.assert_accessible().await;
    }
    browser.close().await;

    // On a wide screen the filters are open beside the results, with no summary to open.
    let desktop = Browser::start("it").await;
    for path in [
        "/?q=mediatori&theme=housing&sort=newest".to_string(),
        format!("/item?id={}", common::web::encode(&item)),
        "/cities".into(),
        "/directory".into(),
    ] {
        desktop.open(tran.url(&path).as_str()).await;
        desktop.assert_accessible().await;
    }
    log_in(&desktop, &tran).await;
    for path in ["/new?kind=good_practice", "/new?kind=exchange_report", "/admin"] {
        desktop.open(tran.url(path).as_str()).await;
        desktop.assert_accessible().await;
    }
    desktop.open(tran.url("/").as_str()).await;
    assert!(shown(&desktop, "input[name=theme]").await);
    assert!(!shown(&desktop, ".filter-panel > summary").await);
    desktop.close().await;
}

/// The contrast ratio (WCAG) between the focused element's outline and what is behind it.
async fn focus_ring_contrast(browser: &Browser) -> (f64, String) {
    let answer = browser
        .run(
            "const e = document.activeElement;
             const rgb = c => c.match(/[\\d.]+/g).map(Number);
             const lum = ([r, g, b]) => {
               const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
             };
             const style = getComputedStyle(e);
             if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) { return [0, 'no outline on ' + e.outerHTML.slice(0, 80)]; }
             // The ring sits outside the element: what shows around it is its parent's background.
             let behind = e.parentElement;
             while (behind && rgb(getComputedStyle(behind).backgroundColor).length === 4 && rgb(getComputedStyle(behind).backgroundColor)[3] === 0) { behind = behind.parentElement; }
             const back = behind ? rgb(getComputedStyle(behind).backgroundColor).slice(0, 3) : [255, 255, 255];
             const ring = rgb(style.outlineColor).slice(0, 3);
             const [a, b] = [lum(ring), lum(back)].sort((x, y) => y - x);
             return [(a + 0.05) / (b + 0.05), e.tagName + ' ' + (e.textContent || '').trim().slice(0, 40)];",
        )
        .await;
    (
        answer[0].as_f64().unwrap(),
        answer[1].as_str().unwrap().to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyboard_user_reaches_the_results_in_a_few_presses_and_sees_where_they_are() {
    use fantoccini::key::Key;
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    common::publish_demo_network(&tran).await;
    let browser = Browser::start("bg").await;
    browser.open(tran.url("/?q=medi").as_str()).await;
    let bg = Tr::new("bg");

    // Tab, Tab: the link to the results; Enter, Tab: the first result.
    browser.press(Key::Tab).await;
    let (contrast, what) = focus_ring_contrast(&browser).await;
    assert!(contrast >= 3.0, "the ring on {what}: {contrast:.2}:1");
    browser.press(Key::Tab).await;
    assert_eq!(
        browser.run("return document.activeElement.textContent;").await,
        bg.t("skip-to-results")
    );
    browser.press(Key::Enter).await;
    browser.press(Key::Tab).await;
    let focused = browser
        .run("return document.activeElement.closest('.card') !== null && document.activeElement.tagName;")
        .await;
    assert_eq!(focused, "A", "the first result's link has the focus");
    let (contrast, what) = focus_ring_contrast(&browser).await;
    assert!(contrast >= 3.0, "the ring on {what}: {contrast:.2}:1");
    let first_title = browser.text(".card h3 a").await;
    assert_eq!(
        browser.run("return document.activeElement.textContent;").await,
        first_title
    );

    // On the dark header the ring is light, and still stands out.
    browser.open(tran.url("/").as_str()).await;
    for _ in 0..4 {
        browser.press(Key::Tab).await;
    }
    let in_header = browser
        .run("return document.activeElement.closest('header.site') !== null;")
        .await;
    assert_eq!(in_header, true);
    let (contrast, what) = focus_ring_contrast(&browser).await;
    assert!(contrast >= 3.0, "the ring on {what}: {contrast:.2}:1");
    browser.close().await;
}

/// What the form field matching `css` holds.
async fn field_value(browser: &Browser, css: &str) -> String {
    browser
        .find(css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_writes_formatted_text_without_ever_seeing_markup() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let browser = Browser::start("en").await;
    log_in(&browser, &sofia).await;
    browser.open(sofia.url("/new?kind=good_practice").as_str()).await;
    browser.choose_languages(&["en"]).await;
    browser.click("button[name=action][value=languages]").await;
    let typed = "Mediators **visit** every family.\n\n- before school starts\n- after each absence";
    browser.fill("#f-body-en", typed).await;

    // The preview shows it formatted; the form keeps what was typed.
    browser.click(".form-actions button[value=preview]").await;
    assert_eq!(browser.text(".preview strong").await, "visit");
    assert_eq!(browser.all(".preview li").await.len(), 2);
    // Saving without a title: the error is at the title, the body still as typed.
    browser.click(".form-actions button[value=save]").await;
    assert!(!browser.text("#f-title .field-error").await.is_empty());
    assert_eq!(field_value(&browser, "#f-body-en").await, typed);
    browser.fill("#f-title-en", "Mediators at the school gate").await;
    browser.click(".form-actions button[value=save]").await;
    browser.wait_for_path("/items/").await;
    assert_eq!(browser.text("main .body strong").await, "visit");

    // Editing it again: Markdown, not the HTML it is stored as.
    let item = browser.current_path().await;
    let item = item.split('?').next().unwrap().to_string();
    browser.open(sofia.url(&format!("{item}/edit")).as_str()).await;
    let again = field_value(&browser, "#f-body-en").await;
    assert_eq!(again, typed, "the stored body comes back as it was written");
    assert!(!again.contains('<'), "{again}");
    browser.assert_accessible().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_map_marks_each_city_where_it_is_and_leads_to_it() {
    let located = "[city]\nlocation = { latitude = 41.5603, longitude = 14.6627 }\n";
    let campobasso = TestCity::start_with("campobasso", Backend::Sqlite, located).await;
    let browser = Browser::start("it").await;
    browser.open(campobasso.url("/directory").as_str()).await;
    // The mark sits on Italy of the shipped base map (Molise, on the Adriatic side).
    let inside_italy = browser
        .run(
            "const mark = document.querySelector('.network-map circle.own').getBoundingClientRect();
             const x = mark.left + mark.width / 2, y = mark.top + mark.height / 2;
             const under = document.elementsFromPoint(x, y).find(e => e.matches('path.land'));
             return under ? under.dataset.iso : null;",
        )
        .await;
    assert_eq!(inside_italy, "IT");
    // Drawn in the stylesheet's colours (an inline style would be refused by the CSP).
    let colours = browser
        .run(
            "return [getComputedStyle(document.querySelector('.network-map path.land')).fill,
                     getComputedStyle(document.querySelector('.network-map rect.sea')).fill];",
        )
        .await;
    assert_eq!(
        colours,
        serde_json::json!(["rgb(228, 233, 239)", "rgb(247, 249, 251)"])
    );
    browser.assert_accessible().await;
    browser.click(".network-map a").await;
    assert_eq!(browser.current_path().await, "/cities/view");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_prints_as_its_text_without_the_screens_controls() {
    let sofia = TestCity::start("sofia", Backend::Sqlite).await;
    let published = sofia
        .publish(serde_json::json!({
            "kind": "good_practice", "original_language": "en",
            "title": {"en": "Mediators at the school gate"},
            "body": {"en": "<p>See <a href=\"https://example.org/report.pdf\">the evaluation</a>.</p>"},
            "contacts": [{"name": "Ana Petrova", "email": "ana@sofia.example"}]
        }))
        .await;
    let browser = Browser::start("en").await;
    log_in(&browser, &sofia).await;
    let id = published["id"].as_str().unwrap();
    browser
        .open(
            sofia
                .url(&format!("/item?id={}", common::web::encode(id)))
                .as_str(),
        )
        .await;
    browser.emulate_print().await;
    let shown = browser
        .run(
            "const display = s => { const e = document.querySelector(s); return e ? getComputedStyle(e).display : 'absent'; };
             return {
               header: display('header.site'), actions: display('.action-list'), save: display('form.save-for-later'),
               reply: display('.reply-form'), title: display('main h1'), body: display('main .body'),
               link: getComputedStyle(document.querySelector('main .body a'), '::after').content,
               mail: getComputedStyle(document.querySelector('table.contacts a'), '::after').content
             };",
        )
        .await;
    assert_eq!(shown["header"], "none", "{shown}");
    assert_eq!(shown["actions"], "none");
    assert_eq!(shown["save"], "none");
    assert!(shown["reply"] == "none" || shown["reply"] == "absent", "{shown}");
    assert_ne!(shown["title"], "none");
    assert_ne!(shown["body"], "none");
    assert!(
        shown["link"]
            .as_str()
            .unwrap()
            .contains("https://example.org/report.pdf"),
        "paper shows where a link goes: {shown}"
    );
    assert!(
        shown["mail"]
            .as_str()
            .unwrap()
            .contains("mailto:ana@sofia.example")
    );
    let pdf = browser.pdf().await;
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_tile_server_draws_the_map_and_each_mark_stays_on_its_place() {
    let tiles = common::tiles::TileServer::start().await;
    let located = format!(
        "[city]\nlocation = {{ latitude = 41.5603, longitude = 14.6627 }}\n{}",
        tiles.config(4)
    );
    let campobasso = TestCity::start_with("campobasso", Backend::Sqlite, &located).await;
    let browser = Browser::start("it").await;
    browser.open(campobasso.url("/directory").as_str()).await;
    let drawn = browser.all(".network-map image.tile").await.len();
    assert!(drawn > 1, "the map is drawn from several tiles, not {drawn}");
    let requests = common::wait_until("the browser to fetch every tile", || async {
        let requests = tiles.requests();
        (requests.len() >= drawn).then_some(requests)
    })
    .await;
    assert_eq!(requests.len(), drawn, "each tile is fetched once: {requests:?}");
    assert!(
        requests.iter().all(|r| r.path.starts_with("/4/")),
        "at the configured zoom: {requests:?}"
    );
    // A tile server does not learn which city's pages a reader is on.
    assert!(requests.iter().all(|r| r.referer.is_none()), "{requests:?}");
    // Campobasso's mark lies on the tile that shows Campobasso (zoom 4: column 8, row 5).
    let under = browser
        .run(
            "const mark = document.querySelector('.network-map circle.own').getBoundingClientRect();
             const x = mark.left + mark.width / 2, y = mark.top + mark.height / 2;
             const tile = document.elementsFromPoint(x, y).find(e => e.matches('image.tile'));
             return tile ? tile.getAttribute('href') : null;",
        )
        .await;
    let under = under.as_str().expect("a tile under the mark").to_string();
    assert!(under.ends_with("/4/8/5.png"), "{under}");
    // The tiles' owner is credited where the map is.
    assert!(
        browser
            .text(".network-map figcaption")
            .await
            .contains("© Loopback Tiles")
    );
    browser.assert_accessible().await;
    browser.close().await;
}
