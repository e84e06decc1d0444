//! Property tests: whatever characters an article mixes (zero-width ones, bidi controls, emoji
//! sequences, CJK, combining marks, escapes), every line the layout makes fits its width as
//! ratatui measures and draws it.
//!
//! The lines are built the way the reader pane builds them (prefix span, then the text of the
//! line's range, trimmed at the end) and drawn with `Paragraph` into a `Buffer` wider than the
//! column, so a line that is too wide shows up as a cell drawn past the column's right edge.

use folio::article::{Article, Format};
use folio::wrap::{Layout, Part, Spot, prefix};
use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

/// The narrowest reading column the interface allows (`screen::COLUMN_MIN`).
const COLUMN_MIN: usize = 20;

/// Pieces of text that have broken terminal layouts before: zero-width characters, joiners and
/// selectors whose width depends on their neighbours, double-width scripts, and the control
/// characters sanitizing turns into placeholders.
const ATOMS: &[&str] = &[
    "word",
    "a",
    "longerword",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "-",
    "well-known",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{feff}",
    "\u{2060}",
    "\u{00ad}",
    "\u{202a}",
    "\u{202b}",
    "\u{202c}",
    "\u{202d}",
    "\u{202e}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200e}",
    "\u{200f}",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "❤\u{fe0f}",
    "☺\u{fe0f}",
    "#\u{fe0f}\u{20e3}",
    "👍🏽",
    "🇯🇵",
    "🇯",
    "⌚\u{fe0e}",
    "\u{fe0f}",
    "日本語",
    "中",
    "한국어",
    "ｶﾞ",
    "ﾞ",
    "\u{3000}",
    "e\u{301}",
    "\u{301}",
    "\u{e0041}",
    "\x1b[2J",
    "\x1b]0;t\x07",
    "\u{9b}",
    "\u{85}",
    "\r",
    "\0",
    "# ",
    "- ",
    "1. ",
    "> ",
    "    ",
    "```\n",
    "*",
    "_",
    "[",
    "](",
    ")",
];

fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(ATOMS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z]{20,70}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(atom(), 0..120).prop_map(|atoms| atoms.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Text), Just(Format::Markdown)]
}

/// The lines of `article` at `width` as the reader pane builds them: (prefix, text).
fn screen_lines(article: &Article, width: usize) -> Vec<(String, String)> {
    let layout = Layout::new(article, width);
    let meta = article.meta_line();
    layout
        .view(article)
        .lines_from(Spot::default())
        .map(|(_, line)| match line.part {
            Part::Title => (
                String::new(),
                article.title[line.range.clone()].trim_end().into(),
            ),
            Part::Meta => (String::new(), meta[line.range.clone()].trim_end().into()),
            Part::Note(index) => (
                String::new(),
                article.notes[index][line.range.clone()].trim_end().into(),
            ),
            Part::Blank => (String::new(), String::new()),
            Part::Block(index) => {
                let block = &article.blocks[index];
                (
                    prefix(&block.kind, line.first),
                    block.text[line.range.clone()].trim_end().into(),
                )
            }
        })
        .collect()
}

/// Cells `text` takes when ratatui draws it: graphemes with a control character, and zero-width
/// ones, are dropped by `Buffer`; the rest take their `CellWidth`.
fn cells(text: &str) -> usize {
    text.graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(|g| usize::from(g.cell_width()))
        .sum()
}

/// A line may overflow only when its text is one grapheme that is wider than the room left.
fn may_overflow(text: &str) -> bool {
    text.graphemes(true).count() == 1
}

fn check_article(article: &Article, width: usize) -> Result<(), TestCaseError> {
    let lines = screen_lines(article, width);
    for (prefix, text) in &lines {
        let line = Line::from(vec![Span::raw(prefix.as_str()), Span::raw(text.as_str())]);
        if !may_overflow(text) {
            prop_assert!(
                line.width() <= width,
                "Line::width {} > {width}: {prefix:?} {text:?}",
                line.width()
            );
            prop_assert!(
                cells(prefix) + cells(text) <= width,
                "{} cells > {width}: {prefix:?} {text:?}",
                cells(prefix) + cells(text)
            );
        }
    }
    // Drawn into a buffer with room to spare: nothing lands right of the column.
    let slack = 8;
    let height = u16::try_from(lines.len()).unwrap();
    let area = Rect::new(0, 0, u16::try_from(width + slack).unwrap(), height);
    let mut buffer = Buffer::empty(area);
    let drawn: Vec<Line> = lines
        .iter()
        .map(|(p, t)| Line::from(vec![Span::raw(p.as_str()), Span::raw(t.as_str())]))
        .collect();
    Paragraph::new(drawn).render(area, &mut buffer);
    for (y, (prefix, text)) in lines.iter().enumerate() {
        let y = u16::try_from(y).unwrap();
        let mut shown = String::new();
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            prop_assert!(!symbol.contains(char::is_control), "{symbol:?}");
            if usize::from(x) >= width && !may_overflow(text) {
                prop_assert_eq!(symbol, " ", "drawn past column {}: {:?}", width, text);
            }
            shown.push_str(symbol);
        }
        // Nothing was cut off either: every visible grapheme of the line was drawn.
        let visible: String = [prefix.as_str(), text.as_str()]
            .into_iter()
            .flat_map(|span| span.graphemes(true))
            .filter(|g| !g.contains(char::is_control) && g.cell_width() > 0)
            .collect();
        prop_assert!(
            shown.replace(' ', "").contains(&visible.replace(' ', "")),
            "{visible:?} drawn as {shown:?}"
        );
    }
    Ok(())
}

proptest! {
    // 256 cases (PROPTEST_CASES overrides); failures become named tests below rather than files
    // saved beside the sources.
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_line_fits_a_reading_column(
        text in text(),
        title in text(),
        format in format(),
        width in COLUMN_MIN..=100usize,
    ) {
        let article = Article::from_text("hostile.txt", &title, format, &text);
        check_article(&article, width)?;
    }

    /// Narrower than any column the interface uses (`folio show --width`), prose still fits:
    /// only a list marker or quote bar may be wider than such a column.
    #[test]
    fn prose_fits_even_very_narrow_widths(text in text(), width in 1..COLUMN_MIN) {
        let article = Article::from_text("t.txt", "t", Format::Text, format!("Title\n\n{text}"));
        for (prefix, line) in screen_lines(&article, width) {
            if prefix.is_empty() && !may_overflow(&line) {
                prop_assert!(cells(&line) <= width, "{line:?} at {width}");
            }
        }
    }
}

#[test]
fn emoji_with_variation_selectors_do_not_overflow() {
    // U+2764 is one cell on its own and two with U+FE0F after it; measuring by `char` counted one.
    let hearts = "❤\u{fe0f}".repeat(30);
    let article = Article::from_text("t.txt", "t", Format::Text, format!("Title\n\n{hearts}"));
    for (_, line) in screen_lines(&article, 10) {
        assert!(cells(&line) <= 10, "{line:?}");
    }
    check_article(&article, 10).unwrap();
}

#[test]
fn deeply_nested_lists_stay_inside_the_column() {
    let mut markdown = String::from("# T\n\n");
    for depth in 0..40 {
        markdown.push_str(&"  ".repeat(depth));
        markdown.push_str("- item\n");
    }
    let article = Article::from_text("t.md", "t", Format::Markdown, &markdown);
    check_article(&article, COLUMN_MIN).unwrap();
    let plain = format!("T\n\n{}- deep item text\n", " ".repeat(200));
    let article = Article::from_text("t.txt", "t", Format::Text, &plain);
    check_article(&article, COLUMN_MIN).unwrap();
}

#[test]
fn titles_and_messages_are_cut_to_the_cells_they_take() {
    for (text, width) in [("❤\u{fe0f}".repeat(10), 6), ("ｶﾞ".repeat(10), 7)] {
        let cut = folio::ui::fit(&text, width);
        assert!(cells(&cut) <= width, "{cut:?} takes {} cells", cells(&cut));
    }
    // Cut inside a grapheme, a family emoji falls apart into its members.
    let family = "👨\u{200d}👩\u{200d}👧".repeat(4);
    let cut = folio::ui::fit(&family, 5);
    assert!(!cut.contains("\u{200d}…"), "{cut:?}");
}
