//! How much building a page's tree would cost, measured before building it: a rough model of
//! html5ever's tree builder (its stack of open elements, its list of active formatting elements)
//! fed the tokens of `scan`, giving the nesting depth and an upper bound on the nodes created.
//!
//! The builder is not linear: scope checks walk the stack of open elements, and misnested
//! formatting elements are re-created before every later token. The model is linear, because it
//! stops as soon as the page is over budget (the page will be shown as text) and its stack never
//! outgrows the depth limit.

use std::hash::{BuildHasher, Hash, Hasher};

use html5ever::LocalName;
use html5ever::tokenizer::{Tag, TagKind, Token};

/// When to stop modelling the tree builder: the page is over budget.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub depth: usize,
    pub nodes: usize,
}

impl Limits {
    /// No limit at all: what the tests use to see the raw counts.
    #[cfg(test)]
    pub const NONE: Limits = Limits {
        depth: usize::MAX,
        nodes: usize::MAX,
    };
}

/// Elements with no content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "frame"
            | "basefont"
            | "bgsound"
    )
}

/// Elements whose end tag may be left out and that the model does not track (the builder closes
/// them itself, and they do not nest into each other). `p`, `li` and table cells and rows are
/// tracked: elements left open inside them are closed with them.
fn is_untracked(name: &str) -> bool {
    matches!(
        name,
        "html"
            | "head"
            | "body"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
    )
}

/// Start tags that close an open `p` first (HTML's "close a p element" in button scope).
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dd"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "plaintext"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "xmp"
    )
}

/// Where the search for an element to close stops (HTML's scope boundaries, roughly).
fn is_scope(name: &str) -> bool {
    matches!(
        name,
        "applet"
            | "button"
            | "caption"
            | "html"
            | "marquee"
            | "object"
            | "table"
            | "td"
            | "template"
            | "th"
    )
}

/// The most nodes one misnested end tag of a formatting element can make the builder create.
const ADOPTION_NODES: usize = 24;

/// How many formatting elements of the same tag and attributes the builder keeps active
/// (HTML's "Noah's Ark" clause).
const SAME_FORMATTING: usize = 3;

/// The formatting elements the tree builder re-creates when they are misnested.
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// A rough model of html5ever's tree builder: its stack of open elements and its list of active
/// formatting elements, with the depth and node count they imply.
#[derive(Debug)]
pub struct Model {
    limits: Limits,
    /// The deepest the stack has been (once over the limit, only that it is over).
    pub depth: usize,
    /// An upper bound on the nodes the builder creates (once over the limit, only that it is over).
    pub nodes: usize,
    /// The model of the stack of open elements, innermost last (names are interned: pushing one
    /// allocates nothing).
    open: Vec<LocalName>,
    /// The model of the active formatting elements: tag name, and a hash of the tag name with
    /// its attributes (what makes two of them "the same" to the builder).
    active: Vec<(LocalName, u64)>,
    /// Seeds that hash, anew for every page, so that a page cannot be written to make two
    /// different tags collide.
    signatures: foldhash::fast::RandomState,
    /// The page is over budget: structure is no longer modelled.
    over: bool,
}

impl Model {
    pub fn new(limits: Limits) -> Model {
        Model {
            limits,
            depth: 0,
            nodes: 0,
            open: Vec::new(),
            active: Vec::new(),
            signatures: foldhash::fast::RandomState::default(),
            over: false,
        }
    }

    /// Takes one token as the tree builder would: a start tag or text counts a node, and tags
    /// open and close elements. "<div/>" opens a div in HTML; only inside SVG or MathML does "/>"
    /// close a tag.
    pub fn feed(&mut self, token: &Token) {
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                self.count_node();
                if !(tag.self_closing && self.in_foreign()) {
                    self.start(tag);
                }
            }
            Token::TagToken(tag) => self.end(tag),
            Token::CharacterTokens(_) => self.count_node(),
            _ => {}
        }
    }

    /// The page is over budget.
    pub fn is_over(&self) -> bool {
        self.over
    }

    /// Counts a start tag or a run of text: one node, plus every active formatting element the
    /// builder might re-create before it.
    fn count_node(&mut self) {
        self.add_nodes(1 + self.active.len());
    }

    fn add_nodes(&mut self, nodes: usize) {
        if !self.over {
            self.nodes = self.nodes.saturating_add(nodes);
            self.over |= self.nodes > self.limits.nodes;
        }
    }

    /// Closes the innermost open element named in `names`, and all inside it, unless a scope
    /// boundary (or one of `stops`) comes first. The search is bounded: the stack never grows past
    /// the depth limit.
    fn close(&mut self, names: &[&str], stops: &[&str]) {
        for index in (0..self.open.len()).rev() {
            let name: &str = &self.open[index];
            if names.contains(&name) {
                self.open.truncate(index);
                return;
            }
            if is_scope(name) || stops.contains(&name) {
                return;
            }
        }
    }

    /// A start tag (counted separately).
    fn start(&mut self, tag: &Tag) {
        if self.over {
            return;
        }
        let name: &str = &tag.name;
        if closes_p(name) {
            self.close(&["p"], &[]);
        }
        match name {
            "li" => self.close(&["li"], &["ul", "ol", "menu"]),
            "td" | "th" => self.close(&["td", "th"], &[]),
            // A new row ends the open cell, then the open row.
            "tr" => {
                self.close(&["td", "th"], &[]);
                self.close(&["tr"], &[]);
            }
            _ => {}
        }
        if is_formatting(name) {
            let mut hasher = self.signatures.build_hasher();
            name.hash(&mut hasher);
            for attribute in &tag.attrs {
                (&*attribute.name.local, &*attribute.value).hash(&mut hasher);
            }
            let signature = hasher.finish();
            let same = self.active.iter().filter(|(_, s)| *s == signature).count();
            if same >= SAME_FORMATTING
                && let Some(earliest) = self.active.iter().position(|(_, s)| *s == signature)
            {
                self.active.remove(earliest);
            }
            self.active.push((tag.name.clone(), signature));
        }
        if !is_void(name) && !is_untracked(name) {
            self.open.push(tag.name.clone());
            self.depth = self.depth.max(self.open.len());
            self.over |= self.depth > self.limits.depth;
        }
    }

    /// Inside SVG or MathML, where tags close themselves with "/>". The stack is at most the
    /// depth limit, so this look is bounded.
    pub fn in_foreign(&self) -> bool {
        self.open
            .iter()
            .any(|name| *name == *"svg" || *name == *"math")
    }

    fn end(&mut self, tag: &Tag) {
        if self.over {
            return;
        }
        let name: &str = &tag.name;
        if is_formatting(name)
            && let Some(last) = self.active.iter().rposition(|(n, _)| *n == tag.name)
        {
            self.active.remove(last);
            // Closing a formatting element that is not the innermost one runs the "adoption
            // agency", which may clone elements: at most 8 rounds of 3.
            if self.open.last().is_some_and(|top| *top != tag.name) {
                self.add_nodes(ADOPTION_NODES);
            }
        }
        if let Some(index) = self.open.iter().rposition(|n| *n == tag.name) {
            self.open.truncate(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::html::scan::scan;

    #[test]
    fn depth_follows_what_the_tree_builder_closes() {
        let depth = |html: &str| scan(html, Limits::NONE).depth;
        assert_eq!(depth("<div><div><span>x</span></div></div>"), 3);
        // Paragraphs, items and cells close the previous one; void elements hold nothing.
        assert_eq!(depth("<p>a<p>b<li>c<li>d<br><img>"), 1);
        assert_eq!(depth("<table><tr><td>a<td>b<tr><td>c</table>"), 3);
        // Elements left open inside a paragraph or a cell close with it.
        assert_eq!(depth(&"<p><b><i>sloppy</p>".repeat(1000)), 3);
        assert_eq!(
            depth(&format!(
                "<table>{}</table>",
                "<tr><td><div>x</td>".repeat(1000)
            )),
            4
        );
        // "/>" only closes inside SVG.
        assert_eq!(
            depth(&format!("<svg>{}</svg>", "<path d=\"x\"/>".repeat(1000))),
            1
        );
        assert_eq!(depth("<div/><div/>"), 2);
        assert_eq!(depth(&"<div>".repeat(1000)), 1000);
    }

    #[test]
    fn modelling_stops_at_the_limits() {
        let limits = Limits {
            depth: 10,
            nodes: usize::MAX,
        };
        assert_eq!(scan(&"<div>".repeat(1000), limits).depth, 11);
    }

    #[test]
    fn misnested_formatting_raises_the_node_estimate() {
        let nodes = |html: &str| scan(html, Limits::NONE).nodes;
        let flat = nodes(&"<p>x</p>".repeat(100));
        assert!(flat <= 300, "{flat}");
        // Identical formatting tags are kept active three at a time at most …
        let same = nodes(&format!("{}{}", "<b>".repeat(50), "<p>x</p>".repeat(100)));
        assert!(same <= 50 * 4 + 300 * 4, "{same}");
        // … distinct ones all are, and each may be re-created before every later start tag and
        // text (200 of them here).
        let distinct: String = (0..50).map(|i| format!("<b id={i}>")).collect();
        let misnested = nodes(&format!("{distinct}{}", "<p>x</p>".repeat(100)));
        assert!(misnested >= 50 * 200, "{misnested}");
    }
}
