//! An actor as Praxis knows it: a city (the one that runs an instance, or a peer), or a
//! community of practice (a `Group`, see [`super::community`]), which has the same identity,
//! keys and inboxes.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use url::Url;

use super::language::LanguageTag;

/// A city actor, local or remote, as Praxis knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// The actor's id: its identity across the network.
    pub ap_id: Url,
    /// `preferredUsername`: with the domain it forms the `handle@domain` address.
    pub handle: String,
    /// The name in the city's main language.
    pub name: String,
    /// The name in other languages, by BCP 47 tag (ActivityStreams `nameMap`).
    pub names: BTreeMap<String, String>,
    pub summary: String,
    pub languages: Vec<LanguageTag>,
    /// ISO 3166-1 alpha-2 code, when the city states one.
    pub country: Option<String>,
    /// Where the city is, for the network's map, when it says.
    pub location: Option<Location>,
    pub inbox: Url,
    pub shared_inbox: Option<Url>,
    pub outbox: Option<Url>,
    pub followers: Option<Url>,
    pub following: Option<Url>,
    /// Human-readable page of the city, when it has one.
    pub profile_url: Option<Url>,
    pub public_key_pem: String,
    /// Present only for the local city.
    pub private_key_pem: Option<crate::secret::Secret>,
    /// The id of the public key (`publicKey.id`), which signatures name as their `keyId`.
    pub public_key_id: Option<Url>,
    /// A peer's Ed25519 key, when its actor publishes one (a `Multikey` in `assertionMethod`,
    /// FEP-521a). `None` for local actors: theirs is derived from their private key
    /// (`federation::keys`), so it is never stored and rotates with it.
    pub ed25519_key: Option<Ed25519Key>,
    pub is_local: bool,
    /// A city, or a community of practice.
    pub kind: ActorKind,
    /// When the actor document was last fetched (remote) or written (local).
    pub last_refreshed_at: DateTime<Utc>,
    /// When the city joined the network: known for the local city only (when its database first
    /// stored it).
    pub joined: Option<DateTime<Utc>>,
}

/// An Ed25519 public key of an actor, which RFC 9421 signatures name by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ed25519Key {
    pub id: Url,
    pub public_key: [u8; 32],
}

/// The multicodec prefix of an Ed25519 public key (`ed25519-pub`, 0xed, as a varint).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// An Ed25519 public key as a Multikey's `publicKeyMultibase`: the multibase (base58btc, `z`)
/// of the multicodec prefix and the 32 key bytes, as fedify and bovine write it.
pub fn ed25519_to_multibase(public_key: &[u8; 32]) -> String {
    let mut bytes = ED25519_PUB.to_vec();
    bytes.extend_from_slice(public_key);
    format!("z{}", bs58::encode(bytes).into_string())
}

/// The Ed25519 public key in a `publicKeyMultibase`; `None` when it is another kind of key
/// (an RSA or P-256 Multikey, which Praxis does not verify with) or not a multibase at all.
pub fn ed25519_from_multibase(value: &str) -> Option<[u8; 32]> {
    let encoded = value.strip_prefix('z')?;
    // 34 bytes take at most 47 base58 characters; refuse anything longer before decoding.
    if encoded.len() > 48 {
        return None;
    }
    let bytes = bs58::decode(encoded).into_vec().ok()?;
    bytes.strip_prefix(&ED25519_PUB)?.try_into().ok()
}

/// What an actor is to Praxis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActorKind {
    /// A city (an `Organization`, or any actor that is not a `Group`).
    #[default]
    City,
    /// A community of practice: a `Group` that relays what its members post (FEP-1b12).
    Community,
}

impl ActorKind {
    pub fn code(self) -> &'static str {
        match self {
            ActorKind::City => "city",
            ActorKind::Community => "community",
        }
    }

    pub fn from_code(code: &str) -> Option<ActorKind> {
        match code {
            "city" => Some(ActorKind::City),
            "community" => Some(ActorKind::Community),
            _ => None,
        }
    }
}

impl City {
    pub fn is_community(&self) -> bool {
        self.kind == ActorKind::Community
    }

    /// `host[:port]` of the actor id.
    pub fn domain(&self) -> String {
        crate::config::domain_of(&self.ap_id)
    }

    /// The `handle@domain` address people type to follow the city.
    pub fn address(&self) -> String {
        format!("{}@{}", self.handle, self.domain())
    }

    /// The name for a reader of `preferred` (see [`name_for_reader`]).
    pub fn name_for(&self, preferred: &[LanguageTag]) -> &str {
        name_for_reader(
            &self.name,
            self.languages.first().map(LanguageTag::as_str),
            &self.names,
            preferred,
        )
    }

    /// Where activities for this city should be delivered: its shared inbox when it has one.
    /// Only an inbox on the city's own origin is ever used (actor documents naming others are
    /// refused when stored; this checks again, when used): `None` when there is none.
    pub fn delivery_inbox(&self) -> Option<&Url> {
        self.shared_inbox
            .as_ref()
            .filter(|i| self.owns(i))
            .or_else(|| self.own_inbox())
    }

    /// The city's personal inbox, for what concerns it alone (a Follow and its answers), if it
    /// is on the city's origin.
    pub fn own_inbox(&self) -> Option<&Url> {
        Some(&self.inbox).filter(|i| self.owns(i))
    }

    fn owns(&self, url: &Url) -> bool {
        url.origin() == self.ap_id.origin()
    }
}

/// The name for a reader of `preferred`: for the first of their languages the city gives a name
/// in (an exact tag, else the same primary language; `main` counts as written in
/// `main_language`), that name; `main` when none.
pub fn name_for_reader<'a>(
    main: &'a str,
    main_language: Option<&str>,
    names: &'a BTreeMap<String, String>,
    preferred: &[LanguageTag],
) -> &'a str {
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    preferred
        .iter()
        .find_map(|reader| {
            names
                .get(reader.as_str())
                .map(String::as_str)
                .or_else(|| {
                    main_language
                        .filter(|m| primary(m) == reader.primary())
                        .map(|_| main)
                })
                .or_else(|| {
                    names
                        .iter()
                        .find(|(tag, _)| primary(tag) == reader.primary())
                        .map(|(_, name)| name.as_str())
                })
        })
        .unwrap_or(main)
}

/// Whether `handle` is acceptable as a local city handle.
pub fn is_valid_handle(handle: &str) -> bool {
    (1..=64).contains(&handle.len())
        && handle
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multibase_key_reads_back_and_other_keys_do_not() {
        let key = [7u8; 32];
        let encoded = ed25519_to_multibase(&key);
        assert!(
            encoded.starts_with("z6Mk"),
            "Ed25519 multikeys start with z6Mk: {encoded}"
        );
        assert_eq!(ed25519_from_multibase(&encoded), Some(key));
        // A P-256 public key (multicodec 0x1200) is not read as Ed25519.
        let mut p256 = vec![0x80, 0x24];
        p256.extend_from_slice(&[1u8; 33]);
        let p256 = format!("z{}", bs58::encode(p256).into_string());
        assert_eq!(ed25519_from_multibase(&p256), None);
        assert_eq!(
            ed25519_from_multibase(&encoded[1..]),
            None,
            "without the multibase prefix"
        );
        assert_eq!(ed25519_from_multibase("z0OIl"), None, "not base58");
    }

    /// The example key of FEP-521a, as fedify and bovine publish it.
    #[test]
    fn the_fep_521a_example_key_decodes() {
        let example = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
        let key = ed25519_from_multibase(example).expect("an Ed25519 key");
        assert_eq!(ed25519_to_multibase(&key), example);
    }

    #[test]
    fn a_city_is_named_in_the_first_language_the_reader_reads() {
        let tag = |s: &str| LanguageTag::parse(s).unwrap();
        let names: BTreeMap<String, String> = [
            ("it".to_string(), "Vidin".to_string()),
            ("en".to_string(), "Vidin Municipality".to_string()),
        ]
        .into_iter()
        .collect();
        let name =
            |preferred: &[LanguageTag]| name_for_reader("Видин", Some("bg"), &names, preferred).to_string();
        assert_eq!(name(&[tag("it-IT"), tag("bg")]), "Vidin");
        assert_eq!(
            name(&[tag("bg"), tag("it")]),
            "Видин",
            "the main name is in the main language"
        );
        assert_eq!(name(&[tag("mk"), tag("en")]), "Vidin Municipality");
        assert_eq!(name(&[tag("de")]), "Видин");
    }
}

/// A point on the Earth, in degrees (WGS 84, as ActivityStreams `Place` gives it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
}

impl Location {
    /// The point, when both numbers are on the Earth.
    pub fn new(latitude: f64, longitude: f64) -> Option<Location> {
        ((-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude))
            .then_some(Location { latitude, longitude })
    }
}
