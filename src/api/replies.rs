//! `POST /api/v1/replies`: ask the city that owns an item a question, or answer one.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use url::Url;

use super::auth::Editor;
use crate::{
    app::AppContext,
    http::{ApiError, HttpError},
    service,
};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyRequest {
    /// The item, or the earlier reply, this answers.
    in_reply_to: Url,
    /// Plain text; blank lines separate paragraphs.
    content: String,
    /// BCP 47 tag of the language it is written in.
    language: Option<String>,
}

/// A reply, as sent.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReplyCreated {
    id: Url,
    in_reply_to: Url,
    content: String,
    language: Option<String>,
    published: chrono::DateTime<chrono::Utc>,
}

/// Asks the city that owns an item a question, or answers one: the reply is delivered to that
/// city and shown under the item.
#[utoipa::path(
    post,
    path = "/api/v1/replies",
    tag = "items",
    request_body = ReplyRequest,
    responses(
        (status = 201, description = "Sent; `Location` is the reply's id", body = ReplyCreated),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No valid API token", body = ApiError),
        (status = 403, description = "The caller is a reader", body = ApiError),
        (status = 404, description = "This instance holds no such item or reply", body = ApiError),
        (status = 422, description = "The reply is not valid", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    Editor(editor): Editor,
    body: web::Json<ReplyRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let body = body.into_inner();
    // Signed by the person whose token it is; the bootstrap token is nobody.
    let signed_by = (editor.id != 0).then_some(editor.display_name.as_str());
    let reply = service::replies::reply(
        &data,
        &body.in_reply_to,
        &body.content,
        body.language.as_deref(),
        signed_by,
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", reply.ap_id.as_str()))
        .json(ReplyCreated {
            id: reply.ap_id,
            in_reply_to: reply.in_reply_to,
            content: reply.content,
            language: reply.language.map(|l| l.to_string()),
            published: reply.published,
        }))
}
