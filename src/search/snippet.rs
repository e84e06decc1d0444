//! The one-line context around a match, for result lists: a window of characters either side of
//! it, cut between words where the window has a space, line breaks shown as spaces, an ellipsis
//! where the text was cut.
//!
//! Pure, and styling-free: it says where the match sits in the snippet and the caller decides how
//! to mark it (SGR codes on a terminal, a styled span in the interface, nothing in a pipe).

use std::ops::Range;

/// Marks where a snippet's text was cut short.
pub const ELLIPSIS: &str = "…";

/// A single line of context; `highlight` is the byte range of the match within `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlight: Range<usize>,
}

/// The snippet of `text` around the match at `range` (a byte range on `char` boundaries), with up
/// to `context` characters either side, fewer where that avoids showing part of a word. The match
/// itself is kept whole, however long.
pub fn snippet(text: &str, range: Range<usize>, context: usize) -> Snippet {
    let start = word_after(text, chars_before(text, range.start, context), range.start);
    let end = word_before(text, range.end, chars_after(text, range.end, context));
    let mut out = String::with_capacity(end - start + 2 * ELLIPSIS.len());
    if start > 0 {
        out.push_str(ELLIPSIS);
    }
    let highlight_start = out.len() + (range.start - start);
    // A newline and a space are both one byte, so the highlight offsets stay right.
    out.push_str(&text[start..end].replace('\n', " "));
    let highlight = highlight_start..highlight_start + range.len();
    if end < text.len() {
        out.push_str(ELLIPSIS);
    }
    Snippet {
        text: out,
        highlight,
    }
}

/// The byte offset `n` characters before `at` (or the start of `text`).
fn chars_before(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(at, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end of `text`).
fn chars_after(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// Moves a cut at `from` (inside a word) forward to the start of the next word before `limit`.
/// Text without spaces there (CJK, a long URL) keeps the cut where it is.
fn word_after(text: &str, from: usize, limit: usize) -> usize {
    if from == 0 || text[..from].ends_with(char::is_whitespace) {
        return from;
    }
    match text[from..limit].find(char::is_whitespace) {
        Some(i) => limit - text[from + i..limit].trim_start().len(),
        None => from,
    }
}

/// Moves a cut at `to` (inside a word) back to the end of the previous word after `limit`.
fn word_before(text: &str, limit: usize, to: usize) -> usize {
    if to == text.len() || text[to..].starts_with(char::is_whitespace) {
        return to;
    }
    match text[limit..to].rfind(char::is_whitespace) {
        Some(i) => limit + text[limit..limit + i].trim_end().len(),
        None => to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(text: &str, word: &str, context: usize) -> Snippet {
        let start = text.find(word).unwrap();
        snippet(text, start..start + word.len(), context)
    }

    #[test]
    fn short_text_is_shown_whole() {
        let s = around("a cold day", "cold", 60);
        assert_eq!(s.text, "a cold day");
        assert_eq!(&s.text[s.highlight], "cold");
    }

    #[test]
    fn long_text_is_cut_with_ellipses_on_both_sides() {
        let s = around("one two three four five", "three", 5);
        assert_eq!(s.text, "…two three four…");
        assert_eq!(&s.text[s.highlight], "three");
    }

    #[test]
    fn a_match_at_an_edge_has_no_ellipsis_there() {
        assert_eq!(around("three four five", "three", 5).text, "three four…");
        assert_eq!(around("one two three", "three", 4).text, "…two three");
    }

    #[test]
    fn a_cut_word_is_left_out() {
        let s = around("one two three four five", "three", 3);
        assert_eq!(s.text, "…three…");
        assert_eq!(&s.text[s.highlight], "three");
        assert_eq!(around("alpha beta", "beta", 3).text, "…beta");
    }

    #[test]
    fn context_counts_characters_not_bytes() {
        let s = around("éé ééé mot ééé éé", "mot", 4);
        assert_eq!(s.text, "…ééé mot ééé…");
        assert_eq!(&s.text[s.highlight], "mot");
        // Without spaces to cut at, the window is cut between characters.
        let s = around("一二三四五X六七八九十", "X", 3);
        assert_eq!(s.text, "…三四五X六七八…");
        assert_eq!(&s.text[s.highlight], "X");
    }

    #[test]
    fn line_breaks_become_spaces() {
        let s = around(
            "first line\nmilitary and\ncivil\nlast",
            "military and\ncivil",
            60,
        );
        assert_eq!(s.text, "first line military and civil last");
        assert_eq!(&s.text[s.highlight], "military and civil");
    }
}
