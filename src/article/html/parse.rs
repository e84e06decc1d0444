//! Builds a page's tree in the same tokenizer pass that measures what building it costs: every
//! token goes to `budget`'s model of the tree builder first, and to html5ever's tree builder only
//! while the page is within the limits. A page over them is dropped at that token, so a hostile
//! page costs no more than one within the limits, and a page within them is tokenized once.
//!
//! The tree is built as a browser with scripts on builds it: a `<noscript>` holds its markup as
//! text, so one left open cannot swallow the page after it. (`choose` parses that text for the
//! extractor, which looks there for images.)

use std::cell::RefCell;

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::{
    BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::create_element;
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{QualName, TokenizerResult, local_name, ns};
use scraper::{Html, HtmlTreeSink};

use super::budget::{Limits, Model};

/// What the model of the tree builder measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// How deep the tree nests (once over the limit, only that it is over).
    pub depth: usize,
    /// At most how many nodes it has (once over the limit, only that it is over).
    pub nodes: usize,
}

/// A page parsed within the limits.
pub struct Parsed {
    pub html: Html,
    pub cost: Cost,
}

/// How html5ever's tree builder is set up, for whole pages and chosen articles alike.
fn tree_builder_opts() -> TreeBuilderOpts {
    TreeBuilderOpts {
        scripting_enabled: true,
        ..TreeBuilderOpts::default()
    }
}

/// Parses `text` into a tree with no budget: for the article the extractor chose, which it took
/// from a page within the budget, and for tests.
pub fn parse_unguarded(text: &str) -> Html {
    let opts = html5ever::ParseOpts {
        tree_builder: tree_builder_opts(),
        ..html5ever::ParseOpts::default()
    };
    html5ever::driver::parse_document(HtmlTreeSink::new(Html::new_document()), opts).one(text)
}

/// Parses `text` into a tree, or says what it would cost when that is over `limits`.
pub fn parse_within(text: &str, limits: Limits) -> Result<Parsed, Cost> {
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), tree_builder_opts());
    build_within(builder, TokenizerOpts::default(), text, limits)
}

/// Parses `text` as what a `<body>` holds (a noscript's markup) into a tree whose root element
/// holds it, or says what it would cost when that is over `limits`.
pub fn parse_fragment_within(text: &str, limits: Limits) -> Result<Parsed, Cost> {
    let sink = HtmlTreeSink::new(Html::new_fragment());
    let body = QualName::new(None, ns!(html), local_name!("body"));
    let context = create_element(&sink, body, Vec::new());
    let builder = TreeBuilder::new_for_fragment(sink, context, None, tree_builder_opts());
    let tokenizer = TokenizerOpts {
        initial_state: Some(builder.tokenizer_state_for_context_elem(false)),
        ..TokenizerOpts::default()
    };
    build_within(builder, tokenizer, text, limits)
}

/// Runs the tokenizer over `text`, feeding the guard and, through it, `builder`.
fn build_within(
    builder: TreeBuilder<NodeId, HtmlTreeSink>,
    tokenizer: TokenizerOpts,
    text: &str,
    limits: Limits,
) -> Result<Parsed, Cost> {
    let sink = Guard {
        builder,
        model: RefCell::new(Model::new(limits)),
    };
    let tokenizer = Tokenizer::new(sink, tokenizer);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // The tree builder pauses the tokenizer after every script (there is none to run) and at a
    // `<meta charset>` (the text is decoded already): go on, as html5ever's own driver does. The
    // guard pauses it for good once the page is over budget.
    loop {
        match tokenizer.feed(&input) {
            TokenizerResult::Done => break,
            _ if tokenizer.sink.is_over() => break,
            _ => {}
        }
    }
    tokenizer.end();
    let Guard { builder, model } = tokenizer.sink;
    let model = model.into_inner();
    let cost = Cost {
        depth: model.depth,
        nodes: model.nodes,
    };
    if model.is_over() {
        return Err(cost);
    }
    Ok(Parsed {
        html: builder.sink.0.into_inner(),
        cost,
    })
}

/// The tokenizer's sink: the model, then the tree builder while the page is within budget.
struct Guard {
    builder: TreeBuilder<NodeId, HtmlTreeSink>,
    model: RefCell<Model>,
}

impl Guard {
    fn is_over(&self) -> bool {
        self.model.borrow().is_over()
    }
}

impl TokenSink for Guard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        let mut model = self.model.borrow_mut();
        let was_over = model.is_over();
        model.feed(&token);
        if model.is_over() {
            drop(model);
            if was_over {
                return TokenSinkResult::Continue;
            }
            // Pausing for a "script" is the one way a sink can stop the tokenizer; `build_within`
            // does not resume it.
            let root = self.builder.sink.0.borrow().tree.root().id();
            return TokenSinkResult::Script(root);
        }
        drop(model);
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        if !self.is_over() {
            self.builder.end();
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        depth: 10,
        nodes: 100,
    };

    #[test]
    fn a_page_within_the_limits_is_parsed_as_html5ever_parses_it() {
        let page = "<meta charset=gb2312><title>T</title><p>One<p>Two <b>bold <i>both</b> italic</i><script>a<b</script>";
        let parsed = parse_within(page, LIMITS).unwrap();
        assert_eq!(parsed.html.html(), parse_unguarded(page).html());
        assert_eq!(parsed.cost.depth, 3);
    }

    #[test]
    fn a_page_over_the_limits_is_not_parsed() {
        let deep = format!("{}x", "<div>".repeat(1_000));
        assert_eq!(parse_within(&deep, LIMITS).err().map(|c| c.depth), Some(11));
        let wide = "<p>x</p>".repeat(1_000);
        assert!(parse_within(&wide, LIMITS).is_err());
    }

    #[test]
    fn a_fragment_is_parsed_as_the_content_of_a_body() {
        let parsed = parse_fragment_within("<img src=a.png><p>One<p>Two", LIMITS).unwrap();
        let root = parsed.html.root_element();
        assert_eq!(root.inner_html(), "<img src=\"a.png\"><p>One</p><p>Two</p>");
        let deep = "<div>".repeat(1_000);
        assert!(parse_fragment_within(&deep, LIMITS).is_err());
    }

    #[test]
    fn a_noscript_left_open_does_not_swallow_the_page() {
        let page = "<body><noscript><div id=nojs></noscript><p>The article";
        let parsed = parse_within(page, LIMITS).unwrap();
        let html = parsed.html.html();
        assert!(html.contains("</noscript><p>The article</p>"), "{html}");
    }
}
