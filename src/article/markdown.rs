//! Markdown to blocks with pulldown-cmark: headings, paragraphs, quotes, (nested) lists, code,
//! tables, rules, and YAML/TOML front matter as metadata.
//!
//! Inline markup becomes style marks on the text (emphasis, strong, code, links); links read as
//! "text[n]" with their addresses listed at the end; images read as "[image: alt]". The block
//! rules are shared with HTML in `build`, tables in `table`.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::build::Builder;
use super::{Block, MarkStyle, Metadata, table};

/// Parses Markdown `text` into blocks and whatever metadata its front matter gives.
pub fn parse(text: &str) -> (Vec<Block>, Metadata) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut reader = Reader::default();
    for event in Parser::new_ext(text, options) {
        reader.event(event);
    }
    let (blocks, links) = reader.builder.finish();
    let mut metadata = reader.metadata;
    metadata.links = links;
    (blocks, metadata)
}

/// Translates pulldown-cmark's events into `Builder` calls.
#[derive(Default)]
struct Reader {
    builder: Builder,
    metadata: Metadata,
    in_metadata: Option<MetadataBlockKind>,
    /// The rows of the table being read, and how many of them are its header.
    table: Option<(Vec<Vec<String>>, usize)>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        let builder = &mut self.builder;
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_metadata.is_some() => self.front_matter(&text),
            Event::Text(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                builder.text(&text);
            }
            Event::Code(text) => builder.code_span(&text),
            Event::SoftBreak => builder.text(" "),
            Event::HardBreak => builder.hard_break(),
            Event::Rule => builder.separator(),
            Event::InlineHtml(html) if is_line_break(&html) => builder.hard_break(),
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::FootnoteReference(name) => builder.text(&format!("[{name}]")),
            Event::TaskListMarker(done) => builder.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let builder = &mut self.builder;
        match tag {
            Tag::Heading { level, .. } => builder.start_heading(level as u8),
            Tag::Paragraph => builder.flush(),
            Tag::BlockQuote(_) => builder.start_quote(),
            Tag::CodeBlock(_) => builder.start_code(),
            Tag::List(first) => builder.start_list(first),
            Tag::Item => builder.start_item(),
            Tag::Emphasis => builder.open_mark(MarkStyle::Emphasis),
            Tag::Strong => builder.open_mark(MarkStyle::Strong),
            Tag::Link { dest_url, .. } => builder.start_link(&dest_url),
            Tag::Image { .. } => builder.start_image(),
            Tag::MetadataBlock(kind) => self.in_metadata = Some(kind),
            Tag::Table(_) => {
                builder.flush();
                self.table = Some((Vec::new(), 0));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some((rows, _)) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            // Whatever came before the cell is not part of it.
            Tag::TableCell => drop(builder.take_text()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let builder = &mut self.builder;
        match tag {
            TagEnd::Heading(_) => builder.end_heading(),
            TagEnd::Paragraph => builder.flush(),
            TagEnd::BlockQuote(_) => builder.end_quote(),
            TagEnd::CodeBlock => builder.end_code(),
            TagEnd::List(_) => builder.end_list(),
            TagEnd::Item => builder.end_item(),
            TagEnd::Emphasis => builder.close_mark(MarkStyle::Emphasis),
            TagEnd::Strong => builder.close_mark(MarkStyle::Strong),
            TagEnd::Link => builder.end_link(),
            TagEnd::Image => builder.end_image(),
            TagEnd::MetadataBlock(_) => self.in_metadata = None,
            TagEnd::TableCell => {
                let cell = builder.take_text();
                if let Some(row) = self.table.as_mut().and_then(|(rows, _)| rows.last_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some((rows, header_rows)) = &mut self.table {
                    *header_rows = rows.len();
                }
            }
            TagEnd::Table => {
                if let Some((rows, header_rows)) = self.table.take() {
                    builder.push_blocks(table::blocks(&rows, header_rows));
                }
            }
            _ => {}
        }
    }

    /// Reads `key: value` (YAML) or `key = "value"` (TOML) lines for the fields folio shows. A
    /// YAML key with no value takes the first item of the list under it (`author:` / `- Ada`).
    fn front_matter(&mut self, text: &str) {
        let separator = match self.in_metadata {
            Some(MetadataBlockKind::PlusesStyle) => '=',
            _ => ':',
        };
        let mut list_key: Option<String> = None;
        for line in text.lines() {
            let (key, value) = match line.split_once(separator) {
                Some((key, value)) if !key.trim_start().starts_with('-') => {
                    (key.trim().to_ascii_lowercase(), value)
                }
                _ => match (&list_key, line.trim_start().strip_prefix("- ")) {
                    (Some(key), Some(item)) => (key.clone(), item),
                    _ => continue,
                },
            };
            let value = value.trim();
            // An inline list (`authors = ["Ada", "Bob"]`): its first item.
            let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                Some(items) => items.split(',').next().unwrap_or_default(),
                None => value,
            };
            let value = value.trim().trim_matches(['"', '\'']).trim();
            if value.is_empty() {
                list_key = Some(key);
                continue;
            }
            list_key = None;
            let slot = match key.as_str() {
                "title" => &mut self.metadata.title,
                "author" | "authors" | "byline" | "by" => &mut self.metadata.byline,
                "date" | "published" => &mut self.metadata.date,
                "source" | "site" | "site_name" => &mut self.metadata.source,
                _ => continue,
            };
            slot.get_or_insert_with(|| value.to_owned());
        }
    }
}

fn is_line_break(html: &str) -> bool {
    let tag = html.trim().to_ascii_lowercase();
    matches!(tag.as_str(), "<br>" | "<br/>" | "<br />")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;
    use crate::article::test_support::{marked, texts};

    #[test]
    fn headings_paragraphs_and_quotes() {
        let (blocks, _) = parse("# Title\n\nSome *emphasis* and `code`.\n\n> quoted\n> on.\n");
        let kinds: Vec<_> = blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (&BlockKind::Heading { level: 1 }, "Title"),
                (&BlockKind::Paragraph, "Some emphasis and code."),
                (&BlockKind::Quote { depth: 1 }, "quoted on."),
            ]
        );
    }

    #[test]
    fn headings_keep_their_level() {
        let (blocks, _) = parse("# One\n\n### Three\n\n###### Six\n");
        let levels: Vec<_> = blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(
            levels,
            [1, 3, 6].map(|level| BlockKind::Heading { level }).to_vec()
        );
    }

    #[test]
    fn inline_styles_become_marks() {
        let (blocks, _) = parse("Plain *soft* and **loud** with `x + 1` and ***both***.\n");
        assert_eq!(blocks[0].text, "Plain soft and loud with x + 1 and both.");
        assert_eq!(
            marked(&blocks[0]),
            vec![
                ("soft", MarkStyle::Emphasis),
                ("loud", MarkStyle::Strong),
                ("x + 1", MarkStyle::Code),
                ("both", MarkStyle::Strong),
                ("both", MarkStyle::Emphasis),
            ]
        );
    }

    #[test]
    fn marks_in_headings_and_list_items() {
        let (blocks, _) = parse("## A *fine* day\n\n- an **item**\n");
        assert_eq!(marked(&blocks[0]), vec![("fine", MarkStyle::Emphasis)]);
        assert_eq!(marked(&blocks[1]), vec![("item", MarkStyle::Strong)]);
    }

    #[test]
    fn links_are_numbered_and_listed() {
        let (blocks, meta) = parse(
            "See [the ministry](https://gov.example/a) and [its *report*](https://gov.example/r), \
             [again](https://gov.example/a), [top](#top), <https://example.org>.\n",
        );
        assert_eq!(
            blocks[0].text,
            "See the ministry[1] and its report[2], again[1], top, https://example.org."
        );
        assert_eq!(
            marked(&blocks[0]),
            vec![
                ("the ministry", MarkStyle::Link),
                ("its report", MarkStyle::Link),
                ("report", MarkStyle::Emphasis),
                ("again", MarkStyle::Link),
                ("top", MarkStyle::Link),
                ("https://example.org", MarkStyle::Link),
            ]
        );
        assert_eq!(
            meta.links,
            vec!["https://gov.example/a", "https://gov.example/r"]
        );
    }

    #[test]
    fn tables_are_aligned() {
        let (blocks, _) = parse(
            "Before.\n\n| Item | Price |\n|---|--:|\n| Tea | 2 |\n| Café au lait | 3.50 |\n\nAfter.\n",
        );
        assert_eq!(texts(&blocks)[0], "Before.");
        assert_eq!(blocks[1].kind, BlockKind::Code);
        assert_eq!(
            blocks[1].text,
            "Item         │ Price\n─────────────┼──────\nTea          │ 2\nCafé au lait │ 3.50"
        );
        assert_eq!(texts(&blocks)[2], "After.");
    }

    #[test]
    fn rules_are_separators() {
        let (blocks, _) = parse("One.\n\n---\n\nTwo.\n\n***\n");
        assert_eq!(texts(&blocks), vec!["One.", "* * *", "Two."]);
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
    fn toml_front_matter_and_yaml_lists() {
        let (blocks, meta) = parse(
            "+++\ntitle = \"Plus style\"\nauthors = [\"Grace Hopper\", \"Ada\"]\ndate = 2019-04-05T10:00:00Z\n+++\n\nBody.\n",
        );
        assert_eq!(texts(&blocks), vec!["Body."]);
        assert_eq!(meta.title.as_deref(), Some("Plus style"));
        assert_eq!(meta.byline.as_deref(), Some("Grace Hopper"));
        assert_eq!(meta.date.as_deref(), Some("2019-04-05T10:00:00Z"));
        let (_, meta) =
            parse("---\nauthor:\n  - Edsger Dijkstra\n  - Someone Else\n---\n\nBody.\n");
        assert_eq!(meta.byline.as_deref(), Some("Edsger Dijkstra"));
    }

    #[test]
    fn front_matter_fills_metadata_and_is_not_text() {
        let (blocks, meta) = parse(
            "---\ntitle: \"Front matter title\"\nauthor: Ada Lovelace\ndate: 1843-09-01\n---\n\nBody.\n",
        );
        assert_eq!(texts(&blocks), vec!["Body."]);
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
