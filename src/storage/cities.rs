//! The `cities` table: the local city (with its keys) and every known peer.

use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl, SelectableHelper, prelude::*};
use url::Url;

use super::{
    DbConn, StorageError, dispatch, from_db_time, schema::cities, stored_url, stored_url_opt, to_db_time,
};
use crate::domain::{
    city::{ActorKind, City, Ed25519Key, Location, ed25519_from_multibase, ed25519_to_multibase},
    item::now,
    language::LanguageTag,
};

/// Database id of a city row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CityId(pub i64);

#[derive(Queryable, Selectable)]
#[diesel(table_name = cities, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct CityRow {
    id: i64,
    ap_id: String,
    handle: String,
    name: String,
    summary: String,
    languages: String,
    country: Option<String>,
    inbox_url: String,
    shared_inbox_url: Option<String>,
    outbox_url: Option<String>,
    followers_url: Option<String>,
    following_url: Option<String>,
    profile_url: Option<String>,
    public_key_pem: String,
    private_key_pem: Option<String>,
    is_local: bool,
    last_refreshed_at: chrono::NaiveDateTime,
    name_map: String,
    public_key_id: Option<String>,
    actor_kind: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    created_at: chrono::NaiveDateTime,
    ed25519_key_id: Option<String>,
    ed25519_public_key: Option<String>,
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = cities, treat_none_as_null = true)]
struct CityValues<'a> {
    ap_id: &'a str,
    handle: &'a str,
    name: &'a str,
    summary: &'a str,
    languages: String,
    country: Option<&'a str>,
    inbox_url: &'a str,
    shared_inbox_url: Option<&'a str>,
    outbox_url: Option<&'a str>,
    followers_url: Option<&'a str>,
    following_url: Option<&'a str>,
    profile_url: Option<&'a str>,
    public_key_pem: &'a str,
    private_key_pem: Option<&'a str>,
    is_local: bool,
    last_refreshed_at: chrono::NaiveDateTime,
    name_map: String,
    public_key_id: Option<&'a str>,
    actor_kind: &'a str,
    latitude: Option<f64>,
    longitude: Option<f64>,
    ed25519_key_id: Option<&'a str>,
    ed25519_public_key: Option<String>,
}

impl<'a> From<&'a City> for CityValues<'a> {
    fn from(city: &'a City) -> Self {
        let languages: Vec<&str> = city.languages.iter().map(LanguageTag::as_str).collect();
        CityValues {
            ap_id: city.ap_id.as_str(),
            handle: &city.handle,
            name: &city.name,
            summary: &city.summary,
            languages: serde_json::to_string(&languages).expect("strings serialize"),
            country: city.country.as_deref(),
            inbox_url: city.inbox.as_str(),
            shared_inbox_url: city.shared_inbox.as_ref().map(Url::as_str),
            outbox_url: city.outbox.as_ref().map(Url::as_str),
            followers_url: city.followers.as_ref().map(Url::as_str),
            following_url: city.following.as_ref().map(Url::as_str),
            profile_url: city.profile_url.as_ref().map(Url::as_str),
            public_key_pem: &city.public_key_pem,
            private_key_pem: city.private_key_pem.as_ref().map(|k| k.expose().as_str()),
            is_local: city.is_local,
            last_refreshed_at: to_db_time(city.last_refreshed_at),
            name_map: serde_json::to_string(&city.names).expect("strings serialize"),
            public_key_id: city.public_key_id.as_ref().map(Url::as_str),
            actor_kind: city.kind.code(),
            latitude: city.location.map(|l| l.latitude),
            longitude: city.location.map(|l| l.longitude),
            ed25519_key_id: city.ed25519_key.as_ref().map(|k| k.id.as_str()),
            ed25519_public_key: city
                .ed25519_key
                .as_ref()
                .map(|k| ed25519_to_multibase(&k.public_key)),
        }
    }
}

impl TryFrom<CityRow> for (CityId, City) {
    type Error = StorageError;

    fn try_from(row: CityRow) -> Result<Self, StorageError> {
        let languages: Vec<String> = serde_json::from_str(&row.languages)
            .map_err(|e| StorageError::Corrupt(format!("languages of {}: {e}", row.ap_id)))?;
        let city = City {
            ap_id: stored_url(&row.ap_id)?,
            handle: row.handle,
            name: row.name,
            names: serde_json::from_str(&row.name_map)
                .map_err(|e| StorageError::Corrupt(format!("names of {}: {e}", row.ap_id)))?,
            summary: row.summary,
            // A peer may have published a tag this version does not understand; keep the rest.
            languages: languages
                .iter()
                .filter_map(|l| LanguageTag::parse(l).ok())
                .collect(),
            country: row.country,
            location: match (row.latitude, row.longitude) {
                (Some(latitude), Some(longitude)) => Location::new(latitude, longitude),
                _ => None,
            },
            inbox: stored_url(&row.inbox_url)?,
            shared_inbox: stored_url_opt(row.shared_inbox_url)?,
            outbox: stored_url_opt(row.outbox_url)?,
            followers: stored_url_opt(row.followers_url)?,
            following: stored_url_opt(row.following_url)?,
            profile_url: stored_url_opt(row.profile_url)?,
            public_key_pem: row.public_key_pem,
            private_key_pem: row.private_key_pem.map(Into::into),
            public_key_id: stored_url_opt(row.public_key_id)?,
            ed25519_key: match (row.ed25519_key_id, row.ed25519_public_key) {
                (Some(id), Some(key)) => Some(Ed25519Key {
                    id: stored_url(&id)?,
                    public_key: ed25519_from_multibase(&key).ok_or_else(|| {
                        StorageError::Corrupt(format!("the Ed25519 key of {}: {key}", row.ap_id))
                    })?,
                }),
                _ => None,
            },
            is_local: row.is_local,
            kind: ActorKind::from_code(&row.actor_kind).ok_or_else(|| {
                StorageError::Corrupt(format!("actor kind of {}: {}", row.ap_id, row.actor_kind))
            })?,
            last_refreshed_at: from_db_time(row.last_refreshed_at),
            joined: row.is_local.then(|| from_db_time(row.created_at)),
        };
        Ok((CityId(row.id), city))
    }
}

fn convert(row: Option<CityRow>) -> Result<Option<(CityId, City)>, StorageError> {
    row.map(TryInto::try_into).transpose()
}

/// The local city, once it has been created.
pub fn find_local(conn: &mut DbConn<'_>) -> Result<Option<(CityId, City)>, StorageError> {
    let row = dispatch!(conn, c => cities::table
        .filter(cities::is_local.eq(true))
        .filter(cities::actor_kind.eq(ActorKind::City.code()))
        .select(CityRow::as_select())
        .first(c)
        .optional())?;
    convert(row)
}

/// A city by its actor id.
pub fn find_by_ap_id(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<Option<(CityId, City)>, StorageError> {
    let row = dispatch!(conn, c => cities::table
        .filter(cities::ap_id.eq(ap_id.as_str()))
        .select(CityRow::as_select())
        .first(c)
        .optional())?;
    convert(row)
}

/// Up to `limit` peer cities this instance knows, by name: those an editor may name as an
/// item's audience.
pub fn peers(conn: &mut DbConn<'_>, limit: i64) -> Result<Vec<City>, StorageError> {
    let rows = dispatch!(conn, c => cities::table
        .filter(cities::is_local.eq(false))
        .filter(cities::actor_kind.eq(ActorKind::City.code()))
        .order(cities::name.asc())
        .limit(limit)
        .select(CityRow::as_select())
        .load(c))?;
    rows.into_iter()
        .map(|row| Ok(<(CityId, City)>::try_from(row)?.1))
        .collect()
}

/// Every city known here, this one first, then the peers by name, at most `limit`, with their
/// ids (communities are not cities).
pub fn known(conn: &mut DbConn<'_>, limit: i64) -> Result<Vec<(CityId, City)>, StorageError> {
    let rows = dispatch!(conn, c => cities::table
        .filter(cities::actor_kind.eq(ActorKind::City.code()))
        .order((cities::is_local.desc(), cities::name.asc()))
        .limit(limit)
        .select(CityRow::as_select())
        .load(c))?;
    rows.into_iter().map(TryFrom::try_from).collect()
}

/// A city by its database id.
pub fn get(conn: &mut DbConn<'_>, id: CityId) -> Result<City, StorageError> {
    let row = dispatch!(conn, c => cities::table
        .find(id.0)
        .select(CityRow::as_select())
        .first(c))?;
    Ok(<(CityId, City)>::try_from(row)?.1)
}

/// Known cities whose `handle@domain` address is `address`.
pub fn find_by_address(
    conn: &mut DbConn<'_>,
    handle: &str,
    domain: &str,
) -> Result<Option<(CityId, City)>, StorageError> {
    let rows = dispatch!(conn, c => cities::table
        .filter(cities::handle.eq(handle))
        .select(CityRow::as_select())
        .load(c))?;
    for row in rows {
        let (id, city) = row.try_into()?;
        if city.domain().eq_ignore_ascii_case(domain) {
            return Ok(Some((id, city)));
        }
    }
    Ok(None)
}

/// Inserts the city, or updates the stored one with the same actor id.
pub fn upsert(conn: &mut DbConn<'_>, city: &City) -> Result<CityId, StorageError> {
    let values = CityValues::from(city);
    let created_at = to_db_time(now());
    let id = dispatch!(conn, c => diesel::insert_into(cities::table)
        .values((&values, cities::created_at.eq(created_at)))
        .on_conflict(cities::ap_id)
        .do_update()
        .set(&values)
        .returning(cities::id)
        .get_result::<i64>(c))?;
    Ok(CityId(id))
}

/// Number of cities known, the local one included.
pub fn count(conn: &mut DbConn<'_>) -> Result<i64, StorageError> {
    Ok(dispatch!(conn, c => cities::table.count().get_result(c))?)
}

#[derive(diesel::QueryableByName)]
struct Present {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Whether the database holds a local city already, read without migrating it first (a new,
/// empty database has no `cities` table yet).
pub fn local_city_exists(conn: &mut DbConn<'_>) -> Result<bool, StorageError> {
    let table = match conn.backend() {
        super::Backend::Sqlite => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'cities'"
        }
        super::Backend::Postgres => {
            "SELECT COUNT(*) AS n FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = 'cities'"
        }
    };
    let tables: Present = dispatch!(conn, c => diesel::sql_query(table).get_result(c))?;
    if tables.n == 0 {
        return Ok(false);
    }
    let local: Present = dispatch!(conn, c => diesel::sql_query("SELECT COUNT(*) AS n FROM cities WHERE is_local").get_result(c))?;
    Ok(local.n > 0)
}

/// The emblem of the local city (its actor's `icon`), when an admin uploaded one.
pub fn local_emblem(conn: &mut DbConn<'_>) -> Result<Option<Url>, StorageError> {
    let url: Option<Option<String>> = dispatch!(conn, c => cities::table
        .filter(cities::is_local.eq(true))
        .select(cities::icon_url)
        .first(c)
        .optional())?;
    stored_url_opt(url.flatten())
}

/// What the local city's actor says beyond its configuration, as admins set it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalProfile {
    /// The emblem (the actor's `icon`), when an admin uploaded one.
    pub emblem: Option<Url>,
    /// The actor the city moved to (`movedTo`), once it moved.
    pub moved_to: Option<Url>,
}

/// The local city's emblem and where it moved.
pub fn local_profile(conn: &mut DbConn<'_>) -> Result<LocalProfile, StorageError> {
    let row: Option<(Option<String>, Option<String>)> = dispatch!(conn, c => cities::table
        .filter(cities::is_local.eq(true))
        .select((cities::icon_url, cities::moved_to))
        .first(c)
        .optional())?;
    let (emblem, moved_to) = row.unwrap_or_default();
    Ok(LocalProfile {
        emblem: stored_url_opt(emblem)?,
        moved_to: stored_url_opt(moved_to)?,
    })
}

/// Records that the local city moved to the actor `to`.
pub fn set_local_moved_to(conn: &mut DbConn<'_>, to: &Url) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(cities::table.filter(cities::is_local.eq(true)))
        .set(cities::moved_to.eq(Some(to.as_str())))
        .execute(c))?;
    Ok(())
}

/// Sets (or, with `None`, removes) the local city's emblem.
pub fn set_local_emblem(conn: &mut DbConn<'_>, emblem: Option<&Url>) -> Result<(), StorageError> {
    let value = emblem.map(Url::as_str);
    dispatch!(conn, c => diesel::update(cities::table.filter(cities::is_local.eq(true)))
        .set(cities::icon_url.eq(value))
        .execute(c))?;
    Ok(())
}
