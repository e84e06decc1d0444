//! The command line as scripts use it: `folio list`, `folio show`, exit codes, and what reaches
//! stdout from hostile files.

mod common;

use std::fs;
use std::path::Path;

use common::{find_control_sequence, folio};
use predicates::prelude::*;
use tempfile::TempDir;

const JAPAN_TITLE: &str = "Japan worried that U.S. will cede concessions to DPRK";
const KOREA_TITLE: &str = "North Korea coming in from the cold: what are Japan's fears?";

fn stdout_of(config: &Path, args: &[&str]) -> String {
    let output = folio(config).args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn list_prints_the_bundled_articles() {
    let config = TempDir::new().unwrap();
    let out = stdout_of(config.path(), &["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains(JAPAN_TITLE), "{out}");
    assert!(lines[1].contains(KOREA_TITLE), "{out}");
    assert!(lines[1].contains("Anna Kireeva · 2018-06-18"), "{out}");
    assert!(lines[1].ends_with(" words)"), "{out}");
}

#[test]
fn list_json_has_the_metadata() {
    let config = TempDir::new().unwrap();
    let out = stdout_of(config.path(), &["list", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let korea = &value[1];
    assert_eq!(korea["title"], KOREA_TITLE);
    assert_eq!(
        korea["title_original"],
        "NORTH KOREA COMING IN FROM THE COLD: WHAT ARE JAPAN'S FEARS?"
    );
    assert_eq!(korea["byline"], "Anna Kireeva");
    assert_eq!(korea["date"], "2018-06-18");
    assert_eq!(korea["source"], "valdaiclub.com");
    assert!(korea["word_count"].as_u64().unwrap() > 1000);
    assert!(korea["reading_minutes"].as_u64().unwrap() >= 4);
    assert_eq!(value[0]["byline"], serde_json::Value::Null);
}

/// The cleaned body's paragraphs: what `show --width 0` prints after the title block.
fn body_paragraphs(shown: &str) -> Vec<&str> {
    shown
        .split("\n\n")
        .skip(1)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn the_first_seed_is_cleaned() {
    let config = TempDir::new().unwrap();
    let shown = stdout_of(config.path(), &["show", "cede concessions", "--width", "0"]);
    assert_eq!(shown.lines().next(), Some(JAPAN_TITLE));
    let body = body_paragraphs(&shown);
    assert!(
        body[0].starts_with("A rising sense of caution is being felt in the Japanese government"),
        "{shown}"
    );
    assert!(
        body.last().unwrap().ends_with("entire East Asia region.”"),
        "{shown}"
    );
    for debris in [
        "print PRINT",
        "• Ambassador",
        "Ukraine",
        "COVID-19",
        "Trending Japan",
    ] {
        assert!(!shown.contains(debris), "{debris:?} left in:\n{shown}");
    }
    let raw = stdout_of(config.path(), &["show", "cede concessions", "--raw"]);
    for debris in ["print PRINT", "• Ambassador", "Trending Japan"] {
        assert!(raw.contains(debris), "{debris:?} missing from the raw text");
    }
}

#[test]
fn the_second_seed_is_cleaned() {
    let config = TempDir::new().unwrap();
    let shown = stdout_of(
        config.path(),
        &["show", "coming in from the cold", "--width", "0"],
    );
    let mut lines = shown.lines();
    assert_eq!(lines.next(), Some(KOREA_TITLE));
    assert_eq!(
        lines.next(),
        Some("Anna Kireeva · 2018-06-18 · valdaiclub.com")
    );
    let body = body_paragraphs(&shown);
    assert!(
        body[0].starts_with("The planned summit between Donald Trump and Kim Jong-un on June 12"),
        "{shown}"
    );
    assert!(
        body.last()
            .unwrap()
            .starts_with("Summing up, from the very beginning"),
        "{shown}"
    );
    assert!(
        shown.contains("including military and civil aircraft and agricultural products"),
        "the paragraph split by a page break is joined"
    );
    for debris in [
        "18.06.18",
        "NORTH KOREA COMING",
        "First published at",
        "Source: [",
        "AUTHOR",
        "Senior Fellow",
        "Location: Moscow",
        "Work experience",
    ] {
        assert!(!shown.contains(debris), "{debris:?} left in:\n{shown}");
    }
    let raw = stdout_of(config.path(), &["show", "coming in from the cold", "--raw"]);
    for debris in [
        "18.06.18",
        "NORTH KOREA COMING",
        "First published at",
        "AUTHOR",
    ] {
        assert!(raw.contains(debris), "{debris:?} missing from the raw text");
    }
}

#[test]
fn show_wraps_at_the_width_asked_for() {
    let config = TempDir::new().unwrap();
    let shown = stdout_of(config.path(), &["show", "cold", "--width", "40"]);
    assert!(shown.lines().all(|l| l.chars().count() <= 40), "{shown}");
    assert!(shown.lines().count() > 50);
}

/// A folder of everything a real archive holds, good and bad.
fn messy_folder() -> TempDir {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("nested/deeper")).unwrap();
    fs::write(
        root.join("nested/deeper/plain.txt"),
        "Deep Title\n\nDeep body text.\n",
    )
    .unwrap();
    fs::write(
        root.join("notes.md"),
        "# Markdown Title\n\nSome *marked* text.\n",
    )
    .unwrap();
    fs::write(root.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::write(root.join("picture.jpg"), b"not read").unwrap();
    fs::write(
        root.join("latin1.txt"),
        b"Caf\xe9 Culture\n\nLe caf\xe9 est ferm\xe9 le dimanche, et la cr\xe8me aussi.\n",
    )
    .unwrap();
    fs::write(
        root.join("windows.txt"),
        b"\xef\xbb\xbfCRLF Title\r\n\r\nFirst line\r\nsecond line.\r\n",
    )
    .unwrap();
    fs::write(
        root.join("escapes.txt"),
        "Evil \x1b]0;pwned\x07 Title\n\nBody \x1b[2J\x1b[31mred\x1b[0m, bell\x07, C1 \u{9b}31m, \
         OSC 52 \x1b]52;c;cHduZWQ=\x07 done.\n",
    )
    .unwrap();
    fs::write(root.join(".hidden.txt"), "Hidden\n\nNever listed.\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("nested/loop")).unwrap();
    dir
}

#[test]
fn list_reads_a_messy_folder_and_reports_what_it_skips() {
    let config = TempDir::new().unwrap();
    let dir = messy_folder();
    let output = folio(config.path())
        .arg("list")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(find_control_sequence(&output.stdout), None);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let titles: Vec<&str> = stdout
        .lines()
        .map(|l| {
            // The title, less the folder the line names (the files are in two folders).
            let title = l.split("  ").nth(1).unwrap();
            title.split(" — ").next().unwrap()
        })
        .collect();
    // Depth-first, in name order: escapes, latin1, nested/deeper/plain, notes, windows.
    assert_eq!(
        titles,
        vec![
            "Evil ^[]0;pwned^G Title",
            "Café Culture",
            "Deep Title",
            "Markdown Title",
            "CRLF Title"
        ],
        "{stdout}"
    );
    assert!(!stdout.contains("Hidden"));
    for (file, reason) in [
        ("binary.txt", "binary file"),
        ("empty.txt", "empty file"),
        (
            "picture.jpg",
            "not a text, Markdown, HTML or mail file (.jpg)",
        ),
    ] {
        let reports: Vec<&str> = stderr.lines().filter(|l| l.contains(file)).collect();
        assert_eq!(reports.len(), 1, "{file} reported once: {stderr}");
        assert!(reports[0].contains(reason), "{file}: {stderr}");
    }
    #[cfg(unix)]
    assert!(
        stderr.contains("loop: a link to a folder, not followed"),
        "{stderr}"
    );
}

#[test]
fn show_prints_each_kind_of_file_safely() {
    let config = TempDir::new().unwrap();
    let dir = messy_folder();
    let path = dir.path().to_str().unwrap();
    for (query, expected) in [
        ("Café", "Le café est fermé le dimanche"),
        ("CRLF", "First line second line."),
        ("Markdown", "Some marked text."),
        ("Deep", "Deep body text."),
        ("Evil", "Body ^[[2J^[[31mred^[[0m, bell^G, C1 <U+009B>31m"),
    ] {
        let output = folio(config.path())
            .args(["show", query, path])
            .output()
            .unwrap();
        assert!(output.status.success(), "{query}: {output:?}");
        assert_eq!(find_control_sequence(&output.stdout), None, "{query}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            stdout.replace('\n', " ").contains(expected),
            "{query}: {stdout}"
        );
    }
    let raw = folio(config.path())
        .args(["show", "Evil", path, "--raw"])
        .output()
        .unwrap();
    assert_eq!(find_control_sequence(&raw.stdout), None);
    assert!(
        String::from_utf8(raw.stdout)
            .unwrap()
            .contains("OSC 52 ^[]52;c;cHduZWQ=^G")
    );
}

#[cfg(unix)]
#[test]
fn escape_sequences_in_file_names_are_made_visible() {
    let config = TempDir::new().unwrap();
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("bad\x1b[2Jname"), "no title here.\n").unwrap();
    let output = folio(config.path())
        .arg("list")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(find_control_sequence(&output.stdout), None);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("bad^[[2Jname"), "{stdout}");
}

#[test]
fn exit_codes() {
    let config = TempDir::new().unwrap();
    let config = config.path();
    folio(config)
        .args(["show", "zebra"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no article matches \"zebra\""));
    folio(config)
        .args(["show", "japan"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2 articles match"))
        .stderr(predicate::str::contains(JAPAN_TITLE));
    folio(config)
        .args(["list", "/no/such/place"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/no/such/place: no such file or folder",
        ));
    folio(config).args(["list", "--bogus"]).assert().code(2);
    folio(config)
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: folio"));
    folio(config)
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("folio "));
    let empty = TempDir::new().unwrap();
    folio(config)
        .arg("list")
        .arg(empty.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no articles found"));
}

#[test]
fn the_interface_needs_a_terminal() {
    let config = TempDir::new().unwrap();
    folio(config.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains("folio list"));
}

#[test]
fn usage_lines_show_the_real_synopsis() {
    let config = TempDir::new().unwrap();
    let usage = |args: &[&str]| {
        let output = folio(config.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        String::from_utf8(output.stderr).unwrap()
    };
    // FOLIO_CONFIG_DIR is set (by `folio`): --config-dir is still optional.
    let list = usage(&["list", "--bogus"]);
    assert!(
        list.contains(
            "Usage: folio list [PATH...] [--json] [--sort ORDER] [--folder NAME] [--no-cache] [--config-dir DIR] [--library DIR]\n"
        ),
        "{list}"
    );
    // A mistyped option is not a reason to show a synopsis built around --mouse.
    let top = usage(&["--bogus"]);
    assert!(
        top.contains(
            "Usage: folio [PATH...] [--mouse] [--no-cache] [--config-dir DIR] [--library DIR]\n"
        ),
        "{top}"
    );
    assert!(
        top.contains("folio bookmarks [PATH...] [--json | --markdown]"),
        "{top}"
    );
    let show = usage(&["show"]);
    assert!(show.contains("Usage: folio show QUERY [PATH...]"), "{show}");
}

#[test]
fn help_says_what_folio_is_and_how_to_call_it() {
    let config = TempDir::new().unwrap();
    let help = stdout_of(config.path(), &["--help"]);
    assert!(
        help.starts_with("A terminal reader for articles.\n\nA document list beside")
            && help.contains("\n\nUsage: folio [PATH...]"),
        "{help}"
    );
    assert!(!help.contains("clap"), "no notes for developers: {help}");
}
