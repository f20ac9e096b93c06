//! The inbox: where peers deliver activities, and the trust boundary they cross.
//!
//! In this order, each step only after the one before it held:
//! 1. the body is read within its size limit (413);
//! 2. the `Signature` header is checked against the signature policy, with no lookup at all (401);
//! 3. the body is an ActivityPub activity (415 for another media type, 400 when unreadable), and
//!    the signature's key is on the actor's origin (401);
//! 4. the federation policy allows the actor (403);
//! 5. the actor is found (stored or fetched through the guarded client) and the signature is its
//!    own, made with its key (401);
//! 6. only now, to the authenticated sender: a repeated activity is answered `200 duplicate`, one
//!    Praxis does not handle `202 ignored`;
//! 7. the activity's own `verify` (origin, ownership, an accepted follow) and `receive`, which
//!    records the activity id in the transaction that applies its effect (see
//!    [`crate::federation::activities::Received`]).
//!
//! No answer carries remote content: failures are reported by kind and URL.

pub mod signature;
pub mod signer;

use std::time::SystemTime;

use activitypub_federation::{config::Data, traits::Activity};
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use serde_json::json;
use tracing::Instrument;

use super::{
    FederationError,
    activities::{Envelope, InboxActivity},
    verify,
};
use crate::{
    app::AppContext,
    http::{HttpError, body::read_limited},
    storage::{StorageError, deliveries, received},
};
use signature::{RequestParts, SignatureError};

/// Why an inbox request was refused before its activity was looked at.
#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error(transparent)]
    Signature(#[from] SignatureError),
    #[error("the signature's key {key_id} is not the key of {actor}")]
    KeyNotOwned { key_id: String, actor: String },
    #[error("the key of {actor} could not be fetched: {reason}")]
    KeyUnavailable { actor: String, reason: String },
    #[error("the body must be an ActivityPub document (Content-Type application/activity+json), not `{0}`")]
    MediaType(String),
}

impl From<InboxError> for HttpError {
    fn from(e: InboxError) -> HttpError {
        let code = match &e {
            InboxError::Signature(SignatureError::Missing) => "signature_missing",
            InboxError::Signature(_) | InboxError::KeyNotOwned { .. } => "signature_invalid",
            InboxError::KeyUnavailable { .. } => "key_unavailable",
            InboxError::MediaType(_) => {
                return HttpError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    e.to_string(),
                );
            }
        };
        HttpError::new(StatusCode::UNAUTHORIZED, code, e.to_string())
    }
}

/// Both inboxes: the city's own and the shared one.
pub async fn inbox(
    req: HttpRequest,
    payload: web::Payload,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let body = read_limited(&req, payload, data.settings.federation.max_request_body_bytes).await?;
    let signed = signature_of(&req, &body, &data).map_err(InboxError::from)?;
    require_activitypub_media_type(&req)?;
    let envelope: Envelope = serde_json::from_slice(&body).map_err(|e| {
        HttpError::new(
            StatusCode::BAD_REQUEST,
            "invalid_activity",
            format!("the body is not an ActivityPub activity with id, type and actor: {e}"),
        )
    })?;
    // The key must be the actor's own before anything is looked up for it.
    if signed.key_id.origin() != envelope.actor.origin() {
        return Err(InboxError::KeyNotOwned {
            key_id: signed.key_id.to_string(),
            actor: envelope.actor.to_string(),
        }
        .into());
    }
    // A refused peer causes no fetch and no row.
    if let Err(refusal) = data.policy.check_fresh(&envelope.actor).await? {
        tracing::info!(activity = %envelope.id, actor = %envelope.actor, %refusal, "refused an activity");
        return Err(HttpError::new(
            StatusCode::FORBIDDEN,
            "federation_refused",
            refusal.to_string(),
        ));
    }
    let span =
        tracing::info_span!("inbox", activity = %envelope.id, kind = %envelope.kind, actor = %envelope.actor);
    async move {
        signer::authenticate(&data, &envelope.actor, &signed).await?;
        // Authenticated from here on.
        verify::same_origin("activity", &envelope.id, &envelope.actor)?;
        // One trip to the database for two questions: was this activity applied already, and
        // does the sender's host have inboxes that looked gone (a peer that sends is alive)?
        let peer = deliveries::peer_host(&envelope.actor);
        let (id, lookup) = (envelope.id.clone(), peer.clone());
        let (seen, peer_looked_gone) = data
            .db
            .read(move |conn| -> Result<_, StorageError> {
                Ok((
                    received::seen(conn, &id)?,
                    deliveries::has_gone_inboxes(conn, &lookup)?,
                ))
            })
            .await?;
        if seen {
            return Ok(duplicate());
        }
        if let Some(reason) = envelope.unsupported_reason() {
            tracing::debug!(%reason, "ignored an activity");
            return Ok(HttpResponse::Accepted().json(json!({ "status": "ignored", "reason": reason })));
        }
        let activity: InboxActivity = serde_json::from_slice(&body).map_err(|e| {
            HttpError::new(
                StatusCode::BAD_REQUEST,
                "invalid_activity",
                format!("the {} activity cannot be read: {e}", envelope.kind),
            )
        })?;
        activity.verify(&data).await?;
        match activity.receive(&data).await {
            Ok(()) => {}
            // A redelivery that raced this one: it changed nothing.
            Err(FederationError::Duplicate) => return Ok(duplicate()),
            Err(e) => return Err(e.into()),
        }
        // A peer that sends is alive: inboxes of it that looked gone get deliveries again. Asked
        // above by a read: almost always there is nothing to revive, and a read takes no write lock.
        if peer_looked_gone {
            data.db
                .write(move |conn| -> Result<(), StorageError> {
                    if deliveries::revive_peer(conn, &peer)? {
                        tracing::info!(%peer, "a peer thought gone is back");
                    }
                    Ok(())
                })
                .await?;
        }
        Ok(HttpResponse::Accepted().json(json!({ "status": "accepted" })))
    }
    .instrument(span)
    .await
}

/// The request's signature header checked against the signature policy (no lookup): the inbox's
/// step 2, and the first check of a signed fetch.
pub(crate) fn signature_of(
    req: &HttpRequest,
    body: &[u8],
    data: &AppContext,
) -> Result<signature::SignedRequest, SignatureError> {
    // A request without `Host` (HTTP/2, or a proxy that drops it) is read as addressed here.
    let own_host = data.settings.domain();
    let header = |name: &str| header_value(req, name).or_else(|| (name == "host").then(|| own_host.clone()));
    let parts = RequestParts {
        method: req.method().as_str(),
        scheme: data.settings.instance.public_url.scheme(),
        path_and_query: req.uri().path_and_query().map_or(req.path(), |p| p.as_str()),
        header: &header,
        body,
    };
    signature::check(&parts, SystemTime::now())
}

fn duplicate() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "duplicate" }))
}

/// A header's value; several values of one header joined with `, `, as signers join them.
fn header_value(req: &HttpRequest, name: &str) -> Option<String> {
    let values: Vec<&str> = req
        .headers()
        .get_all(name)
        .map(|v| v.to_str().ok())
        .collect::<Option<_>>()?;
    (!values.is_empty()).then(|| values.join(", "))
}

/// `application/activity+json`, or `application/ld+json` with the ActivityStreams profile.
fn require_activitypub_media_type(req: &HttpRequest) -> Result<(), InboxError> {
    let value = req
        .headers()
        .get("Content-Type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut parts = value.split(';').map(str::trim);
    let essence = parts.next().unwrap_or("").to_ascii_lowercase();
    let accepted = match essence.as_str() {
        "application/activity+json" => true,
        "application/ld+json" => parts.any(|p| {
            p.split_once('=').is_some_and(|(name, value)| {
                name.trim().eq_ignore_ascii_case("profile")
                    && value
                        .trim_matches('"')
                        .split_whitespace()
                        .any(|profile| profile == "https://www.w3.org/ns/activitystreams")
            })
        }),
        _ => false,
    };
    if accepted {
        Ok(())
    } else {
        Err(InboxError::MediaType(value.chars().take(80).collect()))
    }
}
