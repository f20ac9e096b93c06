use std::{
    collections::HashMap,
    sync::LazyLock,
    time::{Duration, UNIX_EPOCH},
};

use activitypub_federation::http_signatures::{Keypair, generate_actor_keypair};
use base64::{Engine, engine::general_purpose::STANDARD as Base64};
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use sha2::{Digest, Sha256};

use super::*;
use crate::federation::{delivery::signer::Signer, inbox::signature::check as check_any};

static RSA_KEYS: LazyLock<Keypair> = LazyLock::new(|| generate_actor_keypair().unwrap());
const ACTOR: &str = "https://bonn.example/actor";
const BODY: &[u8] = br#"{"type":"Follow"}"#;

/// A request with headers by lowercase name, to the path and query `target`.
struct Request {
    method: &'static str,
    target: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Request {
    fn check_at(&self, now: SystemTime) -> Result<SignedRequest, SignatureError> {
        let header = |name: &str| self.headers.get(name).cloned();
        check_any(
            &RequestParts {
                method: self.method,
                scheme: "https",
                path_and_query: &self.target,
                header: &header,
                body: &self.body,
            },
            now,
        )
    }

    fn check(&self) -> Result<SignedRequest, SignatureError> {
        self.check_at(SystemTime::now())
    }
}

enum Key {
    Rsa,
    Ed25519(&'static Ed25519KeyPair),
}

static ED25519: LazyLock<Ed25519KeyPair> =
    LazyLock::new(|| Ed25519KeyPair::from_seed_unchecked(&[42u8; 32]).unwrap());

fn ed25519_public() -> [u8; 32] {
    ED25519.public_key().as_ref().try_into().unwrap()
}

/// A POST of [`BODY`] to `https://praxis.vidin.bg/inbox`, signed as fedify signs: the signature
/// base written out here by hand, so that the code under test does not check itself.
fn signed(components: &[&str], params: &str, key: Key) -> Request {
    let mut headers = HashMap::from([
        ("host".to_string(), "praxis.vidin.bg".to_string()),
        ("date".to_string(), httpdate::fmt_http_date(SystemTime::now())),
        (
            "content-digest".to_string(),
            format!("sha-256=:{}:", Base64.encode(Sha256::digest(BODY))),
        ),
        (
            "content-type".to_string(),
            "application/activity+json".to_string(),
        ),
    ]);
    let value = |name: &str| match name {
        "@method" => "POST".to_string(),
        "@target-uri" => "https://praxis.vidin.bg/inbox".to_string(),
        "@authority" => "praxis.vidin.bg".to_string(),
        "@path" | "@request-target" => "/inbox".to_string(),
        header => headers[header].clone(),
    };
    let list = components
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(" ");
    let signature_params = format!("({list}){params}");
    let mut base: String = components
        .iter()
        .map(|c| format!("\"{c}\": {}\n", value(c)))
        .collect();
    base.push_str(&format!("\"@signature-params\": {signature_params}"));
    let signature = match key {
        Key::Rsa => {
            let signer = Signer::new(&ACTOR.parse().unwrap(), &RSA_KEYS.private_key).unwrap();
            signer.sign_string(&base).unwrap()
        }
        Key::Ed25519(pair) => Base64.encode(pair.sign(base.as_bytes())),
    };
    headers.insert("signature-input".into(), format!("sig1={signature_params}"));
    headers.insert("signature".into(), format!("sig1=:{signature}:"));
    Request {
        method: "POST",
        target: "/inbox".into(),
        headers,
        body: BODY.to_vec(),
    }
}

fn now() -> i64 {
    unix(SystemTime::now())
}

const FEDIFY: [&str; 4] = ["@method", "@target-uri", "@authority", "content-digest"];

#[test]
fn an_rsa_signature_as_fedify_makes_it_verifies() {
    let params = format!(
        r#";alg="rsa-v1_5-sha256";keyid="{ACTOR}#main-key";created={}"#,
        now()
    );
    let signed = signed(&FEDIFY, &params, Key::Rsa).check().unwrap();
    assert_eq!(signed.key_id.as_str(), format!("{ACTOR}#main-key"));
    assert_eq!(signed.algorithm, Algorithm::RsaSha256);
    signed
        .verify_rsa(&RSA_KEYS.public_key, &ACTOR.parse().unwrap())
        .unwrap();
    // The same signature does not verify with another key, nor as an Ed25519 one.
    let other = generate_actor_keypair().unwrap();
    assert!(matches!(
        signed.verify_rsa(&other.public_key, &ACTOR.parse().unwrap()),
        Err(SignatureError::Mismatch(_))
    ));
    assert!(matches!(
        signed.verify_ed25519(&ed25519_public(), &ACTOR.parse().unwrap()),
        Err(SignatureError::KeyAlgorithm(..))
    ));
}

#[test]
fn an_ed25519_signature_verifies_with_the_multikey_and_only_with_it() {
    let params = format!(r#";created={};keyid="{ACTOR}#ed25519-key";alg="ed25519""#, now());
    let components = ["@method", "@path", "@authority", "content-digest", "date"];
    let signed = signed(&components, &params, Key::Ed25519(&ED25519))
        .check()
        .unwrap();
    assert_eq!(signed.algorithm, Algorithm::Ed25519);
    signed
        .verify_ed25519(&ed25519_public(), &ACTOR.parse().unwrap())
        .unwrap();
    assert!(matches!(
        signed.verify_ed25519(&[1u8; 32], &ACTOR.parse().unwrap()),
        Err(SignatureError::Mismatch(_))
    ));
    assert!(matches!(
        signed.verify_rsa(&RSA_KEYS.public_key, &ACTOR.parse().unwrap()),
        Err(SignatureError::KeyAlgorithm(..))
    ));
}

#[test]
fn a_changed_body_target_or_header_does_not_verify() {
    let params = format!(r#";keyid="{ACTOR}#main-key";created={}"#, now());
    let mut request = signed(&FEDIFY, &params, Key::Rsa);
    request.body = br#"{"type":"Delete"}"#.to_vec();
    let error = request.check().unwrap_err();
    assert!(matches!(error, SignatureError::Digest(_)), "{error}");

    for (name, value) in [("host", "praxis.sofia.bg"), ("content-digest", "")] {
        let mut request = signed(&FEDIFY, &params, Key::Rsa);
        let tampered = if value.is_empty() {
            // A digest of another body that the signature did not cover.
            request.body = b"{}".to_vec();
            format!("sha-256=:{}:", Base64.encode(Sha256::digest(b"{}")))
        } else {
            value.to_string()
        };
        request.headers.insert(name.into(), tampered);
        let signed = request.check().unwrap();
        assert!(
            matches!(
                signed.verify_rsa(&RSA_KEYS.public_key, &ACTOR.parse().unwrap()),
                Err(SignatureError::Mismatch(_))
            ),
            "a changed {name} verifies"
        );
    }
    let mut request = signed(&FEDIFY, &params, Key::Rsa);
    request.target = "/c/roma-housing/inbox".into();
    let signed = request.check().unwrap();
    assert!(matches!(
        signed.verify_rsa(&RSA_KEYS.public_key, &ACTOR.parse().unwrap()),
        Err(SignatureError::Mismatch(_))
    ));
}

#[test]
fn coverage_is_that_of_draft_cavage() {
    let params = format!(r#";keyid="{ACTOR}#main-key";created={}"#, now());
    let refusals = [
        (vec!["@target-uri", "@authority", "content-digest"], "@method"),
        (vec!["@method", "@authority", "content-digest"], "the target"),
        (vec!["@method", "@path", "content-digest"], "the authority"),
        (vec!["@method", "@target-uri", "content-type"], "content-digest"),
    ];
    for (components, missing) in refusals {
        let error = signed(&components, &params, Key::Rsa).check().unwrap_err();
        assert!(
            matches!(error, SignatureError::NotCoveredBy(m, _) if m == missing),
            "{components:?}: {error}"
        );
        assert!(error.to_string().contains("must cover @method"), "{error}");
    }
    // Without `created`, the Date header must be covered.
    let no_time = format!(r#";keyid="{ACTOR}#main-key""#);
    let error = signed(&FEDIFY, &no_time, Key::Rsa).check().unwrap_err();
    assert!(
        matches!(error, SignatureError::NotCoveredBy("a creation time", _)),
        "{error}"
    );
    let mut with_date = FEDIFY.to_vec();
    with_date.push("date");
    signed(&with_date, &no_time, Key::Rsa).check().unwrap();

    // `@path` covers the target only when there is no query to change.
    let mut request = signed(
        &["@method", "@path", "@authority", "content-digest"],
        &params,
        Key::Rsa,
    );
    request.target = "/inbox?page=2".into();
    let error = request.check().unwrap_err();
    assert!(
        matches!(error, SignatureError::NotCoveredBy("the target", _)),
        "{error}"
    );
}

#[test]
fn freshness_is_that_of_draft_cavage() {
    let created = |offset: i64| format!(r#";keyid="{ACTOR}#main-key";created={}"#, now() + offset);
    let stale = signed(&FEDIFY, &created(-13 * 3600), Key::Rsa)
        .check()
        .unwrap_err();
    assert!(matches!(stale, SignatureError::Time(_)), "{stale}");
    let ahead = signed(&FEDIFY, &created(2 * 3600), Key::Rsa).check().unwrap_err();
    assert!(matches!(ahead, SignatureError::Time(_)), "{ahead}");
    let expired = format!(
        r#";keyid="{ACTOR}#main-key";created={};expires={}"#,
        now() - 120,
        now() - 60
    );
    let error = signed(&FEDIFY, &expired, Key::Rsa).check().unwrap_err();
    assert!(error.to_string().contains("expired"), "{error}");
    signed(&FEDIFY, &created(-3600), Key::Rsa).check().unwrap();
}

#[test]
fn unknown_algorithms_and_unreadable_headers_are_refused_with_a_reason() {
    let params = format!(r#";keyid="{ACTOR}#main-key";created={};alg="hmac-sha256""#, now());
    let error = signed(&FEDIFY, &params, Key::Rsa).check().unwrap_err();
    assert_eq!(error, SignatureError::Algorithm("hmac-sha256".into()));

    let params = format!(r#";keyid="{ACTOR}#main-key";created={}"#, now());
    let cases: [(&str, &str, &str); 4] = [
        ("signature-input", "sig1=(\"@method\"", "structured dictionary"),
        ("signature", "sig2=:AAAA:", "no signature named"),
        ("content-digest", "md5=:AAAA:", "no supported algorithm"),
        (
            "signature-input",
            "sig1=(\"@method\";req \"@target-uri\" \"@authority\" \"content-digest\");created=1",
            "parameters",
        ),
    ];
    for (header, value, expected) in cases {
        let mut request = signed(&FEDIFY, &params, Key::Rsa);
        request.headers.insert(header.into(), value.into());
        let error = request.check().unwrap_err();
        assert!(error.to_string().contains(expected), "{header}: {value}: {error}");
    }
    let no_key = format!(";created={}", now());
    let error = signed(&FEDIFY, &no_key, Key::Rsa).check().unwrap_err();
    assert!(error.to_string().contains("keyid"), "{error}");
}

/// RFC 9421 appendix B.2.6: the Ed25519 signature of the specification's example request,
/// verified with the key of appendix B.1.4. The base is rebuilt from the parsed headers.
#[test]
fn the_rfc_example_ed25519_signature_verifies() {
    let spki = Base64
        .decode("MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=")
        .unwrap();
    let public: [u8; 32] = spki[12..].try_into().unwrap();
    let headers = HashMap::from([
        ("host", "example.com"),
        ("date", "Tue, 20 Apr 2021 02:07:55 GMT"),
        ("content-type", "application/json"),
        ("content-length", "18"),
        (
            "signature-input",
            r#"sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519""#,
        ),
        (
            "signature",
            "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:",
        ),
    ]);
    let header = |name: &str| headers.get(name).map(|v| v.to_string());
    let body = br#"{"hello": "world"}"#;
    let parts = RequestParts {
        method: "POST",
        scheme: "https",
        path_and_query: "/foo?param=Value&Pet=dog",
        header: &header,
        body,
    };
    let labelled = select(headers["signature-input"], headers["signature"]).unwrap();
    let base = signature_base(&parts, &labelled).unwrap();
    assert!(
        UnparsedPublicKey::new(&ring::signature::ED25519, &public)
            .verify(&base, &labelled.signature)
            .is_ok(),
        "the RFC's signature does not verify over\n{}",
        String::from_utf8_lossy(&base)
    );
    // As a request to Praxis it is refused all the same: the signature covers neither the
    // query nor the body, so both could be replaced.
    let at = UNIX_EPOCH + Duration::from_secs(1_618_884_480);
    let error = check_any(&parts, at).unwrap_err();
    assert!(
        matches!(error, SignatureError::NotCoveredBy("the target", _)),
        "{error}"
    );
}
