//! The article model: metadata plus a body of blocks, built from a file's text by a format parser.
//!
//! Everything here is pure. `Article::from_text` is the one entry point from the loader: it picks
//! the parser by format, cleans the blocks of saved-page debris, and sanitizes every string, so an
//! `Article` only ever holds text that is safe to draw.

pub mod build;
pub mod clean;
pub mod date;
pub mod html;
pub mod inline;
pub mod links;
pub mod mail;
pub mod markdown;
pub mod original;
pub mod plain;
pub mod table;

use std::ops::Range;

use serde::Serialize;

pub use original::{AS_WRITTEN_NOTE, Original};

use crate::sanitize::{sanitize_line, sanitize_owned, sanitize_with_map};

/// Words a person reads in a minute, for the reading-time estimate.
const WORDS_PER_MINUTE: usize = 230;

/// What a block of the body is; the reader styles each kind differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum BlockKind {
    /// A heading of level 1 (largest) to 6.
    Heading {
        level: u8,
    },
    Paragraph,
    /// Quoted text; `depth` 1 is quoted once (`>`), 2 a quote inside a quote (`> >`), and so on.
    Quote {
        depth: u8,
    },
    /// The signature of a mail or news post, after its `-- ` line: lines kept, shown dimmed.
    Signature,
    /// A list item; `depth` 0 is the outermost list, `marker` is "•" or "3.".
    ListItem {
        depth: u8,
        marker: Box<str>,
    },
    /// Preformatted text: shown with its own line breaks, never re-wrapped.
    Code,
}

/// How a stretch of a block's text is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkStyle {
    Emphasis,
    Strong,
    /// Inline code.
    Code,
    /// The text of a link (not its "[n]" marker).
    Link,
}

/// A styled stretch of a block: `range` is in bytes of `Block::text`, on character boundaries,
/// never empty, never starting or ending with whitespace. Marks may overlap (bold inside a link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub range: Range<usize>,
    pub style: MarkStyle,
}

/// One passage of the body: the unit the reader wraps, search reports and bookmarks anchor to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    pub text: String,
    /// Inline styles, sorted by start. Empty for plain text. Boxed, as the marker of a list
    /// item: a block is 64 bytes, not 80 (there are 200,000 of them in 50 MB of text).
    #[serde(skip_serializing_if = "<[Mark]>::is_empty")]
    pub marks: Box<[Mark]>,
}

// Kept this small on purpose (see `marks`): a change that grows it shows here.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Block>() == 64);

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
            marks: Box::default(),
        }
    }

    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::new(BlockKind::Paragraph, text)
    }
}

/// What a parser or the cleaner learned about an article besides its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub title_original: Option<String>,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    /// The address the article was saved from (a saved page's own, or the one folio recorded).
    pub url: Option<String>,
    /// Link addresses, numbered from 1 in this order by the "[n]" markers in the body; listed
    /// after the body once it is cleaned.
    pub links: Vec<String>,
    /// What the parser could not do as asked, for the person (see `Article::notes`).
    pub notes: Vec<String>,
}

/// What loader tests compare: the blocks' texts, and a block's marks with the text each covers.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{Block, MarkStyle};

    pub fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    pub fn marked(block: &Block) -> Vec<(&str, MarkStyle)> {
        block
            .marks
            .iter()
            .map(|m| (&block.text[m.range.clone()], m.style))
            .collect()
    }
}

/// The file formats folio reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Text,
    Markdown,
    /// A saved web page: folio extracts the article from it.
    Html,
    /// A mail or news message (`.eml`, a file of one post, a message of an mbox).
    Mail,
}

impl Format {
    /// The format for a file name's extension; `None` for files folio does not read.
    pub fn from_extension(extension: Option<&str>) -> Option<Format> {
        match extension.map(str::to_ascii_lowercase).as_deref() {
            None | Some("txt" | "text") => Some(Format::Text),
            Some("md" | "markdown") => Some(Format::Markdown),
            Some("html" | "htm") => Some(Format::Html),
            Some("eml" | "mbox" | "mbx") => Some(Format::Mail),
            _ => None,
        }
    }
}

/// A loaded article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable across runs: derived from where the article was loaded from.
    pub id: String,
    pub title: String,
    /// The title as the file wrote it, when cleaning changed it (a title in capitals).
    pub title_original: Option<String>,
    pub byline: Option<String>,
    /// ISO 8601 (`2018-06-18`) when the date could be read, the text as written otherwise.
    pub date: Option<String>,
    /// Where the article was published (a site name), when the file says.
    pub source: Option<String>,
    /// The web address it was saved from, when the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where it was loaded from: a path, or `bundled/<name>` for the built-in articles.
    pub path: String,
    pub format: Format,
    /// Words of the body, not counting the list of links at its end.
    pub word_count: usize,
    /// What folio could not do with this file as usual, in words for the person: "too large to
    /// extract the article; showing all its text". Shown by `folio list`/`show` on stderr.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip)]
    pub blocks: Vec<Block>,
    /// The whole decoded file, sanitized but otherwise as written, for the raw view: kept, or
    /// where to read it again.
    #[serde(skip)]
    pub original: Original,
    /// Link addresses, sanitized; the body's "[n]" marker stands for `links[n - 1]`.
    #[serde(skip)]
    pub links: Vec<String>,
}

impl Article {
    /// Builds an article from decoded text. `path` names it (and seeds its id); `fallback_title`
    /// is used when the text has no recognisable title (the file name, usually).
    /// Given the text by value (a loaded file's), plain text is kept without a copy.
    pub fn from_text(
        path: &str,
        fallback_title: &str,
        format: Format,
        text: impl Into<String>,
    ) -> Article {
        let text = sanitize_owned(text.into());
        let (blocks, meta) = match format {
            Format::Text | Format::Mail => plain::parse_document(&text),
            Format::Markdown => markdown::parse(&text),
            Format::Html => html::parse(&text),
        };
        Article::from_parts(path, fallback_title, format, text, (blocks, meta), true)
    }

    /// Builds an article from one mail or news message (see `mail`); `text` is the whole message
    /// decoded, kept for the raw view. A message `mail-parser` cannot read is read as plain text.
    pub fn from_message(
        path: &str,
        fallback_title: &str,
        bytes: &[u8],
        text: impl Into<String>,
    ) -> Article {
        match mail::parse(bytes) {
            // A message's text is not a saved page: `mail` cleans only the HTML part it reads.
            Some(parsed) => Article::from_parts(
                path,
                fallback_title,
                Format::Mail,
                sanitize_owned(text.into()),
                parsed,
                false,
            ),
            None => Article::from_text(path, fallback_title, Format::Text, text),
        }
    }

    /// The steps every format shares once its parser has run: sanitizing what the parser made,
    /// cleaning saved-page debris (when `clean`), cutting oversized blocks, the list of links,
    /// the metadata as one-line fields.
    fn from_parts(
        path: &str,
        fallback_title: &str,
        format: Format,
        text: String,
        (mut blocks, meta): (Vec<Block>, Metadata),
        clean: bool,
    ) -> Article {
        // Parsers decode entities ("&#27;" is ESC) and read attributes, so their output is
        // sanitized again; the cleaner then sees what the reader will show.
        blocks.iter_mut().for_each(sanitize_block);
        let (blocks, mut meta) = if clean {
            clean::clean(blocks, meta)
        } else {
            (blocks, meta)
        };
        let mut blocks = split_oversized_blocks(blocks);
        // Kept for as long as folio runs: the room parsers leave at the end of a text they built
        // by pushing (8% of the text on the generated corpus) is given back. glibc shrinks in
        // place, without a copy.
        for block in &mut blocks {
            block.text.shrink_to_fit();
        }
        // Never a silent empty page: a message or file with a title and no text says so in the
        // reader (and `r` shows what the file holds). Web pages say it their own way.
        if blocks.is_empty() && meta.notes.is_empty() {
            let what = if format == Format::Mail {
                "message"
            } else {
                "file"
            };
            meta.notes.push(format!("no text in this {what}"));
        }
        let one_line = |field: Option<String>| field.map(|s| meta_line(&s));
        let title = one_line(meta.title).unwrap_or_else(|| meta_line(fallback_title));
        let word_count = blocks.iter().map(|b| count_words(&b.text)).sum();
        let mut link_list = links::list_blocks(&meta.links);
        link_list.iter_mut().for_each(sanitize_block);
        blocks.extend(link_list);
        let links = meta.links.iter().map(|l| sanitize_line(l)).collect();
        Article {
            id: article_id(path),
            title,
            title_original: one_line(meta.title_original),
            byline: one_line(meta.byline),
            date: one_line(meta.date),
            source: one_line(meta.source),
            url: one_line(meta.url),
            path: sanitize_line(path),
            format,
            word_count,
            notes: meta.notes.iter().map(|n| sanitize_line(n)).collect(),
            blocks,
            original: Original::Kept(text),
            links,
        }
    }

    /// Minutes to read at an average pace, at least one for any non-empty article.
    pub fn reading_minutes(&self) -> usize {
        self.word_count.div_ceil(WORDS_PER_MINUTE)
    }

    /// "Anna Kireeva · 2018-06-18 · valdaiclub.com": the metadata that exists, in one line.
    pub fn meta_line(&self) -> String {
        [&self.byline, &self.date, &self.source]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// The most characters a title, byline, date or source keeps: front matter can hold a "title" of
/// megabytes, and every list row and every header would measure it each time it is drawn.
pub const MAX_META_CHARS: usize = 300;

/// A metadata field as it is shown: one sanitized line, cut with "…" past `MAX_META_CHARS`.
fn meta_line(text: &str) -> String {
    let mut line = sanitize_line(text);
    if let Some((cut, _)) = line.char_indices().nth(MAX_META_CHARS) {
        line.truncate(cut);
        line.push('…');
    }
    line
}

/// The most text one block holds. Longer "paragraphs" (a book saved as one line, a log) are cut
/// into pieces of about this size so that wrapping the piece on screen never costs more than a
/// frame; real paragraphs are far shorter.
pub const MAX_BLOCK_BYTES: usize = 16 * 1024;

/// Splits blocks longer than `MAX_BLOCK_BYTES`: prose after a sentence end or at a space, code at
/// a line break, anything at a character boundary as a last resort. List items keep their marker
/// on the first piece only.
fn split_oversized_blocks(blocks: Vec<Block>) -> Vec<Block> {
    if blocks.iter().all(|b| b.text.len() <= MAX_BLOCK_BYTES) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.text.len() <= MAX_BLOCK_BYTES {
            out.push(block);
            continue;
        }
        let text = block.text.as_str();
        let mut kind = block.kind.clone();
        let mut start = 0;
        while start < text.len() {
            let cut = start + split_point(&text[start..], &kind);
            let piece = text[start..cut].trim_end();
            let mut part = Block::new(kind.clone(), piece);
            // Inline marks go with the piece they fall in, shifted to its start.
            part.marks = block
                .marks
                .iter()
                .filter(|m| m.range.start >= start && m.range.end <= start + piece.len())
                .map(|m| Mark {
                    range: m.range.start - start..m.range.end - start,
                    style: m.style,
                })
                .collect();
            out.push(part);
            start = cut + (text[cut..].len() - text[cut..].trim_start().len());
            if let BlockKind::ListItem { marker, .. } = &mut kind {
                *marker = Box::default();
            }
        }
    }
    out
}

/// Where to end the next piece of an oversized block's `text`.
fn split_point(text: &str, kind: &BlockKind) -> usize {
    if text.len() <= MAX_BLOCK_BYTES {
        return text.len();
    }
    let mut limit = MAX_BLOCK_BYTES;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[..limit];
    let preferred = if matches!(kind, BlockKind::Code | BlockKind::Signature) {
        window.rfind('\n').map(|i| i + 1)
    } else {
        window
            .rfind(". ")
            .map(|i| i + 2)
            .filter(|&i| i > limit / 2)
            .or_else(|| window.rfind(' ').map(|i| i + 1))
    };
    preferred.filter(|&i| i > 0).unwrap_or(limit)
}

/// Sanitizes a block's text, moving its marks with the text they cover.
fn sanitize_block(block: &mut Block) {
    if let Some((text, map)) = sanitize_with_map(&block.text) {
        for mark in &mut block.marks {
            mark.range = map[mark.range.start]..map[mark.range.end];
        }
        block.text = text;
    }
}

/// Counts words the way a reader would: runs of non-space characters. CJK text has no spaces, so
/// each CJK character counts as a word, which is how reading speed is measured for those scripts.
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // ASCII 32 bytes at a time, without branches: most text is, and decoding each char was a
        // tenth of loading. A word starts at each non-space byte after a space.
        if let Some(chunk) = bytes.get(at..at + 32)
            && chunk.is_ascii()
        {
            let mut after_space = !in_word;
            for &byte in chunk {
                let space = is_ascii_space(byte);
                words += usize::from(after_space & !space);
                after_space = space;
            }
            in_word = !after_space;
            at += 32;
            continue;
        }
        let byte = bytes[at];
        if byte.is_ascii() {
            if is_ascii_space(byte) {
                in_word = false;
            } else if !in_word {
                words += 1;
                in_word = true;
            }
            at += 1;
            continue;
        }
        let Some(ch) = text[at..].chars().next() else {
            break;
        };
        at += ch.len_utf8();
        if is_wide_script(ch) {
            words += 1;
            in_word = false;
        } else if ch.is_whitespace() {
            in_word = false;
        } else if !in_word {
            words += 1;
            in_word = true;
        }
    }
    words
}

/// `char::is_whitespace` for ASCII: space, \t, \n, vertical tab, form feed, \r.
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

fn is_wide_script(ch: char) -> bool {
    matches!(ch as u32,
        0x3040..=0x30ff     // Hiragana, Katakana
        | 0x3400..=0x4dbf   // CJK Extension A
        | 0x4e00..=0x9fff   // CJK Unified Ideographs
        | 0xac00..=0xd7af   // Hangul syllables
        | 0xf900..=0xfaff) // CJK Compatibility Ideographs
}

/// A short, stable id: 48 bits of FNV-1a over the path, in hex. FNV because it is fixed forever
/// (std's hasher may change between releases, and ids are saved in bookmarks).
pub fn article_id(path: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", hash >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_by_spaces_and_cjk_by_character() {
        assert_eq!(count_words("  one two\tthree\n"), 3);
        assert_eq!(count_words("日本語 text"), 4);
        assert_eq!(count_words(""), 0);
        // Across the 32-byte steps of the ASCII path, and in and out of it.
        let long = "a bb  ccc\tdddd\n".repeat(9) + "日本 x" + &"word ".repeat(20);
        let by_chars = long.split_whitespace().count() + 2 - 1;
        assert_eq!(count_words(&long), by_chars);
        for cut in 0..long.len() {
            if long.is_char_boundary(cut) {
                let (a, b) = long.split_at(cut);
                let slow = |t: &str| {
                    t.split_whitespace()
                        .map(|w| {
                            let wide = w.chars().filter(|&c| is_wide_script(c)).count();
                            let rest = w.split(is_wide_script).filter(|p| !p.is_empty()).count();
                            wide + rest
                        })
                        .sum::<usize>()
                };
                assert_eq!(
                    (count_words(a), count_words(b)),
                    (slow(a), slow(b)),
                    "{cut}"
                );
            }
        }
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(article_id("a/b.txt"), article_id("a/b.txt"));
        assert_ne!(article_id("a/b.txt"), article_id("a/c.txt"));
        assert_eq!(article_id("x").len(), 12);
    }

    #[test]
    fn reading_time_rounds_up() {
        let mut article = Article::from_text("p", "t", Format::Text, "word");
        assert_eq!(article.reading_minutes(), 1);
        article.word_count = 0;
        assert_eq!(article.reading_minutes(), 0);
    }

    #[test]
    fn giant_paragraphs_are_cut_into_pieces_without_losing_text() {
        let sentence = "A sentence of several words. ";
        let text = format!("Title\n\n{}", sentence.repeat(2000));
        let article = Article::from_text("p", "t", Format::Text, &text);
        assert!(article.blocks.len() > 3);
        assert!(
            article
                .blocks
                .iter()
                .all(|b| b.text.len() <= MAX_BLOCK_BYTES)
        );
        assert!(article.blocks.iter().all(|b| b.text.ends_with('.')));
        let words: usize = article.blocks.iter().map(|b| count_words(&b.text)).sum();
        assert_eq!(words, 2000 * 5);
        let no_spaces = "x".repeat(40_000) + "é";
        let article = Article::from_text("p", "t", Format::Text, format!("T\n\n{no_spaces}"));
        let joined: String = article.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(joined, no_spaces);
    }

    #[test]
    fn huge_titles_stay_in_the_body_and_front_matter_is_cut() {
        let heading = "word ".repeat(100_000);
        let text = format!("# {heading}\n\nBody.\n");
        let article = Article::from_text("big.md", "big", Format::Markdown, &text);
        assert_eq!(article.title, "big");
        let words: usize = article.blocks.iter().map(|b| count_words(&b.text)).sum();
        assert_eq!(words, 100_001, "the heading is still read, in pieces");
        let front = format!(
            "---\ntitle: {}\nauthor: {}\n---\n\nBody.\n",
            "t".repeat(5000),
            "a".repeat(500)
        );
        let article = Article::from_text("front.md", "front", Format::Markdown, &front);
        assert_eq!(article.title.chars().count(), MAX_META_CHARS + 1);
        assert!(article.title.ends_with('…'));
        assert_eq!(article.byline.unwrap().chars().count(), MAX_META_CHARS + 1);
    }

    #[test]
    fn extensions_map_to_formats() {
        assert_eq!(Format::from_extension(None), Some(Format::Text));
        assert_eq!(Format::from_extension(Some("MD")), Some(Format::Markdown));
        assert_eq!(Format::from_extension(Some("HTM")), Some(Format::Html));
        assert_eq!(Format::from_extension(Some("pdf")), None);
    }

    #[test]
    fn entities_that_decode_to_controls_are_sanitized_with_their_marks() {
        let article = Article::from_text(
            "p.md",
            "t",
            Format::Markdown,
            "# T\n\nSee **bold&#27;[2J** and [link&#x9b;](https://x.example/&#7;).\n",
        );
        let body = &article.blocks[0];
        assert_eq!(body.text, "See bold^[[2J and link<U+009B>[1].");
        let marked: Vec<&str> = body
            .marks
            .iter()
            .map(|m| &body.text[m.range.clone()])
            .collect();
        assert_eq!(marked, vec!["bold^[[2J", "link<U+009B>"]);
        let links = article.blocks.last().unwrap();
        assert_eq!(links.text, "https://x.example/^G");
        for block in &article.blocks {
            assert!(crate::sanitize::is_terminal_safe(&block.text), "{block:?}");
        }
    }

    #[test]
    fn a_file_or_message_with_no_text_says_so() {
        let front_matter_only = "---\ntitle: Only a title\n---\n";
        let article = Article::from_text("p.md", "t", Format::Markdown, front_matter_only);
        assert_eq!(article.title, "Only a title");
        assert_eq!(article.notes, vec!["no text in this file"]);
        let empty_parts = "From: A <a@example.org>\nSubject: Lyrics\nMIME-Version: 1.0\n\
                           Content-Type: multipart/mixed; boundary=\"B\"\n\n--B\n\
                           Content-Type: text/plain\n\n\n--B--\n";
        let message = Article::from_message("m.eml", "m", empty_parts.as_bytes(), empty_parts);
        assert_eq!(message.title, "Lyrics");
        assert_eq!(message.notes, vec!["no text in this message"]);
        let text = Article::from_text("p.txt", "t", Format::Text, "Title\n\nBody.\n");
        assert!(text.notes.is_empty());
    }

    #[test]
    fn the_link_list_follows_the_body_and_is_not_counted() {
        let article = Article::from_text(
            "p.md",
            "t",
            Format::Markdown,
            "# T\n\nOne [two](https://a.example/).\n",
        );
        let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["One two[1].", "Links", "https://a.example/"]);
        assert_eq!(article.word_count, 2);
    }

    #[test]
    fn control_characters_never_reach_the_model() {
        let article = Article::from_text(
            "evil\x1b]0;pwned\x07.txt",
            "fallback",
            Format::Text,
            "Title\x1b[2J\n\nBody \u{9b}text\x07 here.",
        );
        let raw = article.original.kept().unwrap();
        for text in [article.title.as_str(), &article.path, raw] {
            assert!(crate::sanitize::is_terminal_safe(text), "{text:?}");
        }
        assert!(
            article
                .blocks
                .iter()
                .all(|b| crate::sanitize::is_terminal_safe(&b.text))
        );
    }
}
