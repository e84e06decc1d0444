//! Chooses the article in a page with dom_smoothie, a port of Mozilla's Readability.js: its HTML
//! (a small page of its own, which folio then walks into blocks) and what it read of the title,
//! byline, date and site name.
//!
//! dom_smoothie bounds neither the depth nor the time of its work: it runs only on pages that
//! passed folio's guards (`parse`), so its worst case stays around a second.
//!
//! It works on dom_query's tree, which it changes as it goes; rather than parse the page a second
//! time, folio copies the tree it already has into one (a fifth of the cost of a parse).

use dom_query::{Document, Element, NodeData};
use dom_smoothie::{Config, ParsePolicy, Readability};
use html5ever::Attribute;
use scraper::Node;

use super::meta::clean_byline;
use super::page::{Page, Visit};

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

/// The page's tree as dom_query's: elements and text, as its own parser would have built them
/// from the same page (both are html5ever's tree builder, set up alike). Comments, which the
/// extractor removes first, and template contents, which its parser keeps out of the tree, are
/// left out.
fn document_of(page: &Page) -> Document {
    let document = Document::default();
    let tree = &document.tree;
    let mut parents = vec![tree.root().id];
    page.walk(page.root(), |visit| match visit {
        Visit::Open(node) => {
            let (data, entered) = match node.value() {
                Node::Document => return true,
                Node::Element(element) => {
                    let attributes = element
                        .attrs
                        .iter()
                        .map(|(name, value)| Attribute {
                            name: name.clone(),
                            value: value.clone(),
                        })
                        .collect();
                    let element = Element::new(element.name.clone(), attributes, None, false);
                    (NodeData::Element(element), true)
                }
                Node::Text(text) => (
                    NodeData::Text {
                        contents: text.text.clone(),
                    },
                    false,
                ),
                _ => return false,
            };
            let id = tree.create_node(data);
            if let Some(parent) = parents.last() {
                tree.append_child_of(parent, &id);
            }
            if entered {
                parents.push(id);
            }
            entered
        }
        Visit::Close(node) => {
            if node.value().is_element() {
                parents.pop();
            }
            true
        }
    });
    document
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::html::parse::tree_builder_opts;

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
        assert!(!tree_builder_opts().scripting_enabled);
    }
}
