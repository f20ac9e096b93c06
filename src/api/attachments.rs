//! `POST /api/v1/attachments?name=FILE`: upload a file (the body, with its Content-Type) to
//! attach it to items by its digest.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::auth::Editor;
use crate::{
    app::AppContext,
    http::{ApiError, HttpError, body::read_limited},
    service::{self, attachments::Stored},
    storage::uploads,
};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name, as readers download it.
    name: String,
}

/// Stores a file (the request body, with its `Content-Type`) to attach to items by its digest.
#[utoipa::path(
    post,
    path = "/api/v1/attachments",
    tag = "items",
    params(UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file; send its own media type as `Content-Type`"),
    responses(
        (status = 201, description = "Stored (again, if the same content was uploaded before)", body = Stored),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is a reader", body = ApiError),
        (status = 413, description = "Larger than `attachments.max_bytes`", body = ApiError),
        (status = 422, description = "The name or media type is not allowed", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn upload(
    _editor: Editor,
    req: HttpRequest,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let limit = usize::try_from(data.settings.attachments.max_bytes).unwrap_or(usize::MAX);
    let body = read_limited(&req, payload, limit).await?;
    let media_type = req
        .headers()
        .get("Content-Type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream");
    let stored = service::attachments::store(&data, &query.name, media_type, body.to_vec()).await?;
    Ok(HttpResponse::Created().json(stored))
}

/// `GET /attachments/{digest}/{name}`: the file, under the name it was attached with, with its
/// media type; ranges are served for video players.
pub async fn download(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    use actix_web::http::header::{
        Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
    };

    let (digest, name) = path.into_inner();
    let not_found = || HttpError::not_found(format!("there is no attachment {digest}"));
    if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_found());
    }
    let lookup = digest.to_ascii_lowercase();
    let upload = data
        .db
        .read(move |conn| uploads::find(conn, &lookup))
        .await?
        .ok_or_else(not_found)?;
    let file = actix_files::NamedFile::open_async(data.settings.attachments_dir().join(&upload.digest))
        .await
        .map_err(|_| not_found())?;
    let media_type = upload
        .media_type
        .parse::<actix_web::mime::Mime>()
        .unwrap_or(actix_web::mime::APPLICATION_OCTET_STREAM);
    let ascii_name: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' })
        .collect();
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii_name),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: name.into_bytes(),
            }),
        ],
    };
    let mut response = file
        .set_content_type(media_type)
        .set_content_disposition(disposition)
        .into_response(&req);
    let headers = response.headers_mut();
    headers.insert(
        actix_web::http::header::X_CONTENT_TYPE_OPTIONS,
        actix_web::http::header::HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
