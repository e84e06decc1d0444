//! The one place folio's own files (`bookmarks.json`, `state.json`) touch the disk: loading with a
//! one-line explanation when a file cannot be read, and changing a file under a lock with an
//! atomic replace.
//!
//! The rules every saved file follows, so nothing a person made is ever lost:
//! - A change takes an exclusive lock on a separate `<name>.lock` (never on the file that the
//!   rename replaces, whose lock would vanish with the old inode), re-reads the file, applies the
//!   caller's change to that fresh copy, writes, then unlocks. Two processes never drop each
//!   other's work.
//! - Writing goes to `.<name>.<pid>-<n>-<16 random hex digits>.tmp` in the same folder, is
//!   `sync_all`ed, renamed over the file, and the folder is fsynced: a kill at any moment leaves
//!   the old file or the new one. Only names of exactly that form are ever removed as left
//!   behind, so a person's `.bookmarks.json.backup.tmp` is safe.
//! - A file that cannot be read (bad JSON, truncated, empty, a newer format) is never written:
//!   the caller gets a message naming the file and the problem and turns its feature off.
//! - The lock is waited for only as long as the caller says (`Patience`): a lock another
//!   process holds for ever (`flock bookmarks.lock sleep 600`) must not freeze the interface.
//!   Past that, nothing is written and the caller gets `StoreError::Busy`, to try again later.
//!
//! What a file holds and how changes merge is the callers' business (`bookmarks`, `positions`);
//! they stay pure and hand closures in.

use std::fs::{self, File, OpenOptions};
use std::hash::BuildHasher;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::sanitize::sanitize_line;

/// A file folio saves: its serde shape plus what the messages about it say.
pub trait Document: Serialize + DeserializeOwned + Default {
    /// The newest format version this build reads and writes.
    const VERSION: u32;
    /// The end of the message when the file cannot be read: what stops working meanwhile.
    const OFF_UNTIL_FIXED: &'static str;
}

/// Why a change could not be saved. Every message names the file or folder and the cause.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but cannot be read; it is left untouched. The message says it all.
    #[error("{0}")]
    Unreadable(String),
    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: String,
        #[source]
        source: io::Error,
    },
    /// The bookmark to change is no longer in the file (another folio removed it).
    #[error("the bookmark {0} no longer exists")]
    NotFound(String),
    /// Another process held the lock longer than the caller would wait. Nothing was written.
    #[error("another folio is holding {lock}")]
    Busy { lock: String },
}

/// How long a change waits for the lock before giving up with `StoreError::Busy`.
pub type Patience = Duration;

/// What a caller that does not say waits: long enough for any other folio's save, short enough
/// that a stuck lock ends in a message rather than a hang.
pub const DEFAULT_PATIENCE: Patience = Duration::from_secs(10);

impl StoreError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StoreError {
        let path = display(path);
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }
}

/// A path as it may be shown: control characters made visible.
fn display(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// Reads `file`. A missing file (or a config folder that does not exist, or is not a folder) is an
/// empty document: there is nothing to lose. Anything else that stops a clean read is an `Err`
/// holding the one-line message for the person.
pub fn load<T: Document>(file: &Path) -> Result<T, String> {
    match fs::read(file) {
        Ok(bytes) => parse::<T>(&bytes).map_err(|problem| {
            sanitize_line(&format!(
                "{} {problem}; {}",
                display(file),
                T::OFF_UNTIL_FIXED
            ))
        }),
        Err(err) if is_absent(&err) => Ok(T::default()),
        Err(err) => Err(sanitize_line(&format!(
            "{} could not be read ({}); {}",
            display(file),
            without_os_error(&err),
            T::OFF_UNTIL_FIXED
        ))),
    }
}

/// An I/O error as a person reads it: "Is a directory", without Rust's " (os error 21)".
pub fn without_os_error(err: &io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

fn is_absent(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

/// The version probe: read before the whole document so a newer format is reported as such
/// rather than as whatever field it renamed.
#[derive(serde::Deserialize)]
struct Probe {
    version: Option<serde_json::Value>,
}

/// Parses a saved file, or says what is wrong with it ("is not valid JSON at line 3: …").
pub fn parse<T: Document>(bytes: &[u8]) -> Result<T, String> {
    // Editors such as Notepad put a byte-order mark before JSON; serde_json does not skip one.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err("is empty".into()),
        // Checked first: the probe below would read `[1, 2]` as a struct and call the valid
        // JSON "not valid JSON: trailing characters".
        Some(b'{') => {}
        Some(_) => {
            return Err("does not have the expected contents: it is not a JSON object".into());
        }
    }
    let probe: Probe = serde_json::from_slice(bytes).map_err(explain)?;
    match probe.version.as_ref().map(serde_json::Value::as_u64) {
        None => return Err("has no \"version\" field".into()),
        Some(Some(v)) if v > u64::from(T::VERSION) => {
            return Err(format!(
                "was written by a newer folio (format version {v}; this one reads up to {})",
                T::VERSION
            ));
        }
        Some(Some(v)) if v >= 1 => {}
        Some(_) => return Err("has a \"version\" that is not a format version".into()),
    }
    serde_json::from_slice(bytes).map_err(explain)
}

fn explain(err: serde_json::Error) -> String {
    use serde_json::error::Category;
    let full = err.to_string();
    let location = format!(" at line {} column {}", err.line(), err.column());
    let detail = full.strip_suffix(&location).unwrap_or(&full);
    match err.classify() {
        Category::Eof => format!("is cut short at line {} ({detail})", err.line()),
        Category::Syntax | Category::Io => {
            format!("is not valid JSON at line {}: {detail}", err.line())
        }
        Category::Data => format!(
            "does not have the expected contents at line {}: {detail}",
            err.line()
        ),
    }
}

/// Changes `file` under its lock: re-reads it, lets `change` edit the fresh copy, writes it
/// atomically, and returns the copy as written with what `change` returned. When `change` fails
/// nothing is written. When the file cannot be read it is not written either:
/// `StoreError::Unreadable`.
pub fn update<T: Document, R>(
    file: &Path,
    patience: Patience,
    change: impl FnOnce(&mut T) -> Result<R, StoreError>,
) -> Result<(T, R), StoreError> {
    let dir = folder_of(file);
    fs::create_dir_all(&dir).map_err(StoreError::io("create the folder", &dir))?;
    let lock_path = lock_path(file);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(StoreError::io("open the lock file", &lock_path))?;
    lock_within(&lock, &lock_path, patience)?;
    // Under the lock no other folio is between creating and renaming a temp file, so any temp
    // file of ours that exists was left by a process that died.
    remove_stale_temps(file);
    let mut fresh = load::<T>(file).map_err(StoreError::Unreadable)?;
    let result = change(&mut fresh)?;
    let mut bytes = serde_json::to_vec_pretty(&fresh).map_err(|err| StoreError::Io {
        action: "encode",
        path: display(file),
        source: err.into(),
    })?;
    bytes.push(b'\n');
    write_atomically(file, &bytes)?;
    // Dropping the handle would unlock too; unlocking first says when it happens.
    let _ = lock.unlock();
    Ok((fresh, result))
}

/// Takes the exclusive lock on `lock`, waiting at most `patience` for another process to let go.
fn lock_within(lock: &File, lock_path: &Path, patience: Patience) -> Result<(), StoreError> {
    /// How often a held lock is tried again: a save takes milliseconds.
    const POLL: Duration = Duration::from_millis(5);
    let start = Instant::now();
    loop {
        match lock.try_lock() {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) => {
                let waited = start.elapsed();
                if waited >= patience {
                    return Err(StoreError::Busy {
                        lock: display(lock_path),
                    });
                }
                std::thread::sleep(POLL.min(patience - waited));
            }
            Err(fs::TryLockError::Error(error)) => {
                return Err(StoreError::io("lock", lock_path)(error));
            }
        }
    }
}

/// The lock file that guards `file`: `bookmarks.json` -> `bookmarks.lock`.
pub fn lock_path(file: &Path) -> PathBuf {
    file.with_extension("lock")
}

fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The file the bytes really go to: the target of a symlink, so a bookmarks file kept in a
/// dotfiles repository and linked into place stays a link.
fn real_target(file: &Path) -> PathBuf {
    match fs::symlink_metadata(file) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(file).unwrap_or_else(|_| file.to_owned())
        }
        _ => file.to_owned(),
    }
}

fn temp_prefix(file: &Path) -> String {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.")
}

/// A new temp file name for `target`: `.<name>.<pid>-<n>-<16 random hex digits>.tmp`.
fn temp_name(target: &Path) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // std's RandomState is seeded from the OS: random bits without a new crate.
    let random = std::collections::hash_map::RandomState::new().hash_one(0u8);
    format!(
        "{}{}-{}-{random:016x}.tmp",
        temp_prefix(target),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// True for a name `temp_name` could have made for the file whose temp names start with
/// `prefix`, and for no other.
fn is_temp_name(name: &str, prefix: &str) -> bool {
    let Some(middle) = name
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(".tmp"))
    else {
        return false;
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    match middle.split('-').collect::<Vec<_>>()[..] {
        [pid, counter, random] => {
            digits(pid)
                && digits(counter)
                && random.len() == 16
                && random
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }
        _ => false,
    }
}

/// Writes `bytes` to `file` so that a reader (or a crash) only ever sees the old file or the
/// new one. Leaves no temp file behind when any step fails.
pub fn write_atomically(file: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomically_with(file, |out| out.write_all(bytes))
}

/// `write_atomically`, the bytes written by `write` a part at a time (through a buffer): a
/// file that never needs to be whole in memory (the cache's, as large as the corpus). It may
/// seek back over what it wrote (the cache's head, made last).
pub fn write_atomically_with(
    file: &Path,
    write: impl FnOnce(&mut io::BufWriter<&mut File>) -> io::Result<()>,
) -> Result<(), StoreError> {
    let target = real_target(file);
    let dir = folder_of(&target);
    let temp = dir.join(temp_name(&target));
    let written = (|| {
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(StoreError::io("create", &temp))?;
        // Keep the permissions a person gave the old file (a chmod 600, say).
        if let Ok(meta) = fs::metadata(&target) {
            let _ = out.set_permissions(meta.permissions());
        }
        let mut buffered = io::BufWriter::with_capacity(64 * 1024, &mut out);
        write(&mut buffered)
            .and_then(|()| buffered.flush())
            .map_err(StoreError::io("write", &temp))?;
        drop(buffered);
        out.sync_all().map_err(StoreError::io("flush", &temp))?;
        // Closed before the rename: Windows cannot rename a file that is still open.
        drop(out);
        fs::rename(&temp, &target).map_err(StoreError::io("replace", &target))
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
        return written;
    }
    sync_folder(&dir);
    Ok(())
}

/// Makes the rename itself durable. Errors are ignored: the new file is already in place, and
/// some file systems cannot fsync a folder at all.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Temp files of our naming next to `file` (`.bookmarks.json.<pid>-<n>-<random>.tmp`).
fn stale_temps(file: &Path) -> Vec<PathBuf> {
    let target = real_target(file);
    let prefix = temp_prefix(&target);
    let Ok(entries) = fs::read_dir(folder_of(&target)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|name| is_temp_name(name, &prefix))
        })
        .map(|entry| entry.path())
        .collect()
}

fn remove_stale_temps(file: &Path) {
    for temp in stale_temps(file) {
        let _ = fs::remove_file(temp);
    }
}

/// On opening a store: removes temp files a killed folio left, but only when no other folio holds
/// the lock (one that does may be about to rename its temp file). Never blocks, never fails.
pub fn clean_up_after_crash(file: &Path) {
    if stale_temps(file).is_empty() {
        return;
    }
    let lock_path = lock_path(file);
    let Ok(lock) = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
    else {
        return;
    };
    if lock.try_lock().is_ok() {
        remove_stale_temps(file);
        let _ = lock.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Doc {
        version: u32,
        items: Vec<String>,
    }

    impl Document for Doc {
        const VERSION: u32 = 1;
        const OFF_UNTIL_FIXED: &'static str = "testing is off until it is fixed";
    }

    fn problem(text: &str) -> String {
        parse::<Doc>(text.as_bytes()).unwrap_err()
    }

    #[test]
    fn each_kind_of_unreadable_file_is_explained() {
        assert_eq!(problem(""), "is empty");
        assert_eq!(problem(" \n"), "is empty");
        assert!(
            problem("{\"version\": 1,\n\"items\": [\"a\",\n").starts_with("is cut short at line 3"),
            "{}",
            problem("{\"version\": 1,\n\"items\": [\"a\",\n")
        );
        assert!(problem("{\n\n\"version\": 1 x").starts_with("is not valid JSON at line 3: "));
        assert_eq!(
            problem("{\"version\": 2, \"whatever\": true}"),
            "was written by a newer folio (format version 2; this one reads up to 1)"
        );
        assert_eq!(problem("{\"items\": []}"), "has no \"version\" field");
        assert!(problem("{\"version\": \"one\"}").contains("not a format version"));
        assert!(problem("{\"version\": 0}").contains("not a format version"));
        assert!(
            problem("{\"version\": 1, \"items\": [3]}")
                .starts_with("does not have the expected contents at line 1: invalid type")
        );
    }

    #[test]
    fn a_good_file_parses() {
        let doc: Doc = parse(b"{\"version\": 1, \"items\": [\"a\"]}").unwrap();
        assert_eq!(doc.items, ["a"]);
        let with_bom: Doc = parse(b"\xef\xbb\xbf\n{\"version\": 1, \"items\": []}").unwrap();
        assert!(with_bom.items.is_empty());
    }

    #[test]
    fn json_that_is_not_an_object_is_called_what_it_is() {
        for text in ["[1, 2, 3]", "[1]", " \"text\"", "7", "null", "\u{feff}[]"] {
            assert_eq!(
                problem(text),
                "does not have the expected contents: it is not a JSON object",
                "{text:?}"
            );
        }
        assert_eq!(problem("\u{feff}"), "is empty");
    }

    #[test]
    fn lock_and_temp_names_sit_beside_the_file() {
        let file = Path::new("/cfg/bookmarks.json");
        assert_eq!(lock_path(file), Path::new("/cfg/bookmarks.lock"));
        assert_eq!(temp_prefix(file), ".bookmarks.json.");
        assert_eq!(folder_of(Path::new("x.json")), Path::new("."));
    }

    #[test]
    fn only_names_folio_makes_are_its_temp_files() {
        let prefix = temp_prefix(Path::new("/cfg/bookmarks.json"));
        let made = temp_name(Path::new("/cfg/bookmarks.json"));
        assert!(is_temp_name(&made, &prefix), "{made}");
        assert!(is_temp_name(
            ".bookmarks.json.12-0-00ff00ff00ff00ff.tmp",
            &prefix
        ));
        for name in [
            ".bookmarks.json.tmp",
            ".bookmarks.json.backup.tmp",
            ".bookmarks.json.12-0.tmp",
            ".bookmarks.json.12-0-00ff00ff00ff00f.tmp",
            ".bookmarks.json.12-0-00FF00FF00FF00FF.tmp",
            ".bookmarks.json.12-x-00ff00ff00ff00ff.tmp",
            ".bookmarks.json.12-0-00ff00ff00ff00ff-1.tmp",
            ".state.json.12-0-00ff00ff00ff00ff.tmp",
        ] {
            assert!(!is_temp_name(name, &prefix), "{name}");
        }
    }
}
