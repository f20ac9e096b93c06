//! Knowledge items: what a city publishes, and the rules every item obeys.

pub mod details;
pub mod draft;
pub mod reading;
pub mod schema;

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

pub use details::{Details, FieldValue, Naming, Record};
pub use draft::{AttachmentDraft, ContactDraft, ItemDraft, LocationDraft, PeriodDraft, Strictness};

use super::city::Location;
use super::language::{LanguageMap, LanguageTag};

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest summary, in characters.
pub const MAX_SUMMARY_CHARS: usize = 3_000;
/// Longest body of one language version, in characters.
pub const MAX_BODY_CHARS: usize = 200_000;
/// Most language versions one item may have.
pub const MAX_LANGUAGES: usize = 30;

/// What sort of knowledge an item is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    GoodPractice,
    TrainingMaterial,
    ExchangeReport,
    ActionPlan,
}

impl ItemKind {
    /// Every kind, in the order they are presented.
    pub const ALL: [ItemKind; 4] = [
        ItemKind::GoodPractice,
        ItemKind::TrainingMaterial,
        ItemKind::ExchangeReport,
        ItemKind::ActionPlan,
    ];

    /// The stable code used in storage, APIs and federation.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::GoodPractice => "good_practice",
            ItemKind::TrainingMaterial => "training_material",
            ItemKind::ExchangeReport => "exchange_report",
            ItemKind::ActionPlan => "action_plan",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind-specific fields.
    pub fn fields(self) -> &'static [schema::FieldSpec] {
        schema::fields(self)
    }
}

/// When the work an item describes took or takes place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// Someone to ask about an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A file that comes with an item: a toolkit, slides, a video.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attachment {
    /// The name a reader sees and downloads it under.
    pub name: String,
    pub media_type: String,
    pub url: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// SHA-256 of the content, hex, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// The validated content of an item, without its identity: what an editor writes.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemContent {
    pub kind: ItemKind,
    /// The language the item was first written in; every item has a title in it.
    pub original_language: LanguageTag,
    /// Plain-text titles; every language version has one.
    pub title: LanguageMap,
    /// Plain-text summaries, in some or all of the title's languages.
    pub summary: LanguageMap,
    /// Sanitized HTML bodies, in some or all of the title's languages.
    pub body: LanguageMap,
    /// Theme codes from [`crate::domain::vocabulary::THEMES`], sorted.
    pub themes: Vec<String>,
    /// Target group codes from [`crate::domain::vocabulary::TARGET_GROUPS`], sorted.
    pub target_groups: Vec<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    pub place: Option<String>,
    /// Where the work happens, for the map.
    pub location: Option<Location>,
    pub period: Period,
    /// A code from [`crate::domain::vocabulary::STATUSES`].
    pub status: Option<String>,
    pub licence: Option<String>,
    pub contacts: Vec<Contact>,
    /// Other items this one builds on.
    pub cites: Vec<Url>,
    /// The item (of another city, usually) this one adapts.
    pub adapted_from: Option<Url>,
    pub attachments: Vec<Attachment>,
    /// Who may read it.
    pub audience: super::audience::Audience,
    /// The community of practice it is posted to (its `Group`'s actor id).
    pub community: Option<Url>,
    /// The kind-specific fields.
    pub details: Details,
    /// The city that translated a language version, for versions another city contributed
    /// and the origin accepted (see [`crate::domain::translation`]).
    pub translated_by: std::collections::BTreeMap<LanguageTag, Url>,
}

impl ItemContent {
    /// Every language the item has a version in (those of its title).
    pub fn languages(&self) -> Vec<LanguageTag> {
        self.title.languages().cloned().collect()
    }
}

/// A published knowledge item, local or from a peer city.
#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeItem {
    pub ap_id: Url,
    /// The id of the city that published it; only that city may change it.
    pub origin: Url,
    pub content: ItemContent,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// Its id at the address its city had before it moved, when it was brought along (restored
    /// from the old instance's archive): holders of the old id re-point it to this one.
    pub former_ap_id: Option<Url>,
}

impl KnowledgeItem {
    /// Every language the item has a version in.
    pub fn languages(&self) -> Vec<LanguageTag> {
        self.content.languages()
    }
}

/// The current time at the precision every database keeps (microseconds).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[cfg(test)]
mod tests;
