//! The admin token that authorizes API writes until user accounts exist.

use std::io::Write;

use anyhow::Context;
use rand::{Rng, distributions::Alphanumeric};

use crate::config::Settings;

/// The configured token, or the one kept in the data directory, created on first use.
pub fn load_or_create(settings: &Settings) -> anyhow::Result<String> {
    if !settings.instance.admin_token.is_empty() {
        return Ok(settings.instance.admin_token.expose().clone());
    }
    let path = settings.admin_token_file();
    if path.exists() {
        let token = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let token = token.trim().to_string();
        if token.len() >= 16 {
            return Ok(token);
        }
        anyhow::bail!(
            "{} holds no usable token; delete it to have a new one generated",
            path.display()
        );
    }
    let token: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(40)
        .map(char::from)
        .collect();
    std::fs::create_dir_all(settings.data_dir())
        .with_context(|| format!("creating {}", settings.data_dir().display()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .with_context(|| format!("creating {}", path.display()))?;
    writeln!(file, "{token}")?;
    tracing::info!(path = %path.display(), "generated an admin token for the JSON API");
    Ok(token)
}
