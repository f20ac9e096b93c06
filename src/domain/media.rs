//! Which files may be attached to items, and a check that a file is what it claims to be.

/// Media types accepted as attachments, with the extension offered for downloads.
pub const ACCEPTED: &[(&str, &str)] = &[
    ("application/pdf", "pdf"),
    ("application/msword", "doc"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    ("application/vnd.ms-excel", "xls"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ("application/vnd.ms-powerpoint", "ppt"),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
    ("application/vnd.oasis.opendocument.text", "odt"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ("application/vnd.oasis.opendocument.presentation", "odp"),
    ("application/zip", "zip"),
    ("image/png", "png"),
    ("image/jpeg", "jpg"),
    ("image/gif", "gif"),
    ("image/webp", "webp"),
    ("video/mp4", "mp4"),
    ("video/webm", "webm"),
    ("text/plain", "txt"),
    ("text/csv", "csv"),
];

/// The accepted media type `declared` (parameters such as `; charset=utf-8` dropped), if it is one.
pub fn accepted(declared: &str) -> Option<&'static str> {
    let essence = declared
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    ACCEPTED.iter().map(|(t, _)| *t).find(|t| *t == essence)
}

/// Whether the first bytes of a file fit its declared (accepted) media type, so that nothing is
/// served under a type it does not have.
pub fn content_matches(media_type: &str, head: &[u8]) -> bool {
    let starts = |magic: &[u8]| head.starts_with(magic);
    match media_type {
        "application/pdf" => starts(b"%PDF-"),
        "image/png" => starts(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => starts(b"\xFF\xD8\xFF"),
        "image/gif" => starts(b"GIF87a") || starts(b"GIF89a"),
        "image/webp" => head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP",
        "video/mp4" => head.len() >= 8 && &head[4..8] == b"ftyp",
        "video/webm" => starts(b"\x1A\x45\xDF\xA3"),
        // Office Open XML, OpenDocument and plain zip packages (SCORM, H5P) are zip archives.
        t if t.contains("openxmlformats") || t.contains("opendocument") || t == "application/zip" => {
            starts(b"PK\x03\x04")
        }
        "application/msword" | "application/vnd.ms-excel" | "application/vnd.ms-powerpoint" => {
            starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
        }
        "text/plain" | "text/csv" => std::str::from_utf8(head).is_ok() || valid_utf8_prefix(head),
        _ => false,
    }
}

/// A head cut in the middle of a UTF-8 sequence is still text.
fn valid_utf8_prefix(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && !head.contains(&0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_are_checked_against_the_content() {
        assert!(content_matches("application/pdf", b"%PDF-1.7\n..."));
        assert!(!content_matches("application/pdf", b"<html><script>"));
        assert!(content_matches("image/png", b"\x89PNG\r\n\x1a\n\0\0"));
        assert!(content_matches(
            "application/vnd.oasis.opendocument.text",
            b"PK\x03\x04rest"
        ));
        assert!(content_matches("text/plain", "Добри практики".as_bytes()));
        assert!(!content_matches("text/plain", b"\xff\xfe\0\0binary"));
        assert_eq!(accepted("application/PDF; name=x"), Some("application/pdf"));
        assert_eq!(accepted("text/html"), None);
    }
}
