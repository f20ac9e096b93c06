//! A knowledge item as an ActivityPub `Article`, and its conversion to and from
//! [`KnowledgeItem`].
//!
//! Generic fediverse software reads `name`, `summary` and `content`; Praxis reads the language
//! maps and its own extension terms.

use std::collections::BTreeMap;

use activitypub_federation::{
    config::Data,
    fetch::object_id::ObjectId,
    kinds::{object::ArticleType, public},
    protocol::helpers::deserialize_one_or_many,
    traits::Object,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{
    app::AppContext,
    domain::{
        city::City,
        item::{ItemDraft, KnowledgeItem, now},
        language::LanguageMap,
    },
    federation::{FederationError, verify},
    storage::{cities, items},
};

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub name_map: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary_map: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub content_map: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// The Praxis kind code, such as `good_practice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_kind: Option<String>,
    /// BCP 47 tag of the language the item was first written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_language: Option<String>,
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
        Article {
            kind: ArticleType::Article,
            id: item.ap_id.clone().into(),
            attributed_to: item.origin.clone().into(),
            to: vec![public()],
            cc: followers.into_iter().collect(),
            name: best(&content.title),
            name_map: plain(&content.title),
            summary: best(&content.summary),
            summary_map: plain(&content.summary),
            content: best(&content.body),
            content_map: plain(&content.body),
            media_type: Some("text/html".into()),
            published: Some(item.published),
            updated: Some(item.updated),
            url: Some(item.ap_id.clone()),
            item_kind: Some(content.kind.code().into()),
            original_language: Some(original.to_string()),
        }
    }

    /// Converts to a domain item, applying every validation rule (and the sanitizer) that a
    /// locally written item goes through.
    pub fn to_item(&self) -> Result<KnowledgeItem, FederationError> {
        let original = self.original_language.clone();
        // A document with only `name`/`content` has them in its original language.
        let with_fallback = |map: &BTreeMap<String, String>, single: &Option<String>| match (
            map.is_empty(),
            single,
            &original,
        ) {
            (true, Some(text), Some(lang)) => BTreeMap::from([(lang.clone(), text.clone())]),
            _ => map.clone(),
        };
        let draft = ItemDraft {
            kind: self.item_kind.clone(),
            original_language: original.clone(),
            title: with_fallback(&self.name_map, &self.name),
            summary: with_fallback(&self.summary_map, &self.summary),
            body: with_fallback(&self.content_map, &self.content),
        };
        let content = draft.validate()?;
        let published = self.published.unwrap_or_else(now);
        Ok(KnowledgeItem {
            ap_id: self.id.inner().clone(),
            origin: self.attributed_to.inner().clone(),
            content,
            published,
            updated: self.updated.unwrap_or(published),
        })
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
        let origin = json.attributed_to.dereference(data).await?;
        let stored = item.clone();
        data.db
            .write(move |conn| -> Result<_, FederationError> {
                let (origin_id, _) = cities::find_by_ap_id(conn, &origin.ap_id)?.ok_or_else(|| {
                    FederationError::NotFound(format!("city {} is not known", origin.ap_id))
                })?;
                Ok(items::upsert(conn, &stored, origin_id)?)
            })
            .await?;
        Ok(item)
    }
}
