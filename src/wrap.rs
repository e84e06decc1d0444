//! Lays an article out in lines of a given width: the title and metadata line, then every block,
//! each line a byte range into the text it came from.
//!
//! Lazy: a block is wrapped the first time one of its lines is needed, and positions are
//! (segment, line) pairs rather than global line numbers, so opening, scrolling or resizing an
//! 8 MB article wraps only what is on screen. Lines hold ranges, not copies, so search matches (byte
//! ranges in a block) map straight onto the lines that show them, across wrap points and after a
//! resize. The cache fills through `OnceCell` from a shared reference: rendering stays read-only.

use std::cell::OnceCell;
use std::ops::Range;

use ratatui::buffer::CellWidth;
use textwrap::WordSeparator;
use textwrap::core::Fragment;
use textwrap::word_splitters::{WordSplitter, split_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;

use crate::article::{Article, Block, BlockKind};

/// Which text a line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Meta,
    /// What folio says about how it read the file (`Article::notes`, by index): "no article
    /// text found in this page", shown in the pane under the metadata, not part of the text.
    Note(usize),
    /// The body block with this index in `Article::blocks`.
    Block(usize),
    /// The gap before a block.
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

/// A line of the layout: segment 0 is the title and metadata, segment `b + 1` is block `b` (with
/// the blank line before it, if it has one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Spot {
    pub segment: usize,
    pub line: usize,
}

/// An article laid out at one width; segments are wrapped on first use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub width: usize,
    segments: Vec<OnceCell<Vec<Line>>>,
    /// Byte offset of each block's start in the body, and the body's length: positions as a
    /// fraction of the article without wrapping it.
    byte_starts: Vec<usize>,
}

impl Layout {
    /// A layout of `article` at `width` columns (at least 1). Costs one entry per block; no text is
    /// wrapped yet.
    pub fn new(article: &Article, width: usize) -> Layout {
        let mut byte_starts = Vec::with_capacity(article.blocks.len() + 1);
        let mut total = 0;
        for block in &article.blocks {
            byte_starts.push(total);
            total += block.text.len();
        }
        byte_starts.push(total);
        Layout {
            width: width.max(1),
            segments: (0..=article.blocks.len())
                .map(|_| OnceCell::new())
                .collect(),
            byte_starts,
        }
    }

    /// Binds the layout to its article for reading.
    pub fn view<'a>(&'a self, article: &'a Article) -> View<'a> {
        View {
            layout: self,
            article,
        }
    }
}

/// A layout with its article: everything that reads lines.
#[derive(Clone, Copy)]
pub struct View<'a> {
    layout: &'a Layout,
    article: &'a Article,
}

impl<'a> View<'a> {
    fn segment_count(&self) -> usize {
        self.layout.segments.len()
    }

    /// The lines of `segment`, wrapping it if this is the first time it is needed.
    pub fn segment(&self, segment: usize) -> &'a [Line] {
        let Some(cell) = self.layout.segments.get(segment) else {
            return &[];
        };
        let (article, width) = (self.article, self.layout.width);
        cell.get_or_init(|| {
            if segment == 0 {
                header_lines(article, width)
            } else {
                block_lines(article, segment - 1, width)
            }
        })
    }

    pub fn line(&self, spot: Spot) -> Option<&'a Line> {
        self.segment(spot.segment).get(spot.line)
    }

    /// The lines from `spot` on, with their spots.
    pub fn lines_from(self, spot: Spot) -> impl Iterator<Item = (Spot, &'a Line)> + 'a {
        (spot.segment..self.segment_count()).flat_map(move |segment| {
            let skip = if segment == spot.segment {
                spot.line
            } else {
                0
            };
            self.segment(segment)
                .iter()
                .enumerate()
                .skip(skip)
                .map(move |(line, l)| (Spot { segment, line }, l))
        })
    }

    /// The spot of the article's last line.
    pub fn last(&self) -> Spot {
        (0..self.segment_count())
            .rev()
            .find_map(|segment| {
                let lines = self.segment(segment).len();
                (lines > 0).then(|| Spot {
                    segment,
                    line: lines - 1,
                })
            })
            .unwrap_or_default()
    }

    /// `spot` moved `delta` lines, stopping at the first and last lines.
    pub fn advance(&self, spot: Spot, delta: isize) -> Spot {
        let mut spot = spot;
        if delta >= 0 {
            let mut left = delta.unsigned_abs();
            while left > 0 {
                let lines = self.segment(spot.segment).len();
                let room = lines.saturating_sub(spot.line + 1);
                if left <= room {
                    spot.line += left;
                    break;
                }
                let next =
                    (spot.segment + 1..self.segment_count()).find(|&s| !self.segment(s).is_empty());
                match next {
                    Some(segment) => {
                        left -= room + 1;
                        spot = Spot { segment, line: 0 };
                    }
                    None => {
                        spot.line = lines.saturating_sub(1);
                        break;
                    }
                }
            }
        } else {
            let mut left = delta.unsigned_abs();
            while left > 0 {
                if left <= spot.line {
                    spot.line -= left;
                    break;
                }
                let previous = (0..spot.segment)
                    .rev()
                    .find(|&s| !self.segment(s).is_empty());
                match previous {
                    Some(segment) => {
                        left -= spot.line + 1;
                        spot = Spot {
                            segment,
                            line: self.segment(segment).len() - 1,
                        };
                    }
                    None => {
                        spot.line = 0;
                        break;
                    }
                }
            }
        }
        spot
    }

    /// The highest top spot for a view of `height` lines: the one that puts the last line at the
    /// bottom (or the start, when the article is shorter than the view).
    pub fn bottom(&self, height: usize) -> Spot {
        self.advance(self.last(), -(height.max(1) as isize - 1))
    }

    /// The spot of the line that shows byte `offset` of block `block` (its last line when the
    /// offset is past its end): how a reading position survives a change of width.
    pub fn spot_of(&self, block: usize, offset: usize) -> Spot {
        let segment = (block + 1).min(self.segment_count().saturating_sub(1));
        let lines = self.segment(segment);
        let text_lines = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.part == Part::Block(block));
        let line = text_lines
            .take_while(|(_, l)| l.range.start <= offset)
            .last()
            .map_or(0, |(i, _)| i);
        Spot { segment, line }
    }

    /// The block and byte offset at `spot`, or the start of the next block when `spot` is on the
    /// title or a gap (those belong to what follows them).
    pub fn anchor_of(&self, spot: Spot) -> (usize, usize) {
        self.lines_from(spot)
            .find_map(|(_, l)| match l.part {
                Part::Block(block) => Some((block, l.range.start)),
                _ => None,
            })
            .unwrap_or((self.article.blocks.len(), 0))
    }

    /// The first and last blocks with a line among the `height` lines from `top`.
    pub fn blocks_in_view(&self, top: Spot, height: usize) -> Option<(usize, usize)> {
        let mut blocks =
            self.lines_from(top)
                .take(height.max(1))
                .filter_map(|(_, line)| match line.part {
                    Part::Block(block) => Some(block),
                    _ => None,
                });
        let first = blocks.next()?;
        Some((first, blocks.last().unwrap_or(first)))
    }

    /// How far through the article `top` is, in percent of its text, with `height` lines in view.
    pub fn percent(&self, top: Spot, height: usize) -> u8 {
        let bottom = self.bottom(height);
        if top >= bottom {
            return 100;
        }
        let at = self.byte_position(top);
        let end = self.byte_position(bottom).max(1);
        u8::try_from(at * 100 / end).unwrap_or(100).min(99)
    }

    fn byte_position(&self, spot: Spot) -> usize {
        let (block, offset) = self.anchor_of(spot);
        self.layout.byte_starts.get(block).copied().unwrap_or(0) + offset
    }
}

/// Lists nested deeper than this are indented as if they were this deep: a file nesting 40 levels
/// (or indenting a line by 200 spaces) would otherwise push its text past the narrowest reading
/// column. Three levels (6 cells) plus the widest marker ("1000000000. ", 12) still leave text
/// room in `screen::COLUMN_MIN` (20).
pub const MAX_INDENT_DEPTH: u8 = 3;

/// Quotes nested deeper than this show this many bars, for the same reason as lists: four bars
/// (8 cells) still leave text room in the narrowest reading column.
pub const MAX_QUOTE_BARS: u8 = MAX_INDENT_DEPTH + 1;

/// The text a line of a block of `kind` shows before its slice: indentation, list marker, quote bar.
pub fn prefix(kind: &BlockKind, first: bool) -> String {
    match kind {
        BlockKind::ListItem { depth, marker } => {
            let indent = "  ".repeat(usize::from((*depth).min(MAX_INDENT_DEPTH)));
            if first && !marker.is_empty() {
                format!("{indent}{marker} ")
            } else {
                format!("{indent}{}", " ".repeat(cell_width(marker).max(1) + 1))
            }
        }
        BlockKind::Quote { depth } => "│ ".repeat(usize::from((*depth).clamp(1, MAX_QUOTE_BARS))),
        BlockKind::Code => "  ".to_owned(),
        BlockKind::Heading { .. } | BlockKind::Paragraph | BlockKind::Signature => String::new(),
    }
}

fn header_lines(article: &Article, width: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    push_wrapped(&mut lines, Part::Title, &article.title, width);
    let meta = article.meta_line();
    if !meta.is_empty() {
        push_wrapped(&mut lines, Part::Meta, &meta, width);
    }
    for (index, note) in article.notes.iter().enumerate() {
        push_wrapped(&mut lines, Part::Note(index), note, width);
    }
    lines
}

/// A block's lines, with the blank line that sets it off from the one before (items of one list
/// sit together).
fn block_lines(article: &Article, index: usize, width: usize) -> Vec<Line> {
    let block = &article.blocks[index];
    let previous = index.checked_sub(1).map(|i| &article.blocks[i].kind);
    let tight = matches!(
        (previous, &block.kind),
        (Some(BlockKind::ListItem { .. }), BlockKind::ListItem { .. })
    );
    let mut lines = Vec::new();
    if !tight {
        lines.push(Line {
            part: Part::Blank,
            range: 0..0,
            first: false,
        });
    }
    push_block(&mut lines, index, block, width);
    lines
}

fn push_block(lines: &mut Vec<Line>, index: usize, block: &Block, width: usize) {
    let part = Part::Block(index);
    let prefix_width = cell_width(&prefix(&block.kind, true));
    let text_width = width.saturating_sub(prefix_width).max(1);
    if matches!(block.kind, BlockKind::Code | BlockKind::Signature) {
        push_code(lines, part, &block.text, text_width);
    } else {
        push_wrapped(lines, part, &block.text, text_width);
    }
}

/// Wraps prose: textwrap finds the break opportunities (Unicode line breaking, so CJK breaks
/// between characters; after hyphens) and places them first-fit (optimal-fit costs four times as
/// much for no gain a reader sees), but widths are measured here, per grapheme, the way ratatui
/// draws them. textwrap adds up `char` widths, which undercounts a grapheme whose width comes from
/// its sequence ("❤" is one cell, "❤\u{fe0f}" two) and overcounts emoji joined by ZWJ: lines ran
/// past the column. Words wider than the line are broken between graphemes, never inside one.
fn push_wrapped(lines: &mut Vec<Line>, part: Part, text: &str, width: usize) {
    let first_line = lines.len();
    for (paragraph_start, paragraph) in split_hard_breaks(text) {
        let words = WordSeparator::UnicodeBreakProperties.find_words(paragraph);
        let words = split_words(words, &WordSplitter::HyphenSplitter);
        let mut pieces = Vec::new();
        for word in words {
            push_pieces(&mut pieces, word.word, word.whitespace, width);
        }
        let wrapped = wrap_first_fit(&pieces, &[width as f64]);
        if wrapped.is_empty() {
            lines.push(Line {
                part,
                range: paragraph_start..paragraph_start + paragraph.len(),
                first: lines.len() == first_line,
            });
            continue;
        }
        let paragraph_first_line = lines.len();
        for line_pieces in wrapped {
            let start = line_pieces
                .first()
                .map_or(0, |piece| piece.start(paragraph));
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

/// A word (or a piece of one too wide for a line) and the spaces after it, measured in cells.
#[derive(Debug)]
struct Piece<'a> {
    text: &'a str,
    whitespace: &'a str,
    width: usize,
}

impl Piece<'_> {
    /// Where the piece starts in `paragraph`: textwrap's words are slices of the text it was
    /// given, so the pointers say.
    fn start(&self, paragraph: &str) -> usize {
        (self.text.as_ptr() as usize).saturating_sub(paragraph.as_ptr() as usize)
    }
}

impl Fragment for Piece<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        cell_width(self.whitespace) as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Adds `word` as one piece, or as several of at most `width` cells when it is wider than that
/// (a URL, a run of CJK without spaces, a file that is one long word).
fn push_pieces<'a>(pieces: &mut Vec<Piece<'a>>, word: &'a str, whitespace: &'a str, width: usize) {
    let total = cell_width(word);
    if total <= width {
        pieces.push(Piece {
            text: word,
            whitespace,
            width: total,
        });
        return;
    }
    let (mut start, mut used) = (0, 0);
    for (offset, grapheme) in word.grapheme_indices(true) {
        let cells = grapheme_width(grapheme);
        if used + cells > width && offset > start {
            pieces.push(Piece {
                text: &word[start..offset],
                whitespace: "",
                width: used,
            });
            (start, used) = (offset, 0);
        }
        used += cells;
    }
    pieces.push(Piece {
        text: &word[start..],
        whitespace,
        width: used,
    });
}

/// The cells `text` takes when ratatui draws it: each grapheme as wide as `Buffer` makes it, a
/// grapheme holding a control character (which ratatui drops) as nothing.
pub fn cell_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// The cells one grapheme takes when ratatui draws it.
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        0
    } else {
        usize::from(grapheme.cell_width())
    }
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

/// Code keeps its own lines; a line wider than the pane is cut into pane-wide pieces (between
/// graphemes, measured as ratatui draws them) rather than run past the edge.
fn push_code(lines: &mut Vec<Line>, part: Part, text: &str, width: usize) {
    let first_line = lines.len();
    for (line_start, line) in split_hard_breaks(text) {
        let mut piece_start = 0;
        let mut piece_width = 0;
        for (offset, grapheme) in line.grapheme_indices(true) {
            let cells = grapheme_width(grapheme);
            if piece_width + cells > width && offset > piece_start {
                lines.push(Line {
                    part,
                    range: line_start + piece_start..line_start + offset,
                    first: lines.len() == first_line,
                });
                piece_start = offset;
                piece_width = 0;
            }
            piece_width += cells;
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
    let layout = Layout::new(article, width);
    let meta = article.meta_line();
    let mut out = String::new();
    for (_, line) in layout.view(article).lines_from(Spot::default()) {
        match line.part {
            Part::Title => out.push_str(&article.title[line.range.clone()]),
            Part::Meta => out.push_str(&meta[line.range.clone()]),
            // `folio show` says these on stderr, apart from the article it prints.
            Part::Note(_) => continue,
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
mod tests;
