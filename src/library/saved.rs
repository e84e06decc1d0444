//! A saved page is the page's own HTML, decoded to UTF-8, with folio's header inserted right
//! after `<head>`: `<meta charset="utf-8">`, the address it was saved from (`folio:url`), when
//! (`folio:saved`) and its labels (`folio:labels`), all as `<meta>` tags.
//!
//! Why the page's own HTML rather than extracted Markdown: a better extractor later improves old
//! saves, the raw view shows the page as it was, and the file opens in a browser. `<meta>` tags
//! are where folio's HTML metadata reader already looks, so the article's address comes back as
//! `Article::url` without a second format. Pure: strings in, strings out.

use crate::timestamp::Timestamp;

/// What folio records about a saved page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The address the page was asked for (what `folio add` is given again to find a duplicate).
    pub url: String,
    pub saved: Timestamp,
    /// Labels (tags) brought by an import; a label holds no comma.
    pub labels: Vec<String>,
}

/// `html` with `header` inserted after its `<head>` tag (or `<html>`, or `<!doctype>`, or at the
/// start when it has none of them). A `<meta charset>` the page had stays but comes second, and
/// the first one in the file is what a reader obeys.
///
/// `fetched_from`, the address the page came from in the end, becomes a `<base>` when the page
/// has none, so its relative links (and images, in a browser) still lead where they did.
pub fn insert_header(html: &str, header: &Header, fetched_from: Option<&str>) -> String {
    let mut tags = String::from("\n<meta charset=\"utf-8\">\n");
    tags.push_str(&meta_tag("folio:url", &header.url));
    tags.push_str(&meta_tag("folio:saved", &header.saved.to_string()));
    if !header.labels.is_empty() {
        let labels: Vec<String> = header.labels.iter().map(|l| l.replace(',', " ")).collect();
        tags.push_str(&meta_tag("folio:labels", &labels.join(", ")));
    }
    if let Some(address) = fetched_from
        && find_tag(&html.to_ascii_lowercase(), "<base").is_none()
    {
        tags.push_str(&format!("<base href=\"{}\">\n", escape_attribute(address)));
    }
    let at = insertion_point(html);
    let mut out = String::with_capacity(html.len() + tags.len());
    out.push_str(&html[..at]);
    out.push_str(&tags);
    out.push_str(&html[at..]);
    out
}

fn meta_tag(name: &str, content: &str) -> String {
    format!(
        "<meta name=\"{name}\" content=\"{}\">\n",
        escape_attribute(content)
    )
}

/// Reads back a header `insert_header` wrote; `None` when `text` has none (a page folio did not
/// save). Only folio's own tag shapes are recognised: this is not an HTML parser.
pub fn read_header(text: &str) -> Option<Header> {
    let url = meta_content(text, "folio:url")?;
    let saved = meta_content(text, "folio:saved")
        .and_then(|s| Timestamp::parse(&s))
        .unwrap_or_default();
    let labels = meta_content(text, "folio:labels")
        .map(|l| {
            l.split(',')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Some(Header { url, saved, labels })
}

fn meta_content(text: &str, name: &str) -> Option<String> {
    let opening = format!("<meta name=\"{name}\" content=\"");
    let start = text.find(&opening)? + opening.len();
    let end = start + text[start..].find('"')?;
    Some(unescape_attribute(&text[start..end]))
}

/// Where the header goes: just after the first `<head>`, `<html>` or `<!doctype>` tag.
fn insertion_point(html: &str) -> usize {
    let lower = html.to_ascii_lowercase();
    ["<head", "<html", "<!doctype"]
        .into_iter()
        .find_map(|tag| find_tag(&lower, tag))
        .unwrap_or(0)
}

/// Where the first `tag` (`<head`, in lower case) of `lower` ends, after its `>`; `<head` does
/// not match `<header`.
fn find_tag(lower: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = lower[from..].find(tag) {
        let after = from + found + tag.len();
        let next = lower.as_bytes().get(after).copied();
        if matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return lower[after..].find('>').map(|end| after + end + 1);
        }
        from = after;
    }
    None
}

/// Text made safe inside a double-quoted HTML attribute (or element text).
pub fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape_attribute(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            url: "https://example.com/a?x=1&y=\"2\"".to_owned(),
            saved: Timestamp::parse("2026-12-01T12:00:00Z").unwrap(),
            labels: vec!["rust".to_owned(), "to read, later".to_owned()],
        }
    }

    #[test]
    fn the_header_goes_after_the_head_tag_and_reads_back() {
        let page = "<!DOCTYPE html><html lang=en><HEAD class=x><title>T</title></head><body><header>h</header></body></html>";
        let saved = insert_header(page, &header(), None);
        assert!(
            saved.starts_with(
                "<!DOCTYPE html><html lang=en><HEAD class=x>\n<meta charset=\"utf-8\">"
            )
        );
        assert!(saved.contains("content=\"https://example.com/a?x=1&amp;y=&quot;2&quot;\""));
        let back = read_header(&saved).unwrap();
        assert_eq!(back.url, header().url);
        assert_eq!(back.saved, header().saved);
        assert_eq!(back.labels, ["rust", "to read  later"]);
        assert!(saved.ends_with("<title>T</title></head><body><header>h</header></body></html>"));
    }

    #[test]
    fn a_page_without_a_head_still_gets_the_header() {
        let no_head = insert_header("<html><p>text", &header(), None);
        assert!(no_head.starts_with("<html>\n<meta charset"));
        let fragment = insert_header("<header>x</header><p>text", &header(), None);
        assert!(fragment.starts_with("\n<meta charset"));
        assert!(read_header(&fragment).is_some());
    }

    #[test]
    fn the_saved_text_is_read_back_as_utf_8_whatever_the_page_declared() {
        let page = "<html><head><meta charset=\"windows-1252\"><title>Café</title></head></html>";
        let saved = insert_header(page, &header(), None);
        let declared = crate::decode::sniff_html_charset(saved.as_bytes());
        assert_eq!(declared, Some(encoding_rs::UTF_8));
    }

    #[test]
    fn the_address_fetched_from_becomes_the_base_unless_the_page_has_one() {
        let with_base = insert_header("<head></head>", &header(), Some("https://e.com/b/"));
        assert!(with_base.contains("<base href=\"https://e.com/b/\">"));
        let own = "<head><BASE href=\"/x/\"></head>";
        assert_eq!(
            insert_header(own, &header(), Some("https://e.com/b/"))
                .matches("<base")
                .count(),
            0
        );
    }

    #[test]
    fn a_page_folio_did_not_save_has_no_header() {
        assert_eq!(
            read_header("<html><head><meta name=\"author\" content=\"x\">"),
            None
        );
    }
}
