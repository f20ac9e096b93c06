//! A reply (a question to the owning city, or an answer) as an ActivityPub `Note` with
//! `inReplyTo`.

use std::collections::BTreeMap;

use activitypub_federation::{
    kinds::{object::NoteType, public},
    protocol::helpers::deserialize_one_or_many,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{
    domain::{
        city::City,
        item::now,
        reply::{Reply, signature, validated_content},
    },
    federation::{FederationError, language_map::LanguageObject, verify},
};

/// The `Note` document, as it crosses the wire (Mastodon's replies have this shape too).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    #[serde(rename = "type")]
    pub kind: NoteType,
    pub id: Url,
    pub attributed_to: Url,
    pub in_reply_to: Url,
    pub content: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub content_map: BTreeMap<String, String>,
    /// Its language once more, for Lemmy, which reads a comment's language only from here.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::federation::lenient::language"
    )]
    pub language: Option<LanguageObject>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub cc: Vec<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    /// The person who wrote it for the city, a Praxis extension (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
    /// The actors it is addressed to, as `Mention`s: Mastodon and its peers notify an actor of a
    /// reply only when it mentions them. What others send here is not read.
    #[serde(default, skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<Mention>,
}

/// A `Mention` of an actor, named by its `@handle@domain` address.
#[derive(Clone, Debug, Serialize)]
pub struct Mention {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub href: Url,
    pub name: String,
}

impl Note {
    /// The wire form of a reply, addressed to and mentioning `recipients` (and public).
    pub fn from_reply(reply: &Reply, recipients: &[City]) -> Note {
        Note {
            kind: NoteType::Note,
            id: reply.ap_id.clone(),
            attributed_to: reply.author.clone(),
            in_reply_to: reply.in_reply_to.clone(),
            content: reply.content.clone(),
            content_map: reply
                .language
                .iter()
                .map(|l| (l.to_string(), reply.content.clone()))
                .collect(),
            language: reply.language.as_ref().map(LanguageObject::of),
            to: recipients.iter().map(|c| c.ap_id.clone()).collect(),
            cc: vec![public()],
            published: Some(reply.published),
            signed_by: reply.signed_by.clone(),
            tag: recipients
                .iter()
                .map(|c| Mention {
                    kind: "Mention",
                    href: c.ap_id.clone(),
                    name: format!("@{}", c.address()),
                })
                .collect(),
        }
    }

    /// The domain reply, its HTML sanitized; the Note must be on its author's origin.
    pub fn to_reply(&self) -> Result<Reply, FederationError> {
        verify::same_origin("reply", &self.id, &self.attributed_to)?;
        let language = self
            .content_map
            .keys()
            .next()
            .or(self.language.as_ref().map(|l| &l.identifier))
            .map(String::as_str);
        let (content, language) = validated_content(&self.content, true, language)?;
        Ok(Reply {
            ap_id: self.id.clone(),
            author: self.attributed_to.clone(),
            in_reply_to: self.in_reply_to.clone(),
            content,
            language,
            published: self.published.unwrap_or_else(now),
            signed_by: self.signed_by.as_deref().and_then(signature),
        })
    }
}
