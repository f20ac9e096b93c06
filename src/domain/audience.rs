//! Who an item is for: everyone, the city's partners, a community's members, or cities it names.
//!
//! The audience decides where an item is delivered, who may fetch it, and whether it appears
//! anywhere a stranger can look (outbox, backfill, Atom, public pages, counts, search). Only a
//! public item may be re-shared.

use serde::{Deserialize, Serialize};
use url::Url;

use super::validation::{Problem, ValidationErrors};

/// Most cities one item may name.
pub const MAX_NAMED_CITIES: usize = 50;

/// Who may read an item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Everyone, on the network and on the open web: what every item was before audiences.
    #[default]
    Public,
    /// The publishing city's followers (its partner cities).
    Partners,
    /// These cities only, by actor id (sorted, no repeats); for instance the host and visiting
    /// cities of an exchange.
    Cities(Vec<Url>),
    /// The members of one community of practice (its `Group` actor's id).
    Community(Url),
}

impl Audience {
    /// Every kind of audience, in the order an editor is offered them.
    pub const CODES: [&'static str; 4] = ["public", "partners", "community", "cities"];

    /// The stable code used in storage, the API and the index.
    pub fn code(&self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Partners => "partners",
            Audience::Cities(_) => "cities",
            Audience::Community(_) => "community",
        }
    }

    pub fn is_public(&self) -> bool {
        matches!(self, Audience::Public)
    }

    /// The cities named, for [`Audience::Cities`].
    pub fn named_cities(&self) -> &[Url] {
        match self {
            Audience::Cities(cities) => cities,
            _ => &[],
        }
    }

    /// The community whose members alone may read it, for [`Audience::Community`].
    pub fn community(&self) -> Option<&Url> {
        match self {
            Audience::Community(community) => Some(community),
            _ => None,
        }
    }

    /// Rebuilds an audience from its stored code, named cities and community.
    pub fn from_parts(code: &str, cities: Vec<Url>, community: Option<&Url>) -> Option<Audience> {
        match code {
            "public" => Some(Audience::Public),
            "partners" => Some(Audience::Partners),
            "cities" => Some(Audience::named(cities)),
            "community" => community.cloned().map(Audience::Community),
            _ => None,
        }
    }

    /// Named cities, sorted and without repeats.
    pub fn named(mut cities: Vec<Url>) -> Audience {
        cities.sort();
        cities.dedup();
        Audience::Cities(cities)
    }
}

/// What a reader may see of what this city holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// The city's own staff (a session or an API token): everything the city holds, since the
    /// city is in the audience of every item it was sent.
    Everything,
    /// Anyone else: public items only. Nothing shows that other items exist.
    PublicOnly,
}

impl Visibility {
    /// Whether an item for `audience` is shown.
    pub fn shows(self, audience: &Audience) -> bool {
        self == Visibility::Everything || audience.is_public()
    }
}

/// An audience as submitted: `{"kind": "partners"}`, `{"kind": "community"}` (the members of the
/// community the item is posted to), or `{"kind": "cities", "cities": [...]}` with the actor ids
/// of the cities.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AudienceDraft {
    /// `public` (the default), `partners` (the city's followers), `community` (the members of the
    /// item's `community`) or `cities` (those named).
    #[schema(required = true)]
    pub kind: Option<String>,
    /// For `cities`: the actor ids of the cities, at most 50.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cities: Vec<String>,
}

impl From<&Audience> for AudienceDraft {
    fn from(audience: &Audience) -> Self {
        AudienceDraft {
            kind: Some(audience.code().to_string()),
            cities: audience.named_cities().iter().map(ToString::to_string).collect(),
        }
    }
}

impl AudienceDraft {
    /// The audience, or the problems with it recorded under `audience`; `own` (the publishing
    /// city) is dropped from named cities: it always reads its own items. `community` is the
    /// community the item is posted to, if any.
    pub fn validate(
        &self,
        own: Option<&Url>,
        community: Option<&Url>,
        errors: &mut ValidationErrors,
    ) -> Audience {
        let kind = self.kind.as_deref().map(str::trim).unwrap_or("public");
        match kind {
            "public" | "partners" | "community" if !self.cities.is_empty() => {
                errors.add(
                    "audience.cities",
                    Problem::CitiesOnlyForNamed,
                    format!("cities are named only for the audience `cities`, not `{kind}`"),
                );
                Audience::Public
            }
            "public" => Audience::Public,
            "partners" => Audience::Partners,
            "community" => match community {
                Some(community) => Audience::Community(community.clone()),
                None => {
                    errors.add(
                        "community",
                        Problem::CommunityNeeded,
                        "the audience `community` needs the community the item is posted to",
                    );
                    Audience::Public
                }
            },
            "cities" => {
                let mut cities = Vec::new();
                for (i, city) in self.cities.iter().enumerate() {
                    match Url::parse(city.trim()) {
                        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
                            if Some(&url) != own {
                                cities.push(url);
                            }
                        }
                        _ => {
                            errors
                                .add(
                                    format!("audience.cities[{i}]"),
                                    Problem::NotACity,
                                    format!("expected the http or https address of a city, got `{city}`"),
                                )
                                .with("value", city);
                        }
                    }
                }
                if self.cities.len() > MAX_NAMED_CITIES {
                    errors
                        .add(
                            "audience.cities",
                            Problem::TooMany,
                            format!("at most {MAX_NAMED_CITIES} cities, got {}", self.cities.len()),
                        )
                        .with("max", MAX_NAMED_CITIES);
                } else if self.cities.is_empty() {
                    errors.add(
                        "audience.cities",
                        Problem::Required,
                        "name at least one other city for the audience `cities`",
                    );
                }
                Audience::named(cities)
            }
            other => {
                errors.add(
                    "audience.kind",
                    Problem::UnknownCode,
                    format!("expected one of public, partners, community, cities; got `{other}`"),
                );
                Audience::Public
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(kind: &str, cities: &[&str]) -> AudienceDraft {
        AudienceDraft {
            kind: Some(kind.into()),
            cities: cities.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn named_cities_are_sorted_without_repeats_and_without_the_publisher() {
        let own = Url::parse("https://vidin.example/city").unwrap();
        let mut errors = ValidationErrors::default();
        let audience = draft(
            "cities",
            &[
                "https://tran.example/city",
                "https://bitola.example/city",
                "https://tran.example/city",
                "https://vidin.example/city",
            ],
        )
        .validate(Some(&own), None, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            audience
                .named_cities()
                .iter()
                .map(Url::as_str)
                .collect::<Vec<_>>(),
            ["https://bitola.example/city", "https://tran.example/city"]
        );
    }

    #[test]
    fn a_named_audience_needs_cities_and_other_audiences_take_none() {
        let mut errors = ValidationErrors::default();
        draft("cities", &[]).validate(None, None, &mut errors);
        assert!(errors.has("audience.cities"), "{errors:?}");
        let mut errors = ValidationErrors::default();
        draft("partners", &["https://tran.example/city"]).validate(None, None, &mut errors);
        assert!(errors.has("audience.cities"), "{errors:?}");
        let mut errors = ValidationErrors::default();
        draft("cities", &["not a url"]).validate(None, None, &mut errors);
        assert!(errors.has("audience.cities[0]"), "{errors:?}");
        let mut errors = ValidationErrors::default();
        draft("everyone", &[]).validate(None, None, &mut errors);
        assert!(errors.has("audience.kind"), "{errors:?}");
    }

    #[test]
    fn no_audience_given_means_public() {
        let mut errors = ValidationErrors::default();
        assert_eq!(
            AudienceDraft::default().validate(None, None, &mut errors),
            Audience::Public
        );
        assert!(errors.is_empty());
    }
}
