//! A real SMTP server for the mail tests: aiosmtpd (Python, pinned, installed by
//! `./scripts/test`), started on a free port, with a handler (`smtp_sink.py`) that writes every
//! message it accepts, decoded, as JSON.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Instant,
};

use serde_json::Value;

use super::DEADLINE;

pub struct SmtpServer {
    pub port: u16,
    dir: tempfile::TempDir,
    process: Child,
}

impl SmtpServer {
    pub async fn start() -> SmtpServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = tempfile::tempdir().expect("a directory for the messages");
        let tools = std::env::var("AIOSMTPD_PATH")
            .unwrap_or_else(|_| format!("{}/target/test-tools/python", env!("CARGO_MANIFEST_DIR")));
        let sink = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/common");
        let process = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "smtp_sink.JsonMailbox"])
            .arg(dir.path())
            .env("PYTHONPATH", format!("{tools}:{}", sink.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start aiosmtpd: {e}; run ./scripts/test, which installs it"));
        let mut server = SmtpServer { port, dir, process };
        let started = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            if let Ok(Some(status)) = server.process.try_wait() {
                panic!("aiosmtpd stopped ({status}) before it listened");
            }
            assert!(
                started.elapsed() < DEADLINE,
                "aiosmtpd did not listen within {DEADLINE:?} (is it installed? ./scripts/test installs it)"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        server
    }

    /// The `[mail]` configuration of a city that sends through this server.
    pub fn config(&self) -> String {
        format!(
            "[mail]\nsmtp_url = \"smtp://127.0.0.1:{}\"\nfrom = \"Praxis <praxis@city.example>\"\npoll_interval_secs = 1\n",
            self.port
        )
    }

    /// Makes the server refuse every message for now (451, try again later), or take them again.
    pub fn refuse(&self, refusing: bool) {
        let flag = self.dir.path().join("refuse");
        if refusing {
            std::fs::write(flag, "").expect("the refuse flag");
        } else {
            std::fs::remove_file(flag).expect("the refuse flag to remove");
        }
    }

    /// How many messages the server refused so far.
    pub fn refused(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("refused")).map_or(0, |text| text.lines().count())
    }

    /// Every message received so far, oldest first: `from`, `to`, `subject`, `body` (decoded).
    pub fn messages(&self) -> Vec<Value> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("the message directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits until at least `n` messages arrived, and returns them all.
    pub async fn wait_for(&self, n: usize, what: &str) -> Vec<Value> {
        super::wait_until(what, || async {
            let messages = self.messages();
            (messages.len() >= n).then_some(messages)
        })
        .await
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
