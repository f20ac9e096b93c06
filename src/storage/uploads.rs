//! The `uploads` table: files stored on this instance, by their SHA-256 digest.

use chrono::NaiveDateTime;
use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};

use super::{DbConn, StorageError, dispatch, schema::uploads, to_db_time};
use crate::domain::item::now;

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// SHA-256 of the content, lowercase hex.
    pub digest: String,
    pub media_type: String,
    pub size: u64,
}

/// Records a stored file; the same content stored twice is one row.
pub fn record(conn: &mut DbConn<'_>, upload: &Upload) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::insert_into(uploads::table)
        .values((
            uploads::digest.eq(&upload.digest),
            uploads::media_type.eq(&upload.media_type),
            uploads::size.eq(upload.size as i64),
            uploads::created_at.eq(to_db_time(now())),
        ))
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(())
}

/// The stored file with this digest.
pub fn find(conn: &mut DbConn<'_>, digest: &str) -> Result<Option<Upload>, StorageError> {
    let row = dispatch!(conn, c => uploads::table
        .find(digest)
        .select((uploads::digest, uploads::media_type, uploads::size, uploads::created_at))
        .first::<(String, String, i64, NaiveDateTime)>(c)
        .optional())?;
    Ok(row.map(|(digest, media_type, size, _)| Upload {
        digest,
        media_type,
        size: size as u64,
    }))
}
