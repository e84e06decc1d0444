//! Mail, news and mbox through the real binary: a folder of news posts, a quoted reply read apart
//! in `folio show`, a newsletter's HTML part, CPython's test messages, an mbox of 1,000 messages,
//! and a bookmark inside an mbox found again after the archive grew.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{find_control_sequence, folio};
use folio::bookmarks::{BookmarkStore, NewBookmark, Selection};
use folio::config::Paths;
use folio::corpus;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs folio with `args` and a config dir of its own: stdout, checked safe, and stderr.
fn run(config: &Path, args: &[&str], paths: &[&Path]) -> (String, String) {
    let output = folio(config).args(args).args(paths).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(find_control_sequence(&output.stdout), None);
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn list_json(config: &Path, path: &Path) -> Vec<serde_json::Value> {
    let (out, _) = run(config, &["list", "--json"], &[path]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_folder_of_news_posts_lists_each_by_subject_author_and_date() {
    let config = TempDir::new().unwrap();
    let (out, err) = run(config.path(), &["list"], &[&fixture("news")]);
    assert_eq!(err, "");
    let rows: Vec<&str> = out
        .lines()
        .map(|l| &l[14..l.rfind("  (").unwrap()])
        .collect();
    assert_eq!(
        rows,
        [
            "Re: xterm Imakefile fails on HP-UX — Rainer Hochreiter · 1993-04-30",
            "xterm Imakefile fails on HP-UX — Ann Smith · 1993-04-28",
            "Re: xterm Imakefile fails on HP-UX — Mark Lee · 1993-04-29",
        ]
    );
    let json = list_json(config.path(), &fixture("news"));
    assert_eq!(json[0]["format"], "mail");
    assert_eq!(json[0]["source"], "comp.windows.x");
}

#[test]
fn a_three_level_reply_reads_apart_with_its_patch_line_for_line_and_its_signature() {
    let config = TempDir::new().unwrap();
    let post = fixture("news/54321");
    let (shown, _) = run(
        config.path(),
        &["show", "Re: xterm", "--width", "72"],
        &[&post],
    );
    let expected_parts = [
        "In article <1993Apr29.1@hp.example>, mark@hp.example (Mark Lee) writes:\n\n\
         │ In article <1993Apr28.7@cs.example>, ann@cs.example (Ann Smith)\n│ writes:\n\n\
         │ │ │ Has anyone built xterm on HP-UX 9.01? The build stops in the\n\
         │ │ │ Imakefile with a message about the all:: target.\n\n\
         │ │ I had the same trouble last week.\n\n\
         │ Same here; the echo line is the culprit.\n\n",
        "  *** 1.1 1993/04/28 06:05:03\n  --- Imakefile 1993/04/30 10:11:12\n  ***************\n\
         \x20 *** 1,3 ****\n  ! all::\n  !   @echo \"\"\n    clean::\n  --- 1,3 ----\n\
         \x20 ! all:: xterm\n  !   @true\n    clean::\n\n",
        "Run xmkmf again afterwards.\n\n--\n\
         Rainer Hochreiter       | Telephone: +43 (1) 89100 / 3961\n\
         ELIN-Energieanwendung   | Fax:       +43 (1) 89100 / 3999\n\
         Vienna, Austria         | rainer@elin.example\n",
    ];
    for part in expected_parts {
        assert!(shown.contains(part), "{part}\nnot in:\n{shown}");
    }
    assert!(
        !shown.contains("Lines: 31"),
        "the header block is not the article"
    );
    let (raw, _) = run(config.path(), &["show", "Re: xterm", "--raw"], &[&post]);
    assert!(raw.starts_with("From: rainer@elin.example (Rainer Hochreiter)\n"));
}

#[test]
fn an_eml_newsletter_reads_as_the_article_of_its_html_part() {
    let config = TempDir::new().unwrap();
    let letter = fixture("mail/newsletter.eml");
    let json = list_json(config.path(), &letter);
    assert_eq!(
        json[0]["title"],
        "Spring tides are coming — what the moon does"
    );
    assert_eq!(json[0]["byline"], "The Tides Weekly — Harbour Desk");
    assert_eq!(json[0]["date"], "2026-03-02");
    assert_eq!(json[0]["source"], "The Tides Weekly");
    let (shown, _) = run(
        config.path(),
        &["show", "spring", "--width", "0"],
        &[&letter],
    );
    assert!(shown.contains("\n\nTwice a month the moon and the sun line up with the earth,"));
    assert!(shown.contains("\n\nBetween the springs come the neap tides,"));
    assert!(shown.ends_with("\n\n[attachment: tide-table-march.pdf, 136 bytes]\n"));
    for furniture in [
        "View in browser",
        "Unsubscribe",
        "Archive",
        "View this newsletter",
    ] {
        assert!(!shown.contains(furniture), "{furniture} in:\n{shown}");
    }
}

#[test]
fn cpython_test_messages_read_with_their_parts_decoded() {
    let config = TempDir::new().unwrap();
    let folder = fixture("cpython-email");
    let (out, err) = run(config.path(), &["list"], &[&folder]);
    assert_eq!(err, "");
    assert_eq!(out.lines().count(), 3);
    let (lyrics, _) = run(
        config.path(),
        &["show", "Lyrics", "--width", "0"],
        &[&folder],
    );
    assert!(lyrics.starts_with("Lyrics\nBarry Warsaw · 2001-04-20\n\n"));
    for part in [
        "This is a 7bit encoded message.",
        "¡This is a Quoted Printable encoded message!",
        "This is a Base64 encoded message.",
        "This has no Content-Transfer-Encoding: header.",
    ] {
        assert!(lyrics.contains(part), "{part} in:\n{lyrics}");
    }
    let (dingus, _) = run(
        config.path(),
        &["show", "dingus", "--width", "0"],
        &[&folder],
    );
    assert!(dingus.contains("\n\nThis is the dingus fish.\n"));
    assert!(
        dingus.ends_with("[attachment: dingusfish.gif, 4 KB]\n"),
        "{dingus}"
    );
    let (html, _) = run(config.path(), &["show", "XX", "--width", "0"], &[&folder]);
    assert!(
        html.contains("Some removed text."),
        "the HTML alternative: {html}"
    );
}

/// An mbox of `count` messages: each with its own subject, sender and Message-ID.
fn mbox_of(count: usize) -> String {
    (1..=count)
        .map(|n| {
            format!(
                "From writer{n}@lists.example Mon Mar  2 08:00:00 2026\n\
                 From: Writer {n} <writer{n}@lists.example>\n\
                 Subject: Harbour note {n}\n\
                 Date: Mon, 2 Mar 2026 08:00:00 +0000\n\
                 Message-ID: <note{n}@lists.example>\n\n\
                 Note {n} on the harbour: the tide table for week {n} is out.\n\
                 >From the office: moorings {n} and {m} are free.\n\n",
                m = n + 1
            )
        })
        .collect()
}

#[test]
fn an_mbox_of_1000_messages_lists_1000_articles_each_searchable_by_its_subject() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("harbour.mbox");
    fs::write(&archive, mbox_of(1000)).unwrap();
    let config = TempDir::new().unwrap();
    let json = list_json(config.path(), &archive);
    assert_eq!(json.len(), 1000);
    assert_eq!(json[999]["title"], "Harbour note 1000");
    assert!(
        json[2]["path"]
            .as_str()
            .unwrap()
            .ends_with("harbour.mbox#3")
    );
    let (shown, _) = run(
        config.path(),
        &["show", "Harbour note 777", "--width", "0"],
        &[&archive],
    );
    assert!(shown.contains("From the office: moorings 777 and 778 are free."));
    let third = json[2]["id"].as_str().unwrap();
    let (raw, _) = run(config.path(), &["show", third, "--raw"], &[&archive]);
    assert!(raw.starts_with("From: Writer 3 <"), "{raw}");
    assert!(
        !raw.contains("Writer 4"),
        "the raw view is the message alone"
    );
    let (found, _) = run(
        config.path(),
        &["search", "moorings 500 and", "--count"],
        &[&archive],
    );
    // One article, message 500 (named by its title or its path#500), one match.
    let lines: Vec<&str> = found.lines().collect();
    assert_eq!(lines.len(), 1, "{found}");
    assert!(lines[0].ends_with("500: 1"), "{found}");
}

#[test]
fn a_bookmark_in_the_third_message_of_an_mbox_finds_its_passage_after_the_archive_grew() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("harbour.mbox");
    fs::write(&archive, mbox_of(5)).unwrap();
    let config = TempDir::new().unwrap();
    let corpus = corpus::load(std::slice::from_ref(&archive));
    let third = &corpus.articles[2];
    assert_eq!(third.title, "Harbour note 3");
    let mut store = BookmarkStore::open(&Paths::resolve(Some(config.path())).unwrap());
    let new = NewBookmark::from_selection(third, Selection::blocks(0, 0), "third");
    store.add(&new.unwrap()).unwrap();

    fs::write(&archive, mbox_of(8)).unwrap();
    let (out, _) = run(config.path(), &["bookmarks", "--json"], &[&archive]);
    let saved: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(saved[0]["article"]["title"], "Harbour note 3");
    assert_eq!(saved[0]["anchor"]["state"], "exact");
    let (listed, _) = run(config.path(), &["bookmarks"], &[&archive]);
    assert!(listed.contains("Note 3 on the harbour"), "{listed}");
}

/// Pieces of mail that exercise the parsers: MIME structure, encodings, quotes, signatures,
/// patches, controls.
const MAIL_PIECES: &[&str] = &[
    "word ",
    "\n",
    "\r\n",
    "\n\n",
    "> ",
    ">>",
    ">From ",
    "-- \n",
    "--\n",
    "*** 1,3 ****\n",
    "--- a\n+++ b\n",
    "@@ -1 +1 @@\n",
    "+line\n",
    "In article <x@y>, z writes:\n",
    "Content-Type: multipart/mixed; boundary=b\n",
    "Content-Type: text/html\n",
    "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: quoted-printable\n",
    "--b\n",
    "--b--\n",
    "=?utf-8?b?w6k=?=",
    "=?x-unknown?q?=E9?=",
    "=E9",
    "=\n",
    "<p>",
    "</p>",
    "\x1b[2J",
    "\u{9b}",
    "\u{202e}",
    "\x0c",
    "\t",
    "\0",
    "    indented\n",
    "a    b    c\n",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any body under a header block loads without a panic, and nothing unsafe reaches a field.
    #[test]
    fn any_message_loads_safely(
        pieces in proptest::collection::vec(proptest::sample::select(MAIL_PIECES), 0..120),
        subject in proptest::sample::select(MAIL_PIECES),
    ) {
        let message = format!(
            "From: a@example.org\nSubject: {subject}\nMIME-Version: 1.0\n{}",
            pieces.concat()
        );
        let text = String::from_utf8_lossy(message.as_bytes()).into_owned();
        let article = folio::article::Article::from_message("m.eml", "m", message.as_bytes(), &text);
        let raw = article.original.kept().expect("built in memory, so kept");
        for field in [article.title.as_str(), raw].into_iter().chain(article.byline.as_deref()) {
            proptest::prop_assert!(folio::sanitize::is_terminal_safe(field), "{field:?}");
        }
        for block in &article.blocks {
            proptest::prop_assert!(folio::sanitize::is_terminal_safe(&block.text), "{:?}", block.text);
            proptest::prop_assert!(block.text.len() <= folio::article::MAX_BLOCK_BYTES);
        }
        let shown = folio::wrap::to_plain_text(&article, 40);
        proptest::prop_assert!(folio::sanitize::is_terminal_safe(&shown));
    }
}
