//! Tests of the layout: widths, coverage, lazy wrapping, positions across widths.

use super::*;
use crate::article::Format;

fn article(text: &str) -> Article {
    Article::from_text("t.txt", "t", Format::Text, text)
}

fn shown(article: &Article, width: usize) -> Vec<String> {
    let layout = Layout::new(article, width);
    layout
        .view(article)
        .lines_from(Spot::default())
        .filter_map(|(_, l)| match l.part {
            Part::Block(i) => Some(article.blocks[i].text[l.range.clone()].to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_line_fits_the_width() {
    let a = article(
        "Title\n\nA fairly long paragraph of prose that must wrap at the edge. \
         日本語の文章は文字ごとに折り返されます。https://example.com/a/very/long/url/that/does/not/fit",
    );
    for width in [1, 5, 10, 17, 40] {
        for text in shown(&a, width) {
            let text = text.trim_end();
            // A lone double-width character is the one thing that cannot fit one column.
            let lone_wide_char = text.chars().count() == 1;
            assert!(
                cell_width(text) <= width || lone_wide_char,
                "{text:?} at {width}"
            );
        }
    }
}

#[test]
fn widths_are_measured_per_grapheme_as_ratatui_draws_them() {
    // "❤" alone is one cell, with U+FE0F two; a ZWJ family is one two-cell grapheme.
    assert_eq!(cell_width("❤\u{fe0f}❤"), 3);
    assert_eq!(cell_width("👨\u{200d}👩\u{200d}👧"), 2);
    assert_eq!(cell_width("a\u{200b}b\u{2060}c"), 3);
    let hearts = article(&format!("Title\n\n{}", "❤\u{fe0f}".repeat(12)));
    assert_eq!(shown(&hearts, 8), vec!["❤\u{fe0f}".repeat(4); 3]);
}

#[test]
fn long_words_break_between_graphemes_not_inside_them() {
    let accented = "e\u{301}".repeat(30);
    let a = article(&format!(
        "Title\n\n{accented} {}",
        "👨\u{200d}👩\u{200d}👧".repeat(9)
    ));
    for line in shown(&a, 7) {
        assert!(!line.starts_with(['\u{301}', '\u{200d}']), "{line:?}");
        assert!(cell_width(line.trim_end()) <= 7, "{line:?}");
    }
    assert_eq!(shown(&a, 7).concat(), a.blocks[0].text);
}

#[test]
fn deep_lists_stop_indenting() {
    let deep = BlockKind::ListItem {
        depth: 40,
        marker: "•".into(),
    };
    assert_eq!(prefix(&deep, true), format!("{}• ", "  ".repeat(3)));
}

#[test]
fn wrapped_lines_cover_the_whole_block() {
    let a = article("Title\n\nOne two three four five six seven eight nine ten.");
    assert_eq!(shown(&a, 12).concat(), a.blocks[0].text);
}

#[test]
fn cjk_wraps_at_two_cells_per_character() {
    let a = article("Title\n\n日本語日本語日本語");
    assert_eq!(shown(&a, 6), vec!["日本語", "日本語", "日本語"]);
}

#[test]
fn a_position_survives_a_change_of_width() {
    let a = article("Title\n\nFirst paragraph.\n\nalpha beta gamma delta epsilon zeta eta theta.");
    let narrow = Layout::new(&a, 10);
    let narrow = narrow.view(&a);
    let offset = a.blocks[1].text.find("epsilon").unwrap();
    let spot = narrow.spot_of(1, offset);
    let (block, start) = narrow.anchor_of(spot);
    assert_eq!(block, 1);
    assert!(a.blocks[1].text[start..].starts_with("epsilon"));
    let wide = Layout::new(&a, 30);
    let wide = wide.view(&a);
    let range = &wide.line(wide.spot_of(block, start)).unwrap().range;
    assert!(range.start <= offset && offset < range.end);
}

#[test]
fn advancing_crosses_segments_and_stops_at_the_ends() {
    let a = article("Title\n\nOne.\n\nTwo.\n\nThree.");
    let layout = Layout::new(&a, 40);
    let view = layout.view(&a);
    // Title, then (blank, text) for each of three blocks: seven lines.
    let all: Vec<Spot> = view.lines_from(Spot::default()).map(|(s, _)| s).collect();
    assert_eq!(all.len(), 7);
    for (i, spot) in all.iter().enumerate() {
        assert_eq!(view.advance(Spot::default(), i as isize), *spot);
        assert_eq!(view.advance(all[6], -(6 - i as isize)), *spot);
    }
    assert_eq!(view.advance(Spot::default(), 100), all[6]);
    assert_eq!(view.advance(all[6], -100), Spot::default());
    assert_eq!(view.bottom(3), all[4]);
    assert_eq!(view.bottom(100), Spot::default());
}

#[test]
fn only_what_is_read_gets_wrapped() {
    let text = "Title\n\n".to_owned() + &"Some words in a paragraph.\n\n".repeat(1000);
    let a = article(&text);
    let layout = Layout::new(&a, 20);
    let view = layout.view(&a);
    let _first_page: Vec<_> = view.lines_from(Spot::default()).take(30).collect();
    let wrapped = layout.segments.iter().filter(|s| s.get().is_some()).count();
    assert!(
        wrapped < 20,
        "{wrapped} of 1001 segments wrapped for one page"
    );
}

#[test]
fn percent_follows_the_text() {
    let a = article(&("Title\n\n".to_owned() + &"A paragraph of text.\n\n".repeat(100)));
    let layout = Layout::new(&a, 40);
    let view = layout.view(&a);
    assert_eq!(view.percent(Spot::default(), 10), 0);
    // Blocks are 20 bytes and two lines (gap and text) each: block 50 starts at byte 1000 and
    // the last screenful starts at block 95, byte 1900, so block 50 is 1000/1900 of the way.
    assert_eq!(view.percent(view.spot_of(50, 0), 10), 52);
    assert_eq!(view.percent(view.bottom(10), 10), 100);
}

#[test]
fn code_keeps_lines_and_cuts_long_ones() {
    let a = article("Title\n\n    short\n    abcdefghij");
    assert_eq!(shown(&a, 8), vec!["short", "abcdef", "ghij"]);
}

#[test]
fn plain_text_shows_markers_and_gaps() {
    let a = article("Title\n\nIntro.\n\n- one\n- two");
    assert_eq!(to_plain_text(&a, 40), "Title\n\nIntro.\n\n• one\n• two\n");
}
