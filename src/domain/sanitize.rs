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

/// At most `max_chars` of plain `text`, its spaces collapsed, cut after a whole word and marked
/// with `…` when it is longer: a teaser for a link preview, a feed or a message.
pub fn teaser(text: &str, max_chars: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((end, _)) = text.char_indices().nth(max_chars) else {
        return text;
    };
    // Room for the ellipsis; a single word longer than the teaser is cut inside.
    let head = &text[..text
        .char_indices()
        .nth(max_chars.saturating_sub(1))
        .map_or(end, |(i, _)| i)];
    let cut = match head.rfind(' ') {
        _ if text[head.len()..].starts_with(' ') => head,
        Some(space) if space > 0 => &head[..space],
        _ => head,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// The words of HTML that [`sanitize_html`] already cleaned, quickly (for indexing): tags become
/// spaces and the entities the sanitizer writes are decoded. Not for untrusted HTML: use
/// [`plain_text`] there.
pub fn words_of_clean_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                text.push(' ');
            }
            (true, '>') => in_tag = false,
            (false, c) => text.push(c),
            (true, _) => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
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
    fn a_teaser_ends_after_a_whole_word_within_its_length() {
        assert_eq!(teaser("  Short   text. ", 40), "Short text.");
        let long = "Mediators visit every family, twice a month, before the school year starts";
        let cut = teaser(long, 30);
        assert_eq!(cut, "Mediators visit every family…");
        assert!(cut.chars().count() <= 30, "{cut}");
        assert_eq!(
            teaser("Общинските медиатори посещават семействата", 12),
            "Общинските…"
        );
        assert_eq!(teaser("Antidiscriminazione", 8), "Antidis…");
    }

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
    fn the_words_of_clean_html_are_read_without_its_tags() {
        let clean = sanitize_html(
            "<p>Mediatori <strong>scolastici</strong> &amp; famiglie</p><ul><li>uno</li><li>due</li></ul>",
        );
        assert_eq!(
            words_of_clean_html(&clean).split_whitespace().collect::<Vec<_>>(),
            ["Mediatori", "scolastici", "&", "famiglie", "uno", "due"]
        );
    }

    #[test]
    fn ordinary_formatting_survives() {
        let html = "<p><strong>Mediators</strong> met <em>12</em> families.</p><ul><li>one</li></ul>";
        assert_eq!(sanitize_html(html), html);
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        /// Pieces attackers combine, mixed with ordinary text and markup.
        fn fragment() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("<script>alert(1)</script>".to_string()),
                Just("<scr<script>ipt>".to_string()),
                Just("<img src=x onerror=alert(1)>".to_string()),
                Just("<a href=\"javascript:alert(1)\">x</a>".to_string()),
                Just("<a href=\"JaVaScRiPt:alert(1)\">x</a>".to_string()),
                Just("<a href=\"jav&#x09;ascript:alert(1)\">x</a>".to_string()),
                Just("<svg onload=alert(1)>".to_string()),
                Just("<iframe src=//evil.example>".to_string()),
                Just("<style>*{}</style>".to_string()),
                Just("<p style=\"x:expression(alert(1))\">".to_string()),
                Just("<!-- <script> -->".to_string()),
                Just("<form action=//evil.example><input>".to_string()),
                Just("<p>".to_string()),
                Just("</p>".to_string()),
                Just("<strong>".to_string()),
                Just("<a href=\"https://example.org\">".to_string()),
                "[a-zA-Z0-9 <>\"'=/&;:.-]{0,20}",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

            /// Whatever is combined, nothing that runs survives, and cleaning is stable.
            #[test]
            fn no_combination_survives_cleaning(parts in proptest::collection::vec(fragment(), 0..12)) {
                let dirty = parts.concat();
                let clean = sanitize_html(&dirty);
                // Text keeps its words (escaped); what must not survive is markup: every `<` left
                // in the output opens a tag, and no tag may carry these.
                for tag in clean.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("").to_ascii_lowercase()) {
                    // Attribute values may hold spaces: split only outside quotes.
                    let mut quoted = None;
                    let unquoted: String = tag
                        .chars()
                        .map(|c| match (quoted, c) {
                            (None, '"' | '\'') => { quoted = Some(c); c }
                            (Some(q), c) if c == q => { quoted = None; c }
                            (Some(_), c) if c.is_whitespace() => '_',
                            (_, c) => c,
                        })
                        .collect();
                    let mut words = unquoted.trim_start_matches('/').split_whitespace();
                    let name = words.next().unwrap_or("");
                    prop_assert!(
                        !["script", "iframe", "style", "svg", "form", "input"].contains(&name),
                        "<{}> survived in {}", tag, clean
                    );
                    for attribute in words {
                        prop_assert!(!attribute.starts_with("on") && !attribute.starts_with("style="), "{} survived in {}", attribute, clean);
                    }
                    prop_assert!(!tag.contains("javascript:"), "a javascript: URL survived in {}", clean);
                }
                prop_assert_eq!(sanitize_html(&clean), clean.clone(), "cleaning twice changes {}", clean);
            }

            /// Any text at all is cleaned without a panic, and plain text holds no markup.
            #[test]
            fn any_text_is_cleaned(text in ".{0,400}") {
                let _ = sanitize_html(&text);
                let plain = plain_text(&text);
                prop_assert!(!plain.contains("<script"), "{}", plain);
            }
        }
    }
}
