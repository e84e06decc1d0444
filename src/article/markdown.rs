//! Markdown to blocks with pulldown-cmark: headings, paragraphs, quotes, (nested) lists, code, and
//! YAML/TOML front matter as metadata.
//!
//! Inline markup is flattened to its text; images read as "[image: alt]".

use pulldown_cmark::{CodeBlockKind, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, Metadata};

/// Parses Markdown `text` into blocks and whatever metadata its front matter gives.
pub fn parse(text: &str) -> (Vec<Block>, Metadata) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut builder = Builder::default();
    for event in Parser::new_ext(text, options) {
        builder.event(event);
    }
    builder.flush();
    (builder.blocks, builder.metadata)
}

/// Collects text into the block being built and decides its kind from the open containers.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    metadata: Metadata,
    text: String,
    heading: Option<u8>,
    in_code: bool,
    in_metadata: Option<MetadataBlockKind>,
    in_image: bool,
    quote_depth: usize,
    /// One entry per open list: the next number for ordered lists, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// The marker of the item being built; taken by its first block so later blocks of the same
    /// item are indented without repeating it.
    item_marker: Option<String>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_metadata.is_some() => self.front_matter(&text),
            Event::Text(text) | Event::Code(text) => self.text.push_str(&text),
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak => self.text.push('\n'),
            Event::Rule | Event::Html(_) | Event::InlineHtml(_) => {}
            Event::FootnoteReference(name) => {
                self.text.push_str(&format!("[{name}]"));
            }
            Event::TaskListMarker(done) => self.text.push_str(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text.push_str(&text),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(level as u8);
            }
            Tag::Paragraph => self.flush(),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                self.in_code = matches!(kind, CodeBlockKind::Fenced(_) | CodeBlockKind::Indented);
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let marker = format!("{number}.");
                        *number += 1;
                        marker
                    }
                    _ => "•".to_owned(),
                };
                self.item_marker = Some(marker);
            }
            Tag::Image { .. } => {
                self.in_image = true;
                self.text.push_str("[image: ");
            }
            Tag::MetadataBlock(kind) => self.in_metadata = Some(kind),
            Tag::TableCell if !self.text.is_empty() && !self.text.ends_with('\n') => {
                self.text.push_str(" | ");
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::TableRow
            | TagEnd::TableHead => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Image => {
                self.in_image = false;
                self.text.push(']');
            }
            TagEnd::MetadataBlock(_) => self.in_metadata = None,
            _ => {}
        }
    }

    /// Ends the block being built, if it has any text.
    fn flush(&mut self) {
        let kind = if let Some(level) = self.heading.take() {
            BlockKind::Heading { level }
        } else if std::mem::take(&mut self.in_code) {
            BlockKind::Code
        } else if !self.lists.is_empty() {
            BlockKind::ListItem {
                depth: u8::try_from(self.lists.len() - 1).unwrap_or(u8::MAX),
                marker: self.item_marker.clone().unwrap_or_default(),
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        let text = std::mem::take(&mut self.text);
        let text = if kind == BlockKind::Code {
            text.trim_end_matches('\n').to_owned()
        } else {
            text.trim().to_owned()
        };
        if text.is_empty() {
            return;
        }
        if matches!(kind, BlockKind::ListItem { .. }) {
            // Only the item's first block shows the marker.
            self.item_marker = Some(String::new());
        }
        self.blocks.push(Block::new(kind, text));
    }

    /// Reads `key: value` (YAML) or `key = "value"` (TOML) lines for the fields folio shows.
    fn front_matter(&mut self, text: &str) {
        let separator = match self.in_metadata {
            Some(MetadataBlockKind::PlusesStyle) => '=',
            _ => ':',
        };
        for line in text.lines() {
            let Some((key, value)) = line.split_once(separator) else {
                continue;
            };
            let value = value.trim().trim_matches(['"', '\'']).trim();
            if value.is_empty() {
                continue;
            }
            let slot = match key.trim().to_ascii_lowercase().as_str() {
                "title" => &mut self.metadata.title,
                "author" | "byline" | "by" => &mut self.metadata.byline,
                "date" | "published" => &mut self.metadata.date,
                "source" | "site" | "site_name" => &mut self.metadata.source,
                _ => continue,
            };
            slot.get_or_insert_with(|| value.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_quotes() {
        let (blocks, _) = parse("# Title\n\nSome *emphasis* and `code`.\n\n> quoted\n> on.\n");
        assert_eq!(
            blocks,
            vec![
                Block::new(BlockKind::Heading { level: 1 }, "Title"),
                Block::paragraph("Some emphasis and code."),
                Block::new(BlockKind::Quote, "quoted on."),
            ]
        );
    }

    #[test]
    fn nested_and_numbered_lists() {
        let (blocks, _) = parse("1. one\n2. two\n   - inner\n");
        let kinds: Vec<_> = blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (
                    &BlockKind::ListItem {
                        depth: 0,
                        marker: "1.".into()
                    },
                    "one"
                ),
                (
                    &BlockKind::ListItem {
                        depth: 0,
                        marker: "2.".into()
                    },
                    "two"
                ),
                (
                    &BlockKind::ListItem {
                        depth: 1,
                        marker: "•".into()
                    },
                    "inner"
                ),
            ]
        );
    }

    #[test]
    fn code_blocks_keep_their_lines() {
        let (blocks, _) = parse("```rust\nfn main() {\n    x\n}\n```\n");
        assert_eq!(
            blocks,
            vec![Block::new(BlockKind::Code, "fn main() {\n    x\n}")]
        );
    }

    #[test]
    fn front_matter_fills_metadata_and_is_not_text() {
        let (blocks, meta) = parse(
            "---\ntitle: \"Front matter title\"\nauthor: Ada Lovelace\ndate: 1843-09-01\n---\n\nBody.\n",
        );
        assert_eq!(blocks, vec![Block::paragraph("Body.")]);
        assert_eq!(meta.title.as_deref(), Some("Front matter title"));
        assert_eq!(meta.byline.as_deref(), Some("Ada Lovelace"));
        assert_eq!(meta.date.as_deref(), Some("1843-09-01"));
    }

    #[test]
    fn images_read_as_their_alt_text() {
        let (blocks, _) = parse("![a red door](door.png)\n");
        assert_eq!(blocks, vec![Block::paragraph("[image: a red door]")]);
    }
}
