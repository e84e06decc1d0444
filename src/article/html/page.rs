//! A parsed page (html5ever's tree, through scraper) with what the extraction passes need to know
//! of every element: its text length, link text, commas, what it contains, and whether it is page
//! furniture (navigation, banners, scripts …) to be passed over with all it holds.
//!
//! What counts as furniture is decided in `hints`.
//!
//! Every pass walks the tree with `Page::walk`, which is iterative (a page nested thousands deep
//! cannot overflow the stack) and counts the nodes it visits, so tests can check that extraction
//! stays linear in the size of the page.

use std::cell::Cell;

use ego_tree::{NodeId, NodeRef};
// Keyed by node ids, which a page does not choose: a fast hash, not one hardened against chosen
// keys. Every element of every page goes through these maps.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use html5ever::LocalName;
use scraper::node::Element;
use scraper::{Html, Node};

use super::hints::{is_furniture, is_furniture_by_class, is_furniture_by_kind};
use super::parse::parse_unguarded;

/// One step of a walk: entering a node, or leaving one that was entered.
#[derive(Debug, Clone, Copy)]
pub enum Visit<'a> {
    Open(NodeRef<'a, Node>),
    Close(NodeRef<'a, Node>),
}

/// Measurements of an element's subtree, furniture left out.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Characters of text, whitespace runs counted as one.
    pub text: usize,
    /// Of which inside links.
    pub link_text: usize,
    pub commas: usize,
    /// Holds a block-level element (so it is a container, not a paragraph).
    pub has_block: bool,
    /// Holds prose structure or a table (so a table around it lays out a page, not data).
    pub has_prose: bool,
}

impl Stats {
    /// The share of the text that is link text: near 1 for menus and link lists.
    pub fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f64 / self.text as f64
        }
    }
}

/// Elements that start a new block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "blockquote"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "li"
            | "main"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
    )
}

fn is_prose(name: &str) -> bool {
    matches!(
        name,
        "article"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
    )
}

/// The parsed page and its measurements.
pub struct Page {
    html: Html,
    /// An article an extractor already chose and cleaned, not a whole page: furniture is known
    /// by its tag, role or being hidden, and by class words only in a minor part of the text;
    /// nothing is dropped for its links.
    chosen: bool,
    stats: HashMap<NodeId, Stats>,
    furniture: HashSet<NodeId>,
    visits: Cell<usize>,
}

impl Page {
    /// Parses a whole page, whose furniture is to be found (extraction parses it within its
    /// budget first, `parse::parse_within`).
    #[cfg(test)]
    pub fn parse(text: &str) -> Page {
        Page::parse_as(text, false)
    }

    /// Parses the HTML of an article an extractor chose out of a page.
    pub fn parse_chosen(html: &str) -> Page {
        Page::parse_as(html, true)
    }

    fn parse_as(text: &str, chosen: bool) -> Page {
        Page::from_html(parse_unguarded(text), chosen)
    }

    /// A whole page (`chosen` false) or a chosen article already parsed, measured.
    pub fn from_html(html: Html, chosen: bool) -> Page {
        let mut page = Page {
            html,
            chosen,
            stats: HashMap::new(),
            furniture: HashSet::new(),
            visits: Cell::new(0),
        };
        page.measure();
        page
    }

    pub fn root(&self) -> NodeRef<'_, Node> {
        self.html.tree.root()
    }

    /// The `body` element, or the root when the page has none.
    pub fn body(&self) -> NodeRef<'_, Node> {
        let html = self.html.root_element();
        html.children()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
            .unwrap_or(*html)
    }

    /// How many nodes the tree has.
    pub fn node_count(&self) -> usize {
        self.html.tree.values().count()
    }

    /// How many nodes all walks so far have visited.
    pub fn visits(&self) -> usize {
        self.visits.get()
    }

    pub fn stats(&self, node: NodeRef<'_, Node>) -> Stats {
        self.stats.get(&node.id()).copied().unwrap_or_default()
    }

    /// Whether this is an article an extractor chose (see `parse_chosen`).
    pub fn is_chosen(&self) -> bool {
        self.chosen
    }

    pub fn is_furniture(&self, node: NodeRef<'_, Node>) -> bool {
        self.furniture.contains(&node.id())
    }

    /// Walks the subtree of `root` in document order. `visit` is called on `Open` of each node
    /// and says whether to enter it; an entered node gets its children, then `Close`.
    pub fn walk<'a>(&self, root: NodeRef<'a, Node>, mut visit: impl FnMut(Visit<'a>) -> bool) {
        let mut node = root;
        'nodes: loop {
            self.visits.set(self.visits.get() + 1);
            if visit(Visit::Open(node)) {
                if let Some(child) = node.first_child() {
                    node = child;
                    continue;
                }
                visit(Visit::Close(node));
            }
            loop {
                if node.id() == root.id() {
                    return;
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    continue 'nodes;
                }
                match node.parent() {
                    Some(parent) => node = parent,
                    None => return,
                }
                visit(Visit::Close(node));
            }
        }
    }

    /// The text of `node`'s subtree, whitespace collapsed, scripts and styles left out.
    pub fn text_of(&self, node: NodeRef<'_, Node>) -> String {
        let mut text = String::new();
        self.walk(node, |visit| match visit {
            Visit::Open(n) => match n.value() {
                Node::Text(t) => {
                    text.push_str(t);
                    text.push(' ');
                    false
                }
                Node::Element(e) => !matches!(e.name(), "script" | "style" | "template"),
                _ => false,
            },
            Visit::Close(_) => true,
        });
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// One walk of the whole tree: marks furniture and measures every other element.
    fn measure(&mut self) {
        let mut stats = HashMap::new();
        let mut furniture = HashSet::new();
        let mut open: Vec<Stats> = Vec::new();
        let mut link_depth = 0usize;
        let furniture_test = if self.chosen {
            is_furniture_by_kind
        } else {
            is_furniture
        };
        self.walk(self.html.tree.root(), |visit| match visit {
            Visit::Open(node) => match node.value() {
                Node::Document | Node::Fragment => true,
                Node::Element(element) => {
                    if furniture_test(element) {
                        furniture.insert(node.id());
                        return false;
                    }
                    link_depth += usize::from(element.name() == "a");
                    open.push(Stats::default());
                    true
                }
                Node::Text(text) => {
                    if let Some(top) = open.last_mut() {
                        let (length, commas) = measure_text(text);
                        top.text += length;
                        if link_depth > 0 {
                            top.link_text += length;
                        }
                        top.commas += commas;
                    }
                    false
                }
                _ => false,
            },
            Visit::Close(node) => {
                if let (Node::Element(element), Some(own)) = (node.value(), open.pop()) {
                    let name = element.name();
                    link_depth -= usize::from(name == "a");
                    stats.insert(node.id(), own);
                    if let Some(parent) = open.last_mut() {
                        parent.text += own.text;
                        parent.link_text += own.link_text;
                        parent.commas += own.commas;
                        parent.has_block |= own.has_block || is_block(name);
                        parent.has_prose |= own.has_prose || is_prose(name);
                    }
                }
                true
            }
        });
        self.stats = stats;
        self.furniture = furniture;
        if self.chosen {
            self.mark_minor_furniture();
        }
    }

    /// In a chosen article, a box (a block or a layout cell, not inline markup such as
    /// MathJax's "CtxtMenu" spans) whose class says furniture ("newsletter-signup") is left
    /// out when it holds a minor part of the text; one that holds most of it is the story itself,
    /// whatever the site called it ("share-buttons-parent" around a whole article).
    fn mark_minor_furniture(&mut self) {
        let total = self.stats(self.body()).text;
        let mut minor = Vec::new();
        self.walk(self.html.tree.root(), |visit| match visit {
            Visit::Open(node) => match node.value() {
                Node::Document => true,
                Node::Element(element) => {
                    if self.furniture.contains(&node.id()) {
                        return false;
                    }
                    let boxed = is_block(element.name()) || element.name() == "td";
                    let small = self.stats(node).text * MINOR_SHARE < total;
                    if boxed && small && is_furniture_by_class(element) {
                        minor.push(node.id());
                        return false;
                    }
                    true
                }
                _ => false,
            },
            Visit::Close(_) => true,
        });
        self.furniture.extend(minor);
    }
}

/// The value of an element's attribute `name` (written `local_name!("class")`, an interned name
/// made when folio is compiled). scraper's own `Element::attr` takes a string and interns it on
/// every call, and the extraction passes ask several attributes of every element of every page.
pub fn attribute<'a>(element: &'a Element, name: &LocalName) -> Option<&'a str> {
    element
        .attrs
        .iter()
        .find(|(qualified, _)| qualified.local == *name && qualified.ns.is_empty())
        .map(|(_, value)| &**value)
}

/// A part of a chosen article holding less than one in this many of its characters is minor.
const MINOR_SHARE: usize = 3;

/// Characters of `text` with each whitespace run counted as one, and its commas (`,` and the
/// full-width `，`), in one pass: every character of every page goes through here.
fn measure_text(text: &str) -> (usize, usize) {
    let (mut length, mut commas, mut in_space) = (0, 0, true);
    let mut count = |space: bool, comma: bool| {
        if !space || !in_space {
            length += 1;
        }
        in_space = space;
        commas += usize::from(comma);
    };
    if text.is_ascii() {
        for &byte in text.as_bytes() {
            count(matches!(byte, b'\t'..=b'\r' | b' '), byte == b',');
        }
    } else {
        for ch in text.chars() {
            count(ch.is_whitespace(), matches!(ch, ',' | '，'));
        }
    }
    (length, commas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_add_up_and_leave_furniture_out() {
        let page = Page::parse(
            "<body><div id=x><p>One, two <a href=/>link</a></p><nav>menu menu menu</nav></div>",
        );
        let div = page
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.id() == Some("x")))
            .unwrap();
        let stats = page.stats(div);
        assert_eq!(stats.text, "One, two link".len());
        assert_eq!(stats.link_text, 4);
        assert_eq!(stats.commas, 1);
        assert!(stats.has_block && stats.has_prose);
        assert!(page.visits() >= page.node_count() - 3);
    }

    #[test]
    fn text_is_measured_with_whitespace_runs_as_one() {
        assert_eq!(measure_text("  one,\t\n two, "), (10, 2));
        assert_eq!(measure_text("\u{b}a\u{c}b"), (3, 0));
        assert_eq!(measure_text(" café，\u{3000}thé "), (10, 1));
        assert_eq!(measure_text(""), (0, 0));
    }

    #[test]
    fn walking_a_very_deep_tree_does_not_recurse() {
        let page = Page::parse(&format!("{}deep", "<span>".repeat(3_000)));
        assert!(page.text_of(page.body()).ends_with("deep"));
    }
}
