//! `/api/v1/machine-translations`: an item's missing texts in the caller's language, from the
//! instance's machine-translation engine (when one is configured).

use std::collections::BTreeMap;

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use super::auth::Caller;
use crate::{
    app::AppContext,
    domain::{
        language::LanguageTag,
        machine_translation::MachineTranslation,
        translation::TranslationDraft,
        validation::{Problem, ValidationErrors},
    },
    http::{ApiError, HttpError},
    service,
};

/// What to translate, into which language.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MachineTranslationRequest {
    /// The item (this city's or a peer's).
    item: Url,
    /// The BCP 47 tag of the language wanted.
    language: String,
}

/// The machine's version of the texts the item lacks in one language. It is not the item's:
/// show it labelled as machine-translated, beside a link to the original.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MachineTranslationView {
    pub item: Url,
    /// Always true: these texts are a machine's, reviewed by nobody.
    pub machine_translated: bool,
    /// The item's version (`updated`) translated; a newer version needs a new translation.
    pub version: DateTime<Utc>,
    /// The texts, in `translation.language`; only those the item lacks in it.
    pub translation: TranslationDraft,
    /// The language each text was translated from, by field (`title`, `details.objectives`).
    #[schema(value_type = BTreeMap<String, String>)]
    pub sources: BTreeMap<String, String>,
}

impl From<&MachineTranslation> for MachineTranslationView {
    fn from(t: &MachineTranslation) -> MachineTranslationView {
        MachineTranslationView {
            item: t.item.clone(),
            machine_translated: true,
            version: t.version,
            translation: t.texts.to_draft(),
            sources: t
                .sources
                .iter()
                .map(|(field, language)| (field.clone(), language.to_string()))
                .collect(),
        }
    }
}

/// Machine-translates the texts an item lacks in a language, or answers the translation made
/// before for the item's current version (which costs nothing).
#[utoipa::path(
    post,
    path = "/api/v1/machine-translations",
    tag = "translations",
    request_body = MachineTranslationRequest,
    responses(
        (status = 200, body = MachineTranslationView),
        (status = 400, description = "The item has every text in that language already", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 404, description = "No such item here, or no machine translation configured", body = ApiError),
        (status = 422, description = "Not a language tag", body = ApiError),
        (status = 429, description = "Today's machine-translation budget is spent", body = ApiError),
        (status = 502, description = "The translation engine failed", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn translate(
    _caller: Caller,
    body: web::Json<MachineTranslationRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let body = body.into_inner();
    let language = LanguageTag::parse(&body.language).map_err(|_| {
        let mut errors = ValidationErrors::default();
        errors
            .add(
                "language",
                Problem::NotALanguage,
                "expected a BCP 47 language tag such as \"bg\" or \"rmy\"",
            )
            .with("value", &body.language);
        HttpError::from(errors)
    })?;
    let translation = service::machine_translation::translate(&data, &body.item, &language).await?;
    Ok(HttpResponse::Ok().json(MachineTranslationView::from(&translation)))
}
