//! An ActivityPub server written by others: fediverse-pasture's `one_actor` (Python, on the
//! bovine library, pinned in tests/tools/pasture-requirements.txt and installed by
//! `./scripts/test`), started on a free port. It serves one actor, `/actor`, with WebFinger and
//! an inbox that verifies every delivery's HTTP signature (fetching the sender's key itself) and
//! shows what it accepted as a stream of JSON documents on `/`. The test acts as that actor through
//! tests/tools/pasture-peer.py, which signs and sends with bovine.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::Instant,
};

use serde_json::Value;
use url::Url;

use super::DEADLINE;

pub struct Pasture {
    pub url: Url,
    dir: tempfile::TempDir,
    process: Child,
    /// Every activity the actor's inbox accepted, oldest first.
    received: Arc<Mutex<Vec<Value>>>,
    reader: tokio::task::JoinHandle<()>,
}

pub fn tools() -> String {
    std::env::var("PASTURE_PATH")
        .unwrap_or_else(|_| format!("{}/target/test-tools/pasture", env!("CARGO_MANIFEST_DIR")))
}

impl Pasture {
    pub async fn start() -> Pasture {
        praxis::federation::config::install_crypto_provider();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = tempfile::tempdir().expect("a directory for the actor's data");
        let process = Command::new("python3")
            .args(["-m", "fediverse_pasture.one_actor", "--port"])
            .arg(port.to_string())
            .current_dir(dir.path())
            .env("PYTHONPATH", tools())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start fediverse-pasture: {e}; run ./scripts/test, which installs it")
            });
        // activitypub_federation accepts only actor ids with a domain name, not an IP address.
        let url = Url::parse(&format!("http://localhost:{port}/")).unwrap();
        let mut pasture = Pasture {
            url,
            dir,
            process,
            received: Arc::default(),
            reader: tokio::spawn(async {}),
        };
        let http = reqwest::Client::new();
        let started = Instant::now();
        loop {
            let answer = http.get(pasture.actor_id()).send().await;
            if answer.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            if let Ok(Some(status)) = pasture.process.try_wait() {
                panic!("fediverse-pasture stopped ({status}) before it served its actor");
            }
            assert!(
                started.elapsed() < DEADLINE,
                "fediverse-pasture did not serve its actor within {DEADLINE:?} (./scripts/test installs it)"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        pasture.reader = tokio::spawn(read_inbox_stream(pasture.url.clone(), pasture.received.clone()));
        pasture
    }

    pub fn actor_id(&self) -> Url {
        self.url.join("actor").unwrap()
    }

    /// Runs tests/tools/pasture-peer.py as the pasture's actor and returns what it printed.
    pub fn act(&self, args: &[&str]) -> Value {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools/pasture-peer.py");
        let output = Command::new("python3")
            .arg(script)
            .arg(self.url.as_str().trim_end_matches('/'))
            .args(args)
            .current_dir(self.dir.path())
            .env("PYTHONPATH", tools())
            .output()
            .expect("python3 runs");
        assert!(
            output.status.success(),
            "pasture-peer.py {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("pasture-peer.py prints JSON")
    }

    /// Waits until the actor's inbox accepted an activity `check` picks, and returns it.
    pub async fn wait_for(&self, what: &str, check: impl Fn(&Value) -> bool) -> Value {
        super::wait_until(what, || async {
            self.received.lock().unwrap().iter().find(|a| check(a)).cloned()
        })
        .await
    }
}

/// Collects the documents one_actor's `/` page streams, one `<pre>` each, as its inbox accepts them.
async fn read_inbox_stream(url: Url, received: Arc<Mutex<Vec<Value>>>) {
    let Ok(mut response) = reqwest::get(url).await else {
        return;
    };
    let mut page = String::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        page.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(start) = page.find("<pre>") {
            let Some(end) = page[start..].find("</pre>") else {
                break;
            };
            let document = &page[start + "<pre>".len()..start + end];
            if let Ok(activity) = serde_json::from_str(document) {
                received.lock().unwrap().push(activity);
            }
            page.drain(..start + end + "</pre>".len());
        }
    }
}

impl Drop for Pasture {
    fn drop(&mut self) {
        self.reader.abort();
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
