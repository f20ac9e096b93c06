//! Signing outbound requests as the city: the HTTP signatures Mastodon and Lemmy verify
//! (RSA-SHA256 over the request target, host, date, digest and content type), made with ring.
//!
//! activitypub_federation signs with the `rsa` crate; ring computes the same PKCS#1 v1.5
//! signature (it is deterministic, byte for byte) in less than half the time, and signing is
//! what bounds how fast a city can deliver to many followers.

use std::{
    sync::Arc,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use base64::{Engine, engine::general_purpose::STANDARD as Base64};
use bytes::Bytes;
use http_signature_normalization_reqwest::prelude::{Config, SignError, SignExt};
use reqwest_middleware::RequestBuilder;
use ring::{
    rand::SystemRandom,
    signature::{RSA_PKCS1_SHA256, RsaKeyPair},
};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use sha2::{Digest, Sha256};
use url::Url;

/// How long a signature is valid: as activitypub_federation signs, for senders and receivers
/// whose clocks or queues lag.
const EXPIRES_AFTER: Duration = Duration::from_secs(60 * 60);

/// Signs as one actor with its private key; cheap to clone.
#[derive(Clone)]
pub struct Signer {
    key_id: String,
    key: Arc<RsaKeyPair>,
    rng: SystemRandom,
}

/// Why a request could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    #[error("the private key is not a PKCS#8 RSA key: {0}")]
    Key(String),
    #[error("signing failed: {0}")]
    Sign(String),
}

impl From<SignError> for SigningError {
    fn from(e: SignError) -> Self {
        SigningError::Sign(e.to_string())
    }
}

impl From<reqwest::Error> for SigningError {
    fn from(e: reqwest::Error) -> Self {
        SigningError::Sign(e.to_string())
    }
}

impl Signer {
    /// A signer for `actor` with its PKCS#8 PEM private key.
    pub fn new(actor: &Url, private_key_pem: &str) -> Result<Signer, SigningError> {
        let key = rsa::RsaPrivateKey::from_pkcs8_pem(private_key_pem)
            .map_err(|e| SigningError::Key(e.to_string()))?;
        let der = key.to_pkcs8_der().map_err(|e| SigningError::Key(e.to_string()))?;
        let key = RsaKeyPair::from_pkcs8(der.as_bytes()).map_err(|e| SigningError::Key(e.to_string()))?;
        Ok(Signer {
            key_id: format!("{actor}#main-key"),
            key: Arc::new(key),
            rng: SystemRandom::new(),
        })
    }

    /// Adds the `Digest` of `body` and the `Signature` header to the request, and the body.
    pub async fn sign(&self, builder: RequestBuilder, body: Bytes) -> Result<reqwest::Request, SigningError> {
        let signer = self.clone();
        let config = Config::new().set_expiration(EXPIRES_AFTER);
        builder
            .signature_with_digest(
                config,
                self.key_id.clone(),
                Sha256::new(),
                body,
                move |signing_string| signer.sign_string(signing_string),
            )
            .await
    }

    /// Adds an RFC 9421 `Signature-Input` and `Signature` (covering the method, the target URI,
    /// the RFC 9530 `Content-Digest` of `body` and the content type, with `created` and
    /// `expires`) to a POST of `body` to `target`, and the body. The key is the same RSA key.
    pub fn sign_rfc9421(
        &self,
        builder: RequestBuilder,
        target: &Url,
        content_type: &str,
        body: Bytes,
    ) -> Result<reqwest::Request, SigningError> {
        let digest = format!("sha-256=:{}:", Base64.encode(Sha256::digest(&body)));
        let created = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|e| SigningError::Sign(e.to_string()))?
            .as_secs();
        let expires = created + EXPIRES_AFTER.as_secs();
        let params = format!(
            "(\"@method\" \"@target-uri\" \"content-digest\" \"content-type\");created={created};expires={expires};keyid=\"{}\";alg=\"rsa-v1_5-sha256\"",
            self.key_id
        );
        let base = format!(
            "\"@method\": POST\n\"@target-uri\": {target}\n\"content-digest\": {digest}\n\"content-type\": {content_type}\n\"@signature-params\": {params}"
        );
        let signature = self.sign_string(&base)?;
        Ok(builder
            .header("Content-Digest", digest)
            .header("Signature-Input", format!("sig1={params}"))
            .header("Signature", format!("sig1=:{signature}:"))
            .body(body)
            .build()?)
    }

    /// The base64 signature of a signing string.
    pub fn sign_string(&self, signing_string: &str) -> Result<String, SigningError> {
        let mut signature = vec![0; self.key.public().modulus_len()];
        self.key
            .sign(
                &RSA_PKCS1_SHA256,
                &self.rng,
                signing_string.as_bytes(),
                &mut signature,
            )
            .map_err(|e| SigningError::Sign(e.to_string()))?;
        Ok(Base64.encode(signature))
    }
}

/// Which signature a host accepted, when deliveries try RFC 9421 first
/// (`federation.rfc9421_first`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureStyle {
    Rfc9421,
    DraftCavage,
}

/// What each host accepted, by host, learned from its answers since this process started.
#[derive(Default)]
pub struct SignatureStyles {
    hosts: std::sync::RwLock<std::collections::HashMap<String, SignatureStyle>>,
}

impl SignatureStyles {
    /// What `host` is known to accept, if anything is known.
    pub fn of(&self, host: &str) -> Option<SignatureStyle> {
        self.hosts.read().expect("styles lock").get(host).copied()
    }

    pub fn remember(&self, host: &str, style: SignatureStyle) {
        self.hosts
            .write()
            .expect("styles lock")
            .insert(host.to_string(), style);
    }
}

/// The signers of this instance's communities, by actor id: each community signs what it relays
/// with its own key, as its members verify.
#[derive(Default)]
pub struct CommunitySigners {
    signers: std::sync::RwLock<std::collections::HashMap<Url, Signer>>,
}

impl CommunitySigners {
    /// The signer for `actor`, made with `private_key_pem` the first time.
    pub fn get_or_make(
        &self,
        actor: &Url,
        private_key_pem: impl FnOnce() -> Option<String>,
    ) -> Result<Signer, SigningError> {
        if let Some(signer) = self.signers.read().expect("signers lock").get(actor) {
            return Ok(signer.clone());
        }
        let key =
            private_key_pem().ok_or_else(|| SigningError::Key(format!("{actor} has no private key here")))?;
        let signer = Signer::new(actor, &key)?;
        self.signers
            .write()
            .expect("signers lock")
            .insert(actor.clone(), signer.clone());
        Ok(signer)
    }
}

#[cfg(test)]
mod tests {
    use activitypub_federation::http_signatures::generate_actor_keypair;
    use rsa::{Pkcs1v15Sign, RsaPrivateKey};

    use super::*;

    #[test]
    fn ring_signs_exactly_as_the_rsa_crate_does() {
        let pair = generate_actor_keypair().unwrap();
        let actor: Url = "https://praxis.sofia.bg/city".parse().unwrap();
        let signer = Signer::new(&actor, &pair.private_key).unwrap();
        let text =
            "(request-target): post /inbox\nhost: praxis.vidin.bg\ndate: Mon, 23 Nov 2026 10:00:00 GMT";
        let reference = RsaPrivateKey::from_pkcs8_pem(&pair.private_key)
            .unwrap()
            .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(text.as_bytes()))
            .unwrap();
        assert_eq!(signer.sign_string(text).unwrap(), Base64.encode(reference));
    }
}
