//! Makes text from files safe to draw: no character of it may reach the terminal as a control sequence.
//!
//! Runs once, at load, over everything that can reach the screen (body text, titles, file names), so
//! that every later layer can trust that a `char` is a printable cell and widths add up. It never
//! touches the disk or the terminal.

/// Columns between tab stops when a tab is expanded.
pub const TAB_WIDTH: usize = 4;

/// Returns `text` with every control character replaced by a visible placeholder.
///
/// - Newlines are kept; tabs become spaces up to the next tab stop (counted in chars from the
///   start of the line, which is what a reader expects of prose and simple tables).
/// - C0 controls and DEL use caret notation (`^[` for ESC, `^G` for BEL, `^?` for DEL), as `cat -v`
///   and less do, so a person recognises them.
/// - C1 controls (U+0080..U+009F), bidi overrides and isolates become `<U+XXXX>`: they have no caret
///   form, and the bidi ones would let a file reorder what the person sees.
/// - A byte-order mark anywhere but the start of a file is dropped: it is invisible and zero-width.
pub fn sanitize(text: &str) -> String {
    if is_all_plain(text) {
        return text.to_owned();
    }
    sanitize_each(text, |_, _| {})
}

/// `sanitize` for text the caller owns: plain text (nearly all of it) is returned as it is, not
/// copied; a file's text is the largest string folio holds.
pub fn sanitize_owned(text: String) -> String {
    if is_all_plain(&text) {
        return text;
    }
    sanitize_each(&text, |_, _| {})
}

/// True when `sanitize` would return `text` unchanged. ASCII is checked a byte at a time without
/// decoding characters: the check runs over every file's text.
pub fn is_all_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // 32 bytes at a time while they are printable ASCII or newlines: a branch-free test
        // the compiler turns into vector instructions.
        if let Some(chunk) = bytes.get(at..at + 32)
            && chunk.iter().fold(true, |plain, &b| {
                plain & (matches!(b, 0x20..=0x7e) | (b == b'\n'))
            })
        {
            at += 32;
            continue;
        }
        let byte = bytes[at];
        if byte.is_ascii() {
            if (byte < 0x20 && byte != b'\n') || byte == 0x7f {
                return false;
            }
            at += 1;
            continue;
        }
        let Some(ch) = text[at..].chars().next() else {
            break;
        };
        if !is_plain(ch) {
            return false;
        }
        at += ch.len_utf8();
    }
    true
}

/// `sanitize` for text that carries byte ranges (style marks): also returns, for every byte
/// offset of `text` up to and including its length, where that offset lands in the result.
/// `None` when the text is already safe, so nothing moved.
pub fn sanitize_with_map(text: &str) -> Option<(String, Vec<usize>)> {
    if is_all_plain(text) {
        return None;
    }
    let mut map = vec![0; text.len() + 1];
    let out = sanitize_each(text, |from, to| map[from] = to);
    // Offsets inside a multi-byte character map to where that character starts.
    for index in 1..text.len() {
        if !text.is_char_boundary(index) {
            map[index] = map[index - 1];
        }
    }
    map[text.len()] = out.len();
    Some((out, map))
}

/// The sanitizing loop; `moved(input offset, output offset)` is told where each character goes.
fn sanitize_each(text: &str, mut moved: impl FnMut(usize, usize)) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0usize;
    for (offset, ch) in text.char_indices() {
        moved(offset, out.len());
        match ch {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            '\u{feff}' => continue,
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
                column += 2;
                continue;
            }
            '\u{7f}' => {
                out.push_str("^?");
                column += 2;
                continue;
            }
            c if is_c1(c) || is_bidi_control(c) => {
                let placeholder = format!("<U+{:04X}>", c as u32);
                column += placeholder.len();
                out.push_str(&placeholder);
                continue;
            }
            c => out.push(c),
        }
        column += 1;
    }
    out
}

/// Sanitizes a single-line string (a title, a file name, a note): newlines become spaces too.
pub fn sanitize_line(text: &str) -> String {
    let clean = sanitize(text);
    if clean.contains('\n') {
        clean.replace('\n', " ")
    } else {
        clean
    }
}

fn is_plain(ch: char) -> bool {
    ch == '\n' || !needs_placeholder(ch)
}

/// True for a character `sanitize` replaces (or drops): a control character, a bidi control, a
/// byte-order mark. Line breaks and tabs count too: this is for a single character out of context.
pub fn needs_placeholder(ch: char) -> bool {
    ch.is_control() || is_bidi_control(ch) || ch == '\u{feff}'
}

fn is_c1(ch: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&ch)
}

/// The embedding, override and isolate controls (LRE..RLO, LRI..PDI). Marks such as LRM are left
/// alone: they cannot reorder text beyond themselves.
fn is_bidi_control(ch: char) -> bool {
    ('\u{202a}'..='\u{202e}').contains(&ch) || ('\u{2066}'..='\u{2069}').contains(&ch)
}

/// True when `text` holds nothing a terminal would act on: what `sanitize` guarantees.
pub fn is_terminal_safe(text: &str) -> bool {
    text.chars()
        .all(|c| c == '\n' || !(c.is_control() || is_bidi_control(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_returned_unchanged() {
        assert_eq!(
            sanitize("café 日本語\nsecond line"),
            "café 日本語\nsecond line"
        );
    }

    #[test]
    fn escape_sequences_become_caret_notation() {
        assert_eq!(sanitize("a\x1b[2Jb"), "a^[[2Jb");
        assert_eq!(sanitize("bell\x07"), "bell^G");
        assert_eq!(sanitize("del\x7f"), "del^?");
        assert_eq!(sanitize("nul\0"), "nul^@");
    }

    #[test]
    fn carriage_return_is_visible_not_acted_on() {
        assert_eq!(sanitize("over\rwrite"), "over^Mwrite");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_become_code_points() {
        assert_eq!(sanitize("x\u{9b}31m"), "x<U+009B>31m");
        assert_eq!(sanitize("abc\u{202e}fed"), "abc<U+202E>fed");
        assert_eq!(sanitize("\u{2066}iso\u{2069}"), "<U+2066>iso<U+2069>");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("abcd\te"), "abcd    e");
        assert_eq!(sanitize("x\n\ty"), "x\n    y");
    }

    #[test]
    fn stray_byte_order_marks_are_dropped() {
        assert_eq!(sanitize("a\u{feff}b"), "ab");
    }

    #[test]
    fn sanitize_line_flattens_newlines() {
        assert_eq!(sanitize_line("two\nlines\x1b"), "two lines^[");
    }

    #[test]
    fn offsets_follow_the_text_they_point_at() {
        assert_eq!(sanitize_with_map("plain café"), None);
        let text = "a\x1bb\u{9b}é\tz";
        let (out, map) = sanitize_with_map(text).unwrap();
        assert_eq!(out, "a^[b<U+009B>é   z");
        for (offset, ch) in text.char_indices().filter(|(_, c)| c.is_alphabetic()) {
            assert!(out[map[offset]..].starts_with(ch), "{ch} at {offset}");
        }
        assert_eq!(map[text.len()], out.len());
        // Inside a multi-byte character: where that character starts.
        let e = text.find('é').unwrap();
        assert_eq!(map[e + 1], map[e]);
    }

    #[test]
    fn the_fast_check_agrees_with_the_character_rule() {
        let every: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        for ch in every.chars() {
            let text = format!("ab{ch}é");
            assert_eq!(is_all_plain(&text), text.chars().all(is_plain), "{ch:?}");
            assert_eq!(sanitize_owned(text.clone()), sanitize(&text));
        }
    }

    #[test]
    fn the_fast_check_finds_a_control_anywhere_in_long_text() {
        for ch in ['\x1b', '\t', '\x7f', '\u{9b}', '\u{202e}', '\u{feff}'] {
            for at in 0..80 {
                let text = format!("{}{ch}{}", "a".repeat(at), "b\n".repeat(40));
                assert!(!is_all_plain(&text), "{ch:?} at {at}");
            }
        }
        assert!(is_all_plain(&"plain words\n é".repeat(20)));
    }

    #[test]
    fn output_is_always_terminal_safe() {
        let hostile: String = (0u32..0x300).filter_map(char::from_u32).collect::<String>()
            + "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}";
        assert!(is_terminal_safe(&sanitize(&hostile)));
        assert!(!is_terminal_safe(&hostile));
    }
}
