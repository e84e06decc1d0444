//! One linear pass of html5ever's tokenizer over a page, before any tree is built: it measures
//! what building the tree would cost (nesting depth, an upper bound on nodes) and keeps the page's
//! text with tags stripped and entities decoded, which is what folio shows when the cost is too
//! high.
//!
//! The tokenizer alone is linear in the input; the tree builder is not (scope checks walk the
//! stack of open elements, and misnested formatting tags are re-created for every text run), so
//! the budget is decided here.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::article::inline::is_html_space;

/// What the pass found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    /// The page's text: tags stripped, entities decoded, whitespace collapsed, a blank line at
    /// every block-level tag (so `plain::parse` finds the paragraphs).
    pub text: String,
    /// The text of the `<title>` element.
    pub title: Option<String>,
    /// The deepest nesting of elements that need an end tag (an upper bound: a tag left open
    /// counts until the end).
    pub depth: usize,
    /// An upper bound on the nodes the tree builder would create: one per tag and text run, plus
    /// every formatting element still open, which the builder may re-create for each of them.
    pub nodes: usize,
}

/// Elements with no content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose end tag may be left out: the builder closes them itself, so they do not nest.
const OPTIONAL_END: &[&str] = &[
    "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "rtc",
];

/// The formatting elements the tree builder re-creates when they are misnested.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements that end a paragraph of the fallback text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements whose text is never part of what a person reads.
const HIDDEN_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "iframe", "noembed", "noframes", "xmp",
    "select", "svg",
];

/// Tokenizes `html` once and reports what it found.
pub fn scan(html: &str) -> Scan {
    let tokenizer = Tokenizer::new(
        Sink(
            RefCell::new(Scan::default()),
            RefCell::new(State::default()),
        ),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks to pause for a script, so one feed consumes everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let Sink(scan, _) = tokenizer.sink;
    let mut scan = scan.into_inner();
    if let Some(title) = &mut scan.title {
        *title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    scan.title = scan.title.filter(|t| !t.is_empty());
    scan
}

#[derive(Debug, Default)]
struct State {
    depth: usize,
    open_formatting: usize,
    /// The element whose text is being passed over (`script`, `style`, …).
    hidden: Option<String>,
    in_title: bool,
}

struct Sink(RefCell<Scan>, RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut scan = self.0.borrow_mut();
        let mut state = self.1.borrow_mut();
        match token {
            Token::TagToken(tag) => return tag_token(&mut scan, &mut state, &tag),
            Token::CharacterTokens(text) => {
                scan.nodes = scan.nodes.saturating_add(1 + state.open_formatting);
                if state.in_title {
                    scan.title.get_or_insert_with(String::new).push_str(&text);
                } else if state.hidden.is_none() {
                    push_collapsed(&mut scan.text, &text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tag_token(scan: &mut Scan, state: &mut State, tag: &Tag) -> TokenSinkResult<()> {
    let name: &str = &tag.name;
    if BLOCK.contains(&name) && !scan.text.ends_with("\n\n") {
        scan.text.push_str("\n\n");
    }
    let needs_end = !VOID.contains(&name) && !OPTIONAL_END.contains(&name);
    match tag.kind {
        TagKind::StartTag => {
            scan.nodes = scan.nodes.saturating_add(1 + state.open_formatting);
            if tag.self_closing {
                return TokenSinkResult::Continue;
            }
            if FORMATTING.contains(&name) {
                state.open_formatting += 1;
            }
            if needs_end {
                state.depth += 1;
                scan.depth = scan.depth.max(state.depth);
            }
            if HIDDEN_TEXT.contains(&name) && state.hidden.is_none() {
                state.hidden = Some(name.to_owned());
            }
            if name == "title" {
                state.in_title = true;
            }
            // The tokenizer does not know which elements hold raw text; the tree builder would
            // tell it, so this sink does (otherwise "a<b" in a script starts a tag).
            match name {
                "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                    return TokenSinkResult::RawData(RawKind::Rawtext);
                }
                "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => return TokenSinkResult::Plaintext,
                _ => {}
            }
        }
        TagKind::EndTag => {
            if FORMATTING.contains(&name) {
                state.open_formatting = state.open_formatting.saturating_sub(1);
            }
            if needs_end {
                state.depth = state.depth.saturating_sub(1);
            }
            if state.hidden.as_deref() == Some(name) {
                state.hidden = None;
            }
            if name == "title" {
                state.in_title = false;
            }
        }
    }
    TokenSinkResult::Continue
}

/// Appends `text` with whitespace runs collapsed, no space at the start of a line.
fn push_collapsed(out: &mut String, text: &str) {
    let mut space = false;
    for ch in text.chars() {
        if is_html_space(ch) {
            space = true;
        } else {
            if space && !out.is_empty() && !out.ends_with(['\n', ' ']) {
                out.push(' ');
            }
            space = false;
            out.push(ch);
        }
    }
    if space && !out.is_empty() && !out.ends_with(['\n', ' ']) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_stripped_of_tags_scripts_and_entities() {
        let scan = scan(
            "<html><head><title> A &amp; B </title><style>p{}</style></head>\
             <body><p>Caf&eacute; &lt;open&gt;</p><script>if (a<b) x()</script><p>Two\n  lines</p>",
        );
        assert_eq!(scan.title.as_deref(), Some("A & B"));
        let paragraphs: Vec<&str> = scan
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(paragraphs, vec!["Café <open>", "Two lines"]);
    }

    #[test]
    fn depth_counts_elements_that_need_closing() {
        assert_eq!(scan("<div><div><span>x</span></div></div>").depth, 3);
        // Paragraphs and list items close themselves; void elements hold nothing.
        assert_eq!(scan("<p>a<p>b<li>c<li>d<br><img>").depth, 0);
        let deep = "<div>".repeat(1000);
        assert_eq!(scan(&deep).depth, 1000);
    }

    #[test]
    fn open_formatting_tags_raise_the_node_estimate() {
        let flat = scan(&"<p>x</p>".repeat(100)).nodes;
        let misnested = scan(&format!("{}{}", "<b>".repeat(50), "<p>x</p>".repeat(100))).nodes;
        assert!(flat <= 300, "{flat}");
        assert!(misnested >= 50 * 200, "{misnested}");
    }
}
