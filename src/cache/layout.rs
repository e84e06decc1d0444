//! The bytes of a cache file, and nothing else: pure encoding and decoding, never the disk.
//!
//! ```text
//! head:     "folio-cache\n"  u32 schema  str stamp  str root
//!           u64 length and u32 CRC-32 of the entries, u64 length of the bodies,
//!           u64 length and u32 CRC-32 of the originals
//! entries:  one per file: u32 length  u32 CRC-32 of the rest  str identity  u64 size  i64 s
//!           u32 ns  str stem  u8 filterable  u32 length of its originals  u32 length and u32 CRC-32 of its body
//!           u32 articles  article...
//! article:  str path suffix, id, title; 5 optional fields; u8 format; u64 words; notes; links
//! bodies:   each entry's, in the entries' order: u32 length of its structure, the structure
//!           (per article u32 blocks  block...), then the text of every block, one after the
//!           other, in one run of UTF-8
//! block:    u8 kind [level|depth [u32 length of its marker]], u32 length of its text,
//!           marks (u32 count; u32 start, u32 end, u8 style each)
//! originals: each entry's, in the entries' order, per article where its text is for the raw
//!           view: u32 message number in an mbox (0: a file of one article), u64 digest of the
//!           text it was made from (`Original::File`; the file's path is the entry's own)
//! ```
//! Integers are little-endian, a `str` is a u32 length and UTF-8. The three sections are read
//! apart: `list` reads only the entries (a few bytes per article), `search` the bodies a chunk
//! of files at a time into one buffer (a 50 MB read into fresh memory cost more in page faults
//! than everything else it did), the reader the originals too. So each body has its own
//! checksum, checked when it is used (`Entry::body`), and its text is one run, so a search
//! looks for a word in it and checks it is UTF-8 once, not block by block (that was a sixth of
//! a search through the cache). Each entry has its own checksum too, so the first entries,
//! read with the head, are used before the rest is read (`glimpse`): the interface lists the
//! first articles of a large folder without waiting for all its entries (7 ms for 20,000
//! files). Each entry says its length, so the index
//! of a file reads only the entries' heads, and an entry whose file has not changed is copied
//! into the next cache file as it is, with its body and its originals. Nothing read is
//! trusted: a length past the end, a string that is not UTF-8 or would not come out of
//! `sanitize` unchanged, a mark outside its text or between the bytes of a character, an
//! unknown tag: each makes the read fail, and the caller parses the file instead.

use std::ops::Range;
use std::path::Path;

use std::sync::OnceLock;

use foldhash::HashMap;

use crate::article::{Article, Block, BlockKind, Format, Mark, MarkStyle, Original};
use crate::sanitize::is_all_plain;

mod places;
pub use places::{Places, hash_of};

const MAGIC: &[u8] = b"folio-cache\n";

/// Bumped whenever the layout or the meaning of what is stored changes: a file with another
/// number is not read.
pub const SCHEMA: u32 = 7;

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

/// What the head of a cache file says: where its three sections are and their checksums (the
/// bodies have one each, in their entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    /// The bytes of the head itself: the entries start here.
    pub length: usize,
    pub entries: Section,
    pub bodies_length: usize,
    pub originals: Section,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    let entries = reader.section()?;
    let bodies_length = usize::try_from(reader.u64()?).ok()?;
    let originals = reader.section()?;
    Some(Head {
        length: file.len() - reader.bytes.len(),
        entries,
        bodies_length,
        originals,
    })
}

impl Head {
    /// Where the section of bodies starts in the file.
    pub fn bodies_offset(&self) -> usize {
        self.length + self.entries.length
    }

    /// Where the section of originals starts in the file.
    pub fn originals_offset(&self) -> usize {
        self.bodies_offset() + self.bodies_length
    }

    /// The bytes of the whole file.
    pub fn file_length(&self) -> u64 {
        (self.originals_offset() + self.originals.length) as u64
    }
}

/// The most bytes a head takes: its fields, the stamp and the root (a path, at most 4 KB).
pub const MAX_HEAD: usize = 8 * 1024;

/// One file's entry in a cache file: its key and its articles' heads, still encoded, and where
/// its body and its originals are.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub key: Key<'a>,
    /// The whole entry as stored, length included: what a new cache file copies.
    pub bytes: &'a [u8],
    /// The encoded articles.
    articles: &'a [u8],
    /// Where its body is in the section of bodies, and the body's checksum.
    pub body: Range<usize>,
    body_checksum: u32,
    /// Where its originals are in the section of originals.
    pub originals: Range<usize>,
    /// The file is plain text that `corpus::TextFilter` is asked about (its one article's raw
    /// text is the file's): a search without the cache passes it over unparsed when the filter
    /// refuses it, and says nothing.
    pub filterable: bool,
}

/// An entry's body, checked against its checksum (only `Entry::body` and `BodyAt::body` make
/// one).
#[derive(Debug, Clone, Copy)]
pub struct Body<'a>(&'a [u8]);

/// Where an entry's body is in the section of bodies, its checksum and how many articles the
/// entry holds: what reading its blocks after the entry was let go takes (`Entry::body_at`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyAt {
    pub range: Range<usize>,
    checksum: u32,
    /// As the entry says (none when it does not: then its blocks cannot be read).
    articles: Option<usize>,
}

impl BodyAt {
    /// As `Entry::body`.
    pub fn body<'b>(&self, bytes: &'b [u8], offset: usize) -> Option<Body<'b>> {
        checked_body(&self.range, self.checksum, bytes, offset)
    }

    /// As `Entry::blocks`.
    pub fn blocks(&self, body: Body) -> Option<Vec<Vec<Block>>> {
        blocks_of(self.articles?, body)
    }
}

/// The body at `range` of the section of bodies in `bytes`, which hold it from `offset` on,
/// when it is all there and its checksum is `checksum`.
fn checked_body<'b>(
    range: &Range<usize>,
    checksum: u32,
    bytes: &'b [u8],
    offset: usize,
) -> Option<Body<'b>> {
    let start = range.start.checked_sub(offset)?;
    let body = bytes.get(start..start + range.len())?;
    (crc32fast::hash(body) == checksum).then_some(Body(body))
}

/// The blocks of each of `count` articles, from their body.
fn blocks_of(count: usize, body: Body) -> Option<Vec<Vec<Block>>> {
    let mut body = BodyReader::new(body)?;
    // A count is not trusted with an allocation: each article takes bytes of the structure.
    let mut blocks = Vec::with_capacity(count.min(body.structure.bytes.len()));
    for _ in 0..count {
        blocks.push(body.blocks()?);
    }
    body.is_done().then_some(blocks)
}

impl Entry<'_> {
    /// This entry's body in `bytes`, which hold the section of bodies from `offset` on (all of
    /// it, or the part a chunk of files needs); `None` when it is not all there or not what was
    /// written.
    pub fn body<'b>(&self, bytes: &'b [u8], offset: usize) -> Option<Body<'b>> {
        checked_body(&self.body, self.body_checksum, bytes, offset)
    }

    /// What reading the entry's blocks takes, without the entry: where its body is, its
    /// checksum and how many articles it holds.
    pub fn body_at(&self) -> BodyAt {
        BodyAt {
            range: self.body.clone(),
            checksum: self.body_checksum,
            articles: self.article_count(),
        }
    }

    /// The entry's articles, each with its path: `shown_path` (the file as the person named it
    /// this time) and what the entry stored after it (`#3` for a message of an mbox), and with
    /// their blocks from `body` (without one, none: see `blocks`). With the file as the loader
    /// opens it and the section of originals, each knows where its text is for the raw view;
    /// without, that is left empty. `None` when the bytes are not what `encode_entry` wrote.
    pub fn articles(
        &self,
        shown_path: &str,
        body: Option<Body>,
        originals: Option<(&Path, &[u8])>,
    ) -> Option<Vec<Article>> {
        let mut articles = self.headers(shown_path)?;
        if let Some(body) = body {
            let blocks = self.blocks(body)?;
            if blocks.len() != articles.len() {
                return None;
            }
            for (article, blocks) in articles.iter_mut().zip(blocks) {
                article.blocks = blocks;
            }
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

    /// The blocks of each of the entry's articles, from its body: what `articles` gives them,
    /// for articles first made without (the interface lists a long article before its blocks
    /// are read). `None` when the body is not what `encode_entry` wrote.
    pub fn blocks(&self, body: Body) -> Option<Vec<Vec<Block>>> {
        blocks_of(self.article_count()?, body)
    }

    /// `articles` without their bodies (`folio list` shows none) or originals.
    pub fn headers(&self, shown_path: &str) -> Option<Vec<Article>> {
        self.each_article(|reader| reader.article(shown_path))
    }

    /// The entry's articles with nothing but their path (as `headers` makes it), format and
    /// notes: what `folio search --count` prints and reports. `None` when the entry is not one
    /// `headers` reads.
    pub fn paths(&self, shown_path: &str) -> Option<Vec<Article>> {
        self.each_article(|reader| reader.path_and_notes(shown_path))
    }

    /// Each article's title and how many notes it has, read where they are stored (a search
    /// decodes only the articles it keeps); `None` when the entry is not one `headers` reads.
    pub fn peek(&self) -> Option<Vec<(&str, usize)>> {
        self.each_article(Reader::peek_article)
    }

    /// What `read` makes of each of the entry's article heads, in turn; `None` when it fails on
    /// one, or they do not fill the entry.
    fn each_article<'e, T>(
        &'e self,
        mut read: impl FnMut(&mut Reader<'e>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut reader = Reader {
            bytes: self.articles,
        };
        let count = reader.u32()? as usize;
        // A count is not trusted with an allocation: each article takes far more than a byte.
        let mut read_all = Vec::with_capacity(count.min(self.articles.len()));
        for _ in 0..count {
            read_all.push(read(&mut reader)?);
        }
        reader.bytes.is_empty().then_some(read_all)
    }

    /// How many articles the entry holds, as it says (not checked).
    fn article_count(&self) -> Option<usize> {
        Some(
            Reader {
                bytes: self.articles,
            }
            .u32()? as usize,
        )
    }

    /// What `count` says of each of the entry's articles, asked with the body's text and where
    /// in it each of the article's blocks is, read where they are stored: a search counts its
    /// matches without building the articles.
    /// `None` when the body is not one `articles` would read. The text is not checked, as UTF-8
    /// or as `sanitize` would check it: only numbers come of it, and an article shown is
    /// decoded by `articles`, which checks it all.
    pub fn count_in_body(
        &self,
        body: Body,
        count: impl Fn(&[u8], &[Range<usize>]) -> usize,
    ) -> Option<Vec<usize>> {
        let articles = self.article_count()?;
        let mut body = BodyReader::unchecked(body)?;
        let mut counts = Vec::with_capacity(articles.min(body.structure.bytes.len()));
        let mut parts = Vec::new();
        for _ in 0..articles {
            let blocks = body.structure.u32()? as usize;
            parts.clear();
            for _ in 0..blocks {
                parts.push(body.block_text()?);
            }
            counts.push(count(body.text, &parts));
        }
        body.is_done().then_some(counts)
    }

    /// False when `holds` says the articles' stored text (every string of them but the raw
    /// texts: titles, blocks, links, notes) lacks what it asks for: then no block of theirs has
    /// it. A match is inside one string, so the bytes between them are no matter.
    pub fn may_hold(&self, body: Body, holds: impl Fn(&[u8]) -> bool) -> bool {
        holds(self.articles) || holds(BodyReader::split(body).map_or(body.0, |(_, text)| text))
    }
}

/// A cache file's entries, in their order, found by identity.
#[derive(Debug, Default)]
pub struct Index<'a> {
    entries: Vec<Entry<'a>>,
    /// Where each is in `entries`, made when a guess first misses (see `get`): a folder loaded
    /// as it was stored never needs it, and making it was most of reading the entries.
    positions: OnceLock<HashMap<&'a str, usize>>,
}

impl<'a> Index<'a> {
    /// The entry of `identity` and its position, looked for first at `guess`: a load asks for
    /// the files in the order the cache file holds them, most often, and a look at the next
    /// entry stays in the processor's cache where a lookup by identity did not (5% of a search).
    pub fn get(&self, identity: &str, guess: Option<usize>) -> Option<(usize, &Entry<'a>)> {
        if let Some(guess) = guess
            && let Some(entry) = self.entries.get(guess)
            && entry.key.identity == identity
        {
            return Some((guess, entry));
        }
        let positions = self.positions.get_or_init(|| {
            // An identity stored twice (a careless writer's) is found at its last entry.
            (self.entries.iter().enumerate())
                .map(|(position, entry)| (entry.key.identity, position))
                .collect()
        });
        let position = *positions.get(identity)?;
        Some((position, self.entries.get(position)?))
    }

    /// The entry at `position`.
    pub fn at(&self, position: usize) -> Option<&Entry<'a>> {
        self.entries.get(position)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry<'a>> {
        self.entries.iter()
    }
}

/// The entries of a checked section of entries, given the lengths of the sections of bodies and
/// originals. `None` when any is malformed, or the bodies or originals they count do not add up
/// to them.
#[cfg(test)]
pub fn index(entries: &[u8], bodies_length: usize, originals_length: usize) -> Option<Index<'_>> {
    let mut reader = Reader { bytes: entries };
    let count = count_entries(entries)?;
    let mut index = Index {
        entries: Vec::with_capacity(count),
        positions: OnceLock::new(),
    };
    let (mut bodies, mut originals) = (0usize, 0usize);
    while !reader.bytes.is_empty() {
        let entry = next_entry(&mut reader, bodies, originals, false)?;
        bodies = entry.body.end;
        originals = entry.originals.end;
        index.entries.push(entry);
    }
    (bodies == bodies_length && originals == originals_length).then_some(index)
}

/// How many entries a section of entries holds, each said by its length (counted first, so a
/// list of them is made once: growing it moved every entry again at each doubling); `None` when
/// the last is cut short.
fn count_entries(entries: &[u8]) -> Option<usize> {
    let mut count = 0;
    let mut rest = Reader { bytes: entries };
    while let Some(length) = rest.u32() {
        rest.take(length as usize)?;
        count += 1;
    }
    Some(count)
}

/// The entries wholly within `start`, the first bytes of a section of entries not yet checked,
/// each checked on its own, up to the first that is cut short or not right; given the lengths
/// of the sections of bodies and originals, which none may reach past.
pub fn glimpse(start: &[u8], bodies_length: usize, originals_length: usize) -> Index<'_> {
    let mut reader = Reader { bytes: start };
    let mut index = Index::default();
    let (mut bodies, mut originals) = (0usize, 0usize);
    while let Some(entry) = next_entry(&mut reader, bodies, originals, true) {
        if entry.body.end > bodies_length || entry.originals.end > originals_length {
            break;
        }
        bodies = entry.body.end;
        originals = entry.originals.end;
        index.entries.push(entry);
    }
    index
}

/// The entry `reader` is at, its body and its originals after `bodies` and `originals` bytes of
/// those sections; its own checksum checked when `check`. `None` when it is cut short or
/// malformed, or not right.
fn next_entry<'a>(
    reader: &mut Reader<'a>,
    bodies: usize,
    originals: usize,
    check: bool,
) -> Option<Entry<'a>> {
    let start = reader.bytes;
    let length = reader.u32()? as usize;
    let mut inside = Reader {
        bytes: reader.take(length)?,
    };
    let bytes = &start[..4 + length];
    let checksum = inside.u32()?;
    if check && crc32fast::hash(inside.bytes) != checksum {
        return None;
    }
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
    let body_of = inside.u32()? as usize;
    let body_checksum = inside.u32()?;
    Some(Entry {
        key,
        bytes,
        articles: inside.bytes,
        body: bodies..bodies.checked_add(body_of)?,
        body_checksum,
        originals: originals..originals.checked_add(originals_of)?,
        filterable,
    })
}

/// One file's entry as stored: the entry itself, its body and its originals, each where it is
/// held until the file is written.
#[derive(Debug, Clone)]
pub struct Parts<'a> {
    pub entry: Held<'a>,
    pub body: Held<'a>,
    pub originals: Held<'a>,
}

impl Parts<'_> {
    fn len(&self) -> usize {
        self.entry.len() + self.body.len() + self.originals.len()
    }
}

/// Where a part to write is: in memory, in the cache file being replaced, or in the file a load spills what it makes to (`cache::Spill`); the last two read
/// a run at a time as they are written (`write_file`). A folder with one file changed read the
/// whole section first (51 MB for the generated corpus), and a first run held every body it
/// made (the text of every article a second time), beside every article the interface had
/// loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held<'a> {
    Bytes(&'a [u8]),
    /// A range of the cache file being replaced (of the whole file: an entry kept is copied
    /// from its section of entries, its body from the bodies).
    Stored(Range<usize>),
    /// A range of the spill file.
    Spilled(Range<u64>),
}

impl Held<'_> {
    pub fn len(&self) -> usize {
        match self {
            Held::Bytes(bytes) => bytes.len(),
            Held::Stored(range) => range.len(),
            Held::Spilled(range) => (range.end - range.start) as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// At most `length` bytes of what is held elsewhere, from `from` on.
    fn piece(&self, from: usize, length: usize) -> Held<'static> {
        let length = length.min(self.len().saturating_sub(from));
        match self {
            Held::Bytes(_) => Held::Bytes(&[]),
            Held::Stored(range) => Held::Stored(range.start + from..range.start + from + length),
            Held::Spilled(range) => {
                let start = range.start + from as u64;
                Held::Spilled(start..start + length as u64)
            }
        }
    }

    /// `self` and `next` as one run, when `next` starts where `self` ends in the same file and
    /// the two are not longer than `limit` together.
    fn joined(&self, next: &Held, limit: usize) -> Option<Held<'static>> {
        match (self, next) {
            (Held::Stored(a), Held::Stored(b)) if a.end == b.start && b.end - a.start <= limit => {
                Some(Held::Stored(a.start..b.end))
            }
            (Held::Spilled(a), Held::Spilled(b))
                if a.end == b.start && b.end - a.start <= limit as u64 =>
            {
                Some(Held::Spilled(a.start..b.end))
            }
            _ => None,
        }
    }
}

/// Reads what a `Held::Stored` or `Held::Spilled` holds into the buffer, replacing what it held;
/// false when it cannot.
pub type ReadHeld<'r> = dyn FnMut(&Held<'_>, &mut Vec<u8>) -> bool + 'r;

/// `Parts`, owned: what `encode_entry` makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub entry: Vec<u8>,
    pub body: Vec<u8>,
    pub originals: Vec<u8>,
}

impl Encoded {
    /// The entry, the body and the originals, in the order a cache file holds its sections.
    pub fn sections(&self) -> [&[u8]; 3] {
        [&self.entry, &self.body, &self.originals]
    }

    pub fn parts(&self) -> Parts<'_> {
        Parts {
            entry: Held::Bytes(&self.entry),
            body: Held::Bytes(&self.body),
            originals: Held::Bytes(&self.originals),
        }
    }
}

/// A whole cache file: the head, the entries as given (from `encode_entry`, or copied), and
/// their bodies and originals in the same order.
#[cfg(test)]
pub fn file<'a>(
    stamp: &str,
    root: &str,
    entries: impl Iterator<Item = Parts<'a>> + Clone,
) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    write_file(&mut out, stamp, root, entries, &mut |_, _| false).expect("a Vec takes every write");
    out.into_inner()
}

/// How long the cache file of these entries is (see `write_file`): told before it is written,
/// to keep the cache within its bound.
pub fn file_length<'a>(stamp: &str, root: &str, entries: impl Iterator<Item = Parts<'a>>) -> u64 {
    let head = head_bytes(stamp, root, Section::default(), 0, Section::default());
    (head.len() + entries.map(|parts| parts.len()).sum::<usize>()) as u64
}

/// The head of a cache file whose sections are these.
fn head_bytes(
    stamp: &str,
    root: &str,
    entries: Section,
    bodies_length: usize,
    originals: Section,
) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(
        MAGIC.len() + 40 + stamp.len() + root.len(),
    ));
    out.0.extend_from_slice(MAGIC);
    out.u32(SCHEMA);
    out.str(stamp);
    out.str(root);
    out.u64(entries.length as u64);
    out.u32(entries.checksum);
    out.u64(bodies_length as u64);
    out.u64(originals.length as u64);
    out.u32(originals.checksum);
    out.0
}

/// Writes a cache file a part at a time: it is never whole in memory (57 MB for the generated
/// corpus, which a first `folio list` held beside the articles it had parsed and their
/// encoding). The head goes first with its lengths and checksums left at zero, made as the
/// sections are written, and is written again over it at the end (it is the same length).
/// What is held elsewhere is read with `read` (false when it cannot be, and nothing is
/// written), neighbours together, a run of at most `RUN` bytes at a time.
pub fn write_file<'a, W: std::io::Write + std::io::Seek>(
    out: &mut W,
    stamp: &str,
    root: &str,
    entries: impl Iterator<Item = Parts<'a>> + Clone,
    read: &mut ReadHeld,
) -> std::io::Result<()> {
    let start = out.stream_position()?;
    out.write_all(&head_bytes(
        stamp,
        root,
        Section::default(),
        0,
        Section::default(),
    ))?;
    let mut copy = Copier {
        run: None,
        buffer: Vec::new(),
        read,
    };
    let entries_section = copy.section(out, entries.clone().map(|e| e.entry), true)?;
    let bodies = copy.section(out, entries.clone().map(|e| e.body), false)?;
    let originals = copy.section(out, entries.map(|e| e.originals), true)?;
    out.seek(std::io::SeekFrom::Start(start))?;
    out.write_all(&head_bytes(
        stamp,
        root,
        entries_section,
        bodies.length,
        originals,
    ))
}

/// Copies parts into a cache file being written, those held elsewhere a run at a time.
struct Copier<'r, 's> {
    /// Parts held elsewhere, side by side, not yet read.
    run: Option<Held<'static>>,
    buffer: Vec<u8>,
    read: &'r mut ReadHeld<'s>,
}

impl Copier<'_, '_> {
    /// The most read at once.
    const RUN: usize = 1024 * 1024;

    /// Writes one section, these parts in order; its length, and its checksum when `summed`
    /// (the bodies have one each, in their entries, instead).
    fn section<'a>(
        &mut self,
        out: &mut dyn std::io::Write,
        parts: impl Iterator<Item = Held<'a>>,
        summed: bool,
    ) -> std::io::Result<Section> {
        let mut checksum = summed.then(crc32fast::Hasher::new);
        let mut length = 0;
        let mut put = |bytes: &[u8], out: &mut dyn std::io::Write| {
            if let Some(checksum) = &mut checksum {
                checksum.update(bytes);
            }
            length += bytes.len();
            out.write_all(bytes)
        };
        for part in parts {
            if let Some(run) = &self.run
                && let Some(joined) = run.joined(&part, Self::RUN)
            {
                self.run = Some(joined);
                continue;
            }
            self.flush(out, &mut put)?;
            match part {
                Held::Bytes(bytes) => put(bytes, out)?,
                Held::Stored(range) => self.run = Some(Held::Stored(range)),
                Held::Spilled(range) => self.run = Some(Held::Spilled(range)),
            }
        }
        self.flush(out, &mut put)?;
        Ok(Section {
            length,
            checksum: checksum.map_or(0, |c| c.finalize()),
        })
    }

    /// Reads the run waiting, if any, and puts it: `RUN` bytes at a time, as one part may be
    /// longer (a file's body of 8 MB was read whole into the buffer).
    fn flush(
        &mut self,
        out: &mut dyn std::io::Write,
        put: &mut impl FnMut(&[u8], &mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let Some(run) = self.run.take() else {
            return Ok(());
        };
        let mut done = 0;
        while done < run.len() {
            let piece = run.piece(done, Self::RUN);
            if !(self.read)(&piece, &mut self.buffer) || self.buffer.len() != piece.len() {
                return Err(std::io::Error::other(
                    "a part of the cache file to write cannot be read",
                ));
            }
            put(&self.buffer, out)?;
            done += piece.len();
        }
        Ok(())
    }
}

/// One file's entry, body and originals, or `None` when its articles cannot be stored as they
/// are: a path that does not start with `shown_path`, or text `sanitize` would change (a
/// byte-order mark at the start of a file is kept by it, and would fail the check on the way
/// back).
pub fn encode_entry(
    key: &Key,
    shown_path: &str,
    articles: &[Article],
    filterable: bool,
) -> Option<Encoded> {
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
    let mut structure = Writer(Vec::new());
    let mut text = Writer(Vec::new());
    for article in articles {
        structure.u32(u32::try_from(article.blocks.len()).ok()?);
        for block in &article.blocks {
            structure.block(block, &mut text)?;
        }
    }
    let mut body = Writer(Vec::with_capacity(4 + structure.0.len() + text.0.len()));
    body.u32(u32::try_from(structure.0.len()).ok()?);
    body.0.extend_from_slice(&structure.0);
    body.0.extend_from_slice(&text.0);
    let mut out = Writer(Vec::new());
    out.u32(0); // the length and the checksum, filled in at the end
    out.u32(0);
    out.str(key.identity);
    out.u64(key.size);
    out.u64(key.modified.0 as u64);
    out.u32(key.modified.1);
    out.str(key.stem);
    out.u8(u8::from(filterable));
    out.u32(u32::try_from(originals.0.len()).ok()?);
    out.u32(u32::try_from(body.0.len()).ok()?);
    out.u32(crc32fast::hash(&body.0));
    out.u32(u32::try_from(articles.len()).ok()?);
    for article in articles {
        out.article(article, article.path.strip_prefix(shown_path)?)?;
    }
    let length = u32::try_from(out.0.len() - 4).ok()?;
    out.0[..4].copy_from_slice(&length.to_le_bytes());
    let checksum = crc32fast::hash(&out.0[8..]);
    out.0[4..8].copy_from_slice(&checksum.to_le_bytes());
    Some(Encoded {
        entry: out.0,
        body: body.0,
        originals: originals.0,
    })
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
        self.list(&article.links)
    }

    /// A block's structure, its marker and text going to `text`.
    fn block(&mut self, block: &Block, text: &mut Writer) -> Option<()> {
        let mut plain = |part: &str| {
            text.0.extend_from_slice(part.as_bytes());
            (is_all_plain(part) && part.len() <= u32::MAX as usize).then_some(part.len() as u32)
        };
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
                let length = plain(marker)?;
                self.u32(length);
            }
            BlockKind::Code => self.u8(5),
        }
        let length = plain(&block.text)?;
        self.u32(length);
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

    fn section(&mut self) -> Option<Section> {
        Some(Section {
            length: usize::try_from(self.u64()?).ok()?,
            checksum: self.u32()?,
        })
    }

    /// An article's head, read past but for its title and how many notes it has.
    fn peek_article(&mut self) -> Option<(&'a str, usize)> {
        self.skip_str()?; // path suffix
        self.skip_str()?; // id
        let title = self.str()?;
        self.skip_optionals()?;
        self.u8()?; // format
        self.u64()?; // words
        let notes = self.skip_list()?;
        self.skip_list()?; // links
        Some((title, notes))
    }

    /// An article's head, read past but for its path, its format and its notes (`Entry::paths`).
    fn path_and_notes(&mut self, shown_path: &str) -> Option<Article> {
        let path = self.path(shown_path)?;
        self.skip_str()?; // id
        self.skip_str()?; // title
        self.skip_optionals()?;
        let format = self.format()?;
        self.u64()?; // words
        let notes = self.list()?;
        self.skip_list()?; // links
        Some(Article {
            id: String::new(),
            title: String::new(),
            title_original: None,
            byline: None,
            date: None,
            source: None,
            url: None,
            path,
            format,
            word_count: 0,
            notes,
            blocks: Vec::new(),
            original: Original::default(),
            links: Vec::new(),
        })
    }

    /// An article's path: `shown_path` and the suffix stored after it (`#3` in an mbox).
    fn path(&mut self, shown_path: &str) -> Option<String> {
        let suffix = self.str().filter(|suffix| is_all_plain(suffix))?;
        let mut path = String::with_capacity(shown_path.len() + suffix.len());
        path.push_str(shown_path);
        path.push_str(suffix);
        Some(path)
    }

    fn format(&mut self) -> Option<Format> {
        Some(match self.u8()? {
            0 => Format::Text,
            1 => Format::Markdown,
            2 => Format::Html,
            3 => Format::Mail,
            _ => return None,
        })
    }

    /// Past a string, unread: whoever reads it checks it then (`headers`).
    fn skip_str(&mut self) -> Option<()> {
        let length = self.u32()? as usize;
        self.take(length).map(drop)
    }

    /// Past an article head's five optional strings (title as written, byline, date, source,
    /// address), unread.
    fn skip_optionals(&mut self) -> Option<()> {
        for _ in 0..5 {
            match self.u8()? {
                0 => {}
                1 => self.skip_str()?,
                _ => return None,
            }
        }
        Some(())
    }

    /// Past a list of strings, unread; how many it held.
    fn skip_list(&mut self) -> Option<usize> {
        let count = self.u32()? as usize;
        for _ in 0..count {
            self.skip_str()?;
        }
        Some(count)
    }

    /// An article's head: all of it but its blocks (in the body) and its original.
    fn article(&mut self, shown_path: &str) -> Option<Article> {
        let path = self.path(shown_path)?;
        let id = self.plain()?;
        let title = self.plain()?;
        let title_original = self.optional()?;
        let byline = self.optional()?;
        let date = self.optional()?;
        let source = self.optional()?;
        let url = self.optional()?;
        let format = self.format()?;
        let word_count = usize::try_from(self.u64()?).ok()?;
        let notes = self.list()?;
        let links = self.list()?;
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
            blocks: Vec::new(),
            original: Original::default(),
            links,
        })
    }
}

/// An entry's body as it is read: its structure, and its text (checked as UTF-8 once, when it
/// is to be decoded).
struct BodyReader<'a> {
    structure: Reader<'a>,
    text: &'a [u8],
    /// `text`, checked.
    checked: &'a str,
    /// Where the next block's text starts in `text`.
    at: usize,
}

impl<'a> BodyReader<'a> {
    fn new(body: Body<'a>) -> Option<BodyReader<'a>> {
        let mut reader = BodyReader::unchecked(body)?;
        reader.checked = std::str::from_utf8(reader.text).ok()?;
        Some(reader)
    }

    /// A reader whose texts are only ever counted in (`Entry::count_in_body`).
    fn unchecked(body: Body<'a>) -> Option<BodyReader<'a>> {
        let (structure, text) = BodyReader::split(body)?;
        Some(BodyReader {
            structure: Reader { bytes: structure },
            text,
            checked: "",
            at: 0,
        })
    }

    /// The structure and the text of a body.
    fn split(body: Body<'a>) -> Option<(&'a [u8], &'a [u8])> {
        let mut reader = Reader { bytes: body.0 };
        let length = reader.u32()? as usize;
        let structure = reader.take(length)?;
        Some((structure, reader.bytes))
    }

    /// Whether all of the body has been read.
    fn is_done(&self) -> bool {
        self.structure.bytes.is_empty() && self.at == self.text.len()
    }

    /// The next text of the run, of this many bytes: `None` past its end, or if it would not
    /// start and end between characters (or the text was not checked).
    fn next_text(&mut self, length: usize) -> Option<&'a str> {
        let text = self.checked.get(self.at..self.at.checked_add(length)?)?;
        self.at += length;
        Some(text)
    }

    /// Past the next text of the run, of this many bytes; where it is.
    fn skip_text(&mut self, length: usize) -> Option<Range<usize>> {
        let end = self
            .at
            .checked_add(length)
            .filter(|&end| end <= self.text.len())?;
        let text = self.at..end;
        self.at = end;
        Some(text)
    }

    /// The next text as the screen may show it: only what `sanitize` leaves as it is.
    fn plain(&mut self) -> Option<String> {
        let length = self.structure.u32()? as usize;
        let text = self.next_text(length)?;
        is_all_plain(text).then(|| text.to_owned())
    }

    /// One article's blocks.
    fn blocks(&mut self) -> Option<Vec<Block>> {
        let count = self.structure.u32()? as usize;
        let mut blocks = Vec::with_capacity(count.min(self.structure.bytes.len() / 6));
        for _ in 0..count {
            blocks.push(self.block()?);
        }
        Some(blocks)
    }

    /// Where a block's text is in the body's text, the rest of it read past: its kind checked
    /// as `block` checks it, its marks not (see `Entry::count_in_body`).
    fn block_text(&mut self) -> Option<Range<usize>> {
        let structure = &mut self.structure;
        let marker = match structure.u8()? {
            0 => {
                Some(structure.u8()?).filter(|level| (1..=6).contains(level))?;
                0
            }
            2 => {
                structure.u8()?;
                0
            }
            4 => {
                structure.u8()?;
                structure.u32()? as usize
            }
            1 | 3 | 5 => 0,
            _ => return None,
        };
        self.skip_text(marker)?;
        let length = self.structure.u32()? as usize;
        let text = self.skip_text(length)?;
        let marks = self.structure.u32()? as usize;
        self.structure.take(marks.checked_mul(9)?)?;
        Some(text)
    }

    fn block(&mut self) -> Option<Block> {
        let kind = match self.structure.u8()? {
            0 => BlockKind::Heading {
                level: Some(self.structure.u8()?).filter(|level| (1..=6).contains(level))?,
            },
            1 => BlockKind::Paragraph,
            2 => BlockKind::Quote {
                depth: self.structure.u8()?,
            },
            3 => BlockKind::Signature,
            4 => BlockKind::ListItem {
                depth: self.structure.u8()?,
                marker: self.plain()?.into(),
            },
            5 => BlockKind::Code,
            _ => return None,
        };
        let text = self.plain()?;
        let count = self.structure.u32()? as usize;
        let mut marks = Vec::with_capacity(count.min(self.structure.bytes.len() / 9));
        for _ in 0..count {
            let start = self.structure.u32()? as usize;
            let end = self.structure.u32()? as usize;
            let style = match self.structure.u8()? {
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
        Some(Block {
            kind,
            text,
            marks: marks.into(),
        })
    }
}

#[cfg(test)]
mod tests;
