//! Plain text to blocks: paragraphs separated by blank lines; bullet lines, `>` quotes and indented
//! code recognised by their shape.
//!
//! Hard-wrapped prose is joined back into one paragraph so that the reader can wrap it to the pane.

use super::{Block, BlockKind};

/// Splits `text` into blocks. Never drops a non-blank line.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for paragraph in paragraphs(text) {
        parse_paragraph(&paragraph, &mut blocks);
    }
    blocks
}

/// Groups lines into paragraphs at blank (or whitespace-only) lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut result = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                result.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        result.push(current);
    }
    result
}

fn parse_paragraph(lines: &[&str], blocks: &mut Vec<Block>) {
    if lines.iter().all(|l| indent_of(l) >= 4) {
        let common = lines.iter().map(|l| indent_of(l)).min().unwrap_or(0);
        let code: Vec<&str> = lines.iter().map(|l| &l[common..]).collect();
        blocks.push(Block::new(BlockKind::Code, code.join("\n")));
    } else if lines.iter().all(|l| l.trim_start().starts_with('>')) {
        let text = join_lines(lines.iter().map(|l| {
            let rest = l.trim_start().trim_start_matches('>');
            rest.strip_prefix(' ').unwrap_or(rest)
        }));
        blocks.push(Block::new(BlockKind::Quote, text));
    } else if list_marker(lines[0]).is_some() {
        parse_list(lines, blocks);
    } else {
        blocks.push(Block::paragraph(join_lines(lines.iter().copied())));
    }
}

/// Each marked line starts an item; unmarked lines continue the item above them.
fn parse_list(lines: &[&str], blocks: &mut Vec<Block>) {
    for line in lines {
        match list_marker(line) {
            Some((marker, rest)) => {
                let depth = u8::try_from(indent_of(line) / 2).unwrap_or(u8::MAX);
                blocks.push(Block::new(
                    BlockKind::ListItem { depth, marker },
                    rest.trim(),
                ));
            }
            None => {
                // The first line always has a marker, so there is an item to continue.
                if let Some(item) = blocks.last_mut() {
                    item.text.push(' ');
                    item.text.push_str(line.trim());
                }
            }
        }
    }
}

/// The marker of a list line ("•", "-", "*", "1.", "2)") and the text after it.
pub fn list_marker(line: &str) -> Option<(String, &str)> {
    let trimmed = line.trim_start();
    for bullet in ['•', '-', '*', '+'] {
        if let Some(rest) = trimmed.strip_prefix(bullet)
            && rest.starts_with([' ', '\u{a0}'])
        {
            return Some(("•".to_owned(), rest));
        }
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &trimmed[digits..];
        for close in ['.', ')'] {
            if let Some(after) = rest.strip_prefix(close)
                && after.starts_with(' ')
            {
                return Some((format!("{}.", &trimmed[..digits]), after));
            }
        }
    }
    None
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Joins hard-wrapped lines with single spaces.
fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[Block]) -> Vec<&BlockKind> {
        blocks.iter().map(|b| &b.kind).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_wrapped_lines_join() {
        let blocks = parse("First line\nwrapped here.\n\n  \n\nSecond.\n");
        assert_eq!(
            blocks,
            vec![
                Block::paragraph("First line wrapped here."),
                Block::paragraph("Second.")
            ]
        );
    }

    #[test]
    fn bullets_become_list_items() {
        let blocks = parse("  • Ambassador\n  • Ukraine\n- dash item\n  continued");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].text, "Ambassador");
        assert_eq!(
            blocks[0].kind,
            BlockKind::ListItem {
                depth: 1,
                marker: "•".into()
            }
        );
        assert_eq!(blocks[2].text, "dash item continued");
    }

    #[test]
    fn numbered_items_keep_their_number() {
        let blocks = parse("1. one\n2) two");
        assert_eq!(
            blocks[1].kind,
            BlockKind::ListItem {
                depth: 0,
                marker: "2.".into()
            }
        );
        assert_eq!(blocks[1].text, "two");
    }

    #[test]
    fn quotes_and_code_are_recognised() {
        let blocks = parse("> quoted\n> text\n\n    fn main() {\n        body\n    }");
        assert_eq!(kinds(&blocks), vec![&BlockKind::Quote, &BlockKind::Code]);
        assert_eq!(blocks[0].text, "quoted text");
        assert_eq!(blocks[1].text, "fn main() {\n    body\n}");
    }

    #[test]
    fn a_number_in_prose_is_not_a_list() {
        let blocks = parse("2018 was a year.\n");
        assert_eq!(kinds(&blocks), vec![&BlockKind::Paragraph]);
    }

    #[test]
    fn empty_and_blank_text_gives_no_blocks() {
        assert!(parse("").is_empty());
        assert!(parse(" \n\n   \n").is_empty());
    }
}
