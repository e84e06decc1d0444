//! `folio bookmarks` as scripts use it: the three outputs, passages found again after an edit,
//! and exit codes, with bookmarks made through the library in a temporary config dir.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{find_control_sequence, folio};
use folio::bookmarks::{BookmarkStore, NewBookmark, Selection};
use folio::config::Paths;
use folio::corpus;
use predicates::prelude::*;
use tempfile::TempDir;

const JAPAN_TITLE: &str = "Japan worried that U.S. will cede concessions to DPRK";
const KOREA_TITLE: &str = "North Korea coming in from the cold: what are Japan's fears?";

fn store(config: &Path) -> BookmarkStore {
    BookmarkStore::open(&Paths::resolve(Some(config)).unwrap())
}

/// Bookmarks blocks of the bundled articles: (article index, first block, last block, note).
fn bookmark_bundled(config: &Path, marks: &[(usize, usize, usize, &str)]) {
    let corpus = corpus::bundled();
    let mut store = store(config);
    for &(article, first, last, note) in marks {
        let article = &corpus.articles[article];
        let new = NewBookmark::from_selection(article, Selection::blocks(first, last), note);
        store.add(&new.unwrap()).unwrap();
    }
}

fn run(config: &Path, args: &[&str]) -> (i32, String, String) {
    let output = folio(config).args(args).output().unwrap();
    assert_eq!(find_control_sequence(&output.stdout), None);
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn plain_lists_by_article_in_corpus_order_newest_first() {
    let config = TempDir::new().unwrap();
    bookmark_bundled(
        config.path(),
        &[
            (1, 0, 0, "older"),
            (0, 1, 1, "japan"),
            (1, 2, 2, "newer\nsecond line"),
        ],
    );
    let (code, out, err) = run(config.path(), &["bookmarks"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let corpus = corpus::bundled();
    let today = folio::timestamp::Timestamp::now().date();
    let first_line = |article: usize, block: usize| {
        corpus.articles[article].blocks[block]
            .text
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    let expected = format!(
        "{JAPAN_TITLE}\n  > {}\n    japan\n    {today}\n\n\
         {KOREA_TITLE}\n  > {}\n    newer\n    second line\n    {today}\n  > {}\n    older\n    {today}\n",
        first_line(0, 1),
        first_line(1, 2),
        first_line(1, 0),
    );
    assert_eq!(out, expected);
}

#[test]
fn markdown_is_a_document_to_share() {
    let config = TempDir::new().unwrap();
    bookmark_bundled(config.path(), &[(1, 3, 4, "Worth quoting.")]);
    let (code, out, _) = run(config.path(), &["bookmarks", "--markdown"]);
    assert_eq!(code, 0);
    let korea = &corpus::bundled().articles[1];
    let passage = format!("{}\n\n{}", korea.blocks[3].text, korea.blocks[4].text);
    let quote: String = passage
        .lines()
        .map(|line| match line {
            "" => ">\n".to_owned(),
            line => format!("> {line}\n"),
        })
        .collect();
    assert_eq!(
        out,
        format!("# Bookmarks\n\n## {KOREA_TITLE}\n\n{quote}\nWorth quoting.\n")
    );
}

#[test]
fn json_carries_the_stored_fields_and_the_anchor() {
    let config = TempDir::new().unwrap();
    bookmark_bundled(config.path(), &[(0, 2, 2, "a note")]);
    let (code, out, _) = run(config.path(), &["bookmarks", "--json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let store = store(config.path());
    let stored = &store.bookmarks()[0];
    let entry = &value[0];
    assert_eq!(entry["id"], stored.id.as_str());
    assert_eq!(entry["note"], "a note");
    assert_eq!(entry["article"]["title"], JAPAN_TITLE);
    assert_eq!(entry["passage"]["quote"], stored.passage.quote.as_str());
    assert_eq!(entry["created"], stored.created.to_string());
    assert_eq!(
        entry["anchor"],
        serde_json::json!({"state": "exact", "first_block": 2, "last_block": 2})
    );
}

/// An article file in `dir`, and the path as both the library and the command line name it.
fn article_file(dir: &Path, paragraphs: &[&str]) -> PathBuf {
    let path = dir.join("essay.txt");
    fs::write(&path, format!("An essay\n\n{}\n", paragraphs.join("\n\n"))).unwrap();
    path
}

#[test]
fn passages_are_found_again_after_the_file_changes() {
    let config = TempDir::new().unwrap();
    let docs = TempDir::new().unwrap();
    let path = article_file(docs.path(), &["One.", "Two is marked.", "Three."]);
    let corpus = corpus::load(std::slice::from_ref(&path));
    let new = NewBookmark::from_selection(&corpus.articles[0], Selection::blocks(1, 1), "mine");
    store(config.path()).add(&new.unwrap()).unwrap();
    let path_arg = path.to_str().unwrap();
    let anchor = |args: &[&str]| {
        let (_, out, _) = run(config.path(), args);
        serde_json::from_str::<serde_json::Value>(&out).unwrap()[0]["anchor"].clone()
    };

    article_file(docs.path(), &["Zero.", "One.", "Two is marked.", "Three."]);
    assert_eq!(
        anchor(&["bookmarks", path_arg, "--json"]),
        serde_json::json!({"state": "moved", "first_block": 2, "last_block": 2})
    );

    article_file(docs.path(), &["One.", "Three."]);
    assert_eq!(
        anchor(&["bookmarks", path_arg, "--json"])["state"],
        "orphaned"
    );
    let (code, out, _) = run(config.path(), &["bookmarks", path_arg]);
    assert_eq!(code, 0, "an orphaned bookmark is still a bookmark");
    assert!(out.starts_with("Not found in these articles\n  > Two is marked.\n    mine\n"));
    assert!(out.contains("from “An essay”, which no longer holds this passage"));

    // Without the file, the bundled articles are loaded: the article is not among them.
    assert_eq!(
        anchor(&["bookmarks", "--json"])["state"],
        "article_not_loaded"
    );
}

#[test]
fn no_bookmarks_exits_1() {
    let config = TempDir::new().unwrap();
    folio(config.path())
        .arg("bookmarks")
        .assert()
        .code(1)
        .stdout("")
        .stderr("folio: no bookmarks yet\n");
    folio(config.path())
        .args(["bookmarks", "--json"])
        .assert()
        .code(1)
        .stdout("[]\n");
    folio(config.path())
        .args(["bookmarks", "--json", "--markdown"])
        .assert()
        .code(2);
}

#[test]
fn a_corrupt_bookmarks_file_is_reported_and_left_untouched() {
    let config = TempDir::new().unwrap();
    let file = config.path().join("bookmarks.json");
    let bytes = b"{\n  \"version\": 1,\n  \"bookmarks\": [\n    {,\n";
    fs::write(&file, bytes).unwrap();
    for format in [None, Some("--json"), Some("--markdown")] {
        folio(config.path())
            .arg("bookmarks")
            .args(format)
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("bookmarks.json is not valid JSON at line 4: ")
                    .and(predicate::str::ends_with(
                        "; bookmarking is off until it is fixed\n",
                    ))
                    .and(predicate::str::starts_with("folio: ")),
            );
    }
    assert_eq!(fs::read(&file).unwrap(), bytes);
    let names: Vec<_> = fs::read_dir(config.path()).unwrap().flatten().collect();
    assert_eq!(names.len(), 1, "no lock or temp file made: {names:?}");
    folio(config.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains(JAPAN_TITLE));
}

#[test]
fn config_dir_can_be_named_before_or_after_the_subcommand() {
    let elsewhere = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    bookmark_bundled(config.path(), &[(0, 1, 1, "here")]);
    let dir = config.path().to_str().unwrap();
    for args in [
        ["--config-dir", dir, "bookmarks"],
        ["bookmarks", "--config-dir", dir],
    ] {
        folio(elsewhere.path())
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("    here\n"));
    }
}
