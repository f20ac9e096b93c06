//! `Offer` of a `Translation`: a city proposes a translation of another city's item to the
//! item's origin, which reviews it (see [`crate::domain::translation`]).
//!
//! ```json
//! {"type": "Offer", "actor": "https://tran.example/city", "to": ["https://campobasso.example/city"],
//!  "target": "https://campobasso.example/items/…",
//!  "object": {"type": "Translation", "id": "https://tran.example/translations/…",
//!             "attributedTo": "https://tran.example/city", "translationOf": "https://campobasso.example/items/…",
//!             "basedOn": "2026-12-04T08:00:00Z",
//!             "nameMap": {"bg": "…"}, "summaryMap": {"bg": "…"}, "contentMap": {"bg": "…"},
//!             "objectives": {"bg": "…"}}}
//! ```
//!
//! Software that does not know `Offer` of a `Translation` ignores it (Mastodon drops unknown
//! activity types); nothing in it changes anything until the origin's editors accept it. The
//! trust boundary's rules hold as for every activity: signed by its actor, every id on the
//! actor's origin, the object attributed to the actor; here also: the item is this city's own,
//! the actor may read it, the texts pass the same validation and sanitizer as an editor's, and a
//! city may keep only so many proposals waiting.

use std::collections::BTreeMap;

use activitypub_federation::{config::Data, kinds::activity::OfferType, traits::Activity};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use url::Url;

use super::Received;
use crate::{
    app::AppContext,
    domain::translation::{TranslationDraft, TranslationTexts},
    federation::{FederationError, audience, urls, verify},
    storage::{cities, items, translations},
};

/// Most proposals of one city that may wait for review here.
pub const MAX_OPEN_PER_CITY: i64 = 200;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferTranslation {
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: OfferType,
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "activitypub_federation::protocol::helpers::deserialize_one_or_many"
    )]
    pub to: Vec<Url>,
    /// The item translated.
    pub target: Url,
    pub object: TranslationObject,
}

/// The only object type a Praxis `Offer` carries.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum TranslationType {
    #[default]
    Translation,
}

/// A translation on the wire: texts in one language as language maps, like an `Article`'s.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TranslationObject {
    #[serde(rename = "type")]
    pub kind: TranslationType,
    pub id: Url,
    pub attributed_to: Url,
    pub translation_of: Url,
    /// The item's `updated` the translation was made from.
    pub based_on: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub name_map: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary_map: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub content_map: BTreeMap<String, String>,
    /// The kind-specific texts (camelCase), each a map with the one language.
    #[serde(flatten)]
    pub details: Map<String, Value>,
}

impl TranslationObject {
    pub fn new(
        id: Url,
        translator: &Url,
        item: &Url,
        based_on: DateTime<Utc>,
        texts: &TranslationTexts,
    ) -> Self {
        let language = texts.language.to_string();
        let map = |text: &Option<String>| -> BTreeMap<String, String> {
            text.iter().map(|t| (language.clone(), t.clone())).collect()
        };
        let details = texts
            .details
            .iter()
            .map(|(name, text)| {
                let term = crate::domain::item::schema::camel_case(name);
                (term, serde_json::json!({ language.clone(): text }))
            })
            .collect();
        TranslationObject {
            kind: TranslationType::Translation,
            id,
            attributed_to: translator.clone(),
            translation_of: item.clone(),
            based_on,
            name_map: map(&texts.title),
            summary_map: map(&texts.summary),
            content_map: map(&texts.body),
            details,
        }
    }

    /// The draft its texts form: exactly one language, the one every map uses.
    pub fn to_draft(
        &self,
        naming_of: &crate::domain::item::ItemKind,
    ) -> Result<TranslationDraft, FederationError> {
        let mut languages: Vec<&String> = self
            .name_map
            .keys()
            .chain(self.summary_map.keys())
            .chain(self.content_map.keys())
            .collect();
        let mut details = BTreeMap::new();
        for spec in naming_of.fields() {
            if let Some(Value::Object(map)) = self.details.get(&spec.term()) {
                for (language, text) in map {
                    let Value::String(text) = text else {
                        return Err(FederationError::Refused(format!(
                            "{} must hold texts",
                            spec.term()
                        )));
                    };
                    languages.push(language);
                    details.insert(spec.name.to_string(), (language.clone(), text.clone()));
                }
            }
        }
        languages.sort();
        languages.dedup();
        let [language] = languages.as_slice() else {
            return Err(FederationError::Refused(format!(
                "a translation is into exactly one language; {} has {}",
                self.id,
                languages.len()
            )));
        };
        let language = (*language).clone();
        let one = |map: &BTreeMap<String, String>| map.get(&language).cloned();
        Ok(TranslationDraft {
            title: one(&self.name_map),
            summary: one(&self.summary_map),
            body: one(&self.content_map),
            details: details
                .into_iter()
                .map(|(name, (_, text))| (name, text))
                .collect(),
            language,
        })
    }
}

impl OfferTranslation {
    pub fn new(ctx: &AppContext, origin: &Url, object: TranslationObject) -> OfferTranslation {
        OfferTranslation {
            id: urls::new_activity(&ctx.settings, "offer"),
            kind: OfferType::Offer,
            actor: ctx.city.ap_id.clone(),
            to: vec![origin.clone()],
            target: object.translation_of.clone(),
            object,
        }
    }
}

#[async_trait::async_trait]
impl Activity for OfferTranslation {
    type DataType = AppContext;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, data: &Data<AppContext>) -> Result<(), FederationError> {
        verify::same_origin("activity", &self.id, &self.actor)?;
        verify::same_origin("translation", &self.object.id, &self.actor)?;
        if self.object.attributed_to != self.actor || self.object.translation_of != self.target {
            return Err(FederationError::Refused(
                "a translation is attributed to the city that offers it, and translates the Offer's target"
                    .into(),
            ));
        }
        verify::same_origin("item", &self.target, &data.city.ap_id)?;
        Ok(())
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        let local = data.city_id;
        let received = Received::of(&self, "Offer");
        let (item, proposer) = (self.target.clone(), self.actor.clone());
        let object = self.object.clone();
        data.db
            .write(move |conn| -> Result<(), FederationError> {
                received.claim(conn)?;
                let stored = items::find_by_ap_id(conn, &item)?
                    .filter(|s| s.deleted_at.is_none() && s.origin_city_id == local)
                    .ok_or_else(|| {
                        FederationError::NotFound(format!("{item} is not an item of this city"))
                    })?;
                let (proposer_id, _) = cities::find_by_ap_id(conn, &proposer)?
                    .ok_or_else(|| FederationError::NotFound(format!("city {proposer} is not known")))?;
                if audience::may_read(conn, local, &stored.item.content.audience, &proposer)? != Some(true) {
                    return Err(FederationError::Refused(format!(
                        "{proposer} may not read {item}"
                    )));
                }
                if translations::open_from(conn, proposer_id)? >= MAX_OPEN_PER_CITY {
                    return Err(FederationError::Refused(format!(
                        "{proposer} has {MAX_OPEN_PER_CITY} translations waiting for review already"
                    )));
                }
                let draft = object.to_draft(&stored.item.content.kind)?;
                let texts = draft.validate(&stored.item.content)?;
                translations::insert(
                    conn,
                    &translations::NewProposal {
                        ap_id: &object.id,
                        item: &item,
                        proposer: proposer_id,
                        outgoing: false,
                        texts: &texts,
                        based_on: object.based_on,
                    },
                )?;
                Ok(())
            })
            .await?;
        tracing::info!(item = %self.target, city = %self.actor, "received a translation to review");
        Ok(())
    }
}
