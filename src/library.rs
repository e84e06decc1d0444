//! The library: the folder where folio keeps the pages it saves (`folio add`, `folio import`),
//! which folder that is, what is already in it, and naming new files safely.
//!
//! Resolution order: `--library`, then `FOLIO_LIBRARY` (both arrive through clap), then `library`
//! in config.toml (see `config::library_dir`), then the platform's data directory (`$XDG_DATA_HOME/folio/library` on Linux, from `directories`).
//!
//! Each saved article is one self-describing HTML file (see `saved`); this module never parses
//! articles, it only finds folio's own header in them. Writes go through `store`'s atomic write.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::article::Format;
use crate::store::{self, StoreError};
use crate::timestamp::Timestamp;

pub mod add;
pub mod saved;

pub use saved::Header;

/// The longest file-name stem folio makes from a title, in bytes; with the date and extension a
/// name stays far below the 255 bytes file systems allow.
const MAX_STEM_BYTES: usize = 80;
/// How much of a saved file is read to find folio's header: it sits right after `<head>`, which
/// nearly every page opens within its first few hundred bytes; a page with a long preamble is
/// read further, up to the larger bound.
const HEADER_FIRST_BYTES: u64 = 4 * 1024;
const HEADER_SEARCH_BYTES: u64 = 64 * 1024;

/// The library folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    pub dir: PathBuf,
}

impl Library {
    /// Uses `explicit` when given, the platform's data dir otherwise; `None` when the platform
    /// has no home directory to put one in.
    pub fn resolve(explicit: Option<&Path>) -> Option<Library> {
        let dir = match explicit {
            Some(dir) => dir.to_owned(),
            None => directories::ProjectDirs::from("", "", "folio")?
                .data_dir()
                .join("library"),
        };
        Some(Library { dir })
    }

    /// Whether the folder holds at least one file folio reads (a missing folder holds none).
    pub fn has_articles(&self) -> bool {
        self.article_files().next().is_some()
    }

    /// The article files directly in the folder, hidden and temp files passed over.
    fn article_files(&self) -> impl Iterator<Item = PathBuf> {
        fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
            .map(|entry| entry.path())
            .filter(|path| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let extension = path.extension().and_then(|e| e.to_str());
                !name.starts_with('.')
                    && extension.is_some()
                    && Format::from_extension(extension).is_some()
            })
    }

    /// The pages already saved, by the address they were saved from.
    pub fn saved(&self) -> HashMap<String, PathBuf> {
        self.article_files()
            .filter_map(|path| {
                let header = read_header(&path)?;
                Some((header.url, path))
            })
            .collect()
    }

    /// Writes `html` (a page with folio's header already in it) as a new file named after
    /// `title`, atomically; returns its path. `replacing` is the file a `--force` save replaces.
    pub fn save(
        &self,
        title: &str,
        saved_at: Timestamp,
        html: &str,
        replacing: Option<&Path>,
    ) -> Result<PathBuf, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|source| StoreError::Io {
            action: "create the folder",
            path: crate::sanitize::sanitize_line(&self.dir.display().to_string()),
            source,
        })?;
        let file = match replacing {
            Some(old) => old.to_owned(),
            None => {
                let stem = file_stem(&saved_at.date(), title);
                self.dir
                    .join(unique_name(&stem, |name| self.dir.join(name).exists()))
            }
        };
        store::write_atomically(&file, html.as_bytes())?;
        Ok(file)
    }
}

/// folio's header in a saved file, reading only its start.
fn read_header(path: &Path) -> Option<Header> {
    let mut file = fs::File::open(path).ok()?;
    let mut start = Vec::new();
    (&mut file)
        .take(HEADER_FIRST_BYTES)
        .read_to_end(&mut start)
        .ok()?;
    if let Some(header) = saved::read_header(&String::from_utf8_lossy(&start)) {
        return Some(header);
    }
    if (start.len() as u64) < HEADER_FIRST_BYTES {
        return None;
    }
    file.take(HEADER_SEARCH_BYTES - HEADER_FIRST_BYTES)
        .read_to_end(&mut start)
        .ok()?;
    saved::read_header(&String::from_utf8_lossy(&start))
}

/// `2026-12-01-the-title-in-words`: the save date (so names sort by it), then the title's
/// letters and digits in lower case, runs of anything else as one `-`, cut at a character
/// boundary. Nothing in it can climb out of the folder, hide the file, or control a terminal.
pub fn file_stem(date: &str, title: &str) -> String {
    let mut words = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if words.len() + c.len_utf8() > MAX_STEM_BYTES {
                break;
            }
            words.push(c);
        } else if !words.is_empty() && !words.ends_with('-') {
            words.push('-');
        }
    }
    let words = words.trim_end_matches('-');
    let words = if words.is_empty() { "page" } else { words };
    format!("{date}-{words}")
}

/// `stem.html`, or `stem-2.html`, `stem-3.html`… : the first name `taken` says is free.
pub fn unique_name(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| match n {
            1 => format!("{stem}.html"),
            n => format!("{stem}-{n}.html"),
        })
        .find(|name| !taken(name))
        .unwrap_or_default()
}

/// The paths to open: those named, else the library when it has articles, else none (which means
/// the bundled articles).
pub fn paths_or_library(paths: Vec<PathBuf>, library: Option<&Library>) -> Vec<PathBuf> {
    match library {
        Some(library) if paths.is_empty() && library.has_articles() => {
            vec![library.dir.clone()]
        }
        _ => paths,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_becomes_a_dated_name_of_words() {
        assert_eq!(
            file_stem("2026-12-01", "Hello, World: A Story!"),
            "2026-12-01-hello-world-a-story"
        );
        assert_eq!(
            file_stem("2026-12-01", "Ça va — très bien"),
            "2026-12-01-ça-va-très-bien"
        );
        assert_eq!(file_stem("2026-12-01", "東京の夏"), "2026-12-01-東京の夏");
    }

    #[test]
    fn nothing_in_a_title_can_leave_the_folder_or_reach_a_terminal() {
        for title in [
            "../../etc/passwd",
            "..",
            "/",
            ".hidden",
            "a\x1b[31mred\x07",
            "\u{202e}gnp.exe",
        ] {
            let stem = file_stem("2026-12-01", title);
            assert!(
                !stem.contains('/') && !stem.contains('.') && !stem.contains('\\'),
                "{stem}"
            );
            assert!(
                !stem.chars().any(|c| c.is_control() || c == '\u{202e}'),
                "{stem:?}"
            );
        }
        assert_eq!(
            file_stem("2026-12-01", "../../etc/passwd"),
            "2026-12-01-etc-passwd"
        );
        assert_eq!(file_stem("2026-12-01", "…"), "2026-12-01-page");
        assert_eq!(file_stem("2026-12-01", ""), "2026-12-01-page");
    }

    #[test]
    fn a_long_title_is_cut_at_a_character_boundary() {
        let stem = file_stem("2026-12-01", &"é".repeat(500));
        assert!(stem.len() <= "2026-12-01-".len() + MAX_STEM_BYTES);
        assert!(stem.ends_with('é'));
        let stem = file_stem("2026-12-01", &"word ".repeat(100));
        assert!(!stem.ends_with('-'));
    }

    #[test]
    fn the_header_is_found_after_a_long_preamble_but_not_past_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let header = Header {
            url: "https://e.com/".to_owned(),
            saved: Timestamp(0),
            labels: Vec::new(),
        };
        let page = |preamble: usize| {
            let html = format!(
                "<!-- {} --><html><head></head></html>",
                "x".repeat(preamble)
            );
            saved::insert_header(&html, &header, None)
        };
        fs::write(dir.path().join("near.html"), page(10)).unwrap();
        fs::write(dir.path().join("far.html"), page(20_000)).unwrap();
        fs::write(dir.path().join("too-far.html"), page(100_000)).unwrap();
        assert!(read_header(&dir.path().join("near.html")).is_some());
        assert!(read_header(&dir.path().join("far.html")).is_some());
        assert!(read_header(&dir.path().join("too-far.html")).is_none());
    }

    #[test]
    fn names_never_collide() {
        let taken = ["a.html", "a-2.html"];
        assert_eq!(unique_name("a", |n| taken.contains(&n)), "a-3.html");
        assert_eq!(unique_name("b", |n| taken.contains(&n)), "b.html");
    }

    #[test]
    fn named_paths_win_and_an_empty_library_means_the_bundled_articles() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library {
            dir: dir.path().join("library"),
        };
        let named = vec![PathBuf::from("a.txt")];
        assert_eq!(paths_or_library(named.clone(), Some(&library)), named);
        assert!(paths_or_library(Vec::new(), Some(&library)).is_empty());
        fs::create_dir_all(&library.dir).unwrap();
        fs::write(library.dir.join(".hidden.html"), "x").unwrap();
        fs::write(library.dir.join("notes.pdf"), "x").unwrap();
        assert!(paths_or_library(Vec::new(), Some(&library)).is_empty());
        fs::write(library.dir.join("page.html"), "x").unwrap();
        assert_eq!(
            paths_or_library(Vec::new(), Some(&library)),
            std::slice::from_ref(&library.dir)
        );
        assert!(paths_or_library(Vec::new(), None).is_empty());
    }
}
