//! Contributed translations: proposing one for a peer's item, and reviewing those peers propose
//! for this city's items (see [`crate::domain::translation`]).

use url::Url;

use super::{
    ServiceError,
    items::{changed_own, replace_own},
};
use crate::{
    app::AppData,
    domain::{
        audience::Visibility,
        sanitize::plain_text,
        translation::{MAX_MESSAGE_CHARS, ProposalState, TranslationDraft},
    },
    federation::{
        activities::{AcceptTranslation, OfferRef, OfferTranslation, RejectTranslation, TranslationObject},
        delivery, urls,
    },
    storage::{
        StorageError, cities,
        items::{self, StoredItem},
        translations::{self, NewProposal, Proposal},
    },
};

/// Most proposals a list returns.
const LIST_LIMIT: i64 = 200;

/// Proposes `draft` as a translation of the peer item `item`: stored here at once (this city's
/// readers see it, marked as not reviewed) and offered to the item's origin.
pub async fn propose(data: &AppData, item: &Url, draft: TranslationDraft) -> Result<Proposal, ServiceError> {
    super::city::ensure_not_moved(data).await?;
    let stored = held(data, item, Visibility::Everything).await?;
    if stored.origin_city_id == data.city_id {
        return Err(ServiceError::BadInput(
            "this is the city's own item: edit it instead of proposing a translation".into(),
        ));
    }
    let texts = draft.validate(&stored.item.content)?;
    let ctx = data.app_data().clone();
    let proposal = data
        .db
        .write(move |conn| -> Result<Proposal, ServiceError> {
            let ap_id = urls::new_translation(&ctx.settings);
            let based_on = stored.item.updated;
            let id = translations::insert(
                conn,
                &NewProposal {
                    ap_id: &ap_id,
                    item: &stored.item.ap_id,
                    proposer: ctx.city_id,
                    outgoing: true,
                    texts: &texts,
                    based_on,
                },
            )?
            .expect("a fresh id is new");
            let origin = cities::get(conn, stored.origin_city_id)?;
            let object = TranslationObject::new(ap_id, &ctx.city.ap_id, &stored.item.ap_id, based_on, &texts);
            let offer = OfferTranslation::new(&ctx, &origin.ap_id, object);
            delivery::enqueue(conn, &ctx, &offer, &inbox_of(&origin))?;
            Ok(translations::get(conn, id)?.expect("just stored"))
        })
        .await?;
    delivery::wake(data);
    tracing::info!(item = %item, language = %proposal.texts.language, "proposed a translation");
    Ok(proposal)
}

/// Accepts an incoming proposal, as it is or as `edited` by the reviewing editor, who saw the
/// item at `reviewed_version` (its `updated`). The item gets the texts in their language,
/// crediting the translating city, and its `Update` goes to every holder; the translating city
/// is told. A translation never overrides a newer original: when the item changed since the
/// translation was made (or since the editor reviewed it), accepting it as it is is refused.
pub async fn accept(
    data: &AppData,
    id: i64,
    edited: Option<TranslationDraft>,
    reviewed_version: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Proposal, ServiceError> {
    let proposal = open_incoming(data, id).await?;
    let stored = held(data, &proposal.item, Visibility::Everything).await?;
    let seen = reviewed_version.unwrap_or(proposal.based_on);
    if stored.item.updated > seen + chrono::Duration::milliseconds(1) {
        return Err(ServiceError::Conflict(format!(
            "{} changed after this translation was made{}: review the translation against the current version",
            stored.item.ap_id,
            if reviewed_version.is_some() {
                " and reviewed"
            } else {
                ""
            }
        )));
    }
    let texts = match edited {
        Some(draft) => draft.validate(&stored.item.content)?,
        None => proposal.texts.clone(),
    };
    let proposer = proposal.proposer;
    let translator = data.db.read(move |conn| cities::get(conn, proposer)).await?;
    let mut content = stored.item.content.clone();
    texts.apply_to(&mut content, Some(&translator.ap_id));
    let (item, update) = changed_own(data, &stored.item, content);
    let ctx = data.app_data().clone();
    let decided = data
        .db
        .write(move |conn| -> Result<Proposal, ServiceError> {
            if !translations::decide(conn, proposal.id, ProposalState::Accepted, None)? {
                return Err(ServiceError::Conflict(
                    "the translation was decided already".into(),
                ));
            }
            replace_own(conn, &ctx, &item, &stored, &update)?;
            let answer = AcceptTranslation::new(&ctx, offer_of(&proposal, &translator.ap_id), None);
            delivery::enqueue(conn, &ctx, &answer, &inbox_of(&translator))?;
            Ok(translations::get(conn, proposal.id)?.expect("stored"))
        })
        .await?;
    delivery::wake(data);
    tracing::info!(item = %decided.item, language = %decided.texts.language, "accepted a translation");
    Ok(decided)
}

/// Declines an incoming proposal with a message for the translating city.
pub async fn decline(data: &AppData, id: i64, message: &str) -> Result<Proposal, ServiceError> {
    let message = plain_text(message).trim().to_string();
    if message.is_empty() || message.chars().count() > MAX_MESSAGE_CHARS {
        return Err(ServiceError::BadInput(format!(
            "say in 1 to {MAX_MESSAGE_CHARS} characters why the translation is declined"
        )));
    }
    let proposal = open_incoming(data, id).await?;
    let ctx = data.app_data().clone();
    let decided = data
        .db
        .write(move |conn| -> Result<Proposal, ServiceError> {
            if !translations::decide(conn, proposal.id, ProposalState::Declined, Some(&message))? {
                return Err(ServiceError::Conflict(
                    "the translation was decided already".into(),
                ));
            }
            let translator = cities::get(conn, proposal.proposer)?;
            let answer = RejectTranslation::new(&ctx, offer_of(&proposal, &translator.ap_id), Some(message));
            delivery::enqueue(conn, &ctx, &answer, &inbox_of(&translator))?;
            Ok(translations::get(conn, proposal.id)?.expect("stored"))
        })
        .await?;
    delivery::wake(data);
    Ok(decided)
}

/// Proposals this city sent (`outgoing`) or received, newest first.
pub async fn list(
    data: &AppData,
    outgoing: bool,
    state: Option<ProposalState>,
) -> Result<Vec<Proposal>, ServiceError> {
    Ok(data
        .db
        .read(move |conn| translations::list(conn, outgoing, state, LIST_LIMIT))
        .await?)
}

/// One proposal, sent or received.
pub async fn get(data: &AppData, id: i64) -> Result<Proposal, ServiceError> {
    data.db
        .read(move |conn| translations::get(conn, id))
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("there is no translation {id} here")))
}

/// Where a city receives what concerns it alone.
fn inbox_of(city: &crate::domain::city::City) -> Vec<Url> {
    city.own_inbox()
        .or(city.delivery_inbox())
        .into_iter()
        .cloned()
        .collect()
}

/// The Offer a proposal went out in, as an answer names it.
fn offer_of(proposal: &Proposal, translator: &Url) -> OfferRef {
    OfferRef {
        // The Offer's own id is not kept; the proposal's id is what both sides know it by.
        id: proposal.ap_id.clone(),
        kind: activitypub_federation::kinds::activity::OfferType::Offer,
        actor: translator.clone(),
        object: proposal.ap_id.clone(),
        target: proposal.item.clone(),
    }
}

async fn open_incoming(data: &AppData, id: i64) -> Result<Proposal, ServiceError> {
    let proposal = get(data, id).await?;
    if proposal.outgoing {
        return Err(ServiceError::Forbidden(
            "this city proposed that translation; only the item's city decides on it".into(),
        ));
    }
    if proposal.state != ProposalState::Proposed {
        return Err(ServiceError::Conflict(format!(
            "the translation was {} already",
            proposal.state.code()
        )));
    }
    Ok(proposal)
}

/// A held, not deleted item an editor may translate (or review a translation of).
pub async fn held_item(data: &AppData, id: &Url) -> Result<StoredItem, ServiceError> {
    held(data, id, Visibility::Everything).await
}

/// A held, not deleted item the viewer may read.
async fn held(data: &AppData, id: &Url, visibility: Visibility) -> Result<StoredItem, ServiceError> {
    let lookup = id.clone();
    data.db
        .read(move |conn| -> Result<_, StorageError> { items::find_by_ap_id(conn, &lookup) })
        .await?
        .filter(|s| s.deleted_at.is_none() && visibility.shows(&s.item.content.audience))
        .ok_or_else(|| ServiceError::NotFound(format!("there is no item {id} here")))
}
