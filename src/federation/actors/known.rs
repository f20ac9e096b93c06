//! Peer cities this process looked up recently, so the inbox does not read the same actor from
//! the database for every activity it sends (twice: to check its signature, and as the origin of
//! its item).
//!
//! A copy is trusted for [`FRESH_FOR`]; every write of a city in this process replaces it at
//! once. A city changed by another process (scale-out) is seen here within that time; a key it
//! rotated meanwhile is not trusted blindly either: a signature that fails with the cached key
//! fetches the actor again (see [`crate::federation::inbox::signer`]), which replaces the copy.

use std::{
    collections::HashMap,
    sync::RwLock,
    time::{Duration, Instant},
};

use url::Url;

use crate::domain::city::City;

/// How long a cached city is used without reading it again.
const FRESH_FOR: Duration = Duration::from_secs(30);
/// Cities remembered before the cache is emptied and starts again (a bound, not a working set:
/// a city federates with tens of peers, a national coordinator with a few thousand).
const REMEMBERED: usize = 10_000;

#[derive(Default)]
pub struct KnownCities {
    cities: RwLock<HashMap<Url, (City, Instant)>>,
}

impl KnownCities {
    /// The city, if this process read or wrote it less than [`FRESH_FOR`] ago.
    pub fn get(&self, ap_id: &Url) -> Option<City> {
        let cities = self.cities.read().expect("known cities lock");
        cities
            .get(ap_id)
            .filter(|(_, at)| at.elapsed() < FRESH_FOR)
            .map(|(city, _)| city.clone())
    }

    /// Remembers `city` as just read from or written to the database.
    pub fn put(&self, city: &City) {
        let mut cities = self.cities.write().expect("known cities lock");
        if cities.len() >= REMEMBERED {
            cities.retain(|_, (_, at)| at.elapsed() < FRESH_FOR);
            if cities.len() >= REMEMBERED {
                cities.clear();
            }
        }
        cities.insert(city.ap_id.clone(), (city.clone(), Instant::now()));
    }
}
