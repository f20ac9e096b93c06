//! The management of the federation policy: the CLI, the API and the administration page all
//! change it through these functions. The policy in force is read through [`PolicyCache`]; every
//! change here refreshes it.

use super::ServiceError;
use crate::{
    domain::{
        policy::{DomainList, FederationPolicy, PeerDomain, PolicyMode},
        validation::{Problem, ValidationErrors},
    },
    storage::{StorageError, policy, policy_cache::PolicyCache},
};

/// Sets the mode, and optionally whether follows from non-members wait for approval.
pub async fn set_mode(
    cache: &PolicyCache,
    mode: PolicyMode,
    hold_follows: Option<bool>,
) -> Result<FederationPolicy, ServiceError> {
    let policy = cache
        .database()
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
        .database()
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
        .database()
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
