//! Passage bookmarks: the model saved in `bookmarks.json`, the changes a person makes to it, and
//! `BookmarkStore`, which saves every change at once.
//!
//! Changes are operations (insert, update a note, remove), not snapshots: each is applied to the
//! copy of the file read under the lock, so a bookmark another folio added meanwhile is kept and
//! one it removed stays removed. The model and the operations are pure; only `store` touches the
//! disk.

pub mod anchor;

use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use anchor::{Anchor, Passage, Selection, capture, resolve_passage};

use crate::article::Article;
use crate::config::Paths;
use crate::sanitize::{sanitize, sanitize_line};
use crate::store::{self, Document, StoreError};
use crate::timestamp::Timestamp;

/// Which article a bookmark belongs to, as it was when the bookmark was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    /// `Article::id`: found again by this first.
    pub id: String,
    /// Where the article was loaded from.
    pub path: String,
    /// Its title: how a moved file is recognised, and what is shown when it is not loaded.
    pub title: String,
    /// Fields a newer folio wrote that this one does not know: kept, and written back.
    #[serde(flatten, default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

/// A saved passage with its note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique across processes and machines: creation time, process id and random bits.
    pub id: String,
    pub article: ArticleRef,
    pub passage: Passage,
    #[serde(default)]
    pub note: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// Fields a newer folio wrote that this one does not know: kept, and written back.
    #[serde(flatten, default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

/// What the interface hands over to make a bookmark; the store gives it an id and times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBookmark {
    pub article: ArticleRef,
    pub passage: Passage,
    pub note: String,
}

impl NewBookmark {
    /// A bookmark of `selection` in `article`; `None` when the selection marks no text.
    pub fn from_selection(article: &Article, selection: Selection, note: &str) -> Option<Self> {
        Some(NewBookmark {
            article: ArticleRef {
                id: article.id.clone(),
                path: article.path.clone(),
                title: article.title.clone(),
                extra: Map::new(),
            },
            passage: capture(&article.blocks, selection)?,
            note: note.to_owned(),
        })
    }
}

/// The whole of `bookmarks.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookmarksFile {
    pub version: u32,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(flatten, default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

impl Default for BookmarksFile {
    fn default() -> Self {
        BookmarksFile {
            version: Self::VERSION,
            bookmarks: Vec::new(),
            extra: Map::new(),
        }
    }
}

impl Document for BookmarksFile {
    const VERSION: u32 = 1;
    const OFF_UNTIL_FIXED: &'static str = "bookmarking is off until it is fixed";
}

/// One change to the list, applied to whatever the file holds when it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Adds a bookmark (a new one, or a removed one restored); nothing if its id is there.
    Insert(Box<Bookmark>),
    UpdateNote {
        id: String,
        note: String,
        at: Timestamp,
    },
    Remove {
        id: String,
    },
}

impl Change {
    /// Applies the change; `Remove` returns what it removed (`None`: already gone).
    pub fn apply(&self, bookmarks: &mut Vec<Bookmark>) -> Result<Option<Bookmark>, StoreError> {
        match self {
            Change::Insert(bookmark) => {
                if !bookmarks.iter().any(|b| b.id == bookmark.id) {
                    // Kept in order of creation, so a restored bookmark returns to its place.
                    let at = bookmarks.partition_point(|b| b.created <= bookmark.created);
                    bookmarks.insert(at, (**bookmark).clone());
                }
                Ok(None)
            }
            Change::UpdateNote { id, note, at } => {
                let bookmark = bookmarks
                    .iter_mut()
                    .find(|b| &b.id == id)
                    .ok_or_else(|| StoreError::NotFound(sanitize_line(id)))?;
                bookmark.note.clone_from(note);
                bookmark.updated = *at;
                Ok(None)
            }
            Change::Remove { id } => Ok(bookmarks
                .iter()
                .position(|b| &b.id == id)
                .map(|i| bookmarks.remove(i))),
        }
    }
}

/// A new bookmark id: `<ms since 1970, hex>-<pid, hex>-<32 random bits, hex>`. Time and pid keep
/// two folio processes apart, the random bits two machines sharing a synced folder, and the
/// counter hashed in two bookmarks made in the same millisecond.
pub fn new_id(now: Timestamp) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // std's RandomState is seeded from the OS per process: random bits without a new crate.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_i64(now.0);
    format!(
        "{:x}-{:x}-{:08x}",
        now.0,
        std::process::id(),
        hasher.finish() as u32
    )
}

/// The article a bookmark belongs to among `articles`, and where its passage is. By id first;
/// failing that, an article with the same title that holds the quote (the file was moved or
/// renamed, which changes its id).
pub fn find_article<'a>(
    bookmark: &Bookmark,
    articles: &'a [Article],
) -> Option<(&'a Article, Anchor)> {
    if let Some(article) = articles.iter().find(|a| a.id == bookmark.article.id) {
        return Some((article, resolve(bookmark, article)));
    }
    articles
        .iter()
        .filter(|a| a.title == bookmark.article.title)
        .map(|a| (a, resolve(bookmark, a)))
        .find(|(_, anchor)| *anchor != Anchor::Orphaned)
}

/// Where `bookmark`'s passage is in `article` now.
pub fn resolve(bookmark: &Bookmark, article: &Article) -> Anchor {
    resolve_passage(&bookmark.passage, &article.blocks)
}

/// A bookmark safe to draw: the file may have been edited by hand, and whatever is in it reaches
/// the screen. Only the in-memory copy is cleaned; the file keeps what the person wrote.
fn sanitized(mut bookmark: Bookmark) -> Bookmark {
    // Not the id: it is a key, never shown, and a change is matched by it in the file, so a
    // sanitized copy ("b^Gx") would match nothing there.
    for field in [
        &mut bookmark.article.title,
        &mut bookmark.article.path,
        &mut bookmark.passage.before,
        &mut bookmark.passage.after,
    ] {
        *field = sanitize_line(field);
    }
    bookmark.passage.quote = sanitize(&bookmark.passage.quote);
    bookmark.note = sanitize(&bookmark.note);
    // Fields a newer folio wrote are shown too (`folio bookmarks --json`), and serde_json escapes
    // only C0 controls: a U+009B in one went out as a live 8-bit CSI.
    bookmark.extra = sanitized_map(std::mem::take(&mut bookmark.extra));
    bookmark.article.extra = sanitized_map(std::mem::take(&mut bookmark.article.extra));
    bookmark.passage.extra = sanitized_map(std::mem::take(&mut bookmark.passage.extra));
    bookmark
}

fn sanitized_map(map: Map<String, Value>) -> Map<String, Value> {
    map.into_iter()
        .map(|(key, value)| (sanitize_line(&key), sanitized_value(value)))
        .collect()
}

fn sanitized_value(value: Value) -> Value {
    match value {
        Value::String(text) => Value::String(sanitize(&text)),
        Value::Array(items) => Value::Array(items.into_iter().map(sanitized_value).collect()),
        Value::Object(map) => Value::Object(sanitized_map(map)),
        other => other,
    }
}

/// The bookmarks of one person, saved in `bookmarks.json` on every change.
#[derive(Debug)]
pub struct BookmarkStore {
    file: PathBuf,
    bookmarks: Vec<Bookmark>,
    disabled: Option<String>,
    /// How long a change waits for another folio's lock.
    patience: store::Patience,
    /// Bookmarks removed in this session as the file held them, so an undo puts back what the
    /// person wrote rather than the sanitized copy the interface shows.
    removed: Vec<Bookmark>,
}

impl BookmarkStore {
    /// Reads the bookmarks. Never fails: an unreadable file opens the store disabled, with the
    /// reason, and the file is left alone.
    pub fn open(paths: &Paths) -> BookmarkStore {
        store::clean_up_after_crash(&paths.bookmarks());
        BookmarkStore::read(paths)
    }

    /// `open` for a command that only reads: it changes nothing on disk, not even the temp files
    /// a crashed folio left behind.
    pub fn read(paths: &Paths) -> BookmarkStore {
        let mut opened = BookmarkStore {
            file: paths.bookmarks(),
            bookmarks: Vec::new(),
            disabled: None,
            patience: store::DEFAULT_PATIENCE,
            removed: Vec::new(),
        };
        opened.reload();
        opened
    }

    /// Reads the file again: other folio processes' changes, or a file the person repaired.
    pub fn reload(&mut self) {
        match store::load::<BookmarksFile>(&self.file) {
            Ok(file) => {
                self.bookmarks = file.bookmarks.into_iter().map(sanitized).collect();
                self.disabled = None;
            }
            // The last good list stays on show, read-only.
            Err(reason) => self.disabled = Some(reason),
        }
    }

    /// Every bookmark, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.id == id)
    }

    /// How long a change waits for another folio's lock before it fails with
    /// `StoreError::Busy` (and nothing is written).
    pub fn set_patience(&mut self, patience: store::Patience) {
        self.patience = patience;
    }

    /// Why bookmarking is off (the file cannot be read), in one line naming the file.
    pub fn disabled_reason(&self) -> Option<&str> {
        self.disabled.as_deref()
    }

    /// Saves a new bookmark and returns its id. On an error nothing was saved; the caller still
    /// holds `new` and can try again.
    pub fn add(&mut self, new: &NewBookmark) -> Result<String, StoreError> {
        let now = Timestamp::now();
        let bookmark = Bookmark {
            id: new_id(now),
            article: new.article.clone(),
            passage: new.passage.clone(),
            note: sanitize(&new.note),
            created: now,
            updated: now,
            extra: Map::new(),
        };
        let id = bookmark.id.clone();
        self.save(Change::Insert(Box::new(bookmark)))?;
        Ok(id)
    }

    /// Replaces a bookmark's note. `StoreError::NotFound` when another folio removed it.
    pub fn update_note(&mut self, id: &str, note: &str) -> Result<(), StoreError> {
        let change = Change::UpdateNote {
            id: id.to_owned(),
            note: sanitize(note),
            at: Timestamp::now(),
        };
        self.save(change).map(drop)
    }

    /// Removes a bookmark and returns it, for an undo (`None`: it was already gone).
    pub fn remove(&mut self, id: &str) -> Result<Option<Bookmark>, StoreError> {
        let removed = self.save(Change::Remove { id: id.to_owned() })?;
        self.removed.extend(removed.clone());
        Ok(removed)
    }

    /// Puts a removed bookmark back, with its id, times and note: the undo of `remove`. A
    /// bookmark this store removed goes back as the file held it.
    pub fn restore(&mut self, bookmark: Bookmark) -> Result<(), StoreError> {
        let bookmark = match self.removed.iter().rposition(|b| b.id == bookmark.id) {
            Some(index) => self.removed[index].clone(),
            None => bookmark,
        };
        self.save(Change::Insert(Box::new(bookmark))).map(drop)
    }

    fn save(&mut self, change: Change) -> Result<Option<Bookmark>, StoreError> {
        if let Some(reason) = &self.disabled {
            return Err(StoreError::Unreadable(reason.clone()));
        }
        let saved = store::update(&self.file, self.patience, |file: &mut BookmarksFile| {
            change.apply(&mut file.bookmarks)
        });
        match saved {
            Ok((file, result)) => {
                self.bookmarks = file.bookmarks.into_iter().map(sanitized).collect();
                Ok(result)
            }
            Err(StoreError::Unreadable(reason)) => {
                self.disabled = Some(reason.clone());
                Err(StoreError::Unreadable(reason))
            }
            Err(StoreError::NotFound(id)) => {
                // Another folio removed it: show the list as it is now.
                self.reload();
                Err(StoreError::NotFound(id))
            }
            Err(err) => Err(err),
        }
    }
}

#[cfg(test)]
mod tests;
