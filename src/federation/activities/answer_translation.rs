//! `Accept` or `Reject` of an `Offer` of a translation: the item's origin tells the translating
//! city what became of its proposal. An `Accept` comes with the item's `Update`, which carries
//! the new language to every holder; a `Reject` says why in `content`.
//!
//! Only the item's origin answers: the answer's actor must be on the item's origin, and the
//! Offer one this city sent for that item.

use activitypub_federation::{
    config::Data,
    kinds::activity::{AcceptType, OfferType, RejectType},
    traits::Activity,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::Received;
use crate::{
    app::AppContext,
    domain::{
        sanitize::plain_text,
        translation::{MAX_MESSAGE_CHARS, ProposalState},
    },
    federation::{FederationError, urls, verify},
    storage::translations,
};

/// The Offer answered, as the answer embeds it (the proposal by id).
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct OfferRef {
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: OfferType,
    pub actor: Url,
    /// The proposal's id.
    pub object: Url,
    /// The item.
    pub target: Url,
}

macro_rules! answer {
    ($name:ident, $kind:ty, $variant:expr, $word:literal, $state:expr) => {
        #[derive(Clone, Debug, Deserialize, Serialize)]
        pub struct $name {
            pub id: Url,
            #[serde(rename = "type")]
            pub kind: $kind,
            pub actor: Url,
            pub object: OfferRef,
            #[serde(
                default,
                deserialize_with = "activitypub_federation::protocol::helpers::deserialize_one_or_many"
            )]
            pub to: Vec<Url>,
            /// Why, in the origin's words (a Reject's message).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub content: Option<String>,
        }

        impl $name {
            pub fn new(ctx: &AppContext, offer: OfferRef, content: Option<String>) -> $name {
                $name {
                    id: urls::new_activity(&ctx.settings, $word),
                    kind: $variant,
                    actor: ctx.city.ap_id.clone(),
                    to: vec![offer.actor.clone()],
                    object: offer,
                    content,
                }
            }
        }

        #[async_trait::async_trait]
        impl Activity for $name {
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
                verify::same_origin("item", &self.object.target, &self.actor)?;
                verify::same_origin("translation", &self.object.object, &data.city.ap_id)?;
                Ok(())
            }

            async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
                let received = Received::of(&self, $word);
                let (proposal, item) = (self.object.object.clone(), self.object.target.clone());
                let message = self
                    .content
                    .as_deref()
                    .map(|m| plain_text(m).chars().take(MAX_MESSAGE_CHARS).collect::<String>());
                data.db
                    .write(move |conn| -> Result<(), FederationError> {
                        received.claim(conn)?;
                        let found = translations::find_by_ap_id(conn, &proposal)?
                            .filter(|p| p.outgoing && p.item == item)
                            .ok_or_else(|| {
                                FederationError::NotFound(format!("{proposal} is no translation this city offered for {item}"))
                            })?;
                        translations::decide(conn, found.id, $state, message.as_deref())?;
                        Ok(())
                    })
                    .await?;
                tracing::info!(item = %self.object.target, answer = $word, "a city answered a translation");
                Ok(())
            }
        }
    };
}

answer!(
    AcceptTranslation,
    AcceptType,
    AcceptType::Accept,
    "Accept",
    ProposalState::Accepted
);
answer!(
    RejectTranslation,
    RejectType,
    RejectType::Reject,
    "Reject",
    ProposalState::Declined
);
