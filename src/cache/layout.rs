//! The bytes of a cache file, and nothing else: pure encoding and decoding, never the disk.
//!
//! ```text
//! head:     "folio-cache\n"  u32 schema  str stamp  str root
//!           u64 length and u32 CRC-32 of the entries, u64 length and u32 CRC-32 of the originals
//! entries:  one per file: u32 length  str identity  u64 size  i64 s  u32 ns  str stem
//!           u8 filterable  u32 length of its originals  u32 articles  article...
//! article:  str path suffix, id, title; 5 optional fields; u8 format; u64 words; notes; links;
//!           blocks (u8 kind [level|depth [marker]], text, marks (u32 start, u32 end, u8 style))
//! originals: each entry's, in the entries' order, per article where its text is for the raw
//!           view: u32 message number in an mbox (0: a file of one article), u64 digest of the
//!           text it was made from (`Original::File`; the file's path is the entry's own)
//! ```
//! Integers are little-endian, a `str` is a u32 length and UTF-8. The originals come last, with
//! their own checksum, so `list` and `search`, which never show the file as it is, do not read
//! them. Each entry says its length, so the index of a file reads only the entries'
//! heads, and an entry whose file has not changed is copied into the next cache file as it is;
//! its articles' strings are one run of bytes, so a search can look for a word in them before
//! decoding any (`Entry::may_hold`). Nothing read is trusted: a length past the end, a string
//! that is not UTF-8 or would not come out of `sanitize` unchanged, a mark outside its text or
//! between the bytes of a character, an unknown tag: each makes the read fail, and the caller
//! parses the file instead.

use std::ops::Range;
use std::path::Path;

use foldhash::{HashMap, HashMapExt};

use crate::article::{Article, Block, BlockKind, Format, Mark, MarkStyle, Original};
use crate::sanitize::is_all_plain;

const MAGIC: &[u8] = b"folio-cache\n";

/// Bumped whenever the layout or the meaning of what is stored changes: a file with another
/// number is not read.
pub const SCHEMA: u32 = 5;

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

/// What the head of a cache file says: where its two sections are and their checksums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    /// The bytes of the head itself: the entries start here.
    pub length: usize,
    pub entries: Section,
    pub originals: Section,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub length: usize,
    checksum: u32,
}

impl Section {
    /// Whether `bytes` are this section, whole and unchanged.
    pub fn holds(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.length && crc32fast::hash(bytes) == self.checksum
    }
}

/// The head at the start of `file` (which may go on past it), when it has the right magic,
/// schema, stamp and root. `None` otherwise, or when `file` ends before the head does.
pub fn head(file: &[u8], stamp: &str, root: &str) -> Option<Head> {
    let mut reader = Reader {
        bytes: file.strip_prefix(MAGIC)?,
    };
    if reader.u32()? != SCHEMA || reader.str()? != stamp || reader.str()? != root {
        return None;
    }
    let mut section = || -> Option<Section> {
        Some(Section {
            length: usize::try_from(reader.u64()?).ok()?,
            checksum: reader.u32()?,
        })
    };
    let (entries, originals) = (section()?, section()?);
    Some(Head {
        length: file.len() - reader.bytes.len(),
        entries,
        originals,
    })
}

impl Head {
    /// The bytes of the whole file.
    pub fn file_length(&self) -> u64 {
        (self.length + self.entries.length + self.originals.length) as u64
    }
}

/// The most bytes a head takes: its fields, the stamp and the root (a path, at most 4 KB).
pub const MAX_HEAD: usize = 8 * 1024;

/// One file's entry in a cache file: its key and its articles, still encoded.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub key: Key<'a>,
    /// The whole entry as stored, length included: what a new cache file copies.
    pub bytes: &'a [u8],
    /// The encoded articles.
    articles: &'a [u8],
    /// Where its originals are in the section of originals.
    pub originals: Range<usize>,
    /// The file is plain text that `corpus::TextFilter` is asked about (its one article's raw
    /// text is the file's): a search without the cache passes it over unparsed when the filter
    /// refuses it, and says nothing.
    pub filterable: bool,
}

impl Entry<'_> {
    /// The entry's articles, each with its path: `shown_path` (the file as the person named it
    /// this time) and what the entry stored after it (`#3` for a message of an mbox). With the
    /// file as the loader opens it and the section of originals, each knows where its text is
    /// for the raw view; without, that is left empty. `None` when the bytes are not what
    /// `encode_entry` wrote.
    pub fn articles(
        &self,
        shown_path: &str,
        originals: Option<(&Path, &[u8])>,
    ) -> Option<Vec<Article>> {
        self.decode(shown_path, originals, true)
    }

    /// `articles` without their bodies: no blocks (`folio list` shows none), skipped over
    /// unread, as their originals are.
    pub fn headers(&self, shown_path: &str) -> Option<Vec<Article>> {
        self.decode(shown_path, None, false)
    }

    fn decode(
        &self,
        shown_path: &str,
        originals: Option<(&Path, &[u8])>,
        bodies: bool,
    ) -> Option<Vec<Article>> {
        let mut reader = Reader {
            bytes: self.articles,
        };
        let count = reader.u32()? as usize;
        // A count is not trusted with an allocation: each article takes far more than a byte.
        let mut articles = Vec::with_capacity(count.min(self.articles.len()));
        for _ in 0..count {
            articles.push(reader.article(shown_path, bodies)?);
        }
        if !reader.bytes.is_empty() {
            return None;
        }
        if let Some((file, originals)) = originals {
            let mut originals = Reader {
                bytes: originals.get(self.originals.clone())?,
            };
            for article in &mut articles {
                let message = originals.u32()? as usize;
                article.original = Original::File {
                    path: file.to_path_buf(),
                    message: (message > 0).then_some(message),
                    digest: originals.u64()?,
                };
            }
            if !originals.bytes.is_empty() {
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

/// The entries of a checked section of entries, by identity, given the length of the section
/// of originals. `None` when any is malformed, or the originals they count do not add up to it.
pub fn index(entries: &[u8], originals_length: usize) -> Option<HashMap<&str, Entry<'_>>> {
    let mut reader = Reader { bytes: entries };
    let mut index = HashMap::new();
    let mut originals = 0usize;
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
        let filterable = match inside.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let originals_of = inside.u32()? as usize;
        let entry = Entry {
            key,
            bytes,
            articles: inside.bytes,
            originals: originals..originals.checked_add(originals_of)?,
            filterable,
        };
        originals = entry.originals.end;
        index.insert(key.identity, entry);
    }
    (originals == originals_length).then_some(index)
}

/// An entry and its originals.
type Parts<'a> = (&'a [u8], &'a [u8]);

/// A whole cache file: the head, the entries as given (from `encode_entry`, or copied), and
/// their originals in the same order.
pub fn file<'a>(
    stamp: &str,
    root: &str,
    entries: impl Iterator<Item = Parts<'a>> + Clone,
) -> Vec<u8> {
    let section = |part: fn(&Parts<'a>) -> &'a [u8]| {
        let mut checksum = crc32fast::Hasher::new();
        let mut length = 0;
        for entry in entries.clone() {
            checksum.update(part(&entry));
            length += part(&entry).len();
        }
        (length, checksum.finalize())
    };
    let (entries_length, entries_checksum) = section(|e| e.0);
    let (originals_length, originals_checksum) = section(|e| e.1);
    let mut out = Writer(Vec::with_capacity(
        MAGIC.len() + 32 + stamp.len() + root.len() + entries_length + originals_length,
    ));
    out.0.extend_from_slice(MAGIC);
    out.u32(SCHEMA);
    out.str(stamp);
    out.str(root);
    out.u64(entries_length as u64);
    out.u32(entries_checksum);
    out.u64(originals_length as u64);
    out.u32(originals_checksum);
    entries.clone().for_each(|e| out.0.extend_from_slice(e.0));
    entries.for_each(|e| out.0.extend_from_slice(e.1));
    out.0
}

/// One file's entry and its originals, or `None` when its articles cannot be stored as they
/// are: a path that does not start with `shown_path`, or text `sanitize` would change (a
/// byte-order mark at the start of a file is kept by it, and would fail the check on the way
/// back).
pub fn encode_entry(
    key: &Key,
    shown_path: &str,
    articles: &[Article],
    filterable: bool,
) -> Option<(Vec<u8>, Vec<u8>)> {
    // Only articles the raw view reads again from their file are stored: one that keeps its
    // text (from a pipe) is not in a folder the cache is kept for.
    let mut originals = Writer(Vec::new());
    for article in articles {
        let Original::File {
            message, digest, ..
        } = &article.original
        else {
            return None;
        };
        originals.u32(message.map_or(Some(0), |m| u32::try_from(m).ok())?);
        originals.u64(*digest);
    }
    let mut out = Writer(Vec::new());
    out.u32(0); // the length, filled in at the end
    out.str(key.identity);
    out.u64(key.size);
    out.u64(key.modified.0 as u64);
    out.u32(key.modified.1);
    out.str(key.stem);
    out.u8(u8::from(filterable));
    out.u32(u32::try_from(originals.0.len()).ok()?);
    out.u32(u32::try_from(articles.len()).ok()?);
    for article in articles {
        out.article(article, article.path.strip_prefix(shown_path)?)?;
    }
    let length = u32::try_from(out.0.len() - 4).ok()?;
    out.0[..4].copy_from_slice(&length.to_le_bytes());
    Some((out.0, originals.0))
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

    /// An article, its original left empty, and its blocks too unless `body`.
    fn article(&mut self, shown_path: &str, body: bool) -> Option<Article> {
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
        let mut blocks = Vec::with_capacity(if body {
            count.min(self.bytes.len() / 6)
        } else {
            0
        });
        for _ in 0..count {
            if body {
                blocks.push(self.block()?);
            } else {
                self.skip_block()?;
            }
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
            original: Original::default(),
            links,
        })
    }

    /// Past a block, reading only its lengths.
    fn skip_block(&mut self) -> Option<()> {
        match self.u8()? {
            0 | 2 => drop(self.u8()?),
            4 => {
                self.u8()?;
                self.skip_str()?;
            }
            1 | 3 | 5 => {}
            _ => return None,
        }
        self.skip_str()?;
        let marks = self.u32()? as usize;
        self.take(marks.checked_mul(9)?).map(drop)
    }

    fn skip_str(&mut self) -> Option<()> {
        let length = self.u32()? as usize;
        self.take(length).map(drop)
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
