//! The disk cache of parsed articles: one file per folder or file the person names (a corpus
//! root), holding the articles of every file below it, so a second `folio list` or `search` of
//! the same folder reads one file instead of parsing them all. It is only ever a shortcut: a
//! file that changed is parsed again, a cache file that is not exactly right is not read, and
//! nothing about the cache is ever an error the person sees.
//!
//! - Where: FOLIO_CACHE_DIR, else the platform's cache folder (`~/.cache/folio` on Linux).
//! - Each file's entry is keyed by its path, size and modification time (nanoseconds) as the
//!   walk saw them, and the name it was found by (the fallback title comes from it). A file
//!   changed in the last `SETTLING` is not stored: a write in the same tick of the file system's
//!   clock, to the same size, would leave the time as it was (git's "racily clean" files).
//! - A cache file starts with a stamp, folio's version and the size and time of the running
//!   program, so another build never reads it (`layout` says what else is checked).
//! - Written to a temp file a part at a time (it is never whole in memory) and renamed over the
//!   old one (`store::write_atomically_with`): a reader sees the old file or the new one; of two
//!   folios writing at once the last one wins. A reader keeps the file it opened, and reads the
//!   rest of its entries, its bodies and its originals from it later: they are that file's even
//!   when another folio has replaced it meanwhile.
//! - At most `DEFAULT_MAX_BYTES` in all: after a write the least recently used cache files
//!   (each read touches its file) are removed until the rest fit, and a corpus whose cache file
//!   alone would not fit is not stored.

pub mod layout;

use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use foldhash::HashSet;

pub use layout::{Body, BodyAt, Entry, Index, Key, Modified, Places};

/// The most the cache files may take together.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// How long a file must have been left alone before its articles are stored.
pub const SETTLING: Duration = Duration::from_secs(2);

/// A temp file this old was left by a folio that was killed while writing.
const STALE_TEMP: Duration = Duration::from_secs(3600);

const EXTENSION: &str = "cache";

/// How much of the entries is read with the head, to be used at once (`Stored::glimpse`): some
/// 200 files' entries, a millisecond or more of loading.
const GLIMPSE: usize = 64 * 1024;

/// Where cache files are kept, and how much they may take.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    max_bytes: u64,
    stamp: String,
}

impl Cache {
    pub fn new(dir: PathBuf, max_bytes: u64) -> Cache {
        Cache {
            dir,
            max_bytes,
            stamp: build_stamp(),
        }
    }

    /// The cache in FOLIO_CACHE_DIR, else the platform's cache folder; `None` when there is no
    /// home folder to put one in.
    pub fn resolve() -> Option<Cache> {
        let dir = match std::env::var_os("FOLIO_CACHE_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => directories::ProjectDirs::from("", "", "folio")?
                .cache_dir()
                .to_owned(),
        };
        Some(Cache::new(dir, DEFAULT_MAX_BYTES))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cache file of a corpus root (its canonical path).
    fn file_of(&self, root: &str) -> PathBuf {
        self.dir.join(format!("{:016x}.{EXTENSION}", fnv1a(root)))
    }

    /// What is stored for `root`: the head and the first `GLIMPSE` bytes of the entries, read
    /// with one read (the rest of the entries, the bodies and the originals are read when asked
    /// for, see `Stored`): nothing when the file is missing, unreadable, from another build, for
    /// another root, or not as long as its head says.
    pub fn read(&self, root: &str) -> Stored {
        let mut stored = Stored {
            root: root.to_owned(),
            head: None,
            glimpse: Vec::new(),
            file: None,
            originals: OnceLock::new(),
        };
        let Ok(mut file) = fs::File::open(self.file_of(root)) else {
            return stored;
        };
        let mut start = vec![0; layout::MAX_HEAD + GLIMPSE];
        let Ok(read) = read_up_to(&mut file, &mut start) else {
            return stored;
        };
        start.truncate(read);
        // A file cut short (or grown) is refused here, whether or not its originals are read.
        let Some(head) = layout::head(&start, &self.stamp, root)
            .filter(|head| file.metadata().is_ok_and(|m| m.len() == head.file_length()))
        else {
            return stored;
        };
        start.truncate(head.length + head.entries.length);
        start.drain(..head.length);
        // Read now: the last to be evicted. A failure only makes it look older.
        let _ = file.set_modified(SystemTime::now());
        stored.head = Some(head);
        stored.glimpse = start;
        stored.file = Some(file);
        stored
    }

    /// Replaces the cache file of `root` with these entries, their bodies and originals (held
    /// in memory, in the cache file replaced, or spilled: `read` reads the last two), then
    /// makes room. Failures are ignored: it is a cache.
    pub fn write<'a>(
        &self,
        root: &str,
        entries: impl Iterator<Item = layout::Parts<'a>> + Clone,
        read: &mut layout::ReadHeld,
    ) {
        let file = self.file_of(root);
        if layout::file_length(&self.stamp, root, entries.clone()) > self.max_bytes {
            self.forget(root);
            return;
        }
        if fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let write = |out: &mut std::io::BufWriter<&mut fs::File>| {
            layout::write_file(out, &self.stamp, root, entries, read)
        };
        if crate::store::write_atomically_with(&file, write).is_ok() {
            self.make_room(&file);
        }
    }

    /// Removes the cache file of `root`: its corpus's would not fit.
    fn forget(&self, root: &str) {
        let _ = fs::remove_file(self.file_of(root));
    }

    /// Removes the least recently used cache files (never `keep`) until all fit, and temp
    /// files left by a folio killed while writing.
    fn make_room(&self, keep: &Path) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let now = SystemTime::now();
        let mut files: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.ends_with(".tmp") {
                if now
                    .duration_since(modified)
                    .is_ok_and(|age| age > STALE_TEMP)
                {
                    let _ = fs::remove_file(&path);
                }
            } else if path.extension().is_some_and(|e| e == EXTENSION) {
                files.push((modified, meta.len(), path));
            }
        }
        // Newest first; the file just written counts first whatever its time says.
        files.sort_by_key(|(modified, _, path)| std::cmp::Reverse((path == keep, *modified)));
        let mut total = 0u64;
        for (_, size, path) in files {
            total = total.saturating_add(size);
            if total > self.max_bytes {
                let _ = fs::remove_file(path);
            }
        }
    }

    /// Removes every cache file (`folio cache --clear`); returns how many bytes they took.
    pub fn clear(&self) -> std::io::Result<u64> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(error) => return Err(error),
        };
        let mut freed = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let ours = path.extension().is_some_and(|e| e == EXTENSION)
                || name.to_string_lossy().ends_with(".tmp");
            if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
                freed += entry.metadata().map_or(0, |m| m.len());
                fs::remove_file(&path)?;
            }
        }
        Ok(freed)
    }

    /// The bytes the cache files take, and how many there are.
    pub fn usage(&self) -> (u64, usize) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return (0, 0);
        };
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
            .fold((0, 0), |(bytes, count), e| {
                (bytes + e.metadata().map_or(0, |m| m.len()), count + 1)
            })
    }

    pub fn stamp(&self) -> &str {
        &self.stamp
    }
}

/// A cache file as read: its head and the first of its entries, and the file left open for
/// the rest of them, the bodies and the originals.
pub struct Stored {
    pub root: String,
    head: Option<layout::Head>,
    /// The first bytes of the entries, read with the head.
    glimpse: Vec<u8>,
    file: Option<fs::File>,
    originals: OnceLock<Option<Vec<u8>>>,
}

impl Stored {
    /// The first entries, those read with the head, each checked on its own (see
    /// `layout::glimpse`): enough for the first files of a load, while the rest are read.
    pub fn glimpse(&self) -> Index<'_> {
        self.head
            .map(|head| layout::glimpse(&self.glimpse, head.bodies_length, head.originals.length))
            .unwrap_or_default()
    }

    /// Where all the entries are (`Places`), from their section, read and checked as a whole,
    /// then let go: a load reads the entries again a chunk of files at a time
    /// (`read_entries`). None when the file was not there or not right.
    pub fn places(&self) -> Places {
        let read = || {
            let head = self.head?;
            let mut file = self.file.as_ref()?;
            let mut entries = Vec::with_capacity(head.entries.length);
            entries.extend_from_slice(&self.glimpse);
            let rest = (head.entries.length - entries.len()) as u64;
            let at = (head.length + entries.len()) as u64;
            file.seek(SeekFrom::Start(at)).ok()?;
            // Into the capacity, not zeroed first: that was a pass over 50 MB for nothing.
            file.take(rest).read_to_end(&mut entries).ok()?;
            if !head.entries.holds(&entries) {
                return None;
            }
            Places::new(&entries, head.bodies_length, head.originals.length)
        };
        read().unwrap_or_default()
    }

    /// Appends `range` of the section of entries to `into`; false when it cannot.
    pub fn read_entries(&self, range: Range<usize>, into: &mut Vec<u8>) -> bool {
        let Some(head) = self.head else {
            return false;
        };
        range.end <= head.entries.length
            && self.read_appending(head.length + range.start, range.len(), into)
    }

    /// Appends `length` bytes from `offset` of the file to `into`.
    fn read_appending(&self, offset: usize, length: usize, into: &mut Vec<u8>) -> bool {
        let Some(file) = self.file.as_ref() else {
            return false;
        };
        let from = into.len();
        into.resize(from + length, 0);
        let read = read_at(file, offset as u64, &mut into[from..]).is_ok();
        if !read {
            into.truncate(from);
        }
        read
    }

    /// Reads `range` of the whole file into `into`, as `read_bodies` does: what a new cache
    /// file copies of this one (`layout::Held::Stored`).
    fn read_file(&self, range: Range<usize>, into: &mut Vec<u8>) -> bool {
        let (Some(head), Some(file)) = (self.head, self.file.as_ref()) else {
            return false;
        };
        range.end as u64 <= head.file_length()
            && read_replacing(file, range.start, range.len(), into)
    }

    /// Entry `position` of this file, to be copied into the next one: its entry and its body
    /// where they are in this file (found with `places`, or else among the entries read with
    /// the head, `glimpse`, when the rest were not right), its originals from `originals` (this
    /// file's section, checked).
    fn kept<'a>(
        &self,
        places: &Places,
        glimpse: &'a Index<'_>,
        position: usize,
        originals: &'a [u8],
    ) -> Option<layout::Parts<'a>> {
        let head = self.head?;
        let within = |at: usize, range: Range<usize>| at + range.start..at + range.end;
        let (entry, body, originals_range) = match places.entry(position) {
            Some(entry) => (
                layout::Held::Stored(within(head.length, entry)),
                places.body(position)?,
                places.originals(position)?,
            ),
            None => {
                let entry = glimpse.at(position)?;
                let (body, originals) = (entry.body.clone(), entry.originals.clone());
                (layout::Held::Bytes(entry.bytes), body, originals)
            }
        };
        Some(layout::Parts {
            entry,
            body: layout::Held::Stored(within(head.bodies_offset(), body)),
            originals: layout::Held::Bytes(originals.get(originals_range)?),
        })
    }

    /// Reads `range` of the section of bodies into `into` (replacing what it held, in the memory
    /// it has: a buffer used again is not faulted in or zeroed again): the bodies of the
    /// entries there, each checked as it is used (`Entry::body`). False when it cannot.
    pub fn read_bodies(&self, range: Range<usize>, into: &mut Vec<u8>) -> bool {
        let (Some(head), Some(file)) = (self.head, self.file.as_ref()) else {
            return false;
        };
        range.end <= head.bodies_length
            && read_replacing(file, head.bodies_offset() + range.start, range.len(), into)
    }

    /// The section of originals, read (once) and checked; `None` when it cannot be.
    pub fn originals(&self) -> Option<&[u8]> {
        self.originals
            .get_or_init(|| {
                let head = self.head?;
                let file = self.file.as_ref()?;
                let mut originals = vec![0; head.originals.length];
                read_at(file, head.originals_offset() as u64, &mut originals).ok()?;
                head.originals.holds(&originals).then_some(originals)
            })
            .as_deref()
    }
}

/// Fills `buffer` from `offset` in `file`, without moving a position other threads share.
#[cfg(unix)]
fn read_at(file: &fs::File, offset: u64, buffer: &mut [u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(windows)]
fn read_at(file: &fs::File, mut offset: u64, mut buffer: &mut [u8]) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            read => {
                buffer = &mut buffer[read..];
                offset += read as u64;
            }
        }
    }
    Ok(())
}

/// Reads `length` bytes from `offset` of `file` into `into`, replacing what it held, in the
/// memory it has: a buffer used again is not faulted in or zeroed again.
fn read_replacing(file: &fs::File, offset: usize, length: usize, into: &mut Vec<u8>) -> bool {
    if into.len() < length {
        into.resize(length, 0);
    }
    into.truncate(length);
    read_at(file, offset as u64, into).is_ok()
}

/// Writes `bytes` at `offset` in `file`, without moving a position other threads share.
#[cfg(unix)]
fn write_at(file: &fs::File, offset: u64, bytes: &[u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_at(file: &fs::File, mut offset: u64, mut bytes: &[u8]) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_write(bytes, offset)? {
            0 => return Err(std::io::ErrorKind::WriteZero.into()),
            written => {
                bytes = &bytes[written..];
                offset += written as u64;
            }
        }
    }
    Ok(())
}

/// Reads into `buffer` until it is full or the file ends; returns how much was read.
fn read_up_to(file: &mut fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

/// A file's entry for the next cache file: copied from the last one (the entry at this
/// position of it), or newly made. Small: a load keeps one for every file.
pub enum Piece {
    Kept(usize),
    New(Box<NewEntry>),
}

/// A file's entry newly made, and a hash of the identity it was made for: held in memory until
/// it is spilled (`spill`). Small, as a first run keeps one for every file it parsed: with the
/// identity itself, and the encoding in place, 3.6 MB of the interface's peak.
pub struct NewEntry {
    identity: u64,
    made: Made,
}

enum Made {
    Held(Box<layout::Encoded>),
    /// Where the entry, the body and the originals are in the spill file.
    Spilled([Range<u64>; 3]),
    /// Let go: the spill grew past what the cache may take, so no cache file of this load
    /// would fit.
    TooLarge,
}

impl NewEntry {
    pub fn new(identity: &str, encoded: layout::Encoded) -> NewEntry {
        NewEntry {
            identity: layout::hash_of(identity),
            made: Made::Held(Box::new(encoded)),
        }
    }

    /// Its parts, where they are; none once let go.
    fn parts(&self) -> Option<layout::Parts<'_>> {
        match &self.made {
            Made::Held(encoded) => Some(encoded.parts()),
            Made::Spilled([entry, body, originals]) => Some(layout::Parts {
                entry: layout::Held::Spilled(entry.clone()),
                body: layout::Held::Spilled(body.clone()),
                originals: layout::Held::Spilled(originals.clone()),
            }),
            Made::TooLarge => None,
        }
    }
}

/// Where a load puts what it makes for the next cache file until that is written: a file of
/// no name in the cache folder, gone when it is closed, made when first needed. Held in memory,
/// the bodies made on a first run were the text of every article a second time, a third of
/// the interface's peak. A worker puts a chunk's parts at once, so that the entries of a chunk
/// (and its bodies, and its originals) are side by side, and are read back a run at a time.
/// It takes at most what the cache may take: past that no cache file of the load would fit,
/// and what would go in it is let go instead.
pub struct Spill {
    dir: PathBuf,
    max_bytes: u64,
    file: OnceLock<Option<fs::File>>,
    length: AtomicU64,
}

impl Spill {
    pub fn new(cache: &Cache) -> Spill {
        Spill {
            dir: cache.dir.clone(),
            max_bytes: cache.max_bytes,
            file: OnceLock::new(),
            length: AtomicU64::new(0),
        }
    }

    /// Writes `bytes` at the end; where they start, or `None` when they cannot be written.
    fn put(&self, bytes: &[u8]) -> Option<u64> {
        let file = (self.file)
            .get_or_init(|| {
                fs::create_dir_all(&self.dir).ok()?;
                tempfile::tempfile_in(&self.dir).ok()
            })
            .as_ref()?;
        let at = self.length.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if self.too_large() {
            return None;
        }
        write_at(file, at, bytes).ok()?;
        Some(at)
    }

    /// Whether it grew past what the cache may take.
    fn too_large(&self) -> bool {
        self.length.load(Ordering::Relaxed) > self.max_bytes
    }

    /// Reads `range` into `into`, replacing what it held.
    fn read(&self, range: Range<u64>, into: &mut Vec<u8>) -> bool {
        let Some(Some(file)) = self.file.get() else {
            return false;
        };
        let length = (range.end - range.start) as usize;
        read_replacing(file, range.start as usize, length, into)
    }
}

/// Moves the parts of these entries, still held in memory, to the spill file, all in one
/// write: the entries first, then the bodies, then the originals. They stay in memory when
/// they cannot be written, and are let go when the spill has grown too large.
pub fn spill<'p>(spill: &Spill, entries: impl Iterator<Item = &'p mut NewEntry>) {
    let held: Vec<(&mut NewEntry, [usize; 3])> = entries
        .filter_map(|new| match &new.made {
            Made::Held(encoded) => {
                let lengths = encoded.sections().map(<[u8]>::len);
                Some((new, lengths))
            }
            Made::Spilled(_) | Made::TooLarge => None,
        })
        .collect();
    let let_go = |held: Vec<(&mut NewEntry, [usize; 3])>| {
        for (new, _) in held {
            new.made = Made::TooLarge;
        }
    };
    if spill.too_large() {
        return let_go(held);
    }
    let length = held.iter().flat_map(|(_, lengths)| lengths).sum();
    if length == 0 {
        return;
    }
    let mut bytes = Vec::with_capacity(length);
    for part in 0..3 {
        for (new, _) in &held {
            if let Made::Held(encoded) = &new.made {
                bytes.extend_from_slice(encoded.sections()[part]);
            }
        }
    }
    let Some(mut at) = spill.put(&bytes) else {
        if spill.too_large() {
            let_go(held);
        }
        return;
    };
    let mut places = vec![[0..0, 0..0, 0..0]; held.len()];
    for part in 0..3 {
        for ((_, lengths), place) in held.iter().zip(&mut places) {
            place[part] = at..at + lengths[part] as u64;
            at = place[part].end;
        }
    }
    for ((new, _), place) in held.into_iter().zip(places) {
        new.made = Made::Spilled(place);
    }
}

/// Writes the cache file of `stored`'s root from the pieces of this load when they differ from
/// what it held (`before`: a file added, changed or gone; the entries read with the head in
/// `glimpse`); leaves it alone otherwise. Entries kept need the old originals (when those
/// cannot be read, only the new entries are written), and are copied from the old file as the
/// new one is written, as the spilled parts are from `spill` (when one cannot be read, nothing
/// is written, and the old file stays).
pub fn update(
    cache: &Cache,
    stored: &Stored,
    (before, glimpse): (&Places, &Index<'_>),
    pieces: &[Piece],
    spill: &Spill,
) {
    // Most often every file was there before, unchanged, in the same order.
    let unchanged = pieces.len() == before.len()
        && (pieces.iter().enumerate())
            .all(|(at, piece)| matches!(piece, Piece::Kept(position) if *position == at));
    if unchanged {
        return;
    }
    // A file named twice (under two roots of one cache file) is stored once. (Two identities
    // of one hash would leave one out: that file is parsed next time, and stored then.)
    let (mut kept_seen, mut new_seen) = (HashSet::default(), HashSet::default());
    let pieces: Vec<&Piece> = (pieces.iter())
        .filter(|piece| match piece {
            Piece::Kept(position) => kept_seen.insert(*position),
            Piece::New(new) => new_seen.insert(new.identity),
        })
        .collect();
    let kept = kept_seen.len();
    if kept == pieces.len() && kept == before.len() {
        return;
    }
    // Entries let go: the file would not fit.
    let too_large =
        |piece: &&Piece| matches!(piece, Piece::New(new) if matches!(new.made, Made::TooLarge));
    if pieces.iter().any(too_large) {
        cache.forget(&stored.root);
        return;
    }
    let old_originals = if kept > 0 { stored.originals() } else { None };
    let parts = pieces.iter().filter_map(|piece| match piece {
        Piece::Kept(position) => stored.kept(before, glimpse, *position, old_originals?),
        Piece::New(new) => new.parts(),
    });
    let mut read = |held: &layout::Held, into: &mut Vec<u8>| match held {
        layout::Held::Stored(range) => stored.read_file(range.clone(), into),
        layout::Held::Spilled(range) => spill.read(range.clone(), into),
        layout::Held::Bytes(_) => false,
    };
    cache.write(&stored.root, parts, &mut read);
}

/// Whether a file last changed at `modified` has settled (see `SETTLING`).
pub fn settled(modified: SystemTime, now: SystemTime) -> bool {
    now.duration_since(modified)
        .is_ok_and(|age| age >= SETTLING)
}

/// A modification time as stored.
pub fn modified_of(time: SystemTime) -> Option<Modified> {
    let since = time.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some((i64::try_from(since.as_secs()).ok()?, since.subsec_nanos()))
}

/// folio's version and the size and modification time of the running program: a new build
/// (one whose parsing may differ under the same version number) starts its own cache.
fn build_stamp() -> String {
    let program = std::env::current_exe()
        .and_then(fs::metadata)
        .ok()
        .map(|meta| {
            let modified = meta.modified().ok().and_then(modified_of).unwrap_or((0, 0));
            format!("{} {}.{:09}", meta.len(), modified.0, modified.1)
        })
        .unwrap_or_default();
    format!("folio {} {program}", env!("CARGO_PKG_VERSION"))
}

/// FNV-1a: a stable name for a root's cache file (the root itself is checked inside).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
