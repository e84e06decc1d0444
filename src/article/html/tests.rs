//! Unit tests of HTML extraction on small literal pages.

use super::*;
use crate::article::test_support::{marked, texts};
use crate::article::{Article, BlockKind, Format, MarkStyle};
use crate::sanitize::is_terminal_safe;

const PROSE: &str = "A paragraph of the article that is long enough to count as prose, with \
                     commas, clauses, and the ordinary rhythm of a sentence in a newspaper.";

fn body(html: &str) -> String {
    format!("<html><body><article>{html}</article></body></html>")
}

#[test]
fn structure_becomes_blocks() {
    let (blocks, _) = parse(&body(&format!(
        "<p>{PROSE}</p><h2>Second level</h2><h3>Third</h3>\
         <blockquote><p>Quoted words.</p></blockquote>\
         <ol start=4><li>four</li><li>five<ul><li>inner</li></ul></li></ol>\
         <pre>  indented\n    more</pre>"
    )));
    let kinds: Vec<(&BlockKind, &str)> =
        blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
    let item = |depth, marker: &str| BlockKind::ListItem {
        depth,
        marker: marker.into(),
    };
    assert_eq!(
        kinds,
        vec![
            (&BlockKind::Paragraph, PROSE),
            (&BlockKind::Heading { level: 2 }, "Second level"),
            (&BlockKind::Heading { level: 3 }, "Third"),
            (&BlockKind::Quote { depth: 1 }, "Quoted words."),
            (&item(0, "4."), "four"),
            (&item(0, "5."), "five"),
            (&item(1, "•"), "inner"),
            (&BlockKind::Code, "  indented\n    more"),
        ]
    );
}

#[test]
fn inline_markup_becomes_marks_and_whitespace_collapses() {
    let (blocks, meta) = parse(&body(&format!(
        "<p>{PROSE}</p><p>\n  The <em>quiet</em>   <strong>harbour</strong> and <code>x&lt;y</code>,\n \
         <a href='https://a.example/'>the <b>ministry</b> </a>said.<br>New line &amp; more.</p>"
    )));
    let block = &blocks[1];
    assert_eq!(
        block.text,
        "The quiet harbour and x<y, the ministry[1] said.\nNew line & more."
    );
    assert_eq!(
        marked(block),
        vec![
            ("quiet", MarkStyle::Emphasis),
            ("harbour", MarkStyle::Strong),
            ("x<y", MarkStyle::Code),
            ("the ministry", MarkStyle::Link),
            ("ministry", MarkStyle::Strong),
        ]
    );
    assert_eq!(meta.links, vec!["https://a.example/"]);
}

#[test]
fn links_are_numbered_resolved_and_filtered() {
    let html = format!(
        "<html><head><meta property='og:url' content='https://news.example/a/story'></head>\
         <body><article><p>{PROSE} <a href='/about'>About</a>, <a href='#top'>top</a>, \
         <a href='javascript:go()'>go</a>, <a href='other'>other</a>, <a href='/about'>again</a>, \
         <a href='/empty'><img src=x.png></a>.</p></article></body></html>"
    );
    let (blocks, meta) = parse(&html);
    assert!(
        blocks[0]
            .text
            .ends_with("About[1], top, go, other[2], again[1], ."),
        "{}",
        blocks[0].text
    );
    assert_eq!(
        meta.links,
        vec!["https://news.example/about", "https://news.example/a/other"]
    );
}

#[test]
fn images_read_as_their_description() {
    let (blocks, _) = parse(&body(&format!(
        "<p>{PROSE}</p><p>Before <img src=a.png alt='a red door'> after \
         <img src=spacer.gif alt=''><img src=icon.png></p>"
    )));
    assert_eq!(blocks[1].text, "Before [image: a red door] after");
}

#[test]
fn furniture_never_appears() {
    let html = format!(
        "<html><head><style>p {{ color: red }}</style><script>var STYLE_OR_SCRIPT = 1;</script></head>\
         <body><nav><a href=/>NAVIGATION</a></nav><div class='cookie-notice'><p>COOKIE BANNER {PROSE}</p></div>\
         <article><p>{PROSE}</p><!-- A COMMENT --><div class='share-bar'><a href=/s>SHARE</a></div>\
         <form><label>FORM LABEL</label><input value='FORM VALUE'></form><p>{PROSE}</p>\
         <noscript>NOSCRIPT TEXT</noscript><template><p>TEMPLATE TEXT</p></template>\
         <div hidden><p>HIDDEN TEXT</p></div></article>\
         <aside><p>SIDEBAR {PROSE}</p></aside><footer>FOOTER TEXT</footer></body></html>"
    );
    let (blocks, _) = parse(&html);
    assert_eq!(texts(&blocks), vec![PROSE, PROSE]);
}

#[test]
fn data_tables_are_tables_and_layout_tables_are_containers() {
    let html = format!(
        "<html><body><table><tr><td><p>{PROSE}</p>\
         <table><tr><th>Day</th><th>Tide</th></tr><tr><td>Fri</td><td>06:12</td></tr></table>\
         </td></tr></table></body></html>"
    );
    let (blocks, _) = parse(&html);
    assert_eq!(
        texts(&blocks),
        vec![PROSE, "Day │ Tide\n────┼──────\nFri │ 06:12"]
    );
    assert_eq!(blocks[1].kind, BlockKind::Code);
}

#[test]
fn entities_and_attributes_cannot_smuggle_control_sequences() {
    let html = format!(
        "<html><head><title>Evil &#27;]0;pwned&#7; title</title>\
         <meta name=author content='Mal&#27;[2J Lory'></head><body><article>\
         <p>{PROSE}</p><p>Red &#27;[31mtext&#x1b;[0m, bell &#7;, C1 &#x9b;31m and &#155;, \
         bidi &#x202e;, nul &#0;.</p>\
         <p><img alt='alt &#27;[2J text'> <a href='https://x.example/&#27;[5m'>link&#x7;</a></p>\
         </article></body></html>"
    );
    let article = Article::from_text("p.html", "fallback", Format::Html, &html);
    let everything = [&article.title, article.byline.as_ref().unwrap()]
        .into_iter()
        .chain(article.blocks.iter().map(|b| &b.text));
    for text in everything {
        assert!(is_terminal_safe(text), "{text:?}");
    }
    assert_eq!(article.title, "Evil ^[]0;pwned^G title");
    assert_eq!(article.byline.as_deref(), Some("Mal^[[2J Lory"));
    let shown: Vec<&str> = texts(&article.blocks);
    assert!(
        shown[1].starts_with("Red ^[[31mtext^[[0m, bell ^G"),
        "{shown:?}"
    );
    assert!(shown[1].contains("<U+202E>"), "{shown:?}");
    assert!(shown[2].contains("[image: alt ^[[2J text]"), "{shown:?}");
    assert!(shown.contains(&"https://x.example/^[[5m"), "{shown:?}");
    let link = &article.blocks[2];
    assert_eq!(marked(link), vec![("link^G", MarkStyle::Link)]);
}

#[test]
fn deep_pages_fall_back_to_plain_text_with_a_note() {
    let html = format!(
        "<title>Deep page</title>{}<p>{PROSE}</p>",
        "<div>".repeat(MAX_DEPTH + 1)
    );
    let extracted = extract(&html);
    assert_eq!(extracted.nodes, 0, "no tree was built");
    assert_eq!(extracted.metadata.title.as_deref(), Some("Deep page"));
    assert_eq!(texts(&extracted.blocks), vec![PROSE]);
    assert_eq!(extracted.metadata.notes.len(), 1);
    assert!(extracted.metadata.notes[0].contains("nested deeper than 256"));
}

#[test]
fn misnested_formatting_that_would_multiply_nodes_falls_back() {
    let html = format!(
        "{}{}",
        (0..200)
            .map(|i| format!("<b class=c{i}>"))
            .collect::<String>(),
        "<div>x</div>".repeat(3_000)
    );
    let extracted = extract(&html);
    assert_eq!(extracted.nodes, 0);
    assert!(
        extracted.metadata.notes[0].contains("elements"),
        "{:?}",
        extracted.metadata.notes
    );
}

#[test]
fn sloppy_but_ordinary_pages_are_still_parsed() {
    let html = format!(
        "<title>Sloppy</title>{}<table>{}</table><svg>{}</svg>",
        format!("<p><b>Unclosed bold, and <i>italic, {PROSE}</p>\n").repeat(2_000),
        "<tr><td><div>cell<td><font>x</tr>\n".repeat(500),
        "<path d=\"M0 0\"/>".repeat(500)
    );
    let extracted = extract(&html);
    assert!(
        extracted.metadata.notes.is_empty(),
        "{:?}",
        extracted.metadata.notes
    );
    assert!(extracted.nodes > 0);
}

#[test]
fn large_pages_fall_back_to_plain_text_with_a_note() {
    let paragraph = format!("<p>{PROSE}</p>\n");
    let html = paragraph.repeat(MAX_BYTES / paragraph.len() + 1);
    let extracted = extract(&html);
    assert_eq!(extracted.nodes, 0);
    assert!(extracted.metadata.notes[0].starts_with("page larger than 5 MB"));
    assert_eq!(extracted.blocks[0].text, PROSE);
    let article = Article::from_text("big.html", "big", Format::Html, &html);
    assert_eq!(article.notes, extracted.metadata.notes);
}

#[test]
fn extraction_visits_each_node_a_bounded_number_of_times() {
    let html = format!(
        "<html><body><nav>{}</nav><article>{}</article></body></html>",
        "<a href=/>menu</a>".repeat(50),
        format!("<p>{PROSE} <a href=/x>x</a></p>").repeat(400)
    );
    let extracted = extract(&html);
    assert!(extracted.nodes > 1000);
    assert!(
        // Measuring, metadata, folio's choice, the copy for the extractor, the blocks.
        extracted.visits <= 8 * extracted.nodes,
        "{} visits for {} nodes",
        extracted.visits,
        extracted.nodes
    );
}

#[test]
fn a_page_without_markup_is_its_text() {
    let (blocks, _) = parse("just some words\n\n  and more");
    assert_eq!(texts(&blocks), vec!["just some words and more"]);
}

#[test]
fn the_extractor_chooses_a_long_article_even_inside_a_share_named_box() {
    // A story's body inside an element named for share buttons (as on a real news page): the
    // extractor chooses by content, and folio's class-word furniture rules do not overrule it.
    let paragraphs = format!("<p>{PROSE}</p>").repeat(6);
    let html = format!(
        "<html><head><title>Harbour reopens - The Gazette</title>\
         <meta property='og:site_name' content='The Gazette'></head><body>\
         <nav><ul><li><a href=/a>Home</a></li><li><a href=/b>World</a></li></ul></nav>\
         <div id='share-btns-container-parent'>{paragraphs}</div>\
         <aside><p>SIDEBAR with a few links</p></aside>\
         <footer><a href=/c>FOOTER</a></footer></body></html>"
    );
    let (blocks, meta) = parse(&html);
    assert_eq!(texts(&blocks), vec![PROSE; 6]);
    assert_eq!(meta.title.as_deref(), Some("Harbour reopens"));
    assert_eq!(meta.source.as_deref(), Some("The Gazette"));
}

#[test]
fn a_page_with_no_article_text_says_so_and_shows_all_its_text() {
    let html = "<html><head><title>Portal</title></head><body>\
                <nav><a href=/a>Home</a> <a href=/b>Sections</a></nav>\
                <form><label>Search the site</label><input></form></body></html>";
    let (blocks, meta) = parse(html);
    assert_eq!(
        meta.notes,
        vec!["no article text found in this page: showing all of its text"]
    );
    let shown = texts(&blocks).join(" ");
    assert!(
        shown.contains("Home") && shown.contains("Search the site"),
        "{shown}"
    );

    let (blocks, meta) = parse("<html><head><title>Empty</title></head><body></body></html>");
    assert!(blocks.is_empty());
    assert_eq!(meta.notes, vec![NO_ARTICLE_TEXT]);
}

#[test]
fn wikipedia_edit_links_go_and_footnote_markers_read_apart_from_link_numbers() {
    let html = body(&format!(
        "<h2>History<span class='mw-editsection'><span class='mw-editsection-bracket'>[</span>\
         <a href='/w/index.php?action=edit'>edit</a>\
         <span class='mw-editsection-bracket'>]</span></span></h2>\
         <p>{PROSE} <a href='https://a.example/'>Netscape</a> said so.\
         <sup class='reference'><a href='#cite_note-3'>[3]</a></sup></p>"
    ));
    let (blocks, meta) = parse(&html);
    assert_eq!(blocks[0].text, "History");
    assert!(
        blocks[1].text.ends_with("Netscape[1] said so.⁽³⁾"),
        "{}",
        blocks[1].text
    );
    assert_eq!(meta.links, vec!["https://a.example/"]);
}

#[test]
fn the_name_within_a_longer_byline_is_the_byline_unless_another_name_follows() {
    let pick = |chosen: &str, own: &str| byline(Some(chosen.into()), Some(own.into()));
    assert_eq!(
        pick("By Jane Doe, local affairs reporter", "Jane Doe").as_deref(),
        Some("Jane Doe")
    );
    assert_eq!(
        pick("Alexandre Hervaud, Jérémy Piette", "Alexandre Hervaud").as_deref(),
        Some("Alexandre Hervaud, Jérémy Piette")
    );
    assert_eq!(
        pick("Ana Lee and Tom Ruiz", "Ana Lee").as_deref(),
        Some("Ana Lee and Tom Ruiz")
    );
    assert_eq!(pick("AFP", "Jane Doe").as_deref(), Some("AFP"));
    assert_eq!(
        byline(None, Some("Jane Doe".into())).as_deref(),
        Some("Jane Doe")
    );
}
