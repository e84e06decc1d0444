//! The text of the block being built, with its style marks: shared by the Markdown and HTML
//! parsers so both collapse whitespace, trim, and keep mark ranges valid the same way.
//!
//! Marks are byte ranges into the finished block's text. They are recorded while text is appended
//! and fixed up once, when the block is taken: clamped to the trimmed text, shifted, trimmed of
//! surrounding spaces, empty ones dropped. Nothing here knows about HTML or Markdown.

use std::ops::Range;

use super::{Block, BlockKind, Mark, MarkStyle};

/// Text and marks of one block under construction.
#[derive(Debug, Default)]
pub struct Inline {
    text: String,
    marks: Vec<Mark>,
    /// Marks opened and not yet closed: their style and where they start.
    open: Vec<(MarkStyle, usize)>,
    /// A space is owed before the next visible character: collapsing whitespace this way means
    /// no block ever ends in a space and marks never cover a trailing one.
    pending_space: bool,
}

/// What HTML calls whitespace (it collapses these, and only these).
pub fn is_html_space(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

impl Inline {
    /// Appends `text` as it is (preformatted text, Markdown code spans).
    pub fn push_verbatim(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.pay_space();
        self.text.push_str(text);
    }

    /// Appends `text` with every run of whitespace collapsed to one space, and none at the start
    /// of the block or of a line: how a browser lays out running text.
    pub fn push_collapsed(&mut self, text: &str) {
        // Whole runs between spaces at a time: every character of every page comes through here.
        for (index, run) in text.split(is_html_space).enumerate() {
            if index > 0 {
                self.pending_space = !self.text.is_empty() && !self.text.ends_with('\n');
            }
            if !run.is_empty() {
                self.pay_space();
                self.text.push_str(run);
            }
        }
    }

    /// Appends `text` right after what is there, leaving an owed space owed: a link's "[3]" sits
    /// against the link text even when the page put a space inside the link.
    pub fn push_attached(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// A hard line break (`<br>`, Markdown's two-space break). Breaks at the start are dropped
    /// and at most one blank line is kept, so `<br><br><br>` reads as a paragraph gap.
    pub fn hard_break(&mut self) {
        self.pending_space = false;
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    fn pay_space(&mut self) {
        if std::mem::take(&mut self.pending_space) {
            self.text.push(' ');
        }
    }

    /// True when nothing but whitespace has been added since the last block was taken.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The text from byte `start` to the end, for a caller that needs to read what it added.
    pub fn text_from(&self, start: usize) -> &str {
        self.text.get(start..).unwrap_or_default()
    }

    pub fn open(&mut self, style: MarkStyle) {
        self.open.push((style, self.text.len()));
    }

    /// Closes the innermost open mark of `style` and returns the range it covers (untrimmed).
    pub fn close(&mut self, style: MarkStyle) -> Option<Range<usize>> {
        let index = self.open.iter().rposition(|(s, _)| *s == style)?;
        let (_, start) = self.open.remove(index);
        let range = start..self.text.len();
        if !range.is_empty() {
            self.marks.push(Mark {
                range: range.clone(),
                style,
            });
        }
        Some(range)
    }

    /// Ends the block: returns it (or `None` when it has no text) and starts an empty one. Marks
    /// still open are cut at the end of this block and continue at the start of the next, as
    /// `<b>` around two paragraphs is bold in both.
    pub fn take(&mut self, kind: BlockKind) -> Option<Block> {
        let end = self.text.len();
        for (style, start) in &mut self.open {
            if *start < end {
                self.marks.push(Mark {
                    range: *start..end,
                    style: *style,
                });
            }
            *start = 0;
        }
        self.pending_space = false;
        let text = std::mem::take(&mut self.text);
        let marks = std::mem::take(&mut self.marks);
        // Code keeps its indentation; everything else loses surrounding whitespace.
        let kept = if kind == BlockKind::Code {
            let body = text.trim_end_matches('\n');
            let start = body.len() - body.trim_start_matches('\n').len();
            start..body.len()
        } else {
            let start = text.len() - text.trim_start().len();
            start..text.trim_end().len().max(start)
        };
        if kept.is_empty() {
            return None;
        }
        let mut block = Block::new(kind, &text[kept.clone()]);
        block.marks = marks
            .into_iter()
            .filter_map(|mark| {
                let start = mark.range.start.clamp(kept.start, kept.end) - kept.start;
                let end = mark.range.end.clamp(kept.start, kept.end) - kept.start;
                let covered = &block.text[start..end];
                let start = start + (covered.len() - covered.trim_start().len());
                let end = start + covered.trim().len();
                (start < end).then_some(Mark {
                    range: start..end,
                    style: mark.style,
                })
            })
            .collect();
        block
            .marks
            .sort_by_key(|mark| (mark.range.start, mark.range.end));
        Some(block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::test_support::marked;

    #[test]
    fn whitespace_collapses_and_marks_cover_words_not_spaces() {
        let mut inline = Inline::default();
        inline.push_collapsed("\n  Some ");
        inline.open(MarkStyle::Strong);
        inline.push_collapsed(" bold\t\ttext ");
        inline.close(MarkStyle::Strong);
        inline.push_collapsed("  here.  \n");
        let block = inline.take(BlockKind::Paragraph).unwrap();
        assert_eq!(block.text, "Some bold text here.");
        assert_eq!(marked(&block), vec![("bold text", MarkStyle::Strong)]);
    }

    #[test]
    fn hard_breaks_are_kept_inside_but_not_at_the_edges() {
        let mut inline = Inline::default();
        inline.hard_break();
        inline.push_collapsed("one ");
        inline.hard_break();
        inline.push_collapsed(" two");
        for _ in 0..4 {
            inline.hard_break();
        }
        inline.push_collapsed("three");
        inline.hard_break();
        let block = inline.take(BlockKind::Paragraph).unwrap();
        assert_eq!(block.text, "one\ntwo\n\nthree");
    }

    #[test]
    fn code_keeps_indentation_and_inner_lines() {
        let mut inline = Inline::default();
        inline.push_verbatim("\n  indented\n\n    more\n\n");
        let block = inline.take(BlockKind::Code).unwrap();
        assert_eq!(block.text, "  indented\n\n    more");
    }

    #[test]
    fn marks_open_across_blocks_continue_in_the_next() {
        let mut inline = Inline::default();
        inline.open(MarkStyle::Emphasis);
        inline.push_collapsed("first");
        let first = inline.take(BlockKind::Paragraph).unwrap();
        inline.push_collapsed("second");
        inline.close(MarkStyle::Emphasis);
        let second = inline.take(BlockKind::Paragraph).unwrap();
        assert_eq!(marked(&first), vec![("first", MarkStyle::Emphasis)]);
        assert_eq!(marked(&second), vec![("second", MarkStyle::Emphasis)]);
    }

    #[test]
    fn attached_text_does_not_pay_an_owed_space() {
        let mut inline = Inline::default();
        inline.push_collapsed("the ");
        inline.open(MarkStyle::Link);
        inline.push_collapsed("ministry ");
        inline.close(MarkStyle::Link);
        inline.push_attached("[3]");
        inline.push_collapsed("said");
        let block = inline.take(BlockKind::Paragraph).unwrap();
        assert_eq!(block.text, "the ministry[3] said");
        assert_eq!(marked(&block), vec![("ministry", MarkStyle::Link)]);
    }

    #[test]
    fn blank_text_makes_no_block() {
        let mut inline = Inline::default();
        inline.open(MarkStyle::Strong);
        inline.push_collapsed("  \n ");
        assert!(inline.is_blank());
        assert_eq!(inline.take(BlockKind::Paragraph), None);
    }
}
