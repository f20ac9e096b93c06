//! The URL layout of this instance's ActivityPub ids, in one place.

use url::Url;
use uuid::Uuid;

use crate::config::Settings;

/// Paths under the public URL.
pub mod paths {
    pub const CITY: &str = "/city";
    pub const CITY_INBOX: &str = "/city/inbox";
    pub const SHARED_INBOX: &str = "/inbox";
    pub const OUTBOX: &str = "/city/outbox";
    pub const FOLLOWERS: &str = "/city/followers";
    pub const FOLLOWING: &str = "/city/following";
    pub const ITEMS: &str = "/items";
    /// The route of a local item's address (`/items/{id}`).
    pub const ITEM: &str = "/items/{id}";
    pub const ACTIVITIES: &str = "/activities";
    pub const REPLIES: &str = "/replies";
    /// Translations this city proposed for peers' items.
    pub const TRANSLATIONS: &str = "/translations";
    /// Under it, each of this instance's communities: `/communities/{handle}` and its
    /// `/inbox`, `/outbox`, `/members` and `/moderators`.
    pub const COMMUNITIES: &str = "/communities";
    /// The route of a local community's actor (`/communities/{handle}`).
    pub const COMMUNITY: &str = "/communities/{handle}";
}

/// The actor id of the local community `handle`.
pub fn community(settings: &Settings, handle: &str) -> Url {
    settings.url_for(&format!("{}/{handle}", paths::COMMUNITIES))
}

/// A collection or inbox of the local community `handle` (`inbox`, `outbox`, `members`,
/// `moderators`).
pub fn community_part(settings: &Settings, handle: &str, part: &str) -> Url {
    settings.url_for(&format!("{}/{handle}/{part}", paths::COMMUNITIES))
}

/// The local city's actor id.
pub fn city(settings: &Settings) -> Url {
    settings.url_for(paths::CITY)
}

/// A fresh id for a knowledge item published here.
pub fn new_item(settings: &Settings) -> Url {
    settings.url_for(&format!("{}/{}", paths::ITEMS, Uuid::new_v4()))
}

/// A fresh id for a translation proposed here.
pub fn new_translation(settings: &Settings) -> Url {
    settings.url_for(&format!("{}/{}", paths::TRANSLATIONS, Uuid::new_v4()))
}

/// A fresh id for a reply written here.
pub fn new_reply(settings: &Settings) -> Url {
    settings.url_for(&format!("{}/{}", paths::REPLIES, Uuid::new_v4()))
}

/// A fresh id for an activity sent from here; the kind makes logs readable.
pub fn new_activity(settings: &Settings, kind: &str) -> Url {
    settings.url_for(&format!(
        "{}/{}-{}",
        paths::ACTIVITIES,
        kind.to_ascii_lowercase(),
        Uuid::new_v4()
    ))
}
