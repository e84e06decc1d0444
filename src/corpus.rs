//! Finds and loads articles: walks the paths a person gives, reads each file, and reports every
//! file it skips with the reason. Also holds the bundled articles used when no path is given.
//!
//! This is the only module that reads article files from disk. The walk is depth-first in name
//! order, so the list is the same on every run; loading runs on every core.
//!
//! What the walk will not do, whatever a folder holds: follow a symlink to a folder found inside
//! it (a link to `/` would walk the whole file system; rg and fd do not follow them either), or
//! open anything but a regular file found inside it (a pipe would wait for a writer for ever).
//! A pipe or device the person names is opened without waiting and read within a time bound.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::article::mail::{looks_like_message, message_id};
use crate::article::{Article, Format};
use crate::decode::{BINARY_SNIFF_LEN, NotText, decode, decode_with_hint, sniff_html_charset};
use crate::sanitize::{is_all_plain, sanitize_line};

mod mbox;
mod original;
mod stream;
pub use original::read_original;
pub use stream::{
    LoadEvent, Reading, StoredFilter, load, load_in_background, load_where, load_with,
};

/// Asked about the whole text of a plain-text file that sanitizing leaves as it is (so every word
/// of its body is a word of this text, as written): false when no article built from it can
/// hold what the caller wants. Such a file is passed over unparsed, and not reported.
pub type TextFilter<'a> = &'a (dyn Fn(&str) -> bool + Sync);

/// Files larger than this are skipped: a reader has no business loading a disk image.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How long a pipe or device named on the command line may take to reach its end.
pub const SPECIAL_FILE_PATIENCE: Duration = Duration::from_secs(5);

/// The articles compiled into the binary: (file name, text).
const BUNDLED: &[(&str, &str)] = &[
    (
        "japan-worried-us-will-cede-concessions-to-dprk.txt",
        include_str!("../assets/japan-worried-us-will-cede-concessions-to-dprk.txt"),
    ),
    (
        "north-korea-coming-in-from-the-cold.txt",
        include_str!("../assets/north-korea-coming-in-from-the-cold.txt"),
    ),
];

/// A file that was not loaded, and why, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path as the person would type it, sanitized for display.
    pub path: String,
    pub reason: String,
    /// The person named this path on the command line (rather than it being found in a folder):
    /// a failure here is an error, not a passing remark.
    pub named: bool,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "skipped {}: {}", self.path, self.reason)
    }
}

/// Everything loaded from a set of paths.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    /// With `Reading::counting`, the articles that match its query, in article order.
    pub hits: Vec<crate::search::Hit>,
}

/// The bundled articles.
pub fn bundled() -> Corpus {
    let articles = BUNDLED
        .iter()
        .map(|(name, text)| {
            let stem = name.trim_end_matches(".txt");
            Article::from_text(&format!("bundled/{name}"), stem, Format::Text, *text)
        })
        .collect();
    Corpus {
        articles,
        ..Corpus::default()
    }
}

/// A file found by the walk, with its format already known.
#[derive(Debug, Clone)]
struct Candidate {
    path: PathBuf,
    /// The path the id is made from: the canonical form of the path the person named, then the
    /// names walked below it. The same file named two ways (./a.txt, /home/me/a.txt) has one id,
    /// at the cost of one `canonicalize` per named path rather than one per file.
    identity: PathBuf,
    /// The size the walk saw: a hint for reading, so the file is not asked for it twice.
    size: u64,
    /// When the file was last changed, as the walk saw it (with the size, the cache's key).
    modified: Option<SystemTime>,
    /// The path the person named that this file was found by: its index in `roots_of`.
    root: usize,
    format: Format,
    named: bool,
    /// Not a regular file: a pipe or a device the person named, read without waiting for it.
    special: bool,
}

/// A file the walk found. One in a folder is named, asked for its size and time and made a
/// `Candidate` (`FoundFile::stat`) by the worker that loads it, not by the walk: one thread
/// walks, every core does the rest, and a `stat` per file was most of what the walk cost.
enum FoundFile {
    /// Named on the command line, or a link: the walk has asked about it already.
    Stated(Candidate),
    InFolder {
        folder: Arc<Folder>,
        name: std::ffi::OsString,
        /// The folder's entry for it, for a `stat` of the folder the walk opened (`fstatat`)
        /// rather than of the whole path again.
        entry: fs::DirEntry,
        format: Format,
    },
}

/// A folder the walk read: what its files' paths and identities start with.
struct Folder {
    path: PathBuf,
    identity: PathBuf,
    root: usize,
}

impl FoundFile {
    /// The file with its size and time, or why it cannot be read.
    fn stat(&self) -> Result<Candidate, Skipped> {
        let (folder, name, entry, format) = match self {
            FoundFile::Stated(candidate) => return Ok(candidate.clone()),
            FoundFile::InFolder {
                folder,
                name,
                entry,
                format,
            } => (folder, name, entry, format),
        };
        let path = child_of(&folder.path, name);
        let reason = match entry.metadata() {
            Ok(meta) if meta.is_file() => {
                return Ok(Candidate {
                    identity: child_of(&folder.identity, name),
                    path,
                    size: meta.len(),
                    modified: meta.modified().ok(),
                    root: folder.root,
                    format: *format,
                    named: false,
                    special: false,
                });
            }
            Ok(_) => "not a regular file".to_owned(),
            Err(error) => io_reason(&error),
        };
        Err(Skipped {
            path: display_path(&path),
            reason,
            named: false,
        })
    }
}

/// The path of `name` in `folder`, made at its length at once: `Path::join` grew it by
/// reallocating, twice for every file of a load.
fn child_of(folder: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut path = PathBuf::with_capacity(folder.as_os_str().len() + 1 + name.len());
    path.push(folder);
    path.push(name);
    path
}

/// What a whole walk found: the files to load, and the files passed over.
#[cfg(test)]
struct Found {
    files: Vec<Candidate>,
    skipped: Vec<Skipped>,
}

/// The canonical form of each path the person named, or `None` for one that is not a folder
/// or a regular file: the roots the walk's files refer to by index (`Candidate::root`), and what
/// their cache files are named by. Known before the walk, so the cache is read while it goes on.
fn roots_of(paths: &[PathBuf]) -> Vec<Option<PathBuf>> {
    paths
        .iter()
        .map(|path| match fs::metadata(path) {
            Ok(meta) if meta.is_dir() || meta.is_file() => {
                Some(fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            }
            _ => None,
        })
        .collect()
}

/// Walks `paths` completely (see `walk`).
#[cfg(test)]
fn find_files(paths: &[PathBuf]) -> Found {
    let roots = roots_of(paths);
    let mut found_files = Vec::new();
    let (_, mut skipped) = walk(paths, &roots, usize::MAX, &mut |found| {
        found_files.extend(found);
        Some(usize::MAX)
    });
    let mut files = Vec::new();
    for found in found_files {
        match found.stat() {
            Ok(file) => files.push(file),
            Err(skip) => skipped.push(skip),
        }
    }
    Found { files, skipped }
}

/// Walks `paths`, their roots being `roots` (from `roots_of`): files are taken as they are,
/// folders recursively. Hidden entries inside folders are passed over (a person who names one
/// explicitly gets it). The files go to `found` as they are found, in chunks in walk order
/// (`first` files the first, then as many as `found` asks for next), so they can be loaded
/// while the walk goes on; it stops when `found` returns `None`.
/// Returns how many files were found, and the paths passed over.
fn walk(
    paths: &[PathBuf],
    roots: &[Option<PathBuf>],
    first: usize,
    found: &mut dyn FnMut(Vec<FoundFile>) -> Option<usize>,
) -> (usize, Vec<Skipped>) {
    let mut walk = Walk {
        files: Vec::new(),
        skipped: Vec::new(),
        seen_dirs: HashSet::default(),
        root: 0,
        chunk: first,
        found,
        count: 0,
        stopped: false,
    };
    for (index, path) in paths.iter().enumerate() {
        if walk.stopped {
            break;
        }
        let identity = || {
            roots[index]
                .clone()
                .unwrap_or_else(|| fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
        };
        walk.root = index;
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.dir(path, identity(), true),
            Ok(meta) if meta.is_file() => walk.file(path, identity(), &meta, true),
            Ok(meta) if is_socket(&meta) => walk.skip(path, true, "a socket, not a file"),
            Ok(meta) => walk.special(path, identity(), &meta),
            Err(error) => walk.skip(path, true, io_reason(&error)),
        }
    }
    walk.hand_over();
    (walk.count, walk.skipped)
}

struct Walk<'a> {
    /// Found and not yet handed over.
    files: Vec<FoundFile>,
    skipped: Vec<Skipped>,
    /// Folders already walked, by identity, so a symlink loop or a folder named twice is walked once.
    seen_dirs: HashSet<FileIdentity>,
    /// The named path being walked (see `Candidate::root`).
    root: usize,
    /// How many files are handed over next, at most, and to whom (see `walk`).
    chunk: usize,
    found: &'a mut dyn FnMut(Vec<FoundFile>) -> Option<usize>,
    count: usize,
    stopped: bool,
}

impl Walk<'_> {
    /// Hands the files found so far over.
    fn hand_over(&mut self) {
        if !self.files.is_empty() && !self.stopped {
            let files = std::mem::take(&mut self.files);
            match (self.found)(files) {
                Some(next) => self.chunk = next.max(1),
                None => self.stopped = true,
            }
        }
    }

    fn skip(&mut self, path: &Path, named: bool, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            path: display_path(path),
            reason: reason.into(),
            named,
        });
    }

    /// A file the walk has asked about (`meta`).
    fn file(&mut self, path: &Path, identity: PathBuf, meta: &fs::Metadata, named: bool) {
        self.add(path, identity, meta, named, false);
    }

    /// Not a regular file: a pipe or a device the person named, read without waiting for it.
    fn special(&mut self, path: &Path, identity: PathBuf, meta: &fs::Metadata) {
        self.add(path, identity, meta, true, true);
    }

    fn add(
        &mut self,
        path: &Path,
        identity: PathBuf,
        meta: &fs::Metadata,
        named: bool,
        special: bool,
    ) {
        if let Some(format) = self.format_of(path, named) {
            self.found(FoundFile::Stated(Candidate {
                path: path.to_owned(),
                identity,
                size: meta.len(),
                modified: meta.modified().ok(),
                root: self.root,
                format,
                named,
                special,
            }));
        }
    }

    /// The format a file's name says, or `None` (and it is passed over) when folio reads no
    /// such file.
    fn format_of(&mut self, path: &Path, named: bool) -> Option<Format> {
        let extension = path.extension().and_then(|e| e.to_str());
        let format = Format::from_extension(extension);
        if format.is_none() {
            self.skip(
                path,
                named,
                format!(
                    "not a text, Markdown, HTML or mail file (.{})",
                    extension.unwrap_or_default()
                ),
            );
        }
        format
    }

    fn found(&mut self, file: FoundFile) {
        self.files.push(file);
        self.count += 1;
        if self.files.len() >= self.chunk {
            self.hand_over();
        }
    }

    fn dir(&mut self, path: &Path, identity: PathBuf, named: bool) {
        match file_identity(path) {
            Ok(identity) => {
                if !self.seen_dirs.insert(identity) {
                    self.skip(path, named, "folder already read (a symlink loop?)");
                    return;
                }
            }
            Err(error) => return self.skip(path, named, io_reason(&error)),
        }
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(error) => return self.skip(path, named, io_reason(&error)),
        };
        // Each name asked for once: sorting by `DirEntry::file_name` made a copy per comparison.
        let mut entries: Vec<(std::ffi::OsString, fs::DirEntry)> = entries
            .filter_map(Result::ok)
            .map(|entry| (entry.file_name(), entry))
            .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
            .collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let folder = Arc::new(Folder {
            path: path.to_owned(),
            identity,
            root: self.root,
        });
        for (name, entry) in entries {
            if self.stopped {
                return;
            }
            // A link is followed: a link to a file is read, a dangling link is reported, a link
            // to a folder is not followed. A file is stated by its loader (`FoundFile`); a
            // folder the walk asks about itself, of the folder already open (`fstatat`), not by
            // its whole path again: a fifth of the walk went to path lookups.
            let kind = entry.file_type().ok().filter(|t| !t.is_symlink());
            if kind.is_some_and(|t| t.is_file()) {
                // Named by the worker; only a name that says nothing folio reads is made a path
                // here, to say so.
                if let Some(format) =
                    Format::from_extension(Path::new(&name).extension().and_then(|e| e.to_str()))
                {
                    let folder = Arc::clone(&folder);
                    self.found(FoundFile::InFolder {
                        folder,
                        name,
                        entry,
                        format,
                    });
                } else {
                    self.format_of(&path.join(&name), false);
                }
                continue;
            }
            let child = path.join(&name);
            let child_identity = folder.identity.join(&name);
            let linked = kind.is_none();
            let meta = if linked {
                fs::metadata(&child)
            } else {
                entry.metadata()
            };
            match meta {
                Ok(meta) if meta.is_dir() && linked => {
                    self.skip(&child, false, "a link to a folder, not followed");
                }
                Ok(meta) if meta.is_dir() => self.dir(&child, child_identity, false),
                Ok(meta) if meta.is_file() => self.file(&child, child_identity, &meta, false),
                Ok(_) => self.skip(&child, false, "not a regular file"),
                Err(error) => self.skip(&child, false, io_reason(&error)),
            }
        }
    }
}

#[cfg(unix)]
fn is_socket(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_socket()
}

#[cfg(not(unix))]
fn is_socket(_: &fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
type FileIdentity = (u64, u64);
#[cfg(not(unix))]
type FileIdentity = PathBuf;

#[cfg(unix)]
fn file_identity(path: &Path) -> std::io::Result<FileIdentity> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path)?;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_identity(path: &Path) -> std::io::Result<FileIdentity> {
    fs::canonicalize(path)
}

/// Loads one file: its article, or the articles of every message in it (an mbox); none when
/// `wanted` refuses its text.
fn load_file(candidate: &Candidate, wanted: Option<TextFilter>) -> Result<Vec<Article>, Skipped> {
    load_file_telling(candidate, wanted, false, &mut Told::default())
}

/// What `load_file_telling` tells besides the articles.
#[derive(Debug, Default)]
struct Told {
    /// The file is one a `TextFilter` is asked about: plain text that sanitizing leaves as it
    /// is, one article whose text is the file's.
    filterable: bool,
    /// The filter refused it: it holds nothing the caller wants.
    refused: bool,
}

/// `load_file`, telling what `Told` says. A file the filter refuses is passed over unparsed,
/// unless `build_refused` (the cache stores every file's articles, wanted this time or not).
fn load_file_telling(
    candidate: &Candidate,
    wanted: Option<TextFilter>,
    build_refused: bool,
    told: &mut Told,
) -> Result<Vec<Article>, Skipped> {
    let path = &candidate.path;
    let skipped = |reason: String| Skipped {
        path: display_path(path),
        reason,
        named: candidate.named,
    };
    let too_large = || skipped(format!("larger than {} MB", MAX_FILE_BYTES / 1024 / 1024));
    if candidate.size > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let read = if candidate.special {
        read_special(path, MAX_FILE_BYTES, SPECIAL_FILE_PATIENCE)
    } else {
        read_at_most(path, candidate.size, MAX_FILE_BYTES)
    };
    let bytes = read
        .map_err(|e| skipped(io_reason(&e)))?
        .ok_or_else(too_large)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let identity = candidate.identity.to_string_lossy();
    let may_be_mail = matches!(candidate.format, Format::Text | Format::Mail);
    // An mbox is decoded message by message, each by its own charset; the file as a whole only
    // has to be text.
    if may_be_mail && mbox::looks_like_mbox(&bytes) {
        let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
        if sniffed.contains(&0) {
            return Err(skipped(
                "binary file (NUL byte in the first 8 KB)".to_owned(),
            ));
        }
        let mut articles = load_mbox(&bytes, &identity, path, &stem);
        if !candidate.special {
            for (index, article) in articles.iter_mut().enumerate() {
                article.read_from(path.clone(), Some(index + 1));
            }
        }
        return Ok(articles);
    }
    let decoded =
        decode_with_hint(&bytes, declared_charset(candidate.format, &bytes)).map_err(|reason| {
            match reason {
                NotText::Binary => skipped("binary file (NUL byte in the first 8 KB)".to_owned()),
            }
        })?;
    if decoded.text.trim().is_empty() {
        return Err(skipped("empty file".to_owned()));
    }
    let is_message = may_be_mail && looks_like_message(&bytes);
    let plain_text = !is_message && matches!(candidate.format, Format::Text | Format::Mail);
    told.filterable = plain_text && is_all_plain(&decoded.text);
    told.refused = told.filterable && wanted.is_some_and(|wanted| !wanted(&decoded.text));
    if told.refused && !build_refused {
        return Ok(Vec::new());
    }
    let mut article = if is_message {
        Article::from_message(&identity, &stem, &bytes, decoded.text)
    } else {
        let format = match candidate.format {
            Format::Mail => Format::Text,
            format => format,
        };
        Article::from_text(&identity, &stem, format, decoded.text)
    };
    article.path = display_path(path);
    // A pipe or device cannot be read again for the raw view: its article keeps the text.
    if !candidate.special {
        article.read_from(path.clone(), None);
    }
    Ok(vec![article])
}

/// The charset a file of `format` declares: only a web page does, in a text file "<meta charset"
/// is just words. The loader and the raw view (`original`) decode alike.
fn declared_charset(format: Format, bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match format {
        Format::Html => sniff_html_charset(bytes),
        Format::Text | Format::Markdown | Format::Mail => None,
    }
}

/// The messages of an mbox, each an article. Its id is the file's and the message's Message-ID
/// (its number in the file when it has none, or shares it with an earlier one), so an id stays
/// the same when messages are appended or deleted; its path is the file's and its number.
fn load_mbox(bytes: &[u8], identity: &str, path: &Path, stem: &str) -> Vec<Article> {
    let messages = mbox::messages(bytes);
    let mut seen_ids = HashSet::new();
    let keys: Vec<String> = (1..=messages.len())
        .zip(&messages)
        .map(|(number, message)| {
            message_id(message)
                .filter(|id| seen_ids.insert(id.clone()))
                .unwrap_or_else(|| number.to_string())
        })
        .collect();
    let shown_path = display_path(path);
    let read = |index: usize| {
        let (message, number) = (&messages[index], index + 1);
        let text = decode(message).map(|d| d.text).unwrap_or_default();
        let fallback = format!("{stem} #{number}");
        let id_path = format!("{identity}#{}", keys[index]);
        let mut article = Article::from_message(&id_path, &fallback, message, text);
        article.path = format!("{shown_path}#{number}");
        article
    };
    in_parallel(messages.len(), read)
}

/// Messages each worker thread takes at least: fewer are read on the calling thread.
const MESSAGES_PER_WORKER: usize = 64;

/// `(0..count).map(read)` on every core, in order: one large mbox loads as fast as the same
/// messages in as many files, which the loader spreads over the cores itself.
fn in_parallel<T: Send>(count: usize, read: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count / MESSAGES_PER_WORKER);
    if workers <= 1 {
        return (0..count).map(read).collect();
    }
    let per_worker = count.div_ceil(workers);
    std::thread::scope(|scope| {
        let read = &read;
        let handles: Vec<_> = (0..count)
            .step_by(per_worker)
            .map(|start| {
                let end = (start + per_worker).min(count);
                scope.spawn(move || (start..end).map(read).collect::<Vec<T>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Reads `path` whole, or `None` when it holds more than `limit` bytes. The size from `metadata`
/// is only a hint: a file can grow after it was checked, and a device or pipe the person named
/// (`/dev/zero`, `<(command)`) reports 0 and never ends, so the read itself stops at the limit.
fn read_at_most(path: &Path, size_hint: u64, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = fs::File::open(path)?;
    let capacity = usize::try_from(size_hint.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads a pipe or device the person named, or `None` past `limit` bytes. Opened without waiting
/// for a writer (a plain open of a pipe nobody writes to never returns), then read as data comes
/// until its end, for at most `patience`: a pipe that stays open and silent is given up.
#[cfg(unix)]
fn read_special(path: &Path, limit: u64, patience: Duration) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::{ErrorKind, Read};
    use std::os::unix::fs::OpenOptionsExt;
    /// A writer blocked in its own open (`> pipe` in a shell) joins a moment after the reader
    /// opens: an end of file this early may only mean it has not yet.
    const WRITER_GRACE: Duration = Duration::from_millis(200);
    const POLL: Duration = Duration::from_millis(10);
    let mut file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let start = Instant::now();
    let mut bytes = Vec::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut heard_from_a_writer = false;
    loop {
        match file.read(&mut buffer) {
            Ok(0) if heard_from_a_writer || start.elapsed() >= WRITER_GRACE => break,
            Ok(0) => std::thread::sleep(POLL),
            Ok(n) => {
                heard_from_a_writer = true;
                bytes.extend_from_slice(&buffer[..n]);
                if bytes.len() as u64 > limit {
                    return Ok(None);
                }
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => {
                heard_from_a_writer = true;
                if start.elapsed() >= patience {
                    return Err(std::io::Error::other(format!(
                        "a pipe or device that did not end within {} s",
                        patience.as_secs()
                    )));
                }
                std::thread::sleep(POLL);
            }
            Err(error) if error.kind() == ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    if bytes.is_empty() && !heard_from_a_writer {
        use std::os::unix::fs::FileTypeExt;
        let pipe = file.metadata()?.file_type().is_fifo();
        return Err(std::io::Error::other(if pipe {
            "a pipe with nothing writing to it"
        } else {
            "a device with nothing to read"
        }));
    }
    Ok(Some(bytes))
}

#[cfg(not(unix))]
fn read_special(path: &Path, limit: u64, _: Duration) -> std::io::Result<Option<Vec<u8>>> {
    read_at_most(path, 0, limit)
}

/// A path as text for the screen: lossy for non-UTF-8 names, sanitized for control characters.
pub fn display_path(path: &Path) -> String {
    sanitize_line(&path.to_string_lossy())
}

/// An I/O error in a few words, without Rust's "(os error 2)" suffix.
fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file or folder".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_owned(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_articles_load_with_their_titles() {
        let corpus = bundled();
        let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Japan worried that U.S. will cede concessions to DPRK",
                "North Korea coming in from the cold: what are Japan's fears?"
            ]
        );
    }

    /// A folder holding `names`, each with a short article in it.
    fn folder_of(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::TempDir::new().unwrap();
        for name in names {
            fs::write(dir.path().join(name), format!("{name}\n\nSome text.\n")).unwrap();
        }
        dir
    }

    #[test]
    fn a_file_has_one_id_however_it_is_named() {
        let dir = folder_of(&["a.txt"]);
        let file = dir.path().join("a.txt");
        let canonical = fs::canonicalize(&file).unwrap();
        let expected = crate::article::article_id(&canonical.to_string_lossy());
        let through_folder = load(&[dir.path().to_owned()]);
        let by_name = load(std::slice::from_ref(&file));
        let dotted = load(&[dir.path().join(".").join("a.txt")]);
        for corpus in [through_folder, by_name, dotted] {
            assert_eq!(corpus.articles[0].id, expected);
        }
    }

    #[test]
    fn a_file_deleted_between_the_walk_and_the_read_is_skipped() {
        let dir = folder_of(&["a.txt", "b.txt", "c.txt"]);
        let Found { files, skipped, .. } = find_files(&[dir.path().to_owned()]);
        assert_eq!((files.len(), skipped.len()), (3, 0));
        fs::remove_file(dir.path().join("b.txt")).unwrap();
        let results: Vec<_> = files.iter().map(|f| load_file(f, None)).collect();
        let reasons: Vec<_> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|s| (s.path.ends_with("b.txt"), s.reason.as_str(), s.named))
            .collect();
        assert_eq!(reasons, [(true, "no such file or folder", false)]);
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 2);
    }

    #[test]
    fn a_file_truncated_or_grown_between_the_walk_and_the_read_is_read_as_it_is_then() {
        let dir = folder_of(&["cut.txt", "grown.txt"]);
        let files = find_files(&[dir.path().to_owned()]).files;
        fs::write(dir.path().join("cut.txt"), "").unwrap();
        fs::write(
            dir.path().join("grown.txt"),
            "Grown\n\nMuch more text now.\n",
        )
        .unwrap();
        let results: Vec<_> = files.iter().map(|f| load_file(f, None)).collect();
        assert_eq!(results[0].as_ref().unwrap_err().reason, "empty file");
        assert_eq!(results[1].as_ref().unwrap()[0].title, "Grown");
    }

    #[test]
    fn reads_stop_at_the_limit_whatever_the_size_said() {
        let dir = folder_of(&["ten.txt"]);
        let path = dir.path().join("ten.txt");
        fs::write(&path, "0123456789").unwrap();
        // A size hint of 0 is what a device or a pipe reports.
        assert_eq!(read_at_most(&path, 0, 10).unwrap().unwrap().len(), 10);
        assert_eq!(read_at_most(&path, 0, 9).unwrap(), None);
        #[cfg(target_os = "linux")]
        {
            let corpus = load(&[PathBuf::from("/dev/zero")]);
            assert_eq!(corpus.skipped[0].reason, "larger than 64 MB");
        }
    }

    #[test]
    fn a_path_inside_a_file_is_reported() {
        // Root reads any folder, but nobody can list a folder whose parent is a regular file.
        let dir = folder_of(&["a.txt"]);
        let corpus = load(&[dir.path().join("a.txt").join("inside")]);
        assert!(corpus.articles.is_empty());
        assert_eq!(corpus.skipped.len(), 1);
        assert!(corpus.skipped[0].named);
        assert_eq!(
            corpus.skipped[0].reason,
            "part of the path is a file, not a folder"
        );
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_sockets_in_a_folder_are_passed_over_without_opening_them() {
        let dir = folder_of(&["a.txt"]);
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo not available; skipped");
            return;
        }
        let socket = std::os::unix::net::UnixListener::bind(dir.path().join("sock.md")).unwrap();
        // Opening the pipe would wait for a writer forever: the walk must not.
        let corpus = load(&[dir.path().to_owned()]);
        drop(socket);
        assert_eq!(corpus.articles.len(), 1);
        let mut reasons: Vec<_> = corpus.skipped.iter().map(|s| s.reason.as_str()).collect();
        reasons.sort_unstable();
        assert_eq!(reasons, ["not a regular file", "not a regular file"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_without_permission_is_reported() {
        use std::os::unix::fs::PermissionsExt;
        let dir = folder_of(&[]);
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::write(locked.join("a.txt"), "A\n\ntext\n").unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let still_readable = fs::read_dir(&locked).is_ok();
        let corpus = load(&[dir.path().to_owned()]);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        if still_readable {
            // Running as root (or with CAP_DAC_READ_SEARCH): permissions stop nothing.
            eprintln!("permissions do not apply to this user; skipped");
            return;
        }
        assert!(corpus.articles.is_empty());
        assert_eq!(corpus.skipped.len(), 1);
        assert_eq!(corpus.skipped[0].reason, "permission denied");
        assert!(!corpus.skipped[0].named);
    }

    /// An mbox of `count` messages, every third without a Message-ID.
    fn mbox_of(count: usize) -> String {
        (1..=count)
            .map(|n| {
                let id = if n % 3 == 0 {
                    String::new()
                } else {
                    format!("Message-ID: <{n}@lists.example>\n")
                };
                format!(
                    "From list@example.org Mon Mar  2 08:00:00 2026\nFrom: Writer {n} <w{n}@example.org>\n\
                     Subject: Message number {n}\nDate: Mon, 2 Mar 2026 08:00:00 +0000\n{id}\n\
                     Body of message {n}.\n>From the archive.\n\n"
                )
            })
            .collect()
    }

    #[test]
    fn an_mbox_is_an_article_per_message_with_ids_that_survive_appending() {
        let dir = folder_of(&[]);
        let path = dir.path().join("list.mbox");
        fs::write(&path, mbox_of(4)).unwrap();
        let before = load(std::slice::from_ref(&path));
        let titles: Vec<_> = before.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Message number 1",
                "Message number 2",
                "Message number 3",
                "Message number 4"
            ]
        );
        let third = &before.articles[2];
        assert_eq!(third.byline.as_deref(), Some("Writer 3"));
        assert_eq!(third.format, Format::Mail);
        assert!(third.path.ends_with("list.mbox#3"), "{}", third.path);
        assert_eq!(
            third.blocks[0].text,
            "Body of message 3.\nFrom the archive."
        );
        let raw = read_original(third).unwrap();
        assert!(
            raw.text.starts_with("From: Writer 3") && !raw.text.contains("Writer 4"),
            "the raw view is the message: {raw:?}"
        );
        // A name that does not say mbox: the content does.
        fs::write(dir.path().join("archive"), mbox_of(4)).unwrap();
        assert_eq!(load(&[dir.path().join("archive")]).articles.len(), 4);

        fs::write(&path, mbox_of(6)).unwrap();
        let after = load(std::slice::from_ref(&path));
        assert_eq!(after.articles.len(), 6);
        let ids = |c: &Corpus| c.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&before)[..], ids(&after)[..4]);
        // Messages appended after it leave message 3 as it was.
        assert_eq!(read_original(third).unwrap(), raw);
        let mut distinct = ids(&after);
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 6);
    }

    #[test]
    fn a_news_post_without_an_extension_is_read_as_a_message() {
        let dir = folder_of(&[]);
        fs::write(
            dir.path().join("53257"),
            "From: ann@example.org (Ann Example)\nSubject: Re: tides\nNewsgroups: sci.tides\n\
             Date: 20 Apr 93 12:00:00 GMT\n\nThe moon pulls.\n",
        )
        .unwrap();
        let corpus = load(&[dir.path().to_owned()]);
        let post = &corpus.articles[0];
        assert_eq!(
            (post.title.as_str(), post.meta_line().as_str()),
            ("Re: tides", "Ann Example · 1993-04-20 · sci.tides")
        );
        assert_eq!(post.blocks[0].text, "The moon pulls.");
    }

    #[test]
    fn a_filter_passes_over_plain_text_only_and_reports_nothing() {
        let dir = folder_of(&[]);
        let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).unwrap();
        write("a.txt", "A\n\nThe harbour at dawn.\n");
        write("b.txt", "B\n\nNothing here.\n");
        // Markup can make the word from pieces, and a message can encode it: both are parsed.
        write("c.md", "# C\n\nThe har*bour* at dawn.\n");
        write(
            "d.eml",
            "From: d@example.org\nSubject: D\nContent-Transfer-Encoding: base64\n\naGFyYm91cg==\n",
        );
        // Sanitizing changes this text, so its words are not the file's: parsed.
        write("e.txt", "E\n\nNothing\u{7} here.\n");
        let wanted = |text: &str| text.contains("harbour");
        let corpus = load_where(&[dir.path().to_owned()], Some(&wanted));
        let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["A", "C", "D", "E"]);
        assert!(corpus.skipped.is_empty());
        assert_eq!(load(&[dir.path().to_owned()]).articles.len(), 5);
    }

    #[test]
    fn the_raw_text_is_read_again_and_a_change_is_told() {
        use crate::article::original::OriginalText;
        let dir = folder_of(&[]);
        let path = dir.path().join("a.txt");
        fs::write(&path, "Title\r\n\r\nBody\u{7}.\r\n").unwrap();
        let corpus = load(std::slice::from_ref(&path));
        let article = &corpus.articles[0];
        assert_eq!(article.original.kept(), None, "not held in memory");
        let as_loaded = OriginalText {
            text: "Title\n\nBody^G.\n".to_owned(),
            changed: false,
        };
        assert_eq!(read_original(article), Ok(as_loaded));
        fs::write(&path, "Title\n\nOther text.\n").unwrap();
        let now = OriginalText {
            text: "Title\n\nOther text.\n".to_owned(),
            changed: true,
        };
        assert_eq!(read_original(article), Ok(now));
        fs::remove_file(&path).unwrap();
        assert_eq!(
            read_original(article),
            Err("no such file or folder".to_owned())
        );
        // A page read again by the charset it declares, as it was loaded.
        let page = dir.path().join("p.html");
        let latin1 = b"<meta charset=iso-8859-1><title>Caf\xe9</title><p>Caf\xe9 au lait.</p>";
        fs::write(&page, latin1).unwrap();
        let corpus = load(std::slice::from_ref(&page));
        let raw = read_original(&corpus.articles[0]).unwrap();
        assert!(!raw.changed && raw.text.contains("Café au lait"), "{raw:?}");
        // An mbox that lost its messages says so.
        let mbox = dir.path().join("list.mbox");
        fs::write(&mbox, mbox_of(2)).unwrap();
        let corpus = load(std::slice::from_ref(&mbox));
        fs::write(&mbox, mbox_of(1)).unwrap();
        assert_eq!(
            read_original(&corpus.articles[1]),
            Err("it no longer holds a message #2".to_owned())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_named_on_the_command_line_keeps_its_text() {
        let dir = folder_of(&[]);
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo not available; skipped");
            return;
        }
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::write(fifo, "Piped\n\nText.\n").unwrap())
        };
        let corpus = load(std::slice::from_ref(&fifo));
        writer.join().unwrap();
        let article = &corpus.articles[0];
        assert_eq!(article.original.kept(), Some("Piped\n\nText.\n"));
        assert_eq!(read_original(article).unwrap().text, "Piped\n\nText.\n");
    }

    #[test]
    fn missing_paths_are_reported_not_fatal() {
        let corpus = load(&[PathBuf::from("/definitely/not/here.txt")]);
        assert!(corpus.articles.is_empty());
        assert_eq!(corpus.skipped.len(), 1);
        assert_eq!(corpus.skipped[0].reason, "no such file or folder");
    }
}
