//! Typed configuration, loaded once at start-up and passed down.
//!
//! Layers, lowest first: `config/default.toml` (compiled in, documents every key), the file given
//! with `--config`, `PRAXIS_<SECTION>__<KEY>` environment variables, command-line flags.

mod validate;

pub use validate::without_password;

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::secret::Secret;

/// The documented defaults; every key Praxis knows is in this file.
pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

/// Prefix of environment variables that override configuration keys.
pub const ENV_PREFIX: &str = "PRAXIS_";

/// Environment variables with the Praxis prefix that are not configuration keys.
const ENV_NOT_CONFIG: &[&str] = &["TEST_DATABASE_URL", "LOG", "CONFIG"];

/// The whole configuration of one Praxis instance.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub instance: InstanceSettings,
    pub city: CitySettings,
    pub federation: FederationSettings,
    pub attachments: AttachmentSettings,
    pub machine_translation: MachineTranslationSettings,
    pub mail: MailSettings,
    pub map: MapSettings,
    pub tls: TlsSettings,
}

/// The directory's map: the base map shipped with Praxis unless a tile server is named.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapSettings {
    /// A tile server's address with `{z}`, `{x}` and `{y}` (Web Mercator, 256-pixel tiles);
    /// empty: the shipped base map, and no reader's browser asks any other site for anything.
    pub tile_url: String,
    /// Who must be credited for the tiles, shown under the map (required with `tile_url`).
    pub attribution: String,
    /// The tiles' zoom level, from [`MapSettings::ZOOMS`].
    pub zoom: u8,
}

impl MapSettings {
    /// Zoom levels that draw Europe in a page's width: 3 (6 tiles) to 6 (about 240).
    pub const ZOOMS: std::ops::RangeInclusive<u8> = 3..=6;

    /// The tile server's address template, when one is configured (validated at load time).
    pub fn tiles(&self) -> Option<&str> {
        let url = self.tile_url.trim();
        (!url.is_empty()).then_some(url)
    }

    /// The origin browsers fetch tiles from (`https://tiles.example.org`), for the pages'
    /// Content-Security-Policy.
    pub fn tile_origin(&self) -> Option<String> {
        let filled = ["{z}", "{x}", "{y}"]
            .iter()
            .fold(self.tiles()?.to_string(), |url, part| url.replace(part, "0"));
        let url = Url::parse(&filled).ok()?;
        Some(url.origin().ascii_serialization())
    }
}

/// Mail through an SMTP server: digests and notices. Off unless a server is named.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// `smtps://user:password@host:465` (TLS), `smtp://user:password@host:587?tls=required`
    /// (STARTTLS), `smtp://host:25` (plain, for a relay on the same machine); empty: off.
    pub smtp_url: Secret,
    /// The sender of every message.
    pub from: String,
    /// How often the mail worker looks for digests that are due and messages to send.
    pub poll_interval_secs: u64,
    /// Longest wait for the SMTP server, in seconds.
    pub timeout_secs: u64,
    /// How long after a failed attempt a message is tried again, in seconds; the wait doubles
    /// with each failure, up to six hours.
    pub retry_secs: u64,
}

impl MailSettings {
    /// Whether mail is configured (validated at load time).
    pub fn enabled(&self) -> bool {
        !self.smtp_url.expose().trim().is_empty()
    }
}

/// An optional machine-translation engine (LibreTranslate's HTTP API).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MachineTranslationSettings {
    /// The engine's base URL; empty: off.
    pub url: String,
    pub api_key: Secret,
    pub timeout_secs: u64,
    pub daily_characters: u64,
}

impl MachineTranslationSettings {
    /// The engine, when one is configured (validated at load time).
    pub fn engine(&self) -> Option<Url> {
        let url = self.url.trim();
        (!url.is_empty()).then(|| Url::parse(url).ok()).flatten()
    }
}

/// TLS terminated by Praxis itself (rather than by a reverse proxy).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TlsSettings {
    /// PEM certificate chain; with `private_key`, the server speaks HTTPS.
    pub certificate: String,
    /// PEM private key (PKCS#8, PKCS#1 or SEC1).
    pub private_key: String,
}

impl TlsSettings {
    /// The certificate and key files, when TLS is on.
    pub fn files(&self) -> Option<(PathBuf, PathBuf)> {
        (!self.certificate.is_empty() && !self.private_key.is_empty())
            .then(|| (PathBuf::from(&self.certificate), PathBuf::from(&self.private_key)))
    }
}

/// Files that come with items.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentSettings {
    pub max_bytes: u64,
}

/// Where the instance lives and what it stores.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceSettings {
    pub public_url: Url,
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// May carry a password (postgres://user:password@host/db).
    pub database_url: Secret,
    pub database_pool_size: u32,
    pub admin_token: Secret,
    pub shutdown_timeout_secs: u64,
    /// Proxies whose `X-Forwarded-For` is believed: addresses or networks (see
    /// [`Settings::trusted_proxies`]).
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
}

/// The city this instance speaks for.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CitySettings {
    pub handle: String,
    pub name: String,
    /// The name in other languages, by language tag.
    #[serde(default)]
    pub names: std::collections::BTreeMap<String, String>,
    pub summary: String,
    pub languages: Vec<String>,
    pub country: String,
    /// Where the city is, for the network's map; none unless given.
    #[serde(default)]
    pub location: Option<LocationSettings>,
    /// Whether other servers may list the city in their directories (the actor's `discoverable`).
    #[serde(default = "yes")]
    pub discoverable: bool,
    /// Whether other servers may index the city's public items for search (`indexable`).
    #[serde(default = "yes")]
    pub indexable: bool,
    /// The actors this city was before (the actor's `alsoKnownAs`): listing a city's old actor
    /// here is what lets that city move to this one (`praxis move`).
    #[serde(default)]
    pub also_known_as: Vec<Url>,
}

fn yes() -> bool {
    true
}

/// A point in degrees (WGS 84).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LocationSettings {
    pub latitude: f64,
    pub longitude: f64,
}

/// Limits and behaviour of federation with peer cities.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FederationSettings {
    pub allow_local_peers: bool,
    pub max_request_body_bytes: usize,
    pub fetch_limit: u32,
    pub request_timeout_secs: u64,
    pub delivery_concurrency: usize,
    pub delivery_concurrency_per_host: usize,
    pub delivery_poll_interval_ms: u64,
    pub delivery_retry_base_secs: u64,
    pub delivery_retry_max_gap_secs: u64,
    pub delivery_give_up_after_hours: u64,
    pub backfill_max_items: u64,
    pub backfill_concurrency: usize,
    pub extra_root_certificates: Vec<PathBuf>,
    pub rfc9421_first: bool,
}

/// Values given on the command line; they win over every other layer.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub listen: Option<SocketAddr>,
    pub public_url: Option<Url>,
    pub database_url: Option<String>,
    pub allow_local_peers: bool,
}

/// Which database backend the configuration selects, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseLocation {
    Sqlite(PathBuf),
    /// The connection URL, which may carry a password.
    Postgres(Secret),
}

/// Why the configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("invalid configuration: {0}")]
    Parse(Box<figment::Error>),
    #[error("invalid configuration:\n{}", format_invalid(.0))]
    Invalid(Vec<InvalidValue>),
}

/// One configuration key with a value that is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    pub key: String,
    pub message: String,
}

fn format_invalid(values: &[InvalidValue]) -> String {
    values
        .iter()
        .map(|v| format!("  {}: {}", v.key, v.message))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Settings {
    /// Loads the configuration from the defaults, the optional file, the process environment and
    /// the command-line overrides, then validates it.
    pub fn load(overrides: &Overrides) -> Result<Settings, ConfigError> {
        Self::load_with_env(overrides, Env::prefixed(ENV_PREFIX))
    }

    /// Like [`Settings::load`] but ignores the process environment (for tests and tools).
    pub fn load_without_env(overrides: &Overrides) -> Result<Settings, ConfigError> {
        Self::from_figment(Self::layers(overrides, None)?)
    }

    fn load_with_env(overrides: &Overrides, env: Env) -> Result<Settings, ConfigError> {
        let env = env.split("__").ignore(ENV_NOT_CONFIG);
        Self::from_figment(Self::layers(overrides, Some(env))?)
    }

    fn layers(overrides: &Overrides, env: Option<Env>) -> Result<Figment, ConfigError> {
        let mut figment = Figment::from(Toml::string(DEFAULT_TOML));
        if let Some(path) = &overrides.config_file {
            if !path.is_file() {
                return Err(ConfigError::MissingFile(path.clone()));
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        if let Some(env) = env {
            figment = figment.merge(env);
        }
        if let Some(listen) = overrides.listen {
            figment = figment.merge(Serialized::default("instance.listen", listen));
        }
        if let Some(url) = &overrides.public_url {
            figment = figment.merge(Serialized::default("instance.public_url", url));
        }
        if let Some(db) = &overrides.database_url {
            figment = figment.merge(Serialized::default("instance.database_url", db));
        }
        if overrides.allow_local_peers {
            figment = figment.merge(Serialized::default("federation.allow_local_peers", true));
        }
        Ok(figment)
    }

    fn from_figment(figment: Figment) -> Result<Settings, ConfigError> {
        let settings: Settings = figment.extract().map_err(|e| ConfigError::Parse(Box::new(e)))?;
        settings.validated()
    }

    /// Builds settings from a TOML document layered over the defaults (no environment).
    pub fn from_toml(toml: &str) -> Result<Settings, ConfigError> {
        Self::from_figment(Figment::from(Toml::string(DEFAULT_TOML)).merge(Toml::string(toml)))
    }

    /// The database this configuration points at.
    pub fn database(&self) -> DatabaseLocation {
        validate::database_location(self.instance.database_url.expose(), &self.instance.data_dir)
            .expect("database_url was validated at load time")
    }

    /// The `host[:port]` part of the public URL: the instance's domain on the network.
    pub fn domain(&self) -> String {
        domain_of(&self.instance.public_url)
    }

    /// An absolute URL on this instance for the given path (which starts with `/`).
    pub fn url_for(&self, path: &str) -> Url {
        self.instance
            .public_url
            .join(path)
            .expect("a path joins onto a validated base URL")
    }

    /// Directory of uploaded attachments, named by their SHA-256.
    pub fn attachments_dir(&self) -> PathBuf {
        self.instance.data_dir.join("attachments")
    }

    /// Path of the file that keeps a generated admin token.
    pub fn admin_token_file(&self) -> PathBuf {
        self.instance.data_dir.join("admin-token")
    }

    /// The networks of `instance.trusted_proxies` (validated at load time).
    pub fn trusted_proxies(&self) -> Vec<ipnet::IpNet> {
        self.instance
            .trusted_proxies
            .iter()
            .filter_map(|p| validate::network(p).ok())
            .collect()
    }

    /// The data directory, for files the instance keeps beside its database.
    pub fn data_dir(&self) -> &Path {
        &self.instance.data_dir
    }
}

/// `host[:port]` of a URL, the form activitypub_federation uses to recognise local ids.
pub fn domain_of(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

#[cfg(test)]
mod tests;
