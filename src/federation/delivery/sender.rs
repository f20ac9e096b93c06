//! Signing and posting one activity to one inbox, and reading what the peer answered.

use std::time::{Duration, SystemTime};

use activitypub_federation::FEDERATION_CONTENT_TYPE;
use bytes::Bytes;
use reqwest::{StatusCode, header::HeaderMap};
use url::Url;

use super::signer::{SignatureStyle, Signer, SigningError};
use crate::{app::AppData, federation::client::refusal_in, storage::cities};

/// The actor an activity is sent by: the city, or a community of it relaying to its members.
#[derive(serde::Deserialize)]
struct SentBy {
    actor: Url,
}

/// The signer of the actor that sends `payload`.
pub async fn signer_for(data: &AppData, payload: &str) -> Result<Signer, SigningError> {
    let actor = serde_json::from_str::<SentBy>(payload)
        .map_err(|e| SigningError::Key(format!("the activity names no actor: {e}")))?
        .actor;
    if actor == data.city.ap_id {
        return Ok(data.signer.clone());
    }
    let lookup = actor.clone();
    let key = data
        .db
        .read(move |conn| cities::find_by_ap_id(conn, &lookup))
        .await
        .map_err(|e| SigningError::Key(e.to_string()))?
        .filter(|(_, actor)| actor.is_local)
        .and_then(|(_, actor)| actor.private_key_pem.map(|k| k.expose().clone()));
    data.community_signers.get_or_make(&actor, || key)
}

/// Most of a peer's error body kept for the delivery log.
const MAX_ERROR_BODY: usize = 300;

/// What came of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Delivered {
        status: u16,
    },
    /// Worth trying again: network trouble, 5xx, 408, 429.
    Retry {
        status: Option<u16>,
        error: String,
        retry_after: Option<Duration>,
    },
    /// The peer refused for good (other 4xx, redirects): retrying cannot help.
    Refused {
        status: u16,
        error: String,
    },
    /// This city refused to send: the address is private, or the policy refuses the peer. No
    /// connection was made.
    NotSent {
        reason: String,
    },
}

/// Signs `payload` as the local city and posts it to `inbox` (see [`post_signed_as`]).
pub async fn post_signed(data: &AppData, inbox: &Url, payload: Bytes) -> Outcome {
    post_signed_as(data, &data.signer, inbox, payload).await
}

/// Signs `payload` as `signer` (the local city, or one of its communities) and posts it to
/// `inbox`: with the draft-cavage HTTP signature and digest that Mastodon and Lemmy verify, or,
/// with `federation.rfc9421_first`, with an RFC 9421 signature first. A host that answers that
/// with 401 is sent the draft-cavage one at once, and what each host accepted is remembered.
pub async fn post_signed_as(data: &AppData, signer: &Signer, inbox: &Url, payload: Bytes) -> Outcome {
    let host = crate::config::domain_of(inbox);
    let known = data.signature_styles.of(&host);
    if !data.settings.federation.rfc9421_first || known == Some(SignatureStyle::DraftCavage) {
        return post_once(data, signer, inbox, payload, SignatureStyle::DraftCavage).await;
    }
    let first = post_once(data, signer, inbox, payload.clone(), SignatureStyle::Rfc9421).await;
    match first {
        Outcome::Delivered { .. } => {
            data.signature_styles.remember(&host, SignatureStyle::Rfc9421);
            first
        }
        // A host that verified RFC 9421 before refuses for another reason: no second knock.
        Outcome::Refused { status: 401, .. } if known.is_none() => {
            let second = post_once(data, signer, inbox, payload, SignatureStyle::DraftCavage).await;
            if matches!(second, Outcome::Delivered { .. }) {
                tracing::info!(%host, "the host accepts draft-cavage signatures, not RFC 9421 ones");
                data.signature_styles.remember(&host, SignatureStyle::DraftCavage);
            }
            second
        }
        _ => first,
    }
}

async fn post_once(
    data: &AppData,
    signer: &Signer,
    inbox: &Url,
    payload: Bytes,
    style: SignatureStyle,
) -> Outcome {
    let timeout = Duration::from_secs(data.settings.federation.request_timeout_secs);
    let request = data
        .http
        .post(inbox.as_str())
        .timeout(timeout)
        .header("Content-Type", FEDERATION_CONTENT_TYPE)
        .header("Host", crate::config::domain_of(inbox))
        .header("Date", httpdate::fmt_http_date(SystemTime::now()));
    let signed = match style {
        SignatureStyle::DraftCavage => signer.sign(request, payload).await,
        SignatureStyle::Rfc9421 => signer.sign_rfc9421(request, inbox, FEDERATION_CONTENT_TYPE, payload),
    };
    let signed = match signed {
        Ok(signed) => signed,
        Err(e) => {
            return Outcome::Retry {
                status: None,
                error: format!("could not sign the request: {e}"),
                retry_after: None,
            };
        }
    };
    match data.http.execute(signed).await {
        Ok(response) => {
            let status = response.status();
            let retry_after = retry_after(response.headers());
            let body = if status.is_success() {
                String::new()
            } else {
                short_body(response).await
            };
            classify(status, body, retry_after)
        }
        Err(e) => match refusal_in(&e) {
            Some(refusal) => Outcome::NotSent {
                reason: refusal.to_string(),
            },
            None => Outcome::Retry {
                status: None,
                error: format!("request failed: {}", error_chain(&e)),
                retry_after: None,
            },
        },
    }
}

/// Maps the peer's answer to what the queue should do.
pub fn classify(status: StatusCode, body: String, retry_after: Option<Duration>) -> Outcome {
    let code = status.as_u16();
    let error = if body.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}: {body}")
    };
    if status.is_success() {
        Outcome::Delivered { status: code }
    } else if status.is_server_error()
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
    {
        Outcome::Retry {
            status: Some(code),
            error,
            retry_after,
        }
    } else {
        Outcome::Refused { status: code, error }
    }
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get("Retry-After")?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or_default())
}

/// The start of an error answer, read no further than needed: a peer's body is not bounded.
async fn short_body(mut response: reqwest::Response) -> String {
    let mut bytes = Vec::new();
    while bytes.len() < MAX_ERROR_BODY {
        match response.chunk().await {
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            _ => break,
        }
    }
    bytes.truncate(MAX_ERROR_BODY);
    let text = String::from_utf8_lossy(&bytes);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_classified_as_a_sender_should() {
        let ok = classify(StatusCode::ACCEPTED, String::new(), None);
        assert_eq!(ok, Outcome::Delivered { status: 202 });
        for status in [
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::REQUEST_TIMEOUT,
        ] {
            assert!(
                matches!(classify(status, String::new(), None), Outcome::Retry { .. }),
                "{status}"
            );
        }
        for status in [
            StatusCode::GONE,
            StatusCode::NOT_FOUND,
            StatusCode::UNAUTHORIZED,
            StatusCode::MOVED_PERMANENTLY,
        ] {
            assert!(
                matches!(classify(status, String::new(), None), Outcome::Refused { .. }),
                "{status}"
            );
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        headers.insert("Retry-After", "120".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(120)));
        let later = SystemTime::now() + Duration::from_secs(3600);
        headers.insert("Retry-After", httpdate::fmt_http_date(later).parse().unwrap());
        let parsed = retry_after(&headers).unwrap();
        assert!(parsed > Duration::from_secs(3500) && parsed <= Duration::from_secs(3600));
    }
}
