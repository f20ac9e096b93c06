//! The federation policy as the running instance applies it: the stored policy, kept in memory.
//!
//! Every place that talks to peers asks [`PolicyCache::current`]: the HTTP client (nothing is
//! sent or fetched to a refused domain), the federation library's URL verification hook, the
//! inbox (refused with 403 before anything is stored) and the delivery queue. Changes go through
//! `service::policy`, which refreshes the cache.

use std::{
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use url::Url;

use super::{Database, StorageError, policy};
use crate::domain::policy::{FederationPolicy, Refusal};

/// How long a process trusts its copy of the policy. Changes made in this process apply at once;
/// changes made by another process (a `praxis policy` command) within this time.
const FRESH_FOR: Duration = Duration::from_secs(2);

/// The policy, kept in memory and reloaded from the database when stale.
pub struct PolicyCache {
    db: Database,
    /// This instance's own origin, which the policy never refuses.
    own: url::Origin,
    copy: RwLock<Option<(Arc<FederationPolicy>, Instant)>>,
}

impl PolicyCache {
    pub fn new(db: Database, public_url: &Url) -> PolicyCache {
        PolicyCache {
            db,
            own: public_url.origin(),
            copy: RwLock::new(None),
        }
    }

    /// The policy in force.
    pub async fn current(&self) -> Result<Arc<FederationPolicy>, StorageError> {
        if let Some((policy, at)) = &*self.copy.read().expect("policy lock")
            && at.elapsed() < FRESH_FOR
        {
            return Ok(policy.clone());
        }
        let loaded = Arc::new(self.db.read(policy::load).await?);
        *self.copy.write().expect("policy lock") = Some((loaded.clone(), Instant::now()));
        Ok(loaded)
    }

    /// Whether this city may exchange anything with `url`; its own URLs always.
    pub async fn check(&self, url: &Url) -> Result<Result<(), Refusal>, StorageError> {
        if url.origin() == self.own {
            return Ok(Ok(()));
        }
        Ok(self.current().await?.check(url))
    }

    /// Like [`PolicyCache::check`], but a refusal is confirmed against the database first: for
    /// decisions that cannot be undone, like dropping a queued delivery, a domain allowed by
    /// another process a moment ago must count.
    pub async fn check_fresh(&self, url: &Url) -> Result<Result<(), Refusal>, StorageError> {
        match self.check(url).await? {
            Ok(()) => Ok(Ok(())),
            Err(_) => {
                self.invalidate();
                self.check(url).await
            }
        }
    }

    /// The database the policy is stored in.
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Forgets the copy, so the next question reads the database.
    pub fn invalidate(&self) {
        *self.copy.write().expect("policy lock") = None;
    }
}
