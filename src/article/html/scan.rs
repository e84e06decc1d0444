//! One linear pass of html5ever's tokenizer over a page, before any tree is built: it measures
//! what building the tree would cost (nesting depth, an upper bound on nodes) and keeps the page's
//! text with tags stripped and entities decoded, which is what folio shows when the cost is too
//! high.
//!
//! The tokenizer alone is linear in the input; the tree builder is not, so the tokens also feed
//! `budget`'s model of the builder.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::budget::{Limits, Model};
use crate::article::inline::is_html_space;

/// What the pass found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    /// The page's text: tags stripped, entities decoded, whitespace collapsed, a blank line at
    /// every block-level tag (so `plain::parse` finds the paragraphs).
    pub text: String,
    /// The text of the `<title>` element.
    pub title: Option<String>,
    /// `Model::depth`: how deep the tree would nest.
    pub depth: usize,
    /// `Model::nodes`: at most how many nodes the tree would have.
    pub nodes: usize,
}

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

/// Tokenizes `html` once and reports what it found; the model of the tree builder stops at
/// `limits`.
pub fn scan(html: &str, limits: Limits) -> Scan {
    let state = State {
        model: Model::new(limits),
        hidden: None,
        in_title: false,
    };
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(Scan::default()), RefCell::new(state)),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks to pause for a script, so one feed consumes everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let Sink(scan, state) = tokenizer.sink;
    let mut scan = scan.into_inner();
    let model = state.into_inner().model;
    scan.depth = model.depth;
    scan.nodes = model.nodes;
    if let Some(title) = &mut scan.title {
        *title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    scan.title = scan.title.filter(|t| !t.is_empty());
    scan
}

/// What the sink needs besides what it reports.
struct State {
    model: Model,
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
        // "<div/>" opens a div in HTML; only inside SVG or MathML does "/>" close a tag.
        let closes_itself = matches!(&token, Token::TagToken(tag)
            if tag.kind == TagKind::StartTag && tag.self_closing && state.model.in_foreign());
        state.model.feed(&token);
        if closes_itself {
            return TokenSinkResult::Continue;
        }
        match token {
            Token::TagToken(tag) => return tag_token(&mut scan, &mut state, &tag),
            Token::CharacterTokens(text) => {
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
    match tag.kind {
        TagKind::StartTag => {
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
            Limits::NONE,
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
}
