//! Items as the API shows them: in the reader's language, with every language version, their
//! provenance, and (in detail) replies and adaptations.

use std::collections::{BTreeMap, HashMap};

use actix_web::HttpRequest;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::{Map, Value};
use url::Url;

use super::CityView;
use crate::{
    domain::{
        audience::AudienceDraft,
        city::City,
        item::{Attachment, Contact, ItemKind, KnowledgeItem, Naming, reading::Reader},
        language::LanguageTag,
        translation::ProposalState,
    },
    http::negotiate::reader_languages,
    storage::{
        DbConn, StorageError, cities,
        cities::CityId,
        items::{self, StoredItem},
        replies, shares, translations,
    },
};

/// One language version of an item.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TextsView {
    pub title: String,
    pub summary: Option<String>,
    pub body: Option<String>,
}

/// When the work took place.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PeriodView {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// An item in the reader's language, with every language version and field it has.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ItemView {
    pub id: Url,
    #[schema(value_type = ItemKind)]
    pub kind: &'static str,
    /// The city that published it.
    pub origin: CityView,
    /// Cities that re-shared it, through which it may have reached this instance.
    pub shared_by: Vec<CityView>,
    /// The language `title` is in. Each text is chosen on its own (see `field_languages`): the
    /// first of the reader's languages it exists in, then the original, then any.
    pub language: String,
    /// The language each shown text is in, by field: `title`, `summary`, `body` and
    /// `details.<name>` for each kind-specific text (whose every version is in `details`).
    #[schema(value_type = BTreeMap<String, String>)]
    pub field_languages: BTreeMap<String, String>,
    /// The fields above that exist, but not in the first language the reader asked for: what a
    /// translation would add.
    pub missing: Vec<String>,
    pub original_language: String,
    /// Every language the item has a version in.
    pub languages: Vec<String>,
    pub title: String,
    pub summary: Option<String>,
    pub body: Option<String>,
    /// Every language version, by language tag.
    pub texts: BTreeMap<String, TextsView>,
    pub themes: Vec<String>,
    pub target_groups: Vec<String>,
    pub tags: Vec<String>,
    pub country: Option<String>,
    pub place: Option<String>,
    /// Where the work happens, for maps.
    pub location: Option<super::city::LocationView>,
    pub period: PeriodView,
    pub status: Option<String>,
    pub licence: Option<String>,
    pub contacts: Vec<Contact>,
    pub cites: Vec<Url>,
    pub adapted_from: Option<Url>,
    /// How many cities adapted this item for themselves (items held here stating `adapted_from`
    /// it; a city's several adaptations count once).
    pub adapted_by_cities: i64,
    pub attachments: Vec<Attachment>,
    /// The city that translated a language version another city contributed, by language tag.
    #[schema(value_type = BTreeMap<String, String>)]
    pub translated_by: BTreeMap<String, Url>,
    /// Who may read it: `{"kind": "public"}`, `{"kind": "partners"}` (the origin city's
    /// followers) or `{"kind": "cities", "cities": [...]}`.
    pub audience: AudienceDraft,
    /// The kind-specific fields, by their snake_case names, texts with every language: which
    /// fields there are depends on the `kind` (see "Fields of each kind" in docs/API.md).
    #[schema(value_type = Object)]
    pub details: Map<String, Value>,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

/// A reply about an item.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReplyView {
    pub id: Url,
    pub author: CityView,
    /// The person who wrote it for the city, when they signed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
    pub in_reply_to: Url,
    pub content: String,
    pub language: Option<String>,
    pub published: DateTime<Utc>,
}

/// An item that adapts another.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AdaptationView {
    pub id: Url,
    pub title: String,
    pub city: CityView,
}

/// A translation this city proposed for the item, shown to its readers before the item's city
/// reviewed it (its texts are in the view, in their language).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnreviewedTranslation {
    /// The proposal (`/api/v1/translations`).
    pub proposal: i64,
    pub language: String,
    /// The fields it translates: `title`, `summary`, `body`, `details.<name>`.
    pub fields: Vec<String>,
}

/// An item with its replies and the items that adapt it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ItemDetail {
    #[serde(flatten)]
    pub item: ItemView,
    pub replies: Vec<ReplyView>,
    pub adapted_by: Vec<AdaptationView>,
    /// Translations this city proposed and the item's city has not reviewed yet.
    pub unreviewed_translations: Vec<UnreviewedTranslation>,
    /// The cities in `translated_by` this instance knows.
    pub translators: Vec<CityView>,
    /// The item as this view shows it (with this city's unreviewed translations), for pages
    /// that show more of it than the view holds.
    #[serde(skip)]
    #[schema(ignore)]
    pub shown: KnowledgeItem,
}

/// What a view of stored items needs besides the items: their cities and sharers.
pub struct LoadedItem {
    pub stored: StoredItem,
    pub origin: City,
    pub sharers: Vec<City>,
    /// How many cities adapted the item.
    pub adapting_cities: i64,
}

/// Loads the origin and sharers of each item (one query per city, whatever the number of items),
/// and how many cities adapted it.
pub fn load_items(conn: &mut DbConn<'_>, stored: Vec<StoredItem>) -> Result<Vec<LoadedItem>, StorageError> {
    let ids: Vec<&str> = stored.iter().map(|s| s.item.ap_id.as_str()).collect();
    let adapting = items::adapting_cities(conn, &ids)?;
    let mut cities_by_id: HashMap<CityId, City> = HashMap::new();
    let mut city = |conn: &mut DbConn<'_>, id: CityId| -> Result<City, StorageError> {
        if let Some(city) = cities_by_id.get(&id) {
            return Ok(city.clone());
        }
        let loaded = cities::get(conn, id)?;
        cities_by_id.insert(id, loaded.clone());
        Ok(loaded)
    };
    stored
        .into_iter()
        .map(|stored| {
            let origin = city(conn, stored.origin_city_id)?;
            let sharers = shares::sharers(conn, stored.id)?
                .into_iter()
                .map(|id| city(conn, id))
                .collect::<Result<_, _>>()?;
            let adapting_cities = adapting.get(stored.item.ap_id.as_str()).copied().unwrap_or(0);
            Ok(LoadedItem {
                stored,
                origin,
                sharers,
                adapting_cities,
            })
        })
        .collect()
}

impl ItemView {
    /// Picks the version for the reader from the request's `lang` or `Accept-Language`.
    pub fn new(loaded: &LoadedItem, req: &HttpRequest) -> ItemView {
        Self::for_languages(loaded, &reader_languages(req))
    }

    pub fn for_languages(loaded: &LoadedItem, preferred: &[LanguageTag]) -> ItemView {
        let (item, origin, sharers) = (&loaded.stored.item, &loaded.origin, &loaded.sharers);
        let content = &item.content;
        let reader = Reader::new(preferred, content);
        let (language, title) = reader
            .pick(&content.title)
            .map(|(l, t)| (l.clone(), t.to_string()))
            .unwrap_or_else(|| (content.original_language.clone(), String::new()));
        let text = |map| reader.pick(map).map(|(_, t)| t.to_string());
        let reading = content.reading(preferred);
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
            shared_by: sharers.iter().map(CityView::from).collect(),
            summary: text(&content.summary),
            body: text(&content.body),
            language: language.to_string(),
            field_languages: reading
                .languages
                .into_iter()
                .map(|(field, language)| (field, language.to_string()))
                .collect(),
            missing: reading.missing,
            original_language: content.original_language.to_string(),
            languages: item.languages().iter().map(ToString::to_string).collect(),
            title,
            texts,
            themes: content.themes.clone(),
            target_groups: content.target_groups.clone(),
            tags: content.tags.clone(),
            country: content.country.clone(),
            place: content.place.clone(),
            location: content.location.map(|l| super::city::LocationView {
                latitude: l.latitude,
                longitude: l.longitude,
            }),
            period: PeriodView {
                start: content.period.start,
                end: content.period.end,
            },
            status: content.status.clone(),
            licence: content.licence.clone(),
            contacts: content.contacts.clone(),
            cites: content.cites.clone(),
            adapted_from: content.adapted_from.clone(),
            attachments: content.attachments.clone(),
            translated_by: content
                .translated_by
                .iter()
                .map(|(language, city)| (language.to_string(), city.clone()))
                .collect(),
            audience: AudienceDraft::from(&content.audience),
            details: content.details.to_json(Naming::Snake),
            published: item.published,
            updated: item.updated,
            adapted_by_cities: loaded.adapting_cities,
        }
    }
}

impl ItemDetail {
    /// The item with its replies and adaptations, for one reader.
    pub fn load(
        conn: &mut DbConn<'_>,
        mut stored: StoredItem,
        preferred: &[LanguageTag],
    ) -> Result<ItemDetail, StorageError> {
        let pending: Vec<_> = translations::for_item(conn, &stored.item.ap_id, ProposalState::Proposed)?
            .into_iter()
            .filter(|p| p.outgoing)
            .collect();
        for proposal in &pending {
            proposal.texts.apply_to(&mut stored.item.content, None);
        }
        let unreviewed_translations = pending
            .iter()
            .map(|p| UnreviewedTranslation {
                proposal: p.id,
                language: p.texts.language.to_string(),
                fields: p.texts.fields(),
            })
            .collect();
        let mut translators = Vec::new();
        for city in stored.item.content.translated_by.values() {
            if let Some((_, known)) = cities::find_by_ap_id(conn, city)? {
                translators.push(CityView::from(&known));
            }
        }
        let replies = replies::for_item(conn, stored.id)?
            .into_iter()
            .map(|r| {
                Ok(ReplyView {
                    author: (&cities::get(conn, r.author_city_id)?).into(),
                    id: r.reply.ap_id,
                    in_reply_to: r.reply.in_reply_to,
                    content: r.reply.content,
                    language: r.reply.language.map(|l| l.to_string()),
                    published: r.reply.published,
                    signed_by: r.reply.signed_by,
                })
            })
            .collect::<Result<_, StorageError>>()?;
        let adapted_by = items::adaptations_of(conn, &stored.item.ap_id)?
            .into_iter()
            .map(|a| {
                let title = a
                    .item
                    .content
                    .title
                    .best(preferred, &a.item.content.original_language)
                    .map(|(_, t)| t.to_string())
                    .unwrap_or_default();
                Ok(AdaptationView {
                    city: (&cities::get(conn, a.origin_city_id)?).into(),
                    id: a.item.ap_id,
                    title,
                })
            })
            .collect::<Result<_, StorageError>>()?;
        let shown = stored.item.clone();
        let loaded = load_items(conn, vec![stored])?
            .pop()
            .expect("one item in, one out");
        Ok(ItemDetail {
            item: ItemView::for_languages(&loaded, preferred),
            replies,
            adapted_by,
            unreviewed_translations,
            translators,
            shown,
        })
    }
}
