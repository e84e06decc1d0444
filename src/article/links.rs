//! Link addresses: numbered in order of first appearance so the body can read "ministry[3]", and
//! listed at the end of the article ("[3] https://…") where a person can copy them.
//!
//! Addresses that lead nowhere from a terminal (in-page `#anchors`, `javascript:`) get no number.
//! Relative addresses are resolved against the page's own address when the page says it.

use std::collections::HashMap;
use std::ops::Range;

use super::{Block, BlockKind};

/// The addresses met so far, in order; an address met again keeps its first number.
#[derive(Debug, Default)]
pub struct Links {
    addresses: Vec<String>,
    /// Each address's index in `addresses`: a page of 80,000 links looked each one up in a list,
    /// quadratic time.
    numbers: HashMap<String, usize>,
    /// Where the page lives (`<base href>`, og:url, canonical), for resolving relative links.
    base: Option<String>,
}

impl Links {
    pub fn with_base(base: Option<String>) -> Links {
        Links {
            addresses: Vec::new(),
            numbers: HashMap::new(),
            base: base.filter(|b| scheme_of(b).is_some()),
        }
    }

    /// The number of `href` (from 1), or `None` for an address not worth listing.
    pub fn number(&mut self, href: &str) -> Option<usize> {
        let address = self.address(href)?;
        Some(self.number_address(address))
    }

    /// The address `href` leads to (resolved against the page's), or `None` when it leads
    /// nowhere a reader can go from a terminal.
    pub fn address(&self, href: &str) -> Option<String> {
        let href = href.trim();
        let scheme = scheme_of(href).map(str::to_ascii_lowercase);
        if href.is_empty()
            || href.starts_with('#')
            || matches!(scheme.as_deref(), Some("javascript" | "data" | "vbscript"))
        {
            return None;
        }
        Some(match &self.base {
            Some(base) if scheme.is_none() => resolve(base, href),
            _ => href.to_owned(),
        })
    }

    /// The number of an address from `address`; an address met again keeps its number.
    pub fn number_address(&mut self, address: String) -> usize {
        if let Some(&index) = self.numbers.get(&address) {
            return index + 1;
        }
        self.numbers.insert(address.clone(), self.addresses.len());
        self.addresses.push(address);
        self.addresses.len()
    }

    pub fn into_addresses(self) -> Vec<String> {
        self.addresses
    }
}

/// True when a link's visible text is its own address ("https://example.org" or "example.org"),
/// so a "[n]" after it would only repeat it.
pub fn shows_its_address(text: &str, href: &str) -> bool {
    let strip = |s: &str| {
        let s = s.trim().trim_end_matches('/');
        let s = s.strip_prefix("mailto:").unwrap_or(s);
        s.split_once("://").map_or(s, |(_, rest)| rest).to_owned()
    };
    !text.trim().is_empty() && strip(text).eq_ignore_ascii_case(&strip(href))
}

/// The blocks that end an article with links: a "Links" heading, then one item per address,
/// its marker the number the body uses.
pub fn list_blocks(addresses: &[String]) -> Vec<Block> {
    if addresses.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::new(BlockKind::Heading { level: 2 }, "Links")];
    blocks.extend(addresses.iter().enumerate().map(|(index, address)| {
        Block::new(
            BlockKind::ListItem {
                depth: 0,
                marker: format!("[{}]", index + 1).into(),
            },
            address.as_str(),
        )
    }));
    blocks
}

/// The addresses passages `blocks` lead to, in the order they appear, each once: those of their
/// "[n]" markers (`links[n - 1]`), a link list item's own, and web addresses written out in the
/// text ("see https://example.org."), which plain text and mail have instead of markers.
pub fn in_passages(blocks: &[Block], links: &[String]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |address: &str| {
        if !found.iter().any(|f| f == address) {
            found.push(address.to_owned());
        }
    };
    for block in blocks {
        if let Some(address) = list_item_address(block, links) {
            add(address);
            continue;
        }
        let mut rest = block.text.as_str();
        while let Some(start) = rest.find(['[', 'h']) {
            let here = &rest[start..];
            let taken = if let Some(end) = here.find(']').filter(|_| here.starts_with('[')) {
                if let Some(address) = numbered(links, &here[..=end]) {
                    add(address);
                }
                1
            } else if let Some(address) = written_address(&rest[..start], here) {
                add(address);
                address.len()
            } else {
                1
            };
            rest = &here[taken..];
        }
    }
    found
}

/// The address an item of the list of links at the end is ("[2] https://…"), if `block` is one.
pub fn list_item_address<'a>(block: &Block, links: &'a [String]) -> Option<&'a str> {
    let BlockKind::ListItem { marker, .. } = &block.kind else {
        return None;
    };
    numbered(links, marker)
        .filter(|address| **address == block.text)
        .map(String::as_str)
}

/// The address a link's text leads to: that of the "[n]" marker right after it, or the text
/// itself when it is a web address (a link that shows its address gets no marker).
pub fn address_of_link<'a>(
    text: &'a str,
    mark: &Range<usize>,
    links: &'a [String],
) -> Option<&'a str> {
    let after = text.get(mark.end..)?;
    if let Some(end) = after.find(']').filter(|_| after.starts_with('['))
        && let Some(address) = numbered(links, &after[..=end])
    {
        return Some(address);
    }
    let shown = text.get(mark.clone())?;
    written_address("", shown).filter(|address| address.len() == shown.len())
}

/// The address a "[n]" marker stands for, if `marker` is one and the article has that many.
fn numbered<'a>(links: &'a [String], marker: &str) -> Option<&'a String> {
    let digits = marker.strip_prefix('[')?.strip_suffix(']')?;
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    links.get(digits.parse::<usize>().ok()?.checked_sub(1)?)
}

/// A web address written out at the start of `here` (and at the start of a word: `before` is the
/// text before it), without the punctuation that ends the sentence around it.
fn written_address<'a>(before: &str, here: &'a str) -> Option<&'a str> {
    let at_word_start = before
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '<' | '"' | '\'' | '“'));
    if !at_word_start || !(here.starts_with("https://") || here.starts_with("http://")) {
        return None;
    }
    let mut address = &here[..here.find(char::is_whitespace).unwrap_or(here.len())];
    loop {
        let trimmed =
            address.trim_end_matches(['.', ',', ';', ':', '!', '?', '>', '"', '\'', '”', ']']);
        // A closing bracket is the address's own when it opened one (Wikipedia's "(disambiguation)").
        let unbalanced =
            trimmed.ends_with(')') && trimmed.matches('(').count() < trimmed.matches(')').count();
        address = if unbalanced {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if !unbalanced {
            break;
        }
    }
    (address.len() > "https://".len()).then_some(address)
}

/// The scheme of an absolute address ("https" of "https://…", "mailto" of "mailto:…").
fn scheme_of(address: &str) -> Option<&str> {
    let (scheme, _) = address.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// `href` relative to `base` (an absolute address), the common cases of RFC 3986: `//host/…`,
/// `/path`, `?query`, and `path` relative to the base's folder, with `./` and `../` resolved.
fn resolve(base: &str, href: &str) -> String {
    let Some((scheme, rest)) = base.split_once("://") else {
        return href.to_owned();
    };
    if let Some(network) = href.strip_prefix("//") {
        return format!("{scheme}://{network}");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    let base_path = rest[host_end..]
        .split(['?', '#'])
        .next()
        .filter(|p| !p.is_empty())
        .unwrap_or("/");
    if href.starts_with('?') {
        return format!("{origin}{base_path}{href}");
    }
    let joined = if href.starts_with('/') {
        href.to_owned()
    } else {
        let folder = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{folder}{href}")
    };
    let (path, suffix) = joined
        .find(['?', '#'])
        .map_or((joined.as_str(), ""), |i| joined.split_at(i));
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/').skip(1) {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    // A path ending in "." or ".." names a folder: keep its slash.
    let folder = path.ends_with("/.") || path.ends_with("/..");
    let slash = if folder { "/" } else { "" };
    format!("{origin}/{}{slash}{suffix}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_first_appearance_and_repeat_for_the_same_address() {
        let mut links = Links::default();
        assert_eq!(links.number("https://a.example/"), Some(1));
        assert_eq!(links.number("https://b.example/"), Some(2));
        assert_eq!(links.number(" https://a.example/ "), Some(1));
        assert_eq!(links.into_addresses().len(), 2);
    }

    #[test]
    fn anchors_and_scripts_get_no_number() {
        let mut links = Links::default();
        for href in [
            "#",
            "#top",
            "javascript:void(0)",
            "JavaScript:alert(1)",
            "",
            "  ",
        ] {
            assert_eq!(links.number(href), None, "{href:?}");
        }
        assert!(links.into_addresses().is_empty());
    }

    #[test]
    fn relative_addresses_resolve_against_the_page() {
        let base = Some("https://news.example/world/2024/story.html?x=1".to_owned());
        let mut links = Links::with_base(base);
        for href in [
            "/about",
            "photo.jpg",
            "../index.html",
            "./a/./b/../c",
            "//cdn.example/x",
            "?page=2",
            "mailto:desk@news.example",
        ] {
            links.number(href);
        }
        assert_eq!(
            links.into_addresses(),
            vec![
                "https://news.example/about",
                "https://news.example/world/2024/photo.jpg",
                "https://news.example/world/index.html",
                "https://news.example/world/2024/a/c",
                "https://cdn.example/x",
                "https://news.example/world/2024/story.html?page=2",
                "mailto:desk@news.example",
            ]
        );
    }

    #[test]
    fn without_a_base_relative_addresses_stay_as_written() {
        let mut links = Links::with_base(Some("not a url".to_owned()));
        links.number("/about");
        assert_eq!(links.into_addresses(), vec!["/about"]);
    }

    #[test]
    fn link_text_that_is_the_address_is_recognised() {
        assert!(shows_its_address(
            "https://example.org/",
            "https://example.org"
        ));
        assert!(shows_its_address("example.org", "http://example.org/"));
        assert!(shows_its_address("me@example.org", "mailto:me@example.org"));
        assert!(!shows_its_address("the ministry", "https://gov.example/"));
    }

    fn addresses() -> Vec<String> {
        vec![
            "https://a.example/".to_owned(),
            "mailto:b@example.org".to_owned(),
        ]
    }

    #[test]
    fn a_passage_leads_to_the_addresses_of_its_markers_in_order() {
        let blocks = [
            Block::paragraph("The ministry[2] said, and the court[1] agreed[2]."),
            Block::paragraph("A footnote[3] past the list, [x] and [] lead nowhere."),
        ];
        assert_eq!(
            in_passages(&blocks, &addresses()),
            vec!["mailto:b@example.org", "https://a.example/"]
        );
        assert!(in_passages(&blocks[1..], &addresses()).is_empty());
    }

    #[test]
    fn a_link_list_item_leads_to_its_own_address() {
        let blocks = list_blocks(&addresses());
        assert_eq!(
            in_passages(&blocks[2..], &addresses()),
            vec!["mailto:b@example.org"]
        );
        assert!(
            in_passages(&blocks[..1], &addresses()).is_empty(),
            "the heading"
        );
    }

    #[test]
    fn written_out_addresses_are_found_without_the_sentence_around_them() {
        let blocks = [Block::paragraph(
            "See https://x.example/a?b=1. Or (http://y.example/Foo_(bar)), \"https://z.example/\"; \
             not xhttps://no.example nor https:// alone.",
        )];
        assert_eq!(
            in_passages(&blocks, &[]),
            vec![
                "https://x.example/a?b=1",
                "http://y.example/Foo_(bar)",
                "https://z.example/"
            ]
        );
    }

    #[test]
    fn a_link_leads_to_its_marker_s_address_or_to_the_address_it_shows() {
        let text = "The ministry[2] and https://c.example/x and court[9] and plain";
        let at = |word: &str| {
            let start = text.find(word).unwrap();
            start..start + word.len()
        };
        let links = addresses();
        assert_eq!(
            address_of_link(text, &at("ministry"), &links),
            Some("mailto:b@example.org")
        );
        assert_eq!(
            address_of_link(text, &at("https://c.example/x"), &links),
            Some("https://c.example/x")
        );
        assert_eq!(
            address_of_link(text, &at("court"), &links),
            None,
            "no link 9"
        );
        assert_eq!(address_of_link(text, &at("plain"), &links), None);
    }

    #[test]
    fn the_list_has_a_heading_and_numbered_items() {
        let blocks = list_blocks(&["https://a.example/".to_owned()]);
        assert_eq!(blocks[0].text, "Links");
        assert_eq!(
            blocks[1].kind,
            BlockKind::ListItem {
                depth: 0,
                marker: "[1]".into()
            }
        );
        assert!(list_blocks(&[]).is_empty());
    }
}
