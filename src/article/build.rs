//! Turns a stream of structure events (a heading starts, a list item ends, a link closes) into
//! blocks: shared by the Markdown and HTML parsers, so both decide a block's kind, list markers,
//! link numbers and separators the same way.
//!
//! The parsers only translate their own syntax into these calls; this module never sees markup.

use super::inline::Inline;
use super::links::{self, Links};
use super::{Block, BlockKind, MarkStyle};

/// The text of the block that stands for a horizontal rule (`<hr>`, Markdown's `---`): a scene
/// break or a change of subject that a reader should still see.
pub const SEPARATOR: &str = "* * *";

/// Collects text into the block being built and decides its kind from the open containers.
#[derive(Debug, Default)]
pub struct Builder {
    blocks: Vec<Block>,
    inline: Inline,
    links: Links,
    heading: Option<u8>,
    code_depth: usize,
    quote_depth: usize,
    /// One entry per open list: the next number for ordered lists, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// The marker of the item being built; taken by its first block so later blocks of the same
    /// item are indented without repeating it.
    item_marker: Option<String>,
    /// The address of each open link.
    open_links: Vec<String>,
}

impl Builder {
    pub fn new(links: Links) -> Builder {
        Builder {
            links,
            ..Builder::default()
        }
    }

    /// Running text: whitespace collapsed, except inside preformatted text.
    pub fn text(&mut self, text: &str) {
        if self.code_depth > 0 {
            self.inline.push_verbatim(text);
        } else {
            self.inline.push_collapsed(text);
        }
    }

    /// Text that is the content of an inline code span: kept as written, marked as code.
    pub fn code_span(&mut self, text: &str) {
        self.inline.open(MarkStyle::Code);
        self.inline.push_verbatim(text);
        self.inline.close(MarkStyle::Code);
    }

    pub fn hard_break(&mut self) {
        if self.code_depth > 0 {
            self.inline.push_verbatim("\n");
        } else {
            self.inline.hard_break();
        }
    }

    pub fn open_mark(&mut self, style: MarkStyle) {
        self.inline.open(style);
    }

    pub fn close_mark(&mut self, style: MarkStyle) {
        self.inline.close(style);
    }

    pub fn start_heading(&mut self, level: u8) {
        self.flush();
        self.heading = Some(level.clamp(1, 6));
    }

    pub fn end_heading(&mut self) {
        self.flush();
        self.heading = None;
    }

    pub fn start_quote(&mut self) {
        self.flush();
        self.quote_depth += 1;
    }

    pub fn end_quote(&mut self) {
        self.flush();
        self.quote_depth = self.quote_depth.saturating_sub(1);
    }

    pub fn start_code(&mut self) {
        self.flush();
        self.code_depth += 1;
    }

    pub fn end_code(&mut self) {
        self.flush();
        self.code_depth = self.code_depth.saturating_sub(1);
    }

    pub fn in_code(&self) -> bool {
        self.code_depth > 0
    }

    /// A list starts: `Some(first number)` for a numbered list, `None` for bullets.
    pub fn start_list(&mut self, first: Option<u64>) {
        self.flush();
        self.lists.push(first);
    }

    pub fn end_list(&mut self) {
        self.flush();
        self.lists.pop();
    }

    pub fn start_item(&mut self) {
        self.flush();
        let marker = match self.lists.last_mut() {
            Some(Some(number)) => {
                let marker = format!("{number}.");
                *number = number.saturating_add(1);
                marker
            }
            _ => "•".to_owned(),
        };
        self.item_marker = Some(marker);
    }

    pub fn end_item(&mut self) {
        self.flush();
    }

    /// An image reads as its description, "[image: a red door]", where it stands in the text.
    pub fn start_image(&mut self) {
        self.inline.push_collapsed("[image: ");
    }

    pub fn end_image(&mut self) {
        self.inline.push_attached("]");
    }

    pub fn start_link(&mut self, href: &str) {
        self.inline.open(MarkStyle::Link);
        self.open_links.push(href.to_owned());
    }

    /// Ends the innermost link: its text is marked, and followed by "[n]" unless the link has no
    /// text, leads nowhere, or its text already is its address.
    pub fn end_link(&mut self) {
        let Some(href) = self.open_links.pop() else {
            return;
        };
        let Some(range) = self.inline.close(MarkStyle::Link) else {
            return;
        };
        let Some(address) = self.links.address(&href) else {
            return;
        };
        let shown = self.inline.text_from(range.start);
        if shown.trim().is_empty() || links::shows_its_address(shown, &address) {
            return;
        }
        let number = self.links.number_address(address);
        self.inline.push_attached(&format!("[{number}]"));
    }

    /// A horizontal rule; never two in a row, never first or last (see `finish`).
    pub fn separator(&mut self) {
        self.flush();
        if self.blocks.last().is_some_and(|b| b.text != SEPARATOR) {
            self.blocks.push(Block::paragraph(SEPARATOR));
        }
    }

    /// Takes the text built since the last block as plain text (a table cell), leaving the
    /// containers as they are.
    pub fn take_text(&mut self) -> String {
        self.inline
            .take(BlockKind::Paragraph)
            .map(|block| block.text)
            .unwrap_or_default()
    }

    /// Blocks made elsewhere (a table) go in after the text before them.
    pub fn push_blocks(&mut self, blocks: Vec<Block>) {
        self.flush();
        self.blocks.extend(blocks);
    }

    /// Ends the block being built, if it has any text.
    pub fn flush(&mut self) {
        if self.inline.is_blank() {
            // Whitespace between blocks; taking it also drops marks that covered only it.
            self.inline.take(BlockKind::Paragraph);
            return;
        }
        let kind = if let Some(level) = self.heading {
            BlockKind::Heading { level }
        } else if self.code_depth > 0 {
            BlockKind::Code
        } else if !self.lists.is_empty() {
            BlockKind::ListItem {
                depth: u8::try_from(self.lists.len() - 1).unwrap_or(u8::MAX),
                marker: self.item_marker.clone().unwrap_or_default().into(),
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote {
                depth: u8::try_from(self.quote_depth).unwrap_or(u8::MAX),
            }
        } else {
            BlockKind::Paragraph
        };
        let is_item = matches!(kind, BlockKind::ListItem { .. });
        if let Some(block) = self.inline.take(kind) {
            if is_item {
                // Only the item's first block shows the marker.
                self.item_marker = Some(String::new());
            }
            self.blocks.push(block);
        }
    }

    /// The blocks, and the link addresses in the order of their numbers.
    pub fn finish(mut self) -> (Vec<Block>, Vec<String>) {
        self.flush();
        let is_separator = |b: &Block| b.kind == BlockKind::Paragraph && b.text == SEPARATOR;
        while self.blocks.last().is_some_and(is_separator) {
            self.blocks.pop();
        }
        (self.blocks, self.links.into_addresses())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_numbered_and_marked() {
        let mut builder = Builder::default();
        builder.text("The ");
        builder.start_link("https://gov.example/");
        builder.text("ministry ");
        builder.end_link();
        builder.text("said, and ");
        builder.start_link("https://example.org");
        builder.text("example.org");
        builder.end_link();
        builder.text(" agreed.");
        let (blocks, links) = builder.finish();
        assert_eq!(
            blocks[0].text,
            "The ministry[1] said, and example.org agreed."
        );
        let marked: Vec<&str> = blocks[0]
            .marks
            .iter()
            .map(|m| &blocks[0].text[m.range.clone()])
            .collect();
        assert_eq!(marked, vec!["ministry", "example.org"]);
        assert_eq!(links, vec!["https://gov.example/"]);
    }

    #[test]
    fn separators_are_never_doubled_first_or_last() {
        let mut builder = Builder::default();
        builder.separator();
        builder.text("one");
        builder.separator();
        builder.separator();
        builder.text("two");
        builder.separator();
        let (blocks, _) = builder.finish();
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["one", SEPARATOR, "two"]);
    }

    #[test]
    fn list_items_carry_depth_and_number() {
        let mut builder = Builder::default();
        builder.start_list(Some(3));
        builder.start_item();
        builder.text("three");
        builder.start_list(None);
        builder.start_item();
        builder.text("inner");
        builder.end_item();
        builder.end_list();
        builder.text("more of three");
        builder.end_item();
        builder.end_list();
        let (blocks, _) = builder.finish();
        let kinds: Vec<(u8, &str, &str)> = blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::ListItem { depth, marker } => (*depth, &**marker, b.text.as_str()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (0, "3.", "three"),
                (1, "•", "inner"),
                (0, "", "more of three")
            ]
        );
    }
}
