//! One line of typed text with a cursor: the search line, the note line and the bookmarks filter.
//!
//! Pure. The cursor sits between graphemes (an accented letter or an emoji sequence is one step),
//! and what shows in a given width is measured in cells, as the terminal draws it. Everything
//! that enters, typed or pasted, is sanitized first, as file text is: a bidi override becomes
//! visible `<U+202E>` rather than reordering the status bar.

use unicode_segmentation::UnicodeSegmentation;

use crate::sanitize::sanitize_line;
use crate::wrap::{cell_width, grapheme_width};

/// The text and the cursor, a byte offset on a grapheme boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputLine {
    text: String,
    cursor: usize,
}

/// How the line shows in a width: the text in view, split at the cursor, and whether more lies
/// beyond either edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputView {
    pub before: String,
    /// The grapheme under the cursor, or a space at the end of the line.
    pub at: String,
    pub after: String,
    pub more_left: bool,
    pub more_right: bool,
}

impl InputLine {
    /// A line holding `text` (sanitized), the cursor at its end.
    pub fn new(text: &str) -> InputLine {
        let text = sanitize_line(text);
        InputLine {
            cursor: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts typed or pasted text at the cursor. Control characters typed as keys are dropped;
    /// pasted text is sanitized like a file's title: newlines and tabs become spaces, the rest
    /// of the controls visible.
    pub fn insert(&mut self, text: &str) {
        let clean = sanitize_line(text);
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// One typed character (control characters are not text and are ignored).
    pub fn insert_char(&mut self, c: char) {
        if !c.is_control() {
            self.insert(c.encode_utf8(&mut [0; 4]));
        }
    }

    fn previous_boundary(&self, from: usize) -> usize {
        self.text[..from]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, from: usize) -> usize {
        self.text[from..]
            .graphemes(true)
            .next()
            .map_or(from, |g| from + g.len())
    }

    /// Where the word before `from` starts: back over spaces, then over the word.
    fn word_start(&self, from: usize) -> usize {
        let before = &self.text[..from];
        let trimmed = before.trim_end();
        trimmed
            .unicode_word_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
            .min(trimmed.len())
    }

    /// Where the word at or after `from` ends.
    fn word_end(&self, from: usize) -> usize {
        self.text[from..]
            .unicode_word_indices()
            .next()
            .map_or(self.text.len(), |(i, w)| from + i + w.len())
    }

    pub fn left(&mut self) {
        self.cursor = self.previous_boundary(self.cursor);
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary(self.cursor);
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    pub fn word_left(&mut self) {
        self.cursor = self.word_start(self.cursor);
    }

    pub fn word_right(&mut self) {
        self.cursor = self.word_end(self.cursor);
    }

    /// Backspace: the grapheme before the cursor.
    pub fn backspace(&mut self) {
        let start = self.previous_boundary(self.cursor);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Delete: the grapheme under the cursor.
    pub fn delete(&mut self) {
        let end = self.next_boundary(self.cursor);
        self.text.replace_range(self.cursor..end, "");
    }

    /// Ctrl-w: the word before the cursor, and the spaces after it.
    pub fn delete_word(&mut self) {
        let start = self.word_start(self.cursor);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Ctrl-u: everything before the cursor (all of it, with the cursor at the end).
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// What shows in `width` cells, the cursor always among it. The view moves in steps of half
    /// its width, so it stays put while the cursor moves within it, and an ellipsis marks text
    /// cut off at either edge.
    pub fn view(&self, width: usize) -> InputView {
        let graphemes: Vec<(usize, &str)> = self.text.grapheme_indices(true).collect();
        let at_index = graphemes.partition_point(|(i, _)| *i < self.cursor);
        let widths: Vec<usize> = graphemes.iter().map(|(_, g)| grapheme_width(g)).collect();
        let cursor_column: usize = widths[..at_index].iter().sum();
        let total = cell_width(&self.text) + 1;
        let width = width.max(1);
        // Everything fits, the cursor's cell after the end included.
        let start_column = if total <= width {
            0
        } else {
            // Room for an ellipsis each side, the cursor in between.
            let inner = width.saturating_sub(2).max(1);
            let step = (inner / 2).max(1);
            let lowest = (cursor_column + 1).saturating_sub(inner);
            // Where the end of the line shows: preferred whenever the cursor is in that view.
            let end_in_view = total.saturating_sub(inner);
            let stepped = (lowest.div_ceil(step) * step).min(end_in_view);
            stepped.max(end_in_view.min(cursor_column)).max(lowest)
        };
        let more_left = start_column > 0;
        let limit = width - usize::from(more_left);
        let mut view = InputView {
            before: String::new(),
            at: " ".to_owned(),
            after: String::new(),
            more_left,
            more_right: false,
        };
        let mut column = 0;
        let mut used = 0;
        for (index, ((_, grapheme), cells)) in graphemes.iter().zip(&widths).enumerate() {
            if column < start_column {
                column += cells;
                continue;
            }
            // Leave a cell for the ellipsis when more follows.
            let reserve = usize::from(index + 1 < graphemes.len() || index < at_index);
            if used + cells + reserve > limit && index > at_index {
                view.more_right = true;
                break;
            }
            used += cells;
            match index.cmp(&at_index) {
                std::cmp::Ordering::Less => view.before.push_str(grapheme),
                std::cmp::Ordering::Equal => view.at = (*grapheme).to_owned(),
                std::cmp::Ordering::Greater => view.after.push_str(grapheme),
            }
        }
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, cursor: usize) -> InputLine {
        InputLine {
            text: text.to_owned(),
            cursor,
        }
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut input = InputLine::new("abc");
        input.left();
        input.insert_char('X');
        assert_eq!((input.text(), input.cursor()), ("abXc", 3));
        input.home();
        input.insert_char('>');
        input.end();
        input.insert_char('<');
        assert_eq!(input.text(), ">abXc<");
    }

    #[test]
    fn the_cursor_moves_by_grapheme_and_by_word() {
        let mut input = InputLine::new("e\u{301}t\u{e9} 👍🏽 ok");
        input.home();
        input.right();
        assert_eq!(
            input.cursor(),
            "e\u{301}".len(),
            "an accent is part of its letter"
        );
        input.end();
        input.left();
        input.left();
        input.left();
        assert_eq!(&input.text()[input.cursor()..], " ok");
        input.left();
        assert_eq!(
            &input.text()[input.cursor()..],
            "👍🏽 ok",
            "one step over the emoji"
        );
        let mut words = InputLine::new("one two  three");
        words.word_left();
        assert_eq!(&words.text()[words.cursor()..], "three");
        words.word_left();
        assert_eq!(&words.text()[words.cursor()..], "two  three");
        words.word_right();
        assert_eq!(&words.text()[words.cursor()..], "  three");
        words.home();
        words.word_right();
        assert_eq!(words.cursor(), 3);
    }

    #[test]
    fn deleting_works_on_both_sides_of_the_cursor() {
        let mut input = line("one two three", 7);
        input.delete();
        assert_eq!(input.text(), "one twothree");
        input.backspace();
        assert_eq!((input.text(), input.cursor()), ("one twthree", 6));
        input.delete_word();
        assert_eq!((input.text(), input.cursor()), ("one three", 4));
        input.delete_to_start();
        assert_eq!((input.text(), input.cursor()), ("three", 0));
        input.backspace();
        input.end();
        input.delete();
        assert_eq!(input.text(), "three", "nothing to delete at either end");
        let mut spaced = line("one two   ", 10);
        spaced.delete_word();
        assert_eq!(spaced.text(), "one ");
    }

    #[test]
    fn typed_and_pasted_text_is_sanitized() {
        let mut input = InputLine::default();
        input.insert_char('\u{1b}');
        input.insert_char('a');
        input.insert_char('\u{202e}');
        input.insert("b\nc\u{1b}[31m");
        assert_eq!(input.text(), "a<U+202E>b c^[[31m");
        assert!(crate::sanitize::is_terminal_safe(input.text()));
    }

    fn shown(view: &InputView) -> String {
        format!(
            "{}{}[{}]{}{}",
            if view.more_left { "…" } else { "" },
            view.before,
            view.at,
            view.after,
            if view.more_right { "…" } else { "" }
        )
    }

    #[test]
    fn a_long_line_scrolls_to_keep_the_cursor_in_view() {
        let text = "This is a long note that goes well beyond the width";
        let mut input = InputLine::new(text);
        let at_end = input.view(20);
        assert!(at_end.more_left && !at_end.more_right);
        assert_eq!(at_end.at, " ", "the cursor after the end shows");
        assert!(cell_width(&shown(&at_end)) <= 22);
        input.home();
        let at_start = input.view(20);
        assert_eq!(shown(&at_start), "[T]his is a long note…");
        for _ in 0..30 {
            input.right();
            let view = input.view(20);
            let cells = cell_width(&view.before)
                + cell_width(&view.at)
                + cell_width(&view.after)
                + usize::from(view.more_left)
                + usize::from(view.more_right);
            assert!(cells <= 20, "{}", shown(&view));
            assert_eq!(view.at, text[input.cursor()..][..1], "{}", shown(&view));
        }
        assert_eq!(shown(&InputLine::new("short").view(20)), "short[ ]");
    }

    #[test]
    fn wide_characters_are_measured_in_cells() {
        let input = InputLine::new("日本語のテキストです");
        let view = input.view(10);
        let cells = cell_width(&view.before) + 1 + usize::from(view.more_left);
        assert!(cells <= 10, "{}", shown(&view));
        assert!(view.more_left);
    }
}
