//! The directory of the network: every city this one knows (those it follows, those following
//! it, and those met through shared items, communities and manifests), with what each offers,
//! on a map (see [`NetworkMap`]) and as a list.

use std::collections::HashSet;

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::{city_href, item_href};
use crate::{
    api::views::{CityProfile, CityView},
    app::AppContext,
    http::HttpError,
    storage::{StorageError, cities, items, peer_following},
    web::{Frame, network_map::NetworkMap, render, session::Viewer},
};

/// Most cities the directory lists.
const MOST_CITIES: i64 = 2_000;
/// Most items marked on the map (the most recent), so that the page stays light.
const MOST_PLACED_ITEMS: i64 = 300;

/// One city as the directory shows it.
struct DirectoryRow {
    id: String,
    href: String,
    name: String,
    address: String,
    country: Option<String>,
    languages: String,
    summary: String,
    items: String,
    /// How this city stands to it, in words.
    relation: String,
    /// Whether an admin may follow it from here.
    can_follow: bool,
}

/// A city's mark on the map.
struct Marker {
    href: String,
    name: String,
    x: String,
    y: String,
    /// Whether it is this city.
    own: bool,
}

/// A city one step further: followed by cities this one follows, not yet known here.
struct FurtherCity {
    id: String,
    /// Its host, the part of its address a person recognizes.
    host: String,
    /// "Followed by …", in words.
    followed_by: String,
    can_follow: bool,
}

/// An item's mark on the map: where its work happens.
struct ItemMarker {
    href: String,
    title: String,
    /// The title's language, when it is not the page's.
    lang: Option<String>,
    x: String,
    y: String,
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    frame: Frame,
    /// The map's background without its closing tag, for the markers to follow.
    base_map: String,
    /// Whom the map's tiles credit, when they come from a tile server.
    tile_credit: Option<String>,
    markers: Vec<Marker>,
    item_markers: Vec<ItemMarker>,
    /// How many items are on the map, in words.
    placed_items: Option<String>,
    rows: Vec<DirectoryRow>,
    further: Vec<FurtherCity>,
    /// How many cities have no place on the map.
    unplaced: Option<String>,
}

/// `GET /directory`: the cities of the network, on a map and in a list.
pub async fn show(
    req: HttpRequest,
    viewer: Viewer,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let tr = &viewer.tr;
    let visibility = viewer.visibility();
    let local = data.city_id;
    let (known, counts, placed, second_degree) = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let placed = items::located(conn, visibility, MOST_PLACED_ITEMS)?;
            Ok((
                cities::known(conn, MOST_CITIES)?,
                items::count_by_origin(conn, visibility)?,
                items::get_many(conn, &placed)?,
                peer_following::second_degree(conn, local)?,
            ))
        })
        .await?;
    let map = NetworkMap::new(&data.settings.map);
    let further = further_cities(&viewer, &known, second_degree);
    let item_markers: Vec<ItemMarker> = placed
        .iter()
        .filter_map(|stored| {
            let content = &stored.item.content;
            let (x, y) = content.location.and_then(|l| map.project(l))?;
            let (language, title) = content.title.best(&viewer.reads, &content.original_language)?;
            Some(ItemMarker {
                href: item_href(&stored.item.ap_id, &data.settings),
                title: title.to_string(),
                lang: (!language.same_language(&tr.language_tag())).then(|| language.to_string()),
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
            })
        })
        .collect();
    let profile = CityProfile::load(&data).await?;
    let with_state = |relations: &[crate::api::views::RelationView], state: &str| -> HashSet<String> {
        relations
            .iter()
            .filter(|r| r.state == state)
            .map(|r| r.city.id.to_string())
            .collect()
    };
    let followed = with_state(&profile.following, "accepted");
    let asked = with_state(&profile.following, "pending");
    let followers = with_state(&profile.followers, "accepted");
    let mut markers = Vec::new();
    let mut unplaced = 0;
    let rows = known
        .iter()
        .map(|(id, city)| {
            let view = CityView::from(city);
            let key = city.ap_id.to_string();
            let relation = match (
                city.is_local,
                followed.contains(&key),
                asked.contains(&key),
                followers.contains(&key),
            ) {
                (true, ..) => "directory-this-city",
                (_, true, _, true) => "directory-mutual",
                (_, true, _, false) => "directory-followed",
                (_, false, true, _) => "directory-asked",
                (_, false, false, true) => "directory-follows-us",
                _ => "directory-known",
            };
            let href = city_href(&view);
            let name = city.name_for(&viewer.reads).to_string();
            match city.location.and_then(|l| map.project(l)) {
                Some((x, y)) => markers.push(Marker {
                    href: href.clone(),
                    name: name.clone(),
                    x: format!("{x:.1}"),
                    y: format!("{y:.1}"),
                    own: city.is_local,
                }),
                None => unplaced += 1,
            }
            DirectoryRow {
                id: key.clone(),
                href,
                address: city.address(),
                country: city.country.as_deref().map(|c| tr.code_label("country", c)),
                languages: city
                    .languages
                    .iter()
                    .map(|l| tr.language_name(l.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
                summary: city.summary.clone(),
                items: tr.count("directory-items", counts.get(id).copied().unwrap_or(0)),
                relation: tr.t(relation),
                can_follow: viewer.is_admin()
                    && !city.is_local
                    && !followed.contains(&key)
                    && !asked.contains(&key),
                name,
            }
        })
        .collect();
    let page = DirectoryPage {
        frame: Frame::new(&viewer, &req, &data.city, "directory", tr.t("directory-heading")),
        base_map: map.opening(),
        tile_credit: map
            .attribution()
            .map(|credit| tr.t1("directory-map-caption-tiles", "attribution", credit)),
        markers,
        placed_items: (!item_markers.is_empty())
            .then(|| tr.count("directory-placed-items", item_markers.len() as i64)),
        item_markers,
        rows,
        further,
        unplaced: (unplaced > 0).then(|| tr.count("directory-unplaced", unplaced)),
    };
    render(&viewer, &page)
}

/// The cities followed by those this one follows that it does not know yet, each with who
/// follows it (the cities' names in the reader's language).
fn further_cities(
    viewer: &Viewer,
    known: &[(cities::CityId, crate::domain::city::City)],
    second_degree: Vec<(String, cities::CityId)>,
) -> Vec<FurtherCity> {
    let known_ids: HashSet<String> = known.iter().map(|(_, c)| c.ap_id.to_string()).collect();
    let name_of = |id: cities::CityId| {
        known
            .iter()
            .find(|(known_id, _)| *known_id == id)
            .map(|(_, c)| c.name_for(&viewer.reads).to_string())
    };
    let mut further: Vec<(String, Vec<String>)> = Vec::new();
    for (actor, via) in second_degree {
        if known_ids.contains(&actor) {
            continue;
        }
        let Some(via) = name_of(via) else { continue };
        match further.last_mut() {
            Some((last, vias)) if *last == actor => vias.push(via),
            _ => further.push((actor, vec![via])),
        }
    }
    further
        .into_iter()
        .map(|(actor, vias)| FurtherCity {
            host: url::Url::parse(&actor)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                .unwrap_or_else(|| actor.clone()),
            followed_by: viewer.tr.t1("directory-followed-by", "cities", &vias.join(", ")),
            can_follow: viewer.is_admin(),
            id: actor,
        })
        .collect()
}
