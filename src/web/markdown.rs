//! Bodies as editors write them: Markdown in the forms, sanitized HTML everywhere else (stored,
//! federated, shown). Typed text becomes HTML with [`to_html`]; a stored body comes back to the
//! form with [`from_html`], so nobody edits tags.
//!
//! Markup Markdown has no syntax for (a table, an image from a peer) stays in the text as the
//! HTML it was, which Markdown passes through; every result is sanitized again on validation.

use pulldown_cmark::{Event, Options, Parser};

use crate::domain::sanitize::sanitize_html;

/// The HTML of a Markdown text. A line break typed within a paragraph stays a line break
/// (addresses and lists of names are typed that way); a blank line starts a new paragraph.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::SoftBreak => Event::HardBreak,
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim_end().to_string()
}

/// The Markdown of an HTML body, for the editor: paragraphs, line breaks, emphasis, links,
/// headings, lists, quotes and code in Markdown's syntax, anything else as its (sanitized) HTML.
pub fn from_html(html: &str) -> String {
    let clean = sanitize_html(html);
    let mut writer = Writer::default();
    for token in tokens(&clean) {
        writer.take(token);
    }
    writer.finish()
}

/// A piece of sanitized HTML: the sanitizer writes lowercase tags with quoted attributes and
/// escaped text, so a scan by `<` and `>` reads it exactly.
#[derive(Debug)]
enum Token<'a> {
    Open { name: &'a str, tag: &'a str },
    Close { name: &'a str, tag: &'a str },
    Text(&'a str),
}

fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if let Some(after) = rest.strip_prefix('<')
            && let Some(end) = after.find('>')
        {
            let tag = &rest[..end + 2];
            rest = &after[end + 1..];
            let inner = &tag[1..tag.len() - 1];
            return Some(match inner.strip_prefix('/') {
                Some(name) => Token::Close {
                    name: name.trim(),
                    tag,
                },
                None => {
                    let name = inner
                        .split(|c: char| c.is_whitespace() || c == '/')
                        .next()
                        .unwrap_or("");
                    Token::Open { name, tag }
                }
            });
        }
        // Text up to the next tag (a `<` that starts none is text too).
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let end = rest[first..].find('<').map_or(rest.len(), |i| i + first);
        let text = &rest[..end];
        rest = &rest[end..];
        Some(Token::Text(text))
    })
}

/// A list being written: bulleted or numbered (with the next number).
enum List {
    Bullets,
    Numbers(u32),
}

#[derive(Default)]
struct Writer {
    out: String,
    lists: Vec<List>,
    quote_depth: usize,
    /// Inside `<pre>`: text as it is.
    in_pre: bool,
    /// Links being written: the address of each, closed by `</a>`.
    links: Vec<String>,
    /// Elements written as HTML (no Markdown for them), with how deep they nest.
    raw_depth: usize,
}

/// Elements Markdown writes in its own syntax.
const MARKDOWN: [&str; 20] = [
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "code",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "hr",
];

impl Writer {
    fn take(&mut self, token: Token<'_>) {
        // Inside a table (or another element without Markdown), everything stays HTML.
        if self.raw_depth > 0 {
            match token {
                Token::Open { name, tag } => {
                    if !is_void(name) {
                        self.raw_depth += 1;
                    }
                    self.out.push_str(tag);
                }
                Token::Close { tag, .. } => {
                    self.raw_depth -= 1;
                    self.out.push_str(tag);
                    if self.raw_depth == 0 {
                        self.block_end();
                    }
                }
                Token::Text(text) => self.out.push_str(text),
            }
            return;
        }
        match token {
            Token::Text(text) => self.text(text),
            Token::Open { name, tag } if !MARKDOWN.contains(&name) => {
                if is_block(name) {
                    self.block_start();
                    if !is_void(name) {
                        self.raw_depth = 1;
                    }
                }
                self.out.push_str(tag);
            }
            Token::Close { name, tag } if !MARKDOWN.contains(&name) => self.out.push_str(tag),
            Token::Open { name, tag } => self.open(name, tag),
            Token::Close { name, .. } => self.close(name),
        }
    }

    fn open(&mut self, name: &str, tag: &str) {
        match name {
            "p" => self.block_start(),
            "br" => {
                self.out.push('\n');
                self.prefix();
            }
            "strong" | "b" => self.out.push_str("**"),
            "em" | "i" => self.out.push('*'),
            "code" if !self.in_pre => self.out.push('`'),
            "code" => {}
            "a" => {
                self.links.push(attribute(tag, "href").unwrap_or_default());
                self.out.push('[');
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.block_start();
                let level = name[1..].parse().unwrap_or(2);
                self.out.push_str(&"#".repeat(level));
                self.out.push(' ');
            }
            "ul" | "ol" => {
                if self.lists.is_empty() {
                    self.block_start();
                }
                self.lists.push(if name == "ul" {
                    List::Bullets
                } else {
                    List::Numbers(attribute(tag, "start").and_then(|s| s.parse().ok()).unwrap_or(1))
                });
            }
            "li" => {
                let kept = self.out.trim_end_matches(' ').len();
                self.out.truncate(kept);
                if !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                let depth = self.lists.len().saturating_sub(1);
                let indent: usize = self.lists[..depth].iter().map(marker_width).sum();
                self.quote_prefix();
                self.out.push_str(&" ".repeat(indent));
                match self.lists.last_mut() {
                    Some(List::Numbers(n)) => {
                        self.out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => self.out.push_str("- "),
                }
            }
            "blockquote" => {
                self.block_start();
                self.quote_depth += 1;
                self.quote_prefix();
            }
            "pre" => {
                self.block_start();
                self.in_pre = true;
                self.out.push_str("```\n");
            }
            "hr" => {
                self.block_start();
                self.out.push_str("---");
                self.block_end();
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.block_end(),
            "strong" | "b" => self.out.push_str("**"),
            "em" | "i" => self.out.push('*'),
            "code" if !self.in_pre => self.out.push('`'),
            "a" => {
                let href = self.links.pop().unwrap_or_default();
                self.out
                    .push_str(&format!("]({})", href.replace(' ', "%20").replace(')', "%29")));
            }
            "ul" | "ol" => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.block_end();
                }
            }
            "blockquote" => {
                self.quote_depth = self.quote_depth.saturating_sub(1);
                self.block_end();
            }
            "pre" => {
                if !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                self.out.push_str("```");
                self.in_pre = false;
                self.block_end();
            }
            _ => {}
        }
    }

    fn text(&mut self, escaped: &str) {
        let text = unescape(escaped);
        if self.in_pre {
            self.out.push_str(&text);
            return;
        }
        // Whitespace between blocks (the sanitizer keeps the source's newlines) is not text.
        if text.trim().is_empty() && (self.out.is_empty() || self.out.ends_with('\n')) {
            return;
        }
        let at_line_start = self.out.is_empty() || self.out.ends_with('\n') || self.out.ends_with("> ");
        let mut written = String::with_capacity(text.len());
        for (n, c) in text.chars().enumerate() {
            match c {
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                    written.push('\\');
                    written.push(c);
                }
                // A line that starts with these would become a heading, a list or a quote.
                '#' | '-' | '+' if n == 0 && at_line_start => {
                    written.push('\\');
                    written.push(c);
                }
                '\n' => written.push(' '),
                c => written.push(c),
            }
        }
        self.out.push_str(&written);
    }

    /// Starts a block on a line of its own, after a blank line (within a quote, a line of only
    /// quote marks, which keeps the quote going).
    fn block_start(&mut self) {
        if !self.lists.is_empty() {
            return;
        }
        let prefix = "> ".repeat(self.quote_depth);
        if self.quote_depth > 0 && self.out.ends_with(&prefix) {
            // Already at the start of a quoted line.
            return;
        }
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() {
            self.out.push('\n');
            self.out.push_str(prefix.trim_end());
            self.out.push('\n');
        }
        self.quote_prefix();
    }

    fn block_end(&mut self) {
        if self.lists.is_empty() {
            self.out.push_str("\n\n");
        }
    }

    fn quote_prefix(&mut self) {
        for _ in 0..self.quote_depth {
            self.out.push_str("> ");
        }
    }

    /// After a line break: the quote marks and the list indentation the next line continues in.
    fn prefix(&mut self) {
        self.quote_prefix();
        let indent: usize = self.lists.iter().map(marker_width).sum();
        self.out.push_str(&" ".repeat(indent));
    }

    fn finish(self) -> String {
        self.out.trim().to_string()
    }
}

fn marker_width(list: &List) -> usize {
    match list {
        List::Bullets => 2,
        List::Numbers(_) => 3,
    }
}

fn is_void(name: &str) -> bool {
    matches!(name, "img" | "br" | "hr" | "wbr")
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "table" | "div" | "figure" | "dl" | "details" | "section" | "article" | "aside" | "img"
    )
}

/// The value of `name="…"` in a tag the sanitizer wrote.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sanitized HTML without the line breaks next to tags (which change nothing shown).
    fn normalized(html: &str) -> String {
        sanitize_html(html)
            .replace("\n<", "<")
            .replace(">\n", ">")
            .trim()
            .to_string()
    }

    /// What the editor shows for `html`, and that saving it unchanged gives the same HTML back.
    fn round_trip(html: &str) -> String {
        let markdown = from_html(html);
        assert_eq!(
            normalized(&to_html(&markdown)),
            normalized(html),
            "saving the Markdown of {html:?} ({markdown:?}) changes the body"
        );
        markdown
    }

    #[test]
    fn typed_text_becomes_paragraphs_with_its_line_breaks() {
        assert_eq!(
            to_html("First paragraph.\n\nSecond, with\na break and **bold**."),
            "<p>First paragraph.</p>\n<p>Second, with<br />\na break and <strong>bold</strong>.</p>"
        );
    }

    #[test]
    fn bodies_come_back_as_markdown_without_tags_and_save_unchanged() {
        assert_eq!(
            round_trip(
                "<p>Mediators visit <strong>every</strong> family, <em>twice</em>.</p><p>See <a href=\"https://example.org/a?b=1&amp;c=2\">the report</a>.</p>"
            ),
            "Mediators visit **every** family, *twice*.\n\nSee [the report](https://example.org/a?b=1&c=2)."
        );
        assert_eq!(
            round_trip(
                "<h2>Steps</h2><ol><li>Map the families</li><li>Train mediators<ul><li>in pairs</li></ul></li></ol><p>Done.</p>"
            ),
            "## Steps\n\n1. Map the families\n2. Train mediators\n   - in pairs\n\nDone."
        );
        assert_eq!(
            round_trip(
                "<blockquote><p>Nothing about us without us.</p></blockquote><p>Line one<br>line two</p>"
            ),
            "> Nothing about us without us.\n\nLine one\nline two"
        );
        round_trip("<pre><code>praxis serve\n</code></pre><p>Use <code>praxis</code> then.</p>");
    }

    #[test]
    fn text_in_any_script_comes_through() {
        assert_eq!(
            round_trip("<p>Общината <strong>работи</strong> с ромите — «Città»</p>"),
            "Общината **работи** с ромите — «Città»"
        );
    }

    #[test]
    fn markdown_characters_in_text_stay_text() {
        let markdown =
            round_trip("<p>5 * 3 = 15, a_b, [x], &lt;b&gt; and # not a heading</p><p>- not a list</p>");
        assert!(!markdown.contains("<b>"), "{markdown}");
    }

    #[test]
    fn markup_without_markdown_stays_html_and_scripts_never_come_through() {
        let markdown =
            round_trip("<p>Before</p><table><tbody><tr><td>a <b>b</b></td></tr></tbody></table><p>After</p>");
        assert!(markdown.contains("<table>"), "{markdown}");
        assert!(!sanitize_html(&to_html("<script>alert(1)</script>\n\nx")).contains("<script"));
    }
}
