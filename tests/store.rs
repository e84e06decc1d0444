//! The bookmark store on a real disk (and the position store where the failure is shared): round
//! trips, two processes writing at once, files that cannot be read, writes that fail, and what a
//! crash leaves behind.
//!
//! Tests that need a second process run this very test executable again with `FOLIO_TEST_CHILD`
//! set, filtered to `child_process_entry_point`, which does the work through the library and
//! prints one result line. That keeps test-only behaviour out of the public `folio` command and
//! needs no extra build target whose path the tests would have to guess.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::temp_files;
use folio::bookmarks::{Bookmark, BookmarkStore, NewBookmark, Selection};
use folio::config::Paths;
use folio::corpus;
use folio::positions::{Position, PositionStore};
use folio::store::StoreError;
use tempfile::TempDir;

/// What a child process should do: `add <count> <tag>`, `add-note-of-bytes <size>` or
/// `save-positions <count>`.
const CHILD_TASK: &str = "FOLIO_TEST_CHILD";
/// The config dir a child process uses.
const CHILD_DIR: &str = "FOLIO_TEST_CHILD_DIR";
/// A file whose appearance tells the children to start, so their work overlaps.
const CHILD_GO: &str = "FOLIO_TEST_CHILD_GO";

fn paths(dir: &Path) -> Paths {
    Paths::resolve(Some(dir)).unwrap()
}

/// A bookmark of block `block` of the first bundled article.
fn new_bookmark(block: usize, note: &str) -> NewBookmark {
    let corpus = corpus::bundled();
    let article = &corpus.articles[0];
    let block = block % article.blocks.len();
    NewBookmark::from_selection(article, Selection::blocks(block, block), note).unwrap()
}

/// Not a test of its own: the body of the child processes the other tests start. In an ordinary
/// run `FOLIO_TEST_CHILD` is unset and it returns at once.
#[test]
fn child_process_entry_point() {
    let Ok(task) = std::env::var(CHILD_TASK) else {
        return;
    };
    let dir = PathBuf::from(std::env::var(CHILD_DIR).unwrap());
    let mut store = BookmarkStore::open(&paths(&dir));
    if let Ok(go) = std::env::var(CHILD_GO) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !Path::new(&go).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let words: Vec<&str> = task.split(' ').collect();
    let result = match words.as_slice() {
        ["add", count, tag] => (0..count.parse::<usize>().unwrap())
            .try_for_each(|i| store.add(&new_bookmark(i, &format!("{tag} {i}"))).map(drop)),
        ["add-note-of-bytes", size] => store
            .add(&new_bookmark(0, &"x".repeat(size.parse().unwrap())))
            .map(drop),
        ["save-positions", count] => {
            let mut positions = PositionStore::open(&paths(&dir));
            for i in 0..count.parse::<usize>().unwrap() {
                positions.set(&format!("article-{i:08}"), Position::now(i, 0, 50));
            }
            positions.save()
        }
        _ => panic!("unknown child task {task:?}"),
    };
    match result {
        Ok(()) => println!("CHILD-RESULT ok"),
        Err(err) => println!("CHILD-RESULT error: {err}"),
    }
}

/// Starts this test executable as a child doing `task` in `dir`; `shell_prefix`, when not empty,
/// is run by `sh` first (to set resource limits) and then execs the child.
fn child(task: &str, dir: &Path, go: Option<&Path>, shell_prefix: &str) -> std::process::Child {
    let exe = std::env::current_exe().unwrap();
    let mut command = if shell_prefix.is_empty() {
        Command::new(exe)
    } else {
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg(format!("{shell_prefix} exec \"$0\" \"$@\""))
            .arg(exe);
        sh
    };
    command
        .args([
            "--exact",
            "child_process_entry_point",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_TASK, task)
        .env(CHILD_DIR, dir)
        .env_remove(CHILD_GO)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(go) = go {
        command.env(CHILD_GO, go);
    }
    command.spawn().unwrap()
}

/// The result line a child printed.
fn child_result(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        // libtest prints "test child_process_entry_point ... " on the same line first.
        .find_map(|l| l.split_once("CHILD-RESULT ").map(|(_, result)| result))
        .unwrap_or_else(|| panic!("no result from the child: {output:?}"))
        .to_owned()
}

#[test]
fn two_processes_adding_at_once_lose_nothing() {
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config");
    let go = dir.path().join("go");
    let children = [
        child("add 50 A", &config, Some(&go), ""),
        child("add 50 B", &config, Some(&go), ""),
    ];
    // Both have opened their store (an empty list) before either writes.
    std::thread::sleep(Duration::from_millis(200));
    fs::write(&go, "").unwrap();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{output:?}");
        assert_eq!(child_result(&output), "ok");
    }
    let store = BookmarkStore::open(&paths(&config));
    let mut notes: Vec<&str> = store.bookmarks().iter().map(|b| b.note.as_str()).collect();
    notes.sort_unstable();
    let mut expected: Vec<String> = (0..50)
        .flat_map(|i| [format!("A {i}"), format!("B {i}")])
        .collect();
    expected.sort_unstable();
    assert_eq!(notes, expected);
    let ids: std::collections::HashSet<&str> =
        store.bookmarks().iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids.len(), 100, "ids are unique across processes");
    assert!(temp_files(&config).is_empty());
}

/// Runs `command` in a child whose writes stop at 64 KB (RLIMIT_FSIZE, which stops root too;
/// SIGXFSZ ignored so the write returns an error instead of killing it), and checks that `file`
/// is byte for byte what it was, the error names it, and no temp file is left.
#[cfg(unix)]
fn a_write_cut_off_by_a_full_disk_keeps(dir: &Path, file_name: &str, command: &str) {
    let file = dir.join(file_name);
    let before = fs::read(&file).unwrap();
    let output = child(command, dir, None, "trap '' XFSZ; ulimit -f 64;")
        .wait_with_output()
        .unwrap();
    let result = child_result(&output);
    assert!(result.starts_with("error: could not write "), "{result}");
    assert!(
        result.contains(&format!("{file_name}.")),
        "names the file: {result}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "old file byte for byte");
    assert!(temp_files(dir).is_empty(), "{:?}", temp_files(dir));
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_halfway_leaves_the_old_file_and_no_temp_file() {
    // RLIMIT_FSIZE stops any write past 32-64 KB with EFBIG, for root too; SIGXFSZ is ignored so
    // the write returns an error instead of killing the process.
    let dir = TempDir::new().unwrap();
    let mut store = BookmarkStore::open(&paths(dir.path()));
    store.add(&new_bookmark(1, "kept")).unwrap();
    a_write_cut_off_by_a_full_disk_keeps(dir.path(), "bookmarks.json", "add-note-of-bytes 1000000");
}

#[cfg(unix)]
#[test]
fn a_state_file_write_that_fails_halfway_leaves_the_old_file_and_no_temp_file() {
    let dir = TempDir::new().unwrap();
    let mut positions = PositionStore::open(&paths(dir.path()));
    positions.set("kept", Position::now(3, 0, 10));
    positions.save().unwrap();
    a_write_cut_off_by_a_full_disk_keeps(dir.path(), "state.json", "save-positions 5000");
}

#[cfg(unix)]
#[test]
fn a_process_killed_while_writing_leaves_a_temp_file_the_next_start_removes() {
    // Without the trap, SIGXFSZ kills the child in the middle of writing its temp file: no
    // clean-up code runs, as after a power cut or a kill -9.
    let dir = TempDir::new().unwrap();
    let mut store = BookmarkStore::open(&paths(dir.path()));
    store.add(&new_bookmark(1, "kept")).unwrap();
    let mut positions = PositionStore::open(&paths(dir.path()));
    positions.set("kept", Position::now(3, 0, 10));
    positions.save().unwrap();
    let bookmarks = dir.path().join("bookmarks.json");
    let state = dir.path().join("state.json");
    let before = (fs::read(&bookmarks).unwrap(), fs::read(&state).unwrap());
    for (task, temp_prefix) in [
        ("add-note-of-bytes 1000000", ".bookmarks.json."),
        ("save-positions 5000", ".state.json."),
    ] {
        let output = child(task, dir.path(), None, "ulimit -f 64;")
            .wait_with_output()
            .unwrap();
        assert!(!output.status.success(), "{task}: {output:?}");
        let left = temp_files(dir.path());
        assert_eq!(left.len(), 1, "{task}: {left:?}");
        let name = left[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(temp_prefix), "{name}");
        assert_eq!(
            (fs::read(&bookmarks).unwrap(), fs::read(&state).unwrap()),
            before,
            "{task}: the old files, byte for byte"
        );
        let store = BookmarkStore::open(&paths(dir.path()));
        let positions = PositionStore::open(&paths(dir.path()));
        assert!(
            temp_files(dir.path()).is_empty(),
            "{:?}",
            temp_files(dir.path())
        );
        assert_eq!(store.disabled_reason(), None);
        assert_eq!(store.bookmarks().len(), 1);
        assert_eq!(positions.get("kept").map(|p| p.block), Some(3));
    }
}

#[test]
fn bookmarks_round_trip_through_the_file() {
    let dir = TempDir::new().unwrap();
    let mut store = BookmarkStore::open(&paths(dir.path()));
    assert_eq!(store.disabled_reason(), None);
    let first = store.add(&new_bookmark(1, "first")).unwrap();
    let second = store.add(&new_bookmark(2, "second")).unwrap();
    store.update_note(&first, "first, edited").unwrap();
    let removed: Bookmark = store.remove(&second).unwrap().unwrap();
    assert_eq!(store.remove(&second).unwrap(), None);

    let reopened = BookmarkStore::open(&paths(dir.path()));
    assert_eq!(reopened.bookmarks(), store.bookmarks());
    let kept = reopened.get(&first).unwrap();
    assert_eq!(kept.note, "first, edited");
    assert!(kept.updated >= kept.created);
    assert!(reopened.get(&second).is_none());

    store.restore(removed.clone()).unwrap();
    let reopened = BookmarkStore::open(&paths(dir.path()));
    assert_eq!(reopened.get(&second), Some(&removed), "restored as it was");

    let text = fs::read_to_string(dir.path().join("bookmarks.json")).unwrap();
    assert!(
        text.starts_with("{\n  \"version\": 1,\n  \"bookmarks\": [\n"),
        "{text}"
    );
    assert!(dir.path().join("bookmarks.lock").exists());
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn a_delete_in_one_process_is_not_undone_by_another() {
    let dir = TempDir::new().unwrap();
    let mut one = BookmarkStore::open(&paths(dir.path()));
    let doomed = one.add(&new_bookmark(1, "doomed")).unwrap();
    let mut two = BookmarkStore::open(&paths(dir.path()));
    one.remove(&doomed).unwrap();
    // `two` still has `doomed` in memory; its next change must not bring it back.
    two.add(&new_bookmark(2, "later")).unwrap();
    let notes: Vec<&str> = two.bookmarks().iter().map(|b| b.note.as_str()).collect();
    assert_eq!(notes, ["later"]);
    assert!(matches!(
        two.update_note(&doomed, "too late"),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(BookmarkStore::open(&paths(dir.path())).bookmarks().len(), 1);
}

#[test]
fn an_unreadable_bookmarks_file_is_never_overwritten() {
    let cases: [(&[u8], &str); 4] = [
        (
            b"{\n  \"version\": 1,\n  \"bookmarks\": [ oops ]\n}\n",
            "is not valid JSON at line 3",
        ),
        (
            b"{\n  \"version\": 1,\n  \"bookmarks\": [\n",
            "is cut short",
        ),
        (b"", "is empty"),
        (b"{\"version\": 7, \"bookmarks\": []}", "newer folio"),
    ];
    for (bytes, problem) in cases {
        let dir = TempDir::new().unwrap();
        let file = dir.path().join("bookmarks.json");
        fs::write(&file, bytes).unwrap();
        let mut store = BookmarkStore::open(&paths(dir.path()));
        let reason = store.disabled_reason().unwrap().to_owned();
        assert!(reason.contains("bookmarks.json "), "{reason}");
        assert!(reason.contains(problem), "{reason}");
        assert!(
            reason.ends_with("; bookmarking is off until it is fixed"),
            "{reason}"
        );
        assert!(!reason.contains('\n'));
        let err = store.add(&new_bookmark(1, "")).unwrap_err();
        assert!(
            matches!(&err, StoreError::Unreadable(r) if *r == reason),
            "{err}"
        );
        assert!(store.remove("x").is_err());
        assert_eq!(fs::read(&file).unwrap(), bytes, "{problem}");
        assert!(temp_files(dir.path()).is_empty());
    }
}

#[test]
fn a_file_that_goes_bad_while_open_is_not_overwritten_either() {
    let dir = TempDir::new().unwrap();
    let mut store = BookmarkStore::open(&paths(dir.path()));
    store.add(&new_bookmark(1, "mine")).unwrap();
    let file = dir.path().join("bookmarks.json");
    fs::write(&file, "{ half").unwrap();
    assert!(matches!(
        store.add(&new_bookmark(2, "")),
        Err(StoreError::Unreadable(_))
    ));
    assert!(store.disabled_reason().is_some());
    assert_eq!(
        store.bookmarks().len(),
        1,
        "the last good list is still shown"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "{ half");
}

#[test]
fn a_config_dir_that_cannot_be_made_is_a_clear_error() {
    // Root may write anywhere, but nobody can make a folder inside a regular file.
    let dir = TempDir::new().unwrap();
    let blocker = dir.path().join("a-file");
    fs::write(&blocker, "not a folder").unwrap();
    let config = blocker.join("folio");
    let mut store = BookmarkStore::open(&paths(&config));
    assert_eq!(
        store.disabled_reason(),
        None,
        "nothing to read is not an error"
    );
    let err = store.add(&new_bookmark(1, "")).unwrap_err().to_string();
    assert!(err.starts_with("could not create the folder "), "{err}");
    assert!(err.contains("a-file/folio"), "{err}");
    let mut positions = PositionStore::open(&paths(&config));
    positions.set("a", Position::now(1, 0, 5));
    let err = positions.save().unwrap_err().to_string();
    assert!(err.starts_with("could not create the folder "), "{err}");
    assert!(positions.has_unsaved(), "kept for the next try");
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a folder");
}

/// Makes `path` unwritable for as long as it lives: `chattr +i`, which stops root too, or else
/// `chmod a-w`. `None` when neither stops this process from writing there.
#[cfg(unix)]
struct Unwritable(PathBuf);

#[cfg(unix)]
impl Unwritable {
    fn make(path: &Path) -> Option<Unwritable> {
        use std::os::unix::fs::PermissionsExt;
        let guard = Unwritable(path.to_owned());
        let immutable = Command::new("chattr")
            .arg("+i")
            .arg(path)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !immutable {
            fs::set_permissions(path, fs::Permissions::from_mode(0o555)).ok()?;
        }
        let probe = path.join("probe");
        if fs::write(&probe, "").is_ok() {
            let _ = fs::remove_file(probe);
            return None;
        }
        Some(guard)
    }
}

#[cfg(unix)]
impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .stderr(std::process::Stdio::null())
            .status();
        let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
#[test]
fn a_config_folder_that_cannot_be_written_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let mut store = BookmarkStore::open(&paths(dir.path()));
    store.add(&new_bookmark(1, "kept")).unwrap();
    let mut positions = PositionStore::open(&paths(dir.path()));
    positions.set("a", Position::now(1, 0, 5));
    positions.save().unwrap();
    let file = dir.path().join("bookmarks.json");
    let before = fs::read(&file).unwrap();
    let Some(_unwritable) = Unwritable::make(dir.path()) else {
        eprintln!("nothing stops this user writing the folder; skipped");
        return;
    };
    let err = store.add(&new_bookmark(2, "")).unwrap_err().to_string();
    assert!(err.starts_with("could not create "), "{err}");
    assert!(err.contains(".bookmarks.json."), "names the file: {err}");
    assert_eq!(store.disabled_reason(), None, "the file itself is fine");
    assert_eq!(store.bookmarks().len(), 1);
    positions.set("a", Position::now(2, 0, 9));
    assert!(
        positions
            .save()
            .unwrap_err()
            .to_string()
            .starts_with("could not create ")
    );
    assert!(positions.has_unsaved(), "kept for the next try");
    assert_eq!(fs::read(&file).unwrap(), before);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn a_lock_that_cannot_be_taken_leaves_the_file_alone() {
    let dir = TempDir::new().unwrap();
    let mut store = BookmarkStore::open(&paths(dir.path()));
    store.add(&new_bookmark(1, "kept")).unwrap();
    let file = dir.path().join("bookmarks.json");
    let before = fs::read(&file).unwrap();
    let lock = dir.path().join("bookmarks.lock");
    fs::remove_file(&lock).unwrap();
    fs::create_dir(&lock).unwrap();
    let err = store.add(&new_bookmark(2, "")).unwrap_err().to_string();
    assert!(err.starts_with("could not open the lock file "), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn temp_files_left_by_a_crash_are_cleaned_on_the_next_load() {
    let dir = TempDir::new().unwrap();
    let ours = dir
        .path()
        .join(".bookmarks.json.4242-0-0123456789abcdef.tmp");
    let theirs = dir.path().join("notes.tmp");
    let state_temp = dir.path().join(".state.json.4242-3-fedcba9876543210.tmp");
    for file in [&ours, &theirs, &state_temp] {
        fs::write(file, "{ half a fi").unwrap();
    }
    BookmarkStore::open(&paths(dir.path()));
    assert!(!ours.exists());
    assert!(theirs.exists(), "not ours to remove");
    assert!(state_temp.exists(), "the position store cleans its own");
    PositionStore::open(&paths(dir.path()));
    assert!(!state_temp.exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_bookmarks_file_stays_a_symlink() {
    let dir = TempDir::new().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    let config = dir.path().join("config");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::create_dir_all(&config).unwrap();
    let real = dotfiles.join("bookmarks.json");
    fs::write(&real, "{\"version\": 1, \"bookmarks\": []}").unwrap();
    std::os::unix::fs::symlink(&real, config.join("bookmarks.json")).unwrap();
    let mut store = BookmarkStore::open(&paths(&config));
    store.add(&new_bookmark(1, "through the link")).unwrap();
    let link = fs::symlink_metadata(config.join("bookmarks.json")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("through the link")
    );
    assert!(temp_files(&dotfiles).is_empty() && temp_files(&config).is_empty());
}

#[test]
fn only_temp_files_folio_could_have_made_are_removed() {
    let dir = TempDir::new().unwrap();
    let ours = dir
        .path()
        .join(".bookmarks.json.4242-0-0123456789abcdef.tmp");
    // A person's own files, named loosely like folio's.
    let theirs = [
        ".bookmarks.json.my-backup.tmp",
        ".bookmarks.json.tmp",
        ".bookmarks.json.4242-0.tmp",
        ".bookmarks.json.4242-0-0123456789ABCDEF.tmp",
        ".bookmarks.json.4242-0-0123456789abcdef-copy.tmp",
    ]
    .map(|name| dir.path().join(name));
    for file in theirs.iter().chain([&ours]) {
        fs::write(file, "mine").unwrap();
    }
    let mut store = BookmarkStore::open(&paths(dir.path()));
    assert!(!ours.exists(), "a temp file a crash left is removed");
    fs::write(&ours, "again").unwrap();
    store.add(&new_bookmark(1, "")).unwrap();
    assert!(!ours.exists(), "and under the lock when saving");
    for file in &theirs {
        assert!(file.exists(), "{} was removed", file.display());
    }
}

#[test]
fn a_read_only_command_removes_no_file() {
    let dir = TempDir::new().unwrap();
    let ours = dir
        .path()
        .join(".bookmarks.json.4242-0-0123456789abcdef.tmp");
    fs::write(&ours, "{ half a fi").unwrap();
    let status = common::folio(dir.path())
        .args(["bookmarks", "--json"])
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(1), "no bookmarks yet");
    assert!(ours.exists(), "`folio bookmarks` only reads");

    // `folio list` reads the reading positions to show progress, and only reads them.
    let ours = dir.path().join(".state.json.4242-0-0123456789abcdef.tmp");
    fs::write(&ours, "{ half a fi").unwrap();
    let status = common::folio(dir.path())
        .args(["list"])
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    assert!(ours.exists(), "`folio list` only reads");
}

/// A bookmarks file as a person or a newer folio left it: one bookmark, with `id` and `extra`
/// fields inside its article and passage.
fn hand_written_bookmarks(dir: &Path, id: &str) -> PathBuf {
    let corpus = corpus::bundled();
    let article = &corpus.articles[0];
    let file = dir.join("bookmarks.json");
    let json = serde_json::json!({
        "version": 1,
        "bookmarks": [{
            "id": id,
            "article": {"id": article.id, "path": article.path, "title": article.title,
                        "source_url": "https://example.org/a", "tags": ["x"]},
            "passage": {"first_block": 1, "last_block": 1, "quote": article.blocks[1].text,
                        "before": "", "after": "", "highlight_colour": "yellow"},
            "note": "old \u{7} note",
            "created": "2025-05-01T09:30:00Z",
            "updated": "2025-05-01T09:30:00Z",
        }]
    });
    fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    file
}

#[test]
fn fields_a_newer_folio_wrote_inside_article_and_passage_are_kept() {
    let dir = TempDir::new().unwrap();
    let file = hand_written_bookmarks(dir.path(), "b1");
    let mut store = BookmarkStore::open(&paths(dir.path()));
    store.add(&new_bookmark(2, "another")).unwrap();
    store.update_note("b1", "new note").unwrap();
    let saved: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let kept = &saved["bookmarks"][0];
    assert_eq!(kept["note"], "new note");
    assert_eq!(kept["article"]["source_url"], "https://example.org/a");
    assert_eq!(kept["article"]["tags"], serde_json::json!(["x"]));
    assert_eq!(kept["passage"]["highlight_colour"], "yellow");
    assert!(saved["bookmarks"][1]["article"].get("source_url").is_none());
}

#[test]
fn a_bookmark_whose_id_holds_a_control_character_can_be_edited_and_deleted() {
    let dir = TempDir::new().unwrap();
    let file = hand_written_bookmarks(dir.path(), "b\u{7}x");
    let mut store = BookmarkStore::open(&paths(dir.path()));
    let id = store.bookmarks()[0].id.clone();
    store.update_note(&id, "edited").unwrap();
    assert!(fs::read_to_string(&file).unwrap().contains("\"edited\""));
    let removed = store.remove(&id).unwrap();
    assert!(removed.is_some(), "deleted");
    let saved: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["bookmarks"], serde_json::json!([]));
}

#[test]
fn a_lock_held_too_long_is_given_up_with_nothing_written() {
    let dir = TempDir::new().unwrap();
    let mut store = BookmarkStore::open(&paths(dir.path()));
    store.add(&new_bookmark(1, "kept")).unwrap();
    let file = dir.path().join("bookmarks.json");
    let before = fs::read(&file).unwrap();
    let held = fs::File::create(dir.path().join("bookmarks.lock")).unwrap();
    held.lock().unwrap();
    store.set_patience(Duration::from_millis(100));
    let err = store.add(&new_bookmark(2, "")).unwrap_err();
    assert!(matches!(err, StoreError::Busy { .. }), "{err}");
    assert!(
        err.to_string().starts_with("another folio is holding ")
            && err.to_string().ends_with("bookmarks.lock"),
        "{err}"
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    assert!(store.disabled_reason().is_none(), "busy is not broken");
    drop(held);
    store.add(&new_bookmark(2, "")).unwrap();
    assert_eq!(store.bookmarks().len(), 2);
}

#[test]
fn an_undone_delete_puts_back_what_the_file_held() {
    let dir = TempDir::new().unwrap();
    let file = hand_written_bookmarks(dir.path(), "b\u{7}x");
    let before: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let mut store = BookmarkStore::open(&paths(dir.path()));
    // What the interface holds, and hands back for an undo: the sanitized copy.
    let shown = store.bookmarks()[0].clone();
    store.remove(&shown.id).unwrap();
    store.restore(shown).unwrap();
    let after: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let (before, after) = (&before["bookmarks"][0], &after["bookmarks"][0]);
    assert_eq!(
        after["note"], "old \u{7} note",
        "not the shown \"old ^G note\""
    );
    for field in ["id", "note", "article", "passage"] {
        assert_eq!(after[field], before[field], "{field}");
    }
}
