//! OSC 8 hyperlinks on link text (`hyperlinks = true` in config.toml): the terminal makes the text
//! clickable, and the address goes with it.
//!
//! ratatui draws cells, so the escape sequences ride inside cell symbols: each cell of link text
//! becomes "open link, its character, close link", with its width forced to the character's, so
//! ratatui's diff still measures the line right and a cell redrawn alone never leaves a link open.
//! Applied last, over the finished frame, and only to cells that still show the link's text (an
//! overlay drawn over it wins). The address is percent-encoded to printable ASCII, so nothing in
//! it can end the sequence.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use unicode_segmentation::UnicodeSegmentation;

use crate::wrap::grapheme_width;

/// Link text as drawn: where it starts, the text, and the address it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub address: String,
}

/// Wraps the cells of each run in OSC 8.
pub fn apply(buffer: &mut Buffer, runs: &[Run]) {
    for run in runs {
        let uri = printable(&run.address);
        let mut x = run.x;
        for grapheme in run.text.graphemes(true) {
            let width = grapheme_width(grapheme);
            let Ok(forced) = NonZeroU16::try_from(u16::try_from(width).unwrap_or(0)) else {
                continue;
            };
            if let Some(cell) = buffer.cell_mut((x, run.y))
                && cell.symbol() == grapheme
            {
                let symbol = format!("\x1b]8;;{uri}\x1b\\{grapheme}\x1b]8;;\x1b\\");
                cell.set_symbol(&symbol);
                cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
            }
            x = x.saturating_add(forced.get());
        }
    }
}

/// `address` with every byte outside printable ASCII (and `%` itself when it starts no escape)
/// percent-encoded, as OSC 8 asks.
fn printable(address: &str) -> String {
    let bytes = address.as_bytes();
    let mut out = String::with_capacity(address.len());
    for (i, &byte) in bytes.iter().enumerate() {
        let escape_follows = byte == b'%'
            && bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
        if (0x21..0x7f).contains(&byte) && (byte != b'%' || escape_follows) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    #[test]
    fn addresses_are_printable_ascii() {
        assert_eq!(
            printable("https://a.example/x?y=1%20"),
            "https://a.example/x?y=1%20"
        );
        assert_eq!(
            printable("https://a.example/ä b\u{1b}%"),
            "https://a.example/%C3%A4%20b%1B%25"
        );
    }

    #[test]
    fn each_cell_of_the_text_is_a_link_and_keeps_its_width() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 10, 1));
        buffer.set_string(0, 0, "a 東b", ratatui::style::Style::new());
        let run = Run {
            x: 2,
            y: 0,
            text: "東b".to_owned(),
            address: "https://a.example/".to_owned(),
        };
        apply(&mut buffer, &[run]);
        let link = |c: &str| format!("\x1b]8;;https://a.example/\x1b\\{c}\x1b]8;;\x1b\\");
        assert_eq!(buffer[(0, 0)].symbol(), "a");
        assert_eq!(buffer[(2, 0)].symbol(), link("東"));
        assert_eq!(
            buffer[(2, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap())
        );
        assert_eq!(buffer[(4, 0)].symbol(), link("b"));
        assert_eq!(buffer[(5, 0)].symbol(), " ");
    }

    #[test]
    fn cells_drawn_over_since_are_left_alone() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 10, 1));
        buffer.set_string(0, 0, "link", ratatui::style::Style::new());
        buffer.set_string(1, 0, "│", ratatui::style::Style::new());
        let run = Run {
            x: 0,
            y: 0,
            text: "link".to_owned(),
            address: "https://a.example/".to_owned(),
        };
        apply(&mut buffer, &[run]);
        assert_eq!(buffer[(1, 0)].symbol(), "│");
        assert!(buffer[(0, 0)].symbol().starts_with("\x1b]8;;"));
    }
}
