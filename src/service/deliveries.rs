//! The health of outbound delivery, and retrying what was not delivered.

use serde::{Deserialize, Serialize};

use crate::{
    app::AppData,
    federation::delivery,
    storage::{
        StorageError,
        deliveries::{self, DeadLetter, PeerState, QueueCounts},
    },
};

/// Most dead letters listed.
const DEAD_LETTERS: i64 = 200;

/// The state of outbound delivery.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeliveryReport {
    pub queue: QueueCounts,
    pub peers: Vec<PeerState>,
    pub dead_letters: Vec<DeadLetter>,
}

/// Queue depth, health per peer, and the latest dead letters.
pub async fn report(data: &AppData) -> Result<DeliveryReport, StorageError> {
    data.db
        .read(|conn| {
            Ok(DeliveryReport {
                queue: deliveries::counts(conn)?,
                peers: deliveries::peer_states(conn)?,
                dead_letters: deliveries::dead_letters(conn, DEAD_LETTERS)?,
            })
        })
        .await
}

/// What to retry: every undelivered delivery to a peer host, or one delivery.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum RetryTarget {
    /// Every undelivered delivery to this peer, as `host` or `host:port`.
    Peer(String),
    /// One delivery, by its number (the `id` of a dead letter).
    Id(i64),
}

impl RetryTarget {
    /// A number is a delivery; anything else a peer host.
    pub fn parse(text: &str) -> RetryTarget {
        match text.trim().parse::<i64>() {
            Ok(id) => RetryTarget::Id(id),
            Err(_) => RetryTarget::Peer(text.trim().to_string()),
        }
    }
}

/// Schedules the target's undelivered deliveries now, dead letters included (with a fresh retry
/// horizon); returns how many.
pub async fn retry_now(data: &AppData, target: RetryTarget) -> Result<usize, StorageError> {
    let scheduled = data
        .db
        .write(move |conn| match target {
            RetryTarget::Peer(host) => deliveries::retry_peer(conn, &host),
            RetryTarget::Id(id) => deliveries::retry_delivery(conn, id).map(usize::from),
        })
        .await?;
    delivery::wake(data);
    Ok(scheduled)
}
