//! Replies: questions to the city that owns an item, and their answers.

use chrono::{DateTime, Utc};
use url::Url;

use super::{
    language::LanguageTag,
    sanitize::sanitize_html,
    validation::{Problem, ValidationErrors},
};

/// Longest reply, in characters of HTML.
pub const MAX_REPLY_CHARS: usize = 10_000;

/// A reply about a knowledge item.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub ap_id: Url,
    /// The city that wrote it.
    pub author: Url,
    /// The item, or the earlier reply, it answers.
    pub in_reply_to: Url,
    /// Sanitized HTML.
    pub content: String,
    pub language: Option<LanguageTag>,
    pub published: DateTime<Utc>,
    /// The person who wrote it on behalf of the city (their name), when they gave it.
    pub signed_by: Option<String>,
}

/// Longest name a reply is signed with.
pub const MAX_SIGNATURE_CHARS: usize = 100;

/// A name to sign a reply with, as plain text on one line, or none when nothing is left of it.
pub fn signature(name: &str) -> Option<String> {
    let text = super::sanitize::plain_text(name);
    let name: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_SIGNATURE_CHARS)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Checks and cleans a reply's text and language; `html` says whether `text` is HTML (from
/// other servers) or plain text (typed by a person, turned into paragraphs).
pub fn validated_content(
    text: &str,
    html: bool,
    language: Option<&str>,
) -> Result<(String, Option<LanguageTag>), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let content = if html {
        sanitize_html(text)
    } else {
        text.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("<p>{}</p>", super::sanitize::escape_text(p).replace('\n', "<br>")))
            .collect()
    };
    if super::sanitize::plain_text(&content).is_empty() {
        errors.add("content", Problem::Required, "required: the question or answer");
    } else if content.chars().count() > MAX_REPLY_CHARS {
        errors
            .add(
                "content",
                Problem::TooLong,
                format!("too long: at most {MAX_REPLY_CHARS} characters"),
            )
            .with("max", MAX_REPLY_CHARS);
    }
    let language = match language.map(LanguageTag::parse) {
        Some(Ok(tag)) => Some(tag),
        Some(Err(e)) => {
            errors
                .add("language", Problem::NotALanguage, e.to_string())
                .with("value", language.unwrap_or_default());
            None
        }
        None => None,
    };
    errors.into_result((content, language))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_a_short_line_of_plain_text() {
        assert_eq!(signature("  Ana   Petrova\n").as_deref(), Some("Ana Petrova"));
        assert_eq!(
            signature("<b>Ana</b><script>alert(1)</script>").as_deref(),
            Some("Ana"),
            "markup from a peer is dropped"
        );
        assert_eq!(
            signature(&"x".repeat(500)).map(|s| s.chars().count()),
            Some(MAX_SIGNATURE_CHARS)
        );
        assert_eq!(signature(" <i></i> "), None);
    }
}
