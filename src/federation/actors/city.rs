//! Actors as ActivityPub documents: the city as an `Organization`, a community of practice as a
//! `Group` (FEP-1b12), and their conversion to and from [`City`] (and [`Community`]).

use activitypub_federation::{
    config::Data,
    fetch::object_id::ObjectId,
    protocol::public_key::PublicKey,
    traits::{Actor, Object},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use url::Url;

use crate::{
    app::AppContext,
    domain::{
        city::{ActorKind, City, Ed25519Key, Location, ed25519_from_multibase, ed25519_to_multibase},
        community::{Community, Membership},
        item::now,
        language::LanguageTag,
    },
    federation::{
        FederationError, keys,
        urls::{self, paths},
        verify,
    },
    storage::{cities, communities},
};

/// Actor types Praxis accepts from peers; it presents itself as an `Organization`.
pub const ACTOR_TYPES: [&str; 5] = ["Organization", "Group", "Service", "Application", "Person"];

/// The actor document, as it crosses the wire.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: ObjectId<City>,
    pub preferred_username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The name in several languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub name_map: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub inbox: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub following: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Endpoints>,
    pub public_key: PublicKey,
    /// Keys beside the RSA `publicKey`: the actor's Ed25519 key as a `Multikey` (FEP-521a),
    /// which RFC 9421 signatures may name.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::federation::lenient::multikeys"
    )]
    pub assertion_method: Vec<Multikey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// Languages the city publishes in (BCP 47), a Praxis extension.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// ISO 3166-1 alpha-2 country code, a Praxis extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    /// The summary in several languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary_map: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<Icon>,
    /// Whether follow requests wait for a decision (a city holding follows, a community on
    /// approval).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manually_approves_followers: Option<bool>,
    /// Whether other servers may list the actor in their directories (Mastodon's term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discoverable: Option<bool>,
    /// Whether other servers may index the actor's public posts for search (Mastodon's term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indexable: Option<bool>,
    /// A `Group`'s moderators collection, as Lemmy and FEP-1b12 publish it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::federation::lenient::url"
    )]
    pub attributed_to: Option<Url>,
    /// The actors this one was before: a city that moved here lists its old actor.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::federation::lenient::urls"
    )]
    pub also_known_as: Vec<Url>,
    /// The actor this one moved to.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::federation::lenient::url"
    )]
    pub moved_to: Option<Url>,
    /// Theme codes of a community, a Praxis extension.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// Where the city is: an ActivityStreams `Place`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::federation::lenient::place"
    )]
    pub location: Option<Place>,
}

/// An ActivityStreams `Place`: a name and its coordinates in degrees.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Place {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
}

impl Place {
    pub fn of(name: Option<&str>, location: Location) -> Place {
        Place {
            kind: "Place".into(),
            name: name.map(str::to_string),
            latitude: location.latitude,
            longitude: location.longitude,
        }
    }

    /// The point, when it is on the Earth.
    pub fn location(&self) -> Option<Location> {
        Location::new(self.latitude, self.longitude)
    }
}

/// What a `Group` document says of its community beyond the actor.
fn community_facts(json: &Organization) -> communities::RemoteFacts {
    let plain = |text: &str| crate::domain::sanitize::plain_text(text);
    communities::RemoteFacts {
        summaries: json
            .summary_map
            .iter()
            .filter(|(tag, _)| LanguageTag::parse(tag).is_ok())
            .map(|(tag, text)| (tag.clone(), plain(text)))
            .filter(|(_, text)| !text.is_empty())
            .collect(),
        themes: json
            .themes
            .iter()
            .filter(|t| crate::domain::vocabulary::THEMES.contains(&t.as_str()))
            .cloned()
            .collect(),
        icon: json.icon.as_ref().map(|i| i.url.clone()),
        membership: if json.manually_approves_followers == Some(true) {
            Membership::Approval
        } else {
            Membership::Open
        },
        moderators: json.attributed_to.clone(),
    }
}

/// A public key as a `Multikey` (FEP-521a, from the W3C Controlled Identifiers vocabulary).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Multikey {
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: String,
    pub controller: Url,
    pub public_key_multibase: String,
}

impl Multikey {
    /// The `Multikey` of an actor's Ed25519 key.
    fn of(key: &Ed25519Key, controller: &Url) -> Multikey {
        Multikey {
            id: key.id.clone(),
            kind: "Multikey".into(),
            controller: controller.clone(),
            public_key_multibase: ed25519_to_multibase(&key.public_key),
        }
    }
}

/// An actor's `icon`: an `Image` with a URL.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Icon {
    #[serde(rename = "type")]
    pub kind: String,
    pub url: Url,
}

/// `endpoints` of an actor: only the shared inbox matters here.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_inbox: Option<Url>,
}

impl Organization {
    /// The actor document of the local city; `holds_follows` when the federation policy holds
    /// follow requests for an admin's decision, `profile` what admins set (the emblem, a move).
    pub fn of_local(
        city: &City,
        settings: &crate::config::Settings,
        holds_follows: bool,
        profile: &cities::LocalProfile,
    ) -> Organization {
        let emblem = profile.emblem.clone();
        Organization {
            kind: "Organization".into(),
            id: city.ap_id.clone().into(),
            preferred_username: city.handle.clone(),
            name: Some(city.name.clone()),
            name_map: city.names.clone(),
            summary: Some(city.summary.clone()).filter(|s| !s.is_empty()),
            inbox: city.inbox.clone(),
            outbox: city.outbox.clone(),
            followers: city.followers.clone(),
            following: city.following.clone(),
            endpoints: Some(Endpoints {
                shared_inbox: city.shared_inbox.clone(),
            }),
            public_key: PublicKey {
                id: city
                    .public_key_id
                    .as_ref()
                    .map_or_else(|| main_key_id(&city.ap_id), ToString::to_string),
                owner: city.ap_id.clone(),
                public_key_pem: city.public_key_pem.clone(),
            },
            assertion_method: keys::ed25519_key(city)
                .map(|key| Multikey::of(&key, &city.ap_id))
                .into_iter()
                .collect(),
            url: Some(urls::city(settings)),
            languages: city.languages.iter().map(ToString::to_string).collect(),
            country: city.country.clone(),
            published: city.joined,
            summary_map: BTreeMap::new(),
            icon: emblem.map(|url| Icon {
                kind: "Image".into(),
                url,
            }),
            manually_approves_followers: Some(holds_follows),
            discoverable: Some(settings.city.discoverable),
            indexable: Some(settings.city.indexable),
            also_known_as: settings.city.also_known_as.clone(),
            moved_to: profile.moved_to.clone(),
            attributed_to: None,
            themes: Vec::new(),
            location: city.location.map(|l| Place::of(Some(&city.name), l)),
        }
    }

    /// The `Group` document of a local community.
    pub fn of_local_community(community: &Community) -> Organization {
        let actor = &community.actor;
        Organization {
            kind: "Group".into(),
            id: actor.ap_id.clone().into(),
            preferred_username: actor.handle.clone(),
            name: Some(actor.name.clone()),
            name_map: actor.names.clone(),
            summary: Some(actor.summary.clone()).filter(|s| !s.is_empty()),
            inbox: actor.inbox.clone(),
            outbox: actor.outbox.clone(),
            followers: actor.followers.clone(),
            following: None,
            endpoints: Some(Endpoints {
                shared_inbox: actor.shared_inbox.clone(),
            }),
            public_key: PublicKey {
                id: main_key_id(&actor.ap_id),
                owner: actor.ap_id.clone(),
                public_key_pem: actor.public_key_pem.clone(),
            },
            assertion_method: keys::ed25519_key(actor)
                .map(|key| Multikey::of(&key, &actor.ap_id))
                .into_iter()
                .collect(),
            url: actor.profile_url.clone(),
            languages: actor.languages.iter().map(ToString::to_string).collect(),
            country: None,
            published: None,
            summary_map: community.summaries.clone(),
            icon: community.icon.clone().map(|url| Icon {
                kind: "Image".into(),
                url,
            }),
            manually_approves_followers: Some(community.membership == Membership::Approval),
            discoverable: Some(true),
            indexable: Some(true),
            also_known_as: Vec::new(),
            moved_to: None,
            attributed_to: community.moderators.clone(),
            themes: community.themes.clone(),
            location: None,
        }
    }
}

/// The id of a city's key, as Praxis (and Mastodon) name it: the actor id with `#main-key`.
fn main_key_id(actor: &Url) -> String {
    format!("{actor}#main-key")
}

/// The local city as a domain value, with every collection URL this instance serves.
pub fn local_city(
    settings: &crate::config::Settings,
    public_key_pem: String,
    private_key_pem: String,
) -> City {
    let city = &settings.city;
    City {
        ap_id: urls::city(settings),
        handle: city.handle.clone(),
        name: city.name.clone(),
        names: city.names.clone(),
        summary: city.summary.clone(),
        languages: city
            .languages
            .iter()
            .filter_map(|l| LanguageTag::parse(l).ok())
            .collect(),
        country: Some(city.country.clone()).filter(|c| !c.is_empty()),
        location: city.location.and_then(|l| Location::new(l.latitude, l.longitude)),
        inbox: settings.url_for(paths::CITY_INBOX),
        shared_inbox: Some(settings.url_for(paths::SHARED_INBOX)),
        outbox: Some(settings.url_for(paths::OUTBOX)),
        followers: Some(settings.url_for(paths::FOLLOWERS)),
        following: Some(settings.url_for(paths::FOLLOWING)),
        profile_url: Some(urls::city(settings)),
        public_key_pem,
        private_key_pem: Some(private_key_pem.into()),
        public_key_id: Url::parse(&main_key_id(&urls::city(settings))).ok(),
        ed25519_key: None,
        is_local: true,
        kind: ActorKind::City,
        last_refreshed_at: now(),
        joined: None,
    }
}

#[async_trait::async_trait]
impl Object for City {
    type DataType = AppContext;
    type Kind = Organization;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    fn last_refreshed_at(&self) -> Option<DateTime<Utc>> {
        (!self.is_local).then_some(self.last_refreshed_at)
    }

    async fn read_from_id(id: Url, data: &Data<AppContext>) -> Result<Option<City>, FederationError> {
        if let Some(city) = data.known_cities.get(&id) {
            return Ok(Some(city));
        }
        let found = data.db.read(move |conn| cities::find_by_ap_id(conn, &id)).await?;
        let city = found.map(|(_, city)| city);
        if let Some(city) = &city {
            data.known_cities.put(city);
        }
        Ok(city)
    }

    async fn into_json(self, data: &Data<AppContext>) -> Result<Organization, FederationError> {
        let policy = data.policy.current().await?;
        let profile = data.db.read(cities::local_profile).await?;
        Ok(Organization::of_local(
            &self,
            &data.settings,
            policy.hold_follows,
            &profile,
        ))
    }

    async fn verify(
        json: &Organization,
        expected_domain: &Url,
        _data: &Data<AppContext>,
    ) -> Result<(), FederationError> {
        let actor = json.id.inner();
        verify::same_origin("actor", actor, expected_domain)?;
        if json.public_key.owner != *actor {
            return Err(FederationError::Refused(format!(
                "the public key of {} belongs to {}",
                json.id, json.public_key.owner
            )));
        }
        let key_id = Url::parse(&json.public_key.id)
            .map_err(|_| FederationError::BadRequest(format!("the public key id of {actor} is not a URL")))?;
        verify::same_origin("public key", &key_id, actor)?;
        // Everything Praxis will send to or fetch from this actor must be the actor's own: an
        // endpoint elsewhere would let any actor point this city at someone else's server.
        let endpoints = [
            ("inbox", Some(&json.inbox)),
            (
                "shared inbox",
                json.endpoints.as_ref().and_then(|e| e.shared_inbox.as_ref()),
            ),
            ("outbox", json.outbox.as_ref()),
            ("followers collection", json.followers.as_ref()),
            ("following collection", json.following.as_ref()),
            ("moderators collection", json.attributed_to.as_ref()),
        ];
        for (what, url) in endpoints {
            if let Some(url) = url {
                verify::same_origin(what, url, actor)?;
            }
        }
        if !ACTOR_TYPES.contains(&json.kind.as_str()) {
            return Err(FederationError::BadRequest(format!(
                "actor type `{}` is not supported; expected one of {}",
                json.kind,
                ACTOR_TYPES.join(", ")
            )));
        }
        Ok(())
    }

    async fn from_json(json: Organization, data: &Data<AppContext>) -> Result<City, FederationError> {
        let facts = (json.kind == "Group").then(|| community_facts(&json));
        let city = City::from_document(json)?;
        let stored = city.clone();
        data.db
            .write(move |conn| -> Result<(), FederationError> {
                let id = cities::upsert(conn, &stored)?;
                if let Some(facts) = facts {
                    communities::upsert_remote(conn, id, &facts)?;
                }
                Ok(())
            })
            .await?;
        data.known_cities.put(&city);
        Ok(city)
    }
}

impl City {
    /// A peer city from its (verified) actor document.
    pub fn from_document(json: Organization) -> Result<City, FederationError> {
        let ed25519_key = ed25519_key_of(&json.assertion_method, json.id.inner());
        let city = City {
            ed25519_key,
            ap_id: json.id.into_inner(),
            name: json
                .name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| json.preferred_username.clone()),
            handle: json.preferred_username,
            // Names under tags this version does not read, or absurdly long, are left out.
            names: json
                .name_map
                .into_iter()
                .filter(|(tag, name)| {
                    LanguageTag::parse(tag).is_ok() && !name.trim().is_empty() && name.chars().count() <= 200
                })
                .map(|(tag, name)| (tag, name.trim().to_string()))
                .collect(),
            summary: json.summary.unwrap_or_default(),
            languages: json
                .languages
                .iter()
                .filter_map(|l| LanguageTag::parse(l).ok())
                .collect(),
            country: json
                .country
                .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
                .map(|c| c.to_ascii_uppercase()),
            location: json.location.as_ref().and_then(Place::location),
            inbox: json.inbox,
            shared_inbox: json.endpoints.and_then(|e| e.shared_inbox),
            outbox: json.outbox,
            followers: json.followers,
            following: json.following,
            profile_url: json.url,
            public_key_id: Url::parse(&json.public_key.id).ok(),
            public_key_pem: json.public_key.public_key_pem,
            private_key_pem: None,
            is_local: false,
            kind: if json.kind == "Group" {
                ActorKind::Community
            } else {
                ActorKind::City
            },
            last_refreshed_at: now(),
            joined: None,
        };
        Ok(city)
    }
}

/// The first Ed25519 `Multikey` an actor controls, on its own origin. Keys of other types, or
/// that name another controller, are not the actor's signing keys and are left out.
fn ed25519_key_of(keys: &[Multikey], actor: &Url) -> Option<Ed25519Key> {
    keys.iter()
        .filter(|key| key.kind == "Multikey" && key.controller == *actor && key.id.origin() == actor.origin())
        .find_map(|key| {
            Some(Ed25519Key {
                id: key.id.clone(),
                public_key: ed25519_from_multibase(&key.public_key_multibase)?,
            })
        })
}

impl Actor for City {
    fn public_key_pem(&self) -> &str {
        &self.public_key_pem
    }

    fn private_key_pem(&self) -> Option<String> {
        self.private_key_pem.as_ref().map(|k| k.expose().clone())
    }

    fn inbox(&self) -> Url {
        self.inbox.clone()
    }

    fn shared_inbox(&self) -> Option<Url> {
        self.shared_inbox.clone()
    }
}
