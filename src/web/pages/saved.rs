//! "Saved for later": each person's own list of items to come back to.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use url::Url;

use super::{ItemCard, item_href};
use crate::{
    api::views::{ItemView, load_items},
    app::AppContext,
    domain::user::Role,
    http::HttpError,
    storage::{StorageError, bookmarks, items},
    web::{Frame, render, see_other, session::Viewer, with_done},
};

/// Most items the list shows.
const MOST_SAVED: i64 = 500;

#[derive(Template)]
#[template(path = "saved.html")]
struct SavedPage {
    frame: Frame,
    cards: Vec<ItemCard>,
}

/// `GET /saved`: the items the person saved, the last saved first.
pub async fn show(
    req: HttpRequest,
    viewer: Viewer,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.id;
    let loaded = data
        .db
        .read(move |conn| {
            let ids = bookmarks::list(conn, user, MOST_SAVED)?;
            let stored = items::get_many(conn, &ids)?;
            load_items(conn, stored)
        })
        .await?;
    let cards = loaded
        .iter()
        // An item whose audience no longer includes this city is not shown.
        .filter(|l| viewer.visibility().shows(&l.stored.item.content.audience))
        .map(|l| {
            ItemCard::new(
                &ItemView::for_languages(l, &viewer.reads),
                &viewer,
                &data.settings,
            )
        })
        .collect();
    let frame = Frame::new(&viewer, &req, &data.city, "saved", viewer.tr.t("saved-heading"));
    render(&viewer, &SavedPage { frame, cards })
}

#[derive(Deserialize)]
pub struct SaveForm {
    csrf: String,
    id: Url,
    saved: bool,
}

/// `POST /saved`: saves an item for later, or takes it off the list; back to the item.
pub async fn change(
    viewer: Viewer,
    form: web::Form<SaveForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.id;
    viewer.check_csrf(&form.csrf)?;
    let (id, saved) = (form.id.clone(), form.saved);
    let found = data
        .db
        .write(move |conn| -> Result<bool, StorageError> {
            let Some(stored) = items::find_by_ap_id(conn, &id)?.filter(|s| s.deleted_at.is_none()) else {
                return Ok(false);
            };
            if saved {
                bookmarks::save(conn, user, stored.id)?;
            } else {
                bookmarks::remove(conn, user, stored.id)?;
            }
            Ok(true)
        })
        .await?;
    if !found {
        return Err(HttpError::not_found(viewer.tr.t("error-item-not-found")).in_readers_language());
    }
    let page = item_href(&form.id, &data.settings);
    Ok(see_other(&with_done(
        &page,
        if saved { "saved-for-later" } else { "unsaved" },
    )))
}
