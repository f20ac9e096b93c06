//! A real browser for the UI tests: Debian's Chromium, headless, driven over WebDriver by
//! ChromeDriver (packages `chromium` and `chromium-driver`; `./scripts/test` installs them).

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use super::DEADLINE;

/// Where the browser and its driver are; overridable for other systems.
fn chromium() -> String {
    std::env::var("PRAXIS_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn chromedriver() -> String {
    std::env::var("PRAXIS_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

/// A headless Chromium session with its own ChromeDriver process.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Browser {
    /// Starts ChromeDriver on a free port and opens a session; the browser asks for pages in
    /// `language` (its `Accept-Language`).
    pub async fn start(language: &str) -> Browser {
        Browser::start_sized(language, None).await
    }

    /// A browser as on a phone: a screen 390 CSS pixels wide and 844 high (an iPhone 14's),
    /// at three device pixels per CSS pixel, with a mobile viewport.
    pub async fn start_phone(language: &str) -> Browser {
        let phone = json!({"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0, "mobile": true, "touch": true}});
        Browser::start_sized(language, Some(phone)).await
    }

    async fn start_sized(language: &str, mobile: Option<serde_json::Value>) -> Browser {
        praxis::federation::config::install_crypto_provider();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {}: {e}; run ./scripts/test, which installs Chromium and ChromeDriver (Debian packages chromium and chromium-driver)",
                    chromedriver()
                )
            });
        let mut browser_driver = DriverGuard(Some(driver));
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        loop {
            if reqwest::get(format!("{url}/status"))
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                break;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "ChromeDriver did not start within {DEADLINE:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium(),
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--disable-gpu",
                    "--window-size=1280,1024",
                    format!("--lang={language}"),
                ],
                "prefs": { "intl.accept_languages": language },
            }),
        );
        if let Some(mobile) = mobile {
            capabilities["goog:chromeOptions"]["mobileEmulation"] = mobile;
        }
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session at {}: {e}", chromium()));
        Browser {
            client,
            driver: browser_driver.0.take().expect("driver"),
        }
    }

    /// Opens `url` and returns once the page has loaded.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.expect("the page opens");
    }

    /// The element matching a CSS selector, waiting for it up to the deadline.
    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(DEADLINE)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => panic!("no element `{css}` on {}: {e}", self.current_path().await),
        }
    }

    /// The text of the element matching `css`. An element found on a page that a click is still
    /// replacing goes stale; it is found again on the new page.
    pub async fn text(&self, css: &str) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            match self.find(css).await.text().await {
                Ok(text) => return text,
                Err(e) if is_stale(&e) && Instant::now() < deadline => continue,
                Err(e) => panic!("reading the text of `{css}` failed: {e}"),
            }
        }
    }

    /// Every element matching `css` now.
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("a CSS query")
    }

    /// Types into the field matching `css`, replacing what it held.
    /// A field found on a page that a click is still replacing goes stale; it is found again on
    /// the new page.
    pub async fn fill(&self, css: &str, text: &str) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let field = self.find(css).await;
            let typed = match field.clear().await {
                Ok(()) => field.send_keys(text).await,
                Err(e) => Err(e),
            };
            match typed {
                Ok(()) => return,
                Err(e) if is_stale(&e) && Instant::now() < deadline => continue,
                Err(e) => panic!("typing into `{css}` failed: {e}"),
            }
        }
    }

    /// Clicks the element matching `css` (a link or a button) and waits for the next page when
    /// it navigates.
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        // A link away from the page, or a form's submit button, replaces the document: the old
        // one is marked so that what the test reads next is read from the new one.
        let navigates = self
            .client
            .execute(
                "const e = arguments[0];
                 const link = e.closest('a[href]');
                 const leaves = link
                     ? !link.getAttribute('href').startsWith('#')
                     : !!(e.form && e.type === 'submit' && !e.disabled);
                 if (leaves) { window.praxisLeftPage = true; }
                 return leaves;",
                vec![serde_json::to_value(&element).expect("an element reference")],
            )
            .await
            .expect("the element can be inspected")
            == json!(true);
        element.click().await.expect("the element is clickable");
        if navigates {
            self.wait_for_new_page(css).await;
        }
    }

    /// Waits until the document marked by `click` has been replaced and the new one has loaded.
    async fn wait_for_new_page(&self, clicked: &str) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let arrived = self
                .client
                .execute(
                    "return !window.praxisLeftPage && document.readyState === 'complete';",
                    vec![],
                )
                .await
                // A script run while the document is being replaced may fail; ask again.
                .is_ok_and(|v| v == json!(true));
            if arrived {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "clicking `{clicked}` did not lead to a new page within {DEADLINE:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Ticks exactly `languages` in the editor's list of languages.
    pub async fn choose_languages(&self, languages: &[&str]) {
        for pick in self.all("input[name=language_pick]").await {
            let code = pick.attr("value").await.unwrap().unwrap_or_default();
            if pick.is_selected().await.unwrap() != languages.contains(&code.as_str()) {
                pick.click().await.unwrap();
            }
        }
    }

    /// Shows pages as they print (CSS `@media print`), through Chromium's DevTools protocol.
    pub async fn emulate_print(&self) {
        #[derive(Debug)]
        struct EmulatePrint;
        impl fantoccini::wd::WebDriverCompatibleCommand for EmulatePrint {
            fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
                base.join(&format!(
                    "session/{}/goog/cdp/execute",
                    session.unwrap_or_default()
                ))
            }

            fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
                let body = json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": "print"}});
                (http::Method::POST, Some(body.to_string()))
            }
        }
        self.client
            .issue_cmd(EmulatePrint)
            .await
            .expect("Chromium shows the print media");
    }

    /// The page as a PDF, as "Print" in the browser makes it.
    pub async fn pdf(&self) -> Vec<u8> {
        self.client
            .print(fantoccini::wd::PrintConfiguration::default())
            .await
            .expect("a PDF of the page")
    }

    /// Presses and releases `key` on the keyboard (Tab to move on, Enter to follow a link).
    pub async fn press(&self, key: fantoccini::key::Key) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let key = char::from(key);
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.expect("a key press");
    }

    /// Runs `script` in the page and returns what it returns.
    pub async fn run(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("the script failed: {e}\n{script}"))
    }

    /// What axe-core (the accessibility checker; `./scripts/test` installs it) finds against
    /// WCAG 2.2 A and AA in the page shown: one line per rule broken, with where.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::env::var("AXE_CORE_SCRIPT").unwrap_or_else(|_| {
            format!(
                "{}/target/test-tools/node_modules/axe-core/axe.min.js",
                env!("CARGO_MANIFEST_DIR")
            )
        });
        let source = std::fs::read_to_string(&axe).unwrap_or_else(|e| {
            panic!("cannot read axe-core at {axe}: {e}; run ./scripts/test, which installs it")
        });
        self.client
            .execute(&source, vec![])
            .await
            .expect("axe-core loads in the page");
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe-core failed: ' + e]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(found).expect("a list of violations")
    }

    /// Fails the test if axe-core finds any WCAG 2.2 A or AA violation on the page shown.
    pub async fn assert_accessible(&self) {
        let violations = self.accessibility_violations().await;
        assert!(
            violations.is_empty(),
            "{} breaks WCAG rules:\n{}",
            self.current_path().await,
            violations.join("\n")
        );
    }

    /// The path and query of the page shown.
    pub async fn current_path(&self) -> String {
        match self.client.current_url().await {
            Ok(url) => match url.query() {
                Some(q) => format!("{}?{q}", url.path()),
                None => url.path().to_string(),
            },
            Err(_) => "(no page)".into(),
        }
    }

    /// Waits until the page shown is at a path starting with `prefix` (after a click that
    /// navigates), or fails at the deadline.
    pub async fn wait_for_path(&self, prefix: &str) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let path = self.current_path().await;
            if path.starts_with(prefix) {
                return;
            }
            assert!(Instant::now() < deadline, "still at {path}, waiting for {prefix}");
            tokio::task::yield_now().await;
        }
    }

    /// The page's HTML.
    pub async fn source(&self) -> String {
        self.client.source().await.expect("the page source")
    }

    /// Reloads `url` until `css` matches an element whose text contains `text`, or the
    /// deadline passes (for what arrives from another instance).
    pub async fn wait_for_text(&self, url: &str, css: &str, text: &str) {
        let started = Instant::now();
        loop {
            self.open(url).await;
            for element in self.all(css).await {
                if element.text().await.is_ok_and(|t| t.contains(text)) {
                    return;
                }
            }
            assert!(
                started.elapsed() < DEADLINE,
                "`{text}` did not appear in `{css}` on {url} within {DEADLINE:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// A PNG of the page as shown.
    pub async fn screenshot(&self) -> Vec<u8> {
        self.client.screenshot().await.expect("a screenshot")
    }

    /// Ends the session and stops the driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// Stops the driver if the session cannot be opened.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Whether WebDriver says the element belongs to a page that is gone.
fn is_stale(error: &fantoccini::error::CmdError) -> bool {
    matches!(
        error,
        fantoccini::error::CmdError::Standard(e) if e.error == fantoccini::error::ErrorStatus::StaleElementReference
    )
}
