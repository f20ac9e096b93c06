//! The Ed25519 keys of actors (FEP-521a), next to their RSA `publicKey`.
//!
//! A local actor's Ed25519 key is derived from its RSA private key with HKDF-SHA256, so it
//! needs no storage, no migration of existing cities, and changes when the RSA key is rotated.
//! It is published as a `Multikey` (see [`crate::domain::city::ed25519_to_multibase`]).

use ring::{
    hkdf::{HKDF_SHA256, Salt},
    signature::{Ed25519KeyPair, KeyPair},
};
use url::Url;

use crate::domain::city::{City, Ed25519Key};

/// Separates this use of the private key from any other.
const DERIVATION_SALT: &[u8] = b"praxis actor keys";
const DERIVATION_INFO: &[u8] = b"ed25519 signing key v1";

/// The id of an actor's Ed25519 key: the actor id with `#ed25519-key`.
pub fn ed25519_key_id(actor: &Url) -> Url {
    let mut id = actor.clone();
    id.set_fragment(Some("ed25519-key"));
    id
}

/// The Ed25519 key pair of a local actor, derived from its RSA private key (PEM).
pub fn local_ed25519_pair(private_key_pem: &str) -> Ed25519KeyPair {
    let mut seed = [0u8; 32];
    Salt::new(HKDF_SHA256, DERIVATION_SALT)
        .extract(private_key_pem.as_bytes())
        .expand(&[DERIVATION_INFO], HKDF_SHA256)
        .and_then(|okm| okm.fill(&mut seed))
        .expect("HKDF-SHA256 yields 32 bytes");
    Ed25519KeyPair::from_seed_unchecked(&seed).expect("every 32-byte seed is an Ed25519 key")
}

/// The Ed25519 public key of an actor: derived for a local one, as published for a peer.
pub fn ed25519_key(actor: &City) -> Option<Ed25519Key> {
    match &actor.private_key_pem {
        Some(private) => {
            let pair = local_ed25519_pair(private.expose());
            let public_key = pair
                .public_key()
                .as_ref()
                .try_into()
                .expect("an Ed25519 public key has 32 bytes");
            Some(Ed25519Key {
                id: ed25519_key_id(&actor.ap_id),
                public_key,
            })
        }
        None => actor.ed25519_key.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_key_is_stable_and_follows_the_private_key() {
        let first = local_ed25519_pair("-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----");
        let again = local_ed25519_pair("-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----");
        let other = local_ed25519_pair("-----BEGIN PRIVATE KEY-----\nB\n-----END PRIVATE KEY-----");
        assert_eq!(first.public_key().as_ref(), again.public_key().as_ref());
        assert_ne!(first.public_key().as_ref(), other.public_key().as_ref());
    }
}
