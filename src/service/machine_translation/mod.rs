//! Machine translation for readers (see [`crate::domain::machine_translation`]): the texts an
//! item lacks in a reader's language, from the configured engine, once per item version, within
//! the daily budget. Off unless an admin configured an engine: nothing is ever sent otherwise.

pub mod libretranslate;

use url::Url;

use super::ServiceError;
use crate::{
    app::AppData,
    domain::{
        language::LanguageTag,
        machine_translation::{self, MachineTranslation},
    },
    storage::{StorageError, machine_translations},
};

/// Whether readers may ask for machine translations here.
pub fn is_configured(data: &AppData) -> bool {
    data.machine_translator.is_some()
}

/// The machine translation of the current version of `item` into `language`, if one was made.
pub async fn cached(
    data: &AppData,
    item: &Url,
    language: &LanguageTag,
) -> Result<Option<MachineTranslation>, ServiceError> {
    if !is_configured(data) {
        return Ok(None);
    }
    let stored = super::translations::held_item(data, item).await?;
    let (item, language, version) = (item.clone(), language.clone(), stored.item.updated);
    Ok(data
        .db
        .read(move |conn| machine_translations::find(conn, &item, &language, version))
        .await?)
}

/// Translates what the current version of `item` lacks in `language`: from the cache when it
/// was translated before, else by the engine, counted against today's budget.
pub async fn translate(
    data: &AppData,
    item: &Url,
    language: &LanguageTag,
) -> Result<MachineTranslation, ServiceError> {
    let Some(engine) = data.machine_translator.clone() else {
        return Err(ServiceError::NotFound(
            "machine translation is not configured on this instance".into(),
        ));
    };
    let stored = super::translations::held_item(data, item).await?;
    let version = stored.item.updated;
    let (lookup, wanted) = (item.clone(), language.clone());
    let cached = data
        .db
        .read(move |conn| machine_translations::find(conn, &lookup, &wanted, version))
        .await?;
    if let Some(cached) = cached {
        return Ok(cached);
    }

    let missing = machine_translation::missing_texts(&stored.item.content, language);
    if missing.is_empty() {
        return Err(ServiceError::BadInput(format!(
            "the item has every text in {language} already"
        )));
    }
    let budget = data.settings.machine_translation.daily_characters as i64;
    let needed = machine_translation::characters(&missing) as i64;
    let day = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let counted = data
        .db
        .write(move |conn| machine_translations::reserve(conn, &day, needed, budget))
        .await?;
    if !counted {
        return Err(ServiceError::Exhausted(format!(
            "the daily machine-translation budget of {budget} characters does not cover this \
             item's {needed} more today; translations made before remain readable"
        )));
    }

    let mut answers = Vec::with_capacity(missing.len());
    for source in missing {
        let answer = engine
            .translate(
                &source.text,
                source.language.primary(),
                language.primary(),
                source.html,
            )
            .await
            .map_err(|e| {
                tracing::warn!(item = %item, error = %e, "machine translation failed");
                ServiceError::Upstream(e.to_string())
            })?;
        answers.push((source, answer));
    }
    let translation = machine_translation::assemble(item.clone(), version, language.clone(), answers);
    let kept = translation.clone();
    data.db
        .write(move |conn| -> Result<(), StorageError> { machine_translations::store(conn, &kept) })
        .await?;
    Ok(translation)
}
