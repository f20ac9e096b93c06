//! A client of the LibreTranslate HTTP API: `POST /translate` with `q`, `source`, `target`,
//! `format` and, when the engine asks for one, `api_key`; the answer's `translatedText`.
//!
//! The engine is a service the admin configured, usually on the city's own network, so its
//! address is not held to the rule that keeps peers off private addresses.

use std::time::Duration;

use reqwest::{StatusCode, redirect::Policy};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{config::Settings, secret::Secret};

/// Largest answer read from the engine, in bytes: a text of the longest body, translated.
const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;

/// The configured engine.
pub struct Engine {
    http: reqwest::Client,
    translate: Url,
    api_key: Secret,
}

/// Why the engine gave no translation.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("the translation engine did not answer: {0}")]
    Unreachable(String),
    #[error("the translation engine refused the request ({status}): {message}")]
    Refused { status: StatusCode, message: String },
    #[error("the translation engine's answer is not LibreTranslate's: {0}")]
    Malformed(String),
}

#[derive(Serialize)]
struct Request<'a> {
    q: &'a str,
    source: &'a str,
    target: &'a str,
    format: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    api_key: &'a str,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "translatedText")]
    translated_text: String,
}

#[derive(Deserialize)]
struct Refusal {
    error: String,
}

impl Engine {
    /// The engine the configuration names, if any.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Option<Engine>> {
        let config = &settings.machine_translation;
        let Some(base) = config.engine() else {
            return Ok(None);
        };
        crate::federation::config::install_crypto_provider();
        let timeout = Duration::from_secs(config.timeout_secs);
        let http = reqwest::Client::builder()
            .user_agent(format!("Praxis/{}", env!("CARGO_PKG_VERSION")))
            .redirect(Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .tls_certs_merge(crate::federation::client::extra_roots(settings)?)
            .build()?;
        let mut translate = base;
        if !translate.path().ends_with('/') {
            translate.set_path(&format!("{}/", translate.path()));
        }
        Ok(Some(Engine {
            http,
            translate: translate.join("translate")?,
            api_key: config.api_key.clone(),
        }))
    }

    /// `text` translated from `source` into `target` (language codes as LibreTranslate names
    /// them); HTML keeps its markup.
    pub async fn translate(
        &self,
        text: &str,
        source: &str,
        target: &str,
        html: bool,
    ) -> Result<String, EngineError> {
        let request = Request {
            q: text,
            source,
            target,
            format: if html { "html" } else { "text" },
            api_key: self.api_key.expose(),
        };
        let mut response = self
            .http
            .post(self.translate.clone())
            .json(&request)
            .send()
            .await
            .map_err(|e| EngineError::Unreachable(e.without_url().to_string()))?;
        let status = response.status();
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| EngineError::Unreachable(e.without_url().to_string()))?
        {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(EngineError::Malformed(format!(
                    "longer than {MAX_ANSWER_BYTES} bytes"
                )));
            }
            body.extend_from_slice(&chunk);
        }
        if !status.is_success() {
            let message = serde_json::from_slice::<Refusal>(&body)
                .map(|r| r.error)
                .unwrap_or_else(|_| String::from_utf8_lossy(&body).chars().take(200).collect());
            return Err(EngineError::Refused { status, message });
        }
        serde_json::from_slice::<Answer>(&body)
            .map(|a| a.translated_text)
            .map_err(|e| EngineError::Malformed(e.to_string()))
    }
}
