//! Followers stored directly, as if they had followed long ago: only their inboxes matter to a
//! sender, so tests and benchmarks point them at listeners of their own.

use praxis::{
    domain::{city::City, item::now},
    storage::{Database, StorageError, cities, cities::CityId, follows},
};
use url::Url;

/// A peer city whose actor and inbox are on `base`.
pub fn follower_at(base: &Url) -> City {
    City {
        ap_id: base.join("/actor").unwrap(),
        handle: "peer".into(),
        name: format!("Peer at {base}"),
        names: Default::default(),
        summary: String::new(),
        languages: Vec::new(),
        country: None,
        location: None,
        inbox: base.join("/inbox").unwrap(),
        shared_inbox: None,
        outbox: None,
        followers: None,
        following: None,
        profile_url: None,
        public_key_pem: String::new(),
        private_key_pem: None,
        public_key_id: None,
        ed25519_key: None,
        is_local: false,
        kind: praxis::domain::city::ActorKind::City,
        last_refreshed_at: now(),
        joined: None,
    }
}

/// Stores each city as an accepted follower of `local`.
pub async fn store_accepted_followers(db: &Database, local: CityId, followers: Vec<City>) {
    db.write(move |conn| -> Result<(), StorageError> {
        for follower in &followers {
            let id = cities::upsert(conn, follower)?;
            follows::upsert(
                conn,
                id,
                local,
                &follower.ap_id.join("/follow").unwrap(),
                follows::FollowState::Accepted,
            )?;
        }
        Ok(())
    })
    .await
    .expect("storing the followers");
}
