//! HTML cleaning for every body that is stored or shown.

use std::sync::LazyLock;

/// The one sanitizer policy: formatting, links, lists, tables and images survive; scripts,
/// styles, event handlers, forms and `javascript:` URLs do not.
static POLICY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true);
    builder
});

/// Returns `html` with everything unsafe removed.
pub fn sanitize_html(html: &str) -> String {
    POLICY.clean(html).to_string()
}

/// The text of an HTML fragment, without markup (for titles made from bodies).
pub fn plain_text(html: &str) -> String {
    let stripped = ammonia::Builder::empty().clean(html).to_string();
    let unescaped = stripped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    unescaped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes plain text so it can be placed in HTML text or a quoted attribute.
pub fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let dirty = r#"<p onclick="steal()">Hi<script>alert(1)</script>
            <a href="javascript:alert(1)">x</a><img src="x" onerror="alert(1)"></p>
            <style>body{}</style><iframe src="https://evil.example"></iframe>"#;
        let clean = sanitize_html(dirty);
        for forbidden in ["script", "onclick", "onerror", "javascript:", "style", "iframe"] {
            assert!(!clean.contains(forbidden), "{forbidden} survived in {clean}");
        }
        assert!(clean.contains("<p>Hi"));
    }

    #[test]
    fn ordinary_formatting_survives() {
        let html = "<p><strong>Mediators</strong> met <em>12</em> families.</p><ul><li>one</li></ul>";
        assert_eq!(sanitize_html(html), html);
    }
}
