//! Checks that go beyond types: every problem is reported at once, each naming its key.

use std::path::Path;

use super::{ConfigError, DatabaseLocation, InvalidValue, Settings};
use crate::domain::{city::is_valid_handle, language::LanguageTag};

impl Settings {
    /// Normalizes what can be normalized and refuses what cannot.
    pub fn validated(mut self) -> Result<Settings, ConfigError> {
        let mut invalid = Vec::new();
        let mut bad = |key: &str, message: String| {
            invalid.push(InvalidValue {
                key: key.to_string(),
                message,
            })
        };

        let url = &self.instance.public_url;
        if !matches!(url.scheme(), "http" | "https") {
            bad(
                "instance.public_url",
                format!("expected an http or https URL, got scheme `{}`", url.scheme()),
            );
        }
        if url.host_str().is_none_or(str::is_empty) {
            bad("instance.public_url", "expected a URL with a host".into());
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            bad(
                "instance.public_url",
                format!(
                    "expected scheme, host and optional port only (like https://praxis.example.org), got `{url}`"
                ),
            );
        }
        if !url.username().is_empty() || url.password().is_some() {
            bad(
                "instance.public_url",
                "must not contain a user name or password".into(),
            );
        }

        if let Err(message) = database_location(self.instance.database_url.expose(), &self.instance.data_dir)
        {
            bad("instance.database_url", message);
        }
        if self.instance.database_pool_size == 0 {
            bad(
                "instance.database_pool_size",
                "expected at least 1 connection".into(),
            );
        }
        let token = self.instance.admin_token.expose();
        if !token.is_empty() && token.len() < 16 {
            bad(
                "instance.admin_token",
                "expected at least 16 characters, or empty to generate one".into(),
            );
        }

        for proxy in &self.instance.trusted_proxies {
            if let Err(message) = network(proxy) {
                bad("instance.trusted_proxies", message);
            }
        }

        if !is_valid_handle(&self.city.handle) {
            bad(
                "city.handle",
                format!(
                    "expected 1 to 64 lowercase ASCII letters, digits or underscores, got `{}`",
                    self.city.handle
                ),
            );
        }
        if self.city.name.trim().is_empty() {
            bad("city.name", "expected a non-empty name".into());
        }
        let mut names = std::collections::BTreeMap::new();
        for (tag, name) in &self.city.names {
            match LanguageTag::parse(tag) {
                Ok(tag) if !name.trim().is_empty() => {
                    names.insert(tag.to_string(), name.trim().to_string());
                }
                Ok(_) => bad(&format!("city.names.{tag}"), "expected a non-empty name".into()),
                Err(e) => bad(&format!("city.names.{tag}"), e.to_string()),
            }
        }
        self.city.names = names;
        if self.city.languages.is_empty() {
            bad(
                "city.languages",
                "expected at least one BCP 47 language tag, such as [\"it\"]".into(),
            );
        }
        let mut languages = Vec::new();
        for (i, tag) in self.city.languages.iter().enumerate() {
            match LanguageTag::parse(tag) {
                Ok(tag) => languages.push(tag.to_string()),
                Err(e) => bad(&format!("city.languages[{i}]"), e.to_string()),
            }
        }
        self.city.languages = languages;
        let country = self.city.country.trim().to_ascii_uppercase();
        let is_alpha2 = country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase());
        if !country.is_empty() && !is_alpha2 {
            bad(
                "city.country",
                format!(
                    "expected an ISO 3166-1 alpha-2 code such as \"IT\", or empty; got `{}`",
                    self.city.country
                ),
            );
        }
        self.city.country = country;
        if let Some(location) = self.city.location
            && crate::domain::city::Location::new(location.latitude, location.longitude).is_none()
        {
            bad(
                "city.location",
                format!(
                    "expected a latitude from -90 to 90 and a longitude from -180 to 180 (degrees); got {}, {}",
                    location.latitude, location.longitude
                ),
            );
        }

        if let Some(template) = self.map.tiles() {
            if let Err(message) = tile_template(template) {
                bad("map.tile_url", message);
            }
            if self.map.attribution.trim().is_empty() {
                bad(
                    "map.attribution",
                    "expected the credit the tile server asks for, such as \"© OpenStreetMap contributors\""
                        .into(),
                );
            }
        }
        if !super::MapSettings::ZOOMS.contains(&self.map.zoom) {
            bad(
                "map.zoom",
                format!(
                    "expected a zoom level from {} to {}, got {}",
                    super::MapSettings::ZOOMS.start(),
                    super::MapSettings::ZOOMS.end(),
                    self.map.zoom
                ),
            );
        }

        let tls = &self.tls;
        match (tls.certificate.is_empty(), tls.private_key.is_empty()) {
            (true, true) => {}
            (false, true) => bad("tls.private_key", "expected the key of tls.certificate".into()),
            (true, false) => bad(
                "tls.certificate",
                "expected the certificate of tls.private_key".into(),
            ),
            (false, false) => {
                for (key, file) in [
                    ("tls.certificate", &tls.certificate),
                    ("tls.private_key", &tls.private_key),
                ] {
                    if !Path::new(file).is_file() {
                        bad(key, format!("{file} is not a readable file"));
                    }
                }
            }
        }
        for (i, file) in self.federation.extra_root_certificates.iter().enumerate() {
            if !file.is_file() {
                bad(
                    &format!("federation.extra_root_certificates[{i}]"),
                    format!("{} is not a readable file", file.display()),
                );
            }
        }

        let fed = &self.federation;
        if fed.max_request_body_bytes < 1024 {
            bad(
                "federation.max_request_body_bytes",
                "expected at least 1024 bytes".into(),
            );
        }
        for (key, value) in [
            ("federation.fetch_limit", fed.fetch_limit as u64),
            ("federation.request_timeout_secs", fed.request_timeout_secs),
            ("federation.delivery_concurrency", fed.delivery_concurrency as u64),
            (
                "federation.delivery_concurrency_per_host",
                fed.delivery_concurrency_per_host as u64,
            ),
            (
                "federation.delivery_poll_interval_ms",
                fed.delivery_poll_interval_ms,
            ),
            (
                "federation.delivery_retry_base_secs",
                fed.delivery_retry_base_secs,
            ),
            (
                "federation.delivery_give_up_after_hours",
                fed.delivery_give_up_after_hours,
            ),
            ("federation.backfill_concurrency", fed.backfill_concurrency as u64),
            ("attachments.max_bytes", self.attachments.max_bytes),
            (
                "machine_translation.timeout_secs",
                self.machine_translation.timeout_secs,
            ),
        ] {
            if value == 0 {
                bad(key, "expected a number greater than 0".into());
            }
        }
        if fed.delivery_retry_max_gap_secs < fed.delivery_retry_base_secs {
            bad(
                "federation.delivery_retry_max_gap_secs",
                "expected a value no smaller than federation.delivery_retry_base_secs".into(),
            );
        }

        let engine = self.machine_translation.url.trim();
        if !engine.is_empty() {
            match url::Url::parse(engine) {
                Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => {}
                _ => bad(
                    "machine_translation.url",
                    format!("expected the engine's http or https URL, or empty, got `{engine}`"),
                ),
            }
        }

        let smtp = self.mail.smtp_url.expose().trim().to_string();
        if !smtp.is_empty() {
            match url::Url::parse(&smtp) {
                Ok(url) if matches!(url.scheme(), "smtp" | "smtps") && url.host_str().is_some() => {}
                _ => bad(
                    "mail.smtp_url",
                    "expected smtps://user:password@host:465, smtp://host:587?tls=required or smtp://host:25, or empty".into(),
                ),
            }
            let from = self.mail.from.trim();
            // "Name <address>" or a bare address.
            let address = from
                .rsplit_once('<')
                .map_or(from, |(_, a)| a.trim_end_matches('>').trim());
            if !crate::domain::item::draft::is_email_address(address) {
                bad(
                    "mail.from",
                    format!("expected the sender's e-mail address, got `{}`", self.mail.from),
                );
            }
        }
        if self.mail.poll_interval_secs == 0 || self.mail.timeout_secs == 0 || self.mail.retry_secs == 0 {
            bad(
                "mail.poll_interval_secs",
                "expected poll_interval_secs, timeout_secs and retry_secs of at least 1".into(),
            );
        }

        if invalid.is_empty() {
            Ok(self)
        } else {
            Err(ConfigError::Invalid(invalid))
        }
    }
}

/// Interprets `instance.database_url`: empty, `sqlite://PATH`, a plain path, or `postgres://...`.
pub(super) fn database_location(url: &str, data_dir: &Path) -> Result<DatabaseLocation, String> {
    let url = url.trim();
    if url.is_empty() {
        return Ok(DatabaseLocation::Sqlite(data_dir.join("praxis.db")));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return match url::Url::parse(url) {
            Ok(parsed) if parsed.host_str().is_some() || parsed.query().is_some() => {
                Ok(DatabaseLocation::Postgres(url.to_string().into()))
            }
            _ => Err(format!(
                "expected a PostgreSQL URL like postgres://user@host:5432/database, got `{}`",
                without_password(url)
            )),
        };
    }
    if let Some(path) = url.strip_prefix("sqlite://") {
        if path.is_empty() {
            return Err("expected a file path after sqlite://".into());
        }
        return Ok(DatabaseLocation::Sqlite(path.into()));
    }
    if url.contains("://") {
        return Err(format!(
            "expected sqlite://PATH, a file path or postgres://..., got `{}`",
            without_password(url)
        ));
    }
    Ok(DatabaseLocation::Sqlite(url.into()))
}

/// An address (`10.0.0.5`, `::1`) or a network (`10.0.0.0/8`).
pub(super) fn network(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("`{text}` is not an address or a network like 10.0.0.0/8"))
}

/// A database URL fit for a message: its password, if any, replaced by `***`.
pub fn without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(_) => url.to_string(),
        // Unparsable: anything after a scheme could be a password.
        Err(_) => url
            .split_once("://")
            .map_or_else(|| url.to_string(), |(scheme, _)| format!("{scheme}://…")),
    }
}

/// Checks a tile server's address template: http or https, a host, and each of `{z}`, `{x}`,
/// `{y}` (and no other placeholder).
fn tile_template(template: &str) -> Result<(), String> {
    let example = "such as https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    for part in ["{z}", "{x}", "{y}"] {
        if !template.contains(part) {
            return Err(format!(
                "expected {part} in the tile address, {example}; got `{template}`"
            ));
        }
    }
    let filled = template
        .replace("{z}", "0")
        .replace("{x}", "0")
        .replace("{y}", "0");
    if filled.contains(['{', '}']) {
        return Err(format!(
            "only {{z}}, {{x}} and {{y}} are filled in, {example}; got `{template}`"
        ));
    }
    let url = url::Url::parse(&filled).map_err(|e| format!("not an address ({e}): `{template}`"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!(
            "expected an http or https address with a host, {example}; got `{template}`"
        ));
    }
    Ok(())
}
