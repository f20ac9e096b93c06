//! `machine_translations`: the engine's texts for an item, per language and item version; and
//! `machine_translation_usage`: the characters sent to the engine per day, for its budget.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};
use url::Url;

use super::{
    DbConn, StorageError, dispatch, from_db_time,
    schema::{machine_translation_usage as usage, machine_translations as mt},
    to_db_time,
};
use crate::domain::{
    item::now, language::LanguageTag, machine_translation::MachineTranslation, translation::TranslationTexts,
};

/// The machine translation of `item` into `language` made from the item's version `version`.
pub fn find(
    conn: &mut DbConn<'_>,
    item: &Url,
    language: &LanguageTag,
    version: DateTime<Utc>,
) -> Result<Option<MachineTranslation>, StorageError> {
    let row = dispatch!(conn, c => mt::table
        .filter(mt::item_ap_id.eq(item.as_str()))
        .filter(mt::language.eq(language.as_str()))
        .filter(mt::item_version.eq(to_db_time(version)))
        .select((mt::texts, mt::sources, mt::item_version))
        .first::<(String, String, NaiveDateTime)>(c)
        .optional())?;
    let Some((texts, sources, version)) = row else {
        return Ok(None);
    };
    let corrupt = |what: &str| StorageError::Corrupt(format!("{what} of the machine translation of {item}"));
    let texts: TranslationTexts = serde_json::from_str(&texts).map_err(|_| corrupt("texts"))?;
    let sources: BTreeMap<String, LanguageTag> =
        serde_json::from_str(&sources).map_err(|_| corrupt("sources"))?;
    Ok(Some(MachineTranslation {
        item: item.clone(),
        version: from_db_time(version),
        texts,
        sources,
    }))
}

/// Keeps a machine translation, and forgets those of older versions of the item in its
/// language: nobody reads them again.
pub fn store(conn: &mut DbConn<'_>, translation: &MachineTranslation) -> Result<(), StorageError> {
    let item = translation.item.as_str();
    let language = translation.texts.language.as_str();
    let version = to_db_time(translation.version);
    let texts = serde_json::to_string(&translation.texts).expect("texts serialize");
    let sources = serde_json::to_string(&translation.sources).expect("sources serialize");
    dispatch!(conn, c => {
        diesel::delete(
            mt::table
                .filter(mt::item_ap_id.eq(item))
                .filter(mt::language.eq(language))
                .filter(mt::item_version.ne(version)),
        )
        .execute(c)?;
        diesel::insert_into(mt::table)
            .values((
                mt::item_ap_id.eq(item),
                mt::language.eq(language),
                mt::item_version.eq(version),
                mt::texts.eq(&texts),
                mt::sources.eq(&sources),
                mt::created_at.eq(to_db_time(now())),
            ))
            .on_conflict((mt::item_ap_id, mt::language, mt::item_version))
            .do_nothing()
            .execute(c)
    })?;
    Ok(())
}

/// Counts `characters` against the budget of `day` (`YYYY-MM-DD`, UTC) if they fit in
/// `budget`; false, counting nothing, when they do not.
pub fn reserve(conn: &mut DbConn<'_>, day: &str, characters: i64, budget: i64) -> Result<bool, StorageError> {
    if characters > budget {
        return Ok(false);
    }
    // A conditional update, so two processes sharing a database cannot both spend the rest.
    let add = || {
        diesel::update(
            usage::table
                .filter(usage::day.eq(day))
                .filter(usage::characters.le(budget - characters)),
        )
        .set(usage::characters.eq(usage::characters + characters))
    };
    let first = || {
        diesel::insert_into(usage::table)
            .values((usage::day.eq(day), usage::characters.eq(characters)))
            .on_conflict(usage::day)
            .do_nothing()
    };
    let counted = dispatch!(conn, c => {
        add().execute(c)? == 1 || first().execute(c)? == 1 || add().execute(c)? == 1
    });
    Ok(counted)
}

/// The characters sent to the engine on `day`.
pub fn used(conn: &mut DbConn<'_>, day: &str) -> Result<i64, StorageError> {
    let used = dispatch!(conn, c => usage::table
        .filter(usage::day.eq(day))
        .select(usage::characters)
        .first::<i64>(c)
        .optional())?;
    Ok(used.unwrap_or(0))
}
