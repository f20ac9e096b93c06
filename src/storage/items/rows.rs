//! Item rows and their conversion to and from [`KnowledgeItem`].

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl, SelectableHelper, prelude::*};
use url::Url;

use super::{ItemId, StoredItem};
use crate::{
    domain::{
        audience::Audience,
        city::Location,
        item::{Attachment, Contact, Details, ItemContent, ItemKind, KnowledgeItem, Naming, Period},
        language::{LanguageMap, LanguageTag},
        validation::ValidationErrors,
    },
    storage::{
        DbConn, StorageError,
        cities::CityId,
        dispatch, from_db_time,
        schema::{
            cities, item_attachments, item_tags, item_target_groups, item_themes, item_translations, items,
        },
        stored_url, to_db_time,
    },
};

#[derive(Queryable, Selectable)]
#[diesel(table_name = items, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub(super) struct ItemRow {
    pub(super) id: i64,
    ap_id: String,
    origin_city_id: i64,
    kind: String,
    original_language: String,
    published_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    deleted_at: Option<NaiveDateTime>,
    country: Option<String>,
    place: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    status: Option<String>,
    licence: Option<String>,
    adapted_from: Option<String>,
    contacts: String,
    cites: String,
    details: String,
    audience: String,
    audience_cities: String,
    community: Option<String>,
    former_ap_id: Option<String>,
    moved_to: Option<String>,
}

/// The columns an insert or an update writes.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = items, treat_none_as_null = true)]
pub(super) struct ItemValues<'a> {
    kind: &'a str,
    original_language: &'a str,
    published_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    country: Option<&'a str>,
    place: Option<&'a str>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    status: Option<&'a str>,
    licence: Option<&'a str>,
    adapted_from: Option<&'a str>,
    contacts: String,
    cites: String,
    details: String,
    audience: &'a str,
    audience_cities: String,
    community: Option<&'a str>,
    former_ap_id: Option<&'a str>,
}

impl<'a> From<&'a KnowledgeItem> for ItemValues<'a> {
    fn from(item: &'a KnowledgeItem) -> Self {
        let c = &item.content;
        let cites: Vec<&str> = c.cites.iter().map(Url::as_str).collect();
        ItemValues {
            kind: c.kind.code(),
            original_language: c.original_language.as_str(),
            published_at: to_db_time(item.published),
            updated_at: to_db_time(item.updated),
            country: c.country.as_deref(),
            place: c.place.as_deref(),
            latitude: c.location.map(|l| l.latitude),
            longitude: c.location.map(|l| l.longitude),
            period_start: c.period.start,
            period_end: c.period.end,
            status: c.status.as_deref(),
            licence: c.licence.as_deref(),
            adapted_from: c.adapted_from.as_ref().map(Url::as_str),
            contacts: serde_json::to_string(&c.contacts).expect("contacts serialize"),
            cites: serde_json::to_string(&cites).expect("strings serialize"),
            details: serde_json::Value::Object(c.details.to_json(Naming::Snake)).to_string(),
            audience: c.audience.code(),
            audience_cities: serde_json::to_string(
                &c.audience
                    .named_cities()
                    .iter()
                    .map(Url::as_str)
                    .collect::<Vec<_>>(),
            )
            .expect("strings serialize"),
            community: c.community.as_ref().map(Url::as_str),
            former_ap_id: item.former_ap_id.as_ref().map(Url::as_str),
        }
    }
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = item_translations, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct TranslationRow {
    item_id: i64,
    language: String,
    title: String,
    summary: Option<String>,
    body: Option<String>,
    translated_by: Option<String>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = item_attachments, check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct AttachmentRow {
    item_id: i64,
    position: i32,
    name: String,
    media_type: String,
    url: String,
    size: Option<i64>,
    digest: Option<String>,
}

/// Writes the per-language texts and the child rows of an item.
pub(super) fn write_children(
    conn: &mut DbConn<'_>,
    id: ItemId,
    content: &ItemContent,
) -> Result<(), StorageError> {
    let id = id.0;
    let texts: Vec<TranslationRow> = content
        .title
        .iter()
        .map(|(language, title)| TranslationRow {
            item_id: id,
            language: language.to_string(),
            title: title.to_string(),
            summary: content.summary.get(language).map(str::to_string),
            body: content.body.get(language).map(str::to_string),
            translated_by: content.translated_by.get(language).map(ToString::to_string),
        })
        .collect();
    let themes: Vec<_> = content
        .themes
        .iter()
        .map(|code| (item_themes::item_id.eq(id), item_themes::code.eq(code)))
        .collect();
    let groups: Vec<_> = content
        .target_groups
        .iter()
        .map(|code| {
            (
                item_target_groups::item_id.eq(id),
                item_target_groups::code.eq(code),
            )
        })
        .collect();
    let tags: Vec<_> = content
        .tags
        .iter()
        .map(|tag| (item_tags::item_id.eq(id), item_tags::tag.eq(tag)))
        .collect();
    let attachments: Vec<AttachmentRow> = content
        .attachments
        .iter()
        .enumerate()
        .map(|(position, a)| AttachmentRow {
            item_id: id,
            position: position as i32,
            name: a.name.clone(),
            media_type: a.media_type.clone(),
            url: a.url.to_string(),
            size: a.size.map(|s| s as i64),
            digest: a.digest.clone(),
        })
        .collect();
    dispatch!(conn, c => {
        diesel::insert_into(item_translations::table).values(&texts).execute(c)?;
        if !themes.is_empty() {
            diesel::insert_into(item_themes::table).values(&themes).execute(c)?;
        }
        if !groups.is_empty() {
            diesel::insert_into(item_target_groups::table).values(&groups).execute(c)?;
        }
        if !tags.is_empty() {
            diesel::insert_into(item_tags::table).values(&tags).execute(c)?;
        }
        if !attachments.is_empty() {
            diesel::insert_into(item_attachments::table).values(&attachments).execute(c)?;
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// Child rows of a batch of items, by item id.
#[derive(Default)]
struct Children {
    texts: HashMap<i64, Vec<TranslationRow>>,
    themes: HashMap<i64, Vec<String>>,
    groups: HashMap<i64, Vec<String>>,
    tags: HashMap<i64, Vec<String>>,
    attachments: HashMap<i64, Vec<AttachmentRow>>,
    origins: HashMap<i64, String>,
}

fn group<T>(rows: Vec<(i64, T)>) -> HashMap<i64, Vec<T>> {
    let mut map: HashMap<i64, Vec<T>> = HashMap::new();
    for (id, value) in rows {
        map.entry(id).or_default().push(value);
    }
    map
}

/// Loads the children of `rows` and builds the items, keeping the order of `rows`.
pub(super) fn assemble(conn: &mut DbConn<'_>, rows: Vec<ItemRow>) -> Result<Vec<StoredItem>, StorageError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let city_ids: Vec<i64> = rows.iter().map(|r| r.origin_city_id).collect();
    let mut children = dispatch!(conn, c => {
        let texts = item_translations::table
            .filter(item_translations::item_id.eq_any(&ids))
            .select(TranslationRow::as_select())
            .load(c)?;
        let themes = item_themes::table
            .filter(item_themes::item_id.eq_any(&ids))
            .select((item_themes::item_id, item_themes::code))
            .load::<(i64, String)>(c)?;
        let groups = item_target_groups::table
            .filter(item_target_groups::item_id.eq_any(&ids))
            .select((item_target_groups::item_id, item_target_groups::code))
            .load::<(i64, String)>(c)?;
        let tags = item_tags::table
            .filter(item_tags::item_id.eq_any(&ids))
            .select((item_tags::item_id, item_tags::tag))
            .load::<(i64, String)>(c)?;
        let attachments = item_attachments::table
            .filter(item_attachments::item_id.eq_any(&ids))
            .order(item_attachments::position.asc())
            .select(AttachmentRow::as_select())
            .load(c)?;
        let origins = cities::table
            .filter(cities::id.eq_any(&city_ids))
            .select((cities::id, cities::ap_id))
            .load::<(i64, String)>(c)?;
        Ok::<_, diesel::result::Error>(Children {
            texts: group(texts.into_iter().map(|t| (t.item_id, t)).collect()),
            themes: group(themes),
            groups: group(groups),
            tags: group(tags),
            attachments: group(attachments.into_iter().map(|a| (a.item_id, a)).collect()),
            origins: origins.into_iter().collect(),
        })
    })?;
    rows.into_iter()
        .map(|row| to_stored(row, &mut children))
        .collect()
}

fn to_stored(row: ItemRow, children: &mut Children) -> Result<StoredItem, StorageError> {
    let corrupt = |what: &str| StorageError::Corrupt(format!("{what} of item {}", row.ap_id));
    let kind = ItemKind::from_code(&row.kind).ok_or_else(|| corrupt("kind"))?;
    let original_language =
        LanguageTag::parse(&row.original_language).map_err(|_| corrupt("original language"))?;
    let (mut title, mut summary, mut body) = (LanguageMap::new(), LanguageMap::new(), LanguageMap::new());
    let mut translated_by = std::collections::BTreeMap::new();
    for t in children.texts.remove(&row.id).unwrap_or_default() {
        let language = LanguageTag::parse(&t.language).map_err(|_| corrupt("language"))?;
        if let Some(city) = &t.translated_by {
            translated_by.insert(language.clone(), stored_url(city)?);
        }
        if let Some(s) = t.summary {
            summary.insert(language.clone(), s);
        }
        if let Some(b) = t.body {
            body.insert(language.clone(), b);
        }
        title.insert(language, t.title);
    }
    let attachments = children
        .attachments
        .remove(&row.id)
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            Ok(Attachment {
                name: a.name,
                media_type: a.media_type,
                url: stored_url(&a.url)?,
                size: a.size.map(|s| s as u64),
                digest: a.digest,
            })
        })
        .collect::<Result<_, StorageError>>()?;
    let contacts: Vec<Contact> = serde_json::from_str(&row.contacts).map_err(|_| corrupt("contacts"))?;
    let cites: Vec<String> = serde_json::from_str(&row.cites).map_err(|_| corrupt("cites"))?;
    let named: Vec<String> =
        serde_json::from_str(&row.audience_cities).map_err(|_| corrupt("audience_cities"))?;
    let named = named.iter().map(|c| stored_url(c)).collect::<Result<_, _>>()?;
    let community = row.community.as_deref().map(stored_url).transpose()?;
    let audience =
        Audience::from_parts(&row.audience, named, community.as_ref()).ok_or_else(|| corrupt("audience"))?;
    let details_json: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&row.details).map_err(|_| corrupt("details"))?;
    // Stored details were validated on the way in; parsing them again cannot fail unless the
    // schema lost a field, which migrations must handle.
    let mut problems = ValidationErrors::default();
    let details = Details::parse_lenient(
        kind.fields(),
        &details_json,
        Naming::Snake,
        "details",
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(corrupt(&format!("details ({problems})")));
    }
    let origin = children
        .origins
        .get(&row.origin_city_id)
        .ok_or_else(|| corrupt("origin city"))?;
    let sorted = |map: &mut HashMap<i64, Vec<String>>| {
        let mut codes = map.remove(&row.id).unwrap_or_default();
        codes.sort();
        codes
    };
    let themes = sorted(&mut children.themes);
    let target_groups = sorted(&mut children.groups);
    let mut tags = children.tags.remove(&row.id).unwrap_or_default();
    tags.sort();
    Ok(StoredItem {
        id: ItemId(row.id),
        origin_city_id: CityId(row.origin_city_id),
        item: KnowledgeItem {
            ap_id: stored_url(&row.ap_id)?,
            origin: stored_url(origin)?,
            content: ItemContent {
                kind,
                original_language,
                title,
                summary,
                body,
                themes,
                target_groups,
                tags,
                country: row.country,
                place: row.place,
                location: row
                    .latitude
                    .zip(row.longitude)
                    .and_then(|(lat, lon)| Location::new(lat, lon)),
                period: Period {
                    start: row.period_start,
                    end: row.period_end,
                },
                status: row.status,
                licence: row.licence,
                contacts,
                cites: cites.iter().map(|c| stored_url(c)).collect::<Result<_, _>>()?,
                adapted_from: row.adapted_from.as_deref().map(stored_url).transpose()?,
                attachments,
                audience,
                community,
                details,
                translated_by,
            },
            published: from_db_time(row.published_at),
            updated: from_db_time(row.updated_at),
            former_ap_id: row.former_ap_id.as_deref().map(stored_url).transpose()?,
        },
        deleted_at: row.deleted_at.map(from_db_time),
        moved_to: row.moved_to.as_deref().map(stored_url).transpose()?,
    })
}
