//! The bytes of a cache file, and nothing else: pure encoding and decoding, never the disk.
//!
//! ```text
//! "folio-cache\n"  u32 schema  str stamp  str root  u64 body length  u32 CRC-32 of the body
//! body: entries, one per file, each  u32 length  str identity  u64 size  i64 s  u32 ns  str stem
//!                                    u32 length of the articles  u32 articles  article...  str raw...
//! article: str path suffix, id, title; 5 optional fields; u8 format; u64 words; notes; links;
//!          blocks (u8 kind [level|depth [marker]], text, marks (u32 start, u32 end, u8 style))
//! ```
//! Integers are little-endian, a `str` is a u32 length and UTF-8. Each entry says its length, so
//! the index of a file reads only the entries' heads, and an entry whose file has not changed is
//! copied into the next cache file as it is. The articles' raw texts come after all of them, so
//! a search can ask the articles' own text for a word before decoding any (`Entry::may_hold`). Nothing read is trusted: a length past the end, a
//! string that is not UTF-8 or would not come out of `sanitize` unchanged, a mark outside its
//! text or between the bytes of a character, an unknown tag: each makes the read fail, and the
//! caller parses the file instead.

use std::collections::HashMap;

use crate::article::{Article, Block, BlockKind, Format, Mark, MarkStyle};
use crate::sanitize::is_all_plain;

const MAGIC: &[u8] = b"folio-cache\n";

/// Bumped whenever the layout or the meaning of what is stored changes: a file with another
/// number is not read.
pub const SCHEMA: u32 = 2;

/// When a file was last changed, as the walk's `stat` said: seconds and nanoseconds since 1970.
pub type Modified = (i64, u32);

/// What a cached entry was made from: a file at `identity` of this size and modification time,
/// named with this stem (the fallback title comes from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<'a> {
    pub identity: &'a str,
    pub size: u64,
    pub modified: Modified,
    pub stem: &'a str,
}

/// One file's entry in a cache file: its key and its articles, still encoded.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub key: Key<'a>,
    /// The whole entry as stored, length included: what a new cache file copies.
    pub bytes: &'a [u8],
    /// The encoded articles.
    articles: &'a [u8],
    /// Their raw texts, one `str` each.
    raws: &'a [u8],
}

impl<'a> Entry<'a> {
    /// The entry's articles, each with its path: `shown_path` (the file as the person named it
    /// this time) and what the entry stored after it (`#3` for a message of an mbox). The raw
    /// text is left empty unless `raw`. `None` when the bytes are not what `encode_entry` wrote.
    pub fn articles(&self, shown_path: &str, raw: bool) -> Option<Vec<Article>> {
        let mut reader = Reader {
            bytes: self.articles,
        };
        let count = reader.u32()? as usize;
        // A count is not trusted with an allocation: each article takes far more than a byte.
        let mut articles = Vec::with_capacity(count.min(self.articles.len()));
        for _ in 0..count {
            articles.push(reader.article(shown_path)?);
        }
        if !reader.bytes.is_empty() {
            return None;
        }
        if raw {
            let mut raws = Reader { bytes: self.raws };
            for article in &mut articles {
                article.raw = raws.plain()?;
            }
            if !raws.bytes.is_empty() {
                return None;
            }
        }
        Some(articles)
    }

    /// False when `holds` says the articles' stored text (every string of them but the raw
    /// texts: titles, blocks, links, notes) lacks what it asks for: then no block of theirs has it.
    pub fn may_hold(&self, holds: impl Fn(&[u8]) -> bool) -> bool {
        holds(self.articles)
    }
}

/// The head of a cache file and its body, checked: the right magic, schema, stamp and root, the
/// body as long as the head says, its checksum right. `None` otherwise.
pub fn body<'a>(file: &'a [u8], stamp: &str, root: &str) -> Option<&'a [u8]> {
    let mut reader = Reader {
        bytes: file.strip_prefix(MAGIC)?,
    };
    if reader.u32()? != SCHEMA || reader.str()? != stamp || reader.str()? != root {
        return None;
    }
    let length = usize::try_from(reader.u64()?).ok()?;
    let checksum = reader.u32()?;
    let body = reader.bytes;
    (body.len() == length && crc32fast::hash(body) == checksum).then_some(body)
}

/// The entries of a checked body, by identity. `None` when any is malformed.
pub fn index(body: &[u8]) -> Option<HashMap<&str, Entry<'_>>> {
    let mut reader = Reader { bytes: body };
    let mut entries = HashMap::new();
    while !reader.bytes.is_empty() {
        let start = reader.bytes;
        let length = reader.u32()? as usize;
        let mut inside = Reader {
            bytes: reader.take(length)?,
        };
        let bytes = &start[..4 + length];
        let key = Key {
            identity: inside.str()?,
            size: inside.u64()?,
            modified: (inside.u64()? as i64, inside.u32()?),
            stem: inside.str()?,
        };
        let length = inside.u32()? as usize;
        let articles = inside.take(length)?;
        entries.insert(
            key.identity,
            Entry {
                key,
                bytes,
                articles,
                raws: inside.bytes,
            },
        );
    }
    Some(entries)
}

/// A whole cache file: the head, then the entries as given (from `encode_entry`, or copied).
pub fn file<'a>(
    stamp: &str,
    root: &str,
    entries: impl Iterator<Item = &'a [u8]> + Clone,
) -> Vec<u8> {
    let length: usize = entries.clone().map(<[u8]>::len).sum();
    let mut checksum = crc32fast::Hasher::new();
    entries.clone().for_each(|entry| checksum.update(entry));
    let mut out = Writer(Vec::with_capacity(length + 64 + stamp.len() + root.len()));
    out.0.extend_from_slice(MAGIC);
    out.u32(SCHEMA);
    out.str(stamp);
    out.str(root);
    out.u64(length as u64);
    out.u32(checksum.finalize());
    entries.for_each(|entry| out.0.extend_from_slice(entry));
    out.0
}

/// One file's entry, or `None` when its articles cannot be stored as they are: a path that does
/// not start with `shown_path`, or text `sanitize` would change (a byte-order mark at the start
/// of a file is kept by it, and would fail the check on the way back).
pub fn encode_entry(key: &Key, shown_path: &str, articles: &[Article]) -> Option<Vec<u8>> {
    let mut out = Writer(Vec::new());
    out.u32(0); // the length, filled in at the end
    out.str(key.identity);
    out.u64(key.size);
    out.u64(key.modified.0 as u64);
    out.u32(key.modified.1);
    out.str(key.stem);
    let start = out.0.len();
    out.u32(0); // the length of the articles, filled in below
    out.u32(u32::try_from(articles.len()).ok()?);
    for article in articles {
        out.article(article, article.path.strip_prefix(shown_path)?)?;
    }
    let articles_length = u32::try_from(out.0.len() - start - 4).ok()?;
    out.0[start..start + 4].copy_from_slice(&articles_length.to_le_bytes());
    for article in articles {
        out.plain(&article.raw)?;
    }
    let length = u32::try_from(out.0.len() - 4).ok()?;
    out.0[..4].copy_from_slice(&length.to_le_bytes());
    Some(out.0)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, value: u8) {
        self.0.push(value);
    }

    fn u32(&mut self, value: u32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn u64(&mut self, value: u64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    /// Lengths fit a u32: a file is at most 64 MB (`corpus::MAX_FILE_BYTES`).
    fn str(&mut self, text: &str) {
        self.u32(text.len() as u32);
        self.0.extend_from_slice(text.as_bytes());
    }

    /// A string that reads back: `None` for one the reader would refuse.
    fn plain(&mut self, text: &str) -> Option<()> {
        if !is_all_plain(text) || u32::try_from(text.len()).is_err() {
            return None;
        }
        self.str(text);
        Some(())
    }

    fn optional(&mut self, text: Option<&String>) -> Option<()> {
        match text {
            None => self.u8(0),
            Some(text) => {
                self.u8(1);
                self.plain(text)?;
            }
        }
        Some(())
    }

    fn list(&mut self, texts: &[String]) -> Option<()> {
        self.u32(texts.len() as u32);
        texts.iter().try_for_each(|text| self.plain(text))
    }

    fn article(&mut self, article: &Article, path_suffix: &str) -> Option<()> {
        self.plain(path_suffix)?;
        self.plain(&article.id)?;
        self.plain(&article.title)?;
        for field in [
            &article.title_original,
            &article.byline,
            &article.date,
            &article.source,
            &article.url,
        ] {
            self.optional(field.as_ref())?;
        }
        self.u8(match article.format {
            Format::Text => 0,
            Format::Markdown => 1,
            Format::Html => 2,
            Format::Mail => 3,
        });
        self.u64(article.word_count as u64);
        self.list(&article.notes)?;
        self.list(&article.links)?;
        self.u32(article.blocks.len() as u32);
        article
            .blocks
            .iter()
            .try_for_each(|block| self.block(block))
    }

    fn block(&mut self, block: &Block) -> Option<()> {
        match &block.kind {
            BlockKind::Heading { level } => {
                self.u8(0);
                self.u8(*level);
            }
            BlockKind::Paragraph => self.u8(1),
            BlockKind::Quote { depth } => {
                self.u8(2);
                self.u8(*depth);
            }
            BlockKind::Signature => self.u8(3),
            BlockKind::ListItem { depth, marker } => {
                self.u8(4);
                self.u8(*depth);
                self.plain(marker)?;
            }
            BlockKind::Code => self.u8(5),
        }
        self.plain(&block.text)?;
        self.u32(block.marks.len() as u32);
        for mark in &block.marks {
            self.u32(u32::try_from(mark.range.start).ok()?);
            self.u32(u32::try_from(mark.range.end).ok()?);
            self.u8(match mark.style {
                MarkStyle::Emphasis => 0,
                MarkStyle::Strong => 1,
                MarkStyle::Code => 2,
                MarkStyle::Link => 3,
            });
        }
        Some(())
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        if count > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(count);
        self.bytes = rest;
        Some(taken)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn str(&mut self) -> Option<&'a str> {
        let length = self.u32()? as usize;
        std::str::from_utf8(self.take(length)?).ok()
    }

    /// A string as the screen may show it: only what `sanitize` leaves as it is.
    fn plain(&mut self) -> Option<String> {
        let text = self.str()?;
        is_all_plain(text).then(|| text.to_owned())
    }

    fn optional(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.plain().map(Some),
            _ => None,
        }
    }

    fn list(&mut self) -> Option<Vec<String>> {
        let count = self.u32()? as usize;
        let mut texts = Vec::with_capacity(count.min(self.bytes.len() / 4));
        for _ in 0..count {
            texts.push(self.plain()?);
        }
        Some(texts)
    }

    /// An article, its raw text left empty.
    fn article(&mut self, shown_path: &str) -> Option<Article> {
        let path = format!("{shown_path}{}", self.plain()?);
        let id = self.plain()?;
        let title = self.plain()?;
        let title_original = self.optional()?;
        let byline = self.optional()?;
        let date = self.optional()?;
        let source = self.optional()?;
        let url = self.optional()?;
        let format = match self.u8()? {
            0 => Format::Text,
            1 => Format::Markdown,
            2 => Format::Html,
            3 => Format::Mail,
            _ => return None,
        };
        let word_count = usize::try_from(self.u64()?).ok()?;
        let notes = self.list()?;
        let links = self.list()?;
        let count = self.u32()? as usize;
        let mut blocks = Vec::with_capacity(count.min(self.bytes.len() / 6));
        for _ in 0..count {
            blocks.push(self.block()?);
        }
        Some(Article {
            id,
            title,
            title_original,
            byline,
            date,
            source,
            url,
            path,
            format,
            word_count,
            notes,
            blocks,
            raw: String::new(),
            links,
        })
    }

    fn block(&mut self) -> Option<Block> {
        let kind = match self.u8()? {
            0 => BlockKind::Heading {
                level: Some(self.u8()?).filter(|level| (1..=6).contains(level))?,
            },
            1 => BlockKind::Paragraph,
            2 => BlockKind::Quote { depth: self.u8()? },
            3 => BlockKind::Signature,
            4 => BlockKind::ListItem {
                depth: self.u8()?,
                marker: self.plain()?,
            },
            5 => BlockKind::Code,
            _ => return None,
        };
        let text = self.plain()?;
        let count = self.u32()? as usize;
        let mut marks = Vec::with_capacity(count.min(self.bytes.len() / 9));
        for _ in 0..count {
            let start = self.u32()? as usize;
            let end = self.u32()? as usize;
            let style = match self.u8()? {
                0 => MarkStyle::Emphasis,
                1 => MarkStyle::Strong,
                2 => MarkStyle::Code,
                3 => MarkStyle::Link,
                _ => return None,
            };
            // Drawing slices the text by these: a bad range would panic there.
            if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return None;
            }
            marks.push(Mark {
                range: start..end,
                style,
            });
        }
        Some(Block { kind, text, marks })
    }
}

#[cfg(test)]
mod tests;
