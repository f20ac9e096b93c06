//! The `replies` table: questions and answers about items.

use chrono::NaiveDateTime;
use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};
use url::Url;

use super::{
    DbConn, StorageError,
    cities::CityId,
    dispatch, from_db_time,
    items::ItemId,
    schema::{cities, replies},
    stored_url, to_db_time,
};
use crate::domain::{item::now, language::LanguageTag, reply::Reply};

/// A stored reply with the rows it hangs on.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredReply {
    pub item_id: ItemId,
    pub author_city_id: CityId,
    pub reply: Reply,
}

type Row = (
    String,
    i64,
    i64,
    String,
    Option<String>,
    String,
    NaiveDateTime,
    String,
    Option<String>,
);

/// Stores the reply once; a repeat changes nothing. True when it was new.
pub fn insert(
    conn: &mut DbConn<'_>,
    item: ItemId,
    author: CityId,
    reply: &Reply,
) -> Result<bool, StorageError> {
    let inserted = dispatch!(conn, c => diesel::insert_into(replies::table)
        .values((
            replies::ap_id.eq(reply.ap_id.as_str()),
            replies::item_id.eq(item.0),
            replies::author_city_id.eq(author.0),
            replies::in_reply_to.eq(reply.in_reply_to.as_str()),
            replies::language.eq(reply.language.as_ref().map(ToString::to_string)),
            replies::content.eq(&reply.content),
            replies::published_at.eq(to_db_time(reply.published)),
            replies::received_at.eq(to_db_time(now())),
            replies::signed_by.eq(reply.signed_by.as_deref()),
        ))
        .on_conflict(replies::ap_id)
        .do_nothing()
        .execute(c))?;
    Ok(inserted > 0)
}

/// Replies about an item, oldest first.
pub fn for_item(conn: &mut DbConn<'_>, item: ItemId) -> Result<Vec<StoredReply>, StorageError> {
    let rows: Vec<Row> = dispatch!(conn, c => replies::table
        .inner_join(cities::table)
        .filter(replies::item_id.eq(item.0))
        .order((replies::published_at.asc(), replies::id.asc()))
        .select((
            replies::ap_id,
            replies::item_id,
            replies::author_city_id,
            replies::in_reply_to,
            replies::language,
            replies::content,
            replies::published_at,
            cities::ap_id,
            replies::signed_by,
        ))
        .load(c))?;
    rows.into_iter().map(to_stored).collect()
}

/// A reply by its id.
pub fn find_by_ap_id(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<Option<StoredReply>, StorageError> {
    let row: Option<Row> = dispatch!(conn, c => replies::table
        .inner_join(cities::table)
        .filter(replies::ap_id.eq(ap_id.as_str()))
        .select((
            replies::ap_id,
            replies::item_id,
            replies::author_city_id,
            replies::in_reply_to,
            replies::language,
            replies::content,
            replies::published_at,
            cities::ap_id,
            replies::signed_by,
        ))
        .first(c)
        .optional())?;
    row.map(to_stored).transpose()
}

fn to_stored(row: Row) -> Result<StoredReply, StorageError> {
    let (ap_id, item, author_id, in_reply_to, language, content, published, author, signed_by) = row;
    Ok(StoredReply {
        item_id: ItemId(item),
        author_city_id: CityId(author_id),
        reply: Reply {
            ap_id: stored_url(&ap_id)?,
            author: stored_url(&author)?,
            in_reply_to: stored_url(&in_reply_to)?,
            content,
            language: language.and_then(|l| LanguageTag::parse(&l).ok()),
            published: from_db_time(published),
            signed_by,
        },
    })
}

/// What a reply to `in_reply_to` (an item, or an earlier reply) is about and whom it is
/// addressed to: the item, and the cities other than `local` to tell, the item's city and, when
/// it answers a reply, that reply's author. `None` when this instance holds neither.
pub fn addressees(
    conn: &mut DbConn<'_>,
    local: CityId,
    in_reply_to: &Url,
) -> Result<Option<(ItemId, Vec<crate::domain::city::City>)>, StorageError> {
    let (item, mut cities) = match super::items::find_by_ap_id(conn, in_reply_to)? {
        Some(item) if item.deleted_at.is_none() => (item.id, vec![item.origin_city_id]),
        _ => match find_by_ap_id(conn, in_reply_to)? {
            Some(earlier) => {
                let Some(item) = super::items::get_many(conn, &[earlier.item_id])?.pop() else {
                    return Ok(None);
                };
                (earlier.item_id, vec![item.origin_city_id, earlier.author_city_id])
            }
            None => return Ok(None),
        },
    };
    cities.sort_by_key(|c| c.0);
    cities.dedup();
    cities.retain(|c| *c != local);
    let cities = cities
        .into_iter()
        .map(|c| super::cities::get(conn, c))
        .collect::<Result<_, _>>()?;
    Ok(Some((item, cities)))
}
