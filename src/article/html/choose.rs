//! Chooses the article in a page with dom_smoothie, a port of Mozilla's Readability.js: its HTML
//! (a small page of its own, which folio then walks into blocks) and what it read of the title,
//! byline, date and site name.
//!
//! dom_smoothie bounds neither the depth nor the time of its work: it runs only on pages that
//! passed folio's guards (`parse`), so its worst case stays around a second.
//!
//! It works on dom_query's tree, which it changes as it goes; rather than parse the page a second
//! time, folio copies the tree it already has into one (a fifth of the cost of a parse).

use dom_query::{Document, Element, NodeData, NodeId, Tree};
use dom_smoothie::{Config, ParsePolicy, Readability};
use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use html5ever::Attribute;
use scraper::Node;

use super::budget::Limits;
use super::meta::clean_byline;
use super::page::Page;
use super::parse::parse_fragment_within;
use super::{MAX_DEPTH, MAX_NODES};

/// What the extractor chose and read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The article's HTML, empty when the extractor found none.
    pub html: String,
    /// The article's text length in characters, as the extractor counts it.
    pub text_len: usize,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
}

/// Runs the extractor over the page with `policy`, Readability.js's flags: `Strict` first, and
/// each next one cleaning less, for pages the stricter ones find little in. `None` when it fails
/// on the page.
pub fn article(page: &Page, policy: ParsePolicy) -> Option<Chosen> {
    let config = Config {
        // Class words are how folio knows a share bar or a signup box inside the article.
        keep_classes: true,
        ..Config::default()
    };
    let mut readability = Readability::with_document(document_of(page), None, Some(config)).ok()?;
    let article = readability.parse_with_policy(policy).ok()?;
    let some = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Some(Chosen {
        html: article.content.to_string(),
        text_len: article.length,
        title: some(Some(article.title)),
        byline: article.byline.as_deref().and_then(clean_byline),
        date: some(article.published_time),
        site: some(article.site_name),
    })
}

/// The page's tree as dom_query's: elements and text, as dom_smoothie's own parser would have
/// built them from the same page (both are html5ever's tree builder). Comments, which the
/// extractor removes first, and template contents, which its parser keeps out of the tree, are
/// left out.
///
/// One difference is made up for: folio's tree is built as a browser with scripts on builds it,
/// so a `<noscript>` holds its markup as text, while dom_smoothie's parser (scripts off) makes
/// elements of it, and Readability.js takes the images it finds there for lazy-loaded ones. A
/// noscript's text is parsed here on its own, so the extractor sees those elements, but a
/// noscript left open can no longer swallow the rest of the page.
fn document_of(page: &Page) -> Document {
    let document = Document::default();
    copy_into(&document.tree, document.tree.root().id, page.root(), true);
    document
}

/// Copies what is inside `from` (of scraper's tree) under `parent` (of dom_query's), in document
/// order, without recursion; `expand` parses the text of noscripts (not again inside them).
fn copy_into(tree: &Tree, parent: NodeId, from: NodeRef<'_, Node>, expand: bool) {
    // The copy of each open node; `None` where a node, and all inside it, is left out.
    let mut open: Vec<Option<NodeId>> = vec![Some(parent)];
    for edge in from.traverse() {
        match edge {
            Edge::Open(node) | Edge::Close(node) if node.id() == from.id() => {}
            Edge::Open(node) => {
                let parent = open.last().copied().flatten();
                open.push(parent.and_then(|parent| copy_node(tree, parent, node, expand)));
            }
            Edge::Close(_) => {
                open.pop();
            }
        }
    }
}

/// Copies `node` alone under `parent`, and says where its children go: `None` for comments,
/// doctypes and template contents, which are left out, and for an expanded noscript, whose text
/// is replaced by the elements parsed from it.
fn copy_node(tree: &Tree, parent: NodeId, node: NodeRef<'_, Node>, expand: bool) -> Option<NodeId> {
    let data = match node.value() {
        Node::Element(element) => NodeData::Element(copy_element(element)),
        Node::Text(text) => NodeData::Text {
            contents: text.text.clone(),
        },
        _ => return None,
    };
    let id = tree.create_node(data);
    tree.append_child_of(&parent, &id);
    let noscript = node
        .value()
        .as_element()
        .is_some_and(|e| e.name() == "noscript");
    if expand && noscript {
        let markup: String = node
            .children()
            .filter_map(|child| child.value().as_text())
            .map(|text| &**text)
            .collect();
        // Within the same guards as the page: a noscript too costly to parse stays text.
        let limits = Limits {
            depth: MAX_DEPTH,
            nodes: MAX_NODES,
        };
        if let Ok(fragment) = parse_fragment_within(&markup, limits) {
            copy_into(tree, id, *fragment.html.root_element(), false);
            return None;
        }
    }
    Some(id)
}

/// An element of scraper's tree as one of dom_query's.
fn copy_element(element: &scraper::node::Element) -> Element {
    let attributes = element
        .attrs
        .iter()
        .map(|(name, value)| Attribute {
            name: name.clone(),
            value: value.clone(),
        })
        .collect();
    Element::new(element.name.clone(), attributes, None, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copied_tree_is_the_one_the_extractor_would_parse() {
        let html = "<!doctype html><html><head><title>T</title><!-- c --></head><body>\
                    <p class=lead id=x>One <b>two</b><p>Three<table><td>cell</table>\
                    <noscript><img src=a.png></noscript><template><p>hidden</p></template>";
        let parsed = Document::from(html);
        let copied = document_of(&Page::parse(html));
        // Its parser keeps template contents out of the tree but writes them out.
        let expected = parsed
            .html()
            .replace("<!DOCTYPE html>", "")
            .replace("<!-- c -->", "")
            .replace("<p>hidden</p>", "");
        assert_eq!(copied.html().to_string(), expected);
    }

    #[test]
    fn a_noscript_left_open_holds_only_its_own_markup() {
        let html = "<body><noscript><div id=nojs></noscript><div id=page><p>Text</p></div>\
                    <noscript></div></noscript>";
        let copied = document_of(&Page::parse(html)).html().to_string();
        assert!(
            copied.contains("<noscript><div id=\"nojs\"></div></noscript><div id=\"page\">"),
            "{copied}"
        );
        let deep = format!(
            "<body><noscript>{}</noscript>",
            "<div>".repeat(MAX_DEPTH + 1)
        );
        let copied = document_of(&Page::parse(&deep)).html().to_string();
        assert!(
            copied.contains("<noscript>&lt;div&gt;"),
            "{}",
            &copied[..80]
        );
    }
}
