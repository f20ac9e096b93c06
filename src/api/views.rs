//! JSON shapes of the API: cities and items as a reader sees them.

use std::collections::BTreeMap;

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use url::Url;

use crate::{
    app::AppContext,
    domain::{city::City, item::KnowledgeItem},
    http::{HttpError, negotiate::reader_languages},
    storage::{
        StorageError,
        follows::{self, FollowState},
        items::{self, Scope},
    },
};

/// A city, local or peer.
#[derive(Debug, Clone, Serialize)]
pub struct CityView {
    pub id: Url,
    pub address: String,
    pub name: String,
    pub summary: String,
    pub languages: Vec<String>,
    pub country: Option<String>,
    pub is_local: bool,
}

impl From<&City> for CityView {
    fn from(city: &City) -> CityView {
        CityView {
            id: city.ap_id.clone(),
            address: city.address(),
            name: city.name.clone(),
            summary: city.summary.clone(),
            languages: city.languages.iter().map(ToString::to_string).collect(),
            country: city.country.clone(),
            is_local: city.is_local,
        }
    }
}

/// A relationship with another city.
#[derive(Debug, Clone, Serialize)]
pub struct RelationView {
    pub city: CityView,
    /// `pending` until the followed city accepts, then `accepted`.
    pub state: &'static str,
}

/// The local city with its relationships and how much it has published.
#[derive(Debug, Clone, Serialize)]
pub struct CityProfile {
    #[serde(flatten)]
    pub city: CityView,
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
                    items::count(conn, Scope::Origin(id))?,
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

/// `GET /api/v1/city`: the local city's profile and relationships.
pub async fn city_profile(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    Ok(HttpResponse::Ok().json(CityProfile::load(&data).await?))
}

/// One language version of an item.
#[derive(Debug, Clone, Serialize)]
pub struct TextsView {
    pub title: String,
    pub summary: Option<String>,
    pub body: Option<String>,
}

/// An item in the reader's language, with every language version it has.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub id: Url,
    pub kind: &'static str,
    pub origin: CityView,
    /// The language `title`, `summary` and `body` are in.
    pub language: String,
    pub original_language: String,
    /// Every language the item has a version in.
    pub languages: Vec<String>,
    pub title: String,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub texts: BTreeMap<String, TextsView>,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl ItemView {
    /// Picks the version for the reader from the request's `lang` or `Accept-Language`.
    pub fn new(item: &KnowledgeItem, origin: &City, req: &HttpRequest) -> ItemView {
        let content = &item.content;
        let preferred = reader_languages(req);
        let (language, title) = content
            .title
            .best(&preferred, &content.original_language)
            .map(|(l, t)| (l.clone(), t.to_string()))
            .unwrap_or_else(|| (content.original_language.clone(), String::new()));
        let texts = content
            .title
            .iter()
            .map(|(lang, title)| {
                (
                    lang.to_string(),
                    TextsView {
                        title: title.to_string(),
                        summary: content.summary.get(lang).map(str::to_string),
                        body: content.body.get(lang).map(str::to_string),
                    },
                )
            })
            .collect();
        ItemView {
            id: item.ap_id.clone(),
            kind: content.kind.code(),
            origin: origin.into(),
            summary: content.summary.get(&language).map(str::to_string),
            body: content.body.get(&language).map(str::to_string),
            language: language.to_string(),
            original_language: content.original_language.to_string(),
            languages: item.languages().iter().map(ToString::to_string).collect(),
            title,
            texts,
            published: item.published,
            updated: item.updated,
        }
    }
}
