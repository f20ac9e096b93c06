//! The local city: created with its key pair on first start, kept in step with the configuration.

use activitypub_federation::http_signatures::generate_actor_keypair;
use anyhow::Context;

use crate::{
    app::Profile,
    config::Settings,
    domain::city::City,
    federation::{actors::city::local_city, urls},
    storage::{
        Database, StorageError,
        cities::{self, CityId},
    },
};

/// Returns the local city, creating it (and its RSA key pair) on first start; with
/// [`Profile::FromConfiguration`] its name, summary and languages follow the configuration.
/// Refuses to start when the database belongs to a city at
/// another public URL, since ids cannot change once peers know them.
pub async fn ensure_local_city(
    db: &Database,
    settings: &Settings,
    profile: Profile,
) -> anyhow::Result<(CityId, City)> {
    let expected = urls::city(settings);
    let existing = db.read(cities::find_local).await?;
    let keys = match existing {
        Some((_, city)) => {
            if city.ap_id != expected {
                anyhow::bail!(
                    "this database belongs to the city {} but instance.public_url makes it {}; \
                     the public URL is the city's identity on the network and cannot change once it has federated",
                    city.ap_id,
                    expected
                );
            }
            None
        }
        None => {
            tracing::info!("generating the city's key pair");
            let pair = tokio::task::spawn_blocking(generate_actor_keypair)
                .await?
                .context("generating the city's RSA key pair")?;
            Some((pair.public_key, pair.private_key))
        }
    };
    let settings = settings.clone();
    let result = db
        .write(move |conn| -> Result<(CityId, City), StorageError> {
            // Another process may have created the city meanwhile: its keys win.
            let (public, private) = match (cities::find_local(conn)?, keys) {
                (Some((id, city)), _) if profile == Profile::Keep => return Ok((id, city)),
                (Some((_, city)), _) => (
                    city.public_key_pem,
                    city.private_key_pem
                        .map(crate::secret::Secret::into_inner)
                        .ok_or_else(|| StorageError::Corrupt("the local city has no private key".into()))?,
                ),
                (None, Some(keys)) => keys,
                (None, None) => return Err(StorageError::Corrupt("the local city disappeared".into())),
            };
            let id = cities::upsert(conn, &local_city(&settings, public, private))?;
            // As stored: with the day the city joined the network.
            let (_, city) = cities::find_local(conn)?
                .ok_or_else(|| StorageError::Corrupt("the local city disappeared".into()))?;
            Ok((id, city))
        })
        .await?;
    Ok(result)
}
