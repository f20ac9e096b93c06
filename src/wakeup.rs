//! Waking a running server from the commands run next to it.
//!
//! `praxis publish`, `praxis import`, `praxis follow` and the other commands write to the
//! database the server uses; the server would notice at its next poll (deliveries every
//! `delivery_poll_interval_ms`, the search index every 100 ms). Instead, a command that finished
//! sends one datagram to a Unix socket the server listens on in its data directory, and the server
//! looks at once: an item published from the command line reaches followers as fast as one
//! published from the web. Servers on other machines (PostgreSQL scale-out) keep polling.

use std::{
    io::ErrorKind,
    os::unix::net::UnixDatagram as StdDatagram,
    path::{Path, PathBuf},
    sync::Arc,
};

use tokio::{net::UnixDatagram, sync::Notify, task::JoinHandle};

use crate::config::Settings;

/// The socket's file in the data directory.
pub fn socket_path(settings: &Settings) -> PathBuf {
    settings.instance.data_dir.join("wake.sock")
}

/// Tells the server on this data directory, if one listens, that the database changed. Best
/// effort: without a server, or with one that cannot be reached, nothing happens.
pub fn nudge(settings: &Settings) {
    let path = socket_path(settings);
    if let Ok(socket) = StdDatagram::unbound() {
        let _ = socket.set_nonblocking(true);
        let _ = socket.send_to(b"w", &path);
    }
}

/// A server's listener: wakes every signal it was given when a datagram arrives.
pub struct WakeListener {
    task: JoinHandle<()>,
    path: PathBuf,
}

impl WakeListener {
    /// Listens on the data directory's socket, unless another live server already does (two
    /// processes sharing a data directory: the first keeps it, the second polls).
    pub fn spawn(settings: &Settings, signals: Vec<Arc<Notify>>) -> Option<WakeListener> {
        let path = socket_path(settings);
        let socket = match bind(&path) {
            Ok(Some(socket)) => socket,
            Ok(None) => {
                tracing::info!(socket = %path.display(), "another server listens for commands on this data directory; this one polls");
                return None;
            }
            Err(e) => {
                tracing::warn!(socket = %path.display(), error = %e, "cannot listen for commands; changes they make are seen at the next poll");
                return None;
            }
        };
        let task = tokio::spawn(async move {
            let mut buffer = [0u8; 16];
            loop {
                match socket.recv(&mut buffer).await {
                    Ok(_) => {
                        for signal in &signals {
                            signal.notify_one();
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "the wake-up socket failed; changes made by commands are seen at the next poll");
                        return;
                    }
                }
            }
        });
        Some(WakeListener { task, path })
    }

    /// Stops listening and removes the socket's file.
    pub fn stop(self) {
        self.task.abort();
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Binds the socket; `None` when a live server holds it. A file left by a server that is gone
/// is replaced.
fn bind(path: &Path) -> std::io::Result<Option<UnixDatagram>> {
    match UnixDatagram::bind(path) {
        Ok(socket) => Ok(Some(socket)),
        Err(e) if e.kind() == ErrorKind::AddrInUse => {
            let probe = StdDatagram::unbound()?;
            if probe.connect(path).is_ok() {
                return Ok(None);
            }
            std::fs::remove_file(path)?;
            UnixDatagram::bind(path).map(Some)
        }
        Err(e) => Err(e),
    }
}
