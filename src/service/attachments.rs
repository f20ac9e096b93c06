//! Files attached to items: stored once by their SHA-256 under the data directory.

use std::io::Write;

use sha2::{Digest, Sha256};
use url::Url;

use super::ServiceError;
use crate::{
    app::AppContext,
    domain::{
        item::ItemDraft,
        media::{accepted, content_matches},
        validation::{Problem, ValidationErrors},
    },
    storage::uploads::{self, Upload},
};

/// A stored file, and the URL an attachment of it has under `name`.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[schema(as = StoredAttachment)]
pub struct Stored {
    /// SHA-256 of the content, hex: attach the file to an item with `{"digest", "name"}`.
    pub digest: String,
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    pub name: String,
    /// Where the file is downloaded under `name`.
    pub url: Url,
}

/// Checks and stores a file; storing the same content again changes nothing.
pub async fn store(
    ctx: &AppContext,
    name: &str,
    declared_type: &str,
    bytes: Vec<u8>,
) -> Result<Stored, ServiceError> {
    let mut errors = ValidationErrors::default();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.contains(['/', '\\']) {
        errors.add(
            "name",
            Problem::FileNameInvalid,
            "expected a file name of 1 to 200 characters, without slashes",
        );
    }
    let media_type = accepted(declared_type);
    match media_type {
        None => {
            errors
                .add(
                    "media_type",
                    Problem::FileTypeRefused,
                    format!("`{declared_type}` is not accepted; attach PDF, office documents, images, video, text or zip packages"),
                )
                .with("value", declared_type);
        }
        Some(t) if !content_matches(t, &bytes[..bytes.len().min(512)]) => {
            errors
                .add(
                    "media_type",
                    Problem::FileContentMismatch,
                    format!("the file's content is not {t}"),
                )
                .with("value", t);
        }
        Some(_) => {}
    }
    let max = ctx.settings.attachments.max_bytes;
    if bytes.is_empty() {
        errors.add("file", Problem::FileEmpty, "the file is empty");
    } else if bytes.len() as u64 > max {
        errors
            .add(
                "file",
                Problem::FileTooLarge,
                format!("larger than the limit of {max} bytes"),
            )
            .with("max", max);
    }
    // Every problem names the file, so a form with several uploads says which one it is.
    for error in &mut errors.0 {
        error.with("file", name);
    }
    errors.into_result(())?;
    let media_type = media_type.expect("checked above").to_string();
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let upload = Upload {
        digest: digest.clone(),
        media_type,
        size: bytes.len() as u64,
    };
    let dir = ctx.settings.attachments_dir();
    let path = dir.join(&digest);
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        if path.exists() {
            return Ok(());
        }
        std::fs::create_dir_all(&dir)?;
        // Written beside its final name and renamed, so a reader never sees half a file.
        let mut temp = tempfile_in(&dir)?;
        temp.1.write_all(&bytes)?;
        temp.1.sync_all()?;
        std::fs::rename(&temp.0, &path)
    })
    .await
    .map_err(|e| ServiceError::BadInput(format!("storing the file failed: {e}")))?
    .map_err(|e| {
        tracing::error!(error = %e, "could not store an attachment");
        ServiceError::BadInput("the file could not be stored; the details are in the server log".into())
    })?;
    let recorded = upload.clone();
    ctx.db.write(move |conn| uploads::record(conn, &recorded)).await?;
    Ok(Stored {
        url: url_of(ctx, &upload.digest, name),
        digest: upload.digest,
        media_type: upload.media_type,
        size: upload.size,
        name: name.to_string(),
    })
}

fn tempfile_in(dir: &std::path::Path) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let path = dir.join(format!(".upload-{}", uuid::Uuid::new_v4()));
    let file = std::fs::File::create(&path)?;
    Ok((path, file))
}

/// The download URL of a stored file under a name.
pub fn url_of(ctx: &AppContext, digest: &str, name: &str) -> Url {
    let mut url = ctx.settings.url_for("/attachments/");
    url.path_segments_mut()
        .expect("an http URL has path segments")
        .pop_if_empty()
        .push(digest)
        .push(name);
    url
}

/// Fills in the URL, media type and size of attachments given by the digest of an upload.
pub async fn resolve(ctx: &AppContext, mut draft: ItemDraft) -> Result<ItemDraft, ServiceError> {
    let wanted: Vec<(usize, String)> = draft
        .attachments
        .iter()
        .enumerate()
        .filter(|(_, a)| a.url.is_none())
        .filter_map(|(i, a)| a.digest.clone().map(|d| (i, d.to_ascii_lowercase())))
        .collect();
    if wanted.is_empty() {
        return Ok(draft);
    }
    let lookups = wanted.clone();
    let found = ctx
        .db
        .read(move |conn| {
            lookups
                .iter()
                .map(|(_, digest)| uploads::find(conn, digest))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    let mut errors = ValidationErrors::default();
    for ((index, digest), upload) in wanted.into_iter().zip(found) {
        let attachment = &mut draft.attachments[index];
        match upload {
            Some(upload) => {
                let name = attachment.name.clone().unwrap_or_else(|| upload.digest.clone());
                attachment.url = Some(url_of(ctx, &upload.digest, &name).to_string());
                attachment.media_type = Some(upload.media_type);
                attachment.size = Some(upload.size);
                attachment.digest = Some(upload.digest);
            }
            None => {
                errors
                    .add(
                        format!("attachments[{index}].digest"),
                        Problem::NotUploaded,
                        format!(
                            "no file with digest {digest} was uploaded here; upload it to /api/v1/attachments first"
                        ),
                    )
                    .with("value", digest);
            }
        }
    }
    errors.into_result(draft).map_err(Into::into)
}
