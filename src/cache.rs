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
use std::time::{Duration, SystemTime};

use foldhash::{HashSet, HashSetExt};

pub use layout::{Body, Entry, Index, Key, Modified};

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
            entries: OnceLock::new(),
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

    /// Replaces the cache file of `root` with these entries, their bodies and originals (from
    /// `Stored`, or `layout::encode_entry`), then makes room. Failures are ignored: it is a
    /// cache.
    pub fn write<'a>(
        &self,
        root: &str,
        entries: impl Iterator<Item = layout::Parts<'a>> + Clone,
        read_stored: &mut dyn FnMut(Range<usize>, &mut Vec<u8>) -> bool,
    ) {
        let file = self.file_of(root);
        let (head, length) = layout::head_of(&self.stamp, root, entries.clone());
        if length > self.max_bytes {
            let _ = fs::remove_file(&file);
            return;
        }
        if fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let write =
            |out: &mut dyn std::io::Write| layout::write_file(out, &head, entries, read_stored);
        if crate::store::write_atomically_with(&file, write).is_ok() {
            self.make_room(&file);
        }
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

/// A cache file as read: its head and its entries, checked, and the file left open for the
/// bodies and originals.
pub struct Stored {
    pub root: String,
    head: Option<layout::Head>,
    /// The first bytes of the entries, read with the head.
    glimpse: Vec<u8>,
    /// All of them, read and checked when first asked for.
    entries: OnceLock<Option<Vec<u8>>>,
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

    /// All the entries by identity, read (the first time) and checked as a whole; none when the
    /// file was not there or not right.
    pub fn entries(&self) -> Index<'_> {
        let head = self.head;
        (head.zip(self.entries_read()))
            .and_then(|(head, entries)| {
                layout::index(entries, head.bodies_length, head.originals.length)
            })
            .unwrap_or_default()
    }

    /// The section of entries, read once and checked.
    fn entries_read(&self) -> Option<&[u8]> {
        self.entries
            .get_or_init(|| {
                let head = self.head?;
                let mut file = self.file.as_ref()?;
                let mut entries = Vec::with_capacity(head.entries.length);
                entries.extend_from_slice(&self.glimpse);
                let rest = (head.entries.length - entries.len()) as u64;
                let at = (head.length + entries.len()) as u64;
                file.seek(SeekFrom::Start(at)).ok()?;
                // Into the capacity, not zeroed first: that was a pass over 50 MB for nothing.
                file.take(rest).read_to_end(&mut entries).ok()?;
                head.entries.holds(&entries).then_some(entries)
            })
            .as_deref()
    }

    /// Reads `range` of the section of bodies into `into` (replacing what it held, in the memory
    /// it has: a buffer used again is not faulted in or zeroed again): the bodies of the
    /// entries there, each checked as it is used (`Entry::body`). False when it cannot.
    pub fn read_bodies(&self, range: Range<usize>, into: &mut Vec<u8>) -> bool {
        let (Some(head), Some(file)) = (self.head, self.file.as_ref()) else {
            return false;
        };
        if range.end > head.bodies_length {
            return false;
        }
        if into.len() < range.len() {
            into.resize(range.len(), 0);
        }
        into.truncate(range.len());
        read_at(file, (head.bodies_offset() + range.start) as u64, into).is_ok()
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

/// A file's entry for the next cache file: copied from the last one, or newly made. Small:
/// a load keeps one for every file (the entry kept is the one the load read, not a copy).
pub enum Piece<'a> {
    Kept(&'a Entry<'a>),
    New(Box<NewEntry>),
}

/// A file's entry newly made, and the identity it was made for.
pub struct NewEntry {
    pub identity: String,
    pub encoded: layout::Encoded,
}

impl Piece<'_> {
    pub fn identity(&self) -> &str {
        match self {
            Piece::Kept(entry) => entry.key.identity,
            Piece::New(new) => &new.identity,
        }
    }
}

/// Writes the cache file of `stored`'s root from the pieces of this load when they differ from
/// what it held (`before`: a file added, changed or gone); leaves it alone otherwise. Entries
/// kept need the old originals (when those cannot be read, only the new entries are written)
/// and their bodies, copied from the old file as the new one is written (when one cannot be
/// read, nothing is written, and the old file stays).
pub fn update(cache: &Cache, stored: &Stored, before: &Index<'_>, pieces: &[Piece<'_>]) {
    // Most often every file was there before, unchanged, in the same order: said without
    // hashing every identity (a fortieth of a search through the cache, after its last file).
    // An entry kept is most often the very one in `before` (else one read with the head).
    let same = |kept: &Entry, entry: &Entry| {
        std::ptr::eq(kept.bytes, entry.bytes) || kept.bytes == entry.bytes
    };
    let unchanged = pieces.len() == before.len()
        && (pieces.iter().zip(before.iter()))
            .all(|(piece, entry)| matches!(piece, Piece::Kept(kept) if same(kept, entry)));
    if unchanged {
        return;
    }
    let mut seen = HashSet::with_capacity(pieces.len());
    let pieces: Vec<&Piece> = pieces
        .iter()
        .filter(|p| seen.insert(p.identity()))
        .collect();
    let kept = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Kept(_)))
        .count();
    if kept == pieces.len() && kept == before.len() {
        return;
    }
    let old_originals = if kept > 0 { stored.originals() } else { None };
    let parts = pieces.iter().filter_map(|piece| match piece {
        Piece::Kept(entry) => Some(layout::Parts {
            entry: entry.bytes,
            body: layout::Held::Stored(entry.body.clone()),
            originals: old_originals?.get(entry.originals.clone())?,
        }),
        Piece::New(new) => Some(new.encoded.parts()),
    });
    let mut read_stored = |range, into: &mut Vec<u8>| stored.read_bodies(range, into);
    cache.write(&stored.root, parts, &mut read_stored);
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
