//! The federation policy as the running instance applies it, and its management (CLI, API and
//! the administration page all change it through these functions).
//!
//! Every place that talks to peers asks [`PolicyCache::current`]: the HTTP client (nothing is
//! sent or fetched to a refused domain), the federation library's URL verification hook, the
//! inbox (refused with 403 before anything is stored) and the delivery queue.

use std::{
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use url::Url;

use super::ServiceError;
use crate::{
    domain::{
        policy::{DomainList, FederationPolicy, PeerDomain, PolicyMode, Refusal},
        validation::{Problem, ValidationErrors},
    },
    storage::{Database, StorageError, policy},
};

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

    /// Forgets the copy, so the next question reads the database.
    pub fn invalidate(&self) {
        *self.copy.write().expect("policy lock") = None;
    }
}

/// Sets the mode, and optionally whether follows from non-members wait for approval.
pub async fn set_mode(
    cache: &PolicyCache,
    mode: PolicyMode,
    hold_follows: Option<bool>,
) -> Result<FederationPolicy, ServiceError> {
    let policy = cache
        .db
        .write(move |conn| -> Result<FederationPolicy, StorageError> {
            let current = policy::load(conn)?;
            policy::set(conn, mode, hold_follows.unwrap_or(current.hold_follows))?;
            policy::load(conn)
        })
        .await?;
    cache.invalidate();
    tracing::info!(
        mode = mode.code(),
        hold_follows = policy.hold_follows,
        "federation policy changed"
    );
    Ok(policy)
}

/// Reads a domain as typed by a person, or says what is wrong with it under `field`.
pub fn parse_domain(field: &str, text: &str) -> Result<PeerDomain, ServiceError> {
    PeerDomain::parse(text).map_err(|message| {
        let mut errors = ValidationErrors::default();
        errors
            .add(field, Problem::NotADomain, message)
            .with("value", text);
        errors.into()
    })
}

/// Puts domains on a list.
pub async fn add_domains(
    cache: &PolicyCache,
    domains: Vec<PeerDomain>,
    list: DomainList,
    note: Option<String>,
) -> Result<(), ServiceError> {
    cache
        .db
        .write(move |conn| -> Result<(), StorageError> {
            for domain in &domains {
                policy::add_domain(conn, domain, list, note.as_deref())?;
            }
            Ok(())
        })
        .await?;
    cache.invalidate();
    Ok(())
}

/// Takes a domain off a list.
pub async fn remove_domain(
    cache: &PolicyCache,
    domain: PeerDomain,
    list: DomainList,
) -> Result<(), ServiceError> {
    let shown = domain.to_string();
    let removed = cache
        .db
        .write(move |conn| policy::remove_domain(conn, &domain, list))
        .await?;
    cache.invalidate();
    if removed {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!(
            "{shown} is not on the {} list",
            list.code()
        )))
    }
}
