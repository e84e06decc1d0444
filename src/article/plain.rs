//! Plain text to blocks, keeping the shapes a plain-text writer made with nothing but lines:
//! paragraphs at blank lines; quotes of mail and news with their depth, each level its own
//! block, and the attribution that introduces them on its own line; a signature after `-- `;
//! patches, tables, code, drawings and indented blocks line for line; lists; headings underlined
//! with `=` or `-`, rules and form feeds as breaks; and a Project Gutenberg book's header and
//! licence moved after the book.
//!
//! Only prose hard-wrapped at the text's width is joined again, so the reader can wrap it to the
//! pane; a line the writer broke on purpose stays a line. Each shape is a pure function over
//! lines in a module of its own; this one walks the lines once, so time grows with the text.

mod gutenberg;
mod preformatted;
mod quote;
mod reflow;
mod signature;

use super::build::SEPARATOR;
use super::{Block, BlockKind, Metadata};
use preformatted::indent_of;

/// How a form feed (a page break) reads once the text is sanitized.
const FORM_FEED: &str = "^L";

/// The heading over a Gutenberg book's header and licence, moved after the book.
pub const GUTENBERG_LICENCE: &str = "Project Gutenberg header and licence";

/// Splits `text` into blocks. Never drops a non-blank line.
pub fn parse(text: &str) -> Vec<Block> {
    let lines = split_page_breaks(text);
    let widths = reflow::Widths::measure(lines.iter().map(|l| quote::depth(l)));
    let mut blocks = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        if line.trim().is_empty() {
            index += 1;
            continue;
        }
        if line == FORM_FEED || rule_char(line).is_some() {
            push_separator(&mut blocks);
            index += 1;
            continue;
        }
        if let Some(end) = preformatted::patch_extent(&lines, index) {
            push_code(&lines[index..end], &mut blocks);
            index = end;
            continue;
        }
        if signature::starts_at(&lines, index) {
            let end = signature::end(&lines, index);
            let text: Vec<&str> = lines[index..end].iter().map(|l| l.trim_end()).collect();
            blocks.push(Block::new(BlockKind::Signature, text.join("\n")));
            index = end;
            continue;
        }
        // A paragraph: lines up to a blank line, a change of quote depth or another shape.
        let depth = quote::depth(line).0;
        let mut contents = Vec::new();
        let mut end = index;
        while end < lines.len() {
            let (line_depth, content) = quote::depth(lines[end]);
            let starts_other_shape = end > index
                && (lines[end] == FORM_FEED
                    || rule_char(lines[end]).is_some()
                    || signature::starts_at(&lines, end)
                    || preformatted::patch_extent(&lines, end).is_some());
            if line_depth != depth || content.trim().is_empty() || starts_other_shape {
                break;
            }
            contents.push(content);
            end += 1;
        }
        if contents.is_empty() {
            // A quote marker with nothing after it: a blank line inside a quote.
            index += 1;
            continue;
        }
        // A single line underlined with `=` or `-` about as long as itself is a heading, as in
        // Markdown and RFCs; a short `---` under a line is a break (git's before its diffstat).
        let underline = lines.get(end).and_then(|l| {
            let long_enough = |title: &str| l.trim().len() * 5 >= title.trim().chars().count() * 4;
            rule_char(l).filter(|_| contents.len() == 1 && long_enough(contents[0]))
        });
        if let ([title], 0, Some(mark @ ('=' | '-'))) = (contents.as_slice(), depth, underline) {
            let level = if mark == '=' { 1 } else { 2 };
            blocks.push(Block::new(BlockKind::Heading { level }, title.trim()));
            index = end + 1;
            continue;
        }
        push_paragraph(&contents, depth, widths.at(depth), &mut blocks);
        index = end;
    }
    while blocks.last().is_some_and(is_separator) {
        blocks.pop();
    }
    blocks
}

/// `parse` for a whole document: a Project Gutenberg book gives its title and author, and its
/// header and licence follow the book under a heading of their own.
pub fn parse_document(text: &str) -> (Vec<Block>, Metadata) {
    let Some(book) = gutenberg::split(text) else {
        return (parse(text), Metadata::default());
    };
    let mut blocks = parse(book.body);
    let licence: Vec<Block> = parse(book.front)
        .into_iter()
        .chain(parse(book.back))
        .collect();
    if !licence.is_empty() {
        blocks.push(Block::new(
            BlockKind::Heading { level: 2 },
            GUTENBERG_LICENCE,
        ));
        blocks.extend(licence);
    }
    let meta = Metadata {
        title: book.title,
        byline: book.author,
        ..Metadata::default()
    };
    (blocks, meta)
}

/// The lines of `text`, with a form feed that opens a line split off as a line of its own.
fn split_page_breaks(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(after) = rest.strip_prefix(FORM_FEED) {
            lines.push(FORM_FEED);
            rest = after;
        }
        if !rest.is_empty() || rest.len() == line.len() {
            lines.push(rest);
        }
    }
    lines
}

/// The character of a line that is a rule (`---`, `===`, `* * *`, `___`): three or more of one
/// of them, spaces between allowed, nothing else.
fn rule_char(line: &str) -> Option<char> {
    let mut marks = line.chars().filter(|c| *c != ' ');
    let first = marks.next().filter(|c| "-=*_~#".contains(*c))?;
    let mut count = 1;
    for mark in marks {
        if mark != first {
            return None;
        }
        count += 1;
    }
    (count >= 3).then_some(first)
}

fn is_separator(block: &Block) -> bool {
    block.kind == BlockKind::Paragraph && block.text == SEPARATOR
}

/// A page break: never first, never two in a row.
fn push_separator(blocks: &mut Vec<Block>) {
    if blocks.last().is_some_and(|b| !is_separator(b)) {
        blocks.push(Block::paragraph(SEPARATOR));
    }
}

/// Lines kept as they are, without the indentation they all share.
fn push_code(lines: &[&str], blocks: &mut Vec<Block>) {
    let common = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent_of(l))
        .min()
        .unwrap_or(0);
    let kept: Vec<&str> = lines
        .iter()
        .map(|l| l.get(common..).unwrap_or_default().trim_end())
        .collect();
    blocks.push(Block::new(BlockKind::Code, kept.join("\n")));
}

/// One paragraph of non-blank `lines` at quote `depth` (0: not quoted): an attribution at its end
/// goes on its own line; then it is a list, preformatted, verse or lines kept, or prose joined.
fn push_paragraph(lines: &[&str], depth: usize, width: usize, blocks: &mut Vec<Block>) {
    let attribution = quote::attribution_start(lines);
    let (body, attribution) = lines.split_at(attribution);
    if !body.is_empty() {
        push_shaped(body, depth, width, blocks);
    }
    if !attribution.is_empty() {
        let kind = kind_at(depth);
        blocks.push(Block::new(kind, join_lines(attribution.iter().copied())));
    }
}

fn kind_at(depth: usize) -> BlockKind {
    match depth {
        0 => BlockKind::Paragraph,
        depth => BlockKind::Quote {
            depth: u8::try_from(depth).unwrap_or(u8::MAX),
        },
    }
}

fn push_shaped(lines: &[&str], depth: usize, width: usize, blocks: &mut Vec<Block>) {
    if preformatted::is_preformatted(lines) {
        if depth == 0 {
            push_code(lines, blocks);
        } else {
            let kept: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
            blocks.push(Block::new(kind_at(depth), kept.join("\n")));
        }
        return;
    }
    if depth == 0
        && let Some(first_item) = lines.iter().position(|l| list_marker(l).is_some())
    {
        if first_item > 0 {
            push_shaped(&lines[..first_item], depth, width, blocks);
        }
        parse_list(&lines[first_item..], blocks);
        return;
    }
    let text = if reflow::is_hard_wrapped(lines, width) {
        join_lines(lines.iter().copied())
    } else {
        let kept: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
        kept.join("\n")
    };
    blocks.push(Block::new(kind_at(depth), text));
}

/// Each marked line starts an item; unmarked lines continue the item above them (a hanging
/// indent).
fn parse_list(lines: &[&str], blocks: &mut Vec<Block>) {
    for line in lines {
        match list_marker(line) {
            Some((marker, rest)) => {
                let depth = u8::try_from(indent_of(line) / 2).unwrap_or(u8::MAX);
                blocks.push(Block::new(
                    BlockKind::ListItem {
                        depth,
                        marker: marker.into(),
                    },
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
mod tests;
