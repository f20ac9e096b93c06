//! The side-by-side translation editor: an editor translates a peer city's item into one
//! language, the original on the left, the translation on the right, and sends it to the item's
//! city for review (see [`crate::service::translations`]).

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use url::Url;

use super::item_href;
use crate::{
    app::AppContext,
    domain::{
        item::{ItemContent, details::FieldValue, schema::FieldType},
        language::{LanguageMap, LanguageTag},
        translation::TranslationDraft,
        user::Role,
        validation::FieldError,
    },
    http::HttpError,
    service::{self, ServiceError},
    storage::items::StoredItem,
    web::{
        Frame,
        i18n::{Tr, UI_LANGUAGES},
        markdown, render_with, see_other,
        session::Viewer,
    },
};

/// One text of the item: the original beside the field for the translation.
pub struct TranslationRow {
    /// The form field: `title`, `summary`, `body` or `details.<name>`.
    pub name: String,
    pub id: String,
    pub label: String,
    pub original: String,
    pub original_lang: String,
    /// The original is sanitized HTML (the body).
    pub html: bool,
    pub long: bool,
    pub value: String,
    pub errors: Vec<String>,
}

pub struct LanguageOption {
    pub code: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "translate.html")]
struct TranslatePage {
    frame: Frame,
    id: String,
    item_href: String,
    item_title: String,
    language: String,
    language_name: String,
    languages: Vec<LanguageOption>,
    rows: Vec<TranslationRow>,
    /// Problems that belong to no one field.
    errors: Vec<String>,
    explained: String,
    /// The fields start from the machine translation, which the editor must check.
    from_machine: bool,
}

/// `GET /item/translate?id=URL&language=bg`
pub async fn form(
    req: HttpRequest,
    viewer: Viewer,
    query: web::Query<Vec<(String, String)>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let value = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let id = value("id")
        .and_then(|v| Url::parse(&v).ok())
        .ok_or_else(|| HttpError::bad_request(viewer.tr.t("error-item-id")).in_readers_language())?;
    let stored = translatable(&viewer, &data, &id).await?;
    let content = &stored.item.content;
    let language = value("language")
        .and_then(|code| LanguageTag::parse(&code).ok())
        .or_else(|| default_language(&viewer, &data, content));
    let Some(language) = language else {
        return Err(HttpError::bad_request(viewer.tr.t("translate-no-language")).in_readers_language());
    };
    let existing = |map: &LanguageMap| map.get(&language).unwrap_or_default().to_string();
    let mut values = vec![
        ("title".to_string(), existing(&content.title)),
        ("summary".to_string(), existing(&content.summary)),
        ("body".to_string(), markdown::from_html(&existing(&content.body))),
    ];
    for (name, value) in content.details.0.iter() {
        if let FieldValue::Text(map) = value {
            values.push((format!("details.{name}"), existing(map)));
        }
    }
    // Starting from the machine's version: its texts fill the fields the item lacks.
    let mut from_machine = false;
    if value("from").as_deref() == Some("machine")
        && let Some(machine) = service::machine_translation::cached(&data, &id, &language)
            .await
            .ok()
            .flatten()
    {
        let draft = machine.texts.to_draft();
        let machine_value = |name: &str| match name {
            "title" => draft.title.clone(),
            "summary" => draft.summary.clone(),
            "body" => draft.body.as_deref().map(markdown::from_html),
            other => other
                .strip_prefix("details.")
                .and_then(|n| draft.details.get(n).cloned()),
        };
        for (name, value) in values.iter_mut() {
            if value.is_empty()
                && let Some(text) = machine_value(name)
            {
                *value = text;
                from_machine = true;
            }
        }
    }
    let mut page = page(&req, &viewer, &data, &stored, &language, &values, Vec::new());
    page.from_machine = from_machine;
    render_with(&viewer, StatusCode::OK, &page)
}

/// `POST /item/translate`: sends the translation; the item's page shows it at once.
pub async fn send(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<Vec<(String, String)>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let fields = form.into_inner();
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    viewer.check_csrf(&value("csrf"))?;
    let id = Url::parse(&value("id"))
        .map_err(|_| HttpError::bad_request(viewer.tr.t("error-item-id")).in_readers_language())?;
    let stored = translatable(&viewer, &data, &id).await?;
    let draft = draft_from(&fields, value("language"));
    match service::translations::propose(&data, &id, draft).await {
        Ok(_) => Ok(see_other(&item_href(&id, &data.settings))),
        Err(ServiceError::Invalid(errors)) => {
            let language = LanguageTag::parse(&value("language"))
                .ok()
                .or_else(|| default_language(&viewer, &data, &stored.item.content))
                .unwrap_or_else(|| stored.item.content.original_language.clone());
            let values: Vec<(String, String)> = fields
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "id" | "language"))
                .cloned()
                .collect();
            let page = page(&req, &viewer, &data, &stored, &language, &values, errors.0);
            render_with(&viewer, StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

/// A peer's item this editor may translate; the city's own items are edited, not translated.
async fn translatable(viewer: &Viewer, data: &Data<AppContext>, id: &Url) -> Result<StoredItem, HttpError> {
    let stored = service::translations::held_item(data, id)
        .await
        .map_err(|_| HttpError::not_found(viewer.tr.t("error-item-not-found")).in_readers_language())?;
    if stored.origin_city_id == data.city_id {
        return Err(HttpError::bad_request(viewer.tr.t("translate-own-item")).in_readers_language());
    }
    Ok(stored)
}

/// The first language the editor reads that the item lacks, else the first they read that is
/// not the original.
fn default_language(viewer: &Viewer, data: &Data<AppContext>, content: &ItemContent) -> Option<LanguageTag> {
    let candidates: Vec<LanguageTag> = viewer
        .reads
        .iter()
        .chain(data.city.languages.iter())
        .cloned()
        .collect();
    candidates
        .iter()
        .find(|l| !content.title.has_language_of(l))
        .or_else(|| {
            candidates
                .iter()
                .find(|l| l.primary() != content.original_language.primary())
        })
        .cloned()
}

fn page(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    stored: &StoredItem,
    language: &LanguageTag,
    values: &[(String, String)],
    errors: Vec<FieldError>,
) -> TranslatePage {
    let tr = &viewer.tr;
    let content = &stored.item.content;
    let original = &content.original_language;
    let (rows, errors) = side_by_side(tr, content, values, &errors);
    let mut codes: Vec<String> = viewer
        .reads
        .iter()
        .chain(data.city.languages.iter())
        .map(ToString::to_string)
        .chain(UI_LANGUAGES.iter().map(|c| c.to_string()))
        .chain(std::iter::once(language.to_string()))
        .filter(|c| c != original.as_str())
        .collect();
    let mut seen = std::collections::HashSet::new();
    codes.retain(|c| seen.insert(c.clone()));
    let languages = codes
        .into_iter()
        .map(|code| LanguageOption {
            name: tr.language_name(&code),
            selected: code == language.as_str(),
            code,
        })
        .collect();
    let title = content
        .title
        .best(&viewer.reads, original)
        .map(|(_, t)| t.to_string())
        .unwrap_or_default();
    let heading = tr.t("translate-heading");
    TranslatePage {
        frame: Frame::new(viewer, req, &data.city, "feed", heading),
        id: stored.item.ap_id.to_string(),
        item_href: item_href(&stored.item.ap_id, &data.settings),
        item_title: title,
        language: language.to_string(),
        language_name: tr.language_name(language.as_str()),
        languages,
        rows,
        errors,
        explained: tr.t1("translate-explained", "city", data.city.name_for(&viewer.reads)),
        from_machine: false,
    }
}

/// The rows of a side-by-side form: each text of the item in its original language beside the
/// field (`values` by field name) for the translation, with the problems `errors` name for it;
/// and the problems that belong to no row.
pub fn side_by_side(
    tr: &Tr,
    content: &ItemContent,
    values: &[(String, String)],
    errors: &[FieldError],
) -> (Vec<TranslationRow>, Vec<String>) {
    let original = &content.original_language;
    let value_of = |name: &str| {
        values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut placed = vec![false; errors.len()];
    let mut errors_of = |name: &str| -> Vec<String> {
        errors
            .iter()
            .enumerate()
            .filter(|(_, e)| e.field == name)
            .map(|(i, e)| {
                placed[i] = true;
                tr.problem(e)
            })
            .collect()
    };
    let mut rows = Vec::new();
    let mut row = |name: String, label: String, map: &LanguageMap, html: bool, long: bool| {
        let Some((lang, text)) = map.best(&[], original) else {
            return;
        };
        rows.push(TranslationRow {
            id: format!("translation-{}", name.replace('.', "-")),
            value: value_of(&name),
            errors: errors_of(&name),
            name,
            label,
            original: text.to_string(),
            original_lang: lang.to_string(),
            html,
            long,
        });
    };
    row("title".into(), tr.t("field-title"), &content.title, false, false);
    row(
        "summary".into(),
        tr.t("field-summary"),
        &content.summary,
        false,
        true,
    );
    row("body".into(), tr.t("field-body"), &content.body, true, true);
    for spec in content.kind.fields() {
        if spec.ty != FieldType::Text {
            continue;
        }
        if let Some(FieldValue::Text(map)) = content.details.get(spec.name) {
            let label = tr.t(&format!("field-{}", spec.name.replace('_', "-")));
            row(format!("details.{}", spec.name), label, map, false, true);
        }
    }
    let unplaced = errors
        .iter()
        .zip(placed)
        .filter(|(_, placed)| !placed)
        .map(|(e, _)| tr.problem(e))
        .collect();
    (rows, unplaced)
}

/// A translation draft from a submitted side-by-side form (empty fields are no translation).
pub fn draft_from(fields: &[(String, String)], language: String) -> TranslationDraft {
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let given = |text: String| (!text.trim().is_empty()).then_some(text);
    TranslationDraft {
        language,
        title: given(value("title")),
        summary: given(value("summary")),
        body: given(value("body")).map(|text| markdown::to_html(&text)),
        details: fields
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("details.")?.to_string(), given(v.clone())?)))
            .collect(),
    }
}
