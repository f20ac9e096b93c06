use std::{collections::HashMap, sync::LazyLock};

use activitypub_federation::http_signatures::{Keypair, generate_actor_keypair};
use proptest::prelude::*;

use super::*;
use crate::federation::delivery::signer::Signer;

static KEYS: LazyLock<Keypair> = LazyLock::new(|| generate_actor_keypair().unwrap());
const ACTOR: &str = "https://praxis.vidin.bg/city";
const BODY: &[u8] = br#"{"type":"Follow"}"#;

/// A request as Praxis and Mastodon sign it, with its headers by lowercase name.
struct Request {
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Request {
    fn signed_at(date: SystemTime, covered: &str) -> Request {
        let mut headers = HashMap::from([
            ("host".to_string(), "praxis.tran.bg".to_string()),
            ("date".to_string(), httpdate::fmt_http_date(date)),
            (
                "digest".to_string(),
                format!("SHA-256={}", Base64.encode(Sha256::digest(BODY))),
            ),
            (
                "content-type".to_string(),
                "application/activity+json".to_string(),
            ),
        ]);
        let text = covered
            .split(' ')
            .map(|name| match name {
                "(request-target)" => "(request-target): post /inbox".to_string(),
                other => format!("{other}: {}", headers[other]),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let signer = Signer::new(&ACTOR.parse().unwrap(), &KEYS.private_key).unwrap();
        let signature = signer.sign_string(&text).unwrap();
        headers.insert(
            "signature".to_string(),
            format!(
                r#"keyId="{ACTOR}#main-key",algorithm="rsa-sha256",headers="{covered}",signature="{signature}""#
            ),
        );
        Request {
            headers,
            body: BODY.to_vec(),
        }
    }

    fn signed() -> Request {
        Request::signed_at(
            SystemTime::now(),
            "(request-target) host date digest content-type",
        )
    }

    fn check(&self) -> Result<SignedRequest, SignatureError> {
        let header = |name: &str| self.headers.get(name).cloned();
        check(
            &RequestParts {
                method: "POST",
                scheme: "https",
                path_and_query: "/inbox",
                header: &header,
                body: &self.body,
            },
            SystemTime::now(),
        )
    }

    fn verify(&self) -> Result<(), SignatureError> {
        self.check()?
            .verify_rsa(&KEYS.public_key, &ACTOR.parse().unwrap())
    }
}

#[test]
fn a_well_signed_request_verifies() {
    let request = Request::signed();
    let signed = request.check().unwrap();
    assert_eq!(signed.key_id.as_str(), format!("{ACTOR}#main-key"));
    request.verify().unwrap();
}

#[test]
fn another_key_does_not_verify() {
    let other = generate_actor_keypair().unwrap();
    let signed = Request::signed().check().unwrap();
    let error = signed
        .verify_rsa(&other.public_key, &ACTOR.parse().unwrap())
        .unwrap_err();
    assert!(matches!(error, SignatureError::Mismatch(_)), "{error}");
}

#[test]
fn a_changed_body_or_header_does_not_verify() {
    let mut request = Request::signed();
    request.body = br#"{"type":"Delete"}"#.to_vec();
    assert!(matches!(request.check(), Err(SignatureError::Digest(_))));

    let mut request = Request::signed();
    request.headers.insert("host".into(), "praxis.sofia.bg".into());
    assert!(matches!(request.verify(), Err(SignatureError::Mismatch(_))));
}

#[test]
fn a_signature_must_cover_target_host_digest_and_a_date() {
    for (covered, missing) in [
        ("digest", "(request-target)"),
        ("(request-target) date digest", "host"),
        ("(request-target) host date", "digest"),
        ("(request-target) host digest", "date or (created)"),
    ] {
        let error = Request::signed_at(SystemTime::now(), covered)
            .check()
            .unwrap_err();
        assert_eq!(error, SignatureError::NotCovered(missing), "{covered}");
    }
}

#[test]
fn dates_too_old_too_far_ahead_or_unreadable_are_refused() {
    let hour = Duration::from_secs(3600);
    let covered = "(request-target) host date digest";
    for (date, needle) in [
        (SystemTime::now() - 13 * hour, "old"),
        (SystemTime::now() + 2 * hour, "future"),
        (SystemTime::now() + 30 * 24 * hour, "future"),
    ] {
        let error = Request::signed_at(date, covered).check().unwrap_err();
        assert!(error.to_string().contains(needle), "{error}");
    }
    // Within the allowance on either side.
    Request::signed_at(SystemTime::now() - 11 * hour, covered)
        .verify()
        .unwrap();
    Request::signed_at(SystemTime::now() + hour / 2, covered)
        .verify()
        .unwrap();

    let mut request = Request::signed();
    request.headers.insert("date".into(), "yesterday at noon".into());
    assert!(matches!(request.check(), Err(SignatureError::Time(_))));
    let mut request = Request::signed();
    request.headers.remove("date");
    assert_eq!(
        request.check().unwrap_err(),
        SignatureError::HeaderMissing("date".into())
    );
}

#[test]
fn weak_algorithms_and_unreadable_key_ids_are_refused() {
    let mut request = Request::signed();
    let header = request.headers["signature"].replace("rsa-sha256", "hmac-sha256");
    request.headers.insert("signature".into(), header);
    assert!(matches!(request.check(), Err(SignatureError::Algorithm(_))));

    let mut request = Request::signed();
    let header = request.headers["signature"].replace(&format!("{ACTOR}#main-key"), "garbage");
    request.headers.insert("signature".into(), header);
    assert_eq!(
        request.check().unwrap_err(),
        SignatureError::KeyId("garbage".into())
    );
}

#[test]
fn digests_must_name_a_known_algorithm() {
    let mut request = Request::signed();
    request.headers.insert("digest".into(), "MD5=abc".into());
    assert!(matches!(request.check(), Err(SignatureError::Digest(_))));
    let mut request = Request::signed();
    request.headers.insert(
        "digest".into(),
        format!("SHA-512={}", Base64.encode(Sha512::digest(BODY))),
    );
    // The digest is covered by the signature: another (correct) digest no longer verifies.
    assert!(request.check().is_ok());
    assert!(matches!(request.verify(), Err(SignatureError::Mismatch(_))));
}

#[test]
fn headers_are_parsed_as_senders_write_them() {
    let parsed = SignatureHeader::parse(
        r#"keyId="https://a.example/u#k", algorithm="hs2019",created=1700000000, expires="1700003600",headers="(request-target) (created) Host",signature="AAAA",extra="ignored""#,
    )
    .unwrap();
    assert_eq!(parsed.key_id, "https://a.example/u#k");
    assert_eq!(parsed.created, Some(1_700_000_000));
    assert_eq!(parsed.expires, Some(1_700_003_600));
    assert_eq!(parsed.headers, ["(request-target)", "(created)", "host"]);
    assert_eq!(parsed.signature, [0, 0, 0]);
    for bad in [
        "",
        "keyId=\"x\"",
        "signature=\"AAAA\"",
        "keyId=\"x\",signature=\"not base64!\"",
        "keyId=\"x\",keyId=\"y\",signature=\"AAAA\"",
        "keyId=\"x\" signature=\"AAAA\"",
        "keyId=\"x,signature=\"AAAA\"",
        "keyId=\"x\",created=soon,signature=\"AAAA\"",
    ] {
        assert!(SignatureHeader::parse(bad).is_err(), "{bad:?} parsed");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Whatever a peer sends as its Signature header, parsing ends with a value or an error.
    #[test]
    fn any_signature_header_parses_or_is_refused(value in ".{0,300}") {
        let _ = SignatureHeader::parse(&value);
    }

    /// Headers built from the parts senders use come back as they were given.
    #[test]
    fn well_formed_headers_round_trip(
        key_id in "https://[a-z]{1,12}\\.example/[a-z/]{0,20}#[a-z-]{1,10}",
        covered in proptest::collection::vec("[a-z-]{1,12}", 1..6),
        signature in proptest::collection::vec(any::<u8>(), 0..300),
        created in proptest::option::of(0i64..4_000_000_000),
    ) {
        let mut text = format!(r#"keyId="{key_id}",headers="{}",signature="{}""#, covered.join(" "), Base64.encode(&signature));
        if let Some(created) = created {
            text.push_str(&format!(",created={created}"));
        }
        let parsed = SignatureHeader::parse(&text).unwrap();
        prop_assert_eq!(parsed.key_id, key_id);
        prop_assert_eq!(parsed.headers, covered);
        prop_assert_eq!(parsed.signature, signature);
        prop_assert_eq!(parsed.created, created);
    }

    /// Any request with arbitrary headers is either refused or carries a key id URL: the check
    /// never panics and never accepts an unsigned request.
    #[test]
    fn arbitrary_requests_never_pass_unsigned(
        signature in proptest::option::of(".{0,200}"),
        date in proptest::option::of(".{0,40}"),
        digest in proptest::option::of(".{0,80}"),
        body in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut headers = HashMap::new();
        if let Some(s) = signature.clone() { headers.insert("signature".to_string(), s); }
        if let Some(d) = date { headers.insert("date".to_string(), d); }
        if let Some(d) = digest { headers.insert("digest".to_string(), d); }
        let header = |name: &str| headers.get(name).cloned();
        let outcome = check(&RequestParts { method: "POST", scheme: "https", path_and_query: "/inbox", header: &header, body: &body }, SystemTime::now());
        if signature.is_none() {
            prop_assert_eq!(outcome.unwrap_err(), SignatureError::Missing);
        }
    }
}
