//! Terminal escape injection: control sequences hidden in article text, titles, file names,
//! bookmark notes and search queries never reach the terminal as sequences, neither through the
//! command line's stdout and stderr nor through the interface in a real pseudo-terminal.
//!
//! Every kind a terminal acts on is tried: CSI (clear, cursor moves, colours), OSC (window title,
//! OSC 52 clipboard, OSC 8 links), DCS, BEL, the C1 controls as characters and as raw 8-bit bytes,
//! and bidi overrides and isolates.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::pty::Pty;
use common::{folio, terminal_hazard};
use serde_json::json;
use tempfile::TempDir;

/// Colours a file would set: distinctive, so the test can tell them from folio's own drawing.
const STYLE: &str = "\x1b[31;1;4;9m";
/// A cursor move far off any screen folio draws on.
const CURSOR: &str = "\x1b[77;77H\x1b[5A";
const CLEAR: &str = "\x1b[2J\x1b[3J";
const TITLE: &str = "\x1b]0;pwned-title\x07";
const TITLE_ST: &str = "\x1b]2;pwned-title-2\x1b\\";
const CLIPBOARD: &str = "\x1b]52;c;cHduZWQ=\x07";
const LINK: &str = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\";
const DCS: &str = "\x1bP+q544e\x1b\\";
/// 8-bit CSI, OSC and DCS as characters (U+009B, U+009D, U+0090, ended by ST U+009C).
const C1: &str = "\u{9b}31m \u{9d}0;c1-title\u{9c} \u{90}c1-dcs\u{9c} \u{85}";
const BIDI: &str =
    "\u{202e}desrever\u{202c} \u{2066}isolated\u{2069} \u{202a}\u{202b}\u{202d}\u{2067}\u{2068}";

/// Every sequence above, and a bell.
fn everything() -> String {
    let all_c1: String = ('\u{80}'..='\u{9f}').collect();
    [
        STYLE, CURSOR, CLEAR, TITLE, TITLE_ST, CLIPBOARD, LINK, DCS, C1, BIDI, "\x07", &all_c1,
    ]
    .join(" ")
}

/// A folder of hostile articles, sorted so the worst comes first in the list.
fn hostile_folder() -> TempDir {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    let evil = everything();
    // No title in the text: the title is the file name, escapes and all.
    fs::write(
        root.join(format!("0-{STYLE}{TITLE}{CURSOR}\u{9b}2J\u{202e}name.txt")),
        format!("this file has no title line, so its name is shown. {STYLE}red{CLIPBOARD}\n"),
    )
    .unwrap();
    fs::write(
        root.join("1-text.txt"),
        format!(
            "Evil {TITLE} Title {STYLE}\n\nFirst paragraph {evil} end.\n\n\
             Second {CLEAR}{CURSOR} paragraph\twith\ttabs.\n\n- item {LINK}\n- item {DCS}\n"
        ),
    )
    .unwrap();
    fs::write(
        root.join("2-markdown.md"),
        format!(
            "# Heading {TITLE_ST}\n\nText [link {LINK}](https://x.example/{CLIPBOARD}) and \
             `code {DCS}`.\n\n> quote {C1}\n\n```\ncode block {evil}\n```\n\n1. {BIDI}\n"
        ),
    )
    .unwrap();
    // Raw 8-bit C1 bytes in a legacy-encoded file: 0x9b is CSI to a terminal reading 8 bits.
    fs::write(
        root.join("3-latin1.txt"),
        b"Caf\xe9 Eight Bit\n\nCSI \x9b31m OSC \x9d0;x\x07 DCS \x90q\x9c \x1b]0;t\x07 done.\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        // A file name that is not UTF-8 at all, with raw C1 bytes.
        let name = std::ffi::OsStr::from_bytes(b"4-raw-\x9b31m-\x9d0;x\x07.txt");
        fs::write(root.join(name), "Raw name\n\nText.\n").unwrap();
        // Skipped files are named on stderr: their names must be as safe.
        let name = std::ffi::OsStr::from_bytes(b"5-binary-\x1b]0;skip\x07\x9b.txt");
        fs::write(root.join(name), b"\0\x01binary").unwrap();
    }
    dir
}

/// Runs `folio ARGS` with `config` and asserts that neither stdout nor stderr holds anything a
/// terminal acts on. Returns (exit code, stdout, stderr).
fn run(config: &Path, args: &[&str]) -> (i32, String, String) {
    let output = folio(config).args(args).output().unwrap();
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        if let Some(hazard) = terminal_hazard(bytes) {
            panic!("{args:?} wrote to {stream}: {hazard}");
        }
    }
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn ids(config: &Path, folder: &str) -> Vec<String> {
    let (_, json, _) = run(config, &["list", "--json", folder]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn list_and_show_print_every_sequence_as_visible_text() {
    let config = TempDir::new().unwrap();
    let dir = hostile_folder();
    let folder = dir.path().to_str().unwrap();
    let (code, listed, stderr) = run(config.path(), &["list", folder]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        listed.contains("0-^[[31;1;4;9m^[]0;pwned-title^G^[[77;77H"),
        "{listed}"
    );
    assert!(listed.contains("<U+009B>2J<U+202E>name"), "{listed}");
    assert!(
        listed.contains("Evil ^[]0;pwned-title^G Title ^[[31;1;4;9m"),
        "{listed}"
    );
    let (_, json, _) = run(config.path(), &["list", "--json", folder]);
    assert!(
        json.contains("4-raw-\u{fffd}31m-\u{fffd}0;x^G.txt"),
        "{json}"
    );
    assert!(
        stderr.contains("5-binary-^[]0;skip^G\u{fffd}.txt: binary file"),
        "{stderr}"
    );
    let ids = ids(config.path(), folder);
    assert_eq!(ids.len(), 5);
    for id in &ids {
        for extra in [&["--width", "30"][..], &["--width", "0"], &["--raw"]] {
            let mut args = vec!["show", id.as_str(), folder];
            args.extend(extra);
            let (code, shown, _) = run(config.path(), &args);
            assert_eq!(code, 0, "{args:?}");
            assert!(!shown.is_empty());
        }
    }
    let (_, text, _) = run(config.path(), &["show", "Evil", folder, "--width", "0"]);
    for visible in [
        "^[[31;1;4;9m",
        "^[[77;77H^[[5A",
        "^[[2J^[[3J",
        "^[]0;pwned-title^G",
        "^[]2;pwned-title-2^[\\",
        "^[]52;c;cHduZWQ=^G",
        "^[]8;;https://evil.example/^[\\click^[]8;;^[\\",
        "^[P+q544e^[\\",
        "<U+009B>31m <U+009D>0;c1-title<U+009C> <U+0090>c1-dcs<U+009C> <U+0085>",
        "<U+202E>desrever<U+202C> <U+2066>isolated<U+2069>",
    ] {
        assert!(text.contains(visible), "{visible:?} not in {text}");
    }
    let (_, markdown, _) = run(config.path(), &["show", "Heading", folder, "--width", "0"]);
    assert!(
        markdown.contains("Heading ^[]2;pwned-title-2^[\\"),
        "{markdown}"
    );
    assert!(markdown.contains("code ^[P+q544e^[\\"), "{markdown}");
}

#[test]
fn search_never_echoes_a_sequence_from_a_file_or_from_the_query() {
    let config = TempDir::new().unwrap();
    let dir = hostile_folder();
    let folder = dir.path().to_str().unwrap();
    let (code, found, _) = run(config.path(), &["search", "pwned", folder]);
    assert_eq!(code, 0);
    assert!(found.contains("^[]0;pwned-title^G"), "{found}");
    let (code, counted, _) = run(config.path(), &["search", "pwned", folder, "--count"]);
    assert_eq!(code, 0);
    assert!(counted.contains("/1-text.txt: 2\n"), "{counted}");
    // Lines name the article by its path: a file name's sequences are shown, not played.
    let (code, named, _) = run(config.path(), &["search", "no title line", folder]);
    assert_eq!(code, 0);
    assert!(
        named.contains("0-^[[31;1;4;9m^[]0;pwned-title^G")
            && named.contains("<U+202E>name.txt:1: "),
        "{named}"
    );
    // The placeholders are text, so a person can search for them.
    let (code, found, _) = run(config.path(), &["search", "^[]52;c", folder]);
    assert_eq!(code, 0);
    assert!(found.lines().count() >= 2, "{found}");
    // A query holding sequences is echoed in messages: escaped, never live.
    for query in [
        format!("{TITLE} nothing"),
        format!("{CLIPBOARD}{STYLE}"),
        format!("{DCS}\u{9b}2J\u{202e}"),
        format!("/{TITLE}(/"),
        format!("/[{CLEAR}/"),
        format!("/\\p{{{TITLE}}}/"),
        "\x07\x1b".to_owned(),
    ] {
        let (code, found, stderr) = run(config.path(), &["search", &query, folder]);
        assert!(code == 1 || code == 2, "{query:?}: {code}");
        assert!(found.is_empty(), "{query:?}: {found}");
        assert!(
            stderr.lines().last().unwrap().starts_with("folio: "),
            "{stderr}"
        );
        let (_, _, stderr) = run(config.path(), &["show", &query, folder]);
        assert!(stderr.contains("no article matches"), "{stderr}");
    }
}

/// A bookmarks file edited by hand with sequences in every string, in fields this folio knows and
/// in ones a newer folio might add.
fn hostile_bookmarks(config: &Path, folder: &Path) {
    let corpus = folio::corpus::load(&[folder.to_owned()]);
    let article = corpus
        .articles
        .iter()
        .find(|a| a.title.starts_with("Evil"))
        .unwrap();
    let evil = everything();
    let bookmarks = json!({
        "version": 1,
        "future_top_level": evil,
        "bookmarks": [
            {
                "id": format!("id-{DCS}"),
                "article": { "id": article.id, "path": article.path, "title": article.title },
                "passage": {
                    "first_block": 0,
                    "last_block": 0,
                    "quote": article.blocks[0].text,
                    "before": "",
                    "after": format!("after {CLEAR}"),
                },
                "note": format!("note {TITLE}\nsecond line {CLIPBOARD} {C1} {BIDI}"),
                "created": "2025-05-01T09:30:00Z",
                "updated": "2025-05-01T09:30:00Z",
                "future_field": format!("{evil} \u{7f}"),
                "future_object": { format!("key {STYLE}\u{9b}"): [evil, { "deep": C1 }] },
            },
            {
                "id": "gone",
                "article": {
                    "id": "000000000000",
                    "path": format!("/gone/{TITLE}.txt"),
                    "title": format!("Gone {STYLE}{LINK}"),
                },
                "passage": {
                    "first_block": 3,
                    "last_block": 3,
                    "quote": format!("a quote {CURSOR}{C1}"),
                    "before": format!("{BIDI}"),
                    "after": "",
                },
                "note": format!("{DCS}"),
                "created": "2025-05-02T09:30:00Z",
                "updated": "2025-05-02T09:30:00Z",
            }
        ]
    });
    fs::create_dir_all(config).unwrap();
    fs::write(
        config.join("bookmarks.json"),
        serde_json::to_string_pretty(&bookmarks).unwrap(),
    )
    .unwrap();
}

#[test]
fn bookmarks_edited_by_hand_print_safely_in_every_format() {
    let config = TempDir::new().unwrap();
    let dir = hostile_folder();
    hostile_bookmarks(config.path(), dir.path());
    let before = fs::read(config.path().join("bookmarks.json")).unwrap();
    let folder = dir.path().to_str().unwrap();
    let (code, plain, stderr) = run(config.path(), &["bookmarks", folder]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        plain.contains("    note ^[]0;pwned-title^G\n    second line ^[]52;c;"),
        "{plain}"
    );
    assert!(plain.contains("from “Gone ^[[31;1;4;9m^[]8;;"), "{plain}");
    let (code, markdown, _) = run(config.path(), &["bookmarks", folder, "--markdown"]);
    assert_eq!(code, 0);
    assert!(
        markdown.contains("> a quote ^[[77;77H^[[5A<U+009B>31m"),
        "{markdown}"
    );
    let (code, json, _) = run(config.path(), &["bookmarks", folder, "--json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 2);
    assert!(
        json.contains("future_field"),
        "fields a newer folio wrote are shown"
    );
    assert_eq!(
        fs::read(config.path().join("bookmarks.json")).unwrap(),
        before,
        "reading never rewrites the file"
    );
}

/// Bytes of `needle` in `haystack`, for telling a file's sequences from folio's own drawing.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_interface_draws_sequences_as_text_and_sends_none() {
    let config = TempDir::new().unwrap();
    let dir = hostile_folder();
    hostile_bookmarks(config.path(), dir.path());
    let folder: PathBuf = dir.path().to_owned();
    let mut pty = Pty::spawn(config.path(), &[folder.to_str().unwrap()], 120, 40);
    // " LIST " shows while the articles are still loading: wait for the hostile title itself,
    // drawn as text.
    pty.wait_for("0-^[[31;1;4;9m^[]0;pwned-title^G");
    // Open the hostile articles one after the other: the list's first two entries.
    pty.send("\r");
    let shown = pty.wait_for(" READ  1/5 ");
    assert!(
        shown.contains("^[[31;1;4;9mred^[]52;c;cHduZWQ=^G"),
        "{shown}"
    );
    pty.send("]");
    let shown = pty.wait_for(" READ  2/5 ");
    assert!(shown.contains("Evil ^[]0;pwned-title^G Title"), "{shown}");
    assert!(shown.contains("<U+009B>31m"), "{shown}");
    assert!(shown.contains("<U+202E>desrever<U+202C>"), "{shown}");
    for _ in 0..3 {
        pty.send("]");
    }
    pty.wait_for(" READ  5/5 ");
    pty.send("q");
    assert!(pty.wait_exit().success());

    let output = pty.output();
    // folio draws with CSI sequences of its own...
    assert!(contains(&output, b"\x1b["), "folio drew nothing?");
    // ...but none of the file's, and nothing else.
    for (what, needle) in [
        ("OSC", &b"\x1b]"[..]),
        ("DCS", b"\x1bP"),
        ("APC", b"\x1b_"),
        ("PM", b"\x1b^"),
        ("SOS", b"\x1bX"),
        ("ST", b"\x1b\\"),
        ("BEL", b"\x07"),
        ("the file's colours", STYLE.as_bytes()),
        ("the file's cursor moves", b"\x1b[77;77H"),
        ("the file's cursor moves", b"\x1b[5A"),
        ("the file's scrollback clear", b"\x1b[3J"),
    ] {
        assert!(
            !contains(&output, needle),
            "{what} ({needle:?}) reached the terminal"
        );
    }
    // No C1 control either: as UTF-8 (C2 80..C2 9F) or as a raw byte (which is not UTF-8).
    let text = std::str::from_utf8(&output).expect("the terminal got raw 8-bit bytes");
    let c1 = text.chars().find(|c| ('\u{80}'..='\u{9f}').contains(c));
    assert_eq!(c1, None, "a C1 control reached the terminal");
    let bidi = text
        .chars()
        .find(|c| ('\u{202a}'..='\u{202e}').contains(c) || ('\u{2066}'..='\u{2069}').contains(c));
    assert_eq!(bidi, None, "a bidi control reached the terminal");
    // What the terminal was asked besides drawing: nothing.
    let requests = pty.requests();
    assert_eq!(requests, common::pty::Requests::default(), "{requests:?}");
}

#[test]
fn arguments_quoted_in_usage_errors_are_visible_text() {
    let config = TempDir::new().unwrap();
    // A file named like an option, matched by a glob (`folio list *`), and a value with a
    // window-title sequence and an 8-bit CSI: clap quotes both in its message.
    for args in [
        &["list", "--\x1b]0;PWNED\x07.txt", "a.txt"][..],
        &["show", "x", "--width", "\x1b]0;W\x07\u{9b}31m\u{202e}"],
        &["--\u{9d}0;t\u{9c}\u{2066}"],
    ] {
        let (code, _, stderr) = run(config.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
    let (code, _, stderr) = run(config.path(), &["show", "x", "--width", "\u{9b}31m"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("'<U+009B>31m'"), "{stderr}");
}

#[test]
fn json_output_escapes_c1_and_bidi_controls() {
    let config = TempDir::new().unwrap();
    let hostile_id = "x\u{9b}2J\u{202e}";
    let bookmarks = json!({
        "version": 1,
        "bookmarks": [{
            "id": format!("b{hostile_id}"),
            "article": { "id": hostile_id, "path": "/a.txt", "title": "A" },
            "passage": { "first_block": 0, "last_block": 0, "quote": "q" },
            "note": "",
            "created": "2025-05-01T09:30:00Z",
            "updated": "2025-05-01T09:30:00Z",
        }]
    });
    fs::write(
        config.path().join("bookmarks.json"),
        serde_json::to_string(&bookmarks).unwrap(),
    )
    .unwrap();
    let (code, json, _) = run(config.path(), &["bookmarks", "--json"]);
    assert_eq!(code, 0);
    assert!(json.contains(r#""id": "x\u009b2J\u202e""#), "{json}");
    // Escaped, not changed: the JSON still says what the file says.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value[0]["article"]["id"], hostile_id);
}
