//! The one rule for who may publish or change an item here, shared by `Create` and `Update` (and
//! by every later activity that carries an item): a second copy of a check is where the next hole
//! opens.
//!
//! An item arrives only when:
//! - its id is on the sender's origin and it is attributed to the sender (only the origin city
//!   speaks for an item);
//! - and the city has an *accepted* follow of the sender, or already holds the item from that
//!   sender (an update of something it was given, for instance through a share), or the item
//!   adapts one of this city's own items (how a city learns that its practice travelled), or the
//!   item names this city in its audience (a report for the host and visiting cities of an
//!   exchange reaches cities that do not follow its author), or the item is posted to one of this
//!   instance's communities by one of its members (which the community then relays).
//!
//! An item for a community's members only is refused from anyone who is not a member of that
//! community here (never asked, still waiting, or removed by a moderator).
//!
//! Its dates are checked where every received item is read (`Article::to_item`), so a date in the
//! future is refused on every path, backfill and fetch included.

use activitypub_federation::{config::Data, traits::Object};
use url::Url;

use crate::{
    app::AppContext,
    domain::item::KnowledgeItem,
    federation::{
        FederationError,
        membership::{self, Standing},
        objects::item::Article,
    },
    storage::{
        cities,
        follows::{self, FollowState},
        items,
    },
};

/// Fails unless `actor` may send `article` to this city.
pub async fn may_send_item(
    data: &Data<AppContext>,
    actor: &Url,
    article: &Article,
) -> Result<(), FederationError> {
    if article.attributed_to.inner() != actor {
        return Err(FederationError::Refused(format!(
            "item {} is attributed to {} but was sent by {actor}; only the origin city may publish or change it",
            article.id, article.attributed_to
        )));
    }
    KnowledgeItem::verify(article, actor, data).await?;
    // Named as a reader by the item's own origin, which the signature and the checks above proved.
    if article.audience().named_cities().contains(&data.city.ap_id) {
        return Ok(());
    }
    if let Some(community) = article.audience.clone() {
        let sender = actor.clone();
        let standing = data
            .db
            .read(move |conn| membership::standing(conn, &community, &sender))
            .await?;
        match standing {
            Standing::Member => return Ok(()),
            Standing::NotMember if article.audience().community().is_some() => {
                return Err(FederationError::Refused(format!(
                    "{actor} is not a member of {}; only members may post to it",
                    article.audience().community().map_or("", |c| c.as_str())
                )));
            }
            Standing::NotMember | Standing::NotHere => {}
        }
    }
    // Adapting one of this city's items is news from anyone.
    let adapts_ours = article
        .adapted_from
        .as_deref()
        .and_then(|a| Url::parse(a).ok())
        .filter(|a| a.origin() == data.city.ap_id.origin());
    let (local, sender, item) = (data.city_id, actor.clone(), article.id.inner().clone());
    let welcome = data
        .db
        .read(move |conn| -> Result<bool, FederationError> {
            if let Some(original) = adapts_ours
                && items::find_by_ap_id(conn, &original)?.is_some_and(|i| i.deleted_at.is_none())
            {
                return Ok(true);
            }
            let Some((sender_id, _)) = cities::find_by_ap_id(conn, &sender)? else {
                return Ok(false);
            };
            if follows_accepted(conn, local, sender_id)? {
                return Ok(true);
            }
            Ok(items::origin_of(conn, &item)?.is_some_and(|(_, origin)| origin == sender_id))
        })
        .await?;
    if welcome {
        Ok(())
    } else {
        Err(FederationError::Refused(format!(
            "{} does not follow {actor} (or its follow is not accepted yet); it accepts items only from cities it follows, updates of items it holds, and adaptations of its own",
            data.city.ap_id
        )))
    }
}

/// Whether `follower` follows `followee` and the follow was accepted (a pending request is not
/// a follow).
pub fn follows_accepted(
    conn: &mut crate::storage::DbConn<'_>,
    follower: cities::CityId,
    followee: cities::CityId,
) -> Result<bool, crate::storage::StorageError> {
    Ok(follows::find(conn, follower, followee)?.is_some_and(|f| f.state == FollowState::Accepted))
}
