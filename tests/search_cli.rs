//! `folio search` as scripts use it: the line format, `--count`, exit codes, and that nothing from
//! a hostile file reaches stdout as a control sequence.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{find_control_sequence, folio};
use predicates::prelude::*;
use tempfile::TempDir;

const JAPAN_PATH: &str = "bundled/japan-worried-us-will-cede-concessions-to-dprk.txt";
const KOREA_PATH: &str = "bundled/north-korea-coming-in-from-the-cold.txt";

fn search(config: &Path, args: &[&str]) -> Output {
    folio(config).arg("search").args(args).output().unwrap()
}

/// The stdout of a search that must succeed, checked for control sequences.
fn found(config: &Path, args: &[&str]) -> String {
    let output = search(config, args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    assert_eq!(find_control_sequence(&output.stdout), None, "{args:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// A folder with one file per case, named so they load in this order.
fn articles() -> TempDir {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fs::write(
        root.join("1-apples.txt"),
        "Apple notes\n\nFirst paragraph has nothing.\n\nSecond: apple, Apple, APPLE.\n\n\
         Third mentions an apple once.\n",
    )
    .unwrap();
    let words: Vec<String> = (0..100).map(|i| format!("word{i}")).collect();
    fs::write(
        root.join("2-long.txt"),
        format!(
            "Long one\n\n{} needle {}\n",
            words.join(" "),
            words.join(" ")
        ),
    )
    .unwrap();
    fs::write(
        root.join("3-breaks.md"),
        "# Breaks\n\nThe military and  \ncivil sides.\n\n```\nmilitary and\ncivil\n```\n",
    )
    .unwrap();
    fs::write(
        root.join("4-escapes.txt"),
        "Escapes\n\nBody \x1b[2J\x1b[31mred\x1b[0m, bell\x07, C1 \u{9b}31m, \
         OSC 52 \x1b]52;c;cHduZWQ=\x07 done.\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_line_is_path_paragraph_and_snippet() {
    let config = TempDir::new().unwrap();
    let out = found(config.path(), &["military and civil"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    let prefix = format!("{KOREA_PATH}:9: …");
    assert!(lines[0].starts_with(&prefix), "{out}");
    assert!(
        lines[0].contains("military and civil aircraft and agricultural products"),
        "{out}"
    );
    // Paragraph 9 is the ninth block that `show` prints.
    let shown = found_show(config.path());
    let paragraph = shown.split("\n\n").skip(1).nth(8).unwrap();
    assert!(
        paragraph.contains("military and civil aircraft"),
        "{paragraph}"
    );
}

fn found_show(config: &Path) -> String {
    let output = folio(config)
        .args(["show", "cold", "--width", "0"])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn count_prints_matches_per_article_title_matches_first() {
    let config = TempDir::new().unwrap();
    let out = found(config.path(), &["japan", "--count"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    // Both titles match, so the article with more matches comes first.
    assert!(lines[0].starts_with(&format!("{KOREA_PATH}: ")), "{out}");
    assert!(lines[1].starts_with(&format!("{JAPAN_PATH}: ")), "{out}");
    let counts: Vec<usize> = lines
        .iter()
        .map(|l| l.rsplit(": ").next().unwrap().parse().unwrap())
        .collect();
    assert!(counts[0] > counts[1] && counts[1] > 0, "{out}");
}

#[test]
fn one_line_per_matching_paragraph_with_smart_case() {
    let config = TempDir::new().unwrap();
    let dir = articles();
    let path = dir.path().to_str().unwrap();
    let file = dir.path().join("1-apples.txt");
    let file = file.to_str().unwrap();
    let out = found(config.path(), &["apple", path]);
    assert_eq!(
        out,
        format!(
            "{file}:2: Second: apple, Apple, APPLE.\n\
             {file}:3: Third mentions an apple once.\n"
        )
    );
    // Titles are not counted: three matches in paragraph 2, one in paragraph 3.
    assert_eq!(
        found(config.path(), &["apple", path, "--count"]),
        format!("{file}: 4\n")
    );
    assert_eq!(
        found(config.path(), &["Apple", path, "--count"]),
        format!("{file}: 1\n")
    );
    assert_eq!(
        found(config.path(), &["/APPL(E|IED)/", path]),
        format!("{file}:2: Second: apple, Apple, APPLE.\n")
    );
}

#[test]
fn a_long_paragraph_shows_a_window_around_the_match() {
    let config = TempDir::new().unwrap();
    let dir = articles();
    let out = found(config.path(), &["needle", dir.path().to_str().unwrap()]);
    let line = out.trim_end();
    let snippet = line.split_once(":1: ").unwrap().1;
    assert!(snippet.starts_with('…') && snippet.ends_with('…'), "{line}");
    assert!(snippet.contains(" word99 needle word0 "), "{line}");
    let chars = snippet.chars().count();
    assert!((100..=130).contains(&chars), "{chars} chars: {line}");
}

#[test]
fn a_phrase_matches_across_line_breaks_shown_as_spaces() {
    let config = TempDir::new().unwrap();
    let dir = articles();
    let out = found(
        config.path(),
        &["military and civil", dir.path().to_str().unwrap()],
    );
    let file = dir.path().join("3-breaks.md");
    let file = file.to_str().unwrap();
    assert_eq!(
        out,
        format!("{file}:1: The military and civil sides.\n{file}:2: military and civil\n")
    );
}

#[test]
fn control_characters_in_files_stay_visible_not_live() {
    let config = TempDir::new().unwrap();
    let dir = articles();
    let path = dir.path().to_str().unwrap();
    let out = found(config.path(), &["red", path]);
    assert!(
        out.contains("Body ^[[2J^[[31mred^[[0m, bell^G, C1 <U+009B>31m"),
        "{out}"
    );
    let out = found(config.path(), &["/52;c;.*done/", path]);
    assert!(out.contains("OSC 52 ^[]52;c;cHduZWQ=^G done."), "{out}");
}

#[test]
fn nothing_found_exits_1() {
    let config = TempDir::new().unwrap();
    for args in [&["zebra"][..], &["zebra", "--count"], &["cede"]] {
        folio(config.path())
            .arg("search")
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("no paragraph matches"));
    }
}

#[test]
fn a_bad_query_exits_2_with_one_line() {
    let config = TempDir::new().unwrap();
    for (query, message) in [
        (
            "/(unclosed/",
            "folio: invalid regex at column 2: unclosed group\n",
        ),
        ("   ", "folio: the search query is empty\n"),
        (r"/\w{1000}/", "folio: query too large"),
    ] {
        let output = search(config.path(), &[query]);
        assert_eq!(output.status.code(), Some(2), "{query}: {output:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with(message), "{query}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn a_named_path_that_fails_exits_2_after_printing_matches() {
    let config = TempDir::new().unwrap();
    let dir = articles();
    let output = search(
        config.path(),
        &["apple", dir.path().to_str().unwrap(), "/no/such/place"],
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 2);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("/no/such/place: no such file or folder"),
        "{stderr}"
    );
}

#[test]
fn a_path_that_search_prints_is_what_show_takes() {
    let config = TempDir::new().unwrap();
    let dir = articles();
    let out = found(config.path(), &["needle", dir.path().to_str().unwrap()]);
    let (path, _) = out.split_once(":1: ").unwrap();
    let shown = folio(config.path())
        .args(["show", path, dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(shown.status.code(), Some(0), "{shown:?}");
    assert!(String::from_utf8_lossy(&shown.stdout).starts_with("Long one"));
    // The file's name alone does too.
    let by_name = folio(config.path())
        .args(["show", "2-long.txt", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(by_name.status.code(), Some(0), "{by_name:?}");
    assert!(String::from_utf8_lossy(&by_name.stdout).starts_with("Long one"));
}

#[test]
fn an_id_prefix_shorter_than_four_characters_says_so() {
    let config = TempDir::new().unwrap();
    let list = folio(config.path()).arg("list").output().unwrap();
    let id = String::from_utf8(list.stdout).unwrap()[..3].to_owned();
    folio(config.path())
        .args(["show", &id])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("too short for an id prefix"));
}
