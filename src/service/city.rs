//! The local city: created with its key pair on first start, kept in step with the configuration.

use activitypub_federation::http_signatures::generate_actor_keypair;
use anyhow::Context;

use url::Url;

use super::{ServiceError, attachments};
use crate::{
    app::{AppData, Profile},
    config::Settings,
    domain::{
        city::City,
        validation::{Problem, ValidationErrors},
    },
    federation::{
        activities::{MoveCity, UpdateActor, move_city::confirm_alias},
        actors::city::{Organization, local_city},
        delivery, moved_items, urls,
    },
    storage::{
        Database, StorageError,
        cities::{self, CityId},
        follows, items,
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

/// Media types an emblem may have: images every fediverse server shows as an avatar.
pub const EMBLEM_TYPES: [&str; 4] = ["image/png", "image/jpeg", "image/webp", "image/gif"];

/// Sets the city's emblem to the image `upload` (its file name, declared media type and
/// bytes), or removes it (`None`); followers are sent the actor's new document. Returns the
/// emblem's address.
pub async fn set_emblem(
    data: &AppData,
    upload: Option<(String, String, Vec<u8>)>,
) -> Result<Option<Url>, ServiceError> {
    let emblem = match upload {
        Some((name, media_type, bytes)) => {
            if !EMBLEM_TYPES.contains(&media_type.as_str()) {
                let mut errors = ValidationErrors::default();
                errors
                    .add(
                        "emblem",
                        Problem::FileTypeRefused,
                        format!(
                            "`{media_type}` is not an image for an emblem: upload PNG, JPEG, WebP or GIF"
                        ),
                    )
                    .with("value", &media_type);
                return Err(errors.into());
            }
            Some(attachments::store(data, &name, &media_type, bytes).await?.url)
        }
        None => None,
    };
    let policy = data.policy.current().await?;
    let profile = cities::LocalProfile {
        emblem: emblem.clone(),
        ..data.db.read(cities::local_profile).await?
    };
    let actor = Organization::of_local(&data.city, &data.settings, policy.hold_follows, &profile);
    let ctx = data.app_data().clone();
    let stored = emblem.clone();
    data.db
        .write(move |conn| -> Result<usize, StorageError> {
            cities::set_local_emblem(conn, stored.as_ref())?;
            let inboxes = follows::follower_inboxes(conn, ctx.city_id)?;
            delivery::enqueue(conn, &ctx, &UpdateActor::of_local(&ctx, actor), &inboxes)
        })
        .await?;
    delivery::wake(data);
    tracing::info!(emblem = ?emblem, "the city's emblem changed");
    Ok(emblem)
}

/// Refuses what would publish as the city once it moved (as a moved Mastodon account can no
/// longer post): its followers follow the new address, where its knowledge now lives; this one
/// only keeps answering for what it published.
pub async fn ensure_not_moved(data: &AppData) -> Result<(), ServiceError> {
    let profile = data.db.read(cities::local_profile).await?;
    match profile.moved_to {
        Some(to) => Err(ServiceError::Moved(to)),
        None => Ok(()),
    }
}

/// What moving the city did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    /// `Move` deliveries queued, one per follower inbox.
    pub deliveries: usize,
    /// The city's items the new address publishes under new ids: their old URLs now answer
    /// with tombstones naming those.
    pub items_brought_along: usize,
}

/// Moves the city to the actor `target` (its new address), which must already list this city
/// in its `alsoKnownAs`: the actor then says `movedTo`, and every follower is sent a `Move`, so
/// it follows the new city instead. The items the new address brought along (restored from this
/// city's archive) are read from its outbox, and their old ids answer with tombstones that name
/// the new ones. Moving again is allowed (a mistaken target can be corrected, items restored
/// since are found); moving back needs the old instance.
pub async fn move_to(data: &AppData, target: &str) -> Result<Moved, ServiceError> {
    let target = Url::parse(target.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http"))
        .ok_or_else(|| ServiceError::BadInput(format!("`{target}` is not the URL of a city's actor")))?;
    if target == data.city.ap_id {
        return Err(ServiceError::BadInput("a city cannot move to itself".into()));
    }
    let new_actor = confirm_alias(data, &data.city.ap_id, &target).await?;
    let pairs = moved_items::brought_along(data, &data.city.ap_id, &new_actor).await?;
    let ctx = data.app_data().clone();
    let moved_to = target.clone();
    let moved = data
        .db
        .write(move |conn| -> Result<Moved, StorageError> {
            cities::set_local_moved_to(conn, &moved_to)?;
            let items_brought_along = items::set_moved_to(conn, ctx.city_id, &pairs)?;
            let inboxes = follows::follower_inboxes(conn, ctx.city_id)?;
            let deliveries = delivery::enqueue(conn, &ctx, &MoveCity::of_local(&ctx, &moved_to), &inboxes)?;
            Ok(Moved {
                deliveries,
                items_brought_along,
            })
        })
        .await?;
    delivery::wake(data);
    tracing::info!(
        to = %target,
        deliveries = moved.deliveries,
        items = moved.items_brought_along,
        "the city moved"
    );
    Ok(moved)
}
