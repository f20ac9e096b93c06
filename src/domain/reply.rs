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
