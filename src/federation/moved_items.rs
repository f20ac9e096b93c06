//! Which of the city's items its new address brought along, after a move: read from the new
//! actor's outbox, every item there that names one of this city's ids in `alsoKnownAs` (what
//! restoring this city's archive on the new instance publishes).

use serde_json::Value;
use url::Url;

use super::{FederationError, actors::city::Organization, backfill, objects::item::Article};
use crate::app::AppData;

/// The (old id, new id) pairs of the items of `old_actor` that the new actor publishes under
/// new ids. Only what the new actor itself publishes on its origin counts, and only old ids on
/// the old actor's origin; at most `backfill_max_items` outbox entries are read.
pub async fn brought_along(
    data: &AppData,
    old_actor: &Url,
    new_actor: &Organization,
) -> Result<Vec<(Url, Url)>, FederationError> {
    let actor = new_actor.id.inner();
    let max = data.settings.federation.backfill_max_items;
    let mut seen = 0;
    let mut pairs = Vec::new();
    let mut next = backfill::first_page(data, actor, new_actor.outbox.as_ref()).await?;
    while let Some(url) = next {
        let (_, page) = backfill::fetch_page(data, actor, url).await?;
        for entry in &page.ordered_items {
            seen += 1;
            if let Some(article) = created_by(entry, actor) {
                pairs.extend(
                    article
                        .also_known_as
                        .iter()
                        .filter(|former| former.origin() == old_actor.origin())
                        .map(|former| (former.clone(), article.id.inner().clone())),
                );
            }
        }
        next = page.next.filter(|_| seen < max);
    }
    Ok(pairs)
}

/// The item of an outbox entry that is a `Create` by `actor` of its own item, embedded.
fn created_by(entry: &Value, actor: &Url) -> Option<Article> {
    if entry.get("type").and_then(Value::as_str) != Some("Create") {
        return None;
    }
    let article: Article = serde_json::from_value(entry.get("object")?.clone()).ok()?;
    (article.attributed_to.inner() == actor && article.id.inner().origin() == actor.origin())
        .then_some(article)
}
