//! Cities as the API shows them.

use activitypub_federation::config::Data;
use actix_web::HttpResponse;
use serde::Serialize;
use url::Url;

use crate::domain::audience::Visibility;
use crate::{
    app::AppContext,
    domain::city::City,
    http::HttpError,
    storage::{
        StorageError,
        follows::{self, FollowState},
        items::{self, Scope},
    },
};

/// A city, local or peer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CityView {
    pub id: Url,
    pub address: String,
    /// The name in the city's main language.
    pub name: String,
    /// The name in other languages, by language tag.
    pub names: std::collections::BTreeMap<String, String>,
    pub summary: String,
    pub languages: Vec<String>,
    pub country: Option<String>,
    /// Where the city is, when it says (degrees).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationView>,
    pub is_local: bool,
}

/// A point in degrees (WGS 84).
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct LocationView {
    pub latitude: f64,
    pub longitude: f64,
}

impl From<&City> for CityView {
    fn from(city: &City) -> CityView {
        CityView {
            id: city.ap_id.clone(),
            address: city.address(),
            name: city.name.clone(),
            names: city.names.clone(),
            summary: city.summary.clone(),
            languages: city.languages.iter().map(ToString::to_string).collect(),
            country: city.country.clone(),
            location: city.location.map(|l| LocationView {
                latitude: l.latitude,
                longitude: l.longitude,
            }),
            is_local: city.is_local,
        }
    }
}

impl CityView {
    /// The name for a reader of `preferred`.
    pub fn name_for(&self, preferred: &[crate::domain::language::LanguageTag]) -> &str {
        crate::domain::city::name_for_reader(
            &self.name,
            self.languages.first().map(String::as_str),
            &self.names,
            preferred,
        )
    }
}

/// A relationship with another city.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RelationView {
    pub city: CityView,
    /// `pending` until the followed city accepts, then `accepted`.
    #[schema(value_type = String, examples("pending", "accepted"))]
    pub state: &'static str,
}

/// The local city with its relationships and how much it has published.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CityProfile {
    #[serde(flatten)]
    pub city: CityView,
    /// How many items the city published.
    pub items: i64,
    pub followers: Vec<RelationView>,
    pub following: Vec<RelationView>,
}

impl CityProfile {
    pub async fn load(data: &Data<AppContext>) -> Result<CityProfile, HttpError> {
        let id = data.city_id;
        let (count, followers, following) = data
            .db
            .read(move |conn| -> Result<_, StorageError> {
                Ok((
                    items::count(conn, Scope::Origin(id), Visibility::PublicOnly)?,
                    follows::followers_of(conn, id)?,
                    follows::followed_by(conn, id)?,
                ))
            })
            .await?;
        let relations = |rows: Vec<(City, FollowState)>| {
            rows.iter()
                .map(|(city, state)| RelationView {
                    city: city.into(),
                    state: match state {
                        FollowState::Pending => "pending",
                        FollowState::Accepted => "accepted",
                        FollowState::Removed => "removed",
                    },
                })
                .collect()
        };
        Ok(CityProfile {
            city: data.city.as_ref().into(),
            items: count,
            followers: relations(followers),
            following: relations(following),
        })
    }
}

/// This city's profile, how much it published, and its followers and followed cities.
#[utoipa::path(
    get,
    path = "/api/v1/city",
    tag = "cities",
    responses((status = 200, body = CityProfile))
)]
pub async fn city_profile(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    Ok(HttpResponse::Ok().json(CityProfile::load(&data).await?))
}
