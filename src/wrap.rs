//! Lays an article out in lines of a given width: the title, the metadata line, then every block,
//! each line a byte range into the text it came from.
//!
//! Pure and width-keyed, so the reader caches one layout per width and `folio show` prints the same
//! layout. Lines hold ranges, not copies, so search matches (byte ranges in a block) map straight
//! onto the lines that show them, across wrap points and after a resize.

use std::ops::Range;

use textwrap::{Options, WordSeparator, WrapAlgorithm};
use unicode_width::UnicodeWidthStr;

use crate::article::{Article, Block, BlockKind};

/// Which text a line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Meta,
    /// The body block with this index in `Article::blocks`.
    Block(usize),
    /// The gap between two parts.
    Blank,
}

/// One screen line: `range` of the text of `part`, and whether it is the part's first line (which
/// carries a list marker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub part: Part,
    pub range: Range<usize>,
    pub first: bool,
}

/// An article laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    /// For each block, the index of its first line.
    pub block_starts: Vec<usize>,
}

impl Layout {
    /// The line that shows byte `offset` of block `block` (the block's last line when the offset
    /// is past its end): how a reading position survives a change of width.
    pub fn line_of(&self, block: usize, offset: usize) -> usize {
        let Some(&start) = self.block_starts.get(block) else {
            return self.lines.len().saturating_sub(1);
        };
        let mut index = start;
        while let Some(next) = self.lines.get(index + 1) {
            if next.part != Part::Block(block) || next.range.start > offset {
                break;
            }
            index += 1;
        }
        index
    }

    /// The block and byte offset shown at `line`, or the nearest block below it (the title and the
    /// gaps belong to what follows them).
    pub fn anchor_of(&self, line: usize) -> (usize, usize) {
        self.lines
            .iter()
            .skip(line)
            .find_map(|l| match l.part {
                Part::Block(block) => Some((block, l.range.start)),
                _ => None,
            })
            .unwrap_or((self.block_starts.len(), 0))
    }
}

/// The text a line of `part` shows before its slice: indentation, list marker, quote bar.
pub fn prefix(kind: &BlockKind, first: bool) -> String {
    match kind {
        BlockKind::ListItem { depth, marker } => {
            let indent = "  ".repeat(usize::from(*depth));
            if first && !marker.is_empty() {
                format!("{indent}{marker} ")
            } else {
                format!("{indent}{}", " ".repeat(marker.width().max(1) + 1))
            }
        }
        BlockKind::Quote => "│ ".to_owned(),
        BlockKind::Code => "  ".to_owned(),
        BlockKind::Heading { .. } | BlockKind::Paragraph => String::new(),
    }
}

/// Lays out `article` at `width` columns (at least 1).
pub fn layout(article: &Article, width: usize) -> Layout {
    let width = width.max(1);
    let mut lines = Vec::new();
    push_wrapped(&mut lines, Part::Title, &article.title, width);
    let meta = article.meta_line();
    if !meta.is_empty() {
        push_wrapped(&mut lines, Part::Meta, &meta, width);
    }
    let mut block_starts = Vec::with_capacity(article.blocks.len());
    let mut previous: Option<&BlockKind> = None;
    for (index, block) in article.blocks.iter().enumerate() {
        // Items of one list sit together; every other block is set off by a blank line.
        let tight = matches!(
            (previous, &block.kind),
            (Some(BlockKind::ListItem { .. }), BlockKind::ListItem { .. })
        );
        if !tight {
            lines.push(Line {
                part: Part::Blank,
                range: 0..0,
                first: false,
            });
        }
        previous = Some(&block.kind);
        block_starts.push(lines.len());
        push_block(&mut lines, index, block, width);
    }
    Layout {
        width,
        lines,
        block_starts,
    }
}

fn push_block(lines: &mut Vec<Line>, index: usize, block: &Block, width: usize) {
    let part = Part::Block(index);
    let prefix_width = prefix(&block.kind, true).width();
    let text_width = width.saturating_sub(prefix_width).max(1);
    if block.kind == BlockKind::Code {
        push_code(lines, part, &block.text, text_width);
    } else {
        push_wrapped(lines, part, &block.text, text_width);
    }
}

/// Wraps prose with textwrap: first-fit (optimal-fit costs four times as much for no gain a reader
/// sees), Unicode line breaking so CJK breaks between characters, long words and URLs broken.
fn push_wrapped(lines: &mut Vec<Line>, part: Part, text: &str, width: usize) {
    let first_line = lines.len();
    for (paragraph_start, paragraph) in split_hard_breaks(text) {
        let options = Options::new(width)
            .wrap_algorithm(WrapAlgorithm::FirstFit)
            .word_separator(WordSeparator::UnicodeBreakProperties)
            .break_words(true);
        let mut search_from = 0;
        let paragraph_first_line = lines.len();
        for piece in textwrap::wrap(paragraph, options) {
            let start = offset_in(paragraph, &piece, search_from);
            search_from = start + piece.len();
            // The line before this one runs up to here, so the space at a wrap point belongs to a
            // line and the lines of a block cover all of its text.
            if lines.len() > paragraph_first_line
                && let Some(previous) = lines.last_mut()
            {
                previous.range.end = paragraph_start + start;
            }
            lines.push(Line {
                part,
                range: paragraph_start + start..paragraph_start + paragraph.len(),
                first: lines.len() == first_line,
            });
        }
    }
    if lines.len() == first_line {
        lines.push(Line {
            part,
            range: 0..0,
            first: true,
        });
    }
}

/// Where a wrapped piece starts in its paragraph. textwrap returns borrowed slices of the input
/// when no indent is set, so the pointer gives the offset; the search is a fallback in case a
/// future version hands back an owned copy.
fn offset_in(paragraph: &str, piece: &str, search_from: usize) -> usize {
    let base = paragraph.as_ptr() as usize;
    let at = piece.as_ptr() as usize;
    if at >= base && at + piece.len() <= base + paragraph.len() {
        return at - base;
    }
    paragraph[search_from..]
        .find(piece.trim_end())
        .map_or(search_from, |i| search_from + i)
}

/// Hard line breaks inside a block (Markdown's two-space break) start new lines.
fn split_hard_breaks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |piece| {
        let item = (start, piece);
        start += piece.len() + 1;
        item
    })
}

/// Code keeps its own lines; a line wider than the pane is cut into pane-wide pieces rather than
/// run past the edge.
fn push_code(lines: &mut Vec<Line>, part: Part, text: &str, width: usize) {
    let first_line = lines.len();
    for (line_start, line) in split_hard_breaks(text) {
        let mut piece_start = 0;
        let mut piece_width = 0;
        for (offset, ch) in line.char_indices() {
            let ch_width = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if piece_width + ch_width > width && offset > piece_start {
                lines.push(Line {
                    part,
                    range: line_start + piece_start..line_start + offset,
                    first: lines.len() == first_line,
                });
                piece_start = offset;
                piece_width = 0;
            }
            piece_width += ch_width;
        }
        lines.push(Line {
            part,
            range: line_start + piece_start..line_start + line.len(),
            first: lines.len() == first_line,
        });
    }
}

/// The article as plain text at `width`, the way `folio show` prints it.
pub fn to_plain_text(article: &Article, width: usize) -> String {
    let layout = layout(article, width);
    let meta = article.meta_line();
    let mut out = String::new();
    for line in &layout.lines {
        match line.part {
            Part::Title => out.push_str(&article.title[line.range.clone()]),
            Part::Meta => out.push_str(&meta[line.range.clone()]),
            Part::Blank => {}
            Part::Block(index) => {
                let block = &article.blocks[index];
                out.push_str(&prefix(&block.kind, line.first));
                out.push_str(block.text[line.range.clone()].trim_end());
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;

    fn article(text: &str) -> Article {
        Article::from_text("t.txt", "t", Format::Text, text)
    }

    fn shown(article: &Article, layout: &Layout) -> Vec<String> {
        layout
            .lines
            .iter()
            .filter_map(|l| match l.part {
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
            let layout = layout(&a, width);
            for text in shown(&a, &layout) {
                let text = text.trim_end();
                // A lone double-width character is the one thing that cannot fit one column.
                let lone_wide_char = text.chars().count() == 1;
                assert!(
                    text.width() <= width || lone_wide_char,
                    "{text:?} at {width}"
                );
            }
        }
    }

    #[test]
    fn wrapped_lines_cover_the_whole_block() {
        let a = article("Title\n\nOne two three four five six seven eight nine ten.");
        let layout = layout(&a, 12);
        let joined: String = shown(&a, &layout).concat();
        assert_eq!(joined, a.blocks[0].text);
    }

    #[test]
    fn cjk_wraps_at_two_cells_per_character() {
        let a = article("Title\n\n日本語日本語日本語");
        let layout = layout(&a, 6);
        assert_eq!(shown(&a, &layout), vec!["日本語", "日本語", "日本語"]);
    }

    #[test]
    fn a_position_survives_a_change_of_width() {
        let a =
            article("Title\n\nFirst paragraph.\n\nalpha beta gamma delta epsilon zeta eta theta.");
        let narrow = layout(&a, 10);
        let offset = a.blocks[1].text.find("epsilon").unwrap();
        let line = narrow.line_of(1, offset);
        let (block, start) = narrow.anchor_of(line);
        assert_eq!(block, 1);
        assert!(a.blocks[1].text[start..].starts_with("epsilon"));
        let wide = layout(&a, 30);
        let wide_line = wide.line_of(block, start);
        let range = &wide.lines[wide_line].range;
        assert!(range.start <= offset && offset < range.end);
    }

    #[test]
    fn code_keeps_lines_and_cuts_long_ones() {
        let a = article("Title\n\n    short\n    abcdefghij");
        let layout = layout(&a, 8);
        assert_eq!(shown(&a, &layout), vec!["short", "abcdef", "ghij"]);
    }

    #[test]
    fn plain_text_shows_markers_and_gaps() {
        let a = article("Title\n\nIntro.\n\n- one\n- two");
        assert_eq!(to_plain_text(&a, 40), "Title\n\nIntro.\n\n• one\n• two\n");
    }
}
