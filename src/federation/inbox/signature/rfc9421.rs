//! RFC 9421 HTTP Message Signatures on incoming requests, as fedify, Ghost and WordPress sign
//! first (and Mastodon from 4.7): a `Signature-Input` dictionary naming the covered components
//! and parameters, and a `Signature` dictionary with the signature under the same label.
//!
//! The policy is the draft-cavage one, in RFC 9421's terms: the signature covers `@method`, the
//! target (`@target-uri`, `@request-target`, or `@path` with `@query` when there is one), the
//! authority (`@authority` or `host`, or `@target-uri`), `content-digest` (RFC 9530) when there
//! is a body, and has a `created` parameter (or covers `date`) no older than [`MAX_AGE`] and no
//! further ahead than [`MAX_AHEAD`]; an `expires` has not passed.

use std::time::SystemTime;

use sfv::{BareItem, Dictionary, FieldType, InnerList, ListEntry, Parser};

use super::{
    Algorithm, MAX_HEADER_LEN, RequestParts, SignatureError, SignedRequest, check_body_digests,
    check_date_header, check_digest, check_expires, check_time, shorten, unix,
};
use url::Url;

#[cfg(doc)]
use super::{MAX_AGE, MAX_AHEAD};

/// What the policy asks an RFC 9421 signature to cover, for the refusal's message.
const RULE: &str = "an RFC 9421 signature must cover @method, @target-uri (or @request-target, or @path and @query), \
                    @authority (or host), and content-digest when there is a body, with a created parameter (or date)";

/// One signature of a request: its covered components and parameters, and its bytes.
struct Labelled {
    components: Vec<String>,
    inner: InnerList,
    signature: Vec<u8>,
}

/// Checks the signature of a request that carries `Signature-Input`, before any key is looked up.
pub(super) fn check(
    request: &RequestParts<'_>,
    now: SystemTime,
    input: &str,
    signatures: &str,
) -> Result<SignedRequest, SignatureError> {
    let labelled = select(input, signatures)?;
    let params = &labelled.inner.params;
    let string_param = |name: &str| -> Result<Option<String>, SignatureError> {
        match params.get(name) {
            None => Ok(None),
            Some(BareItem::String(value)) => Ok(Some(value.as_str().to_string())),
            Some(_) => Err(SignatureError::Malformed(format!(
                "the `{name}` parameter of the signature is not a string"
            ))),
        }
    };
    let time_param = |name: &str| -> Result<Option<i64>, SignatureError> {
        match params.get(name) {
            None => Ok(None),
            Some(BareItem::Integer(value)) => Ok(Some(i64::from(*value))),
            Some(_) => Err(SignatureError::Malformed(format!(
                "the `{name}` parameter of the signature is not a Unix time"
            ))),
        }
    };
    let key_id = string_param("keyid")?
        .ok_or_else(|| SignatureError::Malformed("the signature has no keyid parameter".into()))?;
    let algorithm = match string_param("alg")?.as_deref() {
        None => Algorithm::OfTheKey,
        Some("rsa-v1_5-sha256") => Algorithm::RsaSha256,
        Some("ed25519") => Algorithm::Ed25519,
        Some(other) => return Err(SignatureError::Algorithm(other.to_string())),
    };
    let created = time_param("created")?;
    let expires = time_param("expires")?;

    let covers = |name: &str| labelled.components.iter().any(|c| c == name);
    let (_, query) = split_target(request.path_and_query);
    if !covers("@method") {
        return Err(SignatureError::NotCoveredBy("@method", RULE));
    }
    let covers_target = covers("@target-uri")
        || covers("@request-target")
        || (covers("@path") && (query.is_none() || covers("@query")));
    if !covers_target {
        return Err(SignatureError::NotCoveredBy("the target", RULE));
    }
    if !(covers("@authority") || covers("@target-uri") || covers("host")) {
        return Err(SignatureError::NotCoveredBy("the authority", RULE));
    }
    if !request.body.is_empty() && !covers("content-digest") && !covers("digest") {
        return Err(SignatureError::NotCoveredBy("content-digest", RULE));
    }
    if created.is_none() && !covers("date") {
        return Err(SignatureError::NotCoveredBy("a creation time", RULE));
    }

    let now_secs = unix(now);
    if let Some(created) = created {
        check_time("created time", created, now_secs)?;
    }
    if covers("date") {
        check_date_header(request, now_secs)?;
    }
    check_expires(expires, now_secs)?;
    if covers("content-digest") || !request.body.is_empty() {
        match (request.header)("content-digest") {
            Some(digest) => check_content_digest(&digest, request.body)?,
            // A body covered by the legacy `Digest` instead.
            None if covers("digest") => {}
            None => return Err(SignatureError::HeaderMissing("content-digest".into())),
        }
    }
    if covers("digest") {
        let digest =
            (request.header)("digest").ok_or_else(|| SignatureError::HeaderMissing("digest".into()))?;
        check_digest(&digest, request.body)?;
    }

    let key_id = Url::parse(&key_id).map_err(|_| SignatureError::KeyId(shorten(&key_id)))?;
    let message = signature_base(request, &labelled)?;
    Ok(SignedRequest {
        key_id,
        algorithm,
        message,
        signature: labelled.signature,
    })
}

/// The signature base (RFC 9421 section 2.5): each covered component's value, then the
/// signature parameters as the signer serialized them.
fn signature_base(request: &RequestParts<'_>, labelled: &Labelled) -> Result<Vec<u8>, SignatureError> {
    let (path, query) = split_target(request.path_and_query);
    let mut base = String::new();
    for component in &labelled.components {
        let value = match component.as_str() {
            "@method" => request.method.to_string(),
            "@target-uri" => format!(
                "{}://{}{}",
                request.scheme,
                authority(request)?,
                request.path_and_query
            ),
            "@authority" => authority(request)?,
            "@scheme" => request.scheme.to_ascii_lowercase(),
            "@request-target" => request.path_and_query.to_string(),
            "@path" => path.to_string(),
            "@query" => format!("?{}", query.unwrap_or("")),
            derived if derived.starts_with('@') => {
                return Err(SignatureError::Malformed(format!(
                    "the component `{derived}` cannot be verified on a request"
                )));
            }
            field => {
                (request.header)(field).ok_or_else(|| SignatureError::HeaderMissing(field.to_string()))?
            }
        };
        base.push_str(&format!("\"{component}\": {value}\n"));
    }
    let params = vec![ListEntry::InnerList(labelled.inner.clone())]
        .serialize()
        .ok_or_else(|| SignatureError::Malformed("the signature parameters cannot be serialized".into()))?;
    base.push_str(&format!("\"@signature-params\": {params}"));
    Ok(base.into_bytes())
}

/// The first signature of `Signature-Input` that `Signature` has bytes for.
fn select(input: &str, signatures: &str) -> Result<Labelled, SignatureError> {
    for (name, value) in [("Signature-Input", input), ("Signature", signatures)] {
        if value.len() > MAX_HEADER_LEN {
            return Err(SignatureError::Malformed(format!(
                "the {name} header is longer than {MAX_HEADER_LEN} bytes"
            )));
        }
    }
    let parse = |name: &str, value: &str| {
        Parser::new(value).parse::<Dictionary>().map_err(|e| {
            SignatureError::Malformed(format!("the {name} header is not a structured dictionary: {e}"))
        })
    };
    let inputs = parse("Signature-Input", input)?;
    let signatures = parse("Signature", signatures)?;
    for (label, entry) in &inputs {
        let ListEntry::InnerList(inner) = entry else {
            continue;
        };
        let Some(ListEntry::Item(item)) = signatures.get(label) else {
            continue;
        };
        let Some(signature) = item.bare_item.as_byte_sequence() else {
            continue;
        };
        let mut components: Vec<String> = Vec::with_capacity(inner.items.len());
        for item in &inner.items {
            let Some(name) = item.bare_item.as_string() else {
                return Err(SignatureError::Malformed(format!(
                    "a covered component of `{}` is not a string",
                    label.as_str()
                )));
            };
            let name = name.as_str();
            if !item.params.is_empty() {
                return Err(SignatureError::Malformed(format!(
                    "the component `{name}` has parameters, which Praxis does not verify"
                )));
            }
            if name != name.to_ascii_lowercase() || components.iter().any(|c| c == name) {
                return Err(SignatureError::Malformed(format!(
                    "the component `{name}` is not lowercase or is covered twice"
                )));
            }
            components.push(name.to_string());
        }
        return Ok(Labelled {
            components,
            inner: inner.clone(),
            signature: signature.to_vec(),
        });
    }
    Err(SignatureError::Malformed(
        "no signature named in Signature-Input has its bytes in Signature".into(),
    ))
}

fn authority(request: &RequestParts<'_>) -> Result<String, SignatureError> {
    (request.header)("host")
        .map(|host| host.to_ascii_lowercase())
        .ok_or_else(|| SignatureError::HeaderMissing("host".into()))
}

/// The path (at least `/`) and the query, if any, of a request target.
fn split_target(path_and_query: &str) -> (&str, Option<&str>) {
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    (if path.is_empty() { "/" } else { path }, query)
}

/// Checks an RFC 9530 `Content-Digest` (`sha-256=:…:, sha-512=:…:`) against the body; at least
/// one entry must name an algorithm Praxis knows, and every such entry must match.
fn check_content_digest(header: &str, body: &[u8]) -> Result<(), SignatureError> {
    let entries = Parser::new(header).parse::<Dictionary>().map_err(|_| {
        SignatureError::Digest(format!(
            "the Content-Digest header `{}` is not a structured dictionary",
            shorten(header)
        ))
    })?;
    let digests = entries.iter().map(|(algorithm, entry)| {
        let given = match entry {
            ListEntry::Item(item) => item.bare_item.as_byte_sequence().map(<[u8]>::to_vec),
            ListEntry::InnerList(_) => None,
        };
        (algorithm.as_str(), given)
    });
    check_body_digests("Content-Digest", "content digest", digests, body)
}

#[cfg(test)]
mod tests;
