//! An item's page: every field of its kind in the chosen language, a switcher over its
//! languages, attachments, provenance, replies and adaptations; sharing and replying.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use url::Url;

use super::{LanguageMark, city_href, encode, item_href};
use crate::{
    api::views::ItemDetail,
    app::AppContext,
    domain::{
        item::{
            KnowledgeItem,
            details::{FieldValue, Record},
            reading::Reader,
            schema::{FieldSpec, FieldType},
        },
        sanitize::sanitize_html,
        user::Role,
    },
    http::HttpError,
    service,
    storage::{StorageError, cities, items},
    web::{Frame, i18n::Tr, render, see_other, session::Viewer},
};

/// A language of the switcher.
pub struct LanguageChoice {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// How a kind-specific value is shown.
pub enum Shown {
    Text(String),
    List(Vec<String>),
    Links(Vec<String>),
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// A labelled value.
pub struct Fact {
    pub label: String,
    pub value: Shown,
    /// The language of the value, when it is text in one.
    pub lang: Option<LanguageMark>,
}

pub struct Link {
    pub href: String,
    pub label: String,
}

pub struct AttachmentRow {
    pub name: String,
    pub href: String,
    pub about: String,
}

pub struct ReplyRow {
    pub city: String,
    pub city_href: String,
    pub date: String,
    pub date_iso: String,
    pub html: String,
    pub lang: String,
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage {
    frame: Frame,
    id: String,
    title: String,
    title_lang: LanguageMark,
    languages: Vec<LanguageChoice>,
    /// Which texts are not in the reader's first language, when some are not.
    missing: Option<String>,
    kind: String,
    origin: Link,
    published: String,
    published_iso: String,
    updated: Option<String>,
    shared_by: Vec<Link>,
    /// Who the item is for, and the cities it names.
    audience: String,
    audience_cities: Vec<Link>,
    restricted: bool,
    adapted_from: Option<Link>,
    facts: Vec<Fact>,
    summary: Option<String>,
    summary_lang: LanguageMark,
    body_html: Option<String>,
    body_lang: LanguageMark,
    themes: Vec<String>,
    target_groups: Vec<String>,
    tags: Vec<String>,
    details: Vec<Fact>,
    contacts: Vec<Vec<String>>,
    attachments: Vec<AttachmentRow>,
    cites: Vec<Link>,
    replies: Vec<ReplyRow>,
    adapted_by: Vec<Link>,
    can_edit: bool,
    edit_href: String,
    delete_href: String,
    adapt_href: String,
}

/// `GET /item?id=URL`: any item this instance holds.
pub async fn show_any(
    req: HttpRequest,
    viewer: Viewer,
    query: web::Query<Vec<(String, String)>>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let id = query
        .iter()
        .find(|(k, _)| k == "id")
        .and_then(|(_, v)| Url::parse(v).ok())
        .ok_or_else(|| HttpError::bad_request(viewer.tr.t("error-item-id")))?;
    show(&req, &viewer, &data, id).await
}

/// The page of the item `id` (also reached from the item's own id, by content negotiation).
pub async fn show(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    id: Url,
) -> Result<HttpResponse, HttpError> {
    let tr = &viewer.tr;
    let preferred = viewer.reads.clone();
    let lookup = id.clone();
    let wanted = preferred.clone();
    let visibility = viewer.visibility();
    let found = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            match items::find_by_ap_id(conn, &lookup)? {
                // An item a visitor may not read does not exist for them.
                Some(stored)
                    if stored.deleted_at.is_none() && visibility.shows(&stored.item.content.audience) =>
                {
                    let item = stored.item.clone();
                    let mut named = Vec::new();
                    for city in item.content.audience.named_cities() {
                        named.push(
                            cities::find_by_ap_id(conn, city)?
                                .map(|(_, c)| c)
                                .ok_or(city.clone()),
                        );
                    }
                    Ok(Some((ItemDetail::load(conn, stored, &wanted)?, item, named)))
                }
                _ => Ok(None),
            }
        })
        .await?;
    let Some((detail, item, named)) = found else {
        return Err(HttpError::not_found(tr.t("error-item-not-found")));
    };
    let mut page = build(req, viewer, data, detail, &item);
    page.audience_cities = named
        .into_iter()
        .map(|city| match city {
            Ok(city) => Link {
                href: city_href(&crate::api::views::CityView::from(&city)),
                label: city.name_for(&viewer.reads).to_string(),
            },
            Err(unknown) => Link {
                href: unknown.to_string(),
                label: unknown.to_string(),
            },
        })
        .collect();
    render(viewer, &page)
}

fn build(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    detail: ItemDetail,
    item: &KnowledgeItem,
) -> ItemPage {
    let tr = &viewer.tr;
    let settings = &data.settings;
    let view = &detail.item;
    let content = &item.content;
    let reader = Reader::new(&viewer.reads, content);
    let page_href = item_href(&view.id, settings);
    let with_lang = |code: &str| {
        let separator = if page_href.contains('?') { '&' } else { '?' };
        format!("{page_href}{separator}lang={code}")
    };
    let languages = view
        .languages
        .iter()
        .map(|code| LanguageChoice {
            name: tr.language_name(code),
            href: with_lang(code),
            current: viewer.reads.first().is_some_and(|first| first.as_str() == code),
            code: code.clone(),
        })
        .collect();
    let mut facts = Vec::new();
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(value) = value {
            facts.push(Fact {
                label: tr.t(label),
                value: Shown::Text(value),
                lang: None,
            });
        }
    };
    fact(
        "field-original-language",
        Some(tr.language_name(&view.original_language)),
    );
    fact(
        "field-country",
        content.country.as_deref().map(|c| tr.code_label("country", c)),
    );
    fact("field-place", content.place.clone());
    let period = match (content.period.start, content.period.end) {
        (None, None) => None,
        (start, end) => Some(format!(
            "{} – {}",
            start.map(|d| tr.date(d)).unwrap_or_default(),
            end.map(|d| tr.date(d)).unwrap_or_default()
        )),
    };
    fact("field-period", period);
    fact(
        "field-status",
        content.status.as_deref().map(|s| tr.code_label("code", s)),
    );
    fact("field-licence", content.licence.clone());
    let details = content
        .kind
        .fields()
        .iter()
        .filter_map(|spec| {
            let value = content.details.get(spec.name)?;
            let (shown, lang) = shown(tr, spec, value, &reader, settings);
            Some(Fact {
                label: tr.t(&format!("field-{}", spec.name.replace('_', "-"))),
                value: shown,
                lang: lang.map(|l| LanguageMark::new(tr, &l)),
            })
        })
        .collect();
    let is_local = view.origin.is_local;
    let local_path = view.id.path().to_string();
    let can_edit = is_local && viewer.can_edit();
    ItemPage {
        frame: Frame::new(viewer, req, &data.city, "feed", view.title.clone()),
        id: view.id.to_string(),
        title: view.title.clone(),
        title_lang: LanguageMark::new(tr, &view.language),
        languages,
        missing: missing_note(viewer, view),
        kind: tr.code_label("kind", view.kind),
        origin: Link {
            href: city_href(&view.origin),
            label: view.origin.name_for(&viewer.reads).to_string(),
        },
        published: tr.date(view.published.date_naive()),
        published_iso: view.published.to_rfc3339(),
        updated: (view.updated.date_naive() != view.published.date_naive())
            .then(|| tr.date(view.updated.date_naive())),
        shared_by: view
            .shared_by
            .iter()
            .map(|c| Link {
                href: city_href(c),
                label: c.name_for(&viewer.reads).to_string(),
            })
            .collect(),
        audience: super::audience_label(tr, &view.audience),
        audience_cities: Vec::new(),
        restricted: !content.audience.is_public(),
        adapted_from: content.adapted_from.as_ref().map(|url| Link {
            href: item_href(url, settings),
            label: url.to_string(),
        }),
        facts,
        summary: view.summary.clone(),
        // Sanitized when stored, and again here: the rules may have tightened since.
        body_html: view.body.as_deref().map(sanitize_html),
        summary_lang: LanguageMark::of_field(tr, view, "summary"),
        body_lang: LanguageMark::of_field(tr, view, "body"),
        themes: view.themes.iter().map(|t| tr.code_label("theme", t)).collect(),
        target_groups: view
            .target_groups
            .iter()
            .map(|t| tr.code_label("target-group", t))
            .collect(),
        tags: view.tags.clone(),
        details,
        contacts: view
            .contacts
            .iter()
            .map(|c| {
                vec![
                    c.name.clone(),
                    c.role.clone().unwrap_or_default(),
                    c.email.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        attachments: view
            .attachments
            .iter()
            .map(|a| AttachmentRow {
                name: a.name.clone(),
                href: a.url.to_string(),
                about: match a.size {
                    Some(size) => format!("{}, {}", a.media_type, size_text(tr, size)),
                    None => a.media_type.clone(),
                },
            })
            .collect(),
        cites: view
            .cites
            .iter()
            .map(|url| Link {
                href: item_href(url, settings),
                label: url.to_string(),
            })
            .collect(),
        replies: detail
            .replies
            .iter()
            .map(|r| ReplyRow {
                city: r.author.name_for(&viewer.reads).to_string(),
                city_href: city_href(&r.author),
                date: tr.datetime(r.published),
                date_iso: r.published.to_rfc3339(),
                html: sanitize_html(&r.content),
                lang: r.language.clone().unwrap_or_default(),
            })
            .collect(),
        adapted_by: detail
            .adapted_by
            .iter()
            .map(|a| Link {
                href: item_href(&a.id, settings),
                label: format!("{} ({})", a.title, a.city.name_for(&viewer.reads)),
            })
            .collect(),
        can_edit,
        edit_href: format!("{local_path}/edit"),
        delete_href: format!("{local_path}/delete"),
        adapt_href: format!(
            "/new?kind={}&adapted_from={}",
            view.kind,
            encode(view.id.as_str())
        ),
    }
}

/// A file size the reader's way: "1.2 MB" / "1,2 MB".
fn size_text(tr: &Tr, bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let text = if unit == 0 {
        tr.number(bytes as i64)
    } else {
        tr.decimal(value)
    };
    format!("{text}\u{a0}{}", UNITS[unit])
}

/// A kind-specific value as the page shows it, and the language of its text.
fn shown(
    tr: &Tr,
    spec: &FieldSpec,
    value: &FieldValue,
    reader: &Reader<'_>,
    settings: &crate::config::Settings,
) -> (Shown, Option<String>) {
    let code_list = |codes: &[String]| codes.iter().map(|c| tr.code_label("code", c)).collect();
    match value {
        FieldValue::Text(map) => match reader.pick(map) {
            Some((lang, text)) => (Shown::Text(text.to_string()), Some(lang.to_string())),
            None => (Shown::Text(String::new()), None),
        },
        FieldValue::Line(text) | FieldValue::Duration(text) => (Shown::Text(text.clone()), None),
        FieldValue::Code(code) => (Shown::Text(tr.code_label("code", code)), None),
        FieldValue::Codes(codes) => (Shown::List(code_list(codes)), None),
        FieldValue::Lines(lines) => (Shown::List(lines.clone()), None),
        FieldValue::Date(date) => (Shown::Text(tr.date(*date)), None),
        FieldValue::Count(n) => (Shown::Text(tr.number(*n as i64)), None),
        FieldValue::Links(links) => (
            Shown::Links(links.iter().map(|u| item_href(u, settings)).collect()),
            None,
        ),
        FieldValue::Records(records) => {
            let FieldType::Records(specs) = spec.ty else {
                return (Shown::List(Vec::new()), None);
            };
            let columns = specs
                .iter()
                .map(|s| tr.t(&format!("field-{}-{}", spec.name, s.name).replace('_', "-")))
                .collect();
            let rows = records
                .iter()
                .map(|record: &Record| {
                    specs
                        .iter()
                        .map(|s| match record.get(s.name) {
                            Some(value) => match shown(tr, s, value, reader, settings).0 {
                                Shown::Text(text) => text,
                                Shown::List(list) | Shown::Links(list) => list.join(", "),
                                Shown::Table { .. } => String::new(),
                            },
                            None => String::new(),
                        })
                        .collect()
                })
                .collect();
            (Shown::Table { columns, rows }, None)
        }
    }
}

/// "Not yet in Bulgarian: summary, body, objectives": the texts a reader of the first language
/// they read finds in another language, by their labels; none when everything is there.
fn missing_note(viewer: &Viewer, view: &crate::api::views::ItemView) -> Option<String> {
    let tr = &viewer.tr;
    let first = viewer.reads.first()?;
    if view.missing.is_empty() {
        return None;
    }
    let fields: Vec<String> = view
        .missing
        .iter()
        .map(|field| {
            let name = field.strip_prefix("details.").unwrap_or(field);
            tr.t(&format!("field-{}", name.replace('_', "-")))
        })
        .collect();
    Some(tr.t_with(
        "item-missing-in",
        &[
            ("language", tr.language_name(first.as_str()).into()),
            ("fields", fields.join(", ").into()),
        ],
    ))
}

#[derive(Deserialize)]
pub struct ShareForm {
    csrf: String,
    id: Url,
}

/// `POST /item/share`: re-shares a peer's item with this city's followers.
pub async fn share(
    viewer: Viewer,
    form: web::Form<ShareForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    viewer.check_csrf(&form.csrf)?;
    service::items::share(&data, &form.id).await?;
    Ok(see_other(&item_href(&form.id, &data.settings)))
}

#[derive(Deserialize)]
pub struct ReplyForm {
    csrf: String,
    id: Url,
    content: String,
    language: Option<String>,
}

/// `POST /item/reply`: asks the item's city a question.
pub async fn reply(
    viewer: Viewer,
    form: web::Form<ReplyForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    viewer.check_csrf(&form.csrf)?;
    let language = form.language.as_deref().filter(|l| !l.is_empty());
    service::replies::reply(&data, &form.id, &form.content, language).await?;
    Ok(see_other(&format!(
        "{}#replies",
        item_href(&form.id, &data.settings)
    )))
}
