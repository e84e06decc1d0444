//! The position store on a real disk: merging between processes, and a state file that cannot
//! be read.

mod common;

use std::fs;
use std::path::Path;

use common::temp_files;
use folio::config::Paths;
use folio::positions::{Position, PositionStore};
use folio::store::StoreError;
use folio::timestamp::Timestamp;
use tempfile::TempDir;

fn paths(dir: &Path) -> Paths {
    Paths::resolve(Some(dir)).unwrap()
}

#[test]
fn positions_merge_between_processes() {
    let dir = TempDir::new().unwrap();
    let mut one = PositionStore::open(&paths(dir.path()));
    let mut two = PositionStore::open(&paths(dir.path()));
    let at = |block, ms| Position {
        block,
        offset: 3,
        percent: 40,
        updated: Timestamp(ms),
        mark: None,
        extra: serde_json::Map::new(),
    };
    one.set("alpha", at(1, 100));
    one.set("shared", at(7, 500));
    one.set_last_open(Some("alpha"));
    two.set("beta", at(2, 200));
    two.set("shared", at(5, 300));
    assert!(one.has_unsaved());
    one.save().unwrap();
    assert!(!one.has_unsaved());
    two.save().unwrap();
    let three = PositionStore::open(&paths(dir.path()));
    assert_eq!(three.get("alpha"), Some(&at(1, 100)));
    assert_eq!(three.get("beta"), Some(&at(2, 200)));
    assert_eq!(three.get("shared"), Some(&at(7, 500)), "the newer one wins");
    assert_eq!(three.last_open(), Some("alpha"), "two never set it");
    assert_eq!(
        two.get("alpha"),
        Some(&at(1, 100)),
        "a save brings others' positions in"
    );
    two.set_last_open(Some("beta"));
    two.save().unwrap();
    assert_eq!(
        PositionStore::open(&paths(dir.path())).last_open(),
        Some("beta")
    );
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn an_unreadable_state_file_is_never_overwritten() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("state.json");
    fs::write(
        &file,
        "{\"version\": 1, \"positions\": {\"a\": {\"block\": -1}}}",
    )
    .unwrap();
    let mut store = PositionStore::open(&paths(dir.path()));
    let reason = store.disabled_reason().unwrap().to_owned();
    assert!(
        reason.contains("state.json does not have the expected contents at line 1"),
        "{reason}"
    );
    assert!(reason.ends_with("reading positions are not saved until it is fixed"));
    store.set("a", Position::now(1, 0, 1));
    assert_eq!(
        store.get("a").map(|p| p.block),
        Some(1),
        "still kept in memory"
    );
    assert!(matches!(store.save(), Err(StoreError::Unreadable(_))));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "{\"version\": 1, \"positions\": {\"a\": {\"block\": -1}}}"
    );
}

#[test]
fn every_kind_of_unreadable_state_file_is_explained_and_left_as_it_is() {
    let deep = format!(
        "{{\"version\": 1, \"from_the_future\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let cases: [(&[u8], &str); 11] = [
        (b"", "state.json is empty"),
        (b" \n\t", "state.json is empty"),
        (
            b"{\"version\": 1, \"positions\": {\"a\": ",
            "state.json is cut short",
        ),
        (
            b"{\"version\": 1 oops}",
            "state.json is not valid JSON at line 1",
        ),
        (
            b"\x89PNG\r\n\x1a\n\0\0",
            "state.json does not have the expected contents",
        ),
        (
            b"{\"version\": 1\0}",
            "state.json is not valid JSON at line 1",
        ),
        (
            b"{\"version\": 1, \"last_open\": \"\xff\xfe\"}",
            "state.json is not valid JSON",
        ),
        (
            b"[1, 2, 3]",
            "state.json does not have the expected contents: it is not a JSON",
        ),
        (b"\xef\xbb\xbf", "state.json is empty"),
        (
            b"{\"version\": 99, \"positions\": 7}",
            "written by a newer folio (format version 99",
        ),
        (
            deep.as_bytes(),
            "state.json is not valid JSON at line 1: recursion limit",
        ),
    ];
    for (bytes, problem) in cases {
        let dir = TempDir::new().unwrap();
        let file = dir.path().join("state.json");
        fs::write(&file, bytes).unwrap();
        let mut store = PositionStore::open(&paths(dir.path()));
        let reason = store.disabled_reason().expect(problem).to_owned();
        assert!(reason.contains(problem), "{problem}: {reason}");
        assert!(
            reason.ends_with("; reading positions are not saved until it is fixed"),
            "{reason}"
        );
        assert!(!reason.contains('\n') && reason.len() < 300, "{reason}");
        store.set("a", Position::now(1, 0, 1));
        assert!(matches!(store.save(), Err(StoreError::Unreadable(r)) if r == reason));
        assert_eq!(fs::read(&file).unwrap(), bytes, "{problem}");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no lock or temp file made: {names:?}");
    }
}

#[test]
fn a_state_file_that_cannot_be_read_at_all_is_explained() {
    // Root reads any file, but nobody reads a folder as a file.
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("state.json")).unwrap();
    let mut store = PositionStore::open(&paths(dir.path()));
    let reason = store.disabled_reason().unwrap().to_owned();
    assert!(
        reason.contains("state.json could not be read ("),
        "{reason}"
    );
    assert!(!reason.contains("os error"), "{reason}");
    store.set("a", Position::now(1, 0, 1));
    assert!(store.save().is_err());
    assert!(dir.path().join("state.json").is_dir());
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn fields_a_newer_folio_wrote_inside_a_position_are_kept() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("state.json");
    let written = serde_json::json!({
        "version": 1,
        "last_open": null,
        "positions": {
            "alpha": {"block": 1, "offset": 0, "percent": 5,
                      "updated": "2024-06-01T12:34:56.789Z", "future": {"x": [1, 2]}},
            "beta": {"block": 2, "offset": 0, "percent": 9,
                     "updated": "2024-06-01T12:34:56.789Z", "later": "kept"}
        }
    });
    std::fs::write(&file, written.to_string()).unwrap();
    let mut store = PositionStore::open(&paths(dir.path()));
    // A newer position replaces alpha's; beta is not touched.
    store.set("alpha", Position::now(3, 0, 20));
    store.save().unwrap();
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["positions"]["alpha"]["block"], 3);
    assert_eq!(
        saved["positions"]["alpha"]["future"],
        serde_json::json!({"x": [1, 2]})
    );
    assert_eq!(saved["positions"]["beta"]["later"], "kept");
}
