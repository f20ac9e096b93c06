//! The followers and following collections: actor ids of accepted relationships.

use activitypub_federation::config::Data;

use super::OrderedCollection;
use crate::{
    app::AppContext,
    federation::{FederationError, urls::paths},
    storage::follows::{self, FollowState},
};

/// Cities whose follow of this city was accepted.
pub async fn followers(data: &Data<AppContext>) -> Result<OrderedCollection<url::Url>, FederationError> {
    let city = data.city_id;
    let rows = data
        .db
        .read(move |conn| follows::followers_of(conn, city))
        .await?;
    Ok(listing(data, paths::FOLLOWERS, rows))
}

/// Cities this city follows and that accepted.
pub async fn following(data: &Data<AppContext>) -> Result<OrderedCollection<url::Url>, FederationError> {
    let city = data.city_id;
    let rows = data.db.read(move |conn| follows::followed_by(conn, city)).await?;
    Ok(listing(data, paths::FOLLOWING, rows))
}

fn listing(
    data: &Data<AppContext>,
    path: &str,
    rows: Vec<(crate::domain::city::City, FollowState)>,
) -> OrderedCollection<url::Url> {
    let ids: Vec<url::Url> = rows
        .into_iter()
        .filter(|(_, state)| *state == FollowState::Accepted)
        .map(|(city, _)| city.ap_id)
        .collect();
    OrderedCollection {
        kind: "OrderedCollection".into(),
        id: data.settings.url_for(path),
        total_items: ids.len() as i64,
        first: None,
        ordered_items: ids,
    }
}
