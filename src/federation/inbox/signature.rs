//! HTTP signatures on incoming requests (draft-cavage-http-signatures-12, as Mastodon, Lemmy,
//! Misskey and GoToSocial sign; RFC 9421 in [`rfc9421`], as fedify signs first), and the
//! signature policy of `docs/FEDERATION.md`:
//!
//! - the signature covers `(request-target)`, `host`, `digest` (when there is a body) and `date`
//!   or `(created)`;
//! - the `Date` (or `(created)`) is at most [`MAX_AGE`] old and at most [`MAX_AHEAD`] ahead, and
//!   an `(expires)` has not passed;
//! - the `Digest` names SHA-256 or SHA-512 and matches the body;
//! - the algorithm is RSA with SHA-256 (`rsa-sha256`, or `hs2019` / none with an RSA key), or
//!   Ed25519 with the actor's `Multikey` (RFC 9421 only: draft-cavage has no name for it).
//!
//! Everything here is checked without a lookup: a request whose header breaks these rules is
//! refused before Praxis reads its database or fetches anything.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::{Engine, engine::general_purpose::STANDARD as Base64};
use ring::signature::{ED25519, UnparsedPublicKey};
use rsa::{Pkcs1v15Sign, RsaPublicKey, pkcs1::DecodeRsaPublicKey, pkcs8::DecodePublicKey};
use sha2::{Digest, Sha256, Sha512};
use url::Url;

/// Oldest `Date` accepted: deliveries retried from a queue may lag, replays beyond this may not.
pub const MAX_AGE: Duration = Duration::from_secs(12 * 60 * 60);
/// Furthest a `Date` may be ahead of this clock.
pub const MAX_AHEAD: Duration = Duration::from_secs(60 * 60);
/// Longest `Signature` header read; real ones are about 600 bytes.
const MAX_HEADER_LEN: usize = 8 * 1024;

/// Why a request's signature is not acceptable. The text is the answer's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the request is not signed: an HTTP Signature header is required")]
    Missing,
    #[error("the Signature header cannot be read: {0}")]
    Malformed(String),
    #[error(
        "the signature algorithm `{0}` is not supported; sign with rsa-sha256 or hs2019 (draft-cavage), or rsa-v1_5-sha256 or ed25519 (RFC 9421)"
    )]
    Algorithm(String),
    #[error(
        "the signature does not cover {0}; it must cover (request-target), host, digest and date or (created)"
    )]
    NotCovered(&'static str),
    /// Something an RFC 9421 signature must cover is missing; the second part is the rule.
    #[error("the signature does not cover {0}; {1}")]
    NotCoveredBy(&'static str, &'static str),
    #[error("the key `{0}` is {1}, but the signature says it was made with {2}")]
    KeyAlgorithm(Url, &'static str, &'static str),
    #[error("the signed header `{0}` is missing from the request")]
    HeaderMissing(String),
    #[error("{0}")]
    Time(String),
    #[error("{0}")]
    Digest(String),
    #[error("the keyId `{0}` is not a URL")]
    KeyId(String),
    #[error("the public key of the signer cannot be read")]
    Key,
    #[error("the signature does not verify with the public key of {0}")]
    Mismatch(Url),
}

/// The parameters of a `Signature` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    pub key_id: String,
    pub algorithm: Option<String>,
    /// The covered headers, lowercase, in signing order.
    pub headers: Vec<String>,
    pub signature: Vec<u8>,
    pub created: Option<i64>,
    pub expires: Option<i64>,
}

impl SignatureHeader {
    /// Reads `keyId="…",algorithm="…",headers="…",signature="…"` (and `created`, `expires`).
    pub fn parse(value: &str) -> Result<SignatureHeader, SignatureError> {
        if value.len() > MAX_HEADER_LEN {
            return Err(SignatureError::Malformed(format!(
                "it is longer than {MAX_HEADER_LEN} bytes"
            )));
        }
        let malformed = |what: String| SignatureError::Malformed(what);
        let mut key_id = None;
        let mut algorithm = None;
        let mut headers = None;
        let mut signature = None;
        let mut created = None;
        let mut expires = None;
        let mut rest = value.trim();
        // Some senders prefix the parameters with the scheme, as in `Authorization`.
        if let Some(stripped) = rest.strip_prefix("Signature ") {
            rest = stripped.trim_start();
        }
        while !rest.is_empty() {
            let mut ignored = None;
            let (name, after) = rest
                .split_once('=')
                .ok_or_else(|| malformed(format!("expected name=value, found `{}`", shorten(rest))))?;
            let name = name.trim().to_ascii_lowercase();
            let after = after.trim_start();
            let (value, remainder) = if let Some(quoted) = after.strip_prefix('"') {
                let end = quoted
                    .find('"')
                    .ok_or_else(|| malformed(format!("the value of `{name}` has no closing quote")))?;
                (&quoted[..end], &quoted[end + 1..])
            } else {
                let end = after.find(',').unwrap_or(after.len());
                (after[..end].trim(), &after[end..])
            };
            let slot = match name.as_str() {
                "keyid" => &mut key_id,
                "algorithm" => &mut algorithm,
                "headers" => &mut headers,
                "signature" => &mut signature,
                "created" => &mut created,
                "expires" => &mut expires,
                // Unknown parameters are ignored, as the draft asks.
                _ => &mut ignored,
            };
            if slot.is_some() {
                return Err(malformed(format!("`{name}` is given twice")));
            }
            *slot = Some(value.to_string());
            let remainder = remainder.trim_start();
            rest = match remainder.strip_prefix(',') {
                Some(next) => next.trim_start(),
                None if remainder.is_empty() => remainder,
                None => {
                    return Err(malformed(format!(
                        "expected a comma after `{name}`, found `{}`",
                        shorten(remainder)
                    )));
                }
            };
        }
        let key_id = key_id.ok_or_else(|| malformed("it has no keyId".into()))?;
        let signature = signature.ok_or_else(|| malformed("it has no signature".into()))?;
        let signature = Base64
            .decode(signature.trim())
            .map_err(|_| malformed("the signature is not base64".into()))?;
        let timestamp = |name: &str, value: Option<String>| -> Result<Option<i64>, SignatureError> {
            value
                .map(|v| {
                    v.parse::<i64>()
                        .map_err(|_| malformed(format!("`{name}` is not a Unix time")))
                })
                .transpose()
        };
        Ok(SignatureHeader {
            key_id,
            algorithm,
            // Without `headers`, the draft says only `(created)` is signed.
            headers: headers
                .map(|h| h.split_whitespace().map(str::to_ascii_lowercase).collect())
                .unwrap_or_else(|| vec!["(created)".to_string()]),
            signature,
            created: timestamp("created", created)?,
            expires: timestamp("expires", expires)?,
        })
    }
}

fn shorten(text: &str) -> String {
    text.chars().take(40).collect()
}

/// What a request looks like to the signature check.
pub struct RequestParts<'a> {
    /// `POST`, `GET`, ... as received.
    pub method: &'a str,
    /// `https` or `http`: how the request reached this city, for RFC 9421's `@target-uri`.
    pub scheme: &'a str,
    pub path_and_query: &'a str,
    /// The value of a header by lowercase name (several values joined with `, `).
    pub header: &'a dyn Fn(&str) -> Option<String>,
    pub body: &'a [u8],
}

/// The algorithm a signature names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    RsaSha256,
    Ed25519,
    /// None named (or `hs2019`): the algorithm of the key `keyId` names.
    OfTheKey,
}

/// A request whose signature header passed every check that needs no key.
#[derive(Debug, Clone)]
pub struct SignedRequest {
    pub key_id: Url,
    pub algorithm: Algorithm,
    /// What was signed: the draft-cavage signing string, or the RFC 9421 signature base.
    message: Vec<u8>,
    signature: Vec<u8>,
}

/// Checks the signature of a request against the policy, before any key is looked up: an RFC
/// 9421 signature when the request has `Signature-Input`, a draft-cavage one otherwise.
pub fn check(request: &RequestParts<'_>, now: SystemTime) -> Result<SignedRequest, SignatureError> {
    let value = (request.header)("signature").ok_or(SignatureError::Missing)?;
    if let Some(input) = (request.header)("signature-input") {
        return rfc9421::check(request, now, &input, &value);
    }
    let parsed = SignatureHeader::parse(&value)?;
    let algorithm = match parsed
        .algorithm
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("rsa-sha256") => Algorithm::RsaSha256,
        None | Some("hs2019") => Algorithm::OfTheKey,
        Some(_) => {
            return Err(SignatureError::Algorithm(
                parsed.algorithm.clone().unwrap_or_default(),
            ));
        }
    };
    let covers = |name: &str| parsed.headers.iter().any(|h| h == name);
    if !covers("(request-target)") {
        return Err(SignatureError::NotCovered("(request-target)"));
    }
    if !covers("host") {
        return Err(SignatureError::NotCovered("host"));
    }
    if !request.body.is_empty() && !covers("digest") {
        return Err(SignatureError::NotCovered("digest"));
    }
    if !covers("date") && !covers("(created)") {
        return Err(SignatureError::NotCovered("date or (created)"));
    }
    let now_secs = unix(now);
    if covers("date") {
        check_date_header(request, now_secs)?;
    }
    if covers("(created)") {
        let created = parsed
            .created
            .ok_or_else(|| SignatureError::Malformed("(created) is signed but has no value".into()))?;
        check_time("(created)", created, now_secs)?;
    }
    check_expires(parsed.expires, now_secs)?;
    if covers("digest") || !request.body.is_empty() {
        let digest =
            (request.header)("digest").ok_or_else(|| SignatureError::HeaderMissing("digest".into()))?;
        check_digest(&digest, request.body)?;
    }
    let key_id = Url::parse(&parsed.key_id).map_err(|_| SignatureError::KeyId(shorten(&parsed.key_id)))?;
    let signing_string = signing_string(request, &parsed)?;
    Ok(SignedRequest {
        key_id,
        algorithm,
        message: signing_string.into_bytes(),
        signature: parsed.signature,
    })
}

fn unix(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

fn check_time(what: &str, at: i64, now: i64) -> Result<(), SignatureError> {
    if at < now - MAX_AGE.as_secs() as i64 {
        return Err(SignatureError::Time(format!(
            "the {what} of the signature is more than {} hours old",
            MAX_AGE.as_secs() / 3600
        )));
    }
    if at > now + MAX_AHEAD.as_secs() as i64 {
        return Err(SignatureError::Time(format!(
            "the {what} of the signature is more than {} minutes in the future",
            MAX_AHEAD.as_secs() / 60
        )));
    }
    Ok(())
}

/// Checks the `Date` header, which the signature covers, against the policy.
fn check_date_header(request: &RequestParts<'_>, now_secs: i64) -> Result<(), SignatureError> {
    let date = (request.header)("date").ok_or_else(|| SignatureError::HeaderMissing("date".into()))?;
    let at = httpdate::parse_http_date(&date).map_err(|_| {
        SignatureError::Time(format!(
            "the Date header `{}` is not an HTTP date",
            shorten(&date)
        ))
    })?;
    check_time("Date", unix(at), now_secs)
}

/// Refuses a signature whose `expires` has passed.
fn check_expires(expires: Option<i64>, now_secs: i64) -> Result<(), SignatureError> {
    match expires {
        Some(expires) if expires < now_secs => Err(SignatureError::Time(format!(
            "the signature expired {} seconds ago",
            now_secs - expires
        ))),
        _ => Ok(()),
    }
}

/// Checks digests of the body, by algorithm name (`None` when a value cannot be read), as the
/// header `header` gave them (`what` names them in messages): at least one must be SHA-256 or
/// SHA-512, and every such one must match.
fn check_body_digests<'a>(
    header: &str,
    what: &str,
    entries: impl IntoIterator<Item = (&'a str, Option<Vec<u8>>)>,
    body: &[u8],
) -> Result<(), SignatureError> {
    let mut known = 0;
    for (algorithm, given) in entries {
        let expected = match algorithm.to_ascii_lowercase().as_str() {
            "sha-256" => Sha256::digest(body).to_vec(),
            "sha-512" => Sha512::digest(body).to_vec(),
            _ => continue,
        };
        known += 1;
        if given.as_deref() != Some(expected.as_slice()) {
            return Err(SignatureError::Digest(format!(
                "the {algorithm} {what} does not match the body"
            )));
        }
    }
    if known == 0 {
        return Err(SignatureError::Digest(format!(
            "the {header} header names no supported algorithm (SHA-256 or SHA-512)"
        )));
    }
    Ok(())
}

/// Checks a draft-cavage `Digest` (`SHA-256=…, SHA-512=…`, base64) against the body.
fn check_digest(header: &str, body: &[u8]) -> Result<(), SignatureError> {
    let mut entries = Vec::new();
    for entry in header.split(',') {
        let Some((algorithm, value)) = entry.trim().split_once('=') else {
            return Err(SignatureError::Digest(format!(
                "the Digest header `{}` is not algorithm=value",
                shorten(header)
            )));
        };
        entries.push((algorithm.trim(), Base64.decode(value.trim()).ok()));
    }
    check_body_digests("Digest", "digest", entries, body)
}

fn signing_string(request: &RequestParts<'_>, parsed: &SignatureHeader) -> Result<String, SignatureError> {
    let mut lines = Vec::with_capacity(parsed.headers.len());
    for name in &parsed.headers {
        let value = match name.as_str() {
            "(request-target)" => format!(
                "{} {}",
                request.method.to_ascii_lowercase(),
                request.path_and_query
            ),
            "(created)" => parsed
                .created
                .ok_or_else(|| SignatureError::Malformed("(created) is signed but has no value".into()))?
                .to_string(),
            "(expires)" => parsed
                .expires
                .ok_or_else(|| SignatureError::Malformed("(expires) is signed but has no value".into()))?
                .to_string(),
            header => {
                (request.header)(header).ok_or_else(|| SignatureError::HeaderMissing(header.to_string()))?
            }
        };
        lines.push(format!("{name}: {value}"));
    }
    Ok(lines.join("\n"))
}

impl SignedRequest {
    /// Verifies the signature with the signer's RSA public key (PEM, SPKI or PKCS#1).
    pub fn verify_rsa(&self, public_key_pem: &str, owner: &Url) -> Result<(), SignatureError> {
        if self.algorithm == Algorithm::Ed25519 {
            return Err(SignatureError::KeyAlgorithm(
                self.key_id.clone(),
                "an RSA key",
                "ed25519",
            ));
        }
        let key = RsaPublicKey::from_public_key_pem(public_key_pem)
            .or_else(|_| RsaPublicKey::from_pkcs1_pem(public_key_pem))
            .map_err(|_| SignatureError::Key)?;
        key.verify(
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(&self.message),
            &self.signature,
        )
        .map_err(|_| SignatureError::Mismatch(owner.clone()))
    }

    /// Verifies the signature with the signer's Ed25519 public key.
    pub fn verify_ed25519(&self, public_key: &[u8; 32], owner: &Url) -> Result<(), SignatureError> {
        if self.algorithm == Algorithm::RsaSha256 {
            return Err(SignatureError::KeyAlgorithm(
                self.key_id.clone(),
                "an Ed25519 key",
                "RSA",
            ));
        }
        UnparsedPublicKey::new(&ED25519, public_key)
            .verify(&self.message, &self.signature)
            .map_err(|_| SignatureError::Mismatch(owner.clone()))
    }
}

mod rfc9421;
#[cfg(test)]
mod tests;
