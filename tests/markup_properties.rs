//! Property tests of the HTML and Markdown loaders: random and deeply nested input never panics,
//! never yields a control character or a mark outside its text, and costs work in proportion to
//! its size. Time is never measured against a tight limit: HTML extraction reports how many nodes
//! it visited, and a generous timeout only detects a hang.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use folio::article::{Article, Format, html};
use folio::sanitize::is_terminal_safe;
use proptest::prelude::*;

/// Far beyond what any of these inputs needs; reaching it means a loop that does not end.
const HANG: Duration = Duration::from_secs(120);

/// Runs `work` on another thread and fails if it has not finished after `HANG`.
fn without_hanging<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(HANG) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("no answer after {HANG:?}: a hang"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the loader panicked"),
    }
}

/// What every loaded article must satisfy, whatever it was made from.
fn check_article(article: &Article) {
    let raw = article.original.kept().expect("built in memory, so kept");
    for text in [article.title.as_str(), raw]
        .into_iter()
        .chain(article.byline.as_deref())
        .chain(article.date.as_deref())
        .chain(article.source.as_deref())
        .chain(article.notes.iter().map(String::as_str))
    {
        assert!(is_terminal_safe(text), "{text:?}");
        assert!(!text.contains('\n') || text == raw);
    }
    for block in &article.blocks {
        assert!(is_terminal_safe(&block.text), "{block:?}");
        for mark in &block.marks {
            let range = mark.range.clone();
            assert!(range.start < range.end, "{block:?}");
            assert!(block.text.get(range).is_some(), "{block:?}");
        }
    }
}

/// Pieces of HTML that, shuffled, make every kind of broken page: misnested and unclosed tags,
/// tables without rows, links inside links, entities for control characters, stray comments.
fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<div>"),
        Just("</div>"),
        Just("<p>"),
        Just("</p>"),
        Just("<b>"),
        Just("</b>"),
        Just("<i class=x>"),
        Just("</i>"),
        Just("<a href='/x'>"),
        Just("<a href='#'>"),
        Just("</a>"),
        Just("<table>"),
        Just("</table>"),
        Just("<tr>"),
        Just("<td>"),
        Just("<th>"),
        Just("</td>"),
        Just("<thead>"),
        Just("<ul>"),
        Just("<ol start=9>"),
        Just("<li>"),
        Just("</ul>"),
        Just("<pre>"),
        Just("</pre>"),
        Just("<br>"),
        Just("<hr>"),
        Just("<img alt='a &#27; b'>"),
        Just("<h2>"),
        Just("</h2>"),
        Just("<blockquote>"),
        Just("<nav>"),
        Just("</nav>"),
        Just("<script>if(a<b)"),
        Just("</script>"),
        Just("<!--"),
        Just("-->"),
        Just("<article>"),
        Just("<code>"),
        Just("<title>"),
        Just("<meta property=og:title content='T &#7;'>"),
        Just("&amp;"),
        Just("&#27;[2J"),
        Just("&#x9b;"),
        Just("&#0;"),
        Just("&#x202e;"),
        Just("\t"),
        Just("\n"),
        Just(" "),
        Just("A sentence of text, with commas, long enough to count as a paragraph. "),
    ]
    .prop_map(str::to_owned)
}

fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# "),
        Just("## "),
        Just("> "),
        Just("- "),
        Just("1. "),
        Just("  "),
        Just("\n"),
        Just("\n\n"),
        Just("*"),
        Just("**"),
        Just("_"),
        Just("`"),
        Just("```\n"),
        Just("["),
        Just("]"),
        Just("](http://x.example/)"),
        Just("!["),
        Just("|"),
        Just("|---|\n"),
        Just("---\n"),
        Just("+++\n"),
        Just("title: T\n"),
        Just("&#27;"),
        Just("&#x9b;"),
        Just("<br>"),
        Just("\\"),
        Just("words and more words"),
        Just("\t"),
    ]
    .prop_map(str::to_owned)
}

/// Opening tags for nesting, with the text that closes them when the input is balanced.
fn nest_html() -> impl Strategy<Value = (String, usize, bool)> {
    let open = prop_oneof![
        Just("<div>"),
        Just("<b>"),
        Just("<span>"),
        Just("<ul><li>"),
        Just("<blockquote>"),
        Just("<table><tr><td>"),
        Just("<a href=/x>"),
        Just("<i><b>"),
        Just("<section>"),
    ];
    (open.prop_map(str::to_owned), 0usize..3_000, any::<bool>())
}

fn nest_markdown() -> impl Strategy<Value = (String, usize)> {
    let level = prop_oneof![
        Just("> "),
        Just("- "),
        Just("1. "),
        Just("  - "),
        Just("*"),
        Just("[")
    ];
    (level.prop_map(str::to_owned), 0usize..3_000)
}

/// Loads `html` both ways the program does and checks what came out.
fn check_html(page: String) {
    let (extracted, article) = without_hanging(move || {
        let extracted = html::extract(&page);
        let article = Article::from_text("p.html", "fallback", Format::Html, &page);
        (extracted, article)
    });
    check_article(&article);
    // The budget holds: a tree was only built when it is small …
    assert!(
        extracted.nodes <= html::MAX_NODES,
        "{} nodes",
        extracted.nodes
    );
    // … and every pass is linear: four walks of the tree, plus text reads of at most 8 headings
    // of each level, 8 byline candidates and 4 other elements, each at most the whole tree.
    assert!(
        extracted.visits <= 33 * (extracted.nodes + 1),
        "{} visits of {} nodes",
        extracted.visits,
        extracted.nodes
    );
}

fn check_markdown(text: String) {
    let length = text.len();
    let article = without_hanging(move || Article::from_text("p.md", "t", Format::Markdown, &text));
    check_article(&article);
    // No blow-up: tables pad cells to at most 100 columns and links add a few bytes each.
    let produced: usize = article.blocks.iter().map(|b| b.text.len()).sum();
    assert!(
        produced <= 128 * length + 256,
        "{produced} bytes from {length}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_html_loads(pieces in prop::collection::vec(html_piece(), 0..300)) {
        check_html(pieces.concat());
    }

    #[test]
    fn arbitrary_text_as_html_loads(text in any::<String>()) {
        check_html(text);
    }

    #[test]
    fn deeply_nested_html_loads((open, depth, close) in nest_html()) {
        let closing = if close { "</div>".repeat(depth) } else { String::new() };
        check_html(format!("<p>{}</p>{}deep text, with a comma{closing}", "x".repeat(30), open.repeat(depth)));
    }

    #[test]
    fn random_markdown_loads(pieces in prop::collection::vec(markdown_piece(), 0..300)) {
        check_markdown(pieces.concat());
    }

    #[test]
    fn arbitrary_text_as_markdown_loads(text in any::<String>()) {
        check_markdown(text);
    }

    #[test]
    fn deeply_nested_markdown_loads((level, depth) in nest_markdown()) {
        check_markdown(format!("{}deep *text* [link](http://x.example/)\n", level.repeat(depth)));
    }
}
