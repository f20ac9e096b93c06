//! `POST /api/v1/replies`: ask the city that owns an item a question, or answer one.

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use url::Url;

use super::auth::Editor;
use crate::{app::AppContext, http::HttpError, service};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyRequest {
    /// The item, or the earlier reply, this answers.
    in_reply_to: Url,
    /// Plain text; blank lines separate paragraphs.
    content: String,
    /// BCP 47 tag of the language it is written in.
    language: Option<String>,
}

pub async fn create(
    _editor: Editor,
    body: web::Json<ReplyRequest>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let body = body.into_inner();
    let reply =
        service::replies::reply(&data, &body.in_reply_to, &body.content, body.language.as_deref()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", reply.ap_id.as_str()))
        .json(serde_json::json!({
            "id": reply.ap_id,
            "in_reply_to": reply.in_reply_to,
            "content": reply.content,
            "language": reply.language.map(|l| l.to_string()),
            "published": reply.published,
        })))
}
