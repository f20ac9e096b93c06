//! A knowledge item as an ActivityPub `Article`, and its conversion to and from
//! [`KnowledgeItem`].
//!
//! Generic fediverse software reads `name`, `summary`, `content`, `tag` and `attachment`;
//! Praxis reads the language maps and its extension terms (see `federation::context`).

use std::collections::BTreeMap;

use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, kinds::object::ArticleType,
    protocol::helpers::deserialize_one_or_many, traits::Object,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use url::Url;

use crate::{
    app::AppContext,
    domain::{
        audience::{Audience, AudienceDraft},
        city::City,
        item::{
            AttachmentDraft, ContactDraft, Details, ItemDraft, ItemKind, KnowledgeItem, LocationDraft,
            Naming, PeriodDraft, Strictness, now,
        },
        language::LanguageMap,
        sanitize::teaser,
        validation::{Problem, ValidationErrors},
    },
    federation::{
        FederationError,
        activities::Received,
        actors::city::Place,
        audience,
        language_map::{LanguageMapJson, LanguageObject},
        verify,
    },
    storage::{
        DbConn, StorageError,
        cities::{self, CityId},
        items::{self, UpsertOutcome},
    },
};

/// Most characters of the `summary` generic software shows; `summaryMap` has the whole texts.
const SUMMARY_TEASER_CHARS: usize = 300;

/// The `Article` document, as it crosses the wire.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    #[serde(rename = "type")]
    pub kind: ArticleType,
    pub id: ObjectId<KnowledgeItem>,
    pub attributed_to: ObjectId<City>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub cc: Vec<Url>,
    /// The community the item is posted to (FEP-1b12's `audience`, the `Group`'s id).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::federation::lenient::url"
    )]
    pub audience: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub name_map: LanguageMapJson,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary_map: LanguageMapJson,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub content_map: LanguageMapJson,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// Themes and free tags as `Hashtag`s, for software that knows no Praxis terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<Tag>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment: Vec<Document>,
    /// The Praxis kind code, such as `good_practice`; absent in other software's articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_language: Option<String>,
    /// The original language again, for Lemmy (see [`LanguageObject`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::federation::lenient::language"
    )]
    pub language: Option<LanguageObject>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Where the work happens: an ActivityStreams `Place` named by `place`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::federation::lenient::place"
    )]
    pub location: Option<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactDraft>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adapted_from: Option<String>,
    /// For language versions another city translated: that city's actor id, by language tag.
    /// Read leniently: a value that is no URL, or a language without a version, is passed over.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translated_by: BTreeMap<String, Value>,
    /// The item's id before its city moved (see `docs/FEDERATION.md`, "Moving a city").
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::federation::lenient::urls"
    )]
    pub also_known_as: Vec<Url>,
    /// The kind-specific fields (camelCase); on the way in, also whatever else the sender put.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An entry of `tag`; Praxis reads `Hashtag`s and ignores the rest (mentions, emoji).
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Tag {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<Url>,
}

/// An entry of `attachment`: a file with its media type.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// A URL, or a `Link` object with `href`, as some servers send.
    pub url: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

impl Article {
    /// The wire form of an item; `followers` is the publishing city's followers collection.
    pub fn from_item(item: &KnowledgeItem, followers: Option<Url>) -> Article {
        let content = &item.content;
        let original = &content.original_language;
        let best = |map: &LanguageMap| {
            map.best(std::slice::from_ref(original), original)
                .map(|(_, t)| t.to_string())
        };
        let plain = |map: &LanguageMap| -> BTreeMap<String, String> {
            map.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
        };
        let hashtag = |name: &str| Tag {
            kind: "Hashtag".into(),
            name: Some(format!("#{name}")),
            href: None,
        };
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        let (to, cc) =
            audience::addressing(&content.audience, content.community.as_ref(), followers.as_ref());
        Article {
            kind: ArticleType::Article,
            id: item.ap_id.clone().into(),
            attributed_to: item.origin.clone().into(),
            to,
            cc,
            audience: content.community.clone(),
            name: best(&content.title),
            name_map: LanguageMapJson::new(plain(&content.title), original.as_str()),
            // Generic software shows `summary` as it is: a short teaser, the whole text in the map.
            summary: best(&content.summary).map(|s| teaser(&s, SUMMARY_TEASER_CHARS)),
            summary_map: LanguageMapJson::new(plain(&content.summary), original.as_str()),
            content: best(&content.body),
            content_map: LanguageMapJson::new(plain(&content.body), original.as_str()),
            media_type: Some("text/html".into()),
            published: Some(item.published),
            updated: Some(item.updated),
            url: Some(item.ap_id.clone()),
            tag: content
                .themes
                .iter()
                .chain(&content.tags)
                .map(|t| hashtag(t))
                .collect(),
            attachment: content
                .attachments
                .iter()
                .map(|a| Document {
                    kind: "Document".into(),
                    media_type: Some(a.media_type.clone()),
                    url: Value::from(a.url.as_str()),
                    name: Some(a.name.clone()),
                    size: a.size,
                    digest: a.digest.clone(),
                })
                .collect(),
            item_kind: Some(content.kind.code().into()),
            original_language: Some(original.to_string()),
            language: Some(LanguageObject::of(original)),
            themes: content.themes.clone(),
            target_groups: content.target_groups.clone(),
            country: content.country.clone(),
            place: content.place.clone(),
            location: content.location.map(|l| Place::of(content.place.as_deref(), l)),
            period_start: date(content.period.start),
            period_end: date(content.period.end),
            status: content.status.clone(),
            licence: content.licence.clone(),
            contacts: ItemDraft::from(content).contacts,
            cites: content.cites.iter().map(ToString::to_string).collect(),
            adapted_from: content.adapted_from.as_ref().map(ToString::to_string),
            translated_by: content
                .translated_by
                .iter()
                .map(|(language, city)| (language.to_string(), Value::from(city.as_str())))
                .collect(),
            also_known_as: item.former_ap_id.iter().cloned().collect(),
            extra: content.details.to_json(Naming::Camel),
        }
    }

    /// Who the item is for, read from its addressing (see [`audience::from_addressing`]).
    pub fn audience(&self) -> Audience {
        audience::from_addressing(
            &self.to,
            &self.cc,
            self.attributed_to.inner(),
            self.audience.as_ref(),
        )
    }

    /// Converts to a domain item, applying every validation rule (and the sanitizer) that a
    /// locally written item goes through. What the sender adds beyond Praxis terms is ignored;
    /// an `Article` without Praxis terms becomes a minimal good practice.
    pub fn to_item(&self) -> Result<KnowledgeItem, FederationError> {
        let kind = match self.item_kind.as_deref() {
            Some(code) => ItemKind::from_code(code),
            None => Some(ItemKind::GoodPractice),
        };
        // A document with only `name`/`content` has them in its original language, or in the
        // language its maps use; `und` (undetermined) when nothing says.
        let original = self
            .original_language
            .clone()
            .or_else(|| {
                self.name_map
                    .keys()
                    .chain(self.content_map.keys())
                    .next()
                    .cloned()
            })
            .or_else(|| self.language.as_ref().map(|l| l.identifier.clone()))
            .unwrap_or_else(|| "und".into());
        // Empty texts say nothing; other servers send them (`"summary": ""`), so they are
        // dropped rather than refused.
        let with_fallback = |map: &BTreeMap<String, String>, single: &Option<String>| {
            let mut texts: BTreeMap<String, String> = match (map.is_empty(), single) {
                (true, Some(text)) => BTreeMap::from([(original.clone(), text.clone())]),
                _ => map.clone(),
            };
            texts.retain(|_, text| !crate::domain::sanitize::plain_text(text).is_empty());
            texts
        };
        let mut title = with_fallback(&self.name_map, &self.name);
        if title.is_empty() && self.item_kind.is_none() {
            // Articles from blogs may carry no title; their summary or opening stands in.
            let first_words = |text: &String| -> String {
                let plain = crate::domain::sanitize::plain_text(text);
                plain.chars().take(120).collect()
            };
            if let Some(text) = self.summary.as_ref().or(self.content.as_ref()) {
                title.insert(original.clone(), first_words(text));
            }
        }
        let mut errors = ValidationErrors::default();
        let details = match kind {
            Some(kind) => {
                Details::parse_lenient(kind.fields(), &self.extra, Naming::Camel, "details", &mut errors)
            }
            None => Details::default(),
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let hashtags: Vec<String> = self
            .tag
            .iter()
            .filter(|t| t.kind == "Hashtag")
            .filter_map(|t| t.name.as_deref())
            .map(|n| n.trim_start_matches('#').to_string())
            .filter(|n| !self.themes.contains(n))
            .collect();
        let draft = ItemDraft {
            kind: self.item_kind.clone().or(kind.map(|k| k.code().to_string())),
            original_language: Some(original.clone()),
            title,
            summary: with_fallback(&self.summary_map, &self.summary),
            body: with_fallback(&self.content_map, &self.content),
            themes: self.themes.clone(),
            target_groups: self.target_groups.clone(),
            tags: hashtags,
            country: self.country.clone(),
            place: self.place.clone(),
            location: self
                .location
                .as_ref()
                .and_then(Place::location)
                .map(|l| LocationDraft::Degrees {
                    latitude: l.latitude,
                    longitude: l.longitude,
                }),
            period: (self.period_start.is_some() || self.period_end.is_some()).then(|| PeriodDraft {
                start: self.period_start.clone(),
                end: self.period_end.clone(),
            }),
            status: self.status.clone(),
            licence: self.licence.clone(),
            contacts: self.contacts.clone(),
            cites: self.cites.clone(),
            adapted_from: self.adapted_from.clone(),
            audience: Some(AudienceDraft::from(&self.audience())),
            community: self.audience.as_ref().map(ToString::to_string),
            attachments: self
                .attachment
                .iter()
                .map(|d| AttachmentDraft {
                    name: d.name.clone(),
                    media_type: d.media_type.clone(),
                    url: document_url(&d.url),
                    size: d.size,
                    digest: d.digest.clone(),
                })
                .collect(),
            details: details.to_json(Naming::Snake),
        };
        // A date ahead of this clock would pin the item to the top of every feed.
        let latest = now()
            + chrono::Duration::from_std(crate::federation::inbox::signature::MAX_AHEAD)
                .expect("an hour is a valid duration");
        let mut errors = ValidationErrors::default();
        for (field, date) in [("published", self.published), ("updated", self.updated)] {
            if let Some(date) = date.filter(|d| *d > latest) {
                errors
                    .add(field, Problem::InTheFuture, format!("{date} is in the future"))
                    .with("value", date);
            }
        }
        let content = draft.validate_with(Strictness::Lenient);
        let mut content = match (content, errors.is_empty()) {
            (Ok(content), true) => content,
            (Ok(_), false) => return Err(errors.into()),
            (Err(mut invalid), _) => {
                invalid.0.extend(errors.0);
                return Err(invalid.into());
            }
        };
        for (language, city) in &self.translated_by {
            let language = crate::domain::language::LanguageTag::parse(language).ok();
            let city = city.as_str().and_then(|c| Url::parse(c).ok());
            if let (Some(language), Some(city)) = (language, city)
                && content.title.get(&language).is_some()
            {
                content.translated_by.insert(language, city);
            }
        }
        let published = self.published.unwrap_or_else(now);
        Ok(KnowledgeItem {
            ap_id: self.id.inner().clone(),
            origin: self.attributed_to.inner().clone(),
            content,
            published,
            updated: self.updated.unwrap_or(published),
            // Only an id elsewhere can be a former one.
            former_ap_id: self
                .also_known_as
                .iter()
                .find(|id| id.origin() != self.id.inner().origin())
                .cloned(),
        })
    }
}

/// Stores a received item (only a newer version replaces what is held). The item's origin
/// city is fetched when unknown; a stored item keeps its origin, so nobody else can take it over.
/// The activity that carried it, if any, is recorded in the same transaction.
pub async fn store(
    data: &Data<AppContext>,
    item: KnowledgeItem,
    activity: Option<Received>,
) -> Result<UpsertOutcome, FederationError> {
    store_then(data, item, activity, |_, _| Ok(())).await
}

/// Like [`store`], and then, in the same transaction and only when the item was stored, `then`
/// (a community's relay of the activity that carried it).
pub async fn store_then<F>(
    data: &Data<AppContext>,
    item: KnowledgeItem,
    activity: Option<Received>,
    then: F,
) -> Result<UpsertOutcome, FederationError>
where
    F: FnOnce(&mut DbConn<'_>, UpsertOutcome) -> Result<(), FederationError> + Send + 'static,
{
    let origin = ObjectId::<City>::from(item.origin.clone())
        .dereference(data)
        .await?;
    data.db
        .write(move |conn| -> Result<_, FederationError> {
            if let Some(activity) = &activity {
                activity.claim(conn)?;
            }
            let (origin_id, _) = cities::find_by_ap_id(conn, &origin.ap_id)?
                .ok_or_else(|| FederationError::NotFound(format!("city {} is not known", origin.ap_id)))?;
            let outcome = upsert_for_origin(conn, &item, origin_id)??;
            if outcome.changed() {
                then(conn, outcome)?;
            }
            Ok(outcome)
        })
        .await
}

/// Stores the item as `origin`'s, unless another city owns it (the inner error); the outer error
/// is the database's.
///
/// An item that names a former id held here takes that item's place, when the held item is
/// already `origin`'s: only a `Move` both actors confirmed credits a city with another
/// address's items, so a city can re-point nothing it was not given.
fn upsert_for_origin(
    conn: &mut DbConn<'_>,
    item: &KnowledgeItem,
    origin: CityId,
) -> Result<Result<UpsertOutcome, FederationError>, StorageError> {
    if let Some(former) = &item.former_ap_id {
        take_former_place(conn, former, &item.ap_id, origin)?;
    }
    if let Some((_, owner)) = items::origin_of(conn, &item.ap_id)?
        && owner != origin
    {
        return Ok(Err(FederationError::Refused(format!(
            "item {} belongs to {}; only its origin city may change it",
            item.ap_id,
            cities::get(conn, owner)?.ap_id
        ))));
    }
    Ok(Ok(items::upsert(conn, item, origin)?))
}

/// Gives the held item `former` the id `new_id`, when `origin` holds it already: only a `Move`
/// both actors confirmed credits a city with another address's items, so a city can re-point
/// nothing it was not given. A copy already held under `new_id` (a city that followed both
/// addresses got the restored item before it believed the move) gives way to the former row,
/// which keeps what hangs on it here: translations, shares, bookmarks, replies. True when the
/// item was re-pointed.
pub(crate) fn take_former_place(
    conn: &mut DbConn<'_>,
    former: &Url,
    new_id: &Url,
    origin: CityId,
) -> Result<bool, StorageError> {
    let Some((former_row, owner)) = items::origin_of(conn, former)? else {
        return Ok(false);
    };
    if owner != origin {
        return Ok(false);
    }
    match items::origin_of(conn, new_id)? {
        None => {}
        Some((copy, copy_owner)) if copy_owner == origin && copy != former_row => {
            items::drop_copy(conn, copy)?
        }
        Some(_) => return Ok(false),
    }
    items::repoint(conn, former_row, former, new_id)?;
    Ok(true)
}

/// Stores items that `origin` itself published (already checked to be on its origin and
/// attributed to it) in one transaction: a backfill page costs one commit, not one per item.
/// Each item gets its own outcome; an item that belongs to another city is refused alone, while
/// a database error undoes the whole batch.
pub async fn store_published_by(
    data: &Data<AppContext>,
    origin: &City,
    batch: Vec<KnowledgeItem>,
) -> Result<Vec<Result<UpsertOutcome, FederationError>>, FederationError> {
    let origin_ap_id = origin.ap_id.clone();
    data.db
        .write(move |conn| -> Result<_, FederationError> {
            let (origin_id, _) = cities::find_by_ap_id(conn, &origin_ap_id)?
                .ok_or_else(|| FederationError::NotFound(format!("city {origin_ap_id} is not known")))?;
            let mut outcomes = Vec::with_capacity(batch.len());
            for item in &batch {
                if item.origin != origin_ap_id {
                    outcomes.push(Err(FederationError::Refused(format!(
                        "item {} is attributed to {}, not to {origin_ap_id}",
                        item.ap_id, item.origin
                    ))));
                    continue;
                }
                outcomes.push(upsert_for_origin(conn, item, origin_id)?);
            }
            Ok(outcomes)
        })
        .await
}

/// The URL of an attachment given as a string or as a `Link` with `href`.
fn document_url(value: &Value) -> Option<String> {
    match value {
        Value::String(url) => Some(url.clone()),
        Value::Object(link) => link.get("href").and_then(Value::as_str).map(String::from),
        Value::Array(links) => links.iter().find_map(document_url),
        _ => None,
    }
}

#[async_trait::async_trait]
impl Object for KnowledgeItem {
    type DataType = AppContext;
    type Kind = Article;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    async fn read_from_id(
        id: Url,
        data: &Data<AppContext>,
    ) -> Result<Option<KnowledgeItem>, FederationError> {
        let found = data.db.read(move |conn| items::find_by_ap_id(conn, &id)).await?;
        Ok(found.filter(|s| s.deleted_at.is_none()).map(|s| s.item))
    }

    async fn into_json(self, data: &Data<AppContext>) -> Result<Article, FederationError> {
        let followers = (self.origin == data.city.ap_id)
            .then(|| data.city.followers.clone())
            .flatten();
        Ok(Article::from_item(&self, followers))
    }

    async fn verify(
        json: &Article,
        expected_domain: &Url,
        _data: &Data<AppContext>,
    ) -> Result<(), FederationError> {
        verify::same_origin("item", json.id.inner(), expected_domain)?;
        verify::same_origin("item", json.id.inner(), json.attributed_to.inner())
    }

    async fn from_json(json: Article, data: &Data<AppContext>) -> Result<KnowledgeItem, FederationError> {
        let item = json.to_item()?;
        store(data, item.clone(), None).await?;
        Ok(item)
    }

    async fn delete(&self, data: &Data<AppContext>) -> Result<(), FederationError> {
        // Called when a fetch finds the item gone (410) at its origin.
        let id = self.ap_id.clone();
        data.db
            .write(move |conn| -> Result<(), FederationError> {
                if let Some(stored) = items::find_by_ap_id(conn, &id)? {
                    items::mark_deleted(conn, stored.id)?;
                }
                Ok(())
            })
            .await
    }
}
