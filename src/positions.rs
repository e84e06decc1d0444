//! Reading positions and the last open article, saved in `state.json`.
//!
//! Positions change with every scroll, so `PositionStore` keeps them in memory and writes on
//! `save` (on quit or when switching articles). Saving merges with the file as it is then: per
//! article the newer `updated` wins, so two folio processes reading different articles keep both
//! positions; `last_open` is the saving process's when it set one. The merge is pure; only `store`
//! touches the disk.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::config::Paths;
use crate::store::{self, Document, StoreError};
use crate::timestamp::Timestamp;

/// Where a person is in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The block at the top of the reader.
    pub block: usize,
    /// Byte offset into that block's text of the first line shown: survives a change of width.
    pub offset: usize,
    /// How far through the article, 0 to 100, for the document list.
    pub percent: u8,
    pub updated: Timestamp,
    /// Read or unread as the person marked it by hand, over what `percent` says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<ReadMark>,
    /// Fields a newer folio wrote that this one does not know: kept, and written back.
    #[serde(flatten, default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

impl Position {
    /// A position stamped with the current time; `percent` above 100 reads as 100.
    pub fn now(block: usize, offset: usize, percent: u8) -> Position {
        Position {
            block,
            offset,
            percent: percent.min(100),
            updated: Timestamp::now(),
            mark: None,
            extra: Map::new(),
        }
    }
}

/// A read state set by hand (`x` in the list), kept until the article is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReadMark {
    Finished,
    Unread,
}

/// The whole of `state.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateFile {
    pub version: u32,
    #[serde(default)]
    pub last_open: Option<String>,
    #[serde(default)]
    pub positions: BTreeMap<String, Position>,
    /// The reading column's width in cells, as the person last set it with `-` and `+`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u16>,
    /// The list's order (`date`, `title`, `path`, `read`), as the person last chose it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// Fields a newer folio wrote that this one does not know: kept, and written back.
    #[serde(flatten, default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

impl Default for StateFile {
    fn default() -> Self {
        StateFile {
            version: Self::VERSION,
            last_open: None,
            positions: BTreeMap::new(),
            column: None,
            sort: None,
            extra: Map::new(),
        }
    }
}

impl Document for StateFile {
    const VERSION: u32 = 1;
    const OFF_UNTIL_FIXED: &'static str = "reading positions are not saved until it is fixed";
}

/// What this process changed beyond the positions, to merge into the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings<'a> {
    /// The article open now (`Some(None)`: none), when this process set it.
    pub last_open: Option<&'a Option<String>>,
    /// The reading column, when this process changed it.
    pub column: Option<u16>,
    /// The list's order, when this process changed it.
    pub sort: Option<&'a str>,
}

/// Merges this process's unsaved positions into `fresh` (the file as read under the lock): the
/// newer `updated` wins per article, ours on a tie. `last_open` and `column` are replaced only
/// when this process set them (`Some(None)` clears `last_open`).
pub fn merge(fresh: &mut StateFile, ours: &BTreeMap<String, Position>, settings: Settings<'_>) {
    let last_open = settings.last_open;
    if let Some(column) = settings.column {
        fresh.column = Some(column);
    }
    if let Some(sort) = settings.sort {
        fresh.sort = Some(sort.to_owned());
    }
    for (article, position) in ours {
        match fresh.positions.get_mut(article) {
            Some(theirs) if theirs.updated > position.updated => {}
            Some(theirs) => {
                // Ours wins, but fields a newer folio keeps beside the position stay.
                let mut position = position.clone();
                for (key, value) in std::mem::take(&mut theirs.extra) {
                    position.extra.entry(key).or_insert(value);
                }
                *theirs = position;
            }
            None => {
                fresh.positions.insert(article.clone(), position.clone());
            }
        }
    }
    if let Some(last_open) = last_open {
        fresh.last_open.clone_from(last_open);
    }
}

/// Reading positions: read once, changed in memory, written on `save`.
#[derive(Debug)]
pub struct PositionStore {
    file: PathBuf,
    state: StateFile,
    unsaved: BTreeMap<String, Position>,
    last_open: Option<Option<String>>,
    /// The reading column set in this process, not yet saved.
    column: Option<u16>,
    /// The list's order set in this process, not yet saved.
    sort: Option<String>,
    disabled: Option<String>,
    /// How long `save` waits for another folio's lock.
    patience: store::Patience,
}

impl PositionStore {
    /// Reads the positions. Never fails: an unreadable file opens the store disabled (positions
    /// are still kept in memory for this session), and the file is left alone.
    pub fn open(paths: &Paths) -> PositionStore {
        store::clean_up_after_crash(&paths.state());
        PositionStore::read(paths)
    }

    /// Reads the positions and touches nothing on disk, not even a temp file a crash left: for
    /// commands that only report (`folio list`).
    pub fn read(paths: &Paths) -> PositionStore {
        let file = paths.state();
        let (state, disabled) = match store::load::<StateFile>(&file) {
            Ok(state) => (state, None),
            Err(reason) => (StateFile::default(), Some(reason)),
        };
        PositionStore {
            file,
            state,
            unsaved: BTreeMap::new(),
            last_open: None,
            column: None,
            sort: None,
            disabled,
            patience: store::DEFAULT_PATIENCE,
        }
    }

    pub fn get(&self, article_id: &str) -> Option<&Position> {
        self.state.positions.get(article_id)
    }

    /// Every saved position, by article id.
    pub fn all(&self) -> &BTreeMap<String, Position> {
        &self.state.positions
    }

    /// Records a position in memory; `save` writes it.
    pub fn set(&mut self, article_id: &str, position: Position) {
        self.state
            .positions
            .insert(article_id.to_owned(), position.clone());
        self.unsaved.insert(article_id.to_owned(), position);
    }

    /// The article open when a folio last saved, to reopen it.
    pub fn last_open(&self) -> Option<&str> {
        self.state.last_open.as_deref()
    }

    pub fn set_last_open(&mut self, article_id: Option<&str>) {
        let article_id = article_id.map(str::to_owned);
        self.state.last_open.clone_from(&article_id);
        self.last_open = Some(article_id);
    }

    /// The reading column saved last, if one was.
    pub fn column(&self) -> Option<u16> {
        self.state.column
    }

    /// Records the reading column in memory, if it changed; `save` writes it.
    pub fn set_column(&mut self, column: u16) {
        if self.state.column != Some(column) {
            self.state.column = Some(column);
            self.column = Some(column);
        }
    }

    /// The list's order saved last, if one was.
    pub fn sort(&self) -> Option<&str> {
        self.state.sort.as_deref()
    }

    /// Records the list's order in memory, if it changed; `save` writes it.
    pub fn set_sort(&mut self, sort: &str) {
        if self.state.sort.as_deref() != Some(sort) {
            self.state.sort = Some(sort.to_owned());
            self.sort = Some(sort.to_owned());
        }
    }

    /// Whether there are changes `save` would write.
    pub fn has_unsaved(&self) -> bool {
        !self.unsaved.is_empty()
            || self.last_open.is_some()
            || self.column.is_some()
            || self.sort.is_some()
    }

    /// How long `save` waits for another folio's lock before it fails with `StoreError::Busy`
    /// (the changes stay unsaved, for the next try).
    pub fn set_patience(&mut self, patience: store::Patience) {
        self.patience = patience;
    }

    /// Why positions are not saved (the file cannot be read), in one line naming the file.
    pub fn disabled_reason(&self) -> Option<&str> {
        self.disabled.as_deref()
    }

    /// Writes the unsaved changes, merged with the file as it is now. On an error they stay
    /// unsaved, so a later `save` tries again.
    pub fn save(&mut self) -> Result<(), StoreError> {
        if let Some(reason) = &self.disabled {
            return Err(StoreError::Unreadable(reason.clone()));
        }
        if !self.has_unsaved() {
            return Ok(());
        }
        let saved = store::update(&self.file, self.patience, |fresh: &mut StateFile| {
            let settings = Settings {
                last_open: self.last_open.as_ref(),
                column: self.column,
                sort: self.sort.as_deref(),
            };
            merge(fresh, &self.unsaved, settings);
            Ok(())
        });
        match saved {
            Ok((fresh, ())) => {
                self.state = fresh;
                self.unsaved.clear();
                self.last_open = None;
                self.column = None;
                self.sort = None;
                Ok(())
            }
            Err(StoreError::Unreadable(reason)) => {
                self.disabled = Some(reason.clone());
                Err(StoreError::Unreadable(reason))
            }
            Err(err) => Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(block: usize, updated: i64) -> Position {
        Position {
            block,
            offset: 0,
            percent: 10,
            updated: Timestamp(updated),
            mark: None,
            extra: Map::new(),
        }
    }

    #[test]
    fn the_newer_position_wins_per_article() {
        let mut fresh = StateFile::default();
        fresh.positions.insert("a".into(), at(5, 200));
        fresh.positions.insert("b".into(), at(1, 100));
        fresh.last_open = Some("b".into());
        let ours = BTreeMap::from([
            ("a".to_owned(), at(3, 150)),
            ("b".to_owned(), at(2, 300)),
            ("c".to_owned(), at(9, 1)),
        ]);
        merge(&mut fresh, &ours, Settings::default());
        assert_eq!(fresh.positions["a"], at(5, 200), "theirs is newer");
        assert_eq!(fresh.positions["b"], at(2, 300), "ours is newer");
        assert_eq!(fresh.positions["c"], at(9, 1), "only ours has it");
        assert_eq!(fresh.last_open.as_deref(), Some("b"), "we did not set it");
        let c = Some("c".to_owned());
        let settings = Settings {
            last_open: Some(&c),
            column: None,
            sort: None,
        };
        merge(&mut fresh, &BTreeMap::new(), settings);
        assert_eq!(fresh.last_open.as_deref(), Some("c"));
        let settings = Settings {
            last_open: Some(&None),
            column: None,
            sort: None,
        };
        merge(&mut fresh, &BTreeMap::new(), settings);
        assert_eq!(fresh.last_open, None);
    }

    #[test]
    fn the_reading_column_is_kept_and_replaced_only_when_set() {
        let mut fresh: StateFile =
            store::parse(br#"{"version": 1, "column": 96, "theirs": {"kept": true}}"#).unwrap();
        assert_eq!(fresh.column, Some(96));
        merge(&mut fresh, &BTreeMap::new(), Settings::default());
        assert_eq!(fresh.column, Some(96), "not set here: theirs stays");
        let settings = Settings {
            last_open: None,
            column: Some(72),
            sort: None,
        };
        merge(&mut fresh, &BTreeMap::new(), settings);
        let json = serde_json::to_string(&fresh).unwrap();
        assert!(json.contains(r#""column":72"#), "{json}");
        assert!(
            json.contains(r#""theirs":{"kept":true}"#),
            "unknown fields survive: {json}"
        );
        let without = serde_json::to_string(&StateFile::default()).unwrap();
        assert!(
            !without.contains("column"),
            "no column written until one is set"
        );
    }

    #[test]
    fn the_file_format_round_trips() {
        let mut state = StateFile {
            last_open: Some("6134d32c49b2".into()),
            sort: Some("date".into()),
            ..StateFile::default()
        };
        state.positions.insert(
            "6134d32c49b2".into(),
            Position {
                block: 12,
                offset: 40,
                percent: 37,
                updated: Timestamp(1_717_245_296_789),
                mark: Some(ReadMark::Finished),
                extra: Map::new(),
            },
        );
        let json = serde_json::to_string_pretty(&state).unwrap();
        assert_eq!(
            json,
            r#"{
  "version": 1,
  "last_open": "6134d32c49b2",
  "positions": {
    "6134d32c49b2": {
      "block": 12,
      "offset": 40,
      "percent": 37,
      "updated": "2024-06-01T12:34:56.789Z",
      "mark": "finished"
    }
  },
  "sort": "date"
}"#
        );
        let back: StateFile = store::parse(json.as_bytes()).unwrap();
        assert_eq!(back, state);
    }

    #[test]
    fn percent_is_capped() {
        assert_eq!(Position::now(0, 0, 250).percent, 100);
    }
}
