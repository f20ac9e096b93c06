//! Creating, editing and deleting this city's items, with the language versions side by side
//! and every error next to its field.

use activitypub_federation::config::Data;
use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use futures::StreamExt;
use serde::Deserialize;
use url::Url;

use super::item_href;
use crate::{
    app::AppContext,
    domain::{
        item::{AttachmentDraft, ItemDraft, ItemKind},
        language::LanguageTag,
        sanitize::sanitize_html,
        user::Role,
        validation::{FieldError, Problem, ValidationErrors},
    },
    federation::urls::paths,
    http::HttpError,
    service::{self, ServiceError},
    storage::{cities, items},
    web::{
        CsrfForm, Frame,
        i18n::Tr,
        item_form::{
            Addressees, EditorView, FormInput, PeerCity, Widget, blank_draft, draft_from_form, editor_view,
            languages_of,
        },
        render, render_with, see_other,
        session::Viewer,
        with_done,
    },
};

/// The longest text field a form may send (bodies included), in bytes.
const MAX_TEXT_FIELD_BYTES: usize = 1_000_000;
/// Most files one form may upload.
const MAX_UPLOADS: usize = 10;

/// A kind offered by the "new item" page.
struct KindChoice {
    href: String,
    label: String,
    about: String,
}

#[derive(Template)]
#[template(path = "new.html")]
struct ChooseKindPage {
    frame: Frame,
    kinds: Vec<KindChoice>,
}

#[derive(Template)]
#[template(path = "editor.html")]
struct EditorPage {
    frame: Frame,
    heading: String,
    action: String,
    editor: EditorView,
    cancel_href: String,
    /// The bodies as they will read, after "Preview".
    preview: Vec<BodyPreview>,
}

/// One language's body, rendered.
struct BodyPreview {
    language: String,
    name: String,
    html: String,
}

#[derive(Deserialize)]
pub struct NewQuery {
    kind: Option<String>,
    adapted_from: Option<String>,
}

/// `GET /new`: the kinds to choose from, then the form for one.
pub async fn new_form(
    req: HttpRequest,
    viewer: Viewer,
    query: web::Query<NewQuery>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let tr = &viewer.tr;
    // Adapting an item held here: the editor opens with a copy of it, in its kind.
    let source = match query.adapted_from.as_deref().map(Url::parse) {
        Some(Ok(original)) => {
            let lookup = original.clone();
            data.db
                .read(move |conn| items::find_by_ap_id(conn, &lookup))
                .await?
                .filter(|stored| {
                    stored.deleted_at.is_none() && viewer.visibility().shows(&stored.item.content.audience)
                })
                .map(|stored| (original, stored.item.content))
        }
        _ => None,
    };
    let kind = source
        .as_ref()
        .map(|(_, content)| content.kind)
        .or_else(|| query.kind.as_deref().and_then(ItemKind::from_code));
    let Some(kind) = kind else {
        let adapted = query
            .adapted_from
            .as_deref()
            .map(|a| format!("&adapted_from={}", super::encode(a)))
            .unwrap_or_default();
        let kinds = ItemKind::ALL
            .iter()
            .map(|k| KindChoice {
                href: format!("/new?kind={}{adapted}", k.code()),
                label: tr.code_label("kind", k.code()),
                about: tr.code_label("kind-about", k.code()),
            })
            .collect();
        let frame = Frame::new(&viewer, &req, &data.city, "new", tr.t("new-heading"));
        return render(&viewer, &ChooseKindPage { frame, kinds });
    };
    let (draft, languages) = match &source {
        Some((original, content)) => (
            ItemDraft::adapting(content, original),
            content.languages().iter().map(ToString::to_string).collect(),
        ),
        None => {
            let languages: Vec<String> = data.city.languages.iter().map(ToString::to_string).collect();
            (
                blank_draft(kind, &languages, query.adapted_from.clone()),
                languages,
            )
        }
    };
    let heading = tr.t1("new-kind-heading", "kind", &tr.code_label("kind", kind.code()));
    let page = EditorPage {
        frame: Frame::new(&viewer, &req, &data.city, "new", heading.clone()),
        heading,
        action: format!("/new?kind={}", kind.code()),
        editor: editor_view(
            tr,
            kind,
            &draft,
            &languages,
            &city_languages(&data),
            &peer_cities(&data, &viewer.reads).await?,
            &[],
        ),
        cancel_href: "/".into(),
        preview: Vec::new(),
    };
    render(&viewer, &page)
}

#[derive(Deserialize)]
pub struct KindQuery {
    kind: String,
}

/// `POST /new?kind=...`: publishes the item, or shows the form again with its errors.
pub async fn create(
    req: HttpRequest,
    viewer: Viewer,
    query: web::Query<KindQuery>,
    payload: Multipart,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let kind = ItemKind::from_code(&query.kind)
        .ok_or_else(|| HttpError::bad_request(viewer.tr.t("error-unknown-kind")).in_readers_language())?;
    let submitted = Submitted::read(payload, &data, &viewer.tr).await?;
    viewer.check_csrf(submitted.form.get("csrf").unwrap_or_default())?;
    let tr = &viewer.tr;
    let heading = tr.t1("new-kind-heading", "kind", &tr.code_label("kind", kind.code()));
    let action = format!("/new?kind={}", kind.code());
    let outcome = match submitted.into_draft(kind, &data).await {
        Ok((draft, languages, true)) => match service::items::publish(&data, draft.clone()).await {
            Ok(published) => {
                let page = item_href(&published.item.ap_id, &data.settings);
                return Ok(see_other(&with_done(&page, "published")));
            }
            Err(ServiceError::Invalid(errors)) => (draft, languages, errors.0),
            Err(e) => return Err(e.into()),
        },
        Ok((draft, languages, false)) => (draft, languages, Vec::new()),
        Err((draft, languages, errors)) => (draft, languages, errors),
    };
    show_again(&req, &viewer, &data, kind, heading, action, "/".into(), outcome).await
}

/// `GET /items/{uuid}/edit`
pub async fn edit_form(
    req: HttpRequest,
    viewer: Viewer,
    uuid: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let id = local_id(&data, &uuid);
    let content = load_local(&viewer, &data, &id).await?;
    let tr = &viewer.tr;
    let languages: Vec<String> = content.languages().iter().map(ToString::to_string).collect();
    let draft = ItemDraft::from(&content);
    let heading = tr.t("edit-heading");
    let page = EditorPage {
        frame: Frame::new(&viewer, &req, &data.city, "feed", heading.clone()),
        heading,
        action: format!("{}/edit", id.path()),
        editor: editor_view(
            tr,
            content.kind,
            &draft,
            &languages,
            &city_languages(&data),
            &peer_cities(&data, &viewer.reads).await?,
            &[],
        ),
        cancel_href: id.path().to_string(),
        preview: Vec::new(),
    };
    render(&viewer, &page)
}

/// `POST /items/{uuid}/edit`: saves the new version, or shows the form again with its errors.
pub async fn update(
    req: HttpRequest,
    viewer: Viewer,
    uuid: web::Path<String>,
    payload: Multipart,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let id = local_id(&data, &uuid);
    let submitted = Submitted::read(payload, &data, &viewer.tr).await?;
    viewer.check_csrf(submitted.form.get("csrf").unwrap_or_default())?;
    let kind = load_local(&viewer, &data, &id).await?.kind;
    let outcome = match submitted.into_draft(kind, &data).await {
        Ok((draft, languages, true)) => match service::items::update(&data, &id, draft.clone()).await {
            Ok(_) => return Ok(see_other(&with_done(id.path(), "saved"))),
            Err(ServiceError::Invalid(errors)) => (draft, languages, errors.0),
            Err(e) => return Err(e.into()),
        },
        Ok((draft, languages, false)) => (draft, languages, Vec::new()),
        Err((draft, languages, errors)) => (draft, languages, errors),
    };
    let heading = viewer.tr.t("edit-heading");
    show_again(
        &req,
        &viewer,
        &data,
        kind,
        heading,
        format!("{}/edit", id.path()),
        id.path().to_string(),
        outcome,
    )
    .await
}

/// The languages the city publishes in, as codes.
fn city_languages(data: &AppContext) -> Vec<String> {
    data.city.languages.iter().map(ToString::to_string).collect()
}

/// The peer cities an editor may name as an item's audience, and the communities it may post
/// to: those this city hosts or is a member of.
async fn peer_cities(data: &Data<AppContext>, reads: &[LanguageTag]) -> Result<Addressees, HttpError> {
    let peers = data.db.read(|conn| cities::peers(conn, 500)).await?;
    let communities = crate::service::communities::list(data).await?;
    Ok(Addressees {
        cities: peers
            .iter()
            .map(|city| PeerCity {
                ap_id: city.ap_id.to_string(),
                name: format!("{} ({})", city.name_for(reads), city.domain()),
            })
            .collect(),
        communities: communities
            .iter()
            .filter(|c| c.standing == Some(crate::storage::follows::FollowState::Accepted))
            .map(|c| PeerCity {
                ap_id: c.community.actor.ap_id.to_string(),
                name: format!(
                    "{} ({})",
                    c.community.name_for(reads),
                    c.community.actor.address()
                ),
            })
            .collect(),
    })
}

#[allow(clippy::too_many_arguments)]
async fn show_again(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    kind: ItemKind,
    heading: String,
    action: String,
    cancel_href: String,
    (draft, languages, errors): (ItemDraft, Vec<String>, Vec<FieldError>),
) -> Result<HttpResponse, HttpError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let peers = peer_cities(data, &viewer.reads).await?;
    let editor = editor_view(
        &viewer.tr,
        kind,
        &draft,
        &languages,
        &city_languages(data),
        &peers,
        &errors,
    );
    // Shown again without saving: the bodies as they will read, to check the Markdown.
    let preview = draft
        .body
        .iter()
        .filter(|(_, html)| !html.trim().is_empty())
        .map(|(language, html)| BodyPreview {
            language: language.clone(),
            name: viewer.tr.language_name(language),
            html: sanitize_html(html),
        })
        .collect();
    let page = EditorPage {
        frame: Frame::new(viewer, req, &data.city, "new", heading.clone()),
        heading,
        action,
        editor,
        cancel_href,
        preview,
    };
    render_with(viewer, status, &page)
}

/// A submitted editor form (or another form with files): its fields and the files chosen for
/// upload, each its name, declared media type and bytes.
pub(super) struct Submitted {
    pub(super) form: FormInput,
    pub(super) files: Vec<(String, String, Vec<u8>)>,
}

type Outcome = (ItemDraft, Vec<String>, Vec<FieldError>);

impl Submitted {
    /// Reads a `multipart/form-data` body, within the size limits.
    pub(super) async fn read(
        mut payload: Multipart,
        data: &Data<AppContext>,
        tr: &Tr,
    ) -> Result<Submitted, HttpError> {
        let max_file = usize::try_from(data.settings.attachments.max_bytes).unwrap_or(usize::MAX);
        let mut form = FormInput::default();
        let mut files = Vec::new();
        while let Some(field) = payload.next().await {
            let mut field =
                field.map_err(|e| HttpError::bad_request(format!("the form could not be read: {e}")))?;
            let disposition = field.content_disposition().cloned();
            let name = disposition
                .as_ref()
                .and_then(|d| d.get_name())
                .unwrap_or_default()
                .to_string();
            let filename = disposition
                .as_ref()
                .and_then(|d| d.get_filename())
                .map(str::to_string);
            let media_type = field
                .content_type()
                .map(|m| m.essence_str().to_string())
                .unwrap_or_else(|| "application/octet-stream".into());
            let limit = if filename.is_some() {
                max_file
            } else {
                MAX_TEXT_FIELD_BYTES
            };
            let mut bytes = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk =
                    chunk.map_err(|e| HttpError::bad_request(format!("the form could not be read: {e}")))?;
                if bytes.len() + chunk.len() > limit {
                    return Err(HttpError::payload_too_large(limit));
                }
                bytes.extend_from_slice(&chunk);
            }
            match filename {
                Some(filename) if !filename.is_empty() && !bytes.is_empty() => {
                    if files.len() >= MAX_UPLOADS {
                        let most = tr.count("error-too-many-uploads", MAX_UPLOADS as i64);
                        return Err(HttpError::bad_request(most).in_readers_language());
                    }
                    files.push((filename, media_type, bytes));
                }
                Some(_) => {}
                None => form.0.push((name, String::from_utf8_lossy(&bytes).into_owned())),
            }
        }
        Ok(Submitted { form, files })
    }

    /// The draft the form describes, its languages, and whether it is meant to be saved (rather
    /// than shown again with other languages). Uploads are stored first; problems with them
    /// come back as errors of the form.
    async fn into_draft(
        self,
        kind: ItemKind,
        data: &Data<AppContext>,
    ) -> Result<(ItemDraft, Vec<String>, bool), Outcome> {
        let (languages, invalid) = languages_of(&self.form);
        let mut draft = draft_from_form(kind, &self.form, &languages);
        let mut errors = ValidationErrors::default();
        if let Some((value, message)) = invalid {
            errors
                .add("languages", Problem::NotALanguage, message)
                .with("value", value);
        }
        if languages.is_empty() {
            errors.add(
                "languages",
                Problem::Required,
                "name at least one language, like \"bg\" or \"it, en\"",
            );
        }
        for (name, media_type, bytes) in self.files {
            match service::attachments::store(data, &name, &media_type, bytes).await {
                Ok(stored) => draft.attachments.push(AttachmentDraft {
                    name: Some(stored.name),
                    media_type: Some(stored.media_type),
                    digest: Some(stored.digest),
                    ..AttachmentDraft::default()
                }),
                Err(ServiceError::Invalid(problems)) => {
                    for problem in problems.0 {
                        let error = errors
                            .add("upload", problem.code, format!("{name}: {}", problem.message))
                            .with("file", &name);
                        for (key, value) in problem.params {
                            error.with(key, value);
                        }
                    }
                }
                Err(e) => {
                    errors
                        .add("upload", Problem::UploadFailed, format!("{name}: {e}"))
                        .with("file", &name);
                }
            }
        }
        if !errors.is_empty() {
            return Err((draft, languages, errors.0));
        }
        let save = !matches!(self.form.get("action"), Some("languages" | "preview"));
        Ok((draft, languages, save))
    }
}

fn local_id(data: &Data<AppContext>, uuid: &str) -> Url {
    let mut id = data.settings.url_for(paths::ITEMS);
    id.path_segments_mut().expect("http URL").push(uuid);
    id
}

async fn load_local(
    viewer: &Viewer,
    data: &Data<AppContext>,
    id: &Url,
) -> Result<crate::domain::item::ItemContent, HttpError> {
    let lookup = id.clone();
    match data
        .db
        .read(move |conn| items::find_by_ap_id(conn, &lookup))
        .await?
    {
        Some(stored) if stored.deleted_at.is_none() => Ok(stored.item.content),
        _ => Err(HttpError::not_found(viewer.tr.t("error-item-not-found")).in_readers_language()),
    }
}

#[derive(Template)]
#[template(path = "delete.html")]
struct DeletePage {
    frame: Frame,
    title: String,
    action: String,
    cancel_href: String,
}

/// `GET /items/{uuid}/delete`: asks before deleting.
pub async fn confirm_delete(
    req: HttpRequest,
    viewer: Viewer,
    uuid: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    let id = local_id(&data, &uuid);
    let content = load_local(&viewer, &data, &id).await?;
    let title = content
        .title
        .best(&[], &content.original_language)
        .map(|(_, t)| t.to_string())
        .unwrap_or_default();
    let heading = viewer.tr.t("delete-heading");
    let page = DeletePage {
        frame: Frame::new(&viewer, &req, &data.city, "feed", heading),
        title,
        action: format!("{}/delete", id.path()),
        cancel_href: id.path().to_string(),
    };
    render(&viewer, &page)
}

/// `POST /items/{uuid}/delete`
pub async fn delete(
    viewer: Viewer,
    uuid: web::Path<String>,
    form: web::Form<CsrfForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    viewer.require(Role::Editor)?;
    viewer.check_csrf(&form.csrf)?;
    let id = local_id(&data, &uuid);
    service::items::delete(&data, &id).await?;
    Ok(see_other(&with_done("/", "deleted")))
}
