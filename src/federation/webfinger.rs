//! WebFinger, as a client: from `handle@domain` to the city actor it names, trusting the answer
//! only as far as it can be checked.
//!
//! - The answer's `subject` must be the account asked for. A different subject (a server that
//!   names its accounts on another domain) is accepted only when that domain, asked in turn,
//!   names the same actor: the account is confirmed by its own server.
//! - The actor the `self` link names must be on the origin that answered, or name the account in
//!   its own `preferredUsername` on a subdomain of it (WebFinger on `example.org`, the server on
//!   `praxis.example.org`). Otherwise anyone's WebFinger could make a city follow someone else.
//!
//! Every request goes through the guarded client; the answer is read up to [`MAX_ANSWER`] bytes.

use activitypub_federation::fetch::object_id::ObjectId;
use serde::Deserialize;
use url::Url;

use super::{FederationError, config::speaks_plain_http};
use crate::{app::AppData, domain::city::City};

/// Largest WebFinger answer read.
const MAX_ANSWER: usize = 64 * 1024;

#[derive(Debug, Deserialize)]
struct Answer {
    subject: String,
    #[serde(default)]
    links: Vec<Link>,
}

#[derive(Debug, Deserialize)]
struct Link {
    rel: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    href: Option<Url>,
}

/// The account `handle@domain` as WebFinger names it.
fn account(handle: &str, domain: &str) -> String {
    format!("acct:{handle}@{domain}")
}

/// Finds and stores the actor of `handle@domain`.
pub async fn resolve(data: &AppData, handle: &str, domain: &str) -> Result<City, FederationError> {
    let asked = account(handle, domain);
    let (subject, actor_url, answered_by) = lookup(data, handle, domain).await?;
    if !subject.eq_ignore_ascii_case(&asked) {
        confirm_alias(data, &asked, &subject, &actor_url).await?;
    }
    let actor = ObjectId::<City>::from(actor_url.clone())
        .dereference(data)
        .await?;
    if actor.ap_id.origin() == answered_by.origin() {
        return Ok(actor);
    }
    let names_itself = actor.handle.eq_ignore_ascii_case(handle)
        && actor
            .ap_id
            .host_str()
            .is_some_and(|host| is_subdomain(host, answered_by.host_str().unwrap_or_default()));
    if names_itself {
        Ok(actor)
    } else {
        Err(FederationError::Refused(format!(
            "the WebFinger answer of {domain} names {actor_url}, on another server, which does not call itself {handle}@{domain}; not following it"
        )))
    }
}

/// A subject other than the account asked for is believed only if its own domain names the same
/// actor for it.
async fn confirm_alias(
    data: &AppData,
    asked: &str,
    subject: &str,
    actor: &Url,
) -> Result<(), FederationError> {
    let refuse = || {
        FederationError::Refused(format!(
            "the WebFinger answer for {asked} is about {subject}, which its own server does not confirm"
        ))
    };
    let (handle, domain) = subject
        .strip_prefix("acct:")
        .and_then(|a| a.split_once('@'))
        .ok_or_else(refuse)?;
    let (confirmed_subject, confirmed_actor, _) = lookup(data, handle, domain).await.map_err(|_| refuse())?;
    if confirmed_subject.eq_ignore_ascii_case(subject) && confirmed_actor == *actor {
        Ok(())
    } else {
        Err(refuse())
    }
}

/// Asks `domain` about `handle`: the answer's subject, the actor its `self` link names, and the
/// URL that answered.
async fn lookup(data: &AppData, handle: &str, domain: &str) -> Result<(String, Url, Url), FederationError> {
    let scheme = if speaks_plain_http(&data.settings) {
        "http"
    } else {
        "https"
    };
    let mut url = Url::parse(&format!("{scheme}://{domain}/.well-known/webfinger")).map_err(|_| {
        FederationError::BadRequest(format!("`{domain}` is not a domain a city can be found on"))
    })?;
    url.query_pairs_mut()
        .append_pair("resource", &account(handle, domain));
    let failed = |what: String| {
        FederationError::NotFound(format!(
            "the WebFinger lookup of {handle}@{domain} failed: {what}"
        ))
    };
    let response = data
        .http
        .get(url.clone())
        .header("Accept", "application/jrd+json, application/json")
        .send()
        .await
        .map_err(|e| match super::client::refusal_in(&e) {
            Some(refusal) => FederationError::Refused(refusal.to_string()),
            None => failed(format!("{url} could not be reached")),
        })?;
    let status = response.status();
    if !status.is_success() {
        return Err(failed(format!("{url} answered HTTP {status}")));
    }
    let body = read_bounded(response)
        .await
        .ok_or_else(|| failed(format!("the answer of {url} is larger than {MAX_ANSWER} bytes")))?;
    let answer: Answer = serde_json::from_slice(&body)
        .map_err(|_| failed(format!("{url} did not answer with a WebFinger document")))?;
    let actor = answer
        .links
        .into_iter()
        .find(|l| l.rel == "self" && l.kind.as_deref().is_some_and(is_activitypub_type))
        .and_then(|l| l.href)
        .ok_or_else(|| failed(format!("the answer of {url} links to no ActivityPub actor")))?;
    Ok((answer.subject, actor, url))
}

fn is_activitypub_type(kind: &str) -> bool {
    let kind = kind.to_ascii_lowercase();
    kind.starts_with("application/activity+json")
        || (kind.starts_with("application/ld+json") && kind.contains("https://www.w3.org/ns/activitystreams"))
}

fn is_subdomain(host: &str, of: &str) -> bool {
    host.len() > of.len() + 1
        && host.to_ascii_lowercase().ends_with(&of.to_ascii_lowercase())
        && host.as_bytes()[host.len() - of.len() - 1] == b'.'
}

async fn read_bounded(mut response: reqwest::Response) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.ok()? {
        if body.len() + chunk.len() > MAX_ANSWER {
            return None;
        }
        body.extend_from_slice(&chunk);
    }
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomains_are_told_from_lookalikes() {
        assert!(is_subdomain("praxis.example.org", "example.org"));
        assert!(is_subdomain("a.b.example.org", "example.org"));
        assert!(!is_subdomain("example.org", "example.org"));
        assert!(!is_subdomain("evilexample.org", "example.org"));
        assert!(!is_subdomain("example.org.evil.net", "example.org"));
    }

    #[test]
    fn activitypub_link_types_are_recognised() {
        assert!(is_activitypub_type("application/activity+json"));
        assert!(is_activitypub_type(
            r#"application/ld+json; profile="https://www.w3.org/ns/activitystreams""#
        ));
        assert!(!is_activitypub_type("text/html"));
        assert!(!is_activitypub_type("application/ld+json"));
    }
}
