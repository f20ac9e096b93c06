//! Who signed a request: the activity's actor, proven by its own key.
//!
//! The key named by `keyId` must be the actor's `publicKey` (its `id`, owned by the actor) or
//! its Ed25519 `Multikey` (controlled by the actor), and the signature must verify with it. A key that fails is fetched again once, at most every
//! [`REFRESH_EVERY`] per actor, so a peer that rotated its key is not refused until the stored
//! copy ages out, and a stranger cannot make the city fetch an actor over and over.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use activitypub_federation::fetch::object_id::ObjectId;
use url::Url;

use super::{
    InboxError,
    signature::{SignatureError, SignedRequest},
};
use crate::{app::AppData, domain::city::City, federation::keys};

/// Least time between two forced fetches of one actor's key.
const REFRESH_EVERY: Duration = Duration::from_secs(5 * 60);
/// Actors remembered by the rate limit before the oldest entries are dropped.
const REMEMBERED: usize = 10_000;

/// When each actor's key was last fetched because a signature failed.
#[derive(Default)]
pub struct KeyRefreshes {
    last: Mutex<HashMap<Url, Instant>>,
}

impl KeyRefreshes {
    /// Whether the key of `actor` may be fetched again now; records the fetch if so.
    fn allow(&self, actor: &Url) -> bool {
        let mut last = self.last.lock().expect("key refresh lock");
        if last.len() >= REMEMBERED {
            last.retain(|_, at| at.elapsed() < REFRESH_EVERY);
        }
        match last.get(actor) {
            Some(at) if at.elapsed() < REFRESH_EVERY => false,
            _ => {
                last.insert(actor.clone(), Instant::now());
                true
            }
        }
    }
}

/// Finds the actor (stored, or fetched from its origin) and checks that `signed` is its
/// signature, made with its key.
pub async fn authenticate(data: &AppData, actor: &Url, signed: &SignedRequest) -> Result<City, InboxError> {
    let city = fetch(data, actor, false).await?;
    match check(&city, signed) {
        Ok(()) => Ok(city),
        Err(first) if data.key_refreshes.allow(actor) => {
            tracing::info!(%actor, error = %first, "a signature failed with the stored key; fetching the actor again");
            let refreshed = fetch(data, actor, true).await?;
            check(&refreshed, signed)?;
            Ok(refreshed)
        }
        Err(error) => Err(error),
    }
}

async fn fetch(data: &AppData, actor: &Url, forced: bool) -> Result<City, InboxError> {
    let id = ObjectId::<City>::from(actor.clone());
    let found = if forced {
        id.dereference_forced(data).await
    } else {
        id.dereference(data).await
    };
    found.map_err(|e| InboxError::KeyUnavailable {
        actor: actor.to_string(),
        reason: crate::federation::error::describe_failure(&e),
    })
}

/// Verifies with the actor's key that `keyId` names: its RSA `publicKey`, or its Ed25519
/// `Multikey`.
fn check(city: &City, signed: &SignedRequest) -> Result<(), InboxError> {
    let verified = if city.public_key_id.as_ref() == Some(&signed.key_id) {
        signed.verify_rsa(&city.public_key_pem, &city.ap_id)
    } else if let Some(key) = keys::ed25519_key(city).filter(|key| key.id == signed.key_id) {
        signed.verify_ed25519(&key.public_key, &city.ap_id)
    } else {
        return Err(InboxError::KeyNotOwned {
            key_id: signed.key_id.to_string(),
            actor: city.ap_id.to_string(),
        });
    };
    verified.map_err(|e: SignatureError| InboxError::Signature(e))
}
