//! An item's page: every field of its kind in the chosen language, a switcher over its
//! languages, attachments, provenance, replies and adaptations; sharing and replying.

use activitypub_federation::config::Data;
use actix_web::{
    HttpRequest, HttpResponse,
    http::{StatusCode, header},
    web,
};
use askama::Template;
use serde::Deserialize;
use url::Url;

use super::{LanguageMark, city_href, encode, item_href};
use crate::{
    api::views::{ItemDetail, ItemView, load_items},
    app::AppContext,
    domain::{
        audience::Visibility,
        item::{
            KnowledgeItem,
            details::{FieldValue, Record},
            reading::Reader,
            schema::{FieldSpec, FieldType},
        },
        language::LanguageTag,
        machine_translation::{MachineTranslation, missing_texts},
        sanitize::{plain_text, sanitize_html, teaser},
        user::Role,
    },
    http::HttpError,
    service::{self, ServiceError},
    storage::{
        StorageError, bookmarks, cities,
        items::{self, StoredItem},
    },
    web::{Frame, Preview, i18n::Tr, render, see_other, session::Viewer, with_param},
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
    /// The kind-specific field shown (`objectives`); empty for the item's general facts.
    pub field: &'static str,
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
    /// Who wrote it for the city, when they signed it.
    pub signed_by: Option<String>,
    pub city_href: String,
    pub date: String,
    pub date_iso: String,
    pub html: String,
    pub lang: String,
}

/// A person to ask about the item; the address is a `mailto:` link.
struct ContactRow {
    name: String,
    role: String,
    email: Option<String>,
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
    /// Who translated which version, and which are this city's translations not yet reviewed.
    translation_notes: Vec<String>,
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
    /// Said above the body when it is in another language than the page's.
    body_note: Option<String>,
    themes: Vec<String>,
    target_groups: Vec<String>,
    tags: Vec<String>,
    details: Vec<Fact>,
    contacts: Vec<ContactRow>,
    attachments: Vec<AttachmentRow>,
    cites: Vec<Link>,
    replies: Vec<ReplyRow>,
    adapted_by: Vec<Link>,
    /// Items like this one, found by the search engine.
    related: Vec<super::ItemCard>,
    /// Whether the reader saved it for later.
    saved: bool,
    can_edit: bool,
    edit_href: String,
    delete_href: String,
    adapt_href: String,
    translate_href: String,
    /// Offered when the reader's language lacks texts and an engine is configured.
    machine_offer: Option<MachineOffer>,
    /// Said when machine-translated texts are shown.
    machine: Option<MachineNote>,
}

/// The button that asks the engine for the texts the item lacks in the reader's language.
pub struct MachineOffer {
    pub language: String,
    pub label: String,
}

/// What the page says while it shows machine-translated texts.
pub struct MachineNote {
    pub text: String,
    pub original_href: String,
    /// Where an editor starts a contributed translation from the machine's (peers' items).
    pub contribute_href: Option<String>,
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
        .ok_or_else(|| HttpError::bad_request(viewer.tr.t("error-item-id")).in_readers_language())?;
    show(&req, &viewer, &data, id).await
}

/// The page at a local item's own address. A deleted item's address tells the reader, in their
/// language, that its city deleted it (`410`); one for a narrower audience than the public
/// answers `404` once deleted, like an item that never existed.
pub async fn at_address(
    req: HttpRequest,
    viewer: Viewer,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let id = data.settings.url_for(req.path());
    let lookup = id.clone();
    let stored = data
        .db
        .read(move |conn| items::find_by_ap_id(conn, &lookup))
        .await?
        .filter(|s| s.origin_city_id == data.city_id);
    match stored {
        // The city moved and brought the item along: its old link leads to it.
        Some(StoredItem {
            moved_to: Some(new_id),
            deleted_at: None,
            item,
            ..
        }) if item.content.audience.is_public() => Ok(HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, new_id.as_str()))
            .finish()),
        Some(stored) if stored.deleted_at.is_none() => show(&req, &viewer, &data, id).await,
        Some(stored) if stored.item.content.audience.is_public() => Err(HttpError::new(
            StatusCode::GONE,
            "gone",
            viewer.tr.t("item-deleted-by-city"),
        )),
        _ => Err(HttpError::not_found(viewer.tr.t("error-item-not-found")).in_readers_language()),
    }
}

/// Most characters of the teaser a link preview shows.
pub(super) const PREVIEW_CHARS: usize = 200;

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
    let machine = match machine_language(req, viewer) {
        Some(language) => service::machine_translation::cached(data, &id, &language)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    let overlay = machine.clone();
    let found = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            match items::find_by_ap_id(conn, &lookup)? {
                // An item a visitor may not read does not exist for them.
                Some(mut stored)
                    if stored.deleted_at.is_none() && visibility.shows(&stored.item.content.audience) =>
                {
                    // Shown as the item's texts for this page only, each marked below.
                    if let Some(machine) = &overlay {
                        machine.texts.apply_to(&mut stored.item.content, None);
                    }
                    let mut named = Vec::new();
                    for city in stored.item.content.audience.named_cities() {
                        named.push(
                            cities::find_by_ap_id(conn, city)?
                                .map(|(_, c)| c)
                                .ok_or(city.clone()),
                        );
                    }
                    let stored_id = stored.id;
                    Ok(Some((stored_id, ItemDetail::load(conn, stored, &wanted)?, named)))
                }
                _ => Ok(None),
            }
        })
        .await?;
    let Some((stored_id, detail, named)) = found else {
        return Err(HttpError::not_found(tr.t("error-item-not-found")).in_readers_language());
    };
    // As the view shows it: every text, kind-specific ones too, with this city's unreviewed
    // translations.
    let item = detail.shown.clone();
    let mut page = build(req, viewer, data, detail, &item);
    match &machine {
        Some(machine) => mark_machine_texts(viewer, data, &mut page, machine, &item),
        None => page.machine_offer = machine_offer(viewer, data, &item),
    }
    page.related = related_cards(viewer, data, stored_id).await?;
    if let Some(user) = &viewer.user {
        let user = user.id;
        page.saved = data
            .db
            .read(move |conn| bookmarks::is_saved(conn, user, stored_id))
            .await?;
    }
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

/// How many related items an item's page shows.
const RELATED: usize = 5;

/// Cards of the items most like the item `id` that the viewer may read.
async fn related_cards(
    viewer: &Viewer,
    data: &Data<AppContext>,
    id: items::ItemId,
) -> Result<Vec<super::ItemCard>, HttpError> {
    let public_only = viewer.visibility() == Visibility::PublicOnly;
    let ids = match service::search::related(data.indexer(), id, public_only, RELATED).await {
        Ok(ids) => ids,
        Err(e) => {
            // The page is worth showing without them.
            tracing::warn!(error = %e, "related items could not be found");
            return Ok(Vec::new());
        }
    };
    // In the engine's order: get_many keeps the order it is given.
    let loaded = data
        .db
        .read(move |conn| {
            let stored = items::get_many(conn, &ids)?;
            load_items(conn, stored)
        })
        .await?;
    Ok(loaded
        .iter()
        .filter(|l| viewer.visibility().shows(&l.stored.item.content.audience))
        .map(|l| {
            let view = ItemView::for_languages(l, &viewer.reads);
            super::ItemCard::new(&view, viewer, &data.settings)
        })
        .collect())
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
    let with_lang = |code: &str| with_param(&page_href, "lang", code);
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
                field: "",
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
    fact(
        "field-location",
        content
            .location
            .map(|l| format!("{}, {}", l.latitude, l.longitude)),
    );
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
                field: spec.name,
                label: tr.t(&format!("field-{}", spec.name.replace('_', "-"))),
                value: shown,
                lang: lang.map(|l| LanguageMark::new(tr, &l)),
            })
        })
        .collect();
    let is_local = view.origin.is_local;
    let local_path = view.id.path().to_string();
    let can_edit = is_local && viewer.can_edit();
    let mut frame = Frame::new(viewer, req, &data.city, "feed", view.title.clone());
    // Only a public item is previewed: a restricted one is not for whoever the link reaches.
    frame.preview = content.audience.is_public().then(|| Preview {
        kind: "article",
        title: view.title.clone(),
        description: teaser(
            &view
                .summary
                .clone()
                .or_else(|| view.body.as_deref().map(plain_text))
                .unwrap_or_default(),
            PREVIEW_CHARS,
        ),
        url: settings.url_for(&page_href).to_string(),
        activitypub: view.id.to_string(),
        published: Some(view.published.to_rfc3339()),
    });
    ItemPage {
        frame,
        id: view.id.to_string(),
        title: view.title.clone(),
        title_lang: LanguageMark::new(tr, &view.language),
        languages,
        missing: missing_note(viewer, view),
        translation_notes: translation_notes(viewer, &data.city, &detail),
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
        body_note: LanguageMark::of_field(tr, view, "body")
            .label
            .map(|label| tr.t1("item-body-in", "language", &label)),
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
            .map(|c| ContactRow {
                name: c.name.clone(),
                role: c.role.clone().unwrap_or_default(),
                email: c.email.clone(),
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
                signed_by: r.signed_by.clone(),
                city_href: city_href(&r.author),
                date: tr.datetime(r.published),
                date_iso: r.published.to_rfc3339(),
                html: sanitize_html(&r.content),
                lang: r.language.clone().unwrap_or_default(),
            })
            .collect(),
        related: Vec::new(),
        saved: false,
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
        translate_href: format!("/item/translate?id={}", encode(view.id.as_str())),
        machine_offer: None,
        machine: None,
        adapt_href: format!(
            "/new?kind={}&adapted_from={}",
            view.kind,
            encode(view.id.as_str())
        ),
    }
}

/// The language of the machine translation the page was asked to show (`machine=bg`): only for
/// a reader with an account, and only their first language, the one they asked for it in.
fn machine_language(req: &HttpRequest, viewer: &Viewer) -> Option<LanguageTag> {
    viewer.user.as_ref()?;
    let query = web::Query::<Vec<(String, String)>>::from_query(req.query_string()).ok()?;
    let wanted = query.iter().find(|(k, _)| k == "machine")?;
    let language = LanguageTag::parse(&wanted.1).ok()?;
    (viewer.reads.first() == Some(&language)).then_some(language)
}

/// The offer of a machine translation into the reader's first language, when there is an
/// engine, the reader has an account and the item lacks texts in that language.
fn machine_offer(viewer: &Viewer, data: &Data<AppContext>, item: &KnowledgeItem) -> Option<MachineOffer> {
    if !service::machine_translation::is_configured(data) || viewer.user.is_none() {
        return None;
    }
    let first = viewer.reads.first()?;
    if missing_texts(&item.content, first).is_empty() {
        return None;
    }
    Some(MachineOffer {
        language: first.to_string(),
        label: viewer.tr.t1(
            "machine-offer",
            "language",
            &viewer.tr.language_name(first.as_str()),
        ),
    })
}

/// Marks each machine-translated text as such, and says what the page shows.
fn mark_machine_texts(
    viewer: &Viewer,
    data: &Data<AppContext>,
    page: &mut ItemPage,
    machine: &MachineTranslation,
    item: &KnowledgeItem,
) {
    let tr = &viewer.tr;
    let target = machine.texts.language.as_str();
    let mark = |field: &str| {
        machine.sources.get(field).map(|source| LanguageMark {
            code: target.to_string(),
            label: Some(tr.t1("machine-mark", "language", &tr.language_name(source.as_str()))),
        })
    };
    if let Some(m) = mark("title") {
        page.title_lang = m;
    }
    if let Some(m) = mark("summary") {
        page.summary_lang = m;
    }
    if let Some(source) = machine.sources.get("body") {
        page.body_lang = LanguageMark {
            code: target.to_string(),
            label: None,
        };
        let source = tr.language_name(source.as_str());
        page.body_note = Some(tr.t1("machine-body-mark", "language", &source));
    }
    for fact in page.details.iter_mut().filter(|f| !f.field.is_empty()) {
        if let Some(m) = mark(&format!("details.{}", fact.field)) {
            fact.lang = Some(m);
        }
    }
    let page_href = item_href(&item.ap_id, &data.settings);
    let is_local = super::is_local(&item.ap_id, &data.settings);
    page.machine = Some(MachineNote {
        text: tr.t1("machine-note", "language", &tr.language_name(target)),
        original_href: with_param(&page_href, "lang", item.content.original_language.as_str()),
        contribute_href: (viewer.can_edit() && !is_local).then(|| {
            format!(
                "/item/translate?id={}&language={target}&from=machine",
                encode(item.ap_id.as_str())
            )
        }),
    });
}

#[derive(Deserialize)]
pub struct MachineTranslationForm {
    csrf: String,
    id: Url,
    language: String,
}

/// `POST /item/machine-translation`: asks the engine for the texts the item lacks in the
/// reader's language (or finds those it gave before), then shows them on the item's page.
pub async fn machine_translate(
    viewer: Viewer,
    form: web::Form<MachineTranslationForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Reader)?;
    viewer.check_csrf(&form.csrf)?;
    let tr = &viewer.tr;
    let language = LanguageTag::parse(&form.language)
        .map_err(|_| HttpError::bad_request(tr.t("machine-no-language")).in_readers_language())?;
    match service::machine_translation::translate(&data, &form.id, &language).await {
        Ok(_) => {
            let page_href = item_href(&form.id, &data.settings);
            Ok(see_other(&with_param(&page_href, "machine", language.as_str())))
        }
        Err(ServiceError::NotFound(_)) if !service::machine_translation::is_configured(&data) => {
            Err(HttpError::not_found(tr.t("machine-off")).in_readers_language())
        }
        Err(ServiceError::NotFound(_)) => {
            Err(HttpError::not_found(tr.t("error-item-not-found")).in_readers_language())
        }
        Err(ServiceError::BadInput(_)) => {
            Err(HttpError::bad_request(tr.t("machine-nothing-missing")).in_readers_language())
        }
        Err(ServiceError::Exhausted(_)) => Err(HttpError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "exhausted",
            tr.t("machine-budget-spent"),
        )
        .in_readers_language()),
        Err(ServiceError::Upstream(_)) => {
            Err(
                HttpError::new(StatusCode::BAD_GATEWAY, "upstream", tr.t("machine-engine-failed"))
                    .in_readers_language(),
            )
        }
        Err(other) => Err(other.into()),
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

/// "The Bulgarian version was translated by Tran" for each contributed version, and "The
/// Bulgarian version is Tran's translation, not yet reviewed by Campobasso" for each this city
/// proposed and the item's city has not decided on.
fn translation_notes(viewer: &Viewer, city: &crate::domain::city::City, detail: &ItemDetail) -> Vec<String> {
    let tr = &viewer.tr;
    let view = &detail.item;
    let origin = view.origin.name_for(&viewer.reads).to_string();
    let pending = detail.unreviewed_translations.iter().map(|unreviewed| {
        tr.t_with(
            "item-translation-unreviewed",
            &[
                ("language", tr.language_name(&unreviewed.language).into()),
                ("translator", city.name_for(&viewer.reads).to_string().into()),
                ("origin", origin.clone().into()),
            ],
        )
    });
    let credited = view
        .translated_by
        .iter()
        .filter(|(language, _)| {
            !detail
                .unreviewed_translations
                .iter()
                .any(|u| &u.language == *language)
        })
        .map(|(language, translator)| {
            let name = detail
                .translators
                .iter()
                .find(|known| &known.id == translator)
                .map(|known| known.name_for(&viewer.reads).to_string())
                .unwrap_or_else(|| translator.host_str().unwrap_or_default().to_string());
            tr.t_with(
                "item-translated-by",
                &[
                    ("language", tr.language_name(language).into()),
                    ("translator", name.into()),
                ],
            )
        });
    pending.chain(credited).collect()
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
    let editor = viewer.require(Role::Editor)?;
    viewer.check_csrf(&form.csrf)?;
    let language = form.language.as_deref().filter(|l| !l.is_empty());
    service::replies::reply(
        &data,
        &form.id,
        &form.content,
        language,
        Some(&editor.display_name),
    )
    .await?;
    Ok(see_other(&format!(
        "{}#replies",
        item_href(&form.id, &data.settings)
    )))
}
