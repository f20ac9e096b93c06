//! RFC 9421 HTTP Message Signatures from software written by others: pyauth's
//! http-message-signatures (tests/tools/rfc9421-sign.py, pinned from PyPI) signs a peer's
//! requests as fedify does, with its RSA key and with the Ed25519 key its actor publishes as a
//! `Multikey`; the peer's actor is served from loopback by tests/common/attacker.rs. The city
//! accepts them on its inbox and on signed fetches, and refuses what the signature does not hold.

mod common;

use std::{path::PathBuf, process::Command};

use base64::{Engine, engine::general_purpose::STANDARD as Base64};
use common::{Backend, TestCity, attacker::Attacker, m4r_practice, pasture, wait_until};
use ring::{
    rand::{SecureRandom, SystemRandom},
    signature::{Ed25519KeyPair, KeyPair},
};
use serde_json::{Value, json};
use url::Url;

/// A new Ed25519 key as PKCS#8 v1 PEM (RFC 8410, the form OpenSSL writes), with its public half.
fn ed25519_key() -> (String, [u8; 32]) {
    let mut seed = [0u8; 32];
    SystemRandom::new().fill(&mut seed).unwrap();
    let pair = Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
    // PrivateKeyInfo { version 0, algorithm id-Ed25519, privateKey OCTET STRING (OCTET STRING seed) }
    let mut der = vec![
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ];
    der.extend_from_slice(&seed);
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        Base64.encode(der)
    );
    (pem, pair.public_key().as_ref().try_into().unwrap())
}

/// The headers rfc9421-sign.py makes for a request.
fn sign(
    alg: &str,
    key_id: &str,
    private_key_pem: &str,
    method: &str,
    url: &Url,
    body: &[u8],
) -> Vec<(String, String)> {
    let key_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(key_file.path(), private_key_pem).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools/rfc9421-sign.py");
    let mut child = Command::new("python3")
        .arg(script)
        .args([
            alg,
            key_id,
            key_file.path().to_str().unwrap(),
            method,
            url.as_str(),
        ])
        .env("PYTHONPATH", pasture::tools())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(body).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "rfc9421-sign.py failed (./scripts/test installs http-message-signatures): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let headers: serde_json::Map<String, Value> = serde_json::from_slice(&output.stdout).unwrap();
    headers
        .into_iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("content-length"))
        .map(|(name, value)| (name, value.as_str().unwrap().to_string()))
        .collect()
}

/// Sends a request with exactly these headers; the status and the JSON answer (Null when none).
async fn send(
    method: reqwest::Method,
    url: &Url,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> (u16, Value) {
    let mut request = reqwest::Client::new().request(method, url.clone()).body(body);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

on_both_backends! {
    async fn a_city_accepts_rfc_9421_signatures_made_by_others_and_refuses_forgeries(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let peer = Attacker::start().await;
        let (ed25519_pem, ed25519_public) = ed25519_key();
        let ed25519_id = format!("{}#ed25519-key", peer.actor_id());
        let actor = peer.actor_id();
        peer.set_actor(|document| {
            document["assertionMethod"] = json!([{
                "id": ed25519_id,
                "type": "Multikey",
                "controller": actor,
                "publicKeyMultibase": praxis::domain::city::ed25519_to_multibase(&ed25519_public),
            }]);
        });
        let inbox = vidin.url("/city/inbox");
        let rsa_key = peer.keys.private_key.clone();
        let post = |alg: &str, key_id: &str, pem: &str, activity: &Value| {
            let body = activity.to_string().into_bytes();
            (sign(alg, key_id, pem, "POST", &inbox, &body), body)
        };

        // A Follow signed with the peer's RSA key is accepted, and answered.
        let follow = peer.activity("Follow", json!(vidin.actor_id()));
        let (headers, body) = post("rsa-v1_5-sha256", &peer.key_id(), &rsa_key, &follow);
        assert!(headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("signature-input")), "{headers:?}");
        let (status, answer) = send(reqwest::Method::POST, &inbox, &headers, body).await;
        assert_eq!(status, 202, "an RSA RFC 9421 signature: {answer}");
        wait_until("the Accept of the follow", || async {
            peer.inbox().into_iter().find(|a| a["type"] == "Accept" && a["object"]["id"] == follow["id"])
        })
        .await;
        let (_, followers) = vidin.get_ap("/city/followers").await;
        assert_eq!(followers["totalItems"], 1, "{followers}");

        // A body the signature did not digest, and an Ed25519 signature naming the RSA key,
        // are refused, with why.
        let (headers, _) = post("rsa-v1_5-sha256", &peer.key_id(), &rsa_key, &follow);
        let other = peer.activity("Follow", json!(vidin.actor_id())).to_string().into_bytes();
        let (status, answer) = send(reqwest::Method::POST, &inbox, &headers, other).await;
        assert_eq!((status, answer["error"]["code"].as_str()), (401, Some("signature_invalid")), "{answer}");
        assert!(answer["error"]["message"].as_str().unwrap().contains("content digest"), "{answer}");
        let undo = peer.activity("Undo", follow.clone());
        let (headers, body) = post("ed25519", &peer.key_id(), &ed25519_pem, &undo);
        let (status, answer) = send(reqwest::Method::POST, &inbox, &headers, body).await;
        assert_eq!((status, answer["error"]["code"].as_str()), (401, Some("signature_invalid")), "{answer}");

        // A signed fetch with the Ed25519 Multikey reads an item addressed to the peer alone.
        let mut draft = m4r_practice();
        draft["audience"] = json!({"kind": "cities", "cities": [peer.actor_id()]});
        let item = vidin.publish(draft).await;
        let id: Url = item["id"].as_str().unwrap().parse().unwrap();
        let (status, _) = send(reqwest::Method::GET, &id, &[("Accept".into(), "application/activity+json".into())], Vec::new()).await;
        assert_eq!(status, 404, "an unsigned fetch of an item for one city");
        let headers = sign("ed25519", &ed25519_id, &ed25519_pem, "GET", &id, b"");
        let (status, fetched) = send(reqwest::Method::GET, &id, &headers, Vec::new()).await;
        assert_eq!(status, 200, "{fetched}");
        assert_eq!(fetched["id"], id.as_str());

        // The Undo signed with the Ed25519 key is the peer's: it ends the follow.
        let (headers, body) = post("ed25519", &ed25519_id, &ed25519_pem, &undo);
        let (status, answer) = send(reqwest::Method::POST, &inbox, &headers, body).await;
        assert_eq!(status, 202, "an Ed25519 RFC 9421 signature: {answer}");
        wait_until("the follow to end", || async {
            let (_, followers) = vidin.get_ap("/city/followers").await;
            (followers["totalItems"] == 0).then_some(())
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_city_publishes_its_ed25519_key_as_a_multikey_beside_its_rsa_key() {
    let vidin = TestCity::start("vidin", Backend::Sqlite).await;
    let (_, actor) = vidin.get_ap("/city").await;
    let actor_id = vidin.actor_id().to_string();
    assert_eq!(actor["publicKey"]["id"], format!("{actor_id}#main-key"));
    let keys = actor["assertionMethod"]
        .as_array()
        .expect("an assertionMethod list");
    assert_eq!(keys.len(), 1, "{actor}");
    assert_eq!(keys[0]["type"], "Multikey");
    assert_eq!(keys[0]["id"], format!("{actor_id}#ed25519-key"));
    assert_eq!(keys[0]["controller"], actor_id);
    let multibase = keys[0]["publicKeyMultibase"].as_str().unwrap();
    assert!(
        praxis::domain::city::ed25519_from_multibase(multibase).is_some(),
        "{multibase}"
    );
    // The same key after a restart: it is the city's identity, not a per-process one.
    let mut vidin = vidin;
    vidin.restart().await;
    let (_, again) = vidin.get_ap("/city").await;
    assert_eq!(again["assertionMethod"], actor["assertionMethod"]);
}

/// With `federation.rfc9421_first`, the city signs its deliveries with RFC 9421 first: another
/// Praxis city verifies them. A host that answers 401 (one that knows only draft-cavage) gets
/// the draft-cavage signature at once, and from then on only that.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_city_that_signs_rfc9421_first_falls_back_once_per_host_and_remembers() {
    use praxis::federation::delivery::signer::SignatureStyle;
    let vidin = TestCity::start_with("vidin", Backend::Sqlite, "[federation]\nrfc9421_first = true\n").await;
    let tran = TestCity::start("tran", Backend::Sqlite).await;
    vidin.follow_and_wait(&tran).await;
    // What a host accepted is noted once its answer is read, which may come after the Accept.
    let learned = |url: Url| {
        let host = praxis::config::domain_of(&url);
        let vidin = &vidin;
        async move {
            wait_until("Vidin to note what the host accepted", || async {
                vidin.ctx().signature_styles.of(&host)
            })
            .await
        }
    };
    assert_eq!(
        learned(tran.url("/inbox")).await,
        SignatureStyle::Rfc9421,
        "Tran verified the RFC 9421 Follow"
    );

    let old_school = Attacker::start().await;
    old_school.refuse_rfc9421();
    praxis::service::follows::follow(&vidin.data(), old_school.actor_id().as_str())
        .await
        .unwrap();
    wait_until("the Follow to reach the draft-cavage server", || async {
        old_school
            .inbox()
            .iter()
            .any(|a| a["type"] == "Follow")
            .then_some(())
    })
    .await;
    assert_eq!(old_school.posted_signatures(), ["rfc9421", "draft-cavage"]);
    assert_eq!(
        learned(old_school.url("/inbox")).await,
        SignatureStyle::DraftCavage
    );
    praxis::service::follows::unfollow(&vidin.data(), old_school.actor_id().as_str())
        .await
        .unwrap();
    wait_until("the Undo to reach the draft-cavage server", || async {
        old_school
            .inbox()
            .iter()
            .any(|a| a["type"] == "Undo")
            .then_some(())
    })
    .await;
    assert_eq!(
        old_school.posted_signatures(),
        ["rfc9421", "draft-cavage", "draft-cavage"],
        "the host's answer was remembered"
    );
}
